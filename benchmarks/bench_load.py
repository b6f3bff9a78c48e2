"""How long loading a vault takes, next to markdown-it-py parsing (and rendering) the same files.

    .venv/bin/python benchmarks/bench_load.py --notes 5000

Times (median of `--runs`): (a) reading every note and `make_parser().parse(body)` only,
(a') the same plus markdown-it's own HTML rendering of the tokens, (b) `load_vault` (which
renders each note's page from its tokens), (c) `build_graph` on the loaded notes, and (b, c) again on a vault of
`--graph-notes` notes for the graph / load ratio. Vaults are generated once into `--out`
(git-ignored) and reused while the generator's version, size and seed match.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_vault import cached  # noqa: E402

from papernotes.graph import build_graph  # noqa: E402
from papernotes.loader import load_vault  # noqa: E402
from papernotes.markdown import make_parser  # noqa: E402

LOAD_TARGET = 1.5  # load_vault / markdown-it alone
GRAPH_TARGET = 1.5  # build_graph / load_vault, on the large vault


@dataclass(frozen=True, slots=True)
class Timing:
    label: str
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def timed(label: str, runs: int, work: Callable[[], Any]) -> tuple[Timing, Any]:
    """Median-ready timings of `work`, a full garbage collection before each run."""
    seconds = []
    result: Any = None
    for _ in range(runs):
        result = None  # drop the previous run's objects before collecting
        gc.collect()
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return Timing(label, tuple(seconds)), result


def body_of(text: str) -> str:
    """The text after a leading `---` frontmatter block: the cheapest split that is right here."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[end + 5 :]
    return text


def bodies(root: Path) -> Iterator[str]:
    """Every note's body, read and decoded, in a stable order."""
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".md"):
                yield body_of(Path(folder, name).read_bytes().decode("utf-8"))


def parse_only(root: Path) -> int:
    """Read every note and tokenise its body with the same parser: the floor load_vault sits on."""
    parser = make_parser()
    return sum(len(parser.parse(body)) for body in bodies(root))


def parse_and_render(root: Path) -> int:
    """The same, and markdown-it's own HTML renderer over the tokens: the floor for a loader that
    renders each note's page as it reads it (papernotes' does, from the same tokens)."""
    parser = make_parser()
    return sum(len(parser.renderer.render(parser.parse(body), parser.options, {})) for body in bodies(root))


def peak_traced(work: Callable[[], Any]) -> tuple[int, Any]:
    """Peak bytes allocated by Python while `work` runs (tracemalloc; slows the run down)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def max_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def profile(label: str, work: Callable[[], Any], limit: int) -> Any:
    """Run `work` under cProfile and print papernotes' own functions, most time first."""
    profiler = cProfile.Profile()
    result = profiler.runcall(work)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats("papernotes|yaml|hashlib|fnmatch|difflib", limit)
    print(f"\n--- cProfile: {label} (own time, papernotes and the libraries it calls) ---")
    print(out.getvalue().split("\n\n", 1)[-1].strip())
    return result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def row(label: str, timing: Timing | None, ratio: str = "", target: str = "") -> str:
    median = f"{timing.median:8.3f}" if timing else " " * 8
    low = f"{min(timing.runs):8.3f}" if timing else " " * 8
    return f"| {label:<34} | {median} | {low} | {ratio:>7} | {target:>8} |"


def verdict(ratio: float, target: float) -> str:
    return f"<= {target} {'ok' if ratio <= target else 'MISSED'}"


def link_count(notes: Sequence[Any]) -> int:
    return sum(len(note.links) for note in notes)


def bench_vault(root: Path, notes: int, seed: int, runs: int, with_parse: bool) -> dict[str, Any]:
    stamp = cached(root, notes, seed)
    result: dict[str, Any] = {"stamp": stamp}
    if with_parse:
        result["parse"], _ = timed("markdown-it parse only", runs, lambda: parse_only(root))
        result["render"], _ = timed("markdown-it parse and render", runs, lambda: parse_and_render(root))
    result["load"], vault = timed("load_vault", runs, lambda: load_vault(root))
    result["graph"], graph = timed("build_graph", runs, lambda: build_graph(vault.notes,
                                                                          vault.attachments))
    result["vault"], result["graph_result"] = vault, graph
    return result


