"""Material's translations asked once per language and key (`papernotes.translations`): real
MkDocs builds with the memo and with `PAPERNOTES_PLAIN_TRANSLATIONS=1` (every page imports the
theme's `partials/language.html`) give the same files, byte for byte, in English and in another
language, beside the navigation's memo; the memo steps aside where the templates that translate
are not Material's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.translations import Translations
from tests.memo_sites import build_with_memo, same_sites

VAULT = {
    "index.md": "# Home\n\nSee [[Sora]] and [[Latte]].\n",
    "Papers/Sora.md": "---\nyear: 2024\n---\n# Sora\n\n## Method\n\nLike [[Latte]].\n\n```python\nprint(1)\n```\n",
    "Papers/Video/Latte.md": "---\nyear: 2024\nvenue: arXiv\n---\n# Latte\n\nText.\n",
}


def _build(tmp_path: Path, name: str, theme: str, *, plain: bool,
           monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Translations | None]:
    site, plugin = build_with_memo(tmp_path, name, VAULT, f"site_name: Translated\n{theme}",
                                   plain_env="PAPERNOTES_PLAIN_TRANSLATIONS", plain=plain, monkeypatch=monkeypatch)
    return site, plugin.translations




MATERIAL = "theme:\n  name: material\n  font: false\n"


@pytest.mark.parametrize(("language", "skip_link"), [("en", "Skip to content"), ("de", "Zum Inhalt"),
                                                     ("zh", "跳转至")])
def test_material_sites_are_the_same_with_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   language: str, skip_link: str) -> None:
    theme = MATERIAL + f"  language: {language}\n  features: [content.code.copy, navigation.tabs]\n"
    memoised, memo = _build(tmp_path, "memo", theme, plain=False, monkeypatch=monkeypatch)
    plain, none = _build(tmp_path, "plain", theme, plain=True, monkeypatch=monkeypatch)
    assert none is None and memo is not None
    pages = same_sites(memoised, plain)
    assert pages > len(VAULT)
    assert skip_link in (memoised / "Papers/Sora/index.html").read_text(encoding="utf-8")
    # each key asked of the theme once, every other page's calls answered from the table
    assert list(memo.tables) == [language] and memo.asked == len(memo.tables[language]) < 40
    assert memo.reused > memo.asked * (pages - 2)


LANGUAGE_FILES = {
    # Material's documented way to custom translations: a language of the user's own
    "partials/languages/custom.html": '{% macro t(key) %}{{ {"action.skip": "Jump in"}[key] }}{% endmacro %}',
    # the language module itself, with the page's context in it
    "partials/language.html": '{% macro t(key) %}{{ key }}@{{ page.url if page else "" }}{% endmacro %}',
}


@pytest.mark.parametrize("override", sorted(LANGUAGE_FILES))
def test_a_custom_dir_language_template_is_left_to_the_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              override: str) -> None:
    overrides = tmp_path / "overrides"
    (overrides / override).parent.mkdir(parents=True)
    (overrides / override).write_text(LANGUAGE_FILES[override], encoding="utf-8")
    theme = MATERIAL + f"  custom_dir: {overrides}\n" + ("  language: custom\n" if "custom" in override else "")
    memoised, memo = _build(tmp_path, "memo", theme, plain=False, monkeypatch=monkeypatch)
    plain, _ = _build(tmp_path, "plain", theme, plain=True, monkeypatch=monkeypatch)
    assert memo is not None and memo.asked == memo.reused == 0
    same_sites(memoised, plain)
    latte = (memoised / "Papers/Video/Latte/index.html").read_text(encoding="utf-8")
    if "custom" in override:
        assert "Jump in" in latte and "Skip to content" not in latte
    else:
        assert "action.skip@Papers/Video/Latte/" in latte  # the user's template saw each page


def test_the_mkdocs_theme_is_left_to_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memoised, memo = _build(tmp_path, "memo", "theme:\n  name: mkdocs\n", plain=False, monkeypatch=monkeypatch)
    assert memo is None
    assert (memoised / "Papers/Sora/index.html").is_file()
