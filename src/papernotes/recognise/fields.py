"""A paper's facts written at the top of a note: labelled fields, a by-line, a venue line, a citation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from papernotes.ids import find_year, is_known_venue, normalise_venue, venue_in_text
from papernotes.model import Note
from papernotes.recognise.signals import AUTHOR_MARK_SIGNS, Facts, Signal
from papernotes.titles import without_section_number

TOP = 30
"""Fields are read in the first lines of the body."""

# A section that opens with the paper's title, then its authors: `## 标题&作者`, `## Title & Authors`.
# Its first line is the title only when it is the original (English) title: the writer's own
# summary often stands there instead (`latent 一致性模型，在只有几步迭代…`).
_TITLE_AND_AUTHORS = ("标题&作者", "题目&作者", "标题与作者", "题目与作者", "标题和作者", "title & authors",
                      "title and authors", "title & author")

# Labels people give a paper's facts, folded: `Paper:`, `**Authors**:`, `### Year:`, `作者：`, `저자:`.
FIELD_KINDS: dict[str, str] = {
    **dict.fromkeys(("paper", "title", "paper title", "paper name", "论文", "论文标题", "论文题目", "题目", "标题",
                     "논문", "논문 제목", "논문명", "제목"), "title"),
    **dict.fromkeys(_TITLE_AND_AUTHORS, "title"),
    **dict.fromkeys(("author", "authors", "作者", "저자", "저자들"), "authors"),
    **dict.fromkeys(("year", "published year", "年份", "年", "发表年份", "연도", "발표 연도", "출판 연도"), "year"),
    **dict.fromkeys(("venue", "conference", "journal", "published in", "publication", "proceedings", "会议", "期刊",
                     "发表", "发表于", "会议/期刊", "发表会议", "출처", "학회", "게재", "학회/저널"), "venue"),
    # when the paper came out (`发布时间：2025年9月（CVPR 2026）`) and whether it was accepted
    # (`发表状态：ICML 2026`, `未录用`): a year, and a venue only when one we know is named in them
    **dict.fromkeys(("发布时间", "发表时间", "发布日期", "发表日期", "publication date", "published date"), "date"),
    **dict.fromkeys(("发表状态", "录用情况", "录用状态", "接收情况"), "status"),
    # `Tags: task.object_detection, domain.medical`: the paper's topics (dots nest, as `/` does)
    **dict.fromkeys(("tags", "tag", "标签", "태그"), "tags"),
    **dict.fromkeys(("speaker", "speakers", "presenter", "lecturer", "instructor", "讲者", "主讲", "主讲人", "演讲者",
                     "발표자", "강연자", "연사"), "talk"),
    **dict.fromkeys(("link", "links", "url", "paper link", "pdf", "arxiv", "doi", "论文链接", "论文地址", "链接",
                     "原文", "原文链接", "논문 링크", "링크"), "link"),
}
# Possessive blanks and a value ending in a non-blank: linear on long lines of spaces.
# A label may carry its translation in brackets: `**作者 (Authors)**:`, `发表年份（Publication Year）：`.
_FIELD_RE = re.compile(r"^\s*+(?:[-*+>]\s++)*+(?:\*\*|__)?(?P<key>[^:：*_\[\]()（）]{1,24}?"
                       r"(?:\s*+[(（][^:：*_\[\]()（）]{1,30}[)）])?)(?:\*\*|__)?\s*+[:：]{1,2}\s*+"
                       r"(?:(?:\*\*|__)\s*+)?(?P<value>(?:.*\S)?)\s*$")
_PUBLISHED_RE = re.compile(r"^\s*+(?:[-*+]\s++)?(?:published|presented|appeared)\s++(?:at|in)\s++"
                           r"(?P<venue>[A-Za-z][^\n:]{1,60}?)\.?\s*$", re.IGNORECASE)
_HEADING_FIELD_RE = re.compile(r"^\s*#{1,6}\s+(?:\*\*)?(?P<key>[^:：*]{1,24}?)(?:\*\*)?\s*[:：]?\s*$")
_BYLINE_RE = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*|_)?by\s+(?P<names>[A-Z][^\n]{2,400})$")
_VENUE_LINE_RE = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*\*|\*|_)?(?P<venue>[A-Za-z][A-Za-z&\- ]{1,30}?)\s*'?"
                            r"(?P<year>(?:19|20)\d{2})\b(?P<rest>[^\n]{0,60})$")
# `2024 RAL`: the year first, then the venue alone on its line.
_YEAR_VENUE_LINE_RE = re.compile(r"^\s*+(?:#{1,6}\s++)?(?P<year>(?:19|20)\d{2})\s++"
                                 r"(?P<venue>[A-Za-z][\w&\-]{1,15})\s*+$")
# `Kwon, Woosuk, et al. "A Fast Post-Training Pruning Framework." arXiv preprint arXiv:2204.09656 (2022).`
_MLA_RE = re.compile(r"^\s*(?:[-*]\s+)?(?P<authors>[A-Z][^\"“”]{1,300}?)[.,]?\s*"
                     r"[\"“](?P<title>[^\"“”]{5,300}?)[.,]?[\"”](?P<rest>.*)$")
# `Silver, D., Lever, G., & Riedmiller, M. (2014).`
# Possessive: a blank between two authors is read one way only (linear, not exponential).
_INITIALS_AUTHORS = (r"(?P<authors>(?:[A-Z][\w'’\-]++(?: [A-Z][\w'’\-]++)?,\s*+(?:[A-Z]\.\s*+-?)++,?\s*+"
                     r"(?:&\s*+|and\s++)?)++)")
_APA_RE = re.compile(r"^\s*(?:[-*]\s+)?" + _INITIALS_AUTHORS
                     + r"\s*(?:et al\.?\s*)?\((?P<year>(?:19|20)\d{2})[a-z]?\)\.?(?P<rest>.*)$")
# `Wang, H., Potluri, S., Luo, M. et al. Title of the paper. Comput Sci Res Dev 26, 257 (2011).` (Springer)
_SPRINGER_RE = re.compile(r"^\s*(?:[-*]\s+)?" + _INITIALS_AUTHORS
                          + r"\s*(?:et al\.\s*)?(?P<title>[A-Z][^.\n]{4,300})\.\s+"
                          r"(?P<rest>[^\n]*\((?:19|20)\d{2}\)[^\n]*)$")
# `[10] Cho, S., Jun, T.J., Kim, D.: Title of the paper. In: IJCNN. IEEE (2020)` (Springer's LNCS, as
# ECCV and MICCAI papers list their references): the authors end at a colon.
_LNCS_RE = re.compile(r"^\s*+(?:[-*]\s++)?(?:\[?+\d{1,4}\]\s*+)?" + _INITIALS_AUTHORS
                      + r"\s*+(?:et al\.\s*+)?:\s++(?P<title>[^\n]{4,300}?)(?P<stop>[.?!])\s++(?P<rest>[^\n]*+)$")
_LNCS_VENUE_RE = re.compile(r"In:?\s++([^.(,\n]{2,60})")
# `Ada Obi, Paul H. J. Kelly, and Jun Li. 2021. Title of the paper. In Proceedings of ...` (ACM):
# a period inside the authors only after an initial
_ACM_NAME = r"(?:[^.\n]|(?<=[\s.][A-Z])\.)"
_ACM_RE = re.compile(r"^\s*(?:[-*]\s+)?(?:[A-Z]\w+:\s*)?(?P<authors>[A-Z]" + _ACM_NAME + r"{2,600}?\band\b"
                     + _ACM_NAME + r"{2,80}?)\.\s+(?P<year>(?:19|20)\d{2})[a-z]?\.\s+(?P<title>[^\n]{5,300}?)\.\s+"
                     r"(?:In\b|arXiv|Retrieved|ACM|IEEE)")
# `Groves, Taylor, et al. Title of the paper. IEEE, 2020.` (MLA with its quotes lost)
_MLA_PLAIN_RE = re.compile(r"^\s*(?:[-*]\s+)?(?P<authors>[A-Z][\w'’\-]+, [A-Z][\w'’\-]+(?: [A-Z]\.)?,? et al\.)\s+"
                           r"(?P<title>[A-Z][^.\n]{4,300})\.\s+(?P<rest>[^\n]*)$")
# `Obi, Ada & Tran, Ben. (2019). Title of the paper. Journal. 36. 1-26.` (ResearchGate)
_AMPERSAND_RE = re.compile(r"^\s*(?:[-*]\s+)?(?P<authors>[A-Z][\w'’\-]+, [A-Z][\w'’\-]+"
                           r"(?: & [A-Z][\w'’\-]+, [A-Z][\w'’\-]+)+)"
                           r"\.\s*\((?P<year>(?:19|20)\d{2})\)\.\s*(?P<title>[^.\n]{5,300})\.")
# `Reference: "Title of the paper", Ada Obi and Ben Tran, Symposium X, October 2015`
_LABELLED_RE = re.compile(r"^\s*(?:[-*]\s+)?(?:\*\*)?(?:references?|citation|cite)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*"
                          r"[\"“](?P<title>[^\"“”]{5,300}?)[.,]?[\"”](?P<rest>[^\n]*)$", re.IGNORECASE)
_PAREN_YEAR_RE = re.compile(r"\(((?:19|20)\d{2})\)")
_YEAR_WORD_RE = re.compile(r"(?<![\d.:/])((?:19|20)\d{2})(?![\d.]\d)")
_URL_RE = re.compile(r"https?://|\]\(|\[\[")
# A template's blanks: `[저자명]`, `<authors>`, `{{title}}`, `YYYY`, `...`.
# A value that says it is not known: `unknown`, `N/A`, `TBD`, `미확인`, `未知`, `待定`, `Anonymous` (a paper
# under blind review); no venue and no author.
_PLACEHOLDER_RE = re.compile(r"^(?:\[[^\]()]*\](?!\()|<[^>]*>|\{\{.*\}\}|Y{2,4}|x{2,4}|\.{3}|…|-+"
                             r"|(?i:unknown|n/?a|none|tbd|anonymous|未知|暂无|待定|不详|미확인|미정|없음|不明))\W*$")


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
# `[1]` at the end: a footnote mark. `(经验是最好的老师：…)` at the end: a translation of the title
# before it (CJK first, no nesting). No leading blanks in either: linear on long runs of spaces.
_FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]\s*+$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_DESCRIPTION_RE = re.compile(r"[:：][ \t]*+[\u3400-\u9fff\uac00-\ud7af]")
_TRANSLATION_RE = re.compile(r"[(（][\u3400-\u9fff\uac00-\ud7af][^()（）]*[)）]\s*+$")


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    value: str
    line: int


def _fields(note: Note) -> list[_Found]:
    """`Key: value` lines and `### Key:` headings followed by their value, in the first lines."""
    # Zero-width spaces that some chat assistants' copies put around `**` are not text.
    lines = note.body.split("\n", TOP)[:TOP]
    lines = [text.translate(_ZERO_WIDTH) if "\u200b" in text or "\ufeff" in text else text for text in lines]
    found: list[_Found] = []
    for index, text in enumerate(lines):
        line = note.body_line + index
        if index in note.code_lines:
            continue
        heading = _HEADING_FIELD_RE.match(text)
        key = without_section_number(heading.group("key")) if heading else ""
        if heading and _kind(key):  # `## Part1.标题&作者`, `## 1 题目&作者`: numbered sections too
            value = next((rest.strip() for rest in lines[index + 1:index + 4] if rest.strip()), "")
            summary = _normal_key(key) in _TITLE_AND_AUTHORS and _CJK_RE.search(stated_title(value))
            if value and not value.startswith("#") and not summary:
                found.append(_Found(_kind(key), value, line))
            continue
        match = _FIELD_RE.match(text)
        if match and _kind(match.group("key")) and match.group("value"):
            found.append(_Found(_kind(match.group("key")), match.group("value").strip("* "), line))
        elif published := _PUBLISHED_RE.match(text):  # `- Published at VLDB'20`
            found.append(_Found("venue", published.group("venue"), line))
        elif (row := _TABLE_FIELD_RE.match(text)) and _kind(row.group("key")) and row.group("value").strip() \
                and not _TABLE_RULE_RE.match(lines[index + 1] if index + 1 < len(lines) else ""):
            found.append(_Found(_kind(row.group("key")), row.group("value").strip(), line))  # `| 作者 | Ada Obi |`
    return [field for field in found if (field.kind != "link" or _URL_RE.search(field.value))
            and not _PLACEHOLDER_RE.match(field.value)]


# A row of a two-column table of the paper's facts (`| 属性 | 值 |` then `| 年份 | 2017 |`); the
# header row (the one above the `|---|---|` rule) names columns, not facts.
_TABLE_FIELD_RE = re.compile(
    r"^\s*+\|\s*+(?:\*\*)?(?P<key>[^|*]{1,24}?)(?:\*\*)?\s*+\|(?P<value>[^|]*+)\|\s*+$")
_TABLE_RULE_RE = re.compile(r"^\s*+\|?\s*+:?-{2,}")


def _normal_key(key: str) -> str:
    return " ".join(key.translate(_ZERO_WIDTH).strip().strip("#*_ ").casefold().split())


# Parts of a joined label that name no fact of the paper: `Author/Institution`, `저자/소속`.
_AFFILIATION_WORDS = frozenset({"institution", "institutions", "affiliation", "affiliations", "organization",
                                "organisation", "lab", "机构", "单位", "소속", "기관"})


def _kind(key: str) -> str:
    """The fact a label names; a label of two joined by `/` (`Author/Institution`,
    `Conference/Journal`) names the one fact its known parts agree on."""
    normal = _normal_key(key)
    if normal.endswith((")", "）")) and (gloss := re.search(r"[(（]([^()（）]*)[)）]$", normal)):
        return _kind(normal[:gloss.start()]) or _kind(gloss.group(1))  # `发表期刊/会议 (Journal/Conference)`
    kind = FIELD_KINDS.get(normal, "")
    if kind or "/" not in normal:
        return kind
    parts = [part.strip() for part in normal.split("/") if part.strip() not in _AFFILIATION_WORDS]
    kinds = {FIELD_KINDS.get(part.strip(), "") for part in parts}
    return kinds.pop() if len(kinds) == 1 else ""


def is_field_label(text: str) -> bool:
    """`Paper`, `论文链接`, `**Authors**`: the label of a paper's fact, not a name."""
    return bool(_kind(text))


