"""What the explore features (graph data, previews, Reading page, feed) cost in one build.

    .venv/bin/python benchmarks/bench_explore.py --notes 5000 [--vault PATH] [--search none]

Builds the generated vault once (search off by default: the smaller denominator, so the
harder case) with the Explorer's methods and the writing of its files timed in CPU seconds
(this process; Pagefind's children are counted in the total only), and prints the share of
the build they take: `ratio` = build / (build - explore), the issue's "build cost" with the
features against the same build without them. Also prints the graph data's sizes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_vault import main as generate  # noqa: E402

import papernotes.explore as explore  # noqa: E402

spent = {"explore": 0.0}


def clock() -> float:
    return time.process_time()


def timed(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent["explore"] += clock() - start
            spent[name] = spent.get(name, 0.0) + clock() - start
    return wrapper


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--vault", type=Path, help="an existing vault (else one is generated)")
    parser.add_argument("--search", default="none", choices=("none", "pagefind"))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    args = parser.parse_args(argv)
    vault = args.vault or args.out / f"explore-{args.notes}"
    if args.vault is None and not (vault / "Home.md").is_file():
        generate(["--notes", str(args.notes), "--out", str(vault)])
    args.out.mkdir(parents=True, exist_ok=True)
    site = args.out / f"explore-site-{vault.name}"
    config_path = args.out / f"explore-{vault.name}.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: notes", f"docs_dir: {vault}")
    text = text.replace("  - papernotes\n", f"  - papernotes:\n      search: {args.search}\n")
    config_path.write_text(text + f"\nsite_dir: {site}\n", encoding="utf-8")

    for name in ("__init__", "pages", "files", "write", "page_content", "finish_page"):
        setattr(explore.Explorer, name, timed(getattr(explore.Explorer, name), name))
    copy = File.copy_file

    def copy_file(self: File, dirty: bool = False) -> None:  # the graph data and previews MkDocs writes
        ours = self.src_uri.startswith(("_papernotes/graph/", "_papernotes/preview/")) or self.src_uri == "feed.xml"
        (timed(copy, "writing data files") if ours else copy)(self, dirty)

    File.copy_file = copy_file  # type: ignore[method-assign]
    start = clock()
    wall = time.perf_counter()
    build(load_config(str(config_path)))
    total = clock() - start
    wall = time.perf_counter() - wall
    graph = (site / "_papernotes/graph/global.json").read_bytes()
    nodes = len(json.loads(graph)["label"])
    local = [path.stat().st_size for path in (site / "_papernotes/graph/local").rglob("*.json")]
    print(json.dumps({
        "notes": args.notes, "search": args.search, "build_cpu_s": round(total, 1), "build_wall_s": round(wall, 1),
        "explore_cpu_s": round(spent["explore"], 2), "parts": {k: round(v, 2) for k, v in spent.items()},
        "ratio": round(total / (total - spent["explore"]), 3),
        "global_nodes": nodes, "global_gzip_bytes_per_node": round(len(gzip.compress(graph)) / nodes, 1),
        "local_files": len(local), "local_max_bytes": max(local), "local_median_bytes": sorted(local)[len(local) // 2],
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
