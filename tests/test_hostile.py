"""Structurally hostile vaults (tests/hostile/generate.py) build, check and export: embed fan-out
and DAGs, link fan-in and fan-out, 10,000 headings, a 5,000-row table, long lines of what slows
regular expressions, every YAML type in every key, and names colliding with generated paths.
How long they take is measured by benchmarks/bench_hostile.py against the budgets in README's
"Privacy and safety", never asserted here: a timed test fails on a busy machine. What can be
counted is: every regular expression's search steps grow linearly with its input."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from papernotes.cli import main
from papernotes.loader import load_note
from papernotes.pages import build_site as site_of_notes
from papernotes.pages.people import people_pages
from tests.hostile.generate import CASES, Case, Files, collaboration, link_fan_out_missing
from tests.hostile.regexes import compiled_patterns, step_growth
from tests.hostile.steps import TooManySteps
from tests.test_site_build import build_site

GROWTH_ALLOWED = 8
"""Steps at 4n over steps at n: about 4 for a linear search, 16 for a quadratic one."""
QUADRATIC_BEFORE = (
    r"\s*\((?:oral|poster|spotlight|highlight|workshop)\)\s*$",  # bib.people._VENUE_NOTE_RE before ec2865d
    r"(?:and )?[A-Z][\w'.\-]*+(?: [A-Z][\w'.\-]*+){1,3}",  # paper_lists._NAME_RE before ec2865d
    r"\s*\(((?:19|20)\d{2})\)",  # reading_log._LEADING_YEAR_RE before ec2865d
    r"<[^>]+>",  # previews._TAG_RE before ec2865d
    r"(`+)[^`]*?\1",  # markdown.comments._CODE_SPAN_RE before this check found it
    r"\s*+(?:[和与及、&/]|\band\b)\s*+",  # recognise.fields._SECTION_JOINS_RE before this check found it
    r"(?<![\w'’\-])[A-Z][\w'’\-]++(?:\s++et\s++al\.?+|(?:\s*+(?:&|\band\b|,)\s*+[A-Z][\w'’\-]++)++)?+\s*+,?+\s*+"
    r"(?:[A-Za-z][\w&\-]{1,15}+\s++)?(?:19|20)\d{2}",  # entries.cited_items._CITATION_RE's start, before the same
)


def write(root: Path, files: Files) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def command(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, out.getvalue()


@dataclass(frozen=True)
class Built:
    vault: Path
    site: Path
    files: Files
    log: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Each case built once (with everything the build logged), as the tests ask for it."""
    cache: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in cache:
            cache[name] = _build(next(case for case in CASES if case.name == name), tmp_path_factory.mktemp("hostile"))
        return cache[name]

    return get


def _build(case: Case, root: Path) -> Built:
    files = case.make(case.size)
    vault = write(root / "vault", files)
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        site = build_site(vault, root / "site", strict=False)
    finally:
        logger.removeHandler(handler)
    return Built(vault, site, files, records)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_vault_builds_checks_and_exports(case: Case, built: Callable[[str], Built]) -> None:
    found = built(case.name)
    assert (found.site / "index.html").is_file()
    assert not [line for line in found.log if "Error building page" in line or "Traceback" in line]
    code, _ = command("check", str(found.vault), "--format", "json")
    assert code in (0, 1)
    code, out = command("export", str(found.vault), "--format", "json")
    assert code == 0 and json.loads(out)["schema"] == 1


def test_embed_fan_out_shows_notices_and_warns_once_per_page(built: Callable[[str], Built]) -> None:
    found = built("embed fan-out")
    page = (found.site / "n0" / "index.html").read_text(encoding="utf-8")
    assert "pn-embed-cut" in page and "not embedded" in page
    warnings = [line for line in found.log if "embed limit" in line]
    assert warnings and len(warnings) == len({line.split(":")[0] for line in warnings})
    assert any(line.startswith("n0.md:3: ![[n1#Part]]") for line in warnings)


