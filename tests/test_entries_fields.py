"""The shared readers behind every convention: titles, venues, dates, authors, summaries, links, lines."""

from __future__ import annotations

import pytest

from papernotes.entries.fields import (
    Title,
    Venue,
    clean_title,
    has_year_mark,
    is_date_line,
    parse_authors,
    parse_venue_line,
    short_summary,
    venue_name,
)
from papernotes.entries.lines import inline_lines
from papernotes.entries.links import classify, identifiers, link_kind
from papernotes.ids import find_date, is_known_venue
from papernotes.markdown import make_parser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Video Diffusion Models"', Title("Video Diffusion Models")),
        ("《 BERT: Pre-training 》", Title("BERT: Pre-training")),
        ("**ResNet(2015)**", Title("ResNet", 2015)),
        ("DenseCL(2020), Dense Contrastive Learning", Title("DenseCL, Dense Contrastive Learning", 2020)),
        ("Learning Without Forgetting(2016", Title("Learning Without Forgetting", 2016)),
        ("Network In Network(1312)", Title("Network In Network")),
        ("Soft Diffusion: Score Matching, Giannis Daras et al., 2022", Title("Soft Diffusion: Score Matching", 2022)),
        ("Scalable Diffusion Models (DiT)", Title("Scalable Diffusion Models", None, "DiT")),
        ("Class Activation Map(CAM), Learning Features", Title("Class Activation Map(CAM), Learning Features")),
    ],
)
def test_clean_title(text: str, expected: Title) -> None:
    assert clean_title(text) == expected


def test_year_marks() -> None:
    assert has_year_mark("Faster R-CNN(2015)") and has_year_mark("Localization Distillation(2102)")
    assert not has_year_mark("IoU(Intersection over Union)를 이해하고 파이토치로 구현하기")


@pytest.mark.parametrize(
    ("segment", "strict", "expected"),
    [
        ("CVPR2023", True, Venue("CVPR", 2023)),
        ("Arxiv", True, Venue("arXiv")),
        ("NIPS", True, Venue("NeurIPS")),
        ("NIPS-spotlight", True, Venue("NeurIPS", None, None, (("presentation", "Spotlight"),))),
        ("ICLR 2021 (Oral)", True, Venue("ICLR", 2021, None, (("presentation", "Oral"),))),
        ("CVPR&TPAMI", True, Venue("CVPR&TPAMI")),
        ("NeurIPS 2022 Workshop", True, Venue("NeurIPS Workshop", 2022)),
        ("NIPS Workshop 2021", True, Venue("NeurIPS Workshop", 2021)),
        ("NeurIPS22", True, Venue("NeurIPS", 2022)),
        ("MICCAI 2022", True, Venue("MICCAI", 2022)),
        ("MICCAI", False, Venue("MICCAI")),
        ("CVPR-2023", True, Venue("CVPR", 2023)),
        ("In 2019", True, None),
        ("Google AI", True, None),
        ("Stability-AI", True, None),
        ("is how my advisor put it", True, None),
    ],
)
def test_venue_name(segment: str, strict: bool, expected: Venue | None) -> None:
    assert venue_name(segment, strict) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ICML 2015. ", Venue("ICML", 2015)),
        ("arXiv 2022. ICLR2023 submission ", Venue("arXiv", 2022)),
        ("CVPR2022, arXiv 2022. ", Venue("CVPR", 2022)),
        ("Submitted to ICLR2023. ", Venue(None, None, None, (("submitted_to", "ICLR 2023"),))),
        ("CVPR 2023 Submission / preprint ", Venue(None, None, None, (("submitted_to", "CVPR 2023"),))),
        ("ICLR 2023 Spotlight / preprint ", Venue("ICLR", 2023, None, (("presentation", "Spotlight"),))),
        ("arxiv Submitted on 8 Dec 2022\\ preprint ", Venue("arXiv", 2022, 12)),
        ("arxiv [Submitted on 2 Nov 2022 (v1), last revised 17 Nov 2022]", Venue("arXiv", 2022, 11)),
        ("icml 2022. ", Venue("ICML", 2022)),
        ("There is a gap between benchmarks and reality. In 2019 it grew.", Venue()),
    ],
)
def test_parse_venue_line(line: str, expected: Venue) -> None:
    assert parse_venue_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 Mar 2015", (2015, 3)),
        ("[Submitted on 6 Apr 2023]", (2023, 4)),
        ("30 Sept 2022", (2022, 9)),
        ("2023 Nov 28", (2023, 11)),
        ("2022 June", (2022, 6)),
        ("2023-12-07T12:48:44Z", (2023, 12)),
        ("arXiv 2022.", (None, None)),
    ],
)
def test_find_date(text: str, expected: tuple[int | None, int | None]) -> None:
    assert find_date(text) == expected


def test_known_venues() -> None:
    assert is_known_venue("NeurIPS Workshop") and is_known_venue("CVPR&TPAMI") and is_known_venue("arxiv")
    assert not is_known_venue("Google AI") and not is_known_venue("")


