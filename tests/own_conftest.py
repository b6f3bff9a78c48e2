"""For tests that run a small pytest project (pytester) under this suite's own conftest.py."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def conftest_files() -> list[str]:
    """conftest.py, the package's __init__.py and the tests' modules conftest.py imports (read from its
    imports, so a module it comes to import is copied too)."""
    tree = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    imported = {node.module.split(".")[1] for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests.")}
    return ["__init__.py", "conftest.py", *sorted(f"{name}.py" for name in imported)]


def project_tests_folder(pytester: pytest.Pytester) -> Path:
    """The project's `tests/` package, holding our conftest.py and the modules it imports."""
    package = pytester.path / "tests"
    package.mkdir()
    for name in conftest_files():
        shutil.copyfile(TESTS / name, package / name)
    return package
