"""`**bold**` next to Chinese, Japanese and Korean text, as Obsidian and Python-Markdown show it.

CommonMark decides whether `**` may open or close emphasis from the characters on either side:
`说明**重点，**然后` cannot close, because `，` is punctuation and `然` is neither space nor
punctuation. CJK text has no spaces between words, so such runs are everywhere in Chinese notes
and show up as literal asterisks. Here a CJK character next to a delimiter run counts as
punctuation when a `*` run's flanking is decided (the idea of the "CJK-friendly" amendments to
CommonMark); Latin text, and `_`, are parsed exactly as before.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token


def is_cjk(char: str) -> bool:
    """Han, kana, Hangul and full-width forms."""
    return ("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"
            or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef")


class _State(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802 (markdown-it's name)
        last = self.src[start - 1] if start > 0 else " "
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        following = self.src[end] if end < self.posMax else " "
        if self.src[start] != "*" or not (is_cjk(last) or is_cjk(following)):
            return super().scanDelims(start, canSplitWord)  # `_` stays intraword text, as in CommonMark
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
        state = _State(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    # markdown-it builds its inline state inside ParserInline.parse: only the class is swapped,
    # so the rules the preset and the other plugins registered stay as they are.
    md.inline.__class__ = _ParserInline
