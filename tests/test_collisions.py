"""Outputs that would land on one another in the site folder: found before writing, one winner."""

from __future__ import annotations

from papernotes.collisions import Output, diagnostic, find_collisions, too_long, too_long_diagnostic
from papernotes.paths import page_dest
from tests.lines_run import lines_run

SITE = [Output("sitemap.xml", "sitemap.xml", "site", "the site's sitemap.xml"),
        Output("404.html", "404.html", "site", "the site's 404.html"),
        Output("assets/stylesheets/main.css", "assets/stylesheets/main.css", "site", "the theme's main.css"),
        Output("pagefind", "pagefind/", "site", "the search index (Pagefind)")]


def note(src: str, preference: int = 0) -> Output:
    return Output(src, page_dest(src, True), "note", preference=preference)


def losers(*outputs: Output) -> dict[str, str]:
    return {c.loser.src: c.winner.src for c in find_collisions([*SITE, *outputs])}


def test_page_dest_is_mkdocs_rule() -> None:
    assert page_dest("a/B c.md", True) == "a/B c/index.html"
    assert page_dest("a/B.markdown", False) == "a/B.html"
    assert page_dest("README.md", True) == page_dest("index.md", True) == "index.html"
    assert page_dest("x/readme.md", True) == "x/readme/index.html"  # only `README` is an index
    assert page_dest("pic.png", True) == "pic.png"


def test_notes_lose_to_the_sites_own_files_and_folders() -> None:
    found = losers(note("sitemap.xml.md"), note("404.html.md"), note("pagefind.md"), note("pagefind/x.md"),
                   note("assets/stylesheets/main.css.md"), note("404.md"), note("assets.md"))
    assert found == {"sitemap.xml.md": "sitemap.xml", "404.html.md": "404.html", "pagefind.md": "pagefind",
                     "pagefind/x.md": "pagefind", "assets/stylesheets/main.css.md": "assets/stylesheets/main.css"}


def test_between_notes_the_winner_is_deterministic_whatever_the_order() -> None:
    outputs = [note("a.md"), note("a/index.md"), note("A.md"), note("a.markdown", 1), note("c/README.md", 1),
               note("c/index.md"), note("Café.md"), note("Cafe\u0301.md")]
    assert losers(*outputs) == losers(*reversed(outputs)) == {
        "a.md": "A.md", "a/index.md": "A.md", "a.markdown": "A.md", "c/README.md": "c/index.md",
        "Café.md": "Cafe\u0301.md"}  # one name in NFC and in NFD: one file on macOS


def test_notes_win_over_generated_pages_and_vault_files() -> None:
    found = losers(note("papers/index.md"), Output("papers.md", "papers/index.html", "generated", "Papers"),
                   note("pic.png.md"), Output("pic.png", "pic.png", "attachment"),
                   Output("x/index.html", "x/index.html", "attachment"), note("x.md"))
    assert found == {"papers.md": "papers/index.md", "pic.png": "pic.png.md", "x/index.html": "x.md"}


def test_each_collision_is_a_warning_at_the_file_left_out_saying_what_to_do() -> None:
    found = find_collisions([*SITE, note("sitemap.xml.md"), note("b.md"), note("B.md")])
    problems = sorted((diagnostic(c) for c in found), key=lambda d: d.path, reverse=True)
    assert [(d.path, d.line, d.level, d.code) for d in problems] == [
        ("sitemap.xml.md", 0, "warning", "output-collision"), ("b.md", 0, "warning", "output-collision")]
    assert "sitemap.xml/index.html" in problems[0].message and "the site's sitemap.xml" in problems[0].message
    assert problems[0].hint.startswith("rename the note") and problems[1].hint == "rename one of the two notes"


def test_finding_collisions_is_linear() -> None:
    """Lines run at 4n outputs against n: 4x when each output costs the same, 16x for a loop over
    the earlier outputs. benchmarks/bench_hostile.py times it."""
    def outputs(count: int) -> list[Output]:
        return [note(f"{d}{i % 100}/{n}{i}.md") for d, n in (("d", "n"), ("D", "N")) for i in range(count)]

    small, small_lines = lines_run(find_collisions, outputs(1_000))
    big, big_lines = lines_run(find_collisions, outputs(4_000))
    assert (len(small), len(big)) == (1_000, 4_000)  # each `D…/N…` loses to its lower-case twin
    assert {(c.loser.src.casefold(), c.winner.src) for c in small} == {(f"d{i % 100}/n{i}.md", f"D{i % 100}/N{i}.md")
                                                                      for i in range(1_000)}
    assert 4 * small_lines * 0.95 < big_lines < 4 * small_lines * 1.05


def test_a_page_whose_file_name_the_file_system_refuses_is_found() -> None:
    name = "x" * 252 + ".md"
    assert too_long([Output(name, page_dest(name, True), "note")]) == []  # `xxx…/index.html`
    refused = too_long([Output(name, page_dest(name, False), "note"), note("a.md")])
    assert [output.src for output in refused] == [name]  # `xxx….html`: 257 bytes
    problem = too_long_diagnostic(refused[0])
    assert (problem.path, problem.code, problem.hint) == (name, "output-name-too-long", "give it a shorter name")
