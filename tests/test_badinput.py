"""Bad input: a corpus of broken notes builds (non-strict) with one clear diagnostic per problem.

The corpus is `tests/badinput/vault/` (files git can hold) plus what `tests/badinput/generate.py`
writes at test time (a 20 MB note, 100,000 wikilinks, 10,000-level lists, NUL bytes, odd file
names, symlinks out of the vault). It is built once per module with a real MkDocs build.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from papernotes.loader import MAX_LINKS, load_note, load_vault, walk_vault
from tests.badinput.generate import OUTSIDE_CANARY, make_corpus
from tests.test_site_build import build_site, write_vault

UNDECODABLE = Path(__file__).resolve().parent / "badinput" / "undecodable"

# (file, line, code): the diagnostics each case must produce, with the line a user looks at.
EXPECTED = [
    ("yaml-malformed.md", 3, "yaml-syntax"),
    ("yaml-list.md", 2, "frontmatter-not-mapping"),
    ("yaml-scalar.md", 2, "frontmatter-not-mapping"),
    ("frontmatter-unclosed.md", 1, "frontmatter-unclosed"),
    ("yaml-alias-bomb.md", 2, "yaml-too-large"),
    ("yaml-recursive-alias.md", 2, "yaml-too-large"),
    ("yaml-tabs.md", 4, "yaml-syntax"),
    ("yaml-python-tag.md", 2, "yaml-syntax"),
    ("yaml-unhashable-key.md", 2, "yaml-syntax"),
    ("yaml-control-char.md", 2, "yaml-syntax"),
    ("yaml-huge-numbers.md", 2, "bad-year"),
    ("yaml-huge-numbers.md", 3, "bad-date"),
    ("yaml-huge-numbers.md", 4, "bad-created"),
    ("wrong-types.md", 2, "bad-title"),
    ("wrong-types.md", 3, "bad-year"),
    ("wrong-types.md", 4, "bad-date"),
    ("wrong-types.md", 5, "bad-venue"),
    ("wrong-types.md", 6, "bad-tags"),
    ("wrong-types.md", 7, "bad-authors"),
    ("wrong-types.md", 8, "bad-aliases"),
    ("wrong-types.md", 9, "bad-status"),
    ("wrong-types.md", 10, "bad-publish"),
    ("wrong-types.md", 11, "bad-publish"),
    ("wrong-types.md", 12, "bad-draft"),
    ("wrong-types.md", 13, "bad-home"),
    ("wrong-types.md", 14, "bad-id"),
    ("wrong-types.md", 15, "bad-description"),
    ("wrong-types.md", 16, "bad-created"),
    ("wrong-types.md", 17, "bad-updated"),
    ("wrong-types.md", 18, "bad-links"),
    ("wrong-types.md", 19, "bad-link"),
    ("wrong-types.md", 20, "bad-link"),
    ("wrong-types.md", 21, "bad-link"),
    ("nul-bytes.md", 1, "binary-file"),
    ("binary.md", 1, "binary-file"),
    ("big/twenty-mb.md", 1, "note-too-large"),
    ("big/many-links.md", 1, "note-too-large"),
    ("links/escaping-links.md", 3, "link-outside-vault"),
    ("links/escaping-links.md", 4, "link-outside-vault"),
    ("links/escaping-links.md", 5, "broken-link"),
    ("links/escaping-links.md", 6, "broken-link"),
    ("links/escaping-links.md", 7, "broken-link"),
    ("links/escaping-links.md", 8, "broken-link"),
    ("links/escaping-links.md", 9, "link-outside-vault"),
    ("links/escaping-links.md", 10, "broken-link"),
    ("links/escaping-links.md", 14, "link-outside-vault"),
    ("links/escaping-links.md", 15, "link-outside-vault"),
    ("links/escaping-links.md", 16, "link-outside-vault"),
    ("links/broken-anchors.md", 3, "missing-heading"),
    ("links/broken-anchors.md", 3, "missing-block"),
    ("links/symlink-file.md", 1, "symlink-outside-vault"),
    ("links/symlink-image.png", 1, "symlink-outside-vault"),
    ("links/dangling.md", 1, "symlink-broken"),
    ("links/symlink-loop.md", 1, "symlink-broken"),
    ("links/to-odd-names.md", 3, "broken-link"),  # `#` starts a heading in a wikilink, as in Obsidian
    ("links/to-odd-names.md", 6, "broken-link"),  # `|` starts the alias
]

# Pages that must exist in the built site: every case that is a readable, published note.
PUBLISHED = [
    "index.html", "fine note/index.html", "yaml-malformed/index.html", "yaml-list/index.html",
    "frontmatter-unclosed/index.html", "yaml-alias-bomb/index.html", "yaml-tabs/index.html",
    "yaml-python-tag/index.html", "embed-cycle-a/index.html", "embed-cycle-b/index.html",
    "self-embed/index.html", "empty/index.html", "only-frontmatter/index.html",
    "big/deep-lists/index.html", "big/deep-quotes/index.html", "big/deep-mixed/index.html",
    "big/long-line/index.html", "big/huge-yaml-value/index.html", "links/escaping-links/index.html",
    "odd/hash # name/index.html", "odd/question ? mark/index.html", "odd/pipe | name/index.html",
    "odd/new\nline/index.html", "odd/" + "x" * 252 + "/index.html", "Dup/index.html",
    "crlf/index.html", "cr-only/index.html", "utf8-bom/index.html", "callout-weird/index.html",
]
UNPUBLISHED = ["wrong-types", "publish-string-false", "nul-bytes", "binary", "big/twenty-mb", "big/many-links",
               "dup"]  # one page with `Dup.md` on a case-insensitive disk: Dup.md wins


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(vault, site, log): the corpus built once, with everything the plugin logged."""
    root = tmp_path_factory.mktemp("badinput")
    vault = make_corpus(root)
    (vault / "links" / "symlink-loop.md").symlink_to(vault / "links" / "symlink-loop.md")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(f"{record.levelname}: {record.getMessage()}")  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    plugin = logging.getLogger("mkdocs.plugins.papernotes")
    level = plugin.level
    plugin.setLevel(logging.DEBUG)  # information too: a paper key's problem on a note that is no paper's
    try:
        site = build_site(vault, root / "site", strict=False)
    finally:
        logger.removeHandler(handler)
        plugin.setLevel(level)
    return vault, site, "\n".join(records)


