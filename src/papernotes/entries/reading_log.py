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
`DINO: DETR with ...`. A bold title is a paper when what follows gives its venue and year, a
`(YYYY)` mark or a paper link; the citation may be linked (`— [Li et al., ECCV 2022](…)`) or
followed by a comment (`— Hu et al., CVPR 2023: why`), and a bare year counts after named
authors (`— Hu et al., 2023`). The topic is the heading above (`## Object Detection`), not a level-1
note title. The name link is kind `blog` unless its host says otherwise (it is the author's
review of the paper).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import (
    Citation,
    Venue,
    citation_tail,
    clean_title,
    dashed_authors,
    has_year_mark,
    page_title,
    parse_authors,
)
from papernotes.entries.lines import Line, inline_lines, line_links, line_text, topic_heading
from papernotes.entries.links import classify, host_kind, label_kind
from papernotes.ids import trailing_year, venue_prefixed
from papernotes.model import Paper
from papernotes.recognise.fields import is_field_label, reference
from papernotes.recognise.titles import is_generic_heading

CONVENTION = "reading-log"

LEAD_LIMIT = 30
YEAR_LEAD_LIMIT = 100
_LEAD_TITLE_WORDS = 3
# A lead that is a sentence about the paper (`MSQ is one of the most popular queues ([Paper](…))`)
# (a title with a colon may say `Mean teachers are better role models: ...`)
_SENTENCE_RE = re.compile(r"[。，；！？]|\.\s")
_VERB_RE = re.compile(r"\b(?:is|are|was|were|has|have)\b")
_YEAR_LABEL_RE = re.compile(r"(?:19|20)\d{2}")
_BLOCK_LINES = 6  # an entry's authors and links come first; the comment after them is not read
_LEADING_YEAR_RE = re.compile(r"(?<!\s)\s*+\(((?:19|20)\d{2})\)")
_EMPHASIS_CLOSE = {"strong_open": "strong_close", "em_open": "em_close"}
GENERIC_NAMES = {"here", "this", "link", "the paper", "this paper", "paper", "pdf", "paper link", "original paper",
                 "original paper link", "link to the paper", "full paper"}

_PAPER_SUFFIX_RE = re.compile(r"[,.]?(?:(?<!\s)\s++)?\bpaper\s*+\[*+\s*+$", re.IGNORECASE)
_SHORT_NAME_RE = re.compile(r"\A([\w\-+.]++),\s++(\S++(?:\s++\S++){2,})")
# Where a citation after a bold title ends and the comment starts: `…, CVPR 2023: why it matters`, `[ref 19]`
_COMMENT_START_RE = re.compile(r":\s|\s\[")
_EMPTY_BRACKETS_RE = re.compile(r"\[\s*+\]|\(\s*+\)")  # what is left of `[[code](…)]` without its link
_ET_AL_YEAR_RE = re.compile(r"(?<![\s—–-])[\s—–-]*+(?P<authors>[A-Z][^,:\d]{0,60}?)\s++et al\.?,\s*+"
                            r"(?P<year>(?:19|20)\d{2})\s*+$")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    heading: tuple[str, ...] = ()
    pending: Token | None = None  # the list item whose first paragraph comes next
    for index, token in enumerate(tokens):
        if token.type == "heading_open":  # `### 論文情報・リンク` above the note's own reference: no subject
            heading = tuple(part for part in topic_heading(tokens, index) if not is_generic_heading(part))
        elif token.type == "list_item_open":
            pending = None if "checked" in token.meta else token
        elif token.type == "inline" and pending is not None:
            if token.level == pending.level + 2 and tokens[index - 1].type == "paragraph_open":
                lines = inline_lines(token, context.body_line)
                paper = _paper(lines[0], heading, context)
                if paper is None and len(lines) == 1 and _bold_title(lines[0]) is not None:
                    paper = _bold_block(lines[0], _item_lines(tokens, index, pending, context), heading, context)
                if paper is not None:
                    papers.append(paper)
            pending = None
    return papers


