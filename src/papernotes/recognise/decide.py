"""The paper-note decision: signals summed against a threshold, unless the user decided."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from papernotes.globs import matching
from papernotes.ids import arxiv_id, doi
from papernotes.model import Link, Note, NoteKey
from papernotes.paths import stem
from papernotes.recognise.anatomy import abstract_heading_signals, paper_parts_signals, project_page_signals
from papernotes.recognise.fields import citation_signals, field_signals, section_signals, venue_field_year
from papernotes.recognise.layout import FolderNote, folder_note_signals, name_facts_signals
from papernotes.recognise.signals import (
    OWN_PAPER_LINE,
    Facts,
    Signal,
    body_signals,
    code_signals,
    field_value,
    first_block_title,
    folder_signals,
    frontmatter_signals,
    frontmatter_value,
    linked_folder_signals,
    list_signals,
    merge_facts,
    name_signals,
)
from papernotes.recognise.titles import title_problem
from papernotes.titles import file_title, placeholder_reason, without_note_kind, without_title_label

THRESHOLD = 1.0
"""A note is a paper's note when its signals add up to this."""
ALMOST = 0.5
"""Notes scoring at least this, but under the threshold, are reported as almost papers."""


@dataclass(frozen=True, slots=True)
class RecogniseOptions:
    """The user's say: `paper_folders` and `not_papers` globs of vault paths."""

    paper_folders: tuple[str, ...] = ()
    not_papers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a note is a paper's note, and everything that led there."""

    path: NoteKey
    is_paper: bool
    score: float
    signals: tuple[Signal, ...]
    facts: Facts
    overridden_by: str = ""
    """Set when the user decided (frontmatter or a config glob): the score was not used."""
    threshold: float = field(default=THRESHOLD)

    @property
    def almost(self) -> bool:
        return not self.is_paper and not self.overridden_by and self.score >= ALMOST


DEFAULT_OPTIONS = RecogniseOptions()
"""No globs: the signals decide."""


def matches(path: str, patterns: Sequence[str]) -> str | None:
    """The first glob that `path` matches (`papers/**`, `papers/` meaning everything below; see `globs`)."""
    return matching(path, patterns)


_PAPER_KINDS = frozenset({"paper", "papers", "article", "literature", "literature-note", "literature_note",
                          "paper-note", "paper_note", "paper_reading", "paper-reading", "paper reading", "reading-note",
                          "paper review", "paper-review", "paper_review", "paper reviews", "논문 리뷰", "논문리뷰",
                          "论文", "논문"})
_FLAGS = {"true": True, "yes": True, "false": False, "no": False}


def _kind(value: object) -> str | None:
    """`paper`, `[[Papers]]`, `#paper` or a list holding one (kepano's `categories: ["[[Papers]]"]`)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip().strip("[]#\"'").casefold() in _PAPER_KINDS:
            return item.strip()
    return None


def user_choice(note: Note, options: RecogniseOptions) -> tuple[bool, str] | None:
    """What the note's frontmatter or the config says, most specific first."""
    flag = frontmatter_value(note.frontmatter, "paper")
    if isinstance(flag, str):
        flag = _FLAGS.get(flag.strip().casefold(), flag)
    if isinstance(flag, bool):
        return flag, f"frontmatter `paper: {str(flag).lower()}`"
    kind = _kind(frontmatter_value(note.frontmatter, "type", "category", "categories"))
    kind = kind or _kind(field_value(note, "type"))
    if kind:
        return True, f"`type: {kind}`"
    glob = matches(note.path, options.not_papers)
    if glob:
        return False, f"config `not_papers: {glob}`"
    glob = matches(note.path, options.paper_folders)
    if glob:
        return True, f"config `paper_folders: {glob}`"
    return None


