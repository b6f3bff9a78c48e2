"""Problems found in a vault, as data: returned by the core, printed or logged by its callers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]

LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file: `path:line: level: message` plus a hint on what to do.

    `path` is relative to the vault; `line` is 1-based in the file as written (frontmatter
    included), or 0 when the problem concerns the whole file.
    """

    path: str
    line: int
    level: Level
    code: str
    message: str
    hint: str = ""

    def format(self, *, with_level: bool = True) -> str:
        """`path:line: level: message (hint)`; loggers that print the level leave it out."""
        level = f"{self.level}: " if with_level else ""
        text = f"{self.path}:{self.line}: {level}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, str, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.code, diagnostic.message)


def count_by_level(diagnostics: list[Diagnostic]) -> dict[Level, int]:
    counts: dict[Level, int] = {level: 0 for level in LEVELS}
    for diagnostic in diagnostics:
        counts[diagnostic.level] += 1
    return counts
