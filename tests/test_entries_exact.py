"""Entry fields compared whole: the header block under a paper heading, summaries cut to length,
and survey-list entries, each written out in full (a field no test compared could drift)."""

from __future__ import annotations

import pytest

from papernotes.entries import (
    EntryContext,
    bold_titles,
    bracket_headings,
    daily_sections,
    paper_heading,
    paper_lists,
    reading_log,
    survey,
)
from papernotes.entries.fields import (
    Citation,
    Venue,
    citation_tail,
    has_year_mark,
    parse_authors,
    parse_venue_line,
    short_summary,
)
from papernotes.entries.header import Header, read_header
from papernotes.entries.lines import Line, inline_lines
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper, Source


def header_of(text: str) -> Header:
    inline = next(token for token in make_parser().parse(text) if token.type == "inline")
    return read_header(inline_lines(inline, 1))


@pytest.mark.parametrize(("text", "expected"), [
    ("**CLIP-ICML2021**\n*<https://arxiv.org/abs/2103.00020>*\n"
     "Code: [repo](https://github.com/openai/CLIP) and [mirror](https://gitee.com/x)\n"
     "Authors: Alec Radford, Jong Wook Kim\nMethod: contrastive\n*<https://late.example>*\n",
     # the block ends at `Method:` (free text): the link after it is not the paper's
     Header(links=(("https://arxiv.org/abs/2103.00020", "https://arxiv.org/abs/2103.00020"),
                   ("Code", "https://github.com/openai/CLIP"), ("Code", "https://gitee.com/x")),
            short_name="CLIP", venue=Venue("ICML", 2021), authors=("Alec Radford", "Jong Wook Kim"))),
    # a venue alone names no short name; a template's `*<url>*` is no link; a later bold line ends it
    ("**ICLR 2021**\n*<url>*\n**Question1**\nPaper: <https://a.org/after>\n",
     Header(venue=Venue("ICLR", 2021))),
    ("**CLIP**\nPaper: *<https://a.org/x>*\n", Header(links=(("Paper", "https://a.org/x"),), short_name="CLIP")),
    ("**DiT-v2**\n", Header(short_name="DiT-v2")),  # `v2` is no venue: the whole bold text is the name
    ("**Two words**\n", Header()),  # a phrase is no short name
    ("Free text first\n**CLIP**\nPaper: <https://a.org/x>\n", Header()),
    ("<https://a.org/pdf> \\\n**X**\n", Header(links=(("https://a.org/pdf", "https://a.org/pdf"),))),
    ("**VDM-NeurIPS**\n", Header(short_name="VDM-NeurIPS")),  # a venue without a year is not split off
])
def test_read_header(text: str, expected: Header) -> None:
    assert header_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A" * 199 + ".", "A" * 199 + "."),  # 200 characters: kept whole
    ("x" * 120 + ". " + "y" * 200, "x" * 120 + "."),  # a sentence end past half the limit
    ("x" * 150 + "。" + "y" * 100, "x" * 150 + "。"),  # a CJK full stop needs no space after it
    ("x" * 60 + ". " + "y" * 200, "x" * 60 + ". " + "y" * 138 + "…"),  # an end too early, no space late
    ("abc, " * 60, "abc, " * 39 + "abc…"),  # cut at the last space, trailing comma dropped
    ("w" * 150 + " " + "z" * 100, "w" * 150 + "…"),
    ("w" * 90 + " " + "z" * 200, "w" * 90 + " " + "z" * 109 + "…"),  # a space only before half: not cut there
])
def test_short_summary_cuts(text: str, expected: str) -> None:
    assert short_summary(text) == expected


CONTEXT = EntryContext(NoteKey("Survey/video.md"), 1, NoteMeta())


def survey_papers(text: str) -> list[Paper]:
    return survey.recognise(make_parser().parse(text), CONTEXT)


def at(line: int) -> tuple[Source, ...]:
    return (Source(NoteKey("Survey/video.md"), line, "survey-list"),)


