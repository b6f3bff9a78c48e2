"""Config mistakes that published a private folder without failing: an option written at the top
of mkdocs.yml or under `theme:` (MkDocs only warns "Unrecognised configuration name"), the
plugin listed twice (the second copy builds with default options), a key written twice (YAML
keeps the last: `exclude: [Private/**]` then `exclude: []`, or `plugins:` twice), and `exclude`
written as MkDocs' `exclude_docs` is, one multi-line string. Generated: every option name in
every wrong place; each fails `mkdocs build` (not strict) and `papernotes check` with a message
naming the option, the place and what to write, and no site is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from papernotes.cli import main
from papernotes.mkdocs_yml import MKDOCS_OWN_KEYS, read_config
from papernotes.options import NAMES
from tests.test_site_build import REPO

HEAD = "site_name: t\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
PLUGIN = "plugins:\n  - papernotes:\n      exclude: ['Private/**']\n"
VALUES = {name: "['Private/**']" if name in ("exclude", "paper_folders", "not_papers", "bibliography")
          else "explicit" if name == "publish" else "x" for name in NAMES}
MOVABLE = [name for name in NAMES if name not in MKDOCS_OWN_KEYS]
WHERE = "`plugins: - papernotes:`"

MISTAKES: dict[str, tuple[str, str]] = {}  # name -> (mkdocs.yml, the message)
for option in MOVABLE:
    MISTAKES[f"top-level {option}"] = (
        HEAD + "plugins:\n  - papernotes\n" + f"{option}: {VALUES[option]}\n",
        f"Plugin 'papernotes' option '{option}': is written at the top of mkdocs.yml, where MkDocs does "
        f"not give it to the plugin: move it under {WHERE}")
    MISTAKES[f"theme {option}"] = (
        HEAD + f"  {option}: {VALUES[option]}\n" + "plugins:\n  - papernotes\n",
        f"Plugin 'papernotes' option '{option}': is written under `theme:`, where MkDocs does not give it "
        f"to the plugin: move it under {WHERE}")
MISTAKES |= {
    "listed twice": (
        HEAD + PLUGIN + "  - papernotes\n",
        "Plugin 'papernotes' option 'plugins': the papernotes plugin is listed 2 times under `plugins:`; "
        "each copy but one would build with its default options: list it once"),
    "listed three times, as a mapping and in a list": (
        HEAD + PLUGIN + "  - papernotes\n  - papernotes:\n      math: false\n",
        "Plugin 'papernotes' option 'plugins': the papernotes plugin is listed 3 times under `plugins:`; "
        "each copy but one would build with its default options: list it once"),
    "an option twice": (
        HEAD + PLUGIN + "      exclude: []\n",
        "Plugin 'papernotes' option 'exclude': is written twice among the plugin's options (lines 8 and 9); "
        "YAML keeps the last one only: write it once"),
    "plugins twice": (
        HEAD + PLUGIN + "plugins:\n  - papernotes\n",
        "Plugin 'papernotes' option 'plugins': is written twice at the top of mkdocs.yml (lines 6 and 9); "
        "YAML keeps the last one only: write it once"),
    "exclude_docs twice": (
        HEAD + PLUGIN + "exclude_docs: Private/\nexclude_docs: Drafts/\n",
        "Plugin 'papernotes' option 'exclude_docs': is written twice at the top of mkdocs.yml (lines 9 and 10); "
        "YAML keeps the last one only: write it once"),
    "docs_dir twice": (
        HEAD + PLUGIN + "docs_dir: docs\n",
        "Plugin 'papernotes' option 'docs_dir': is written twice at the top of mkdocs.yml (lines 2 and 9); "
        "YAML keeps the last one only: write it once"),
    "publish twice": (
        HEAD + PLUGIN + "      publish: explicit\n      publish: all\n",
        "Plugin 'papernotes' option 'publish': is written twice among the plugin's options (lines 9 and 10); "
        "YAML keeps the last one only: write it once"),
    "exclude as exclude_docs": (
        HEAD + "plugins:\n  - papernotes:\n      exclude: |\n        Private/**\n        Drafts/**\n",
        "Plugin 'papernotes' option 'exclude': \"Private/**\\nDrafts/**\\n\" is not a list of globs "
        "(write `exclude: [\"Private/**\", \"Drafts/**\"]`, one item each)"),
    "a list item of two lines": (
        HEAD + "plugins:\n  - papernotes:\n      exclude: [\"Private/**\\nDrafts/**\"]\n",
        "Plugin 'papernotes' option 'exclude': [\"Private/**\\nDrafts/**\"] is not a list of globs "
        "(write `exclude: [\"Private/**\"]`)"),
}


def project(root: Path, config: str) -> Path:
    (root / "docs" / "Private").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "Private" / "secret.md").write_text("# zqxconfigcanary\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + f"site_dir: {root / 'site'}\n", encoding="utf-8")
    return root / "mkdocs.yml"


def test_the_options_mkdocs_has_too_are_known() -> None:
    assert MKDOCS_OWN_KEYS == {name for name, _ in MkDocsConfig._schema} & set(NAMES)


@pytest.mark.parametrize("case", list(MISTAKES))
def test_a_config_mistake_fails_the_build_and_check(tmp_path: Path, case: str, caplog: pytest.LogCaptureFixture,
                                                    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                                    ) -> None:
    text, message = MISTAKES[case]
    path = project(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Abort):
        build(load_config(str(path), strict=False))
    assert f"Config value 'plugins': {message}" in caplog.messages
    assert not (tmp_path / "site").exists()
    assert main(["check", "-f", str(path)]) == 2  # `papernotes check`, in this process
    assert f"papernotes: mkdocs.yml: {message.removeprefix('Plugin ' + repr('papernotes') + ' ')}\n" in \
        capsys.readouterr().err


@pytest.mark.parametrize("config", [
    HEAD + PLUGIN + "nav:\n  - index.md\n",  # MkDocs' own `nav` at the top is MkDocs'
    HEAD + "plugins:\n  papernotes:\n    exclude: [Private/**]\n  search: {}\n",
    HEAD + PLUGIN + "extra:\n  exclude: x\n  publish: y\n",  # `extra:` is the theme's data, anything goes
    HEAD + "plugins:\n  - papernotes:\n      exclude: \"Private/**\\n\"\n",  # one glob, a line break at its end
])
def test_correct_configs_have_no_mistakes(tmp_path: Path, config: str) -> None:
    path = project(tmp_path, config)
    assert read_config(path).mistakes == ()
    build(load_config(str(path), strict=True))
    assert not list((tmp_path / "site").rglob("*secret*"))


def test_the_projects_own_config_has_no_mistakes() -> None:
    assert read_config(REPO / "mkdocs.yml").mistakes == ()


@pytest.mark.parametrize(("config", "warning"), [
    (HEAD + PLUGIN + "site_name: Lab notes\n",
     "mkdocs.yml:9: site_name: is written twice at the top of mkdocs.yml (also at line 1); YAML keeps this "
     "second value, the one used: write it once"),
    (HEAD + PLUGIN + "      math: false\n      math: true\n",
     "mkdocs.yml:10: math: is written twice among the plugin's options (also at line 9); YAML keeps this "
     "second value, the one used: write it once"),
])
def test_another_key_written_twice_is_a_warning_that_says_which_value_is_used(
        tmp_path: Path, config: str, warning: str, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Only keys that can publish what was kept out fail the build when written twice."""
    path = project(tmp_path, config)
    monkeypatch.chdir(tmp_path)
    build(load_config(str(path), strict=False))
    key = warning.split(": ")[1].removesuffix(":")
    assert [message for message in caplog.messages if "written twice" in message] == [
        f"Config value 'plugins': Plugin 'papernotes' option '{key}': {warning}"]
    assert (tmp_path / "site" / "index.html").is_file() and not list((tmp_path / "site").rglob("*secret*"))
    with pytest.raises(Abort):  # a warning, which a strict build does not let pass
        build(load_config(str(path), strict=True))
    assert main(["check", "-f", str(path)]) == 0
    assert f"papernotes: {warning}\n" in capsys.readouterr().err
