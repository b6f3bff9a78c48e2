"""Comparison tables: attribute aliases and coverage, ```papers blocks (rendered and checked),
the comparison data's size, and a full build with the `column_aliases` option."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from papernotes.compare.attributes import Aliases, Cell, columns_by_coverage
from papernotes.dataview.site import with_queries
from papernotes.diagnostics import Diagnostic
from papernotes.loader import load_vault
from papernotes.options import Options
from papernotes.pages import Site, build_site
from papernotes.pages.generate import generated_pages
from papernotes.publish import publish
from papernotes.rewrite import note_html
from tests.test_site_build import build_site as mkdocs_build
from tests.test_site_build import write_vault

SUMMARY = """
    # Summary

    | paper | year | venue | field | key design | 贡献 |
    | --- | --- | --- | --- | --- | --- |
    | Alpha | 2021 | CVPR | diffusion | attention | faster |
    | Beta | 2023 | ICCV | diffusion | convolution | smaller |
    | Gamma | 2022 | CVPR | diffusion | attention and `code` | $x^2$ |
    | Delta | 2024 | NeurIPS | gan | | |
    """


def _site(tmp_path: Path, files: dict[str, str]) -> tuple[Site, list[Diagnostic]]:
    vault = load_vault(write_vault(tmp_path / "vault", files))
    problems: list[Diagnostic] = []
    site = with_queries(build_site(vault.notes, vault.attachments), problems.append)
    return site, problems


def test_spellings_of_one_attribute_share_a_key() -> None:
    aliases = Aliases()
    assert {aliases.canonical(name) for name in ("key design", "Key Design", "关键设计", "key_design")} == {
        "key-design"}
    assert aliases.canonical("贡献") == aliases.canonical("Contributions") == "contribution"
    assert Aliases({"Kernidee": "Key Design"}).canonical("kernidee") == "key-design"


def test_columns_need_enough_papers_and_come_most_filled_first() -> None:
    cell = Cell("x", "x")
    rows = [{"a": cell, "b": cell}, {"b": cell}, {"b": cell, "c": cell}, {}]
    assert columns_by_coverage(rows) == ["b"]  # `a` and `c` fill one row of four
    assert columns_by_coverage([{"a": cell}]) == ["a"]  # one paper: one is enough


def test_papers_block_filters_sorts_and_picks_columns(tmp_path: Path) -> None:
    site, problems = _site(tmp_path, {"Summary.md": SUMMARY, "Compare.md": """
        # Compare

        ```papers
        topic: diffusion
        columns: [year, Key Design, contribution]
        where: {venue: CVPR}
        sort: year desc
        ```
        """})
    assert problems == []
    page = note_html(site.links.notes["Compare.md"], site.links)  # type: ignore[index]
    assert page.index("Gamma") < page.index("Alpha") and "Beta" not in page and "Delta" not in page
    assert "<th>Key design</th><th>Contribution</th>" in page
    assert '<span class="arithmatex">\\(x^2\\)</span>' in page and "<code>code</code>" in page
    assert 'class="pn-pick" name="title:gamma"' in page


def test_papers_block_comparisons_and_limit(tmp_path: Path) -> None:
    site, problems = _site(tmp_path, {"Summary.md": SUMMARY, "Compare.md": """
        ```papers
        where:
          year: ">= 2022"
          key design: true
        sort: [-year]
        limit: 1
        ```
        """})
    assert problems == []
    page = note_html(site.links.notes["Compare.md"], site.links)  # type: ignore[index]
    assert "Beta" in page and "Gamma" not in page and "Delta" not in page


def test_check_reports_block_problems_with_file_and_line(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "vault", {"Summary.md": SUMMARY, "Compare.md": """
        # Compare

        ```papers
        topic: diffusion
        columns: [year, key desing]
        sortt: year
        ```

        ```papers
        where: [unclosed
        ```
        """})
    result = subprocess.run([sys.executable, "-m", "papernotes", "check", str(docs)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False, cwd=tmp_path)
    out = result.stdout
    assert "Compare.md:5: warning: ```papers block: unknown column `key desing` (did you mean `key-design`?)" in out
    assert "Compare.md:6: warning: ```papers block: unknown key `sortt`" in out
    assert "Compare.md:10: warning: ```papers block is not valid YAML" in out


def test_unknown_topic_is_reported(tmp_path: Path) -> None:
    vault = load_vault(write_vault(tmp_path / "vault", {"Summary.md": SUMMARY,
                                                        "Compare.md": "```papers\ntopic: difusion\n```\n"}))
    problems = [d for d in publish(vault, Options()).diagnostics if d.code != "paper-incomplete"]
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("Compare.md", 2, "```papers block: no topic `difusion`")]


def test_comparison_data_is_small(tmp_path: Path) -> None:
    """Seed-sized rows (a key design and a contribution sentence each): ≤ 300 bytes a paper, gzipped."""
    rows = "\n".join(
        f"| Paper number {n} | {2015 + n % 10} | text2video, diffusion | temporal attention layers {n}; "
        f"hierarchical latent generation | generates long videos at a low cost, variant {n} |"
        for n in range(200))
    site, _ = _site(tmp_path, {"Summary.md": "| paper | year | field | key design | contribution |\n"
                                             "| --- | --- | --- | --- | --- |\n" + rows + "\n"})
    data = generated_pages(site, search=False)["compare/papers.json"]
    assert len(json.loads(data)["papers"]) == 200
    assert len(gzip.compress(data.encode("utf-8"))) / 200 <= 300


def test_column_aliases_option_merges_columns_in_a_build(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {
        "A.md": "---\nyear: 2023\ntags: [vision]\nKernidee: sparse attention\n---\n# A\n",
        "B.md": "---\nyear: 2024\ntags: [vision]\nkey design: dense attention\n---\n# B\n",
    })
    site = mkdocs_build(docs, tmp_path / "site", column_aliases="{Kernidee: key design}")
    topic = (site / "topics" / "vision" / "index.html").read_text(encoding="utf-8")
    assert "<th>Key design</th>" in topic and "Kernidee" not in topic
    assert "sparse attention" in topic and "dense attention" in topic
    data = json.loads((site / "compare" / "papers.json").read_text(encoding="utf-8"))
    assert {paper["t"]: paper["a"]["key-design"] for paper in data["papers"].values()} == {
        "A": "sparse attention", "B": "dense attention"}
    assert (site / "compare" / "index.html").is_file()


def test_keys_apps_write_for_themselves_are_never_columns(tmp_path: Path) -> None:
    """Zotero Integration's `zt-attachments` (item ids), Banners' and Kanban's keys: every paper
    note may carry them, yet they tell a reader nothing."""
    notes = {
        f"Paper {name}.md": f"---\ntitle: {name} Paper\nyear: 202{index}\nzt-attachments: [{1290 + index}]\n"
                            f"banner: cover.png\nbanner_icon: x\nkanban-plugin: basic\nmethod: m{index}\n"
                            f"---\n# {name}\n"
        for index, name in enumerate(("Alpha", "Beta", "Gamma"))
    }
    site, _ = _site(tmp_path, notes)
    papers = generated_pages(site)["papers.md"]
    header = papers[papers.index("<thead>"):papers.index("</thead>")]
    assert header.endswith("<th>Status</th><th>Method</th></tr>")