def test_survey_entries_whole() -> None:
    text = (
        "# Video survey\n"  # the note's title: no topic
        "\n"
        "## Latent models\n"
        "\n"
        "- [x] “Latte: Latent Diffusion Transformer” arXiv, 2024 Jan, `Latte` :star: :fire:\n"
        "  [paper](https://arxiv.org/abs/2401.03048)\n"
        "  Authors: Xin Ma, Yaohui Wang\n"
        "  > first quote is the summary\n"
        "  > over two lines\n"
        "\n"
        "  > a second quote is ignored\n"
        "\n"
        '- "Video Diffusion Models (VDM) (2022)"\n'
        "  [code](https://github.com/x/vdm) #video\n"
        '- [ ] "Imagen Video" 2022, **ImagenV**, other\n'
        '- "A Quote" and then a whole sentence, 2023\n'  # more than three words: prose, no venue
        '- "Only Words"\n'  # no venue, year or link
        '- "Link Only"\n'
        "  [project](https://example.org)\n"
        "\n"
        '> "Make-A-Video" ICLR 2023 (Oral), MAV\n'
        "\n"
        '> "Quote without year or venue" MAV\n'
    )
    assert survey_papers(text) == [
        Paper(title="Latte: Latent Diffusion Transformer", sources=at(5), year=2024, month=1, venue="arXiv",
              authors=("Xin Ma", "Yaohui Wang"), tags=("Latent models",),
              links=(("paper", "https://arxiv.org/abs/2401.03048"),), arxiv="2401.03048", status="read",
              summary="first quote is the summary over two lines", short_name="Latte",
              attributes=(("marker", "star"), ("marker", "fire"))),
        # no venue or year after the quote: the title's `(2022)` is the year, `(VDM)` the short name
        Paper(title="Video Diffusion Models", sources=at(13), year=2022, tags=("Latent models", "video"),
              links=(("code", "https://github.com/x/vdm"),), short_name="VDM"),
        Paper(title="Imagen Video", sources=at(15), year=2022, tags=("Latent models",), status="to-read",
              short_name="ImagenV"),
        Paper(title="Link Only", sources=at(18), tags=("Latent models",),
              links=(("project", "https://example.org"),)),
        Paper(title="Make-A-Video", sources=at(21), year=2023, venue="ICLR", tags=("Latent models",),
              short_name="MAV", attributes=(("presentation", "Oral"),)),
    ]


HEADING_CONTEXT = EntryContext(NoteKey("n.md"), 3, NoteMeta())  # the body starts on file line 3


def heading_papers(module, text: str) -> list[Paper]:  # type: ignore[no-untyped-def]
    return module.recognise(make_parser().parse(text), HEADING_CONTEXT)


def placed(line: int, kind: str) -> tuple[Source, ...]:
    return (Source(NoteKey("n.md"), line, kind),)


@pytest.mark.parametrize(("text", "expected"), [
    ("### Learning Transferable Visual Models (2021)\n**CLIP-ICML2021**\n*<https://arxiv.org/abs/2103.00020>*\n"
     "Authors: Alec Radford, Jong Wook Kim\n",
     [Paper(title="Learning Transferable Visual Models", sources=placed(3, "paper-heading"), year=2021,
            venue="ICML", authors=("Alec Radford", "Jong Wook Kim"),
            links=(("paper", "https://arxiv.org/abs/2103.00020"),), arxiv="2103.00020", short_name="CLIP")]),
    ("\n# Scalable Diffusion Models with Transformers (DiT)\n**ICCV 2023 Oral**\n",  # a venue, no link
     [Paper(title="Scalable Diffusion Models with Transformers", sources=placed(4, "paper-heading"), year=2023,
            venue="ICCV", short_name="DiT", attributes=(("presentation", "Oral"),))]),
    ("# A Title (2020)\n**NeurIPS**\n", []),  # a name without a year is no venue, and there is no link
    ("# Reading list\n[code](https://github.com/a/b)\n", []),  # a code link is not the paper's
    ("# Title\n\n## Second\n**CLIP-ICML2021**\n", []),  # only the first heading counts
    ("# Title\n", []),
    ("# 《Latte》\n**ICLR 2021**\n", []),  # the bracket-heading convention's
])
def test_paper_heading_whole(text: str, expected: list[Paper]) -> None:
    assert heading_papers(paper_heading, text) == expected


