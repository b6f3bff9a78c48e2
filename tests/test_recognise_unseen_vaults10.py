"""Shapes of paper notes session 9's new-user trial left as found (session 10, branch names10):
look-alike fixtures, written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.test_recognise_unseen_vaults9 import MakeVault, graph_of, paper_of
from tests.test_site_build import build_site, page, write_vault

# --- a venue inside the date field, or in a status field ---------------------------------------------

_DATED = """# {name}：{gloss}

> **论文**：*{title}*
>
> **作者**：Ada Obi, Ben Tran
>
> {date_label}：{date}
>
> {status}🔗 [arXiv](https://arxiv.org/abs/{arxiv})

## 一句话总结

灯塔。
"""


def test_a_venue_inside_the_date_field_or_a_status_field(make_vault: MakeVault) -> None:
    numbers = iter(range(1, 10))

    def note(date: str, status: str = "", label: str = "**发布时间**") -> str:
        n = next(numbers)  # one paper each: its own title and arXiv id
        return _DATED.format(name="LNH", gloss="灯塔网络", title=f"Lantern Networks for Harbour Lights {n}",
                             date_label=label, date=date, status=status, arxiv=f"2509.0123{n}")
    graph = graph_of(make_vault, {
        "papers/a.md": note("2025年9月（CVPR 2026）"),
        "papers/b.md": note("2026年（**AAAI 2026**）", label="发布时间"),
        "papers/c.md": note("2025 年 06 月（arXiv 2506.01103）"),
        "papers/d.md": note("2025年6月", status="**发表状态**：已录用 — ICML 2026（PMLR 第 306 卷）\n>\n> "),
        "papers/e.md": note("2025年6月", status="**发表状态**：未录用\n>\n> "),
    })
    found = {key[7:8]: (paper_of(graph, key).venue, paper_of(graph, key).year) for key in
             ("papers/a.md", "papers/b.md", "papers/c.md", "papers/d.md", "papers/e.md")}
    assert found == {"a": ("CVPR", 2025), "b": ("AAAI", 2026), "c": (None, 2025), "d": ("ICML", 2025),
                     "e": (None, 2025)}


# --- `Tags: a.b, c.d` lines -------------------------------------------------------------------------

_TAGGED = "# [{title}](https://arxiv.org/abs/{arxiv})\n\nTags: {tags}  \nDate: 08/20/2019  \n\n- The authors {body}\n"


def test_a_tags_line_gives_the_papers_topics_dots_nesting(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "2019/august/lantern.md": _TAGGED.format(title="Lantern Networks for Harbour Lights", arxiv="1908.07919",
                                                 tags="task.object_detection, domain.medical", body="light ports"),
        "2019/august/tides.md": _TAGGED.format(title="The Measure of Tides", arxiv="1908.01234",
                                               tags="task.3D_reconstruction", body="measure tides"),
        "2019/august/buoys.md": _TAGGED.format(title="Buoys at Dawn", arxiv="1908.04444",
                                               tags="see the list below", body="float"),
    })
    assert paper_of(graph, "2019/august/lantern.md").tags[:2] == ("task/object_detection", "domain/medical")
    assert paper_of(graph, "2019/august/tides.md").tags[:1] == ("task/3D_reconstruction",)
    assert not any("see" in tag for tag in paper_of(graph, "2019/august/buoys.md").tags)
    keys = {topic.key for topic in graph.topics.values()}
    assert {"task", "task/objectdetection", "domain", "domain/medical", "task/3dreconstruction"} <= keys, keys


# --- family names with lower-case particles ----------------------------------------------------------

def test_authors_with_lower_case_particles_are_names(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": "# Paper Notes\n\n## 1904\n\n"
                     "- [Lantern Networks for Harbours (2019) - Obi, Tran, van den Berg](notes/lantern.md)\n"
                     "- [The Measure of Tides (2018) - Okafor, de la Cruz](notes/tides.md)\n"
                     "- [Buoys at Dawn (2017) - Di Wu, Le Song](notes/buoys.md)\n"
                     "- [Harbour Maps (2016) - Part of da](notes/maps.md)\n",
        "notes/lantern.md": "# Lantern Networks for Harbours (2019)\n\n---\n\nLamps in harbours.\n",
        "notes/tides.md": "# The Measure of Tides (2018)\n\n---\n\nTides.\n",
        "notes/buoys.md": "# Buoys at Dawn (2017)\n\n---\n\nBuoys.\n",
        "notes/maps.md": "# Harbour Maps (2016)\n\n---\n\nMaps.\n",
    })
    lantern = paper_of(graph, "notes/lantern.md")
    assert (lantern.title, lantern.authors) == ("Lantern Networks for Harbours", ("Obi", "Tran", "van den Berg"))
    assert paper_of(graph, "notes/tides.md").authors == ("Okafor", "de la Cruz")
    assert paper_of(graph, "notes/buoys.md").authors == ("Di Wu", "Le Song")
    assert not paper_of(graph, "notes/maps.md").authors  # a particle alone, or last, is no name


# --- a heading that names the list's kind above its one reference: no topic ---------------------------

_POST = ("---\nlayout: post\ntitle: \"{title}\"\ndate: 2018-02-19\ncategories: CV\n---\n\n## 1. どんなもの？\n\n"
         "灯台の話。\n\n## 6. 次に読むべき論文はあるか？\n\n### {heading}\n\n"
         "- [{cited}](http://papers.nips.cc/paper/66{number}-x)\n")


def test_a_generic_heading_above_a_reference_is_no_topic(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "_posts/2018-02-19-Lantern-Networks.md": _POST.format(
            title="Lantern Networks", heading="論文情報・リンク", number=1,
            cited="Obi, Ada, et al. \"Lantern networks.\" Advances in Neural Information Processing Systems. 2017."),
        "_posts/2018-02-20-Tide-Tables.md": _POST.format(
            title="Tide Tables", heading="Paper info / links", number=2,
            cited="Tran, Ben, et al. \"Tide tables.\" Advances in Neural Information Processing Systems. 2017."),
        "_posts/2018-02-21-Buoys.md": _POST.format(
            title="Buoys", heading="Harbour safety", number=3,
            cited="Li, Jun, et al. \"Buoys at dawn.\" Advances in Neural Information Processing Systems. 2017."),
    })
    tags = {tag for paper in graph.papers.values() for tag in paper.tags}
    assert not {"論文情報・リンク", "論文情報", "リンク", "Paper info", "links"} & tags, tags
    assert "Harbour safety" in tags  # a heading that names a subject still does


# --- Jekyll's `{{ site.baseurl }}` in image addresses --------------------------------------------------

def test_jekyll_site_urls_in_addresses_are_the_vaults_root(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "_posts/2018-02-19-Lantern-Networks.md": (
            "---\nlayout: post\ntitle: \"Lantern Networks\"\n---\n\n## 1. どんなもの？\n\n"
            "![Figure 1]({{ site.baseurl }}/assets/img/cv/lantern/figure1.png)\n\n"
            "<img src=\"{{ site.url }}{{ site.baseurl }}/assets/img/cv/lantern/figure2.png\">\n\n"
            "See [the tides post]({{ \"/_posts/2018-02-20-Tides.md\" | relative_url }}).\n\n"
            "```text\n![kept]({{ site.baseurl }}/assets/img/cv/lantern/figure1.png)\n```\n"),
        "_posts/2018-02-20-Tides.md": "# Tides\n",
    })
    for name in ("figure1.png", "figure2.png"):
        (docs / "assets/img/cv/lantern").mkdir(parents=True, exist_ok=True)
        (docs / "assets/img/cv/lantern" / name).write_bytes(b"\x89PNG")
    site = build_site(docs, tmp_path / "site")  # strict: no broken link
    html = page(site, "_posts/2018-02-19-Lantern-Networks")
    assert 'src="../../assets/img/cv/lantern/figure1.png"' in html
    assert 'src="../../assets/img/cv/lantern/figure2.png"' in html
    assert 'href="../2018-02-20-Tides/"' in html
    assert "({{ site.baseurl }}/assets/img/cv/lantern/figure1.png)" in html  # the code block as written
    assert all((site / "assets/img/cv/lantern" / name).is_file() for name in ("figure1.png", "figure2.png"))
