"""The paper-note decision: signals summed against a threshold, unless the user decided."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, field

from papernotes.model import Note, NoteKey
from papernotes.recognise.signals import (
    Facts,
    Signal,
    body_signals,
    code_signals,
    field_value,
    folder_signals,
    frontmatter_signals,
    frontmatter_value,
    linked_folder_signals,
    list_signals,
    merge_facts,
    name_signals,
)

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
    """The first glob that `path` matches (`papers/**`, `papers/` meaning everything below)."""
    for pattern in patterns:
        folder = pattern.rstrip("/")
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, folder + "/**") \
                or path.startswith(folder + "/") and "*" not in folder:
            return pattern
    return None


_PAPER_KINDS = frozenset({"paper", "papers", "article", "literature", "literature-note", "paper-note", "论文", "논문"})
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


def decide(note: Note, options: RecogniseOptions = DEFAULT_OPTIONS,
           referrers: Sequence[Signal] = (), link_targets: Sequence[str] = ()) -> Decision:
    """Decide one note. `referrers` are signals from other notes (a queue or a table naming it),
    `link_targets` the note keys its links resolve to."""
    folder, folder_facts = folder_signals(note)
    linked, linked_facts = linked_folder_signals(note, link_targets)
    front, front_facts = frontmatter_signals(note)
    body, body_facts = body_signals(note)
    signals = tuple(front + folder + name_signals(note) + body + list_signals(note) + code_signals(note)
                    + linked + list(referrers))
    score = round(sum(signal.weight for signal in signals), 2)
    facts = merge_facts([front_facts, body_facts, folder_facts, linked_facts])
    choice = user_choice(note, options)
    if choice is not None:
        return Decision(note.path, choice[0], score, signals, facts, choice[1])
    return Decision(note.path, score >= THRESHOLD, score, signals, facts)
