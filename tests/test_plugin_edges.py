"""The plugin's less travelled paths: notices about the configuration, names taken by the vault,
private notes' problems kept quiet, and a failing Pagefind."""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

from papernotes.bib.export import papers_bibtex, papers_csl_json
from papernotes.loader import load_vault
from papernotes.options import validate
from papernotes.publish import publish
from tests.test_site_build import _config, build_site, write_vault

LOGGER = "mkdocs.plugins.papernotes"


def _config_file(tmp_path: Path, plugins: str, extra: str = "") -> Path:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n"})
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: x\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: material\n"
                    f"plugins:\n{plugins}{extra}", encoding="utf-8")
    return path


def _on_config_messages(config_file: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    config = load_config(str(config_file))
    with caplog.at_level(logging.INFO, logger=LOGGER):
        config.plugins["papernotes"].on_config(config)
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def test_unused_markdown_extensions_are_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = _config_file(tmp_path, "  - papernotes:\n      search: none\n",
                               "markdown_extensions:\n  - admonition\n  - toc\n  - footnotes\n")
    assert _on_config_messages(config_file, caplog) == [
        "papernotes: pages are rendered with markdown-it, as Obsidian reads notes; "
        "these markdown_extensions are not used: admonition, footnotes"]


def test_no_notice_without_extra_extensions(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert _on_config_messages(_config_file(tmp_path, "  - papernotes\n"), caplog) == []


@pytest.mark.parametrize("search", ["search", "material/search"])
def test_the_search_plugin_beside_pagefind_is_pointed_out(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                          search: str) -> None:
    config_file = _config_file(tmp_path, f"  - {search}\n  - papernotes\n")
    # with theme: material both names are Material's search plugin, which is switched off (README, Search)
    assert _on_config_messages(config_file, caplog) == [
        "papernotes: Material's search plugin is switched off: Pagefind indexes the site (the Search page); "
        "remove `search` from plugins to silence this"]


def test_vault_pages_named_like_generated_ones_win(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    base = "filters: file.hasTag(\"x\")\nviews:\n  - type: list\n    name: All\n"
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "papers.md": "# My own papers page\nOWN-PAPERS-PAGE\n",
        "Reading.md": "# Reading\nOWN-READING-NOTE\n",
        "Reading.base": base,
        "Other.base": base,
        "timeline.base": base,
    })
    (docs / "Private.md").write_bytes(b"---\npublish: false\n---\n# Private \xff\n[[Nowhere at all]]\n")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        site = build_site(docs, tmp_path / "site", strict=False)
    messages = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    # collisions.py: the note is kept, the generated page left out, with a warning at the note
    # (README, "Colliding outputs"); reading.md is the Reading page's source, one URL up to case
    left_out = ("{0}:0: papernotes' generated page {1} would be written to {2}/index.html, where the page of "
                "{0} goes; the generated page is left out of the site (rename this file if you want the "
                "generated page)")
    assert [record.getMessage() for record in caplog.records
            if record.name == LOGGER and record.levelno == logging.WARNING] == [
        left_out.format("Reading.md", "reading.md", "reading")]
    # a page that is only Markdown (the Papers table) is shown below the note that takes its
    # place, in the nav as the section, with an info (not a warning) at the note (test_check_parity_collisions)
    papers = (site / "papers" / "index.html").read_text(encoding="utf-8")
    assert papers.index("OWN-PAPERS-PAGE") < papers.index('<h2 id="papers">Papers') < papers.index("pn-compare-table")
    assert "pn-finished" not in papers and papers.count("<table>") == 1  # the table put back in the note's page
    assert 'href="../papers.bib"' in papers  # the generated page's links, from the note's page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="papers/"[^>]*>\s*<span class="md-ellipsis">\s*Papers', home)
    # a note and a .base of the same name: the note is the page; another .base still becomes one
    assert "OWN-READING-NOTE" in (site / "Reading" / "index.html").read_text(encoding="utf-8")
    assert (site / "Other" / "index.html").is_file()
    # a .base named like a generated page: the generated page stays (as for papers.md, but a
    # .base's page name is papernotes' own choice, so no warning)
    assert '<h1 id="timeline">Timeline' in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    # a private note's problems (its undecodable byte, its broken link) are not logged
    assert [message for message in messages if "Nowhere" in message or "Private" in message] == []


def test_mkdocs_own_search_plugin_under_another_theme_is_pointed_out(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = _config_file(tmp_path, "  - search\n  - papernotes\n")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("theme: material", "theme: mkdocs"),
                           encoding="utf-8")
    assert _on_config_messages(config_file, caplog) == [
        "papernotes: Pagefind replaces the `search` plugin; remove `search` from plugins"]


def test_serve_watches_the_bibliography_files_that_exist(tmp_path: Path) -> None:
    """A library outside docs_dir is watched by `mkdocs serve` (MkDocs' own server, never started)."""
    (tmp_path / "library.bib").write_text("@article{a, title={A}}\n", encoding="utf-8")
    config_file = _config_file(tmp_path, "  - papernotes:\n      bibliography: [library.bib, missing.bib]\n")
    config = load_config(str(config_file))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        assert config.plugins.on_serve(server, config=config, builder=lambda: None) is server
        server.unwatch(str(tmp_path / "library.bib"))  # raises unless it was watched
        with pytest.raises(KeyError):
            server.unwatch(str(tmp_path / "missing.bib"))
    finally:
        server.server_close()


HOOK = '''
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "year.md", content="---\\ntitle: 2023\\n---\\nA year for a title.\\n"))
    files.append(File.generated(config, "tagged.md", content="---\\ntitle: <b>x</b> & y\\n---\\nText.\\n"))
    files.append(File.generated(config, "plain-page.md", content="No heading, no title.\\n"))
    return files
'''


def test_pages_of_other_plugins_get_escaped_titles_from_meta_heading_or_file_name(tmp_path: Path) -> None:
    """Pages that are no note (here made by a hook, as mkdocs-gen-files makes them) keep MkDocs'
    title rule: their meta `title` (a number shown as written), else their file name; escaped."""
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    config_file = _config_file(tmp_path, "  - papernotes:\n      search: none\n",
                               f"hooks:\n  - {tmp_path / 'hook.py'}\n")
    build(load_config(str(config_file)))

    def title(page: str) -> list[str]:
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r"<title>(.*?)</title>", html)

    assert title("year") == ["2023 - x"]
    assert title("tagged") == ["&lt;b&gt;x&lt;/b&gt; &amp; y - x"]
    assert title("plain-page") == ["Plain page - x"]


