"""Does every phase of a build grow linearly? Builds realistic vaults of 1,000 and 5,000 notes
(and 20,000 with --to-20k) and prints, phase by phase, the cost ratio per 5× step.

    .venv/bin/python benchmarks/bench_scaling.py                 # 1,000 -> 5,000 notes
    .venv/bin/python benchmarks/bench_scaling.py --to-20k        # ... -> 20,000 notes (a ~4x step, scaled to 5x)

Each size is one `mkdocs build` of this repository's mkdocs.yml (every feature, Pagefind) in a
child process, whose papernotes functions are wrapped to account each phase:

| phase | what is counted |
| --- | --- |
| load | `load_vault`: reading, parsing and rendering every note (in `cpu`, its helper process's CPU included) |
| graph | `publish`: resolution, did-you-mean, papers, topics, queries, `.base` pages, problems |
| pages | the rest of the build: generated pages, MkDocs and Material writing every page |
| search | Pagefind, in its own processes: their CPU time; in wall time, the wait for them after the pages |

Measures (`--measure`):

- `calls` (the default): millions of Python function calls (cProfile's counts, C functions
  included), deterministic whatever else runs on the machine; Pagefind, which is not Python, is
  counted in CPU seconds. Blind to work done inside one C call (`x in a_list`), so a quadratic
  corner of that kind shows only in the other measures;
- `cpu`: CPU seconds of the build and its children (`os.times()`), which other work on a shared
  machine disturbs less than wall-clock time, but still does (cache and memory contention);
- `wall`: wall-clock seconds. A phase fails when it costs more than `--limit` (5.5) times
as much per 5× more notes; a step that is not 5× is scaled (`ratio ** (log 5 / log step)`).
The exit status is 1 when a phase fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import TreeMemory  # noqa: E402
from generate_vault import Shape, add_shape_options, cached, shape_fields, shape_from  # noqa: E402

PHASES = ("load", "graph", "pages", "search")
UNITS = {"calls": "M calls, search in CPU s", "cpu": "CPU s", "wall": "s"}

CHILD = r"""
import cProfile, json, logging, os, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
import papernotes.plugin as plugin
import papernotes.publish as publish

logging.disable(logging.WARNING)
config_file, measure = sys.argv[1:3]
spent = {"load": 0.0, "graph": 0.0, "search": 0.0}
profile = cProfile.Profile() if measure == "calls" else None

def cpu():
    times = os.times()  # this process and the children it waited for (Pagefind)
    return times.user + times.system + times.children_user + times.children_system

def calls():
    profile.disable()
    count = sum(entry.callcount for entry in profile.getstats())
    profile.enable()
    return count / 1e6

def clock(phase=""):
    if measure == "wall":
        return time.perf_counter()
    if measure == "calls" and phase != "search":  # Pagefind is not Python: its CPU time is counted
        return calls()
    return cpu()

def counted(phase, function):
    def wrapper(*args, **kwargs):
        start = clock(phase)
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += clock(phase) - start
    return wrapper

def children():
    times = os.times()
    return times.children_user + times.children_system

def loading(function):  # the loader's helper process (papernotes.two_processes) is a child too
    def wrapper(*args, **kwargs):
        before = children()
        try:
            return function(*args, **kwargs)
        finally:
            spent["helper"] = spent.get("helper", 0.0) + children() - before
    return wrapper

plugin.load_vault = counted("load", loading(plugin.load_vault))
plugin.publish = counted("graph", plugin.publish)
if measure == "wall":  # Pagefind runs beside the pages: what is left is the wait for it
    plugin.index_site = counted("search", plugin.index_site)
    plugin.SearchFeeder.finish = counted("search", plugin.SearchFeeder.finish)  # the feeding thread, then the bundles
config = load_config(config_file)
if profile is not None:
    profile.enable()
start = clock()
build(config)
total = clock() - start
if measure != "wall":  # the other children of the build are Pagefind's, reaped by now
    spent["search"] = children() - spent.get("helper", 0.0)
