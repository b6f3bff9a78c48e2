"""Evidence that a note follows one paper's text: the parts of a paper it refers to (numbered
figures, an appendix, numbered citations), an abstract as its first section, a project page."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from papernotes.model import Note
from papernotes.recognise.fields import section_kind
from papernotes.recognise.signals import Signal

# `Fig. 5(a)`, `Figure 3`, `Table 2`, `图 3`, `表1`, an image alt `![fig1](…)` (`fig1` after `[`); `BC-Z [15]`: a work
# cited by its number in the paper's references (not a link `[1](…)`, a reference definition
# `[1]: …` or a footnote `[^1]`). Each pattern starts with a letter to look for, which keeps the
# scan fast; what must not come before it is checked on the match.
_PARTS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("figures", re.compile(r"(?:[Ff]ig(?:ure)?s?\.? ?|FIG(?:URE)?S?\.? ?|[Tt]able |TABLE )\d{1,2}\b"), "word"),
    ("figures", re.compile(r"[图表] ?\d{1,2}(?!\d)"), "cjk"),
    ("appendix", re.compile(r"[Aa]ppendix\b|APPENDIX\b|附录|부록"), "word"),
    ("numbered citations", re.compile(r" \[\d{1,3}\](?![(\[:])"), "after-word"),
)
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


def _stands_alone(body: str, at: int, rule: str) -> bool:
    """What comes before a match: `word` no Latin letter (`Figure 3`, `见附录`, not `configure 3`), `cjk` no
    Chinese character (`图 3`, not `地图 3`), `after-word` a word (`RT-1 [13]`)."""
    before = body[at - 1] if at > 0 else " "
    if rule == "word":
        return not (before.isascii() and before.isalpha())
    if rule == "cjk":
        return not _CJK_RE.match(before)
    return before.isalnum() or before in "-_"  # after-word


# How a link to a paper's project page is labelled: `[project page](…)`, `[主页](…)`.
PROJECT_LINK_TEXTS = frozenset({"project", "project page", "project website", "主页", "项目主页", "项目页", "项目",
                                "项目网站", "프로젝트", "프로젝트 페이지"})
_CODE_HOSTS = ("github.com", "gitee.com", "gitlab.com", "huggingface.co")


def paper_parts_signals(note: Note) -> list[Signal]:
    """A note whose text (below its title) refers to a paper's numbered figures or tables, its
    appendix or its numbered citations is read alongside that paper: +0.3 for one kind of part,
    +0.5 for more. Each pattern runs once over the body; code blocks are skipped."""
    first = next((heading.line for heading in note.headings if heading.line <= note.body_line + 5), None)
    skipped = set(note.code_lines) | ({first - note.body_line} if first is not None else set())
    body = note.body
    found: dict[str, int] = {}
    for name, pattern, rule in _PARTS:
        if name in found:
            continue
        index = start = 0  # the line of `start`, counted forward only: linear in the body
        for match in pattern.finditer(body):
            index += body.count("\n", start, match.start())
            start = match.start()
            if index not in skipped and _stands_alone(body, start, rule):
                found[name] = note.body_line + index
                break
    if not found:
        return []
    names = list(dict.fromkeys(name for name, _, _ in _PARTS if name in found))
    return [Signal("paper-parts", 0.3 if len(names) == 1 else 0.5, "refers to a paper's " + ", ".join(names),
                   min(found.values()))]


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
