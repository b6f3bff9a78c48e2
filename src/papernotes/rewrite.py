"""A note's page: the HTML the loader rendered, with its slots filled for the site.

The loader renders each note once (markdown/html.py) and leaves a slot wherever the output
depends on the rest of the site. Here each slot is filled from the graph's resolutions: links
and embeds become site URLs (or visibly broken text, or plain text for a private note), `#tags`
link to their topic pages, lines holding a paper written inline get its anchor, query blocks
show their results and `![[Note#Section]]` embeds the section, with links fixed for this page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from papernotes.diagnostics import Diagnostic
from papernotes.markdown.html import SLOT_RE, UrlOf, code_block, render_page
from papernotes.markdown.logseq import is_block_ref, linked_block
from papernotes.model import Citation, Link, Note, NoteHtml, NoteKey, Paper, Query
from papernotes.paths import is_note_path, stem
from papernotes.render import page_url, relative_url, url_path
from papernotes.resolve import Resolved

Resolutions = Mapping[NoteKey, Sequence[tuple[Link, Resolved | None]]]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif")
_SIZE_RE = re.compile(r"^(\d+)(?:x(\d+))?$")
_EMBEDDED_IDS_RE = re.compile(r'(?<=<h[1-6]) id="[^"]*"|<a class="headerlink" [^>]*>&para;</a>'
                              r'|<a id="\^[^"]*" class="pn-block"></a>')
_NOT_A_PAGE = ' class="pn-broken" title="not a page of this site"'  # the path may name a private note

# Transclusion is bounded per page, so no embed structure (chains, fan-out, DAGs embedding the
# same note many times over) makes a page bigger or slower than these, whatever the vault:
MAX_EMBED_DEPTH = 8
"""Embeds inside embeds inside embeds...: deeper ones show a notice instead."""
MAX_EMBEDS = 200
"""Notes (or sections) embedded on one page, counting nested embeds."""
MAX_EMBED_CHARS = 1_000_000
"""Characters of embedded HTML on one page, counting nested embeds."""


@dataclass(frozen=True, slots=True)
class CiteTarget:
    """What a citation of a key shows and where it goes (papernotes.bib fills these)."""

    author: str
    """`He et al.`, `He & Zhang`, or a short title when the paper has no authors."""
    year: str
    title: str
    key: str = ""
    """The note (page) the citation links to, with `anchor`; empty for a paper without a page."""
    anchor: str = ""
    paper: str = ""
    """The paper's id: two keys of one paper share its number in a numeric style."""


@dataclass(frozen=True, slots=True)
class LinkContext:
    """What filling a note's slots needs to know about the whole site."""

    notes: Mapping[NoteKey, Note]
    resolutions: Resolutions
    published: frozenset[str]
    page_src: Mapping[str, str]
    use_directory_urls: bool = True
    tag_pages: Mapping[str, str] = field(default_factory=dict)
    """`#tag` -> the source path of its topic page (empty when topic pages are off)."""
    queries: Mapping[tuple[str, int, str], str] = field(default_factory=dict)
    """(note key, file line, query text) -> the query's rendered Markdown (papernotes.dataview)."""
    line_anchors: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    """Note key -> {file line: id}: where papers written inline get an anchor on their own line."""
    citations: Mapping[str, CiteTarget] = field(default_factory=dict)
    """Citekey -> what `[@key]` and `@key` show and link to; a key not here stays as written."""
    numeric_citations: bool = False
    """The citation style numbers references (`[1]`, IEEE) instead of naming author and year."""
    strict_line_breaks: bool = False
    """False: a single newline in a paragraph shows as a line break, as Obsidian shows it by
    default; True: CommonMark's soft break (Obsidian's "Strict line breaks" setting)."""
    sections: _Sections = field(default_factory=lambda: _Sections(), compare=False, repr=False)
    """Embedded sections, decompressed once per build rather than once per embed."""

    def src_of(self, key: str) -> str:
        return self.page_src.get(key, key)

    def key_of(self, src: str) -> str:
        """The note a page's source path belongs to (the home note may be served as `index.md`)."""
        for key, page in self.page_src.items():
            if page == src:
                return key
        return src if src not in self.page_src.values() else ""

    def paper_place(self, paper: Paper) -> tuple[str, str] | None:
        """(note key, anchor) where a paper is best read: its own note, else the line that mentions it."""
        if paper.note and paper.note in self.published:
            return paper.note, ""
        for source in paper.sources:
            if source.path in self.published:
                note = self.notes[source.path]
                line_anchor = self.line_anchors.get(source.path, {}).get(source.line)
                return source.path, line_anchor or paper.anchor or anchor_above(note, source.line)
        return None

    def url_of(self, src: str) -> str | None:
        """The site URL of a published note's or topic's page, or of a vault file; None for a
        note that is not a page. (The plugin asks MkDocs' file list instead.)"""
        if not is_note_path(src):
            return url_path(src)
        if self.key_of(src) in self.published or src in self.tag_pages.values():
            return page_url(src, self.use_directory_urls)
        return None


