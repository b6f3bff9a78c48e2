"""CPU seconds of one `mkdocs build`, phase by phase, for comparing builds on a busy machine.

    .venv/bin/python benchmarks/bench_cpu.py --notes 1000 --shape realistic            # papernotes
    .venv/bin/python benchmarks/bench_cpu.py --notes 1000 --shape realistic --material # the reference

Wall-clock time on a machine shared with other jobs measures the other jobs; CPU seconds move
much less. The build runs in a child Python process (`mkdocs build` in-process there, the
configurations of `bench_build.py`), which prints as JSON: its own CPU (`self_cpu`), split into
`import` (MkDocs and papernotes), `load` (`load_vault`, this process's share when a helper
process parses too), `graph` (`publish`), `post_build` (what is left after the last page: on a
site of more than 2,000 notes the graph data, previews and feed, written by a thread during the
pages otherwise; waiting for Pagefind) and the rest (pages); its children's CPU (`children_cpu`: the
loader's helper process and Pagefind); and `children_after_last_page`, the children's CPU spent
after the last page was written (Pagefind's work still to do: with the build's own
`post_build`, what follows the pages). `main_thread_cpu`: the build process's main thread alone
(`self_cpu` less the threads beside it: the page worker that sanitises and compresses pages,
Pagefind's readers), the critical path when the second core is free. `main_thread_waits`: the
wall-clock seconds the main thread was blocked, by what it waited for (`Future.result in f`,
by the function `f` that waited: in `_content` and `_hold` for a page the page worker sanitises or
compresses, in the loader for its helper process; `SearchFeeder.finish`: Pagefind's work left after the
data files; `SiteIndex.add`: Pagefind itself, when the main thread feeds it; `DataWriter.finish`:
the data files' thread), with their `total`; on a loaded machine they grow with the load, but a
wait that is not there is not there. `maxrss_mib` is the build process's own peak.
`PAPERNOTES_ONE_PROCESS=1` in the environment parses in one process, for comparison.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import NO_SEARCH, ONE_PAGE, PAPERNOTES, vault, write_config  # noqa: E402
from generate_vault import add_shape_options, shape_from  # noqa: E402

CHILD = r"""
import json, logging, os, resource, sys, threading, time
started = time.process_time()
from concurrent.futures import Future
from mkdocs.commands.build import build
from mkdocs.config import load_config
import papernotes.plugin as plugin
imported = time.process_time() - started
TICK = os.sysconf("SC_CLK_TCK")
spent = {}

def counted(phase, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] = spent.get(phase, 0) + time.process_time() - start
    return wrapper

def reaped():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def children_cpu():  # the live children's CPU so far, and the reaped ones'
    total = reaped()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as listed:
            for pid in listed.read().split():
                try:
                    with open(f"/proc/{pid}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                    total += (int(fields[11]) + int(fields[12])) / TICK
                except OSError:
                    pass
    return total

waits = {}

def waited(owner, name, by_caller=False):  # wall-clock seconds the main thread spends in `owner.name`
    function = getattr(owner, name)
    def wrapper(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            return function(*args, **kwargs)
        key = f"{owner.__name__}.{name}" + (f" in {sys._getframe(1).f_code.co_name}" if by_caller else "")
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            waits[key] = waits.get(key, 0) + time.perf_counter() - start
    setattr(owner, name, wrapper)

waited(Future, "result", by_caller=True)
for module, owner, name in (("papernotes.search_feed", "SearchFeeder", "finish"),
                            ("papernotes.search", "SiteIndex", "add"), ("papernotes.explore", "DataWriter", "finish")):
    try:  # an older checkout on PYTHONPATH may lack one
        waited(getattr(__import__(module, fromlist=[owner]), owner), name)
    except (ImportError, AttributeError):
        pass

marks = {}
post_build = plugin.PaperNotesPlugin.on_post_build

def timed_post_build(self, **kwargs):
    marks["children"], marks["self"] = children_cpu(), time.process_time()
    return post_build(self, **kwargs)

plugin.PaperNotesPlugin.on_post_build = timed_post_build
plugin.load_vault = counted("load", plugin.load_vault)
plugin.publish = counted("graph", plugin.publish)
logging.disable(logging.WARNING)
build(load_config(sys.argv[1]))
usage = resource.getrusage(resource.RUSAGE_SELF)
own = usage.ru_utime + usage.ru_stime
found = {"import": imported, **spent, "self_cpu": own, "main_thread_cpu": time.thread_time(),
         "children_cpu": reaped(), "maxrss_mib": usage.ru_maxrss / 1024}
if marks:
    found["post_build"] = own - marks["self"]
    found["children_after_last_page"] = reaped() - marks["children"]
found = {key: round(value, 2) for key, value in found.items()}
found["main_thread_waits"] = {key: round(value, 2) for key, value in
                              sorted({**waits, "total": sum(waits.values())}.items())}
print(json.dumps({**found, "load_average": round(os.getloadavg()[0], 1)}))
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--material", action="store_true", help="Material, one-page nav (bench_build's reference)")
    parser.add_argument("--search-none", action="store_true", help="papernotes with `search: none`")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    add_shape_options(parser, default="realistic")
    args = parser.parse_args(argv)
    root = vault(args.out, args.notes, args.seed, shape_from(args))
    kind = ONE_PAGE if args.material else NO_SEARCH if args.search_none else PAPERNOTES
    with tempfile.TemporaryDirectory(prefix="bench-cpu-") as folder:
        config = write_config(kind, root, Path(folder) / "site", Path(folder))
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        return subprocess.run([sys.executable, "-c", CHILD, str(config)], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
