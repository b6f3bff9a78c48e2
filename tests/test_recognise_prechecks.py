"""Patterns and pre-checks rewritten to load notes faster find exactly what the ones they replace found."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from papernotes.entries import GATES, _at_line_start, bracket_titles, daily_sections
from papernotes.entries.context import EntryContext
from papernotes.entries.paper_lists import PAPERS_HEADING_RE
from papernotes.entries.reference_lists import recognise as reference_lists
from papernotes.loader import load_vault
from papernotes.markdown import make_parser
from papernotes.markdown.html import REMEMBERED_CODE, _code_block, code_block
from papernotes.model import Note, NoteKey, NoteMeta
from papernotes.recognise import fields
from papernotes.recognise.signals import Facts

# as they were written before (main at 4c40d07)
OLD_PAPERS_HEADING_RE = re.compile(
    r"\bpapers\b|\bpaper[\s-]*(?:notes|reading)\b|\breading[\s-]*list|\bliterature\b|\breferences\b"
    r"|论文列表|相关论文|相關論文|参考文献"
    r"|논문\s*목록|관련\s*논문|참고\s*문헌",
    re.IGNORECASE,
)
OLD_HASHTAG_LINE_RE = re.compile(r"^#[^\s#]", re.MULTILINE)
OLD_BRACKET_LINE_RE = re.compile(r"^\[[^\[\]\n]++\][ \t]*+$", re.MULTILINE)

# the words' pieces, their case variants and the characters Python's re.IGNORECASE also folds
# (`ſ` is `s`, `İ` and `ı` are `i`, `K` is `k`), word boundaries, CJK, line breaks
PIECES = ["paper", "PAPERS", "Paper", "s", "ſ", " ", "-", "\n", "notes", "reading", "READING", " list", "lıterature",
          "lİterature", "literature", "references", "REFERENCES", "x", "_", "论文", "列表", "相关", "相關論文", "参考",
          "文献", "논문", " ", "목록", "관련", "참고", "문헌", "#", "##", "#x", "# ", "[", "]", "[Title]", "\n[Title]",
          "[Title]\n", " \t", "é", "1"]


def _texts(seed: int, count: int) -> list[str]:
    chance = random.Random(seed)
    return ["".join(chance.choice(PIECES) for _ in range(chance.randint(0, 14))) for _ in range(count)]


def test_papers_heading_pattern_matches_as_before() -> None:
    texts = _texts(1, 20_000) + ["Papers", "paper-notes", "Reading  list", "参考文献", "관련 논문", "PAPERſ", "ſpapers"]
    found = 0
    for text in texts:
        old, new = OLD_PAPERS_HEADING_RE.search(text), PAPERS_HEADING_RE.search(text)
        assert (old and old.span()) == (new and new.span()), text
        found += old is not None
    assert 1_000 < found < len(texts) - 1_000  # both kinds are well represented


@pytest.mark.parametrize(("old", "new"), [(OLD_HASHTAG_LINE_RE, daily_sections.recognise),
                                          (OLD_BRACKET_LINE_RE, bracket_titles.recognise)])
def test_line_start_gates_pass_what_the_anchored_patterns_found(old: re.Pattern[str], new: object) -> None:
    gate = GATES[new]  # type: ignore[index]
    texts = _texts(2, 20_000)
    passed = 0
    for text in texts:  # (no daily-note label, which the #tag gate also passes, among the pieces)
        assert gate(text) == (old.search(text) is not None), text
        passed += gate(text)
    assert 500 < passed < len(texts) - 500


def test_at_line_start() -> None:
    pattern = re.compile(r"#[^\s#]")
    assert _at_line_start(pattern)("#tag")
    assert _at_line_start(pattern)("text #tag\n#tag")
    assert not _at_line_start(pattern)("text #tag\n# heading\n##x")


def _references(body: str) -> list[tuple[int, str, tuple[str, ...]]]:
    tokens = make_parser().parse(body)
    papers = reference_lists(tokens, EntryContext(NoteKey("notes/x.md"), 1, NoteMeta(), body))
    return [(paper.sources[0].line, paper.title, paper.authors) for paper in papers]


@pytest.mark.parametrize("quotes", [("“", "”"), ('"', '"'), ("&ldquo;", "&rdquo;"), ("&quot;", "&quot;"),
                                    ("&#8220;", "&#8221;")])
def test_a_reference_paragraph_is_found_whatever_its_quotes(quotes: tuple[str, str]) -> None:
    """A paragraph is skipped unless it holds a quote or `&` (an entity may be one)."""
    opening, closing = quotes
    body = "\n\n".join(f"Paragraph {n}." for n in range(8)) + (
        f"\n\nS. Obi, J. Tran et al., {opening}Sparse Routing for Long Documents,{closing} arXiv preprint "
        "arXiv:2210.01234, 2022.\n\nNo quote here, et al. 2020.\n")
    assert _references(body) == [(17, "Sparse Routing for Long Documents", ("S. Obi", "J. Tran"))]


def test_code_blocks_are_highlighted_once_when_short() -> None:
    code = "def f(x):\n    return x  # [[not a link]]\n"
    first = code_block(code, "python")
    hits = _code_block.cache_info().hits
    assert code_block(code, "python") == first
    assert _code_block.cache_info().hits == hits + 1
    assert first.startswith('<div class="language-python highlight"><pre><span></span><code><span class="k">def</span>')
    long = "x = 1\n" * (REMEMBERED_CODE // 6 + 1)
    kept = _code_block.cache_info().currsize
    assert code_block(long, "python") == code_block(long, "python")
    assert code_block(long, "python").count('<span class="n">x</span>') == REMEMBERED_CODE // 6 + 1
    assert _code_block.cache_info().currsize == kept


def _own_reference_as_before(note: Note) -> tuple[int, str, Facts] | None:
    """`fields._own_reference` before the year pre-check (main at 3be99a4)."""
    wanted = fields._title_key(note.title)
    if len(wanted) < fields._OWN_TITLE_CHARS:
        return None
    for index, text in enumerate(note.body.split("\n")):
        if index in note.code_lines or wanted not in fields._title_key(text):
            continue
        line = text.strip().lstrip("-*+ ").lstrip("[").split("](", 1)[0]
        found = fields.reference(line)
        if found is not None and found[1].title and fields._title_key(found[1].title) == wanted:
            return note.body_line + index, found[0], found[1]
    return None


# Reference lines in every style `reference` reads, with and without a year (ASCII, full-width,
# inside an arXiv number, in a code block), in a note named after the paper.
OWN_LINES = [
    'Okafor, Chidi, et al. "Contextual Gates for Multi-scale Text Labelling." The Web Conference. ACM, {year}.',
    '- [Okafor, Chidi, et al. "Contextual Gates for Multi-scale Text Labelling." ACM, {year}.](https://x.org/1)',
    "Chidi Okafor and Ben Tran. {year}. Contextual Gates for Multi-scale Text Labelling. In Proceedings of X.",
    "Okafor, C., Tran, B. et al. Contextual Gates for Multi-scale Text Labelling. Comput Sci 26, 1 ({year}).",
    "Okafor, Chidi, et al. Contextual Gates for Multi-scale Text Labelling. IEEE, {year}.",
    "Okafor, Chidi & Tran, Ben. ({year}). Contextual Gates for Multi-scale Text Labelling. Journal. 36.",
    'Reference: "Contextual Gates for Multi-scale Text Labelling", Chidi Okafor, Symposium X, {year}',
    "Okafor, C., & Tran, B. ({year}). Contextual Gates for Multi-scale Text Labelling. Journal.",
]
YEARS = ["2019", "1999", "２０１９", "arXiv:2003.02389", "", "19", "2l19"]


@pytest.mark.parametrize("line", OWN_LINES)
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("fenced", [False, True])
def test_own_reference_finds_what_it_found_before_the_year_precheck(
        make_vault: Callable[[dict[str, str | bytes]], Path], line: str, year: str, fenced: bool) -> None:
    text = line.format(year=year)
    shown = f"```\n{text}\n```" if fenced else text
    body = f"# Contextual Gates for Multi-scale Text Labelling\n\nProse.\n\n{shown}\n"
    note = load_vault(make_vault({"Contextual Gates for Multi-scale Text Labelling.md": body})).notes[0]
    assert fields._own_reference(note) == _own_reference_as_before(note)
    if year in ("2019", "1999") and not fenced and "({year}). Contextual" not in line:  # APA gives no title
        assert fields._own_reference(note) is not None