def _paper(line: Line, heading: tuple[str, ...], context: EntryContext) -> Paper | None:
    bold = _bold_title(line)
    if bold is not None:
        return _bold_paper(line, bold, heading, context)
    found = _name(line) or _bare_url_name(line)
    if found is None:
        return None
    name, name_url = found
    cited = citation_tail(_tail(line, name_url)) if name_url else None
    if not name_url and (head_cited := _venue_after_comma(name)) is not None:
        name, cited = head_cited
    if cited is not None and host_kind(name_url, "project") not in ("paper", "project", "pdf"):
        cited = None  # `[NeRF](github.com/...), Mildenhall et al., 2020`: the code, not the paper
    links = classify(((name, name_url),) if name_url else (), default="project" if cited else "blog")
    links += classify(_other_links(line, name_url))
    has_year_mark_in_name = has_year_mark(name)
    if not (has_year_mark_in_name or cited or any(kind == "paper" for kind, _ in links)):
        return None
    referenced = reference(name.strip("[] "))  # `Obi, Ada, et al. "Title." Venue. 2019.`: the title in it
    if referenced is not None and (title_text := referenced[1].title):
        facts = referenced[1]
        return entry(context, line.number, CONVENTION, title_text, links=tuple(dict.fromkeys(links)),
                     year=facts.year, venue=facts.venue, authors=facts.authors, tags=heading)
    name, journal = page_title(name.strip(" "))
    name = name.strip("[] ")
    name, dashed = dashed_authors(name)  # `Title — Ada Obi, Ben Tran (2021)`
    prefixed = venue_prefixed(name)  # `[SoCC'17 - BestConfig: …](…)`: the venue and year lead the title
    if prefixed is not None:
        name = prefixed[0]
    if name.casefold().endswith(" paper") and name[:-6].strip():  # `a [Grad-CAM++ paper](…)`: its name
        name = name[:-6].strip()
    title = clean_title(name)
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
        year=title.year or (cited.venue.year if cited else None) or (prefixed[2] if prefixed else None),
        venue=cited.venue.name if cited else journal or (prefixed[1] if prefixed else None),
        authors=cited.authors if cited else dashed,
        tags=heading,
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
        year_label = _YEAR_LABEL_RE.fullmatch(label) is not None  # `Title ([2015](…))`: the lead is the name
        limit = YEAR_LEAD_LIMIT if year_label else LEAD_LIMIT
        if label_kind(label) is None and "[" not in lead and len(lead) <= limit:
            if not label or href.startswith("#") or _SENTENCE_RE.search(lead):
                return None  # an empty label, a table-of-contents link, a link inside a sentence
            if year_label and lead.rstrip(" (").strip():
                return f"{lead.rstrip(' (')} ({label})", href  # `Entropy Minimization ([2004](…))`
            return label, href
        match = _PAPER_SUFFIX_RE.search(lead)
        if match and match.start() > 0:
            return lead[: match.start()], ""
        name = lead.rstrip(" [(|:-–—")
        # `Title [ [note](…)] [ [paper](…)]`: a title, then links named by their kind
        if (label_kind(label) is None or len(name.split()) < _LEAD_TITLE_WORDS or _SENTENCE_RE.search(name)
                or (_VERB_RE.search(name) and ":" not in name)):
            return None
        return name, ""
    text = line.text
    return (text, "") if has_year_mark(text) and text.rstrip().endswith(")") else None


_NAME_END_RE = re.compile(r"[,，:：]")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uac00-\ud7af]")