# What follows an author's name as a mark: equal contribution, corresponding author, affiliations.
_AUTHOR_MARKS = AUTHOR_MARK_SIGNS + "#0123456789¹²³⁴⁵⁶⁷⁸⁹⁰ "


def _names(text: str) -> tuple[str, ...]:
    """`Ada Obi*, Ben Tran†, Jun Li1,2 (*equal contribution)` -> (Ada Obi, Ben Tran, Jun Li)."""
    text = re.sub(r"\[\[([^\]|]*\|)?([^\]]*)\]\]", r"\2", text)
    text = re.sub(r"\[([^\]\[]*)\]\([^)\s]*\)", r"\1", text)  # `[Ada Obi](https://…)`: the name
    text = re.sub(r"\([^)]*\)", "", text)
    parts = re.split(r",|;|、|，|\band\b|&", text)
    return tuple(name for part in parts if (name := part.strip(" .*_").rstrip(_AUTHOR_MARKS).strip(" .*_"))
                 and len(name) <= 60 and not _ET_AL_RE.fullmatch(name))  # `Ada Obi, Ben Tran, et al.`


_ET_AL_RE = re.compile(r"et\.?\s*al|等|외|ほか", re.IGNORECASE)


def field_signals(note: Note) -> tuple[list[Signal], Facts]:
    """Labelled fields (`Paper:`, `Authors:`, `Year:`, `Venue:`, `Link:`), `by` lines and venue
    lines: +0.4 for each kind of fact, at most +1.2; they give the title, authors, year and venue."""
    fields = _fields(note)
    byline = venue_line = None
    for index, text in enumerate(note.body.split("\n", 12)[:12]):
        if index in note.code_lines:
            continue
        if byline is None and (match := _BYLINE_RE.match(text)) and len(_names(match.group("names"))) >= 1:
            byline = _Found("authors", match.group("names"), note.body_line + index)
        elif venue_line is None and (match := _VENUE_LINE_RE.match(text) or _YEAR_VENUE_LINE_RE.match(text)) \
                and is_known_venue(match.group("venue")) \
                and not _URL_RE.search(text):
            venue_line = _Found("venue", match.group("venue"), note.body_line + index)
            fields.append(_Found("year", match.group("year"), note.body_line + index))
    fields += [found for found in (byline, venue_line) if found is not None]
    kinds = {field.kind: field for field in reversed(fields)}
    talk = kinds.pop("talk", None)
    date, status = kinds.pop("date", None), kinds.pop("status", None)  # facts, not signs of a paper
    tags = kinds.pop("tags", None)
    topics = field_tags(tags.value) if tags is not None else ()
    against = [Signal("other-kind", -1.5, "a speaker: a talk or a lecture, not a paper", talk.line)] if talk else []
    if not kinds or set(kinds) == {"link"}:
        return against, Facts(topics=topics)
    signals = against + [Signal("paper-fields", round(min(0.4 * len(kinds), 1.2), 2),
                      "states the paper's " + ", ".join(sorted(kinds)), min(f.line for f in kinds.values()))]
    title = stated_title(kinds["title"].value) if "title" in kinds else None
    year = find_year(kinds["year"].value) if "year" in kinds else None
    if year is None and date is not None:
        year = find_year(date.value)
    venue = field_venue(kinds["venue"].value)[0] if "venue" in kinds else None
    if venue is None:
        venue = next((known for field in (status, date) if field is not None
                      and (known := known_venue_in(field.value)) is not None), None)
    authors = _names(kinds["authors"].value) if "authors" in kinds else ()
    return signals, Facts(title=title, year=year, venue=venue, authors=authors, topics=topics)


