"""Reading-log bullets (`- [Name(2015)](blog), paper [[pdf](…)]`), from fixtures/entries/reading_log.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, reading_log, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "reading_log.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("README.md"), 1, NoteMeta())


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def papers() -> list[Paper]:
    return reading_log.recognise(make_parser().parse(TEXT), CONTEXT)


def by_title(start: str) -> Paper:
    (found,) = [paper for paper in papers() if paper.title.startswith(start)]
    return found


def test_entries_found_and_nothing_else() -> None:
    assert [(paper.title, paper.year) for paper in papers()] == [
        ("AlexNet", 2012),
        ("ViT", 2020),
        ("WRN, Wide Residual Networks", 2016),
        ("Squeeze-and-Excitation Networks", None),
        ("Batch Normalization", 2015),
        ("Network In Network", None),
        ("Learning Without Forgetting", 2016),
        ("Pre-train, Prompt, and Predict: A Survey of Prompting", 2021),
    ]
    assert recognise_entries(make_parser().parse(TEXT), CONTEXT) == papers()


def test_linked_name_with_colab_and_blog() -> None:
    paper = by_title("AlexNet")
    assert (paper.sources[0].line, paper.sources[0].kind) == (line_of("[AlexNet"), "reading-log")
    assert paper.links == (
        ("blog", "https://myblog.example.com/alexnet"),
        ("code", "https://github.com/me/notebooks/blob/main/AlexNet.ipynb"),
        ("blog", "https://myblog.example.com/alexnet-code"),
    )
    assert (paper.venue, paper.authors, paper.arxiv, paper.tags) == (None, (), None, ("Classification",))
    assert paper.short_name == ""


def test_lead_text_pdf_link_and_short_name() -> None:
    vit = by_title("ViT")
    assert vit.links == (("blog", "https://myblog.example.com/vit"), ("paper", "https://arxiv.org/abs/2010.11929"))
    assert vit.arxiv == "2010.11929"
    wrn = by_title("WRN")
    assert wrn.short_name == "WRN"
    assert wrn.links == (("paper", "https://arxiv.org/abs/1605.07146"),)
    assert by_title("Pre-train").short_name == ""


def test_paper_without_year_bare_url_and_typos() -> None:
    assert by_title("Squeeze").links == (("paper", "https://arxiv.org/abs/1709.01507"),)
    batch_norm = by_title("Batch Normalization")
    assert batch_norm.links == (
        ("blog", "https://myblog.example.com/bn"),
        ("paper", "https://arxiv.org/abs/1502.03167"),
    )
    assert batch_norm.arxiv == "1502.03167"
    lwf = by_title("Learning Without Forgetting")
    assert lwf.links == (
        ("blog", "https://myblog.example.com/lwf"),
        ("paper", "https://arxiv.org/pdf/1606.09282.pdf"),
        ("other", "https://youtu.be/abcdefg"),
    )
    assert by_title("Network In Network").links == ()


def test_contents_tutorials_tasks_thoughts_and_code_are_not_papers() -> None:
    titles = {paper.title for paper in papers()}
    assert not titles & {
        "Classification",
        "Detection",
        "ResNeXt",
        "Understanding IoU and implementing it in PyTorch",
        "My favourite detection repo",
        "调研如何保持时序一致",
        "here",
        "YOLO",
    }


def test_a_name_then_a_bare_paper_url() -> None:
    text = (
        "#### Multimodal models for sonography\n"
        "* SonoGPT-Vision, https://arxiv.org/abs/2406.01234, \n"
        "* Lattice-MoE：轻量级医学专家混合, https://arxiv.org/pdf/2404.05678.pdf, https://github.com/o/lmoe\n"
        "* EchoBench 数据集，CVPR 2024, https://arxiv.org/pdf/2402.04321\n"
        "* EchoLLaVA 微软，https://github.com/o/echollava\n"  # code, not a paper
        "* see also, https://arxiv.org/abs/2401.00001\n"  # not a name
        "* Cool vis with brainrender https://www.biorxiv.org/content/10.1101/2020.02.23.961748v2\n"  # no separator
        "* **论文链接**: https://arxiv.org/abs/2402.09999\n"  # a field's label
        "* https://arxiv.org/abs/2402.00002\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.sources[0].line, paper.arxiv) for paper in found] == [
        ("SonoGPT-Vision", 2, "2406.01234"),
        ("Lattice-MoE", 3, "2404.05678"),
        ("EchoBench 数据集", 4, "2402.04321"),
    ]


def test_page_titles_of_journal_articles_give_their_venue() -> None:
    text = (
        "**Papers:**\n\n"
        "- [Lattice-limiting correlations | Nature Neuroscience](https://www.nature.com/articles/nn.0001)\n"
        "- [Redundancy in lattices revisited](https://www.tandfonline.com/doi/abs/10.1000/net.1)\n"
        "- [Lattice Polytopes | SpringerLink](https://link.springer.com/chapter/10.1007/978-3-000-00000-0_2)\n"
        "- [Nature neuro](https://www.nature.com/neuro/)\n"  # the journal's home page
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.venue, paper.sources[0].line) for paper in found] == [
        ("Lattice-limiting correlations", "Nature Neuroscience", 3),
        ("Redundancy in lattices revisited", None, 4),
        ("Lattice Polytopes", None, 5),
    ]


def test_greek_letters_in_math_and_a_paper_named_as_the_x_paper() -> None:
    text = (
        "* $\\Gamma$ version of Lattice Networks ([2015](https://arxiv.org/abs/1507.01234)) : perturb the input\n"
        "* $\\Pi$ Lattice ([2017](https://arxiv.org/abs/1610.01234)) : same as above\n"
        "* There's also a [Lattice++ paper](https://arxiv.org/pdf/1710.01234.pdf) that came out recently.\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.year) for paper in found] == [
        ("Γ version of Lattice Networks", 2015), ("Π Lattice", 2017), ("Lattice++", None)]


def test_bold_titles_followed_by_a_citation_and_a_comment() -> None:
    text = (
        "### References to Follow Up\n\n"
        "1. **Folded Flow Nets for Dense Motion** — Obi et al., CVPR 2023: the baseline it beats.\n"
        "2. **Gliders** — [Tran & Li, ECCV 2022](../../2022/Gliders/): where the idea starts.\n"
        "3. **Kite: Mapping by Gliding** — Ode et al., 2021: an earlier attempt.\n"
        "4. **Perch** — Obi et al., TOG 2023 [ref 19]\n"
        "5. **Wind tunnels** — see the appendix: why it is slow.\n"
        "6. **Sparse Wings at Scale** — 2026: follows up on it.\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(p.sources[0].line, p.title, p.venue, p.year, p.authors) for p in found] == [
        (3, "Folded Flow Nets for Dense Motion", "CVPR", 2023, ("Obi",)),
        (4, "Gliders", "ECCV", 2022, ("Tran", "Li")),
        (5, "Kite: Mapping by Gliding", None, 2021, ("Ode",)),
        (6, "Perch", "TOG", 2023, ("Obi",)),
    ]


def test_a_lone_bold_title_with_authors_year_and_a_pdf_on_any_host() -> None:
    text = (
        "- **Folded Kernels for Tiny Digits**\n\n"
        "    Ada Obi, Ben Tran (1998)\n\n"
        "    [Link (lab)](http://lab.example.org/pubs/obi-98.pdf)\n\n"
        "- **Our reading group**\n\n"
        "    Ada Obi, Ben Tran (2020)\n\n"
        "    [Link](http://lab.example.org/group.html)\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(p.sources[0].line, p.title, p.year, p.authors) for p in found] == [
        (1, "Folded Kernels for Tiny Digits", 1998, ("Ada Obi", "Ben Tran"))]


def test_a_bold_title_with_authors_and_year_before_a_pdf_link() -> None:
    text = "- **Glass Lattices Learn Slowly** — A. Author et al. (2017) [[pdf](https://arxiv.org/abs/1701.00001)]\n"
    (paper,) = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert (paper.title, paper.year, paper.authors) == ("Glass Lattices Learn Slowly", 2017, ("A. Author",))


def test_a_code_link_between_the_name_and_its_citation_keeps_authors_and_venue() -> None:
    text = (
        "## Sparse detection\n"
        "- [Sparse Anchors for Dense Detection](https://arxiv.org/abs/2001.01234) [code](https://github.com/o/sa), "
        "Lee, ICML 2020\n"
        "- [Tiled Queries](https://proceedings.mlr.press/v9/tq.html) [[code](https://github.com/o/tq)] "
        "[[pdf](https://proceedings.mlr.press/v9/tq.pdf)], Lee and Chen, ICML 2019\n"
        "- [Mixed Anchors](https://arxiv.org/abs/2101.00002) [Tiled Queries](https://arxiv.org/abs/2101.00003), "
        "Park, CVPR 2021\n"  # a second name link: whose citation it is, nobody can tell
        "- [Dense Relays](https://arxiv.org/abs/2101.00004) [code](https://github.com/o/dr) | Park et al., CVPR 2021\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.sources[0].line, paper.year, paper.venue, paper.authors) for paper in found] == [
        ("Sparse Anchors for Dense Detection", 2, 2020, "ICML", ("Lee",)),
        ("Tiled Queries", 3, 2019, "ICML", ("Lee", "Chen")),
        ("Mixed Anchors", 4, None, None, ()),
        ("Dense Relays", 5, None, None, ()),  # a table's `|` ends the tail, as before
    ]
    assert [url for _, url in found[1].links] == [
        "https://proceedings.mlr.press/v9/tq.html", "https://github.com/o/tq", "https://proceedings.mlr.press/v9/tq.pdf"]


def test_an_arxiv_tab_title_loses_its_id_and_site() -> None:
    text = (
        "- Related\n"
        "\t- [[1308.04673] Ladder Phases via Pseudo Anyon Melting (arxiv.org)](https://arxiv.org/abs/1308.04673)\n"
        "\t- [[2402.03356v2] A Unified Lattice of Braided Phases - arXiv](https://arxiv.org/abs/2402.03356)\n"
        "\t- [Twisted Ladders of Anyons | arXiv](https://arxiv.org/abs/2011.00001)\n"
    )
    found = reading_log.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.short_name, paper.arxiv) for paper in found] == [
        ("Ladder Phases via Pseudo Anyon Melting", "", "1308.04673"),
        ("A Unified Lattice of Braided Phases", "", "2402.03356"),
        ("Twisted Ladders of Anyons", "", "2011.00001"),
    ]
