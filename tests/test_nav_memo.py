"""Material's navigation rendered once per set of links (`papernotes.nav_memo`): real MkDocs builds
with the memo and with `PAPERNOTES_PLAIN_NAV=1` (the theme renders every page's navigation) give
the same files, byte for byte, and the memo steps aside where the theme's templates are not
Material's own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from papernotes.nav_memo import NavMemo
from tests.memo_sites import build_with_memo, same_sites

VAULT = {
    "index.md": "# Home\n\nSee [[Sora]], [[Latte]] and [[Open Sora]].\n",
    "Papers/Sora.md": "---\nyear: 2024\nicon: material/star\n---\n# Sora\n\n## Method\n\nLike [[Latte]].\n",
    "Papers/Video/Latte.md": "---\nyear: 2024\nvenue: arXiv\n---\n# Latte\n\n## Results\n\nText.\n",
    "Papers/Video/Open Sora.md": "# Open Sora\n\nAfter [[Sora]].\n",
    "Papers/Video/Deep/Tiny.md": "# Tiny\n\nA deep note.\n",
    "Reading/Queue.md": "# Queue\n\n- [ ] read [[Tiny]]\n",
    "Reading/Log.md": "# Log\n\nRead [[Latte]].\n",
    "Solo.md": "# Solo\n\nA note at the top.\n",
}

# a navigation with sections, an index page and notes left out, so that pages in it, pages out
# of it in the same folders, and pages in other folders are all built
USER_NAV = """
nav:
  - Home: index.md
  - Papers:
      - Papers/Sora.md
      - Video:
          - Papers/Video/Latte.md
  - Reading:
      - Reading/Queue.md
  - Example: https://example.org/
"""

MATERIAL_FEATURES = ["navigation.indexes", "navigation.tabs", "navigation.sections", "navigation.prune",
                     "navigation.expand", "toc.integrate"]


def _build(tmp_path: Path, name: str, theme: str, nav: str = "", *, plain: bool,
           monkeypatch: pytest.MonkeyPatch, extra: str = "") -> tuple[Path, NavMemo | None]:
    site, plugin = build_with_memo(tmp_path, name, VAULT,
                                   f"site_name: Memo <b>test</b>\n{textwrap.dedent(theme)}{nav}{extra}",
                                   plain_env="PAPERNOTES_PLAIN_NAV", plain=plain, monkeypatch=monkeypatch)
    return site, plugin.nav_memo




def _pages_out_of_nav(site: Path, nav_pages: int) -> int:
    """Pages built from the vault (every `index.html` but the site's 404 page), less those in the nav."""
    return sum(1 for _ in site.rglob("index.html")) - nav_pages


MATERIALS = [
    pytest.param("theme:\n  name: material\n  font: false\n", "", 0, id="material-default-nav"),
    pytest.param("theme:\n  name: material\n  font: false\n  features: [" + ", ".join(MATERIAL_FEATURES) + "]\n",
                 USER_NAV, 4, id="material-features-user-nav"),
    pytest.param("theme:\n  name: material\n  font: false\n  logo: assets/logo.png\n"
                 "  features: [navigation.tabs, navigation.prune]\n", USER_NAV, 4, id="material-logo-tabs-prune"),
]


@pytest.mark.parametrize(("theme", "nav", "nav_pages"), MATERIALS)
def test_material_sites_are_the_same_with_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   theme: str, nav: str, nav_pages: int) -> None:
    extra = "repo_url: https://example.org/repo\n" if "logo" in theme else ""
    memoised, memo = _build(tmp_path, "memo", theme, nav, plain=False, monkeypatch=monkeypatch, extra=extra)
    plain, none = _build(tmp_path, "plain", theme, nav, plain=True, monkeypatch=monkeypatch, extra=extra)
    assert none is None and memo is not None and memo.enabled
    assert same_sites(memoised, plain) > len(VAULT)
    # papernotes' generated sections (Papers, Topics...) are in the nav: its default nav, or after
    # the site's own nav's `nav_pages`
    in_nav = sum(1 for path in plain.rglob("index.html")
                 if 'md-nav__link md-nav__link--active' in path.read_text(encoding="utf-8"))
    assert in_nav > nav_pages
    nav_pages = in_nav
    # every page out of the nav had its navigation from the memo, some without rendering it again
    assert memo.renders + memo.reused == _pages_out_of_nav(plain, nav_pages)
    assert memo.reused > 0 and memo.renders > 0