_TAG_WORD_RE = re.compile(r"[^\W\d][\w.\-/]{0,40}")
_DOTTED_RE = re.compile(r"(?<=[^\W\d])\.(?=\w)")


def field_tags(value: str) -> tuple[str, ...]:
    """A `Tags:` line's tags: `task.object_detection, domain.medical` -> (`task/object_detection`,
    `domain/medical`); none when it is no list of words (`Tags: see below`, `#a #b`, read as
    hashtags already)."""
    parts = [part.strip() for part in re.split(r"[,，、;]", value)]
    if "#" in value or not all(_TAG_WORD_RE.fullmatch(part) for part in parts):
        return ()
    return tuple(dict.fromkeys(_DOTTED_RE.sub("/", part) for part in parts))


def venue_field_year(note: Note) -> int | None:
    """The year a `Venue:` field states (`Conference/Journal : NeurIPS 2022`): the paper's year
    when nothing else gives one (a year folder, the writer's filing, comes first)."""
    venue = next((field for field in reversed(_fields(note)) if field.kind == "venue"), None)
    return field_venue(venue.value)[1] if venue is not None else None


_VENUE_YEAR_FIRST_RE = re.compile(r"^([A-Za-z][\w&\-]{1,15})\s*+'?((?:19|20)\d{2})\b")
_BRACKETED_VENUE_RE = re.compile(r"\(([A-Z][A-Za-z\-]{1,11})\s*+'?((?:19|20)\d{2})?\)")


