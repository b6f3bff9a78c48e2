"""Shapes of paper notes met in new users' trials on vaults nobody here wrote (sessions 8 and 9)
that session 8 left as found: look-alike fixtures, written for these tests."""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from papernotes.graph import PaperGraph, build_graph
from papernotes.loader import load_vault
from papernotes.model import NoteKey, Paper

MakeVault = Callable[[dict[str, str | bytes]], Path]


def graph_of(make_vault: MakeVault, files: dict[str, str | bytes]) -> PaperGraph:
    vault = load_vault(make_vault(files))
    return build_graph(vault.notes, vault.attachments)


def paper_of(graph: PaperGraph, key: str) -> Paper:
    return next(paper for paper in graph.papers.values() if paper.note == NoteKey(key))


def paper_notes(graph: PaperGraph) -> set[str]:
    return {key for key, decision in graph.decisions.items() if decision.is_paper}


# --- the note's own reference, written last, names its paper's link --------------------------------

_SECTIONS = "## 1. どんなもの？\n\n灯台の話。\n\n## 2. 先行研究と比べてどこがすごいの？\n\n速い。\n\n"


def test_the_own_reference_link_wins_over_a_cited_works_link_near_the_top(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "_posts/2018-03-04-Lantern-Networks-for-Harbour-Lights.md": (
            "---\nlayout: post\ntitle: \"Lantern Networks for Harbour Lights\"\n---\n\n" + _SECTIONS
            + "## 3. 技術や手法の\"キモ\"はどこにある？\n\n* [Obi(2016)](https://arxiv.org/abs/1601.04321)と同じ設定\n\n"
            "## 4. どうやって有効だと検証した？\n\n港で。\n\n## 6. 次に読むべき論文はあるか？\n\n"
            "* [Obi, Ada. \"Beacons for ships at night.\" arXiv preprint arXiv:1601.04321 (2016).]"
            "(https://arxiv.org/abs/1601.04321)\n\n### 論文情報・リンク\n\n"
            "* [Tran, Ben J. \"Lantern Networks for Harbour Lights.\" (2018).](https://example.org/reports/Tran.pdf)\n"),
        "_posts/2017-01-02-Beacons-for-Ships-at-Night.md": (
            "---\nlayout: post\ntitle: \"Beacons for ships at night\"\n---\n\n" + _SECTIONS
            + "### 論文情報・リンク\n\n* [Obi, Ada. \"Beacons for ships at night.\" arXiv preprint "
            "arXiv:1601.04321 (2016).](https://arxiv.org/abs/1601.04321)\n"),
        # a reference at the top beside the paper's own link: that link is its paper's, as before
        "Tide Tables at Scale.md": (
            "# Tide Tables at Scale\n\n[paper](https://arxiv.org/abs/1702.05555)\n\n"
            "Okafor, Chidi, et al. \"Tide Tables at Scale.\" Journal of Seas (2017).\n\n## Method\n\nTables.\n"),
    })
    lantern = paper_of(graph, "_posts/2018-03-04-Lantern-Networks-for-Harbour-Lights.md")
    beacons = paper_of(graph, "_posts/2017-01-02-Beacons-for-Ships-at-Night.md")
    assert lantern is not beacons
    assert (lantern.title, lantern.year, lantern.arxiv) == ("Lantern Networks for Harbour Lights", 2018, None)
    assert beacons.arxiv == "1601.04321"
    assert not [d for d in graph.diagnostics if d.code == "title-only-merge"]
    assert paper_of(graph, "Tide Tables at Scale.md").arxiv == "1702.05555"


# --- `Author/Institution :` and `Conference/Journal :` fields ----------------------------------------

_FIELDS_NOTE = """# Halving Lanterns Is Cheaper Than Lighting Them All

- Author/Institution : [Ada Obi](https://example.org/a?q=Obi,+A), [Ben Tran](https://example.org/a?q=Tran,+B), Jun Li
- Conference/Journal : 36th Conference on Neural Information Processing Systems (NeurIPS 2022)

## Abstract

Fewer lanterns.
"""


