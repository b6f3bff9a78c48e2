"""When papers were read, and the Reading page: papers read per month (an SVG made here,
readable without JavaScript) and the latest ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from papernotes.explore.dates import READ_KEYS, done_date, frontmatter_date, parse_date
from papernotes.model import PaperId
from papernotes.pages import Site
from papernotes.pages.links import paper_html
from papernotes.render import counted

READING_SRC = "reading.md"
CHART_MARK = '<div class="pn-reading-chart"></div>'
LATEST = 30
SOURCE_RANK = {"frontmatter": 0, "done": 1, "note date": 2}  # what a record is worth, best first


@dataclass(frozen=True, slots=True)
class ReadRecord:
    paper: PaperId
    title: str
    date: dt.date
    source: str
    """`frontmatter` (`read:` / `date read:`), `done` (Obsidian Tasks' ✅ date on a queue item)
    or `note date` (the date of a read paper's own note)."""


def read_records(site: Site) -> list[ReadRecord]:
    """One record per paper, from its best source, newest first."""
    found: dict[PaperId, ReadRecord] = {}

    def offer(record: ReadRecord) -> None:
        old = found.get(record.paper)
        if old is None or (SOURCE_RANK[record.source], -record.date.toordinal()) < (
                SOURCE_RANK[old.source], -old.date.toordinal()):
            found[record.paper] = record

    published = site.links.published
    for queue in site.graph.queues:
        if queue.path not in published:
            continue
        for item in queue.items:
            day = done_date(item.title) if item.done and item.paper else None
            if day and item.paper in site.graph.papers:
                offer(ReadRecord(item.paper, site.graph.papers[item.paper].title, day, "done"))
    for pid, paper in site.graph.papers.items():
        note = site.graph.notes.get(paper.note) if paper.note and paper.note in published else None
        if note is None:
            continue
        day = frontmatter_date(note, READ_KEYS)
        if day:
            offer(ReadRecord(pid, paper.title, day, "frontmatter"))
        elif paper.status == "read":
            own = parse_date(note.meta.date) or parse_date(note.meta.created)
            if own:
                offer(ReadRecord(pid, paper.title, own, "note date"))
    return sorted(found.values(), key=lambda r: (-r.date.toordinal(), r.title.casefold(), r.paper))


def _months(records: list[ReadRecord]) -> list[tuple[int, int]]:
    first = min(r.date for r in records)
    last = max(r.date for r in records)
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-60:]  # five years at most: older months are in the list below


def chart_svg(records: list[ReadRecord]) -> str:
    """Bars per month, each with its count as a tooltip (`<title>`), year marks under them."""
    if not records:
        return '<p class="pn-reading-empty">No reading dates recorded yet.</p>'
    counts = Counter((r.date.year, r.date.month) for r in records)
    months = _months(records)
    top = max(counts[m] for m in months) or 1
    bar, gap, height, base = 14, 4, 120, 140
    width = len(months) * (bar + gap) + 40
    parts = [f'<svg class="pn-reading-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 170" '
             f'width="{width}" height="170" role="img" aria-label="Papers read per month">',
             f'<text x="0" y="12" class="pn-axis">{top}</text>',
             f'<line x1="30" y1="{base}" x2="{width}" y2="{base}" class="pn-axis-line"/>']
    for index, (year, month) in enumerate(months):
        count = counts[(year, month)]
        x = 34 + index * (bar + gap)
        size = round(height * count / top)
        label = f"{dt.date(year, month, 1):%b %Y}: {counted(count, 'paper')}"
        parts.append(f'<rect x="{x}" y="{base - size}" width="{bar}" height="{size}" class="pn-bar">'
                     f'<title>{label}</title></rect>')
        if count:
            parts.append(f'<text x="{x + bar / 2}" y="{base - size - 3}" class="pn-count">{count}</text>')
        if month == 1 or index == 0:
            parts.append(f'<text x="{x}" y="{base + 16}" class="pn-axis">{year}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{base + 28}" class="pn-month">{"JFMAMJJASOND"[month - 1]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def reading_page(site: Site, records: list[ReadRecord]) -> str:
    lines = ["# Reading", ""]
    if records:
        sources = Counter(r.source for r in records)
        told = ", ".join(f"{count} from {source}" for source, count in sorted(sources.items()))
        lines += [f"{counted(len(records), 'paper')} with a reading date ({told}).", ""]
    lines += [CHART_MARK, "", "## Latest", ""]
    items = []
    for record in records[:LATEST]:
        paper = site.graph.papers[record.paper]
        items.append(f"<li><time>{record.date.isoformat()}</time> "
                     f"{paper_html(site, paper, READING_SRC)}</li>")
    lines += ['<ul class="pn-reading-latest">', *items, "</ul>"] if items else ["Nothing read yet."]
    return "\n".join(lines) + "\n"


def with_chart(content: str, records: list[ReadRecord]) -> str:
    """The Reading page's HTML with the chart in place (added after sanitising: our own SVG)."""
    return content.replace(CHART_MARK, f'<figure class="pn-reading-chart">{chart_svg(records)}</figure>', 1)
