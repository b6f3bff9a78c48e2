"""mkdocs.yml as `papernotes check` reads it without MkDocs: MkDocs' conventions, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.mkdocs_yml import ConfigFileError, find_config, read_config
from papernotes.options import Options


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_the_plugin_has_no_options(tmp_path: Path) -> None:
    config = read_config(write(tmp_path / "mkdocs.yml", "site_name: x\nplugins:\n  - papernotes\n"))
    assert config.docs_dir == tmp_path / "docs" and config.use_directory_urls
    assert config.options() == (Options(), [])


def test_plugins_as_a_mapping_and_mkdocs_own_enabled_switch(tmp_path: Path) -> None:
    path = write(tmp_path / "mkdocs.yml", "docs_dir: notes\nuse_directory_urls: false\nplugins:\n"
                                          "  search: {}\n  papernotes:\n    enabled: true\n    publish: explicit\n")
    config = read_config(path)
    assert config.docs_dir == tmp_path / "notes" and not config.use_directory_urls
    assert config.options()[0].publish == "explicit" and config.options()[1] == []


def test_env_tags_and_python_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PN_PUBLISH", "explicit")
    path = write(tmp_path / "mkdocs.yml", "markdown_extensions:\n  - pymdownx.emoji:\n"
                                          "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                                          "plugins:\n  - papernotes:\n      publish: !ENV PN_PUBLISH\n"
                                          "      math: !ENV [PN_UNSET, false]\n")
    found, problems = read_config(path).options()
    assert problems == [] and (found.publish, found.math) == ("explicit", False)


def test_inherit_merges_mappings(tmp_path: Path) -> None:
    write(tmp_path / "base.yml", "docs_dir: vault\nplugins:\n  papernotes:\n    publish: explicit\n    math: false\n")
    config = read_config(write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\nplugins:\n  papernotes:\n    math: true\n"))
    assert config.docs_dir == tmp_path / "vault"
    assert config.plugin_options == {"publish": "explicit", "math": True}


@pytest.mark.parametrize(("text", "message"), [
    ("site_name: [x\n", "not valid YAML"),
    ("- a\n- b\n", "not a mapping"),
    ("plugins:\n  - papernotes: explicit\n", "the papernotes plugin's options are not a mapping"),
    ("INHERIT: mkdocs.yml\n", "INHERIT comes back to this file"),
    ("INHERIT: absent.yml\n", "absent.yml: no such file"),
])
def test_unusable_files_raise_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigFileError, match=message):
        read_config(write(tmp_path / "mkdocs.yml", text))


def test_find_config_as_mkdocs_does(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    write(tmp_path / "mkdocs.yaml", "site_name: x\n")
    assert find_config(tmp_path) == tmp_path / "mkdocs.yaml"
    write(tmp_path / "mkdocs.yml", "site_name: x\n")
    assert find_config(tmp_path) == tmp_path / "mkdocs.yml"
