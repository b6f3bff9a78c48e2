"""Lists of linked titles under a heading that names papers, from fixtures/entries/paper_lists.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, paper_lists, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "paper_lists.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("README.md"), 1, NoteMeta(), TEXT)


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def found() -> list[tuple[int, str, str, tuple[tuple[str, str], ...]]]:
    papers = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    return [(p.sources[0].line, p.sources[0].kind, p.title, p.links) for p in papers]


def test_linked_titles_under_papers_headings_and_nothing_else() -> None:
    assert found() == [
        (line_of("[Tidal"), "paper-list", "Tidal Scheduling: Moving Work Between Accelerators",
         (("note", "papers/Tidal-Scheduling"),)),
        (line_of("[Pebble"), "paper-list", "Pebble: A Tiny Runtime for Sparse Kernels",
         (("note", "notes/pebble.md"),)),
        (line_of("[Coral"), "paper-list", "Coral-Caches-for-Irregular-Graph-Walks",
         (("note", "papers/Coral-Caches-for-Irregular-Graph-Walks"),)),
        # a link to a paper's host is a reading-log entry wherever it is; that convention reads it first
        (line_of("[Quilted"), "reading-log", "Quilted Memory Hierarchies for Graph Workloads",
         (("paper", "https://dl.acm.org/doi/10.1145/0000001.0000002"),)),
        (line_of("[Granite"), "reading-log", "Granite: Stream Processing on Manycore Chips",
         (("paper", "https://ieeexplore.ieee.org/document/1234567"),)),
        (line_of("[Folded"), "paper-list", "Folded Attention for Long Sequences",
         (("note", "../2023/Folded-Attention/"),)),
    ]


def test_a_citation_after_the_link_gives_authors_venue_and_year() -> None:
    folded = recognise_entries(make_parser().parse(TEXT), CONTEXT)[-1]
    assert (folded.authors, folded.venue, folded.year) == (("Moreau",), "ICLR", 2024)


def test_without_a_papers_heading_only_paper_links_remain() -> None:
    text = TEXT.replace("List of Papers", "Contents").replace("Two Papers A Week", "Weekly")
    text = text.replace("References to Follow Up", "Follow up")
    context = EntryContext(NoteKey("README.md"), 1, NoteMeta(), text)
    assert [p.title for p in recognise_entries(make_parser().parse(text), context)] == [
        "Quilted Memory Hierarchies for Graph Workloads",
        "Granite: Stream Processing on Manycore Chips",
    ]


def recognised(path: str, text: str) -> list[tuple[int, str, tuple[tuple[str, str], ...]]]:
    context = EntryContext(NoteKey(path), 1, NoteMeta(), text)
    return [(p.sources[0].line, p.title, p.links) for p in recognise_entries(make_parser().parse(text), context)]


READING_LIST = """\
# Solar

- [[Harvesting Light with Folded Cells]]
  Foundational; read it first.
- [[Want to Read/Tiny Converters for Tiny Panels|Tiny Converters for Tiny Panels]]
- In [[Harvesting Light with Folded Cells]], why a square wave?
- [[Glare]]

This approach appeals to me because
 - It is easy to see how it works