def test_corpus_is_big_enough() -> None:
    cases = {path for path, _, _ in EXPECTED} | {page.split("/index.html")[0] for page in PUBLISHED}
    assert len(cases) >= 40


def test_every_case_has_its_diagnostic_with_file_and_line(corpus: tuple[Path, Path, str]) -> None:
    vault = load_vault(corpus[0])
    from papernotes.pages import build_site as site_of

    site = site_of(vault.notes, vault.attachments)
    found = {(d.path, d.line, d.code) for d in vault.diagnostics + site.diagnostics}
    missing = [case for case in EXPECTED if case not in found]
    assert missing == []


def test_the_build_logs_each_problem_once_with_file_and_line(corpus: tuple[Path, Path, str]) -> None:
    log = corpus[2]
    for path, line, _ in EXPECTED:
        if path in ("wrong-types.md",) or path.startswith("links/to-odd") or "symlink-loop" in path:
            continue  # wrong-types is private (publish: maybe), so its problems are not logged
        assert f"{path}:{line}: " in log, path
    lines = [line for line in log.splitlines() if "mkdocs" not in line]
    assert len(lines) == len(set(lines)), "a diagnostic was logged twice"


def test_the_rest_of_the_site_builds(corpus: tuple[Path, Path, str]) -> None:
    site = corpus[1]
    for page in PUBLISHED:
        assert (site / page).is_file(), page
    assert "FINE-NOTE-MARKER" in (site / "fine note" / "index.html").read_text(encoding="utf-8")
    body = (site / "yaml-malformed" / "index.html").read_text(encoding="utf-8")
    assert "MALFORMED-BODY" in body
    for name in UNPUBLISHED:
        assert not (site / name).exists(), name
    assert (site / "papers" / "index.html").is_file()


