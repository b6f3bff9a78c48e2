"""Where two things would be written to the same place in the site folder, found before anything
is written: a note named `sitemap.xml.md` (its page is `sitemap.xml/index.html`, where MkDocs
writes the file `sitemap.xml`), `a.md` and `a/index.md`, `A.md` and `a.md` (one file on macOS
and Windows; `paths.fold_on_disk`), a note inside `pagefind/`, a vault file where a page goes...

Each output has an owner; the first by `(owner, preference, path)` keeps its place, every later
one that collides with it is left out, with a warning at its file saying what it collides with.
The site's own files come first (the site must work), then notes, papernotes' generated pages,
and the vault's other files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from papernotes.diagnostics import Diagnostic
from papernotes.paths import fold_on_disk

Owner = Literal["site", "note", "generated", "attachment"]
_OWNER_ORDER: dict[Owner, int] = {"site": 0, "note": 1, "generated": 2, "attachment": 3}


@dataclass(frozen=True, slots=True)
class Output:
    """Something written into the site folder. `dest` ends with `/` for a folder the site owns
    whole (`pagefind/`); `what` names it in messages (`MkDocs' sitemap`, a note's path)."""

    src: str
    dest: str
    owner: Owner
    what: str = ""
    preference: int = 0
    """Among outputs of one owner, lower wins (MkDocs keeps `index.md` over `README.md`, `.md`
    over `.markdown`)."""

    def order(self) -> tuple[int, int, str]:
        return (_OWNER_ORDER[self.owner], self.preference, self.src)

    def name(self) -> str:
        if self.what:
            return self.what
        return f"the page of {self.src}" if self.owner == "note" else f"the file {self.src}"


@dataclass(frozen=True, slots=True)
class Collision:
    loser: Output
    winner: Output
    how: str
    """`same`: both at one path; `inside`: the loser is inside a folder the winner owns whole;
    `over`: the loser needs a folder where the winner is a file; `under`: the loser is a file
    where the winner needs a folder."""


MAX_NAME_BYTES = 255
"""The longest file or folder name most file systems take."""


def too_long(outputs: Iterable[Output]) -> list[Output]:
    """Outputs with a file or folder name the file system would refuse (`a.html` for a note
    whose name is already 253 bytes long, when MkDocs writes pages without directory URLs)."""
    return [output for output in outputs
            if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in output.dest.split("/"))]


def too_long_diagnostic(output: Output) -> Diagnostic:
    return Diagnostic(output.src, 0, "warning", "output-name-too-long",
                      f"this {'note' if output.owner == 'note' else 'file'} would be written to a file name longer "
                      f"than {MAX_NAME_BYTES} bytes ({output.dest.rsplit('/', 1)[-1][:40]}...); "
                      "it is left out of the site", "give it a shorter name")


T = TypeVar("T")


@dataclass
class KeptAnswers:
    """Under `mkdocs serve`, the last answer to each question about the site's outputs (what
    collides, which names are not portable), given again while the outputs asked about are equal:
    a rebuild that adds, removes or renames no file asks about the same ones. Finding them again
    was ~12 % of a rebuild with nothing changed at 5,000 notes (profiled)."""

    answers: dict[str, tuple[object, object]] = field(default_factory=dict)
    made: int = 0
    """How many answers were made, not given again (tests)."""

    def answer(self, question: str, asked: object, make: Callable[[], T]) -> T:
        """`make()`, or its answer from the last time `question` was asked about equal `asked`."""
        kept = self.answers.get(question)
        if kept is not None and kept[0] == asked:
            return kept[1]  # type: ignore[return-value]
        found = make()
        self.answers[question] = (asked, found)
        self.made += 1
        return found


def _folders(path: str) -> list[str]:
    """`a/b/c.html` -> [`a`, `a/b`]."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: index + 1]) for index in range(len(parts))]


def find_collisions(outputs: Iterable[Output]) -> list[Collision]:
    """Every output that cannot be written because an earlier one (by `Output.order`) is there,
    in linear time: each path is looked up with its folders."""
    files: dict[str, Output] = {}
    folders: dict[str, Output] = {}
    owned: dict[str, Output] = {}  # folders owned whole, without the trailing `/`
    found: list[Collision] = []
    for output in sorted(outputs, key=Output.order):
        dest = fold_on_disk(output.dest)
        collision = _collision(output, dest, files, folders, owned)
        if collision is not None:
            found.append(collision)
            continue
        if dest.endswith("/"):
            owned[dest.rstrip("/")] = output
        else:
            files[dest] = output
        for folder in _folders(dest.rstrip("/")):
            folders.setdefault(folder, output)
    return found


def _collision(output: Output, dest: str, files: dict[str, Output], folders: dict[str, Output],
               owned: dict[str, Output]) -> Collision | None:
    path = dest.rstrip("/")
    for folder in (*_folders(path), path):
        if folder in owned:
            return Collision(output, owned[folder], "inside")
        if folder in files and folder != path:
            return Collision(output, files[folder], "over")
    if path in files:
        return Collision(output, files[path], "same")
    if path in folders:
        return Collision(output, folders[path], "under")
    return None


def _where(collision: Collision) -> str:
    loser, winner = collision.loser, collision.winner
    return {
        "same": f"{loser.dest}, where {winner.name()} goes",
        "inside": f"{loser.dest}, inside {winner.dest.rstrip('/')}/, the folder of {winner.name()}",
        "over": f"{loser.dest}, which needs a folder where {winner.name()} is the file {winner.dest}",
        "under": f"{loser.dest}, a folder {winner.name()} needs for {winner.dest}",
    }[collision.how]


def diagnostic(collision: Collision) -> Diagnostic:
    """The warning for a collision, at the file left out (for a generated page: at the note or
    file that takes its place)."""
    loser, winner = collision.loser, collision.winner
    if loser.owner == "generated":
        return Diagnostic(winner.src if winner.owner in ("note", "attachment") else loser.src, 0, "warning",
                          "output-collision", f"papernotes' generated page {loser.name()} would be written to "
                          f"{_where(collision)}; the generated page is left out of the site",
                          "rename this file if you want the generated page")
    subject = "note" if loser.owner == "note" else "file"
    hint = ("rename one of the two notes" if winner.owner == "note" and loser.owner == "note"
            else f"rename the {subject}: the site needs that path")
    return Diagnostic(loser.src, 0, "warning", "output-collision",
                      f"this {subject} would be written to {_where(collision)}; that is kept and this "
                      f"{subject} is left out of the site", hint)
