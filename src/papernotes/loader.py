"""Vault files in, Notes out: each file read once, decoded, split and parsed once."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from markdown_it.token import Token

from papernotes.app_templates import template_globs
from papernotes.diagnostics import Diagnostic
from papernotes.entries import EntryContext, recognise_entries
from papernotes.frontmatter import (
    ODD_BREAKS,
    UnreadBlock,
    normalise_meta,
    read_frontmatter,
    split_frontmatter,
    unclosed_frontmatter,
    unread_block,
    unread_privacy,
)
from papernotes.globs import matching
from papernotes.markdown import make_parser
from papernotes.markdown.comments import strip_comments
from papernotes.markdown.html import SLOT_END, SLOT_START, render_note
from papernotes.markdown.jekyll import has_liquid_address, without_liquid_addresses
from papernotes.markdown.logseq import (
    GRAPH_CONFIG,
    front_matter_properties,
    other_properties,
    outline_body,
    page_properties,
    properties_frontmatter,
)
from papernotes.markdown.structure import Structure, extract_structure
from papernotes.model import Note, NoteKey, packed
from papernotes.page_meta import theme_problems
from papernotes.paths import is_note_path
from papernotes.privacy_keys import line_privacy, lookalike_privacy
from papernotes.recognise.decide import note_signals
from papernotes.titles import choose_title, file_title, skipped_title_diagnostics
from papernotes.two_processes import function_named, helper_wanted, map_in_two

ALWAYS_SKIPPED = (".obsidian", ".trash", ".git")
# markdown-it takes tens of seconds on notes far past these sizes;
# no real note comes close, so a note beyond them is reported and left out rather than hang a build.
MAX_NOTE_BYTES = 5_000_000
MAX_LINKS = 20_000
DEFAULT_EXCLUDES: tuple[str, ...] = ("node_modules/**", "site/**", "_site/**")


@dataclass(frozen=True, slots=True)
class Vault:
    """Everything read from a vault folder: its notes, its other files, and what went wrong."""

    root: Path
    notes: tuple[Note, ...]
    attachments: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class VaultFile:
    key: str
    path: Path
    outline: bool = False
    """A page of a Logseq graph: read as an outline (see `markdown.logseq.outline_body`)."""


@dataclass(slots=True)
class _Cached:
    size: int
    mtime_ns: int
    read_ns: int
    content_hash: str
    note: Note | None
    problems: tuple[Diagnostic, ...]
    outline: bool = False


# A file modified this close to when it was read may change again within the same timestamp
# tick: its (size, mtime) is not trusted, its bytes are hashed (git's "racy" files).
_RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """What reading and parsing one file gave: its bytes' digest (None when unreadable), the
    note (None when unchanged since `known`, or not a note at all) and the problems."""

    digest: str | None
    note: Note | None
    problems: list[Diagnostic]
    parsed: bool


def parse_file(job: tuple[str, str, str | None, bool]) -> Parsed:
    """Read and parse one file (`key`, `path`, the digest of the bytes cached for it, if any,
    whether it is a Logseq outline); picklable both ways, so a helper process can do it
    (`papernotes.two_processes`)."""
    key, path, known, outline = job
    data, problems = read_file(VaultFile(key, Path(path), outline))
    if data is None:
        return Parsed(None, None, problems, parsed=False)
    digest = hashlib.sha256(data).hexdigest()
    if digest == known:
        return Parsed(digest, None, [], parsed=False)
    note, note_problems = load_note(key, data, outline=outline, digest=digest)
    return Parsed(digest, note, problems + note_problems, parsed=True)


# Fewer notes to parse than this: one process (a helper interpreter costs ~0.3 s to start).
HELPER_MIN_NOTES = 200

NoteJob = tuple[str, str, str | None, bool]


@dataclass(frozen=True, slots=True)
class SideJob:
    """Work of another kind done while the notes load, by whichever process is free:
    `function` ("module:name") applied to `argument`; both, and the answer, must pickle."""

    function: str
    argument: Any


class SideWork(Protocol):
    """What else to do while the notes load (a reference library to parse): the jobs, from the
    vault's other files, and what to do with their answers (in job order)."""

    def jobs(self, attachments: Sequence[str]) -> list[SideJob]: ...

    def done(self, results: Sequence[Any]) -> None: ...