# In calls, the few Python calls made while Pagefind runs count among the pages, and the total
# is of calls only (search is in seconds).
spent["pages"] = total - spent["load"] - spent["graph"] - (0 if measure == "calls" else spent["search"])
spent["total"] = total
print(json.dumps(spent))
"""


def write_config(vault: Path, site: Path, folder: Path) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: notes", f"docs_dir: {vault}")
    path = folder / f"mkdocs-{vault.name}.yml"
    path.write_text(text + f"\nsite_dir: {site}\n", encoding="utf-8")
    return path


def measure_build(vault: Path, measure: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="papernotes-scaling-") as folder:
        config = write_config(vault, Path(folder) / "site", Path(folder))
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        if measure == "calls":  # cProfile counts this process's calls: no parsing in a helper process
            env["PAPERNOTES_ONE_PROCESS"] = "1"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(config), measure], cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        memory = TreeMemory(child.pid)  # the build and Pagefind together
        stdout, stderr = child.communicate()
        peak = memory.stop()
        if child.returncode != 0:
            raise SystemExit(f"mkdocs build of {vault} failed:\n{stderr[-3000:]}")
        return dict(json.loads(stdout.strip().splitlines()[-1]), peak_mib=peak)


def per_five(ratio: float, step: float) -> float:
    """A cost ratio over a step of `step`× more notes, as the ratio a 5× step would have if the
    cost grows as a power of the size."""
    return ratio ** (math.log(5) / math.log(step)) if ratio > 0 and step != 5 else ratio


def report(sizes: Sequence[int], costs: dict[int, dict[str, float]], limit: float, unit: str) -> list[str]:
    lines = [f"| phase | {' | '.join(f'{n:,} notes ({unit})' for n in sizes)} | "
             + " | ".join(f"{a:,} → {b:,} per 5×" for a, b in zip(sizes, sizes[1:], strict=False)) + " | verdict |",
             "| --- " * (len(sizes) * 2 + 1) + "|"]
    failed = False
    for phase in (*PHASES, "total"):
        ratios = [per_five(costs[b][phase] / max(costs[a][phase], 1e-9), b / a)
                  for a, b in zip(sizes, sizes[1:], strict=False)]
        worst = max(ratios, default=0.0)
        bad = phase != "total" and worst > limit
        failed |= bad
        lines.append(f"| {phase} | " + " | ".join(f"{costs[n][phase]:.1f}" for n in sizes) + " | "
                     + " | ".join(f"{ratio:.2f}" for ratio in ratios)
                     + f" | {'**over** ' if bad else ''}{'≤' if not bad else '>'} {limit} |")
    lines.append("FAILED: a phase grows faster than linearly" if failed else "every phase linear")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="note counts, smallest first")
    parser.add_argument("--to-20k", action="store_true", help="add a 20,000-note vault (~25 minutes more)")
    parser.add_argument("--runs", type=int, default=1, help="builds per size (median)")
    parser.add_argument("--measure", choices=("calls", "cpu", "wall"), default="calls")
    parser.add_argument("--limit", type=float, default=5.5, help="largest cost ratio per 5× more notes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out",
                        help="where generated vaults are kept (reused when they match)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    add_shape_options(parser, default="realistic")
    args = parser.parse_args(argv)
    if args.broken is None:
        args.broken = 0.30  # the most broken real vault: did-you-mean at its worst
    shape: Shape = shape_from(args)
    sizes = [int(size) for size in args.sizes.split(",")] + ([20_000] if args.to_20k else [])
    print(f"shape: {shape_fields(shape)}; measure: {args.measure}; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    costs: dict[int, dict[str, float]] = {}
    peaks: dict[int, float] = {}
    for notes in sizes:
        vault = args.out / f"scaling-{notes}-{args.seed}"
        stamp = cached(vault, notes, args.seed, shape)
        runs = [measure_build(vault, args.measure) for _ in range(args.runs)]
        costs[notes] = {phase: statistics.median(run[phase] for run in runs) for phase in (*PHASES, "total")}
        peaks[notes] = max(run["peak_mib"] for run in runs)
        print(f"{notes:,} notes ({stamp['wikilinks']:,} links, {stamp['broken']:,} broken): "
              + ", ".join(f"{phase} {costs[notes][phase]:.1f}" for phase in (*PHASES, "total"))
              + f" ({UNITS[args.measure]}; load average {os.getloadavg()[0]:.1f}); "
              f"peak memory {peaks[notes]:,.0f} MiB (all processes)", flush=True)
    lines = report(sizes, costs, args.limit, UNITS[args.measure])
    print("\n".join(lines))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"shape": shape_fields(shape), "measure": args.measure,
                                         "costs": costs, "peak_mib": peaks}, indent=1), encoding="utf-8")
    return 1 if lines[-1].startswith("FAILED") else 0


if __name__ == "__main__":
    sys.exit(main())
