"""Obsidian link resolution, table-driven: each case is a link written in a note and where it lands."""

from __future__ import annotations

import re
import unicodedata

import pytest

from papernotes.loader import load_note
from papernotes.model import Link, NoteKey
from papernotes.resolve import Resolved, Resolver

VAULT = {
    "Home.md": "# Home\n## 队列 (queue)\ntext\n",
    "Diffusion/Video Diffusion/Latte.md": (
        "---\naliases: [Latent Diffusion Transformer]\n---\n# Latte\n## Method: 时空注意力?\nA ^core-idea\n"
    ),
    "Kaiming/MAE.md": "# MAE\n## Method\n## 요약\n",
    "Archive/MAE.md": "# old MAE\n",
    "Archive/Notes/Deep/MAE.md": "# older MAE\n",
    "daily.2023.12.07.md": "# daily\n",
    unicodedata.normalize("NFD", "Café Notes.md"): "# café\n",
    "Survey/survey.md": "# Survey\n",
    "Survey/Paint_Note.md": "# Paint\n",
}
ATTACHMENTS = ["attachments/fig.png", "Survey/docs/x y.png", "papers/latte.pdf"]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    notes = [load_note(key, text.encode())[0] for key, text in VAULT.items()]
    return Resolver([note for note in notes if note], ATTACHMENTS)


def wikilink(target: str, fragment: str = "", kind: str = "wikilink") -> Link:
    raw = f"[[{target}{'#' + fragment if fragment else ''}]]"
    return Link(kind, target, fragment, "", 3, raw)  # type: ignore[arg-type]