def test_notes_whose_pages_differ_only_in_case_keep_one_winner(corpus: tuple[Path, Path, str]) -> None:
    assert ("WARNING: dup.md:0: this note would be written to dup/index.html, where the page of Dup.md goes"
            in corpus[2])


def test_yaml_is_loaded_safely(corpus: tuple[Path, Path, str]) -> None:
    assert not Path("/tmp/papernotes-pwned").exists()
    page = (corpus[1] / "yaml-python-tag" / "index.html").read_text(encoding="utf-8")
    assert "os.system" not in page


def test_embed_cycles_and_self_embeds_end(corpus: tuple[Path, Path, str]) -> None:
    page = (corpus[1] / "embed-cycle-a" / "index.html").read_text(encoding="utf-8")
    assert page.count("Cycle B") >= 1 and 'class="pn-broken"' in page
    assert (corpus[1] / "self-embed" / "index.html").is_file()


def test_links_out_of_the_vault_lead_nowhere(corpus: tuple[Path, Path, str]) -> None:
    page = (corpus[1] / "links" / "escaping-links" / "index.html").read_text(encoding="utf-8")
    content = page[page.index('data-pagefind-body'):]
    urls = re.findall(r'(?:href|src)="([^"]*)"', content)
    assert [url for url in urls if re.match(r"\s*(?:javascript|file|data):", url, re.IGNORECASE)] == []
    # `../../secret.png` stays a path on this site (a 404), never a file of the machine that built it
    assert list(corpus[1].rglob("secret*")) == []


def test_nothing_from_outside_the_vault_is_published_but_symlinked_files(corpus: tuple[Path, Path, str]) -> None:
    site = corpus[1]
    leaked = [p for p in site.rglob("*") if p.is_file() and OUTSIDE_CANARY.encode() in p.read_bytes()]
    # MkDocs follows symlinks itself; the plugin drops what it found outside the vault.
    assert leaked == []