_VENUE_YEAR_RE = re.compile(r"(?<![\w&\-])([A-Za-z][\w&\-]{1,15})\s*+'?((?:19|20)\d{2})\b")
_FULL_WIDTH_BRACKETS = str.maketrans({"（": "(", "）": ")", "*": None})


def known_venue_in(value: str) -> str | None:
    """A venue we know named in a date or status field (`2025年9月（**CVPR 2026**）`, `已录用 —
    ICML 2026（PMLR 第 306 卷）`), or None (`未录用`, `2025年6月`)."""
    text = value.translate(_FULL_WIDTH_BRACKETS)
    found = next((match for match in _VENUE_YEAR_RE.finditer(text) if is_known_venue(match.group(1))), None)
    return normalise_venue(found.group(1))[0] if found is not None else None


def field_venue(value: str) -> tuple[str, int | None]:
    """A `Venue:` field's venue and year: `CVPR2023` and `AAAI 2021. A search based …` (a venue
    we know, then its year), `36th Conference on Neural Information Processing Systems (NeurIPS
    2022)` (a known venue in brackets after its full name), `Proceedings of Machine Learning
    Research (PMLR), 2022`; else the field as written."""
    name, year = normalise_venue(value)
    first = _VENUE_YEAR_FIRST_RE.match(value.strip())
    if year is None and first is not None and is_known_venue(first.group(1)) \
            and "workshop" not in value.casefold():
        return normalise_venue(first.group(1))[0], int(first.group(2))
    if year is not None or is_known_venue(name):
        return name, year
    bracketed = next((found for found in _BRACKETED_VENUE_RE.finditer(value) if is_known_venue(found.group(1))), None)
    if bracketed is not None:
        return (normalise_venue(bracketed.group(1))[0],
                int(bracketed.group(2)) if bracketed.group(2) else year or find_year(value))
    return venue_in_text(value) or name, year or find_year(value)