def test_bracket_headings_whole() -> None:
    text = (
        "# CVPR-2023\n"
        "\n"
        "### 《Latte: Video (2024)》\n"  # the title's year before the enclosing venue's
        "Paper: *<https://arxiv.org/abs/2401.03048>*\n"
        "\n"
        "### DALLE2《Hierarchical Text-Conditional》(NeurIPS 2022 Oral)\n"
        "\n"
        "## 2019《 BERT: Pre-training 》\n"
        "\n"
        "### 《Plain》\n"  # the enclosing venue's year
        "\n"
        "# Google AI\n"  # no venue: nothing is inherited from it
        "\n"
        "## 《Imagen》\n"
        "\n"
        "## 读《深度学习》笔记\n"
        "\n"
        "# Arxiv\n"
        "### 《No Year》\n"
        "**ICLR 2021**\n"
        "\n"
        "### 《Header Venue (HV)》\n"
        "**X-ICLR2021**\n"
    )
    assert heading_papers(bracket_headings, text) == [
        Paper(title="Latte: Video", sources=placed(5, "bracket-heading"), year=2024, venue="CVPR",
              links=(("paper", "https://arxiv.org/abs/2401.03048"),), arxiv="2401.03048"),
        Paper(title="Hierarchical Text-Conditional", sources=placed(8, "bracket-heading"), year=2022,
              venue="NeurIPS", short_name="DALLE2", attributes=(("presentation", "Oral"),)),
        Paper(title="BERT: Pre-training", sources=placed(10, "bracket-heading"), year=2019, venue="CVPR"),
        Paper(title="Plain", sources=placed(12, "bracket-heading"), year=2023, venue="CVPR"),
        Paper(title="Imagen", sources=placed(16, "bracket-heading")),
        Paper(title="No Year", sources=placed(21, "bracket-heading"), year=2021, venue="ICLR"),
        Paper(title="Header Venue", sources=placed(24, "bracket-heading"), year=2021, venue="ICLR", short_name="X"),
    ]


def list_papers(path: str, text: str) -> list[Paper]:
    return paper_lists.recognise(make_parser().parse(text), EntryContext(NoteKey(path), 1, NoteMeta(), text))


def listed(path: str, line: int, title: str, **facts: object) -> Paper:
    return Paper(title=title, sources=(Source(NoteKey(path), line, "paper-list"),), **facts)  # type: ignore[arg-type]


def test_wikilink_items_of_a_reading_list_folder_whole() -> None:
    path = "Literature Reviews/Solar.md"
    text = (
        "- [[Video Diffusion Models (VDM) (2022)]]\n"  # the note's name gives year and short name
        "- [[notes/x|Alias Names A Paper]]\n"  # the alias is the title; the link is the note's
        "- [[Single]]\n"  # one word: no title
        "- [[Two: words]]\n"  # `Name: words` is a title
        "- [[a/b/Deep Folded Cells]]\n"  # the note's name, not its folders
        "- ✅ [[Check Mark Before Link]]\n"
        "- text [[After Text Link Here]]\n"  # the link must open the item
    )
    assert list_papers(path, text) == [
        listed(path, 1, "Video Diffusion Models", year=2022, short_name="VDM",
               links=(("note", "Video Diffusion Models (VDM) (2022)"),)),
        listed(path, 2, "Alias Names A Paper", links=(("note", "notes/x"),)),
        listed(path, 4, "Two: words", links=(("note", "Two: words"),)),
        listed(path, 5, "Deep Folded Cells", links=(("note", "a/b/Deep Folded Cells"),)),
        listed(path, 6, "Check Mark Before Link", links=(("note", "Check Mark Before Link"),)),
    ]


def test_unlinked_items_of_a_note_named_as_a_reading_list_whole() -> None:
    path = "Articles to read.md"
    text = (
        "- Quorum Fair Scheduling Accelerators (QFS) (2021)\n"
        "- Is This A Question?\n"
        "- Wow This Is Loud!\n"
        "- 这是 一个 很长 的句子。\n"
        "- Mingdeng Cao, Xintao Wang, Zhongang Qi\n"  # three people, no title
        "- lower case start of a title\n"
        "- Three Words Only\n"
        "- See https://x.org for more\n"
        "- Deep Priors (for real work) Now\n"  # a comment in parentheses
        "- Deep Priors (3D-DCNNs) For Imaging\n"  # a name in parentheses
    )
    assert list_papers(path, text) == [
        listed(path, 1, "Quorum Fair Scheduling Accelerators", year=2021, short_name="QFS"),
        listed(path, 10, "Deep Priors (3D-DCNNs) For Imaging"),
    ]


