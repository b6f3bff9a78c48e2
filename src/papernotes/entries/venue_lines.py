"""A paper on one line with its venue and its link: `ManipLLM, CVPR: https://arxiv.org/abs/…`.

Notes that compare a few works write each as a paragraph of its own: the work's name, its venue,
a colon, then the paper's URL (`EmbodiedGPT, NIPS: https://arxiv…`); or the venue first and the
paper's title after it (`ICLR oral: Open-World Learning over Imagination. https://arxiv…`), or
the venue and then the paper's link labelled with its title (`ICLR 2025，[Title](https://arxiv…)`).
Judgement calls: the venue must be one (a name we know, or capitals with a year), nothing but
URLs may follow the name, and one of them must be a paper's (arXiv, DOI, a proceedings site); a
name is at most six words, a title after a venue at least three. The line that names the note
itself (`A3VLM, CoRL: …` in `A3VLM.md`) is the note's own paper, which the note's decision reads
(see `recognise.signals`), not a paper it cites.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, venue_name
from papernotes.entries.lines import Line, inline_lines, line_text
from papernotes.entries.links import host_kind
from papernotes.model import Paper
from papernotes.paths import stem

CONVENTION = "venue-line"
_NAME_WORDS = 6
_TITLE_WORDS = 3
_VENUE_WORDS = 4
_SEPARATORS = " ,，;；、"


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    own = {(context.meta.title or "").strip().casefold(), stem(context.path).rsplit(".", 1)[-1].casefold()}
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0 or tokens[index - 1].type != "paragraph_open":
            continue
        for line in inline_lines(token, context.body_line):
            found = _venue_line(line.text) if not line.has_link_tokens else _venue_link(line)
            if found is None or found[0].casefold() in own:
                continue
            name, venue_text, url = found
            venue = venue_name(venue_text)
            if venue is None:
                continue
            title = clean_title(name)
            papers.append(entry(context, line.number, CONVENTION, title.text, links=(("paper", url),),
                                year=venue.year or title.year, venue=venue.name, short_name=title.short_name,
                                attributes=venue.attributes))
    return papers


def _venue_link(line: Line) -> tuple[str, str, str] | None:
    """(title, venue text, URL) of `ICLR 2025，[Title of the paper](https://arxiv…)，[code](…)`:
    a venue, then a link to a paper labelled with its title, then nothing but links."""
    tokens = [token for token in line.tokens if not (token.type == "text" and not token.content.strip(_SEPARATORS))]
    if len(tokens) < 4 or tokens[0].type != "text" or tokens[1].type != "link_open":
        return None
    venue = tokens[0].content.strip(_SEPARATORS + ":：")
    close = next((index for index in range(2, len(tokens)) if tokens[index].type == "link_close"), len(tokens))
    title, url = line_text(tokens[2:close]), str(tokens[1].attrGet("href") or "")
    depth = 0
    for token in tokens[close + 1:]:  # only links after it: `[code](…)`, `[例子](…)`
        depth += (token.type == "link_open") - (token.type == "link_close")
        if depth == 0 and token.type not in ("link_close",):
            return None
    if len(venue.split()) > _VENUE_WORDS or len(title.split()) < _TITLE_WORDS - 1 or host_kind(url) != "paper":
        return None
    return title, venue, url


def _venue_line(text: str) -> tuple[str, str, str] | None:
    """(name or title, venue text, the paper's URL) of `Name, Venue: URL` or `Venue: Title. URL`."""
    start = text.find("http")
    if start <= 0 or not text.startswith(("http://", "https://"), start):
        return None
    head, parts = text[:start].strip(), [part.strip(_SEPARATORS) for part in text[start:].split()]
    urls = [part.rstrip(".") for part in parts if part]
    if any(not url.startswith(("http://", "https://")) for url in urls):
        return None
    url = next((url for url in urls if host_kind(url) == "paper"), None)
    if url is None:
        return None
    if head.endswith((":", "：")):  # `Name, Venue:`
        name, comma, venue = head[:-1].rpartition(",")
        name = name.strip()
        if not comma or not name or len(name.split()) > _NAME_WORDS or len(venue.split()) > _VENUE_WORDS:
            return None
        return name, venue.strip(), url
    colon = min((at for at in (head.find(":"), head.find("：")) if at > 0), default=-1)
    if colon < 0:
        return None
    venue, title = head[:colon].strip(), head[colon + 1:].strip(_SEPARATORS + ".")
    if len(venue.split()) > _VENUE_WORDS or len(title.split()) < _TITLE_WORDS:
        return None
    return title, venue, url