def parse_job(job: NoteJob | SideJob) -> Any:
    """A note's `parse_file`, or a side job's function: what the helper process runs."""
    if isinstance(job, SideJob):
        return function_named(job.function)(job.argument)
    return parse_file(job)


def parse_files(jobs: Sequence[NoteJob], helper_min: int | None = None) -> list[Parsed]:
    """`parse_file` over every job; with many, shared with a helper process on the other core,
    which gives the same notes (the results are made by the same code, in job order)."""
    return parse_files_beside(jobs, (), helper_min)[0]


def parse_files_beside(jobs: Sequence[NoteJob], side: Sequence[SideJob],
                       helper_min: int | None = None) -> tuple[list[Parsed], list[Any] | None]:
    """`parse_files`, and the `side` jobs with them when a helper process shares the work: they
    go at the end of the list, where the helper takes its work, so it does them first while
    this process parses notes. Their answers, or None when no helper was used (then they are
    not done: the caller does that work where it needs it, as without a helper)."""
    if len(jobs) < (HELPER_MIN_NOTES if helper_min is None else helper_min) or not helper_wanted():
        return [parse_file(job) for job in jobs], None
    if not side:
        return map_in_two("papernotes.loader:parse_file", jobs, parse_file), None
    results = map_in_two("papernotes.loader:parse_job", [*jobs, *side], parse_job)
    return results[:len(jobs)], results[len(jobs):]


@dataclass(frozen=True, slots=True)
class _Pending:
    file: VaultFile
    stat: os.stat_result | None
    read_ns: int
    known: str | None  # the digest of the bytes cached for this file


@dataclass(slots=True)
class NoteCache:
    """Parsed notes kept between builds (`mkdocs serve`), by vault key: a note is parsed again
    only when its bytes change. An unchanged (size, mtime) skips even reading the file."""

    entries: dict[str, _Cached] = field(default_factory=dict)
    parsed: list[str] = field(default_factory=list)
    """Keys of the notes the last load parsed (new or changed); the others came from the cache."""

    def check(self, file: VaultFile) -> tuple[Note | None, list[Diagnostic]] | _Pending:
        """The cached note when (size, mtime) says the file is unchanged, else what to read."""
        try:
            stat = file.path.stat()
        except OSError:
            stat = None
        entry = self.entries.get(file.key)
        if (entry is not None and stat is not None and (stat.st_size, stat.st_mtime_ns) ==
                (entry.size, entry.mtime_ns) and entry.read_ns - entry.mtime_ns > _RACY_NS
                and entry.outline == file.outline):
            return entry.note, list(entry.problems)
        known = entry.content_hash if entry is not None and entry.outline == file.outline else None
        return _Pending(file, stat, time.time_ns(), known)

    def store(self, pending: _Pending, result: Parsed) -> tuple[Note | None, list[Diagnostic]]:
        key = pending.file.key
        if result.digest is None:
            self.entries.pop(key, None)
            return None, result.problems
        entry = self.entries.get(key)
        if result.parsed or entry is None:
            self.parsed.append(key)
            entry = _Cached(0, 0, 0, result.digest, result.note, tuple(result.problems), pending.file.outline)
        if pending.stat is not None:
            entry.size, entry.mtime_ns, entry.read_ns = (pending.stat.st_size, pending.stat.st_mtime_ns,
                                                         pending.read_ns)
        self.entries[key] = entry
        return entry.note, list(entry.problems)

    def load(self, file: VaultFile) -> tuple[Note | None, list[Diagnostic]]:
        found = self.check(file)
        if not isinstance(found, _Pending):
            return found
        return self.store(found, parse_file((file.key, str(file.path), found.known, file.outline)))


def is_excluded(key: str, patterns: Sequence[str]) -> bool:
    """True when a vault-relative path matches an exclude glob (`Private/**`, `*.tmp.md`), as
    `globs.matching` reads globs (case-insensitive, `/Private`, `**/` for no folder too)."""
    return matching(key, patterns) is not None