def stated_title(value: str) -> str:
    """A `Paper:` field's title without what follows it: a sentence after `。`, a footnote mark
    (`[1]`), a translation in parentheses (`Title (标题的中文)`), a gloss in Chinese or Korean
    after a colon (`Title: 使用transformer来做端到端的目标检测`)."""
    title = value.split("。", 1)[0].rstrip()
    while title.endswith("]") and (mark := _FOOTNOTE_RE.search(title, max(0, len(title) - 8))):
        title = title[:mark.start()].rstrip()
    description = _CJK_DESCRIPTION_RE.search(title)  # `Title: 使用transformer来做…`: the writer's gloss
    if description and re.search(r"[A-Za-z]{3}", title[:description.start()]):
        title = title[:description.start()]
    translation = _TRANSLATION_RE.search(title)
    if translation and re.search(r"[A-Za-z]{3}", title[:translation.start()]):
        title = title[:translation.start()]
    title = title.strip("*_ #.")
    if len(title) > 2 and title[0] == title[-1] and title[0] in "\"'":  # `title: "..."` read as text
        title = title[1:-1].replace("''", "'") if title[0] == "'" else title[1:-1]
    return title


def citation_signals(note: Note) -> tuple[list[Signal], Facts]:
    """A reference to the paper near the top, as Google Scholar, a publisher or ResearchGate
    copies it (MLA, APA, ACM, Springer, `Reference: "Title", ...`): +0.6, with its year, title
    and authors where the style gives them."""
    for index, text in enumerate(note.body.split("\n", 12)[:12]):
        if index in note.code_lines:
            continue
        found = reference(text)
        if found is not None:
            style, facts = found
            return [Signal("citation-line", 0.6, f"a reference to the paper ({style})", note.body_line + index)], facts
    own = _own_reference(note)
    if own is not None:
        line, style, facts = own
        return [Signal("citation-line", 0.6, f"a reference to the paper itself, by its title ({style})", line)], facts
    return [], Facts()


