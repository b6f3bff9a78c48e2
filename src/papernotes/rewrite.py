"""Obsidian Markdown -> the Markdown a page is rendered from: links, embeds, tags and comments.

Guided by the loader's Link objects (line and exact source text) and the graph's resolutions:
each link is replaced on its own line, so code blocks and inline code are never touched.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass, field
from urllib.parse import unquote

from papernotes.model import Link, Note, NoteKey
from papernotes.paths import stem
from papernotes.render import escape_md, md_link, page_url_dir, relative_src, url_path
from papernotes.resolve import Resolved

Resolutions = Mapping[NoteKey, Sequence[tuple[Link, Resolved | None]]]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif")
MAX_INDENT = 64
MAX_LIST_MARKERS = 16
_LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"
_DEEP_MARKERS_RE = re.compile(
    rf"^([ \t]*(?:(?:>[ \t]*)*{_LIST_MARKER}){{{MAX_LIST_MARKERS}}}(?:>[ \t]*)*)(?:(\d{{1,9}})([.)])|(?=[-*+]))")
_SIZE_RE = re.compile(r"^(\d+)(?:x(\d+))?$")
_MD_DEST_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^()\s]*\)[^\s()]*)*)")
_CODE_SPAN_RE = re.compile(r"(`+)[^`]*?\1")
_LINE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?")
_BLOCK_ID_RE = re.compile(r"(\s)\^([A-Za-z0-9][A-Za-z0-9-]*)\s*$")
_QUOTE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?)*")


@dataclass(frozen=True, slots=True)
class LinkContext:
    """What rewriting needs to know about the whole site."""

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

    def src_of(self, key: str) -> str:
        return self.page_src.get(key, key)

    def key_of(self, src: str) -> str:
        """The note a page's source path belongs to (the home note may be served as `index.md`)."""
        for key, page in self.page_src.items():
            if page == src:
                return key
        return src if src not in self.page_src.values() else ""


def rewrite_note(note: Note, ctx: LinkContext) -> str:
    """The Markdown of a note's page: Obsidian syntax turned into what the site's extensions read."""
    base = ctx.src_of(note.path)
    lines = _rewrite_lines(note, base, ctx, (note.path,))
    return "\n".join(lines)


def _rewrite_lines(note: Note, base: str, ctx: LinkContext, stack: tuple[str, ...]) -> list[str]:
    lines = strip_comments(note.body.split("\n"), note.code_lines)
    flatten_deep_nesting(lines, note.code_lines)
    by_line: dict[int, list[tuple[Link, Resolved | None]]] = {}
    for link, resolved in ctx.resolutions.get(note.path, ()):
        by_line.setdefault(link.line - note.body_line, []).append((link, resolved))
    for index, pairs in by_line.items():
        if 0 <= index < len(lines):
            lines[index] = _rewrite_line(lines[index], pairs, note, base, ctx, stack)
    for hashtag in note.hashtags:
        index = hashtag.line - note.body_line
        if 0 <= index < len(lines):
            lines[index] = _hashtag(lines[index], hashtag.tag, base, ctx)
    for index in _block_id_lines(note, lines):
        lines[index] = _BLOCK_ID_RE.sub(r'\1<a id="^\2" class="pn-block"></a>', lines[index])
    for line, anchor in ctx.line_anchors.get(note.path, {}).items():
        index = line - note.body_line
        if 0 <= index < len(lines):
            lines[index] = line_anchor(lines[index], anchor)
    _replace_queries(lines, note, ctx)
    return lines


def flatten_deep_nesting(lines: list[str], code: Collection[int]) -> None:
    """Cap indentation at MAX_INDENT columns and list markers at MAX_LIST_MARKERS per line:
    Python-Markdown recurses once per nested list level and fails (RecursionError, or minutes
    of work) on lists hundreds of levels deep. Deeper markers are kept as text."""
    for index, line in enumerate(lines):
        if index in code:
            continue
        text = line.lstrip(" \t")
        indent = line[: len(line) - len(text)]
        if len(indent) > MAX_INDENT // 4 and len(indent.expandtabs(4)) > MAX_INDENT:
            line = lines[index] = " " * MAX_INDENT + text
        deep = _DEEP_MARKERS_RE.match(line)
        if deep:  # `1.` becomes `1\.`, `-` becomes `\-`: text from here on
            number = deep.group(2) + "\\" + deep.group(3) if deep.group(2) else "\\"
            lines[index] = deep.group(1) + number + line[deep.end():]


def line_anchor(line: str, anchor: str) -> str:
    """An empty `<a id>` at the start of a line's text: after quote and list markers and a task
    box, so the list item (or task) stays one."""
    prefix = _LINE_PREFIX_RE.match(line)
    at = prefix.end() if prefix else 0
    return f'{line[:at]}<a id="{html.escape(anchor)}" class="pn-anchor"></a>{line[at:]}'