def anchor_above(note: Note, line: int) -> str:
    """The anchor of the heading a file line sits under (the closest place a link can land)."""
    anchor = ""
    for heading in note.headings:
        if heading.line <= line:
            anchor = heading.anchor
    return anchor


class _Sections:
    """(note, anchor) -> the HTML `![[note#anchor]]` embeds, ids removed; at most `limit`
    characters kept (then forgotten and made again), so memory stays bounded."""

    def __init__(self, limit: int = 32_000_000) -> None:
        self.found: dict[tuple[str, str], str] = {}
        self.size, self.limit = 0, limit

    def get(self, note: Note, anchor: str) -> str:
        key = (note.path, anchor)
        part = self.found.get(key)
        if part is None:
            part = _EMBEDDED_IDS_RE.sub("", section(note.html, anchor))  # ids stay on their own page
            if self.size + len(part) > self.limit:
                self.found.clear()
                self.size = 0
            self.found[key] = part
            self.size += len(part)
        return part


@dataclass(slots=True)
class _Budget:
    """What one page may still embed; the embeds past it, and the first place one was cut."""

    embeds: int = MAX_EMBEDS
    chars: int = MAX_EMBED_CHARS
    line: int = 0
    written: str = ""
    """The page's line, and text, of the top-level embed being expanded."""
    cut: int = 0
    first: tuple[int, str, str] | None = None
    """(page line, embed as written there, why) of the first embed cut."""

    def refuse(self, depth: int, size: int) -> str:
        """Why an embed of `size` characters at `depth` is not shown; "" when it is (and counted)."""
        if depth > MAX_EMBED_DEPTH:
            return f"embeds nested more than {MAX_EMBED_DEPTH} deep"
        if self.embeds <= 0:
            return f"the page already embeds {MAX_EMBEDS:,} notes or sections"
        if size > self.chars:
            return f"the page's embeds would pass {MAX_EMBED_CHARS:,} characters"
        self.embeds -= 1
        self.chars -= size
        return ""


@dataclass(frozen=True, slots=True)
class FilledPage:
    html: str
    diagnostics: tuple[Diagnostic, ...]


def fill_page(note: Note, ctx: LinkContext, url_of: UrlOf | None = None) -> FilledPage:
    """The HTML of a note's page (its body; the theme adds the rest), and a warning when its
    embeds went past the page's limits."""
    page = _Page(ctx, ctx.src_of(note.path), url_of or ctx.url_of)
    body = page.fill(note, note.html.html, (note.path,))
    return FilledPage(body, _budget_problems(note, page.budget))


def note_html(note: Note, ctx: LinkContext, url_of: UrlOf | None = None) -> str:
    """The HTML of a note's page (its body; the theme adds the rest)."""
    return fill_page(note, ctx, url_of).html


