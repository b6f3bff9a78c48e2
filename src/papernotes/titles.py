"""A note's one title: frontmatter `title`, else its title heading, else its file name; placeholders skipped."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from papernotes.diagnostics import Diagnostic
from papernotes.ids import title_key
from papernotes.model import Heading, Note
from papernotes.paths import stem

TitleSource = Literal["frontmatter", "heading", "file"]

# Titles that templates and editors write before the user names the note, folded by `title_key`
# (a trailing counter, as in Obsidian's `Untitled 2`, is dropped before the lookup).
PLACEHOLDER_TITLES = frozenset(title_key(text) for text in (
    "Template", "Templates", "Untitled", "Untitled note", "Paper title", "Paper name", "New note",
    "Note title", "Your title here",
    "无标题", "未命名", "未命名笔记", "未命名文件", "模板", "论文标题", "论文名称", "新笔记", "新建笔记",
    "無標題", "論文標題",
    "제목 없음", "무제", "템플릿", "논문 제목", "새 노트", "새 메모",
    "無題", "テンプレート", "論文タイトル", "論文名", "タイトル",
))
# Template variables left unrendered: Obsidian's core templates `{{title}}`, `{{date:YYYY-MM-DD}}`,
# Templater's `<% tp.file.title %>`, `${title}`. Only variables: `{{ 7*7 }}` is text someone wrote.
_TEMPLATE_SYNTAX_RE = re.compile(
    r"\{\{\s*[\w.\-]+(?::[^{}]*)?\s*\}\}|<%[-_*+~]?\s.*?%>|\$\{\s*[\w.\-]+\s*\}", re.DOTALL)
# A template's blank to fill in, a heading in brackets alone: `[Review title]`, `[리뷰 제목]`
_BRACKETED_BLANK_RE = re.compile(r"\[[^\[\]]++\]")
_COUNTER_RE = re.compile(r"(?<!\s)\s*+\d{1,3}$")  # `Untitled 2`; possessive: linear on long blank runs
# A heading's section number: `1 Introduction`, `2.3 Method`, `1.Intro`, `2)`, `Part1.`, `III. Results`,
# `一、引言`, `第二章 方法`, `②`. A number must end at a space or a mark (`.`, `)`, `、`): `3D Gaussians`,
# `2.5D`, `100 papers` and `10篇` start with no section number. Possessive: linear on long digit runs.
_SECTION_NUMBER_RE = re.compile(
    r"\A\s*+(?:(?:[Pp]art\s*+)?\d{1,2}+(?:\.\d{1,2}+)*+(?:[.)、．]|(?=\s))|[IVX]{1,4}+[.)](?=\s)"
    r"|[一二三四五六七八九十]{1,3}+\s*+[、.．)]|第\s*+[一二三四五六七八九十\d]{1,3}+\s*+[章节部分]|[\u2460-\u2473])\s*+")


_SOURCE_NAMES: dict[TitleSource, str] = {"frontmatter": "frontmatter title", "heading": "heading", "file": "file name"}


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    source: TitleSource
    skipped: tuple[tuple[TitleSource, str, str], ...] = ()
    """(source, text, why) of each title passed over on the way to `text`."""


def file_title(key: str) -> str:
    """The title a file name gives: `Latte.md` -> `Latte`; a folder's `index.md` or `README.md` is
    titled by its folder, the vault's own by `Home`."""
    name = stem(key)
    if name.casefold() not in ("index", "readme"):
        return name
    folder = key.rsplit("/", 1)[0] if "/" in key else ""
    return stem(folder) if folder else "Home"


def has_template_syntax(text: str) -> bool:
    """`{{title}}`, `{{VALUE:topic}}`, `<% tp.system.prompt("…") %>`, `${title}`: a template's
    variable left unrendered, never a title, a tag or a topic."""
    return _TEMPLATE_SYNTAX_RE.search(text) is not None