def test_raw_html_items_whole() -> None:
    text = (
        "# Papers\n"
        "\n"
        "<ul>\n"
        '<li><a href=" 2025/Heron/ ">Heron Sparse Flight Paths (HSF) (2024)</a></li>\n'
        '<li>text first <a href="2025/Kite/">Kite Flying In Wind</a></li>\n'
        '<li><a href="#toc">Table Of Contents Here</a></li>\n'
        '<li><a href="x.pdf">(PDF) One</a></li>\n'  # a short name makes a one-word title enough
        "<li><a>No Href At All</a></li>\n"
        '<li><a href="b/">Two Words</a></li>\n'
        "</ul>\n"
    )
    assert list_papers("README.md", text) == [
        listed("README.md", 4, "Heron Sparse Flight Paths", year=2024, short_name="HSF",
               links=(("note", "2025/Heron/"),)),
        listed("README.md", 7, "One", short_name="PDF", links=(("pdf", "x.pdf"),)),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    # a date alone after the title: a day's one digit is still a date, not a venue
    ('- "DreamFusion Text to 3D" 9 Sep 2022\n', [("DreamFusion Text to 3D", None, 2022, 9, "")]),
    # a name we do not know is a venue when a date follows it
    ('- "Magic Three" Foo Conf, 9 May 2021\n', [("Magic Three", "Foo Conf", 2021, 5, "")]),
    ('- "Magic Three" Foo Conf\n', []),  # ... and not without one
    # a `code` name is the short name even when it is no single word
    ('- "Latte Video" arXiv, 2024, `Latte v2`\n', [("Latte Video", "arXiv", 2024, None, "Latte v2")]),
])
def test_survey_tails(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(p.title, p.venue, p.year, p.month, p.short_name) for p in survey_papers(text)] == expected


def test_bracket_heading_year_venue_and_what_is_no_entry() -> None:
    text = (
        "## 2019《Title One》(CVPR 2020)\n"  # its own venue's year before the year in front
        "Authors: A B, C D\n"
        "\n"
        "## 《Title Two》(Foo Workshop)\n"  # its own venue need not be one we know
        "\n"
        "## 《Title Three》notes\n"  # text after 》 that is no (venue)
        "\n"
        "## 读《Title Four》\n"  # text before 《 that is no year or name
    )
    assert heading_papers(bracket_headings, text) == [
        Paper(title="Title One", sources=placed(3, "bracket-heading"), year=2020, venue="CVPR",
              authors=("A B", "C D")),
        Paper(title="Title Two", sources=placed(6, "bracket-heading"), venue="Foo Workshop"),
    ]


def test_a_short_name_keeps_its_hyphens_before_the_venue() -> None:
    assert header_of("**Video-LDM-CVPR2023**\n") == Header(short_name="Video-LDM", venue=Venue("CVPR", 2023))


@pytest.mark.parametrize(("text", "expected"), [
    (" — Wang et al., CVPR'23", Citation(("Wang",), Venue("CVPR", 2023))),  # a two-digit year
    (", Lee and Kim, NeurIPS 2017 workshop", Citation(("Lee", "Kim"), Venue("NeurIPS Workshop", 2017))),
    (", 2020", None),
])
def test_citation_tail(text: str, expected: Citation | None) -> None:
    assert citation_tail(text) == expected


def test_a_capitalised_title_of_four_words_is_not_taken_for_names() -> None:
    assert list_papers("Articles to read.md", "- Deep Priors For Imaging\n") == [
        listed("Articles to read.md", 1, "Deep Priors For Imaging")]