def embed_problems(ctx: LinkContext) -> list[Diagnostic]:
    """The embed-limit warnings of every published page that embeds a note, found before any
    page is built (the same fill the page gets, so the warnings match the notices shown)."""
    problems: list[Diagnostic] = []
    for key in sorted(ctx.published):
        note = ctx.notes.get(NoteKey(key))
        if note is not None and any(link.kind == "embed" and resolved is not None and resolved.is_note
                                    for link, resolved in ctx.resolutions.get(note.path, ())):
            problems += fill_page(note, ctx).diagnostics
    return problems


def _budget_problems(note: Note, budget: _Budget) -> tuple[Diagnostic, ...]:
    if budget.first is None:
        return ()
    line, written, why = budget.first
    return (Diagnostic(
        note.path, line, "warning", "embed-limit",
        f"{written} and the embeds inside it go past this page's embed limit ({why}): "
        f"{budget.cut:,} embeds are shown as a notice instead",
        "embed a smaller section (![[Note#Heading]]) or link to the note ([[Note]]) instead",
    ),)


def section(rendered: NoteHtml, anchor: str) -> str:
    """The part of a note's HTML that `![[Note#anchor]]` embeds: a heading's section (up to the
    next heading of its level or higher), a `^block`, or the whole note."""
    text = rendered.html
    if anchor.startswith("^"):
        for name, start, end in rendered.blocks:
            if name == anchor[1:]:
                return text[start:end]
    elif anchor:
        for position, (name, level, start) in enumerate(rendered.sections):
            if name == anchor:
                end = next((at for _, other, at in rendered.sections[position + 1:] if other <= level), len(text))
                return text[start:end]
    return text


def broken(text: str, reason: str) -> str:
    """Visibly broken: no href, the reason on hover."""
    return (f'<span class="pn-broken" title="{html.escape(reason)}">'
            f"{html.escape(text, quote=False)}</span>")


def block_text(note: Note, uuid: str) -> str:
    """What a `((uuid))` reference to a block of `note` shows: the block's first line."""
    return next((text for block, text in note.block_texts if block == uuid), "")


def _label(link: Link) -> str:
    if link.text:
        return link.text
    if link.target and link.fragment:
        return f"{stem(link.target)} > {link.fragment.lstrip('^')}"
    return stem(link.target) if link.target else link.fragment.lstrip("^")


def _shown(link: Link) -> str:
    """A link's target as a tooltip names it: `Kaiming/Moco#Method`, no `[[` `]]` (never left in pages)."""
    return link.target + (f"#{link.fragment}" if link.fragment else "") or link.raw


