"""What every recogniser is told about the note it reads, and the one way entries become Papers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from papernotes.entries.links import identifiers
from papernotes.model import NoteKey, NoteMeta, Paper, ReadingStatus, Source


@dataclass(frozen=True, slots=True)
class EntryContext:
    path: NoteKey
    """Vault-relative path of the note, e.g. `Survey/survey_video_LDM.md`."""
    body_line: int
    """1-based file line of the body's first line: file line = `token.map[0] + body_line`."""
    meta: NoteMeta
    """Normalised frontmatter (Dendron's `created` is the date the note was written)."""
    body: str | None = None
    """The note's body text, when known: recognisers whose markers it lacks are skipped."""


def entry(
    context: EntryContext,
    line: int,
    convention: str,
    title: str,
    *,
    links: tuple[tuple[str, str], ...] = (),
    year: int | None = None,
    month: int | None = None,
    venue: str | None = None,
    authors: tuple[str, ...] = (),
    tags: Iterable[str] = (),
    status: ReadingStatus | None = None,
    summary: str = "",
    short_name: str = "",
    attributes: tuple[tuple[str, str], ...] = (),
) -> Paper:
    """A Paper found inline at `line`, its arXiv id and DOI read from its links."""
    arxiv, doi = identifiers(links)
    return Paper(
        title=title,
        sources=(Source(context.path, line, convention),),
        year=year,
        month=month if year is not None else None,
        venue=venue,
        authors=authors,
        tags=tuple(dict.fromkeys(tag for tag in tags if tag)),
        links=links,
        arxiv=arxiv,
        doi=doi,
        status=status,
        summary=summary,
        short_name=short_name,
        anchor="",
        attributes=attributes,
    )