def test_bold_reading_log_entries_whole() -> None:
    text = (
        "# Log\n"
        "\n"
        "## Semi-supervised\n"
        "\n"
        "- **Mean Teachers Are Better** — A. Tarvainen et al. (2017) [pdf](https://arxiv.org/abs/1703.01780)\n"
        "- **Venue**: NeurIPS 2022\n"  # a field, not a title
        "- **发表会议**：ICLR 2025\n"
        "- **Title Here** : comment (2019)\n"
        "- **DETR** [[pdf](https://arxiv.org/abs/2005.12872)]\n"  # one word needs a year
        "- **Two Words** [[pdf](https://arxiv.org/abs/2005.12873)]\n"
        "- **Two Words Code** [[code](https://github.com/a/b)]\n"  # no paper link, no year
        "- **Deep Residual Learning (ResNet)** — Kaiming He, CVPR 2016\n"
        "- **Title X (2019)** [[paper](https://arxiv.org/abs/1901.00001)]\n"
        "- **Gradient-Based Learning (LeNet)**\n"  # a bold title alone: its year and link below
        "\n"
        "  Y. LeCun et al. (1998)\n"
        "\n"
        "  [paper](https://ieeexplore.ieee.org/document/726791)\n"
        "- **Some Title Words** extra\n"  # not alone on its line
        "\n"
        "  Y. LeCun (1998)\n"
        "\n"
        "  [paper](https://arxiv.org/abs/1901.00002)\n"
    )
    context = EntryContext(NoteKey("log.md"), 1, NoteMeta())

    def logged(line: int, title: str, **facts: object) -> Paper:
        return Paper(title=title, sources=(Source(NoteKey("log.md"), line, "reading-log"),),
                     tags=("Semi-supervised",), **facts)  # type: ignore[arg-type]

    assert reading_log.recognise(make_parser().parse(text), context) == [
        logged(5, "Mean Teachers Are Better", year=2017, authors=("A. Tarvainen",),
               links=(("paper", "https://arxiv.org/abs/1703.01780"),), arxiv="1703.01780"),
        logged(10, "Two Words", links=(("paper", "https://arxiv.org/abs/2005.12873"),), arxiv="2005.12873"),
        logged(12, "Deep Residual Learning", year=2016, venue="CVPR", authors=("Kaiming He",), short_name="ResNet"),
        logged(13, "Title X", year=2019, links=(("paper", "https://arxiv.org/abs/1901.00001"),), arxiv="1901.00001"),
        logged(14, "Gradient-Based Learning", year=1998, authors=("Y. LeCun",), short_name="LeNet",
               links=(("paper", "https://ieeexplore.ieee.org/document/726791"),)),
    ]


@pytest.mark.parametrize(("href", "links"), [
    ("", ()),
    ("#toc", ()),  # a table-of-contents anchor
    ("x.pdf", (("pdf", "x.pdf"),)),
    ("X.PDF#page=2", (("pdf", "X.PDF#page=2"),)),
    ("x.pdf#a#b", (("pdf", "x.pdf#a#b"),)),
    ("papers/x", (("note", "papers/x"),)),
    ("notes/x.md", (("note", "notes/x.md"),)),
    ("https://arxiv.org/abs/1", (("paper", "https://arxiv.org/abs/1"),)),
    ("https://example.com/a/A.PDF", (("paper", "https://example.com/a/A.PDF"),)),
    ("https://github.com/me/notes/blob/master/x.md", (("note", "https://github.com/me/notes/blob/master/x.md"),)),
    ("https://github.com/me/x.markdown", (("note", "https://github.com/me/x.markdown"),)),
    ("https://example.com/blog", ()),  # a page on a host we do not know
])
def test_the_kind_of_a_paper_list_link(href: str, links: tuple[tuple[str, str], ...]) -> None:
    text = f"# Papers\n\n- [Some Paper Title]({href})\n"
    assert [p.links for p in list_papers("README.md", text)] == ([links] if links else [])


@pytest.mark.parametrize(("line", "expected"), [
    ("ARXIV PREPRINT, CVPR 2023", Venue("arXiv")),  # `preprint` in any case is dropped, the venue kept
    (", CVPR 2023", Venue("CVPR", 2023)),  # an empty segment is skipped
    ("Submitted to ICLR2023, CVPR 2024", Venue("CVPR", 2024, None, (("submitted_to", "ICLR 2023"),))),
    ("Submitted to NeurIPS, arXiv 2023", Venue("arXiv", 2023, None, (("submitted_to", "NeurIPS"),))),
    ("Under review", Venue()),
    ("Submitted on 8 Dec 2022", Venue(None, 2022, 12)),  # a date without a venue
    ("CVPR 2023, 8 Dec 2022", Venue("CVPR", 2023)),  # a month of another year is not the paper's
])
def test_parse_venue_line_segments(line: str, expected: Venue) -> None:
    assert parse_venue_line(line) == expected


