"""The scored paper-note decision on look-alike vaults of each convention (written here, not copied).

Each test builds a small vault the way one kind of real vault is laid out and asserts exactly which
notes are papers' notes, and which papers the graph holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.graph import PaperGraph, build_graph
from papernotes.loader import load_vault
from papernotes.model import NoteKey
from papernotes.recognise import DEFAULT_OPTIONS, RecogniseOptions, is_todo, title_problem

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


def test_titles_that_are_never_papers() -> None:
    for text in ("https://arxiv.org/abs/2106.09685", "/joint_states", "src/nodes/planner.py", "Ref and Tag",
                 "References", "Figure out how to color-code nodes", "add tags to old notes",
                 "Why does this converge?", "总结"):
        assert title_problem(text) is not None, text
    for text in ("Make-A-Video", "Find Your Focus: Attention in Context", "Attention Is All You Need",
                 "CapsFusion: rethink data at scale", "seg gpt", "VAR / AR beat diffusion"):
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