def walk_vault(root: Path, exclude: Sequence[str] = ()) -> tuple[list[VaultFile], list[Diagnostic]]:
    """Every non-hidden file under `root` in sorted order, skipping excludes and escaping symlinks.
    In a Logseq graph (`logseq/config.edn` at the root) every note is an outline; what the apps
    keep for themselves (`tool_folders`: Logseq's `logseq/`, Obsidian's templates) is never read."""
    patterns = tuple(exclude) + DEFAULT_EXCLUDES + tool_folders(root)
    graph = (root / GRAPH_CONFIG).is_file()
    root_real = root.resolve()
    files: list[VaultFile] = []
    problems: list[Diagnostic] = []
    for rel_folder, entries in _folders(str(root), "", patterns):
        for entry in entries:
            key = rel_folder + entry.name
            path = Path(entry.path)
            if entry.is_symlink() and not _inside(path, root_real):
                problems.append(_symlink_problem(key, path))
                continue
            if not _is_file(entry):  # reading a named pipe would wait forever
                problems.append(Diagnostic(key, 0, "warning", "not-a-file",
                                           f"{key} is not a regular file (a named pipe, socket or device, or a "
                                           "broken link); it is neither read nor published",
                                           "remove it from the vault folder"))
                continue
            files.append(VaultFile(key, path, graph))
    return files, problems


