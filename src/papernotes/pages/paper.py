"""The paper header and the "Linked from" / "Related papers" footer of a note's page, as HTML."""

from __future__ import annotations

import heapq
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from papernotes.model import Link, Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.cite import cite_block, references_html
from papernotes.pages.links import page_href, paper_target, paper_topics, topic_src
from papernotes.pages.people import author_src, venue_src
from papernotes.render import render
from papernotes.rewrite import anchor_above
from papernotes.titles import placeholder_reason, title_heading

BUTTONS = (("paper", "Paper"), ("arxiv", "arXiv"), ("pdf", "PDF"), ("code", "Code"),
           ("project", "Project"), ("github", "Code"), ("video", "Video"))
STATUS_LABELS = {"read": "Read", "reading": "Reading", "to-read": "To read"}
RELATED_LIMIT = 8
RELATED_PER_TOPIC = 50


@dataclass(frozen=True, slots=True)
class Href:
    """Computes hrefs from one page's URL."""

    site: Site
    src: str

    def to_src(self, target_src: str, anchor: str = "") -> str:
        return page_href(self.site, self.src, target_src, anchor)


def wrap_content(content: str, site: Site, key: str | None, src: str, *, paper_pages: bool,
                 footers: Footers | None = None, tail: str | None = None) -> str:
    """The page's HTML with the note itself marked for search, and paper chrome around it; a note
    that cites gets its References at the end, a paper's note its Cite block. `footers`: the
    build's (`build_footers`), else the footer's lookups are made for this page alone; `tail`:
    the page's footer made beforehand (`note_footer`: it does not depend on the content).

    Search results show the note's one title (Pagefind would take the first `<h1>`, which may
    be a section such as `1 Introduction`)."""
    if key is None:
        return content
    note = site.graph.notes[key]  # type: ignore[index]
    references = references_html(site, note, src) if note.citations else ""
    title = html.escape(note.title)
    opening = f'<div data-pagefind-body data-pagefind-meta="title[data-pn-title]" data-pn-title="{title}">'
    heading = title_heading(note.headings, note.body, note.body_line)
    is_title = heading is not None
    # The page's `<h1>` is the note's one title; a `# Recent` under `title: To-do` stays as content
    shows_title = is_title and _folded(heading or "") == _folded(note.title)
    body = f"{opening}\n{titled(content, title, opens_with_title=shows_title)}\n{references}</div>"
    if not paper_pages:
        return body
    href = Href(site, src)
    pid = site.graph.paper_of_note.get(key)  # type: ignore[call-overload]
    if tail is None:
        tail = footer(site, key, pid, href, footers)
    if pid is None:
        return body + tail
    # The note's title heading gives way to the header; a section (`# 1 Introduction`) stays.
    paper = site.graph.papers[pid]
    heading_id, heading_html, rest = split_leading_h1(content) if is_title else _leading_paper_heading(content, paper)
    heading_text = html.unescape(_TAG_RE.sub("", heading_html)).strip()
    # a template's blank (`# [Review title]`) is no subtitle
    subtitle = "" if not is_title or _folded(heading_text) in _folded(paper.title) or placeholder_reason(heading_text) \
        else heading_text
    # a title heading with links (`# Title [📖](zotero://select/…)`) keeps them in the header
    linked = "<a " in heading_html and _folded(heading_text) == _folded(paper.title)
    header = paper_header(paper, href, heading_id, subtitle, heading_html if linked else "")
    return (f"{opening}\n{header}\n{rest}\n{references}</div>" + cite_block(site, pid)
            + tail)


_LEADING_H1_RE = re.compile(r"\A\s*<h1\b([^>]*)>(.*?)</h1>\s*", re.DOTALL)
_ID_RE = re.compile(r'\bid="([^"]*)"')
_TASK_BOX_RE = re.compile(r"^\[[ xX]\]\s+")
_MD_LINK_RE = re.compile(r"!?\[([^\[\]]*+)\]\(([^)\s]*+)[^)]*+\)")  # [text](url): shown as its text
_TAG_RE = re.compile(r"<[^<>]*+>")
_PERMALINK_RE = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)


def titled(content: str, title: str, *, opens_with_title: bool) -> str:
    """The page opening with its title, as Obsidian shows a note's name above it.

    Material adds the title itself only to a page with no `<h1>` at all: a note with a
    `# Section` below its first lines, or opening with one of several `#` sections, would
    start with no title or with a section's."""
    if "<h1" in content and not (opens_with_title and content.lstrip().startswith("<h1")):
        return f"<h1>{title}</h1>\n{content}"
    return content


