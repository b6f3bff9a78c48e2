"""Topic names: one key for every spelling (`text2video`, `Text2Video`, `text-to-video`)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from papernotes.ids import is_known_venue, venue_year_tag
from papernotes.paths import readable_slug, unique_slugs
from papernotes.titles import has_template_syntax

_TO_RE = re.compile(r"(?<=[a-z0-9])[\s_\-]*to[\s_\-]+(?=[a-z0-9])")
_SEPARATORS_RE = re.compile(r"[\s_\-]+")
_SPLIT_RE = re.compile(r"[,;，；、]")


@lru_cache(maxsize=65536)  # a vault has few distinct tags, each looked up once per page that shows it
def topic_key(name: str) -> str:
    """Case, separators and `-to-` folded: `Text-to-Video` and `text2video` share a key.

    Nested tags keep their hierarchy: `diffusion/video` -> `diffusion/video`.
    """
    parts = []
    for part in unicodedata.normalize("NFKC", name).casefold().strip(" #/").split("/"):
        part = _TO_RE.sub("2", part.strip())
        parts.append(_SEPARATORS_RE.sub("", part))
    return "/".join(part for part in parts if part)


# Folders that hold notes rather than name a subject: never topics themselves. `pages` and
# `journals` are Logseq's own folders, `content` Quartz's, `sources` the Zotero-integration default;
# `inputs`/`outputs` and PARA's `projects`/`areas`/`resources`/`archives` sort notes by what the
# writer does with them; `_posts`/`_drafts` are Jekyll's folders of posts.
CONTAINER_FOLDERS = frozenset({
    "paper", "papers", "note", "notes", "reading", "readings", "literature", "lit", "references",
    "inbox", "archive", "archives", "daily", "journal", "zotero", "attachments", "assets", "docs",
    "pages", "journals", "content", "sources", "input", "inputs", "output", "outputs",
    "projects", "areas", "resources", "reviews", "_posts", "_drafts",
    "论文", "论文笔记", "笔记", "阅读", "文献", "输入", "输出", "논문", "노트", "논문 정리", "읽기",
})


_FILING_FOLDER_RE = re.compile(r"^(?:(?:19|20)\d{2}|[A-Za-z][A-Za-z&]{1,11}[-_ ']?(?:19|20)?\d{2})$")


# `2019/april/`: the month a year folder is filed by (English names, three-letter or whole)
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())


def folder_topic(folder: str) -> str:
    """A note's folder as a topic, container folders dropped: `Papers/Diffusion/Video` ->
    `Diffusion/Video`, `论文` -> `` (none). Folders that file papers by year or venue
    (`papers/ACM/ISCA/2019`, `ISCA-2019/`, `arXiv/2022`, and a month below a year folder,
    `2019/april`) are filing, not subjects: they and the folders above them are dropped."""
    parts = [part for part in folder.split("/") if part and part.casefold() not in CONTAINER_FOLDERS]
    filing = [index for index, part in enumerate(parts) if _FILING_FOLDER_RE.match(part) or is_known_venue(part)
              or (index and _FILING_FOLDER_RE.match(parts[index - 1]) and part.casefold().rstrip(".") in _MONTHS)]
    if filing:
        parts = parts[filing[-1] + 1:]
    return "/".join(parts)


# Tags that mark what a block is for a tool, not what it is about: Logseq's flashcards (`#card`) and
# task markers (`TODO`, `NOW`, `LATER`...), the Spaced Repetition plugin's `#flashcards`.
TOOL_TAGS = frozenset({
    "card", "cards", "flashcard", "flashcards", "todo", "doing", "done", "now", "later", "wait", "waiting",
    "canceled", "cancelled", "in-progress", "started",
})


def topic_name(tag: str) -> str:
    """The topic a tag names, `""` for none: a tool's marker (`#card`, `#TODO`) and a venue with its
    year (`#ICLR2025`, the paper's venue) name none, and a
    nested tag stops before its first part that holds template syntax left unrendered
    (`project/<% tp.system.prompt("…") %>` is `project`; `{{VALUE:topic}}` is none)."""
    parts = tag.strip(" #/").split("/")
    # a part that opens a template's variable (`<% … %>`, `{{ … }}`), even one a `/` inside it cut short
    kept = list(itertools.takewhile(lambda part: not (has_template_syntax(part) or "<%" in part or "{{" in part),
                                    parts))
    if len(kept) == 1 and (kept[0].strip().casefold() in TOOL_TAGS or venue_year_tag(kept[0]) is not None):
        return ""  # `#card`, `#TODO`; `#ICLR2025`, where the paper appeared (its venue and year)
    return "/".join(kept).strip(" /")


def split_topics(cell: str) -> list[str]:
    """A comma- or semicolon-separated column (`text2video,diffusion；DiT`) as topic names."""
    return [name.strip().strip("#").strip() for name in _SPLIT_RE.split(cell) if name.strip(" #")]


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    name: str
    parent: str | None
    papers: tuple[str, ...]
    notes: tuple[str, ...]
    slug: str = ""
    """Its page's URL slug: `topics/<slug>/` (see `topic_slugs`)."""
    full_name: str = ""
    """The whole nested name (`ml/vision/detection`, where `name` is `detection`), as a paper's
    topic chip shows it (as Obsidian shows a nested tag)."""


class TopicCollector:
    """Gathers topic spellings with the papers and notes carrying them, then settles names."""

    def __init__(self) -> None:
        self._spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._papers: dict[str, dict[str, None]] = defaultdict(dict)
        self._notes: dict[str, dict[str, None]] = defaultdict(dict)
        self._read: dict[str, tuple[str, str]] = {}  # tag as written -> (its spelling, its key)

    def add(self, name: str, *, paper: str | None = None, note: str | None = None) -> str:
        read = self._read.get(name)
        if read is None:  # a vault writes few tags, each on many notes: each is read once
            spelling = topic_name(name)
            read = self._read[name] = (spelling, topic_key(spelling))
        spelling, key = read
        if not key:
            return ""
        self._spellings[key][spelling] += 1
        segments = spelling.split("/")
        for depth in range(1, len(segments)):  # every ancestor of a nested tag is a topic too
            ancestor = "/".join(segments[:depth])
            self._spellings[topic_key(ancestor)].setdefault(ancestor, 0)
        if paper:
            self._papers[key][paper] = None
        if note:
            self._notes[key][note] = None
        return key

    def topics(self) -> tuple[dict[str, Topic], list[tuple[str, str, str]]]:
        """The topics by key, and the slug collisions resolved (as `unique_slugs` reports them)."""
        slugs, collisions = topic_slugs(self._spellings)
        result = {}
        for key in sorted(self._spellings):
            spellings = self._spellings[key]
            # The most common spelling wins; ties go to the first seen.
            name = max(spellings, key=lambda s: spellings[s])
            parent = key.rsplit("/", 1)[0] if "/" in key else None
            result[key] = Topic(key, name.rsplit("/", 1)[-1] if "/" in name else name, parent,
                                tuple(sorted(self._papers.get(key, {}))),
                                tuple(sorted(self._notes.get(key, {}))), slugs[key], name)
        return result, collisions


def topic_slugs(spellings: dict[str, Counter[str]]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Each topic's slug: of all its spellings, the one with the most words (`Text-to-Video` over
    `text2video`), ties to the alphabetically first, so how often each spelling is used never
    moves a page; nested topics join their parts (`diffusion/video` -> `diffusion-video`)."""
    wanted = {}
    for key, names in spellings.items():
        candidates = [readable_slug(name) for name in names] or [readable_slug(key)]
        wanted[key] = min(candidates, key=lambda slug: (-slug.count("-"), slug))
    return unique_slugs(wanted)