def test_the_mkdocs_theme_is_left_to_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memoised, memo = _build(tmp_path, "memo", "theme:\n  name: mkdocs\n", USER_NAV, plain=False,
                            monkeypatch=monkeypatch)
    plain, _ = _build(tmp_path, "plain", "theme:\n  name: mkdocs\n", USER_NAV, plain=True, monkeypatch=monkeypatch)
    assert memo is None
    assert same_sites(memoised, plain) > len(VAULT)


OVERRIDES = {
    # the user's own navigation, which shows the page's address: never reused
    "partials/nav.html": "<nav class='mine'>{{ page.url }}</nav>",
    # Material's navigation with a logo of the user's that differs from page to page
    "partials/logo.html": "<span class='mine'>{{ page.url }}</span>",
}


@pytest.mark.parametrize("override", sorted(OVERRIDES))
def test_a_custom_dir_template_the_nav_uses_turns_the_memo_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                override: str) -> None:
    overrides = tmp_path / "overrides"
    (overrides / override).parent.mkdir(parents=True)
    (overrides / override).write_text(OVERRIDES[override], encoding="utf-8")
    theme = f"theme:\n  name: material\n  font: false\n  custom_dir: {overrides}\n"
    memoised, memo = _build(tmp_path, "memo", theme, plain=False, monkeypatch=monkeypatch)
    plain, _ = _build(tmp_path, "plain", theme, plain=True, monkeypatch=monkeypatch)
    assert memo is not None and not memo.enabled and memo.reused == 0
    same_sites(memoised, plain)
    latte = (memoised / "Papers/Video/Latte/index.html").read_text(encoding="utf-8")
    assert "<nav class='mine'>Papers/Video/Latte/</nav>" in latte if override == "partials/nav.html" \
        else "<span class='mine'>Papers/Video/Latte/</span>" in latte


def test_a_static_icon_of_the_users_keeps_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `.icons` file (the nav item of a page with `icon:`) has no Jinja in it: the same on every page."""
    overrides = tmp_path / "overrides"
    (overrides / ".icons" / "mine").mkdir(parents=True)
    (overrides / ".icons" / "mine" / "star.svg").write_text("<svg id='mine-star'></svg>", encoding="utf-8")
    (tmp_path / "docs" / "Papers").mkdir(parents=True)
    theme = f"theme:\n  name: material\n  font: false\n  custom_dir: {overrides}\n"
    for path, text in VAULT.items():
        (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / path).write_text(text.replace("material/star", "mine/star"), encoding="utf-8")
    memoised, memo = _build(tmp_path, "memo", theme, USER_NAV, plain=False, monkeypatch=monkeypatch)
    plain, _ = _build(tmp_path, "plain", theme, USER_NAV, plain=True, monkeypatch=monkeypatch)
    assert memo is not None and memo.enabled and memo.reused > 0
    same_sites(memoised, plain)
    assert "<svg id='mine-star'></svg>" in (memoised / "Solo/index.html").read_text(encoding="utf-8")


HOOK = """
import mkdocs.plugins

def shown(value):
    return "/elsewhere/" + str(value)

@mkdocs.plugins.event_priority({priority})
def on_env(env, config, files):
    env.filters["url"] = shown
    return env
"""


@pytest.mark.parametrize("priority", [200, -100])  # papernotes' on_env has priority 100
def test_a_url_filter_of_another_plugin_turns_the_memo_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           priority: int) -> None:
    """A plugin's own `url` filter, put in before papernotes' `on_env` or after it."""
    (tmp_path / "url_hook.py").write_text(HOOK.format(priority=priority), encoding="utf-8")
    hooks = f"hooks:\n  - {tmp_path / 'url_hook.py'}\n"
    theme = "theme:\n  name: material\n  font: false\n"
    memoised, memo = _build(tmp_path, "memo", theme, USER_NAV, plain=False, monkeypatch=monkeypatch, extra=hooks)
    plain, _ = _build(tmp_path, "plain", theme, USER_NAV, plain=True, monkeypatch=monkeypatch, extra=hooks)
    assert memo is None if priority > 0 else memo is not None and not memo.enabled and memo.renders == 0
    same_sites(memoised, plain)
    assert 'href="/elsewhere/Papers/Video/Latte/"' in (memoised / "Solo/index.html").read_text(encoding="utf-8")
