"""The evidence a note gives of being one paper's note, each piece weighed and explained."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from papernotes.ids import (
    arxiv_id,
    doi,
    find_year,
    is_known_venue,
    is_paper_url,
    normalise_venue,
    trailing_year,
    venue_of_url,
    venue_prefixed,
    venue_year_tag,
)
from papernotes.model import Heading, Link, Note
from papernotes.paths import stem, unwrapped_url
from papernotes.recognise.titles import title_problem
from papernotes.titles import is_section_heading, placeholder_reason

PAPER_FOLDERS = frozenset({
    "paper", "papers", "paper notes", "paper note", "papernotes", "paper reading", "paper readings",
    "reading", "readings", "literature", "literature notes", "lit", "references", "zotero",
    "to read", "want to read", "toread", "reading list", "reading queue", "待读", "읽을 논문",
    "论文", "论文笔记", "论文阅读", "文献", "文献笔记", "논문", "논문 정리", "논문 리뷰", "논문리뷰",
})
PEOPLE_FOLDERS = frozenset({"authors", "author", "people", "person", "persons", "researchers", "作者", "人物", "저자"})
KEYWORD_FOLDERS = frozenset({"keywords", "keyword", "tags", "tag", "topics", "topic", "concepts", "concept",
                             "关键词", "概念", "키워드"})
HUB_NAMES = frozenset({"index", "readme", "home", "moc", "overview", "todo", "inbox", "template", "templates",
                       "contents", "toc", "dashboard", "changelog", "license", "root", "目录", "首页"})
NOT_PAPER_FOLDERS = frozenset({"templates", "template", "_templates", "daily", "journal", "journals",
                               "diary", "meetings", "模板", "日记"})
# Folders named after a publisher hold venues (`papers/ACM/MobiSys/`), never are one.
PUBLISHER_FOLDERS = frozenset({"acm", "ieee", "springer", "elsevier", "wiley", "wiley vch", "iop", "iopscience",
                               "mdpi", "aip", "aps", "acs", "rsc", "siam", "sage", "oup", "frontiers", "plos",
                               "hindawi", "cell press", "optica", "spie", "nature portfolio", "taylor & francis"})
# Folders that sort papers without naming where they appeared.
UNSORTED_FOLDERS = frozenset({"unfiled", "unsorted", "misc", "other", "others", "inbox", "todo", "archive",
                              "未分类", "其他", "기타"})
TEMPLATE_WORDS = frozenset({"template", "templates", "tpl", "模板", "템플릿", "양식"})
# What a note can be other than a paper's, as tags (`#dataset`, `type/utility`) or `type:` values say.
OTHER_KINDS = frozenset({
    "book", "books", "textbook", "course", "lecture", "lectures", "person", "people", "author", "software", "tool",
    "tools", "utility", "library", "package", "repo", "repository", "code", "implementation", "data", "dataset",
    "datasets",
    "website", "web", "webpage", "blog", "video", "podcast", "talk", "project", "meeting", "moc", "hub", "index",
    "concept", "topic", "daily", "journal", "template", "书", "书籍", "课程", "工具", "人物",
    "책", "도서", "강의", "도구", "인물",
})
# Tags that name a kind even without a `type/` prefix (`#video` or `#code` is a subject).
_BARE_KINDS = frozenset({"book", "books", "textbook", "person", "people", "software", "moc", "template", "书籍",
                         "人物", "책", "도서", "인물"})
_KIND_PREFIXES = ("type/", "kind/", "category/", "source/", "is/")
PAPER_TAGS = frozenset({"paper", "papers", "paper-note", "papernote", "literature", "literature-note",
                        "reading-note", "论文", "论文笔记", "논문", "source/paper", "type/paper"})
# Kinds that, after a kind prefix (`type/reference`, `kind/article`), say the note is a work of the literature.
_REFERENCE_KINDS = frozenset({"paper", "papers", "article", "reference", "literature", "publication"})

_YEAR_FOLDER_RE = re.compile(r"^(?:19|20)\d{2}$")
_DATED_NAME_RE = re.compile(r"^((?:19|20)\d{2})-[01]\d-[0-3]\d(?!\d)")
_VENUE_YEAR_FOLDER_RE = re.compile(r"^([A-Za-z][A-Za-z&]{1,11})[-_ ']?((?:19|20)?\d{2})$")
_CAPS_FOLDER_RE = re.compile(r"^[A-Z]{2,8}$")
_DAY_NAME_RE = re.compile(r"(?:^|[._\- ])(?:19|20)\d{2}[-._]?\d{2}[-._]?\d{2}(?:$|[._\- ])")
_SLUG_SEPARATORS_RE = re.compile(r"[-_.\s]+")
# a name of up to four words; lower-case particles inside it (`McKenzie van der Hagen`)
_NAME = r"[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’.\-]*|(?:van|von|der|den|de|da|di|del|la|le|du|bin)(?=\s))){0,3}"
_ET_AL = r"et\.?\s*[aA]l\.?"
_AUTHORS_LINE_RE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s*(?:,(?:\s*(?:and\b|&))?|&|\band\b)\s*(?:{_NAME}|{_ET_AL}))*(?:\s+{_ET_AL})?)"
    r"\s*[,.]?\s*(?P<year>(?:19|20)\d{2})\s*(?:\((?P<venue>[^()]{1,30})\))?\s*\.?$")
_ET_AL_END_RE = re.compile(rf"(?<!\s)\s*\b{_ET_AL}$")  # from where a blank run starts: linear
# Signs after an author's name: equal contribution, corresponding author, affiliation notes.
AUTHOR_MARK_SIGNS = "*∗†‡§¶"
_AFFILIATION_MARKS = str.maketrans("", "", AUTHOR_MARK_SIGNS)
_CALLOUT_RE = re.compile(r"^\s*>\s*\[!(abstract|summary|tldr)\][-+]?", re.IGNORECASE)
TOP_LINES = 20
# What a link to the paper a note is about is labelled: `[paper](…)`, `[arXiv](…)`, `[论文](…)`.
PAPER_LINK_TEXTS = frozenset({"paper", "pdf", "arxiv", "论文", "原文", "논문"})
# Keys a paper template writes, kept even when left empty (`arxiv:`, `doi:`).
_PAPER_KEYS = frozenset({"arxiv", "doi", "venue", "authors", "citekey", "journal", "conference", "pdf", "paper",
                         "paper-url", "paper_url", "openreview"})
_VENUE_KEYS = ("journal", "publication", "publicationtitle", "publication-title", "conference", "booktitle",
               "proceedings", "期刊", "会议", "학회")
_CITEKEY_YEAR_RE = re.compile(r"^[A-Za-z][A-Za-z\-]*?((?:19|20)\d{2})[a-z]?$")
# `microsoft/GlobalMLBuildingFootprints 📖`: a GitHub repository's owner/name, not a paper's title.
_REPOSITORY_RE = re.compile(r"^\s*[\w.\-]+/[\w.\-]+(?:\s+\W*)?$")
_ARXIV_TEXT_RE = re.compile(r"(?<![\w/])arXiv\s*:\s*(\d{4}\.\d{4,5})(?:v\d+)?\b", re.IGNORECASE)
_BARE_URL_RE = re.compile(r"https?://[^\s<>()\[\]*\"'`]+")
OWN_PAPER_LINE = "a paper link on a line naming the note"
"""The reason of the `paper-link` read on the note's own line among the works it cites."""


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence: its name, its weight (negative against), why, and where."""

    name: str
    weight: float
    reason: str
    line: int = 1


@dataclass(frozen=True, slots=True)
class Facts:
    """What the evidence says about the paper itself."""

    title: str | None = None
    year: int | None = None
    venue: str | None = None
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    arxiv: str | None = None
    doi: str | None = None


def frontmatter_value(frontmatter: dict[str, Any], *names: str) -> Any:
    """A frontmatter value by key, case-insensitively (`Type:`, `TYPE:`), `-`/`_` alike."""
    wanted = set(names)
    for key, value in frontmatter.items():
        if str(key).strip().casefold().replace("_", "-") in wanted and value not in (None, ""):
            return value
    return None


def field_value(note: Note, *names: str) -> str | None:
    """A Logseq / Dataview `key:: value` property of the note, case-insensitively."""
    for found in note.inline_fields:
        if found.key.strip().casefold() in names and found.value.strip():
            return found.value.strip()
    return None


def folders(note: Note) -> list[str]:
    """The note's folders; in Dendron (`paper.lora.md`, with an `id`) the hierarchy too."""
    parts = note.path.split("/")[:-1]
    name = stem(note.path)
    if note.meta.dendron_id and "." in name:
        parts += name.split(".")[:-1]
    return parts


