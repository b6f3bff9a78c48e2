"""explore/: graph data sizes and determinism, reading records, the Atom feed and its dates."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from papernotes.explore import DataWriter, Explorer
from papernotes.explore.dates import git_dates
from papernotes.explore.graphdata import DATA_DIR, LOCAL_BYTES_LIMIT, LOCAL_NODE_LIMIT, data_path, graph_files
from papernotes.explore.layout import layout
from papernotes.explore.previews import shard_files, shard_of
from papernotes.explore.reading import read_records
from papernotes.loader import load_vault
from papernotes.options import Options
from papernotes.pages import Site
from papernotes.publish import publish
from tests.test_site_build import REPO, build_site, page, write_vault

ATOM = "{http://www.w3.org/2005/Atom}"

READING_VAULT = {
    "Queue.md": """
        # Queue
        ## Reading list
        - [x] [[Latte]] ✅ 2024-05-03
        - [x] [[DiT]] ✅ 2024-04-10
        - [ ] [[Sora]]
        """,
    "Latte.md": "---\nyear: 2024\nvenue: TMLR\nread: 2024-02-01\n---\n# Latte\nA video model.\n",
    "DiT.md": "---\nyear: 2023\nvenue: ICCV\n---\n# DiT\nScalable diffusion with transformers.\n",
    "Sora.md": "---\nyear: 2024\nstatus: read\ndate: 2024-06-20\n---\n# Sora\nA report.\n",
    "Draft.md": "---\nyear: 2024\nread: 2024-06-01\npublish: false\n---\n# Draft secret\n",
}


def site_of(root: Path, files: dict[str, str] | None = None) -> Site:
    docs = write_vault(root, files or READING_VAULT)
    return publish(load_vault(docs), Options()).site


def test_read_records_take_frontmatter_then_done_dates_then_the_note_date(tmp_path: Path) -> None:
    records = {r.title: (r.date.isoformat(), r.source) for r in read_records(site_of(tmp_path))}
    assert records == {
        "Latte": ("2024-02-01", "frontmatter"),  # `read:` wins over the queue's ✅ date
        "DiT": ("2024-04-10", "done"),
        "Sora": ("2024-06-20", "note date"),  # read, no record: the note's own date
    }


def test_layout_is_deterministic_and_scaled() -> None:
    clusters = [i % 7 for i in range(400)]
    edges = [(i, (i * 13 + 5) % 400) for i in range(400) if i != (i * 13 + 5) % 400]
    first = layout(clusters, edges)
    assert first == layout(clusters, edges)
    assert all(0 <= x <= 1000 and 0 <= y <= 1000 for x, y in first)
    assert len(set(first)) > 390  # nodes do not pile up


def test_graph_files_of_the_notes_vault_are_small_and_byte_identical() -> None:
    site = publish(load_vault(REPO / "notes"), Options()).site
    files = graph_files(site)
    assert files == graph_files(site)
    data = json.loads(files[f"{DATA_DIR}/global.json"])
    nodes = len(data["label"])
    assert nodes > 50 and set(data["kind"]) == {0, 1, 2, 3, 4, 5}  # papers, notes, topics, queues, authors, venues
    assert len(gzip.compress(files[f"{DATA_DIR}/global.json"].encode())) / nodes <= 150
    local = {name: text for name, text in files.items() if "/local/" in name}
    assert len(local) == len(site.links.published)
    assert max(len(text.encode()) for text in local.values()) <= LOCAL_BYTES_LIMIT


def test_local_files_stay_under_the_limit_around_a_hub(tmp_path: Path) -> None:
    files = {"Hub.md": "# Hub\n" + "\n".join(f"- [[Paper with a rather long title number {i}]]" for i in range(400))}
    files |= {f"Paper with a rather long title number {i}.md": f"---\nyear: 2020\n---\n[[Hub]] #topic{i % 5}\n"
              for i in range(400)}
    site = site_of(tmp_path, files)
    found = graph_files(site)
    hub = json.loads(found[data_path(f"{DATA_DIR}/local", "Hub/")])
    assert 20 < len(hub["nodes"]) <= LOCAL_NODE_LIMIT + 1 and hub["nodes"][0][0] == "Hub"  # + the note itself
    assert all(len(text.encode()) <= LOCAL_BYTES_LIMIT for name, text in found.items() if "/local/" in name)


def test_authors_and_venues_are_nodes_joined_to_their_published_papers(tmp_path: Path) -> None:
    site = site_of(tmp_path, {
        "Latte.md": "---\nyear: 2024\nvenue: CVPR 2024\nauthors: [Xin Ma, Yaohui Wang]\n---\n# Latte\n",
        "DiT.md": "---\nyear: 2023\nvenue: CVPR'23\nauthors: [William Peebles, Saining Xie]\n---\n# DiT\n",
        "SiT.md": "---\nyear: 2024\nauthors: [Nanye Ma, 'Xie, Saining']\n---\n# SiT\n",
        "Hidden.md": "---\nyear: 2024\nvenue: NeurIPS\nauthors: [Zed Secret]\npublish: false\n---\n# Hidden\n",
    })
    files = graph_files(site)
    assert files == graph_files(site)
    data = json.loads(files[f"{DATA_DIR}/global.json"])
    kinds = [data["kinds"][k] for k in data["kind"]]
    label = data["label"]
    edges = data["edges"]
    pairs = {frozenset((label[a], label[b])) for a, b in zip(edges[::2], edges[1::2], strict=True)}
    by_kind = {kind: sorted(label[i] for i, k in enumerate(kinds) if k == kind) for kind in ("author", "venue")}
    assert by_kind == {"author": ["Nanye Ma", "Saining Xie", "William Peebles", "Xin Ma", "Yaohui Wang"],
                       "venue": ["CVPR"]}
    assert {frozenset(("Saining Xie", "DiT")), frozenset(("Saining Xie", "SiT")), frozenset(("CVPR", "Latte")),
            frozenset(("CVPR", "DiT")), frozenset(("Xin Ma", "Latte"))} <= pairs
    assert frozenset(("CVPR", "SiT")) not in pairs and frozenset(("Xin Ma", "DiT")) not in pairs
    urls = {label[i]: data["url"][i] for i, k in enumerate(kinds) if k in ("author", "venue")}
    assert urls["Saining Xie"] == "authors/saining-xie/" and urls["CVPR"] == "venues/cvpr/"
    assert "Zed Secret" not in files[f"{DATA_DIR}/global.json"] and "NeurIPS" not in files[f"{DATA_DIR}/global.json"]
    local = json.loads(files[data_path(f"{DATA_DIR}/local", "DiT/")])
    assert {"Saining Xie", "CVPR"} <= {row[0] for row in local["nodes"]}
    assert graph_files(site, topic_pages=False) != files  # no generated pages, no author or venue pages to open
    assert "Saining Xie" not in graph_files(site, topic_pages=False)[f"{DATA_DIR}/global.json"]


def atom(text: str) -> ET.Element:
    """The feed parsed, with the elements Atom (RFC 4287) requires checked."""
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}") is not None and feed.find(f"{ATOM}{tag}").text, tag
    entries = feed.findall(f"{ATOM}entry")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None or all(e.find(f"{ATOM}author") for e in entries)
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}link").get("href")
    return feed


def test_feed_lists_read_papers_and_changed_paper_notes_without_private_ones(tmp_path: Path) -> None:
    site = site_of(tmp_path / "vault")
    text = Explorer(site, vault_root=tmp_path / "vault", site_name="Notes", site_url="https://example.org/x").feed()
    feed = atom(text)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert "Read: Sora" in titles and "Read: Latte" in titles and "DiT" in titles
    assert "secret" not in text.casefold()
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert all(link.startswith("https://example.org/x/") for link in links)
    assert feed.find(f"{ATOM}updated").text == max(e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry"))


def _git(root: Path, *args: str, when: str = "2020-01-02T03:04:05Z") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_dates_come_from_frontmatter_then_one_git_log_then_file_times(tmp_path: Path) -> None:
    vault = tmp_path / "repo" / "vault"
    site = site_of(vault)
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "vault/DiT.md")
    _git(tmp_path / "repo", "commit", "-q", "-m", "DiT")
    assert set(git_dates(vault)) == {"DiT.md"}
    os.utime(vault / "Latte.md", (1_700_000_000, 1_700_000_000))
    feed = atom(Explorer(site, vault_root=vault, site_name="Notes").feed())
    updated = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")}
    assert updated["DiT"] == "2020-01-02T03:04:05Z"  # git
    assert updated["Latte"] == "2023-11-14T22:13:20Z"  # file time
    assert git_dates(tmp_path / "elsewhere") == {}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("explore")
    docs = write_vault(root / "docs", {"index.md": "# Home\n\n[[Queue]]\n", **READING_VAULT})
    return build_site(docs, root / "site", strict=False)


def test_reading_page_has_its_chart_as_svg_and_the_latest_papers(built: Path) -> None:
    html = page(built, "reading")
    assert '<svg class="pn-reading-svg"' in html
    assert "<title>Feb 2024: 1 paper</title>" in html and "<title>May 2024: 0 papers</title>" in html
    latest = html[html.index("pn-reading-latest"):]
    assert latest.index("Sora") < latest.index("DiT") < latest.index("Latte")


def test_every_page_links_the_feed_and_note_pages_have_a_local_graph_and_preview(built: Path) -> None:
    for url in ("", "Latte", "reading", "graph", "papers"):
        assert '<link rel="alternate" type="application/atom+xml"' in page(built, url)
    local = data_path("_papernotes/graph/local", "Latte/")
    assert local == "_papernotes/graph/local/" + hashlib.blake2b(b"Latte/", digest_size=10).hexdigest() + ".json"
    assert f'data-graph="../{local}"' in page(built, "Latte") and (built / local).is_file()
    shard = built / f"_papernotes/preview/{shard_of('Latte/', 1)}.json"  # 1: a small site has one shard
    assert '<meta name="pn-preview-shards" content="1">' in page(built, "Latte")
    preview = json.loads(shard.read_text(encoding="utf-8"))["Latte/"]
    assert preview == {"kind": "paper", "status": "read", "text": "A video model.", "title": "Latte", "venue": "TMLR",
                       "year": 2024}  # read: ticked in the queue
    atom((built / "feed.xml").read_text(encoding="utf-8"))
    assert "secret" not in (built / "feed.xml").read_text(encoding="utf-8").casefold()


def test_previews_are_sharded_by_fnv1a_of_the_page_path() -> None:
    assert shard_of("", 1) == 0
    assert shard_of("a", 2**32) == 0xE40C292C  # FNV-1a's published value for "a"
    previews = {f"Note {i}/": {"title": f"Note {i}"} for i in range(200)}
    files = shard_files(previews, 4)
    assert sorted(files) == [f"_papernotes/preview/{n}.json" for n in range(4)]
    merged = {path: preview for text in files.values() for path, preview in json.loads(text).items()}
    assert merged == previews and all(len(json.loads(text)) > 20 for text in files.values())


def test_data_files_written_in_the_background_are_the_same_and_a_failure_fails_where_the_build_waits(
        tmp_path: Path) -> None:
    site = site_of(tmp_path / "vault")
    DataWriter(Explorer(site), str(tmp_path / "background")).finish()
    Explorer(site).write_all(str(tmp_path / "here"))
    background, here = ({path.relative_to(tmp_path / name).as_posix(): path.read_bytes()
                         for path in (tmp_path / name).rglob("*") if path.is_file()} for name in ("background", "here"))
    assert background == here and len([name for name in here if "/local/" in name]) == len(site.links.published)
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    writer = DataWriter(Explorer(site), str(tmp_path / "a file"))
    with pytest.raises(NotADirectoryError):
        writer.finish()
