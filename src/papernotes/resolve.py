"""Obsidian link resolution: which vault file and which heading or block a link points at."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote

from papernotes.diagnostics import Diagnostic
from papernotes.markdown.logseq import is_block_ref, linked_block
from papernotes.model import Link, Note, NoteKey
from papernotes.paths import NOTE_SUFFIXES, fold, heading_anchor, is_note_path, stem
from papernotes.suggest import CUTOFF, Suggester, close_matches

_FOLDER_NOTES = ("README.md", "index.md")
LOGSEQ_CUTOFF = 0.85  # `Toric codes` for `Toric Code`, not `Bloch Theorem` for `Bloch sphere`
_HEADING_NOISE = str.maketrans({char: " " for char in "#^|:%[]*_`~"})


def fold_heading(text: str) -> str:
    """Heading text as Obsidian matches it: case and markup-like characters ignored."""
    return " ".join(fold(text).translate(_HEADING_NOISE).split())


def _as_written(link: Link) -> str:
    """A link as its note shows it: markdown-it percent-encodes a Markdown link's path (`缓存`
    becomes `%E7%BC%93%E5%AD%98`), which no one could find in the note."""
    return unquote(link.raw) if link.kind in ("markdown", "image") else link.raw


def _strip_note_suffix(path: str) -> str:
    lowered = path.lower()
    for suffix in NOTE_SUFFIXES:
        if lowered.endswith(suffix):
            return path[: -len(suffix)]
    return path


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a link lands: a vault file (note or attachment) and, for notes, an anchor."""

    key: str
    anchor: str = ""
    is_note: bool = True
    label: str = ""
    """What the link shows when it was read in Dendron's order (`Resolver.label_first`): its
    label; empty for the link's own text."""


_SMALL_POOL = 32
"""Files of a name (and its file name) read one by one; more are found from an index."""


def _order(key: str) -> tuple[int, int, str]:
    """Candidates of one name: shallowest, then shortest path first, as Obsidian prefers them."""
    return key.count("/"), len(key), key


@dataclass(frozen=True, slots=True)
class _Matches:
    """The files a link path names, whatever note it is written in, and where each folder's are."""

    keys: tuple[str, ...]
    positions: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, keys: list[str]) -> _Matches:
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, key in enumerate(keys):
            positions[posixpath.dirname(key)].append(position)
        return cls(tuple(keys), {folder: tuple(found) for folder, found in positions.items()})

    def ordered_for(self, folder: str) -> list[str]:
        """The files, those in the linking note's folder first, the others in order: copied by
        slices, never read one by one (every note of a README vault links `[[README]]`)."""
        here = self.positions.get(folder, ())
        ordered = [self.keys[position] for position in here]
        start = 0
        for position in here:
            ordered += self.keys[start:position]
            start = position + 1
        return ordered + list(self.keys[start:])


@dataclass(frozen=True, slots=True)
class _Anchors:
    headings: dict[str, str]
    blocks: frozenset[str]
    texts: tuple[str, ...] = ()


