"""An inline token split into its source lines: each line's tokens, plain text, links and file line."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from papernotes.markdown.structure import plain_text
from papernotes.titles import without_section_number
from papernotes.topics import TOOL_TAGS

# Bare URLs that the author did not write as links (`, https://arxiv.org/abs/...`, `*<(https://...)>*`).
_BARE_URL_RE = re.compile(r"(?:https?|extension)://[^\s<>()\[\]*\"'`]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One source line of a paragraph: its inline tokens (breaks excluded) and its raw markdown."""

    number: int
    tokens: tuple[Token, ...]
    raw: str

    @property
    def text(self) -> str:
        """What a reader sees on the line; `<sup>` marks (affiliations) are left out."""
        return line_text(self.tokens)

    @property
    def links(self) -> list[tuple[str, str]]:
        """`(label, url)` of every link on the line, markdown links and bare URLs, in order."""
        return line_links(self.tokens)

    @property
    def has_link_tokens(self) -> bool:
        return any(token.type == "link_open" for token in self.tokens)


def inline_lines(inline: Token, body_line: int) -> list[Line]:
    """The lines of a paragraph, heading or list item text, numbered as file lines."""
    first = (inline.map[0] if inline.map else 0) + body_line
    raw_lines = inline.content.split("\n")
    lines: list[Line] = []
    current: list[Token] = []
    start = offset = 0  # where the current line starts, and where the source now is
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append(_line(first, start, current, raw_lines))
            current, start = [], offset + 1
            offset = start
            continue
        current.append(child)
        if child.type in ("text", "html_inline"):
            offset += child.content.count("\n")  # raw HTML may span lines
    lines.append(_line(first, start, current, raw_lines))
    return lines


def _line(first: int, offset: int, tokens: list[Token], raw_lines: list[str]) -> Line:
    raw = raw_lines[offset] if offset < len(raw_lines) else ""
    return Line(first + offset, tuple(tokens), raw.strip())


_GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
                "upsilon phi chi psi omega").split()
GREEK = {**{"\\" + name: chr(0x3B1 + index + (index > 16)) for index, name in enumerate(_GREEK_NAMES)},
         **{"\\" + name.capitalize(): chr(0x391 + index + (index > 16)) for index, name in enumerate(_GREEK_NAMES)}}
"""A lone Greek letter in math as TeX names it (`\\Gamma`, `\\beta`) -> as a reader sees it (Γ, β)."""


def line_text(tokens: Sequence[Token]) -> str:
    """Plain text of some inline tokens, without `<sup>...</sup>` and without images; `$\\beta$` as β."""
    kept: list[Token] = []
    in_sup = False
    for token in tokens:
        if token.type == "html_inline":
            tag = token.content.strip().lower()
            in_sup = tag.startswith("<sup") or (in_sup and not tag.startswith("</sup"))
            continue
        if token.type == "math_inline" and token.content.strip() in GREEK:  # `$\Gamma$ version of …`
            token = Token("text", "", 0, content=GREEK[token.content.strip()])
        if not in_sup and token.type != "image":
            kept.append(token)
    return " ".join(plain_text(kept).split())


def line_links(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    label: list[Token] | None = None
    href = ""
    for token in tokens:
        if token.type == "link_open":
            label, href = [], str(token.attrGet("href") or "")
        elif token.type == "link_close" and label is not None:
            found.append((plain_text(label), href))
            label = None
        elif label is not None:
            label.append(token)
        elif token.type == "text":
            found.extend(("", url.rstrip(".,;")) for url in _BARE_URL_RE.findall(token.content))
    return found


# What a heading says beside its subject: its number (`titles.section_number`) and a remark in
# parentheses (`(입문/지도)`, `(models/ideas)`)
_REMARK_RE = re.compile(r"[(（][^()（）]*+[)）]")
_TOPIC_SPLIT_RE = re.compile(r"(?<!\s)\s*+[/／]\s*+")


def topic_heading(tokens: Sequence[Token], index: int) -> tuple[str, ...]:
    """The topics that the heading opened at `tokens[index]` gives the entries below it.

    A level-1 heading is the note's own title (`# Paint by Example` above the paper's header in
    a `*_Note.md`), not a topic, so entries under it get none from it. Of other headings, the
    subject: without its number (`1)`, `2.`, `②`), its remarks in parentheses and its `#tags`;
    a `/` names two subjects (`Detection / Segmentation`), never a nested topic. A heading tagged
    `#card` is a flashcard's question (Logseq), not a section: no topic; nor is a heading with no
    letter in it, a date or a number (`## 1904`).
    """
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if tokens[index].tag == "h1" or following is None or following.type != "inline":
        return ()
    children = following.children or ()
    if any(str(token.meta.get("tag", "")).casefold() in TOOL_TAGS for token in children if token.type == "hashtag"):
        return ()  # `## General construction #card`: a flashcard's question, not a section
    text = line_text([token for token in children if token.type != "hashtag"])
    text = _REMARK_RE.sub(" ", without_section_number(text))
    # a date or a number (`## 1904`, `## 2023-05`: when the papers were read) names no subject
    return tuple(part for part in (" ".join(piece.split()) for piece in _TOPIC_SPLIT_RE.split(text))
                 if any(char.isalpha() for char in part))


def heading_text(tokens: Sequence[Token], index: int) -> str:
    """The text of the heading opened at `tokens[index]`."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None or following.type != "inline":
        return ""
    return line_text(following.children or ())


def headed_paragraphs(tokens: Sequence[Token]) -> Iterator[tuple[int, Token, Token]]:
    """Each heading below `#` with a paragraph right under it: the heading's index and token, and
    the paragraph's inline token (`## Title` then `Authors: …`, or a link line)."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag != "h1" and index + 4 < len(tokens) \
                and tokens[index + 3].type == "paragraph_open":
            yield index, token, tokens[index + 4]


def is_hashtag_line(line: Line) -> bool:
    """A line made only of `#tags` (Obsidian and Dendron write a paper's topics this way)."""
    kinds = {token.type for token in line.tokens if not (token.type == "text" and not token.content.strip())}
    return kinds == {"hashtag"}


def line_hashtags(line: Line) -> list[str]:
    """The tags written on a line, without `#`, in order."""
    return [str(token.meta.get("tag", "")) for token in line.tokens if token.type == "hashtag"]