def _title_key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


_OWN_TITLE_CHARS = 12
# Every style `reference` gives a title for has a year in its line (`(?:19|20)\d{2}`: ACM and
# ResearchGate in the match, the others through `_reference_year`); APA gives none.
_ANY_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _own_reference(note: Note) -> tuple[int, str, Facts] | None:
    """A reference line anywhere in the note whose title is the note's own title: the paper's
    reference, which some write last (`### 論文情報・リンク` then `- [Obi, Ada, et al. "Title." …](…)`)."""
    wanted = _title_key(note.title)
    if len(wanted) < _OWN_TITLE_CHARS:
        return None
    for index, text in enumerate(note.body.split("\n")):
        # a line without a year is skipped before its title key is made (a character at a time:
        # ~1 s at 1,000 notes, for every line of every note); it is never a reference with a title
        if index in note.code_lines or _ANY_YEAR_RE.search(text) is None or wanted not in _title_key(text):
            continue
        line = text.strip().lstrip("-*+ ").lstrip("[")
        line = line.split("](", 1)[0]  # `[the reference](url)`: the link's text
        found = reference(line)
        if found is not None and found[1].title and _title_key(found[1].title) == wanted:
            return note.body_line + index, found[0], found[1]
    return None


def reference(text: str) -> tuple[str, Facts] | None:
    """A reference line as Google Scholar and others copy it, with its style (`ACM`, `MLA`, `APA`,
    `Springer`, ...) and what it gives: `Kwon, Woosuk, et al. "Title." arXiv preprint (2022).` ->
    MLA, (title, 2022, (Kwon,)); None when the line is not one."""
    if acm := _ACM_RE.match(text):
        return "ACM", Facts(title=acm.group("title").strip(" ."), year=int(acm.group("year")),
                            authors=_names(acm.group("authors")))
    mla = _MLA_RE.match(text)
    if mla and re.search(r"\bet al\b|,|\band\b", mla.group("authors")) \
            and (year := _reference_year(mla.group("rest"))):
        return "MLA", Facts(title=mla.group("title").strip(" ."), year=year, authors=_mla_names(mla.group("authors")),
                            venue=_acronym_venue(mla.group("rest")) or venue_in_text(mla.group("rest")))
    if apa := _APA_RE.match(text):
        return "APA", Facts(year=int(apa.group("year")), authors=_initialled_surnames(apa.group("authors")))
    if (lncs := _LNCS_RE.match(text)) and (year := _reference_year(lncs.group("rest"))):
        title = lncs.group("title").strip(" .") + ("" if lncs.group("stop") == "." else lncs.group("stop"))
        held = _LNCS_VENUE_RE.match(lncs.group("rest"))
        venue = held.group(1).strip() if held else ""
        return "LNCS", Facts(title=title, year=year, authors=_initialled_surnames(lncs.group("authors")),
                             venue=normalise_venue(venue)[0] if is_known_venue(venue) else None)
    if (springer := _SPRINGER_RE.match(text)) and (year := _reference_year(springer.group("rest"))):
        return "Springer", Facts(title=springer.group("title").strip(" ."), year=year,
                                 authors=_initialled_surnames(springer.group("authors")))
    if (plain := _MLA_PLAIN_RE.match(text)) and (year := _reference_year(plain.group("rest"))):
        return "MLA", Facts(title=plain.group("title").strip(" ."), year=year,
                            authors=_mla_names(plain.group("authors")),
                            venue=_acronym_venue(plain.group("rest")) or venue_in_text(plain.group("rest")))
    if amp := _AMPERSAND_RE.match(text):
        surnames = tuple(name.split(",")[0].strip() for name in amp.group("authors").split("&"))
        return "ResearchGate", Facts(title=amp.group("title").strip(" ."), year=int(amp.group("year")),
                                     authors=surnames)
    if (labelled := _LABELLED_RE.match(text)) and (year := _reference_year(labelled.group("rest"))):
        return "labelled", Facts(title=labelled.group("title").strip(" ."), year=year)
    return None


