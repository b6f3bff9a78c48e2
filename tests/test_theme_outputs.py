"""What `papernotes check` predicts of MkDocs from mkdocs.yml (theme files, static templates, the
files MkDocs itself drops) is what MkDocs does."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files

from papernotes.mkdocs_yml import ThemeConfig, read_config
from papernotes.outputs import kept_file, mkdocs_dropped
from papernotes.theme import find_theme, template_lookup, theme_dir, theme_files


def mkdocs_yml(folder: Path, text: str) -> Path:
    (folder / "docs").mkdir(exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text("site_name: x\n" + text, encoding="utf-8")
    return path


THEMES = [
    "theme: material\n",
    "theme:\n  name: mkdocs\n  static_templates: [extra.html]\n",
    "theme:\n  name: readthedocs\n  custom_dir: overrides\n",
    "theme:\n  name: null\n  custom_dir: overrides\n",
    "",
]


@pytest.mark.parametrize("theme", THEMES)
def test_the_theme_is_found_as_mkdocs_finds_it(tmp_path: Path, theme: str) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (overrides / "extra.css").write_text("", encoding="utf-8")
    (overrides / ".hidden.css").write_text("", encoding="utf-8")
    if "null" in theme:
        (overrides / "mkdocs_theme.yml").write_text("static_templates: [x.html]\n", encoding="utf-8")
    path = mkdocs_yml(tmp_path, theme)
    config = load_config(str(path))
    found = find_theme(read_config(path).theme)
    assert [str(folder) for folder in found.dirs] == [str(folder) for folder in config.theme.dirs]
    assert sorted(found.static_templates) == sorted(config.theme.static_templates)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    assert theme_files(found) == sorted(file.src_uri for file in files)


def test_a_theme_that_extends_another_and_an_unknown_theme() -> None:
    assert theme_dir("no-such-theme") is None
    assert [folder.name for folder in find_theme(ThemeConfig("no-such-theme")).dirs] == ["templates"]  # MkDocs'
    material = find_theme(ThemeConfig("material"))
    has = template_lookup(material)
    assert has("main.html") and has(".icons/material/book.svg") and not has("no-such.html")
    assert not has(".icons/" + "x" * 300 + ".svg")  # too long for the file system: no such icon, no error


def test_a_child_theme_inherits_its_parents_folders(tmp_path: Path) -> None:
    (tmp_path / "mkdocs_theme.yml").write_text("extends: mkdocs\nstatic_templates: [child.html]\n",
                                               encoding="utf-8")
    found = find_theme(ThemeConfig(None, tmp_path))
    assert found.dirs[0] == tmp_path and "child.html" not in found.static_templates  # custom_dir's yml is not read
    assert [folder.parent.name for folder in found.dirs[1:]] == ["mkdocs"]


def test_mkdocs_drops_what_get_files_drops(tmp_path: Path) -> None:
    names = ["README.md", "index.md", "c/README.md", "c/index.md", "a.markdown", "a.md", "b.md", "b/index.md",
             "d/index.html", "d/index.md", "e.md", "e.mdown", "f.html", "f.md", "pic.png", "x/README.md"]
    for name in names:
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("x", encoding="utf-8")
    for urls in (True, False):
        config = load_config(str(mkdocs_yml(tmp_path, f"use_directory_urls: {str(urls).lower()}\n")))
        kept = {file.src_uri for file in get_files(config)}
        assert mkdocs_dropped(names, urls) == set(names) - kept, urls
    assert mkdocs_dropped(names, True) == {"README.md", "c/README.md", "a.markdown", "d/index.html", "e.md"}


def test_which_vault_files_are_copied() -> None:
    used, libraries = {"used.png", "refs.bib"}, {"refs.bib", "other.bib"}
    assert kept_file("used.png", used=used, libraries=libraries, only_used=True, exclude=())
    assert not kept_file("unused.png", used=used, libraries=libraries, only_used=True, exclude=())
    assert kept_file("unused.png", used=used, libraries=libraries, only_used=False, exclude=())
    assert kept_file("style.css", used=used, libraries=libraries, only_used=True, exclude=())
    assert not kept_file("other.bib", used=used, libraries=libraries, only_used=False, exclude=())
    assert kept_file("refs.bib", used=used, libraries=libraries, only_used=False, exclude=())
    assert not kept_file("used.png", used=used, libraries=libraries, only_used=False, exclude=("*.png",))


def test_mkdocs_yml_theme_and_plugins_are_read(tmp_path: Path) -> None:
    config = read_config(mkdocs_yml(tmp_path, "theme:\n  name: material\n  custom_dir: over\n"
                                              "  static_templates: [a.html]\nextra_templates: [b.xml]\n"
                                              "plugins:\n  - search:\n      lang: en\n  - papernotes\n"))
    assert config.theme == ThemeConfig("material", tmp_path / "over", ("a.html",))
    assert (config.extra_templates, config.plugins) == (("b.xml",), ("search", "papernotes"))
    config = read_config(mkdocs_yml(tmp_path, "theme: readthedocs\nplugins:\n  papernotes: {}\n"))
    assert (config.theme, config.plugins) == (ThemeConfig("readthedocs"), ("papernotes",))
    config = read_config(mkdocs_yml(tmp_path, "theme: 5\nextra_templates: nope\n"))
    assert (config.theme, config.extra_templates, config.plugins) == (ThemeConfig(), (), ("search",))
