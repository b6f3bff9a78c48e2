"""When a note changed and when a paper was read: frontmatter first, then the vault's git history
(one `git log` for the whole vault), then the file's modification time."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from papernotes.model import Note

DONE_RE = re.compile(r"✅\s*(\d{4}-\d{2}-\d{2})")  # Obsidian Tasks' done date
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
READ_KEYS = ("read", "date read", "date-read", "date_read", "read date", "read_date", "dateread", "readdate")
UPDATED_KEYS = ("updated", "modified", "date modified", "date-modified", "last modified", "lastmod", "mtime")
GIT_TIMEOUT = 60


def parse_date(value: object) -> dt.date | None:
    """`2024-05-01`, `2024-05-01T10:00`, a date object; anything else (`true`, `soon`) is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def frontmatter_date(note: Note, keys: Iterable[str]) -> dt.date | None:
    by_key = {str(key).strip().casefold(): value for key, value in note.frontmatter.items()}
    for key in keys:
        found = parse_date(by_key.get(key))
        if found:
            return found
    return None


def done_date(text: str) -> dt.date | None:
    match = DONE_RE.search(text)
    return parse_date(match.group(1)) if match else None


def git_dates(root: Path) -> dict[str, dt.datetime]:
    """The last commit time of every file of the vault, by vault path, from one `git log`;
    empty when the vault is not in a git repository (or git is missing)."""
    def git(*args: str) -> str:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                encoding="utf-8", errors="replace", timeout=GIT_TIMEOUT, check=False)
        if result.returncode != 0:
            raise OSError(result.stderr)
        return result.stdout

    try:
        prefix = git("rev-parse", "--show-prefix").strip()
        log = git("-c", "core.quotepath=off", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = dt.datetime.fromtimestamp(int(line[1:]), dt.UTC)
        elif line and when is not None and line.startswith(prefix):
            found.setdefault(line[len(prefix):], when)  # newest first: the first time seen is the last change
    return found


def file_time(root: Path, key: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(os.stat(os.path.join(root, key)).st_mtime, dt.UTC).replace(microsecond=0)
    except OSError:
        return None


def updated(note: Note, root: Path | None, git: Mapping[str, dt.datetime]) -> tuple[dt.datetime, str] | None:
    """When a note last changed, and where that came from (`frontmatter`, `git`, `file`)."""
    day = frontmatter_date(note, UPDATED_KEYS) or parse_date(note.meta.updated)
    if day:
        return dt.datetime.combine(day, dt.time(), dt.UTC), "frontmatter"
    if note.path in git:
        return git[note.path], "git"
    if root is not None:
        found = file_time(root, note.path)
        if found:
            return found, "file"
    day = parse_date(note.meta.date) or parse_date(note.meta.created)
    return (dt.datetime.combine(day, dt.time(), dt.UTC), "frontmatter") if day else None
