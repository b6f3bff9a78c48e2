"""`mkdocs serve --dirty`: after an edit, the rebuilt site equals a clean build of the edited vault.

The rebuild is done the way `mkdocs serve --dirty` does it: a fresh config per rebuild, the same
plugin instance (MkDocs keeps plugins that define `on_startup`), `build(..., dirty=True)` into the
same site folder. The clean build uses a plugin instance of its own.

Every byte is compared but one thing: where the graph view places its nodes. Under `mkdocs serve`
the layout stays still while only edges change (`explore.graphdata.KeptGraph`), so positions can
differ from a clean build's; the graph data's nodes, edges and every other field must not.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_vault import generate  # noqa: E402

from papernotes.explore.graphdata import data_path  # noqa: E402
from papernotes.explore.previews import SHARD_PAGES  # noqa: E402
from papernotes.loader import load_vault  # noqa: E402
from papernotes.pages import build_site as build_core_site  # noqa: E402
from papernotes.pages import topic_src  # noqa: E402
from papernotes.pages.incremental import FULL_COLLECTION_EVERY, Rebuilds  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"
_PLUGINS = dict(MkDocsConfig._schema)["plugins"]
_VOLATILE = re.compile(rb"<lastmod>[^<]*</lastmod>")
_GRAPH_DATA = "_papernotes/graph/"


def _config_file(docs: Path, tmp: Path) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: notes", f"docs_dir: {docs}")
    text = text.replace("  - papernotes\n", "  - papernotes:\n      search: none\n")
    path = tmp / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _serve_build(config_file: Path, site: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site))
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)


def _clean_build(config_file: Path, site: Path) -> None:
    """A full build by a plugin instance of its own (the serve one is put back afterwards)."""
    kept = _PLUGINS.plugin_cache.pop("papernotes", None)
    try:
        config = load_config(str(config_file), site_dir=str(site))
        config.site_url = SERVE_URL
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)
        config.plugins.on_shutdown()
    finally:
        _PLUGINS.plugin_cache.pop("papernotes", None)
        if kept is not None:
            _PLUGINS.plugin_cache["papernotes"] = kept


def _outputs(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.name.startswith("sitemap.xml"):
            found[path.relative_to(site).as_posix()] = _VOLATILE.sub(b"", path.read_bytes())
    return found


def _without_positions(page: str, data: bytes) -> bytes:
    """A graph data file with its nodes' coordinates blanked (the global graph's `xy`, a local
    graph's node rows' x and y); any other file as it is."""
    if not page.startswith(_GRAPH_DATA):
        return data
    found = json.loads(data)
    if "xy" in found:
        found["xy"] = len(found["xy"])
    for row in found.get("nodes", ()):
        row[3:5] = ["x", "y"]
    return json.dumps(found, ensure_ascii=False).encode("utf-8")


def _positions(site: Path) -> list[int]:
    return json.loads((site / _GRAPH_DATA / "global.json").read_bytes())["xy"]


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    vault = tmp_path / "vault"
    generate(vault, 30, 3)
    config_file = _config_file(vault, tmp_path)
    site = tmp_path / "served"
    _PLUGINS.plugin_cache.pop("papernotes", None)
    _serve_build(config_file, site)
    yield vault, config_file, site
    instance = _PLUGINS.plugin_cache.pop("papernotes", None)
    if instance is not None:
        instance.on_shutdown()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _notes(vault: Path) -> list[Path]:
    return sorted(p for p in vault.rglob("*.md") if p.name != "Home.md")


def _assert_same_as_clean(config_file: Path, site: Path, tmp_path: Path, name: str) -> None:
    clean = tmp_path / f"clean-{name}"
    _clean_build(config_file, clean)
    served, expected = _outputs(site), _outputs(clean)
    assert sorted(served) == sorted(expected)
    differing = [page for page in expected
                 if _without_positions(page, served[page]) != _without_positions(page, expected[page])]
    assert differing == [], f"stale after {name}: {differing[:10]}"


def _page(vault: Path, note: Path | str) -> str:
    """The built page of a note (a path in the vault, or a generated page's source)."""
    key = note.relative_to(vault).as_posix() if isinstance(note, Path) else note
    return "index.html" if key == "Home.md" else key.removesuffix(".md") + "/index.html"


def _topic_pages(vault: Path, note: Path) -> set[str]:
    """The pages of the topics that list the paper of `note`."""
    loaded = load_vault(vault)
    graph = build_core_site(loaded.notes, loaded.attachments).graph
    (pid,) = graph.papers_of_note(note.relative_to(vault).as_posix())
    return {_page(vault, topic_src(topic)) for topic in graph.topics.values() if pid in topic.papers}


def _people_pages(vault: Path, note: Path) -> set[str]:
    """The author and venue pages that list the paper of `note` (by year: a new year shows there)."""
    loaded = load_vault(vault)
    site = build_core_site(loaded.notes, loaded.attachments)
    (pid,) = site.graph.papers_of_note(note.relative_to(vault).as_posix())
    groups = [("authors", group) for group in site.directory.authors.values()]
    groups += [("venues", group) for group in site.directory.venues.values()]
    return {_page(vault, f"{kind}/{group.slug}.md") for kind, group in groups if pid in group.papers}


def test_edits_rebuild_exactly_the_pages_that_depend_on_them(served, tmp_path: Path) -> None:
    vault, config_file, site = served
    notes = _notes(vault)
    source, target = notes[4], notes[17]
    target_name = target.stem
    year = re.search(r"^year: (\d+)$", target.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
    home = (vault / "Home.md").read_text(encoding="utf-8")
    ticked = re.search(r"^- \[ \] \[\[([^|\]]+)", home, re.MULTILINE)[1]  # type: ignore[index]
    generated = {"index.html", "papers/index.html", "timeline/index.html"}
    edits = [
        # the linking note (its link) and the linked note (its "Linked from" footer); nothing else
        ("wikilink", lambda: _edit(source, "\n## ", f"\nSee also [[{target_name}]].\n\n## "),
         lambda: {_page(vault, source), _page(vault, target)}),
        # the year is written twice, in the note and in Home's summary table: a user corrects both.
        # The paper's header, Home's table, Papers, the timeline, its topics' lists and its
        # authors' and venue's pages (papers by year) show it.
        ("year", lambda: (_edit(target, f"year: {year}\n", "year: 1999\n"),
                          _edit(vault / "Home.md", f"| [[{target_name}]] | {year} |", f"| [[{target_name}]] | 1999 |")),
         lambda: {_page(vault, target), *generated, *_topic_pages(vault, target), *_people_pages(vault, target)}),
        # the ticked paper's status: Home (the queue), Queues, Papers (status column), its header,
        # and its topics' comparison tables (their status column)
        ("queue", lambda: _edit(vault / "Home.md", "- [ ] ", "- [x] "),
         lambda: {"index.html", "queues/index.html", "papers/index.html", _page(vault, ticked + ".md"),
                  *_topic_pages(vault, vault / (ticked + ".md"))}),
    ]
    for name, edit, dependent in edits:
        before, old_pages = _mtimes(site), _outputs(site)
        edit()
        _serve_build(config_file, site)
        after, new_pages = _mtimes(site), _outputs(site)
        rebuilt = {page for page in after if after[page] != before.get(page)}
        changed = {page for page in after if new_pages[page] != old_pages.get(page)}
        # MkDocs writes 404.html on every build, dirty or not
        assert rebuilt - {"404.html"} == changed == dependent(), name
        _assert_same_as_clean(config_file, site, tmp_path, name)


def test_a_new_link_keeps_the_graph_still_and_remakes_only_the_local_graphs_it_changes(
        served, tmp_path: Path) -> None:
    """One new edge does not lay the graph out again under serve (no node moves), so a local
    graph file changes only when what it shows, positions aside, changed; the source's and the
    target's do (each gains a neighbour). Then a new note (a new node) lays it out again, as a
    clean build does."""
    vault, config_file, site = served
    data = json.loads((site / _GRAPH_DATA / "global.json").read_bytes())
    node = {unquote(url): index for index, url in enumerate(data["url"])}
    joined = {frozenset(pair) for pair in zip(data["edges"][::2], data["edges"][1::2], strict=True)}
    notes = _notes(vault)
    source = notes[4]
    target = next(note for note in notes[5:] if frozenset(
        (node[_page(vault, source).removesuffix("index.html")], node[_page(vault, note).removesuffix("index.html")]))
        not in joined)  # a new edge
    positions = _positions(site)
    local = {page: data for page, data in _outputs(site).items() if page.startswith(_GRAPH_DATA + "local/")}
    _edit(source, "\n## ", f"\nSee also [[{target.stem}]].\n\n## ")
    _serve_build(config_file, site)
    assert _positions(site) == positions
    now = _outputs(site)
    changed = {page for page, data in local.items() if now[page] != data}
    reached = {page for page, data in local.items()
               if _without_positions(page, now[page]) != _without_positions(page, data)}
    assert changed == reached
    assert {data_path(_GRAPH_DATA + "local", _page(vault, note).removesuffix("index.html"))
            for note in (source, target)} <= changed
    _assert_same_as_clean(config_file, site, tmp_path, "new link")
    (vault / "Brand New Note.md").write_text("# Brand New Note\n\nA new node.\n", encoding="utf-8")
    _serve_build(config_file, site)
    clean = tmp_path / "clean-new-node"
    _clean_build(config_file, clean)
    assert _positions(site) == _positions(clean)


def test_deleted_note_disappears_and_its_backlinks_update(served, tmp_path: Path) -> None:
    vault, config_file, site = served
    _notes(vault)[9].unlink()
    _serve_build(config_file, site)
    _assert_same_as_clean(config_file, site, tmp_path, "delete")


def test_library_edits_and_citations_rebuild_what_they_show(served, tmp_path: Path) -> None:
    """A .bib in the vault: a note that starts citing, then a changed entry, then a deleted file."""
    vault, config_file, site = served
    notes = _notes(vault)
    citing, cited = notes[3], notes[11]
    library = vault / "refs.bib"
    library.write_text("@article{cited2020, title={A Cited Paper}, author={Doe, Jane}, year={2020}}\n",
                       encoding="utf-8")
    _edit(cited, "---\n", "---\ncitekey: cited2020\n")
    steps = [
        ("library", lambda: None),
        ("citation", lambda: _edit(citing, "\n## ", "\nAs shown [@cited2020, p. 2].\n\n## ")),
        ("entry", lambda: _edit(library, "Doe, Jane", "Roe, Richard")),
        ("no library", library.unlink),
    ]
    for name, step in steps:
        step()
        _serve_build(config_file, site)
        _assert_same_as_clean(config_file, site, tmp_path, name)


def test_serve_indexes_the_preview_for_search_in_the_background(tmp_path: Path) -> None:
    """`mkdocs serve` (here --dirty) indexes the built site with Pagefind after the build, in a
    thread: the preview's search page has an index, and a rebuild refreshes it."""
    vault = tmp_path / "vault"
    generate(vault, 5, 3)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(_config_file(vault, tmp_path).read_text(encoding="utf-8").replace(
        "  - papernotes:\n      search: none\n", "  - papernotes\n"), encoding="utf-8")
    site = tmp_path / "served"
    _PLUGINS.plugin_cache.pop("papernotes", None)
    try:
        _serve_build(config_file, site)
        plugin = _PLUGINS.plugin_cache["papernotes"]
        plugin.indexer.wait(120)
        entry = site / "pagefind" / "pagefind-entry.json"
        assert entry.is_file()
        first = entry.stat().st_mtime_ns
        (vault / "Home.md").write_text("# Home\n\nEdited.\n", encoding="utf-8")
        _serve_build(config_file, site)
        plugin.indexer.wait(120)
        assert entry.is_file() and entry.stat().st_mtime_ns > first
    finally:
        instance = _PLUGINS.plugin_cache.pop("papernotes", None)
        if instance is not None:
            instance.on_shutdown()


def test_a_new_preview_shard_rebuilds_every_page(served, tmp_path: Path) -> None:
    """Every page's head names how many preview shards there are; when enough new notes add a
    shard, pages that did not change otherwise (notes and generated pages) name the new count."""
    vault, config_file, site = served
    shards = re.compile(rb'<meta name="pn-preview-shards" content="(\d+)">')
    before = int(shards.search((site / "index.html").read_bytes())[1])  # type: ignore[index]
    for n in range(SHARD_PAGES):
        (vault / "extra" / f"Extra {n}.md").parent.mkdir(exist_ok=True)
        (vault / "extra" / f"Extra {n}.md").write_text(f"# Extra {n}\n\nA plain note.\n", encoding="utf-8")
    _serve_build(config_file, site)
    counts = {int(shards.search(page.read_bytes())[1]) for page in site.rglob("*.html")  # type: ignore[index]
              if shards.search(page.read_bytes())}
    assert counts == {before + 1}
    _assert_same_as_clean(config_file, site, tmp_path, "new shard")


def test_edits_that_reach_other_notes_pages_and_graph_data_match_a_clean_build(served, tmp_path: Path) -> None:
    """Edits whose effects reach beyond the edited note, where a rebuild reuses the last build's
    work (recognition decisions, link candidates, related papers, local graphs): a paper's title
    (its related papers' and backlinks' lists elsewhere, graph labels), a new tag (topics,
    related papers, the layout), a link to a note that does not exist yet and then that note
    (the vault's names change: candidates and suggestions are found again), a renamed heading
    that another note links to, and a queue item added for a plain note."""
    vault, config_file, site = served
    notes = _notes(vault)
    titled = next(path for path in notes if path.read_text(encoding="utf-8").startswith("---\ntitle: "))
    tagged = next(path for path in notes if "tags:\n" in path.read_text(encoding="utf-8") and path != titled)
    linking = notes[6]
    by_stem = {path.stem: path for path in notes}
    target, heading = next(  # a link to a heading another note has
        (by_stem[found[1]], found[2]) for path in notes
        for found in re.finditer(r"\[\[([^\]#|/]+)#([^\]^|]+)\]\]", path.read_text(encoding="utf-8"))
        if found[1] in by_stem and f"# {found[2]}\n" in by_stem[found[1]].read_text(encoding="utf-8"))
    (vault / "plain").mkdir()
    (vault / "plain" / "Plain thoughts.md").write_text("# Plain thoughts\n\nNothing about a paper.\n",
                                                      encoding="utf-8")
    steps = [
        ("title", lambda: _edit(titled, "---\ntitle: ", "---\ntitle: Renamed ")),
        ("tag", lambda: _edit(tagged, "tags:\n", "tags:\n  - brand-new-topic\n")),
        ("link to a missing note", lambda: _edit(linking, "\n## ", "\nSee [[Brand New Note]].\n\n## ")),
        ("the missing note", lambda: (vault / "Brand New Note.md").write_text(
            "# Brand New Note\n\nNow it exists, and links [[Plain thoughts]].\n", encoding="utf-8")),
        ("heading", lambda: _edit(target, f"# {heading}\n", f"# {heading} renamed\n")),
        ("queue item", lambda: _edit(vault / "Home.md", "## Reading queue\n\n",
                                     "## Reading queue\n\n- [ ] [[Plain thoughts]]\n")),
    ]
    for name, step in steps:
        step()
        _serve_build(config_file, site)
        _assert_same_as_clean(config_file, site, tmp_path, name)


def test_a_note_showing_a_generated_page_is_rebuilt_when_that_page_changes(served, tmp_path: Path) -> None:
    """`timeline.md` in the vault takes the Timeline's page, and the timeline is shown below it: a
    changed year changes the note's page, though the note itself did not change."""
    vault, config_file, site = served
    target = _notes(vault)[17]
    year = re.search(r"^year: (\d+)$", target.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
    steps = [
        ("joined", lambda: (vault / "timeline.md").write_text("# My timeline\nOWN-TIMELINE\n", encoding="utf-8")),
        ("year below", lambda: (_edit(target, f"year: {year}\n", "year: 1999\n"),
                                _edit(vault / "Home.md", f"| [[{target.stem}]] | {year} |",
                                      f"| [[{target.stem}]] | 1999 |"))),
    ]
    pages = []
    for name, step in steps:
        step()
        _serve_build(config_file, site)
        _assert_same_as_clean(config_file, site, tmp_path, name)
        pages.append((site / "timeline" / "index.html").read_text(encoding="utf-8"))
        assert pages[-1].index("OWN-TIMELINE") < pages[-1].index('<h2 id="timeline">Timeline')
    assert pages[0] != pages[1]  # the timeline below the note changed with the year


def test_edits_to_what_generated_pages_list_match_a_clean_build(served, tmp_path: Path) -> None:
    """Topic, author, venue and Papers pages are kept between rebuilds while what they show is the
    same (`pages.kept`): an author renamed on a paper (its old and new author pages, co-authors),
    a venue changed, a topic added then removed, a listed paper's note deleted, and a note that
    starts linking a paper (an author page's "Notes that mention them") each match a clean build."""
    vault, config_file, site = served
    notes = _notes(vault)
    authored = next(path for path in notes if "authors:\n  - " in path.read_text(encoding="utf-8"))
    first_author = re.search(r"^authors:\n  - (.+)$", authored.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
    venued = next(path for path in notes if "\nvenue: " in path.read_text(encoding="utf-8") and path != authored)
    tagged = next(path for path in notes if "tags:\n" in path.read_text(encoding="utf-8"))
    listed = next(path for path in reversed(notes) if "authors:\n  - " in path.read_text(encoding="utf-8")
                  and path not in (authored, venued, tagged))
    mentioning = next(path for path in notes if path not in (authored, venued, tagged, listed))
    steps = [
        ("author", lambda: _edit(authored, f"authors:\n  - {first_author}\n", 'authors:\n  - "Quinn Newauthor"\n')),
        ("venue", lambda: _edit(venued, "\nvenue: ", "\nvenue: NeurIPS 2031\nold-venue: ")),
        ("topic added", lambda: _edit(tagged, "tags:\n", "tags:\n  - listed-once\n")),
        ("topic removed", lambda: _edit(tagged, "tags:\n  - listed-once\n", "tags:\n")),
        ("mention", lambda: _edit(mentioning, "\n## ", f"\nCompare [[{authored.stem}]].\n\n## ")),
        ("listed note deleted", listed.unlink),
    ]
    for name, step in steps:
        step()
        _serve_build(config_file, site)
        _assert_same_as_clean(config_file, site, tmp_path, name)


def test_generated_pages_are_made_again_only_when_what_they_show_changed(served) -> None:
    """A rebuild with no change makes no generated page again (`pages.kept`); a paper's new year
    makes again exactly the Papers page and the topic, author and venue pages that list it."""
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    _serve_build(config_file, site)
    assert plugin.rebuilds.generated.made == set()
    target = _notes(vault)[17]
    year = re.search(r"^year: (\d+)$", target.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
    _edit(target, f"year: {year}\n", "year: 1999\n")
    _edit(vault / "Home.md", f"| [[{target.stem}]] | {year} |", f"| [[{target.stem}]] | 1999 |")
    _serve_build(config_file, site)
    loaded = load_vault(vault)
    core = build_core_site(loaded.notes, loaded.attachments)
    (pid,) = core.graph.papers_of_note(target.relative_to(vault).as_posix())
    listing = {topic_src(topic) for topic in core.graph.topics.values() if pid in topic.papers}
    listing |= {f"authors/{group.slug}.md" for group in core.directory.authors.values() if pid in group.papers}
    listing |= {f"venues/{group.slug}.md" for group in core.directory.venues.values() if pid in group.papers}
    # the timeline and the BibTeX and CSL-JSON downloads show the year too
    assert plugin.rebuilds.generated.made == {"papers.md", "timeline.md", "papers.bib", "papers.json", *listing}
    assert len(listing) >= 3  # a topic, an author, a venue at least


def test_table_rows_are_made_again_only_for_the_papers_whose_row_changed(served, tmp_path: Path) -> None:
    """The Papers table and topics' comparison tables keep each row's HTML (`pages.kept.KeptRows`):
    a paper's new year, then a queue item ticked in Home.md (the paper's status), make again the
    rows of that paper alone, in the Papers table and in its topics' tables, and each rebuilt site
    equals a clean build's (a row given back stale would show the old year or status)."""
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    rows = plugin.rebuilds.generated.rows
    papers = len(rows.last)
    assert papers >= 30  # the Papers table's rows at least
    target = _notes(vault)[11]
    year = re.search(r"^year: (\d+)$", target.read_text(encoding="utf-8"), re.MULTILINE)[1]  # type: ignore[index]
    _edit(target, f"year: {year}\n", "year: 1999\n")
    _edit(vault / "Home.md", f"| [[{target.stem}]] | {year} |", f"| [[{target.stem}]] | 1999 |")
    _serve_build(config_file, site)
    listing = {topic_src(topic) for topic in _core_graph(vault).topics.values()
               if _paper_of(vault, target) in topic.papers}
    assert 1 <= rows.made <= 1 + len(listing)
    _assert_same_as_clean(config_file, site, tmp_path, "year")
    home = (vault / "Home.md").read_text(encoding="utf-8")
    ticked = re.search(r"^- \[ \] \[\[([^]|]+)", home, re.MULTILINE)[1]  # type: ignore[index]
    _edit(vault / "Home.md", f"- [ ] [[{ticked}", f"- [x] [[{ticked}")
    _serve_build(config_file, site)
    assert 1 <= rows.made < papers // 4
    _assert_same_as_clean(config_file, site, tmp_path, "tick")


def test_rows_of_papers_that_leave_the_site_are_not_kept(served, tmp_path: Path) -> None:
    """`KeptRows` held every row it made for a whole `mkdocs serve` session: a paper whose arXiv
    id was corrected (a new paper id) left its old rows in memory (the site was right). Each
    rebuild now keeps only the rows of papers some page lists; a deleted note's paper too."""
    vault, config_file, site = served
    rows = _PLUGINS.plugin_cache["papernotes"].rebuilds.generated.rows
    kept = lambda: {key[0] for key in rows.last}  # noqa: E731
    assert len(kept()) >= 30
    edited, deleted = [note for note in _notes(vault)
                       if re.search(r"^arxiv: ", note.read_text(encoding="utf-8"), re.MULTILINE)][:2]
    old = _paper_of(vault, edited)
    assert old.startswith("arxiv:") and old in kept()
    arxiv = old.removeprefix("arxiv:")
    _edit(edited, f"arxiv: {arxiv}\n", f"arxiv: {arxiv[:5]}9{arxiv[6:]}\n")
    _serve_build(config_file, site)
    assert old not in kept() and _paper_of(vault, edited) in kept()
    assert kept() <= set(_core_graph(vault).papers)
    gone = _paper_of(vault, deleted)
    deleted.unlink()
    _serve_build(config_file, site)
    assert gone not in kept() and kept() <= set(_core_graph(vault).papers)
    _assert_same_as_clean(config_file, site, tmp_path, "deleted")


def _core_graph(vault: Path):  # type: ignore[no-untyped-def]
    loaded = load_vault(vault)
    return build_core_site(loaded.notes, loaded.attachments).graph


def _paper_of(vault: Path, note: Path) -> str:
    (pid,) = _core_graph(vault).papers_of_note(note.relative_to(vault).as_posix())
    return str(pid)


def test_the_timeline_all_notes_and_downloads_are_kept_while_what_they_list_is_the_same(
        served, tmp_path: Path) -> None:
    """A new link changes no paper's facts nor any note's title: the timeline, All notes and the
    BibTeX and CSL-JSON downloads are not made again, and the site equals a clean build; a new
    note's title (All notes) and a renamed paper (all four) make them again."""
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    notes = _notes(vault)
    kept = {"timeline.md", "notes.md", "papers.bib", "papers.json"}
    _edit(notes[4], "\n## ", f"\nSee also [[{notes[17].stem}]].\n\n## ")
    _serve_build(config_file, site)
    assert plugin.rebuilds.generated.made & kept == set()
    _assert_same_as_clean(config_file, site, tmp_path, "new link")
    (vault / "Brand New Note.md").write_text("# Brand New Note\n\nNo paper here.\n", encoding="utf-8")
    _serve_build(config_file, site)
    assert "notes.md" in plugin.rebuilds.generated.made
    _assert_same_as_clean(config_file, site, tmp_path, "new note")
    paper = next(path for path in notes if path.read_text(encoding="utf-8").startswith('---\ntitle: "'))
    _edit(paper, '---\ntitle: "', '---\ntitle: "Renamed ')
    _serve_build(config_file, site)
    assert plugin.rebuilds.generated.made >= kept
    _assert_same_as_clean(config_file, site, tmp_path, "renamed paper")


def test_serve_keeps_its_objects_out_of_the_collectors_way_and_still_frees_cycles() -> None:
    """After each serve build what is alive is frozen (a full collection does not scan it again);
    every FULL_COLLECTION_EVERY builds everything is collected, garbage in cycles included."""

    class Cycle:
        me: object = None

    rebuilds = Rebuilds(("vault",), "")
    try:
        rebuilds.pause()
        assert gc.isenabled()  # the first build collects as any build does
        cycle = Cycle()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        rebuilds.settle()
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert alive() is not None  # frozen: not collected by a full collection
        rebuilds.pause()
        assert not gc.isenabled()  # a rebuild runs without it, until settle
        rebuilds.settle()
        assert gc.isenabled()
        rebuilds.pause()
        rebuilds.resume()  # a failed rebuild (on_build_error)
        assert gc.isenabled()
        for _ in range(FULL_COLLECTION_EVERY - 2):
            rebuilds.settle()
        assert alive() is None
    finally:
        rebuilds.release()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_rebuild_with_nothing_changed_reuses_the_site_and_remakes_nothing(served, tmp_path: Path) -> None:
    """A rebuild after a change outside the notes (an app saving its workspace in the vault)
    gives the last site again (`publish.KeptSite`): no page, generated page or data file is made
    or written again. The next real edit builds a new site, equal to a clean build's."""
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    first = plugin.site
    before = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    (vault / ".obsidian").mkdir(exist_ok=True)
    (vault / ".obsidian" / "workspace.json").write_text('{"active": "x"}', encoding="utf-8")
    _serve_build(config_file, site)
    assert plugin.site is first
    assert plugin.rebuilds.generated.made == set()
    after = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    # MkDocs copies the theme's and papernotes' own files, and renders the theme's 404 page, on
    # every build: nothing else is written
    rewritten = {page for page, mtime in after.items() if before.get(page) != mtime}
    assert {page for page in rewritten if page.endswith(".html") or page.startswith(_GRAPH_DATA)} == {"404.html"}
    assert "feed.xml" not in rewritten
    _assert_same_as_clean(config_file, site, tmp_path, "nothing")
    target = _notes(vault)[5]
    _edit(target, "\n## ", "\nA new line.\n\n## ")
    _serve_build(config_file, site)
    assert plugin.site is not first
    assert _page(vault, target) in {p for p, m in _mtimes(site).items() if before.get(p) != m}
    _assert_same_as_clean(config_file, site, tmp_path, "edit after nothing")


def test_the_kept_site_is_made_again_for_another_day_or_other_options(tmp_path: Path) -> None:
    """`KeptSite` gives the last site only for the same notes (objects), files, options and day:
    queries read `today`."""
    from papernotes.bib.sources import LibraryCache
    from papernotes.loader import NoteCache
    from papernotes.options import Options
    from papernotes.publish import KeptSite, publish

    vault = tmp_path / "vault"
    generate(vault, 6, 2)
    cache, libraries, kept = NoteCache(), LibraryCache(), KeptSite()
    day = dt.date(2026, 11, 30)

    def site(options: Options | None = None, today: dt.date = day):  # type: ignore[no-untyped-def]
        return publish(load_vault(vault, cache=cache), options or Options(), today=today, libraries=libraries,
                       kept=kept).site

    first = site()
    assert site() is first
    assert site(today=day + dt.timedelta(days=1)) is not first
    second = site(today=day + dt.timedelta(days=1))
    assert site(Options(folder_topics=False)) is not second
    third = site(Options(folder_topics=False))
    note = _notes(vault)[2]
    note.write_text(note.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert site(Options(folder_topics=False)) is not third
