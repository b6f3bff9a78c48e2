"""The Topics page counts distinct papers and notes in a topic and its subtopics."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.loader import load_vault
from papernotes.pages import build_site
from papernotes.pages.generate import topics_index


def _index(vault: Path) -> list[str]:
    loaded = load_vault(vault)
    return topics_index(build_site(loaded.notes, loaded.attachments, folder_topics=False)).splitlines()[2:]


def test_one_paper_tagged_with_a_topic_and_its_subtopic_counts_once(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = make_vault({"Latte.md": "---\ntitle: Latte\nyear: 2024\ntags: [diffusion, diffusion/video]\n---\n"})
    assert _index(vault) == ["- [diffusion](diffusion.md) (1)", "    - [video](diffusion-video.md) (1)"]


def test_counts_roll_up_through_every_level_without_double_counting(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = make_vault({
        "A.md": "---\ntitle: Paper A\nyear: 2020\ntags: [ml/vision/video, ml]\n---\n# A\n",
        "B.md": "---\ntitle: Paper B\nyear: 2021\ntags: [ml/vision]\n---\n# B\n",
        "Idea.md": "# Idea\n\nNot a paper. #ml/vision #ml/vision/video\n",
    })
    assert _index(vault) == [
        "- [ml](ml.md) (3)",
        "    - [vision](ml-vision.md) (3)",
        "        - [video](ml-vision-video.md) (2)",
    ]