def folder_signals(note: Note) -> tuple[list[Signal], Facts]:
    """`papers/`, `论文/`, year folders (`2019/`), venue folders (`CVPR/`, `ISCA-2019/`, `arXiv/`)."""
    parts = folders(note)
    signals: list[Signal] = []
    year: int | None = None
    venue: str | None = None
    folded = [part.strip().casefold().replace("_", " ").replace("-", " ") for part in parts]
    paper_folder = next((part for part, name in zip(parts, folded, strict=True) if name in PAPER_FOLDERS), None)
    if paper_folder:
        signals.append(Signal("paper-folder", 0.7, f"in a folder of papers `{paper_folder}/`"))
    # a venue with a year (`ISCA-2019`) > a known venue (`CVPR`) > inside a folder of papers: an
    # all-caps folder, a folder inside a publisher's (`ACM/MobiSys/`) or above a year folder
    # (`Science/2015/`); a publisher's folder is never a venue
    rank = 0
    start = next((index for index, part in enumerate(parts) if part == paper_folder), len(parts))
    # `2026/2026-04-17-Title.md`: a folder of the year the note was written in (its name opens with
    # that day), not of the paper's year
    dated = _DATED_NAME_RE.match(stem(note.path))
    for index, part in enumerate(parts):
        if _YEAR_FOLDER_RE.match(part):
            if dated is None or dated.group(1) != part:
                year = int(part)
            continue
        if folded[index] in PUBLISHER_FOLDERS or folded[index] in UNSORTED_FOLDERS:
            continue
        placed = index > start and (folded[index - 1] in PUBLISHER_FOLDERS or (
            index + 1 < len(parts) and _YEAR_FOLDER_RE.match(parts[index + 1]) is not None))
        match = _VENUE_YEAR_FOLDER_RE.match(part)
        if match and (match.group(1).isupper() or is_known_venue(match.group(1))):
            name, glued = normalise_venue(part)
            if glued is not None and rank <= 3:
                venue, year, rank = name, year or glued, 3
        elif is_known_venue(part) and " " not in part.strip() and rank <= 2:
            venue, rank = normalise_venue(part)[0], 2
        elif (placed or _CAPS_FOLDER_RE.match(part) and paper_folder) and rank <= 1:
            venue, rank = part, 1
    if year is not None:
        signals.append(Signal("year-folder", 0.3, f"in a year folder `{year}/`"))
    if venue is not None:
        signals.append(Signal("venue-folder", 0.4, f"in a venue folder `{venue}/`"))
    # A note right inside `people/` or `topics/` is a person or a keyword; `topics/NLP/2020/x.md` is not.
    bad = next((part for index, (part, name) in enumerate(zip(parts, folded, strict=True))
                if name in NOT_PAPER_FOLDERS or index == len(parts) - 1 and name in PEOPLE_FOLDERS | KEYWORD_FOLDERS),
               None)
    if bad:
        signals.append(Signal("not-paper-folder", -3.0, f"in `{bad}/`, a folder of templates, journals, "
                                                        "people or keywords"))
    return signals, Facts(year=year, venue=venue)