def test_reading_log_short_names_and_venues_after_a_comma() -> None:
    text = (
        "- [DeiT, Training Data-Efficient Image Transformers](https://arxiv.org/abs/2012.12877)\n"
        "- [Pre-train, Prompt, and Predict in Language Models](https://arxiv.org/abs/2107.13586)\n"
        "- Deep Nets, Big Data, CVPR 2020, paper [[pdf](https://arxiv.org/abs/2001.00001)]\n"
        "- Deep Nets, Big Data, Lee et al., CVPR 2020, paper [[pdf](https://arxiv.org/abs/2001.00002)]\n"
    )
    found = reading_log.recognise(make_parser().parse(text), EntryContext(NoteKey("log.md"), 1, NoteMeta()))
    assert [(p.title, p.short_name, p.venue, p.year, p.authors) for p in found] == [
        ("DeiT, Training Data-Efficient Image Transformers", "DeiT", None, None, ()),  # two capitals: a name
        ("Pre-train, Prompt, and Predict in Language Models", "", None, None, ()),  # one capital: a word
        ("Deep Nets, Big Data", "", "CVPR", 2020, ()),
        ("Deep Nets, Big Data", "", "CVPR", 2020, ("Lee",)),
    ]


def test_paper_list_titles_and_citations() -> None:
    labels = ["A-B-C-D-E", "A-B-C-D", "Three Word Title", "Two Words", "Name: Word"]
    text = "# Papers\n\n" + "".join(f"- [{label}](papers/x)\n" for label in labels) + (
        "- [Title Words Here (TWH)](papers/y) — Wang et al., CVPR 2024: why it matters\n")
    assert list_papers("README.md", text) == [
        listed("README.md", 3, "A-B-C-D-E", links=(("note", "papers/x"),)),  # a file-name slug of five
        listed("README.md", 5, "Three Word Title", links=(("note", "papers/x"),)),
        listed("README.md", 7, "Name: Word", links=(("note", "papers/x"),)),
        listed("README.md", 8, "Title Words Here", year=2024, venue="CVPR", authors=("Wang",), short_name="TWH",
               links=(("note", "papers/y"),)),
    ]


def test_a_citation_after_the_name_link_ends_at_the_next_link_or_bar() -> None:
    text = (
        "- [Plenoxels: Radiance Fields](https://arxiv.org/abs/2112.05131), Yu et al., CVPR 2022 "
        "[[code](https://github.com/a/b)]\n"
        "- [NeRF: Scenes as Fields](https://arxiv.org/abs/2003.08934), Mildenhall et al., ECCV 2020 | 2nd | note\n"
    )
    found = reading_log.recognise(make_parser().parse(text), EntryContext(NoteKey("log.md"), 1, NoteMeta()))
    assert [(p.title, p.venue, p.year, p.authors) for p in found] == [
        ("Plenoxels: Radiance Fields", "CVPR", 2022, ("Yu",)),
        ("NeRF: Scenes as Fields", "ECCV", 2020, ("Mildenhall",)),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ('- “Title Here" CVPR 2020\n', [("Title Here", "CVPR", 2020)]),  # a curly quote closed by a straight one
    ('- "Segment Anything" ICCV 2023, "SAM"\n', [("Segment Anything", "ICCV", 2023)]),  # the first closing quote
])
def test_survey_quotes(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(p.title, p.venue, p.year) for p in survey_papers(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Anonymous", ()),
    ("ANONYMOUS AUTHORS", ()),
    ("A. One*, B. Two∗", ("A. One", "B. Two")),  # equal-contribution marks
    ("Lee Kim1,2 Park", ("Lee Kim", "Park")),  # affiliation numbers
    ("and Bo Li, 3", ("Bo Li",)),
    ("Ann Lee., Bo Li:", ("Ann Lee", "Bo Li")),  # trailing punctuation
])
def test_parse_authors_marks(text: str, expected: tuple[str, ...]) -> None:
    assert parse_authors(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("x" * 99 + ". " + "y" * 200, "x" * 99 + "."),  # a sentence end at exactly half the limit
    ("x" * 80 + ". " + "y" * 200, "x" * 80 + ". " + "y" * 118 + "…"),  # before half: cut at the limit
])
def test_short_summary_sentence_end_at_half(text: str, expected: str) -> None:
    assert short_summary(text) == expected