def split_leading_h1(content: str) -> tuple[str, str, str]:
    """(id, inner HTML, rest) of a page that starts with the note's own `<h1>`; ("", "", content)
    otherwise.

    The header shows the paper's full title as the page's one `<h1>`; the note's `# Latte` would
    repeat it, so it goes, and its id moves to the header title so links to `#latte` still land."""
    match = _LEADING_H1_RE.match(content)
    if match is None:
        return "", "", content
    found = _ID_RE.search(match.group(1))
    inner = _PERMALINK_RE.sub("", match.group(2)).strip()
    return (html.unescape(found.group(1)) if found else ""), inner, content[match.end():]


_LEADING_HEADING_RE = re.compile(r"\A\s*+<h([2-6])\b([^>]*+)>")


def _leading_paper_heading(content: str, paper: Paper) -> tuple[str, str, str]:
    """(id, inner HTML, rest) of a page that opens with a lower heading naming its paper, as
    `## [MillWheel: Fault-Tolerant Stream Processing (2013)](…)` (the title, perhaps with its
    year in brackets): the header shows that title, so the heading would repeat it. ("", "",
    content) for any other page."""
    match = _LEADING_HEADING_RE.match(content)
    end = content.find(f"</h{match.group(1)}>", match.end()) if match else -1
    if match is None or end < 0:
        return "", "", content
    inner = _PERMALINK_RE.sub("", content[match.end():end]).strip()
    text = _folded(html.unescape(_TAG_RE.sub("", inner)))
    named = {_folded(paper.title)} | ({_folded(f"{paper.title} ({paper.year})")} if paper.year else set())
    if text not in named:
        return "", "", content
    found = _ID_RE.search(match.group(2))
    return (html.unescape(found.group(1)) if found else ""), inner, content[end + len("</h1>"):].lstrip()


def _folded(text: str) -> str:
    return "".join(text.casefold().split())


def paper_header(paper: Paper, href: Href, heading_id: str = "", subtitle: str = "", title_html: str = "") -> str:
    """The paper's title (the page's `<h1>`), then authors, venue, status, topic chips, buttons.
    `title_html`: the note's title heading as rendered (sanitized), shown instead of the plain
    title when it holds links."""
    topics = [{"name": topic.full_name or topic.name, "href": href.to_src(topic_src(topic))}
              for topic in (href.site.graph.topics[k] for k in paper_topics(href.site, paper))]
    urls = dict(paper.links)
    if paper.arxiv and "paper" not in urls and "arxiv" not in urls:
        urls["arxiv"] = f"https://arxiv.org/abs/{paper.arxiv}"
    buttons = [{"label": label, "href": urls[kind]} for kind, label in BUTTONS
               if kind in urls and urls[kind].startswith(("http://", "https://"))]
    venue_year = " · ".join(part for part in (paper.venue or "", str(paper.year or "")) if part)
    directory = href.site.directory
    # each author as their page names them (`爽 宋` in a note's frontmatter is 宋爽, as the library writes)
    author_links = [{"name": directory.authors[slug].name if slug else name,
                     "href": href.to_src(author_src(slug)) if slug else ""}
                    for name in paper.authors for slug in [directory.author_slug.get(name)]]
    venue_slug = directory.venue_slug.get(paper.venue or "")
    return render("paper_header.html", {
        "title": paper.title, "title_html": Markup(title_html), "heading_id": heading_id, "subtitle": subtitle,
        "authors": list(paper.authors),
        "author_links": author_links, "venue": paper.venue or "", "year": paper.year or "",
        "venue_href": href.to_src(venue_src(venue_slug)) if venue_slug else "",
        "venue_year": venue_year, "status": paper.status or "",
        "status_label": STATUS_LABELS.get(paper.status or "", ""), "topics": topics, "buttons": buttons,
    }, overrides=href.site.templates_dir)


def readable_line(text: str) -> str:
    """One Markdown line as a reader sees it: a table row's cells joined, `[text](url)` as its
    text, list markers, task boxes and emphasis marks dropped; at most 240 characters."""
    stripped = text.strip()
    if stripped.startswith("|"):
        stripped = " · ".join(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip())
    stripped = _MD_LINK_RE.sub(lambda m: m.group(1) or m.group(2), stripped)
    stripped = _TASK_BOX_RE.sub("", stripped.strip(" -*>#"))
    stripped = stripped.replace("**", "").replace("__", "").replace("`", "")
    return " ".join(stripped.split())[:240]


LineFacts = dict[tuple[str, str], dict[int, tuple[str, str]]]
"""(note, content hash) -> line -> (the line as shown, the anchor above it): kept between
`mkdocs serve` rebuilds, so a backlink's line is read again only when its note changes."""


