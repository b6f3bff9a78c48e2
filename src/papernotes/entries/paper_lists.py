"""Lists of linked titles under a heading that names papers: `## Reading list` then `* [Title](…)`.

README reading lists write one paper per item, its title as the only link:
`1. [Roofline: An Insightful Visual Performance Model](papers/Roofline)` under `# List of Papers`,
or `* [Merrimac: Supercomputing with Streams](https://ieeexplore.ieee.org/…)` under `### Trends`
below `## Essential Reading List`. The heading is the evidence: a section's headings count down
to the next heading of the same level, so `### 28.06.2021 - 04.07.2021` under `## Two Papers A
Week` is still a papers section. A note filed in a folder of reading lists (`Literature
Reviews/Solar.md`) is a papers section as a whole, with wikilinks as items
(`- [[Title]]`, `- [[Want to Read/Title]]`); such a note, and a note named as one (`Articles to
read.md`), takes unlinked items too when they read as titles (four words or more, capitalised or
led by a quantity such as `100 μW`, not a sentence, not a remark such as `ADC is handled by ...`).

Judgement calls: the item's first line must start with the link (a check mark or emoji before it
is allowed), its label must read as a title (three words, or a `Name: ...` form), and the link
must be a local note or folder, a PDF or a paper's host (arXiv, DOI, ACM, IEEE, ...): not a
table-of-contents anchor, code, a video, or a page on a host we do not know (a tutorial as
likely as a paper). Task items are queues, the graph's
business. A local link (`papers/Roofline`, `notes/x.md`) is the paper's own note, so the graph
joins the entry to it. A citation after the link (`** — Wang et al., CVPR 2024: why it matters`)
gives authors, venue and year. A paragraph whose lines are each one link (`[Title](https://arxiv.org/…)`,
pasted one paper a line) is read as such items. Raw HTML lists in such a section (`<li><details><summary><a
href="2025/X/">(X) X: title</a>`, as README generators write them) are read with an HTML parser,
a leading `(X)` being the short name. An unlinked item in such a section written as a
bibliography writes a reference (`Ada Obi, Ben Tran, and Jun Li. Title. In Venue, 2020.`) is a
paper: its list of authors is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import citation_tail, clean_title, page_title, parse_reference
from papernotes.entries.lines import Line, heading_text, inline_lines, line_text
from papernotes.entries.links import host_kind, label_kind
from papernotes.ids import is_known_venue
from papernotes.model import Paper
from papernotes.paths import has_scheme

CONVENTION = "paper-list"

PAPERS_HEADING_RE = re.compile(
    # the lookahead names every match's first character (case-insensitively, as the rest): the
    # scan skips every other position at once instead of trying each word there (a whole note's
    # text is searched before any heading is)
    r"(?=[prl论相参논관참])"
    r"(?:\b(?:papers\b|paper[\s-]*(?:notes|reading)\b|reading[\s-]*list|literature\b|references\b)"
    r"|论文列表|相关论文|相關論文|参考文献"
    r"|논문\s*목록|관련\s*논문|참고\s*문헌)",
    re.IGNORECASE,
)
"""Words with which a heading says that its list is one of papers (any language we know): a
plural or a list, as `# Paper: Title` or a template's `# [논문 제목]` ("paper title") head one paper."""
LIST_HEADING_RE = re.compile(
    r"\b(?:reading|paper)[\s-]*list\b|\blist of papers\b|论文列表|论文清单|논문\s*목록|^\W*+papers\W*+$", re.IGNORECASE
)
"""A heading that calls its section a list of papers (`## 论文列表`): unlinked items are titles too."""

READING_LIST_FOLDER_RE = re.compile(
    r"literature[\s_-]*reviews?|reading[\s_-]*(?:lists?|queues?)|论文列表|논문\s*목록", re.IGNORECASE
)
"""A folder of reading lists (`Literature Reviews/Solar.md`): its notes' linked items are papers.
Only the note's own folder counts (`literature_review/papers/` holds one-paper notes).
Not `papers/` or `Want to Read/`, which hold one-paper notes whose lists link authors and notes."""
READING_LIST_NAME_RE = re.compile(
    r"reading[\s_-]*(?:list|queue)|\bto[\s_-]*read\b|\bpapers\b|literature"
    r"|论文\s*阅读\s*(?:列表|清单)|论文(?!\s*(?:阅读|精读|笔记|解析|解读|翻译|总结))|논문(?!\s*(?:리뷰|노트|정리|요약|읽기))",
    re.IGNORECASE,
)
"""A note named as a reading list (`Articles to read.md`): its unlinked items are papers too. Chinese
and Korean have no plural: `论文` / `논문` name a list, but not a note on one paper (`论文阅读笔记.md`,
"paper reading notes", `논문 리뷰.md`), whose bullet points are that paper's ideas."""