def _bare_url_name(line: Line) -> tuple[str, str] | None:
    """`* HuatuoGPT-Vision, https://arxiv.org/abs/2406.19280, ` and `* Med-MoE：医学专家混合, https://…`:
    a short name, then a bare URL of a paper (not a Markdown link). The name is what comes before
    the first comma or colon; a sentence, or lower-case words only (`see also`), is not a name."""
    text = line.text
    scheme = text.find("://")
    start = text.rfind("http", 0, scheme) if scheme > 0 else -1
    if start <= 0 or start > LEAD_LIMIT + 15:
        return None
    url = text[start:].split(maxsplit=1)[0].rstrip(".,;，、")
    lead = text[:start]
    if not _NAME_END_RE.search(lead):  # a comma or a colon ends the name: `Cool vis with x https://…` is a sentence
        return None
    name = _NAME_END_RE.split(lead, maxsplit=1)[0].strip(" 、")
    if host_kind(url) != "paper" or not name or len(name) > LEAD_LIMIT or _SENTENCE_RE.search(name) \
            or is_field_label(name) \
            or _VERB_RE.search(name) or not (_CJK_RE.search(name) or any(c.isupper() or c.isdigit() for c in name)):
        return None
    return name, url


def _item_lines(tokens: Sequence[Token], index: int, item: Token, context: EntryContext) -> list[Line]:
    """The lines of the paragraphs after the first one in the list item opened by `item`."""
    found: list[Line] = []
    for token in tokens[index + 1 :]:
        if token.type == "list_item_close" and token.level == item.level:
            break
        if token.type == "inline" and token.level == item.level + 2:
            found += inline_lines(token, context.body_line)
    return found[:_BLOCK_LINES]


def _bold_block(title_line: Line, lines: list[Line], heading: tuple[str, ...], context: EntryContext) -> Paper | None:
    """`- **Title**` alone, then `Authors (1998)` and a paper link (or a PDF on any host) in the
    item's next paragraphs."""
    bold = _bold_title(title_line)
    if bold is None or bold[1].strip() or not lines:
        return None
    year_mark = trailing_year(lines[0].text)
    links = classify(link for line in lines for link in line_links(line.tokens))
    if year_mark is None or not any(kind == "paper" or _is_pdf(url) for kind, url in links):
        return None
    title = clean_title(bold[0])
    authors = parse_authors(re.sub(r"\bet al\b\.?", "", year_mark[0]))
    return entry(context, title_line.number, CONVENTION, title.text, links=links, year=year_mark[1],
                 authors=authors, tags=heading, short_name=title.short_name)


def _is_pdf(url: str) -> bool:
    """`http://lab.example.org/pubs/obi-98.pdf`: the paper itself, whatever the host."""
    return urlsplit(url).path.lower().endswith(".pdf")


def _bold_title(line: Line) -> tuple[str, str] | None:
    """`**Title** — A. Author et al. (NeurIPS 2022)`: the bold title and the text after it. An
    italic title (`_Title_ — Ada Obi, Ben Tran (2021)`) is emphasised the same way."""
    tokens = line.tokens
    span = _emphasis_span(tokens)
    if span is None:
        return None
    first, close = span
    if any(t.type == "link_open" for t in tokens[first:close]):
        return None
    end = next((i for i in range(close, len(tokens)) if tokens[i].type == "link_open"), len(tokens))
    rest = line_text(tokens[close + 1 : end])
    year_link = _LEADING_YEAR_RE.match(line_text(tokens[close + 1 :]))
    if not _trailing_year(rest) and year_link:  # `**Mean Teacher** ([2017](…)) : comment`
        rest = year_link.group(0)
    return line_text(tokens[first + 1 : close]), rest