CASES = [
    # (source note, link, expected key, expected anchor)
    ("Home.md", wikilink("Diffusion/Video Diffusion/Latte"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink("Video Diffusion/Latte"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink("Latte"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink("latte.md"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink("LATTE"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink("Latent Diffusion Transformer"), "Diffusion/Video Diffusion/Latte.md", ""),
    ("Home.md", wikilink(unicodedata.normalize("NFC", "Café Notes")),
     unicodedata.normalize("NFD", "Café Notes.md"), ""),
    ("Home.md", wikilink("Latte", "Method: 时空注意力?"), "Diffusion/Video Diffusion/Latte.md", "method-时空注意力"),
    ("Home.md", wikilink("Latte", "method 时空注意力"), "Diffusion/Video Diffusion/Latte.md", "method-时空注意力"),
    ("Home.md", wikilink("Latte", "^core-idea"), "Diffusion/Video Diffusion/Latte.md", "^core-idea"),
    ("Home.md", wikilink("Kaiming/MAE", "요약"), "Kaiming/MAE.md", "요약"),
    ("Home.md", wikilink("", "队列 (queue)"), "Home.md", "队列-queue"),
    ("Home.md", wikilink("fig.png", kind="embed"), "attachments/fig.png", ""),
    ("Home.md", wikilink("latte.pdf", kind="embed"), "papers/latte.pdf", ""),
    ("Home.md", wikilink("daily.2023.12.07"), "daily.2023.12.07.md", ""),
    ("Home.md", wikilink("daily/2023/12/07"), "daily.2023.12.07.md", ""),
    ("Archive/MAE.md", wikilink("MAE"), "Archive/MAE.md", ""),  # same folder wins
    ("Survey/survey.md", Link("markdown", "Paint_Note.md", "", "note", 4, "./Paint_Note.md"),
     "Survey/Paint_Note.md", ""),
    ("Survey/survey.md", Link("image", "docs/x y.png", "", "", 4, "docs/x%20y.png"), "Survey/docs/x y.png", ""),
]


@pytest.mark.parametrize(("source", "link", "key", "anchor"), CASES)
def test_resolution(resolver, source, link, key, anchor):
    resolved, problems = resolver.resolve(link, NoteKey(source))
    assert resolved is not None
    assert (resolved.key, resolved.anchor) == (key, anchor)
    assert [p for p in problems if p.code != "ambiguous-link"] == []


def test_duplicate_names_prefer_shortest_path_and_report_once():
    notes = [load_note(key, text.encode())[0] for key, text in VAULT.items()]
    resolver = Resolver([n for n in notes if n])
    resolved, problems = resolver.resolve(wikilink("MAE"), NoteKey("Home.md"))
    # Two candidates at the shallowest depth: ties are broken by path, so builds are deterministic.
    assert resolved is not None and resolved.key == "Archive/MAE.md"
    assert [p.code for p in problems] == ["ambiguous-link"]
    assert "Archive/Notes/Deep/MAE.md" in problems[0].message
    _, again = resolver.resolve(wikilink("MAE"), NoteKey("Survey/survey.md"))
    assert again == []


@pytest.mark.parametrize(
    ("link", "code", "hint_part"),
    [
        (wikilink("Latt"), "broken-link", "[[Latte]]"),
        (wikilink("Kaiming/MAE", "Methd"), "missing-heading", "did you mean #Method?"),
        (wikilink("Kaiming/MAE", "Zzz"), "missing-heading", "check the heading in Kaiming/MAE.md"),
        (wikilink("Latte", "^nope"), "missing-block", "Diffusion/Video Diffusion/Latte.md"),
        (wikilink("Nothing Like Anything"), "broken-link", "create the note"),
        (Link("markdown", "../../etc/passwd", "", "x", 3, "../../etc/passwd"), "link-outside-vault", "inside"),
        (wikilink("../secret.png", kind="embed"), "link-outside-vault", "inside"),
    ],
)
def test_problems_name_line_and_suggest(resolver, link, code, hint_part):
    _, problems = resolver.resolve(link, NoteKey("Home.md"))
    assert [p.code for p in problems] == [code]
    assert problems[0].line == 3 and problems[0].path == "Home.md"
    assert hint_part in problems[0].hint


def test_external_links_are_not_resolved(resolver):
    link = Link("markdown", "https://arxiv.org/abs/2401.03048", "", "paper", 1, "x", external=True)
    assert resolver.resolve(link, NoteKey("Home.md")) == (None, [])


def test_each_suggestion_names_a_note_once(resolver):
    _, problems = resolver.resolve(wikilink("Latt"), NoteKey("Home.md"))
    assert problems[0].hint.count("[[Latte]]") == 1


@pytest.mark.parametrize(("source", "target", "key"), [
    ("README.md", "papers/Sharded Optimizers", "papers/Sharded Optimizers/README.md"),
    ("README.md", "./papers/Sharded Optimizers/", "papers/Sharded Optimizers/README.md"),
    ("2020/Some Paper/README.md", "../../common/glossary/", "common/glossary/README.md"),
    ("README.md", "guide/", "guide/index.md"),
])
def test_a_markdown_link_to_a_folder_lands_on_its_readme_or_index(source, target, key):
    """README vaults link to folders, and GitHub shows the folder's README: no broken-link or
    outside-the-vault warning for them."""
    files = {"README.md": "# Reading list\n", "papers/Sharded Optimizers/README.md": "# Sharded\n",
             "2020/Some Paper/README.md": "# Some paper\n", "common/glossary/README.md": "# Glossary\n",
             "guide/index.md": "# Guide\n"}
    notes = [load_note(path, text.encode())[0] for path, text in files.items()]
    resolved, problems = Resolver([n for n in notes if n]).resolve(
        Link("markdown", target, "", "x", 2, target), NoteKey(source))
    assert resolved is not None and resolved.key == key
    assert problems == []


def test_a_broken_markdown_link_is_reported_as_written_not_percent_encoded():
    """markdown-it percent-encodes a link's path; the warning names it as the note shows it."""
    note = load_note(NoteKey("笔记.md"), "见 [缓存](图片/缓存_对比.png)\n".encode())[0]
    assert note is not None
    [link] = note.links
    _, problems = Resolver([note]).resolve(link, NoteKey("笔记.md"))
    assert [p.code for p in problems] == ["broken-link"]
    assert problems[0].message.startswith("图片/缓存_对比.png matches no file")


def test_dendron_label_first_links_land_on_their_target(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Dendron writes `[[label|note.path#anchor]]`, Obsidian `[[target|label]]`: where only the
    second part names a note, the link is read in Dendron's order (a strict build: no broken link)."""
    from tests.test_site_build import build_site, page, write_vault

    docs = write_vault(tmp_path / "docs", {
        "root.md": "# Root\n[[robotics.dexvla|DexVLA notes]] and [[llm.trainer]]\n",
        "robotics.dexvla.md": "# DexVLA\n\n## 训练器 Qwen2VLATrainer\n\nText.\n",
        "llm.trainer.md": "# Trainer\nSee [[训练器：Qwen2VLATrainer|robotics.dexvla#训练器 Qwen2VLATrainer]] "
                          "and [[the DexVLA note|robotics.dexvla]].\n",
    })
    site = build_site(docs, tmp_path / "site")
    trainer = page(site, "llm.trainer")
    assert '<a href="../robotics.dexvla/#训练器-qwen2vlatrainer">训练器：Qwen2VLATrainer</a>' in trainer
    assert '<a href="../robotics.dexvla/">the DexVLA note</a>' in trainer
    # Obsidian's order, unchanged; Dendron's root note is the home page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="robotics.dexvla/">DexVLA notes</a>' in home

def test_a_resolver_reuses_what_the_last_one_found_only_over_the_same_names() -> None:
    """`mkdocs serve` keeps the last build's resolver: its candidates and did-you-mean
    suggestions are reused by the next one when the names, headings and blocks are the same,
    and found again when a note that a broken link names appears."""
    notes = [note for key, text in VAULT.items() if (note := load_note(key, text.encode())[0])]
    broken = wikilink("Lattes")
    first = Resolver(notes, ATTACHMENTS)
    assert first.resolve(wikilink("Latte"), NoteKey("Home.md")) == (Resolved("Diffusion/Video Diffusion/Latte.md"), [])
    assert first.resolve(broken, NoteKey("Home.md"))[1][0].hint == "did you mean [[Latte]], [[latte.pdf]]?"

    same = Resolver(notes, ATTACHMENTS)
    same.keep(first)
    assert same._kept_found is first._found and same._suggester is first._suggester
    assert same.resolve(broken, NoteKey("Home.md")) == first.resolve(broken, NoteKey("Home.md"))

    added = load_note("Lattes.md", b"# Lattes\n")[0]
    assert added is not None
    grown = Resolver([*notes, added], ATTACHMENTS)
    grown.keep(same)
    assert grown._kept_found == {} and grown._suggester is None
    assert grown.resolve(broken, NoteKey("Home.md")) == (Resolved("Lattes.md"), [])
    renamed = [load_note("Kaiming/MAE.md", b"# MAE\n## Methods\n")[0] if note.path == "Kaiming/MAE.md" else note
               for note in notes]
    headings = Resolver(renamed, ATTACHMENTS)  # type: ignore[arg-type]
    headings.keep(same)
    assert headings._kept_found == {}


def test_dendron_label_first_links_land_in_queues_and_comparison_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The label-first reading is the resolver's: a queue's item and a summary table's cell written
    in Dendron's order link their notes too (they were read in Obsidian's order and broken)."""
    from tests.test_site_build import build_site, page, write_vault

    docs = write_vault(tmp_path / "docs", {
        "root.md": "# Root\n\n## Reading queue\n\n- [ ] [[DexVLA notes|robotics.dexvla]]\n\n"
                   "| Paper | Year | Method |\n| --- | --- | --- |\n"  # a table's `|` in a link is `\\|`
                   "| [[Trainer notes\\|llm.trainer]] | 2024 | as [[the DexVLA heading\\|robotics.dexvla#Method]] |\n"
                   "| [[DexVLA notes\\|robotics.dexvla]] | 2024 | its own |\n",
        "robotics.dexvla.md": "---\nyear: 2024\narxiv: '2502.05855'\ntags: [robots]\n---\n"
                              "# DexVLA\n\n## Method\n\nText.\n",
        "llm.trainer.md": "---\nyear: 2024\narxiv: '2401.00001'\ntags: [robots]\n---\n# Trainer\n\nText.\n",
    })
    site = build_site(docs, tmp_path / "site")  # strict: no link is broken
    queues = page(site, "queues")
    assert re.findall(r'<li class="task-list-item">.*?(<a href="[^"]*">)', queues) == ['<a href="../robotics.dexvla/">']
    topic = page(site, "topics/robots")
    assert re.findall(r"<td>(?:as|its) .*?</td>", topic) == [
        '<td>as <a href="../../robotics.dexvla/#method">the DexVLA heading</a></td>', "<td>its own</td>"]