def name_signals(note: Note) -> list[Signal]:
    """A slug file name (`attention-is-all-you-need`) for, a hub or daily-note name against."""
    name = stem(note.path)
    if name.strip().casefold() in HUB_NAMES:
        return [Signal("hub-name", -1.0, f"named `{name}`, a hub note")]
    if (_DAY_NAME_RE.search(name) and not _dated_post(note)) or name.startswith(("daily.", "journal.")):
        return [Signal("daily-name", -1.0, f"named `{name}`, a daily note")]
    words = [word for word in _SLUG_SEPARATORS_RE.split(name) if word]
    if any(word.casefold() in TEMPLATE_WORDS for word in words):
        return [Signal("hub-name", -1.0, f"named `{name}`, a template")]
    if arxiv_id(name) or (len(words) >= 3 and name.count(" ") == 0):
        return [Signal("slug-name", 0.3, f"file name `{name}` is a paper slug")]
    if _reads_as_a_title(name):
        return [Signal("slug-name", 0.3, f"file name `{name}` is a paper's title")]
    return []


def _dated_post(note: Note) -> bool:
    """`_posts/2025-08-07-differential-transformer.md`: Jekyll names a post by its date and slug;
    the date is when the post was written, not a day's note."""
    name = stem(note.path)
    if "_posts" in note.path.split("/")[:-1] and _POST_NAME_RE.match(name):
        return True
    # `2026-04-17-FAST-LIVO2: Fast, Direct LiDAR-Inertial-Visual Odometry.md`: the day it was read,
    # then a paper's title (three words or more, two of them capitalised); a day's note names the day
    dated = _DATED_TITLE_RE.match(name)
    words = dated.group(1).split() if dated else []
    return len(words) >= 3 and sum(word[:1].isupper() for word in words) >= 2


_POST_NAME_RE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}-[^\W_]")
_DATED_TITLE_RE = re.compile(r"^(?:19|20)\d{2}-[01]\d-[0-3]\d[-_ ]++(\S.*)$")
# `[논문 리뷰] Differential Transformer`, `[Paper Review] X`: a title that says it is a paper's review
REVIEW_TITLE_TAGS = frozenset({"paper review", "paper-review", "paper reading", "paper note", "paper notes",
                               "review", "paper", "논문 리뷰", "논문리뷰", "논문", "论文阅读", "论文笔记", "论文精读",
                               "论文"})


