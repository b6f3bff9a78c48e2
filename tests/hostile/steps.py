"""Counts the steps a backtracking search takes, deterministically, by walking the pattern as
Python's `re` parses it and trying the alternatives in the order `re` tries them. `re` has no
step counter, and a timed search fails on a busy machine: this count does not depend on the
machine, so a search whose work grows faster than its input is found by comparing two sizes.

Single characters, anchors and word boundaries are decided by `re` itself (each compiled alone),
so their meaning is exactly `re`'s; only the order of the search is modelled here."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from re import _compiler, _parser  # type: ignore[attr-defined]

Continuation = Callable[[int], bool]

_ONE_CHAR = {_parser.LITERAL, _parser.NOT_LITERAL, _parser.ANY, _parser.IN}
_REPEATS = {_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT}


class TooManySteps(Exception):
    """The search went past its allowance: it is at least that slow."""


@dataclass
class StepCounter:
    """One pattern's search, step by step; `search(text)` returns the steps it took."""

    pattern: re.Pattern[str]
    limit: int = 50_000_000
    steps: int = 0
    _text: str = ""
    _atoms: dict[int, re.Pattern[str]] = field(default_factory=dict)
    _groups: dict[int, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._tree = _parser.parse(self.pattern.pattern, self.pattern.flags)
        self._flags = self.pattern.flags | self._tree.state.flags

    def search(self, text: str) -> int:
        self.steps, self._text, self._groups = 0, text, {}
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 40 * len(text) + 1_000))
        try:
            for start in range(len(text) + 1):
                self._step()
                if self._seq(list(self._tree), 0, start, lambda _end: True):
                    break
        finally:
            sys.setrecursionlimit(limit)
        return self.steps

    def _step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limit:
            raise TooManySteps(self.steps)

    def _alone(self, node: tuple[object, object]) -> re.Pattern[str]:
        """The node compiled on its own, so `re` decides what it matches."""
        found = self._atoms.get(id(node))
        if found is None:
            state = _parser.State()
            state.flags = self._flags
            found = _compiler.compile(_parser.SubPattern(state, [node]), self._flags)
            self._atoms[id(node)] = found
        return found

    def _run(self, node: tuple[object, object], pos: int, most: int) -> int:
        """How many characters from pos the one-character node matches in a row (at most `most`)."""
        count, text, atom = 0, self._text, self._alone(node)
        while count < most and pos + count < len(text) and atom.match(text, pos + count, pos + count + 1):
            count += 1
        self._step(count + 1)
        return count

    def _seq(self, items: list[tuple[object, object]], index: int, pos: int, then: Continuation) -> bool:
        if index == len(items):
            return then(pos)
        self._step()
        op, av = items[index]
        rest: Continuation = lambda end: self._seq(items, index + 1, end, then)  # noqa: E731
        if op in _ONE_CHAR:
            return self._run(items[index], pos, 1) == 1 and rest(pos + 1)
        if op is _parser.AT:
            return self._alone(items[index]).match(self._text, pos) is not None and rest(pos)
        if op is _parser.SUBPATTERN:
            return self._group(av, pos, rest)
        if op is _parser.BRANCH:
            return any(self._seq(list(branch), 0, pos, rest) for branch in av[1])
        if op in _REPEATS:
            return self._repeat(op, av, pos, rest)
        if op in (_parser.ASSERT, _parser.ASSERT_NOT):
            return self._assert(op is _parser.ASSERT, av, pos, rest)
        if op is _parser.ATOMIC_GROUP:
            end = self._first_end(list(av), pos)
            return end is not None and rest(end)
        if op is _parser.GROUPREF:
            return self._backreference(av, pos, rest)
        raise NotImplementedError(f"{op} is not modelled: add it to tests/hostile/steps.py")

    def _group(self, av: tuple[object, ...], pos: int, rest: Continuation) -> bool:
        number, sub = av[0], list(av[3])

        def close(end: int) -> bool:
            before = self._groups.get(number) if isinstance(number, int) else None
            if isinstance(number, int):
                self._groups[number] = (pos, end)
            if rest(end):
                return True
            if isinstance(number, int):
                if before is None:
                    self._groups.pop(number, None)
                else:
                    self._groups[number] = before
            return False

        return self._seq(sub, 0, pos, close)

    def _first_end(self, items: list[tuple[object, object]], pos: int) -> int | None:
        found: list[int] = []
        self._seq(items, 0, pos, lambda end: found.append(end) is None)
        return found[0] if found else None

    def _repeat(self, op: object, av: tuple[int, int, object], pos: int, rest: Continuation) -> bool:
        low, high, sub = av[0], av[1], list(av[2])
        if len(sub) == 1 and sub[0][0] in _ONE_CHAR:  # `re`'s REPEAT_ONE: count the run, then back off
            if op is _parser.MIN_REPEAT:
                return self._lazy_run(sub[0], low, high, pos, rest)
            count = self._run(sub[0], pos, high)
            if count < low:
                return False
            if op is _parser.POSSESSIVE_REPEAT:
                return rest(pos + count)
            for taken in range(count, low - 1, -1):
                self._step()
                if rest(pos + taken):
                    return True
            return False
        if op is _parser.POSSESSIVE_REPEAT:
            count, end = 0, pos
            while count < high:
                step = self._first_end(sub, end)
                if step is None or step == end:
                    break
                count, end = count + 1, step
            return count >= low and rest(end)
        greedy = op is _parser.MAX_REPEAT

        def more(count: int, at: int) -> bool:
            self._step()
            enough = count >= low
            if not greedy and enough and rest(at):
                return True
            if count < high and self._seq(sub, 0, at, lambda end: end != at and more(count + 1, end)):
                return True
            return greedy and enough and rest(at)

        return more(0, pos)

    def _lazy_run(self, node: tuple[object, object], low: int, high: int, pos: int, rest: Continuation) -> bool:
        count = self._run(node, pos, low)
        if count < low:
            return False
        while True:
            self._step()
            if rest(pos + count):
                return True
            if count >= high or self._run(node, pos + count, 1) == 0:
                return False
            count += 1

    def _assert(self, positive: bool, av: tuple[int, object], pos: int, rest: Continuation) -> bool:
        direction, sub = av[0], av[1]
        if direction < 0:  # lookbehind: `re` steps back the (fixed) width and matches forward
            width = sub.getwidth()[0]  # type: ignore[attr-defined]
            start = pos - width
            found = start >= 0 and self._seq(list(sub), 0, start, lambda end: end == pos)  # type: ignore[call-overload]
        else:
            found = self._first_end(list(sub), pos) is not None  # type: ignore[call-overload]
        return found == positive and rest(pos)

    def _backreference(self, number: object, pos: int, rest: Continuation) -> bool:
        span = self._groups.get(number)  # type: ignore[arg-type]
        if span is None:
            return False
        captured = self._text[span[0]:span[1]]
        got = self._text[pos:pos + len(captured)]
        self._step(len(captured) + 1)
        same = got.casefold() == captured.casefold() if self._flags & re.IGNORECASE else got == captured
        return same and rest(pos + len(captured))
