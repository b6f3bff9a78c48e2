"""What a new user met on real vaults (person, project and place notes; Logseq graphs; messy
frontmatter), rebuilt as look-alike vaults: real `mkdocs build`s, every message checked exactly."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from papernotes.frontmatter import parse_frontmatter
from papernotes.recognise.fields import stated_title
from tests.test_site_build import _config, build_site, write_vault

LEVELS = {"ERROR": "error", "WARNING": "warning", "INFO": "info", "DEBUG": "info"}


def logged(docs: Path, caplog: pytest.LogCaptureFixture, **plugin: object) -> list[tuple[str, str]]:
    """(level, message) of every problem papernotes logged while `mkdocs build` built `docs`."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.papernotes"):
        build_site(docs, docs.parent / "site", strict=False, **plugin)
    return [(LEVELS[record.levelname], record.getMessage()) for record in caplog.records
            if record.name == "mkdocs.plugins.papernotes" and record.levelname in LEVELS
            and ".md:" in record.getMessage()]


PEOPLE_AND_PLACES = {
    "People/Dr Kim.md": "---\ntitle: [博士]\naffiliation: KAIST\n---\n# Dr Kim\nWorks on robots.\n",
    "Projects/Robot arm.md": "---\nstatus: 进行中\n---\n# Robot arm\nA project, not a paper.\n",
    "Places/KAIST.md": "---\nlocation: Daejeon\n---\n# KAIST\nAn institute.\n",
}
PAPER = {
    "Papers/Attention.md": """
        ---
        title: Attention Is All You Need
        year: 2017
        venue: NeurIPS
        authors: [Ashish Vaswani, Noam Shazeer]
        arxiv: 1706.03762
        status: 进行中
        ---
        # Attention Is All You Need

        ## Method
        Self-attention only.
        """,
}


def test_paper_keys_on_notes_that_are_no_papers_are_information(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **PEOPLE_AND_PLACES})
    assert sorted(logged(docs, caplog)) == [
        ("info", "People/Dr Kim.md:2: title: ['博士'] is not text (write one line of text, e.g. `title: ...`)"),
        ("info", "Places/KAIST.md:2: location: is not shown on the page: the theme would read it as the address "
                 "to send visitors to instead of this page, so papernotes leaves it out of the page's metadata "
                 "(nothing to do: the note keeps it and Dataview queries still read it)"),
        ("info", "Projects/Robot arm.md:2: status: '进行中' is not a reading status "
                 "(use one of `to-read`, `reading`, `read`)"),
    ]
    build_site(docs, tmp_path / "strict")  # --strict is usable: nothing here is a warning
    kaist = (tmp_path / "strict" / "Places" / "KAIST" / "index.html").read_text(encoding="utf-8")
    assert "Daejeon" not in kaist and "http-equiv" not in kaist  # still kept from the theme


def test_a_paper_keys_problem_on_a_papers_note_stays_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **PAPER})
    assert logged(docs, caplog) == [
        ("warning", "Papers/Attention.md:7: status: '进行中' is not a reading status "
                    "(use one of `to-read`, `reading`, `read`)"),
    ]


LOGSEQ = {
    "logseq/config.edn": "{:meta/version 1\n :file/name-format :triple-lowbar}\n",
    "pages/Toric Codes.md": "- A stabilizer code on a torus.\n",
    "pages/Category.md": "- Objects and arrows.\n",
    "pages/2003_Kitaev_Anyons.md": (
        "title:: Fault-tolerant quantum computation by anyons\n"
        "- Builds on [[Toric Code]] and [[Category Theory]].\n"
        "- ![figure](../assets/Image_1713519363544_0.png)\n"
        "- ![escape](../../outside.png)\n"
        "- [[Nowhere/../../../up]]\n"),
}


def test_a_logseq_page_without_a_file_is_information_and_a_missing_asset_is_missing(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **LOGSEQ})
    kitaev = "pages/2003_Kitaev_Anyons.md"
    assert sorted(logged(docs, caplog)) == [
        ("info", f"{kitaev}:2: [[Category Theory]] is a Logseq page with no file; it is shown as text "
                 "(write something on that page in Logseq to give it a file)"),
        ("info", f"{kitaev}:2: [[Toric Code]] is a Logseq page with no file; it is shown as text "
                 "(did you mean [[Toric Codes]]?)"),
        ("warning", f"{kitaev}:3: ../assets/Image_1713519363544_0.png is missing: there is no "
                    "assets/Image_1713519363544_0.png in the vault (add the file to the vault or fix the link)"),
        ("warning", f"{kitaev}:4: ../../outside.png points outside the vault; it is not published "
                    "(link only to files inside the notes folder)"),
        ("warning", f"{kitaev}:5: [[Nowhere/../../../up]] points outside the vault; it is not published "
                    "(link only to files inside the notes folder)"),
    ]