def placeholder_reason(text: str) -> str | None:
    """Why `text` is not a title (`"unrendered template syntax"`, `"a placeholder"`), or None."""
    if has_template_syntax(text):
        return "unrendered template syntax"
    if _BRACKETED_BLANK_RE.fullmatch(text.strip()):
        return "a template's blank"
    key = title_key(text)
    if not key:
        return "empty"
    if key in PLACEHOLDER_TITLES or _COUNTER_RE.sub("", key) in PLACEHOLDER_TITLES:
        return "a placeholder"
    return None


def section_number(text: str) -> str:
    """The section number a heading starts with, with the spaces after it (`3.2 ` of `3.2 Loss`,
    `一、` of `一、引言`); empty when it has none."""
    match = _SECTION_NUMBER_RE.match(text)
    return match.group(0) if match else ""


def without_section_number(text: str) -> str:
    """A heading's text after its section number (`Loss` of `3.2 Loss`)."""
    return text[len(section_number(text)):]


_ISSUE_REFERENCE_RE = re.compile(r"\A(?:[\w.\-]++/[\w.\-]++)?+#\d{1,6}+\s++(?=\S)")
_VENUE_YEAR_RE = re.compile(r"(?:[^()]{0,80}\s)?(?:19|20)\d{2}")


def without_issue_reference(text: str) -> str:
    """`owner/repo#12 Title (CVPR 2022)` -> `Title`: a GitHub issue reference, as repositories of
    paper reviews tracked in issues list their papers, is no part of the title, nor is the venue
    and year in brackets after it."""
    match = _ISSUE_REFERENCE_RE.match(text)
    if match is None:
        return text
    rest = text[match.end():].rstrip()
    if rest.endswith(")"):
        head, _, inner = rest[:-1].rpartition("(")
        if head.strip() and head[-1:].isspace() and _VENUE_YEAR_RE.fullmatch(inner):
            return head.rstrip()
    return rest


# A label before a heading's title: `# 제목: Title`, `# Title: …`, `# 标题：…`, `# 論文名：…`.
_TITLE_LABEL_RE = re.compile(
    r"\A\s*+(?:title|paper title|paper|제목|논문 제목|논문명|标题|题目|论文标题|論文名|タイトル)\s*+[:：]\s*+",
    re.IGNORECASE)
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
# A Latin title, then the kind of note in a few CJK words: `Attention Is All You Need 论文解析`
# ("paper analysis"), `… 原文翻译` ("translation"), `… 논문 리뷰` ("paper review").
_NOTE_KIND_SUFFIX_RE = re.compile(rf"(?<=[A-Za-z0-9).?!\]])\s++[{_CJK}][{_CJK} ]{{0,7}}+$")


def without_title_label(text: str) -> str:
    """`제목: FAST-LIVO2: Fast, …` -> `FAST-LIVO2: Fast, …`: the label is no part of the title."""
    match = _TITLE_LABEL_RE.match(text)
    return text[match.end():] if match and text[match.end():].strip() else text


def without_note_kind(text: str) -> str:
    """`Attention Is All You Need 原文翻译` -> `Attention Is All You Need`: a paper's Latin title
    ends in no CJK word, so a few of them after it say what kind of note this is (the notes of
    one paper, `论文解析`, `通俗讲解`, `原文翻译`, then share its title). A title in CJK stays whole."""
    match = _NOTE_KIND_SUFFIX_RE.search(text)
    head = text[:match.start()] if match else text
    if match is None or _CJK_CHAR_RE.search(head) or len(re.findall(r"[A-Za-z]{2,}", head)) < 2:
        return text
    return head


_CJK_CHAR_RE = re.compile(f"[{_CJK}]")


def is_section_heading(text: str) -> bool:
    """A numbered heading (`1 Introduction`, `3.2 Loss`, `一、引言`) names a section, not the note."""
    return bool(section_number(text))


def title_heading(headings: Sequence[Heading], body: str, body_line: int) -> str | None:
    """The note's title heading: its only `#` heading, standing at the start of the body, unnumbered."""
    top = [heading for heading in headings if heading.level == 1]
    if len(top) != 1:
        return None
    rest = body.lstrip()
    first_line = body_line + body[:len(body) - len(rest)].count("\n")  # the first line not blank
    heading = top[0]
    if heading.line != first_line or is_section_heading(heading.text):
        return None
    return heading.text.strip() or None


