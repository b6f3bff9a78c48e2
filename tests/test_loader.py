"""The loader: walking a vault, decoding files, frontmatter offsets, problems as diagnostics."""

from __future__ import annotations

import os

import pytest

from papernotes.loader import load_note, load_vault
from papernotes.model import packed, unpacked


def test_frontmatter_offsets_make_lines_file_lines():
    text = "---\ntitle: Latte\nyear: 2024\n---\n# Latte\n\nSee [[MAE]].\n- [x] done #video\n"
    note, problems = load_note("Latte.md", text.encode())
    assert problems == []
    assert note is not None
    assert note.body_line == 5
    assert [(h.text, h.line) for h in note.headings] == [("Latte", 5)]
    assert [(link.target, link.line) for link in note.links] == [("MAE", 7)]
    assert [(task.text, task.done, task.line) for task in note.tasks] == [("done #video", True, 8)]
    assert [(tag.tag, tag.line) for tag in note.hashtags] == [("video", 8)]
    assert note.title == "Latte" and note.meta.year == 2024


def test_bom_and_crlf_are_tolerated():
    text = "\ufeff---\r\ntitle: CRLF note\r\n---\r\n# Head\r\n[[Target]]\r\n"
    note, problems = load_note("crlf.md", text.encode("utf-8"))
    assert problems == []
    assert note is not None and note.title == "CRLF note"
    assert [(link.target, link.line) for link in note.links] == [("Target", 5)]
    assert "\r" not in note.body


def test_undecodable_bytes_are_reported_at_their_line_and_the_note_loads():
    data = b"# Title\nfine line\nbad \xff\xfe byte [[Link]]\n"
    note, problems = load_note("bad.md", data)
    assert note is not None
    assert [(p.code, p.line, p.level) for p in problems] == [("not-utf8", 3, "warning")]
    assert [link.target for link in note.links] == ["Link"]


def test_utf16_with_bom_is_read():
    note, problems = load_note("u16.md", "# 标题\n[[目标]]\n".encode("utf-16"))
    assert note is not None and [link.target for link in note.links] == ["目标"]
    assert [p.code for p in problems] == ["utf16"]


def test_binary_file_named_md_is_skipped_with_an_error():
    note, problems = load_note("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert note is None
    assert [(p.code, p.level, p.line) for p in problems] == [("binary-file", "error", 1)]


@pytest.mark.parametrize(
    ("text", "body_line", "title"),
    [
        ("", 1, "empty"),
        ("---\ntitle: Only frontmatter\ntags: [a]\n---\n", 5, "Only frontmatter"),
        ("---\n---\n# Empty frontmatter\n", 3, "Empty frontmatter"),  # its title heading,
    ],
)
def test_empty_and_frontmatter_only_files(text, body_line, title):
    note, problems = load_note("empty.md", text.encode())
    assert note is not None and problems == []
    assert note.body_line == body_line
    assert note.title == title


def test_malformed_yaml_reports_its_line_and_loads_without_frontmatter():
    text = "---\ntitle: ok\ntags: [a, b\nyear: 2023\n---\n# Body\n[[Link]]\n"
    note, problems = load_note("broken.md", text.encode())
    assert note is not None
    assert note.frontmatter == {} and note.title == "Body"  # its title heading
    assert [p.code for p in problems] == ["yaml-syntax"]
    # the flow list opened on line 3 is found unclosed at line 4, where `year:` appears
    assert problems[0].line == 4 and problems[0].message.startswith("frontmatter is not valid YAML: ")
    assert [(link.target, link.line) for link in note.links] == [("Link", 7)]


def test_unclosed_frontmatter_is_reported():
    note, problems = load_note("open.md", b"---\ntitle: never closed\n# Heading\n")
    assert note is not None
    assert [p.code for p in problems] == ["frontmatter-unclosed"]


def test_wrong_types_warn_and_the_note_still_loads():
    note, problems = load_note("types.md", b"---\nyear: soon\ntitle: Typed\n---\ntext\n")
    assert note is not None and note.title == "Typed" and note.meta.year is None
    assert [(p.code, p.line) for p in problems] == [("bad-year", 2)]


def test_vault_walk_skips_hidden_and_excluded_and_lists_attachments(make_vault):
    vault = make_vault({
        "a.md": "# A",
        "sub/b.markdown": "# B",
        "sub/fig.png": b"\x89PNG",
        ".obsidian/workspace.md": "# no",
        ".trash/old.md": "# no",
        "sub/.hidden/x.md": "# no",
        "Private/secret.md": "# no",
        "node_modules/pkg/readme.md": "# no",
    })
    loaded = load_vault(vault, exclude=["Private/**"])
    assert [note.path for note in loaded.notes] == ["a.md", "sub/b.markdown"]
    assert loaded.attachments == ("sub/fig.png",)
    assert loaded.diagnostics == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_pointing_outside_the_vault_is_not_read(make_vault, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("# secret outside\n", encoding="utf-8")
    vault = make_vault({"a.md": "# A"})
    (vault / "link.md").symlink_to(outside)
    loaded = load_vault(vault)
    assert [note.path for note in loaded.notes] == ["a.md"]
    assert [p.code for p in loaded.diagnostics] == ["symlink-outside-vault"]


def test_missing_vault_is_a_diagnostic(tmp_path):
    loaded = load_vault(tmp_path / "nope")
    assert [p.code for p in loaded.diagnostics] == ["no-vault"]


def test_loading_never_writes_into_the_vault(make_vault):
    vault = make_vault({"a.md": "---\ntitle: A\n---\n[[b]]", "b.md": "# B"})
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vault.rglob("*")}
    load_vault(vault)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in vault.rglob("*")}
    assert before == after