class Resolver:
    """Indexes a vault's names once; each resolution then costs a few dictionary look-ups."""

    def __init__(self, notes: Sequence[Note], attachments: Iterable[str] = ()) -> None:
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._note_keys: set[str] = set()
        self._anchors: dict[str, _Anchors] = {}
        self._reported_ambiguous: set[str] = set()
        self._suggester: Suggester | None = None  # built on the first broken link
        self._logseq_blocks: dict[str, str] = {}  # Logseq block uuid -> the note that has it
        self._outlines = frozenset(note.path for note in notes if note.outline)
        # candidates by (link kind, target, source) and suggestions by name, found by this
        # resolver, and those an earlier one with the very same index found (`keep`)
        self._found: dict[tuple[str, str, str], list[str]] = {}
        self._suggested: dict[tuple[str, float], list[str]] = {}
        self._kept_found: dict[tuple[str, str, str], list[str]] = {}
        self._kept_suggested: dict[tuple[str, float], list[str]] = {}
        for note in notes:
            for uuid, _ in note.block_texts:
                self._logseq_blocks.setdefault(uuid, note.path)
            self._add(note.path, note=True)
            for alias in note.aliases:
                self._by_name[fold(alias)].append(note.path)
            self._anchors[note.path] = _Anchors(
                {fold_heading(h.text): h.anchor for h in note.headings}
                | {h.anchor: h.anchor for h in note.headings},
                frozenset(note.block_ids),
                tuple(h.text for h in note.headings),
            )
        for key in attachments:
            self._add(key, note=False)
        for candidates in self._by_name.values():
            candidates[:] = sorted(dict.fromkeys(candidates), key=_order)
        # made only for names shared by more than _SMALL_POOL files
        self._large: dict[tuple[str, str], _Matches] = {}
        self._ending: defaultdict[str, list[str]] | None = None
        self._entries_of: defaultdict[str, set[str]] | None = None

    def _add(self, key: str, *, note: bool) -> None:
        if note:
            self._note_keys.add(key)
            name = stem(key)
            self._by_name[fold(name)].append(key)
            if "." in name:  # Dendron: `a.b.c.md` is also the hierarchy `a/b/c`
                self._by_name[fold(name.replace(".", "/"))].append(key)
        self._by_name[fold(key.rsplit("/", 1)[-1])].append(key)

    def _index(self) -> tuple[object, ...]:
        return self._by_name, self._note_keys, self._anchors, self._logseq_blocks

    def keep(self, previous: Resolver | None) -> None:
        """Reuse what `previous` found (candidates, did-you-mean suggestions) when it indexed
        exactly the same names, headings and blocks: `mkdocs serve` rebuilds after most edits."""
        if previous is not None and previous._index() == self._index():
            self._kept_found, self._kept_suggested = previous._found, previous._suggested
            self._suggester = previous._suggester

    @property
    def names(self) -> list[str]:
        return sorted(self._by_name)

    def is_note(self, key: str) -> bool:
        return key in self._note_keys

    def find(self, target: str, source: str) -> list[str]:
        """Candidate files for a link path, best first, as Obsidian would rank them."""
        target = posixpath.normpath(target.lstrip("/")) if target else target
        if not target or target.startswith("../") or target == "..":
            return []
        wanted = fold(target)
        wanted_bare = fold(_strip_note_suffix(target))
        names = self._pool_names(wanted, wanted_bare)
        folder = posixpath.dirname(source)
        if sum(len(self._by_name[name]) for name in names) > _SMALL_POOL:  # a name many files share
            found = self._large.get((wanted, wanted_bare))
            if found is None:
                found = _Matches.of(self._indexed_matches(names, wanted, wanted_bare))
                self._large[wanted, wanted_bare] = found
            return found.ordered_for(folder)
        matches = self._scanned_matches(names, wanted, wanted_bare)
        return sorted(matches, key=lambda key: (posixpath.dirname(key) != folder,))

    def _pool_names(self, wanted: str, wanted_bare: str) -> list[str]:
        """The index entries whose files may match a link path, in the order they are tried."""
        names = [wanted.rsplit("/", 1)[-1], wanted_bare.rsplit("/", 1)[-1]]
        if "/" in wanted:  # Dendron hierarchy written with slashes
            names.insert(0, wanted)
        return [name for name in names if name in self._by_name]

    def _scanned_matches(self, names: list[str], wanted: str, wanted_bare: str) -> list[str]:
        """The files of `names`' entries that match the link path, each once, in entry order."""
        pool = [key for name in names for key in self._by_name[name]]
        return [key for key in dict.fromkeys(pool) if self._path_matches(key, wanted, wanted_bare)]

    def _indexed_matches(self, names: list[str], wanted: str, wanted_bare: str) -> list[str]:
        """What `_scanned_matches` finds, from the index of path endings: the files a path names
        without reading every file of a name (a README.md in each of 5,000 folders)."""
        if "/" not in wanted_bare:
            return list(dict.fromkeys(key for name in names for key in self._by_name[name]))
        ending = self._endings()
        dendron = [key for key in self._by_name.get(wanted_bare, ())
                   if fold(stem(key).replace(".", "/")) == wanted_bare]
        hits = dict.fromkeys([*ending.get(wanted, ()), *ending.get(wanted_bare, ()), *dendron])
        indexed_as = self._indexed_as()
        matches: list[str] = []
        for name in names:  # entry by entry, as the scan meets them; each entry is in _order
            matches += sorted((key for key in hits if name in indexed_as[key]), key=_order)
            for key in matches:
                hits.pop(key, None)
        return matches

    def _endings(self) -> dict[str, list[str]]:
        """Every file by each ending of its folded path, with and without its note suffix
        (`a/b/c.md`: `c.md`, `b/c.md`, `a/b/c.md`, `c`, `b/c`, `a/b/c`); made on first use."""
        if self._ending is None:
            self._ending = defaultdict(list)
            for key in dict.fromkeys(key for keys in self._by_name.values() for key in keys):
                for path in dict.fromkeys((fold(key), fold(_strip_note_suffix(key)))):
                    parts = path.split("/")
                    for start in range(len(parts)):
                        self._ending["/".join(parts[start:])].append(key)
        return self._ending

    def _indexed_as(self) -> dict[str, set[str]]:
        """The index entries of each file (its names, file name, aliases); made on first use."""
        if self._entries_of is None:
            self._entries_of = defaultdict(set)
            for name, keys in self._by_name.items():
                for key in keys:
                    self._entries_of[key].add(name)
        return self._entries_of

    def label_first(self, link: Link, source: str) -> Link | None:
        """`link` read in Dendron's order (`[[label|target]]`), when what Obsidian takes for its
        target (`[[训练器|robotics.dexvla#训练器]]`: `训练器`) names no file and what it takes for the
        label names one: the label is the target and the target the label. None otherwise."""
        if link.kind != "wikilink" or not link.text or not link.target:
            return None
        target, _, fragment = link.text.partition("#")
        if not target.strip() or not self.find(target.strip(), source):
            return None
        shown = link.target + (f"#{link.fragment}" if link.fragment else "")
        return replace(link, target=target.strip(), fragment=fragment.strip(), text=shown)

    @staticmethod
    def _path_matches(key: str, wanted: str, wanted_bare: str) -> bool:
        folded = fold(key)
        if "/" not in wanted_bare:
            return True
        for candidate in (folded, fold(_strip_note_suffix(key))):
            if candidate in (wanted, wanted_bare):
                return True
            if candidate.endswith("/" + wanted) or candidate.endswith("/" + wanted_bare):
                return True
        dendron = fold(stem(key).replace(".", "/"))
        return dendron == wanted_bare

    def anchor(self, key: str, fragment: str) -> str | None:
        """The anchor of `#Heading` or `#^block` in a note, None when the note has no such thing."""
        anchors = self._anchors.get(key)
        if anchors is None:
            return None
        if fragment.startswith("^"):
            block = fragment[1:]
            return "^" + block if block in anchors.blocks else None
        last = fragment.split("#")[-1]
        return anchors.headings.get(fold_heading(last)) or anchors.headings.get(heading_anchor(last))

    def resolve(self, link: Link, source: NoteKey) -> tuple[Resolved | None, list[Diagnostic]]:
        """Resolve one link written in `source`; problems come back as diagnostics."""
        if link.external:
            return None, []
        if link.kind == "markdown" and link.target.startswith("(("):
            uuid = linked_block(link.target)
            if uuid is not None:
                return self._block_ref(link, source, uuid)
        if not link.target:
            return self._same_note(link, source)
        candidates = self._candidates(link, source)
        if not candidates:
            swapped = self.label_first(link, source)  # every link: a note's, a task's, a table cell's
            if swapped is not None:
                resolved, problems = self.resolve(swapped, source)
                return (replace(resolved, label=swapped.text) if resolved else None), problems
            return None, [self._broken(link, source)]
        problems = self._ambiguity(link, source, candidates)
        key = candidates[0]
        if not self.is_note(key):
            return Resolved(key, "", is_note=False), problems
        if not link.fragment:
            return Resolved(key), problems
        anchor = self.anchor(key, link.fragment)
        if anchor is None:
            problems.append(self._missing_anchor(link, source, key))
            return Resolved(key), problems
        return Resolved(key, anchor), problems

    def _candidates(self, link: Link, source: str) -> list[str]:
        key = (link.kind, link.target, source)
        found = self._found.get(key)
        if found is None:
            found = self._kept_found.get(key)
            if found is None:
                found = self._find_candidates(link, source)
            self._found[key] = found
        return found

    def _find_candidates(self, link: Link, source: str) -> list[str]:
        if link.kind in ("markdown", "image"):
            relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), link.target))
            if not relative.startswith(".."):
                exact = [key for key in self.find(relative, source) if fold(key) in
                         (fold(relative), fold(relative) + ".md")]
                if exact:
                    return exact
                folder_note = self._folder_note(relative)
                if folder_note is not None:
                    return [folder_note]
        return self.find(link.target, source)

    def _folder_note(self, folder: str) -> str | None:
        """The note GitHub shows for a link to a folder: its README.md (or index.md)."""
        for name in _FOLDER_NOTES:
            wanted = fold(posixpath.normpath(posixpath.join(folder, name)))
            notes = self._by_name.get(fold(name), [])
            if len(notes) > _SMALL_POOL:  # the entry's files at that path, in the entry's order
                entries, entry = self._indexed_as(), fold(name)
                notes = sorted((key for key in self._endings().get(wanted, ()) if entry in entries[key]), key=_order)
            found = next((key for key in notes if fold(key) == wanted), None)
            if found is not None:
                return found
        return None

    def _same_note(self, link: Link, source: NoteKey) -> tuple[Resolved | None, list[Diagnostic]]:
        if not link.fragment:
            return Resolved(source), []
        if is_block_ref(link):
            return self._block_ref(link, source, link.fragment[1:])
        anchor = self.anchor(source, link.fragment)
        if anchor is None:
            return Resolved(source), [self._missing_anchor(link, source, source)]
        return Resolved(source, anchor), []

    def _block_ref(self, link: Link, source: NoteKey, uuid: str) -> tuple[Resolved | None, list[Diagnostic]]:
        """`((uuid))` or `[label](((uuid)))`: the block with that `id::`, in whichever note of the
        vault has it."""
        key = self._logseq_blocks.get(uuid)
        if key is None:
            return None, [Diagnostic(source, link.line, "warning", "missing-block",
                                     f"{_as_written(link)} matches no block of the vault",
                                     f"a block reference shows the block written with `id:: {uuid}`; "
                                     "that note may be missing from the notes folder, or the block deleted")]
        return Resolved(key, "^" + uuid), []

    def _broken(self, link: Link, source: str) -> Diagnostic:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), link.target))
        # a Markdown link is relative to its note, as in a browser; `[[../x]]` may also be read from the top
        from_top = link.kind in ("wikilink", "embed") and link.target.startswith("..")
        if joined.startswith("..") or from_top:
            return Diagnostic(source, link.line, "warning", "link-outside-vault",
                              f"{_as_written(link)} points outside the vault; it is not published",
                              "link only to files inside the notes folder")
        name = _strip_note_suffix(link.target.rsplit("/", 1)[-1])
        logseq_page = source in self._outlines and link.kind == "wikilink"
        # Logseq pages need no file, so only a near-twin name (`Toric codes`) suggests a typo there
        suggestions = self.suggestions(name, LOGSEQ_CUTOFF if logseq_page else CUTOFF)
        did_you_mean = ("did you mean " + ", ".join(f"[[{s}]]" for s in suggestions) + "?") if suggestions else ""
        hidden = next((part for part in joined.split("/")[:-1] if part.startswith(".")), None)
        if hidden is not None:  # GitBook's `.gitbook/assets/x.png`: there, but never read (as in Obsidian)
            return Diagnostic(source, link.line, "warning", "broken-link",
                              f"{_as_written(link)} is in the hidden folder {hidden}/ ({joined}): files and folders "
                              "whose names start with `.` are never read or published",
                              f"move {hidden}/ to a folder whose name does not start with `.` and fix the link")
        if link.target.startswith("..") or "/../" in link.target:
            return Diagnostic(source, link.line, "warning", "broken-link",
                              f"{_as_written(link)} is missing: there is no {joined} in the vault",
                              did_you_mean or "add the file to the vault or fix the link")
        if logseq_page:  # Logseq makes a page for every [[name]]: one without a file is no mistake there
            return Diagnostic(source, link.line, "info", "page-without-file",
                              f"{_as_written(link)} is a Logseq page with no file; it is shown as text",
                              did_you_mean or "write something on that page in Logseq to give it a file")
        return Diagnostic(source, link.line, "warning", "broken-link",
                          f"{_as_written(link)} matches no file in the vault",
                          did_you_mean or "create the note or fix the link")

    def suggestions(self, name: str, cutoff: float = CUTOFF) -> list[str]:
        """Up to three names of vault files like `name`, best first, for a link that matches none."""
        key = (name, cutoff)
        found = self._suggested.get(key)
        if found is None:
            found = self._kept_suggested.get(key)
        if found is None:
            if self._suggester is None:
                self._suggester = Suggester(self._by_name)
            close = self._suggester.closest(fold(name), n=10, cutoff=cutoff)
            # `name` and `name.md` are two index entries for one note: suggest each note once.
            found = list(dict.fromkeys(self._display_name(folded) for folded in close))[:3]
        self._suggested[key] = found
        return list(found)

    def _display_name(self, folded: str) -> str:
        key = self._by_name[folded][0]
        return stem(key) if is_note_path(key) else key.rsplit("/", 1)[-1]

    def _ambiguity(self, link: Link, source: str, candidates: list[str]) -> list[Diagnostic]:
        if len(candidates) < 2 or "/" in link.target:
            return []
        top = candidates[0]
        same_folder = posixpath.dirname(top) == posixpath.dirname(source)
        if same_folder and posixpath.dirname(candidates[1]) != posixpath.dirname(source):
            return []
        name = fold(link.target)
        if name in self._reported_ambiguous:
            return []
        self._reported_ambiguous.add(name)
        listed = ", ".join(candidates[:5])
        return [Diagnostic(source, link.line, "warning", "ambiguous-link",
                           f"{_as_written(link)} matches {len(candidates)} files: {listed}; it links to {top}",
                           "write the folder in the link, e.g. [[" + _strip_note_suffix(top) + "]]")]

    def _missing_anchor(self, link: Link, source: str, key: str) -> Diagnostic:
        what = "block" if link.fragment.startswith("^") else "heading"
        hint = f"check the {what} in {key}; the link goes to the top of the note"
        anchors = self._anchors.get(key)
        if what == "heading" and anchors is not None:
            close = close_matches(link.fragment, anchors.texts)
            if close:
                hint = "did you mean " + ", ".join(f"#{text}" for text in close) + "?"
        return Diagnostic(source, link.line, "warning", f"missing-{what}",
                          f"{_as_written(link)}: {key} has no {what} '{link.fragment}'", hint)
