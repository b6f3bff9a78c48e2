"""The `papernotes` command: `check` a vault and report its problems."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from papernotes.dataview.site import query_problems
from papernotes.diagnostics import Diagnostic, count_by_level, sort_key
from papernotes.export import export_json, paper_json
from papernotes.graph import PaperGraph, build_graph
from papernotes.identity import paper_id
from papernotes.loader import Vault, load_vault
from papernotes.model import Paper
from papernotes.pages import Site, is_published
from papernotes.render import counted


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags we only need to skip over."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(cwd: Path) -> dict[str, Any] | None:
    """`./mkdocs.yml` as a mapping, None when there is none (or it cannot be read)."""
    config_file = cwd / "mkdocs.yml"
    if not config_file.is_file():
        return None
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    return config if isinstance(config, dict) else None


def default_vault(cwd: Path) -> Path:
    """The `docs_dir` of `./mkdocs.yml` (MkDocs' default `docs`), else `notes/`."""
    config = read_mkdocs_yml(cwd)
    if config is not None:
        return cwd / str(config.get("docs_dir") or "docs")
    return cwd / "notes"


def plugin_options(cwd: Path, vault: Path) -> dict[str, Any]:
    """The `papernotes` plugin's options in `./mkdocs.yml` when that file builds `vault`, so the
    command line publishes exactly what the site does (`publish: explicit`, `exclude`)."""
    config = read_mkdocs_yml(cwd)
    if config is None or (cwd / str(config.get("docs_dir") or "docs")).resolve() != vault.resolve():
        return {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("papernotes"), dict):
            return dict(entry["papernotes"])
    return {}


def entry_json(paper: Paper) -> dict[str, Any]:
    """A paper written inline, as `export` writes papers, plus where it was found."""
    found = paper_json(paper_id(paper), paper)
    found["line"] = paper.sources[0].line if paper.sources else 0
    found["convention"] = paper.sources[0].kind if paper.sources else ""
    return found


def summarise(vault: Vault, graph: PaperGraph, diagnostics: list[Diagnostic]) -> dict[str, int]:
    counts = count_by_level(diagnostics)
    return {
        "notes": len(vault.notes),
        "papers": len(graph.papers),
        "links": sum(len(note.links) for note in vault.notes),
        "tasks": sum(len(note.tasks) for note in vault.notes),
        "tables": sum(len(note.tables) for note in vault.notes),
        "hashtags": sum(len(note.hashtags) for note in vault.notes),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }


def missing_facts(graph: PaperGraph) -> list[Diagnostic]:
    """Info for each paper without a year or a venue, at the place it was first found."""
    problems = []
    for paper in graph.papers.values():
        missing = [name for name in ("year", "venue") if not getattr(paper, name)]
        if missing and paper.sources:
            source = paper.sources[0]
            problems.append(Diagnostic(
                source.path, source.line, "info", "paper-incomplete",
                f"paper '{paper.title}' has no {' or '.join(missing)}",
                "add them in the note's frontmatter or in a summary table column",
            ))
    return problems


def report_json(vault: Vault, graph: PaperGraph, diagnostics: list[Diagnostic]) -> str:
    notes = [
        {
            "path": note.path,
            "title": note.title,
            "links": len(note.links),
            "wikilinks": [{"target": link.target, "fragment": link.fragment, "line": link.line,
                           "embed": link.kind == "embed"}
                          for link in note.links if link.kind in ("wikilink", "embed")],
            "tasks_done": sum(task.done for task in note.tasks),
            "tasks": len(note.tasks),
            "tables": len(note.tables),
            "hashtags": [tag.tag for tag in note.hashtags],
            "papers": [entry_json(paper) for paper in note.papers],
        }
        for note in vault.notes
    ]
    document = {
        "vault": str(vault.root),
        "summary": summarise(vault, graph, diagnostics),
        "notes": notes,
        "diagnostics": [diagnostic.as_dict() for diagnostic in diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def shown_path(vault: Vault) -> str:
    """The vault as the user can reach it from here, so `notes/Home.md:14` opens in an editor."""
    root = vault.root.resolve()
    return root.relative_to(Path.cwd().resolve()).as_posix() if root.is_relative_to(Path.cwd().resolve()) \
        else str(root)


def report_text(vault: Vault, graph: PaperGraph, diagnostics: list[Diagnostic]) -> str:
    prefix = shown_path(vault)
    prefix = "" if prefix == "." else prefix + "/"
    lines = [replace(diagnostic, path=prefix + diagnostic.path).format() for diagnostic in diagnostics]
    found = [(note.path, len(note.papers)) for note in vault.notes if note.papers]
    if found:
        lines.append("papers written inline:")
        lines += [f"  {prefix}{path}: {counted(count, 'paper')}" for path, count in found]
    summary = summarise(vault, graph, diagnostics)
    lines.append(
        f"{counted(summary['notes'], 'note')}, {counted(summary['papers'], 'paper')}, "
        f"{counted(summary['links'], 'link')}, {counted(summary['tasks'], 'task')}, "
        f"{counted(summary['tables'], 'table')}; {counted(summary['errors'], 'error')}, "
        f"{counted(summary['warnings'], 'warning')}, {counted(summary['infos'], 'info')}"
    )
    return "\n".join(lines)


def load(args: argparse.Namespace) -> tuple[Vault, PaperGraph] | None:
    vault_path = Path(args.vault) if args.vault else default_vault(Path.cwd())
    if not vault_path.is_dir():
        print(f"papernotes: {vault_path} is not a folder of notes", file=sys.stderr)
        return None
    vault = load_vault(vault_path, exclude=args.exclude)
    if getattr(args, "include_private", False):
        return vault, build_graph(vault.notes, vault.attachments)
    options = plugin_options(Path.cwd(), vault_path)
    exclude = [str(glob) for glob in options.get("exclude") or []]
    explicit = options.get("publish") == "explicit"
    published = [note for note in vault.notes if is_published(note, exclude, explicit=explicit)]
    public_keys = {note.path for note in published}
    private = [note for note in vault.notes if note.path not in public_keys]
    return vault, build_graph(published, vault.attachments, private=private)


def run_check(args: argparse.Namespace) -> int:
    loaded = load(args)
    if loaded is None:
        return 2
    vault, graph = loaded
    found = list(vault.diagnostics) + list(graph.diagnostics) + missing_facts(graph) + query_problems(graph)
    found += bibliography_problems(args, vault)
    diagnostics = sorted(dict.fromkeys(found), key=sort_key)
    report = report_json if args.format == "json" else report_text
    print(report(vault, graph, diagnostics))
    return 1 if any(diagnostic.level == "error" for diagnostic in diagnostics) else 0


def run_export(args: argparse.Namespace) -> int:
    if args.format in BIBLIOGRAPHY_FORMATS:
        return export_bibliography(args)
    loaded = load(args)
    if loaded is None:
        return 2
    document = export_json(loaded[1])
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return 0


BIBLIOGRAPHY_FORMATS = ("bibtex", "csl-json")


def _bibliography_site(vault_path: Path, vault: Vault, extra_exclude: Sequence[str]) -> Site:
    """The site as the plugin would build it, with its libraries (`bibliography`, vault `.bib` files)."""
    from papernotes.bib.sources import load_libraries, vault_libraries
    from papernotes.pages import build_site

    options = plugin_options(Path.cwd(), vault_path)
    exclude = [*extra_exclude, *(str(glob) for glob in options.get("exclude") or [])]
    named = [str(name) for name in options.get("bibliography") or []]
    library = load_libraries(vault_path, vault_libraries(vault.attachments, exclude), named, Path.cwd())
    return build_site(vault.notes, vault.attachments, exclude=exclude, explicit=options.get("publish") == "explicit",
                      library=library, library_papers=options.get("library_papers", True) is not False)


def bibliography_problems(args: argparse.Namespace, vault: Vault) -> list[Diagnostic]:
    """`check`: malformed or duplicate library entries, conflicts, unknown citekeys."""
    vault_path = Path(args.vault) if args.vault else default_vault(Path.cwd())
    site = _bibliography_site(vault_path, vault, args.exclude)
    return [d for d in site.diagnostics if d.code.startswith(("bib-", "csl-")) or d.code == "unknown-citekey"]


def export_bibliography(args: argparse.Namespace) -> int:
    """`export --format bibtex|csl-json`: the site's `papers.bib` / `papers.json`, published papers only."""
    from papernotes.bib.export import papers_bibtex, papers_csl_json

    vault_path = Path(args.vault) if args.vault else default_vault(Path.cwd())
    if not vault_path.is_dir():
        print(f"papernotes: {vault_path} is not a folder of notes", file=sys.stderr)
        return 2
    site = _bibliography_site(vault_path, load_vault(vault_path, exclude=args.exclude), args.exclude)
    document = (papers_bibtex if args.format == "bibtex" else papers_csl_json)(site.graph, site.bib)
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="papernotes", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load every note of a vault and report problems")
    check.add_argument("vault", nargs="?", help="the notes folder (default: docs_dir of ./mkdocs.yml, else notes/)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files matching this glob (repeatable), e.g. 'Private/**'")
    check.set_defaults(run=run_check, include_private=True)
    export = commands.add_parser("export", help="write the paper graph (papers, notes, edges, topics, queues)")
    export.add_argument("vault", nargs="?", help="the notes folder (default as for check)")
    export.add_argument("--format", choices=("json", *BIBLIOGRAPHY_FORMATS), default="json",
                        help="json: the paper graph; bibtex / csl-json: the published papers, as papers.bib / .json")
    export.add_argument("-o", "--output", help="write to this file instead of standard output")
    export.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    export.add_argument("--include-private", action="store_true",
                        help="also export notes marked publish: false / dg-publish: false / draft: true "
                             "(json only: bibtex and csl-json hold published papers only)")
    export.set_defaults(run=run_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
