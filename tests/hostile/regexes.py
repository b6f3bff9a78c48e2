"""Every regular expression compiled in `src/papernotes`, and inputs made to slow each one down."""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from re import _parser  # type: ignore[attr-defined]

import papernotes
from tests.hostile.steps import StepCounter

_META = set("\\^$.|?*+()[]{}")
_NAME_LISTS = ("Ab, C. ", "Ab C. and ", "Ab, Cd & ", "A. B. ")
CANDIDATES = 4
"""Inputs per pattern whose steps are counted: the ones `re` spends most time on."""
RANKED_AT = 10_000
"""Characters of the inputs `re` is timed on to choose the candidates; the weakest quadratic
pattern src/ had (code spans over a run of backticks) took 3-4 ms there, linear ones at most 0.12 ms."""
STEPS_PER_CHARACTER = 2_000
"""A search taking more steps than this per character of its input is stopped (`TooManySteps`):
the largest bounded repeat in src/ (600) backs off a few steps per character it may take."""
STOP_SECONDS = 1.0
"""A search still running after this much CPU time is stopped: no linear one comes near it."""
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)
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


def step_growth(pattern: re.Pattern[str]) -> list[tuple[str, tuple[int, int]]]:
    """(input, (steps at n, steps at 4n)) for the pattern's slowest hostile inputs.

    The candidates are chosen by `re`'s own CPU time at 10,000 characters: a quadratic input costs
    hundreds of times a linear one there, so a busy machine does not change which are slowest.
    The verdict is the deterministic step count, at sizes past the pattern's largest bounded
    repeat (below it, `x{0,300}` grows like a quadratic and then stops)."""
    timed: list[tuple[float, int]] = []
    for index, text in enumerate(hostile_inputs(pattern, RANKED_AT)):
        timed.append((_search_seconds(pattern, text), index))
        if timed[-1][0] == math.inf:  # stopped: this one is the candidate
            timed = timed[-1:]
            break
    chosen = {index for _, index in sorted(timed, reverse=True)[:CANDIDATES]}
    size = max(200, 2 * _largest_bound(_parser.parse(pattern.pattern, pattern.flags)))
    counter = StepCounter(pattern, limit=STEPS_PER_CHARACTER * 4 * size)
    small = [text for index, text in enumerate(hostile_inputs(pattern, size)) if index in chosen]
    big = [text for index, text in enumerate(hostile_inputs(pattern, 4 * size)) if index in chosen]
    return [(one, (counter.search(one), counter.search(four))) for one, four in zip(small, big, strict=True)]


class _Stopped(Exception):
    pass


def _search_seconds(pattern: re.Pattern[str], text: str) -> float:
    """CPU seconds of one search; an exponential search is stopped (`re` checks for signals as it
    goes) and counts as the slowest of all, for the step count to judge."""
    def stop(_signum: int, _frame: object) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, STOP_SECONDS)
    start = time.process_time()
    try:
        pattern.search(text)
    except _Stopped:
        return math.inf
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    return time.process_time() - start


def _largest_bound(items: _parser.SubPattern) -> int:
    largest = 0
    for op, av in items:
        if op in _REPEATS:
            largest = max(largest, 0 if av[1] == _parser.MAXREPEAT else av[1], _largest_bound(av[2]))
        elif op is _parser.SUBPATTERN:
            largest = max(largest, _largest_bound(av[3]))
        elif op is _parser.BRANCH:
            largest = max([largest, *(_largest_bound(branch) for branch in av[1])])
        elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
            largest = max(largest, _largest_bound(av[1]))
    return largest
