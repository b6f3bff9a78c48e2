"""Pagefind over the built site: fed page by page while MkDocs writes them, in shards when large.

Pagefind runs as a service (`pagefind --service`, the binary of the `pagefind[extended]` wheel)
in a process of its own: it parses each page on the other core while this process builds the
next, so a build uses both cores. The plugin gives it each page's content as MkDocs renders it
(`search_early`), so the bundle is written while MkDocs writes the pages. A thread of its own
(`search_feed`) gives Pagefind the pages, so the build never waits for Pagefind before its end.

Pagefind keeps a site's whole index in memory while it builds it, about 0.5 MB a page while
it writes the bundle (a 20,000-page site took 5 GB; Pagefind/pagefind#842). A site of more than
`STREAM_NOTES` notes is cut into shards of at most `SHARD_PAGES` searchable pages, in the order
they are given, each indexed by a Pagefind process of its own that writes its bundle
(`pagefind/`, `pagefind-2/`, ...) and exits; the search page merges the bundles (Pagefind's
`mergeIndex`), listed in `pagefind/shards.json`. One Pagefind process runs at a time: while a
full shard's bundle is written, the next pages wait (compressed, in `search_feed`'s queue), so
what Pagefind adds to MkDocs' own memory is one small shard's index.

Pagefind numbers pages in the order it receives them, and that number is in the index files. Its
command line (`pagefind --site`) takes them in the order the file system lists a folder, which
differs between machines; fed here in the build's own page order, the index is the same bytes
wherever it is built, and the same whether pages are fed while they are written (`SiteIndex.add`
from the plugin) or read back from disk afterwards (`index_site`).
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, cast

from pagefind.service import get_executable

from papernotes.memory import give_back

SHARD_PAGES = 300  # Pagefind peaks at ~190 MiB writing the bundle of 300 pages (~240 for 385, ~370 for 1,000)
TRIM_PAGES = 200  # after the build, the heap is trimmed every so many pages read back
STREAM_NOTES = 2000  # a site of at most this many notes is one bundle
BODY = "data-pagefind-body"  # what makes a page searchable: Pagefind indexes only such elements
SERIAL_ENV = "PAPERNOTES_SERIAL_SEARCH"  # "1": index after the build, on one core (see README)


class SearchError(Exception):
    """Pagefind failed; the message is its own output."""


def bundle_name(index: int) -> str:
    return "pagefind" if index == 0 else f"pagefind-{index + 1}"


def sharded(shard_pages: int) -> bool:
    """Whether a site of bundles of this size (`shard_size`) is cut into shards for memory."""
    return shard_pages < STREAM_NOTES


def stream_search() -> bool:
    """Whether to feed Pagefind each page as MkDocs writes it (both cores): unless
    `PAPERNOTES_SERIAL_SEARCH` is `1` (or anything but `0`), which reads every page back after
    the build, on one core."""
    return os.environ.get(SERIAL_ENV, "") in ("", "0")


def shard_size(notes: int) -> int:
    """Pages per bundle for a site of `notes` notes, the same whether its pages are streamed or
    read back (so both ways write the same bytes): one bundle up to `STREAM_NOTES`; beyond, the
    fewest bundles of at most `SHARD_PAGES` pages, of equal size (4,801 notes: 17 of 283, not 16
    of 300 and one of a single page, which the search page would load for nothing)."""
    if notes <= STREAM_NOTES:
        return STREAM_NOTES
    bundles = -(-notes // SHARD_PAGES)
    return -(-notes // bundles)


class _Service:
    """One `pagefind --service` process holding one index. Requests (base64 JSON, each ended by a
    comma) are written as they come and a thread reads the answers, so neither side waits for
    the other. (Pagefind's own Python client reads each answer 0.1 s after the previous one:
    100 s for 1,000 pages.)

    The bundle is asked for in memory (`GetFiles`) and written here, by the reading thread, file
    by file as the answer comes (`_BundleStream`: the answer, a whole bundle, is never held),
    after which the process is ended and its memory freed. Pagefind's own `WriteFiles` answers
    before its writes reach the disk, and the service exits at the end of its input without
    finishing them: files of the bundle were left empty (seen here, 1 build in 4)."""

    def __init__(self, force_language: str | None) -> None:
        executable = get_executable()
        if executable is None:  # pragma: no cover  (the wheel is a dependency)
            raise SearchError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._stderr)
        except OSError as error:
            self._stderr.close()
            raise SearchError(f"cannot run {executable}: {error}") from error
        self._changed = threading.Condition()
        self._pages: dict[int, str] = {}  # request -> page, until Pagefind has indexed it
        self._error: str | None = None
        self._index: int | None = None
        self._bundle: str | None = None  # where the bundle goes, once asked for
        self._written = False  # the bundle is on disk
        self._last = 0
        self._reader = threading.Thread(target=self._read, name="papernotes-pagefind", daemon=True)
        self._reader.start()
        self._send({"type": "NewIndex", "config": {"force_language": force_language} if force_language else None})
        with self._changed:
            self._changed.wait_for(lambda: self._index is not None or self._error is not None)
        if self._index is None:
            self.close()
            raise SearchError(str(self._error))

    def add(self, page: str, html: str) -> None:
        self._pages[self._last + 1] = page
        self._send({"type": "AddFile", "index_id": self._index, "file_path": page, "url": None,
                    "file_contents": html})

    def write(self, bundle_dir: str) -> None:
        """Ask for the bundle, to be written into `bundle_dir` when it comes; `finish` waits for it."""
        self._bundle = bundle_dir  # before sending: the answer may come first
        self._send({"type": "GetFiles", "index_id": self._index})

    @property
    def written(self) -> bool:
        """Whether the bundle is on disk, or Pagefind failed (`finish` would not wait)."""
        with self._changed:
            return self._written or self._error is not None

    def finish(self) -> None:
        """Wait until the bundle is written (or Pagefind failed), then end the process."""
        try:
            with self._changed:
                self._changed.wait_for(lambda: self._written or self._error is not None)
                if self._error is not None:
                    raise SearchError(self._error)
        finally:
            self.close()

    def close(self) -> None:
        self._end_input()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover  (Pagefind exits at the end of its input)
            self._process.kill()
            self._process.wait()
        if self._reader is not threading.current_thread():
            self._reader.join()
        self._stderr.close()

    def _end_input(self) -> None:
        stdin = self._process.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()  # Pagefind exits at the end of its input
            except OSError:
                pass

    def _send(self, payload: dict[str, Any]) -> None:
        self._last += 1
        # UTF-8, not `\uXXXX` escapes (a CJK page's message would be three times as long); a lone
        # surrogate becomes a character reference, as MkDocs writes it into the page's file
        text = json.dumps({"message_id": self._last, "payload": payload}, ensure_ascii=False)
        message = base64.b64encode(text.encode("utf-8", "xmlcharrefreplace"))
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(message + b",")
            stdin.flush()
        except (OSError, ValueError):  # the process is gone: the reading thread says why
            pass

    def _read(self) -> None:
        stdout = cast(io.BufferedReader, self._process.stdout)  # read1: what has come, without waiting for more
        pending = bytearray()
        stream: _BundleStream | None = None  # the bundle's answer, being written as it comes
        peeked = False  # the start of the answer in `pending` is known not to be the bundle's
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            while pending:
                end = pending.find(b",")
                if stream is not None:
                    last = end >= 0
                    self._stream_bundle(stream, pending[:end] if last else pending, last)
                    del pending[:end + 1 if last else len(pending)]
                    if last:
                        stream, peeked = None, False
                elif end >= 0:  # a whole answer
                    self._answer(bytes(pending[:end]))
                    del pending[:end + 1]
                    peeked = False
                elif not peeked and len(pending) >= _PEEK:  # a long answer: the bundle's?
                    peeked = True
                    if _BundleStream.starts(pending[:_PEEK]):
                        stream = _BundleStream(self._bundle)
                else:
                    break
        self._process.wait()
        with self._changed:
            if not self._written and self._error is None:
                self._stderr.seek(0)
                said = self._stderr.read().decode("utf-8", "replace").strip()
                self._error = said or f"pagefind stopped (exit status {self._process.returncode})"
            self._changed.notify_all()

    def _stream_bundle(self, stream: _BundleStream, data: bytes | bytearray, last: bool) -> None:
        """Write what has come of the bundle's answer; the whole answer came with `last`."""
        if stream.failed:
            return
        try:
            stream.feed(data)
            if last:
                stream.close()
        except (OSError, ValueError, KeyError, TypeError) as problem:
            stream.failed = True
            self._fail(f"writing the search index into {stream.bundle_dir}: {problem}")
            self._end_input()
            return
        if last:
            self._end_input()  # the process exits, and its memory is free for the next shard
            with self._changed:
                self._written = True
                self._changed.notify_all()

    def _fail(self, error: str) -> None:
        with self._changed:
            if self._error is None:
                self._error = error
            self._changed.notify_all()

    def _answer(self, message: bytes) -> None:
        if _BundleStream.starts(message[:_PEEK]):  # a short bundle: an empty site's
            self._stream_bundle(_BundleStream(self._bundle), message, True)
            return
        try:
            answer = json.loads(base64.b64decode(message))
            request, payload = answer.get("message_id"), answer["payload"]
            kind = payload["type"]
            index = int(payload["index_id"]) if kind == "NewIndex" else None
        except (ValueError, KeyError, TypeError, AttributeError):
            request, payload, kind, index = None, {"message": f"unreadable answer {message[:200]!r}"}, "Error", None
        page = self._pages.pop(request, None)
        error = None
        if kind == "Error":
            error = f"{page}: {payload.get('message')}" if page else str(payload.get("message"))
        with self._changed:
            if kind == "NewIndex":
                self._index = index
            if error is not None and self._error is None:
                self._error = error
            self._changed.notify_all()