def review_title(title: str) -> tuple[str, str] | None:
    """`[논문 리뷰] Differential Transformer` -> (`논문 리뷰`, `Differential Transformer`): the tag
    a post's title opens with to say it reviews a paper, and the paper's title after it."""
    if not title.startswith(("[", "【")):
        return None
    close = title.find("]" if title[0] == "[" else "】")
    if close < 0:
        return None
    tag, rest = title[1:close].strip(), title[close + 1:].strip(" :-–—|")
    return (tag, rest) if rest and " ".join(tag.casefold().split()) in REVIEW_TITLE_TAGS else None


_TITLE_NAME_WORDS = 7
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to via with".split())
_REMARK_WORD_RE = re.compile(r"\b(?:is|are|was|were|would|should|could|will|can|did|does|do|me|my|I|we|our|todo)\b",
                             re.IGNORECASE)


def _reads_as_a_title(name: str) -> bool:
    """`A Fast and Low-cost Measuring System for Electrical Impedance Tomography`: seven words or
    more, every word but the small ones capitalised (or a number), no remark's verb or pronoun."""
    words = name.split()
    if len(words) < _TITLE_NAME_WORDS or _REMARK_WORD_RE.search(name) or name.endswith((".", "?", "!")):
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word in _SMALL_WORDS for word in words)


_FIRST_BLOCK_RE = re.compile(r"^- (?P<text>[A-Z0-9][^\n#\[\]()`*]{8,200}?)(?P<tags>(?:\s++#[^\s#]++)*+)\s*$")
_FIRST_BLOCK_WORDS = 3


def first_block_title(note: Note) -> str | None:
    """A Logseq page's first block written as its paper's full title, with tags after it or not
    (`- End-to-End Object Detection with Transformers #readdone` on the page `DETR`, as Zotero's
    import leaves it): three words or more in Title Case, no remark's verb or pronoun."""
    if not note.outline:
        return None
    first = next((text.strip() for text in note.body.split("\n", 8)[:8] if text.strip()), "")
    match = _FIRST_BLOCK_RE.match(first)
    if match is None:
        return None
    title = match.group("text").strip()
    words = title.split()
    if len(words) < _FIRST_BLOCK_WORDS or "::" in title or _REMARK_WORD_RE.search(title) \
            or title.endswith((".", "?", "!", ":")):
        return None
    if not all(word[:1].isupper() or word[:1].isdigit() or word in _SMALL_WORDS for word in words):
        return None
    return title


