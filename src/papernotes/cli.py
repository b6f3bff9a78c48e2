"""The `papernotes` command: check a vault for problems, export its paper graph.

Both read the papernotes plugin's options in mkdocs.yml (`publish`, `exclude`, `folder_topics`...)
and its theme and plugins, and plan the site as the build does (`site_plan`), so they see the
notes the site publishes and report the problems `mkdocs build` logs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from papernotes import __version__
from papernotes.diagnostics import Diagnostic, count_by_level
from papernotes.export import export_json, paper_json
from papernotes.graph import PaperGraph
from papernotes.identity import paper_id
from papernotes.loader import is_excluded, load_vault
from papernotes.mkdocs_yml import ConfigFileError, SiteConfig, find_config, read_config
from papernotes.model import Note, NoteKey, Paper
from papernotes.options import Options
from papernotes.outputs import mkdocs_excluded
from papernotes.publish import CONFIG_CODES, PRIVACY_CODES
from papernotes.recognise.explain import explain, summary, summary_lines
from papernotes.render import counted
from papernotes.site_plan import Planned, plan

DEFAULT_VAULT = "notes"


class UsageError(Exception):
    """The command cannot run as given (exit status 2); the message says what to do instead."""


@dataclass(frozen=True, slots=True)
class Setup:
    """The vault to read and the options to read it with."""

    vault: Path
    options: Options
    config_dir: Path | None = None
    """The folder of the mkdocs.yml whose options are used: `bibliography` is relative to it."""
    config: SiteConfig | None = None
    """That mkdocs.yml: its theme and plugins decide what else the site writes."""


def shown(path: Path) -> str:
    """`path` as the user can reach it from here, so `notes/Home.md:14` opens in an editor."""
    here, absolute = Path.cwd().resolve(), path.resolve()
    return absolute.relative_to(here).as_posix() if absolute.is_relative_to(here) else str(absolute)


def site_config(config_file: str | None) -> SiteConfig | None:
    """The mkdocs.yml given with `-f`, else `./mkdocs.yml` when there is one."""
    path = Path(config_file) if config_file else find_config(Path.cwd())
    if path is None:
        return None
    if config_file and not path.is_file():
        raise UsageError(f"no such file: {config_file} (-f/--config-file names the mkdocs.yml to read)")
    try:
        return read_config(path)
    except ConfigFileError as error:
        raise UsageError(f"{error} (fix it, or name another with -f/--config-file)") from None


def check_folder(vault: Path, origin: str) -> None:
    if vault.is_file():
        raise UsageError(f"{vault} is a file, not a folder{origin} (give the folder that holds your notes, "
                         f"such as {shown(vault.parent)})")
    if not vault.is_dir():
        raise UsageError(f"no such folder: {vault}{origin} (give the folder that holds your notes)")


def plugin_options(config: SiteConfig) -> Options:
    """The plugin's options in `config`; UsageError naming every unknown option or wrong value."""
    found, problems = config.options()
    if any(problem.fails for problem in problems):
        raise UsageError("\n".join(f"{shown(config.path)}: {problem.text}" for problem in problems if problem.fails))
    for problem in problems:  # warnings, the file and line in their message
        print(f"papernotes: {problem.text}", file=sys.stderr)
    return found


def setup(args: argparse.Namespace) -> Setup:
    """The vault (argument, else `docs_dir` of mkdocs.yml, else `notes/`) and the options that
    publish it: those of mkdocs.yml when that file builds this vault (or is given with -f)."""
    config = site_config(args.config_file)
    vault = Path(args.vault) if args.vault else config.docs_dir if config else Path(DEFAULT_VAULT)
    origin = "" if args.vault or config is None else f" (the docs_dir of {shown(config.path)})"
    check_folder(vault, origin)
    options = Options()
    applies = config is not None and (args.config_file or config.docs_dir.resolve() == vault.resolve())
    if config is not None and applies:
        options = plugin_options(config)
    elif config is not None:
        print(f"papernotes: {shown(config.path)} builds {shown(config.docs_dir)}, not {shown(vault)}: its "
              "plugin options are not used (give -f/--config-file to use them)", file=sys.stderr)
    options = replace(options, exclude=options.exclude + tuple(args.exclude))
    if config is not None and applies:
        return Setup(vault, options, config.path.parent, config)
    return Setup(vault, options)


def published_site(args: argparse.Namespace) -> tuple[Setup, Planned, list[Note]]:
    """The vault published as the site would be (every note with --include-private), the problems
    the build would log, and the vault's notes."""
    found = setup(args)
    vault = load_vault(found.vault)
    planned = plan(vault, found.options, found.config, include_private=args.include_private,
                   config_dir=found.config_dir)
    return found, planned, list(vault.notes)