@dataclass(frozen=True, slots=True)
class NoteSignals:
    """What `decide` reads from a note alone, found once when the note is loaded (by whichever
    process parses it: `loader.load_note`), valid while the note keeps the title and links it was
    found with (`titles.retitle_shared` and Dendron's `[[label|target]]` change them)."""

    path: str
    title: str
    links: tuple[Link, ...]
    head: tuple[Signal, ...]
    """Frontmatter and folder signals: the first of a decision's signals."""
    names: tuple[Signal, ...]
    """`name_signals`: the note's name, unless it is its folder's only note."""
    rest: tuple[Signal, ...]
    """Everything after the names but the links' folders and other notes' signals."""
    facts: Facts
    """The facts of every part but the links' folders, merged in `decide`'s order."""


def note_signals(note: Note) -> NoteSignals:
    """`NoteSignals` of the note: kept from loading when still valid, else found now."""
    kept = note.recognised
    if isinstance(kept, NoteSignals) and kept.path == note.path and kept.title == note.title and (
            kept.links is note.links or kept.links == note.links):
        return kept
    folder, folder_facts = folder_signals(note)
    front, front_facts = frontmatter_signals(note)
    body, body_facts = body_signals(note)
    named, name_facts = name_facts_signals(note)
    stated, field_facts = field_signals(note)
    cited, citation_facts = citation_signals(note)
    body_facts = _own_reference_ids(note, cited, body_facts)
    own = [signal for signal in stated + cited + body if signal.name in _OWN_PAPER]
    # the works named beside the note's own line (`A3VLM, CoRL: https://…`) are its `many-papers`
    listed = [] if any(signal.reason.startswith(OWN_PAPER_LINE) for signal in body) else [
        _as_citations(signal) if own else signal for signal in list_signals(note)]
    body = [_as_citations(signal) if own and signal.name == "many-papers" else signal for signal in body]
    parts = abstract_heading_signals(note) + project_page_signals(note) + paper_parts_signals(note)
    facts = merge_facts([front_facts, field_facts, citation_facts, name_facts, body_facts, folder_facts])
    if facts.year is None and field_facts.venue and (venue_year := venue_field_year(note)) is not None:
        facts = replace(facts, year=venue_year)
    return NoteSignals(
        note.path, note.title, note.links, tuple(front + folder), tuple(name_signals(note)),
        tuple(named + body + parts + stated + cited + section_signals(note) + listed + _code(note, front)), facts)


def decide(note: Note, options: RecogniseOptions = DEFAULT_OPTIONS,
           referrers: Sequence[Signal] = (), link_targets: Sequence[str] = (),
           folder_note: FolderNote | None = None) -> Decision:
    """Decide one note. `referrers` are signals from other notes (a queue or a table naming it),
    `link_targets` the note keys its links resolve to, `folder_note` set when the note is its
    folder's only note (see `layout.folder_notes`)."""
    own = note_signals(note)
    linked, linked_facts = linked_folder_signals(note, link_targets)
    names = folder_note_signals(note, folder_note)
    if not any(signal.name == "folder-note" for signal in names):  # else the folder names the note
        names = list(own.names)
    if any(signal.name == "year-name" for signal in own.rest):  # the title after the year is no slug
        names = [signal for signal in names if signal.name != "slug-name"]
    signals = own.head + tuple(names) + own.rest + tuple(linked) + tuple(referrers)
    score = round(sum(signal.weight for signal in signals), 2)
    facts = merge_facts([own.facts, linked_facts])
    choice = user_choice(note, options)
    if choice is not None:
        return Decision(note.path, choice[0], score, signals, facts, choice[1])
    return Decision(note.path, score >= THRESHOLD, score, signals, facts)


_TOP_REFERENCE_LINES = 12