def test_date_lines() -> None:
    assert is_date_line("2 Mar 2015") and is_date_line("[Submitted on 6 Apr 2023] ")
    assert is_date_line("Submitted on 9 Oct 2022 (v1)")
    assert not is_date_line("arxiv 27 Jan 2023") and not is_date_line("Diffusion의 시작.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jonathan Ho, Ajay Jain, Pieter Abbeel", ("Jonathan Ho", "Ajay Jain", "Pieter Abbeel")),
        ("Jie An1;2 Songyang Zhang1;2 Xi Yin2", ("Jie An", "Songyang Zhang", "Xi Yin")),
        ("Duygu Ceylan1* Chun-Hao P. Huang1* N. Mitra1,2*", ("Duygu Ceylan", "Chun-Hao P. Huang", "N. Mitra")),
        ("(Alibaba Group) Yuxiang Tuo, Jun-Yan He", ("Yuxiang Tuo", "Jun-Yan He")),
        ("Simian Luo, Jian Li, and Hang Zhao", ("Simian Luo", "Jian Li", "Hang Zhao")),
        ("Ziqi Huang∗Tianxing Wu", ("Ziqi Huang", "Tianxing Wu")),
        ("Anonymous authors", ()),
        ("Ting Chen", ("Ting Chen",)),
    ],
)
def test_parse_authors(text: str, expected: tuple[str, ...]) -> None:
    assert parse_authors(text) == expected


def test_short_summary() -> None:
    assert short_summary("  A **short**\n comment. ") == "A short comment."
    sentences = "첫 문장입니다. " + "가" * 150 + ". 마지막 문장은 잘립니다 " * 3
    cut = short_summary(sentences)
    assert cut.endswith(".") and len(cut) <= 200
    assert short_summary("word " * 100).endswith("…") and len(short_summary("word " * 100)) <= 201
    assert short_summary("长" * 300) == "长" * 200 + "…"


@pytest.mark.parametrize(
    ("label", "url", "kind"),
    [
        ("paper", "https://arxiv.org/abs/2101.05278", "paper"),
        ("pdf", "./2022_11_CVPR_Paint.pdf", "pdf"),
        ("pdf", "https://papers.nips.cc/paper/2012/file/x-Paper.pdf", "paper"),
        ("odf", "https://arxiv.org/pdf/1603.09246.pdf", "paper"),
        ("note", "./2022_11_CVPR_Paint_Note.md", "note"),
        ("website", "https://supir.xpixel.group/", "project"),
        ("Project page", "https://www.wpeebles.com/DiT", "project"),
        ("Github2", "https://github.com/pesser/pytorch_diffusion", "code"),
        ("code: unofficial implementation", "https://github.com/srpkdyy/VideoLDM.git", "code"),
        ("Google Colab", "https://github.com/x/y/blob/master/LeNet_5(1998).ipynb", "code"),
        ("Blog Posting", "https://deep-learning-study.tistory.com/503", "blog"),
        ("link", "https://youtu.be/xSf40PZjTxQ", "other"),
        ("", "https://dreambooth.github.io", "project"),
        ("", "https://ieeexplore.ieee.org/document/10203371", "paper"),
        ("", "https://openai.com/research/clip", "other"),
        ("", "extension://abc/pdf/viewer.html?file=https%3A%2F%2Farxiv.org%2Fpdf%2F2206.00169.pdf", "paper"),
        ("code", "", None),
        ("url", "url", None),
    ],
)
def test_link_kind(label: str, url: str, kind: str | None) -> None:
    assert link_kind(label, url) == kind


def test_identifiers_come_from_paper_links() -> None:
    links = classify(
        [
            ("code", "https://github.com/a/2101.05278"),
            ("", "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0265115"),
            ("paper", "http://arxiv.org/abs/2211.13227v1"),
            ("paper", "http://arxiv.org/abs/2211.13227v1"),
        ]
    )
    assert len(links) == 3  # repeats removed
    assert identifiers(links) == ("2211.13227", "10.1371/journal.pone.0265115")


def test_inline_lines_are_file_lines() -> None:
    text = (
        "intro\n\n**Title** \\\n*A<sup>1</sup>, B*\n"
        "see <span\nclass=x>here</span> [paper](https://arxiv.org/abs/1.2) and https://x.org/a.\nlast"
    )
    tokens = make_parser().parse(text)
    lines = inline_lines(tokens[4], 10)
    assert [line.number for line in lines] == [12, 13, 14, 16]
    assert [line.text for line in lines] == ["Title", "A, B", "see here paper and https://x.org/a.", "last"]
    assert lines[2].links == [("paper", "https://arxiv.org/abs/1.2"), ("", "https://x.org/a")]
    assert (lines[1].raw, lines[2].raw) == ("*A<sup>1</sup>, B*", "see <span")


def test_a_quantity_in_parentheses_is_not_a_year_mark() -> None:
    from papernotes.entries.fields import has_year_mark

    assert has_year_mark("Network In Network(1312)")  # closed: a (mistyped) year
    assert has_year_mark("Batch Normalization (2015, Google)")
    assert not has_year_mark("Reconstruct the scene with static splats (3000 iterations)")