def entry_json(paper: Paper) -> dict[str, Any]:
    """A paper written inline, as `export` writes papers, plus where it was found."""
    found = paper_json(paper_id(paper), paper)
    found["line"] = paper.sources[0].line if paper.sources else 0
    found["convention"] = paper.sources[0].kind if paper.sources else ""
    return found


@dataclass(frozen=True, slots=True)
class Checked:
    """What `check` reports on: the published notes, how many are private, the graph, the problems."""

    root: Path
    notes: list[Note]
    private: int
    graph: PaperGraph
    diagnostics: list[Diagnostic]
    withheld: int = 0
    """Notes left out of the site because their page would land on another file (warned about)."""


def checked(args: argparse.Namespace) -> Checked:
    found, planned, notes = published_site(args)
    site = planned.published.site
    shown_notes = [note for note in notes if note.path in site.links.published]
    withheld = len(planned.withheld)
    return Checked(found.vault, shown_notes, len(notes) - len(shown_notes) - withheld, site.graph,
                   list(planned.diagnostics), withheld)


def summarise(report: Checked) -> dict[str, int]:
    counts = count_by_level(report.diagnostics)
    notes = report.notes
    return {
        "notes": len(notes),
        "private": report.private,
        "withheld": report.withheld,
        "papers": len(report.graph.papers),
        "links": sum(len(note.links) for note in notes),
        "tasks": sum(len(note.tasks) for note in notes),
        "tables": sum(len(note.tables) for note in notes),
        "hashtags": sum(len(note.hashtags) for note in notes),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }


