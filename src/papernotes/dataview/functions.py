"""The function library: Dataview's functions (`contains(a, b)`) and Bases methods (`a.contains(b)`)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from papernotes.dataview.errors import EvalError, Unsupported
from papernotes.dataview.values import Link, Value, compare, equals, parse_date, to_text, truthy, type_name
from papernotes.paths import fold as fold_name

Function = Callable[..., Value]
_DURATION_RE = re.compile(r"(?<![\d.])(-?\d++(?:\.\d++)?)\s*+([a-zA-Z]++)")
_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60, "minute": 60,
    "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "d": 86400,
    "day": 86400, "days": 86400, "w": 604800, "wk": 604800, "wks": 604800, "week": 604800,
    "weeks": 604800, "mo": 2592000, "month": 2592000, "months": 2592000, "y": 31536000, "yr": 31536000,
    "yrs": 31536000, "year": 31536000, "years": 31536000,
}


def parse_duration(text: str) -> dt.timedelta | None:
    """`3 days`, `1 year 2 months`, `2h` -> a duration (months as 30 days, years as 365)."""
    text = text.strip().lower().replace(",", " ")
    matches = list(_DURATION_RE.finditer(text))
    if not matches or "".join(m.group() for m in matches).replace(" ", "") != text.replace(" ", ""):
        return None
    seconds = 0.0
    for match in matches:
        unit = _UNITS.get(match.group(2))
        if unit is None:
            return None
        seconds += float(match.group(1)) * unit
    return dt.timedelta(seconds=seconds)


def _date_word(word: str, today: dt.date) -> dt.date | dt.datetime | None:
    word = word.strip().lower()
    if word == "now":
        return dt.datetime.combine(today, dt.time())
    shifts = {"today": today, "yesterday": today - dt.timedelta(days=1), "tomorrow": today + dt.timedelta(days=1),
              "sow": today - dt.timedelta(days=today.weekday()),
              "eow": today + dt.timedelta(days=6 - today.weekday()),
              "som": today.replace(day=1), "soy": today.replace(month=1, day=1), "eoy": today.replace(month=12, day=31)}
    if word == "eom":
        next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return next_month - dt.timedelta(days=1)
    return shifts.get(word)


def to_date(value: Value, today: dt.date) -> Value:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, Link):
        return parse_date(value.name) if parse_date(value.name) else None
    if isinstance(value, str):
        found = _date_word(value, today) or parse_date(value)
        if found is None:
            raise EvalError(f"date({value!r}): not a date (write 2023-05-01, or today, now, sow, eom ...)")
        return found
    raise EvalError(f"date() cannot read a {type_name(value)}")


def to_duration(value: Value) -> Value:
    if value is None or isinstance(value, dt.timedelta):
        return value
    found = parse_duration(str(value))
    if found is None:
        raise EvalError(f"dur({to_text(value)!r}): not a duration (write 3 days, 1 month, 2 hours ...)")
    return found


def contains(haystack: Value, needle: Value, *, fold: bool = False, exact: bool = False) -> bool:
    if haystack is None:
        return False
    if isinstance(haystack, str):
        text = to_text(needle)
        return text.casefold() in haystack.casefold() if fold else text in haystack
    if isinstance(haystack, dict):
        return to_text(needle) in haystack
    if isinstance(haystack, Link):
        return contains(haystack.path, needle, fold=fold)
    if isinstance(haystack, list | tuple):
        if exact or not all(isinstance(item, str) for item in haystack) or not isinstance(needle, str):
            return any(_item_matches(item, needle, fold) for item in haystack)
        return any(contains(item, needle, fold=fold) for item in haystack)
    return equals(haystack, needle)


def _item_matches(item: Value, needle: Value, fold: bool) -> bool:
    if fold and isinstance(item, str) and isinstance(needle, str):
        return item.casefold() == needle.casefold()
    return equals(item, needle)


def length(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, str | list | tuple | dict):
        return len(value)
    return 1


def _number(value: Value) -> Value:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    match = re.search(r"-?\d+(?:\.\d+)?", to_text(value))
    if not match:
        return None
    return float(match.group()) if "." in match.group() else int(match.group())


def _round(value: Value, digits: Value = 0) -> Value:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    places = int(digits or 0)
    result = round(float(value) + 0.0, places)
    return int(result) if places == 0 else result


def _flat(values: Value) -> list[Value]:
    out: list[Value] = []
    for item in _as_list(values):
        out.extend(item if isinstance(item, list) else [item])
    return out


def _as_list(value: Value) -> list[Value]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _numbers(values: tuple[Value, ...]) -> list[Value]:
    items = _as_list(values[0]) if len(values) == 1 else list(values)
    return [item for item in items if item is not None]


def _extreme(values: tuple[Value, ...], sign: int) -> Value:
    items = _numbers(values)
    best = None
    for item in items:
        if best is None or compare(item, best) * sign > 0:
            best = item
    return best


def _sum(values: Value) -> Value:
    items = [v for v in _as_list(values) if isinstance(v, int | float) and not isinstance(v, bool)]
    return sum(items) if items else None


def _average(values: Value) -> Value:
    items = [v for v in _as_list(values) if isinstance(v, int | float) and not isinstance(v, bool)]
    return sum(items) / len(items) if items else None


def _sort(values: Value) -> list[Value]:
    import functools

    return sorted(_as_list(values), key=functools.cmp_to_key(compare))


def _unique(values: Value) -> list[Value]:
    out: list[Value] = []
    for item in _as_list(values):
        if not any(equals(item, seen) for seen in out):
            out.append(item)
    return out


_LUXON = (("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("dd", "%d"),
          ("HH", "%H"), ("mm", "%M"), ("ss", "%S"), ("YYYY", "%Y"), ("DD", "%d"), ("EEEE", "%A"), ("EEE", "%a"))


def format_date(value: Value, pattern: Value = "yyyy-MM-dd") -> Value:
    """Luxon (`yyyy-MM-dd`) and Moment (`YYYY-MM-DD`) patterns, for the common tokens."""
    if not isinstance(value, dt.date):
        return None
    text = str(pattern)
    out, pos = [], 0
    while pos < len(text):
        for token, code in _LUXON:
            if text.startswith(token, pos):
                out.append(value.strftime(code))
                pos += len(token)
                break
        else:
            out.append(text[pos])
            pos += 1
    return "".join(out)


def _to_fixed(value: Value, digits: Value = 0) -> Value:
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        return None
    return f"{value:.{int(digits or 0)}f}"


def _truncate(text: Value, size: Value, suffix: Value = "...") -> Value:
    text = to_text(text)
    size = int(size or 0)
    return text if len(text) <= size else text[: max(0, size - len(str(suffix)))] + str(suffix)


def _title(text: Value) -> Value:
    return " ".join(word[:1].upper() + word[1:] for word in to_text(text).split(" "))


def _regex(pattern: Value) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern))
    except re.error as error:
        raise EvalError(f"bad regular expression {pattern!r}: {error}") from None


def _has_tag(file: Value, *tags: Value) -> bool:
    mine = {t.casefold().lstrip("#") for t in _as_list(_get(file, "tags"))}
    return any(str(tag).casefold().lstrip("#") in mine for tag in tags)


def _in_folder(file: Value, folder: Value) -> bool:
    wanted = fold_name(str(folder).strip("/"))  # a folder macOS named in NFD is the name typed in NFC
    mine = fold_name(str(_get(file, "folder") or ""))
    return mine == wanted or mine.startswith(wanted + "/") or not wanted


def _has_link(file: Value, target: Value) -> bool:
    name = target.name if isinstance(target, Link) else str(target)
    return any(equals(link, name) or equals(link, target) for link in _as_list(_get(file, "outlinks")))


def _has_property(file: Value, name: Value) -> bool:
    from papernotes.dataview.values import canonical_key

    front = _get(file, "frontmatter") or {}
    return canonical_key(str(name)) in {canonical_key(str(k)) for k in front}


def _get(obj: Value, name: str) -> Value:
    return obj.get(name) if isinstance(obj, dict) else None


def _choice(condition: Value, yes: Value, no: Value = None) -> Value:
    return yes if truthy(condition) else no


FUNCTIONS: dict[str, Function] = {
    "contains": contains,
    "icontains": lambda h, n: contains(h, n, fold=True),
    "econtains": lambda h, n: contains(h, n, exact=True),
    "containsword": lambda h, n: bool(re.search(r"\b" + re.escape(to_text(n)) + r"\b", to_text(h), re.I)),
    "length": length,
    "lower": lambda s: to_text(s).lower() if s is not None else None,
    "upper": lambda s: to_text(s).upper() if s is not None else None,
    "default": lambda value, fallback: fallback if value is None or value == "" else value,
    "number": _number,
    "string": lambda v: to_text(v),
    "list": lambda *items: list(items),
    "array": lambda *items: list(items),
    "round": _round,
    "floor": lambda v: math.floor(v) if isinstance(v, int | float) else None,
    "ceil": lambda v: math.ceil(v) if isinstance(v, int | float) else None,
    "abs": lambda v: abs(v) if isinstance(v, int | float) else None,
    "min": lambda *v: _extreme(v, -1),
    "max": lambda *v: _extreme(v, 1),
    "sum": _sum,
    "average": _average,
    "join": lambda values, sep=", ": str(sep).join(to_text(v) for v in _as_list(values)),
    "split": lambda text, sep: to_text(text).split(str(sep)) if text is not None else [],
    "replace": lambda text, old, new: to_text(text).replace(str(old), str(new)) if text is not None else None,
    "startswith": lambda text, prefix: to_text(text).startswith(to_text(prefix)),
    "endswith": lambda text, suffix: to_text(text).endswith(to_text(suffix)),
    "regextest": lambda pattern, text: bool(_regex(pattern).search(to_text(text))),
    "regexmatch": lambda pattern, text: bool(_regex(pattern).fullmatch(to_text(text))),
    "regexreplace": lambda text, pattern, new: _regex(pattern).sub(str(new), to_text(text)),
    "choice": _choice,
    "if": _choice,
    "nonnull": lambda *v: [x for x in _numbers(v)],
    "any": lambda *v: any(truthy(x) for x in (_as_list(v[0]) if len(v) == 1 else v)),
    "all": lambda *v: all(truthy(x) for x in (_as_list(v[0]) if len(v) == 1 else v)),
    "none": lambda *v: not any(truthy(x) for x in (_as_list(v[0]) if len(v) == 1 else v)),
    "sort": _sort,
    "reverse": lambda v: list(reversed(_as_list(v))),
    "flat": _flat,
    "unique": _unique,
    "dateformat": format_date,
    "typeof": type_name,
    "truncate": _truncate,
    "padleft": lambda text, size, pad=" ": to_text(text).rjust(int(size), str(pad)[:1] or " "),
    "padright": lambda text, size, pad=" ": to_text(text).ljust(int(size), str(pad)[:1] or " "),
    "substring": lambda text, start, end=None: to_text(text)[int(start): None if end is None else int(end)],
    "striptime": lambda v: v.date() if isinstance(v, dt.datetime) else v,
}

# Bases methods: `value.name(args)` calls the function with the value first.
METHODS: dict[str, Function] = {
    "contains": contains,
    "containsall": lambda h, *n: all(contains(h, x) for x in n),
    "containsany": lambda h, *n: any(contains(h, x) for x in n),
    "startswith": FUNCTIONS["startswith"],
    "endswith": FUNCTIONS["endswith"],
    "lower": FUNCTIONS["lower"],
    "upper": FUNCTIONS["upper"],
    "title": _title,
    "trim": lambda s: to_text(s).strip(),
    "replace": FUNCTIONS["replace"],
    "split": FUNCTIONS["split"],
    "slice": lambda v, start, end=None: v[int(start): None if end is None else int(end)] if v is not None else None,
    "tofixed": _to_fixed,
    "round": _round,
    "floor": FUNCTIONS["floor"],
    "ceil": FUNCTIONS["ceil"],
    "abs": FUNCTIONS["abs"],
    "isempty": lambda v: not truthy(v) and v is not False and v != 0,
    "istruthy": truthy,
    "join": FUNCTIONS["join"],
    "unique": _unique,
    "sort": _sort,
    "reverse": FUNCTIONS["reverse"],
    "flat": _flat,
    "tostring": FUNCTIONS["string"],
    "format": format_date,
    "date": lambda v: v.date() if isinstance(v, dt.datetime) else v,
    "hastag": _has_tag,
    "infolder": _in_folder,
    "haslink": _has_link,
    "hasproperty": _has_property,
    "aslink": lambda file, display="": Link(str(_get(file, "path")), str(display)) if isinstance(file, dict) else file,
    "mean": _average,
    "sum": _sum,
    "min": lambda v: _extreme((v,), -1),
    "max": lambda v: _extreme((v,), 1),
    "length": length,
}


def call(table: dict[str, Function], name: str, args: list[Value], kind: str) -> Value:
    function = table.get(name.lower())
    if function is None:
        raise Unsupported(f"the {kind} {name}()", "see the README for the supported functions")
    try:
        return function(*args)
    except TypeError:
        raise EvalError(f"{name}() does not take {len(args)} argument(s) like these") from None
    except (ValueError, OverflowError, AttributeError, IndexError) as error:
        raise EvalError(f"{name}(): {error}") from None
