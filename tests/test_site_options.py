"""Each plugin option of the README, set to its other value, in a real `mkdocs build` of one small vault.

The vault is built once per variant (module-scoped), so the whole module costs a few builds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from papernotes import cli
from tests.test_site_build import build_site, write_vault

VAULT = {
    "index.md": """
        # Home
        See [[Latte]] and [[Missing note]].

        ![[used.png]]

        ## Reading queue

        - [ ] [[Latte]]
        - [ ] [[Incomplete]]
        """,
    "Reading.md": """
        # Reading

        ## Paper queue

        - [x] [[Latte]]
        """,
    "Latte.md": """
        ---
        title: Latte
        year: 2024
        venue: arXiv
        tags: [video]
        ---
        # Latte

        Inline math $x^2$ here.
        """,
    "Incomplete.md": "# Incomplete\n\nNo facts yet.\n",
    "CNAME": "notes.example.org\n",
    "robots.txt": "User-agent: *\n",
    "data.csv": "a,b\n",  # a data file no note links to
}
BROKEN_LINK = "index.md:2: [[Missing note]] matches no file in the vault (create the note or fix the link)"
NOTE_PAGES = {"index.html", "Latte/index.html", "Reading/index.html", "Incomplete/index.html", "404.html"}
# No reading/index.html: the vault's Reading.md takes that page (a note wins over a generated page,
# README "Colliding outputs"); the Compare page is generated with its data file.
GENERATED_PAGES = {"papers/index.html", "topics/index.html", "topics/video/index.html", "queues/index.html",
                   "timeline/index.html", "notes/index.html", "graph/index.html", "compare/index.html",
                   "compare/papers.json", "venues/index.html", "venues/arxiv/index.html", "papers.bib", "papers.json"}
# feed.xml is a data file (README "Feed"), written with or without the generated pages
ALWAYS_COPIED = {"CNAME", "robots.txt", "used.png", "sitemap.xml", "sitemap.xml.gz", "feed.xml"}


class Built:
    """A built site and what the plugin logged while building it."""

    def __init__(self, site: Path, records: list[tuple[int, str]]) -> None:
        self.site, self.records = site, records

    def files(self) -> set[str]:
        """The site's files, without the theme's and papernotes' own assets."""
        return {path.relative_to(self.site).as_posix() for path in self.site.rglob("*")
                if path.is_file() and path.relative_to(self.site).parts[0] not in ("assets", "_papernotes")}

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def logged(self, message: str) -> list[int]:
        """The levels at which `message` was logged."""
        return [level for level, text in self.records if text == message]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Built]]:
    """`built(strict=..., **options)`: the vault built with those plugin options, once per variant."""
    root = tmp_path_factory.mktemp("options")
    docs = write_vault(root / "docs", VAULT)
    for name in ("used.png", "unused.png"):
        (docs / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    cache: dict[tuple[tuple[str, object], ...], Built] = {}

    def build(strict: bool = False, **options: object) -> Built:
        key = (("strict", strict), *sorted(options.items()))
        if key not in cache:
            records: list[tuple[int, str]] = []
            handler = logging.Handler(logging.DEBUG)
            handler.emit = lambda record: records.append((record.levelno, record.getMessage()))  # type: ignore[method-assign]
            logger = logging.getLogger("mkdocs.plugins.papernotes")
            level = logger.level
            logger.addHandler(handler)
            logger.setLevel(logging.DEBUG)
            try:
                site = build_site(docs, root / f"site-{len(cache)}", strict=strict, **options)
            finally:
                logger.removeHandler(handler)
                logger.setLevel(level)
            cache[key] = Built(site, records)
        return cache[key]

    yield build


def nav_titles(html: str) -> list[str]:
    """The entries of Material's primary navigation, in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.DOTALL)
    assert nav is not None
    return re.findall(r'md-nav__link[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', nav[0])


# --- diagnostics: warn | info | ignore ------------------------------------------------------------

def test_diagnostics_warn_logs_problems_as_warnings(built: Callable[..., Built]) -> None:
    assert built().logged(BROKEN_LINK) == [logging.WARNING]


def test_diagnostics_info_logs_them_as_info_so_strict_builds_pass(built: Callable[..., Built]) -> None:
    site = built(strict=True, diagnostics="info")  # a warning would abort this strict build
    assert site.logged(BROKEN_LINK) == [logging.INFO]


def test_diagnostics_ignore_logs_nothing(built: Callable[..., Built]) -> None:
    site = built(strict=True, diagnostics="ignore")
    assert [text for _, text in site.records if "Missing note" in text] == []
    assert "Home" in site.page("index.html")  # the build itself went on as usual


# --- nav, generated_pages, paper_pages, math ------------------------------------------------------

def test_nav_lists_home_and_the_generated_pages(built: Callable[..., Built]) -> None:
    # SECTIONS without Reading (its page is left out for the note Reading.md); Compare is reached
    # from the tick boxes, not the nav
    # Venues: Latte's arXiv; no Authors page, as no paper of this vault names its authors
    assert nav_titles(built().page("Latte/index.html")) == ["Home", "Papers", "Topics", "Queues", "Timeline",
                                                             "Graph", "Venues", "All notes"]


def test_nav_false_leaves_mkdocs_its_own_nav_of_every_page(built: Callable[..., Built]) -> None:
    assert nav_titles(built(nav="false").page("Latte/index.html")) == [
        "Home", "Incomplete", "Latte", "Reading", "Compare papers", "Graph", "All notes", "Papers", "Reading queues",
        "Timeline", "Topics", "video", "Venues", "arXiv"]


def test_generated_pages(built: Callable[..., Built]) -> None:
    assert built().files() == NOTE_PAGES | GENERATED_PAGES | ALWAYS_COPIED


def test_generated_pages_false_builds_the_notes_only(built: Callable[..., Built]) -> None:
    site = built(generated_pages="false")
    assert site.files() == NOTE_PAGES | ALWAYS_COPIED
    assert nav_titles(site.page("Latte/index.html")) == ["Home", "Incomplete", "Latte", "Reading"]


def test_paper_pages_add_the_header_and_footer(built: Callable[..., Built]) -> None:
    latte = built().page("Latte/index.html")
    venue = '<p class="pn-paper__venue"><a class="pn-chip pn-venue" href="../venues/arxiv/">arXiv</a> · 2024</p>'
    assert '<header class="pn-paper"' in latte and venue in latte
    assert '<aside class="pn-related"' in latte and '<h2 id="pn-linked-from">Linked from</h2>' in latte


def test_paper_pages_false_leaves_the_note_alone(built: Callable[..., Built]) -> None:
    latte = built(paper_pages="false").page("Latte/index.html")
    assert "pn-paper" not in latte and "pn-related" not in latte and "Linked from" not in latte
    assert "Inline math" in latte


def test_math_loads_katex(built: Callable[..., Built]) -> None:
    latte = built().page("Latte/index.html")
    assert '<span class="arithmatex">\\(x^2\\)</span>' in latte
    assert "_papernotes/katex/katex.min.js" in latte and "_papernotes/katex/katex.min.css" in latte


def test_math_false_does_not_load_katex(built: Callable[..., Built]) -> None:
    latte = built(math="false").page("Latte/index.html")
    assert "katex" not in latte


# --- attachments: used | all, and the site's own files ----------------------------------------------

def test_attachments_used_copies_used_files_and_the_sites_own(built: Callable[..., Built]) -> None:
    files = built().files()
    assert {"used.png", "CNAME", "robots.txt"} <= files
    assert not {"unused.png", "data.csv"} & files
    assert (built().site / "CNAME").read_text(encoding="utf-8") == "notes.example.org\n"


def test_attachments_all_copies_every_file(built: Callable[..., Built]) -> None:
    assert built(attachments="all").files() == NOTE_PAGES | GENERATED_PAGES | ALWAYS_COPIED | {"unused.png",
                                                                                              "data.csv"}


# --- queues: read wins ----------------------------------------------------------------------------

def test_read_in_one_queue_and_unread_in_another_is_read(built: Callable[..., Built]) -> None:
    site = built()
    queues = site.page("queues/index.html")
    unread = queues.split('id="still-unread"', 1)[1]
    assert re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', unread) == ["Incomplete"]
    rows = re.findall(r'<tr[^>]*><td><input type="checkbox" class="pn-pick" name="[^"]*" aria-label="Compare [^"]*">'
                      r'</td><td><a href="[^"]*">([^<]*)</a></td>(?:<td>[^<]*(?:<a [^>]*>[^<]*</a>)?</td>)*?'
                      r"<td>(read|to-read|reading)</td></tr>", site.page("papers/index.html"))
    assert rows == [("Latte", "read"), ("Incomplete", "to-read")]
    assert '<p class="pn-paper__status pn-status pn-status--read">Read</p>' in site.page("Latte/index.html")


# --- papernotes check: the paper-incomplete info ----------------------------------------------------

def test_check_reports_papers_without_a_year_or_venue_as_info(
        make_vault: Callable[[dict[str, str]], Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault({
        "Full.md": "---\ntitle: Full\nyear: 2020\nvenue: ICML\n---\n# Full\n",
        "Yearly.md": "---\ntitle: Yearly\nyear: 2021\n---\n# Yearly\n",
        "Venued.md": "---\ntitle: Venued\nvenue: CVPR\n---\n# Venued\n",
        "Queue.md": "# Queue\n\n## Reading queue\n\n- [ ] [[Full]]\n- [ ] Bare Paper Title\n",
    })
    monkeypatch.chdir(vault.parent)
    assert cli.main(["check", "vault"]) == 0  # infos are not errors
    hint = "(add them in the note's frontmatter or in a summary table column)"
    assert capsys.readouterr().out.splitlines() == [
        f"vault/Queue.md:6: info: paper 'Bare Paper Title' has no year or venue {hint}",
        f"vault/Venued.md:1: info: paper 'Venued' has no year {hint}",
        f"vault/Yearly.md:1: info: paper 'Yearly' has no venue {hint}",
        # the recognition summary, then the counts (README, `papernotes check`): three notes are
        # papers' notes by their frontmatter and headings; the fourth paper is the queue's bare title
        "paper notes: 3 of 4 notes; signals: title-heading 3, venue-frontmatter 2, year-frontmatter 2, queue-link 1",
        "4 published notes, 0 private; 4 papers, 1 link, 2 tasks, 0 tables; 0 errors, 0 warnings, 3 infos",
    ]
