"""The scored paper-note decision on look-alike vaults of each convention (written here, not copied).

Each test builds a small vault the way one kind of real vault is laid out and asserts exactly which
notes are papers' notes, and which papers the graph holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from papernotes.graph import PaperGraph, build_graph
from papernotes.ids import venue_of_url
from papernotes.loader import load_note, load_vault
from papernotes.model import Note, NoteKey
from papernotes.recognise import DEFAULT_OPTIONS, RecogniseOptions, is_todo, title_problem
from papernotes.recognise.fields import citation_signals

MakeVault = Callable[[dict[str, str | bytes]], Path]


def graph_of(make_vault: MakeVault, files: dict[str, str | bytes],
             options: RecogniseOptions = DEFAULT_OPTIONS) -> PaperGraph:
    vault = load_vault(make_vault(files))
    return build_graph(vault.notes, vault.attachments, recognition=options)


def paper_notes(graph: PaperGraph) -> set[str]:
    return {key for key, decision in graph.decisions.items() if decision.is_paper}


def titles(graph: PaperGraph) -> set[str]:
    return {paper.title for paper in graph.papers.values()}


# --- papers/<publisher>/<venue>/<year>/<slug>.md, mostly without frontmatter ----------------------

FOLDER_VAULT: dict[str, str | bytes] = {
    "papers/ACM/ISCA/2019/hybrid-memory-cube-scheduling.md": (
        "## Scheduling Graph Workloads on Hybrid Memory Cubes\n"
        "#### Okafor, et al, 2019\n\n"
        "They move the frontier into the logic layer. Read with [[authors/Chidi Okafor]] in mind,\n"
        "see [[keywords/near-memory computing]].\n"
    ),
    "papers/IEEE/DAC/2018/sparse-conv-accelerator.md": (
        "## A Sparse Convolution Accelerator with Zero Skipping\n"
        "#### Liu, Liu, Wen, 2018 (DAC18)\n\nShort notes only.\n"
    ),
    "papers/ISCA/ISCA-2019/tiled-systolic-arrays.md": "The array is tiled so that weights stay put.\n",
    "papers/arXiv/2022/prompt-tuning-for-graphs.md": "Prompt tokens are prepended to node features.\n",
    "papers/README.md": "# Papers\nOne folder per publisher, then venue, then year.\n",
    "authors/Chidi Okafor.md": "# Chidi Okafor\nWorks on memory systems.\n",
    "keywords/near-memory computing.md": "# near-memory computing\n",
    "Reading log.md": "# Reading log\n- 2024-03-01 read the HMC paper again\n",
}


def test_folder_vault_every_paper_note_and_nothing_else(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FOLDER_VAULT)
    assert paper_notes(graph) == {
        "papers/ACM/ISCA/2019/hybrid-memory-cube-scheduling.md",
        "papers/IEEE/DAC/2018/sparse-conv-accelerator.md",
        "papers/ISCA/ISCA-2019/tiled-systolic-arrays.md",
        "papers/arXiv/2022/prompt-tuning-for-graphs.md",
    }
    assert len(graph.papers) == 4


def test_folder_vault_facts_from_folders_and_authors_lines(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FOLDER_VAULT)
    facts = {paper.note: (paper.year, paper.venue, paper.authors) for paper in graph.papers.values()}
    assert facts == {
        "papers/ACM/ISCA/2019/hybrid-memory-cube-scheduling.md": (2019, "ISCA", ("Okafor",)),
        "papers/IEEE/DAC/2018/sparse-conv-accelerator.md": (2018, "DAC", ("Liu", "Liu", "Wen")),
        "papers/ISCA/ISCA-2019/tiled-systolic-arrays.md": (2019, "ISCA", ()),
        "papers/arXiv/2022/prompt-tuning-for-graphs.md": (2022, "arXiv", ()),
    }


def test_people_are_authors_never_topics(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FOLDER_VAULT)
    topic_names = {topic.name for topic in graph.topics.values()}
    assert "near-memory computing" in topic_names
    assert not any("Okafor" in name or name in ("ISCA", "2019", "ACM") for name in topic_names)
    decision = graph.decisions[NoteKey("papers/ACM/ISCA/2019/hybrid-memory-cube-scheduling.md")]
    assert decision.facts.authors == ("Okafor",)  # the authors line comes before author links
    assert "author-links" in {signal.name for signal in decision.signals}


# --- a Dendron workspace: paper notes among notes on code ----------------------------------------

DENDRON = "---\nid: {id}\ntitle: {title}\ndesc: ''\nupdated: 1700000000000\ncreated: 1700000000000\n---\n"
DENDRON_VAULT: dict[str, str | bytes] = {
    "root.md": DENDRON.format(id="r0", title="Root") + "# Welcome\n",
    "paper.low-rank-adapters.md": DENDRON.format(id="p1", title="Low-Rank Adapters for Language Models") + (
        "[arXiv](https://arxiv.org/abs/2106.09685)\n\n## Ref and Tag\n#peft #llm\n\nThe update is low rank.\n"),
    "paper.subject-driven-generation.md": DENDRON.format(
        id="p2", title="Fine-Tuning Diffusion Models for Subject-Driven Generation") + (
        "- https://arxiv.org/abs/2208.12242\n\n## Method\nA rare token binds the subject.\n"),
    "ros.topics.md": DENDRON.format(id="c1", title="Topics") + (
        "| name | type | rate |\n| --- | --- | --- |\n| /joint_states | sensor_msgs/JointState | 50 |\n"
        "| /tf | tf2_msgs/TFMessage | 100 |\n| /cmd_vel | geometry_msgs/Twist | 10 |\n"),
    "ros.launch.md": DENDRON.format(id="c2", title="Launch files") + (
        "## Ref and Tag\n#ros #launch\n\n```xml\n<launch>\n  <node pkg=\"a\" type=\"b\"/>\n</launch>\n```\n"),
    "reading.links.md": DENDRON.format(id="c3", title="Links") + (
        "- [https://arxiv.org/abs/2106.09685](https://arxiv.org/abs/2106.09685)\n"
        "- [https://arxiv.org/abs/2208.12242](https://arxiv.org/abs/2208.12242)\n"
        "- [https://github.com/ros/ros_comm](https://github.com/ros/ros_comm)\n"),
    "cpp.smart-pointers.md": DENDRON.format(id="c4", title="Smart pointers") + (
        "## unique_ptr\n```cpp\nauto p = std::make_unique<int>(1);\n```\n"),
}


def test_dendron_workspace_only_the_paper_notes(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, DENDRON_VAULT)
    assert paper_notes(graph) == {"paper.low-rank-adapters.md", "paper.subject-driven-generation.md"}
    assert titles(graph) == {"Low-Rank Adapters for Language Models",
                             "Fine-Tuning Diffusion Models for Subject-Driven Generation"}
    assert {paper.arxiv for paper in graph.papers.values()} == {"2106.09685", "2208.12242"}
    assert not [d for d in graph.diagnostics if d.code.startswith("conflicting")]


# --- citation-plugin (Zotero) notes and their template ------------------------------------------

ZOTERO_VAULT: dict[str, str | bytes] = {
    "Literature/@okafor2021graphs.md": (
        "---\ncitekey: okafor2021graphs\ntitle: \"Graph Sampling at Scale\"\n"
        "authors: [Chidi Okafor, Mei Lin]\nyear: 2021\nurl: https://doi.org/10.1145/3400000.3400001\n---\n"
        "> [!abstract]\n> We sample subgraphs in constant memory.\n\n## Notes\nGood ablations.\n"),
    "Templates/zotero-literature.md": (
        "---\ncitekey: \"{{citekey}}\"\ntitle: \"{{title}}\"\nyear: \"{{date | format('YYYY')}}\"\n---\n"
        "> [!abstract]\n> {{abstractNote}}\n"),
    "Literature/Literature index.md": "# Literature index\n- [[@okafor2021graphs]]\n",
}


def test_citation_plugin_notes_and_not_their_template(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, ZOTERO_VAULT)
    assert paper_notes(graph) == {"Literature/@okafor2021graphs.md"}
    (paper,) = graph.papers.values()
    assert (paper.title, paper.year, paper.authors, paper.doi) == (
        "Graph Sampling at Scale", 2021, ("Chidi Okafor", "Mei Lin"), "10.1145/3400000.3400001")
    names = {signal.name for signal in graph.decisions[NoteKey("Literature/@okafor2021graphs.md")].signals}
    assert {"citekey", "abstract-callout", "paper-folder"} <= names


# --- Logseq pages: `key:: value` properties -----------------------------------------------------

LOGSEQ_VAULT: dict[str, str | bytes] = {
    "pages/Graph Sampling at Scale.md": (
        "title:: Graph Sampling at Scale\ntype:: paper\nauthors:: [[Chidi Okafor]], [[Mei Lin]]\n"
        "year:: 2021\n\n- read the sampling section\n"),
    "pages/Reservoir sampling.md": "title:: Reservoir sampling\ntype:: concept\n\n- keep k items\n",
    "pages/Contrastive Pretraining Revisited.md": "year:: 2023\nauthors:: Mei Lin\n\n- notes\n",
}


def test_logseq_properties(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, LOGSEQ_VAULT)
    assert paper_notes(graph) == {"pages/Graph Sampling at Scale.md", "pages/Contrastive Pretraining Revisited.md"}
    years = {paper.note: paper.year for paper in graph.papers.values()}
    assert years == {"pages/Graph Sampling at Scale.md": 2021, "pages/Contrastive Pretraining Revisited.md": 2023}
    assert graph.decisions[NoteKey("pages/Graph Sampling at Scale.md")].overridden_by == "`type: paper`"


# --- to-do checklists and queues --------------------------------------------------------------

TODO_VAULT: dict[str, str | bytes] = {
    "Writing.md": (
        "# Paper CheckList\n- [ ] motivation-method-experiment 要一致\n- [ ] 图表清晰, figures readable\n"
        "- [x] related work 完整\n"),
    "Home.md": (
        "## Reading list\n- [x] [[Sparse Attention Revisited]]\n"
        "- [x] Figure out how to color-code nodes in the graph view\n"
        "- [ ] Deep Residual Learning for Image Recognition\n- [ ] add tags to old notes\n"),
    "Sparse Attention Revisited.md": "# Sparse Attention Revisited\nBlock-sparse patterns.\n",
}


def test_checklists_and_todos_are_not_papers(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, TODO_VAULT)
    assert titles(graph) == {"Sparse Attention Revisited", "Deep Residual Learning for Image Recognition"}
    assert paper_notes(graph) == {"Sparse Attention Revisited.md"}
    (queue,) = graph.queues
    assert [item.paper is not None for item in queue.items] == [True, False, True, False]


def test_a_queue_item_linking_a_missing_note_is_named_by_that_note(make_vault: MakeVault) -> None:
    # seed 000: the alias reads as a to-do (`Make ... video`), the note's name `Make-Your-Video` does
    # not; a link to a missing note named like a to-do is still no paper
    graph = graph_of(make_vault, {"Home.md": (
        "## Paper queue\n- [x] [[Diffusion/Make-Your-Video|Make Your video]]\n- [ ] [[Write summary|write it]]\n")})
    assert titles(graph) == {"Make Your video"}
    (queue,) = graph.queues
    assert [item.paper is not None for item in queue.items] == [True, False]


def test_titles_that_are_never_papers() -> None:
    for text in ("https://arxiv.org/abs/2106.09685", "/joint_states", "src/nodes/planner.py", "Ref and Tag",
                 "References", "Figure out how to color-code nodes", "add tags to old notes",
                 "Why does this converge?", "总结", "10.1016/j.neuro.2011.04.007", "Excerpts",
                 "Highlights and quotes", "书摘"):
        assert title_problem(text) is not None, text
    for text in ("Table 4. 램프의 절제", "Figure 2: Overview of the lamp", "Fig. 3", "그림 2. 구조", "表1 结果",
                 "Algorithm 1"):
        assert title_problem(text) == "a caption", text
    for text in ("Make-A-Video", "Find Your Focus: Attention in Context", "Attention Is All You Need",
                 "CapsFusion: rethink data at scale", "seg gpt", "VAR / AR beat diffusion", "10.5 Bits per Pixel",
                 "Table2Text: Lamps", "Figure-ground Segregation in Lamps", "Tables Turned"):
        assert title_problem(text) is None, text
    assert is_todo("Write summary") and not is_todo("Write Once, Read Many Diffusion")


# --- the user decides ----------------------------------------------------------------------------

def test_frontmatter_and_config_override_the_score(make_vault: MakeVault) -> None:
    files: dict[str, str | bytes] = {
        "papers/2020/not-a-paper-after-all.md": "---\npaper: false\n---\nMeeting notes.\n",
        "Ideas/one idea.md": "---\nType: paper\n---\nA paper in all but name.\n",
        "Ideas/another.md": "---\nPaper: true\n---\ntext\n",
        "Ideas/kepano style.md": "---\ncategories:\n  - \"[[Papers]]\"\n---\ntext\n",
        "papers/2021/said-no.md": "---\npaper: \"no\"\n---\ntext\n",
        "drafts/2021/CVPR/unfinished-draft.md": "text\n",
        "Reading/Plain note.md": "text\n",
    }
    options = RecogniseOptions(paper_folders=("Reading/**",), not_papers=("drafts/",))
    graph = graph_of(make_vault, files, options)
    assert paper_notes(graph) == {"Ideas/one idea.md", "Ideas/another.md", "Ideas/kepano style.md",
                                  "Reading/Plain note.md"}
    decision = graph.decisions[NoteKey("drafts/2021/CVPR/unfinished-draft.md")]
    assert decision.overridden_by == "config `not_papers: drafts/`"
    assert graph.decisions[NoteKey("papers/2020/not-a-paper-after-all.md")].score >= 1.0


def test_authors_lines() -> None:
    from papernotes.recognise.signals import authors_line

    assert authors_line("Surname, et al, 2004") == (("Surname",), 2004, None)
    assert authors_line("Liu, Liu, Wen, 2018 (DAC18)") == (("Liu", "Liu", "Wen"), 2018, "DAC")
    assert authors_line("Vaswani et al. 2017") == (("Vaswani",), 2017, None)
    assert authors_line("Okafor and Lin, 2021") == (("Okafor", "Lin"), 2021, None)
    for text in ("Summer 2023", "Update, 2024", "Results of 2019", "We did it in 2019"):
        assert authors_line(text) is None, text
    # `et. Al`, `, and` before the last name, particles, equal-contribution marks, names linked
    # into a folder of people (shown as their paths)
    assert authors_line("Ada Obi, Li Wen, Ines Roth, et. Al, 2013") == (("Ada Obi", "Li Wen", "Ines Roth"), 2013, None)
    assert authors_line("Kim Lee, Bo Park, and Jo Yun, 2020") == (("Kim Lee", "Bo Park", "Jo Yun"), 2020, None)
    assert authors_line("Ana Das*, Mia van der Berg†, authors/Tom Oak, 2023") == (
        ("Ana Das", "Mia van der Berg", "Tom Oak"), 2023, None)
    assert authors_line("Tom van Hasselt, 2016") is None  # one name, nothing else: not enough


# --- one note per paper folder: `<year>/<Title>/README.md`, `papers/<Title>/paper.md` -------------

FOLDER_NOTES_VAULT: dict[str, str | bytes] = {
    "README.md": "# My reading\n- [Sparse Mixers](2021/Sparse_Mixers_for_Tiny_Images/README.md)\n",
    "2021/Sparse_Mixers_for_Tiny_Images/README.md": "# Sparse Mixers for Tiny Images\n\nA token mixer.\n",
    "2022/Gated_Recurrent_Tokenizers-_A_Study/README.md": "Notes on the tokenizer, no heading.\n",
    "2022/Hop_Fields_Revisited/README.md": "# Hop Fields Revisited\n\nShort.\n",
    "2023/Patch_Diffusion/README.md": "# Patch Diffusion\n\nTiles.\n",
    "Topic/2024/Wavelet Tokens for Audio/paper.md": "# Wavelet Tokens for Audio\n\n요약.\n",
    "docs/setup/README.md": "# Setup\n\nInstall the tools.\n",
    "docs/usage/README.md": "# Usage\n\nRun it.\n",
    "docs/usage/advanced.md": "# Advanced\n",
}


def test_a_folder_per_paper_with_one_readme(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FOLDER_NOTES_VAULT)
    assert paper_notes(graph) == {
        "2021/Sparse_Mixers_for_Tiny_Images/README.md",
        "2022/Gated_Recurrent_Tokenizers-_A_Study/README.md",
        "2022/Hop_Fields_Revisited/README.md",
        "2023/Patch_Diffusion/README.md",
        "Topic/2024/Wavelet Tokens for Audio/paper.md",
    }
    decision = graph.decisions[NoteKey("2023/Patch_Diffusion/README.md")]
    assert [signal.name for signal in decision.signals] == ["year-folder", "folder-note", "title-heading"]
    assert "Patch Diffusion" in titles(graph)
    assert "Gated_Recurrent_Tokenizers-_A_Study" in titles(graph)  # the folder's name, nothing better


def test_a_paper_md_without_a_title_is_titled_by_its_folder(make_vault: MakeVault) -> None:
    link = "url: https://arxiv.org/abs/2301.0000{}\n\n## GPT 정리\n\n요약.\n"
    graph = graph_of(make_vault, {
        "Lamps/2023/LampNet/paper.md": link.format(1),
        "Lamps/2024/SOIL_Semantic Online Lamp Calibration/paper.md": link.format(2),
        "Lamps/2022/Dim_Bulb_Networks/paper.md": link.format(3),
        "Lamps/2021/Glow Fields/paper.md": "# Glow Fields: Light as a Field\n\n" + link.format(4),
        # `#` headings further down keep the first from titling the note; it still titles the paper
        "Lamps/2020/LampRecon/paper.md": ("# LampRecon: Lamp Meshes From One Image\n\n" + link.format(5)
                                          + "\n# 1. Introduction\n\n서론.\n\n# Supplementary Materials\n\n부록.\n"),
        # only prose, but named `paper.md` alone in its folder, in a vault laid out that way
        "Lamps/2019/LampSeg/paper.md": "LampSeg 논문은 가로등을 분할한다.\n\n**주요 기여**\n1. 빠르다.\n",
        "Notes/paper.md": "LampSeg 논문은 가로등을 분할한다.\n",  # alone of its kind: not enough
    })
    assert paper_notes(graph) == {
        "Lamps/2023/LampNet/paper.md", "Lamps/2024/SOIL_Semantic Online Lamp Calibration/paper.md",
        "Lamps/2022/Dim_Bulb_Networks/paper.md", "Lamps/2021/Glow Fields/paper.md", "Lamps/2020/LampRecon/paper.md",
        "Lamps/2019/LampSeg/paper.md"}
    assert [(s.name, s.weight) for s in graph.decisions[NoteKey("Lamps/2019/LampSeg/paper.md")].signals] == [
        ("year-folder", 0.3), ("folder-note", 0.7)]
    assert [(s.name, s.weight) for s in graph.decisions[NoteKey("Notes/paper.md")].signals] == [("folder-note", 0.5)]
    assert titles(graph) == {"LampNet", "SOIL: Semantic Online Lamp Calibration", "Dim Bulb Networks",
                             "Glow Fields: Light as a Field", "LampRecon: Lamp Meshes From One Image", "LampSeg"}
    assert graph.notes[NoteKey("Lamps/2023/LampNet/paper.md")].title == "LampNet"
    # the folder is the paper, never a topic of its own (`LampNet`); year folders file, they name no subject
    assert {topic.name for topic in graph.topics.values()} == set()


def test_the_folder_above_paper_folders_is_their_topic(make_vault: MakeVault) -> None:
    readme = "# {0}\n\nLast, First, et al. \"{0}.\" 2021.\n\n## Summary\n\nShort.\n"
    graph = graph_of(make_vault, {
        f"Compilers/{name.replace(' ', '-')}/README.md": readme.format(name)
        for name in ("Loop Tiling Revisited", "Polyhedral Scheduling at Scale", "Vectorizing Sparse Kernels")})
    assert len(paper_notes(graph)) == 3
    assert [(topic.name, len(topic.papers)) for topic in graph.topics.values()] == [("Compilers", 3)]


@pytest.mark.parametrize(("url", "venue"), [
    ("https://proceedings.neurips.cc/paper_files/paper/2024/hash/03e9a69e-Abstract-Conference.html", "NeurIPS"),
    ("http://papers.nips.cc/paper/1713-lamp-gradient-methods.pdf", "NeurIPS"),
    ("https://openaccess.thecvf.com/content/CVPR2022/html/Obi_LampRecon_CVPR_2022_paper.html", "CVPR"),
    ("https://openaccess.thecvf.com/content_iccv_2017/html/Obi_Lamps_ICCV_2017_paper.html", "ICCV"),
    ("https://openaccess.thecvf.com/content/ICCV2023W/CVAMD/papers/Obi_Lamps_ICCVW_2023_paper.pdf", None),
    ("https://arxiv.org/abs/2301.00001", None),
    ("proceedings.neurips.cc/paper/2024", None),
])
def test_venues_that_proceedings_urls_name(url: str, venue: str | None) -> None:
    assert venue_of_url(url) == venue


def test_a_paper_link_near_the_top_gives_its_venue(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Lamps/2025/Glowba/paper.md": (
            "url: https://proceedings.neurips.cc/paper_files/paper/2024/hash/0a1b2c-Abstract-Conference.html\n\n"
            "## GPT 정리\n\n요약.\n"),
    })
    (paper,) = graph.papers.values()
    assert (paper.title, paper.year, paper.venue) == ("Glowba", 2025, "NeurIPS")


# --- Zotero-named pages (Logseq, Obsidian): `2000_Surname_Title` with its PDF --------------------

def test_zotero_named_pages_with_their_pdf(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "pages/2001_Okafor_Lattice anyons in a ladder.md": (
            "- ![2001_Okafor_Lattice anyons in a ladder.pdf](file://zotero/Lattice/"
            "2001_Okafor_Lattice anyons in a ladder.pdf)\n- # Setting\n\t- a ladder\n"),
        "pages/2015_Liu_Wen et al_Braiding from overlaps.md": (
            "type:: paper_reading\n\n- notes on braiding\n"),
        "pages/2019_Mbeki_Lectures on things.md": "- ![slides.pdf](../assets/slides_17.pdf)\n- notes\n",
        "pages/2024-01-05.md": "- a daily page\n",
    })
    assert paper_notes(graph) == {"pages/2001_Okafor_Lattice anyons in a ladder.md",
                                  "pages/2015_Liu_Wen et al_Braiding from overlaps.md"}
    decision = graph.decisions[NoteKey("pages/2001_Okafor_Lattice anyons in a ladder.md")]
    assert [signal.name for signal in decision.signals][:2] == ["zotero-name", "same-name-pdf"]
    assert (decision.facts.year, decision.facts.authors) == (2001, ("Okafor",))
    assert graph.decisions[NoteKey("pages/2019_Mbeki_Lectures on things.md")].score == 0.5


def test_a_zotero_name_is_cut_at_underscores_outside_math_and_before_the_first_part_not_a_name(
        make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "pages/2013_Okafor_Ruiz_Lattice Gauge Models with $Q_M$ Braid Rules.md": "type:: paper\n\n- notes\n",
        "pages/2020_van der Berg_Obi et al_Ladder anyons in $\\mathbb{Z}_2$ wires.md": "type:: paper\n\n- notes\n",
        "pages/Okafor_2011_Twisted ladders and their $a_b$ sums.md": "type:: paper\n\n- notes\n",
    })
    facts = {str(key): (d.facts.title, d.facts.year, d.facts.authors) for key, d in graph.decisions.items()}
    assert facts == {
        "pages/2013_Okafor_Ruiz_Lattice Gauge Models with $Q_M$ Braid Rules.md": (
            "Lattice Gauge Models with $Q_M$ Braid Rules", 2013, ("Okafor", "Ruiz")),
        "pages/2020_van der Berg_Obi et al_Ladder anyons in $\\mathbb{Z}_2$ wires.md": (
            "Ladder anyons in $\\mathbb{Z}_2$ wires", 2020, ("van der Berg", "Obi")),
        "pages/Okafor_2011_Twisted ladders and their $a_b$ sums.md": (
            "Twisted ladders and their $a_b$ sums", 2011, ("Okafor",)),
    }


def test_a_page_named_with_another_year_embeds_the_pdf_of_the_same_title(make_vault: MakeVault) -> None:
    # the page named by the preprint's year and title only; Zotero's PDF by the journal's year
    graph = graph_of(make_vault, {
        "pages/2018_Ladder anyons on a torus.md": (
            "- ![Ladder anyons on a torus.pdf](file://zotero/Lattice/2019_Okafor_Mbeki_Ladder anyons on a torus.pdf)\n"
            "- # Setting\n\t- a torus\n"),
        "pages/2018_Ladder anyons revisited.md": (
            "- ![x.pdf](file://zotero/Lattice/2019_Okafor_Ladder anyons on a torus.pdf)\n- notes\n"),
    })
    assert paper_notes(graph) == {"pages/2018_Ladder anyons on a torus.md"}
    decision = graph.decisions[NoteKey("pages/2018_Ladder anyons on a torus.md")]
    assert [(s.name, s.line) for s in decision.signals] == [
        ("zotero-name", 1), ("same-name-pdf", 1), ("title-heading", 2)]
    assert graph.decisions[NoteKey("pages/2018_Ladder anyons revisited.md")].score == 0.5


# --- a README reading list naming each note beside its paper's link ------------------------------

def test_notes_named_with_their_paper_link_in_a_reading_list(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": (
            "# Reading\n"
            "* Warp Fields for Video [ [note](notes/warp-fields.md)] [ [paper](https://arxiv.org/pdf/2101.00001.pdf)]\n"
            "[`REVIEW`](./reviews/QPG.md) | [`PAPER`](http://example.org/proceedings/qpg.pdf)\n"
            "* My setup [ [note](notes/setup.md)] [ [code](https://github.com/someone/tool)]\n"),
        "notes/warp-fields.md": "# Warp Fields for Video\nA flow field per frame.\n",
        "reviews/QPG.md": "### QPG\nNotes.\n",
        "notes/setup.md": "# Setup\nTools I use.\n",
    })
    assert paper_notes(graph) == {"notes/warp-fields.md", "reviews/QPG.md"}
    decision = graph.decisions[NoteKey("reviews/QPG.md")]
    assert [(s.name, s.weight) for s in decision.signals if s.name == "listed-with-paper"] == [
        ("listed-with-paper", 1.0)]


# --- the paper's facts written at the top: fields, by-lines, venue lines, references -------------

FIELDS_VAULT: dict[str, str | bytes] = {
    # Typora-style: each field a heading, its value the next paragraph
    "sparse-wavelet-priors-for-denoising-2019-200214.md": (
        "### Paper:\n\nSparse Wavelet Priors for Denoising\n\n### Author:\n\nMina Okafor, Jun Li\n\n"
        "### Year:\n\n2019\n\n### Notes:\n\n读了。\n"),
    # `Key：value` lines (full-width colon)
    "读书/Graph Tokens.md": "# Graph Tokens\n\n## 信息\n\n作者：Wei Zhang, Li Na\n\n年份：2021\n\n正文。\n",
    # a by-line and a venue line
    "notes/gated-mixers.md": "# Gated Mixers\n### by Ada Obi, Ben Tran (Lab)\n### ICLR 2022 (OpenReview)\n\nText.\n",
    # a reference as Google Scholar copies it
    "papers/tiny-caches.md": (
        "# Tiny Caches\n\nObi, Ada, et al. \"Tiny Caches for Big Models.\" arXiv preprint arXiv:2301.01234 (2023).\n"),
    "reviews/QPG.md": "### QPG\n\nObi, A., Tran, B., & Li, J. (2014).\n\n[PAPER](https://arxiv.org/abs/1401.00002)\n",
    # not papers: a template with blanks, a software note with a link only
    "templates2/paper-template.md": (
        "# [Title]\n- **Authors**: [저자명]\n- **Venue**: [학회/저널명]\n- **Year**: YYYY\n"),
    "tools/ripgrep.md": "# ripgrep\nLink: https://github.com/BurntSushi/ripgrep\n\nFast grep.\n",
}


def test_facts_written_at_the_top(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FIELDS_VAULT)
    assert paper_notes(graph) == {
        "sparse-wavelet-priors-for-denoising-2019-200214.md", "读书/Graph Tokens.md", "notes/gated-mixers.md",
        "papers/tiny-caches.md", "reviews/QPG.md",
    }
    facts = graph.decisions[NoteKey("sparse-wavelet-priors-for-denoising-2019-200214.md")].facts
    assert (facts.title, facts.year, facts.authors) == (
        "Sparse Wavelet Priors for Denoising", 2019, ("Mina Okafor", "Jun Li"))
    facts = graph.decisions[NoteKey("读书/Graph Tokens.md")].facts
    assert (facts.year, facts.authors) == (2021, ("Wei Zhang", "Li Na"))
    facts = graph.decisions[NoteKey("notes/gated-mixers.md")].facts
    assert (facts.year, facts.venue, facts.authors) == (2022, "ICLR", ("Ada Obi", "Ben Tran"))
    facts = graph.decisions[NoteKey("papers/tiny-caches.md")].facts
    assert (facts.year, facts.title) == (2023, "Tiny Caches for Big Models")
    facts = graph.decisions[NoteKey("reviews/QPG.md")].facts
    assert (facts.year, facts.authors) == (2014, ("Obi", "Tran", "Li"))
    template = graph.decisions[NoteKey("templates2/paper-template.md")]
    assert [signal.name for signal in template.signals] == ["hub-name"]


# --- sources of other kinds beside papers (one Zotero template for all) --------------------------

def test_software_and_repositories_are_not_papers(make_vault: MakeVault) -> None:
    head = "---\nyear: 2023\ntags: [{tags}]\n---\n# {title} [📖](zotero://select/items/X)\n\n> [!abstract]-\n> text\n"
    graph = graph_of(make_vault, {
        "Sources/okaforLatticeRoads2021.md": head.format(tags="type/reference", title="Lattice Roads for Cities"),
        "Sources/Gridkit2023.md": head.format(tags="type/utility", title="gridkit"),
        "Sources/someoneRoadgen2023.md": head.format(tags="", title="someone/road-gen"),
        "Books/Street Life.md": "---\nauthors: [Ada Obi]\ntype: book\n---\n# Street Life\n",
    })
    assert paper_notes(graph) == {"Sources/okaforLatticeRoads2021.md"}
    assert "other-kind" in {s.name for s in graph.decisions[NoteKey("Sources/Gridkit2023.md")].signals}
    assert "repository-title" in {s.name for s in graph.decisions[NoteKey("Sources/someoneRoadgen2023.md")].signals}
    assert "other-kind" in {s.name for s in graph.decisions[NoteKey("Books/Street Life.md")].signals}


def test_a_zotero_template_for_papers_data_sets_and_code(make_vault: MakeVault) -> None:
    head = ("---\naliases: [\"{alias}\"]\ntags: [{tags}]\nyear: {year}\n---\n"
            "# {title} [📖](zotero://select/items/X)\n\n> [!abstract]-\n> {abstract}\n\n## Reading notes\n")
    words = "We measure how far apart the lamp posts of sixty towns stand."
    graph = graph_of(make_vault, {
        # the writer's kind tags: a data source, an implementation
        "Sources/okaforLampGrid2023.md": head.format(alias="Okafor (2023) LAMP-GRID R2023", tags="type/data",
                                                   year=2023, title="LAMP-GRID R2023 - lamp post grid", abstract=words),
        "Sources/obiTownGen2022.md": head.format(alias="Obi (2022) Town generator", tags="roads, type/implementation",
                                               year=2022, title="Town generator", abstract=words),
        # a paper filed as a reference and as a utility: still a paper; a reference without a year too
        "Sources/triLampPostSpacing2022.md": head.format(alias="Tri et al. (2022) Lamp post spacing", year=2022,
                                                       tags="type/reference, type/utility",
                                                       title="Lamp Post Spacing in Small Towns", abstract=words),
        "Sources/hartLampGAN.md": head.format(alias="Hart et al. LampGAN", year="", tags="roads, type/reference",
                                             title="LampGAN: Street Lights with Adversarial Networks", abstract=words),
        # a reference that is a repository
        "Sources/obiObiLampTools2023.md": head.format(alias="Obi (2023) obi/lamp-tools", year=2023,
                                                    tags="type/reference, type/utility",
                                                    title="obi/lamp-tools", abstract=words),
        # a web page saved from Zotero: no year, no tags, an empty abstract
        "Sources/mapsLampNews.md": head.format(alias="Maps Lamp news", tags="", year="",
                                             title="Lamp Foundation Releases Its Map – Lamp Foundation", abstract=""),
    })
    assert paper_notes(graph) == {"Sources/triLampPostSpacing2022.md", "Sources/hartLampGAN.md"}
    signals = {key: [(s.name, s.weight) for s in graph.decisions[NoteKey(key)].signals] for key in (
        "Sources/okaforLampGrid2023.md", "Sources/obiTownGen2022.md", "Sources/triLampPostSpacing2022.md",
        "Sources/hartLampGAN.md", "Sources/obiObiLampTools2023.md", "Sources/mapsLampNews.md")}
    assert ("other-kind", -1.5) in signals["Sources/okaforLampGrid2023.md"]
    assert ("other-kind", -1.5) in signals["Sources/obiTownGen2022.md"]
    assert signals["Sources/triLampPostSpacing2022.md"] == [
        ("year-frontmatter", 1.0), ("paper-tag", 0.7), ("other-kind", -0.75), ("citekey-name", 0.3),
        ("title-heading", 0.2), ("abstract-callout", 0.5)]
    assert signals["Sources/hartLampGAN.md"] == [("paper-tag", 0.7), ("title-heading", 0.2), ("abstract-callout", 0.5)]
    assert graph.decisions[NoteKey("Sources/obiObiLampTools2023.md")].score == 0.95
    assert signals["Sources/mapsLampNews.md"] == [("citekey-name", 0.3), ("title-heading", 0.2)]


# --- frontmatter of an academic vault: Zotero notes beside books and the writer's own notes ------

def test_zotero_notes_beside_books_and_own_writing(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Inputs/Zotero/Lake Governance Regimes.md": (
            "---\nzotero-key: ABCD1234\ntitle: Lake Governance Regimes\ncitekey: obi2021b\n"
            "journal: Water Policy Letters\ndate: 2024-04-30\nauthors:\n  - Ada Obi\n  - Ben Tran\n---\nNotes.\n"),
        "Inputs/Books/Slow Rivers.md": "---\nauthor: 'Mina Li'\nisbn: 9781234567897\npagecount: 327\n---\nA book.\n",
        "Outputs/Docs/Daily capture.md": "---\nauthor:\n- Ada Obi\ntitle: Daily capture\n---\n# Capture ideas\n",
    })
    assert paper_notes(graph) == {"Inputs/Zotero/Lake Governance Regimes.md"}
    facts = graph.decisions[NoteKey("Inputs/Zotero/Lake Governance Regimes.md")].facts
    assert (facts.year, facts.venue) == (2021, "Water Policy Letters")
    (paper,) = graph.papers.values()
    assert (paper.year, paper.venue) == (2021, "Water Policy Letters")
    assert graph.decisions[NoteKey("Outputs/Docs/Daily capture.md")].score == 0.7  # the writer + a title heading


# --- a getting-started checklist whose sentences link how-to notes -------------------------------

def test_sentences_of_a_checklist_do_not_name_papers(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "start.md": (
            "# Start\n\n"
            "- [x] if you are new here, see how to [[set-up-the-editor-quickly]] before anything else\n"
            "- [ ] [[Sparse Wavelet Priors for Denoising]]\n"),
        "how-to/set-up-the-editor-quickly.md": "# Setting up the editor\nOpen it.\n",
        "Sparse Wavelet Priors for Denoising.md": "Notes on the priors.\n",
    })
    assert paper_notes(graph) == {"Sparse Wavelet Priors for Denoising.md"}
    (signal,) = [s for s in graph.decisions[NoteKey("how-to/set-up-the-editor-quickly.md")].signals
                 if s.name == "queue-link"]
    assert signal.weight == 0.2


def test_a_to_do_list_linking_a_note_is_not_a_reading_queue(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Notes/Fetch layers.md": (
            "# Fetch layers\n- [ ] Call the step \"collect\"?\n- [ ] Tile seams in the output\n"
            "- [ ] [[Area cut-off]]\n\n## Steps\n- [ ] [[Small block merging]]\n"),
        "Notes/Area cut-off.md": "# Area cut-off\n\n- Clipping at the border cuts the town in two.\n",
        "Notes/Small block merging.md": "# Small block merging\n\nBlocks under 50 m² join their neighbour.\n",
    })
    assert paper_notes(graph) == set()
    for name in ("Notes/Area cut-off.md", "Notes/Small block merging.md"):
        decision = graph.decisions[NoteKey(name)]
        assert [(s.name, s.weight) for s in decision.signals] == [("title-heading", 0.2), ("queue-link", 0.5)]
    assert graph.papers == {}
    # and it is no queue either: a task list without a reading heading whose links lead to no paper
    assert graph.queues == ()


def test_a_schedule_whose_tasks_mention_a_project_is_no_queue(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Daily/2024-03-01.md": "# 2024-03-01\n## 日程\n- [ ] 能不能让 [[PaperBell]] 变得更好呢！\n"
                               "- [x] [[PaperBell]] 的文档\n## Read\n- [ ] [[Sparse Wavelet Priors for Denoising]]\n",
        "PaperBell.md": "---\ntags: [project]\n---\n# PaperBell\nA plugin I am writing.\n",
        "Sparse Wavelet Priors for Denoising.md": "---\nyear: 2021\nvenue: CVPR\n---\n# Sparse Wavelet Priors\n",
    })
    assert [(queue.name, [item.note for item in queue.items]) for queue in graph.queues] == [
        ("Read", ["Sparse Wavelet Priors for Denoising.md"])]


# --- a reading note's sections and an arXiv id written as text ------------------------------------

def test_reading_note_sections_and_arxiv_text(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "notes/warp-priors.md": (
            "# Warp Priors\n\narXiv:2401.01234.\n\n## 摘要\n\n短。\n\n## 方法\n\n```python\narXiv:2401.09999\n```\n"
            "## 实验\n\n好。\n"),
        "notes/project-report.md": "# Project report\n\n## Method\n\nWe built it.\n\n## Results\n\nIt works.\n",
    })
    assert paper_notes(graph) == {"notes/warp-priors.md"}
    decision = graph.decisions[NoteKey("notes/warp-priors.md")]
    assert [(s.name, s.weight) for s in decision.signals if s.name in ("paper-link", "paper-sections")] == [
        ("paper-link", 0.5), ("paper-sections", 0.5)]
    assert decision.facts.arxiv == "2401.01234"  # not the one inside the code block
    report = graph.decisions[NoteKey("notes/project-report.md")]
    assert report.score == 0.5  # title heading and two kinds of sections, nothing about a paper


def test_a_paper_note_named_by_a_slug_takes_the_title_it_states(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "sparse-wavelet-priors-denoise-2019-200214.md": FIELDS_VAULT[
            "sparse-wavelet-priors-for-denoising-2019-200214.md"],
        "pages/2001_Okafor_Lattice anyons in a ladder.md": (
            "- ![2001_Okafor_Lattice anyons in a ladder.pdf]"
            "(file://zotero/2001_Okafor_Lattice anyons in a ladder.pdf)\n"
            "- # Setting\n"),
        "notes/gated-mixers.md": FIELDS_VAULT["notes/gated-mixers.md"],
    })
    assert titles(graph) == {"Sparse Wavelet Priors for Denoising", "Lattice anyons in a ladder", "Gated Mixers"}
    assert graph.notes[NoteKey("pages/2001_Okafor_Lattice anyons in a ladder.md")].title == "Lattice anyons in a ladder"


def test_a_to_read_folder_is_a_folder_of_papers(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Want to Read/low-power-impedance-sensing-with-frequency-multiplexing.md": (
            "# Low-Power Impedance Sensing with Frequency Multiplexing\n"),
        "Want to Read/Ideas.md": "Things to try.\n",
        "Want to Read/A Cheap and Quick Scanner for Impedance Imaging of Wrists.md": (
            "## A Cheap and Quick Scanner for Impedance Imaging of Wrists\n"),
        "Want to Read/Why is the third scan of the wrist so noisy.md": "Check the cables.\n",
        "Want to Read/Ask Ada about the scanner before the meeting.md": "Soon.\n",
    })
    assert paper_notes(graph) == {"Want to Read/low-power-impedance-sensing-with-frequency-multiplexing.md",
                                  "Want to Read/A Cheap and Quick Scanner for Impedance Imaging of Wrists.md"}


def test_notes_named_by_citation_keys_and_paper_templates(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Sources/okaforLatticeRoadNetworks.md": (
            "# Lattice Road Networks [📖](zotero://select/items/X)\n\n> [!abstract]-\n> Roads.\n"),
        "Sources/OpenRoads.md": "# Open Roads [📖](zotero://select/items/Y)\n\n> [!abstract]-\n> A data set.\n",
        "reviews/Gated Mixers.md": "---\ntitle: Gated Mixers\narxiv:\ndoi:\n---\n# Gated Mixers\n\n## Method\n",
    })
    assert paper_notes(graph) == {"Sources/okaforLatticeRoadNetworks.md"}
    names = {s.name for s in graph.decisions[NoteKey("Sources/okaforLatticeRoadNetworks.md")].signals}
    assert "citekey-name" in names
    review = graph.decisions[NoteKey("reviews/Gated Mixers.md")]
    assert [(s.name, s.weight) for s in review.signals if s.name == "paper-keys"] == [("paper-keys", 0.4)]


def test_a_talk_in_a_folder_per_paper_is_not_a_paper(make_vault: MakeVault) -> None:
    files: dict[str, str | bytes] = {
        f"papers/{name}/README.md": f"# {name.replace('-', ' ')}\n\nNotes.\n"
        for name in ("Sparse-Mixers-for-Tiny-Images", "Hop-Fields-Revisited-Again", "Patch-Diffusion-at-Scale")}
    files["papers/GPU-Features-and-Beyond/README.md"] = "# GPU Features and Beyond\n\n**Speaker**: Ada Obi\n"
    graph = graph_of(make_vault, files)
    assert "papers/GPU-Features-and-Beyond/README.md" not in paper_notes(graph)
    assert len(paper_notes(graph)) == 3


def test_a_reading_list_item_linking_a_talk_or_a_note_marked_not_a_paper_names_no_paper(
        make_vault: MakeVault) -> None:
    files: dict[str, str | bytes] = {
        f"papers/{name}/README.md": f"# {name.replace('-', ' ')}\n\nNotes.\n"
        for name in ("Sparse-Mixers-for-Tiny-Images", "Hop-Fields-Revisited-Again", "Patch-Diffusion-at-Scale")}
    files["papers/GPU-Features-and-Beyond/README.md"] = "# GPU Features and Beyond\n\n**Speaker**: Ada Obi\n"
    files["papers/Lab-Meeting-Slides-For-May/README.md"] = "---\npaper: false\n---\n# Lab Meeting Slides For May\n"
    files["README.md"] = "# List of Papers\n\n" + "".join(
        f"1. [{name.replace('-', ' ')}](papers/{name})\n"
        for name in ("Sparse-Mixers-for-Tiny-Images", "GPU-Features-and-Beyond", "Lab-Meeting-Slides-For-May",
                     "Hop-Fields-Revisited-Again"))
    graph = graph_of(make_vault, files)
    assert sorted((p.title, p.note) for p in graph.papers.values()) == [
        ("Hop Fields Revisited Again", "papers/Hop-Fields-Revisited-Again/README.md"),
        ("Patch Diffusion at Scale", "papers/Patch-Diffusion-at-Scale/README.md"),
        ("Sparse Mixers for Tiny Images", "papers/Sparse-Mixers-for-Tiny-Images/README.md"),
    ]


def test_references_in_acm_and_ieee_styles() -> None:
    def note_of(text: str) -> Note:
        return load_note("x.md", text.encode())[0]

    acm = note_of("# X\n\nAda Obi, Ben Tran, and Jun Li. 2021. Tiny caches for big models. In Proc. of ICS '21.\n")
    ieee = note_of("# X\n\nA. Obi and B. Tran, \"Tiny caches for big models,\" SC '08: Proceedings, 2008, pp. 1-11.\n")
    mla = note_of("# X\n\nObi, Ada, et al. \"Tiny caches.\" arXiv preprint arXiv:2003.02389 (2020).\n")
    assert [(f.year, f.title) for f in (citation_signals(n)[1] for n in (acm, ieee, mla))] == [
        (2021, "Tiny caches for big models"), (2008, "Tiny caches for big models"), (2020, "Tiny caches")]


def test_a_paper_note_citing_papers_is_not_a_list(make_vault: MakeVault) -> None:
    cited = "".join(f"* Work {n} ([{2010 + n}](https://arxiv.org/abs/1507.0{n}672)) : as above\n" for n in range(6))
    graph = graph_of(make_vault, {
        "notes/mean-students.md": "# Mean Students\n### by Ada Obi, Ben Tran (Lab)\n\nText.\n\n## Approach\n\n" + cited,
        "notes/semi-supervised.md": "# Semi-supervised learning\n\n" + cited,
    })
    assert paper_notes(graph) == set()  # the first has no evidence of being a paper's note beyond its by-line
    signals = {s.name: s.weight for s in graph.decisions[NoteKey("notes/mean-students.md")].signals}
    assert signals["many-papers"] == -0.3
    list_note = {s.name: s.weight for s in graph.decisions[NoteKey("notes/semi-supervised.md")].signals}
    assert list_note["many-papers"] == -1.0


def test_a_numbered_section_is_not_a_title_heading(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {"robotics.stand-up.md": "## 1. 作者团队信息\n\n作者：Ada Obi, Ben Tran\n"})
    decision = graph.decisions[NoteKey("robotics.stand-up.md")]
    assert "title-heading" not in {s.name for s in decision.signals}
    assert decision.facts.title is None


@pytest.mark.parametrize("title", [
    '{{annotation.comment | replace("todo ", "")}}{% else %}', "{% if item.title %}", "<% tp.file.title %> notes",
    "${title}", "Reading {{title}}"])
def test_template_syntax_never_titles_a_paper(title: str) -> None:
    assert title_problem(title) == "template syntax"


# --- a contribution guide whose example entry follows an instruction -----------------------------

def test_an_example_entry_below_an_instruction_is_not_the_notes_paper(make_vault: MakeVault) -> None:
    entry = ("- Gated Mixers for Sparse Wavelets, Okafor et al., ECCV 2020 | [github](https://github.com/o/gm)"
             " | [bibtex](https://example.org/gm.bib)\n")
    graph = graph_of(make_vault, {
        "contributing-guide.md": "1. Add the bibtex file.\n2. Add a line in this format, for example:\n" + entry,
        "gated-mixers-entry.md": entry + "\nWhat we thought of it.\n",
    })
    assert paper_notes(graph) == {"gated-mixers-entry.md"}
    (paper,) = graph.papers.values()
    assert sorted((source.path, source.line) for source in paper.sources) == [
        ("contributing-guide.md", 3), ("gated-mixers-entry.md", 1)]


def test_a_book_link_in_a_learning_roadmap_is_not_a_paper(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "Roadmap.md": (
            "- Geometry\n"
            "\t- [Lattice Polytopes and Tilings | Publisher](https://link.example.com/book/10.1007/978-3-000-00000-0)\n"
            "\t- [Tilings of the Plane by Lattice Polygons](https://doi.org/10.1007/978-3-000-00000-0_7)\n"),
    })
    assert titles(graph) == {"Tilings of the Plane by Lattice Polygons"}


# --- Dendron paper notes titled by their file name, stating the paper's title -------------------

def test_a_dendron_note_titled_by_its_file_name_takes_the_title_it_states(make_vault: MakeVault) -> None:
    zero_width = "\u200b"
    graph = graph_of(make_vault, {
        "robotics.Gated_Mixers.md": DENDRON.format(id="g1", title="Gated_Mixers") + (
            "## 论文总结\n\n### 作者、论文标题、论文链接\n"
            f"*   {zero_width}**{zero_width}作者{zero_width}**{zero_width}: Ada Obi, Ben Tran\n"
            f"*   {zero_width}**{zero_width}论文标题{zero_width}**{zero_width}: "
            "Gated Mixers for Sparse Wavelets (门控混合器) [1]\n"
            "*   **论文链接**: [https://arxiv.org/abs/2507.01234](https://arxiv.org/abs/2507.01234)\n"),
        "robotics.LatticeNav.md": DENDRON.format(id="g2", title="LatticeNav") + (
            "# LatticeNav: Navigating by Lattice Priors\n2024 RAL\nhttps://arxiv.org/abs/2312.04321\n\n"
            "## Method\nA lattice.\n\n## Experiments\nGood.\n"),
        "robotics.Do_Priors_Help.md": DENDRON.format(id="g3", title="Do_Priors_Help") + (
            "论文：Do Priors Help Lattice Navigation?。作者提出一个方法。\n\n- **作者**：Chidi Okafor, Mei Lin\n"
            "\n## 方法\n短。\n\n## 实验\n好。\n"),
    })
    assert paper_notes(graph) == {"robotics.Gated_Mixers.md", "robotics.LatticeNav.md", "robotics.Do_Priors_Help.md"}
    assert {(paper.title, paper.year, paper.venue, paper.authors) for paper in graph.papers.values()} == {
        ("Gated Mixers for Sparse Wavelets", 2025, None, ("Ada Obi", "Ben Tran")),  # 2025: its arXiv id
        ("LatticeNav: Navigating by Lattice Priors", 2024, "RA-L", ()),  # `2024 RAL`, not its arXiv id's 2023
        ("Do Priors Help Lattice Navigation?", None, None, ("Chidi Okafor", "Mei Lin")),
    }


def test_headings_naming_several_sections_and_a_note_made_of_five_kinds(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "robotics.LatticeUp_站立策略.md": DENDRON.format(id="s1", title="LatticeUp_站立策略") + (
            "## 论文笔记\n\n### 1. 作者和团队信息\n- 来自两所大学\n\n### 2. 背景和动机\n- 摔倒\n\n"
            "### 3. 相关研究\n- 控制\n\n"
            "### 4. 核心思路\n- 两阶段\n\n### 5. 实验与结论\n- 有效\n\n### 6. 不足\n- 慢\n"),
        "tools.docker.md": DENDRON.format(id="s2", title="docker") + (
            "## Background and Motivation\nContainers.\n\n## Method\nInstall it.\n\n## Results\nIt runs.\n"),
    })
    assert paper_notes(graph) == {"robotics.LatticeUp_站立策略.md"}
    (sections,) = [signal for signal in graph.decisions[NoteKey("robotics.LatticeUp_站立策略.md")].signals
                   if signal.name == "paper-sections"]
    assert (sections.weight, sections.reason) == (0.7, "sections of a paper's reading note: authors, motivation, "
                                                       "related, idea, experiments, conclusion, limitations")
    (setup,) = [signal for signal in graph.decisions[NoteKey("tools.docker.md")].signals
                if signal.name == "paper-sections"]
    assert (setup.weight, graph.decisions[NoteKey("tools.docker.md")].score) == (0.5, 0.5)


def test_a_paper_link_labelled_as_the_paper_in_a_closing_references_section(make_vault: MakeVault) -> None:
    body = "## 摘要\n格点。\n\n## 方法\n奖励。\n\n" + "说明。\n\n" * 15 + "## 实验\n好。\n\n## Ref and Tag\n\n"
    graph = graph_of(make_vault, {
        "reasoning.Lattice-RFT_格点微调.md": DENDRON.format(id="l1", title="Lattice-RFT_格点微调") + body + (
            "[Github](https://github.com/o/lattice-rft)\n[Arxiv](https://arxiv.org/abs/2503.04321)\n"),
        # no abstract at its top, which would make it a paper's note (see test_recognise_prose_notes)
        "llm.Lattice_PPO_Notes.md": DENDRON.format(id="l2", title="Lattice_PPO_Notes") + body.replace(
            "## 摘要", "## 背景", 1) + (
            "[arxiv](https://arxiv.org/abs/1506.01234)\n\nThe method itself: https://arxiv.org/abs/2402.05678\n"),
    })
    assert paper_notes(graph) == {"reasoning.Lattice-RFT_格点微调.md"}
    decision = graph.decisions[NoteKey("reasoning.Lattice-RFT_格点微调.md")]
    (link,) = [signal for signal in decision.signals if signal.name == "paper-link"]
    assert (link.weight, link.line, decision.facts.arxiv) == (0.3, 50, "2503.04321")
    assert "paper-link" not in {signal.name for signal in graph.decisions[NoteKey("llm.Lattice_PPO_Notes.md")].signals}


def test_the_paper_link_on_a_line_naming_the_note_among_the_works_it_cites(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "robotics.LatticeVLM.md": DENDRON.format(id="v1", title="LatticeVLM") + (
            "机器人操作。\n\nLatticeVLM, CoRL: https://arxiv.org/html/2406.01234v1\n\n"
            "ManipLattice, CVPR: https://arxiv.org/abs/2312.01234\n\nEmbodiedLattice, NIPS: https://arxiv.org/abs/2305.01234\n\n"
            "# Related Work\n关节。\n\n# Method\n夹爪。\n\n## Tag\n#Paper\n"),
        "robotics.Lattice_survey.md": DENDRON.format(id="v2", title="Lattice_survey") + (
            "ManipLattice, CVPR: https://arxiv.org/abs/2312.01234\n\nEmbodiedLattice, NIPS: https://arxiv.org/abs/2305.01234\n"
            "\nLatticeNav: https://arxiv.org/abs/2401.01234\n\n## Tag\n#Paper\n"),
    })
    assert paper_notes(graph) == {"robotics.LatticeVLM.md"}
    decision = graph.decisions[NoteKey("robotics.LatticeVLM.md")]
    assert [(s.name, s.weight, s.line) for s in decision.signals if s.name in ("paper-link", "many-papers")] == [
        ("paper-link", 0.5, 10), ("many-papers", -0.3, 1)]
    assert (decision.facts.arxiv, decision.facts.venue) == ("2406.01234", "CoRL")


def test_references_as_publishers_and_researchgate_copy_them() -> None:
    def facts(line: str) -> tuple[object, ...]:
        note = load_note("x.md", f"# X\n\n{line}\n".encode())[0]
        signals, found = citation_signals(note)
        return tuple(s.reason for s in signals), found.year, found.title, found.authors

    assert facts("Ada Obi, Paul H. J. Kelly, and Jun Li. 2020. Tiny caches for big models. ACM Trans. 4, 1.") == (
        ("a reference to the paper (ACM)",), 2020, "Tiny caches for big models",
        ("Ada Obi", "Paul H. J. Kelly", "Jun Li"))
    assert facts("Obi, A., Tran, B., Li, J. et al. Tiny caches for big models. Comput Res 26 (2011). https://x") == (
        ("a reference to the paper (Springer)",), 2011, "Tiny caches for big models", ("Obi", "Tran", "Li"))
    assert facts("Obi, Ada, et al. Tiny caches for big models: a study. IEEE, 2020.") == (
        ("a reference to the paper (MLA)",), 2020, "Tiny caches for big models: a study", ("Ada Obi",))
    # Google Scholar's MLA: the first author family name first, the venue by its full name
    found = citation_signals(load_note("x.md", (
        b'# X\n\nObi, Ada, and Ben Tran. "Tiny caches for big models." Proceedings of the IEEE conference on '
        b'computer vision and pattern recognition. 2016.\n'))[0])[1]
    assert (found.venue, found.authors, found.year) == ("CVPR", ("Ada Obi", "Ben Tran"), 2016)
    assert facts("Obi, Ada & Tran, Ben. (2019). Tiny caches for big models. Journal of Caches. 36. 1-26.") == (
        ("a reference to the paper (ResearchGate)",), 2019, "Tiny caches for big models", ("Obi", "Tran"))
    assert facts('Reference: "Tiny Caches for Big Models", Ada Obi and Ben Tran, Symposium X, May 2015') == (
        ("a reference to the paper (labelled)",), 2015, "Tiny Caches for Big Models", ())
    # prose that looks a little like a reference is not one
    assert facts("Obi, Ada, et al. wrote this in a hurry. We liked it.") == ((), None, None, ())
    assert facts('Reference: "see below", nothing else') == ((), None, None, ())


def test_a_paper_notes_own_authors_beat_a_citation_that_links_it(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "2022/Gliders/README.md": (
            "# Gliders: Sparse Flight Paths\n\n- **Authors:** Ada Obi, Ben Tran, Jun Li\n"
            "- **Published:** ECCV 2022\n\n## Method\n\n## Experiments\n"),
        "2021/Early/README.md": (
            "# Early Kites\n\n- **Authors:** Mara Ode\n\n## Method\n\n## Experiments\n\n"
            "### References to Follow Up\n\n1. **[Gliders](../../2022/Gliders/)** — Obi et al., ECCV 2022: next.\n"),
        "2020/Perch/README.md": "# Perch: Landing on Wires\n\n- **Authors:** Jun Li\n\n## Method\n",
    })
    (gliders,) = [paper for paper in graph.papers.values() if paper.note == "2022/Gliders/README.md"]
    assert gliders.authors == ("Ada Obi", "Ben Tran", "Jun Li")
    assert {source.path for source in gliders.sources} == {"2022/Gliders/README.md", "2021/Early/README.md"}


def test_a_slug_named_note_is_titled_by_the_heading_above_its_authors_line(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "papers/ACM/MICRO/2016/lamp-caches-for-warm-rooms.md": (
            "## Lamp Caches: Keeping Warm Rooms Lit, Cheaply\n\n"
            "#### [[authors/Ada Okafor]], [[authors/Li Wen]], 2016\n\n"
            "#### Summary\nThe paper keeps lamps warm.\n"),
        # a heading below `#` with no authors line under it says nothing about the paper's title
        "papers/ACM/MICRO/2017/lamp-prefetching.md": "## Motivation of the lamps\n\nWhy lamps.\n",
        "authors/Ada Okafor.md": "", "authors/Li Wen.md": "",
    })
    assert titles(graph) == {"Lamp Caches: Keeping Warm Rooms Lit, Cheaply", "lamp-prefetching"}


def test_venue_folders_under_publishers_and_above_years(make_vault: MakeVault) -> None:
    stub = "## {}\n#### Ada Obi, Li Wen, 2017\n\nNotes.\n"
    graph = graph_of(make_vault, {
        "papers/ACM/MobiLamps/lamp-sensing-at-home.md": stub.format("Lamp Sensing at Home"),
        "papers/IOPScience/Lamp Problems/2007/sparse-lamps.md": stub.format("Sparse Lamps"),
        "papers/Lamp Review Letters/2000/current-driven-lamps.md": stub.format("Current-Driven Lamps"),
        "papers/Wiley-VCH/lamp-fluids.md": stub.format("Lamp Fluids"),  # a publisher is no venue
        "papers/ACM/LAMPCONF/unfiled/lamp-caches.md": stub.format("Lamp Caches"),
        "papers/IEEE/lamp-filters.md": stub.format("Lamp Filters"),
    })
    venues = {paper.note: paper.venue for paper in graph.papers.values()}
    assert venues == {
        "papers/ACM/MobiLamps/lamp-sensing-at-home.md": "MobiLamps",
        "papers/IOPScience/Lamp Problems/2007/sparse-lamps.md": "Lamp Problems",
        "papers/Lamp Review Letters/2000/current-driven-lamps.md": "Lamp Review Letters",
        "papers/Wiley-VCH/lamp-fluids.md": None,
        "papers/ACM/LAMPCONF/unfiled/lamp-caches.md": "LAMPCONF",
        "papers/IEEE/lamp-filters.md": None,
    }


# --- papers/<citekey>.md whose only heading is the linked title with its year ---------------------

YEAR_HEADING_VAULT: dict[str, str | bytes] = {
    "papers/obi2013spinwheel.md": (
        "## [SpinWheel: Fault-Tolerant Spin Processing at Lab Scale (2013)](https://scholar.example.org/c=1) ##\n"
        "**Summary.** A wheel of spins.\n"
    ),
    "papers/tran1984fast.md": "# [A Fast File System for Spin Glasses (1984)](TODO)\nNotes.\n",
    "papers/tran2010dapper.md": "# [Dapper, a Spin Tracing Infrastructure](https://example.org/d)\nNotes.\n",
    "papers/CVPR.md": "# CVPR (2023)\nWhat I saw there.\n",
    "Notes/Spin wheels (2013).md": "# Spin wheels (2013)\nA remark about the year, outside papers/.\n",
}


def test_a_title_heading_with_its_year_makes_a_paper_of_a_note_in_papers(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, YEAR_HEADING_VAULT)
    assert paper_notes(graph) == {"papers/obi2013spinwheel.md", "papers/tran1984fast.md", "papers/tran2010dapper.md"}
    assert {(paper.title, paper.year) for paper in graph.papers.values()} == {
        ("SpinWheel: Fault-Tolerant Spin Processing at Lab Scale", 2013),
        ("A Fast File System for Spin Glasses", 1984),
        ("Dapper, a Spin Tracing Infrastructure", 2010),
    }
    # Google Scholar's key as the file name (`tran2010dapper`) is evidence, and holds the year the heading lacks
    decision = graph.decisions[NoteKey("papers/tran2010dapper.md")]
    assert [signal.name for signal in decision.signals if signal.name == "citekey-name"] == ["citekey-name"]
    assert decision.facts.year == 2010
    venue_notes = graph_of(make_vault, {"papers/cvpr2023notes.md": "# What I saw\n"})
    cvpr = venue_notes.decisions[NoteKey("papers/cvpr2023notes.md")]
    assert cvpr.facts.year is None and not cvpr.is_paper


# --- a Jekyll site's _posts/YYYY-MM-DD-slug.md, paper reviews among other posts -------------------

JEKYLL_VAULT: dict[str, str | bytes] = {
    "_posts/2025-08-07-spin_transformer.md": (
        "---\nlayout: post\ndate: 2025-08-07\ntitle: \"[논문 리뷰] Spin Transformer\"\n"
        "tags: [Transformer, ICLR2025]\ncategories: [Paper Review]\n---\n\n## Introduction\n\n- 스핀의 핵심\n"
    ),
    "_posts/2025-09-01-wheel_nets.md": (
        "---\nlayout: post\ntitle: \"[Paper Review] Wheel Nets: Spinning Graphs\"\n---\n\n"
        "## Abstract\n\n- wheels\n\n## Method\n\n- spin them\n"
    ),
    "_posts/2025-10-14-tensorboard_ssh.md": (
        "---\nlayout: post\ntitle: \"[Tensorboard] ssh port forwarding\"\ncategories: [Development]\n---\n\n"
        "```bash\nssh -N -L 16006:localhost:6006 me@host\n```\n"
    ),
    "journal/2025-10-14-standup.md": "# Stand-up\n\n## Abstract\n\n- nothing\n\n## Method\n\n- talk\n",
}


def test_jekyll_posts_titled_as_paper_reviews_are_papers(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, JEKYLL_VAULT)
    assert paper_notes(graph) == {"_posts/2025-08-07-spin_transformer.md", "_posts/2025-09-01-wheel_nets.md"}
    assert titles(graph) == {"Spin Transformer", "Wheel Nets: Spinning Graphs"}
    signals = {signal.name for signal in graph.decisions[NoteKey("_posts/2025-09-01-wheel_nets.md")].signals}
    assert "review-title" in signals and "daily-name" not in signals
    standup = graph.decisions[NoteKey("journal/2025-10-14-standup.md")].signals
    assert any(signal.name == "daily-name" for signal in standup)


# --- numbered notes named by their file (`012_spin.md`), a README queue, `## 标题&作者` sections ----

TITLE_SECTION_VAULT: dict[str, str | bytes] = {
    "README.md": (
        "# 论文精读笔记\n\n"
        "- [x] [SpinDETR](./notes/012_spindetr.md)\n"
        "- [x] [Lattice 2](./notes/021_lattice2.md)\n"
        "- [ ] [LCM](./notes/029_lcm.md)\n"
    ),
    "notes/012_spindetr.md": (
        "[Paper](https://arxiv.org/pdf/2005.01234.pdf) | [Talk](https://example.org/v)\n\n"
        "## Part1.标题&作者\n\n"
        "End-to-End Spin Detection with Transformers: 使用transformer来做端到端的自旋检测。\n\n"
        "## Part2.摘要\n\n正文。\n"
    ),
    "notes/021_lattice2.md": (
        "## 标题&作者\n\nLattice 2: Open Foundation and Fine-Tuned Lattice Models\n\n"
        "## 摘要\n\n正文。\n\n## 1.引言\n\n正文。\n"
    ),
    "notes/029_lcm.md": (
        "## 题目&作者\nlatent 一致性模型，在只有几步迭代的情况下快速生成图像。\n\n## 摘要\n\n正文。\n"
    ),
}


def test_a_title_and_authors_section_titles_a_note_named_by_its_file(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, TITLE_SECTION_VAULT)
    by_note = {paper.note: paper.title for paper in graph.papers.values() if paper.note}
    assert by_note == {
        "notes/012_spindetr.md": "End-to-End Spin Detection with Transformers",  # the gloss after `:` dropped
        "notes/021_lattice2.md": "Lattice 2: Open Foundation and Fine-Tuned Lattice Models",
        "notes/029_lcm.md": "029_lcm",  # the writer's summary in Chinese is no title
    }


def test_one_reader_of_a_year_in_brackets_that_ends_a_title() -> None:
    """`ids.trailing_year` serves the title heading (`signals.title_with_year`, not a venue's) and
    the reading log's bold titles alike; a space inside the brackets or after them is allowed."""
    from papernotes.entries.reading_log import _trailing_year
    from papernotes.ids import trailing_year
    from papernotes.recognise.signals import title_with_year

    written = ["Dapper, a Large-Scale Tracing Infrastructure (2010)", "Dapper (2010) ", "Dapper ( 2010 )",
               "CVPR (2023)", "Dapper (1899)", "Dapper (20101)", "Dapper 2010", "(2010)"]
    assert [title_with_year(text) for text in written] == [
        ("Dapper, a Large-Scale Tracing Infrastructure", 2010), ("Dapper", 2010), ("Dapper", 2010),
        None, None, None, None, None]
    assert trailing_year("Wen, et al (2018)") == ("Wen, et al ", 2018)
    assert _trailing_year(" — Tarvainen, Valpola (2017) [") == (" — Tarvainen, Valpola ", 2017)
    assert _trailing_year(" — Tarvainen, Valpola ( 2017 ) [") == (" — Tarvainen, Valpola ", 2017)
