"""`papernotes check` and `papernotes export`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from papernotes import cli
from tests.conftest import NOTES, ROOT


def papernotes(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papernotes", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_check_example_vault_prints_summary_and_exits_0():
    result = papernotes("check", str(NOTES))
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("20 published notes, 2 private; ") and "0 errors, 0 warnings" in summary


def test_check_defaults_to_docs_dir_of_mkdocs_yml():
    result = papernotes("check")
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1].startswith("20 published notes, 2 private; ")


def test_check_reports_errors_with_file_and_line_and_exits_1(make_vault):
    vault = make_vault({
        "good.md": "# Good\n[[missing note]]\n",
        "binary.md": b"\x00\x01\x02",
        "yaml.md": "---\ntitle: [unclosed\n---\nbody\n",
    })
    result = papernotes("check", "vault", cwd=vault.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # Paths as reachable from where the command ran, so an editor can open `vault/good.md:2`.
    assert any(line.startswith("vault/binary.md:1: error: binary.md contains NUL bytes") for line in lines)
    assert any(line.startswith("vault/good.md:2: warning: [[missing note]] matches no file") for line in lines)
    assert any(line.startswith("vault/yaml.md:") and ": error: " in line for line in lines)


def test_check_reports_query_problems_as_the_build_does(make_vault):
    vault = make_vault({"dash.md": "# Dash\n\n```dataview\nLIST foo(file.name)\n```\n\n"
                                  "```dataviewjs\ndv.list([])\n```\n"})
    lines = papernotes("check", "vault", cwd=vault.parent).stdout.splitlines()
    assert any(line.startswith("vault/dash.md:3: ") and "foo()" in line for line in lines), lines
    assert any(line.startswith("vault/dash.md:7: ") and "dataviewjs" in line for line in lines), lines


def test_check_json_lists_papers_per_note_with_lines(make_vault):
    vault = make_vault({
        "a.md": "---\ntitle: A\n---\n# Reading queue\n- [ ] [[b]]\n\n## Image priors\n\n"
                "- \"Video Diffusion Models\" NeurIPS, 2022 Apr\n  [paper](https://arxiv.org/abs/2204.03458)\n"
                "  Authors: Jonathan Ho, Tim Salimans\n",
        "b.md": "# B\n",
    })
    result = papernotes("check", str(vault), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"] == {"notes": 2, "private": 0, "withheld": 0, "papers": 2, "links": 2, "tasks": 1,
                                   "tables": 0, "hashtags": 0, "errors": 0, "warnings": 0, "infos": 1}
    assert [note["path"] for note in document["notes"]] == ["a.md", "b.md"]
    (inline,) = document["notes"][0]["papers"]  # the queue item [[b]] is a paper with its own note
    assert {key: inline[key] for key in ("id", "title", "year", "month", "venue", "authors", "line", "convention",
                                         "sources")} == {
        "id": "arxiv:2204.03458", "title": "Video Diffusion Models", "year": 2022, "month": 4, "venue": "NeurIPS",
        "authors": ["Jonathan Ho", "Tim Salimans"], "line": 9, "convention": "survey-list",
        "sources": [{"path": "a.md", "line": 9, "kind": "survey-list"}]}
    assert document["notes"][1]["papers"] == []
    assert document["diagnostics"] == [{
        "path": "a.md", "line": 5, "level": "info", "code": "paper-incomplete",
        "message": "paper 'B' has no year or venue",  # b.md's title heading (README, One title per note)
        "hint": "add them in the note's frontmatter or in a summary table column"}]


def test_usage_errors_exit_2(tmp_path):
    assert papernotes("check", str(tmp_path / "absent")).returncode == 2
    assert papernotes("frobnicate").returncode == 2


def test_export_is_byte_identical_and_leaves_private_notes_out(tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert papernotes("export", str(NOTES), "-o", str(first)).returncode == 0
    assert papernotes("export", str(NOTES), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    document = json.loads(text)
    assert set(document) == {"schema", "papers", "notes", "edges", "topics", "queues", "diagnostics"}
    for canary in ("PRIVATE-CANARY-7f3a", "DRAFT-CANARY-91bc", "grant-ideas", "half-written"):
        assert canary not in text
    paper = document["papers"][0]
    assert {"id", "title", "year", "venue", "authors", "tags", "links", "status", "note", "sources"} <= set(paper)
    latte = next(p for p in document["papers"] if p["id"] == "arxiv:2401.03048")
    assert {"kind": "paper", "url": "https://arxiv.org/abs/2401.03048"} in latte["links"]
    private = papernotes("export", str(NOTES), "--include-private")
    assert "Private/grant-ideas.md" in private.stdout


SEED_COUNTS = {
    # seed: (wikilinks, tasks, done, tables, hashtags), counted in the files with grep
    "000": (25, 58, 25, 1, 0),
    "001": (0, 0, 0, 0, 0),
    "002": (0, 0, 0, 0, 0),
    "003": (0, 6, 3, 0, 0),
    "004": (0, 0, 0, 0, 19),
}


@pytest.mark.seeds
@pytest.mark.parametrize("seed", sorted(SEED_COUNTS))
def test_check_reads_each_seed(seed, seed_vault):
    vault = seed_vault(seed, f"seed-{seed}.md")
    result = papernotes("check", str(vault), "--format", "json")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stdout[-2000:]
    (note,) = json.loads(result.stdout)["notes"]
    counts = (len(note["wikilinks"]), note["tasks"], note["tasks_done"], note["tables"], len(note["hashtags"]))
    assert counts == SEED_COUNTS[seed]
    if seed == "000":
        assert note["wikilinks"][0] == {"target": "Kaiming/Single Image Haze Removal Using Dark Channel Prior",
                                        "fragment": "", "line": 59, "embed": False}
    if seed == "004":
        assert note["hashtags"][:3] == ["image_generation", "image_generation", "Customization"]


def test_export_follows_the_sites_publishing_options(make_vault):
    vault = make_vault({
        "garden.md": "---\ndg-publish: true\n---\n# Garden\n- [ ] [[Diary]]\n- [ ] [[unflagged]]\n",
        "Diary.md": "---\ndg-publish: true\n---\n# Diary\nDIARY-CANARY\n",
        "unflagged.md": "# Not opted in\nUNFLAGGED-CANARY\n",
    })
    (vault.parent / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: vault\nplugins:\n  - papernotes:\n      publish: explicit\n"
        "      exclude: [Diary.md]\n", encoding="utf-8")
    result = papernotes("export", cwd=vault.parent)
    assert result.returncode == 0, result.stderr
    assert [note["path"] for note in json.loads(result.stdout)["notes"]] == ["garden.md"]
    # The queue items keep the text garden.md wrote ("Diary"); nothing of the notes themselves.
    for hidden in ("DIARY-CANARY", "UNFLAGGED-CANARY", "Diary.md", "unflagged.md", "Not opted in"):
        assert hidden not in result.stdout


def project(vault_parent, plugin: str, name: str = "mkdocs.yml", docs_dir: str = "vault") -> None:
    (vault_parent / name).write_text(f"site_name: x\ndocs_dir: {docs_dir}\nplugins:\n  - search\n  - papernotes:\n"
                                     + "".join(f"      {line}\n" for line in plugin.splitlines()), encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize(("plugin", "message"), [
    ("pubish: explicit", "papernotes: mkdocs.yml: unknown option 'pubish' (did you mean 'publish'?)"),
    ("publish: explict", "papernotes: mkdocs.yml: option 'publish': \"explict\" is not one of its values "
                         "(write `publish: all` or `publish: explicit`)"),
    ("exclude: Private/**, Diary/**",
     "papernotes: mkdocs.yml: option 'exclude': \"Private/**, Diary/**\" is not a list of globs"),
])
def test_a_wrong_option_in_mkdocs_yml_is_a_usage_error(make_vault, command, plugin, message):
    vault = make_vault({"a.md": "# A\n"})
    project(vault.parent, plugin)
    result = papernotes(command, cwd=vault.parent)
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_every_wrong_option_is_named(make_vault):
    vault = make_vault({"a.md": "# A\n"})
    project(vault.parent, "pubish: explicit\nmath: maybe")
    lines = papernotes("check", cwd=vault.parent).stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == ["unknown option 'pubish' (did you mean 'publish'?)",
                                                       "option 'math'"]


def test_check_follows_publish_and_exclude_of_mkdocs_yml(make_vault):
    vault = make_vault({
        "garden.md": "---\ndg-publish: true\n---\n# Garden\n[[broken one]]\n",
        "unflagged.md": "# Unflagged\n[[broken two]]\n",
        "Private/flagged.md": "---\ndg-publish: true\n---\n# Flagged\n[[broken three]]\n",
    })
    project(vault.parent, "publish: explicit\nexclude: ['Private/**']")
    result = papernotes("check", cwd=vault.parent)
    assert result.returncode == 0, result.stderr
    assert "[[broken one]]" in result.stdout
    assert "[[broken two]]" not in result.stdout and "[[broken three]]" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 published note, 2 private; ")
    everything = papernotes("check", "--include-private", cwd=vault.parent).stdout
    assert all(f"[[broken {n}]]" in everything for n in ("one", "two", "three"))


def test_config_file_option_reads_another_mkdocs_yml(make_vault, tmp_path):
    vault = make_vault({"garden.md": "---\ndg-publish: true\n---\n# Garden\n", "other.md": "# Other\n"})
    project(vault.parent, "publish: explicit", name="site.yml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # docs_dir is relative to the file, as in MkDocs, wherever the command runs
    result = papernotes("export", "-f", str(vault.parent / "site.yml"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert [note["path"] for note in json.loads(result.stdout)["notes"]] == ["garden.md"]
    typo = papernotes("check", "--config-file", str(tmp_path / "absent.yml"), str(vault), cwd=elsewhere)
    assert typo.returncode == 2 and "no such file" in typo.stderr


def test_mkdocs_yml_of_another_vault_is_not_applied(make_vault, tmp_path):
    vault = make_vault({"a.md": "# A\n"})
    project(vault.parent, "publish: explicit", docs_dir="docs")
    result = papernotes("check", "vault", cwd=vault.parent)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("1 published note, 0 private; ")
    assert "mkdocs.yml builds docs, not vault: its plugin options are not used" in result.stderr


def test_a_broken_mkdocs_yml_is_a_usage_error(make_vault):
    vault = make_vault({"a.md": "# A\n"})
    (vault.parent / "mkdocs.yml").write_text("site_name: [x\n", encoding="utf-8")
    result = papernotes("check", cwd=vault.parent)
    assert result.returncode == 2 and "mkdocs.yml: not valid YAML" in result.stderr


def test_a_file_and_a_missing_folder_get_different_messages(make_vault):
    vault = make_vault({"a.md": "# A\n"})
    missing = papernotes("check", "absent", cwd=vault.parent)
    assert missing.returncode == 2
    assert missing.stderr.startswith("papernotes: no such folder: absent (give the folder that holds your notes)")
    a_file = papernotes("export", "vault/a.md", cwd=vault.parent)
    assert a_file.returncode == 2
    assert a_file.stderr.startswith("papernotes: vault/a.md is a file, not a folder (give the folder that holds "
                                    "your notes, such as vault)")
    project(vault.parent, "", docs_dir="notes")
    from_config = papernotes("check", cwd=vault.parent)
    assert from_config.returncode == 2
    assert "no such folder: " in from_config.stderr and "(the docs_dir of mkdocs.yml)" in from_config.stderr


def test_version_and_help():
    from papernotes import __version__

    version = papernotes("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"papernotes {__version__}"
    usage = papernotes("--help")
    assert usage.returncode == 0
    for described in ("check ", "export ", "mkdocs.yml", "exit status"):
        assert described in usage.stdout
    for command in ("check", "export"):
        usage = papernotes(command, "--help")
        assert usage.returncode == 0 and "--config-file" in usage.stdout and "--include-private" in usage.stdout


def test_check_and_export_run_without_mkdocs(make_vault):
    """The core never imports MkDocs: the command line works where it is not installed."""
    vault = make_vault({"a.md": "# A\n[[b]]\n", "b.md": "---\npublish: false\n---\n# B\n"})
    project(vault.parent, "publish: all")
    for command in ("check", "export"):
        code = ("import sys; sys.modules['mkdocs'] = None; from papernotes.cli import main; "
                f"sys.exit(main(['{command}']))")
        result = subprocess.run([sys.executable, "-c", code], cwd=vault.parent, capture_output=True, text=True,
                                encoding="utf-8", timeout=120)
        assert result.returncode == 0, result.stderr


def test_check_prints_the_recognition_summary_and_explain_says_why(make_vault):
    vault = make_vault({
        "papers/ISCA/ISCA-2019/tiled-systolic-arrays.md": "The array is tiled.\n",
        "papers/loose-note-on-arrays.md": "Only prose.\n",
        "papers/Open questions.md": "Only prose.\n",
        "Ideas/plain.md": "---\npaper: false\n---\ntext\n",
    })
    result = papernotes("check", str(vault))
    assert "paper notes: 2 of 4 notes; signals: paper-folder 2, slug-name 2, year-folder 1, venue-folder 1" \
        in result.stdout
    assert "decided by frontmatter or config: 0 papers, 1 not papers" in result.stdout
    assert "papers/Open questions.md: 0.7 (paper-folder)" in result.stdout
    document = json.loads(papernotes("check", str(vault), "--format", "json").stdout)
    assert document["recognition"]["paper_notes"] == 2
    assert document["recognition"]["almost"][0]["path"] == "papers/Open questions.md"
    explained = papernotes("explain", "tiled-systolic-arrays", "--vault", str(vault))
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.splitlines()[:2] == [
        "papers/ISCA/ISCA-2019/tiled-systolic-arrays.md: is a paper's note: score 1.7, threshold 1.0",
        "  +0.7  paper-folder           in a folder of papers `papers/`",
    ]
    assert "found: title: tiled-systolic-arrays; year: 2019; venue: ISCA" in explained.stdout
    plain = papernotes("explain", str(vault / "Ideas" / "plain.md"), "--vault", str(vault))
    assert plain.stdout.startswith("Ideas/plain.md: is not a paper's note: frontmatter `paper: false` decides")
    assert papernotes("explain", "nowhere", "--vault", str(vault)).returncode == 2


def test_without_mkdocs_yml_the_vault_is_notes(tmp_path, monkeypatch, capsys):
    """In-process (cli.main), so coverage sees these paths without a child process."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary == ("1 published note, 0 private; 0 papers, 0 links, 0 tasks, 0 tables; "
                       "0 errors, 0 warnings, 0 infos")
