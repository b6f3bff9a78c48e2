"""Whole-site build times of papernotes next to Material without it, on generated vaults.

    .venv/bin/python benchmarks/bench_build.py

Each build is `python -m mkdocs build -f CFG -q` in a child process, timed by wall clock, with
the peak RSS of the child and its descendants together (sampled from /proc: Pagefind runs
beside MkDocs). Configurations, each written as an mkdocs.yml pointing at the vault
(`docs_dir` absolute, `site_dir` in a temp dir):

- papernotes: this repository's mkdocs.yml (every feature, the generated nav, Pagefind);
- papernotes, search after the build: the same with `PAPERNOTES_SERIAL_SEARCH=1` (Pagefind reads
  the pages back after the build, on one core, instead of indexing them while they are written);
- papernotes, search none: the same with `search: none`;
- Material, one-page nav: Material with `nav: [Home.md]`, `plugins: [search]`, the same Markdown
  extensions except pymdownx.emoji (see README);
- Material, default nav: the same without `nav:` (one nav entry per note, rendered into every
  page: quadratic, so only on vaults up to `--default-nav-max` notes).

Then: the same 5,000-note vault with `--queries` Dataview blocks spread over its notes (against
the vault without them), the latency of `mkdocs serve --dirty` rebuilds after edits on the
1,000-note vault, and one build of a `--scale`-note vault for time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_load import cpu_model  # noqa: E402
from generate_vault import PRESETS, Shape, add_shape_options, cached, shape_from  # noqa: E402

PAPERNOTES, NO_SEARCH, ONE_PAGE, DEFAULT_NAV = (
    "papernotes", "papernotes, search none", "Material, one-page nav", "Material, default nav")
SERIAL = "papernotes, search after the build"  # PAPERNOTES_SERIAL_SEARCH=1: Pagefind on one core
KINDS = (PAPERNOTES, SERIAL, NO_SEARCH, ONE_PAGE, DEFAULT_NAV)
LINEAR_TARGET = 1.15  # papernotes / Material one-page nav, 5,000 notes
QUERY_TARGET = 1.10  # with the Dataview blocks / without
SERVE_TARGET = 2.0  # seconds per rebuild after an edit
MEMORY_TARGET_MB = 1536  # issue 16: a 20,000-note build under 1.5 GB (all processes, MiB as measured)

# What a note's dashboard block asks for: bounded lists and tables (a note does not embed every
# task of the vault). `--heavy-queries` uses the unbounded mix the first run of this benchmark
# used, where 25 blocks each list ~4,000 tasks: 50 MB of Markdown to render.
QUERIES = (
    "TABLE year, venue FROM #ml/nlp WHERE year > 2020 SORT year DESC LIMIT 20",
    "LIST FROM [[Home]]",
    "TASK FROM \"papers/rl/offline\" WHERE !completed LIMIT 20",
    "TABLE year, venue FROM #theory SORT year DESC LIMIT 30",
    "LIST FROM \"papers/cv\" WHERE year >= 2022 SORT file.name ASC LIMIT 25",
    "TABLE length(file.inlinks) AS \"In\" FROM #ml/cv/diffusion SORT length(file.inlinks) DESC LIMIT 10",
    "TASK FROM #to-read WHERE !completed LIMIT 15",
    "TABLE year FROM \"读书笔记\" WHERE year < 2019 LIMIT 40",
)
HEAVY_QUERIES = (
    "TABLE year, venue FROM #ml/nlp WHERE year > 2020 SORT year DESC",
    "LIST FROM [[Home]]",
    "TASK FROM \"Home\" WHERE !completed LIMIT 20",
    "TABLE year, venue FROM #theory SORT year DESC LIMIT 30",
    "LIST FROM \"papers/cv\" WHERE year >= 2022 SORT file.name ASC",
    "TABLE length(file.inlinks) AS \"In\" FROM #ml/cv/diffusion SORT length(file.inlinks) DESC LIMIT 10",
    "TASK FROM #to-read WHERE !completed",
    "TABLE year FROM \"读书笔记\" WHERE year < 2019",
)


@dataclass(slots=True)
class Result:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# -- configurations ---------------------------------------------------------------------------

def _repo_config() -> str:
    return (REPO / "mkdocs.yml").read_text(encoding="utf-8")


# What the old papernotes mkdocs.yml gave Python-Markdown: the same features as the pages
# papernotes renders (tables, callouts as admonitions, tasks, highlighted code, math, marks),
# without pymdownx.emoji, whose index would be deep-copied for every page (40 ms a page).
REFERENCE_EXTENSIONS = """markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.mark
  - pymdownx.inlinehilite
  - pymdownx.highlight:
      use_pygments: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.arithmatex:
      generic: true
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