def _folders(folder: str, rel_folder: str, patterns: tuple[str, ...]) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """Each folder's files to read (sorted), then its subfolders' in turn, as `os.walk` goes top
    down; from `os.scandir`'s entries, so a file's kind costs no `stat` (a vault's folder lists
    say whether each entry is a file, a folder or a link: only links are looked up). An
    unreadable folder is skipped, as `os.walk` does."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    dirs: list[os.DirEntry[str]] = []
    names: list[os.DirEntry[str]] = []
    for entry in entries:
        (dirs if _is_dir(entry) else names).append(entry)
    yield rel_folder, sorted((entry for entry in names if not entry.name.startswith(".")
                              and not is_excluded(rel_folder + entry.name, patterns)), key=_name)
    for entry in sorted(dirs, key=_name):
        name = entry.name
        if not name.startswith(".") and name not in ALWAYS_SKIPPED and not entry.is_symlink() \
                and not is_excluded(rel_folder + name + "/", patterns):
            yield from _folders(entry.path, rel_folder + name + "/", patterns)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder too, as os.walk lists it (then it is skipped)
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def tool_folders(root: Path) -> tuple[str, ...]:
    """Globs of what a note-taking app keeps for itself inside the vault, when it is not hidden
    (`.obsidian/` is): a Logseq graph's `logseq/` (settings, custom CSS, backup copies of pages),
    an Obsidian vault's template folders and files (`app_templates`). Neither notes nor
    attachments: never read, never published."""
    logseq = (GRAPH_CONFIG.split("/")[0] + "/**",) if (root / GRAPH_CONFIG).is_file() else ()
    return logseq + template_globs(root)


def _symlink_problem(key: str, path: Path) -> Diagnostic:
    try:
        path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Diagnostic(key, 1, "warning", "symlink-broken",
                          f"{key} is a symbolic link that leads nowhere (its target is missing, or it "
                          "points back at itself); it is skipped", "fix the link or delete it")
    return Diagnostic(key, 1, "warning", "symlink-outside-vault",
                      f"{key} is a symbolic link to a file outside the vault; it is not published",
                      "copy the file into the vault if it should be part of the site")


def _inside(link: Path, root_real: Path) -> bool:
    """Whether a symlink leads to a file inside the vault (a loop or an unreadable link does not)."""
    try:
        return link.resolve(strict=True).is_relative_to(root_real)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return False


_WIDE_BOMS = (("utf-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")), ("utf-16", (b"\xff\xfe", b"\xfe\xff")))


def decode(data: bytes, key: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8 (BOM tolerated), UTF-16 and UTF-32 with BOM; CRLF and CR become LF.

    Undecodable bytes are replaced (the note still loads) and reported at their line; a file
    with NUL bytes that is not UTF-16 is binary and is skipped.
    """
    problems: list[Diagnostic] = []
    # UTF-32's little-endian BOM starts with UTF-16's: read as UTF-16, its text had a NUL after
    # every character, and the `publish: false` line went unseen.
    wide = next((name for name, boms in _WIDE_BOMS if data.startswith(boms)), None)
    if wide is not None:
        text = data.decode(wide, errors="replace")
        problems.append(Diagnostic(key, 1, "info", wide.replace("-", ""), f"{key} is {wide.upper()}; read it as such",
                                   "save notes as UTF-8, as Obsidian does"))
    elif b"\x00" in data:
        return None, [Diagnostic(key, 1, "error", "binary-file",
                                 f"{key} contains NUL bytes: it looks like a binary file, not a note",
                                 "rename it so it does not end in .md, or re-save it as UTF-8 text")]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            problems.append(Diagnostic(
                key, line, "warning", "not-utf8",
                f"byte 0x{data[error.start]:02x} at line {line} is not valid UTF-8; "
                "undecodable bytes are shown as \ufffd",
                "re-save the file as UTF-8",
            ))
            text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def load_note(key: str, data: bytes, outline: bool = False,
              digest: str | None = None) -> tuple[Note | None, list[Diagnostic]]:
    """Parse one note from its bytes; None when the file is not text at all, or far too large.
    `outline`: a page of a Logseq graph, whose tab-indented lines are nested blocks, not code;
    `digest`: the bytes' SHA-256 (hex), when the caller has it already."""
    if len(data) > MAX_NOTE_BYTES:
        return None, [_too_large(key, f"is {len(data) / 1e6:.1f} MB, more than the "
                                      f"{MAX_NOTE_BYTES / 1e6:.0f} MB a note may have")]
    text, problems = decode(data, key)
    if text is None:
        return None, problems
    yaml_text, body, body_line = split_frontmatter(text)
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    unreadable: str | None = None
    if yaml_text is not None:
        raw, lines, yaml_problems = read_frontmatter(yaml_text, key, 2)
        if outline and (any(problem.code == "yaml-syntax" for problem in yaml_problems) or any(
                isinstance(value, list) and any(isinstance(item, list) for item in value) for value in raw.values())):
            # `tags: #a, [[b]]` is no YAML, and YAML reads `tags: [[b]]` as a list in a list, but
            # that is how Logseq writes (and reads) a page's links: read the block as Logseq does
            raw, lines = front_matter_properties(yaml_text, 2)
            yaml_problems = []
        problems += yaml_problems
        # a key written twice is a problem of YAML that was read; any other means it was not
        unreadable = next((problem.message for problem in yaml_problems if problem.code != "duplicate-key"), None)
    elif unclosed_frontmatter(text):
        problems.append(Diagnostic(
            key, 1, "warning", "frontmatter-unclosed",
            "the frontmatter block opened with --- on line 1 is never closed; "
            "the note is read without frontmatter",
            "add a line with --- after the last frontmatter key",
        ))
    said, said_lines = raw, lines  # what a privacy look-alike is looked for in
    if outline and yaml_text is None:
        properties = page_properties(body)
        raw, lines = properties_frontmatter(properties, body_line)
        # the other page properties too, so `private:: true` or `pubish:: false` is seen
        said, said_lines = other_properties(properties, body_line)
    meta, meta_problems = normalise_meta(raw, key, lines)
    doubt, unread = _unread_privacy(text, yaml_text, raw, key, unreadable)
    doubt = doubt or lookalike_privacy(said, key, said_lines)
    if unread is not None:
        meta_problems.append(unread)
    if doubt is not None:
        meta = replace(meta, publish=False)
        meta_problems.append(doubt)
    problems += meta_problems + theme_problems(raw, key, lines)
    body = body.replace(SLOT_START, "").replace(SLOT_END, "")  # the renderer's slot markers
    if outline:
        body = outline_body(body)
    tokens = make_parser(outline).parse(body)
    structure = extract_structure(tokens, body_line)
    if "%%" in body:
        body, tokens, structure = _without_comments(body, tokens, structure, body_line, outline)
    if has_liquid_address(body):
        body, tokens, structure = _without_liquid(body, tokens, structure, body_line, outline)
    if len(structure.links) > MAX_LINKS:
        return None, problems + [_too_large(key, f"has {len(structure.links):,} links, more than the "
                                                 f"{MAX_LINKS:,} a note may have")]
    path = NoteKey(key)
    papers = recognise_entries(tokens, EntryContext(path, body_line, meta, body))
    rendered = render_note(tokens, body_line, outline)  # last: it changes the tokens
    title = choose_title(meta.title, structure.headings, body, body_line, file_title(key))
    title_line = next((line for name, line in lines.items() if name.strip().casefold() == "title"), 1)
    problems += skipped_title_diagnostics(key, title, title_line, structure.headings)
    note = Note(
        path=path,
        title=title.text,
        frontmatter=raw,
        meta=meta,
        packed_body=packed(body),
        body_line=body_line,
        content_hash=digest or hashlib.sha256(data).hexdigest(),
        headings=tuple(structure.headings),
        links=tuple(structure.links),
        tasks=tuple(structure.tasks),
        tables=tuple(structure.tables),
        hashtags=tuple(structure.hashtags),
        block_ids=tuple(structure.block_ids),
        block_texts=tuple(structure.block_texts),
        papers=tuple(papers),
        queries=tuple(structure.queries),
        inline_fields=tuple(structure.inline_fields),
        citations=tuple(structure.citations),
        code_lines=frozenset(structure.code_lines),
        size=len(data),
        outline=outline,
        html=rendered,
        diagnostics=tuple(problems),
    )
    # what recognition reads from the note alone, found here: in the helper process for its half
    return replace(note, recognised=note_signals(note)), problems


