"""The paper pages' footers made from the build's lookups (`build_footers`): the same lines and
related papers as a page's own, each linking note's body read once per build, and its lines
forgotten once the last page showing them is made."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import papernotes.model as model
from papernotes.loader import load_vault
from papernotes.options import validate
from papernotes.pages import Site
from papernotes.pages.paper import (
    BacklinkLines,
    Href,
    RelatedIndex,
    backlink_facts,
    backlink_uses,
    build_footers,
    footer,
    rank_related,
    wrap_content,
)
from papernotes.publish import publish

PAPERS = {
    f"papers/{name}.md": f"---\ntitle: '{title}'\nyear: 2023\ntags: [{tags}]\n---\n# {name}\n\nSee [[{see}]].\n"
    for name, title, tags, see in [
        ("Latte", "Latte: Latent Diffusion Transformer", "diffusion, video", "VDT"),
        ("VDT", "VDT: Video Diffusion Transformer", "diffusion, video", "Latte"),
        ("MAE", "Masked Autoencoders", "vision, masking", "ViT"),
        ("ViT", "An Image is Worth 16x16 Words", "vision", "MAE"),
        ("DiT", "Scalable Diffusion Models with Transformers", "diffusion, vision", "ViT"),
    ]
}
VAULT = {
    **PAPERS,
    "Home.md": ("# Reading\n\n| paper | why |\n| --- | --- |\n| [[Latte]] | **video** |\n| [[VDT]] | `masks` |\n"
                "| [[MAE]] | vision |\n\n## Queue\n\n- [ ] [[DiT]] and [[ViT]], see [the blog](https://example.org)\n"),
    "Journal.md": ("# Journal\n\n## Monday\n\nRead [[Latte]] today.\n\n## Tuesday\n\n- [[Latte]] again, with [[VDT]]\n"
                   "- [[Latte]] a third time\n"),
}


@pytest.fixture
def site(make_vault: Callable[[dict[str, str | bytes]], Path]) -> Site:
    options, problems = validate({})
    assert problems == []
    return publish(load_vault(make_vault(VAULT)), options).site


def test_a_pages_backlinks_read_from_the_builds_lines(site: Site) -> None:
    footers = build_footers(site)
    latte = backlink_facts(site, "papers/Latte.md", site.graph.paper_of_note["papers/Latte.md"],  # type: ignore[index]
                           lines=footers.lines)
    assert latte == [
        ("Home.md", "Reading", "Latte · video", "reading"),
        ("Journal.md", "Journal", "Read Latte today. (and 2 more lines)", "monday"),
        ("papers/VDT.md", "VDT: Video Diffusion Transformer", "See Latte.", "vdt"),
    ]


def test_every_footer_is_the_same_made_from_the_builds_lookups(site: Site) -> None:
    footers = build_footers(site)
    for key in sorted(site.links.published):
        pid = site.graph.paper_of_note.get(key)  # type: ignore[call-overload]
        href = Href(site, site.src_of(key))
        alone = footer(site, key, pid, href)
        assert footer(site, key, pid, href, footers) == alone
        assert rank_related(site, key, pid, footers.related) == rank_related(site, key, pid)
    assert "Latte" in footer(site, "papers/VDT.md", site.graph.paper_of_note["papers/VDT.md"],  # type: ignore[index]
                             Href(site, "papers/VDT.md"))


def test_each_linking_note_is_read_once_per_build_and_forgotten_after_its_last_page(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    packed = {note.packed_body: key for key, note in site.graph.notes.items()}
    unpacked = model.unpacked

    def counted(data: bytes) -> str:
        reads[packed.get(data, "")] += 1
        return unpacked(data)

    footers = build_footers(site)
    uses = dict(footers.lines.uses or {})
    assert uses == {"Home.md": 5, "Journal.md": 2, "papers/Latte.md": 1, "papers/VDT.md": 1,
                    "papers/MAE.md": 1, "papers/ViT.md": 1, "papers/DiT.md": 1}
    assert backlink_uses(site) == uses
    monkeypatch.setattr(model, "unpacked", counted)
    for key in sorted(site.links.published):
        pid = site.graph.paper_of_note.get(key)  # type: ignore[call-overload]
        backlink_facts(site, key, pid, lines=footers.lines)
        if key == "papers/Latte.md":  # Journal links to VDT too: its lines are kept for VDT's page
            assert "Journal.md" in footers.lines.found
    assert {source: reads[source] for source in uses} == dict.fromkeys(uses, 1)
    assert footers.lines.found == {} and footers.lines.uses == {}


def test_lines_kept_between_rebuilds_are_read_once_per_content(site: Site) -> None:
    known: dict[tuple[str, str], dict[int, tuple[str, str]]] = {}
    for key in sorted(site.links.published):
        backlink_facts(site, key, site.graph.paper_of_note.get(key), known)  # type: ignore[call-overload]
    home = site.graph.notes["Home.md"]  # type: ignore[index]
    assert known[("Home.md", home.content_hash)] == {
        5: ("Latte · video", "reading"), 6: ("VDT · masks", "reading"), 7: ("MAE · vision", "reading"),
        11: ("DiT and ViT, see the blog", "queue")}
    reader = BacklinkLines(site, known)
    known[("Home.md", home.content_hash)].pop(6)  # a line not read yet: the note's lines are read again
    assert reader.get("Home.md", 6) == ("VDT · masks", "reading")


def test_a_page_built_alone_gets_the_same_chrome(site: Site) -> None:
    body = '<h1 id="vdt">VDT</h1>\n<p>BODY</p>'
    key = "papers/VDT.md"
    assert wrap_content(body, site, key, key, paper_pages=True, footers=build_footers(site)) \
        == wrap_content(body, site, key, key, paper_pages=True)


def test_the_related_index_holds_each_topics_first_papers(site: Site) -> None:
    index = RelatedIndex(site)
    assert set(index.about) == set(site.graph.papers)
    assert index.tops["diffusion"] == site.graph.topics["diffusion"].papers
    latte = site.graph.paper_of_note["papers/Latte.md"]  # type: ignore[index]
    ranked = rank_related(site, "papers/Latte.md", latte, index)
    assert [(site.graph.papers[pid].title, reasons) for pid, reasons in ranked] == [
        ("VDT: Video Diffusion Transformer", ["diffusion", "video"]),
        ("Scalable Diffusion Models with Transformers", ["diffusion"]),
    ]


TIED = r"""
import sys
from pathlib import Path
from papernotes.loader import load_vault
from papernotes.options import validate
from papernotes.pages.paper import rank_related
from papernotes.publish import publish
site = publish(load_vault(Path(sys.argv[1])), validate({})[0]).site
pid = next(p for p, paper in site.graph.papers.items() if paper.title == "Hub paper")
print([str(other) for other, _ in rank_related(site, "Hub.md", pid)])
"""


def test_related_papers_tied_on_score_and_title_come_in_one_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Papers of one title linked from the same note tie: the order must not follow a set's."""
    vault = tmp_path / "vault"
    vault.mkdir()
    twins = "".join(f"- [[f{n}/Twin]]\n" for n in range(8))
    (vault / "Hub.md").write_text(f"---\ntitle: Hub paper\ntype: paper\nyear: 2020\n---\n{twins}", encoding="utf-8")
    for n in range(8):  # one title: each note is titled by its file name
        (vault / f"f{n}").mkdir()
        (vault / f"f{n}" / "Twin.md").write_text(f"---\ntype: paper\nyear: 20{10 + n}\n---\nx\n", encoding="utf-8")
    orders = {subprocess.run([sys.executable, "-c", TIED, str(vault)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(orders) == 1, orders
    assert orders.pop().count("'") == 16  # all eight twins are related