def _own_reference_ids(note: Note, cited: Sequence[Signal], body_facts: Facts) -> Facts:
    """The paper's reference links the paper: when the note's reference to itself links a page
    (`[Berger, Mark J. "Title." (2015).](https://…/Berger.pdf)`, written last), a paper link near
    the top that is not on that line is a work it cites (`builds on [Kim(2014)](arxiv…)`): its
    arXiv id or DOI is not the note's paper's, which takes the reference's own, if any."""
    line = next((signal.line for signal in cited if signal.name == "citation-line"), 0)
    targets = [link.target for link in note.links if link.external and link.line == line]
    # a reference at the top beside the paper's link is the same paper's (read as before)
    if line < note.body_line + _TOP_REFERENCE_LINES or not targets or not (body_facts.arxiv or body_facts.doi):
        return body_facts
    arxiv = next((found for target in targets if (found := arxiv_id(target))), None)
    found_doi = next((found for target in targets if (found := doi(target))), None)
    return replace(body_facts, arxiv=arxiv, doi=found_doi)


def _code(note: Note, front: Sequence[Signal]) -> list[Signal]:
    """Mostly code counts half beside the writer's `#paper` tag: the paper's code, read after it."""
    code = code_signals(note)
    if any(signal.name == "paper-tag" for signal in front):
        return [Signal(signal.name, signal.weight / 2, signal.reason + ", beside a paper tag", signal.line)
                for signal in code]
    return code


def with_signal(decision: Decision, signal: Signal) -> Decision:
    """The decision with one more signal (from the other notes' decisions), unless the user decided."""
    if decision.overridden_by:
        return decision
    score = round(decision.score + signal.weight, 2)
    return replace(decision, is_paper=score >= decision.threshold, score=score, signals=(*decision.signals, signal))


_OWN_PAPER = frozenset({"paper-fields", "citation-line", "authors-line"})
"""A note that states its own paper's facts at the top cites the papers it lists or links."""


def _as_citations(signal: Signal) -> Signal:
    what = "lists" if signal.name == "list-of-papers" else "links"
    return Signal(signal.name, max(signal.weight, -0.3), signal.reason.replace(what, f"cites ({what})", 1)
                  + ", below its own paper's facts", signal.line)


_TITLE_SIGNALS = frozenset({"paper-fields", "citation-line", "zotero-name", "year-name"})


def _named_by_file(note: Note) -> bool:
    """Titled only by its file name: no title of its own, or Dendron's `title:`, which Dendron
    writes from the last part of the file name (`robotics.GR3.md`, `title: GR3`)."""
    if note.title == file_title(note.path):
        return True
    return bool(note.meta.dendron_id) and note.title.casefold() == stem(note.path).rsplit(".", 1)[-1].casefold()


def paper_title(note: Note, decision: Decision) -> str:
    """See `_paper_title`; a title that opens with the year its file name opens with
    (`# 2020 RAFT: …` in `2020 RAFT ….md`) is titled without that year."""
    title = without_note_kind(without_title_label(_paper_title(note, decision)))
    year = decision.facts.year
    if year is not None and any(signal.name == "year-name" for signal in decision.signals):
        head, _, rest = title.partition(" ")
        if head == str(year) and len(rest.split()) >= 2:
            return rest
    return title


