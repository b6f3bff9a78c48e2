"""Reading-log bullets: `- [ResNet(2015)](blog), PyTorch Code [[Google Colab](…)], paper [[pdf](arxiv)]`.

Only a bullet's first line is read. Its name is the first link whose label is not a kind
(`pdf`, `Google Colab`, ...), after at most a short lead such as `PyTorch 구현 코드로 살펴보는`;
or, unlinked, the text before `, paper [[pdf](…)]`, or the whole line when it ends in `(YYYY)`.

Judgement call: a bullet is a paper when its name carries a `(YYYY)` mark (an implausible
`(2102)` still marks a paper, without a year), or its first line has a paper link (`[[pdf](…)]`,
a name link to arxiv.org, a DOI or a proceedings site). So tutorials such as `- [IoU(...)를 이해하고
파이토치로 구현하기](blog)` and table-of-contents links (`- [Classification](#classification)`) are
not papers, nor are task items (`- [ ]`: queue items, the graph's business). A leading one-word
name before a comma (`DINO, DETR with ...`, with two capitals or a digit, so not `Pre-train,
Prompt, and Predict`) is also the short name; the title keeps it, so the title still matches
`DINO: DETR with ...`. The topic is the heading above (`## Object Detection`), not a level-1
note title. The name link is kind `blog` unless its host says otherwise (it is the author's
review of the paper).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, has_year_mark
from papernotes.entries.lines import Line, inline_lines, line_links, line_text, topic_heading
from papernotes.entries.links import classify, label_kind
from papernotes.model import Paper

CONVENTION = "reading-log"

LEAD_LIMIT = 30
GENERIC_NAMES = {"here", "this", "link", "the paper", "this paper", "paper", "pdf"}

_PAPER_SUFFIX_RE = re.compile(r"[,.]?(?:(?<!\s)\s++)?\bpaper\s*+\[*+\s*+$", re.IGNORECASE)
_SHORT_NAME_RE = re.compile(r"\A([\w\-+.]++),\s++(\S++(?:\s++\S++){2,})")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    heading = ""
    pending: Token | None = None  # the list item whose first paragraph comes next
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = topic_heading(tokens, index)
        elif token.type == "list_item_open":
            pending = None if "checked" in token.meta else token
        elif token.type == "inline" and pending is not None:
            if token.level == pending.level + 2 and tokens[index - 1].type == "paragraph_open":
                first = inline_lines(token, context.body_line)[0]
                paper = _paper(first, heading, context)
                if paper is not None:
                    papers.append(paper)
            pending = None
    return papers


def _paper(line: Line, heading: str, context: EntryContext) -> Paper | None:
    found = _name(line)
    if found is None:
        return None
    name, name_url = found
    links = classify(((name, name_url),) if name_url else (), default="blog")
    links += classify(_other_links(line, name_url))
    has_year_mark_in_name = has_year_mark(name)
    if not has_year_mark_in_name and not any(kind == "paper" for kind, _ in links):
        return None
    title = clean_title(name.strip("[] "))
    if not title.text or title.text.lower() in GENERIC_NAMES:
        return None
    short = _SHORT_NAME_RE.fullmatch(title.text)
    if short and not _looks_like_a_name(short.group(1)):
        short = None
    return entry(
        context,
        line.number,
        CONVENTION,
        title.text,
        links=tuple(dict.fromkeys(links)),
        year=title.year,
        tags=(heading,),
        short_name=short.group(1) if short else title.short_name,
    )


def _looks_like_a_name(word: str) -> bool:
    """`DINO`, `CondInst`, `Mask2Former` name a method; `Pre-train` (in `Pre-train, Prompt, ...`) does not."""
    return sum(char.isupper() for char in word) >= 2 or any(char.isdigit() for char in word)


def _name(line: Line) -> tuple[str, str] | None:
    """The entry's name and, when linked, the name link's target; None for other bullets."""
    for position, token in enumerate(line.tokens):
        if token.type != "link_open":
            continue
        lead = line_text(line.tokens[:position])
        label = _label_at(line.tokens, position)
        href = str(token.attrGet("href") or "")
        if label_kind(label) is None and "[" not in lead and len(lead) <= LEAD_LIMIT:
            if not label or href.startswith("#"):
                return None  # an empty label, or a table-of-contents link
            return label, href
        match = _PAPER_SUFFIX_RE.search(lead)
        return (lead[: match.start()], "") if match and match.start() > 0 else None
    text = line.text
    return (text, "") if has_year_mark(text) and text.rstrip().endswith(")") else None


def _label_at(tokens: Sequence[Token], position: int) -> str:
    for end in range(position + 1, len(tokens)):
        if tokens[end].type == "link_close":
            return line_text(tokens[position + 1 : end])
    return ""


def _other_links(line: Line, name_url: str) -> list[tuple[str, str]]:
    return [(label, url) for label, url in line_links(line.tokens) if not name_url or url != name_url]
