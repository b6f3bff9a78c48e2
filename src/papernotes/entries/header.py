"""The metadata lines under a paper heading: `**CLIP-ICML2021**`, `*<url>*`, `Paper: *<url>*`, `Authors:`.

The block is the paragraph right after the heading and ends at its first line that is none of
these (free text such as `Method: Imagic` or a comment); a bold line counts only as the first
line, so later bold lines (`**Question1**`) are text. `<url>` and `*<url>*` are placeholders
of a note template and give no link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from papernotes.entries.fields import Venue, parse_authors, venue_name
from papernotes.entries.lines import Line

LINK_KEYS = ("paper", "code", "project", "website", "homepage", "page", "pdf", "arxiv", "blog", "github")

_BOLD_LINE_RE = re.compile(r"\*\*([^*]+)\*\*")
_KEY_RE = re.compile(r"([A-Za-z][A-Za-z ]{0,15}?)\s*[:：]\s*(.*)")
_DECORATION = " *<>()[]`"


@dataclass(frozen=True, slots=True)
class Header:
    links: tuple[tuple[str, str], ...] = ()
    short_name: str = ""
    venue: Venue | None = None
    authors: tuple[str, ...] = ()


def read_header(lines: Sequence[Line]) -> Header:
    """The metadata at the top of a paragraph; an empty Header when its first line is free text."""
    links: list[tuple[str, str]] = []
    short_name = ""
    venue: Venue | None = None
    authors: tuple[str, ...] = ()
    for position, line in enumerate(lines):
        bold = _BOLD_LINE_RE.fullmatch(line.raw.rstrip(" \\"))
        key = _KEY_RE.fullmatch(line.text)
        if bold:
            if position > 0:
                break
            short_name, venue = _name_and_venue(bold.group(1).strip())
        elif key and key.group(1).strip().lower() == "authors":
            authors = parse_authors(key.group(2))
        elif key and key.group(1).strip().lower() in LINK_KEYS:
            label = key.group(1).strip()
            links.extend((label, url) for _, url in line.links)
        elif _only_links(line):
            links.extend(line.links)
        else:
            break
    return Header(tuple(links), short_name, venue, authors)


def _only_links(line: Line) -> bool:
    """`*<https://...>*`, `*<[url](https://...)>*`, `*<url>*`: nothing but links or a placeholder."""
    text = line.text
    for label, url in line.links:
        text = text.replace(url, " ")
        if label:
            text = text.replace(label, " ")
    leftover = "".join(char for char in text if char not in _DECORATION)
    return leftover.lower() in ("", "url")


def _name_and_venue(text: str) -> tuple[str, Venue | None]:
    """`CLIP-ICML2021` -> (`CLIP`, ICML 2021); `ICLR 2021` -> (``, ICLR 2021); `CLIP` -> (`CLIP`, None)."""
    name, _, suffix = text.rpartition("-")
    venue = venue_name(suffix) if name else None
    if venue is not None and venue.year is not None:
        return name.strip(), venue
    venue = venue_name(text)
    if venue is not None and venue.year is not None:
        return "", venue
    return (text, None) if " " not in text else ("", None)
