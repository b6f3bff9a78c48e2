"""The keys a paper mention is recognised by, and the id it gets, exactly."""

from __future__ import annotations

import pytest

from papernotes.diagnostics import Diagnostic
from papernotes.identity import PaperIndex, decorated_stem, disagree, identity_keys, paper_id
from papernotes.ids import arxiv_date
from papernotes.model import NoteKey, Paper, PaperId, Source


def _paper(title: str, sources: tuple[Source, ...] = (), **facts: object) -> Paper:
    return Paper(title=title, sources=sources, **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(("paper", "keys", "pid"), [
    (_paper("Latte: Latent Diffusion Transformer for Video Generation", arxiv="2401.03048", doi="10.1/x",
            citekey="ma2024latte", note=NoteKey("Papers/Latte.md"), short_name="LDT"),
     ["arxiv:2401.03048", "doi:10.1/x", "cite:ma2024latte", "note:Papers/Latte.md",
      "title:latte latent diffusion transformer for video generation", "name:ldt", "name:latte"],
     "arxiv:2401.03048"),
    (_paper("Segment Anything Model Two Point Oh: More", doi="10.2/y"),  # a 6-word head is not a name
     ["doi:10.2/y", "title:segment anything model two point oh more"], "doi:10.2/y"),
    (_paper("One Two Three Four: Rest"), ["title:one two three four rest", "name:one two three four"],
     "title:one-two-three-four-rest"),
    (_paper("One Two Three Four Five: Rest"), ["title:one two three four five rest"],
     "title:one-two-three-four-five-rest"),
    (_paper("Xy: b: c"), ["title:xy b c", "name:xy"], "title:xy-b-c"),  # the first colon ("A" is generic)
    (_paper(": no head"), ["title:no head"], "title:no-head"),
    (_paper("Plain", short_name="  "), ["title:plain"], "title:plain"),
    (_paper("ＤｉＴ A.B", citekey="x"), ["cite:x", "title:dit a b"], "title:dit-a-b"),  # the id is the folded title's
])
def test_identity_keys_and_id(paper: Paper, keys: list[str], pid: str) -> None:
    assert identity_keys(paper) == keys
    assert paper_id(paper) == pid


def _merge(*titles: str) -> list[list[str]]:
    """Which of the titles (one mention each) end up as one paper, by paper in id order."""
    index = PaperIndex()
    for title in titles:
        index.add(_paper(title))
    papers, mention_ids, _ = index.freeze()
    return [[titles[m] for m, pid in sorted(mention_ids.items()) if pid == paper] for paper in papers]


def test_one_head_with_two_subtitles_is_two_papers() -> None:
    spatial = "Dynamic Convolutions: Exploiting Spatial Sparsity for Faster Inference"
    kernels = "Dynamic Convolutions: Attention over Convolution Kernels"
    assert sorted(_merge(spatial, kernels)) == [[kernels], [spatial]]
    # A queue item's short name joins the first of them, and never bridges the two.
    assert sorted(_merge(spatial, "Dynamic Convolutions", kernels)) == [
        [kernels], [spatial, "Dynamic Convolutions"]]
    assert sorted(_merge("Dynamic Convolutions", spatial, kernels)) == [
        ["Dynamic Convolutions", spatial], [kernels]]


def test_a_shortened_subtitle_still_joins_its_paper() -> None:
    full = "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    cut = "BERT: Pre-training of Deep Bidirectional Transformers"
    assert _merge(full, cut, "BERT") == [[full, cut, "BERT"]]


def test_a_short_name_joins_a_full_title_but_two_full_titles_sharing_it_stay_apart() -> None:
    index = PaperIndex()
    scenes = index.add(_paper("NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis", year=2020))
    review = index.add(_paper("NeRF: Neural Radiance Field in 3D Vision, Introduction and Review"))
    short = index.add(_paper("NeRF"))
    again = index.add(_paper("NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis"))
    papers, ids, _ = index.freeze()
    assert sorted(paper.title for paper in papers.values()) == [
        "NeRF: Neural Radiance Field in 3D Vision, Introduction and Review",
        "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis"]
    assert ids[scenes] == ids[short] == ids[again] != ids[review]


@pytest.mark.parametrize(("ident", "date"), [
    ("2502.20900", (2025, 2)), ("0704.0001", (2007, 4)), ("1308.4673", (2013, 8)),
    ("hep-th/9901001", (1999, 1)), ("math.GT/0309136", (2003, 9)),
    ("0613.12345", None), ("0512.1234", None),  # no month 13; new-style ids began in April 2007
    ("CVPR", None), ("12.34", None),
])
def test_the_date_an_arxiv_id_was_given(ident: str, date: tuple[int, int] | None) -> None:
    assert arxiv_date(ident) == date


def test_a_paper_stating_no_year_takes_its_arxiv_ids_and_a_stated_year_wins() -> None:
    index = PaperIndex()
    undated = index.add(_paper("Sparse Wavelet Priors", arxiv="2502.20900"))
    listed = index.add(_paper("Sparse Wavelet Priors", year=2026))  # a venue year, on another mention
    alone = index.add(_paper("Gated Mixers", arxiv="1911.00001"))
    papers, ids, _ = index.freeze()
    assert ids[undated] == ids[listed]
    assert (papers[ids[undated]].year, papers[ids[undated]].month) == (2026, None)
    assert (papers[ids[alone]].year, papers[ids[alone]].month) == (2019, 11)


def _at(path: str, line: int, kind: str) -> tuple[Source, ...]:
    return (Source(NoteKey(path), line, kind),)


NOTE = _paper("DiT", sources=_at("Papers/DiT.md", 1, "note"), note=NoteKey("Papers/DiT.md"), venue="ICCV",
              tags=("diffusion",), status="to-read", links=(("pdf", "https://a/pdf"),),
              attributes=(("code", ""), ("stars", "5")))
SURVEY = _paper("DiT: Scalable Diffusion Models with Transformers", sources=_at("Survey.md", 9, "survey"),
                arxiv="2212.09748", year=2023, month=3, authors=("W. Peebles", "S. Xie"),
                tags=("diffusion", "transformer"), links=(("pdf", "https://a/pdf"), ("code", "https://c")),
                status="read", summary="Transformers replace the U-Net.",
                attributes=(("code", "github"), ("stars", "9")), anchor="dit-scalable")
QUEUE = _paper("DiT", sources=_at("Reading.md", 4, "queue"), arxiv="2212.09748", year=2022,
               status="reading", summary="Read it twice.", anchor="dit")


def test_a_merged_paper_takes_each_fact_from_the_first_mention_in_order_notes_first() -> None:
    index = PaperIndex()
    assert [index.add(mention) for mention in (SURVEY, NOTE, QUEUE)] == [0, 1, 2]
    papers, mention_ids, problems = index.freeze()
    # The note comes first, then Reading.md:4 before Survey.md:9: the year is the queue's.
    assert papers == {PaperId("arxiv:2212.09748"): Paper(
        title="DiT: Scalable Diffusion Models with Transformers",
        sources=NOTE.sources + QUEUE.sources + SURVEY.sources,
        year=2022, month=3, venue="ICCV", authors=("W. Peebles", "S. Xie"),
        tags=("diffusion", "transformer"), links=(("pdf", "https://a/pdf"), ("code", "https://c")),
        arxiv="2212.09748", status="read", summary="Read it twice.", short_name="DiT", anchor="",
        attributes=(("stars", "5"), ("code", "github")), note=NoteKey("Papers/DiT.md"),
    )}
    assert mention_ids == {0: "arxiv:2212.09748", 1: "arxiv:2212.09748", 2: "arxiv:2212.09748"}
    assert problems == [Diagnostic(
        "Survey.md", 9, "warning", "conflicting-year",
        "'DiT: Scalable Diffusion Models with Transformers' has year 2023 here but 2022 in Reading.md:4",
        "make the year agree, or fix the title if these are different papers")]
    assert index.lookup("name:dit") == 0 and index.lookup("note:Papers/DiT.md") == 1
    assert index.lookup("title:nothing") is None


def test_the_highest_reading_status_wins_and_no_status_stays_none() -> None:
    def status_of(*statuses: str | None) -> object:
        index = PaperIndex()
        for line, status in enumerate(statuses, start=1):
            index.add(_paper("Latte", sources=_at("Home.md", line, "queue"), status=status))
        papers, _, _ = index.freeze()
        return [paper.status for paper in papers.values()]

    assert status_of("read", "reading", "to-read") == ["read"]
    assert status_of("to-read", "reading", None) == ["reading"]
    assert status_of(None, "to-read") == ["to-read"]
    assert status_of(None, None) == [None]


def test_one_note_with_two_arxiv_ids_is_one_paper_and_a_conflict_naming_the_first() -> None:
    index = PaperIndex()
    index.add(_paper("MAE", sources=_at("MAE.md", 1, "note"), note=NoteKey("MAE.md"), arxiv="2111.06377"))
    index.add(_paper("MAE", sources=_at("MAE.md", 12, "table"), note=NoteKey("MAE.md"), arxiv="2111.99999"))
    papers, mention_ids, problems = index.freeze()
    assert list(papers) == ["arxiv:2111.06377"] and mention_ids == {0: "arxiv:2111.06377", 1: "arxiv:2111.06377"}
    assert problems == [Diagnostic(
        "MAE.md", 12, "warning", "conflicting-arxiv", "'MAE' has arxiv 2111.99999 here but 2111.06377 in MAE.md:1",
        "make the arxiv agree, or fix the title if these are different papers")]


def test_a_conflict_between_mentions_without_sources_names_no_place() -> None:
    index = PaperIndex()
    index.add(_paper("VDM", arxiv="2204.03458", year=2022))
    index.add(_paper("VDM", arxiv="2204.03458", year=2021))
    _, _, problems = index.freeze()
    assert problems == [Diagnostic("", 1, "warning", "conflicting-year", "'VDM' has two years",
                                   "make the year agree, or fix the title if these are different papers")]


def test_same_titled_papers_kept_apart_get_numbered_ids_in_source_order() -> None:
    index = PaperIndex()
    index.add(_paper("Scaling Laws", sources=_at("B.md", 3, "survey"), year=2022))
    index.add(_paper("Scaling Laws", sources=_at("A.md", 7, "survey"), year=2020))
    index.add(_paper("Scaling Laws", sources=_at("C.md", 1, "survey"), year=2024))
    index.add(_paper("Scaling Laws", sources=_at("D.md", 1, "queue")))  # no year: joins the first owner
    papers, mention_ids, problems = index.freeze()
    assert {pid: (paper.year, [s.path for s in paper.sources]) for pid, paper in papers.items()} == {
        "title:scaling-laws": (2020, ["A.md"]),
        "title:scaling-laws-2": (2022, ["B.md", "D.md"]),
        "title:scaling-laws-3": (2024, ["C.md"]),
    }
    assert mention_ids == {0: "title:scaling-laws-2", 1: "title:scaling-laws", 2: "title:scaling-laws-3",
                           3: "title:scaling-laws-2"}
    assert problems == []


def test_a_doi_shared_across_different_arxiv_ids_does_not_join() -> None:
    index = PaperIndex()
    index.add(_paper("A", arxiv="2101.00001", doi="10.1/same"))
    index.add(_paper("B", arxiv="2101.00002", doi="10.1/same"))
    index.add(_paper("C", doi="10.1/same"))  # joins the first owner of the DOI
    papers, mention_ids, _ = index.freeze()
    assert sorted(papers) == ["arxiv:2101.00001", "arxiv:2101.00002"]
    assert mention_ids == {0: "arxiv:2101.00001", 1: "arxiv:2101.00002", 2: "arxiv:2101.00001"}


def test_evidence_gathered_by_a_merge_keeps_a_later_title_mention_apart() -> None:
    index = PaperIndex()
    index.add(_paper("Latte", year=2024))
    index.add(_paper("Latte", arxiv="2401.03048"))  # joins by title; the group now has both facts
    index.add(_paper("Latte", arxiv="2999.00001"))  # the group's arXiv id disagrees
    index.add(_paper("Latte", year=2023))  # disagrees with the first group's year, not the second's
    _, mention_ids, _ = index.freeze()
    assert mention_ids == {0: "arxiv:2401.03048", 1: "arxiv:2401.03048", 2: "arxiv:2999.00001",
                           3: "arxiv:2999.00001"}


@pytest.mark.parametrize(("first", "second", "names", "expected"), [
    ({"year": frozenset([2020])}, {"year": frozenset([2021])}, ("arxiv", "doi", "citekey", "year"), True),
    ({"year": frozenset([2020])}, {"year": frozenset([2021])}, ("arxiv", "doi", "citekey"), False),
    ({"year": frozenset([2020, 2021])}, {"year": frozenset([2021])}, ("year",), False),
    ({"year": frozenset([2020])}, {}, ("year",), False),
    ({}, {"doi": frozenset(["x"])}, ("doi",), False),
])
def test_disagree_needs_both_to_know_a_fact_and_share_no_value(first, second, names, expected) -> None:
    assert disagree(first, second, names) is expected


def test_disagree_by_default_weighs_strong_keys_and_years() -> None:
    assert disagree({"citekey": frozenset(["a"])}, {"citekey": frozenset(["b"])})
    assert disagree({"year": frozenset([1])}, {"year": frozenset([2])})
    assert not disagree({"venue": frozenset(["a"])}, {"venue": frozenset(["b"])})


def _note(path: str, title: str, **facts: object) -> Paper:
    return _paper(title, sources=_at(path, 1, "note"), note=NoteKey(path), **facts)


def test_notes_joined_only_by_title_are_each_reported_against_the_first() -> None:
    index = PaperIndex()
    index.add(_note("A.md", "Video Diffusion Models"))
    index.add(_note("B.md", "Video Diffusion Models", year=2022))
    index.add(_paper("Video Diffusion Models", sources=_at("List.md", 2, "survey")))
    index.add(_note("C.md", "video diffusion models!"))
    _, _, problems = index.freeze()
    hint = ("if they are different papers, give each its own `arxiv:` (or `doi:`, `year:`) or title; "
            "if they are one paper, add `aliases: [{}]` to A.md or give both the same `arxiv:`")
    assert problems == [
        Diagnostic("B.md", 1, "warning", "title-only-merge", "B.md and A.md are taken for one paper only "
                   "because their titles match ('Video Diffusion Models')", hint.format("B")),
        Diagnostic("C.md", 1, "warning", "title-only-merge", "C.md and A.md are taken for one paper only "
                   "because their titles match ('video diffusion models!')", hint.format("C")),
    ]


@pytest.mark.parametrize(("first", "second", "aliases"), [
    (_note("A/Latte.md", "Latte v1"), _note("B/Latte.md", "Latte v1"), {}),  # the same file name
    (_note("A.md", "Latte"), _note("B.md", "Latte"), {"B.md": frozenset(["a"])}),  # B names A's file
    (_note("A.md", "Latte"), _note("B.md", "Latte"), {"B.md": frozenset(["latte"])}),  # B names A's title
    (_note("A.md", "Latte"), _note("B.md", "Latte"), {"A.md": frozenset(["b"])}),  # A names B's file
    (_note("A.md", "Latte"), _note("B.md", "Latte"), {"A.md": frozenset(["latte"])}),  # A names B's title
    (_note("A.md", "Latte", doi="10.1/x"), _note("B.md", "Latte", doi="10.1/x"), {}),
    (_note("A.md", "Latte", citekey="ma2024"), _note("B.md", "Latte", citekey="ma2024"), {}),
])
def test_notes_one_paper_on_purpose_are_not_reported(first: Paper, second: Paper, aliases) -> None:
    index = PaperIndex()
    index.add(first)
    index.add(second)
    papers, _, problems = index.freeze(aliases)
    assert len(papers) == 1 and problems == []


def test_aliases_of_another_note_do_not_excuse_a_title_only_merge() -> None:
    index = PaperIndex()
    index.add(_note("A.md", "Latte"))
    index.add(_note("B.md", "Latte"))
    _, _, problems = index.freeze({"C.md": frozenset(["a", "b", "latte"])})
    assert [(d.path, d.code) for d in problems] == [("B.md", "title-only-merge")]


def test_a_short_name_gives_way_to_the_full_title_that_starts_with_it() -> None:
    index = PaperIndex()
    index.add(_note("Latte.md", "Latte"))
    index.add(_paper("Latter Days", sources=_at("Home.md", 1, "queue")))  # not "latte " + more
    index.add(_paper("Latte: Latent Diffusion Transformer", sources=_at("Home.md", 2, "survey")))
    papers, _, _ = index.freeze()
    assert [(p.title, p.short_name) for p in papers.values()] == [
        ("Latte: Latent Diffusion Transformer", "Latte"), ("Latter Days", "")]


def test_a_short_name_of_a_mention_is_kept_when_the_title_is_already_full() -> None:
    index = PaperIndex()
    index.add(_paper("Masked Autoencoders", sources=_at("A.md", 1, "survey"), short_name="MAE"))
    papers, _, _ = index.freeze()
    assert [(p.title, p.short_name) for p in papers.values()] == [("Masked Autoencoders", "MAE")]


@pytest.mark.parametrize(("title", "file_stem", "expected"), [
    ("Masked Autoencoders阅读笔记", "Masked Autoencoders", "Masked Autoencoders"),
    ("MaskedAutoencoders v2", "Masked Autoencoders", "Masked Autoencoders"),  # spaces do not count
    ("Masked Autoencoders", "Masked Autoencoders", ""),  # the same name: nothing to add
    ("masked autoencoders!", "Masked Autoencoders", ""),  # the same once folded
    ("Autoencoders Masked", "Masked Autoencoders", ""),
    ("Anything", "???", ""),  # a stem without letters or digits names nothing
])
def test_decorated_stem(title: str, file_stem: str, expected: str) -> None:
    assert decorated_stem(title, file_stem) == expected


def test_a_shared_citation_key_joins_mentions_whatever_their_years_say() -> None:
    index = PaperIndex()
    index.add(_paper("Segment Anything", sources=_at("A.md", 1, "survey"), citekey="kirillov2023", year=2023))
    index.add(_paper("SAM", sources=_at("B.md", 1, "survey"), citekey="kirillov2023", year=2024))
    papers, _, problems = index.freeze()
    assert [(p.title, p.citekey, p.year) for p in papers.values()] == [("Segment Anything", "kirillov2023", 2023)]
    assert [d.code for d in problems] == ["conflicting-year"]


def test_facts_are_picked_by_line_within_a_file_and_the_first_mention_gives_the_anchor() -> None:
    index = PaperIndex()
    index.add(_paper("VDM", sources=_at("Home.md", 9, "table"), venue="NeurIPS", anchor="vdm-table"))
    index.add(_paper("VDM", sources=_at("Home.md", 2, "queue"), venue="arXiv", anchor="vdm"))
    papers, _, _ = index.freeze()
    assert [(p.venue, p.anchor, [s.line for s in p.sources]) for p in papers.values()] == [("arXiv", "vdm", [2, 9])]


@pytest.mark.parametrize("year", [2020, 2021])
def test_a_merged_group_keeps_the_facts_of_both_sides(year: int) -> None:
    """Joined by an arXiv id despite their years, a group knows both years: a later mention
    by title with either year joins it."""
    index = PaperIndex()
    index.add(_paper("Latte", arxiv="2401.03048", year=2020))
    index.add(_paper("Latte v2", arxiv="2401.03048", year=2021))
    index.add(_paper("Latte", year=year))
    _, mention_ids, _ = index.freeze()
    assert set(mention_ids.values()) == {"arxiv:2401.03048"}


def test_each_note_joined_by_title_is_reported_after_one_joined_on_purpose() -> None:
    index = PaperIndex()
    index.add(_note("A/Latte.md", "Latte"))
    index.add(_note("B/Latte.md", "Latte"))  # the same file name: one paper on purpose
    index.add(_note("C.md", "Latte"))
    _, _, problems = index.freeze()
    assert [(d.path, d.code) for d in problems] == [("C.md", "title-only-merge")]


def test_a_mention_that_links_a_note_is_no_paper_note_of_its_own() -> None:
    """A queue item linking `B.md` carries B as its note, but is not B's paper note: joined to
    the note A.md by title, it is no title-only merge of two notes."""
    index = PaperIndex()
    index.add(_note("A.md", "Latte"))
    index.add(_paper("Latte", sources=_at("Home.md", 3, "queue"), note=NoteKey("B.md")))
    papers, _, problems = index.freeze()
    assert len(papers) == 1 and problems == []


@pytest.mark.parametrize("title", ["paper", "Paper Notes", "README", "2021", "Untitled 3", "{{title}}", "论文标题"])
def test_a_title_every_note_could_have_joins_nothing(title: str) -> None:
    """What a generic file name, a year folder or a template gives every note is no evidence."""
    index = PaperIndex()
    index.add(_note("Detection/2021/paper.md", title, year=2021))
    index.add(_note("Segmentation/2021/paper.md", title, year=2021))
    index.add(_paper(title, sources=_at("Queue.md", 3, "queue")))
    papers, mention_ids, problems = index.freeze()
    assert len(papers) == 3 and len(set(mention_ids.values())) == 3 and problems == []
    assert not any(key.startswith(("title:", "name:")) for key in identity_keys(_paper(title)))


def test_a_generic_head_is_not_a_short_name() -> None:
    assert identity_keys(_paper("Paper: Scalable Diffusion Models with Transformers")) == [
        "title:paper scalable diffusion models with transformers"]
    assert sorted(_merge("Paper: Scalable Diffusion Models", "Paper: Masked Autoencoders", "Paper")) == [
        ["Paper"], ["Paper: Masked Autoencoders"], ["Paper: Scalable Diffusion Models"]]


def test_a_question_still_names_a_paper() -> None:
    assert _merge("Do Vision Transformers See Like CNNs?", "do vision transformers see like cnns") == [
        ["Do Vision Transformers See Like CNNs?", "do vision transformers see like cnns"]]


def test_notes_with_one_generic_file_name_joined_by_title_are_reported() -> None:
    """`Pose/2023/HandNet/paper.md` and `ViT/2023/HandNet/paper.md`: one paper by its title, but
    the shared file name `paper` is not a sign that it is on purpose."""
    index = PaperIndex()
    index.add(_note("Pose/2023/HandNet/paper.md", "HandNet", year=2023))
    index.add(_note("ViT/2023/HandNet/paper.md", "HandNet", year=2023))
    papers, _, problems = index.freeze()
    assert list(papers) == ["title:handnet"]
    assert [(d.path, d.code) for d in problems] == [("ViT/2023/HandNet/paper.md", "title-only-merge")]


def test_a_queue_item_that_reads_like_a_to_do_still_joins_its_paper() -> None:
    full = "Make-Your-Clip: Customized Clip Generation Using Text"
    assert _merge(full, "Make Your clip") == [[full, "Make Your clip"]]
