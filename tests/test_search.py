"""Pagefind over the built site: fed while pages are written, or read back after the build (the
one-core way), in one bundle or in shards of pages merged by the search page."""

from __future__ import annotations

import base64
import gzip
import json
import logging
import os
import stat
import sys
import time
import zlib
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from papernotes import search
from papernotes.search_feed import SearchFeeder
from tests.test_site_build import _config, build_site, write_vault

VAULT = {"A.md": "# A\n\nalpha\n", "B.md": "# B\n\nbeta 扩散模型\n", "C/D.md": "# D\n\ngamma\n"}


def entry_pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def bundles_of(site: Path) -> list[Path]:
    return [site / "pagefind"] + [site / shard for shard in
                                  json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))]


def test_a_small_site_is_one_bundle(tmp_path: Path) -> None:
    site = build_site(write_vault(tmp_path / "vault", VAULT), tmp_path / "site", search="pagefind")
    assert bundles_of(site) == [site / "pagefind"]
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert entry_pages(site / "pagefind") == len(VAULT)
    # the CJK note makes the index Chinese (see the plugin): `扩散` is found inside a sentence
    assert list(json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["languages"]) == ["zh"]
    assert not (site / "pagefind-2").exists()


def test_a_large_site_is_indexed_in_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    monkeypatch.setattr(search, "STREAM_NOTES", 2)
    site = build_site(write_vault(tmp_path / "vault", VAULT), tmp_path / "site", search="pagefind")
    bundles = bundles_of(site)
    assert [bundle.name for bundle in bundles] == ["pagefind", "pagefind-2"]
    assert [entry_pages(bundle) for bundle in bundles] == [2, 1]  # each note once
    assert all((bundle / "pagefind-ui.js").is_file() for bundle in bundles)


@pytest.mark.parametrize("shard_pages", [2000, 2])
def test_indexing_while_pages_are_written_gives_the_same_site_as_after_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_pages: int) -> None:
    """Both cores (Pagefind fed each page as MkDocs writes it) and one core
    (`PAPERNOTES_SERIAL_SEARCH=1`: every page read back after the build) write the same bytes,
    the index included; two one-core builds agree too, so the comparison is not of noise."""
    monkeypatch.setattr(search, "SHARD_PAGES", shard_pages)
    monkeypatch.setattr(search, "STREAM_NOTES", 2000 if shard_pages == 2000 else 3)  # 2: shards of 2
    vault = write_vault(tmp_path / "vault", {
        **VAULT, "E.md": "---\ntitle: Eta <b>bold</b>\nyear: 2021\n---\n# Eta\n\n논문 읽기 [[A]] [[B]]\n",
        "F/G.md": "# G\n\nattention is all you need\n\n## Method\n\ndelta epsilon\n",
        "Private/H.md": "# H\n\nsecret-canary\n"})
    sites = {}
    for name, serial in (("streamed", "0"), ("serial", "1"), ("serial-again", "1")):
        monkeypatch.setenv(search.SERIAL_ENV, serial)
        sites[name] = files_of(build_site(vault, tmp_path / name, search="pagefind", exclude="['Private/**']"))
    streamed, serial = sites["streamed"], sites["serial"]
    assert serial == sites["serial-again"]
    assert sorted(streamed) == sorted(serial)
    assert [name for name in streamed if streamed[name] != serial[name]] == []
    index = [name for name in streamed if name.startswith("pagefind")]
    assert len([name for name in index if "/fragment/" in name]) == 5  # the five public notes
    assert "pagefind/pagefind-entry.json" in index and ("pagefind-3/pagefind-entry.json" in index) == (shard_pages == 2)
    assert not any(b"secret-canary" in data for data in streamed.values())


