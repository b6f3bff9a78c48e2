"""User text is shown, never run: payloads in titles, tags, authors, cells, queue items, hashtags,
callout titles, file and folder names and raw HTML, on every page (and in search results), in
headless Chromium. Every payload tries to set `window.__pwned` or open a dialog."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from papernotes.sanitize import sanitize_html
from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site, write_vault

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=2">'
JS_URL = "javascript:window.__pwned=3"
TEMPLATE = "{{ 7*7 }} {% if true %}tplx{% endif %}"
PAYLOAD = f"{SCRIPT} {IMG} {TEMPLATE}"
FILE_NAME = "<img src=x onerror=alert(4)>.md"  # MkDocs turns `_` in file names into spaces
FOLDER = "\"><svg onload=window.__pwned=5>"

VAULT = {
    "index.md": f"""
        # Home
        [[Evil paper]] [[{FOLDER}/Inside]] [{PAYLOAD}]({JS_URL})

        ## Reading queue
        - [ ] [[Evil paper]]
        - [ ] {SCRIPT} item one
        - [ ] {IMG} item two

        | paper | key design |
        | --- | --- |
        | [[Evil paper]] | {SCRIPT} {TEMPLATE} |
        """,
    "Evil paper.md": f"""
        ---
        title: 'Evil {SCRIPT} {IMG.replace("'", "")} {TEMPLATE}'
        year: 2024
        venue: '{SCRIPT}'
        tags: ['{SCRIPT}', '{IMG.replace("'", "")}', evil]
        authors: ['{SCRIPT}', '{IMG.replace("'", "")}']
        aliases: ['{SCRIPT}']
        links:
          code: '{JS_URL}'
          paper: 'data:text/html,<script>window.__pwned=6</script>'
        ---
        # Evil paper

        A hashtag #evil<script>window.__pwned=7</script> and {TEMPLATE}.

        > [!note] {SCRIPT} {IMG}
        > callout body

        > [!warning]- {TEMPLATE}
        > folded

        <img src="x" onerror="window.__pwned=8"> <a href="{JS_URL}">js link</a>
        <iframe srcdoc="<script>parent.__pwned=9</script>"></iframe>
        <svg onload="window.__pwned=10"></svg> <details open ontoggle="window.__pwned=11"><summary>s</summary></details>
        <a href="data:text/html,<script>alert(1)</script>">data link</a>
        <meta http-equiv="refresh" content="0;url=javascript:window.__pwned=12">
        <div style="background:url(javascript:window.__pwned=13)">styled</div>
        <form action="javascript:window.__pwned=14"><button>go</button></form>
        <object data="javascript:window.__pwned=15"></object><embed src="javascript:window.__pwned=16">
        <math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=17">
        </style></mglyph></table></mtext></math>
        <noscript><p title="</noscript><img src=x onerror=window.__pwned=18>"></noscript>

        Kept: <kbd>Ctrl</kbd> <mark>marked</mark> <img src="pic.png" width="120" alt="pic">

        - [x] a done task
        $$a < b$$
        """,
    f"{FOLDER}/Inside.md": "# Inside\nA note in a folder named with HTML.\n",
    # a library entry without a note: an "in library" row of the Papers table, whose HTML is put in
    # after the page is sanitised (pages.generate.Finished): escaped by papernotes alone
    "refs.bib": f"""
        @article{{evil2023library,
          title = {{Library entry {SCRIPT} {IMG}}},
          author = {{Mallory, <img src=x onerror=window.__pwned=19> and {{<script>window.__pwned=20</script>}}}},
          journal = {{<svg onload=window.__pwned=21>}},
          year = {{2023}}
        }}
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    docs = write_vault(root / "docs", VAULT)
    (docs / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return build_site(docs, root / "site", strict=False, search="pagefind")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


class _Markup(HTMLParser):
    """Tags and attributes of a page that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.in_script = False
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_title:  # <title> is RCDATA: tags inside it are text to a browser
            return
        self.in_script = tag == "script"
        self.in_title = tag == "title"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "srcdoc" or (tag == "meta" and name == "http-equiv"):
                self.bad.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "data") and value.startswith(("javascript:", "data:text")):
                self.bad.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.bad.append("<script>" + data[:40])

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        self.in_title = self.in_title and tag != "title"


def test_no_payload_survives_as_markup(site: Path) -> None:
    for path in pages(site):
        checker = _Markup()
        checker.feed(path.read_text(encoding="utf-8"))
        assert checker.bad == [], path
        text = path.read_text(encoding="utf-8").replace("{% if true %}tplx", "")
        text = text.replace("\\{\\% if true \\%\\}tplx", "")  # the Cite block's BibTeX: escaped, not run
        text = text.replace("-if-true-tplx-endif", "")  # the paper's id (a tick box's name) slugs its title
        assert "tplx" not in text, path


def test_payloads_are_shown_as_text_where_they_are_displayed(site: Path) -> None:
    escaped = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
    for url in ("Evil paper/index.html", "papers/index.html", "notes/index.html",
                "timeline/index.html"):
        assert escaped in (site / url).read_text(encoding="utf-8"), url
    evil = (site / "Evil paper" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in evil and "49" not in evil
    assert '<kbd>Ctrl</kbd>' in evil and "<mark>marked</mark>" in evil and 'width="120"' in evil
    assert 'class="admonition note"' in evil and "<details" in evil and 'type="checkbox"' in evil
    assert 'class="arithmatex"' in evil


def test_a_library_entry_is_text_in_the_papers_table(site: Path) -> None:
    """The Papers table reaches its page after the page is sanitised (pages.generate.Finished):
    a .bib entry's title, authors and venue are escaped by papernotes alone, and the page keeps
    no mark of where the table went."""
    papers = (site / "papers" / "index.html").read_text(encoding="utf-8")
    assert "pn-finished" not in papers and papers.count("<table>") == 1
    assert ('<tr data-pn-authors="&lt;img src=x onerror=window.__pwned=19&gt; Mallory|'
            '&lt;script&gt;window.__pwned=20&lt;/script&gt;" data-pn-venue="&lt;svg onload=window.__pwned=21&gt;">'
            '<td></td><td>Library entry &lt;script&gt;window.__pwned=1&lt;/script&gt; '
            '"&gt;&lt;img src=x onerror="window.__pwned=2"&gt;</td><td>2023</td>'
            '<td>&lt;svg onload=window.__pwned=21&gt;</td><td></td><td>in library</td></tr>') in papers


def test_sanitizer_keeps_site_markup() -> None:
    html = ('<h2 id="m">M<a class="headerlink" href="#m" title="Permanent link">¶</a></h2>'
            '<div class="admonition note"><p class="admonition-title">N</p></div>'
            '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox" disabled="" checked="">'
            '<span class="task-list-indicator"></span></label> x</li></ul>'
            '<span class="arithmatex">\\(a &lt; b\\)</span><a id="^b" class="pn-block"></a>'
            '<img src="a%20b.png" alt="a" width="300"><table><tr><th style="text-align:left">t</th></tr></table>')
    assert sanitize_html(html) == html.replace("<table><tr>", "<table><tbody><tr>").replace(
        "</tr></table>", "</tr></tbody></table>")


@pytest.mark.parametrize("payload", [
    "<script>x</script>", '<img src=x onerror="x">', '<a href="javascript:x">a</a>', '<a href=" JAVA\tSCRIPT:x">a</a>',
    '<iframe srcdoc="<script>x</script>"></iframe>', '<meta http-equiv="refresh" content="0;url=x">',
    '<a href="data:text/html,x">a</a>', '<img src="data:image/svg+xml,<svg onload=x>">', '<base href="//evil">',
    '<style>*{}</style>', '<svg><script>x</script></svg>', '<form action=x><input type=text></form>',
])
def test_sanitizer_removes(payload: str) -> None:
    cleaned = sanitize_html(payload).lower()
    for bad in ("<script", "onerror", "javascript", "srcdoc", "<meta", "data:text", "svg+xml", "<base", "<style",
                "<form", 'type="text"'):
        assert bad not in cleaned, (payload, cleaned)


# --- in the browser ---------------------------------------------------------------------------



@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.browser
def test_no_script_runs_on_any_page_or_search(site: Path, served: str) -> None:
    require_chromium()
    api = import_playwright()
    urls = [served + quote(p.relative_to(site).as_posix()) for p in pages(site)]
    urls += [served + "search/?q=" + quote(word) for word in ("Evil", "script", "pwned", "img")]
    dialogs: list[str] = []
    found: dict[str, int] = {}
    with api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for url in urls:
                page.goto(url)
                if "search/?q=" in url:
                    found[url.split("=")[-1]] = _search_results(page)
                pwned = page.evaluate("() => [window.__pwned, window.parent.__pwned]")
                assert pwned == [None, None], (url, pwned)
            assert dialogs == []
        finally:
            browser.close()
    # every query must have rendered results, so their titles and excerpts went through the check
    assert all(found.values()), found


# Pagefind UI's message once a search is done ("3 results for x", "1 result for x", "No results
# for x"); while it runs it says "Searching for x...".
SEARCH_DONE = """() => {
    const message = document.querySelector('.pagefind-ui__message');
    return message !== null && /results? for/i.test(message.textContent) && !/^Searching/i.test(message.textContent);
}"""


def _search_results(page) -> int:  # type: ignore[no-untyped-def]
    """Wait until Pagefind has finished the search and rendered each result shown; their number."""
    page.wait_for_function(SEARCH_DONE, timeout=15000)
    message = page.locator(".pagefind-ui__message").inner_text()
    count = 0 if message.lower().startswith("no ") else int(message.split()[0])
    shown = min(count, 5)  # Pagefind UI shows five results, then a "Load more" button
    page.wait_for_function(f"""() => document.querySelectorAll('.pagefind-ui__result').length === {shown}
        && document.querySelectorAll('.pagefind-ui__results .pagefind-ui__loading').length === 0""", timeout=15000)
    return count


def test_titles_from_file_names_are_text(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n", FILE_NAME: "No heading here.\n",
        "tagged.md": "---\ntags: ['</title><img src=x onerror=alert(5)>']\n---\n# Tagged\n",
    })
    site = build_site(docs, tmp_path / "site", strict=False)
    for page in (FILE_NAME[:-3] + "/index.html", *(p.relative_to(site) for p in site.glob("topics/*/index.html"))):
        checker = _Markup()
        checker.feed((site / page).read_text(encoding="utf-8"))
        assert checker.bad == [], page
