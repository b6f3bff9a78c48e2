"""Rebuild the fidelity corpus (real public vaults) from local git mirrors, at pinned commits.

    .venv/bin/python benchmarks/fidelity/build_corpus.py [--out /work/corpus] [--vault NAME]
                                                          [--mirrors /work/.mirror]

Each vault of `manifest.yaml` names a GitHub repository, the commit it was read at, a `root`
folder inside it (the vault's own root: `content` for Quartz, `.` otherwise) and `include` /
`exclude` globs relative to that root. Its files are written to `OUT/<name>/`, exactly as they
are at that commit, read from the bare mirror `MIRRORS/<owner>+<repo>/…` that the `fetch` tool
made (any bare or normal git dir under that folder whose name matches). Nothing is downloaded
here: a missing mirror or commit is reported with the repository to fetch, and that vault is
skipped. The corpus lives outside the repository: these notes are other people's writing and
are never committed; only the manifest, the labels and this script are.
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
MANIFEST = HERE / "manifest.yaml"
DEFAULT_OUT = Path("/work/corpus")
DEFAULT_MIRRORS = Path("/work/.mirror")
MAX_BYTES = 4 * 1024 * 1024  # mirrors lack blobs of 4 MiB and more; so do we, always


@dataclass(frozen=True, slots=True)
class VaultSpec:
    name: str
    repo: str
    commit: str
    root: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]


def read_manifest(path: Path = MANIFEST) -> list[VaultSpec]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    specs = []
    for entry in data["vaults"]:
        specs.append(VaultSpec(
            name=entry["name"], repo=entry["repo"], commit=entry["commit"],
            root=str(entry.get("root") or ".").strip("/") or ".",
            include=tuple(entry.get("include") or ["**"]),
            exclude=tuple(entry.get("exclude") or []),
        ))
    return specs


def find_mirror(repo: str, mirrors: Path) -> Path | None:
    """The git dir of `owner/name` under `mirrors` (`owner+name/repo`, or any git dir in it)."""
    folder = mirrors / repo.replace("/", "+")
    candidates = [folder / "repo", folder, folder / ".git"]
    if folder.is_dir():
        candidates += sorted(p.parent for p in folder.glob("**/HEAD"))
    for candidate in candidates:
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def git(git_dir: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], input=data,
                          capture_output=True, check=True).stdout


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    """fnmatch globs where `dir/**` also matches `dir` itself and `**` matches any depth."""
    for pattern in patterns:
        if fnmatch.fnmatchcase(path, pattern):
            return True
        if pattern.endswith("/**") and (path == pattern[:-3] or path.startswith(pattern[:-2])):
            return True
    return False


def selected_files(spec: VaultSpec, git_dir: Path) -> list[tuple[str, str, int]]:
    """(path inside the vault, blob sha, size) of every file the manifest takes, at the commit."""
    args = ["ls-tree", "-r", "-l", "-z", spec.commit]
    if spec.root != ".":
        args += ["--", spec.root + "/"]
    chosen = []
    for record in git(git_dir, *args).split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        if kind != "blob" or mode == "120000":
            continue  # submodules and symlinks are not vault files
        path = raw_path.decode("utf-8", "surrogateescape")
        inner = path if spec.root == "." else path[len(spec.root) + 1:]
        if not matches(inner, spec.include) or matches(inner, spec.exclude):
            continue
        if not size.isdigit() or int(size) >= MAX_BYTES:  # absent from the mirror, or too big
            continue
        chosen.append((inner, sha, int(size)))
    return chosen


def read_blobs(git_dir: Path, shas: list[str]) -> dict[str, bytes]:
    """Blob contents by sha with one `git cat-file --batch`; blobs missing from the mirror are left out."""
    out = git(git_dir, "cat-file", "--batch", data="".join(s + "\n" for s in shas).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split()
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        blobs[header[0]] = out[pos:pos + size]
        pos += size + 1
    return blobs


def build_vault(spec: VaultSpec, out: Path, mirrors: Path) -> str:
    git_dir = find_mirror(spec.repo, mirrors)
    if git_dir is None:
        return (f"{spec.name}: no mirror of {spec.repo} under {mirrors}; "
                f"fetch it first (fetch tool: github:{spec.repo})")
    try:
        git(git_dir, "cat-file", "-e", f"{spec.commit}^{{commit}}")
    except subprocess.CalledProcessError:
        return (f"{spec.name}: the mirror of {spec.repo} lacks commit {spec.commit}; "
                f"fetch github:{spec.repo} again")
    files = selected_files(spec, git_dir)
    blobs = read_blobs(git_dir, sorted({sha for _, sha, _ in files}))
    target = out / spec.name
    if target.exists():
        shutil.rmtree(target)
    written = notes = 0
    for inner, sha, _ in files:
        if sha not in blobs:
            continue
        dest = target / inner
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(blobs[sha])
        written += 1
        notes += inner.lower().endswith((".md", ".markdown"))
    return f"{spec.name}: {written} files ({notes} notes) from {spec.repo}@{spec.commit[:10]} -> {target}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder (default %(default)s)")
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS,
                        help="where the fetched mirrors are (default %(default)s)")
    parser.add_argument("--vault", action="append", help="only this vault (repeatable)")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args = parser.parse_args(argv)
    specs = [s for s in read_manifest(args.manifest) if not args.vault or s.name in args.vault]
    if args.vault and len(specs) != len(args.vault):
        parser.error(f"unknown vault among {args.vault}")
    if args.out.resolve().is_relative_to(REPOSITORY):
        parser.error("--out must be outside the repository: the corpus is never committed")
    failed = 0
    for spec in specs:
        message = build_vault(spec, args.out, args.mirrors)
        failed += "->" not in message
        print(message)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
