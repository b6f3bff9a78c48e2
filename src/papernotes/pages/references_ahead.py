"""A build's References formatted by a helper process on the other core while this one makes the
generated pages and the first pages: the same citeproc-py call on the same items, so the same text."""

from __future__ import annotations

from collections.abc import Iterable

from papernotes.bib.citeproc_run import format_request
from papernotes.bib.csl import format_requests, formatting_ahead, not_stored
from papernotes.model import NoteKey
from papernotes.pages import Site
from papernotes.pages.cite import cited_items
from papernotes.two_processes import Ahead, helper_wanted

# Fewer references to format than this: not worth a helper interpreter (~0.3 s of CPU to start
# and load citeproc-py, on the core that would otherwise idle; a reference takes ~5-10 ms).
AHEAD_MIN_REFERENCES = 20


def reference_requests(site: Site, keys: Iterable[str]) -> list[tuple[str, str]]:
    """(style, items JSON) of each formatting the References of the notes `keys` (in the order
    their pages are made) will ask citeproc-py for, once each, less what the store holds."""
    style = site.bib.csl_style
    requests: dict[str, None] = {}
    for key in keys:
        note = site.graph.notes.get(NoteKey(key))
        if note is None or not note.citations or key not in site.links.published:
            continue
        requests.update(dict.fromkeys(format_requests(cited_items(site, note)[2], style)))
    return [(style, items_json) for items_json in not_stored(style, list(requests))]


def format_ahead(site: Site, keys: Iterable[str]) -> Ahead | None:
    """Start formatting the References of `keys`' pages in a helper process, and have `csl` take
    them from there; None (and citeproc-py here, as ever) when there are few or no second core.
    The caller ends it with `stop`."""
    if not helper_wanted():
        return None
    requests = reference_requests(site, keys)
    if len(requests) < AHEAD_MIN_REFERENCES:
        return None
    ahead = Ahead("papernotes.bib.citeproc_run:format_request", requests, format_request)
    formatting_ahead(ahead)
    return ahead


def stop(ahead: Ahead | None) -> None:
    """References are formatted here again; the helper is stopped."""
    formatting_ahead(None)
    if ahead is not None:
        ahead.close()