def _paper_title(note: Note, decision: Decision) -> str:
    """A paper note's title: the note's own (frontmatter, title heading), but when only its file
    name titles it (`3d-gan-pet-2018-200328`, `2000_Kitaev_Unpaired Majorana...`, or Dendron's
    `title:` copied from the file name), the title the note states in a `Paper:` field, a
    reference or a Zotero file name, else its `#` heading at the top (which other `#` headings
    further down kept from titling the note); a folder's `paper.md` is titled by its folder
    (`2023/H2ONet/paper.md`)."""
    if decision.facts.title and any(signal.name == "review-title" for signal in decision.signals):
        return decision.facts.title  # `[논문 리뷰] Differential Transformer`: the paper is the title's rest
    year_heading = next((signal for signal in decision.signals if signal.name in ("title-year", "title-venue")), None)
    if year_heading is not None and decision.facts.title and (_named_by_file(note) or any(
            heading.line == year_heading.line and heading.text == note.title for heading in note.headings)):
        return decision.facts.title  # the heading without its `(2013)` or `VLDB'22 - `: year and venue
    original = _original_title(note, decision)
    if original is not None:
        return original
    if not _named_by_file(note):
        block = first_block_title(note)  # `DETR`, titled by the page's first block in full
        return block if block is not None and len(block.split()) > len(note.title.split()) else note.title
    stated = decision.facts.title or ""
    # many papers are titled by a question ("Do Priors Help?"), which an entry's title never is
    usable = bool(stated) and not placeholder_reason(stated) and title_problem(stated) in (None, "a question")
    if usable and any(signal.name in _TITLE_SIGNALS for signal in decision.signals):
        return stated
    if note.title != file_title(note.path):
        # Dendron's `title:` repeats the file name above the note's own `# Title` heading
        first = note.headings[0] if note.headings else None
        return stated if usable and first is not None and first.level == 1 and first.text == stated else note.title
    first = next((heading for heading in note.headings if heading.line <= note.body_line + 5), None)
    found = {signal.name for signal in decision.signals}
    # `# MobRecon: Mobile-Friendly…` at the top, with `# Supplementary` further down; a heading of
    # any level when an authors line stands under it (`## Title` then `#### Surname, et al, 2004`,
    # or `#### [[authors/A]], [[authors/B]], 2015`)
    if first is not None and (first.level == 1 or found & {"authors-line", "author-links"}) \
            and not placeholder_reason(first.text) and "title-heading" in found:
        return first.text
    if note.title == stem(note.path) and any(signal.name == "folder-note" for signal in decision.signals):
        return folder_title(posixpath.basename(posixpath.dirname(note.path)))
    return name_colons(note.title) if note.title == stem(note.path) else note.title


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NAME_END_RE = re.compile(r"(?<!\s)\s*+[:：]")  # from a blank run's start: linear


def _original_title(note: Note, decision: Decision) -> str | None:
    """`# R³L：反思-重试强化学习…` above `**论文**：*R³L: Reflect-then-Retry Reinforcement Learning…*`:
    a title heading that is the paper's name then the writer's gloss in Chinese, Japanese or
    Korean, when a `Paper:` field states the original title: the paper is titled by the original."""
    stated = decision.facts.title
    if not stated or not _CJK_RE.search(note.title) or _CJK_RE.search(stated) or not any(
            signal.name == "paper-fields" for signal in decision.signals):
        return None
    return stated if glossed_name(note) else None


def glossed_name(note: Note) -> str:
    """`AGLA` of a title heading `AGLA：全局-局部注意力组装…`: the paper's name before the writer's
    gloss in Chinese, Japanese or Korean (`DART：基于 Token 重复度的…`, a short name too); else ""."""
    parts = _NAME_END_RE.split(note.title, 1)
    if len(parts) < 2 or not parts[0].strip() or _CJK_RE.search(parts[0]) or not _CJK_RE.search(parts[1]):
        return ""
    return parts[0].strip()


_SAVED_COLON_RE = re.compile(r"(?<=[^\s_])_(?= \S)")


def name_colons(name: str) -> str:
    """A file name saved from a paper's title: `Less is More_ Selective Layer Finetuning` stands
    for `Less is More: Selective Layer Finetuning`, as browsers and Zotero write the `:` a file
    name cannot hold (a `_` then a space; `snake_case` and `_ ` after a blank are left)."""
    return _SAVED_COLON_RE.sub(":", name)


def folder_title(name: str) -> str:
    """A folder named after a paper, as file names allow: `SOIC_Semantic Online Calibration` stands
    for `SOIC: Semantic Online Calibration` (a file name cannot hold `:`); without spaces, `_`
    joins words (`Deep_Residual_Learning`)."""
    if " " in name:
        return re.sub(r"(?<=\S)_(?=\S)", ": ", name, count=1) if name.count("_") == 1 else name
    return " ".join(name.replace("_", " ").split())
