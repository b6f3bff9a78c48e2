"""`feed.xml`: an Atom feed of recently read papers and recently changed paper notes.

Written with the standard library (no feedgen/lxml dependency): the feed is small and its shape
fixed. Deterministic: the feed's `<updated>` is its newest entry's date, never the build time.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from papernotes.explore.reading import ReadRecord
from papernotes.pages import Site
from papernotes.pages.links import paper_target
from papernotes.render import page_url

FEED_SRC = "feed.xml"
# What XML 1.0 cannot hold, even escaped (C0 controls but tab and newlines, U+FFFE, U+FFFF, lone
# surrogates): one such character in a title would make feed readers refuse the whole feed.
_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # `read` or `changed`
    title: str
    url: str
    when: dt.datetime
    summary: str


def _url(site: Site, key: str, anchor: str = "") -> str:
    return page_url(site.src_of(key), site.links.use_directory_urls).removeprefix("./") + (
        f"#{anchor}" if anchor else "")


def entries(site: Site, records: list[ReadRecord], changed: dict[str, tuple[dt.datetime, str]]) -> list[Entry]:
    """Read papers (their reading date) and paper notes (their last change), newest first."""
    found: list[Entry] = []
    for record in records:
        target = paper_target(site, site.graph.papers[record.paper])
        if target is not None:
            found.append(Entry("read", f"Read: {record.title}", _url(site, *target),
                               dt.datetime.combine(record.date, dt.time(), dt.UTC),
                               f"Read on {record.date.isoformat()} ({record.source})."))
    for key, (when, source) in changed.items():
        if key not in site.links.published:
            continue
        for pid in site.graph.papers_of_note(key)[:1]:
            paper = site.graph.papers[pid]
            facts = " · ".join(str(part) for part in (paper.venue, paper.year) if part)
            found.append(Entry("changed", paper.title, _url(site, key), when,
                               f"Note updated ({source}){': ' + facts if facts else ''}."))
    found.sort(key=lambda e: (-e.when.timestamp(), e.kind, e.title.casefold(), e.url))
    return found[:LIMIT]


def _id(base: str, entry: Entry) -> str:
    if base:
        return f"{base}{entry.url}#{entry.kind}-{entry.when.date().isoformat()}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"papernotes:{entry.kind}:{entry.url}:{entry.when.isoformat()}").urn


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(site_name: str, site_url: str, author: str, items: list[Entry]) -> str:
    """The feed as Atom 1.0: id, title, updated and author on the feed; id, title, updated, link
    and summary on each entry. Links are absolute with `site_url`, else relative to the feed."""
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        child.text = text
        return child

    add(feed, "id", base or uuid.uuid5(uuid.NAMESPACE_URL, f"papernotes:{site_name}").urn)
    add(feed, "title", f"{site_name}: reading")
    add(feed, "updated", _stamp(items[0].when) if items else "1970-01-01T00:00:00Z")
    add(add(feed, "author"), "name").text = author or site_name
    add(feed, "link", rel="self", href=f"{base}{FEED_SRC}")
    add(feed, "link", rel="alternate", href=base or "./")
    add(feed, "generator", "papernotes")
    for item in items:
        entry = add(feed, "entry")
        add(entry, "id", _id(base, item))
        add(entry, "title", item.title)
        add(entry, "updated", _stamp(item.when))
        add(entry, "link", rel="alternate", href=f"{base}{item.url}")
        add(entry, "category", term=item.kind)
        add(entry, "summary", item.summary)
    ET.indent(feed)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
    return _NOT_XML_RE.sub("", text)


def alternate_link(href: str, site_name: str) -> str:
    from html import escape

    return (f'<link rel="alternate" type="application/atom+xml" title="{escape(site_name)}: reading" '
            f'href="{escape(href)}">')
