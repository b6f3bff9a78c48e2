"""Authors and venues: names folded into people, venues without their years, their pages."""

from __future__ import annotations

from papernotes.bib.directory import build_directory
from papernotes.model import Paper, PaperId, Source

SOURCE = (Source("a.md", 1, "note"),)  # type: ignore[arg-type]


def _paper(title: str, authors: tuple[str, ...], venue: str | None = None, year: int | None = None) -> Paper:
    return Paper(title=title, sources=SOURCE, authors=authors, venue=venue, year=year)


def test_authors_fold_and_stay_apart():
    directory = build_directory([
        (PaperId("a"), _paper("A", ("He, Kaiming", "Zhang, Xiangyu"), "CVPR 2016")),
        (PaperId("b"), _paper("B", ("Kaiming He", "Xin Zhang"), "CVPR'23")),
        (PaperId("c"), _paper("C", ("K. He", "X. Zhang", "何恺明"), "arXiv")),
    ])
    kaiming = directory.author_slug["He, Kaiming"]
    assert kaiming == directory.author_slug["Kaiming He"] == directory.author_slug["K. He"] == "kaiming-he"
    assert directory.authors[kaiming].papers == ("a", "b", "c")
    # Two Zhangs with an X: `X. Zhang` could be either, so it is a person of its own.
    assert len({directory.author_slug[n] for n in ("Zhang, Xiangyu", "Xin Zhang", "X. Zhang")}) == 3
    assert directory.authors[directory.author_slug["何恺明"]].name == "何恺明"
    assert directory.coauthors(kaiming, {PaperId("a"): _paper("A", ("He, Kaiming", "Zhang, Xiangyu"))}) == [
        ("xiangyu-zhang", 1)]


def test_a_cjk_name_written_given_first_joins_the_library_s_family_first_one():
    directory = build_directory([
        (PaperId("a"), _paper("A", ("岚 宋", "伯涛 傅"))),  # a Zotero template's `{{firstName}} {{lastName}}`
        (PaperId("b"), _paper("B", ("宋, 岚", "김, 서윤"))),  # a library's `family, given`
        (PaperId("c"), _paper("C", ("서윤 김", "宋岚"))),
    ])
    song = directory.author_slug["岚 宋"]
    assert song == directory.author_slug["宋, 岚"] == directory.author_slug["宋岚"] == "宋岚"
    assert (directory.authors[song].name, directory.authors[song].papers) == ("宋岚", ("a", "b", "c"))
    assert directory.author_slug["伯涛 傅"] == "傅伯涛"
    assert directory.author_slug["서윤 김"] == directory.author_slug["김, 서윤"] == "김서윤"


def test_venues_fold_years_and_arxiv_is_its_own():
    directory = build_directory([
        (PaperId("a"), _paper("A", (), "CVPR 2023")), (PaperId("b"), _paper("B", (), "CVPR'23")),
        (PaperId("c"), _paper("C", (), "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern "
                                       "Recognition (CVPR)")),
        (PaperId("d"), _paper("D", (), "arXiv preprint arXiv:2301.00001")), (PaperId("e"), _paper("E", (), "arXiv")),
    ])
    assert {slug: group.papers for slug, group in directory.venues.items()} == {
        "cvpr": ("a", "b", "c"), "arxiv": ("d", "e")}


def test_slugs_are_unique_and_never_index():
    directory = build_directory([(PaperId("a"), _paper("A", ("Index", "Ann-Marie Doe"))),
                                 (PaperId("b"), _paper("B", ("Ann Marie Doe",)))])
    assert sorted(directory.authors) == ["ann-marie-doe", "ann-marie-doe-2", "index-2"]
    assert directory.authors["ann-marie-doe-2"].name == "Ann-Marie Doe"  # sorted by name: the space first


def test_slug_collisions_name_both_authors_and_both_venues():
    """Two people (or venues) whose names slugify alike: the later one's page gets `-2`, and an
    info at its first paper names both, as topics' `topic-slug-taken` does; `index` is the
    folder's own page, taken without a diagnostic."""
    elsewhere = (Source("b.md", 7, "note"),)  # type: ignore[arg-type]
    papers = [(PaperId("a"), _paper("A", ("Ann Marie Doe", "Index"), "C Conference")),
              (PaperId("b"), Paper(title="B", sources=elsewhere, authors=("Ann-Marie Doe",), venue="C++ Conference")),
              (PaperId("c"), _paper("C", ("Ann Marie Doe",), "C Conference 2021"))]
    directory = build_directory(papers)
    assert {slug: group.papers for slug, group in directory.venues.items()} == {
        "c-conference": ("a", "c"), "c-conference-2": ("b",)}
    assert [(d.path, d.line, d.level, d.code, d.message, d.hint) for d in directory.diagnostics] == [
        ("b.md", 7, "info", "author-slug-taken",
         "author 'Ann-Marie Doe' would have the URL of author 'Ann Marie Doe'; its page is authors/ann-marie-doe-2/",
         "write the two names the same way if they are one person"),
        ("b.md", 7, "info", "venue-slug-taken",
         "venue 'C++ Conference' would have the URL of venue 'C Conference'; its page is venues/c-conference-2/",
         "write the two names the same way if they are one venue"),
    ]
    assert build_directory(list(reversed(papers))).diagnostics == directory.diagnostics  # the same every build
    assert not build_directory(papers[:1]).diagnostics


def test_library_papers_join_but_add_no_pages():
    directory = build_directory([(PaperId("a"), _paper("A", ("Kaiming He",), "CVPR 2016"))],
                                [(PaperId("lib1"), _paper("L1", ("He, Kaiming", "Only Library"), "CVPR'22")),
                                 (PaperId("lib2"), _paper("L2", ("Someone Else",), "ICML"))])
    assert {slug: group.papers for slug, group in directory.authors.items()} == {"kaiming-he": ("a", "lib1")}
    assert {slug: group.papers for slug, group in directory.venues.items()} == {"cvpr": ("a", "lib1")}
    assert "Only Library" not in directory.author_slug and "ICML" not in directory.venue_slug
