"""Fidelity benchmark: the papers papernotes recognises in real vaults, scored against labels.

    .venv/bin/python benchmarks/fidelity/run.py [--corpus /work/corpus] [--vault NAME ...]
                                                [--json OUT.json | --json -] [--details]

For each vault of `manifest.yaml` that has `labels/<name>.yaml`, the vault in `CORPUS/<name>/`
(made by `build_corpus.py`) is loaded with papernotes' core (`load_vault`, `build_graph`, the
`export` JSON layout) and compared with the labels:

- paper notes: precision and recall, a predicted paper note being a note the graph gives a paper;
- inline papers (papers written in lists, tables, queues, headings): precision and recall, a
  prediction matching a label in the same note at the same line, or within 3 lines with the same
  normalised title, or anywhere in that note with the same normalised title; a label on a line
  that links the note of its paper (a labelled paper note the graph recognises) is found too;
- how often the title, year, venue and authors are right, over the matched papers whose label
  states them;
- junk: predicted papers that match no label, by cause (a template placeholder, a URL or DOI, a
  path, a number or date, a to-do, a figure or table caption, a generic heading, a note that is
  not a paper, a table row, other);
- links: of the wikilinks and local Markdown links whose target exists in the vault by Obsidian's
  rules (computed here independently), the share papernotes resolves (no `broken-link` or
  `link-outside-vault` diagnostic for it); the JSON also counts links Obsidian would leave
  unresolved that papernotes resolves silently.

Prints Markdown tables; `--json` writes every number (and, with `--details`, every mismatch).
`--check-labels` only checks the labels against the corpus: each note exists, and each inline
label's title is on (or just after) its line.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
LABELS = HERE / "labels"
DEFAULT_CORPUS = Path("/work/corpus")
LINE_WINDOW = 3


# ---------------------------------------------------------------- labels and predictions

@dataclass(frozen=True, slots=True)
class Labelled:
    """A paper as a person reading the note wrote it down."""

    path: str
    title: str
    line: int | None = None
    also_titles: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Labels:
    paper_notes: tuple[Labelled, ...]
    inline: tuple[Labelled, ...]
    optional_inline: tuple[Labelled, ...] = ()
    optional_notes: tuple[str, ...] = ()
    optional_inline_in: tuple[str, ...] = ()  # globs: inline papers found there are not scored


@dataclass(frozen=True, slots=True)
class Predicted:
    """A paper papernotes found: for a paper note `path` is the note, `line` 1."""

    paper_id: str
    path: str
    line: int
    kind: str
    title: str
    year: int | None
    venue: str | None
    authors: tuple[str, ...]


def _labelled(entry: dict[str, Any]) -> Labelled:
    year = entry.get("year")
    return Labelled(
        path=str(entry["path"]), title=str(entry.get("title") or ""),
        line=int(entry["line"]) if entry.get("line") is not None else None,
        also_titles=tuple(str(t) for t in entry.get("also_titles") or ()),
        year=int(year) if year is not None and str(year).isdigit() else None,
        venue=str(entry["venue"]) if entry.get("venue") else None,
        authors=tuple(str(a) for a in entry.get("authors") or ()),
    )


def read_labels(path: Path) -> Labels:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Labels(
        paper_notes=tuple(_labelled(e) for e in data.get("paper_notes") or ()),
        inline=tuple(_labelled(e) for e in data.get("inline_papers") or ()),
        optional_inline=tuple(_labelled(e) for e in data.get("optional_inline") or ()),
        optional_notes=tuple(str(e["path"]) for e in data.get("optional_notes") or ()),
        optional_inline_in=tuple(str(g) for g in data.get("optional_inline_in") or ()),
    )


def load_graph(vault: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `export` JSON of the whole vault (private notes included) and every diagnostic."""
    from papernotes.export import graph_json
    from papernotes.graph import build_graph
    from papernotes.loader import load_vault

    loaded = load_vault(vault)
    graph = build_graph(loaded.notes, loaded.attachments)
    diagnostics = [asdict(d) for d in (*loaded.diagnostics, *graph.diagnostics)]
    return graph_json(graph), diagnostics


