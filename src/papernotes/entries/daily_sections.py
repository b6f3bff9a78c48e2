"""Daily-note sections (Dendron): `## Title`, `#hashtag` lines, an image, then structured bullets.

A heading is a paper when its section opens with a line of hashtags (before any other block)
or holds structured bullets or paragraphs with at least two of the labels `研究背景`, `研究动机`,
`研究方法`, `贡献和创新点`, `相关工作` (`- **研究背景**：…`); any other heading, however many a
note has, is not. English labels (`Background:`) are too common in ordinary notes to count.
The title is the heading, the topics are the hashtags, the summary is the first structured
bullet without its label, and the note's `created` date (Dendron's milliseconds, normalised by
the frontmatter reader) is kept as the attribute `read_on`, the day the paper was read. A
section ends at the next heading of any level. Level-1 headings are not read: `# MAE` above
`#self-supervised` is a one-paper note's own title, and that paper is described by the note's
frontmatter, which the graph reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, short_summary
from papernotes.entries.lines import heading_text, inline_lines, is_hashtag_line, line_hashtags
from papernotes.model import Paper

CONVENTION = "daily-section"

LABELS = ("研究背景", "研究动机", "研究方法", "贡献和创新点", "相关工作")
_LABEL_RE = re.compile(r"\A\s*+(?P<label>" + "|".join(LABELS) + r")\s*[:：]\s*(?P<rest>.*)", re.DOTALL)


@dataclass(slots=True)
class _Section:
    title: str
    line: int
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    labels: set[str] = field(default_factory=set)
    opened: bool = False  # a block other than hashtag lines has been seen


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    section: _Section | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            _finish(section, papers, context)
            line = (token.map[0] if token.map else 0) + context.body_line
            section = _Section(heading_text(tokens, index), line) if token.tag != "h1" else None
        elif section is not None and token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            _read(token, section, context)
        elif section is not None and token.type in ("fence", "code_block", "html_block", "table_open"):
            section.opened = True
    _finish(section, papers, context)
    return papers


def _read(inline: Token, section: _Section, context: EntryContext) -> None:
    content = inline.content
    if not section.opened and "#" in content:
        lines = inline_lines(inline, context.body_line)
        if all(is_hashtag_line(line) for line in lines):
            section.tags.extend(tag for line in lines for tag in line_hashtags(line))
            return
    section.opened = True
    if not any(label in content for label in LABELS):  # most paragraphs: no need to split lines
        return
    lines = inline_lines(inline, context.body_line)
    match = _LABEL_RE.fullmatch(" ".join(line.text for line in lines))
    if match:
        section.summary = section.summary or short_summary(match.group("rest"))
        section.labels.add(match.group("label"))


def _finish(section: _Section | None, papers: list[Paper], context: EntryContext) -> None:
    if section is None or (not section.tags and len(section.labels) < 2):
        return
    title = clean_title(section.title)
    if not title.text:
        return
    created = context.meta.created
    papers.append(
        entry(
            context,
            section.line,
            CONVENTION,
            title.text,
            year=title.year,
            tags=section.tags,
            summary=section.summary,
            short_name=title.short_name,
            attributes=(("read_on", created[:10]),) if created else (),
        )
    )