def _reference_config(nav: bool) -> str:
    """Material without papernotes: the repo's theme, Python-Markdown with the extensions above."""
    head, _, _ = _repo_config().partition("plugins:")
    nav_line = "nav:\n  - Home.md\n" if nav else ""
    return head + "plugins:\n  - search\n" + nav_line + REFERENCE_EXTENSIONS


def write_config(kind: str, vault: Path, site: Path, folder: Path) -> Path:
    if kind in (PAPERNOTES, SERIAL, NO_SEARCH):
        text = _repo_config()
        if kind == NO_SEARCH:
            text = text.replace("  - papernotes\n", "  - papernotes:\n      search: none\n")
    else:
        text = _reference_config(nav=kind == ONE_PAGE)
    text = text.replace("docs_dir: notes", f"docs_dir: {vault}")
    path = folder / f"{kind.replace(' ', '-').replace(',', '')}-{vault.name}.yml"
    path.write_text(text + f"\nsite_dir: {site}\n", encoding="utf-8")
    return path


def _tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc (Linux)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """The peak of the summed RSS of a process and its descendants (Pagefind runs beside
    MkDocs, so the largest single process is not the build's footprint), sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.2):
            self.peak_kib = max(self.peak_kib, sum(_rss_kib(pid) for pid in _tree(self.pid)))

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak_kib / 1024


def run_build(config: Path, site: Path, kind: str = PAPERNOTES) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB of the build's processes together) of one `mkdocs build`
    in a child process."""
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PAPERNOTES_SERIAL_SEARCH="1" if kind == SERIAL else "")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(child.pid)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    peak = max(memory.stop(), usage.ru_maxrss / 1024)  # ru_maxrss: the largest single process
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{errors.decode(errors='replace')[-3000:]}")
    return seconds, peak


# -- vaults -----------------------------------------------------------------------------------

def vault(out: Path, notes: int, seed: int, shape: Shape = PRESETS["kind"]) -> Path:
    """The generated vault (kept in `out`); one of another shape than the kind one has the
    shape's name in its folder's (`--shape realistic` and no other option: `-realistic`)."""
    name = next((key for key, preset in PRESETS.items() if preset == shape), "custom")
    root = out / f"vault-{notes}-s{seed}{'' if shape == Shape() else '-' + name}"
    cached(root, notes, seed, shape)
    return root