_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z\-]{1,11})\)")


def _acronym_venue(text: str) -> str | None:
    """`in 2021 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS).` -> IROS:
    a venue we know, in parentheses after its full name."""
    found = next((name for name in _ACRONYM_RE.findall(text) if is_known_venue(name)), None)
    return normalise_venue(found)[0] if found else None


_MLA_FIRST_RE = re.compile(r"^\s*+([^,]+),\s*+([^,]+?)\s*+(?:,\s*+(.*))?$")


def _mla_names(authors: str) -> tuple[str, ...]:
    """MLA names its first author family name first, the others as written: `He, Kaiming, et al.`
    -> (Kaiming He,); `Okafor, Chidi A., et al.` -> (Chidi A. Okafor,); `Obi, Ada, and Ben Tran.`
    -> (Ada Obi, Ben Tran)."""
    text = re.sub(r"\bet al\.?", "", authors).strip(" ,.")
    match = _MLA_FIRST_RE.match(text)
    if match is None:
        return _names(text)[:1]
    family, given, rest = match.group(1).strip(" ."), match.group(2).strip(" ,"), match.group(3) or ""
    if not family or not given or len(given.split()) > 3 or " " in family or "." in family:
        return _names(text)[:1]  # `A. Obi, B. Tran, and C. Li` (IEEE): names as written, the first kept
    return (f"{given} {family}", *_names(rest))


def _initialled_surnames(authors: str) -> tuple[str, ...]:
    """`Silver, D., Lever, G., & Riedmiller, M.` -> the surnames."""
    return tuple(re.findall(r"([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?),\s*(?:[A-Z]\.)", authors))