def test_frontmatter_of_any_type_never_escapes_into_the_page(built: Callable[[str], Built]) -> None:
    found = built("every YAML type in every key")
    pages = [path.read_text(encoding="utf-8") for path in found.site.rglob("*.html")]
    assert len(pages) > len(found.files) // 2  # every note that is not private has its page
    for html in pages:
        assert "<script>alert(1)</script>" not in html and "<img src=x onerror" not in html
        assert 'href=".icons' not in html and "../../etc/passwd.svg" not in html
    template_path = found.site / "k29" / "v16" / "index.html"  # `template: ../../etc/passwd`: the usual page
    assert 'class="md-content"' in template_path.read_text(encoding="utf-8")
    logged = "\n".join(found.log)
    assert "k29/v00.md:2: template: 2023 is not the name of a page template" in logged
    assert "k30/v00.md:2: hide: 2023 is not a list of" in logged
    # a paper's key with a wrong value on a note that is no paper's is information: `check` lists it
    _, out = command("check", str(found.vault), "--format", "json")
    reported = {(d["path"], d["line"], d["level"], d["message"]) for d in json.loads(out)["diagnostics"]}
    assert ("k00/v22.md", 2, "info", "title: {'en': 'Flow Matching', 'zh': '流匹配'} is not text") in reported


def test_colliding_names_keep_one_page_each_and_warn_at_the_loser(built: Callable[[str], Built]) -> None:
    found = built("names colliding with generated paths")
    assert (found.site / "sitemap.xml").is_file() and (found.site / "404.html").is_file()
    losers = {line.split(":")[0] for line in found.log if "would be written to" in line}
    assert {"sitemap.xml.md", "sitemap.xml.gz.md", "404.html.md", "_papernotes.md", "a.md", "a/index.md",
            "a.markdown", "b.md", "README.md", "c/index.md"} <= losers
    assert "A.md" not in losers and "B.md" not in losers  # one deterministic winner each
    assert "Not a picture" in (found.site / "pic.png" / "index.html").read_text(encoding="utf-8")


def test_link_fan_out_to_missing_notes(tmp_path: Path) -> None:
    found = _build(Case("link fan-out to missing notes", link_fan_out_missing, 5_000), tmp_path)
    hub = (found.site / "Hub" / "index.html").read_text(encoding="utf-8")
    assert hub.count('<a href="../t/') == hub.count('<span class="pn-broken"') == 2_500
    missing = [line for line in found.log if line.startswith("Hub.md:") and "matches no file in the vault" in line]
    assert len(missing) == 2_500 and missing[0].startswith("Hub.md:3: [[1]] matches no file")


def test_a_collaborations_authors_are_not_each_others_coauthors(built: Callable[[str], Built]) -> None:
    found = built("a paper of 1,000 authors")
    first = (found.site / "authors" / "author0-surname0" / "index.html").read_text(encoding="utf-8")
    assert first.count('href="../author1-surname1/"') == 1  # the co-author of the paper of two
    assert 'href="../author2-surname2/"' not in first  # the collaboration's other authors are not listed
    assert len(list((found.site / "authors").iterdir())) == 1_000 + 1  # a page each, and the index


def test_author_pages_grow_linearly_with_a_papers_author_list() -> None:
    """Counted, not timed: the author pages' text at n and 4n authors on one paper."""
    sizes = []
    for n in (100, 400):
        notes = [load_note(name, text.encode())[0] for name, text in collaboration(n).items()]
        sizes.append(sum(len(text) for text in people_pages(site_of_notes([n for n in notes if n], [])).values()))
    assert sizes[1] < 5 * sizes[0], sizes


def test_every_regular_expression_is_linear_on_hostile_input() -> None:
    """Each pattern's slowest hostile inputs are searched step by step at two sizes, four times
    apart: a linear search takes about four times the steps, a quadratic one sixteen."""
    grows = [f"{name} on {small[:10]!r}...: {counted[0]:,} -> {counted[1]:,} steps"
             for name, pattern in compiled_patterns()
             for small, counted in step_growth(pattern)
             if counted[1] > GROWTH_ALLOWED * counted[0]]
    assert grows == []


@pytest.mark.parametrize("source", QUADRATIC_BEFORE, ids=range(len(QUADRATIC_BEFORE)))
def test_the_linearity_check_finds_patterns_that_were_once_quadratic(source: str) -> None:
    """Patterns src/ once had (or could have again): the check above must see each grow."""
    pattern = re.compile(source)
    worst = max(big / small for _, (small, big) in step_growth(pattern))
    assert worst > GROWTH_ALLOWED


def test_the_linearity_check_finds_exponential_backtracking() -> None:
    with pytest.raises(TooManySteps):
        step_growth(re.compile(r"(?:a+)+b"))
