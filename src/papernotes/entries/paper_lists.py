"""Lists of linked titles under a heading that names papers: `## Reading list` then `* [Title](…)`.

README reading lists write one paper per item, its title as the only link:
`1. [Roofline: An Insightful Visual Performance Model](papers/Roofline)` under `# List of Papers`,
or `* [Merrimac: Supercomputing with Streams](https://ieeexplore.ieee.org/…)` under `### Trends`
below `## Essential Reading List`. The heading is the evidence: a section's headings count down
to the next heading of the same level, so `### 28.06.2021 - 04.07.2021` under `## Two Papers A
Week` is still a papers section.

Judgement calls: the item's first line must start with the link (a check mark or emoji before it
is allowed), its label must read as a title (three words, or a `Name: ...` form), and the link
must be a local note or folder, a PDF or a paper's host (arXiv, DOI, ACM, IEEE, ...): not a
table-of-contents anchor, code, a video, or a page on a host we do not know (a tutorial as
likely as a paper). Task items are queues, the graph's
business. A local link (`papers/Roofline`, `notes/x.md`) is the paper's own note, so the graph
joins the entry to it. A citation after the link (`** — Wang et al., CVPR 2024: why it matters`)
gives authors, venue and year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import citation_tail, clean_title
from papernotes.entries.lines import Line, heading_text, inline_lines, line_text
from papernotes.entries.links import host_kind
from papernotes.model import Paper
from papernotes.paths import has_scheme

CONVENTION = "paper-list"

PAPERS_HEADING_RE = re.compile(
    r"\bpapers?\b|\breading[\s-]*list\b|\bliterature\b|\breferences\b|论文|論文|文献|논문", re.IGNORECASE
)
"""Words with which a heading says that its list is one of papers (any language we know)."""

_TITLE_WORDS = 3


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    sections: list[tuple[int, bool]] = []  # (level, names papers) of the headings above
    pending: Token | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            while sections and sections[-1][0] >= level:
                sections.pop()
            sections.append((level, bool(PAPERS_HEADING_RE.search(heading_text(tokens, index)))))
        elif token.type == "list_item_open":
            pending = None if "checked" in token.meta or not any(s[1] for s in sections) else token
        elif token.type == "inline" and pending is not None:
            if token.level == pending.level + 2 and tokens[index - 1].type == "paragraph_open":
                paper = _paper(inline_lines(token, context.body_line)[0], context)
                if paper is not None:
                    papers.append(paper)
            pending = None
    return papers


def _paper(line: Line, context: EntryContext) -> Paper | None:
    tokens = line.tokens
    start = next((i for i, token in enumerate(tokens) if token.type == "link_open"), None)
    if start is None or any(char.isalnum() for char in line_text(tokens[:start])):
        return None
    close = next((i for i in range(start, len(tokens)) if tokens[i].type == "link_close"), None)
    if close is None:
        return None
    href = str(tokens[start].attrGet("href") or "").strip()
    label = line_text(tokens[start + 1 : close])
    kind = _kind(label, href)
    if kind is None or not _reads_as_title(label):
        return None
    title = clean_title(label)
    cited = citation_tail(re.split(r"[:|\[]", line_text(tokens[close + 1 :]), maxsplit=1)[0])
    return entry(context, line.number, CONVENTION, title.text, links=((kind, href),),
                 year=title.year or (cited.venue.year if cited else None),
                 venue=cited.venue.name if cited else None,
                 authors=cited.authors if cited else (), short_name=title.short_name)


def _kind(label: str, href: str) -> str | None:
    if not href or href.startswith("#"):
        return None
    if not has_scheme(href):
        return "pdf" if href.lower().split("#", 1)[0].endswith(".pdf") else "note"
    if host_kind(href) == "paper" or urlsplit(href).path.lower().endswith(".pdf"):
        return "paper"
    return None  # a blog post or tutorial is as likely as a paper on a host we do not know


def _reads_as_title(label: str) -> bool:
    """Three words, `Name: words`, or a file-name slug of five (`Sparse-GPT-Massive-Language-Models`)."""
    words = label.split()
    if len(words) == 1 and len(re.split(r"[-_]+", label)) >= 5:
        return True
    return len(words) >= _TITLE_WORDS or (len(words) >= 2 and ":" in label)