def choose_title(frontmatter_title: object, headings: Sequence[Heading], body: str, body_line: int,
                 file_stem: str, *, passed_over: Collection[TitleSource] = ()) -> Title:
    """The one title a note has on every page, list and export.

    In order: frontmatter `title` (any key case; a non-string value as text), then the title
    heading (see `title_heading`), then the file name. A placeholder or template syntax is passed
    over, as is any source in `passed_over` (a frontmatter title shared by different papers).
    """
    skipped: list[tuple[TitleSource, str, str]] = []
    candidates: tuple[tuple[TitleSource, str | None], ...] = (
        ("frontmatter", None if frontmatter_title is None else str(frontmatter_title).strip()),
        ("heading", title_heading(headings, body, body_line)),
    )
    for source, text in candidates:
        if not text:
            continue
        reason = "shared by different papers" if source in passed_over else placeholder_reason(text)
        if reason is None:
            return Title(text, source, tuple(skipped))
        skipped.append((source, text, reason))
    return Title(file_stem, "file", tuple(skipped))


def skipped_title_diagnostics(path: str, title: Title, frontmatter_line: int,
                              headings: Sequence[Heading] = ()) -> list[Diagnostic]:
    """An info per title passed over, at its line, saying which title the note has instead."""
    where = _SOURCE_NAMES
    heading_line = next((heading.line for heading in headings if heading.level == 1), frontmatter_line)
    return [Diagnostic(
        path, frontmatter_line if source == "frontmatter" else heading_line, "info", "placeholder-title",
        f"{where[source]} '{text}' is {reason}, "
        f"not a title; the note is titled '{title.text}' (from its {where[title.source]})",
        "give the note its real title in frontmatter `title:`" if source == "frontmatter"
        else "name the note's first `#` heading after the paper",
    ) for source, text, reason in title.skipped]


def _facts(note: Note) -> dict[str, object]:
    meta = note.meta
    return {name: value for name, value in (("arxiv", meta.arxiv), ("doi", meta.doi),
                                            ("citekey", meta.citekey), ("year", meta.year)) if value}


def _different_papers(notes: Sequence[Note]) -> bool:
    """Some two of these notes disagree on an arXiv id, DOI, citation key or year."""
    facts = [_facts(note) for note in notes]
    return any(name in first and name in second and first[name] != second[name]
               for index, first in enumerate(facts) for second in facts[index + 1:] for name in first)


_FRONTMATTER: tuple[TitleSource, ...] = ("frontmatter",)


def retitle_shared(notes: Sequence[Note]) -> tuple[list[Note], list[Diagnostic]]:
    """Notes whose frontmatter title is shared by notes about different papers (a template's
    `Title: Reading notes` that nobody changed) titled by their next source instead, with an info.

    Notes sharing a title with no fact to tell them apart stay as they are: identity then joins
    them as one paper, and says so (`title-only-merge`)."""
    by_title: dict[str, list[Note]] = {}
    for note in notes:
        if note.meta.title is not None and note.title == str(note.meta.title).strip():
            by_title.setdefault(title_key(note.title), []).append(note)
    retitled: dict[str, Note] = {}
    problems: list[Diagnostic] = []
    for group in by_title.values():
        if len(group) < 2 or not _different_papers(group):
            continue
        for note in group:
            title = choose_title(note.meta.title, note.headings, note.body, note.body_line,
                                 file_title(note.path), passed_over=_FRONTMATTER)
            others = ", ".join(other.path for other in group if other is not note)
            retitled[note.path] = replace(note, title=title.text)
            problems.append(Diagnostic(
                note.path, 1, "info", "shared-title",
                f"frontmatter title '{note.title}' is shared with {others}, a different paper; "
                f"the note is titled '{title.text}' (from its {_SOURCE_NAMES[title.source]})",
                "give each note its paper's own title in `title:`",
            ))
    return [retitled.get(note.path, note) for note in notes], problems
