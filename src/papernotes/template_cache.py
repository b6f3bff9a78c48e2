"""Compiled Jinja templates kept between builds, so a clean build does not compile them again.

Every `mkdocs build` compiles Material's templates and papernotes' own (35 at 1,000 notes: ~3 %
of the build's main thread) although they rarely change. Jinja's bytecode cache keeps the
compiled code on disk under a key; Jinja itself keys it by the template's name and file alone and
checks the source's checksum on loading, but what the compiler makes also depends on the
environment: its delimiters and whitespace settings, `autoescape`, `finalize`, its extensions and
policies, and the filters and tests it may call at compile time to fold constants
(`{{ "a" | upper }}` is compiled to `"A"`). Here the key is also a digest of all of those, so a
template compiled under other settings, another filter or another Jinja is compiled afresh.

The code is kept in papernotes' store (`store.cache_folder("templates")`; `PAPERNOTES_CACHE=off`
turns it off) only in a folder that is the user's own and that no one else may write: a loaded
bytecode file is run, so a folder others could plant files in is not used (as Jinja's own
default folder is checked). A file that cannot be read back is compiled again; a folder that
cannot be written leaves the build as it was.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import stat
import sys
import types
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from papernotes.store import cache_folder

_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "is_async", "autoescape", "finalize", "code_generator_class")
_DEPTH = 6  # how deep `described` follows containers, closures and constants


def described(value: object, depth: int = _DEPTH) -> str:
    """A description of `value` that is the same in every process (no addresses): plain values
    by `repr`, functions by their module, name, code, defaults and closure, classes by name,
    other objects by their class."""
    if value is None or isinstance(value, (str, bytes, int, float, bool, complex)):
        return repr(value)
    if depth <= 0:
        return type(value).__qualname__
    inner = depth - 1
    if isinstance(value, (tuple, list, frozenset, set)):
        items = [described(item, inner) for item in value]
        return f"{type(value).__name__}({', '.join(sorted(items) if isinstance(value, (set, frozenset)) else items)})"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{described(k, inner)}: {described(v, inner)}" for k, v in value.items())) + "}"
    if isinstance(value, types.MethodType):
        return f"method({described(value.__func__, inner)}, {_name(type(value.__self__))})"
    if isinstance(value, types.FunctionType):
        closure = tuple(cell.cell_contents for cell in value.__closure__ or () if _filled(cell))
        return (f"function({_name(value)}, {_code(value.__code__)}, {described(value.__defaults__, inner)}, "
                f"{described(value.__kwdefaults__, inner)}, {described(closure, inner)})")
    if isinstance(value, type):
        return f"class({_name(value)})"
    if isinstance(value, functools.partial):
        return f"partial({described((value.func, value.args, value.keywords), inner)})"
    if isinstance(value, types.ModuleType):
        return f"module({value.__name__})"
    if callable(value) and hasattr(value, "__qualname__"):  # a builtin (`str.upper`), or a method of one
        bound = getattr(value, "__self__", None)
        owner = "" if bound is None or isinstance(bound, types.ModuleType) else _name(type(bound))
        return f"builtin({_name(value)}, {getattr(value, '__objclass__', None) or owner})"
    return f"object({_name(type(value))})"


def _name(value: Any) -> str:
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", "")
    return f"{getattr(value, '__module__', None) or ''}.{name}"


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018  (an empty cell raises)
    except ValueError:
        return False
    return True


def _code(code: types.CodeType) -> str:
    consts = ", ".join(_code(const) if isinstance(const, types.CodeType) else described(const, 1)
                       for const in code.co_consts)
    return f"code({code.co_qualname}, {code.co_code.hex()}, {code.co_names}, [{consts}])"


@functools.cache
def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover  (Jinja and MarkupSafe are installed)
        return ""


def environment_signature(environment: jinja2.Environment) -> str:
    """A digest of what decides the code Jinja compiles a template to in `environment`."""
    parts = [f"jinja2 {_version('jinja2')}", f"markupsafe {_version('markupsafe')}", f"python {sys.version_info[:2]}"]
    parts += [f"{setting}={described(getattr(environment, setting, None))}" for setting in _SETTINGS]
    parts.append("extensions=" + described(sorted(_name(type(ext)) for ext in environment.extensions.values())))
    parts += [f"policies={described(environment.policies)}", f"filters={described(environment.filters)}",
              f"tests={described(environment.tests)}"]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache keyed by the environment's signature too (see the module's docstring)."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory, "%s.jinja")
        self._signatures: dict[tuple[Hashable, ...], tuple[list[object], str]] = {}

    def signature(self, environment: jinja2.Environment) -> str:
        """`environment_signature`, described again only when a setting, filter or test changed
        (each template loaded asks; the objects are kept, so their ids stay theirs)."""
        watched: list[object] = [getattr(environment, setting, None) for setting in _SETTINGS]
        watched += [*environment.extensions.values(), *environment.policies.values(),
                    *environment.filters.values(), *environment.tests.values()]
        names = (tuple(environment.extensions), tuple(environment.policies),
                 tuple(environment.filters), tuple(environment.tests))
        fingerprint = (names, tuple(map(id, watched)))
        if fingerprint not in self._signatures:
            self._signatures[fingerprint] = (watched, environment_signature(environment))
        return self._signatures[fingerprint][1]

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        key = hashlib.sha256(f"{self.signature(environment)}|{name}|{filename}".encode("utf-8", "surrogatepass"))
        bucket = Bucket(environment, key.hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (Jinja unpickles its checksum first): compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a folder that cannot be written: the template stays compiled in memory
            pass


def _owned(folder: Path) -> bool:
    """The folder exists (made if not), is a folder, is the user's, and no one else may write it."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=stat.S_IRWXU)
        found = os.lstat(folder)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return stat.S_ISDIR(found.st_mode) and mine and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def template_cache(folder: str | os.PathLike[str] | None = None) -> TemplateCache | None:
    """The cache in `folder`, else in papernotes' store; None when the store is off or the
    folder is not safe to run code from."""
    where = Path(folder) if folder is not None else cache_folder("templates")
    if where is None or not _owned(where):
        return None
    return TemplateCache(str(where))
