"""Vault files a browser runs when they are opened on their own (SVG, XML, saved web pages) never
run anything on the site: each generated payload file, linked from a note, is published inert
(`papernotes/active_files.py`), and Chromium opening every published file is the judge."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from papernotes import active_files
from papernotes.active_files import served, xml_problem
from papernotes.site_plan import active_problems
from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site, write_vault

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
XHTML = '<html xmlns="http://www.w3.org/1999/xhtml"><body>{}</body></html>'
# Ways an XML document runs script; each sets window.__pwned to its own number.
XML_PAYLOADS = [
    "<script>window.__pwned={n}</script>",
    '<script href="data:text/javascript,window.__pwned={n}"/>',
    '<rect width="9" height="9" onload="window.__pwned={n}"/>',
    '<a xlink:href="javascript:window.__pwned={n}"><text>x</text></a>',
    '<a href="&#106;ava&#x09;script:window.__pwned={n}"><text>x</text></a>',
    '<set attributeName="href" to="javascript:window.__pwned={n}"/>',
    '<animate attributeName="onbegin" values="window.__pwned={n}" begin="0s"/>',
    '<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">'
    '<img src="x" onerror="window.__pwned={n}"/></div></foreignObject>',
    '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:parent.__pwned={n}"/></foreignObject>',
    '<use href="data:image/svg+xml,&lt;svg id=&quot;x&quot; xmlns=&quot;http://www.w3.org/2000/svg&quot;&gt;'
    '&lt;image href=&quot;1&quot; onerror=&quot;window.__pwned={n}&quot;/&gt;&lt;/svg&gt;#x"/>',
]
ENTITY = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s "&#60;script&#62;window.__pwned={n}&#60;/script&#62;">]>'
          + SVG.format("&s;"))
STYLESHEET = ('<?xml-stylesheet type="text/xsl" href="#"?>' + SVG.format("<text>{n}</text>"))
HTML_PAYLOADS = [
    "<script>window.__pwned={n}</script>",
    '<img src=x onerror="window.__pwned={n}">',
    '<body onload="window.__pwned={n}">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned={n}">',
    '<iframe srcdoc="<script>parent.__pwned={n}</script>"></iframe>',
]
BENIGN = {  # published as written: drawings and data a vault really holds
    "diagram.svg": SVG.format('<style>.a{fill:red}</style><rect class="a" width="9" height="9"/>'
                              '<foreignObject width="90" height="20"><div xmlns="http://www.w3.org/1999/xhtml">'
                              'a label</div></foreignObject><a xlink:href="https://example.org/"><text>link</text></a>'),
    "data.xml": '<?xml version="1.0"?><rows><row id="1">javascript is a word here</row></rows>',
}


def attack_files() -> dict[str, str]:
    """Every payload in each file type that carries it, numbered: `xml-3.svg` holds payload 3."""
    files: dict[str, str] = {}
    n = 0
    for payload in XML_PAYLOADS:
        for suffix, shell in ((".svg", SVG), (".xhtml", XHTML), (".xml", SVG)):
            n += 1
            files[f"attack-{n}{suffix}"] = shell.format(payload.format(n=n))
    for template in (ENTITY, STYLESHEET):
        n += 1
        files[f"attack-{n}.svg"] = template.replace("{n}", str(n))
    for payload in HTML_PAYLOADS:
        for suffix in (".html", ".htm"):
            n += 1
            files[f"attack-{n}{suffix}"] = f"<!DOCTYPE html><title>t</title>{payload.format(n=n)}<p>kept text {n}</p>"
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("active")
    files = {**attack_files(), **BENIGN}
    links = " ".join(f"[{name}]({quote(name)}) ![[{name}]]" for name in files)
    docs = write_vault(root / "docs", {"index.md": f"# Home\n\n{links}\n"})
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    return build_site(docs, root / "site", strict=False)


def test_every_xml_payload_is_found() -> None:
    found = {name: xml_problem(text.encode()) for name, text in attack_files().items()
             if not name.endswith((".html", ".htm"))}
    assert [name for name, problem in found.items() if problem is None] == []
    assert [xml_problem(text.encode()) for name, text in BENIGN.items()] == [None, None]


def test_xml_that_runs_is_left_out_and_pages_are_sanitised(site: Path) -> None:
    published = {path.name for path in site.iterdir() if path.name.startswith("attack-")}
    assert published == {name for name in attack_files() if name.endswith((".html", ".htm"))}
    for name in published:
        text = (site / name).read_text(encoding="utf-8")
        assert "__pwned" not in text.replace("kept text", ""), name
        assert "kept text" in text
    for name, text in BENIGN.items():
        assert (site / name).read_text(encoding="utf-8") == text  # byte for byte


def test_a_left_out_file_is_named_in_a_warning() -> None:
    result = served("Drawings/a.svg", SVG.format("<script>1</script>").encode())
    assert result.data is None and result.problem is not None
    assert result.problem.format() == (
        "Drawings/a.svg:1: warning: Drawings/a.svg is not published: opened in a browser it could run script "
        "on the site (a <script> element) (remove what runs from the file (a drawing exported without scripts), "
        "or export it as PNG or PDF)")
    assert served("a.svgz", b"\x1f\x8b").data is None
    assert served("broken.svg", b"<svg><script>").data is None


def test_check_finds_what_is_left_out_without_sanitising_web_pages(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`papernotes check` reports the files the build leaves out; a web page is never left out
    (it is published sanitised), so check neither sanitises it nor reads it."""
    root = write_vault(tmp_path / "docs", {"Saved/page.html": "<p onclick=x>saved page</p>",
                                           "Drawings/a.svg": SVG.format("<script>1</script>"),
                                           "Drawings/plain.svg": SVG.format("<rect/>")})

    def refused(html: str) -> str:
        raise AssertionError("a web page was sanitised")
    monkeypatch.setattr(active_files, "sanitize_html", refused)
    problems = active_problems(root, ["Saved/page.html", "Drawings/a.svg", "Drawings/plain.svg", "Saved/gone.htm"])
    assert [(problem.path, problem.code) for problem in problems] == [("Drawings/a.svg", "active-file")]


@pytest.mark.browser
def test_no_published_file_runs_script_when_opened(site: Path) -> None:
    require_chromium()
    api = import_playwright()
    names = sorted(path.name for path in site.iterdir() if path.is_file() and path.suffix in
                   (".svg", ".xml", ".xhtml", ".html", ".htm"))
    assert len(names) >= len(HTML_PAYLOADS) * 2 + len(BENIGN)
    dialogs: list[str] = []
    with serve(site) as url, api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for name in names:
                page.goto(url + quote(name))
                page.wait_for_timeout(50)  # an SVG animation's `begin="0s"`: one frame
                assert page.evaluate("() => window.__pwned") is None, name
            page.goto(url)  # the note embedding and linking them all
            assert page.evaluate("() => window.__pwned") is None
        finally:
            browser.close()
    assert dialogs == []
