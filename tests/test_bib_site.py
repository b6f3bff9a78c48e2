"""End to end: a vault with a .bib and citing notes, built with `mkdocs build`, and exported."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_site_build import build_site, page

VAULT = Path(__file__).parent / "golden" / "bib" / "vault"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bib")
    docs = root / "docs"
    shutil.copytree(VAULT, docs)
    return build_site(docs, root / "site", strict=False)


def test_citations_link_and_references_close_the_note(site: Path) -> None:
    html = page(site, "Reading notes")
    assert '<a class="pn-cite" href="../Attention/"' in html and '<a class="pn-cite" href="../ResNet/"' in html
    assert '<h2 id="pn-references">References</h2>' in html
    assert "[@hee2016deep]" in html  # the unknown key, as written
    assert "someone@example.org" in html and "<code>@he2016deep</code>" in html


def test_paper_page_has_the_cite_block_and_library_facts(site: Path) -> None:
    html = page(site, "ResNet")
    assert 'class="pn-cite-block"' in html and "@inproceedings{he2016deep," in html
    assert ('<a class="pn-author" href="../authors/kaiming-he/">Kaiming He</a>, '
            '<a class="pn-author" href="../authors/xiangyu-zhang/">Xiangyu Zhang</a>') in html
    assert '<a class="pn-chip pn-venue" href="../venues/cvpr/">CVPR</a> · 2016' in html
    assert "Masked Autoencoders" in page(site, "authors/kaiming-he")  # a library paper joins its author
    assert "data-pn-copy" in (site / "_papernotes" / "papernotes.js").read_text(encoding="utf-8")


def test_site_bibliographies_are_linked_from_the_papers_page(site: Path) -> None:
    assert 'href="../papers.bib"' in page(site, "papers")
    bibtex = (site / "papers.bib").read_text(encoding="utf-8")
    assert bibtex.count("\n@") == 3 and "@article{ho2020denoising," in bibtex
    items = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == ["he2016deep", "he2022masked", "ho2020denoising", "vaswani2017attention"]


def test_unknown_citekey_fails_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    shutil.copytree(VAULT, tmp_path / "docs")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path / "docs", tmp_path / "site", strict=True)
    assert "Did you mean @he2016deep?" in caplog.text


@pytest.mark.parametrize("form", ["bibtex", "csl-json"])
def test_export_command(form: str) -> None:
    result = subprocess.run([sys.executable, "-m", "papernotes", "export", str(VAULT), "--format", form],
                            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "he2016deep" in result.stdout and "Deep Residual Learning for Image Recognition" in result.stdout
    if form == "csl-json":
        assert json.loads(result.stdout)[0]["id"] == "he2016deep"


def test_check_reports_library_and_citation_problems(tmp_path: Path) -> None:
    shutil.copytree(VAULT, tmp_path / "docs")
    with (tmp_path / "docs" / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@article{broken, title={Unclosed\n")
    result = subprocess.run([sys.executable, "-m", "papernotes", "check", str(tmp_path / "docs")],
                            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert "Reading notes.md:4: warning: citation @hee2016deep matches no library entry" in result.stdout
    assert "refs.bib:30: warning: malformed BibTeX entry" in result.stdout


def test_check_and_export_read_the_libraries_of_mkdocs_yml(tmp_path: Path) -> None:
    """`bibliography` (relative to mkdocs.yml) and `library_papers` reach `papernotes check` and
    `export` as they reach the build: both go through publish()."""
    shutil.copytree(VAULT, tmp_path / "docs")
    (tmp_path / "docs" / "refs.bib").rename(tmp_path / "library.bib")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nplugins:\n  - papernotes:\n      bibliography: [library.bib]\n"
                      "      library_papers: false\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "papernotes", *args, "-f", str(config)], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)

    exported = run("export", "--format", "bibtex")
    assert exported.returncode == 0, exported.stderr
    assert "@inproceedings{he2016deep," in exported.stdout  # the entry of mkdocs.yml's library
    assert "Masked Autoencoders" not in exported.stdout  # library_papers: false
    checked = run("check")
    assert "Did you mean @he2016deep?" in checked.stdout


LIBRARY_VAULT = {
    "ResNet.md": "---\ncitekey: he2016deep\nyear: 2016\n---\n# ResNet\nThe library gives its authors and venue.\n",
    "Attention.md": "---\narxiv: '1706.03762'\n---\n# Attention\nThe library gives its year and venue.\n",
    "MAE.md": "---\ntitle: Masked Autoencoders Are Scalable Vision Learners\nyear: 2021\nvenue: CVPR\n---\n# MAE\n",
    "Lonely.md": "---\ntitle: A Paper the Library Does Not Know\nyear: 2020\n---\n# Lonely\n",
    "Doe one.md": "---\ntitle: Ann Marie Doe's Paper\nyear: 2019\nvenue: C Conference\n"
                  "authors: [Ann Marie Doe]\n---\n",
    "Doe two.md": "---\ntitle: Another Doe Paper\nyear: 2018\nvenue: C++ Conference\nauthors: [Ann-Marie Doe]\n---\n",
    "Citing.md": "# Citing\nCited: [@he2016deep; @vaswani2017attention] and [@hee2016deep].\n",
}
NAMED_LIBRARY = r"""@inproceedings{he2016deep,
  title     = {Deep Residual Learning for Image Recognition},
  author    = {He, Kaiming and Zhang, Xiangyu},
  booktitle = {Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)},
  year      = {2016}
}
@article{vaswani2017attention,
  title   = {Attention is All you Need},
  author  = {Vaswani, Ashish and Shazeer, Noam},
  journal = {NeurIPS},
  year    = {2017},
  eprint  = {1706.03762}, archiveprefix = {arXiv}
}
@article{he2016deep, title = {A Second Entry of the Same Key}}
@misc{broken, title = {Unclosed
"""
# Latin-1, with a near title (a lost plural) and another year than the note's.
LATIN1_LIBRARY = "@inproceedings{he2022masked,\n  title = {Masked Autoencoders are Scalable Vision Learner},\n" \
                 "  author = {He, Kaiming and Mart\xedn, Jos\xe9},\n  booktitle = {CVPR'22},\n  year = {2022}\n}\n"


def test_check_reports_exactly_what_the_build_logs_with_a_library(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    """The library is merged before anything is checked, in `check` as in the build: a paper whose
    venue, year or authors the library gives is not reported as incomplete, and every library
    problem (malformed entry, duplicate key, Latin-1 file, conflict, unknown citekey, author and
    venue slugs taken) is reported by both, the same way."""
    from tests.test_check_agrees_with_build import built

    _library_project(tmp_path)
    logged = built(tmp_path, caplog)
    result = subprocess.run([sys.executable, "-m", "papernotes", "check", "--format", "json", "-f",
                             str(tmp_path / "mkdocs.yml")], capture_output=True, text=True, encoding="utf-8",
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    diagnostics = json.loads(result.stdout)["diagnostics"]
    reported = {(d["path"], d["line"], d["level"], d["message"] + (f" ({d['hint']})" if d["hint"] else ""))
                for d in diagnostics}
    assert reported == logged
    assert sorted((d["path"], d["line"], d["code"]) for d in diagnostics) == [
        ("Citing.md", 2, "unknown-citekey"),
        ("Doe two.md", 1, "author-slug-taken"),
        ("Doe two.md", 1, "venue-slug-taken"),
        ("Lonely.md", 1, "paper-incomplete"),  # no library entry: still no venue
        ("MAE.md", 1, "bib-conflict"),
        ("library.bib", 14, "bib-duplicate-key"),
        ("library.bib", 15, "bib-malformed"),
        ("refs.bib", 3, "bib-latin1"),
    ]
    [incomplete] = [d for d in diagnostics if d["code"] == "paper-incomplete"]
    assert incomplete["message"] == "paper 'A Paper the Library Does Not Know' has no venue"



def _library_project(root: Path) -> Path:
    from tests.test_site_build import write_vault

    write_vault(root / "vault", LIBRARY_VAULT)
    (root / "vault" / "refs.bib").write_bytes(LATIN1_LIBRARY.encode("latin-1"))
    (root / "library.bib").write_text(NAMED_LIBRARY, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Library\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - papernotes:\n      search: none\n      bibliography: [library.bib]\n", encoding="utf-8")
    return root


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no helper is started")
def test_libraries_parsed_in_the_helper_process_give_the_same_site_and_problems(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a helper process parses the notes (forced here for a small vault), it also parses the
    library files, while this process parses notes: this process parses none of them, and the
    problems logged (a malformed entry and a duplicate key at their file:line, a Latin-1 file)
    and the library's outputs are those of a build in one process."""
    from papernotes import loader, two_processes
    from papernotes.bib import sources
    from tests.test_check_agrees_with_build import built

    monkeypatch.setenv("PAPERNOTES_CACHE", "off")  # parsed each time, never read back from the store
    monkeypatch.setenv(two_processes.HELPER_ENV, "1")
    alone = built(_library_project(tmp_path / "one"), caplog)
    caplog.clear()
    monkeypatch.setenv(two_processes.HELPER_ENV, "0")
    monkeypatch.setattr(loader, "HELPER_MIN_NOTES", 1)
    parsed_here: list[str] = []
    parse = sources.parse_library
    monkeypatch.setattr(sources, "parse_library", lambda text, shown: parsed_here.append(shown) or parse(text, shown))
    received: list[str] = []
    done = sources.LibrariesBeside.done
    monkeypatch.setattr(sources.LibrariesBeside, "done",
                        lambda self, results: received.extend(path for path, _, _ in results) or done(self, results))
    beside = built(_library_project(tmp_path / "two"), caplog)
    assert parsed_here == []
    assert sorted(Path(path).name for path in received) == ["library.bib", "refs.bib"]
    assert beside == alone
    assert {(path, line) for path, line, _, message in beside if "malformed" in message or "twice" in message} == {
        ("library.bib", 15), ("library.bib", 14)}
    assert ("refs.bib", 3) in {(path, line) for path, line, _, _ in beside}
    for name in ("papers.bib", "papers.json", "papers/index.html"):
        assert (tmp_path / "two" / "site" / name).read_bytes() == (tmp_path / "one" / "site" / name).read_bytes()

VENUES_BIB = r"""@inproceedings{he2016deep, title = {Deep Residual Learning for Image Recognition},
  author = {He, Kaiming}, booktitle = {Proceedings of the IEEE conference on computer vision and pattern recognition},
  year = {2016}}
@inproceedings{he2022masked, title = {Masked Autoencoders Are Scalable Vision Learners},
  author = {He, Kaiming}, booktitle = {CVPR 2022}, year = {2022}}
@inproceedings{kim2021robust, title = {Robust Depth from Small Motion},
  author = {Kim, Minsu},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops},
  year = {2021}}
@inproceedings{lee2020tiny, title = {Tiny Networks for Edge Devices},
  author = {Lee, Jin}, booktitle = {Workshop on Efficient Learning at the International Conference on Machine Learning},
  year = {2020}}
@article{park2021maps, title = {Learning Maps from Gliding Kites},
  author = {Park, Jin}, journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence}, year = {2021}}
"""


def test_a_library_venue_s_full_name_folds_into_its_venue_page_and_a_workshop_s_stays_apart(
        tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "refs.bib").write_text(VENUES_BIB, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "Maps.md").write_text("---\nvenue: TPAMI 2021\nyear: 2021\n---\n# Flying maps\n", encoding="utf-8")
    for key in ("he2016deep", "kim2021robust", "lee2020tiny"):  # the others, known from the library only,
        (docs / f"{key}.md").write_text(f"---\ncitekey: {key}\n---\n# {key}\n", encoding="utf-8")  # join these
    site = build_site(docs, tmp_path / "site", strict=False)
    venues = sorted(path.parent.name for path in (site / "venues").glob("*/index.html"))
    assert venues == ["cvpr", "ieeecvf-conference-on-computer-vision-and-pattern-recognition-workshops", "tpami",
                      "workshop-on-efficient-learning-at-the-international-conference-on-machine-learning"]
    cvpr = page(site, "venues/cvpr")
    assert "Deep Residual Learning for Image Recognition" in cvpr and "Masked Autoencoders" in cvpr
    assert "Robust Depth" not in cvpr
    tpami = page(site, "venues/tpami")
    assert "Learning Maps from Gliding Kites" in tpami and "Flying maps" in tpami