def frontmatter_signals(note: Note) -> tuple[list[Signal], Facts]:
    """Citation-plugin and hand-written paper facts in frontmatter or Logseq properties."""
    meta, front = note.meta, note.frontmatter
    signals: list[Signal] = []
    if frontmatter_value(front, "citekey", "citation-key", "citationkey", "zotero-key") or field_value(
            note, "citekey"):
        signals.append(Signal("citekey", 1.0, "a citation key (citation or Zotero plugin)"))
    if meta.arxiv or meta.doi:
        signals.append(Signal("identifier-frontmatter", 1.0, f"frontmatter {'arXiv id' if meta.arxiv else 'DOI'}"))
    venue = meta.venue or frontmatter_value(front, *_VENUE_KEYS)
    venue = venue if isinstance(venue, str) and not placeholder_reason(venue) else None
    if venue:
        signals.append(Signal("venue-frontmatter", 1.0, f"frontmatter venue `{venue}`"))
    if meta.authors:
        # One `author:` is as often the note's writer as the paper's author.
        weight = 1.0 if len(meta.authors) > 1 or frontmatter_value(front, "authors") else 0.5
        signals.append(Signal("authors-frontmatter", weight, f"frontmatter authors ({len(meta.authors)})"))
    blank = sorted(str(key) for key, value in front.items() if value in (None, "", [])
                   and str(key).strip().casefold() in _PAPER_KEYS)
    if blank:
        signals.append(Signal("paper-keys", 0.4, "frontmatter made for a paper: " + ", ".join(
            f"`{key}:`" for key in blank[:3]) + " (empty)"))
    book = next((key for key in ("isbn", "isbn13", "isbn10", "pagecount", "pages-total") if
                 frontmatter_value(front, key)), None)
    if book:
        signals.append(Signal("other-kind", -1.5, f"frontmatter `{book}`: a book, not a paper"))
    if meta.year:
        signals.append(Signal("year-frontmatter", 1.0, f"frontmatter year {meta.year}"))
    stated = frontmatter_value(front, "title")
    # `title: 論文タイトル`, `title: {{title}}` and no paper's fact filled in: the template itself
    if isinstance(stated, str) and placeholder_reason(stated) and not any(signal.weight > 0 for signal in signals):
        signals.append(Signal("template-title", -1.0, f"titled `{stated.strip()}`, {placeholder_reason(stated)}: "
                                                      "a template"))
    reviewed = review_title(meta.title) if meta.title else None
    if reviewed is not None:
        signals.append(Signal("review-title", 0.7, f"titled as a paper's review `[{reviewed[0]}]`"))
    tags = {tag.strip("#").casefold() for tag in note.tags}
    paper_tag = min(tags & PAPER_TAGS, default=None) or min(
        (tag for tag in tags if _tag_kind(tag) in _REFERENCE_KINDS), default=None)
    if paper_tag:
        signals.append(Signal("paper-tag", 0.7, f"tagged `#{paper_tag}`"))
    venue_tag = next((found for tag in sorted(note.tags) if (found := venue_year_tag(tag)) is not None), None)
    if venue_tag is not None:  # `tags: [Transformer, ICLR2025]`, as blogs tag a paper's review
        signals.append(Signal("venue-tag", 0.5, f"tagged with a venue and its year `#{venue_tag[0]}{venue_tag[1]}`"))
    other = other_kind(note, tags)
    if other and paper_tag:  # `#type/reference` beside `#type/data`: a paper its writer also files as data
        signals.append(Signal("other-kind", -0.75, f"{other} beside `#{paper_tag}`: perhaps not a paper"))
    elif other:
        signals.append(Signal("other-kind", -1.5, f"{other}: not a paper"))
    logseq: dict[str, str] = {}
    for name in ("authors", "author", "year", "doi", "venue", "url"):
        value = field_value(note, name)
        if value:
            logseq[name] = value
    if logseq:
        signals.append(Signal("paper-properties", 0.5 * min(len(logseq), 2),
                              "properties " + ", ".join(f"`{k}::`" for k in logseq)))
    year = find_year(logseq.get("year", "")) if "year" in logseq else None
    if venue_tag is not None:
        year = year or venue_tag[1]
        venue = venue or venue_tag[0]
    elif not venue:  # `tags: [Mamba, CVPR]`: the venue alone, still a topic too
        venue = next((normalise_venue(tag)[0] for tag in sorted(note.tags) if is_known_venue(tag)
                      and normalise_venue(tag)[0].casefold() == tag.strip("#").casefold()), None)
    citekey = frontmatter_value(front, "citekey", "citation-key", "citationkey")
    if year is None and isinstance(citekey, str) and (match := _CITEKEY_YEAR_RE.match(citekey.strip())):
        year = int(match.group(1))  # `wu2022b`, `vaswaniAttentionAllYou2017`: Zotero's key holds the year
    authors = tuple(part.strip(" []") for part in re.split(r",|;|\band\b", logseq.get("authors", logseq.get(
        "author", ""))) if part.strip(" []"))
    return signals, Facts(title=reviewed[1] if reviewed else None, year=year, authors=authors,
                          doi=doi(logseq.get("doi", "")) if "doi" in logseq else None,
                          venue=logseq.get("venue") or (venue if venue != meta.venue else None))


def _tag_kind(tag: str) -> str | None:
    """The kind a prefixed tag names: `type/utility` -> `utility`; None without a kind prefix."""
    return next((tag[len(prefix):] for prefix in _KIND_PREFIXES if tag.startswith(prefix)), None)


def other_kind(note: Note, tags: set[str]) -> str | None:
    """`tagged #type/utility`, `type: book`, `type:: [[Course]]`: the note says it is something else."""
    for tag in sorted(tags):
        kind = _tag_kind(tag) or tag
        if kind in OTHER_KINDS and (kind != tag or tag in _BARE_KINDS):
            return f"tagged `#{tag}`"
    values = frontmatter_value(note.frontmatter, "type", "category", "kind")
    values = values if isinstance(values, list) else [values, field_value(note, "type")]
    for value in values:
        if isinstance(value, str) and value.strip().strip("[]#\"'").casefold() in OTHER_KINDS:
            return f"`type: {value.strip()}`"
    return None


