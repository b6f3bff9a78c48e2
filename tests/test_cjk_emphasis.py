"""The CJK emphasis rule only runs where it can matter, and gives the same tokens as when it ran everywhere."""

from __future__ import annotations

import random
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from papernotes.markdown import cjk_emphasis
from papernotes.markdown.parser import make_parser

ALPHABET = ["*", "**", "***", "_", "~~", " ", "a", "b", "。", "，", "重", "点", "한", "ｂ", "!", "(", "\n", "`", "x*y"]


class _OldState(StateInline):
    """The rule as it was first written (commit "Review fixes: bold next to CJK punctuation")."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802
        last = self.src[start - 1] if start > 0 else " "
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        following = self.src[end] if end < self.posMax else " "
        if self.src[start] != "*" or not (cjk_emphasis.is_cjk(last) or cjk_emphasis.is_cjk(following)):
            return super().scanDelims(start, canSplitWord)
        last_punct = cjk_emphasis.is_cjk(last) or isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = cjk_emphasis.is_cjk(following) or isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
        left = not (next_space or (next_punct and not (last_space or last_punct)))
        right = not (last_space or (last_punct and not (next_space or next_punct)))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, end - start)


class _Everywhere(cjk_emphasis._ParserInline):
    """The rule as it was before its gate: every inline text parsed with the CJK-aware state."""

    def parse(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        state = _OldState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def _shapes(tokens: list[Token]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(t.type, t.content, [(c.type, c.content) for c in t.children or []]) for t in tokens]


def test_the_gate_changes_no_token():
    gated = make_parser()
    everywhere = MarkdownIt("commonmark", {"tasklists": True, "html": True})
    everywhere.enable(["table", "strikethrough"])
    everywhere.inline.__class__ = _Everywhere
    gated_plain = MarkdownIt("commonmark", {"tasklists": True, "html": True})
    gated_plain.enable(["table", "strikethrough"])
    cjk_emphasis.cjk_emphasis_plugin(gated_plain)
    rng = random.Random(16)
    for _ in range(5000):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(1, 25)))
        assert _shapes(gated_plain.parse(text)) == _shapes(everywhere.parse(text)), text
    assert gated.parse("说明**重点，**然后")[1].children[1].type == "strong_open"


def test_text_without_cjk_or_asterisks_gets_markdown_its_own_state():
    seen: list[str] = []
    original = cjk_emphasis._State.scanDelims

    def spy(self: Any, start: int, can_split_word: bool) -> Any:
        seen.append(self.src)
        return original(self, start, can_split_word)

    cjk_emphasis._State.scanDelims = spy  # type: ignore[method-assign]
    try:
        make_parser().parse("**bold** and _it_ and ~~gone~~\n\n中文 _下划线_ ~~删除~~\n\n中文 **重点，**然后\n")
    finally:
        cjk_emphasis._State.scanDelims = original  # type: ignore[method-assign]
    assert seen and all("重点" in src for src in seen)