_PEEK = 256  # base64 characters of an answer read to tell the bundle's from the others


class _BundleStream:
    """Pagefind's answer to `GetFiles`, base64 of `{"message_id": n, "payload": {"type":
    "GetFiles", "files": [{"path": ..., "content": base64}, ...]}}`, decoded as it comes: each
    file is written once its object has come whole, so what is held is one file, not the bundle
    (a 2,000-page bundle is ~100 MB, its answer a third more, and decoding it whole took several
    times that)."""

    def __init__(self, bundle_dir: str | None) -> None:
        self.bundle_dir = bundle_dir
        self.failed = False
        self._carry = b""  # base64 characters beyond the last whole group of four
        self._text = bytearray()  # decoded JSON not yet consumed
        self._in_files = False  # past `"files": [`
        self._done = False  # past the list's `]`
        self._search = 0  # where in `_text` to look for the next `}`

    @staticmethod
    def starts(head: bytes | bytearray) -> bool:
        """Whether an answer beginning with these base64 characters is a bundle."""
        head = bytes(head[:len(head) // 4 * 4])
        try:
            text = base64.b64decode(head)
        except ValueError:
            return False
        kind = text.find(b'"GetFiles"')
        return kind >= 0 and text.find(b'"files"', kind) >= 0

    def feed(self, data: bytes | bytearray) -> None:
        data = self._carry + bytes(data)
        whole = len(data) // 4 * 4
        self._carry = data[whole:]
        self._text += base64.b64decode(data[:whole], validate=True)
        self._take()

    def close(self) -> None:
        if self._carry or not self._done:
            raise ValueError("the answer ended before the bundle did")

    def _take(self) -> None:
        text, start = self._text, 0
        if not self._in_files:
            name = text.find(b'"files"')
            bracket = text.find(b"[", name) if name >= 0 else -1
            if bracket < 0:
                return
            self._in_files, start = True, bracket + 1
        while not self._done:
            while start < len(text) and text[start] in b" \t\r\n,":
                start += 1
            if start == len(text):
                break
            if text[start] == ord("]"):
                self._done = True
                break
            found = self._object(start)
            if found is None:
                break
            file, start = found
            if self.bundle_dir is None:  # pragma: no cover  (asked for before its answer can come)
                raise ValueError("a bundle that was not asked for")
            _write_file(self.bundle_dir, file["path"], file["content"])
            self._search = start
        del text[:start]
        self._search = max(0, self._search - start)

    def _object(self, start: int) -> tuple[dict[str, str], int] | None:
        """The file object at `start` and where it ends, or None until it has all come. Contents
        are base64 and paths Pagefind's, so a `}` is almost always the object's end; one inside a
        string fails to parse, and the next is tried."""
        text = self._text
        close = text.find(b"}", max(start, self._search))
        while close >= 0:
            try:
                return json.loads(text[start:close + 1]), close + 1
            except ValueError:
                close = text.find(b"}", close + 1)
        self._search = len(text)
        return None


def _write_file(bundle_dir: str, name: str, content: str) -> None:
    path = os.path.normpath(os.path.join(bundle_dir, name))
    if os.path.commonpath([path, bundle_dir]) != bundle_dir:
        raise ValueError(f"a file outside the bundle: {name}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as output:
        output.write(base64.b64decode(content))


class SiteIndex:
    """The site's search index: `add` each searchable page (its site path and HTML) in the build's
    order, then `finish`. Every `SHARD_PAGES` pages, the full shard's process writes its bundle,
    and `add` waits for it before the next shard's process starts: one Pagefind process at a time.
    During a build, pages are given by `search_feed.SearchFeeder` from a thread of its own, so
    only that thread waits. A Pagefind that cannot start or fails is reported by `finish`."""

    def __init__(self, site_dir: str, *, force_language: str | None, shard_pages: int | None = None,
                 trim: bool = False) -> None:
        self.site_dir, self.force_language = site_dir, force_language
        self.trim = trim
        """True (pages read back after the build): the heap is trimmed as pages are read; not
        while MkDocs builds, which reuses what is freed."""
        self.shard_pages = shard_pages or SHARD_PAGES
        self.pages = 0
        self._shards: list[_Service] = []
        self._open: _Service | None = None
        self._open_pages = 0
        self._failure: SearchError | None = None

    def add(self, page: str, html: str) -> None:
        self.pages += 1
        if self._open is not None and self._open_pages == self.shard_pages:
            self._seal()
        if self._open is None and not self._start():
            return
        assert self._open is not None
        self._open.add(page, html)
        self._open_pages += 1
        if self.trim and self.pages % TRIM_PAGES == 0:
            give_back()  # the pages read back and their messages, freed but kept by the C heap

    def seal(self) -> None:
        """No more pages: the last bundle is written (an empty one for no pages, so the search
        page still has Pagefind's scripts)."""
        if self._open is None and not self._shards:
            self._start()
        if self._open is not None:
            self._seal()

    def _finish(self, shard: _Service) -> None:
        try:
            shard.finish()
        except SearchError as error:
            self._failure = self._failure or error

    @property
    def written(self) -> bool:
        """Whether every page given so far is in a bundle on disk (or Pagefind failed): `finish`
        would not wait."""
        return self._open is None and all(shard.written for shard in self._shards)

    def finish(self) -> int:
        """Wait for every bundle and list the extra ones in `pagefind/shards.json`; returns
        the number of bundles."""
        self.seal()
        try:
            for shard in self._shards:
                shard.finish()
        finally:
            self.close()
        if self._failure is not None:
            raise self._failure
        extra = [f"{bundle_name(index)}/" for index in range(1, len(self._shards))]
        stale = len(self._shards)  # bundles of an earlier, larger site in a kept folder
        while os.path.isdir(os.path.join(self.site_dir, bundle_name(stale))):
            shutil.rmtree(os.path.join(self.site_dir, bundle_name(stale)), ignore_errors=True)
            stale += 1
        with open(os.path.join(self.site_dir, "pagefind", "shards.json"), "w", encoding="utf-8") as file:
            json.dump(extra, file)
        return len(self._shards)

    def close(self) -> None:
        """End every Pagefind process (a failed build: nothing more is written)."""
        for shard in self._shards:
            shard.close()
        self._open = None

    def discard(self) -> None:
        """End every Pagefind process and remove the bundles they wrote (the pages they were given
        turned out not to be the site's: it is indexed again)."""
        self.close()
        for index in range(len(self._shards)):
            shutil.rmtree(os.path.join(self.site_dir, bundle_name(index)), ignore_errors=True)

    def _start(self) -> bool:
        if self._failure is not None:
            return False
        try:
            self._open, self._open_pages = _Service(self.force_language), 0
        except SearchError as error:
            self._failure = error
            return False
        self._shards.append(self._open)
        return True

    def _seal(self) -> None:
        """The open shard's bundle is written; this waits for it (its process ends, and its
        memory is free for the next shard's)."""
        assert self._open is not None
        bundle = os.path.join(os.path.abspath(self.site_dir), bundle_name(len(self._shards) - 1))
        # Pagefind adds files to a bundle folder and never removes any: in a site folder kept from
        # an earlier build (`--dirty`, the preview's re-index), the fragments of pages now gone or
        # private would stay, with their text.
        shutil.rmtree(bundle, ignore_errors=True)
        self._open.write(bundle)
        self._finish(self._open)
        self._open = None
        if self.trim:
            give_back()  # the pages read back for this shard


def searchable_pages(site_dir: str) -> list[str]:
    """Every page of a built site that Pagefind would index, in a fixed order (`mkdocs build
    --dirty` writes only some pages; the others are on disk from earlier builds)."""
    found = []
    for folder, folders, names in os.walk(site_dir):
        folders[:] = sorted(name for name in folders if not (folder == site_dir and name.startswith("pagefind")))
        for name in sorted(names):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as file:
                    if BODY in file.read():
                        found.append(os.path.relpath(path, site_dir).replace(os.sep, "/"))
    return found


def index_site(site_dir: str, pages: Sequence[str], *, force_language: str | None,
               shard_pages: int | None = None) -> int:
    """Index the site after it is built; `pages` are the site-relative paths of the searchable
    pages (those with `data-pagefind-body`), read from disk in this order. Returns the number of
    bundles written."""
    index = SiteIndex(site_dir, force_language=force_language, shard_pages=shard_pages or shard_size(len(pages)),
                      trim=True)
    try:
        for page in pages:
            with open(os.path.join(site_dir, page), encoding="utf-8") as file:
                index.add(page, file.read())
    except BaseException:
        index.close()
        raise
    return index.finish()


class BackgroundIndexer:
    """`mkdocs serve`: the site is indexed in a thread after a build, so the preview's search page
    works without delaying the page reloads. A build that ends while indexing runs asks for one
    more pass; the searchable pages written by every build are remembered (a `--dirty` rebuild
    writes only some) and those whose file is gone are left out."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._next: tuple[str, str | None] | None = None
        self._site_dir = ""
        self._pages: set[str] = set()

    def request(self, site_dir: str, written: Iterable[str], force_language: str | None) -> None:
        with self._lock:
            if site_dir != self._site_dir:
                self._site_dir, self._pages = site_dir, set()
            self._pages.update(written)
            self._next = (site_dir, force_language)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="papernotes-pagefind", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until no indexing is running or asked for (tests; a build never waits)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._next = self._next, None
                if job is None:
                    self._thread = None
                    return
                pages = sorted(self._pages)
            site_dir, language = job
            pages = [page for page in pages if os.path.isfile(os.path.join(site_dir, page))]
            start = time.perf_counter()
            try:
                index_site(site_dir, pages, force_language=language)
            except (SearchError, OSError) as error:  # e.g. the next build cleaned the folder meanwhile
                self._report(f"the preview's search index was not updated: {error}")
                continue
            self._report(f"indexed {len(pages):,} pages for search in {time.perf_counter() - start:.1f} s, "
                         "in the background")