def test_fields_named_by_two_labels_joined_by_a_slash(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Ada/Halving Lanterns Is Cheaper Than Lighting Them All.md": _FIELDS_NOTE,
        "Ben/Pruning Buoys.md": "# Pruning Buoys\n\n- Authors/Affiliation : Ben Tran (KAIST)\n"
                                "- Conference/Journal : AAAI 2021. A search over buoys\n\n## Method\n\nCut.\n",
        # a year folder is the writer's filing: it comes before the year a venue field states
        "2020/Lamp Posts/paper.md": "# Lamp Posts\n\n- Conference/Journal : ICLR 2021\n- Author : Li Wen\n",
        "Other/Shopping.md": "# Shopping\n\n- Fruit/Vegetables : apples\n- Shop/Market : the corner one\n",
    })
    halving = paper_of(graph, "Ada/Halving Lanterns Is Cheaper Than Lighting Them All.md")
    assert (halving.authors, halving.venue, halving.year) == (("Ada Obi", "Ben Tran", "Jun Li"), "NeurIPS", 2022)
    buoys = paper_of(graph, "Ben/Pruning Buoys.md")
    assert (buoys.authors, buoys.venue, buoys.year) == (("Ben Tran",), "AAAI", 2021)
    assert paper_of(graph, "2020/Lamp Posts/paper.md").year == 2020
    assert "Other/Shopping.md" not in paper_notes(graph)


# --- `Title_ Subtitle.md`: the `:` a file name cannot hold -------------------------------------------

def test_an_underscore_then_a_space_in_a_papers_file_name_is_a_colon(make_vault: MakeVault) -> None:
    body = "[paper](https://arxiv.org/abs/2301.0{n}111)\n\n## Abstract\n\nLamps.\n\n## Method\n\nFewer.\n"
    graph = graph_of(make_vault, {
        "Ben/Less Is More_ Pruning Lanterns by Halves.md": body.format(n=1),
        "Ben/tide_table_v2 notes.md": body.format(n=2),
    })
    assert paper_of(graph, "Ben/Less Is More_ Pruning Lanterns by Halves.md").title == (
        "Less Is More: Pruning Lanterns by Halves")
    assert paper_of(graph, "Ben/tide_table_v2 notes.md").title == "tide_table_v2 notes"


# --- a Google result's redirect link is the link it redirects to --------------------------------------

_REDIRECT = ("https://www.google.co.uk/url?sa=t&rct=j&q=&esrc=s&source=web&cd=1&ved=0ahUKEw"
             "&url=https%3A%2F%2Farxiv.org%2Fabs%2F1606.01234&usg=AFQjCN&bvm=bv.1,d.dGc")


def test_a_google_redirect_link_is_its_target(make_vault: MakeVault, tmp_path: Path) -> None:
    from tests.test_site_build import build_site, page, write_vault

    files = {
        "GAN/LampGAN/lampgan.md": (f"# LampGAN: Lighting Harbours with Adversarial Lanterns\n\n"
                                   f"link: [LampGAN]({_REDIRECT})\n"),
        "index.md": "# Home\n\n[[lampgan]]\n",
    }
    graph = graph_of(make_vault, files)
    decision = graph.decisions[NoteKey("GAN/LampGAN/lampgan.md")]
    assert decision.facts.arxiv == "1606.01234"
    site = build_site(write_vault(tmp_path / "docs", files), tmp_path / "site")
    html = page(site, "GAN/LampGAN/lampgan")
    assert 'href="https://arxiv.org/abs/1606.01234"' in html
    assert "google.co.uk" not in html