class _Page:
    """Fills slots for one page: every URL is relative to it, also inside embedded notes."""

    def __init__(self, ctx: LinkContext, base: str, url_of: UrlOf) -> None:
        self.ctx, self.base, self.url_of = ctx, base, url_of
        self.base_url = page_url(base, ctx.use_directory_urls)
        self.budget = _Budget()

    def fill(self, note: Note, body: str, stack: tuple[str, ...]) -> str:
        resolutions = self.ctx.resolutions.get(note.path, ())
        anchors = self.ctx.line_anchors.get(note.path, {})

        def one(match: re.Match[str]) -> str:
            kind, number = match.group(1), int(match.group(2))
            if kind == "B":
                return "\n" if self.ctx.strict_line_breaks else "<br />\n"
            if kind == "P":
                anchor = anchors.get(number) if len(stack) == 1 else None  # not again in an embed
                return f'<a id="{html.escape(anchor)}" class="pn-anchor"></a>' if anchor else ""
            if kind == "T":
                return self.hashtag(note.hashtags[number].tag)
            if kind == "Q":
                return self.query(note, note.queries[number])
            if kind == "C":
                return self.citation(note, note.citations[number]) if number < len(note.citations) else ""
            if number >= len(resolutions):
                return ""
            link, resolved = resolutions[number]
            if kind == "W":
                return self.wikilink(link, resolved, note)
            if kind in "EF":
                if len(stack) == 1:
                    self.budget.line, self.budget.written = link.line, link.raw
                shown = self.embed(link, resolved, stack)
                return shown if kind == "E" or shown.startswith("<div") else f"<p>{shown}</p>\n"
            if kind == "S":
                return self.html_src(link, resolved)
            return self.attribute(link, resolved)

        return SLOT_RE.sub(one, body)

    def href(self, key: str, anchor: str = "") -> str:
        src = self.ctx.src_of(key)
        url = page_url(src, self.ctx.use_directory_urls) if is_note_path(src) else url_path(src)
        return html.escape(relative_url(url + (f"#{anchor}" if anchor else ""), self.base_url))

    def wikilink(self, link: Link, resolved: Resolved | None, note: Note) -> str:
        if is_block_ref(link):
            return self.block_ref(link, resolved, note)
        label = html.escape(resolved.label if resolved is not None and resolved.label else _label(link), quote=False)
        if resolved is None:
            if note.outline and link.kind == "wikilink" and ".." not in link.target.split("/"):
                # a Logseq page with no file: no mistake there (resolve.py reports it as info)
                return f'<span class="pn-page" title="a Logseq page with no file">{label}</span>'
            return broken(_label(link), f"{_shown(link)} matches no note")
        if resolved.is_note and resolved.key not in self.ctx.published:
            return label
        if resolved.key == note.path and not link.target:
            return f'<a href="#{html.escape(resolved.anchor)}">{label}</a>' if resolved.anchor else label
        return f'<a href="{self.href(resolved.key, resolved.anchor)}">{label}</a>'

    def block_ref(self, link: Link, resolved: Resolved | None, note: Note) -> str:
        """`((uuid))` as Logseq shows it, the referenced block's text, linking to the block; as
        written when the block is missing or in a note the site does not publish."""
        if resolved is None:
            return broken(link.raw, "no block of the vault has this id")
        if resolved.key not in self.ctx.published:
            return html.escape(link.raw, quote=False)
        text = block_text(self.ctx.notes[NoteKey(resolved.key)], resolved.anchor[1:]) or link.raw
        here = resolved.key == note.path
        href = "#" + html.escape(resolved.anchor) if here else self.href(resolved.key, resolved.anchor)
        return f'<a class="pn-block-ref" href="{href}">{html.escape(text, quote=False)}</a>'

    def embed(self, link: Link, resolved: Resolved | None, stack: tuple[str, ...]) -> str:
        label = link.text or stem(link.target) or link.fragment
        if resolved is None:
            return broken(label, f"{_shown(link)} matches no file")
        if not resolved.is_note:
            return self.attachment(link, resolved.key)
        if resolved.key not in self.ctx.published:
            return html.escape(label, quote=False)
        if resolved.key in stack:
            return broken(label, f"{_shown(link)} embeds a note that embeds this one")
        target = self.ctx.notes[NoteKey(resolved.key)]
        part = self.ctx.sections.get(target, resolved.anchor)
        why = self.budget.refuse(len(stack), len(part))
        if why:
            return self.cut(label, why)
        body = self.fill(target, part, (*stack, resolved.key))
        return f'<div class="pn-embed">\n{body}</div>\n'

    def cut(self, label: str, why: str) -> str:
        """An embed past the page's limits: a visible notice in its place."""
        budget = self.budget
        budget.cut += 1
        if budget.first is None:
            budget.first = (budget.line, budget.written, why)
        return (f'<span class="pn-broken pn-embed-cut" title="{html.escape(why)}">'
                f"{html.escape(label, quote=False)} — not embedded: {html.escape(why, quote=False)}</span>")

    def attachment(self, link: Link, key: str) -> str:
        name = key.rsplit("/", 1)[-1]
        if not key.lower().endswith(IMAGE_SUFFIXES):
            return f'<a href="{self.href(key)}">{html.escape(link.text or name, quote=False)}</a>'
        size = _SIZE_RE.match(link.text.strip())
        alt = html.escape(name if size or not link.text else link.text)
        sizes = ""
        if size:
            sizes = f' width="{size.group(1)}"' + (f' height="{size.group(2)}"' if size.group(2) else "")
        return f'<img src="{self.href(key)}" alt="{alt}"{sizes} />'

    def attribute(self, link: Link, resolved: Resolved | None) -> str:
        """The `href` of a `[text](path)` link or the `src` of an `![alt](path)` image."""
        name = "src" if link.kind == "image" else "href"
        if not link.target and link.fragment:  # `[text](#heading)`: this page, as written
            return f' {name}="#{html.escape(link.fragment)}"'
        if resolved is not None and not (resolved.is_note and resolved.key not in self.ctx.published):
            return f' {name}="{self.href(resolved.key, resolved.anchor if name == "href" else "")}"'
        if name == "href" and (is_note_path(link.target) or resolved is not None):
            return _NOT_A_PAGE
        if name == "href" and linked_block(link.target):  # Logseq's [label](((uuid))), a missing block
            return ' class="pn-broken" title="no block of the vault has this id"'
        return f' {name}="{html.escape(link.raw)}"'  # a missing file: kept as written, and reported

    def html_src(self, link: Link, resolved: Resolved | None) -> str:
        """An `<img src>` in raw HTML."""
        return html.escape(link.raw) if resolved is None or resolved.is_note else self.href(resolved.key)

    def citation(self, note: Note, citation: Citation) -> str:
        """`[@a, p. 3; @b]` -> `(A et al., 2016, p. 3; B, 2020)` and bare `@a` -> `A et al. (2016)`,
        or `[1, p. 3; 2]` and `A et al. [1]` in a numeric style, each linking to the paper's page;
        a key of no paper stays as written."""
        targets = [self.ctx.citations.get(item.key) for item in citation.items]
        if not any(targets):
            return html.escape(citation.raw, quote=False)
        numbers = self._numbers(note) if self.ctx.numeric_citations else {}
        if not citation.bracketed:
            target = targets[0]
            assert target is not None
            label = f"[{numbers[target.paper]}]" if numbers else f"({target.year})"
            return self._cite_link(target, f"{target.author} {label}")
        parts = []
        for item, found in zip(citation.items, targets, strict=True):
            if found is None:
                shown = html.escape(f"@{item.key}", quote=False)
            elif numbers:
                shown = self._cite_link(found, str(numbers[found.paper]))
            else:
                shown = self._cite_link(found, found.year if item.suppress_author else f"{found.author}, {found.year}")
            prefix = html.escape(item.prefix, quote=False) + " " if item.prefix else ""
            locator = ", " + html.escape(item.locator, quote=False) if item.locator else ""
            parts.append(prefix + shown + locator)
        return ("[" if numbers else "(") + "; ".join(parts) + ("]" if numbers else ")")

    def _numbers(self, note: Note) -> dict[str, int]:
        """Paper -> its number in the note's References: in order of first citation."""
        numbers: dict[str, int] = {}
        for citation in note.citations:
            for item in citation.items:
                target = self.ctx.citations.get(item.key)
                if target is not None and target.paper not in numbers:
                    numbers[target.paper] = len(numbers) + 1
        return numbers

    def _cite_link(self, target: CiteTarget, label: str) -> str:
        text = html.escape(label, quote=False)
        title = html.escape(target.title)
        if target.key and target.key in self.ctx.published:
            return f'<a class="pn-cite" href="{self.href(target.key, target.anchor)}" title="{title}">{text}</a>'
        return f'<span class="pn-cite" title="{title}">{text}</span>'

    def hashtag(self, tag: str) -> str:
        text = html.escape("#" + tag, quote=False)
        src = self.ctx.tag_pages.get(tag)
        return f'<a href="{self.href(src)}" class="pn-tag">{text}</a>' if src else text

    def query(self, note: Note, query: Query) -> str:
        rendered = self.ctx.queries.get((note.path, query.line, query.source))
        if rendered is None:
            if query.info == "inline":
                return f"<code>{html.escape(query.source, quote=False)}</code>"
            return code_block(query.source, query.info)
        body = render_page(rendered, src=self.base, url=self.base_url, url_of=self.url_of).html
        if query.info == "inline" and body.startswith("<p>") and body.endswith("</p>\n"):
            return body[3:-5]
        return body
