"""Property tests: random Markdown, YAML, bytes, file names and link targets never crash the core,
and every diagnostic points at a line of the file it names.

The default run is quick (200 examples each); `python -m fuzz` runs these for minutes.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papernotes.diagnostics import Diagnostic
from papernotes.loader import load_note
from papernotes.model import Link, NoteKey
from papernotes.pages import build_site
from papernotes.resolve import Resolver
from papernotes.rewrite import note_html
from papernotes.sanitize import sanitize_html

settings.register_profile("default", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=2_000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("PAPERNOTES_HYPOTHESIS_PROFILE", "default"))

# Pieces real notes are made of, so random text often forms real syntax.
PIECES = ["[[", "]]", "![[", "|", "#", "^", "\\", "[", "]", "(", ")", "!", "`", "```", "$", "$$", "%%",
          "> ", "- ", "- [ ] ", "- [x] ", "1. ", "\t", "    ", "\n", "\n\n", "---\n", "| a | b |\n|---|---|\n",
          "> [!note]- ", "#tag", "#a/b", "<img src=\"x.png\">", "<script>", "*", "_", "==", "~~", ":",
          "a", "Note", "note.md", "../", "/", "%20", "é", "e\u0301", "扩散", "논문", "\r\n", "\r", "\ufeff",
          "title: x\n", "year: 2023\n", "tags: [a, b]\n", "publish: false\n", "&a ", "*a", "{{ x }}", "{% x %}"]
markdown_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12,
)
KEYS = ["title", "year", "date", "venue", "tags", "authors", "aliases", "links", "url", "code", "arxiv",
        "doi", "status", "publish", "dg-publish", "draft", "dg-home", "id", "desc", "created", "updated"]


def line_count(data: bytes) -> int:
    """Lines in a file as the loader reads it (UTF-16 by its BOM, CR and CRLF as line ends)."""
    text = data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def assert_lines_valid(problems: list[Diagnostic], data: bytes, key: str) -> None:
    for problem in problems:
        assert problem.path == key
        assert 1 <= problem.line <= line_count(data), problem


def check_note(data: bytes) -> None:
    note, problems = load_note("fuzz.md", data)
    assert_lines_valid(problems, data, "fuzz.md")
    if note is not None:
        site = build_site([note], ["x.png"])
        html = note_html(note, site.links)
        assert isinstance(sanitize_html(html), str)


@given(markdown_text)
def test_random_markdown_loads_and_rewrites(text: str) -> None:
    check_note(text.encode("utf-8", "surrogatepass"))


@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), yaml_values, max_size=8), markdown_text)
def test_random_frontmatter_loads(meta: dict[str, object], body: str) -> None:
    import yaml

    try:
        front = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        return
    check_note(f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"))


@given(st.lists(st.sampled_from(["---\n", "key: ", "- ", "[", "]", "{", "}", "&a ", "*a ", "!!str ", "? ",
                                 ": ", "\t", "'", '"', "|\n", ">\n", "  ", "\n", "#", "%YAML 1.1\n", "x"]),
                max_size=40).map(lambda parts: "---\n" + "".join(parts) + "\n---\n# body\n"))
def test_random_yaml_syntax_loads(text: str) -> None:
    check_note(text.encode())


@given(st.binary(max_size=400))
def test_random_bytes_load(data: bytes) -> None:
    check_note(data)


@given(st.binary(max_size=200).map(lambda b: b"\xff\xfe" + b))
def test_random_utf16_loads(data: bytes) -> None:
    check_note(data)


name_chars = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/"), min_size=1,
                     max_size=12)
file_names = st.lists(name_chars, min_size=1, max_size=3).map("/".join).map(lambda n: n + ".md")


@given(st.lists(file_names, min_size=1, max_size=8, unique=True), st.lists(name_chars, max_size=3),
       st.text(max_size=30), st.text(max_size=10), st.sampled_from(["wikilink", "embed", "markdown", "image"]))
def test_random_names_and_targets_resolve(names: list[str], attachments: list[str], target: str,
                                          fragment: str, kind: str) -> None:
    notes = []
    for name in names:
        note, _ = load_note(name, f"# {name}\n\n## Head\ntext ^blk\n".encode("utf-8", "surrogatepass"))
        assert note is not None
        notes.append(note)
    resolver = Resolver(notes, attachments)
    link = Link(kind, target, fragment, "", 3, f"[[{target}]]")  # type: ignore[arg-type]
    resolved, problems = resolver.resolve(link, NoteKey(names[0]))
    assert resolved is None or resolved.key in set(names) | set(attachments)
    assert all(problem.line == 3 for problem in problems)