"""


def test_a_literature_review_folder_makes_its_notes_reading_lists_of_wikilinks() -> None:
    assert recognised("Literature Reviews/Solar.md", READING_LIST) == [
        (3, "Harvesting Light with Folded Cells", (("note", "Harvesting Light with Folded Cells"),)),
        (5, "Tiny Converters for Tiny Panels", (("note", "Want to Read/Tiny Converters for Tiny Panels"),)),
    ]


READING_REVIEW = """\
# Converters
* [[Harvesting Light with Folded Cells]]
* Loss budget of boost stages in intermittent harvesting nodes
* 250 mW transformerless boost stage for soil batteries
* ELI: bare-metal paging for I/O devices
* Control logic to retune the clock would cost too much (I think this is it.)
* It is easy for me to see how it works
* ADC is handled by a tiny ramp comparator
* Ask Ben first
"""


def test_a_literature_review_note_takes_unlinked_titles_but_not_remarks() -> None:
    assert recognised("Literature Reviews/Converters.md", READING_REVIEW) == [
        (2, "Harvesting Light with Folded Cells", (("note", "Harvesting Light with Folded Cells"),)),
        (3, "Loss budget of boost stages in intermittent harvesting nodes", ()),
        (4, "250 mW transformerless boost stage for soil batteries", ()),
        (5, "ELI: bare-metal paging for I/O devices", ()),
    ]
    assert recognised("Want to Read/Converters.md", READING_REVIEW) == []


def test_one_paper_notes_folders_are_not_reading_lists() -> None:
    assert recognised("Want to Read/Solar.md", READING_LIST) == []
    assert recognised("literature_review/papers/Solar.md", READING_LIST) == []
    template = "# 📄 [Paper title]\n\n## Related work\n- [[Related paper number 1]] - [how]\n"
    assert recognised("templates/paper-template.md", template) == []


def test_a_note_named_as_a_reading_list_takes_unlinked_titles() -> None:
    text = (
        "Reading queue\n"
        "- Quorum: Fair Scheduling for Shared Accelerators\n"
        "- https://github.com/someone/tool\n"
        "- Adaptive learning of converter duty cycles for small wind turbines\n"
        "  the follow-up to the other paper.\n"
        "- Long, probably good.\n"
        "- Too short\n"
    )
    assert recognised("Articles to read.md", text) == [
        (2, "Quorum: Fair Scheduling for Shared Accelerators", ()),
        (4, "Adaptive learning of converter duty cycles for small wind turbines", ()),
    ]
    assert recognised("Articles.md", text) == []


def test_an_instruction_with_code_in_a_papers_readme_is_not_a_title() -> None:
    # a README titled `# [Papers](…)` whose "Getting Started" section tells how to add a note
    text = (
        "# [Papers](https://example.org/papers)\n"
        "A compendium of notes on papers.\n\n"
        "## Getting Started\n"
        "- Run `make` to convert each markdown file `foo.md` into an HTML file\n"
        "  using `pandoc`.\n"
        "- Quorum: Fair Scheduling for Shared Accelerators\n"
    )
    assert recognised("README.md", text) == [
        (7, "Quorum: Fair Scheduling for Shared Accelerators", ()),
    ]


def test_an_authors_line_read_as_a_list_item_is_not_a_title() -> None:
    # seed 001 (`논문 읽기.md`, a note named as a reading list): a bold title's `* authors *\` line
    # opens a list item of its own; the people it names title no paper
    text = (
        "**MasaCtrl: Tuning-Free Mutual Self-Attention Control** \\\n"
        "* Mingdeng Cao, Xintao Wang, Zhongang Qi, Ying Shan *\\\n"
        "arXiv 2023. [[Paper](https://arxiv.org/abs/2304.08465)]\n\n"
        "- Quorum: Fair Scheduling for Shared Accelerators\n"
    )
    assert recognised("Papers to read.md", text) == [
        (1, "MasaCtrl: Tuning-Free Mutual Self-Attention Control", (("paper", "https://arxiv.org/abs/2304.08465"),)),
        (5, "Quorum: Fair Scheduling for Shared Accelerators", ())]


def test_a_list_of_papers_heading_takes_unlinked_titles_and_notes_on_the_repository_host() -> None:
    text = (
        "# 0105-0111 阅读总结\n\n## 论文列表\n\n"
        "- [Folded Sensing for Sparse Ultrasound](https://github.com/me/notes/blob/master/folded-sensing.md)\n"
        "- Deep Priors for Snapshot Spectral Imaging\n"
        "- Unpublished paper (will update if it's accepted)\n\n"
        "## 感想\n\n- Deep Priors for Everything Else\n"
    )
    assert recognised("0105-0111-reading.md", text) == [
        (5, "Folded Sensing for Sparse Ultrasound",
         (("note", "https://github.com/me/notes/blob/master/folded-sensing.md"),)),
        (6, "Deep Priors for Snapshot Spectral Imaging", ()),
    ]


def test_raw_html_lists_of_linked_titles_in_a_papers_section() -> None:
    text = (
        "# Paper Notes\n\n"
        "### Common\n- [Shared Terms](common/terms.md)\n\n"
        "### 2025\n"
        "<ul>\n"
        '  <li><details><summary>'
        '<a href="2025/Heron-_Sparse_Flight/">(Heron) Heron: Sparse Flight Paths</a></summary>\n'
        "    <ul>\n"
        '      <li>predicts <a href="https://example.com/x">some thing</a> from images</li>\n'
        "    </ul>\n"
        "  </details></li>\n"
        '  <li><a href="2025/Kite/">(Kite) Kite</a></li>\n'
        '  <li><a href="https://github.com/me/tool">A Tool for Drawing Flight Paths</a></li>\n'
        "</ul>\n"
    )
    found = recognise_entries(make_parser().parse(text), EntryContext(NoteKey("README.md"), 1, NoteMeta(), text))
    assert [(p.sources[0].line, p.title, p.short_name, p.links) for p in found] == [
        (8, "Heron: Sparse Flight Paths", "Heron", (("note", "2025/Heron-_Sparse_Flight/"),)),
        (13, "Kite", "Kite", (("note", "2025/Kite/"),)),
    ]


def test_references_written_as_a_bibliography_writes_them() -> None:
    text = (
        "# Notes on Folded Sensing\n\n### 参考文献\n\n"
        "几篇值得看的。\n\n"
        "1. Ada Obi, Ben K. Tran, and Łukasz Li. Folded sensing for sparse ultrasound. In ICIP, 2019. 很重要。\n"
        "2. Jun Li and Mara Ode. Deep priors: one more try. arXiv preprint arXiv:2012.00364, 2020.\n"
        "3. Mara Ode, Jun Li. Tiny transformer. 直接的应用。\n"
        "4. We read this one twice. It was good.\n"
        "5. The student from that lab wrote a thesis about it. Should read.\n"
    )
    found = recognise_entries(make_parser().parse(text), EntryContext(NoteKey("folded.md"), 1, NoteMeta(), text))
    assert [(p.sources[0].line, p.title, p.year, p.authors) for p in found] == [
        (7, "Folded sensing for sparse ultrasound", 2019, ("Ada Obi", "Ben K. Tran", "Łukasz Li")),
        (8, "Deep priors: one more try", 2020, ("Jun Li", "Mara Ode")),
        (9, "Tiny transformer", None, ("Mara Ode", "Jun Li")),
    ]


def test_a_paragraph_of_one_link_a_line_in_a_reading_list_note() -> None:
    text = (
        "[Can Tiny Sensors Count Photons?](https://arxiv.org/pdf/2401.00001.pdf)\n"
        "[A 64 × 64 Gated Photon Counter for Lifetime Imaging](https://ieeexplore.ieee.org/document/1234567)\n"
        "[see the lab page](https://example.org/lab)\n\n"
        "We liked [Burst Imaging for Dim Scenes](https://dl.acm.org/doi/10.1145/0000001.0000003) a lot.\n"
    )
    assert [(line, title) for line, title, _ in recognised("Literature Reviews/Imaging.md", text)] == [
        (1, "Can Tiny Sensors Count Photons?"),
        (2, "A 64 × 64 Gated Photon Counter for Lifetime Imaging"),
    ]
    assert recognised("Imaging.md", text) == []


def test_a_short_linked_name_is_a_paper_with_its_citation_after_it() -> None:
    text = (
        "### References to Follow Up\n\n"
        "1. **[Gliders](../../2022/Gliders/)** — Tran et al., ECCV 2022: where it starts.\n"
        "2. **[Gliders](../../2022/Gliders/)**: where it starts.\n"
    )
    assert [(line, title) for line, title, _ in recognised("2023/Kites/README.md", text)] == [(3, "Gliders")]


def test_a_code_link_between_the_title_and_its_citation_is_no_author() -> None:
    text = "## Papers\n\n- [Folded Lattices for Sparse Fields](https://arxiv.org/abs/2001.00001)" \
           " [code](https://github.com/x/y), Lee, ICML 2020\n"
    context = EntryContext(NoteKey("README.md"), 1, NoteMeta(), text)
    (paper,) = paper_lists.recognise(make_parser().parse(text), context)
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Folded Lattices for Sparse Fields", ("Lee",), "ICML", 2020,
    )
