"""CPU cost of a reference library in a build: a Better BibTeX-shaped `.bib` beside a generated vault.

    .venv/bin/python benchmarks/bench_library.py                 # phases, then whole builds
    .venv/bin/python benchmarks/bench_library.py --builds 0 --profile 30
    .venv/bin/python benchmarks/bench_library.py --store warm --against ../main/src   # second builds, two checkouts

Target (issue 14): the library adds at most 1 s of CPU per 5,000 entries to a build, and a
1,000-note vault with a 5,000-entry `.bib` costs at most 1.10x the same build without it.

Everything is CPU time (`time.process_time`, and `getrusage(RUSAGE_CHILDREN)` for builds in child
processes: it counts the children's own children once they are waited for, so the loader's
helper process is in it), never wall clock: this machine is shared. The store in
`~/.cache/papernotes` (parsed libraries, formatted References) is off (`PAPERNOTES_CACHE=off`),
so every figure is a first build that parses the `.bib`; `--store warm` measures builds made
after one build of each kind (with and without the library) filled a store of their own, as a
user's second build is: both kinds then build with the same store.

1. Phases, in this process: reading and parsing the file once, cold (bibtexparser alone on the
   whole file, for reference; then papernotes' reading: plain entries without bibtexparser, the
   rest with it, and the fields), then the least of three runs of the site with the
   library against the site without it (matching, merging, citekeys, authors and venues), and of
   the generated pages (author and venue pages, Papers table, `papers.bib`, `papers.json`).
2. Whole `mkdocs build`s (`search: none`, so Pagefind's own CPU is not in it) of the vault with
   and without the library, interleaved, `--builds` of each; medians. With `--against SRC`
   (another checkout's `src`, e.g. main's), each round also builds both kinds with SRC first on
   `PYTHONPATH` (its own store when warm), so the two checkouts are compared in the same minutes.

The vault is `generate_vault.py`'s (`--notes`, seed 1) plus `--citing` notes that each cite four
entries (`[@key]`: References formatted by citeproc-py), in both builds. The library's entries
are shaped like Better BibTeX's exports (protected `{{Words}}`, LaTeX accents in names, month
macros, abstracts, `file` fields, about 1.8 kB an entry); the first `--matched` of them are
about notes of the vault (by title, by the title in lower case with a full stop, by a title
with a typo), the rest are papers "in library".
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate_vault import PlannedNote, cached, plan_notes  # noqa: E402

os.environ["PAPERNOTES_CACHE"] = "off"  # every build parses the library, as a first build does
COST_TARGET_S = 1.0  # CPU seconds per 5,000 entries
PARSE = "read and parse (papernotes: blocks, bibtexparser for the rest, fields)"
RATIO_TARGET = 1.10

SURNAMES = ("He", "Zhang", "Ren", "Sun", "Vaswani", "Shazeer", "Parmar", "Müller", "Schrödinger", "García",
            "Nguyen", "Kim", "Park", "Li", "Wang", "Chen", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Smith", "Johnson", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore",
            "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
            "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "van der Maaten")
GIVEN = ("Kaiming", "Xiangyu", "Shaoqing", "Jian", "Ashish", "Noam", "Niki", "Jakob", "Llion", "Aidan",
         "Łukasz", "Illia", "José", "François", "Zoë", "Wei", "Yuxin", "Hao", "Lin", "Jun", "Ming", "Yi",
         "Tao", "Jie", "Xin", "Yang", "Bo", "Peng", "Rui", "Lei", "Anna", "Maria", "John", "David",
         "Michael", "Sarah", "Emily", "Daniel", "Laura", "K.", "J. R.")
LATEX = {"ü": r"{\"u}", "ö": r"{\"o}", "é": r"{\'e}", "í": r"{\'i}", "ç": r"{\c c}", "Ł": r"{\L}",
         "ë": r"{\"e}"}
WORDS = ("Sparse Attention Routing Latent Diffusion Retrieval Augmented Memory Efficient Scalable "
         "Contrastive Policy Offline Graph Neural Compiler Kernel Mixture Experts Alignment Preference "
         "Quantized Distilled Robust Long Context Vision Language Agents Planning Reward Models "
         "Transformers Learning Networks Generative Adversarial Self-Supervised Representation "
         "Detection Segmentation").split()
VENUES = (
    ("inproceedings", "booktitle", "Proceedings of the {{IEEE}}/{{CVF Conference}} on {{Computer Vision}} "
                                   "and {{Pattern Recognition}} ({{CVPR}})"),
    ("inproceedings", "booktitle", "Advances in {{Neural Information Processing Systems}}"),
    ("inproceedings", "booktitle", "International {{Conference}} on {{Learning Representations}}"),
    ("article", "journal", "{{IEEE Transactions}} on {{Pattern Analysis}} and {{Machine Intelligence}}"),
    ("inproceedings", "booktitle", "Proceedings of the 40th {{International Conference}} on {{Machine Learning}}"),
    ("article", "journal", "Nature"),
    ("inproceedings", "booktitle", "{{ECCV}} 2022"),
)


def _tex(text: str) -> str:
    return "".join(LATEX.get(char, char) for char in text)


def _typo(title: str) -> str:
    """A title with one letter dropped from its longest word: a near title, not an equal one."""
    words = title.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = words[longest][:-2] + words[longest][-1]
    return " ".join(words)


def library_text(entries: int, matched: int, plan: Sequence[PlannedNote], seed: int = 1) -> str:
    """A `.bib` of `entries` entries, the first `matched` about notes of `plan`."""
    rng = random.Random(f"{seed}:library")
    people = [(rng.choice(GIVEN), rng.choice(SURNAMES)) for _ in range(3000)]
    out = []
    for number in range(entries):
        note = plan[number % len(plan)] if number < matched else None
        title = " ".join(rng.sample(WORDS, rng.randint(4, 9))) + f" {number}"
        arxiv = f"{rng.randint(12, 25):02d}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
        if note is not None:  # by title, by a title written otherwise (case, a full stop), by a near title
            how = number % 3
            title = note.title if how == 0 else note.title.lower() + "." if how == 1 else _typo(note.title)
        protected = " ".join("{{" + word + "}}" if rng.random() < 0.3 else word for word in title.split())
        authors = " and ".join(f"{_tex(family)}, {_tex(given)}"
                               for given, family in rng.sample(people, rng.randint(1, 8)))
        year = rng.randint(2012, 2025)
        abstract = " ".join(rng.choice(WORDS).lower() for _ in range(rng.randint(60, 200)))
        if rng.random() < 0.25:
            out.append(
                f"@misc{{key{number},\n  title = {{{protected}}},\n  author = {{{authors}}},\n"
                f"  year = {{{year}}},\n  month = jun,\n  number = {{arXiv:{arxiv}}},\n  eprint = {{{arxiv}}},\n"
                f"  primaryclass = {{cs}},\n  publisher = {{arXiv}},\n  doi = {{10.48550/arXiv.{arxiv}}},\n"
                f"  urldate = {{2024-01-0{rng.randint(1, 9)}}},\n  abstract = {{{abstract}}},\n"
                f"  archiveprefix = {{arXiv}},\n  keywords = {{Computer Science - Machine Learning,"
                f"Computer Science - Computer Vision and Pattern Recognition}},\n"
                f"  file = {{/Users/me/Zotero/storage/ABC{number}/paper.pdf}}\n}}\n\n")
        else:
            kind, field, venue = rng.choice(VENUES)
            out.append(
                f"@{kind}{{key{number},\n  title = {{{protected}}},\n  {field} = {{{venue}}},\n"
                f"  author = {{{authors}}},\n  year = {{{year}}},\n  month = jun,\n"
                f"  pages = {{{rng.randint(1, 900)}--{rng.randint(901, 1900)}}},\n  publisher = {{IEEE}},\n"
                f"  address = {{Long Beach, CA, USA}},\n  doi = {{10.1109/CVPR.{year}.{number:05d}}},\n"
                f"  url = {{https://example.org/paper/{number}}},\n  urldate = {{2023-05-0{rng.randint(1, 9)}}},\n"
                f"  abstract = {{{abstract}}},\n  isbn = {{978-1-7281-{number:04d}-0}},\n  langid = {{english}},\n"
                f"  file = {{/Users/me/Zotero/storage/XYZ{number}/paper.pdf}}\n}}\n\n")
    return "".join(out)


def citing_notes(count: int, entries: int) -> dict[str, str]:
    """Notes that cite four entries each, spread over the library."""
    rng = random.Random("citing")
    return {f"citing/cites {number:03d}.md":
            f"# Cites {number}\n\nAs shown in [@key{rng.randrange(entries)}; @key{rng.randrange(entries)}], "
            f"and by @key{rng.randrange(entries)} [see @key{rng.randrange(entries)}, p. 3].\n"
            for number in range(count)}


def prepare(folder: Path, notes: int, entries: int, matched: int, citing: int) -> tuple[Path, Path]:
    """(the vault, the library file beside it) under `folder`."""
    source = HERE / "out" / f"vault-{notes}"
    cached(source, notes, 1)
    vault = folder / "vault"
    shutil.copytree(source, vault)
    for name, text in citing_notes(citing, entries).items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    library = folder / "library.bib"
    library.write_text(library_text(entries, matched, plan_notes(notes, 1)), encoding="utf-8")
    return vault, library


def cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def phases(vault: Path, library: Path, profile: int) -> dict[str, float]:
    """CPU seconds of each phase of the library path, in this (cold) process."""
    import bibtexparser

    from papernotes.bib.library import decode_library
    from papernotes.bib.sources import load_libraries
    from papernotes.loader import load_vault
    from papernotes.pages import build_site
    from papernotes.pages.generate import generated_pages

    loaded = load_vault(vault)
    data = library.read_bytes()
    found: dict[str, float] = {}
    found["bibtexparser alone, whole file (reference)"], _ = cpu(lambda: bibtexparser.parse_string(
        decode_library(data, "library.bib")[0], parse_stack=[]))
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    found[PARSE], parsed = cpu(
        lambda: load_libraries(library.parent, [], [library.name], library.parent))
    times: dict[str, list[float]] = {"without site": [], "with site": [], "without pages": [], "with pages": []}
    for _ in range(3):  # the least of three: the site and pages are seconds of a loaded machine's CPU
        elapsed, site = cpu(lambda: build_site(loaded.notes, loaded.attachments))
        times["without site"].append(elapsed)
        elapsed, library_site = cpu(lambda: build_site(loaded.notes, loaded.attachments, library=parsed))
        times["with site"].append(elapsed)
        times["without pages"].append(cpu(lambda: generated_pages(site))[0])  # noqa: B023 - called at once
        times["with pages"].append(cpu(lambda: generated_pages(library_site))[0])  # noqa: B023
    without_site, with_site, without_pages, with_pages = (min(times[name]) for name in times)
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    found["site: matching, merging, keys, authors, venues (with - without)"] = with_site - without_site
    found["generated pages, papers.bib, papers.json (with - without)"] = with_pages - without_pages
    found["total added"] = (found[PARSE] + found[
        "site: matching, merging, keys, authors, venues (with - without)"]
        + found["generated pages, papers.bib, papers.json (with - without)"])
    found["entries"] = len(parsed.entries)
    found["matched"] = len(library_site.bib.entry_of_paper) - len(library_site.bib.library_papers)
    return found


def build_cpu(config: Path, env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one `mkdocs build` in a child process (and its children)."""
    return build_cost(config, env)[0]


