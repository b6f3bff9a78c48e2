"""Evidence that a note follows one paper's text: the parts of a paper it refers to (numbered
figures, an appendix, numbered citations), an abstract as its first section, a project page."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from papernotes.model import Note
from papernotes.recognise.fields import section_kind
from papernotes.recognise.signals import Signal

# `Fig. 5(a)`, `Figure 3`, `Table 2`, `图 3`, `表1`, an image alt `![fig1](…)`.
_FIGURE_RE = re.compile(r"\b(?:fig(?:ure)?s?\.?\s?\d{1,2}|table\s\d{1,2})\b|(?<![\u3400-\u9fff])[图表]\s?\d{1,2}(?!\d)"
                        r"|!\[fig(?:ure)?[\s_-]?\d", re.IGNORECASE)
_APPENDIX_RE = re.compile(r"\bappendix\b|附录|부록", re.IGNORECASE)
# `BC-Z [15] 和 RT-1 [13]`: a work cited by its number in the paper's references (not a link
# `[1](…)`, a reference definition `[1]: …` or a footnote `[^1]`).
_NUMBERED_CITATION_RE = re.compile(r"(?<=[\w\-]) \[\d{1,3}\](?![(\[:])")
_PARTS = (("figures", _FIGURE_RE), ("appendix", _APPENDIX_RE), ("numbered citations", _NUMBERED_CITATION_RE))

# How a link to a paper's project page is labelled: `[project page](…)`, `[主页](…)`.
PROJECT_LINK_TEXTS = frozenset({"project", "project page", "project website", "主页", "项目主页", "项目页", "项目",
                                "项目网站", "프로젝트", "프로젝트 페이지"})
_CODE_HOSTS = ("github.com", "gitee.com", "gitlab.com", "huggingface.co")


def paper_parts_signals(note: Note) -> list[Signal]:
    """A note whose text (below its title) refers to a paper's numbered figures or tables, its
    appendix or its numbered citations is read alongside that paper: +0.3 for one kind of part,
    +0.5 for more."""
    found: dict[str, int] = {}
    first = next((heading.line for heading in note.headings if heading.line <= note.body_line + 5), None)
    for index, text in enumerate(note.body.split("\n")):
        if index in note.code_lines or not text.strip() or note.body_line + index == first:
            continue  # a title heading `Figure 1. …` names a figure's note
        for name, pattern in _PARTS:
            if name not in found and pattern.search(text):
                found[name] = note.body_line + index
    if not found:
        return []
    return [Signal("paper-parts", 0.3 if len(found) == 1 else 0.5,
                   "refers to a paper's " + ", ".join(found), min(found.values()))]


def abstract_heading_signals(note: Note) -> list[Signal]:
    """`## 摘要` or `## Abstract` as the note's first heading, with text under it: the note opens
    with the paper's abstract, as an abstract callout does."""
    first = next((heading for heading in note.headings if heading.line <= note.body_line + 10), None)
    if first is None or section_kind(first.text) != "abstract" or first.text.strip().casefold() in _NOT_ABSTRACT:
        return []
    lines = note.body.split("\n", first.line - note.body_line + 4)[first.line - note.body_line + 1:]
    under = itertools.takewhile(lambda text: not text.lstrip().startswith("#"), lines[:3])
    if not any(text.strip() for text in under):
        return []
    return [Signal("abstract-heading", 0.5, f"opens with the paper's abstract (`{first.text}`)", first.line)]


_NOT_ABSTRACT = frozenset({"概要", "요약", "summary"})
"""Summaries of anything, not only of a paper."""


def project_page_signals(note: Note) -> list[Signal]:
    """One link labelled as a project page (`[主页](https://x.github.io/)`), not a code host's:
    papers have project pages; a list that links many is not one paper's note."""
    pages = {link.target: link for link in note.links if link.external
             and link.text.strip(" `*[]").casefold() in PROJECT_LINK_TEXTS
             and not (urlsplit(link.target).hostname or "").endswith(_CODE_HOSTS)}
    if len(pages) != 1:
        return []
    link = next(iter(pages.values()))
    return [Signal("project-page", 0.3, f"links a project page ({link.target})", link.line)]
