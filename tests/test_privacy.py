"""Private notes leave no trace: canaries in their bodies, titles, frontmatter, file names and
attachments are searched for in every byte of the built site (compressed files decompressed,
Pagefind's index included) and in `papernotes export`."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from papernotes.explore.graphdata import data_path
from tests.test_site_build import build_site, write_vault

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6300010000050001" "0d0a2db40000000049454e44ae426082")

# One canary per way a private note could leak; each is a single word Pagefind would index.
CANARIES = {
    "body": "zqxbodycanary",
    "title": "zqxtitlecanary",
    "frontmatter": "zqxfrontcanary",
    "filename": "zqxfilecanary",
    "attachment": "zqxattachcanary",
    "draft": "zqxdraftcanary",
    "dg": "zqxdgcanary",
    "excluded": "zqxexcludedcanary",
    "tag": "zqxtagcanary",
    "string-false": "zqxstringfalsecanary",
    "bib-entry": "zqxbibentrycanary",
    "bib-file": "zqxbibfilecanary",
    "compare": "zqxcomparecanary",
    "broken-yaml": "zqxbrokenyamlcanary",
    "twice": "zqxtwicecanary",
}


def private_vault(root: Path) -> Path:
    c = CANARIES
    docs = write_vault(root / "docs", {
        "index.md": f"""
            # Home
            Public page, citing [@privkey2020] and [@pubkey2021]. Links: [[Draft]], [[DG]], [[Private/Hidden]],
            [[{c['filename']} note|an alias I chose]], [[String false]], [[Broken]], [[Twice]].
            ![[shared.png]]

            ## Reading queue
            - [x] [[Public paper]] ✅ 2024-05-01
            - [x] [[{c['filename']} note|a pick I chose]] ✅ 2024-05-02
            """,
        "Papers/Public paper.md": """
            ---
            title: Public paper
            year: 2024
            venue: CVPR
            authors: [Ada Public]
            tags: [vision]
            ---
            # Public paper
            Related to [[Draft]].
            """,
        f"{c['filename']} note.md": f"""
            ---
            title: Secret {c['title']}
            citekey: privkey2020
            publish: false
            year: 2023
            read: 2024-03-01
            status: read
            venue: CVPR
            tags: [{c['tag']}, vision]
            authors: [{c['frontmatter']} Author]
            links:
              code: https://example.org/{c['frontmatter']}
            dataset: {c['compare']} set
            metric: {c['compare']} metric
            ---
            # Heading {c['title']}
            {c['body']} #{c['tag']}
            ![[{c['attachment']}.png]] ![[shared.png]]
            ![img]({c['attachment']}-md.png)
            - [ ] [[Queue item {c['body']}]]
            [[index]]

            | paper | key design | dataset |
            | --- | --- | --- |
            | [[Public paper]] | {c['compare']} design | {c['compare']} data |
            | {c['compare']} table paper | attention | ImageNet |
            """,
        "Draft.md": f"---\ndraft: true\ntitle: {c['draft']} title\n---\n{c['draft']} body [[index]]\n",
        "DG.md": f"---\ndg-publish: false\n---\n# {c['dg']}\n{c['dg']}\n",
        "String false.md": f"---\npublish: \"false\"\n---\n# {c['string-false']}\n{c['string-false']}\n",
        "Private/Hidden.md": f"# {c['excluded']}\n{c['excluded']} [[index]]\n",
        # Frontmatter the YAML reading cannot see `publish: false` in: not YAML, or the key twice.
        "Broken.md": f"---\npublish: false\ntitle: {c['broken-yaml']}: a: b\n---\n{c['broken-yaml']} [[index]]\n",
        "Twice.md": f"---\npublish: false\npublish: true\n---\n# {c['twice']}\n{c['twice']} [[index]]\n",
        # A library entry about a private note's paper, and a library in an excluded folder.
        "refs.bib": f"""
            @article{{privkey2020, title={{{c['bib-entry']} paper}}, author={{{c['bib-entry']}, Ann}}}}
            @article{{pubkey2021, title={{A public paper of the library}}, year={{2021}}}}
            """,
        "Private/private.bib": f"@article{{{c['bib-file']}, title={{{c['bib-file']}}}}}\n",
    })
    (docs / f"{c['attachment']}.png").write_bytes(PNG + c["attachment"].encode())
    (docs / f"{c['attachment']}-md.png").write_bytes(PNG + c["attachment"].encode())
    (docs / "shared.png").write_bytes(PNG)
    return docs


def decoded(path: Path) -> bytes:
    """A built file's bytes, decompressed when it is gzip (sitemap.xml.gz, Pagefind's *.pf_*)."""
    data = path.read_bytes()
    for attempt in (gzip.decompress, lambda d: zlib.decompress(d, 16 + zlib.MAX_WBITS)):
        try:
            return data + b"\n" + attempt(data)
        except (OSError, EOFError, zlib.error):
            continue
    return data


def files_holding(site: Path, canary: str) -> list[str]:
    """The built files (decompressed where gzip) whose text holds `canary`, in any case."""
    return sorted(str(path.relative_to(site)) for path in site.rglob("*")
                  if path.is_file() and canary.lower().encode() in decoded(path).lower())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("privacy")
    docs = private_vault(root)
    return build_site(docs, root / "site", strict=False, search="pagefind", exclude="['Private/**']")


def test_no_canary_in_any_built_byte(site: Path) -> None:
    leaks = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = decoded(path).lower()
            found = [name for name, canary in CANARIES.items() if canary.encode() in data]
            if found:
                leaks[path.relative_to(site).as_posix()] = found
    assert leaks == {}


EXPLORE_FILES = ("feed.xml", "_papernotes/graph/global.json", data_path("_papernotes/graph/local", ""),
                 data_path("_papernotes/graph/local", "Papers/Public paper/"), "_papernotes/preview/0.json",
                 "reading/index.html")


def test_graph_previews_reading_and_feed_are_in_the_scan(site: Path) -> None:
    """The files the scan above reads include every kind the explore features write, with the
    public paper in them (so the absence of the canaries there means something)."""
    for name in EXPLORE_FILES:
        assert b"Public pa" in (site / name).read_bytes(), name  # `Public paper`, `Public page`
    graph = json.loads((site / "_papernotes/graph/global.json").read_text(encoding="utf-8"))
    assert "Public paper" in graph["label"] and "vision" in graph["topicNames"]
    assert len(list((site / "_papernotes/graph/local").rglob("*.json"))) >= 2
    # The private note's paper shares the venue CVPR: the venue node has only the public paper,
    # and the private paper's authors have no node.
    kinds = [graph["kinds"][k] for k in graph["kind"]]
    people = {label: kind for label, kind in zip(graph["label"], kinds, strict=True) if kind in ("author", "venue")}
    assert people == {"Ada Public": "author", "CVPR": "venue"}
    venue = graph["label"].index("CVPR")
    pairs = list(zip(graph["edges"][::2], graph["edges"][1::2], strict=True))
    assert [graph["label"][a + b - venue] for a, b in pairs if venue in (a, b)] == ["Public paper"]


def test_no_canary_in_any_file_name(site: Path) -> None:
    names = "\n".join(path.relative_to(site).as_posix().lower() for path in site.rglob("*"))
    assert [name for name, canary in CANARIES.items() if canary in names] == []


def test_pagefind_indexed_the_site_compressed(site: Path) -> None:
    fragments = list((site / "pagefind").rglob("*.pf_fragment"))
    assert fragments, "pagefind wrote no index"
    texts = b"".join(decoded(path) for path in fragments)
    assert b"Public paper" in texts  # decompression works, so the canary search above is real


def test_links_to_private_notes_show_only_the_alias(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "an alias I chose" in home
    assert "Draft" in home  # the linking note wrote this text itself
    assert 'href="Draft/' not in home and 'href="DG/' not in home


def test_attachments_only_private_notes_use_are_absent_and_shared_ones_stay(site: Path) -> None:
    assert (site / "shared.png").is_file()
    assert not list(site.rglob("*canary*"))


def papernotes(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "papernotes", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def test_export_leaves_private_notes_out(tmp_path: Path) -> None:
    docs = private_vault(tmp_path)
    result = papernotes("export", str(docs), "--exclude", "Private/**")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    # Diagnostics quote the public note's own link text (`[[name|alias]]`), which it wrote itself.
    del document["diagnostics"]
    exported = json.dumps(document, ensure_ascii=False).lower()
    assert [name for name, canary in CANARIES.items() if canary in exported] == []


@pytest.mark.parametrize("form", ["bibtex", "csl-json"])
def test_bibliography_export_leaves_private_notes_out(tmp_path: Path, form: str) -> None:
    docs = private_vault(tmp_path)
    result = papernotes("export", str(docs), "--exclude", "Private/**", "--format", form)
    assert result.returncode == 0, result.stderr
    assert "A public paper of the library" in result.stdout  # the export is not empty
    assert [name for name, canary in CANARIES.items() if canary in result.stdout.lower()] == []


def test_site_bibliographies_hold_the_public_library(site: Path) -> None:
    assert "pubkey2021" in (site / "papers.bib").read_text(encoding="utf-8")
    assert "pubkey2021" in (site / "papers.json").read_text(encoding="utf-8")


def test_export_include_private_has_them(tmp_path: Path) -> None:
    docs = private_vault(tmp_path)
    exported = papernotes("export", str(docs), "--include-private").stdout
    assert CANARIES["title"] in exported and CANARIES["draft"] in exported


def test_libraries_are_not_copied_even_with_attachments_all(tmp_path: Path) -> None:
    """A vault's .bib may hold entries about private notes' papers: the site serves its own
    papers.bib instead, whatever `attachments` says."""
    docs = private_vault(tmp_path)
    (docs / "data.json").write_text('{"kept": true}', encoding="utf-8")  # not a library: copied as before
    site = build_site(docs, tmp_path / "site-all", strict=False, attachments="all", exclude="['Private/**']")
    assert not (site / "refs.bib").exists() and not (site / "Private" / "private.bib").exists()
    assert (site / "data.json").is_file()
    leaks = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
             and any(c.encode() in decoded(p).lower() for c in (CANARIES["bib-entry"],))]
    assert leaks == []


def test_comparison_data_holds_only_published_papers(site: Path) -> None:
    """The private note's frontmatter fields and summary table (which names a public paper)
    reach neither the comparison data nor the topic tables."""
    data = json.loads((site / "compare" / "papers.json").read_text(encoding="utf-8"))
    titles = {paper["t"] for paper in data["papers"].values()}
    assert "Public paper" in titles  # the data is there, so the canary search above is real
    public = next(paper for paper in data["papers"].values() if paper["t"] == "Public paper")
    assert set(public["a"]) == {"year", "status", "venue", "authors"}  # status: read in Home's queue
    assert CANARIES["compare"] not in json.dumps(data, ensure_ascii=False)
