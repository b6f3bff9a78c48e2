"""Decisions as text: why one note is or is not a paper, and a vault's recognition summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from papernotes.model import NoteKey, Paper
from papernotes.recognise.decide import ALMOST, Decision
from papernotes.recognise.signals import Facts


def explain(decision: Decision, paper: Paper | None = None, prefix: str = "") -> str:
    """Every signal with its weight and reason, the verdict, and the facts found."""
    verdict = "is a paper's note" if decision.is_paper else "is not a paper's note"
    how = (f"{decision.overridden_by} decides (the signals score {decision.score:g})" if decision.overridden_by
           else f"score {decision.score:.1f}, threshold {decision.threshold:.1f}")
    lines = [f"{prefix}{decision.path}: {verdict}: {how}"]
    if not decision.signals:
        lines.append("  no signal: no paper folder, paper facts, paper links or queue naming it")
    for signal in decision.signals:
        where = f" (line {signal.line})" if signal.line > 1 else ""
        lines.append(f"  {signal.weight:+.1f}  {signal.name:<22} {signal.reason}{where}")
    facts = fact_items(decision.facts, paper)
    if facts:
        lines.append("  found: " + "; ".join(f"{name}: {value}" for name, value in facts))
    return "\n".join(lines)


def fact_items(facts: Facts, paper: Paper | None) -> list[tuple[str, str]]:
    """(name, value) of the title, year, venue, authors, topics and ids: the paper's when it is
    one (after merging every mention), else what the note's signals found."""
    values: dict[str, Any] = {
        "title": paper.title if paper else facts.title,
        "year": paper.year if paper else facts.year,
        "venue": paper.venue if paper else facts.venue,
        "authors": ", ".join(paper.authors if paper else facts.authors),
        "topics": ", ".join(paper.tags if paper else facts.topics),
        "arXiv": paper.arxiv if paper else facts.arxiv,
        "DOI": paper.doi if paper else facts.doi,
    }
    return [(name, str(value)) for name, value in values.items() if value]


def summary(decisions: Mapping[NoteKey, Decision], limit: int = 10) -> dict[str, Any]:
    """How many paper notes, by which signals, by the user's choice, and the near misses."""
    papers = [d for d in decisions.values() if d.is_paper]
    by_signal = Counter(signal.name for d in papers if not d.overridden_by for signal in d.signals
                        if signal.weight > 0)
    almost = sorted((d for d in decisions.values() if d.almost), key=lambda d: (-d.score, d.path))
    return {
        "paper_notes": len(papers),
        "notes": len(decisions),
        "by_signal": dict(by_signal.most_common()),
        "by_user": sum(1 for d in papers if d.overridden_by),
        "not_by_user": sum(1 for d in decisions.values() if d.overridden_by and not d.is_paper),
        "almost": [{"path": d.path, "score": d.score,
                    "signals": [s.name for s in d.signals if s.weight > 0]} for d in almost[:limit]],
        "almost_count": len(almost),
    }


def summary_lines(decisions: Mapping[NoteKey, Decision], prefix: str = "") -> list[str]:
    found = summary(decisions)
    signals = ", ".join(f"{name} {count}" for name, count in found["by_signal"].items()) or "none"
    lines = [f"paper notes: {found['paper_notes']} of {found['notes']} notes; signals: {signals}"]
    if found["by_user"] or found["not_by_user"]:
        lines.append(f"  decided by frontmatter or config: {found['by_user']} papers, "
                     f"{found['not_by_user']} not papers")
    if found["almost"]:
        lines.append(f"almost papers (score {ALMOST:g} or more, under the threshold; "
                     "`papernotes explain NOTE` says why):")
        lines += [f"  {prefix}{item['path']}: {item['score']:g} ({', '.join(item['signals'])})"
                  for item in found["almost"]]
        if found["almost_count"] > len(found["almost"]):
            lines.append(f"  ... and {found['almost_count'] - len(found['almost'])} more")
    return lines