def linked_copy(source: Path, target: Path) -> Path:
    """A copy whose files are hard links (cheap); files to change are unlinked before writing."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=os.link)
    return target


def rewrite(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text, encoding="utf-8")


def with_queries(source: Path, target: Path, count: int, seed: int, queries: Sequence[str]) -> Path:
    """`source` plus `count` ```dataview blocks, appended to notes spread over the vault."""
    stamp = target / ".queries.json"
    wanted = {"source": source.name, "count": count, "queries": list(queries)}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return target
    linked_copy(source, target)
    notes = sorted(p for p in target.rglob("*.md") if p.name != "Home.md")
    rng = random.Random(f"{seed}:queries")
    for index, path in enumerate(sorted(rng.sample(notes, count))):
        query = queries[index % len(queries)]
        rewrite(path, path.read_text(encoding="utf-8") + f"\n## Related\n\n```dataview\n{query}\n```\n")
    stamp.write_text(json.dumps(wanted))
    return target


# -- mkdocs serve --dirty ---------------------------------------------------------------------

SERVE_CHILD = r"""
import json, sys, time, logging
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
config_file, site, vault = sys.argv[1:4]
url = "http://127.0.0.1:8000/"

cpu = {}

def rebuild():
    config = load_config(config_file, site_dir=site)
    config.site_url = url
    config.plugins.on_startup(command="serve", dirty=True)
    start, start_cpu = time.perf_counter(), time.process_time()
    build(config, serve_url=url, dirty=True)
    return time.perf_counter() - start, time.process_time() - start_cpu

def edit(path, old, new):
    path = Path(vault, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.unlink()  # a hard-linked copy: never write through to the cached vault
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

notes = sorted(p.relative_to(vault).as_posix() for p in Path(vault).rglob("*.md") if p.name != "Home.md")
source, target = notes[len(notes) // 100], notes[len(notes) // 2]
times = {"initial build": rebuild()}
edit(source, "\n## ", f"\nSee also [[{Path(target).stem}]].\n\n## ")
times["add a wikilink"] = rebuild()
edit(target, "year: ", "year: 1999\nold-year: ")
times["change a year"] = rebuild()
edit("Home.md", "- [ ] ", "- [x] ")
times["tick a queue item"] = rebuild()
times["no change"] = rebuild()
print(json.dumps(times))  # step: [wall seconds, CPU seconds of this process]
"""


def serve_latency(source: Path, folder: Path) -> dict[str, list[float]]:
    copy = linked_copy(source, folder / "serve-vault")
    config = write_config(NO_SEARCH, copy, folder / "serve-site", folder)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-c", SERVE_CHILD, str(config), str(folder / "serve-site"),
                             str(copy)], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"serve benchmark failed:\n{result.stderr[-3000:]}")
    shutil.rmtree(copy, ignore_errors=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# -- report -----------------------------------------------------------------------------------

def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**missed**"


def table(results: dict[tuple[int, str], Result]) -> list[str]:
    lines = ["| notes | configuration | median s | runs s | vs one-page nav | peak RSS MiB |",
             "| --- | --- | --- | --- | --- | --- |"]
    for (notes, kind), result in results.items():
        reference = results.get((notes, ONE_PAGE))
        ratio = f"{result.median / reference.median:.2f}" if reference else ""
        runs = ", ".join(f"{s:.1f}" for s in result.seconds)
        lines.append(f"| {notes:,} | {kind} | {result.median:.1f} | {runs} | {ratio} | "
                     f"{max(result.rss_mb):.0f} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", default="1000,5000",
                        help="vault sizes, comma-separated ('' for none, e.g. to time only the queries)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", type=lambda text: [kind.strip() for kind in text.split(";")], default=list(KINDS),
                        help="configurations to build, `;`-separated (default: all)")
    parser.add_argument("--default-nav-max", type=int, default=1000,
                        help="largest vault built with Material's default nav (it is quadratic)")
    parser.add_argument("--queries", type=int, default=200, help="Dataview blocks (0: skip)")
    parser.add_argument("--queries-notes", type=int, default=5000)
    parser.add_argument("--heavy-queries", action="store_true",
                        help="unbounded queries (25 blocks list every to-read task)")
    parser.add_argument("--serve-notes", type=int, default=1000, help="0: skip the serve latency")
    parser.add_argument("--scale", type=int, default=20000, help="one build of this size (0: skip)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--serve-target", type=float, default=SERVE_TARGET,
                        help="seconds an edit's rebuild may take (issue 16: 1.5 at 1,000 notes, 4 at 5,000)")
    add_shape_options(parser)
    args = parser.parse_args(argv)
    shape = shape_from(args)
    sizes = [int(n) for n in args.notes.split(",") if n]
    print(f"Python {platform.python_version()} on {cpu_model()}, {os.cpu_count()} CPUs; "
          f"{args.runs} runs per configuration", flush=True)
    report: dict[str, object] = {}
    missed = False
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        folder = Path(tmp)
        results: dict[tuple[int, str], Result] = {}
        plans: list[tuple[int, str, Path, Path]] = []
        for notes in sizes:
            root = vault(args.out, notes, args.seed, shape)
            for kind in KINDS:
                if kind not in args.kinds or kind == DEFAULT_NAV and notes > args.default_nav_max:
                    continue
                site = folder / "site"
                plans.append((notes, kind, write_config(kind, root, site, folder), site))
        if args.queries:
            base = vault(args.out, args.queries_notes, args.seed, shape)
            mix, suffix = (HEAVY_QUERIES, "-heavy") if args.heavy_queries else (QUERIES, "")
            queried = with_queries(base, args.out / f"{base.name}-q{args.queries}{suffix}", args.queries,
                                   args.seed, mix)
            plans.append((-args.queries_notes, NO_SEARCH, write_config(NO_SEARCH, queried, folder / "site",
                                                                       folder), folder / "site"))
            if args.queries_notes not in sizes:
                plans.append((args.queries_notes, NO_SEARCH,
                              write_config(NO_SEARCH, base, folder / "site", folder), folder / "site"))
        for run in range(args.runs):  # interleaved, so a busy minute hurts every configuration alike
            for notes, kind, config, site in plans:
                seconds, rss = run_build(config, site, kind)
                result = results.setdefault((notes, kind), Result())
                result.seconds.append(seconds)
                result.rss_mb.append(rss)
                label = f"{abs(notes):,}{' + queries' if notes < 0 else ''}"
                print(f"run {run + 1}: {label}, {kind}: {seconds:.1f} s, {rss:.0f} MiB", flush=True)
        plain = {key: value for key, value in results.items() if key[0] in sizes}
        if plain:
            print("\n" + "\n".join(table(plain)))
        report["builds"] = {f"{n} {k}": {"seconds": r.seconds, "rss_mb": r.rss_mb} for (n, k), r in results.items()}
        largest = max(sizes, default=0)
        if (largest, ONE_PAGE) in results and (largest, PAPERNOTES) in results and (largest, NO_SEARCH) in results:
            ratio = results[(largest, PAPERNOTES)].median / results[(largest, ONE_PAGE)].median
            bare = results[(largest, NO_SEARCH)].median / results[(largest, ONE_PAGE)].median
            missed |= ratio > LINEAR_TARGET
            print(f"\n{largest:,} notes, papernotes / Material one-page nav: {ratio:.2f} with Pagefind, "
                  f"{bare:.2f} without (target <= {LINEAR_TARGET}: {verdict(ratio, LINEAR_TARGET)})")
        if args.queries:
            with_q = results[(-args.queries_notes, NO_SEARCH)].median
            without = results[(args.queries_notes, NO_SEARCH)].median
            ratio = with_q / without
            missed |= ratio > QUERY_TARGET
            print(f"{args.queries_notes:,} notes + {args.queries} Dataview blocks: {with_q:.1f} s, "
                  f"without: {without:.1f} s, ratio {ratio:.2f} (target <= {QUERY_TARGET}: "
                  f"{verdict(ratio, QUERY_TARGET)})")
            report["queries"] = {"with": with_q, "without": without}
        if args.serve_notes:
            latency = serve_latency(vault(args.out, args.serve_notes, args.seed, shape), folder)
            report["serve"] = latency
            print(f"\nmkdocs serve --dirty, {args.serve_notes:,} notes (per rebuild: wall s, CPU s):")
            for step, (seconds, cpu) in latency.items():
                print(f"| {step} | {seconds:.2f} | {cpu:.2f} |")
            worst = max(v[0] for k, v in latency.items() if k != "initial build")
            missed |= worst > args.serve_target
            print(f"slowest edit rebuild {worst:.2f} s (target <= {args.serve_target}: "
                  f"{verdict(worst, args.serve_target)})")
        if args.scale:
            root = vault(args.out, args.scale, args.seed, shape)
            seconds, rss = run_build(write_config(PAPERNOTES, root, folder / "site", folder), folder / "site")
            shutil.rmtree(folder / "site", ignore_errors=True)
            report["scale"] = {"notes": args.scale, "seconds": seconds, "rss_mb": rss}
            missed |= rss > MEMORY_TARGET_MB
            print(f"\n{args.scale:,} notes, papernotes (one build): {seconds:.0f} s, peak RSS {rss:.0f} MiB "
                  f"(target < {MEMORY_TARGET_MB} MiB: {verdict(rss, MEMORY_TARGET_MB)})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
