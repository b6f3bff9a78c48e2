"""`**bold**` next to Chinese, Japanese and Korean text, as Obsidian and Python-Markdown show it.

CommonMark decides whether `**` may open or close emphasis from the characters on either side:
`说明**重点，**然后` cannot close, because `，` is punctuation and `然` is neither space nor
punctuation. CJK text has no spaces between words, so such runs are everywhere in Chinese notes
and show up as literal asterisks. Here a CJK character next to a delimiter run counts as
punctuation when a `*` run's flanking is decided (the idea of the "CJK-friendly" amendments to
CommonMark); Latin text, and `_`, are parsed exactly as before.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

_FIRST_CJK = "\u3040"  # below it, no character is CJK: most neighbours are decided by one comparison
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def is_cjk(char: str) -> bool:
    """Han, kana, Hangul and full-width forms."""
    return char >= _FIRST_CJK and (
        "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"
        or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef")


class _State(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802 (markdown-it's name)
        src = self.src
        if src[start] != "*":
            return super().scanDelims(start, canSplitWord)  # `_` stays intraword text, as in CommonMark
        # CommonMark's flanking rules, as markdown-it's scanDelims applies them, with a CJK
        # neighbour counted as punctuation; the run is scanned once.
        last = src[start - 1] if start > 0 else " "
        end = start
        while end < self.posMax and src[end] == "*":
            end += 1
        following = src[end] if end < self.posMax else " "
        last_punct = is_cjk(last) or isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = is_cjk(following) or isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
        left = not (next_space or (next_punct and not (last_space or last_punct)))
        right = not (last_space or (last_punct and not (next_space or next_punct)))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, end - start)


class _ParserInline(ParserInline):
    def parse(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        # Only text holding both a `*` and a CJK character can parse differently: the rest gets
        # markdown-it's own state, and no delimiter run of it passes through the code above.
        cjk = "*" in src and _CJK_RE.search(src) is not None
        state = (_State if cjk else StateInline)(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    # markdown-it builds its inline state inside ParserInline.parse: only the class is swapped,
    # so the rules the preset and the other plugins registered stay as they are.
    md.inline.__class__ = _ParserInline