def test_a_notes_body_is_kept_compressed_and_read_back_whole():
    """The body is held packed (zlib of its UTF-8) and `note.body` gives back the very text:
    CJK, an emoji (four bytes a character as a `str`), and a lone surrogate read from UTF-16."""
    body = "# 扩散模型 🙂\n\n" + "Latent diffusion, again and again. " * 200 + "\n"
    note, _ = load_note("Diffusion.md", f"---\ntitle: Latte\n---\n{body}".encode())
    assert note is not None
    assert note.body == body
    assert len(note.packed_body) < len(body.encode("utf-8")) // 10  # repetitive text: far smaller
    other, _ = load_note("Other.md", b"short [[Diffusion]]\n")
    assert other is not None and other.body == "short [[Diffusion]]\n"
    assert note.body == body and other.body == "short [[Diffusion]]\n"  # the remembered ones are each note's own
    lone = "\ud800 lone"
    assert unpacked(packed(lone)) == lone


def test_many_bodies_read_in_turn_are_each_their_own():
    notes = [load_note(f"n{index}.md", f"note {index}\n".encode())[0] for index in range(12)]
    for _ in range(2):
        assert [note.body for note in notes if note is not None] == [f"note {index}\n" for index in range(12)]



@pytest.mark.parametrize("twice", ["publish: true", "dg-publish: true", "draft: false", "Publish: true"])
@pytest.mark.parametrize(("other", "duplicated"), [("year: 2020\nyear: 2021", 1), ("title: A\ntitle: B", 1),
                                                   ("tags: [a]", 0)])
def test_a_key_written_twice_gets_one_warning_that_says_what_happens(twice: str, other: str, duplicated: int) -> None:
    """A privacy key written twice keeps the note private and says so once (never also "this
    second value is used"); another key written twice says its second value is used; the
    frontmatter was read either way, so no message says it was not."""
    note, _ = load_note("x.md", f"---\n{twice}\n{other}\n{twice}\n---\n# X\n".encode())
    privacy = "bad-draft" if twice.startswith("draft") else "bad-publish"
    assert sorted(d.code for d in note.diagnostics) == sorted([privacy] + ["duplicate-key"] * duplicated)
    [warning] = [d for d in note.diagnostics if d.code == privacy]
    assert warning.line == 2 and "YAML reads a key once" in warning.message
    assert warning.message.endswith("the note is treated as not published")