_TITLE_WORDS = 3
_COMMENT_RE = re.compile(r"\(\s*[a-z]+\s")  # `(will update if it's accepted)`; `(3D-DCNNs)` is a name
_PLAIN_TITLE_WORDS = 4
# A remark, not a title: a lower-case finite verb or a first-person word (`ADC is handled by ...`,
# `It is very easy for me to ...`, `(I bet this is it.)`); a title's verbs are capitalised (`Attention
# Is All You Need`) or participles, and its `I` is in `I/O`.
_SENTENCE_WORD_RE = re.compile(
    r"\b(?:is|are|was|were|would|should|could|will|can|did|does|do|me|my)\b|(?<![\w/])I\s"  # not the I of I/O
)
_QUANTITY_RE = re.compile(r"(?<![\d.,])\d[\d.,]*+\s?[^\W\d_]{1,3}\s")  # `100 μW coreless flyback converter ...`
_NAMES = 3
# `Jonathan Ho`, `J. R. R. Tolkien`; from a word's start only, so linear under `search`
_NAME_RE = re.compile(r"(?<![\w'.\-])(?:and )?[A-Z][\w'.\-]*+(?: [A-Z][\w'.\-]*+){1,3}")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    folder, _, name = context.path.rpartition("/")
    named_list = bool(READING_LIST_NAME_RE.search(name.rsplit(".", 1)[0]))
    reading_list = named_list or bool(READING_LIST_FOLDER_RE.search(folder.rpartition("/")[2]))
    if not reading_list and (context.body is not None and not PAPERS_HEADING_RE.search(context.body)):
        return []
    papers: list[Paper] = []
    # (level, names papers, calls itself a list of papers) of the headings above
    sections: list[tuple[int, bool, bool]] = [(0, reading_list, reading_list)]
    pending: Token | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            while len(sections) > 1 and sections[-1][0] >= level:
                sections.pop()
            text = heading_text(tokens, index)
            sections.append((level, bool(PAPERS_HEADING_RE.search(text)), bool(LIST_HEADING_RE.search(text))))
        elif token.type == "html_block" and any(section[1] for section in sections) and "<li" in token.content:
            papers += _html_items(token, context)
        elif token.type == "inline" and token.level == 1 and tokens[index - 1].type == "paragraph_open" \
                and any(section[1] for section in sections):
            papers += [paper for line in inline_lines(token, context.body_line)
                       if _only_a_link(line) and (paper := _paper(line, context, False)) is not None]
        elif token.type == "list_item_open":
            pending = None if "checked" in token.meta or not any(s[1] for s in sections) else token
        elif token.type == "inline" and pending is not None:
            if token.level == pending.level + 2 and tokens[index - 1].type == "paragraph_open":
                unlinked_titles = any(section[2] for section in sections)
                lines = inline_lines(token, context.body_line)
                paper = _wrapped_reference(lines, context) or _paper(lines[0], context, unlinked_titles)
                if paper is not None:
                    papers.append(paper)
            pending = None
    return papers


def _only_a_link(line: Line) -> bool:
    """A paragraph's line that is one link and nothing else: a pasted reading list, one paper a line."""
    kinds = [token.type for token in line.tokens if token.type != "text" or token.content.strip()]
    return len(kinds) >= 2 and kinds[0] == "link_open" and kinds[-1] == "link_close" and kinds.count("link_open") == 1


