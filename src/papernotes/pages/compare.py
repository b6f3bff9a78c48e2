"""The comparison page, its data file (published papers' attributes as JSON) and topic pages'
comparison tables."""

from __future__ import annotations

import json
from collections.abc import Sequence

from papernotes.compare import COMPARE_SRC, DATA_SRC
from papernotes.compare.attributes import PaperAttributes, columns_by_coverage, label, short
from papernotes.compare.table import DEFAULT_FACTS, compare_href, rows, table_html
from papernotes.model import Paper, PaperId
from papernotes.pages import Site, topic_src
from papernotes.pages.kept import KeepRow
from papernotes.pages.links import paper_target
from papernotes.render import page_url

DATA_FACTS = ("year", "venue", "status", "authors")
MAX_AUTHORS = 3


def topic_table(site: Site, key: str, attributes: PaperAttributes,
                papers: Sequence[tuple[PaperId, Paper]], kept: KeepRow | None = None) -> list[str]:
    """A topic's papers compared, as lines of its page; no lines when no attribute is filled
    for enough of them (the page then lists the papers). `kept`: rows kept between rebuilds."""
    base = topic_src(site.graph.topics[key])
    table_rows = rows(attributes, papers)
    columns = columns_by_coverage([row.cells for row in table_rows])
    if not columns:
        return []
    return table_html(site, table_rows, [*DEFAULT_FACTS, *columns], base, compare_href(site, base),
                      attributes.html, kept=kept)


def compare_page() -> str:
    """Filled in the browser (papernotes.js) from the data file and the ids in the page's URL."""
    return ("# Compare papers\n\n"
            '<div id="pn-compare" class="pn-compare">\n'
            "<p>Tick papers in the Papers table or a topic's table, then press "
            "<em>Compare ticked papers</em>: they are shown here side by side, and this page's "
            "address lists them, so the comparison can be shared as a link.</p>\n"
            "</div>\n")


def compare_data(site: Site, attributes: PaperAttributes) -> str:
    """Every published paper's attributes as compact JSON: `labels` (attribute key -> column
    name), `papers` (id -> `t` title, `u` URL from the site's root, `a` attribute -> text).
    Only papers of published notes are in the graph, so nothing of a private note is here."""
    labels: dict[str, str] = {name: label(name) for name in DATA_FACTS}
    papers: dict[str, dict[str, object]] = {}
    for pid, paper in sorted(site.graph.papers.items()):
        values = _facts(paper)
        for key, cell in attributes.of(pid, paper).items():
            values[key] = short(cell.text)
            labels.setdefault(key, label(key))
        entry: dict[str, object] = {"t": paper.title, "a": values}
        url = _url(site, paper)
        if url is not None:
            entry["u"] = url
        papers[pid] = entry
    return json.dumps({"labels": labels, "papers": papers}, ensure_ascii=False, separators=(",", ":"))


def _facts(paper: Paper) -> dict[str, str]:
    authors = list(paper.authors[:MAX_AUTHORS]) + (["et al."] if len(paper.authors) > MAX_AUTHORS else [])
    facts = {"year": str(paper.year or ""), "venue": paper.venue or "", "status": paper.status or "",
             "authors": ", ".join(authors)}
    return {key: short(value) for key, value in facts.items() if value}


def _url(site: Site, paper: Paper) -> str | None:
    """The paper's page (or the line that lists it) as a URL from the site's root."""
    target = paper_target(site, paper)
    if target is None:
        return None
    key, anchor = target
    return page_url(site.src_of(key), site.links.use_directory_urls) + (f"#{anchor}" if anchor else "")


__all__ = ["COMPARE_SRC", "DATA_SRC", "compare_data", "compare_href", "compare_page", "topic_table"]