def first_line(text: str) -> Line:
    inline = next(token for token in make_parser().parse(text) if token.type == "inline")
    return inline_lines(inline, 1)[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("*Ben Poole, Ajay Jain*", True),
    ("*Ben Poole, Ajay Jain* \\", True),  # a hard break after it
    ("Ben Poole, Ajay Jain*", True),  # a mark at one end is enough
    ("*Ben Poole, Ajay Jain", True),
    ("**Bold Title**", False),
    ("**Bold** title", False),
    ("*[Ben](https://x.org)*", False),  # a link is no authors line
    ("*123*", False),
    ("Ben Poole", False),
])
def test_an_authors_line_is_emphasised_without_links(text: str, expected: bool) -> None:
    assert bold_titles._is_authors(first_line(text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("**CLIP-ICML2021** \\\n*<URL>*\n", Header(short_name="CLIP", venue=Venue("ICML", 2021))),
    ("*<https://a.org/x>* \\\n**CLIP**\n", Header(links=(("https://a.org/x", "https://a.org/x"),))),
    ("[paper](https://a.org/p) [code](https://a.org/c)\nrest\n",
     Header(links=(("paper", "https://a.org/p"), ("code", "https://a.org/c")))),
    ("[paper](https://a.org/p) and more\n", Header()),  # words beside the links: free text
])
def test_header_lines_of_links(text: str, expected: Header) -> None:
    assert header_of(text) == expected


def test_reading_log_names() -> None:
    text = (
        "- Entropy Minimization ([2004](https://x.org/blog))\n"  # a year link after the name
        "- [](https://arxiv.org/abs/1)\n"  # an empty label
        "- [Classification](#classification)\n"  # a table of contents
        "- A lead that is much longer than thirty chars [Title One (2019)](https://x.org/blog)\n"
        "- Lead of exactly thirty chars a [Title Two (2019)](https://x.org/blog)\n"  # 30 characters: a lead
        "- Lead of exactly thirty chars ab [Title Three (2019)](https://x.org/blog)\n"  # 31: too long
        "- Mean Teacher Models [ [paper](https://arxiv.org/abs/1703.01780)]\n"  # three words before kind links
        "- Mean Teacher [ [paper](https://arxiv.org/abs/1703.01781)]\n"  # two words are no title
        "- Deep Residual Learning (2015)\n"  # unlinked, ending in its year
        "- Something (2015) more\n"  # a year mark not at the end
    )
    found = reading_log.recognise(make_parser().parse(text), EntryContext(NoteKey("log.md"), 1, NoteMeta()))
    assert [(p.sources[0].line, p.title, p.year, p.links) for p in found] == [
        (1, "Entropy Minimization", 2004, (("blog", "https://x.org/blog"),)),
        (5, "Title Two", 2019, (("blog", "https://x.org/blog"),)),
        (7, "Mean Teacher Models", None, (("paper", "https://arxiv.org/abs/1703.01780"),)),
        (9, "Deep Residual Learning", 2015, ()),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("Name (1900 words", True),
    ("Name (2099 x", True),
    ("Name (2100 iterations", False),  # an implausible number before words: a quantity
    ("Name (1899 x", False),
    ("Name (2102)", True),  # closed: a mark, even implausible
])
def test_has_year_mark_bounds(text: str, expected: bool) -> None:
    assert has_year_mark(text) is expected


@pytest.mark.parametrize("block", ["```\ncode\n```", "    code", "<div>x</div>", "| a |\n|---|\n| b |", "Text."])
def test_hashtags_after_another_block_are_no_daily_section_tags(block: str) -> None:
    context = EntryContext(NoteKey("daily.md"), 1, NoteMeta())
    tagged = "## Latte Video Title\n\n#video #diffusion\n"
    assert daily_sections.recognise(make_parser().parse(tagged), context) == [
        Paper(title="Latte Video Title", sources=(Source(NoteKey("daily.md"), 1, "daily-section"),),
              tags=("video", "diffusion"))]
    late = f"## Latte Video Title\n\n{block}\n\n#video #diffusion\n"
    assert daily_sections.recognise(make_parser().parse(late), context) == []


