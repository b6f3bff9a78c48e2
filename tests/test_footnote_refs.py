"""The footnote reference front (`markdown/footnote_refs.py`): the same tokens as
mdit-py-plugins' own rule on generated text, and the plugin's character scan called only where
a defined footnote is referenced, so a line of `[^` runs costs linear work."""

from __future__ import annotations

import random

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from papernotes.markdown import footnote_refs
from papernotes.markdown.footnote_refs import linear_footnote_refs

PIECES = ["[^", "]", " ", "\n", "a", "x", "1", "[", "^", ":", "[^x]", "[^1]", "[^a b]", "[^^]", "\\"]
DEFINITIONS = ["", "\n\n[^x]: defined x\n", "\n\n[^1]: one\n\n[^]]: odd\n", "\n\n[^[^x]: nested\n"]


def _tokens(md: MarkdownIt, text: str) -> list[tuple[str, str, object]]:
    out = []
    for token in md.parse(text, {}):
        out.append((token.type, token.content, token.meta))
        out.extend((child.type, child.content, child.meta) for child in token.children or [])
    return out


@pytest.mark.parametrize("seed", range(8))
def test_the_front_finds_what_the_plugin_finds(seed: int) -> None:
    plain = MarkdownIt("commonmark").use(footnote_plugin)
    fronted = MarkdownIt("commonmark").use(footnote_plugin)
    linear_footnote_refs(fronted)
    rng = random.Random(seed)
    for _ in range(60):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) + rng.choice(DEFINITIONS)
        assert _tokens(fronted, text) == _tokens(plain, text), text


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    rule = footnote_refs.plugin_rule

    def counting(state, silent):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return rule(state, silent)

    monkeypatch.setattr(footnote_refs, "plugin_rule", counting)
    return calls


@pytest.mark.parametrize("runs", [500, 4000])
def test_a_line_of_footnote_openers_costs_no_scan_per_opener(runs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    md = MarkdownIt("commonmark").use(footnote_plugin)
    linear_footnote_refs(md)
    calls = _counted(monkeypatch)
    chained = "[^" * runs + " start [^0]\n\n" + "\n".join(f"[^{i}]: see [^{i + 1}]" for i in range(50)) + "\n"
    closing = "[^" * runs + "x]\n\n[^x]: the one defined\n"
    for text in (chained, closing):
        calls[0] = 0
        html = md.render(text)
        assert "footnote-ref" in html  # the defined references are still references
        assert calls[0] <= 60  # only where a defined label closes: ~51 and 1, whatever `runs` is