def test_a_logseq_page_without_a_file_is_shown_as_plain_text_not_as_a_broken_link(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **LOGSEQ})
    site = build_site(docs, tmp_path / "site", strict=False)  # the asset links still warn
    page = (site / "pages" / "2003_Kitaev_Anyons" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<span class="(pn-[a-z]+)"[^>]*>([^<]*)</span>', page) == [
        ("pn-page", "Toric Code"), ("pn-page", "Category Theory"), ("pn-broken", "up")]  # out of the vault: broken


def test_outside_a_logseq_graph_a_link_to_no_note_stays_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = {key: text for key, text in LOGSEQ.items() if key != "logseq/config.edn"}
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **files})
    problems = logged(docs, caplog)
    assert ("warning", "pages/2003_Kitaev_Anyons.md:2: [[Category Theory]] matches no file in the vault "
                       "(did you mean [[Category]]?)") in problems


MISTAKES = {
    "reviews/BERT.md": ("---\ntitle: BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding\n"
                        "year: 2019\n---\n# BERT\n"),
    "reviews/GPT.md": ('---\ntitle: "Language Models are Few-Shot Learners"\nyear: 2020\n\tvenue: NeurIPS\n\n'
                       "Body of the GPT-3 note; the frontmatter is never closed.\n"),
    "reviews/T5.md": ("---\ntitle: Exploring the Limits of Transfer Learning\nyear: 2019\nvenue: JMLR\n"
                      "year: 2020\n---\n"),
}


def test_frontmatter_mistakes_are_explained_and_yaml_quotes_never_reach_a_title(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **MISTAKES})
    problems = logged(docs, caplog)
    assert ("error", "reviews/BERT.md:2: frontmatter is not valid YAML: mapping values are not allowed here "
                     '(a value with `: ` in it must be quoted: `title: "BERT: Pre-training of Deep '
                     'Bidirectional…"`; the note is loaded without its frontmatter)') in problems
    assert ("warning", "reviews/T5.md:5: year: is written twice (also at line 3); this second value is used "
                       "(keep one of them)") in problems
    gpt = (tmp_path / "site" / "reviews" / "GPT" / "index.html").read_text(encoding="utf-8")
    assert "<title>Language Models are Few-Shot Learners - " in gpt
    assert "&#34;Language" not in gpt and "&quot;Language" not in gpt
    papers = (tmp_path / "site" / "papers" / "index.html").read_text(encoding="utf-8")
    assert ">Language Models are Few-Shot Learners<" in papers


def test_a_key_written_again_in_another_spelling_is_warned_about_with_what_papernotes_reads(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """YAML keeps `title:` and `Title:` both; papernotes reads keys in any case and spelling, the
    first one with a value: the warning says so (a key written twice as such keeps the second)."""
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", "Papers/ViT.md": (
        "---\ntitle: An Image is Worth 16x16 Words\nyear: 2021\nTitle: ViT draft\nYEAR: 2020\n"
        "paper_folders: a\npaper-folders: b\n---\n# ViT\n")})
    problems = [problem for problem in logged(docs, caplog) if "written" in problem[1]]
    assert problems == [
        ("warning", "Papers/ViT.md:4: Title: is title: written again in another spelling (at line 2); papernotes "
                    "reads the first of them that has a value, at line 2 (keep one of them)"),
        ("warning", "Papers/ViT.md:5: YEAR: is year: written again in another spelling (at line 3); papernotes "
                    "reads the first of them that has a value, at line 3 (keep one of them)"),
        ("warning", "Papers/ViT.md:7: paper-folders: is paper_folders: written again in another spelling "
                    "(at line 6); papernotes reads the first of them that has a value, at line 6 (keep one of them)")]
    vit = (tmp_path / "site" / "Papers" / "ViT" / "index.html").read_text(encoding="utf-8")
    assert "<title>An Image is Worth 16x16 Words - " in vit


@pytest.mark.parametrize(("yaml_text", "hint"), [
    ("title: A: B\n", 'a value with `: ` in it must be quoted: `title: "A: B"`; '
                      "the note is loaded without its frontmatter"),
    ('note: say "hi": now\n', 'a value with `: ` in it must be quoted: `note: "say \\"hi\\": now"`; '
                              "the note is loaded without its frontmatter"),
    ("title: 'A': B\n", "fix the YAML or remove the frontmatter block; the note is loaded without it"),
])
def test_an_unquoted_colon_gets_a_hint_with_the_value_quoted(yaml_text: str, hint: str) -> None:
    _, problems = parse_frontmatter(yaml_text, "n.md", 2)
    assert [(p.line, p.code, p.hint) for p in problems] == [(2, "yaml-syntax", hint)]


@pytest.mark.parametrize(("written", "title"), [
    ('"Language Models are Few-Shot Learners"', "Language Models are Few-Shot Learners"),
    ("'It''s Attention'", "It's Attention"),
    ('"', '"'),
])
def test_a_stated_title_loses_its_yaml_quotes(written: str, title: str) -> None:
    assert stated_title(written) == title


UNREAD = {key: text.replace("status: 进行中", "status: to-read") for key, text in PAPER.items()}


