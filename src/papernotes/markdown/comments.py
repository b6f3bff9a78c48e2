"""Obsidian `%%comments%%`: hidden in Obsidian's reading view, so never published."""

from __future__ import annotations

import re
from collections.abc import Set

# A code span opens with a whole run of backticks and closes with a run of the same length: matched
# from a run's start only, so a long run of backticks is not tried at each of its positions.
_CODE_SPAN_RE = re.compile(r"(?<!`)(`++)[^`]*+\1(?!`)")


def strip_comments(lines: list[str], code: Set[int]) -> list[str]:
    """Obsidian `%%comments%%` removed (also across lines); the line count is kept."""
    out: list[str] = []
    inside = False
    for index, line in enumerate(lines):
        if index in code or ("%%" not in line and not inside):
            out.append(line if not inside or index in code else "")
            continue
        kept, inside = _strip_line(line, inside)
        out.append(kept)
    return out


def _strip_line(line: str, inside: bool) -> tuple[str, bool]:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN_RE.finditer(line)]
    span = 0  # spans are in order and `at` only grows: one pass over them
    parts: list[str] = []
    pos = 0
    while pos < len(line):
        at = line.find("%%", pos)
        while at >= 0:
            while span < len(spans) and spans[span][1] <= at:
                span += 1
            if span == len(spans) or at < spans[span][0]:
                break
            at = line.find("%%", at + 2)
        if at < 0:
            if not inside:
                parts.append(line[pos:])
            break
        if not inside:
            parts.append(line[pos:at])
        inside = not inside
        pos = at + 2
    return "".join(parts).rstrip() if len(parts) > 0 else "", inside