def test_pages_stream_to_pagefind_unless_asked_not_to(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the site's size, pages go to Pagefind as they are written (its shards one at a
    time, see below); `PAPERNOTES_SERIAL_SEARCH=1` reads them back after the build, `0` is the
    default."""
    monkeypatch.delenv(search.SERIAL_ENV, raising=False)
    assert search.stream_search()
    monkeypatch.setenv(search.SERIAL_ENV, "0")
    assert search.stream_search()
    monkeypatch.setenv(search.SERIAL_ENV, "1")
    assert not search.stream_search()


def test_a_big_site_is_cut_into_the_fewest_bundles_of_equal_size() -> None:
    """One bundle up to 2,000 notes; beyond, bundles of at most 300 pages (Pagefind's memory
    while it writes one is what is added to MkDocs' own), as even as can be."""
    sizes = {notes: search.shard_size(notes) for notes in (1, 2000, 2001, 3000, 4801, 5000, 5001, 20_001)}
    assert sizes == {1: 2000, 2000: 2000, 2001: 286, 3000: 300, 4801: 283, 5000: 295, 5001: 295, 20_001: 299}
    assert [-(-notes // size) for notes, size in sizes.items()] == [1, 1, 7, 10, 17, 17, 17, 67]


def test_a_site_without_searchable_pages_has_an_empty_index(tmp_path: Path) -> None:
    """Nothing is indexed (the generated pages' chrome is not what a search should find), and
    the search page still has Pagefind's scripts."""
    docs = write_vault(tmp_path / "docs", {"x.md": "---\npublish: false\n---\n# X\n\nsecret\n"})
    site = build_site(docs, tmp_path / "site", search="pagefind", strict=False)
    assert entry_pages(site / "pagefind") == 0
    assert (site / "pagefind" / "pagefind-ui.js").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").rglob("*.pf_fragment")) == []


def test_a_dirty_build_indexes_every_searchable_page_on_disk(tmp_path: Path) -> None:
    """`mkdocs build --dirty` writes only the pages whose source changed; the index still holds
    the others, read back from disk."""
    vault = write_vault(tmp_path / "vault", VAULT)
    site = build_site(vault, tmp_path / "site", search="pagefind")
    assert entry_pages(site / "pagefind") == 3
    (vault / "A.md").write_text("# A\n\nalpha omega\n", encoding="utf-8")
    config = load_config(str(_config(vault, site, {"search": "pagefind"})))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:  # MkDocs keeps the plugin instance for the next build in this process: not dirty
        config.plugins.on_shutdown()
    assert entry_pages(site / "pagefind") == 3
    assert search.searchable_pages(str(site)) == ["A/index.html", "B/index.html", "C/D/index.html"]


def _fake_pagefind(folder: Path, script: str) -> Path:
    path = folder / "pagefind"
    path.write_text(script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize("serial", ["", "1"])
def test_a_failing_pagefind_fails_the_build_with_its_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, serial: str) -> None:
    binary = _fake_pagefind(tmp_path, "#!/bin/sh\necho 'pagefind: out of disk' >&2\nexit 3\n")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    monkeypatch.setenv(search.SERIAL_ENV, serial)
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\ntext\n"})
    with pytest.raises(Abort):  # MkDocs logs the plugin's error, then aborts
        build_site(docs, tmp_path / "site", search="pagefind")
    assert [record.getMessage() for record in caplog.records if record.levelno == logging.ERROR] == [
        "papernotes: pagefind failed: pagefind: out of disk"]


# How a stand-in for `pagefind --service` reads base64 requests and answers each from `answers`.
_SERVICE_LOOP = """pending = b""
while chunk := sys.stdin.buffer.read1(65536):
    *requests, pending = (pending + chunk).split(b",")
    for request in requests:
        request = json.loads(base64.b64decode(request))
        answer = {{"message_id": request["message_id"], "payload": answers[request["payload"]["type"]]}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
        sys.stdout.flush()
"""

# A stand-in for `pagefind --service` that answers every page with an error.
REJECTING_SERVICE = """#!{python}
import base64, json, sys
answers = {{"NewIndex": {{"type": "NewIndex", "index_id": 0}},
           "AddFile": {{"type": "Error", "message": "Failed to add file"}},
           "GetFiles": {{"type": "GetFiles", "files": []}}}}
""" + _SERVICE_LOOP


def test_a_page_pagefind_rejects_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = _fake_pagefind(tmp_path, REJECTING_SERVICE.format(python=sys.executable))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    index = search.SiteIndex(str(tmp_path), force_language=None)
    index.add("a/index.html", "<html><body data-pagefind-body>a</body></html>")
    with pytest.raises(search.SearchError, match=r"^a/index\.html: Failed to add file$"):
        index.finish()


def test_a_missing_pagefind_binary_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", os.fspath(tmp_path / "nowhere" / "pagefind"))
    index = search.SiteIndex(str(tmp_path), force_language=None)
    index.add("a/index.html", "<html></html>")  # never raises: a page is not kept waiting
    index.add("b/index.html", "<html></html>")
    with pytest.raises(search.SearchError, match="cannot run"):
        index.finish()


def _bundle_answer(files: dict[str, bytes], *, separators: tuple[str, str] = (",", ":")) -> bytes:
    """Pagefind's answer to `GetFiles` as it comes on its output (its comma left off)."""
    listed = [{"path": name, "content": base64.b64encode(data).decode()} for name, data in files.items()]
    answer = {"message_id": 7, "payload": {"type": "GetFiles", "files": listed}}
    return base64.b64encode(json.dumps(answer, separators=separators).encode())


BUNDLE = {"pagefind.js": b"js" * 300, "fragment/en_1}a.pf_fragment": bytes(range(256)) * 3,
          "index/en_2.pf_index": b"", "wasm.en.pagefind": b"\x00asm" * 500}


@pytest.mark.parametrize("step", [1, 3, 97, 4096, 10**6])
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_a_bundle_is_written_file_by_file_as_its_answer_comes(
        tmp_path: Path, step: int, separators: tuple[str, str]) -> None:
    """However the answer is cut (one base64 character at a time, or whole), each file is written
    once its own object has come, before the rest of the bundle: the bundle is never held whole.
    A `}` inside a path does not end its object."""
    answer = _bundle_answer(BUNDLE, separators=separators)
    assert search._BundleStream.starts(answer[:search._PEEK])
    stream = search._BundleStream(str(tmp_path))
    first = (base64.b64decode(answer).index(b'"fragment/') // 3 + 1) * 4  # the second object has begun
    written_before_the_rest = None
    for start in range(0, len(answer), step):
        stream.feed(answer[start:start + step])
        if written_before_the_rest is None and start + step >= first:
            written_before_the_rest = sorted(path.name for path in tmp_path.rglob("*") if path.is_file())
    stream.close()
    assert files_of(tmp_path) == dict(sorted(BUNDLE.items()))
    if step < len(answer) // 2:
        assert written_before_the_rest == ["pagefind.js"]
    assert len(stream._text) < 100  # what is left of the answer once every file is written


def test_a_bundle_cut_short_or_reaching_outside_its_folder_is_refused(tmp_path: Path) -> None:
    answer = _bundle_answer(BUNDLE)
    stream = search._BundleStream(str(tmp_path / "short"))
    stream.feed(answer[:-9])
    with pytest.raises(ValueError, match="^the answer ended before the bundle did$"):
        stream.close()
    stream = search._BundleStream(str(tmp_path / "bundle"))
    with pytest.raises(ValueError, match=r"^a file outside the bundle: \.\./evil\.js$"):
        stream.feed(_bundle_answer({"../evil.js": b"x"}))
    assert not (tmp_path / "evil.js").exists()
    assert not search._BundleStream.starts(base64.b64encode(b'{"message_id":1,"payload":{"type":"IndexedFile"}}'))
    assert not search._BundleStream.starts(b"not base64!")


# A stand-in for `pagefind --service` whose bundle has a file outside its folder. Its answers are
# longer than a pipe holds (64 KiB), so they come in several reads: the page's is read whole (it is
# not the bundle's), the bundle's is refused at its first file and the rest of it is passed over.
OUTSIDE_SERVICE = """#!{python}
import base64, json, sys
files = [{{"path": "../evil.js", "content": "eA=="}}, {{"path": "pagefind.js", "content": "eA==" * 50000}}]
page = {{"type": "IndexedFile", "page_word_count": 1, "page_url": "/a/", "page_meta": {{"title": "T" * 100000}}}}
answers = {{"NewIndex": {{"type": "NewIndex", "index_id": 0}}, "AddFile": page,
           "GetFiles": {{"type": "GetFiles", "files": files}}}}
""" + _SERVICE_LOOP


def test_a_bundle_file_outside_its_folder_fails_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = _fake_pagefind(tmp_path, OUTSIDE_SERVICE.format(python=sys.executable))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    site = tmp_path / "site"
    index = search.SiteIndex(str(site), force_language=None)
    index.add("a/index.html", "<html><body data-pagefind-body>a</body></html>")
    with pytest.raises(search.SearchError, match=r"^writing the search index into .*/site/pagefind: "
                                                 r"a file outside the bundle: \.\./evil\.js$"):
        index.finish()
    assert not (site / "evil.js").exists() and not (site / "pagefind" / "pagefind.js").exists()


# A stand-in for `pagefind --service` that logs when it starts and ends, and answers `GetFiles`
# only once the file `gate` exists (or exits at the end of its input meanwhile), with a bundle
# of one file listing the pages it was given.
GATED_SERVICE = """#!{python}
import base64, json, os, select, sys, time
def log(event):
    with open({log!r}, "a") as file:
        file.write(event + "\\n")
log("start")
pages, pending = [], b""
while chunk := sys.stdin.buffer.read1(65536):
    *requests, pending = (pending + chunk).split(b",")
    for request in requests:
        request = json.loads(base64.b64decode(request))
        kind = request["payload"]["type"]
        if kind == "NewIndex":
            payload = {{"type": "NewIndex", "index_id": 0}}
        elif kind == "AddFile":
            pages.append(request["payload"]["file_path"])
            payload = {{"type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {{}}}}
        else:
            log("asked " + " ".join(pages))
            while not os.path.exists({gate!r}):
                if select.select([sys.stdin.buffer], [], [], 0.01)[0] and not sys.stdin.buffer.peek(1):
                    log("closed")  # the end of its input, before the bundle was answered
                    sys.exit(0)
            listed = base64.b64encode(" ".join(pages).encode()).decode()
            payload = {{"type": "GetFiles", "files": [{{"path": "pages.txt", "content": listed}}]}}
        answer = {{"message_id": request["message_id"], "payload": payload}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
        sys.stdout.flush()
log("end " + " ".join(pages))
"""


def _logged(log: Path, lines: int) -> str:
    """The stand-in's log once it has so many lines (its processes run beside the test)."""
    while (text := log.read_text(encoding="utf-8") if log.exists() else "").count("\n") < lines:
        time.sleep(0.01)
    return text


def test_streamed_shards_run_one_pagefind_at_a_time_and_the_build_never_waits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a full shard's bundle is written, the next pages wait in the feeder's queue (not in
    a second Pagefind process, whose memory would add to the first's), and the build is not kept
    waiting: `add` returns at once. Each bundle holds its own shard's pages, in order."""
    log, gate = tmp_path / "log", tmp_path / "gate"
    binary = _fake_pagefind(tmp_path, GATED_SERVICE.format(python=sys.executable, log=str(log), gate=str(gate)))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    site = tmp_path / "site"
    feeder = SearchFeeder(search.SiteIndex(str(site), force_language=None, shard_pages=3))
    for page in "abcdefg":  # `d` ends the first shard: its bundle is asked for, and not answered
        feeder.add(page, zlib.compress(b"<html></html>"))
    feeder.seal()
    assert _logged(log, 2) == "start\nasked a b c\n"  # `d` to `g` wait in the queue
    assert not feeder.written
    gate.touch()
    assert feeder.finish() == 3
    assert feeder.written
    assert log.read_text(encoding="utf-8") == ("start\nasked a b c\nend a b c\nstart\nasked d e f\nend d e f\n"
                                               "start\nasked g\nend g\n")
    assert [(bundle / "pages.txt").read_text(encoding="utf-8") for bundle in bundles_of(site)] == [
        "a b c", "d e f", "g"]


@pytest.mark.parametrize("copyright_html", ["", '<img src="x.png" alt="mark">'])
def test_pages_given_to_pagefind_before_they_are_written_give_the_bundle_of_the_written_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, copyright_html: str) -> None:
    """Pagefind is given each page's content as MkDocs renders it (`search_early`). An image in
    the theme's footer, after the content, becomes a page's `image` in Pagefind's index: such a
    site is indexed again from the written pages, and both ways give the same bytes."""
    vault = write_vault(tmp_path / "vault", {**VAULT, "E.md": "# E\n\n![[pic.png]]\n"})
    (vault / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    sites = {}
    for name, serial in (("early", "0"), ("serial", "1")):
        monkeypatch.setenv(search.SERIAL_ENV, serial)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.papernotes"):
            path = _config(vault, tmp_path / name, {"search": "pagefind"})
            if copyright_html:
                path.write_text(path.read_text(encoding="utf-8") + f"copyright: '{copyright_html}'\n", encoding="utf-8")
            build(load_config(str(path)))
        sites[name] = files_of(tmp_path / name)
        again = [record.getMessage() for record in caplog.records if "indexed again" in record.getMessage()]
        assert again == ([f"papernotes: {next(iter(sorted(VAULT)))} as written is not what Pagefind was given "
                          "before (a theme or plugin changed it): every page is indexed again after the build"]
                         if copyright_html and name == "early" else [])
    assert [name for name in sites["early"] if sites["early"].get(name) != sites["serial"].get(name)] == []
    assert sorted(sites["early"]) == sorted(sites["serial"])
    fragments = [gzip.decompress(data) for name, data in sites["early"].items() if "/fragment/" in name]
    assert len(fragments) == len(VAULT) + 1
    with_image = sum(b'"image":"x.png"' in fragment for fragment in fragments)
    assert with_image == (len(fragments) - 1 if copyright_html else 0)  # E's own image comes first