def build_cost(config: Path, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds with its children, wall seconds) of one `mkdocs build` in a child process. The
    wall clock is what a user waits (work on the other core shortens it); it counts whatever
    else the machine runs, so compare it only between builds run in turn."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, stdout=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def checkouts(folder: Path, store: str, against: str | None) -> dict[str, dict[str, str]]:
    """The environment of each checkout's builds: this one, and `against` first on PYTHONPATH;
    with a warm store, each its own store folder (their stores' formats may differ)."""
    found = {"this": {}} if against is None else {
        "this": {}, "against": {"PYTHONPATH": os.pathsep.join(filter(None, [against, os.environ.get("PYTHONPATH")]))}}
    for name, env in found.items():
        env["PAPERNOTES_CACHE"] = str(folder / f"store-{name}") if store == "warm" else "off"
    return found


def builds(folder: Path, vault: Path, library: Path, runs: int, store: str = "off",
           against: str | None = None) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """(CPU, wall) seconds of each build, by checkout (`this`, `against`) and kind (`without`, `with`)."""
    configs = {}
    for name, extra in (("without", ""), ("with", f"      bibliography: [{library}]\n")):
        config = folder / f"mkdocs-{name}.yml"
        config.write_text(f"site_name: Library bench\ndocs_dir: {vault}\nsite_dir: {folder / ('site-' + name)}\n"
                          "theme:\n  name: material\n  font: false\nplugins:\n  - papernotes:\n"
                          f"      search: none\n{extra}", encoding="utf-8")
        configs[name] = config
    envs = checkouts(folder, store, against)
    if store == "warm":  # one build of each kind fills each checkout's store; not counted
        for env in envs.values():
            for config in configs.values():
                build_cpu(config, env)
    found: dict[str, dict[str, list[tuple[float, float]]]] = {name: {"without": [], "with": []} for name in envs}
    for _ in range(runs):
        for checkout, env in envs.items():
            for name, config in configs.items():
                found[checkout][name].append(build_cost(config, env))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--matched", type=int, default=600, help="entries about notes of the vault")
    parser.add_argument("--citing", type=int, default=50, help="notes citing four entries each")
    parser.add_argument("--builds", type=int, default=3, help="whole builds of each kind (0: phases only)")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls of the phases")
    parser.add_argument("--store", choices=("off", "warm"), default="off",
                        help="whole builds: no store (first builds), or builds after one of each kind filled it")
    parser.add_argument("--against", help="another checkout's src folder, built in the same rounds (e.g. ../main/src)")
    parser.add_argument("--no-phases", action="store_true", help="whole builds only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-library-") as temp:
        folder = Path(temp)
        vault, library = prepare(folder, args.notes, args.entries, args.matched, args.citing)
        print(f"{args.notes:,} notes + {args.citing} citing notes; {library.name}: {args.entries:,} entries, "
              f"{library.stat().st_size / 1e6:.1f} MB")
        per, missed = 5000 / max(args.entries, 1), False
        if not args.no_phases:
            found = phases(vault, library, args.profile)
            per = 5000 / max(found["entries"], 1)
            print(f"entries parsed {found['entries']:,.0f}, about notes {found['matched']:,.0f}")
            for name, seconds in found.items():
                if name not in ("entries", "matched"):
                    print(f"  {name}: {seconds:.3f} s CPU ({seconds * per:.3f} s per 5,000 entries)")
            missed = found["total added"] * per > COST_TARGET_S
        if args.builds:
            found_builds = builds(folder, vault, library, args.builds, args.store, args.against)
            for checkout, costs in found_builds.items():
                runs = {kind: [cpu for cpu, _ in pairs] for kind, pairs in costs.items()}
                walls = {kind: [wall for _, wall in pairs] for kind, pairs in costs.items()}
                without, with_ = statistics.median(runs["without"]), statistics.median(runs["with"])
                shown = "this checkout" if checkout == "this" else args.against
                print(f"whole builds ({shown}, store {args.store}), CPU s: without "
                      f"{', '.join(f'{s:.2f}' for s in runs['without'])}; "
                      f"with {', '.join(f'{s:.2f}' for s in runs['with'])}")
                wall_without, wall_with = statistics.median(walls["without"]), statistics.median(walls["with"])
                print(f"  wall s: without {', '.join(f'{s:.2f}' for s in walls['without'])}; "
                      f"with {', '.join(f'{s:.2f}' for s in walls['with'])}; medians {wall_without:.2f} / "
                      f"{wall_with:.2f}, ratio {wall_with / wall_without:.3f} (load average {os.getloadavg()[0]:.1f})")
                print(f"  medians {without:.2f} / {with_:.2f}: added {with_ - without:.2f} s "
                      f"({(with_ - without) * per:.2f} s per 5,000 entries), ratio {with_ / without:.3f} "
                      f"(target <= {RATIO_TARGET})")
                if checkout == "this":
                    missed = missed or with_ / without > RATIO_TARGET or (with_ - without) * per > COST_TARGET_S
        print("target " + ("missed" if missed else "met") + f": <= {COST_TARGET_S} s CPU per 5,000 entries")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