def body_signals(note: Note) -> tuple[list[Signal], Facts]:
    """A title heading, an authors/year line, paper links near the top, an abstract callout."""
    signals: list[Signal] = []
    top = note.body_line + TOP_LINES
    title = None
    first = next((h for h in note.headings if h.line <= note.body_line + 5), None)
    if first is not None and title_problem(first.text) is None and authors_line(first.text) is None \
            and not is_section_heading(first.text):
        title = first.text
        signals.append(Signal("title-heading", 0.2, f"title heading `{first.text}`", first.line))
    titled_year = title_with_year(title) if title is not None and first is not None else None
    if titled_year is not None and first is not None:  # `# [MillWheel: Fault-Tolerant … (2013)](…)`
        title = titled_year[0]
        signals.append(Signal("title-year", 0.5, f"title heading with its paper's year `{first.text}`", first.line))
    prefixed = venue_prefixed(title) if title is not None and first is not None else None
    if prefixed is not None and first is not None:  # `# VLDB'22 - A Study of …`
        title = prefixed[0]
        signals.append(Signal("title-venue", 0.5, f"title heading led by its venue and year `{first.text}`",
                              first.line))
    if first is not None and _REPOSITORY_RE.match(first.text):
        signals.append(Signal("repository-title", -1.0, f"titled `{first.text}`, a code repository", first.line))
    year, venue, authors, line = _authors_line(note)
    if line:
        signals.append(Signal("authors-line", 0.6, "an authors and year line", line))
    ids = _paper_ids(note)
    near = [(found, link_line) for found, link_line in ids if link_line <= top]
    distinct = len({found for found, _ in ids})
    labelled = _labelled_paper_link(note) if not near and distinct == 1 else None
    own = _own_paper_line(note, near) if len({found for found, _ in near}) > 1 else None
    linked_title = _linked_title(note, first) if first is not None and title is not None else None
    if own is None and linked_title is not None and len({found for found, _ in near}) > 1:
        own = next(((found, line, None) for found, line in near if line == first.line), None)  # type: ignore[union-attr]
    if near and len({found for found, _ in near}) == 1:
        signals.append(Signal("paper-link", 0.5, f"a paper link near the top ({near[0][0]})", near[0][1]))
    elif own is not None:  # `A3VLM, CoRL: https://arxiv…` in A3VLM's note, then the works it cites
        near, venue = [own[:2]], venue or own[2]
        signals.append(Signal("paper-link", 0.5, f"{OWN_PAPER_LINE} ({own[0]})", own[1]))
        if distinct >= 3:
            signals.append(Signal("many-papers", -0.3, f"cites {distinct - 1} other papers"))
    elif labelled is not None:
        near = [next(found for found in ids)]
        signals.append(Signal("paper-link", 0.3, f"the only paper it links, labelled `{labelled.text}` "
                                                 f"({near[0][0]})", labelled.line))
    elif distinct >= 3:
        signals.append(Signal("many-papers", -0.5 if distinct < 5 else -1.0, f"links {distinct} different papers"))
    if linked_title is not None and not any(signal.name == "paper-link" for signal in signals):
        signals.append(Signal("paper-link", 0.5, f"a title heading linking its paper's PDF ({linked_title})",
                              first.line if first else 0))
    slot = _paper_link_slot(note) if not any(signal.name == "paper-link" for signal in signals) else None
    if slot is not None:
        signals.append(Signal("paper-link-slot", 0.4, f"a `[{slot[0]}]()` link left empty: a template made for a paper",
                              slot[1]))
    callout = _callout_line(note)
    if callout:
        signals.append(Signal("abstract-callout", 0.5, "an abstract callout", callout))
    linked = near if any(signal.name == "paper-link" for signal in signals) else []  # one paper's, not a list's
    found_arxiv = next((found[6:] for found, _ in linked if found.startswith("arXiv:")), None)
    found_doi = next((found[4:] for found, _ in linked if found.startswith("doi:")), None)
    venue = venue or next((name for found, _ in linked if (name := venue_of_url(found))), None)
    year = year or (titled_year[1] if titled_year else None) or (prefixed[2] if prefixed else None)
    venue = venue or (prefixed[1] if prefixed else None)
    return signals, Facts(title=title, year=year, venue=venue, authors=authors, arxiv=found_arxiv, doi=found_doi)


def title_with_year(text: str) -> tuple[str, int] | None:
    """`Dapper, a Large-Scale Tracing Infrastructure (2010)` -> (the title, 2010): a title heading
    that ends with its paper's year in brackets. None for a venue's (`CVPR (2023)`) or anything else."""
    found = trailing_year(text)
    head = found[0].strip() if found else ""
    if found is None or not head or is_known_venue(head):
        return None
    return head, found[1]