def predictions(document: dict[str, Any]) -> tuple[dict[str, Predicted], list[Predicted]]:
    """(paper notes by path, every note that is a source of a paper; inline papers: one per source
    that is not a note)."""
    notes: dict[str, Predicted] = {}
    inline: list[Predicted] = []
    for paper in document["papers"]:
        facts = dict(paper_id=paper["id"], title=paper.get("title") or "", year=paper.get("year"),
                     venue=paper.get("venue"), authors=tuple(paper.get("authors") or ()))
        if paper.get("note"):
            notes[paper["note"]] = Predicted(path=paper["note"], line=1, kind="note", **facts)
        for source in paper.get("sources") or ():
            if source["kind"] == "note" and source["path"] != paper.get("note"):
                # a second note of the same paper (two Zotero items of one paper): a paper note too
                notes.setdefault(source["path"], Predicted(path=source["path"], line=1, kind="note", **facts))
            elif source["kind"] != "note" and source["path"] != paper.get("note"):
                inline.append(Predicted(path=source["path"], line=int(source["line"]),
                                        kind=source["kind"], **facts))
    return notes, inline


# ---------------------------------------------------------------- comparing facts

def fold(text: str) -> str:
    """Casefolded letters and digits only (any script), for comparing titles."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\\(beta|alpha|gamma|pi|delta|lambda|mu|sigma)\b",
                  lambda m: unicodedata.lookup("GREEK SMALL LETTER " + m.group(1).upper()), text)
    return "".join(ch for ch in text if ch.isalnum())


def same_title(predicted: str, labelled: Labelled) -> bool:
    wanted = [fold(t) for t in (labelled.title, *labelled.also_titles) if t]
    got = fold(predicted)
    if not got:
        return False
    for want in wanted:
        if got == want:
            return True
        short, long_ = sorted((got, want), key=len)
        if len(short) >= 0.6 * len(long_) and short in long_:
            return True
        if SequenceMatcher(None, got, want).ratio() >= 0.9:
            return True
    return False


VENUE_ALIASES = {"nips": "neurips"}


def same_venue(predicted: str | None, labelled: str) -> bool:
    def norm(v: str) -> str:
        v = "".join(ch for ch in unicodedata.normalize("NFKC", v).casefold() if ch.isalpha())  # 地理学报 too
        return VENUE_ALIASES.get(v, v)
    got, want = norm(predicted or ""), norm(labelled)
    return len(got) >= 2 and want != "" and (want in got or got in want)


def surname(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).strip()
    part = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
    return part.casefold().strip(" .*∗")


def same_authors(predicted: tuple[str, ...], labelled: tuple[str, ...]) -> bool:
    return bool(predicted) and {surname(a) for a in predicted} == {surname(a) for a in labelled}


@dataclass(slots=True)
class FactScore:
    """Right / stated, for one fact over the matched papers whose label states it."""

    right: int = 0
    stated: int = 0

    def add(self, stated: bool, right: bool) -> None:
        if stated:
            self.stated += 1
            self.right += int(right)


@dataclass(slots=True)
class Facts:
    title: FactScore = field(default_factory=FactScore)
    year: FactScore = field(default_factory=FactScore)
    venue: FactScore = field(default_factory=FactScore)
    authors: FactScore = field(default_factory=FactScore)
    wrong: list[str] = field(default_factory=list)

    def compare(self, got: Predicted, want: Labelled) -> None:
        checks = {
            "title": (True, same_title(got.title, want)),
            "year": (want.year is not None, got.year == want.year),
            "venue": (want.venue is not None, same_venue(got.venue, want.venue or "")),
            "authors": (bool(want.authors), same_authors(got.authors, want.authors)),
        }
        for name, (stated, right) in checks.items():
            getattr(self, name).add(stated, right)
            if stated and not right:
                value = getattr(got, name)
                self.wrong.append(f"{want.path}:{want.line or 1}: {name} {value!r}, "
                                  f"labelled {getattr(want, name)!r}")


# ---------------------------------------------------------------- matching

def match_inline(labels: list[Labelled], found: list[Predicted]) -> list[tuple[Labelled, Predicted]]:
    """One-to-one pairs: same note and line; else same title within a few lines; else same title."""
    pairs: list[tuple[Labelled, Predicted]] = []
    free = list(found)

    def take(label: Labelled, accept: Any) -> None:
        candidates = [p for p in free if p.path == label.path and accept(p)]
        if candidates:
            best = min(candidates, key=lambda p: abs(p.line - (label.line or p.line)))
            free.remove(best)
            pairs.append((label, best))

    rules = [
        lambda lab: lambda p: lab.line is not None and p.line == lab.line,
        lambda lab: lambda p: lab.line is not None and abs(p.line - lab.line) <= LINE_WINDOW
        and same_title(p.title, lab),
        lambda lab: lambda p: same_title(p.title, lab),
    ]
    pending = list(labels)
    for rule in rules:
        for label in list(pending):
            before = len(pairs)
            take(label, rule(label))
            if len(pairs) > before:
                pending.remove(label)
    return pairs


# ---------------------------------------------------------------- junk

GENERIC_HEADINGS = {
    "abstract", "introduction", "intro", "summary", "method", "methods", "methodology", "approach",
    "conclusion", "conclusions", "reference", "references", "ref", "refandtag", "relatedwork",
    "experiment", "experiments", "results", "result", "background", "overview", "motivation",
    "note", "notes", "contribution", "contributions", "discussion", "limitations", "futurework",
    "appendix", "keypoints", "keyidea", "ideas", "idea", "tldr", "insight", "insights", "todo",
    "readme", "index", "home", "links", "resources", "papers", "paper", "reading", "readinglist",
    "tag", "tags", "refandlink", "refandlinks", "refandtags", "linkandref", "link", "related",
    "excerpts", "excerpt", "highlights", "annotations", "quotes", "comments", "questions",
    "摘要", "总结", "方法", "实验", "结论", "引言", "背景", "参考", "参考文献", "思考", "笔记", "论文",
    "요약", "결론", "방법", "실험", "서론", "개요", "초록", "논문", "참고", "참고문헌",
}
TODO_START = re.compile(
    r"^(todo|to-do|to do|fix|add|write|read|check|figure out|try|make|update|finish|review|"
    r"implement|learn|look into|think about|find|ask|send|prepare|clean|set up|install)\b", re.I)


def junk_cause(paper: dict[str, Any]) -> str:
    """Why a predicted paper that matches no label is junk, by simple rules on its title."""
    title = (paper.get("title") or "").strip()
    kinds = {s["kind"] for s in paper.get("sources") or ()}
    if re.search(r"\{\{|\}\}|<%|%>|\[[^\]]*(title|제목|标题)[^\]]*\]|^\[[^\]]+\]$", title, re.I):
        return "template placeholder"
    if re.search(r"^(https?://|www\.)|://|^10\.\d{4,}/|^(arxiv:)?\d{4}\.\d{4,5}(v\d+)?$", title, re.I):
        return "URL or identifier"
    if re.fullmatch(r"(~|\.{1,2})?/?[\w.-]+(/[\w.-]+)+/?|/[\w.-]+", title) or re.search(
            r"\.(md|pdf|png|jpe?g|py|txt|html?)$", title, re.I):
        return "path"
    if re.fullmatch(r"[\d\s./:-]+", title):
        return "number or date"
    if TODO_START.match(title) or re.search(r"TODO|(^|\s)要|需要|待办|할 일", title) or "queue" in kinds:
        return "to-do / queue item"
    if re.match(r"^(figure|fig\.|table|tab\.|图|表|그림|표)\s*\d", title, re.I):
        return "figure or table caption"
    if fold(title) in GENERIC_HEADINGS or len(fold(title)) <= 2:
        return "generic heading"
    if kinds == {"note"}:
        return "note that is not a paper"
    if "table" in kinds:
        return "table row"
    return "other"


# ---------------------------------------------------------------- links

WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
MDLINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def link_lines(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, target) of every wikilink/embed and local Markdown link outside code and math."""
    found: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        ends = [i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")]
        start = ends[0] + 1 if ends else 0
    in_code = in_math = False
    for number, line in enumerate(lines[start:], start + 1):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if line.strip() == "$$":
            in_math = not in_math
            continue
        if in_code or in_math:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for match in WIKILINK.finditer(line):
            target = match.group(2).replace("\\|", "|").split("|")[0].split("#")[0].strip()
            if target:
                found.append((number, "wikilink", target))
        for match in MDLINK.finditer(line):
            target = match.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                continue
            target = unquote(target.split("#")[0])
            if target:
                found.append((number, "markdown", target))
    return found


def resolves_in_obsidian(target: str, kind: str, source: str, files: dict[str, str]) -> bool:
    """Whether Obsidian finds `target` written in `source`; `files` maps folded path -> path."""
    t = target.strip().lstrip("/").casefold()
    if kind == "markdown":
        base = source.rsplit("/", 1)[0] if "/" in source else ""
        parts: list[str] = []
        for piece in (base + "/" + t if base else t).split("/"):
            if piece == "..":
                if not parts:
                    return False
                parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        relative = "/".join(parts)
        return any(c in files for c in (relative, relative + ".md", t, t + ".md"))
    for candidate in (t, t + ".md"):
        if candidate in files or any(p.endswith("/" + candidate) for p in files):
            return True
    return False


def link_resolution(vault: Path, diagnostics: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(links Obsidian resolves, of which papernotes resolves too, links Obsidian does not resolve
    but papernotes does: no diagnostic for them)."""
    files = {p.relative_to(vault).as_posix().casefold(): p.relative_to(vault).as_posix()
             for p in vault.rglob("*") if p.is_file() and not any(
                 part.startswith(".") for part in p.relative_to(vault).parts)}
    broken: dict[tuple[str, int], list[str]] = {}
    for d in diagnostics:
        if d["code"] in ("broken-link", "link-outside-vault"):
            broken.setdefault((d["path"], int(d["line"])), []).append(d["message"])
    resolvable = resolved = over_resolved = 0
    for folded, path in files.items():
        if not folded.endswith((".md", ".markdown")):
            continue
        text = (vault / path).read_text(encoding="utf-8", errors="replace")
        for line, kind, target in link_lines(text):
            messages = broken.get((path, line), [])
            silent = not any(target in m or unquote(target) in m for m in messages)
            if resolves_in_obsidian(target, kind, path, files):
                resolvable += 1
                resolved += silent
            else:
                over_resolved += silent
    return resolvable, resolved, over_resolved


# ---------------------------------------------------------------- one vault

@dataclass(slots=True)
class VaultResult:
    name: str
    notes: int = 0
    labelled_notes: int = 0
    predicted_notes: int = 0
    right_notes: int = 0
    labelled_inline: int = 0
    predicted_inline: int = 0
    right_inline: int = 0
    facts: Facts = field(default_factory=Facts)
    junk: Counter[str] = field(default_factory=Counter)
    linked_inline: int = 0
    """Inline labels found as a link to their paper's note (see `score_inline`)."""
    links_resolvable: int = 0
    links_resolved: int = 0
    links_over_resolved: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    junk_papers: list[str] = field(default_factory=list)


def score_notes(result: VaultResult, labels: Labels, notes: dict[str, Predicted]) -> set[str]:
    """Paper notes against labels; the ids of the papers that matched a label."""
    wanted = {label.path: label for label in labels.paper_notes}
    result.labelled_notes = len(wanted)
    result.predicted_notes = len([p for p in notes if p not in labels.optional_notes])
    matched: set[str] = set()
    for path, label in wanted.items():
        if path in notes:
            result.right_notes += 1
            result.facts.compare(notes[path], label)
            matched.add(notes[path].paper_id)
        else:
            result.missed.append(f"{path}: paper note not recognised ({label.title})")
    result.spurious += [f"{path}: not a paper note, recognised as {got.title!r}"
                        for path, got in notes.items()
                        if path not in wanted and path not in labels.optional_notes]
    return matched


def linked_notes(document: dict[str, Any], notes: dict[str, Predicted]) -> dict[tuple[str, int], list[Predicted]]:
    """(note, line) -> the predicted paper notes that a link or embed on that line leads to."""
    found: dict[tuple[str, int], list[Predicted]] = {}
    for edge in document.get("edges") or ():
        if edge["kind"] in ("link", "embed") and edge["target"] in notes:
            found.setdefault((edge["source"], int(edge["line"])), []).append(notes[edge["target"]])
    return found


def score_inline(result: VaultResult, labels: Labels, inline: list[Predicted],
                 linked: dict[tuple[str, int], list[Predicted]] | None = None) -> tuple[set[str], set[str]]:
    """Inline papers against labels; (ids that matched a label, ids of optional entries).

    A label that no inline paper matches is still found when its line links the note of that
    paper (a reading list of links to paper notes, `- [[2020_Obi_Title]]`): the note must be
    labelled a paper note and be one in the graph, with the label's title; the site then shows
    the item as a link to the paper's page. It counts as predicted and right, and its facts are
    scored once, with the note."""
    pairs = match_inline(list(labels.inline), inline)
    paired_found = {got for _, got in pairs}
    optional = match_inline(list(labels.optional_inline), [p for p in inline if p not in paired_found])
    ignored = {got for _, got in optional} | {
        p for p in inline if any(fnmatch.fnmatchcase(p.path, g) for g in labels.optional_inline_in)}
    result.labelled_inline = len(labels.inline)
    result.predicted_inline = len([p for p in inline if p not in ignored])
    result.right_inline = len(pairs)
    for label, got in pairs:
        result.facts.compare(got, label)
    paired = {id(label) for label, _ in pairs}
    paper_notes = {label.path for label in labels.paper_notes}
    for label in labels.inline:
        if id(label) in paired or label.line is None:
            continue
        targets = [got for got in (linked or {}).get((label.path, label.line), ())
                   if got.path in paper_notes and same_title(got.title, label)]
        if targets:
            paired.add(id(label))
            result.linked_inline += 1
            result.predicted_inline += 1
            result.right_inline += 1
    result.missed += [f"{lab.path}:{lab.line}: inline paper not found ({lab.title})"
                      for lab in labels.inline if id(lab) not in paired]
    result.spurious += [f"{p.path}:{p.line}: {p.kind} {p.title!r} matches no label"
                        for p in inline if p not in paired_found | ignored]
    return {got.paper_id for got in paired_found}, {got.paper_id for got in ignored}


def count_junk(result: VaultResult, document: dict[str, Any], spared: set[str],
               optional_notes: tuple[str, ...]) -> None:
    """Predicted papers that match no label (nor an optional one), by cause."""
    for paper in document["papers"]:
        if paper["id"] in spared or paper.get("note") in optional_notes:
            continue
        cause = junk_cause(paper)
        result.junk[cause] += 1
        first = (paper.get("sources") or [{"path": "?", "line": 0}])[0]
        result.junk_papers.append(f"{first['path']}:{first['line']}: junk ({cause}): "
                                  f"{paper.get('title')!r}, {len(paper.get('sources') or ())} sources")


def score(name: str, labels: Labels, document: dict[str, Any],
          diagnostics: list[dict[str, Any]], vault: Path | None) -> VaultResult:
    result = VaultResult(name=name, notes=len(document["notes"]))
    notes, inline = predictions(document)
    matched = score_notes(result, labels, notes)
    matched_inline, ignored = score_inline(result, labels, inline, linked_notes(document, notes))
    count_junk(result, document, matched | matched_inline | ignored, labels.optional_notes)
    if vault is not None:
        result.links_resolvable, result.links_resolved, result.links_over_resolved = \
            link_resolution(vault, diagnostics)
    return result


# ---------------------------------------------------------------- output

def ratio(right: int, total: int) -> str:
    return f"{right / total:.2f} ({right}/{total})" if total else "–"


def total(results: list[VaultResult]) -> VaultResult:
    """Every vault's counts added up (micro-averaged), as one more row."""
    whole = VaultResult(name="**all vaults**")
    for r in results:
        for name in ("notes", "labelled_notes", "predicted_notes", "right_notes", "labelled_inline",
                     "predicted_inline", "right_inline", "linked_inline", "links_resolvable", "links_resolved",
                     "links_over_resolved"):
            setattr(whole, name, getattr(whole, name) + getattr(r, name))
        for fact in ("title", "year", "venue", "authors"):
            mine, theirs = getattr(whole.facts, fact), getattr(r.facts, fact)
            mine.right, mine.stated = mine.right + theirs.right, mine.stated + theirs.stated
        whole.junk.update(r.junk)
    return whole


def markdown(results: list[VaultResult]) -> str:
    results = [*results, total(results)] if len(results) > 1 else results
    head = ("| vault | notes | paper notes P | paper notes R | inline P | inline R | title | year "
            "| venue | authors | junk | links resolved |")
    rows = [head, "|" + " --- |" * 12]
    for r in results:
        f = r.facts
        rows.append(" | ".join([
            f"| {r.name}", str(r.notes),
            ratio(r.right_notes, r.predicted_notes), ratio(r.right_notes, r.labelled_notes),
            ratio(r.right_inline, r.predicted_inline), ratio(r.right_inline, r.labelled_inline),
            ratio(f.title.right, f.title.stated), ratio(f.year.right, f.year.stated),
            ratio(f.venue.right, f.venue.stated), ratio(f.authors.right, f.authors.stated),
            str(sum(r.junk.values())), ratio(r.links_resolved, r.links_resolvable),
        ]) + " |")
    causes = sorted({c for r in results for c in r.junk}) or ["none"]
    rows += ["", "Junk papers (predicted, matching no label) by cause:", "",
             "| vault | " + " | ".join(causes) + " |", "|" + " --- |" * (len(causes) + 1)]
    for r in results:
        rows.append(f"| {r.name} | " + " | ".join(str(r.junk.get(c, 0)) for c in causes) + " |")
    return "\n".join(rows)


def as_json(r: VaultResult, details: bool) -> dict[str, Any]:
    f = r.facts
    out: dict[str, Any] = {
        "vault": r.name, "notes": r.notes,
        "paper_notes": {"labelled": r.labelled_notes, "predicted": r.predicted_notes,
                        "right": r.right_notes},
        "inline_papers": {"labelled": r.labelled_inline, "predicted": r.predicted_inline,
                          "right": r.right_inline, "linked_to_note": r.linked_inline},
        "facts": {k: {"right": getattr(f, k).right, "stated": getattr(f, k).stated}
                  for k in ("title", "year", "venue", "authors")},
        "junk": dict(sorted(r.junk.items())),
        "links": {"resolvable": r.links_resolvable, "resolved": r.links_resolved,
                  "unresolvable_but_resolved": r.links_over_resolved},
    }
    if details:
        out.update(missed=r.missed, spurious=r.spurious, wrong_facts=f.wrong, junk_papers=r.junk_papers)
    return out


def check_labels(labels: Labels, vault: Path) -> list[str]:
    """Labels that do not fit their note: a missing file, or a line that does not hold the title."""
    problems = []
    for label in (*labels.paper_notes, *labels.inline, *labels.optional_inline):
        path = vault / label.path
        if not path.is_file():
            problems.append(f"{label.path}: no such note")
            continue
        if label.line is None:
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        near = " ".join(lines[max(label.line - 1, 0):label.line + 2]) if label.line <= len(lines) else ""
        wanted = [fold(t) for t in (label.title, *label.also_titles)]
        if not any(w and w in fold(near) for w in wanted):
            problems.append(f"{label.path}:{label.line}: {label.title!r} is not on that line")
    return problems


def vault_names(manifest: Path = MANIFEST) -> list[str]:
    return [v["name"] for v in yaml.safe_load(manifest.read_text(encoding="utf-8"))["vaults"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--vault", action="append", help="only this vault (repeatable)")
    parser.add_argument("--json", help="write the results as JSON to this file ('-': stdout)")
    parser.add_argument("--details", action="store_true",
                        help="also list every miss, spurious paper and wrong fact")
    parser.add_argument("--check-labels", action="store_true",
                        help="only check the labels against the corpus (files exist, titles on their lines)")
    args = parser.parse_args(argv)
    names = [n for n in vault_names() if not args.vault or n in args.vault]
    results = []
    for name in names:
        label_file, vault = args.labels / f"{name}.yaml", args.corpus / name
        if not label_file.is_file():
            print(f"{name}: no labels yet ({label_file})", file=sys.stderr)
            continue
        if not vault.is_dir():
            print(f"{name}: {vault} is missing; run benchmarks/fidelity/build_corpus.py",
                  file=sys.stderr)
            continue
        if args.check_labels:
            problems = check_labels(read_labels(label_file), vault)
            print(f"{name}: {len(problems)} label problems", *problems, sep="\n  ")
            continue
        document, diagnostics = load_graph(vault)
        results.append(score(name, read_labels(label_file), document, diagnostics, vault))
    if args.check_labels:
        return 0
    if args.json != "-":
        print(markdown(results))
    if args.details and args.json is None:
        for r in results:
            for line in (*r.missed, *r.spurious, *r.facts.wrong, *r.junk_papers):
                print(f"{r.name}: {line}")
    if args.json:
        text = json.dumps([as_json(r, args.details) for r in results], ensure_ascii=False, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