def test_a_redirect_to_no_web_page_stays_as_written() -> None:
    from papernotes.paths import unwrapped_url

    assert unwrapped_url("https://www.google.com/url?q=javascript:alert(1)") == (
        "https://www.google.com/url?q=javascript:alert(1)")
    assert unwrapped_url("https://www.google.com/url?q=https://example.org/x%20y") == "https://example.org/x y"
    assert unwrapped_url("https://www.google.com/search?q=https://example.org/") == (
        "https://www.google.com/search?q=https://example.org/")
    assert unwrapped_url("https://example.org/url?url=https://arxiv.org/abs/1606.01234") == (
        "https://example.org/url?url=https://arxiv.org/abs/1606.01234")


# --- `2023 Lantern Anything.md`: a year then a two-word title ----------------------------------------

def test_a_year_then_a_two_word_title_names_a_paper_but_not_a_years_own_note(make_vault: MakeVault) -> None:
    body = "## Abstract\n\nLamps.\n\n## Method\n\nMore lamps.\n"
    graph = graph_of(make_vault, {
        "Vision/2023 Lantern Anything.md": body,
        "Vision/2018 Panoptic Harbours.md": "# 2018 Panoptic Harbours\n\n" + body,
        "Vision/2024 Reading List.md": body,
        "Vision/2023 Summer Plan.md": body,
        "Vision/2022 Q3 Goals.md": body,
        "Vision/2021 lantern notes.md": body,
    })
    assert paper_notes(graph) == {"Vision/2023 Lantern Anything.md", "Vision/2018 Panoptic Harbours.md"}
    anything = paper_of(graph, "Vision/2023 Lantern Anything.md")
    assert (anything.title, anything.year) == ("Lantern Anything", 2023)
    assert (paper_of(graph, "Vision/2018 Panoptic Harbours.md").title,
            paper_of(graph, "Vision/2018 Panoptic Harbours.md").year) == ("Panoptic Harbours", 2018)


# --- Logseq: a page titled by a short name whose first block is the paper's full title --------------

def test_a_logseq_pages_first_block_gives_its_papers_full_title(make_vault: MakeVault) -> None:
    front = "---\ntitle: {title}\ntype: Article\ncitekey: {key}\npublication date: [[2020]]\n---\n\n"
    graph = graph_of(make_vault, {
        "logseq/config.edn": "{:meta/version 1}\n",
        "pages/lamptr.md": front.format(title="LAMPTR", key="obiEndtoEndLanternDetection2020")
        + "- End-to-End Lantern Detection with Transformers #readdone\n\t- Zotero Metadata\n",
        "pages/buoytrack.md": front.format(title="BuoyTrack", key="tranBuoyTrackTracking2020")
        + "- BuoyTrack: Tracking Buoys as Points #reading\n",
        "pages/lampnet.md": front.format(title="LampNet", key="liLampNetLamps2020")
        + "- Read this before the lab meeting\n",
        "pages/tidenet.md": front.format(title="TideNet", key="liTideNet2020") + "- Tide Net Notes:\n",
    })
    assert paper_of(graph, "pages/lamptr.md").title == "End-to-End Lantern Detection with Transformers"
    assert paper_of(graph, "pages/buoytrack.md").title == "BuoyTrack: Tracking Buoys as Points"
    assert paper_of(graph, "pages/lampnet.md").title == "LampNet"
    assert paper_of(graph, "pages/tidenet.md").title == "TideNet"


def test_a_first_block_titles_only_logseq_pages(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "papers/lamptr.md": "---\ntitle: LAMPTR\ncitekey: obiLamp2020\n---\n\n"
                            "- End-to-End Lantern Detection with Transformers\n",
    })
    assert paper_of(graph, "papers/lamptr.md").title == "LAMPTR"


# --- Jekyll: `tags: [Transformer, ICLR2025]` ----------------------------------------------------------