def _paper(line: Line, context: EntryContext, unlinked_titles: bool) -> Paper | None:
    tokens = line.tokens
    start = next((i for i, token in enumerate(tokens) if token.type in ("link_open", "wikilink")), None)
    if start is None:
        return _reference(line, context) or _cited(line, context) or (
            _plain(line, context) if unlinked_titles else None)
    if any(char.isalnum() for char in line_text(tokens[:start])):
        return None
    if tokens[start].type == "wikilink":
        return _wikilink(tokens[start], line, context)
    close = next((i for i in range(start, len(tokens)) if tokens[i].type == "link_close"), None)
    if close is None:
        return None
    href = str(tokens[start].attrGet("href") or "").strip()
    label = line_text(tokens[start + 1 : close])
    kind = _kind(label, href)
    cited = citation_tail(re.split(r"[:|\[]", line_text(_without_kind_links(tokens[close + 1 :])), maxsplit=1)[0])
    if kind is None or not (_reads_as_title(label) or (cited is not None and label.strip())):
        return None  # a short name (`[ObjectGS](…)`) is a paper's only with its citation after it
    title = clean_title(page_title(label)[0])
    return entry(context, line.number, CONVENTION, title.text, links=((kind, href),),
                 year=title.year or (cited.venue.year if cited else None),
                 venue=cited.venue.name if cited else None,
                 authors=cited.authors if cited else (), short_name=title.short_name)


def _without_kind_links(tokens: Sequence[Token]) -> list[Token]:
    """The tokens without the links named by their kind (`[code](…)`), whose labels are no authors."""
    kept: list[Token] = []
    start: int | None = None
    for index, token in enumerate(tokens):
        if token.type == "link_open":
            start = index
        elif token.type == "link_close" and start is not None:
            link = list(tokens[start : index + 1])
            if label_kind(line_text(link[1:-1])) is None:
                kept += link
            start = None
        elif start is None:
            kept.append(token)
    return kept + (list(tokens[start:]) if start is not None else [])


class _HtmlItems(HTMLParser):
    """`<li><a href="…">Title</a>` (also inside `<details><summary>`): each item that starts with a link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line in the block, href, label)
        self._expect = False  # an item opened, no text yet
        self._link: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self._expect, self._link = True, None
        elif tag == "a" and self._expect:
            self._link = (self.getpos()[0], dict(attrs).get("href") or "", [])
            self._expect = False

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[2].append(data)
        elif data.strip():
            self._expect = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            line, href, text = self._link
            self.found.append((line, href, " ".join("".join(text).split())))
            self._link = None


_SHORT_PREFIX_RE = re.compile(r"^\(([^()]{1,40})\)\s+(?=\S)")


def _html_items(token: Token, context: EntryContext) -> list[Paper]:
    """The items of a raw HTML list (`<ul><li><a href="2025/X/">(X) X: a title</a>`) in a papers section."""
    parser = _HtmlItems()
    parser.feed(token.content)
    parser.close()
    first = (token.map[0] if token.map else 0) + context.body_line
    papers = []
    for line, href, label in parser.found:
        short = _SHORT_PREFIX_RE.match(label)
        text = label[short.end():] if short else label
        kind = _kind(text, href.strip())
        if kind is None or not (_reads_as_title(text) or short):
            continue
        title = clean_title(text)
        papers.append(entry(context, first + line - 1, CONVENTION, title.text, links=((kind, href.strip()),),
                            year=title.year, short_name=short.group(1) if short else title.short_name))
    return papers


def _wikilink(token: Token, line: Line, context: EntryContext) -> Paper | None:
    """`[[Title]]`, `[[Want to Read/Title]]`, `[[note|Title]]`: the paper's own note, named by its title."""
    target = str(token.meta.get("target", ""))
    label = str(token.meta.get("alias") or "") or target.rsplit("/", 1)[-1]
    if not target or not _reads_as_title(label):
        return None
    title = clean_title(label)
    return entry(context, line.number, CONVENTION, title.text, links=(("note", target),),
                 year=title.year, short_name=title.short_name)


