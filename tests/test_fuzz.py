"""Property tests: random Markdown, YAML, bytes, file names and link targets never crash the core,
and every diagnostic points at a line of the file it names.

The default run is quick (200 examples each); `python -m fuzz` runs these for minutes.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

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


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "cite"}
_RASTER = re.compile(r"data:image/(png|jpe?g|gif|webp|avif|bmp);")  # the only data: URLs kept, as <img src>
_SCHEME_NOISE = re.compile(r"[\x00-\x20]")  # browsers ignore controls and spaces inside a URL's scheme


class _Unsafe(HTMLParser):
    """What in a piece of HTML could run script: <script>, on* handlers, javascript: URLs."""

    # Elements whose content a browser's tokeniser reads as raw text, never as tags.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "iframe", "xmp", "noembed", "noframes")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "object", "embed", "base", "meta", "style", "form"):  # iframes: http(s) only
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = _SCHEME_NOISE.sub("", value or "").lower()
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}>")
            elif name in _URL_ATTRIBUTES and (url.startswith(("javascript:", "vbscript:")) or (
                    url.startswith("data:") and not (tag == "img" and _RASTER.match(url)))):
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    """The sanitiser's output, parsed as a browser would tokenise it, holds nothing that runs."""
    checker = _Unsafe()
    checker.feed(html)
    checker.close()
    assert checker.found == [], (checker.found, html)


def check_note(data: bytes) -> None:
    note, problems = load_note("fuzz.md", data)
    assert_lines_valid(problems, data, "fuzz.md")
    if note is not None:
        site = build_site([note], ["x.png"])
        assert_lines_valid([d for d in site.diagnostics if d.path == "fuzz.md"], data, "fuzz.md")
        assert_safe(sanitize_html(note_html(note, site.links)))


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


# Pieces of HTML that try to run script, so random combinations probe the sanitiser's edges.
HTML_PIECES = ["<script>", "</script>", "<scr", "ipt>", "<img src=x ", "onerror=", "onload=", "ONCLICK=", " on",
               "<a href=", "javascript:", "java\tscript:", "JaVaScRiPt:", "&#106;avascript:", "&colon;",
               "data:text/html,", "<svg>", "<math>", "<style>", "<iframe srcdoc=", "<object data=", "<base href=",
               "<meta http-equiv=refresh content=", "<!--", "-->", "<![CDATA[", "]]>", "<noscript>", "<textarea>",
               "<template>", "<form action=", "<button formaction=", '"', "'", "=", ">", "<", "/", " ", "\n",
               "<p>", "</p>", "<div>", "x", "alert(1)", "<details open ontoggle=", "<video poster=", "`"]
html_text = st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=4)), max_size=40).map("".join)


@given(html_text)
def test_sanitized_html_holds_nothing_that_runs(html: str) -> None:
    cleaned = sanitize_html(html)
    assert_safe(cleaned)
    assert sanitize_html(cleaned) == cleaned  # sanitising is idempotent: the output is already clean


def test_the_safety_check_sees_what_would_run() -> None:
    """The property above is only as good as its checker: it must flag each of these."""
    import pytest

    for unsafe in ("<script>x</script>", '<img src=x onerror="x">', "<a href=' java\tscript:x'>a</a>",
                   '<a href="&#106;avascript:x">a</a>', '<iframe srcdoc="x"></iframe>', "<svg onload=x />",
                   '<a href="data:text/html,x">a</a>', '<img src="data:image/svg+xml,x">'):
        with pytest.raises(AssertionError):
            assert_safe(unsafe)
    assert_safe('<a href="https://example.org/javascript:">ok</a> javascript: as text <p title="onerror">'
                '<iframe src="https://www.youtube.com/embed/x"></iframe><img src="data:image/png;base64,AA">')


# A note that says it is private in any spelling the frontmatter accepts, on a line of its own.
PRIVATE_LINES = ["publish: false", "dg-publish: false", "draft: true", "Publish: no", "DG_Publish: 'false'",
                 '"draft": yes', "- publish: false", "publish:\u00a0false", "{publish: false"]
# YAML made of these pieces is often unreadable, nests, quotes over lines or repeats a key; no
# `---` among them, so the block ends where the test says.
YAML_PIECES = ["key: ", "- ", "[", "]", "{", "}", "&a ", "*a ", "!!str ", "? ", ": ", "\t", "'", '"', "|\n",
               ">\n", "  ", "\n", "#", "x", "title: x\n", "publish: true\n", "dg-publish: true\n", "draft: false\n",
               "tags: [a, b]\n", "%YAML 1.1\n", "\u00a0"]
yaml_lines = st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join)


@given(yaml_lines, st.sampled_from(PRIVATE_LINES), yaml_lines, st.sampled_from(["---\n", "", "\n---\n"]),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_a_note_that_says_it_is_private_is_never_published(before: str, private: str, after: str, closing: str,
                                                           newline: str, blank_start: bool) -> None:
    """Whatever the rest of its frontmatter is (not YAML, never closed, the key written twice or
    inside a quoted value), a note with a line that makes it private is not published: what the
    YAML reading did not see still counts (`frontmatter.unread_privacy`)."""
    block = ("\n" if blank_start else "") + before.rstrip(" ") + "\n" + private + "\n" + after
    text = f"---\n{block.rstrip(chr(10))}\n{closing}zqxbody\n".replace("\n", newline)
    note, problems = load_note("fuzz.md", text.encode())
    assert note is not None
    assert not note.publish, (text, problems)
    site = build_site([note], [])
    assert site.links.published == frozenset()


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=20), st.text(max_size=20))
def test_the_feed_is_xml_whatever_the_titles(title: str, summary: str, site_name: str, author: str) -> None:
    """Any character in a note's title, the site's name or its author (controls, U+FFFE, lone
    surrogates) leaves feed.xml well-formed: one bad title would make readers refuse the feed."""
    import datetime as dt
    from xml.etree import ElementTree

    from papernotes.explore.feed import Entry, atom

    when = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    text = atom(site_name, "https://example.org/", author, [Entry("read", title, "a/", when, summary)])
    root = ElementTree.fromstring(text.encode("utf-8", "surrogatepass"))
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 1
