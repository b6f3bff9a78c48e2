"""Link previews: a small record per page (title, paper facts, first paragraph), fetched when a
reader hovers, focuses or taps a link to that page. Made from the page's own published HTML, so a
preview never shows what the page does not.

Records are grouped in shards of about SHARD_PAGES pages, by a hash of the page's path (FNV-1a,
which papernotes.js computes the same way): a site of 5,000 notes writes 80 files, not 5,000
(each file written costs about as much as making 20 previews), and a reader's first hover
fetches a few kilobytes that also hold the previews of other pages."""

from __future__ import annotations

import html
import json
import re

from papernotes.pages import Site
from papernotes.paths import shown
from papernotes.render import counted
from papernotes.topics import Topic

PREVIEW_DIR = "_papernotes/preview"
SHARD_PAGES = 64
TEXT_LIMIT = 320
_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_TAG_RE = re.compile(r"<[^<>]++>")


def first_paragraph(content: str) -> str:
    """The text of the page's first non-empty paragraph, cut at a word near TEXT_LIMIT."""
    for match in _PARAGRAPH_RE.finditer(content):
        text = " ".join(html.unescape(_TAG_RE.sub("", match.group(1))).split())
        if text:
            if len(text) > TEXT_LIMIT:
                text = text[:TEXT_LIMIT].rsplit(" ", 1)[0] + " …"
            return text
    return ""


def _facts(site: Site, pid: str) -> dict[str, object]:
    paper = site.graph.papers[pid]  # type: ignore[index]
    facts: dict[str, object] = {"title": paper.title}
    for name, value in (("year", paper.year), ("venue", paper.venue), ("status", paper.status)):
        if value:
            facts[name] = value
    if paper.authors:
        facts["authors"] = list(paper.authors[:3]) + (["et al."] if len(paper.authors) > 3 else [])
    return facts


def inline_anchors(site: Site) -> dict[str, dict[str, str]]:
    """Papers written inline, by note and anchor (`paper-latte`), found once for the whole site."""
    found: dict[str, dict[str, str]] = {}
    for pid, paper in sorted(site.graph.papers.items()):
        for source in paper.sources:
            anchor = site.links.line_anchors.get(source.path, {}).get(source.line)
            if anchor:
                found.setdefault(source.path, {}).setdefault(anchor, pid)
    return found


def note_preview(site: Site, key: str, content: str, inline: dict[str, str]) -> dict[str, object]:
    """A note's preview: its paper's facts when it is a paper's note, and the papers written
    inline on it by anchor (a link to `#paper-latte` previews that paper, not the whole note)."""
    note = site.graph.notes[key]  # type: ignore[index]
    pids = site.graph.papers_of_note(key)
    heading = shown(note.headings[0].text) if note.headings and note.headings[0].level == 1 else ""
    data: dict[str, object] = _facts(site, pids[0]) if pids else {"title": note.meta.title or heading or note.title}
    data["kind"] = "paper" if pids else "note"
    data["text"] = first_paragraph(content)
    if inline:
        data["anchors"] = {anchor: _facts(site, pid) for anchor, pid in sorted(inline.items())}
    return data


def topic_preview(topic: Topic) -> dict[str, object]:
    counts = [counted(len(topic.papers), "paper")] + ([counted(len(topic.notes), "note")] if topic.notes else [])
    return {"title": topic.name, "kind": "topic", "text": ", ".join(counts) + "."}


def shard_count(pages: int) -> int:
    return max(1, -(-pages // SHARD_PAGES))


def shard_of(path: str, count: int) -> int:
    """FNV-1a (32 bits) of the page's site path (`Diffusion/DDPM/`, not URL-encoded), modulo count."""
    value = 0x811C9DC5
    for byte in path.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % count


def shard_files(previews: dict[str, dict[str, object]], count: int) -> dict[str, str]:
    """`_papernotes/preview/<n>.json` files: {site path: preview} for the pages whose hash is n."""
    shards: dict[int, dict[str, dict[str, object]]] = {n: {} for n in range(count)}
    for path, preview in previews.items():
        shards[shard_of(path, count)][path] = preview
    return {f"{PREVIEW_DIR}/{n}.json": json.dumps(shard, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            for n, shard in shards.items()}
