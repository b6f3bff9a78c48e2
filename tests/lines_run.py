"""How many lines of papernotes' own code a call runs: a count of work that does not depend on the
machine, for tests that a pass is linear (a loop inside a loop over the input shows as a count
that grows with the square of the input). Work done inside one C call (`x in some_list`) is one
line, so this finds loops written in Python, not every quadratic operation."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import papernotes

_SOURCE = str(Path(papernotes.__file__).parent)


def lines_run(function: Callable[..., Any], *args: Any) -> tuple[Any, int]:
    """(what function(*args) returns, the lines of src/papernotes it ran)."""
    count = 0

    def trace(frame: FrameType, event: str, _arg: object) -> Callable[..., Any] | None:
        nonlocal count
        if not frame.f_code.co_filename.startswith(_SOURCE):
            return None
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()  # coverage's tracer, when the suite runs under coverage
    sys.settrace(trace)
    try:
        result = function(*args)
    finally:
        sys.settrace(previous)
    return result, count