def note_json(note: Note, graph: PaperGraph) -> dict[str, Any]:
    return {
        "path": note.path,
        "title": graph.notes.get(note.path, note).title,  # as the site shows it
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


def report_json(report: Checked) -> str:
    document = {
        "vault": str(report.root),
        "summary": summarise(report),
        "recognition": summary(report.graph.decisions),
        "notes": [note_json(note, report.graph) for note in report.notes],
        "diagnostics": [diagnostic.as_dict() for diagnostic in report.diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def report_text(report: Checked) -> str:
    prefix = shown(report.root)
    prefix = "" if prefix == "." else prefix + "/"
    lines = [(diagnostic if diagnostic.code in CONFIG_CODES else replace(diagnostic, path=prefix + diagnostic.path))
             .format() for diagnostic in report.diagnostics]
    found = [(note.path, len(note.papers)) for note in report.notes if note.papers]
    if found:
        lines.append("papers written inline:")
        lines += [f"  {prefix}{path}: {counted(count, 'paper')}" for path, count in found]
    lines += summary_lines(report.graph.decisions, prefix)
    summary = summarise(report)
    lines.append(
        f"{counted(summary['notes'], 'published note')}, {summary['private']} private"
        f"{', ' + str(summary['withheld']) + ' withheld (colliding)' if summary['withheld'] else ''}; "
        f"{counted(summary['papers'], 'paper')}, "
        f"{counted(summary['links'], 'link')}, {counted(summary['tasks'], 'task')}, "
        f"{counted(summary['tables'], 'table')}; {counted(summary['errors'], 'error')}, "
        f"{counted(summary['warnings'], 'warning')}, {counted(summary['infos'], 'info')}"
    )
    return "\n".join(lines)


def note_key(root: Path, keys: list[str], wanted: str) -> str | None:
    """The vault key `papernotes explain` means: a path to the file, a vault path, or a unique
    note name (`Latte`), case-insensitively."""
    candidate = Path(wanted)
    if candidate.exists():
        try:
            relative = candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = ""
        if relative in keys:
            return relative
    folded = wanted.strip("/").casefold()
    for match in (lambda key: key.casefold() == folded,
                  lambda key: key.casefold() in (folded + ".md", folded + ".markdown"),
                  lambda key: key.rsplit("/", 1)[-1].rsplit(".", 1)[0].casefold() == folded):
        found = [key for key in keys if match(key)]
        if len(found) == 1:
            return found[0]
    return None


def unpublished_reason(note: Note, found: Setup, planned: Planned) -> str:
    """Why the build leaves `note` out, and what to do about it."""
    exclude_docs = found.config.exclude_docs if found.config is not None else ""
    if note.path in mkdocs_excluded([note.path], exclude_docs):
        return ("MkDocs never builds it (a dot file or folder, the top templates/ folder, "
                "or mkdocs.yml's exclude_docs)")
    if note.path in planned.withheld:
        return "its page would land where another file's goes (`papernotes check` says which)"
    hint = " (add --include-private to see what it would be)"  # with it, the notes below are published
    if not note.publish:
        doubt = next((d for d in note.diagnostics if d.code in PRIVACY_CODES), None)
        if doubt is not None:  # `publish: ture`, or a `publish:` line the YAML reading did not see
            return f"{doubt.message} (line {doubt.line}){hint}"
        marker = "draft: true" if note.meta.draft else "publish: false (or dg-publish: false)"
        return f"it says {marker}{hint}"
    if found.options.publish == "explicit" and note.meta.publish is not True:
        return f"the site publishes only notes with publish: true (publish: explicit), and it has none{hint}"
    pattern = next((pattern for pattern in found.options.exclude if is_excluded(note.path, [pattern])), None)
    if pattern is None:  # pragma: no cover  (every way a loaded note is left out is named above)
        return "`papernotes check` says why"
    return f"the exclude glob {pattern!r} leaves it out{hint}"


def run_explain(args: argparse.Namespace) -> int:
    found_setup, planned, notes = published_site(args)
    graph = planned.published.site.graph
    found = note_key(found_setup.vault, [note.path for note in notes], args.note)
    if found is None:
        raise UsageError(f"no note {args.note!r} in {shown(found_setup.vault)} (give its path or its name)")
    key = NoteKey(found)
    if key not in graph.decisions:
        note = next(note for note in notes if note.path == found)
        raise UsageError(f"{found} is not published, so it is no paper's note on the site: "
                         + unpublished_reason(note, found_setup, planned))
    pid = graph.paper_of_note.get(key)
    print(explain(graph.decisions[key], graph.papers[pid] if pid else None))
    return 0


def add_explain_command(commands: Any) -> None:
    explain_command = commands.add_parser("explain", help="say why a note is or is not a paper's note")
    explain_command.add_argument("note", help="the note: its path, its vault path or its name")
    _common(explain_command, vault_option=True)
    explain_command.set_defaults(run=run_explain)


def run_check(args: argparse.Namespace) -> int:
    report = checked(args)
    print(report_json(report) if args.format == "json" else report_text(report))
    return 1 if any(diagnostic.level == "error" for diagnostic in report.diagnostics) else 0


BIBLIOGRAPHY_FORMATS = ("bibtex", "csl-json")


def run_export(args: argparse.Namespace) -> int:
    """The paper graph as JSON, or (`--format bibtex|csl-json`) the site's `papers.bib` /
    `papers.json`: published papers only, whatever --include-private says."""
    if args.format in BIBLIOGRAPHY_FORMATS:
        from papernotes.bib.export import papers_bibtex, papers_csl_json

        site = published_site(argparse.Namespace(**{**vars(args), "include_private": False}))[1].published.site
        document = (papers_bibtex if args.format == "bibtex" else papers_csl_json)(site.graph, site.bib)
    else:
        _, planned, _ = published_site(args)
        document = export_json(planned.published.site.graph, planned.diagnostics)
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return 0


DESCRIPTION = """\
Check a folder of paper notes and export its paper graph, as the papernotes MkDocs plugin sees it.

Both commands read the papernotes plugin's options in mkdocs.yml (./mkdocs.yml, or the file given
with -f), and its theme and plugins: a note the site does not publish (private, or left out because
its page would land on another file) is not checked or exported, and a misspelt option is an
error, as in `mkdocs build`.
"""

EPILOG = """\
exit status: 0 fine, 1 errors in the notes (check), 2 a usage error (no such folder, a wrong
option in mkdocs.yml). `papernotes COMMAND --help` describes each command.
"""


def _common(command: argparse.ArgumentParser, *, vault_option: bool = False) -> None:
    vault_help = "the notes folder (default: docs_dir of mkdocs.yml, else notes/)"
    if vault_option:  # `explain NOTE --vault FOLDER`: the note is the positional argument
        command.add_argument("--vault", help=vault_help)
    else:
        command.add_argument("vault", nargs="?", help=vault_help)
    command.add_argument("-f", "--config-file", metavar="FILE",
                         help="the mkdocs.yml whose papernotes options to use (default: ./mkdocs.yml)")
    command.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                         help="also leave out notes matching this glob (repeatable), e.g. 'Private/**'")
    command.add_argument("--include-private", action="store_true",
                         help="treat every note as published, also those marked publish: false, "
                              "dg-publish: false or draft: true, or left out by exclude")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="papernotes", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"papernotes {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="print each problem the site build would log (file:line), then a summary",
                                description="Load every note of a vault and print each problem of the "
                                            "published notes, then a summary.")
    _common(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=run_check)
    add_explain_command(commands)
    export = commands.add_parser("export", help="write the paper graph (papers, notes, edges, topics, queues) as JSON, "
                                                "or the published papers as BibTeX / CSL-JSON",
                                 description="Write the paper graph of the published notes (papers, notes, "
                                             "edges, topics, queues, problems) as a JSON document, or the "
                                             "site's papers.bib / papers.json.")
    _common(export)
    export.add_argument("--format", choices=("json", *BIBLIOGRAPHY_FORMATS), default="json",
                        help="json: the paper graph; bibtex / csl-json: the published papers, as papers.bib / "
                             ".json (published papers only, even with --include-private)")
    export.add_argument("-o", "--output", help="write to this file instead of standard output")
    export.set_defaults(run=run_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print("\n".join(f"papernotes: {line}" for line in str(error).splitlines()), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
