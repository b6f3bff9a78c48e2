"""How generated pages point at papers and notes: Markdown links, or HTML links for long lists
(a raw HTML block is passed through; every Markdown link is parsed and rendered), relative
to the page being built."""

from __future__ import annotations

import html
from collections.abc import Iterable

from papernotes.model import Paper
from papernotes.pages import Site, topic_src
from papernotes.paths import stem
from papernotes.render import escape_md, md_link, page_url, relative_url
from papernotes.topics import topic_key


def paper_target(site: Site, paper: Paper) -> tuple[str, str] | None:
    """(note key, anchor) where a paper is best read: its own note, else where it is mentioned."""
    return site.links.paper_place(paper)


def paper_topics(site: Site, paper: Paper) -> list[str]:
    """The topic keys of a paper that have a page, one per shown name: `Video Diffusion` and
    `Diffusion/Video Diffusion` are two topics but would read as the same chip twice."""
    by_name: dict[str, str] = {}
    for tag in paper.tags:
        key = topic_key(tag)
        topic = site.graph.topics.get(key)
        if topic is not None:
            by_name.setdefault(topic.name.casefold(), key)
    return list(by_name.values())


def paper_link(site: Site, paper: Paper, base: str, label: str | None = None) -> str:
    """`label` (Markdown; the paper's title when None) linked to the paper's page or its place
    in a note (`paper_target`); the label alone when it has neither."""
    label = escape_md(paper.title) if label is None else label
    target = paper_target(site, paper)
    if target is None:
        return label
    key, anchor = target
    return md_link(label, site.src_of(key), base, anchor)


def note_link(site: Site, key: str, base: str, anchor: str = "") -> str:
    note = site.graph.notes.get(key)  # type: ignore[call-overload]
    label = escape_md(note.title if note else stem(key))
    if key not in site.links.published:
        return label
    return md_link(label, site.src_of(key), base, anchor)


def topic_link(site: Site, key: str, base: str) -> str:
    topic = site.graph.topics[key]
    return md_link(escape_md(topic.name), topic_src(topic), base)


def page_href(site: Site, base: str, target_src: str, anchor: str = "") -> str:
    """The href of a docs page (and anchor) from the page built from `base`, as MkDocs writes it."""
    udu = site.links.use_directory_urls
    url = page_url(target_src, udu) + (f"#{anchor}" if anchor else "")
    return relative_url(url, page_url(base, udu))


def html_text(text: str) -> str:
    """User text shown as is in raw HTML (whitespace runs collapsed, as in the Markdown pages)."""
    return html.escape(" ".join(text.split()), quote=False)


def html_link(label: str, href: str) -> str:
    """`<a>` around HTML `label`."""
    return f'<a href="{html.escape(href)}">{label}</a>'


def paper_html(site: Site, paper: Paper, base: str) -> str:
    label = html_text(paper.title)
    target = paper_target(site, paper)
    if target is None:
        return label
    key, anchor = target
    return html_link(label, page_href(site, base, site.src_of(key), anchor))


def note_html(site: Site, key: str, base: str) -> str:
    note = site.graph.notes.get(key)  # type: ignore[call-overload]
    label = html_text(note.title if note else stem(key))
    if key not in site.links.published:
        return label
    return html_link(label, page_href(site, base, site.src_of(key)))


def topic_html(site: Site, key: str, base: str) -> str:
    topic = site.graph.topics[key]
    return html_link(html_text(topic.name), page_href(site, base, topic_src(topic)))


def html_list(items: Iterable[str]) -> list[str]:
    """A bulleted list as one raw HTML block: the renderer passes it through untouched."""
    return ["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>", ""]
