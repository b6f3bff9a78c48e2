"""Every regular expression compiled in `src/papernotes`, and inputs made to slow each one down."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import papernotes

_META = set("\\^$.|?*+()[]{}")
_NAME_LISTS = ("Ab, C. ", "Ab C. and ", "Ab, Cd & ", "A. B. ")
_COMMON = " a1\n\t-:[]()*`<>=#/.,|!%^~_\"'$@&;ab？。《》扩"


def compiled_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(module.name, pattern) for each module-level compiled pattern of the package."""
    found: list[tuple[str, re.Pattern[str]]] = []
    for module_info in pkgutil.walk_packages(papernotes.__path__, "papernotes."):
        if module_info.name.endswith(("__main__", "plugin", "config", "site_files", "incremental")):
            continue  # the command line, and MkDocs glue (its one pattern is a character class)
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{module_info.name}.{name}", value))
            elif isinstance(value, dict):
                found += [(f"{module_info.name}.{name}[{key}]", item) for key, item in value.items()
                          if isinstance(item, re.Pattern) and isinstance(item.pattern, str)]
    return found


def hostile_inputs(pattern: re.Pattern[str], length: int) -> Iterator[str]:
    """Long runs of the pattern's own literal characters, alone, in pairs and around a near miss:
    where a backtracking regex goes quadratic or worse."""
    own = sorted({char for char in pattern.pattern if char not in _META and char.isprintable()} | set(_COMMON))
    for char in own:
        yield char * length
        yield "a" + char * length + "\x00"
    for first, second in zip(own, own[1:] + own[:1], strict=True):
        yield (first + second) * (length // 2)
    for unit in _NAME_LISTS:  # `Obi, A., Tran, B., ...`: where optional blanks and marks overlap
        yield unit * (length // len(unit)) + "x"
    words = re.findall(r"[A-Za-z]{2,}", pattern.pattern)
    for word in words[:8]:
        yield (word + " ") * (length // (len(word) + 1))
        yield (word + ":") * (length // (len(word) + 1))