class _Probe(BasePlugin):  # type: ignore[type-arg]
    """Another plugin of the build: what page content it is given, and when."""

    def __init__(self) -> None:
        super().__init__()
        self.content: dict[str, str] = {}
        self.env: dict[str, str] = {}
        self.context: dict[str, str] = {}

    def on_env(self, env, *, config, files):  # type: ignore[no-untyped-def]
        self.env = {file.src_uri: file.page.content for file in files.documentation_pages()}
        return env

    def on_page_context(self, context, *, page, config, nav):  # type: ignore[no-untyped-def]
        self.context[page.file.src_uri] = page.content
        return context


class _LateProbe(_Probe):
    @event_priority(-200)  # after papernotes
    def on_page_content(self, html, *, page, config, files):  # type: ignore[no-untyped-def]
        self.content[page.file.src_uri] = html
        return html


def _probed_build(docs: Path, site: Path, probe: _Probe) -> tuple[dict[str, bytes], dict[str, bytes]]:
    config = load_config(str(_config(docs, site, {"search": "none"})))
    config.plugins["probe"] = probe
    build(config)
    held = config.plugins["papernotes"].held
    return held, {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def test_page_content_is_held_compressed_until_its_page_is_written_unless_a_plugin_reads_it_after(
        tmp_path: Path) -> None:
    """MkDocs renders every page before writing the first: papernotes keeps each page's content
    compressed until the page's turn, when other plugins (`on_page_context`) and the theme get it
    whole. A plugin that reads the content after papernotes gets it as it is, never held. The
    site is the same bytes either way."""
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\nSee [[Note]].\n",
                                           "Note.md": "# Note\n\nnote-canary\n"})
    early, late = _Probe(), _LateProbe()
    held, site = _probed_build(docs, tmp_path / "site", early)
    held_late, site_late = _probed_build(docs, tmp_path / "site-late", late)
    assert held == {} and held_late == {}  # every held page was given back
    assert site == site_late and "note-canary" in site["Note/index.html"].decode()
    assert "note-canary" in early.context["Note.md"] and early.context == late.context
    assert "note-canary" in late.content["Note.md"] and early.content == {}
    assert early.env["Note.md"] == "" and "note-canary" in late.env["Note.md"]  # held while others are made