def _build_named(docs: Path, site: Path, site_name: str) -> Path:
    config = _config(docs, site, {"search": "none"})
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: Paper Notes\n", f"site_name: '{site_name}'\n"), encoding="utf-8")
    build(load_config(str(config), strict=True))
    return site


def _nav(site: Path) -> str:
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    return nav[:nav.index("</nav>")]


def test_empty_generated_pages_stay_out_of_the_nav_and_the_home_page_is_titled_by_the_site(
        tmp_path: Path) -> None:
    site = _build_named(write_vault(tmp_path / "docs", UNREAD), tmp_path / "site", "논문 <notes> & more")
    nav = _nav(site)
    assert 'href="papers/"' in nav and 'href="timeline/"' in nav
    assert 'href="queues/"' not in nav and 'href="reading/"' not in nav
    assert (site / "queues" / "index.html").is_file() and (site / "reading" / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">논문 &lt;notes&gt; &amp; more<a class=\"headerlink\"" in home and "Paper notes" not in home
    assert 'href="papers/">Papers</a>' in home and "Queues</a>" not in home.split('<div class="md-content"')[1]
    assert 'href="graph/">Graph</a>' in home  # made after the other generated pages, listed all the same
    assert "<title>논문 <notes> & more</title>" in home  # the site's name once (MkDocs prints it as configured)


@pytest.mark.parametrize(("home", "tab"), [
    ("# Start here\n\nWelcome.\n", "<title>Lab notes</title>"),  # Material's rule for a home page
    ("---\ntitle: Reading room\n---\n# Start here\n", "<title>Reading room - Lab notes</title>"),
])
def test_a_home_note_s_tab_reads_the_site_s_name_unless_its_frontmatter_titles_it(
        tmp_path: Path, home: str, tab: str) -> None:
    site = _build_named(write_vault(tmp_path / "docs", {**UNREAD, "index.md": home}), tmp_path / "site", "Lab notes")
    text = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>.*?</title>", text) == [tab]
    assert "Start here" in text.split('<div class="md-content"')[1]


def test_a_queue_and_a_reading_date_bring_their_pages_back_into_the_nav(tmp_path: Path) -> None:
    queue = "# To read\n\n- [x] [[Papers/Attention]] ✅ 2024-03-01\n- [ ] BERT\n"
    site = build_site(write_vault(tmp_path / "docs", {**UNREAD, "Reading list.md": queue}), tmp_path / "site")
    nav = _nav(site)
    assert 'href="queues/"' in nav and 'href="reading/"' in nav
    assert _home_sections(site) == _nav_sections(nav)


def _home_sections(site: Path) -> list[tuple[str, str]]:
    """(href, title) of the generated sections the home page lists."""
    home = (site / "index.html").read_text(encoding="utf-8").split('<div class="md-content"')[1]
    return re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', home.split("</article>")[0])


def _nav_sections(nav: str) -> list[tuple[str, str]]:
    """(href, title) of the nav's entries but Home."""
    return [(href, title) for href, title in re.findall(
        r'<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>', nav)
        if title != "Home"]


def test_the_home_page_lists_the_sections_the_nav_lists_when_notes_take_their_pages(tmp_path: Path) -> None:
    """A note where the Papers table goes shows the table below it; a note where the Reading page
    goes takes it: the nav and the home page agree on both."""
    files = {**UNREAD, "Reading list.md": "# To read\n\n- [x] [[Papers/Attention]] ✅ 2024-03-01\n",
             "papers/README.md": "# My papers\n", "Reading.md": "# Reading\n"}
    site = build_site(write_vault(tmp_path / "docs", files), tmp_path / "site", strict=False)
    nav = _nav(site)
    assert "Reading" not in [title for _, title in _nav_sections(nav)]
    assert ("papers/", "Papers") in _home_sections(site)
    assert _home_sections(site) == _nav_sections(nav)


LOGSEQ_PRIVATE = ["publish:: false", "Publish:: false", "draft:: true", "dg-publish:: false", "dg_publish:: false",
                  "DG-Publish:: false", "public:: false", "private:: true", "pubish:: false", "visibility:: private"]


def test_a_logseq_page_marked_private_in_its_properties_reaches_no_output(tmp_path: Path) -> None:
    """Every spelling a note's frontmatter is read in keeps a Logseq page private when it is a
    page property (`publish:: false`); only `public::` was read."""
    files = {"logseq/config.edn": "{:meta/version 1}\n", "pages/Open.md": "- an open page\n"}
    for number, spelling in enumerate(LOGSEQ_PRIVATE):
        files[f"pages/Hidden {number}.md"] = f"{spelling}\ntitle:: Hidden title {number}\n\n- secret{number} text\n"
    site = build_site(write_vault(tmp_path / "docs", {"index.md": "# Home\n", **files}), tmp_path / "site",
                      strict=False)
    written = "\n".join(path.read_bytes().decode("utf-8", "replace") for path in site.rglob("*") if path.is_file())
    assert "an open page" in written
    leaked = [number for number in range(len(LOGSEQ_PRIVATE)) if f"secret{number}" in written
              or f"Hidden title {number}" in written or f"Hidden {number}" in written]
    assert leaked == []
