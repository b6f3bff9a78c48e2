"""Debian's headless Chromium and a local web server, shared by the browser tests."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.ci import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright: Any) -> Any:
    """Debian's chromium, started by a running `sync_playwright()` with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def require_chromium() -> None:
    """Skip without Debian's chromium, except under CI, where its absence is a failure."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """`python -m http.server` on a free loopback port for the site folder; yields its URL.

    The server is given port 0 and says which port the system gave it: a port found free here and
    handed over would be a race with the other test workers (`./dev test` runs several at once)."""
    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                               "-d", str(site)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # "Serving HTTP on 127.0.0.1 port N (...)", printed once the socket listens
        assert server.stdout is not None
        first = server.stdout.readline()
        listening = re.search(r" port (\d+) ", first)
        if listening is None:
            raise RuntimeError(f"http.server did not start: {first!r} (exit code {server.poll()})")
        yield f"http://127.0.0.1:{listening[1]}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