def test_pages_are_sanitised_and_held_by_a_worker_thread_that_ends_with_the_build(tmp_path: Path) -> None:
    """Each page's HTML is sanitised and compressed on a thread beside the page loop (nh3 and
    zlib let go of the GIL); what it makes is the page as written, and the thread ends with the
    build, also when a page fails."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\nSee [[Note]].\n",
        "Note.md": '# Note\n\nnote-canary <img src=x onerror="alert(1)"> <script>alert(2)</script>\n',
    })
    config = load_config(str(_config(docs, tmp_path / "site", {"search": "none"})))
    build(config)
    plugin = config.plugins["papernotes"]
    assert plugin.worker is None and plugin.held == {}
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("papernotes-pages")]
    page = (tmp_path / "site" / "Note" / "index.html").read_text(encoding="utf-8")
    assert '<p>note-canary <img src="x"> </p>' in page
    assert "onerror" not in page and "alert(" not in page

    class _Failing(BasePlugin):  # type: ignore[type-arg]
        @event_priority(-200)
        def on_page_content(self, html, *, page, config, files):  # type: ignore[no-untyped-def]
            raise ValueError("this page fails")

    config = load_config(str(_config(docs, tmp_path / "site-2", {"search": "none"})))
    config.plugins["failing"] = _Failing()
    with pytest.raises(ValueError, match="this page fails"):
        build(config)
    assert config.plugins["papernotes"].worker is None


class _FilesProbe(BasePlugin):  # type: ignore[type-arg]
    """Another plugin of the build: how each generated file's content is held once the pages are made."""

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[str, type] = {}

    def on_env(self, env, *, config, files):  # type: ignore[no-untyped-def]
        self.held = {file.src_uri: type(file._content) for file in files if file.generated_by}
        return env


def test_generated_data_files_are_held_as_the_bytes_written(tmp_path: Path) -> None:
    """papers.bib and papers.json (megabytes with a big library) are held as UTF-8 bytes until
    MkDocs writes them, not as text (two bytes a character once a CJK title is in it); pages stay
    text. The files are the export's, byte for byte."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "扩散 Note.md": "---\ntitle: 扩散模型 Diffusion\nyear: 2021\n---\n# 扩散模型\n\nText.\n",
    })
    (docs / "refs.bib").write_text('@article{lib2020, title={Library {\\"U}ber Paper}, author={M{\\"u}ller, Zo{\\"e}},'
                                   " year={2020}}\n", encoding="utf-8")
    probe = _FilesProbe()
    config = load_config(str(_config(docs, tmp_path / "site", {"search": "none"})))
    config.plugins["probe"] = probe
    build(config)
    assert probe.held["papers.bib"] is bytes and probe.held["papers.json"] is bytes
    assert probe.held["compare/papers.json"] is bytes and probe.held["papers.md"] is str
    vault = load_vault(docs)
    site = publish(vault, validate({})[0]).site
    assert (tmp_path / "site" / "papers.bib").read_bytes() == papers_bibtex(site.graph, site.bib).encode("utf-8")
    assert (tmp_path / "site" / "papers.json").read_bytes() == papers_csl_json(site.graph, site.bib).encode("utf-8")
    written = (tmp_path / "site" / "papers.bib").read_text(encoding="utf-8")
    assert "title = {{扩散模型 Diffusion}}" in written and "@article{lib2020," in written