def _emphasis_span(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """Where the bold (or italic) span that opens a line opens and closes."""
    first = next((i for i, t in enumerate(tokens) if not (t.type == "text" and not t.content.strip())), None)
    if first is None or tokens[first].type not in _EMPHASIS_CLOSE:
        return None
    closing = _EMPHASIS_CLOSE[tokens[first].type]
    close = next((i for i in range(first, len(tokens)) if tokens[i].type == closing), None)
    return None if close is None else (first, close)


def _bold_paper(line: Line, bold: tuple[str, str], heading: tuple[str, ...], context: EntryContext) -> Paper | None:
    """A bold title is a paper when what follows it gives a year or a venue, or a paper link does."""
    name, rest = bold
    if name.rstrip().endswith((":", "：")) or rest.lstrip().startswith((":", "：")):
        return None  # `**Venue**: NeurIPS 2022`, `**发表会议**：ICLR 2025`: a field, not a title
    cited = citation_tail(rest) or citation_tail(_COMMENT_START_RE.split(_after_bold(line), maxsplit=1)[0])
    year_mark = _trailing_year(rest)
    et_al = None if cited or year_mark else _ET_AL_YEAR_RE.match(_COMMENT_START_RE.split(rest, maxsplit=1)[0])
    if et_al:  # `**Title** — Hu et al., 2023: why`: a bare year, but after named authors
        cited = Citation(parse_authors(et_al.group("authors")), Venue(None, int(et_al.group("year"))))
    links = classify(line_links(line.tokens))
    if cited is None and year_mark is None and (len(name.split()) < 2 or not any(k == "paper" for k, _ in links)):
        return None  # a one-word bold name is a paper's only with its year: `**DETR** (2020)`
    title = clean_title(name)
    authors = cited.authors if cited else ()
    if not authors and year_mark is not None:
        authors = parse_authors(re.sub(r"\bet al\b\.?", "", year_mark[0].strip(" —–-:,(")))
    year = cited.venue.year if cited else (year_mark[1] if year_mark else title.year)
    return entry(context, line.number, CONVENTION, title.text, links=links, year=year,
                 venue=cited.venue.name if cited else None, authors=authors, tags=heading,
                 short_name=title.short_name)


def _trailing_year(rest: str) -> tuple[str, int] | None:
    """The `(2017)` that ends the text after a bold title, before the `[` of a following `[[pdf](…)]`:
    the text before it, and the year."""
    return trailing_year(rest.rstrip(" [("))


def _after_bold(line: Line) -> str:
    """Everything after the line's first bold span, link labels included: `— [Li et al., ECCV 2022](…)`."""
    span = _emphasis_span(line.tokens)
    close = span[1] if span else len(line.tokens)
    return line_text(line.tokens[close + 1 :])


def _venue_after_comma(name: str) -> tuple[str, Citation] | None:
    """`MaskGAN: Better Text Generation, ICLR 2018` -> the title and ICLR 2018."""
    title, comma, last = name.rpartition(",")
    cited = citation_tail(last) if comma and title.strip() else None
    if cited is None or cited.authors:
        return None
    rest, comma, authors = title.rpartition(",")
    if comma and rest.strip() and re.search(r"\bet al\b", authors):  # `Title, Lee et al., CVPR 2020`
        return rest, Citation(parse_authors(re.sub(r"\bet al\b\.?", "", authors)), cited.venue)
    return title, cited


def _tail(line: Line, name_url: str) -> str:
    """The text after the name link up to the next link or `|`: `, Lee et al., CVPR 2021`. Links
    named by their kind on the way (`[code](…)`, `[[pdf](…)]`) are passed over, so
    `[Title](…) [code](…), Lee, ICML 2020` keeps its citation."""
    tokens = line.tokens
    start = next((i for i, t in enumerate(tokens)
                  if t.type == "link_open" and str(t.attrGet("href") or "") == name_url), None)
    if start is None:
        return ""
    texts: list[str] = []
    close = next((i for i in range(start, len(tokens)) if tokens[i].type == "link_close"), len(tokens))
    while True:
        end = next((i for i in range(close + 1, len(tokens)) if tokens[i].type == "link_open"), len(tokens))
        texts.append(line_text(tokens[close + 1 : end]))
        if end == len(tokens) or "|" in texts[-1] or label_kind(_label_at(tokens, end)) is None:
            break
        close = next((i for i in range(end, len(tokens)) if tokens[i].type == "link_close"), len(tokens))
    return _EMPTY_BRACKETS_RE.sub("", " ".join(texts)).split("|", 1)[0].strip().rstrip(" [(")


def _label_at(tokens: Sequence[Token], position: int) -> str:
    for end in range(position + 1, len(tokens)):
        if tokens[end].type == "link_close":
            return line_text(tokens[position + 1 : end])
    return ""


def _other_links(line: Line, name_url: str) -> list[tuple[str, str]]:
    return [(label, url) for label, url in line_links(line.tokens) if not name_url or url != name_url]