def describe(result: dict[str, Any]) -> str:
    vault, graph, stamp = result["vault"], result["graph_result"], result["stamp"]
    links = link_count(vault.notes)
    expected = stamp["wikilinks"]
    check = "as generated" if links == expected else f"generator wrote {expected}!"
    warnings = sum(1 for d in graph.diagnostics if d.level in ("warning", "error"))
    return (f"{len(vault.notes)} notes, {len(vault.attachments)} attachments, "
            f"{stamp['words']} words, {links} links ({check}), {len(graph.edges)} edges, "
            f"{len(graph.papers)} papers, {warnings} warnings")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000, help="paper notes in the main vault")
    parser.add_argument("--graph-notes", type=int, default=10000,
                        help="paper notes in the vault for the graph / load ratio (0: skip)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out",
                        help="where generated vaults are kept (reused when they match)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile load_vault and build_graph, printing the top N")
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()} on {cpu_model()}, {os.cpu_count()} CPUs; "
          f"median of {args.runs} runs, seconds")
    main_root = args.out / f"vault-{args.notes}-s{args.seed}"
    main = bench_vault(main_root, args.notes, args.seed, args.runs, with_parse=True)
    print(f"vault {args.notes}: {describe(main)}")
    big = None
    if args.graph_notes and args.graph_notes != args.notes:
        big_root = args.out / f"vault-{args.graph_notes}-s{args.seed}"
        big = bench_vault(big_root, args.graph_notes, args.seed, args.runs, with_parse=False)
        print(f"vault {args.graph_notes}: {describe(big)}")
    elif args.graph_notes:
        big = main

    load_ratio = main["load"].median / main["render"].median
    lines = [
        f"| {'step':<34} | {'median':>8} | {'min':>8} | {'ratio':>7} | {'target':>8} |",
        f"| {'-' * 34} | {'-' * 8} | {'-' * 8} | {'-' * 7} | {'-' * 8} |",
        row(f"{args.notes}: markdown-it parse only", main["parse"]),
        row(f"{args.notes}: markdown-it parse and render", main["render"]),
        row(f"{args.notes}: load_vault", main["load"], f"{load_ratio:.2f}",
            verdict(load_ratio, LOAD_TARGET)),
        row(f"{args.notes}: build_graph", main["graph"],
            f"{main['graph'].median / main['load'].median:.2f}"),
    ]
    graph_ratio = None
    if big is not None:
        graph_ratio = big["graph"].median / big["load"].median
        if big is not main:
            lines.append(row(f"{args.graph_notes}: load_vault", big["load"]))
        lines.append(row(f"{args.graph_notes}: build_graph", big["graph"], f"{graph_ratio:.2f}",
                         verdict(graph_ratio, GRAPH_TARGET)))
    print("\n".join(["", *lines]))
    print(f"ratios: load_vault / markdown-it parse and render (/ parse only: "
          f"{main['load'].median / main['parse'].median:.2f}); build_graph / load_vault of the same vault")

    if not args.no_memory:
        del big
        main.pop("graph_result")
        main.pop("vault")
        peak_load, vault = peak_traced(lambda: load_vault(main_root))
        peak_graph, _ = peak_traced(lambda: build_graph(vault.notes, vault.attachments))
        print(f"peak traced memory, {args.notes} notes: load_vault {peak_load / 2**20:.0f} MiB, "
              f"build_graph {peak_graph / 2**20:.0f} MiB more")
    print(f"peak RSS of this process: {max_rss_mb():.0f} MiB")

    if args.profile:
        vault = profile(f"load_vault, {args.notes} notes", lambda: load_vault(main_root),
                        args.profile)
        profile(f"build_graph, {args.notes} notes",
                lambda: build_graph(vault.notes, vault.attachments), args.profile)
    missed = load_ratio > LOAD_TARGET or (graph_ratio is not None and graph_ratio > GRAPH_TARGET)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