def _unread_privacy(text: str, yaml_text: str | None, raw: dict[str, object], key: str,
                    unreadable: str | None) -> tuple[Diagnostic | None, Diagnostic | None]:
    """Why the note must be private although its frontmatter, as read, does not say so: it sets
    `publish`/`dg-publish`/`draft` where the reading did not see it (`frontmatter.unread_privacy`);
    else (second) a warning that a `---` block at its top that looks like frontmatter is shown as text.
    `yaml_text`: the frontmatter block read, if any; `unreadable`: why it could not be read."""
    if yaml_text is None:
        block = unread_block(text)
        if block is None:
            return None, None
        if block.toml:
            where = "it is TOML, fenced by `+++`; papernotes and Obsidian read YAML between `---` lines"
        elif block.odd_break is not None:
            where = (f"its lines are separated by {ODD_BREAKS[block.odd_break]}, which Obsidian and papernotes "
                     "do not read as a line break")
        elif text.startswith("---"):
            where = "it is never closed, or it is not `key: value` lines"
        else:
            where = "frontmatter starts on line 1, with nothing before `---`, not even a blank line or a space"
        doubt = unread_privacy(block.text, raw, key, block.line,
                               f"the `{'+++' if block.toml else '---'}` block at the top of the note is not read as "
                               f"frontmatter ({where})",
                               lookalike=line_privacy)
        return doubt, None if doubt else _unread_block_problem(block, key, where)
    if unreadable is not None:
        return unread_privacy(yaml_text, raw, key, 2, f"none of the frontmatter is read ({unreadable})",
                              lookalike=line_privacy), None
    return unread_privacy(yaml_text, raw, key, 2, "YAML reads a key once, the last time it is written, and "
                          "not inside another value", indented=False), None


def _unread_block_problem(block: UnreadBlock, key: str, where: str) -> Diagnostic | None:
    """A warning for a closed `---` block of `key: value` lines that is shown as text because of
    what comes before it or separates its lines; a rule around a paragraph is no frontmatter."""
    if not block.looks_like_frontmatter():
        return None
    if block.toml:
        return Diagnostic(key, block.fence_line, "warning", "frontmatter-toml",
                          f"the `+++` block at the top of the note is not read as frontmatter: {where}; "
                          "it is shown as text", "write it as YAML (`key: value` lines) between `---` lines")
    if block.odd_break is not None:
        return Diagnostic(key, block.fence_line, "warning", "frontmatter-line-breaks",
                          f"the `---` block at the top of the note is not read as frontmatter: {where}; "
                          "it is shown as text", "re-save the note with ordinary line breaks")
    return Diagnostic(key, block.fence_line, "warning", "frontmatter-not-first-line",
                      "frontmatter must start on the first line: the `---` block on line "
                      f"{block.fence_line} is not read as frontmatter; it is shown as text",
                      "remove what comes before the first `---` (blank lines, spaces, invisible characters)")


