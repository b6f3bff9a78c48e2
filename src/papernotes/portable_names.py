"""Output names Windows cannot hold: a site built on Linux with `CON/index.html`, `aux.png` or
`a:b/index.html` in it fails to check out, unpack or serve on Windows (and in OneDrive, Dropbox
or a Git client there). Such a note or file is still published, with a warning naming it and
what to rename: renaming the output would break the links and URLs it has on every other system.
papernotes' own pages never need the warning: a topic, author or venue slug Windows refuses is
given another (`paths.unique_slugs`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from papernotes.collisions import Output
from papernotes.diagnostics import Diagnostic
from papernotes.paths import is_windows_device_name

_FORBIDDEN_RE = re.compile(r'[<>:"\\|?*\x00-\x1f]')


def windows_problem(name: str) -> str | None:
    """Why Windows refuses one file or folder name, or None."""
    if is_windows_device_name(name):
        device = name.split(".", 1)[0]
        return f"`{device}` is a device name Windows reserves" + (f" (`{name}` too)" if name != device else "")
    forbidden = _FORBIDDEN_RE.search(name)
    if forbidden is not None:
        char = forbidden.group()
        return f"Windows allows no {repr(char) if char < ' ' else '`' + char + '`'} in a name (`{name}`)"
    if name.endswith((".", " ")):
        return f"Windows drops the trailing {'dot' if name.endswith('.') else 'space'} of `{name}`"
    return None


def not_portable(outputs: Iterable[Output]) -> list[Diagnostic]:
    """A warning at each note or vault file whose output path has a part Windows refuses."""
    found = []
    for output in outputs:
        for part in output.dest.rstrip("/").split("/"):
            problem = windows_problem(part)
            if problem is not None:
                found.append(_diagnostic(output, part, problem))
                break
    return found


def _diagnostic(output: Output, part: str, problem: str) -> Diagnostic:
    subject = "note" if output.owner == "note" else "file"
    return Diagnostic(output.src, 0, "warning", "output-name-not-portable",
                      f"this {subject} is published as {output.dest}, but {problem}: the site cannot be "
                      "checked out, copied or served on Windows",
                      f"rename the {subject} (e.g. `{_suggest(part)}`) if the site may go to Windows")


def _suggest(part: str) -> str:
    stem, dot, suffix = part.partition(".")
    if is_windows_device_name(part):
        return f"{stem} note{dot}{suffix}"
    return _FORBIDDEN_RE.sub("-", part).rstrip(". ") or "-"
