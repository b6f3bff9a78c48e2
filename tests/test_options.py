"""The plugin's options: one schema (options.py) that MkDocs' typed config follows, and typos that fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import config_options as c

from papernotes import options
from papernotes.config import PaperNotesConfig
from papernotes.options import Options, validate

KINDS = {"choice": c.Choice, "flag": c.Type, "globs": c.ListOfItems, "files": c.ListOfItems, "folder": c.Optional,
         "mapping": c.DictOfItems, "text": c.Type}


def _mkdocs_default(option: c.BaseConfigOption) -> object:
    default = option.default
    if isinstance(default, dict):
        return tuple(default.items())
    return tuple(default) if isinstance(default, list) else default


def test_config_py_declares_the_same_options_as_options_py() -> None:
    schema = dict(PaperNotesConfig._schema)
    assert list(schema) == list(options.NAMES), "add the option to both options.py and config.py"
    for name, option in schema.items():
        assert _mkdocs_default(option) == options.DEFAULTS[name], name
        assert isinstance(option, KINDS[options.kind_of(name)]), name
        if isinstance(option, c.Choice):
            assert tuple(option.choices) == options.choices_of(name), name


def test_every_option_is_documented_where_it_is_declared() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in options.NAMES:
        assert f"| `{name}` |" in readme, f"document option {name} in the README's Configuration table"


def test_nothing_written_gives_the_defaults() -> None:
    assert validate({}) == (Options(), [])
    assert validate({"math": None, "publish": None}) == (Options(), [])


def test_valid_values_are_taken() -> None:
    found, problems = validate({"publish": "explicit", "exclude": ["Private/**"], "math": False})
    assert problems == []
    assert (found.publish, found.exclude, found.math) == ("explicit", ("Private/**",), False)


@pytest.mark.parametrize(("raw", "message"), [
    ({"pubish": "explicit"}, "papernotes: unknown option 'pubish' (did you mean 'publish'?)"),
    ({"folder-topics": False}, "papernotes: unknown option 'folder-topics' (did you mean 'folder_topics'?)"),
    ({"Exclude": []}, "papernotes: unknown option 'Exclude' (did you mean 'exclude'?)"),
    ({"colour": "red"}, "papernotes: unknown option 'colour' (the options are publish, exclude, "),
    ({"publish": True}, "papernotes: option 'publish': true is not one of its values "
                        "(write `publish: all` or `publish: explicit`)"),
    ({"publish": "explict"}, "papernotes: option 'publish': \"explict\" is not one of its values"),
    ({"exclude": "Private/**, Diary/**"}, "papernotes: option 'exclude': \"Private/**, Diary/**\" is not a list "
                                          "of globs (write `exclude: [\"Private/**\", \"Diary/**\"]`, one item each)"),
    ({"exclude": ""}, "papernotes: option 'exclude': \"\" is not a list of globs (write `exclude: [\"Private/**\"]`)"),
    ({"exclude": None}, "papernotes: option 'exclude': null is not a list of globs"),
    ({"exclude": [1]}, "papernotes: option 'exclude': [1] is not a list of globs"),
    ({"math": "yes"}, "papernotes: option 'math': \"yes\" is not true or false (write `math: true` or `math: false`)"),
    ({"search": "lunr"}, "papernotes: option 'search': \"lunr\" is not one of its values"),
    ({"templates_dir": 3}, "papernotes: option 'templates_dir': 3 is not the name of a folder"),
    ({"bibliography": "a.bib,b.bib"}, "papernotes: option 'bibliography': \"a.bib,b.bib\" is not a list of files "
                                      "(write `bibliography: [\"a.bib\", \"b.bib\"]`, one item each)"),
    ({"bibliography": [""]}, "papernotes: option 'bibliography': [\"\"] is not a list of files"),
    ({"library_papers": "no"}, "papernotes: option 'library_papers': \"no\" is not true or false"),
    ({"csl_style": 7}, "papernotes: option 'csl_style': 7 is not a name (write `csl_style: apa`)"),
    ({"csl_stlye": "ieee"}, "papernotes: unknown option 'csl_stlye' (did you mean 'csl_style'?)"),
])
def test_unknown_options_and_wrong_values_are_problems(raw: dict[str, object], message: str) -> None:
    found, problems = validate(raw)
    assert found == Options()  # an option with a problem keeps its default
    assert len(problems) == 1 and str(problems[0]).startswith(message), problems


def test_templates_dir_must_exist_beside_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    assert validate({"templates_dir": "mine"}, tmp_path)[1] == []
    (problem,) = validate({"templates_dir": "absent"}, tmp_path)[1]
    assert f"the folder 'absent' does not exist in {tmp_path}" in str(problem)


def mkdocs_build(tmp_path: Path, plugin_lines: str) -> subprocess.CompletedProcess[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: material\nplugins:\n  - papernotes:\n      search: none\n" + plugin_lines,
        encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize(("lines", "message"), [
    ("      pubish: explicit\n", "option 'pubish': unknown option 'pubish' (did you mean 'publish'?)"),
    ("      publish: yes\n", "option 'publish': true is not one of its values"),
    ("      publish: explict\n", "option 'publish': \"explict\" is not one of its values"),
    ("      exclude: Private/**, Diary/**\n", "option 'exclude': \"Private/**, Diary/**\" is not a list of globs"),
    ("      diagnostics: warning\n", "option 'diagnostics': \"warning\" is not one of its values"),
    ("      generated_pages: 1\n", "option 'generated_pages': 1 is not true or false"),
    ("      templates_dir: absent\n", "option 'templates_dir': the folder 'absent' does not exist"),
    ("      paper_folders: Papers, Reading\n", "option 'paper_folders': \"Papers, Reading\" is not a list of globs"),
])
def test_a_typo_in_an_option_fails_the_build(tmp_path: Path, lines: str, message: str) -> None:
    result = mkdocs_build(tmp_path, lines)
    assert result.returncode == 1
    assert f"Plugin 'papernotes' {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_correct_options_build(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    result = mkdocs_build(tmp_path, "      publish: explicit\n      exclude: [Private/**]\n"
                                    "      templates_dir: mine\n      enabled: true\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "papers" / "index.html").is_file()


@pytest.mark.parametrize(("raw", "option", "value"), [
    ({"exclude": "Diary/**"}, "exclude", ("Diary/**",)),
    ({"paper_folders": "Papers"}, "paper_folders", ("Papers",)),
    ({"not_papers": "Templates/*"}, "not_papers", ("Templates/*",)),
    ({"bibliography": "refs.bib"}, "bibliography", ("refs.bib",)),
])
def test_a_list_option_written_as_its_one_item_is_a_one_item_list(
        raw: dict[str, object], option: str, value: tuple[str, ...]) -> None:
    found, problems = validate(raw)
    assert problems == [] and getattr(found, option) == value


def test_a_build_excludes_a_folder_given_as_one_string(tmp_path: Path) -> None:
    (tmp_path / "docs" / "Diary").mkdir(parents=True)
    (tmp_path / "docs" / "Diary" / "2024-01-01.md").write_text("# Dear diary\nDIARY-CANARY\n", encoding="utf-8")
    result = mkdocs_build(tmp_path, '      exclude: "Diary/**"\n')
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "Diary").exists()
    assert all("DIARY-CANARY" not in page.read_text(encoding="utf-8") for page in (tmp_path / "site").rglob("*.html"))