# The sections a paper's reading note is written in, by kind: `## Method`, `## 摘要`, `## 실험`.
SECTION_KINDS: dict[str, str] = {
    **dict.fromkeys(("abstract", "摘要", "概要", "초록", "요약", "논문 요약", "tl;dr", "tldr"), "abstract"),
    **dict.fromkeys(("method", "methods", "methodology", "approach", "proposed method", "方法", "方法论", "方法介绍",
                     "방법", "방법론", "제안 방법"), "method"),
    **dict.fromkeys(("experiment", "experiments", "experimental results", "evaluation", "results", "实验", "实验结果",
                     "실험", "실험 결과"), "experiments"),
    **dict.fromkeys(("contribution", "contributions", "main contributions", "key contributions", "贡献", "主要贡献",
                     "기여", "주요 기여"), "contributions"),
    **dict.fromkeys(("related work", "related works", "prior work", "相关工作", "相关研究", "관련 연구"), "related"),
    **dict.fromkeys(("introduction", "引言", "介绍", "서론"), "introduction"),
    **dict.fromkeys(("conclusion", "conclusions", "结论", "总结", "결론"), "conclusion"),
    **dict.fromkeys(("limitation", "limitations", "weaknesses", "局限", "局限性", "不足", "缺点", "한계", "한계점"),
                    "limitations"),
    # who wrote the paper: `## Authors`, `### 1. 作者和团队信息`
    **dict.fromkeys(("authors", "author information", "作者", "作者信息", "作者团队", "作者团队信息", "저자",
                     "저자 정보"), "authors"),
    **dict.fromkeys(("motivation", "动机", "研究动机", "동기"), "motivation"),
    **dict.fromkeys(("core idea", "key idea", "main idea", "核心思路", "核心思想", "主要思路", "主要思想",
                     "핵심 아이디어"), "idea"),
    # Japanese, and the questions of Ochiai's summary format (`## 1. どんなもの？`, `## 2. 先行研究と
    # 比べてどこがすごい？`, ...), which many Japanese paper notes are written in
    **dict.fromkeys(("どんなもの", "要旨", "論文の概要"), "abstract"),
    **dict.fromkeys(("先行研究と比べてどこがすごい", "先行研究と比べてどこがすごいの", "関連研究", "先行研究"),
                    "related"),
    **dict.fromkeys(("技術や手法のキモはどこ", "技術や手法のキモはどこにある", "手法", "提案手法"), "method"),
    **dict.fromkeys(("どうやって有効だと検証した", "実験", "実験結果", "評価"), "experiments"),
    **dict.fromkeys(("議論はある", "議論はあるか", "議論", "考察"), "limitations"),
    **dict.fromkeys(("次に読むべき論文は", "次に読むべき論文はあるか", "次に読むべき論文"), "next"),
    **dict.fromkeys(("はじめに", "序論"), "introduction"),
    **dict.fromkeys(("結論", "まとめ"), "conclusion"),
    **dict.fromkeys(("貢献", "主な貢献"), "contributions"),
}


# `背景和动机`, `实验与结论`, `Experiments and Results`, `作者、团队信息`: one heading, several kinds.
_SECTION_JOINS_RE = re.compile(r"(?<!\s)\s*+(?:[和与及、&/]|\band\b)\s*+")  # from a blank run's start: linear


def section_signals(note: Note) -> list[Signal]:
    """Headings a reading note on one paper is made of (abstract, method, experiments,
    contributions...): +0.3 for two kinds, +0.5 for three or four, +0.7 for five or more."""
    kinds: dict[str, int] = {}
    for heading in note.headings:
        for kind in _section_kinds(heading.text):
            kinds.setdefault(kind, heading.line)
    if len(kinds) < 2:
        return []
    return [Signal("paper-sections", 0.3 if len(kinds) == 2 else 0.5 if len(kinds) < 5 else 0.7,
                   "sections of a paper's reading note: " + ", ".join(kinds), min(kinds.values()))]


_SECTION_QUOTES = str.maketrans("", "", "\"“”「」")


def _section_kinds(heading: str) -> list[str]:
    """The kinds a heading names; a question's mark and quotes are no part of its name
    (`技術や手法の"キモ"はどこにある？`)."""
    text = " ".join(without_section_number(heading).translate(_SECTION_QUOTES)
                    .strip(" :：*[]#?？").casefold().split())
    parts = [text] if text in SECTION_KINDS else _SECTION_JOINS_RE.split(text)
    return [kind for part in parts if (kind := SECTION_KINDS.get(part))]


def section_kind(heading: str) -> str | None:
    """The one kind of section a heading names (`## 2. Method` -> `method`), else None."""
    kinds = _section_kinds(heading)
    return kinds[0] if len(kinds) == 1 else None


def _reference_year(text: str) -> int | None:
    """The year of a reference's tail: `(2022)` first, else a year standing alone (not the
    `2003` of `arXiv:2003.02389`)."""
    found = _PAREN_YEAR_RE.findall(text) or _YEAR_WORD_RE.findall(text)
    return int(found[-1]) if found else None
