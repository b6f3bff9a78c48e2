"""Pagefind fed from a thread of its own (`search_feed`): what the build's thread sees when the
feeding fails or the build stops before its end. Stand-ins for `pagefind --service` are
test_search.py's."""

from __future__ import annotations

import sys
import threading
import zlib
from concurrent.futures import Future
from pathlib import Path

import pytest

from papernotes import search
from papernotes.search_feed import SearchFeeder
from tests.test_search import GATED_SERVICE, _fake_pagefind, _logged


def _gated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    log, gate = tmp_path / "log", tmp_path / "gate"
    binary = _fake_pagefind(tmp_path, GATED_SERVICE.format(python=sys.executable, log=str(log), gate=str(gate)))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    return log, gate


def _feeding_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "papernotes-search-feed"]


def test_pages_are_given_in_order_as_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compressed bytes or a Future of them, each page is given in the order it came, made into
    what Pagefind is given by `document`."""
    log, gate = _gated(tmp_path, monkeypatch)
    gate.touch()
    given: list[str] = []
    feeder = SearchFeeder(search.SiteIndex(str(tmp_path / "site"), force_language=None),
                          lambda text: given.append(text) or f"<html>{text}</html>")
    later: Future[bytes] = Future()
    feeder.add("a", zlib.compress("ä".encode()))
    feeder.add("b", later)
    feeder.add("c", zlib.compress(b"c"))
    later.set_result(zlib.compress(b"b"))
    assert feeder.finish() == 1
    assert given == ["ä", "b", "c"]
    assert log.read_text(encoding="utf-8") == "start\nasked a b c\nend a b c\n"
    assert _feeding_threads() == []


def test_a_page_that_failed_to_be_made_fails_finish_and_ends_pagefind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the feeding thread (here a page whose compression failed) is raised by
    `finish`, in the build's thread; the pages after it are not given, and Pagefind is ended."""
    log, gate = _gated(tmp_path, monkeypatch)
    gate.touch()
    feeder = SearchFeeder(search.SiteIndex(str(tmp_path / "site"), force_language=None))
    failed: Future[bytes] = Future()
    failed.set_exception(ValueError("compressing b failed"))
    feeder.add("a", zlib.compress(b"a"))
    feeder.add("b", failed)
    feeder.add("c", zlib.compress(b"c"))
    with pytest.raises(ValueError, match="^compressing b failed$"):
        feeder.finish()
    assert log.read_text(encoding="utf-8") == "start\nend a\n"
    assert not (tmp_path / "site" / "pagefind").exists()
    assert _feeding_threads() == []


def test_closing_while_a_bundle_is_written_ends_pagefind_and_drops_the_pages_still_queued(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed build closes the feeder while its thread waits for a bundle that does not come:
    Pagefind's input is ended, its wait too, and no shard starts for the pages still queued."""
    log, _ = _gated(tmp_path, monkeypatch)
    feeder = SearchFeeder(search.SiteIndex(str(tmp_path / "site"), force_language=None, shard_pages=3))
    for page in "abcde":
        feeder.add(page, zlib.compress(b"<html></html>"))
    assert _logged(log, 2) == "start\nasked a b c\n"
    feeder.close()
    assert log.read_text(encoding="utf-8") == "start\nasked a b c\nclosed\n"
    assert _feeding_threads() == []
    assert not (tmp_path / "site" / "pagefind-2").exists()
