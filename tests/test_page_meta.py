"""What MkDocs and Material read from `page.meta`: any YAML type in any key, never a crash or a path out."""

from __future__ import annotations

import html

from papernotes.loader import load_note
from papernotes.page_meta import HIDE_WORDS, page_meta
from tests.hostile.generate import KNOWN_KEYS, YAML_VALUES

THEME = {"main.html", "blog.html", ".icons/material/book.svg"}


def test_every_yaml_type_in_every_key_gives_safe_page_meta() -> None:
    for key in KNOWN_KEYS:
        for value in [*YAML_VALUES.values(), "main.html", "material/book", "[toc, navigation]", "toc"]:
            note, problems = load_note("n.md", f"---\n{key}: {value}\n---\n# N\n".encode())
            assert note is not None
            meta = page_meta(note, THEME.__contains__)
            assert meta.get("template", "main.html") in THEME
            assert ".icons/" + meta.get("icon", "material/book") + ".svg" in THEME
            assert set(meta.get("hide", [])) <= set(HIDE_WORDS)
            for name in ("title", "description", "author", "subtitle", "status", "revision_date"):
                assert isinstance(meta.get(name, ""), str), (key, value, name)
            assert all(isinstance(tag, str) for tag in meta.get("tags", []))
            assert all(isinstance(name, str) for name in meta)
            assert "location" not in meta
            assert all(p.line >= 1 for p in problems)


def test_text_for_the_theme_is_escaped_and_bad_values_are_reported_at_their_line() -> None:
    text = '---\ndescription: "<b onmouseover=x>"\ntemplate: ../../etc/passwd\nhide: yes\nsubtitle: 5\n---\n'
    note, problems = load_note("n.md", text.encode())
    assert note is not None
    meta = page_meta(note, THEME.__contains__)
    assert meta["description"] == html.escape("<b onmouseover=x>") and meta["subtitle"] == "5"
    assert "template" not in meta and "hide" not in meta
    assert {(p.line, p.code) for p in problems} >= {(3, "bad-page-meta"), (4, "bad-page-meta")}
    assert not page_meta(note, lambda name: False).get("template")
