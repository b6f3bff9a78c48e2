"""Under CI a missing prerequisite (seeds, Playwright, Chromium) fails the test instead of skipping it."""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """`CI` set to anything but empty, `0` or `false` (CI services set `CI=true`)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def skip_or_fail(reason: str, *, allow_module_level: bool = False) -> NoReturn:
    """Skip on a developer's machine; under CI, where everything must run, fail with the same reason."""
    if in_ci():
        pytest.fail(f"CI is set, so this is a failure, not a skip: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=allow_module_level)


def import_playwright(*, allow_module_level: bool = False) -> ModuleType:
    """`playwright.sync_api`, skipped (failed under CI) where Playwright is not installed."""
    try:
        return importlib.import_module("playwright.sync_api")
    except ImportError as error:
        skip_or_fail(f"Playwright is not installed ({error}): pip install -e '.[test]'",
                     allow_module_level=allow_module_level)
