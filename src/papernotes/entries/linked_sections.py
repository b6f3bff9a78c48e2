"""Sections opened by their paper's link: `## SynCamMaster: 多机位视频生成` then `https://arxiv.org/abs/…, ICLR 2025`.

Notes on several papers (a week's reading, the works behind a library) give each a heading and
start the section with the paper's link: a bare paper URL, `[Paper](…)`, `[论文](…)`, or a link
whose label is the paper's English title under a heading that translates it. Judgement call:
the link must open the section's first line (a link later in the text is a citation), point to
a paper (arXiv, DOI, a proceedings or journal site, also behind a redirect), and the heading must
not be generic (`## Ref and Tag`, `## Paper`: such entries are dropped). The title is the
link's label when it reads as one (three words or more, not `Paper`), else the heading; a venue
after the link (`, ICLR 2025`) is kept. Level-1 headings (the note's own title) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, venue_name
from papernotes.entries.lines import Line, headed_paragraphs, heading_text, inline_lines, line_text
from papernotes.entries.links import host_kind, label_kind
from papernotes.model import Paper
from papernotes.titles import section_number

CONVENTION = "linked-section"
_TITLE_WORDS = 3
_PROSE = 3  # characters of text besides links and a venue: `和`, `。`
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    for index, token, inline in headed_paragraphs(tokens):
        line = inline_lines(inline, context.body_line)[0]
        found = _opening_link(line)
        if found is None:
            continue
        label, url, rest = found
        title = clean_title(label if label_kind(label) is None and len(label.split()) >= _TITLE_WORDS
                            else _name(heading_text(tokens, index)))
        venue = venue_name(rest.strip(" ,，;:")) if rest.strip(" ,，;:") else None
        papers.append(entry(context, (token.map[0] if token.map else 0) + context.body_line, CONVENTION,
                            title.text, links=(("paper", url),), year=(venue.year if venue else None) or title.year,
                            venue=venue.name if venue else None, short_name=title.short_name))
    return papers


def _name(heading: str) -> str:
    """`SynCamMaster: 多机位同步视频生成` -> `SynCamMaster`: the paper's name before a description in
    Chinese, Japanese or Korean; any other heading as it is, without its section number (`10.BYOL`,
    `3.1 C3D`: the papers of a talk, numbered)."""
    number = section_number(heading)
    if "." in number:  # `3 Papers` is a heading's own text
        heading = heading[len(number):]
    name, colon, description = heading.partition(":") if ":" in heading else heading.partition("：")
    return name.strip() if colon and name.strip() and _CJK_RE.match(description.strip()) else heading


def _opening_link(line: Line) -> tuple[str, str, str] | None:
    """(label, url, text after it) when the line starts with a link to a paper and holds nothing
    else but other links and a venue (`[Paper](…) 和[解读](…)。`, `https://arxiv…, ICLR 2025`):
    a sentence that starts with a link cites it."""
    tokens = line.tokens
    first = next((i for i, t in enumerate(tokens) if not (t.type == "text" and not t.content.strip())), None)
    if first is None:
        return None
    if tokens[first].type == "link_open":
        close = next((i for i in range(first, len(tokens)) if tokens[i].type == "link_close"), len(tokens))
        url = str(tokens[first].attrGet("href") or "")
        label, rest = line_text(tokens[first + 1:close]), line_text(tokens[close + 1:])
    elif tokens[first].type == "text" and tokens[first].content.lstrip().startswith(("http://", "https://")):
        text = line.text.lstrip()
        url = text.split(maxsplit=1)[0].rstrip(".,;，、")
        label, rest = "", text[len(url):]
    else:
        return None
    prose = "".join(token.content for token in _outside_links(tokens[first:]) if token.type == "text")
    prose = prose.replace(url, "")
    if host_kind(url) != "paper" or (len(prose.strip(" ,，;:。、和and")) > _PROSE and venue_name(prose) is None):
        return None
    return label, url, rest


def _outside_links(tokens: Sequence[Token]) -> list[Token]:
    kept, depth = [], 0
    for token in tokens:
        depth += (token.type == "link_open") - (token.type == "link_close")
        if depth == 0 and token.type != "link_close":
            kept.append(token)
    return kept