def test_a_venue_and_year_tag_is_the_papers_venue_not_a_topic(make_vault: MakeVault) -> None:
    post = ("---\nlayout: post\ntitle: \"[Paper Review] {title}\"\ntags: [{tags}]\n"
            "categories: [Paper Review]\n---\n\nText.\n")
    graph = graph_of(make_vault, {
        "_posts/2025-08-07-lantern-transformer.md": post.format(title="Lantern Transformer",
                                                                tags="Transformer, ICLR2025"),
        "_posts/2025-10-22-buoymamba.md": post.format(title="BuoyMamba", tags="Mamba, CVPR"),
        "_posts/2025-11-01-tide-gan.md": post.format(title="Tide GAN", tags="GAN, neurips_2023"),
    })
    lantern = paper_of(graph, "_posts/2025-08-07-lantern-transformer.md")
    assert (lantern.venue, lantern.year) == ("ICLR", 2025)
    decision = graph.decisions[NoteKey("_posts/2025-08-07-lantern-transformer.md")]
    assert ("venue-tag", 0.5) in [(signal.name, signal.weight) for signal in decision.signals]
    tide = paper_of(graph, "_posts/2025-11-01-tide-gan.md")
    assert (tide.venue, tide.year) == ("NeurIPS", 2023)
    # a venue alone is the venue, and stays a topic; a venue with its year is no topic
    assert paper_of(graph, "_posts/2025-10-22-buoymamba.md").venue == "CVPR"
    names = {topic.name for topic in graph.topics.values()}
    assert {"Transformer", "Mamba", "CVPR", "GAN"} <= names
    assert not names & {"ICLR2025", "neurips_2023"}


# --- Chirpy's `icon: fas fa-info-circle`: Font Awesome's classes --------------------------------------

def test_font_awesome_icon_classes_are_materials_font_awesome_icons(tmp_path: Path) -> None:
    from papernotes.page_meta import icon_name, theme_problems
    from tests.test_site_build import build_site, page, write_vault

    assert icon_name("fas fa-info-circle") == "fontawesome/solid/info-circle"
    assert icon_name("far fa-bell") == "fontawesome/regular/bell"
    assert icon_name("fab fa-github") == "fontawesome/brands/github"
    assert icon_name("material/book") == "material/book"
    assert [d.message for d in theme_problems({"icon": "fas fa-../../x"}, "a.md", {})] == [
        "icon: 'fas fa-../../x' is not an icon name, e.g. `material/book`; the theme does not get it"]
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n[[about]]\n",
        "_tabs/about.md": "---\nicon: fas fa-info-circle\norder: 4\n---\n\n# About\n\nA harbour blog.\n",
    })
    site = build_site(docs, tmp_path / "site")  # strict: no warning
    assert "<svg" in page(site, "_tabs/about").split("md-nav--primary", 1)[-1]


# --- a site with its own `nav:` gets papernotes' sections after its entries ---------------------------

_OWN_NAV_SITE = """
site_name: Harbour papers
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Lighting:
      - Lanterns: lighting/lanterns.md
{extra}plugins:
  - papernotes:
      search: none{options}
"""


def _own_nav_build(tmp_path: Path, name: str, extra: str = "", options: str = "") -> tuple[Path, list[str]]:
    from tests.test_site_build import write_vault

    docs = write_vault(tmp_path / f"docs-{name}", {
        "index.md": "# Harbour papers\n\nNotes on lights.\n",
        "lighting/lanterns.md": ("---\ntitle: Lantern Networks\nyear: 2021\nvenue: CVPR\ntags: [lighting]\n---\n\n"
                                 "Lamps.\n"),
    })
    site = tmp_path / f"site-{name}"
    config_file = tmp_path / f"{name}.yml"
    config_file.write_text(textwrap.dedent(_OWN_NAV_SITE).format(docs=docs, site=site, extra=extra, options=options),
                           encoding="utf-8")
    build(load_config(str(config_file), strict=True))
    home = (site / "index.html").read_text(encoding="utf-8")
    return site, list(dict.fromkeys(re.findall(r'href="([^"]*)" class="md-nav__link', home)))


