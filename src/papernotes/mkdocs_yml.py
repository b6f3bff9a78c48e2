"""What `papernotes check` and `export` need of mkdocs.yml, read without MkDocs: the vault, the plugin's options.

MkDocs' conventions are followed: `mkdocs.yml` (else `mkdocs.yaml`) in the current folder, `docs_dir`
relative to the file (default `docs`), `INHERIT:` merged under the file, `!ENV` tags read from the
environment, and `plugins` as a list or a mapping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from papernotes.frontmatter import repeated_keys
from papernotes.options import NAMES, OptionProblem, Options, validate

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN = "papernotes"


class ConfigFileError(Exception):
    """mkdocs.yml cannot be used: missing, unreadable, not YAML, or not a mapping."""


@dataclass(frozen=True, slots=True)
class ThemeConfig:
    """`theme:` of mkdocs.yml: what decides the theme's files and templates."""

    name: str | None = "mkdocs"
    custom_dir: Path | None = None
    static_templates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The parts of one mkdocs.yml that decide what the site publishes and how problems are found."""

    path: Path
    docs_dir: Path
    use_directory_urls: bool
    plugin_options: dict[str, Any]
    """As written under `- papernotes:` (empty when the plugin is listed without options, or not at all)."""
    theme: ThemeConfig = ThemeConfig()
    extra_templates: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ("search",)
    """The names under `plugins:` (MkDocs' default when the key is missing: `search`)."""
    exclude_docs: str = ""
    """MkDocs' `exclude_docs`: gitignore patterns of vault files it never builds."""

    mistakes: tuple[OptionProblem, ...] = ()
    """`file_mistakes` of this mkdocs.yml: options the plugin never sees."""

    def options(self) -> tuple[Options, list[OptionProblem]]:
        """The plugin's options, validated as the build validates them, and `mistakes`."""
        options, problems = validate(self.plugin_options, self.path.parent)
        return options, [*self.mistakes, *problems]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags: `!ENV` is read; `!!python/name:` and `!relative` are only skipped over."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default
    (as MkDocs' yaml_env_tag reads it: values typed as YAML reads them, `true` a boolean)."""
    names: list[yaml.Node] = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
    default = loader.construct_object(names.pop()) if len(names) > 1 else None
    for name in names:
        variable = loader.construct_scalar(name) if isinstance(name, yaml.ScalarNode) else None
        if isinstance(variable, str) and variable in os.environ:
            value = os.environ[variable]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_config(cwd: Path) -> Path | None:
    """`mkdocs.yml` (else `mkdocs.yaml`) in `cwd`, as `mkdocs build` looks for it."""
    return next((cwd / name for name in CONFIG_NAMES if (cwd / name).is_file()), None)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' `INHERIT`: mappings merged key by key, anything else (lists too) replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    return _load_text(path, seen)[1]


def _load_text(path: Path, seen: tuple[Path, ...] = ()) -> tuple[str, dict[str, Any]]:
    """The file's text and its mapping, with what it INHERITs merged under it."""
    if path.resolve() in seen:
        raise ConfigFileError(f"{path}: INHERIT comes back to this file")
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_Loader)
    except FileNotFoundError:
        raise ConfigFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigFileError(f"{path}: cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{path}: not valid YAML ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict):
        raise ConfigFileError(f"{path}: not a mapping of `key: value` lines")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        return text, _merge(_load(path.parent / parent, (*seen, path.resolve())), data)
    return text, data


def _plugin_options(plugins: object) -> dict[str, Any]:
    """The papernotes plugin's options in `plugins:`, a list of names and mappings or a mapping."""
    entries = plugins.items() if isinstance(plugins, dict) else \
        [next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None)
         for item in plugins] if isinstance(plugins, list) else []
    for name, value in entries:
        if name == PLUGIN:
            if value is not None and not isinstance(value, dict):
                raise ConfigFileError(f"the {PLUGIN} plugin's options are not a mapping of `option: value` lines")
            options = dict(value or {})
            options.pop("enabled", None)  # MkDocs' own switch for every plugin, not one of ours
            return options
    return {}


def _plugin_names(plugins: object) -> tuple[str, ...]:
    if plugins is None:
        return ("search",)
    names = plugins if isinstance(plugins, dict) else \
        [next(iter(item)) if isinstance(item, dict) and len(item) == 1 else item
         for item in plugins] if isinstance(plugins, list) else []
    return tuple(str(name) for name in names)


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _theme(value: object, folder: Path) -> ThemeConfig:
    """`theme: material` or `theme: {name: material, custom_dir: overrides, static_templates: [...]}`;
    `custom_dir` is relative to mkdocs.yml, as MkDocs reads it."""
    if isinstance(value, str):
        return ThemeConfig(value)
    if not isinstance(value, dict):
        return ThemeConfig()
    name = value.get("name", "mkdocs")
    custom_dir = value.get("custom_dir")
    return ThemeConfig(str(name) if name is not None else None,
                       folder / str(custom_dir) if custom_dir is not None else None,
                       _strings(value.get("static_templates")))


MKDOCS_OWN_KEYS = frozenset({"nav"})
"""Top-level keys of MkDocs itself that are also option names of the plugin."""


REPEATS_THAT_FAIL = frozenset({"plugins", "docs_dir", "exclude_docs", "draft_docs",  # at the top
                               "publish", "exclude", "attachments", "library_papers"})  # the plugin's options
"""Keys whose second value, which YAML keeps, can publish what the first kept out (`exclude_docs`
or the plugin's `exclude` emptied, another `docs_dir`, `plugins:` without papernotes' options):
written twice, they fail the build. Any other key written twice is a warning (`not_in_nav` only
takes pages out of the nav; they are built either way)."""


def _duplicates(node: yaml.Node) -> list[tuple[str, int, int]]:
    """(key, first line, line written again) for each key a mapping node holds twice, compared
    as written, as MkDocs and the plugin's options read them (`frontmatter.repeated_keys`)."""
    return [(str(group[0][0].value), group[0][0].start_mark.line + 1, key.start_mark.line + 1)
            for group in repeated_keys(node) for key, _ in group[1:]]


def _plugin_node(root: yaml.Node | None) -> yaml.Node | None:
    """The mapping of the plugin's options, as written (`- papernotes:` in a list, or a key)."""
    plugins = next((value for key, value in root.value if getattr(key, "value", None) == "plugins"), None) \
        if isinstance(root, yaml.MappingNode) else None
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins] if plugins else []
    for item in items:
        for key, value in item.value if isinstance(item, yaml.MappingNode) else ():
            if getattr(key, "value", None) == PLUGIN:
                return value
    return None


