"""Freed memory given back to the system: glibc keeps what Python frees for later allocations, so
a process's resident size stays at its peak unless it is asked to trim its heap."""

from __future__ import annotations

import ctypes
import sys


def give_back() -> None:
    """Return the free parts of the C heap to the system (`malloc_trim`; a no-op off glibc)."""
    if sys.platform.startswith("linux"):  # pragma: no branch  (the suite runs on Linux)
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # pragma: no cover  (a libc without malloc_trim: musl)
            pass