def test_a_sites_own_nav_is_followed_by_the_generated_sections(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        site, links = _own_nav_build(tmp_path, "own")
    assert links[:2] == [".", "lighting/lanterns/"]
    assert {"papers/", "topics/", "notes/"} <= set(links)
    assert links.index("papers/") > links.index("lighting/lanterns/")
    assert (site / "topics" / "lighting" / "index.html").is_file()
    # the generated pages are reached from the sections: MkDocs does not list them as left out
    assert not [r for r in caplog.records if "not included in the" in r.getMessage()
                and "topics/" in r.getMessage()]


def test_a_section_the_own_nav_lists_stays_where_it_is(tmp_path: Path) -> None:
    _, links = _own_nav_build(tmp_path, "listed", extra="  - All papers: papers.md\n")
    assert links.count("papers/") == 1
    assert links.index("papers/") == 2


def test_nav_false_leaves_the_sites_own_nav_alone(tmp_path: Path) -> None:
    _, links = _own_nav_build(tmp_path, "alone", options="\n      nav: false")
    assert links == [".", "lighting/lanterns/"]


# --- session 9's own trial: a README of `[Title (2019) - Surnames](notes/x.md)` under `## YYMM` ----------

def test_a_dated_title_then_surnames_after_a_dash_and_date_headings(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": "# Paper Notes\n\n## 1904\n\n"
                     "- [Lantern Networks for Harbours (2019) - Obi, Tran, Li](notes/lantern-networks.md)\n"
                     "  - lamps, harbours\n\n## 1903\n\n"
                     "- [The Measure of Tides (2018) - Okafor](notes/measure-of-tides.md)\n",
        "notes/lantern-networks.md": "# Lantern Networks for Harbours (2019)\n\nAda Obi, Ben Tran, Jun Li\n\n"
                                     "---\n\nLamps in harbours.\n",
        "notes/measure-of-tides.md": "# The Measure of Tides (2018)\n\nChidi Okafor\n\n---\n\nTides.\n",
    })
    lantern = paper_of(graph, "notes/lantern-networks.md")
    assert (lantern.title, lantern.year) == ("Lantern Networks for Harbours", 2019)
    assert paper_of(graph, "notes/measure-of-tides.md").title == "The Measure of Tides"
    # `## 1904` is when they were read (YYMM), no subject
    assert not {"1904", "1903"} & {topic.name for topic in graph.topics.values()}


def test_a_numbered_categorys_readme_is_no_papers_folder_note(make_vault: MakeVault) -> None:
    files: dict[str, str | bytes] = {
        f"papers/0{n}-{name}/README.md": f"# 0{n} {name.title()}\n\nPapers on {name}.\n"
        for n, name in enumerate(["lanterns", "tides", "buoys", "harbours"], start=1)}
    files["papers/Lantern Networks for Harbour Lights/README.md"] = (
        "# Lantern Networks for Harbour Lights\n\n[paper](https://arxiv.org/abs/2101.01234)\n")
    graph = graph_of(make_vault, files)
    assert not {key for key in paper_notes(graph) if "-" in key.split("/")[1]}


_GLOSSED = """# {name}：{gloss}

> **论文**：*{title}*
>
> **作者**：Ada Obi, Ben Tran
>
> 🔗 [arXiv](https://arxiv.org/abs/{arxiv})

## 一句话总结

灯。
"""


def test_a_heading_glossed_in_chinese_gives_way_to_the_original_title(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": ("# 论文\n\n- [LNH (2025)](papers/LNH_2025.md) — 灯塔\n"
                      "- [TIDE (2024)](papers/TIDE_2024.md) — 潮汐\n"),
        "papers/README.md": "| 论文 | 关键词 | 时间 |\n| --- | --- | --- |\n"
                            "| [LNH](LNH_2025.md) | 灯 | 2025.01 |\n| [TIDE](TIDE_2024.md) | 潮 | 2024.03 |\n",
        "papers/LNH_2025.md": _GLOSSED.format(name="LNH", gloss="用灯塔网络照亮港口", arxiv="2501.01234",
                                              title="LNH: Lantern Networks for Harbour Lights"),
        "papers/TIDE_2024.md": _GLOSSED.format(name="TIDE", gloss="潮汐表的高效推理", arxiv="2403.04321",
                                               title="Stop Counting Waves: Tide Tables Matter More"),
        "papers/Buoys_2024.md": "# Buoys：浮标\n\n没有论文字段。\n\n[arXiv](https://arxiv.org/abs/2404.04444)\n",
    })
    assert paper_of(graph, "papers/LNH_2025.md").title == "LNH: Lantern Networks for Harbour Lights"
    tide = paper_of(graph, "papers/TIDE_2024.md")
    assert (tide.title, tide.short_name) == ("Stop Counting Waves: Tide Tables Matter More", "TIDE")
    assert paper_of(graph, "papers/Buoys_2024.md").title == "Buoys：浮标"


