"""Links from generated pages to papers (`pages.links`)."""

from __future__ import annotations

from pathlib import Path

from papernotes.loader import load_vault
from papernotes.model import Paper
from papernotes.pages import build_site
from papernotes.pages.generate import queues_page
from papernotes.pages.links import paper_link
from tests.test_site_build import write_vault


def test_paper_link_links_a_markdown_label_to_the_paper_s_page_or_its_place(tmp_path: Path) -> None:
    """One function links a paper from a generated page, the queues' items included: the label is
    Markdown as given (a queue item's `code`), the title escaped when none is given."""
    vault = load_vault(write_vault(tmp_path / "docs", {
        "Home.md": "# To read\n\n- [ ] [[Papers/Latte]]\n- [ ] Sora: `video` *world* simulators\n",
        "Papers/Latte.md": "---\ntitle: 'Latte [video] *diffusion*'\narxiv: '2401.03048'\n---\n# Latte\n",
    }))
    site = build_site(vault.notes, vault.attachments)
    latte, sora = (next(paper for paper in site.graph.papers.values() if paper.title.startswith(start))
                   for start in ("Latte", "Sora"))
    assert paper_link(site, latte, "queues.md") == r"[Latte \[video\] \*diffusion\*](Papers/Latte.md)"
    assert paper_link(site, latte, "topics/index.md", "`Latte`") == "[`Latte`](../Papers/Latte.md)"
    assert paper_link(site, sora, "queues.md", "**Sora**") == "[**Sora**](index.md#paper-sora-video-world-simulators)"
    assert paper_link(site, Paper(title="A [b]", sources=()), "queues.md") == r"A \[b\]"  # no page, no place: the label
    assert "- [ ] [Sora: `video` world simulators](index.md#paper-sora-video-world-simulators)" in queues_page(site)
