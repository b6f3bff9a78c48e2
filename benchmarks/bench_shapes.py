"""Vault shapes the realistic generator does not make, each built at n and 4n notes: does any
function's call count grow faster than the vault?

    .venv/bin/python benchmarks/bench_shapes.py                       # every shape, n = 500
    .venv/bin/python benchmarks/bench_shapes.py --shape hub --n 1000

Each build is a real in-process `mkdocs build` (this repository's mkdocs.yml, `search: none`)
under cProfile. For each shape it prints the Python calls of the build (C functions included) at
n and 4n notes, their ratio (linear: about 4; quadratic: about 16), the CPU seconds (for
information only: the machine may be shared), and the functions whose call counts grow more than
`--limit` (5) times, worst first. Call counts are deterministic; their blind spot is work inside
one C call (`x in a_list`), which shows only in the CPU seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.test_site_build import build_site, write_vault  # noqa: E402

Files = dict[str, str]


def paper(i: int, *, tags: str = "[diffusion]", authors: str = "[Ada Lovelace, Alan Turing]",
          aliases: str = "[]", body: str = "") -> str:
    return (f"---\ntitle: Paper {i}\nyear: {2000 + i % 25}\nvenue: CVPR\ntags: {tags}\n"
            f"authors: {authors}\naliases: {aliases}\n---\n# Paper {i}\n\n## Method\ntext ^b{i}\n\n{body}\n")


def hub(n: int) -> Files:
    """One note linked from every note, to itself, a heading and a block."""
    files = {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]", body="See [[Hub]], [[Hub#Method]], [[Hub#^b0|it]].")
             for i in range(n)}
    files["Hub.md"] = paper(0)
    return files


def index_of_all(n: int) -> Files:
    """One note linking every note (and embedding a heading of each tenth)."""
    files = {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]") for i in range(n)}
    files["Index.md"] = "# Index\n\n" + "".join(
        f"- [[p{i}]]" + (f" ![[p{i}#Method]]" if i % 10 == 0 else "") + "\n" for i in range(n))
    return files


def one_folder(n: int) -> Files:
    """Every note in one folder, each linking three others."""
    return {f"papers/p{i}.md": paper(i, tags=f"[t{i % 30}]",
                                     body=" ".join(f"[[p{(i * 7 + k) % n}]]" for k in range(1, 4)))
            for i in range(n)}


def one_topic(n: int) -> Files:
    """One tag on every paper, and one author on every paper."""
    return {f"f{i % 20}/p{i}.md": paper(i, tags="[diffusion, video]", authors=f"[Ada Lovelace, Author{i}]",
                                        body=f"[[p{(i + 1) % n}]] #diffusion")
            for i in range(n)}


def queue(n: int) -> Files:
    """A Home.md reading queue of 8 rows per note (16,000 rows at 2,000 notes, under the 20,000
    links a note may have), a tenth of them broken."""
    files = {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]") for i in range(n)}
    rows = "".join(f"- [{'x' if r % 3 == 0 else ' '}] [[p{r % n}{'x' if r % 10 == 0 else ''}]] #to-read\n"
                   for r in range(8 * n))
    files["Home.md"] = "# Home\n\n## Reading queue\n\n" + rows
    return files


def text_queue(n: int) -> Files:
    """A Home.md reading queue of 25 rows per note (50,000 at 2,000 notes) naming papers by title,
    bold, with a year, without links (a queue with links stops at 20,000 links a note)."""
    files = {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]") for i in range(n)}
    rows = "".join(f"- [{'x' if r % 3 == 0 else ' '}] **Paper {r % (2 * n)}** ({2000 + r % 25}) #to-read\n"
                   for r in range(25 * n))
    files["Home.md"] = "# Home\n\n## Reading queue\n\n" + rows
    return files


def long_authors(n: int) -> Files:
    """Papers of 40 authors each (under the 50 above which co-authors are not made), drawn from
    a pool of n names, so that every author has ~40 papers and ~1,500 co-authors."""
    return {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]", authors="[" + ", ".join(
        f"Given{(i * 13 + 7 * k) % n} Surname{(i * 13 + 7 * k) % n}" for k in range(40)) + "]")
            for i in range(n)}


def shared_alias(n: int) -> Files:
    """Every note has the alias `Diffusion`, and links to it."""
    return {f"f{i % 20}/p{i}.md": paper(i, tags=f"[t{i % 30}]", aliases="[Diffusion, Diff]",
                                        body="[[Diffusion]] [[Diff#Method]]")
            for i in range(n)}


def readme_vault(n: int) -> Files:
    """A GitHub vault: one README.md per folder, each linking two other folders' README by a
    relative Markdown link, a folder link and a wikilink."""
    links = "[next](../f{}/README.md) [folder](../f{}/) [[README]]"
    return {f"f{i}/README.md": paper(i, tags=f"[t{i % 30}]", body=links.format((i + 1) % n, (i + 2) % n))
            for i in range(n)}


def same_name(n: int) -> Files:
    """n notes called `notes.md` in n folders, each linking `[[notes]]` and `[[f{i+1}/notes]]`."""
    return {f"f{i}/notes.md": paper(i, tags=f"[t{i % 30}]", body=f"[[notes]] [[f{(i + 1) % n}/notes]]")
            for i in range(n)}


SHAPES: dict[str, Callable[[int], Files]] = {
    "hub": hub, "index of all": index_of_all, "one folder": one_folder, "one topic": one_topic,
    "queue": queue, "text queue": text_queue, "long authors": long_authors, "shared alias": shared_alias,
    "README vault": readme_vault, "same name": same_name,
}


def profile_build(files: Files) -> tuple[dict[str, int], float]:
    """Python calls per function, and CPU seconds, of one build of `files`."""
    with tempfile.TemporaryDirectory(prefix="papernotes-shapes-") as scratch:
        vault = write_vault(Path(scratch) / "vault", files)
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        profile = cProfile.Profile()
        start = time.process_time()
        profile.enable()
        build_site(vault, Path(scratch) / "site", strict=False)
        profile.disable()
        seconds = time.process_time() - start
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    counts = {f"{Path(file).name}:{line}({name})": calls for (file, line, name), (_, calls, *_) in stats.items()}
    return counts, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="only this shape (repeatable)")
    parser.add_argument("--n", type=int, default=500, help="the smaller size; the larger is 4n")
    parser.add_argument("--limit", type=float, default=5.0, help="call-count growth for 4x notes shown")
    parser.add_argument("--top", type=int, default=6, help="functions shown per shape")
    args = parser.parse_args()
    print(f"| shape | calls at n = {args.n:,} (M) | at 4n (M) | 4n / n | CPU s at n | at 4n | "
          f"functions growing more than {args.limit}x |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, make in SHAPES.items():
        if args.shape and name not in args.shape:
            continue
        small, small_s = profile_build(make(args.n))
        large, large_s = profile_build(make(4 * args.n))
        total_small, total_large = sum(small.values()), sum(large.values())
        growing = sorted(((large[f] / small.get(f, 1), f) for f in large
                          if large[f] >= 10_000 and large[f] > args.limit * small.get(f, 1)), reverse=True)
        worst = "; ".join(f"`{f}` {small.get(f, 0):,} -> {large[f]:,}" for _, f in growing[:args.top]) or "none"
        print(f"| {name} | {total_small / 1e6:.2f} | {total_large / 1e6:.2f} | {total_large / total_small:.2f} | "
              f"{small_s:.1f} | {large_s:.1f} | {worst} |", flush=True)


if __name__ == "__main__":
    main()