# --- an mdBook of `VLDB'22 - Title` headings and `- Published at SIGMOD'18` lines -------------------

def test_a_title_led_by_its_venue_and_year(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "src/SUMMARY.md": "# Summary\n\n- [Harbours](harbours/summary.md)\n"
                          "  - [HDB'21 - Lantern Store](harbours/obi2021lantern.md)\n",
        "src/harbours/summary.md": "# Harbour databases\n\n"
                                   "- [SoCC'17 - TideConfig: tuning tides automatically](https://dl.acm.org/doi/10.1145/1.2)\n",
        "src/harbours/obi2021lantern.md": "# HDB'21 - Lantern Store: A Fast Lighthouse Database\n\n"
                                          "- Authors: Ada Obi, Ben Tran\n- Institute: Harbour University\n"
                                          "- Published at VLDB'21\n- Paper Link: <https://example.org/p.pdf>\n",
        "src/harbours/tran2018buoy.md": "# Buoy: Scaling Floats\n\n- Authors: Ben Tran, Jun Li\n"
                                        "- Published at SIGMOD'18\n",
        "src/harbours/lamps.md": "# Part'2 - Lamps\n\nA chapter.\n",
    })
    lantern = paper_of(graph, "src/harbours/obi2021lantern.md")
    assert (lantern.title, lantern.year, lantern.venue) == ("Lantern Store: A Fast Lighthouse Database", 2021, "VLDB")
    buoy = paper_of(graph, "src/harbours/tran2018buoy.md")
    assert (buoy.year, buoy.venue) == (2018, "SIGMOD")
    tide = next(paper for paper in graph.papers.values() if paper.title.startswith("TideConfig"))
    assert (tide.title, tide.year, tide.venue) == ("TideConfig: tuning tides automatically", 2017, "SoCC")
    assert "src/harbours/lamps.md" not in paper_notes(graph)


# --- `2016/june/znet.md`: `# [Title](…/paper.pdf)`, filed by year and month ------------------------

def test_a_title_heading_linking_its_pdf_in_year_and_month_folders(make_vault: MakeVault) -> None:
    note = "# [{title}]({url})\n\nDate: 06/30/2016  \nTags: task.detection\n\n- The authors light harbours.\n"
    graph = graph_of(make_vault, {
        "2016/june/lamp_net.md": note.format(title="LampNet - Harbour Lamp Detection",
                                             url="http://challenge.example.org/pdfs/LAMPNET_2016.pdf/"),
        "2016/june/tide_net.md": note.format(title="Tide Nets for Harbour Tides", url="https://example.org/tides"),
        "2017/april/buoy_net.md": note.format(title="Buoy Nets", url="https://arxiv.org/abs/1704.01234")
        + "- As in [Lamp Nets](https://arxiv.org/abs/1601.00001) and [Tides](https://arxiv.org/abs/1602.00002)\n",
    })
    assert paper_of(graph, "2016/june/lamp_net.md").year == 2016
    assert "2016/june/tide_net.md" not in paper_notes(graph)  # a page, not the paper's PDF
    buoy = graph.decisions[NoteKey("2017/april/buoy_net.md")]
    assert buoy.facts.arxiv == "1704.01234"
    # `june`, `april` below a year folder file the notes by month: no topics
    assert not {"june", "april", "2016/june"} & {topic.name for topic in graph.topics.values()}
