"""Pandoc citations in notes: the inline rule, what they show, unknown keys, References."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papernotes.bib.library import parse_library
from papernotes.loader import load_note, load_vault
from papernotes.markdown.parser import make_parser
from papernotes.pages import build_site
from papernotes.rewrite import note_html


def _citations(text: str) -> list[tuple[str, bool, list[tuple[str, str, str, bool]]]]:
    found = []
    for token in make_parser().parse(text):
        for child in token.children or ():
            if child.type == "citation":
                found.append((child.content, child.meta["bracketed"], child.meta["items"]))
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ("[@key]", [("[@key]", True, [("", "key", "", False)])]),
    ("[@key, p. 3]", [("[@key, p. 3]", True, [("", "key", "p. 3", False)])]),
    ("[see @a, pp. 3-4; @b]", [("[see @a, pp. 3-4; @b]", True, [("see", "a", "pp. 3-4", False),
                                                                  ("", "b", "", False)])]),
    ("[-@smith04]", [("[-@smith04]", True, [("", "smith04", "", True)])]),
    ("As @he2016deep says.", [("@he2016deep", False, [("", "he2016deep", "", False)])]),
    ("(@doe:2020.", [("@doe:2020", False, [("", "doe:2020", "", False)])]),
])
def test_pandoc_forms(text, expected):
    assert _citations(text) == expected


@pytest.mark.parametrize("text", [
    "mail me@example.org today", "`[@key]` in code", "```\n[@key]\n```", "[@user](https://x.org/user)",
    "[[wiki@link]]", "[text without a key]", "price @ 3 dollars", "$a@b$",
])
def test_not_citations(text):
    note, _ = load_note("a.md", text.encode())
    assert note is not None and note.citations == ()


def test_a_bracket_with_a_plain_item_is_no_bracketed_citation():
    assert [(raw, bracketed) for raw, bracketed, _ in _citations("[@a; plain]")] == [("@a", False)]


LIBRARY = ("@article{he2016deep, title={Deep Residual Learning}, author={He, Kaiming and Zhang, Xiangyu and"
           " Ren, Shaoqing}, year={2016}}\n"
           "@article{ho2020, title={Denoising Diffusion Probabilistic Models}, author={Ho, Jonathan}, year={2020}}\n")


def _site(make_vault, notes):
    root = make_vault(notes)
    vault = load_vault(root)
    return build_site(vault.notes, vault.attachments, library=parse_library(LIBRARY, "refs.bib"))


def test_citations_link_to_the_paper_page(make_vault):
    site = _site(make_vault, {
        "ResNet.md": "---\ncitekey: he2016deep\n---\n# ResNet\n",
        "notes.md": "Deep nets [@he2016deep, p. 3; @ho2020] and @he2016deep, not me@mail.org.\n",
    })
    html = note_html(site.graph.notes["notes.md"], site.links)
    assert ('(<a class="pn-cite" href="../ResNet/" title="Deep Residual Learning">He et al., 2016</a>, p. 3; '
            '<span class="pn-cite" title="Denoising Diffusion Probabilistic Models">Ho, 2020</span>)') in html
    assert '<a class="pn-cite" href="../ResNet/" title="Deep Residual Learning">He et al. (2016)</a>' in html
    assert "me@mail.org" in html and not site.diagnostics


def test_citation_of_a_paper_without_a_page_links_to_its_line(make_vault):
    """A paper written as a list item (here a reading queue's) has no page: a citation of it
    goes to its line in that list."""
    site = _site(make_vault, {
        "Reading.md": "# Reading\n\n- [ ] Denoising Diffusion Probabilistic Models\n- [x] Deep Residual Learning\n",
        "notes.md": "See [@ho2020].\n",
    })
    assert note_html(site.graph.notes["notes.md"], site.links) == (
        '<p>See (<a class="pn-cite" href="../Reading/#paper-denoising-diffusion-probabilistic-models" '
        'title="Denoising Diffusion Probabilistic Models">Ho, 2020</a>).</p>\n')


def test_unknown_key_stays_text_with_did_you_mean(make_vault):
    site = _site(make_vault, {"notes.md": "# N\n\nSee [@he2016dep] and @alice.\n"})
    html = note_html(site.graph.notes["notes.md"], site.links)
    assert "[@he2016dep]" in html and "@alice" in html
    [problem] = site.diagnostics
    assert (problem.path, problem.line, problem.code) == ("notes.md", 3, "unknown-citekey")
    assert problem.hint == "Did you mean @he2016deep?"


def test_citation_inside_a_link_stays_text():
    note, _ = load_note("a.md", b"[about @key](https://example.org)\n")
    assert note is not None and note.citations == ()


def test_csl_style_option_and_a_bad_style(make_vault):
    from papernotes.pages.cite import references_html

    files = {"notes.md": "# N\n\nSee [@ho2020] and [@he2016deep].\n"}
    root = make_vault(files)
    vault = load_vault(root)
    library = parse_library(LIBRARY, "refs.bib")
    ieee = build_site(vault.notes, vault.attachments, library=library, csl_style="ieee")
    html = references_html(ieee, ieee.graph.notes["notes.md"], "notes.md")
    assert "[2]K. He, X. Zhang, and S. Ren" in html and "[1]J. Ho" in html and not ieee.diagnostics  # cited order
    body = note_html(ieee.graph.notes["notes.md"], ieee.links)
    assert 'See [<span class="pn-cite" title="Denoising Diffusion Probabilistic Models">1</span>] and [' in body
    bad = build_site(vault.notes, vault.attachments, library=library, csl_style="no-such-style")
    assert [d.code for d in bad.diagnostics] == ["csl-style"] and bad.bib.csl_style == "apa"
    assert "He, K., Zhang, X., &amp; Ren, S. (2016)" in references_html(bad, bad.graph.notes["notes.md"], "notes.md")


def test_library_only_papers_are_cited_when_not_listed(make_vault):
    root = make_vault({"notes.md": "# N\n\nSee [@ho2020].\n"})
    vault = load_vault(root)
    site = build_site(vault.notes, vault.attachments, library=parse_library(LIBRARY, "refs.bib"),
                      library_papers=False)
    assert "Ho, 2020" in note_html(site.graph.notes["notes.md"], site.links) and not site.diagnostics



_PIECES = st.sampled_from(["@", "[", "]", ";", ",", "-", "@he2016deep", "[@", "p. 3", " ", "\n", "`", "a", "é",
                           "me@x.org", "[[", "]]", "(", ")", "{", "}", "#", "*", "\\", "<", ">"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_with_citations_loads_and_renders(text: str) -> None:
    note, _ = load_note("n.md", text.encode())
    assert note is not None
    for citation in note.citations:
        assert citation.raw in text and all(item.key for item in citation.items)
    site = build_site([note], [], library=parse_library(LIBRARY, "refs.bib"))
    html = note_html(site.graph.notes[note.path], site.links)
    assert "\ue000" not in html and "\ue001" not in html  # every slot filled


def test_a_note_citekey_without_a_library_entry_is_citable(make_vault):
    root = make_vault({
        "Papers/ViT.md": "---\ncitekey: dosovitskiy2021image\ntags: [vision]\n---\n# ViT\n",
        "@radford2021.md": "# CLIP\n",
        "notes.md": "As in [@dosovitskiy2021image] and [@radford2021].\n",
    })
    vault = load_vault(root)
    site = build_site(vault.notes, vault.attachments)
    html = note_html(site.graph.notes["notes.md"], site.links)
    assert '<a class="pn-cite" href="../Papers/ViT/" title="ViT">ViT, n.d.</a>' in html
    assert 'href="../%40radford2021/"' in html and not site.diagnostics
    assert site.graph.papers[site.graph.paper_of_note["Papers/ViT.md"]].tags == ("vision",)


def test_remembered_style_lookups_format_exactly_as_citeproc_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """csl.py keeps citeproc-py's XPath answers about a style, whether each element calls a
    variable, each element's root and each locale's options (its elements do not move): the
    references of several styles, with editors, an organisation, long author lists (et al.) and
    every entry type, are the same as citeproc formats them without the memos (nor the shorter
    lookups of references' fields)."""
    from citeproc import model, source

    from papernotes.bib import csl

    monkeypatch.setenv("PAPERNOTES_CACHE", "off")  # formatted by citeproc both times, not read back
    items = []
    for number in range(21):
        item = {"id": f"k{number}", "title": f"Title {number} <b>bold</b>", "issued": {"date-parts": [[2000 + number]]},
                "type": ("paper-conference", "article-journal", "book", "chapter", "thesis", "report", "article")[
                    number % 7], "container-title": "CVPR", "DOI": f"10.1/{number}"}
        item["author"] = ([{"literal": "OpenAI"}] if number % 6 == 0 else
                          [{"family": f"Family{n % 3}", "given": f"Given{n}"} for n in range(1 + number)])
        if number % 4 == 0:
            item["editor"] = [{"family": "Editor", "given": "Ann"}]
        items.append(item)
    styles = ("apa", "ieee", "chicago-author-date", "modern-language-association", "nature")

    def formatted() -> list[list[tuple[str, str]]]:
        csl._format.cache_clear()
        return [csl.format_references(part, style) for style in styles for part in (items, items[::-4])]

    remembered = formatted()
    assert model.CitationStylesElement.xpath_search.remembered  # type: ignore[attr-defined]
    monkeypatch.setattr(model.CitationStylesElement, "xpath_search",
                        model.CitationStylesElement.xpath_search.original)  # type: ignore[attr-defined]
    for kind in (model.Parent, model.Text):
        assert kind.calls_variable is not kind.calls_variable.original  # type: ignore[attr-defined]
        monkeypatch.setattr(kind, "calls_variable", kind.calls_variable.original)  # type: ignore[attr-defined]
    for kind, name in ((model.CitationStylesElement, "get_root"), (model.Locale, "get_option")):
        remembered_method = getattr(kind, name)
        assert remembered_method.original is not remembered_method
        monkeypatch.setattr(kind, name, remembered_method.original)
    with pytest.raises(source.VariableError):  # an item not cited: citeproc's own error
        source.CitationItem("nobody").reference  # noqa: B018
    getattr_ = source.CustomDict.__getattr__
    assert getattr_.original is not getattr_  # type: ignore[attr-defined]
    monkeypatch.setattr(source.CustomDict, "__getattr__", getattr_.original)  # type: ignore[attr-defined]
    reference = source.CitationItem.reference.fget  # type: ignore[attr-defined]
    assert reference.original is not reference
    monkeypatch.setattr(source.CitationItem, "reference", property(reference.original))
    assert formatted() == remembered
    assert len(remembered[0]) == 21 and "et al." in " ".join(html for _, html in remembered[2])  # IEEE
    csl._format.cache_clear()
