"""Structurally hostile vaults (tests/hostile/generate.py) build, check and export in time
linear in their size: embed fan-out and DAGs, link fan-in and fan-out, 10,000 headings, a
5,000-row table, long lines of what slows regular expressions, every YAML type in every key,
and names colliding with generated paths. The budgets are written down in README's "Privacy and
safety"; they are generous for a busy 2-core machine, yet an exponential or quadratic blow-up
at these sizes goes far past them."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from papernotes.cli import main
from tests.hostile.generate import CASES, Case, Files, link_fan_out_missing
from tests.hostile.regexes import compiled_patterns, hostile_inputs
from tests.test_site_build import build_site

SECONDS_FIXED = 10.0
"""MkDocs' and Material's own start-up and writing the theme, once per build."""
SECONDS_PER_NOTE = 0.02
SECONDS_PER_KB = 0.15
"""The slowest text we know (lines of `![[` that never close) parses at about 10 KB a second."""
REGEX_SECONDS = 0.2
"""One search of a 5,000-character hostile input, in CPU seconds: linear patterns take well under a
millisecond."""


def budget(files: Files) -> float:
    kilobytes = sum(len(text.encode()) for text in files.values()) / 1000
    return SECONDS_FIXED + SECONDS_PER_NOTE * len(files) + SECONDS_PER_KB * kilobytes


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
    seconds: float
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
    start = time.perf_counter()
    try:
        site = build_site(vault, root / "site", strict=False)
    finally:
        logger.removeHandler(handler)
    return Built(vault, site, files, time.perf_counter() - start, records)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_vault_builds_checks_and_exports_within_its_budget(case: Case, built: Callable[[str], Built]) -> None:
    found = built(case.name)
    assert found.seconds < budget(found.files), f"built in {found.seconds:.1f} s, budget {budget(found.files):.1f} s"
    assert (found.site / "index.html").is_file()
    assert not [line for line in found.log if "Error building page" in line or "Traceback" in line]
    start = time.perf_counter()
    code, _ = command("check", str(found.vault), "--format", "json")
    assert code in (0, 1)
    code, out = command("export", str(found.vault), "--format", "json")
    assert code == 0 and json.loads(out)["schema"] == 1
    assert time.perf_counter() - start < budget(found.files)


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
    assert "k00/v22.md:2: title: {'en': 'Flow Matching', 'zh': '流匹配'} is not text" in logged


def test_colliding_names_keep_one_page_each_and_warn_at_the_loser(built: Callable[[str], Built]) -> None:
    found = built("names colliding with generated paths")
    assert (found.site / "sitemap.xml").is_file() and (found.site / "404.html").is_file()
    losers = {line.split(":")[0] for line in found.log if "would be written to" in line}
    assert {"sitemap.xml.md", "sitemap.xml.gz.md", "404.html.md", "_papernotes.md", "a.md", "a/index.md",
            "a.markdown", "b.md", "README.md", "c/index.md"} <= losers
    assert "A.md" not in losers and "B.md" not in losers  # one deterministic winner each
    assert "Not a picture" in (found.site / "pic.png" / "index.html").read_text(encoding="utf-8")


def test_link_fan_out_to_missing_notes(tmp_path: Path) -> None:
    files = link_fan_out_missing(5_000)
    vault = write(tmp_path / "vault", files)
    start = time.perf_counter()
    build_site(vault, tmp_path / "site", strict=False)
    assert time.perf_counter() - start < budget(files)


def test_every_regular_expression_is_linear_on_hostile_input() -> None:
    slow = []
    for name, pattern in compiled_patterns():
        for text in hostile_inputs(pattern, 5_000):
            start = time.process_time()  # CPU time: a shared machine's stalls are not the pattern's
            pattern.search(text)
            elapsed = time.process_time() - start
            if elapsed > REGEX_SECONDS:
                slow.append(f"{name} on {text[:10]!r}...: {elapsed:.2f} s")
    assert slow == []