def _without_liquid(body: str, tokens: list[Token], structure: Structure,
                    body_line: int, outline: bool) -> tuple[str, list[Token], Structure]:
    """The note with Jekyll's `{{ site.baseurl }}` in link addresses as the vault's root
    (`markdown.jekyll`), parsed again when that changed it."""
    unwrapped = without_liquid_addresses(body, structure.code_lines)
    if unwrapped == body:
        return body, tokens, structure
    tokens = make_parser(outline).parse(unwrapped)
    return unwrapped, tokens, extract_structure(tokens, body_line)


def _without_comments(body: str, tokens: list[Token], structure: Structure,
                      body_line: int, outline: bool) -> tuple[str, list[Token], Structure]:
    """The note with its `%%comments%%` blanked (lines kept), parsed again: what is in a comment
    is private, so it is neither a link, a tag, an entry nor text on the page. Finding comments
    needs the first parse, to leave `%%` in code alone."""
    lines = body.split("\n")
    kept = strip_comments(lines, structure.code_lines)
    if kept == lines:
        return body, tokens, structure
    body = "\n".join(kept)
    tokens = make_parser(outline).parse(body)
    return body, tokens, extract_structure(tokens, body_line)


def _too_large(key: str, what: str) -> Diagnostic:
    return Diagnostic(key, 1, "error", "note-too-large", f"{key} {what}; it is not published",
                      "split it into smaller notes")


def read_file(file: VaultFile) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return file.path.read_bytes(), []
    except OSError as error:
        return None, [Diagnostic(file.key, 1, "error", "unreadable",
                                 f"{file.key} cannot be read: {error.strerror or error}",
                                 "check the file's permissions")]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading keeps every note and drops every token list: millions of objects, none in a cycle.
    Python's cyclic collector would re-scan the growing set of kept notes again and again (the
    cost grows with the square of the vault); it runs once, after loading, instead. Reading a
    reference library (thousands of entries kept) and building the graph (`papernotes.publish`)
    are the same kind of work and pause it too."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_files(files: Iterable[VaultFile], cache: NoteCache | None = None,
               side: SideWork | None = None) -> tuple[list[Note], list[str], list[Diagnostic]]:
    attachments: list[str] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    found: list[tuple[Note | None, list[Diagnostic]] | _Pending] = []
    with collector_paused():
        for file in files:
            if not is_note_path(file.key):
                attachments.append(file.key)
                continue
            seen.add(file.key)
            found.append(cache.check(file) if cache is not None else _Pending(file, None, 0, None))
        pending = [item for item in found if isinstance(item, _Pending)]
        jobs = [(item.file.key, str(item.file.path), item.known, item.file.outline) for item in pending]
        note_results, side_results = parse_files_beside(jobs, side.jobs(attachments) if side is not None else ())
        if side is not None and side_results is not None:
            side.done(side_results)
        parsed = iter(note_results)
        notes: list[Note] = []
        for item in found:
            if isinstance(item, _Pending):
                result = next(parsed)
                item = cache.store(item, result) if cache is not None else (result.note, result.problems)
            note, note_problems = item
            problems += note_problems
            if note is not None:
                notes.append(note)
    if cache is not None:
        for gone in set(cache.entries) - seen:
            del cache.entries[gone]
    return notes, attachments, problems


def load_vault(root: Path | str, exclude: Sequence[str] = (), cache: NoteCache | None = None,
               side: SideWork | None = None) -> Vault:
    """Load every note of a vault; problems are returned, never raised.

    With a `cache` (kept by the caller between builds), unchanged notes are not parsed again.
    `side`: work done meanwhile when the notes are parsed in two processes (see `parse_files`)."""
    root = Path(root)
    if not root.is_dir():
        problem = Diagnostic(str(root), 1, "error", "no-vault", f"{root} is not a folder",
                             "pass the folder that holds your notes")
        return Vault(root, (), (), (problem,))
    files, problems = walk_vault(root, exclude)
    if cache is not None:
        cache.parsed = []
    notes, attachments, load_problems = load_files(files, cache, side)
    return Vault(root, tuple(notes), tuple(attachments), tuple(problems + load_problems))


__all__ = ["NoteCache", "SideJob", "SideWork", "Vault", "VaultFile", "collector_paused", "load_note", "load_vault",
           "tool_folders", "walk_vault"]