def _read_lines(site: Site, source: str, lines: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(the line as a reader sees it, links shown as their text; the anchor above it) of each of
    `lines` of a note, whose body is decompressed and split once for all of them."""
    note = site.graph.notes[source]  # type: ignore[index]
    wanted = set(lines)
    body = note.body.split("\n")
    by_line: dict[int, list[Link]] = {}
    for link in note.links:
        if link.kind in ("wikilink", "embed") and link.line in wanted:
            by_line.setdefault(link.line, []).append(link)
    facts = {}
    for line in sorted(wanted):
        index = line - note.body_line
        shown = ""
        if 0 <= index < len(body):
            text = body[index]
            for link in by_line.get(line, ()):
                text = text.replace(link.raw, link.text or link.target or link.fragment)
            shown = readable_line(text)
        facts[line] = (shown, anchor_above(note, line))
    return facts


def _linking_lines(site: Site, source: str) -> set[int]:
    """The lines of a note that link to a note or a paper: those a footer may show."""
    graph = site.graph
    return {edge.line for edge in graph.outgoing(source) if edge.target in graph.notes or edge.target in graph.papers}


class BacklinkLines:
    """The lines of linking notes as footers show them, each linking note's body read once for
    all its lines (a home note with a row per paper links to every paper's page).

    `known`: where the lines are kept between `mkdocs serve` rebuilds (`LineFacts`); else they
    are kept by this object, and with `uses` (linking note -> how many pages will show its
    lines, `backlink_uses`) a note's lines are forgotten once the last of those pages is made,
    so a build never holds every linking line at once."""

    def __init__(self, site: Site, known: LineFacts | None = None, uses: dict[str, int] | None = None) -> None:
        self.site = site
        self.known = known
        self.uses = uses
        self.found: dict[str, dict[int, tuple[str, str]]] = {}

    def get(self, source: str, line: int) -> tuple[str, str]:
        if self.known is not None:
            facts = self.known.setdefault((source, self.site.graph.notes[source].content_hash), {})  # type: ignore[index]
        else:
            facts = self.found.setdefault(source, {})
        found = facts.get(line)
        if found is None:  # every line of the note that links anywhere, read at once
            facts.update(_read_lines(self.site, source, _linking_lines(self.site, source) | {line}))
            found = facts[line]
        return found

    def shown(self, sources: Iterable[str]) -> None:
        """A page showing these notes' lines is made."""
        if self.uses is None:
            return
        for source in sources:
            left = self.uses.get(source, 0) - 1
            if left > 0:
                self.uses[source] = left
            else:  # no page left to show them
                self.uses.pop(source, None)
                self.found.pop(source, None)


def backlink_uses(site: Site) -> dict[str, int]:
    """Linking note -> how many note pages show its lines in their footer (`backlink_facts`)."""
    graph = site.graph
    uses: Counter[str] = Counter()
    for key in site.links.published:
        pid = graph.paper_of_note.get(key)  # type: ignore[call-overload]
        sources = {edge.source for edge in graph.backlinks(key)}
        if pid is not None:
            sources.update(edge.source for edge in graph.backlinks(pid))
        sources.discard(key)
        uses.update(sources)
    return dict(uses)


def backlink_facts(site: Site, key: str, pid: PaperId | None, known: LineFacts | None = None,
                   *, lines: BacklinkLines | None = None) -> list[tuple[str, str, str, str]]:
    """(source note, its title, the first linking line as shown, anchor above it) of each note
    linking here, once per note; further lines of the same note are counted, not repeated.
    `known`: lines already read (`LineFacts`), and where to keep the ones read here; `lines`:
    the build's linking lines (`BacklinkLines`)."""
    reader = lines if lines is not None else BacklinkLines(site, known)
    first: dict[str, tuple[str, str, str, str]] = {}
    more: dict[str, set[int]] = {}
    edges = list(site.graph.backlinks(key)) + (list(site.graph.backlinks(pid)) if pid else [])
    for edge in sorted(edges, key=lambda e: (e.source, e.line)):
        if edge.source == key:
            continue
        if edge.source in first:
            more[edge.source].add(edge.line)
            continue
        note = site.graph.notes[edge.source]
        first[edge.source] = (edge.source, note.title, *reader.get(edge.source, edge.line))
        more[edge.source] = {edge.line}
    reader.shown(first)
    facts = []
    for source, (_, title, context, anchor) in first.items():
        extra = len(more[source]) - 1
        if extra:
            context = f"{context} (and {extra} more line{'s' if extra > 1 else ''})"
        facts.append((source, title, context, anchor))
    return facts


@dataclass(frozen=True, slots=True)
class Footers:
    """What the footers of a build's note pages are looked up in, made once per build."""

    lines: BacklinkLines
    related: RelatedIndex


def build_footers(site: Site) -> Footers:
    return Footers(BacklinkLines(site, uses=backlink_uses(site)), RelatedIndex(site))


def note_footer(site: Site, key: str, src: str, footers: Footers | None = None) -> str:
    """The footer of a note's page with paper chrome, as `wrap_content` adds it."""
    return footer(site, key, site.graph.paper_of_note.get(key), Href(site, src), footers)  # type: ignore[call-overload]


def footer(site: Site, key: str, pid: PaperId | None, href: Href, footers: Footers | None = None) -> str:
    backlinks = [{"title": title, "context": context, "href": href.to_src(site.src_of(source), anchor)}
                 for source, title, context, anchor in backlink_facts(
                     site, key, pid, lines=footers.lines if footers is not None else None)]
    related = related_papers(site, key, pid, href, footers.related if footers is not None else None)
    if not backlinks and not related:
        return ""
    return render("paper_footer.html", {"backlinks": backlinks, "related": related},
                  overrides=site.templates_dir)


def related_papers(site: Site, key: str, pid: PaperId | None, href: Href,
                   index: RelatedIndex | None = None) -> list[dict[str, str]]:
    """Papers sharing topics with this one, or linked to or from its note, best first."""
    result = []
    for other_id, reasons in rank_related(site, key, pid, index):
        other = site.graph.papers[other_id]
        target = paper_target(site, other)
        link = href.to_src(site.src_of(target[0]), target[1]) if target else ""
        result.append({"title": other.title, "href": link, "why": html.unescape(", ".join(reasons[:3]))})
    return result


class RelatedIndex:
    """What `rank_related` looks up for every candidate, made once per build: each paper's title
    and topic keys, and each topic's first `RELATED_PER_TOPIC` papers."""

    def __init__(self, site: Site) -> None:
        graph = site.graph
        self.about: dict[str, tuple[str, frozenset[str]]] = {
            pid: (paper.title, graph.topic_keys(pid)) for pid, paper in graph.papers.items()}
        self.tops: dict[str, tuple[str, ...]] = {
            key: topic.papers[:RELATED_PER_TOPIC] for key, topic in graph.topics.items()}


def rank_related(site: Site, key: str, pid: PaperId | None,
                 index: RelatedIndex | None = None) -> list[tuple[PaperId, list[str]]]:
    """The related papers of a note's paper, best first, with the names of the topics they share.

    Candidates come from indexes, never from every paper: the papers of the notes linked to or
    from this one, and each of this paper's topics' papers, at most `RELATED_PER_TOPIC` of a
    broad topic (a tag on thousands of papers says little about any two of them). `index`: the
    build's (`RelatedIndex`), else one is made for this paper alone."""
    if pid is None:
        return []
    graph = site.graph
    mine = graph.topic_keys(pid)
    linked_notes = {e.target for e in graph.outgoing(key)} | {e.source for e in graph.backlinks(key)}
    linked = {other for note in linked_notes for other in graph.papers_of_note(note)}
    candidates: dict[str, None] = dict.fromkeys(linked)
    tops = index.tops if index is not None else {
        topic: found.papers[:RELATED_PER_TOPIC] for topic in mine
        for found in [graph.topics.get(topic)] if found is not None}
    for topic in mine:
        candidates.update(dict.fromkeys(tops.get(topic, ())))
    candidates.pop(pid, None)
    about = index.about if index is not None else {
        other: (paper.title, graph.topic_keys(other)) for other in candidates
        for paper in [graph.papers.get(PaperId(other))] if paper is not None}
    # ties on score and title go by the paper's id: `linked` is a set, whose order changes
    # from one run to the next with Python's string hashing
    scored: list[tuple[int, str, str, frozenset[str]]] = []
    for other_id in candidates:
        found_about = about.get(other_id)
        if found_about is None:
            continue
        shared = mine & found_about[1]
        score = len(shared) + (2 if other_id in linked else 0)
        if score:
            scored.append((-score, found_about[0], other_id, shared))
    # the best few, as `sorted(scored)[:RELATED_LIMIT]` would give them: ids are unique, so two
    # items never tie before the sets (which are never compared)
    return [(PaperId(other_id), sorted(graph.topics[t].name for t in shared if t in graph.topics))
            for _, _, other_id, shared in heapq.nsmallest(RELATED_LIMIT, scored)]