def authors_line(text: str) -> tuple[tuple[str, ...], int, str | None] | None:
    """`Surname, et al, 2004` -> ((Surname,), 2004, None); `Liu, Liu, Wen, 2018 (DAC18)` ->
    ((Liu, Liu, Wen), 2018, DAC). None for anything else, `Summer 2023` included. Names linked
    into a folder of people (`[[authors/Luca Mottola]]`, shown as its path) are the names alone."""
    if "/" in text:
        text = ",".join(part.rsplit("/", 1)[-1] for part in text.split(","))
    text = text.translate(_AFFILIATION_MARKS)  # `Siddharth Das*`, `Hang Su†`: equal contribution, affiliations
    match = _AUTHORS_LINE_RE.match(text.strip())
    if match is None:
        return None
    names = [_ET_AL_END_RE.sub("", part.strip()) for part in re.split(r",|&|\band\b", match.group("names"))]
    authors = tuple(name for name in names if name)
    if any(is_known_venue(name) for name in authors):  # `ICLR 2017 (OpenReview)` names a venue
        return None
    if len(authors) < 2 and not re.search(rf"\b{_ET_AL}", match.group("names")) and not match.group("venue"):
        return None
    venue = normalise_venue(match.group("venue"))[0] if match.group("venue") else None
    return authors, int(match.group("year")), venue


def _authors_line(note: Note) -> tuple[int | None, str | None, tuple[str, ...], int]:
    """`#### Surname, et al, 2004`, `#### Liu, Liu, Wen, 2018 (DAC18)` near the top."""
    candidates = [(h.text, h.line) for h in note.headings if h.line <= note.body_line + 10]
    lines = note.body.split("\n", 10)[:10]
    candidates += [(text.strip().lstrip("*_ ").rstrip("*_ "), note.body_line + index)
                   for index, text in enumerate(lines) if index not in note.code_lines]
    for text, line in candidates:
        found = authors_line(text)
        if found is not None:
            authors, year, venue = found
            return year, venue, authors, line
    return None, None, (), 0


def _paper_ids(note: Note) -> list[tuple[str, int]]:
    """Paper URLs the note links, as ids where they have one, with their lines. Bare URLs
    (`- https://arxiv.org/abs/...`, which Obsidian shows as links) count too, near the top."""
    urls = [(link.target, link.line) for link in note.links if link.external]
    if "://" in note.body:
        for index, text in enumerate(note.body.split("\n", TOP_LINES)[:TOP_LINES]):
            if index not in note.code_lines:
                urls += [(unwrapped_url(url), note.body_line + index) for url in _BARE_URL_RE.findall(text)]
    found: dict[tuple[str, int], None] = {}
    if "arxiv" in note.body[:4000].casefold():  # `arXiv:2409.14411`, written as text
        for index, text in enumerate(note.body.split("\n", TOP_LINES)[:TOP_LINES]):
            if index not in note.code_lines:
                found.update(((f"arXiv:{ident}", note.body_line + index), None)
                             for ident in _ARXIV_TEXT_RE.findall(text))
    for url, line in urls:
        if is_paper_url(url):
            ident = arxiv_id(url)
            found[(f"arXiv:{ident}" if ident else (f"doi:{d}" if (d := doi(url)) else url), line)] = None
    return list(found)


def _linked_title(note: Note, heading: Heading) -> str | None:
    """`# [Title](https://…/paper.pdf)`: a title heading that is one link, to a paper's page or
    its PDF: the note's own paper. The link's target, or None."""
    links = [link for link in note.links if link.line == heading.line and link.external]
    if len(links) != 1 or links[0].text.strip() != heading.text.strip():
        return None
    target = links[0].target
    path = urlsplit(target).path.casefold() if target.startswith(("http://", "https://")) else ""
    return target if is_paper_url(target) or path.rstrip("/").endswith(".pdf") else None


def _own_paper_line(note: Note, near: Sequence[tuple[str, int]]) -> tuple[str, int, str | None] | None:
    """Of several paper links near the top, the one on a line that starts with the note's own
    title (`A3VLM, CoRL: https://arxiv.org/…` in `A3VLM.md`): its id, line and the venue named."""
    name = note.title.strip().casefold()
    lines = note.body.split("\n", TOP_LINES + 1)
    for found, line in near:
        text = lines[line - note.body_line].strip().lstrip("-*+ ") if 0 <= line - note.body_line < len(lines) else ""
        if name and text.casefold().startswith(name) and text[len(name):len(name) + 1] in (",", ":", "：", " ", "("):
            rest = text[len(name):].split("http", 1)[0].strip(" ,:：()")
            return found, line, normalise_venue(rest)[0] if rest and is_known_venue(rest) else None
    return None


def _labelled_paper_link(note: Note) -> Link | None:
    """`[Arxiv](https://arxiv.org/abs/…)` under a note's closing `## Ref and Tag`: a link to a paper
    labelled as the paper, wherever it stands, when no other paper is named anywhere in the note
    (a bare URL further down included: that link may be to a work the note cites)."""
    link = next((link for link in note.links if link.external and is_paper_url(link.target)
                 and link.text.strip(" `*[]").casefold() in PAPER_LINK_TEXTS), None)
    if link is None:
        return None
    wanted = arxiv_id(link.target) or doi(link.target) or link.target
    for index, text in enumerate(note.body.split("\n")):
        if index in note.code_lines or "://" not in text:
            continue
        urls = [url for url in _BARE_URL_RE.findall(text) if is_paper_url(url)]
        if any((arxiv_id(url) or doi(url) or url) != wanted for url in urls):
            return None
    return link


