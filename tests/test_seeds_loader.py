"""The loader on the five real seed notes: counts and lines taken from the files themselves."""

from __future__ import annotations

import pytest

from papernotes.loader import load_note
from tests.conftest import seed_path

pytestmark = pytest.mark.seeds


def load_seed(prefix: str):
    path = seed_path(prefix)
    note, problems = load_note(path.name.replace(".txt", ".md"), path.read_bytes())
    assert note is not None
    return note, problems


def test_home_note_queue_and_summary_table():
    note, problems = load_seed("000")
    assert problems == []
    assert note.meta.home is True and note.meta.publish is True and note.title == "Home"
    assert len(note.tasks) == 58
    assert sum(task.done for task in note.tasks) == 25
    first = note.tasks[0]
    assert (first.text, first.done, first.line, first.heading) == (
        "CapsFusion: rethink data at scale", False, 25, "version 1 多模态和视觉大模型")
    mae = next(task for task in note.tasks if task.line == 83)
    assert (mae.text, mae.done, mae.heading) == ("MAE", True, "version 0 视频生成")
    assert [(link.target, link.text) for link in mae.links] == [("Kaiming/MAE", "MAE")]
    wikilinks = [link for link in note.links if link.kind == "wikilink"]
    assert len(wikilinks) == 25
    assert wikilinks[0].target == "Kaiming/Single Image Haze Removal Using Dark Channel Prior"
    assert len(note.tables) == 1
    table = note.tables[0]
    assert table.header == ("paper", "year", "field and direction", "key design", "contribution")
    assert table.line == 95 and len(table.rows) == 27
    assert [cell.text for cell in table.rows[0].cells][:3] == ["MAE", "", "Mask Image Modeling, Vision Pretraining"]
    assert table.rows[-1].cells[0].text == "DreamBooth" and table.rows[-1].line == 123


def test_korean_reading_list_has_no_wikilinks_despite_double_brackets():
    note, _ = load_seed("001")
    assert [link for link in note.links if link.kind in ("wikilink", "embed")] == []
    assert note.tasks == () and note.tables == ()
    pdf_links = [link for link in note.links if link.text == "pdf"]
    assert pdf_links and pdf_links[0].target == "https://arxiv.org/abs/1503.02531" and pdf_links[0].external


def test_conference_notes_headings_skip_code_blocks():
    note, _ = load_seed("002")
    texts = [h.text for h in note.headings]
    assert "Stability-AI" in texts and "Arxiv" in texts
    assert texts.count("Paper template") == 2
    assert note.hashtags == ()


def test_typora_survey_tasks_and_code_comments_are_not_headings():
    note, _ = load_seed("003")
    assert [(task.line, task.done) for task in note.tasks] == [
        (627, True), (633, False), (638, True), (644, False), (656, True), (666, False)]
    heading_lines = {h.line for h in note.headings}
    assert not heading_lines & {873, 994, 996, 998, 1000}  # `# comment` lines inside code fences
    assert note.hashtags == ()
    images = [link for link in note.links if link.kind == "image"]
    assert any(link.target == "docs/survey_video_LDM/ImagenVideo_framework.png" and link.line == 255
               for link in images)


def test_dendron_daily_note_frontmatter_and_hashtags():
    note, problems = load_seed("004")
    assert problems == []
    assert note.meta.dendron_id == "74svqnn4t0poe5ymtrzxxi2"
    assert note.title == "20231207"
    assert note.meta.created is not None and note.meta.created.startswith("2023-12-07")
    assert len(note.hashtags) == 19
    assert (note.hashtags[0].tag, note.hashtags[0].line) == ("image_generation", 11)
    assert ("_3D_generation", 197) in [(tag.tag, tag.line) for tag in note.hashtags]
