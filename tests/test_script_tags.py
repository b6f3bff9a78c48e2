"""Each `<script>` tag made once per URL (`papernotes.script_tags`): real MkDocs builds with the
memo and with `PAPERNOTES_PLAIN_SCRIPTS=1` (MkDocs' filter makes every tag) give the same files,
byte for byte; another plugin's `script_tag` filter, and scripts whose attributes are not plain
values, are left to the filter."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.utils.templates import script_tag_filter, url_filter

from papernotes.script_tags import ScriptTags, install
from tests.memo_sites import build_with_memo
from tests.test_search import files_of

VAULT = {
    "index.md": "# Home\n\nSee [[Sora]] and [[Tiny]].\n",
    "Papers/Sora.md": "---\nyear: 2024\n---\n# Sora\n\nLike [[Tiny]].\n",
    "Papers/Video/Latte.md": "# Latte\n\nText.\n",
    "Papers/Video/Deep/Tiny.md": "# Tiny\n\nA deep note.\n",
    "js/site.js": "console.log('site');\n",
    "js/app.mjs": "export {};\n",
    "js/deferred.js": "\n",
    "js/a b&c.js": "\n",
}

# a plain path, a module (MkDocs gives `.mjs` a type), every attribute, an absolute URL, a path
# with characters that are escaped in the tag
SCRIPTS = """extra_javascript:
  - js/site.js
  - js/app.mjs
  - path: js/deferred.js
    defer: true
    async: true
    type: text/x-"quoted"&
  - https://example.org/remote.js
  - js/a b&c.js
"""


def _build(tmp_path: Path, name: str, *, plain: bool, monkeypatch: pytest.MonkeyPatch,
           extra: str = "") -> tuple[Path, ScriptTags | None]:
    site, plugin = build_with_memo(tmp_path, name, VAULT,
                                   f"site_name: Scripts\ntheme:\n  name: material\n  font: false\n{SCRIPTS}{extra}",
                                   plain_env="PAPERNOTES_PLAIN_SCRIPTS", plain=plain, monkeypatch=monkeypatch)
    return site, plugin.script_tags


def test_sites_are_the_same_with_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memoised, memo = _build(tmp_path, "memo", plain=False, monkeypatch=monkeypatch)
    plain, none = _build(tmp_path, "plain", plain=True, monkeypatch=monkeypatch)
    assert none is None and memo is not None
    ours, theirs = files_of(memoised), files_of(plain)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []
    deep = (memoised / "Papers/Video/Deep/Tiny/index.html").read_text(encoding="utf-8")
    assert '<script src="../../../../js/site.js"></script>' in deep
    assert '<script src="../../../../js/app.mjs" type="module"></script>' in deep
    assert '<script src="../../../../js/deferred.js" type="text/x-&#34;quoted&#34;&amp;" defer async></script>' in deep
    assert '<script src="https://example.org/remote.js"></script>' in deep
    assert '<script src="../../../../js/a b&amp;c.js"></script>' in deep
    # pages at the same depth (outside the scripts' folder) see the scripts at the same URLs
    assert memo.reused > memo.made > 0


HOOK = """
from mkdocs.plugins import event_priority

@event_priority({priority})
def on_env(env, config, files):
    env.filters["script_tag"] = lambda script: '<script data-hook src="' + str(script) + '"></script>'
    return env
"""


@pytest.mark.parametrize("priority", [200, -100])  # papernotes' on_env has priority 100
def test_a_script_tag_filter_of_another_plugin_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             priority: int) -> None:
    (tmp_path / "script_hook.py").write_text(HOOK.format(priority=priority), encoding="utf-8")
    hooks = f"hooks:\n  - {tmp_path / 'script_hook.py'}\n"
    memoised, memo = _build(tmp_path, "memo", plain=False, monkeypatch=monkeypatch, extra=hooks)
    assert (memo is None) == (priority > 100)
    page = (memoised / "Papers/Sora/index.html").read_text(encoding="utf-8")
    assert '<script data-hook src="js/site.js"></script>' in page


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


class _Script:
    """A script from another plugin whose `type` is not a string."""

    def __init__(self, path: str, kind: object) -> None:
        self.path, self.type, self.defer, self.async_ = path, kind, False, False

    def __str__(self) -> str:
        return self.path


def test_a_script_with_other_attributes_goes_to_mkdocs_filter() -> None:
    env = jinja2.Environment(autoescape=True)
    env.filters["url"], env.filters["script_tag"] = url_filter, script_tag_filter
    memo = install(env)
    assert memo is not None
    template = env.from_string("{{ script | script_tag }}")
    odd = _Script("x.js", ["a", "b"])
    for url in ("a/", "b/", "a/"):
        made = template.render(script=odd, page=_Page(url), base_url="..")
        assert made == f'<script src="../x.js" type="{["a", "b"]!s}"></script>'.replace("'", "&#39;")
    assert memo.made == memo.reused == 0
    for url in ("a/", "b/", "c/d/"):
        template.render(script="x.js", page=_Page(url), base_url="..")
    assert (memo.made, memo.reused) == (2, 1)


def test_only_mkdocs_own_filter_is_memoised() -> None:
    env = jinja2.Environment()
    env.filters["script_tag"] = lambda script: str(script)
    assert install(env) is None
    assert install(jinja2.Environment()) is None