def _hashtag(line: str, tag: str, base: str, ctx: LinkContext) -> str:
    """`#tag` -> a link to its topic page (a bare `#` at a line start would be read as a heading)."""
    match = re.search(r"(?:^|(?<=\s))#" + re.escape(tag) + r"(?![\w/-])", line)
    if match is None:
        return line
    src = ctx.tag_pages.get(tag)
    text = escape_md("#" + tag)
    replacement = md_link(text, src, base) + '{ .pn-tag }' if src else text
    return line[: match.start()] + replacement + line[match.end():]


def _block_id_lines(note: Note, lines: list[str]) -> list[int]:
    if not note.block_ids:
        return []
    return [i for i, line in enumerate(lines) if i not in note.code_lines and _BLOCK_ID_RE.search(line)]


def _rewrite_line(line: str, pairs: Sequence[tuple[Link, Resolved | None]], note: Note, base: str,
                  ctx: LinkContext, stack: tuple[str, ...]) -> str:
    out: list[str] = []
    cursor = 0
    for link, resolved in pairs:
        if link.external:
            continue
        found = _locate(line, cursor, link)
        if found is None:
            continue
        start, end, in_html = found
        if link.kind in ("wikilink", "embed"):
            replacement = _replacement(link, resolved, note, base, ctx, stack)
        else:
            replacement = _destination(line[start:end], link, resolved, base, ctx, in_html)
        out.append(line[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(line[cursor:])
    return "".join(out)


def _locate(line: str, cursor: int, link: Link) -> tuple[int, int, bool] | None:
    """Where a link's source text is on its line, at or after `cursor`; True when in raw HTML."""
    if link.kind in ("wikilink", "embed"):
        for raw in (link.raw, _table_escaped(link.raw)):
            at = line.find(raw, cursor)
            if at >= 0:
                return at, at + len(raw), False
        return None
    for match in _MD_DEST_RE.finditer(line, cursor):
        dest = match.group(1).strip("<>")
        if _same_dest(dest, link.raw):
            return match.start(1), match.end(1), False
    return _html_src(line, cursor, link.raw)


def _table_escaped(raw: str) -> str:
    """`[[a|b]]` as written inside a table cell: `[[a\\|b]]`."""
    return raw.replace("|", "\\|")


def _same_dest(written: str, raw: str) -> bool:
    return written == raw or unquote(written) == unquote(raw)


def _html_src(line: str, cursor: int, raw: str) -> tuple[int, int, bool] | None:
    for quote_char in ('"', "'"):
        at = line.find(f"src={quote_char}{raw}{quote_char}", cursor)
        if at >= 0:
            return at + 5, at + 5 + len(raw), True
    return None


def _replacement(link: Link, resolved: Resolved | None, note: Note, base: str,
                 ctx: LinkContext, stack: tuple[str, ...]) -> str:
    if link.kind == "wikilink":
        return _wikilink(link, resolved, note, base, ctx)
    return _embed(link, resolved, note, base, ctx, stack)


def _label(link: Link) -> str:
    if link.text:
        return link.text
    if link.target and link.fragment:
        return f"{stem(link.target)} > {link.fragment.lstrip('^')}"
    return stem(link.target) if link.target else link.fragment.lstrip("^")


def _shown(link: Link) -> str:
    """A link's target as a tooltip names it: `Kaiming/Moco#Method`, no `[[` `]]` (never left in pages)."""
    return link.target + (f"#{link.fragment}" if link.fragment else "") or link.raw


def broken(text: str, reason: str) -> str:
    """Visibly broken: no href, the reason on hover."""
    return (f'<span class="pn-broken" title="{html.escape(reason)}">'
            f"{html.escape(text, quote=False)}</span>")


def _wikilink(link: Link, resolved: Resolved | None, note: Note, base: str, ctx: LinkContext) -> str:
    label = _label(link)
    if resolved is None:
        return broken(label, f"{_shown(link)} matches no note")
    if resolved.is_note and resolved.key not in ctx.published:
        return escape_md(label)
    if resolved.key == note.path and not link.target:
        return f"[{escape_md(label)}](#{resolved.anchor})" if resolved.anchor else escape_md(label)
    return md_link(escape_md(label), ctx.src_of(resolved.key), base, resolved.anchor)


def _embed(link: Link, resolved: Resolved | None, note: Note, base: str, ctx: LinkContext,
           stack: tuple[str, ...]) -> str:
    label = link.text or stem(link.target) or link.fragment
    if resolved is None:
        return broken(label, f"{_shown(link)} matches no file")
    if not resolved.is_note:
        return _attachment_embed(link, resolved.key, base)
    if resolved.key not in ctx.published:
        return escape_md(label)
    if resolved.key in stack:
        return broken(label, f"{_shown(link)} embeds a note that embeds this one")
    return transclude(resolved, base, ctx, stack)


def _attachment_embed(link: Link, key: str, base: str) -> str:
    name = key.rsplit("/", 1)[-1]
    if not key.lower().endswith(IMAGE_SUFFIXES):
        return md_link(escape_md(link.text or name), key, base)
    size = _SIZE_RE.match(link.text.strip())
    alt = escape_md(name if size or not link.text else link.text)
    image = "!" + md_link(alt, key, base)
    if size:
        attrs = f'width="{size.group(1)}"' + (f' height="{size.group(2)}"' if size.group(2) else "")
        image += "{ " + attrs + " }"
    return image


def transclude(resolved: Resolved, base: str, ctx: LinkContext, stack: tuple[str, ...]) -> str:
    """The embedded note (or its section) as Markdown, with links fixed for the embedding page."""
    target = ctx.notes[NoteKey(resolved.key)]
    lines = _rewrite_lines(target, base, ctx, (*stack, resolved.key))
    start, end = section_range(target, resolved.anchor)
    body = "\n".join(lines[start:end]).strip("\n")
    return f'\n\n<div class="pn-embed">\n\n{body}\n\n</div>\n\n'


def section_range(note: Note, anchor: str) -> tuple[int, int]:
    """Body line range of the section under the heading with `anchor`; the whole body without one."""
    if not anchor:
        return 0, note.body.count("\n") + 1
    if anchor.startswith("^"):
        for index, line in enumerate(note.body.split("\n")):
            if line.rstrip().endswith(anchor):
                return index, index + 1
    headings = note.headings
    for position, heading in enumerate(headings):
        if heading.anchor == anchor:
            end = next((h.line for h in headings[position + 1:] if h.level <= heading.level), None)
            last = end - note.body_line if end is not None else note.body.count("\n") + 1
            return heading.line - note.body_line, last
    return 0, note.body.count("\n") + 1


def _destination(written: str, link: Link, resolved: Resolved | None, base: str,
                 ctx: LinkContext, in_html: bool) -> str:
    """A markdown link's or image's path, made relative to the page; broken ones kept as written."""
    if resolved is None or (resolved.is_note and resolved.key not in ctx.published):
        return written
    if in_html:
        return url_path(html_image_src(ctx.src_of(resolved.key), base, ctx.use_directory_urls))
    href = url_path(relative_src(ctx.src_of(resolved.key), base))
    if resolved.anchor:
        href += "#" + resolved.anchor
    return href


def html_image_src(key: str, base: str, use_directory_urls: bool) -> str:
    """An attachment's path from a page's URL folder, for `<img src>` in raw HTML."""
    return posixpath.relpath(key, page_url_dir(base, use_directory_urls) or ".")


def strip_comments(lines: list[str], code: Set[int]) -> list[str]:
    """Obsidian `%%comments%%` removed (also across lines); the line count is kept."""
    out: list[str] = []
    inside = False
    for index, line in enumerate(lines):
        if index in code or ("%%" not in line and not inside):
            out.append(line if not inside or index in code else "")
            continue
        kept, inside = _strip_line(line, inside)
        out.append(kept)
    return out


def _strip_line(line: str, inside: bool) -> tuple[str, bool]:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN_RE.finditer(line)]
    parts: list[str] = []
    pos = 0
    while pos < len(line):
        at = line.find("%%", pos)
        while at >= 0 and any(s <= at < e for s, e in spans):
            at = line.find("%%", at + 2)
        if at < 0:
            if not inside:
                parts.append(line[pos:])
            break
        if not inside:
            parts.append(line[pos:at])
        inside = not inside
        pos = at + 2
    return "".join(parts).rstrip() if len(parts) > 0 else "", inside


def _replace_queries(lines: list[str], note: Note, ctx: LinkContext) -> None:
    """Query blocks (```dataview, ```base) -> their rendered Markdown; the line count is kept."""
    for query in note.queries:
        rendered = ctx.queries.get((note.path, query.line, query.source))
        start = query.line - note.body_line
        if rendered is None or not 0 <= start < len(lines):
            continue
        if query.info == "inline":
            lines[start] = lines[start].replace(f"`{query.source}`", rendered, 1)
            continue
        end = min(query.end_line - note.body_line, len(lines))
        match = _QUOTE_PREFIX_RE.match(lines[start])
        prefix = match.group() if match else ""
        block = ["", *rendered.split("\n"), ""]
        lines[start] = "\n".join((prefix + line) if line else prefix.rstrip() for line in block)
        lines[start + 1:end] = [""] * (end - start - 1)
