"""Query values: links, dates, durations; one total order, equality and text form for all of them."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Value = Any
"""None, bool, int, float, str, Link, date, datetime, timedelta, list or dict (an object)."""

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WIKILINK_RE = re.compile(r"^!?\[\[([^\[\]|#]*)(?:#([^\[\]|]*))?(?:\|([^\[\]]*))?\]\]$")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a note: `path` is the vault key when it resolves, else the target as written."""

    path: str
    display: str = ""
    subpath: str = ""
    resolved: bool = True

    @property
    def name(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name

    def text(self) -> str:
        return self.display or self.name


@lru_cache(maxsize=4096)  # a query reads the same few field names on every row
def canonical_key(name: str) -> str:
    """How field names are compared: case-insensitive, spaces as `-` (`Key Design` -> `key-design`)."""
    return "-".join(name.strip().split()).casefold()


def parse_date(text: str) -> dt.date | dt.datetime | None:
    """`2023-05-01`, `2023-05`, `2023-05-01T10:30` -> a date (or datetime); None when it is not one."""
    text = text.strip()
    if not _ISO_DATE_RE.match(text):
        return None
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return None


def wikilink_parts(text: str) -> tuple[str, str, str] | None:
    """`[[target#sub|display]]` -> (target, subpath, display); None for anything else."""
    match = _WIKILINK_RE.match(text.strip())
    if not match:
        return None
    return match.group(1).strip(), (match.group(2) or "").strip(), (match.group(3) or "").strip()


def parse_text_value(text: str) -> Value:
    """An inline field's text as Dataview reads it: number, boolean, date, or the text itself."""
    stripped = text.strip()
    if _NUMBER_RE.match(stripped):
        return float(stripped) if "." in stripped else int(stripped)
    if stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    date = parse_date(stripped)
    return date if date is not None else stripped


def type_name(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Link):
        return "link"
    if isinstance(value, dt.timedelta):
        return "duration"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list | tuple):
        return "array"
    return "object"


_RANK = {"null": 0, "boolean": 1, "number": 2, "duration": 3, "date": 4, "string": 5, "link": 6,
         "array": 7, "object": 8}


def as_datetime(value: dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)


def order_key(value: Value) -> tuple[Any, ...]:
    """A sort key giving the order `compare` defines, so rows sort by key, not by comparisons
    (NaN, which compares equal to every number, sorts before the other numbers)."""
    kind = type_name(value)
    rank = _RANK[kind]
    if kind == "null":
        return (rank,)
    if kind == "date":
        return (rank, as_datetime(value))  # type: ignore[arg-type]
    if kind == "link":
        return (rank, value.path.casefold(), value.subpath)  # type: ignore[union-attr]
    if kind == "array":
        return (rank, tuple(order_key(item) for item in value))  # type: ignore[union-attr]
    if kind == "object":
        return (rank, tuple(sorted(str(key) for key in value)))  # type: ignore[union-attr]
    if kind == "number" and math.isnan(value):  # type: ignore[arg-type]
        return (rank, -math.inf)
    return (rank, value)


def compare(left: Value, right: Value) -> int:
    """A total order over all values: null first, then by type, then by value (links by path)."""
    lt, rt = type_name(left), type_name(right)
    if lt != rt:
        return (_RANK[lt] > _RANK[rt]) - (_RANK[lt] < _RANK[rt])
    if lt == "null":
        return 0
    if lt == "date":
        left, right = as_datetime(left), as_datetime(right)
    elif lt == "link":
        left, right = (left.path.casefold(), left.subpath), (right.path.casefold(), right.subpath)
    elif lt == "array":
        for a, b in zip(left, right, strict=False):
            found = compare(a, b)
            if found:
                return found
        left, right = len(left), len(right)
    elif lt == "object":
        left, right = sorted(left), sorted(right)
    elif lt == "number" and (math.isnan(left) or math.isnan(right)):
        return 0
    return (left > right) - (left < right)


def equals(left: Value, right: Value) -> bool:
    """Equality as queries mean it: a link equals a link to the same note, or its note's name."""
    if isinstance(left, Link) and isinstance(right, str):
        return right.casefold() in (left.path.casefold(), left.name.casefold())
    if isinstance(right, Link) and isinstance(left, str):
        return equals(right, left)
    return compare(left, right) == 0


def truthy(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    if isinstance(value, dt.timedelta):
        return value.total_seconds() != 0
    return True


def format_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) >= 1e-4 else str(value)
    return str(value)


def format_duration(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
    return sign + (", ".join(parts) or "0 seconds")


def to_text(value: Value) -> str:
    """The plain text of a value, as `string()` gives it and as cells show it before escaping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, Link):
        return value.text()
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return format_duration(value)
    if isinstance(value, list | tuple):
        return ", ".join(to_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {to_text(item)}" for key, item in value.items())
    return str(value)