def test_no_symlinked_file_from_outside_is_published(corpus: tuple[Path, Path, str]) -> None:
    site = corpus[1]
    assert not any(OUTSIDE_CANARY.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", sorted(p.name for p in UNDECODABLE.iterdir()))
def test_undecodable_notes_build(tmp_path: Path, name: str) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n"})
    shutil.copyfile(UNDECODABLE / name, docs / name)
    build_site(docs, tmp_path / "site", strict=False)
    assert (tmp_path / "site" / name.removesuffix(".md") / "index.html").is_file()


# Each undecodable case: its one diagnostic (code, line, message) and the text the note is read as.
UNDECODABLE_CASES = {
    # ED A0 80 (a UTF-16 surrogate written as UTF-8) on line 3; only the first bad byte is reported
    "bad-surrogates.md": ("not-utf8", 3, "byte 0xed at line 3 is not valid UTF-8; undecodable bytes are shown as �",
                          "# Invalid surrogate bytes\n\n��� and ����\n"),
    # Latin-1 é (E9) on line 1 and ï (EF) on line 3
    "not-utf8.md": ("not-utf8", 1, "byte 0xe9 at line 1 is not valid UTF-8; undecodable bytes are shown as �",
                    "# Latin-1 caf�\n\nna�ve text\n"),
    # a UTF-16 LE byte order mark: read as UTF-16, frontmatter included
    "utf16-bom.md": ("utf16", 1, "utf16-bom.md is UTF-16; read it as such", "# UTF-16 with BOM\n\nUTF16-BODY\n"),
}


def test_every_undecodable_case_has_its_expectation() -> None:
    assert sorted(p.name for p in UNDECODABLE.iterdir()) == sorted(UNDECODABLE_CASES)


@pytest.mark.parametrize("name", sorted(UNDECODABLE_CASES))
def test_undecodable_notes_load_with_a_diagnostic(name: str) -> None:
    note, problems = load_note(name, (UNDECODABLE / name).read_bytes())
    code, line, message, body = UNDECODABLE_CASES[name]
    assert note is not None
    assert [(p.code, p.line, p.message) for p in problems] == [(code, line, message)]
    assert note.body == body


def test_empty_vault_builds(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    site = build_site(docs, tmp_path / "site", strict=True)
    assert (site / "index.html").is_file()


def test_vault_of_one_file_builds(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"only.md": "# Only\n\nThe one note.\n"})
    site = build_site(docs, tmp_path / "site", strict=True)
    assert "The one note." in (site / "only" / "index.html").read_text(encoding="utf-8")


def test_vault_of_one_empty_file_builds(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": ""})
    assert (build_site(docs, tmp_path / "site", strict=True) / "index.html").is_file()


# --- the limits that keep a build from hanging, unit by unit ----------------------------------


def test_a_note_with_too_many_links_is_refused_at_line_1() -> None:
    note, problems = load_note("many.md", ("[[a]] " * (MAX_LINKS + 1)).encode())
    assert note is None
    assert [(p.code, p.line, p.level) for p in problems] == [("note-too-large", 1, "error")]
    assert "split it" in problems[0].hint


def test_deeply_nested_notes_render_without_recursion() -> None:
    for body in ("- " * 2000 + "x", "> " * 2000 + "x", "\t" * 400 + "- deep", "1. " * 500 + "y"):
        note, _ = load_note("deep.md", body.encode())
        assert note is not None and note.html.html


def test_symlink_loops_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / "ok.md").write_text("# ok\n", encoding="utf-8")
    vault = load_vault(tmp_path)
    assert [note.path for note in vault.notes] == ["ok.md"]
    assert [(d.path, d.code) for d in vault.diagnostics] == [("loop.md", "symlink-broken")]


# --- strict mode: every problem is logged before the build fails --------------------------------


def test_strict_build_lists_every_problem_before_failing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n[[Missing one]]\n\n[[Missing two]]\n",
        "other.md": "# Other\n\nSee [[Missing three]].\n",
    })
    with caplog.at_level(logging.WARNING), pytest.raises(Abort) as aborted:
        build_site(docs, tmp_path / "site", strict=True)
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.papernotes"]
    assert any(m.startswith("index.md:3: [[Missing one]]") for m in messages)
    assert any(m.startswith("index.md:5: [[Missing two]]") for m in messages)
    assert any(m.startswith("other.md:3: [[Missing three]]") for m in messages)
    assert "3 warnings" in str(aborted.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")  # pragma: no branch
def test_named_pipes_in_the_vault_are_reported_and_the_build_ends(tmp_path: Path) -> None:
    """Reading a named pipe waits for a writer that never comes: the loader and the site skip
    every file that is not a regular file, with a warning (a subprocess, so a hang fails)."""
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\n![[pipe.png]] [[fifo]]\n"})
    os.mkfifo(docs / "fifo.md")
    os.mkfifo(docs / "pipe.png")
    files, problems = walk_vault(docs)  # lists, never reads: before the fix it listed the pipes
    assert [file.key for file in files] == ["index.md"]
    assert sorted((d.path, d.code) for d in problems) == [("fifo.md", "not-a-file"), ("pipe.png", "not-a-file")]
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme:\n  name: material\n"
                      "  font: false\nplugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "fifo.md:0: fifo.md is not a regular file" in result.stderr
    assert (tmp_path / "site" / "index.html").is_file() and not (tmp_path / "site" / "pipe.png").exists()