def _plain(line: Line, context: EntryContext) -> Paper | None:
    """An unlinked item of a reading list: a title when it reads as one (four words, capitalised,
    not a sentence, no comment in parentheses, no `code`: ``Run `make` to convert each file``
    is an instruction)."""
    text = line.text
    if (len(text.split()) < _PLAIN_TITLE_WORDS or any(token.type == "code_inline" for token in line.tokens)
            or not (text[:1].isupper() or _QUANTITY_RE.match(text))
            or text.endswith((".", "!", "?", "。")) or "://" in text or _COMMENT_RE.search(text)
            or _SENTENCE_WORD_RE.search(text) or _is_names(text)):
        return None
    title = clean_title(text)
    return entry(context, line.number, CONVENTION, title.text, year=title.year, short_name=title.short_name)


def _cited(line: Line, context: EntryContext) -> Paper | None:
    """An unlinked item that reads as a title followed by its venue and year (`Diagnosing
    Bottlenecks in Deep Q-Learning Algorithms, ICML 2019 (1)`): the venue is the evidence."""
    head, comma, tail = line.text.rpartition(",")
    if not comma or any(token.type == "code_inline" for token in line.tokens):
        return None
    cited = citation_tail(tail)
    if cited is None or cited.authors or not is_known_venue(cited.venue.name or "") or not _reads_as_title(head) \
            or not head[:1].isupper() or _SENTENCE_WORD_RE.search(head) or head.endswith((".", "!", "?")):
        return None
    title = clean_title(head.strip())
    return entry(context, line.number, CONVENTION, title.text, year=cited.venue.year, venue=cited.venue.name,
                 short_name=title.short_name)


def _reference(line: Line, context: EntryContext) -> Paper | None:
    """An unlinked item written as a bibliography writes a reference (`A. Obi, Ben Tran, and Jun
    Li. Title. In Venue, 2020.`): its authors are the evidence; the title is the second sentence."""
    found = parse_reference(line.text)
    if found is None:
        return None
    return entry(context, line.number, CONVENTION, found.title, year=found.year, authors=found.authors)


# `Ada Obi, Ben Tran, and Jun Li, “Title of the paper,” IEEE R…`: names, then the quoted title
_QUOTED_AFTER_NAMES_RE = re.compile(r"^(?P<names>[^“”\"]{3,600}+)[“\"](?P<title>[^“”\"]{10,300}+)[”\"]")


def _wrapped_reference(lines: Sequence[Line], context: EntryContext) -> Paper | None:
    """An item that wraps over several lines (`Ada Obi, Ben Tran, Jun\n Li, “Title of the\n paper,”
    IEEE R…`): its names first, then the title in quotes, even where the year is cut off."""
    if len(lines) < 2:
        return None
    match = _QUOTED_AFTER_NAMES_RE.match(" ".join(line.text for line in lines))
    if match is None:
        return None
    names = [part.strip() for part in match.group("names").strip(" ,").split(",")]
    if len(names) < _NAMES or not all(_NAME_RE.fullmatch(name) for name in names):
        return None
    title = clean_title(match.group("title").strip(" ,."))
    return entry(context, lines[0].number, CONVENTION, title.text, year=title.year, short_name=title.short_name,
                 authors=tuple(name.removeprefix("and ") for name in names))


def _is_names(text: str) -> bool:
    """`Mingdeng Cao, Xintao Wang, Zhongang Qi *`: a list of people (a bold-title entry's authors
    line, read by Markdown as a list item of its own), never a title."""
    parts = [part.strip(" *_\\") for part in text.split(",")]
    return len(parts) >= _NAMES and all(_NAME_RE.fullmatch(part) for part in parts)


def _kind(label: str, href: str) -> str | None:
    if not href or href.startswith("#"):
        return None
    if not has_scheme(href):
        return "pdf" if href.lower().split("#", 1)[0].endswith(".pdf") else "note"
    path = urlsplit(href).path.lower()
    if host_kind(href) == "paper" or path.endswith(".pdf"):
        return "paper"
    if path.endswith((".md", ".markdown")):
        return "note"  # the note itself, as the repository's host shows it (github.com/…/blob/…/x.md)
    return None  # a blog post or tutorial is as likely as a paper on a host we do not know


def _reads_as_title(label: str) -> bool:
    """Three words, `Name: words`, or a file-name slug of five (`Sparse-GPT-Massive-Language-Models`)."""
    words = label.split()
    if len(words) == 1 and len(re.split(r"[-_]+", label)) >= 5:
        return True
    return len(words) >= _TITLE_WORDS or (len(words) >= 2 and ":" in label)