_EMPTY_LINK_RE = re.compile(r"\[([^\[\]\n]{1,12})\]\(\s*+\)")


def _paper_link_slot(note: Note) -> tuple[str, int] | None:
    """`[paper]()` near the top: a paper link the note's template asks for, left empty."""
    if "]()" not in note.body and "]( )" not in note.body:
        return None
    for index, text in enumerate(note.body.split("\n", TOP_LINES)[:TOP_LINES]):
        if index in note.code_lines:
            continue
        for label in _EMPTY_LINK_RE.findall(text):
            if label.strip(" `*").casefold() in PAPER_LINK_TEXTS:
                return label.strip(" `*"), note.body_line + index
    return None


def _callout_line(note: Note) -> int:
    """The line of the first abstract callout with words in it: a template's empty `> [!abstract]-`
    (a Zotero item without an abstract, often a web page) says nothing."""
    if "[!" not in note.body:
        return 0
    lines = note.body.split("\n")
    for index, text in enumerate(lines):
        if _CALLOUT_RE.match(text) and index not in note.code_lines:
            inside = [_CALLOUT_RE.sub("", text)]
            inside += [line for line in itertools.takewhile(lambda line: line.lstrip().startswith(">"),
                                                            lines[index + 1:])]
            if any(line.strip(" \t>") for line in inside):
                return note.body_line + index
    return 0


def list_signals(note: Note) -> list[Signal]:
    """A note listing several papers inline is a list of papers, not one paper's note."""
    if len(note.papers) < 2:
        return []
    lines = note.body.count("\n") + 1
    first = min(paper.sources[0].line for paper in note.papers) - note.body_line
    if lines >= 30 and first * 3 >= lines:  # cited in the second part of one paper's note
        return [Signal("list-of-papers", -0.3, f"lists {len(note.papers)} papers inline, below its own text",
                       first + note.body_line)]
    return [Signal("list-of-papers", -1.0 if len(note.papers) < 5 else -2.0, f"lists {len(note.papers)} papers inline")]


def code_signals(note: Note) -> list[Signal]:
    """Mostly code (fenced or indented): a note on software. Display math (`$$ … $$`) is no code:
    a note mostly of equations is as often a paper's."""
    lines = note.body.count("\n") + 1
    if lines >= 10 and (len(note.code_lines) - _math_lines(note)) * 2 >= lines:
        return [Signal("mostly-code", -0.5, "mostly code")]
    return []


def _math_lines(note: Note) -> int:
    """How many of the note's lines are inside `$$ … $$` blocks, delimiters included."""
    if "$$" not in note.body:
        return 0
    count, math, fence = 0, False, ""
    for text in note.body.split("\n"):
        stripped = text.strip()
        if not math and stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence:
            continue
        if math or stripped.startswith("$$"):
            count += 1
            closes = stripped.endswith("$$") and (math or len(stripped) > 3)
            math = not closes if not math else not stripped.endswith("$$")
    return count


def merge_facts(found: Sequence[Facts]) -> Facts:
    """The first fact of each kind, in the order given."""
    def first(name: str) -> Any:
        return next((getattr(facts, name) for facts in found if getattr(facts, name)), None)
    return Facts(title=first("title"), year=first("year"), venue=first("venue"), authors=first("authors") or (),
                 topics=first("topics") or (), arxiv=first("arxiv"), doi=first("doi"))


def linked_folder_signals(note: Note, targets: Sequence[str]) -> tuple[list[Signal], Facts]:
    """Links into `authors/` or `people/` give the authors; into `keywords/`, `tags/` or
    `topics/` the topics. A person is never a topic."""
    authors: dict[str, None] = {}
    topics: dict[str, None] = {}
    for target in targets:
        parts = target.split("/")
        folders = {part.strip().casefold() for part in parts[:-1]}
        if folders & PEOPLE_FOLDERS:
            authors[stem(target)] = None
        elif folders & KEYWORD_FOLDERS:
            topics[stem(target)] = None
    signals = []
    if authors:
        signals.append(Signal("author-links", 0.4, "links author notes: " + ", ".join(authors)))
    if topics:
        signals.append(Signal("keyword-links", 0.1, "links keyword notes: " + ", ".join(topics)))
    return signals, Facts(authors=tuple(authors), topics=tuple(topics))