def test_a_paper_heading_with_a_paper_link_and_no_venue() -> None:
    text = "# CLIP Transferable Models (2021)\n*<https://arxiv.org/abs/2103.00020>*\n"
    assert heading_papers(paper_heading, text) == [
        Paper(title="CLIP Transferable Models", sources=placed(3, "paper-heading"), year=2021,
              links=(("paper", "https://arxiv.org/abs/2103.00020"),), arxiv="2103.00020")]


def test_paper_list_sections_and_note_names() -> None:
    def titles(path: str, text: str) -> list[tuple[int, str]]:
        return [(p.sources[0].line, p.title) for p in list_papers(path, text)]

    # the name before its extension, dots included, says it is a reading list
    assert titles("v2.reading list.md", "- Quorum Fair Scheduling Accelerators\n") == [
        (1, "Quorum Fair Scheduling Accelerators")]
    # a heading of the same level ends the papers section
    assert titles("README.md", "## Papers\n- [A Paper Title](papers/a)\n## Other\n- [Another Long Title](papers/b)\n"
                  ) == [(2, "A Paper Title")]
    html = '<ul><li><a href="papers/x">A Paper Title Here</a></li></ul>\n'
    assert titles("README.md", f"# Papers\n\n- x\n\n# Notes\n\n{html}") == []  # HTML outside the section
    assert titles("README.md", f"# Papers\n\n{html}") == [(3, "A Paper Title Here")]


def test_a_bold_link_is_no_bold_title() -> None:
    text = "- **[Deep Title Here](https://x.org/blog)** (2019)\n"  # a blog link, its year after it
    assert reading_log.recognise(make_parser().parse(text), EntryContext(NoteKey("log.md"), 1, NoteMeta())) == []


@pytest.mark.parametrize(("text", "expected"), [
    ('- "Loose Title" CVPR 2020\n\n  more text paragraph\n', [("Loose Title", "CVPR", 2020)]),  # a second paragraph
    ('> "Only A Link Title"\n> [paper](https://arxiv.org/abs/1)\n', []),  # a quote entry needs a venue or year
    ('> "Shap-E Model" arXiv 2023\n', [("Shap-E Model", "arXiv", 2023)]),  # at the very start of the note
])
def test_survey_paragraphs(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(p.title, p.venue, p.year) for p in survey_papers(text)] == expected


def test_bold_title_entries_whole() -> None:
    text = (
        "## Video Models\n"
        "\n"
        "**Align Your Latents (VideoLDM)** \\\n"
        "*Andreas Blattmann, Robin Rombach* \\\n"
        "CVPR 2023. [[Paper](https://arxiv.org/abs/2304.08818)] \\\n"
        "A latent video model.\n"
        "\n"
        "**Only A Paper Link Here**\n"  # a title alone: its facts in the next paragraph
        "\n"
        "[[Paper](https://arxiv.org/abs/2301.00001)]\n"
        "\n"
        "**Authors And Date Only** \\\n"
        "*Ann Lee, Bo Kim* \\\n"
        "8 Dec 2022\n"
        "\n"
        "**Nothing Known About This** \\\n"
        "just a comment\n"
    )

    def bold(line: int, title: str, **facts: object) -> Paper:
        return Paper(title=title, sources=(Source(NoteKey("b.md"), line, "bold-title-list"),), tags=("Video Models",),
                     **facts)  # type: ignore[arg-type]

    found = bold_titles.recognise(make_parser().parse(text), EntryContext(NoteKey("b.md"), 1, NoteMeta()))
    assert found == [
        bold(3, "Align Your Latents", year=2023, venue="CVPR", authors=("Andreas Blattmann", "Robin Rombach"),
             links=(("paper", "https://arxiv.org/abs/2304.08818"),), arxiv="2304.08818",
             summary="A latent video model.", short_name="VideoLDM"),
        bold(8, "Only A Paper Link Here", links=(("paper", "https://arxiv.org/abs/2301.00001"),), arxiv="2301.00001"),
        bold(12, "Authors And Date Only", year=2022, month=12, authors=("Ann Lee", "Bo Kim")),
    ]