def file_mistakes(text: str, data: dict[str, Any], file: str = "mkdocs.yml") -> list[OptionProblem]:
    """Mistakes in mkdocs.yml (its `text`, read as `data`) that MkDocs only warns about, or never
    sees, and that would publish what the plugin's options keep out: an option written at the top
    of the file or under `theme:` (MkDocs ignores it), the plugin listed twice (the second copy
    builds with default options), a key of `REPEATS_THAT_FAIL` written twice at the top or among
    the plugin's options (YAML keeps the last: `exclude: [Private/**]` then `exclude: []`); any
    other key written twice is a warning at its line of `file` that says which value is used."""
    problems = []
    for where, mapping in (("at the top of mkdocs.yml", data), ("under `theme:`", data.get("theme"))):
        for name in mapping if isinstance(mapping, dict) else ():
            if name in NAMES and not (mapping is data and name in MKDOCS_OWN_KEYS):
                problems.append(OptionProblem(str(name), f"is written {where}, where MkDocs does not give it to "
                                              "the plugin: move it under `plugins: - papernotes:`"))
    listed = _plugin_names(data.get("plugins")).count(PLUGIN)
    if listed > 1:
        problems.append(OptionProblem("plugins", f"the {PLUGIN} plugin is listed {listed} times under `plugins:`; "
                                      "each copy but one would build with its default options: list it once"))
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return problems  # MkDocs has read it; a file our loader cannot compose is left to MkDocs
    for where, node in (("at the top of mkdocs.yml", root), ("among the plugin's options", _plugin_node(root))):
        for key, first, again in _duplicates(node) if node is not None else ():
            if key in REPEATS_THAT_FAIL:
                problems.append(OptionProblem(key, f"is written twice {where} (lines {first} and {again}); YAML "
                                              "keeps the last one only: write it once"))
            else:
                problems.append(OptionProblem(key, f"{file}:{again}: {key}: is written twice {where} (also at line "
                                              f"{first}); YAML keeps this second value, the one used: write it "
                                              "once", known=False, fails=False))
    return problems


def read_config(path: Path) -> SiteConfig:
    """One mkdocs.yml (and what it INHERITs); ConfigFileError when it cannot be used."""
    text, data = _load_text(path)
    try:
        options = _plugin_options(data.get("plugins"))
    except ConfigFileError as error:
        raise ConfigFileError(f"{path}: {error}") from None
    docs_dir = data.get("docs_dir") or "docs"
    return SiteConfig(path, path.parent / str(docs_dir), data.get("use_directory_urls") is not False,
                      options, _theme(data.get("theme"), path.parent), _strings(data.get("extra_templates")),
                      _plugin_names(data.get("plugins")),
                      exclude_docs if isinstance(exclude_docs := data.get("exclude_docs"), str) else "",
                      tuple(file_mistakes(text, data, path.name)))


__all__ = ["ConfigFileError", "SiteConfig", "ThemeConfig", "file_mistakes", "find_config", "read_config"]
