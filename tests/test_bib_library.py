"""Reference libraries in: BibTeX, CSL-JSON and RIS read once, matched to the graph's papers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papernotes.bib.export import papers_bibtex
from papernotes.bib.library import (
    MEMO_LIMIT,
    _remembered_latex,
    latex_text,
    merge_libraries,
    parse_library,
    split_bibtex_names,
)
from papernotes.bib.match import TITLE_THRESHOLD, attach_library
from papernotes.bib.people import AuthorIndex, Person, parse_name, venue_name
from papernotes.bib.sources import load_libraries, vault_libraries
from papernotes.loader import load_vault
from papernotes.pages import build_site
from papernotes.pages.generate import Finished, finished_html, papers_page

BIB = r"""@inproceedings{he2016deep,
  title     = {Deep Residual Learning for Image Recognition},
  author    = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
  booktitle = {Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)},
  year      = {2016},
  doi       = {10.1109/CVPR.2016.90}
}

@article{vaswani2017attention,
  title   = {Attention is All you Need},
  author  = {Vaswani, Ashish and Shazeer, Noam},
  journal = {arXiv preprint arXiv:1706.03762},
  year    = 2017,
  abstract = {The dominant sequence transduction models...}
}

@misc{broken, title = {Unclosed

@article{schrodinger1935,
  title  = {Die gegenw{\"a}rtige Situation in der Quantenmechanik},
  author = {Schr\"{o}dinger, Erwin},
  year   = {1935},
  journal = {Naturwissenschaften}
}
"""


def test_bibtex_fields_latex_and_malformed_entry():
    library = parse_library(BIB, "refs.bib")
    by_key = {entry.key: entry for entry in library.entries}
    assert set(by_key) == {"he2016deep", "vaswani2017attention", "schrodinger1935"}
    assert by_key["he2016deep"].doi == "10.1109/cvpr.2016.90" and by_key["he2016deep"].line == 1
    assert by_key["vaswani2017attention"].arxiv == "1706.03762"
    assert by_key["vaswani2017attention"].venue == "arXiv"
    assert by_key["schrodinger1935"].title == "Die gegenwärtige Situation in der Quantenmechanik"
    assert by_key["schrodinger1935"].authors == ("Schrödinger, Erwin",)
    assert by_key["he2016deep"].raw_bibtex.startswith("@inproceedings{he2016deep,")
    [problem] = library.diagnostics
    assert (problem.path, problem.line, problem.code) == ("refs.bib", 17, "bib-malformed")


def test_latex_text():
    assert latex_text(r"{\"U}ber {GAN}s") == "Über GANs"
    assert latex_text(r"G\'{e}rard \& \c{C}a\u{g}lar") == "Gérard & Çağlar"
    assert latex_text(r"\textit{Italic} title") == "Italic title"
    assert latex_text("plain   text") == "plain text"


def test_latex_text_remembers_short_values_only():
    """Names and venues recur and are remembered; an abstract is written once and is not kept
    (5,000 of them held 7 MB for the whole build), yet decoded the same way."""
    name, abstract = r"M{\"u}ller, Zo{\"e}", r"We show that {\"U}ber {GAN}s work. " * 20
    assert len(name) <= MEMO_LIMIT < len(abstract)
    _remembered_latex.cache_clear()
    assert latex_text(name) == "Müller, Zoë"
    assert latex_text(abstract) == ("We show that Über GANs work. " * 20).strip()
    assert _remembered_latex.cache_info().currsize == 1
    assert latex_text(name) == "Müller, Zoë"
    assert _remembered_latex.cache_info().hits == 1


def test_duplicate_keys_in_one_file_and_across_files():
    one = parse_library("@article{a, title={First}}\n@article{a, title={Second}}\n", "a.bib")
    assert [e.title for e in one.entries] == ["First"]
    assert [d.code for d in one.diagnostics] == ["bib-duplicate-key"]
    merged = merge_libraries([one, parse_library("@article{a, title={Third}}\n", "b.bib")])
    assert [e.title for e in merged.entries] == ["First"]
    assert [d.path for d in merged.diagnostics] == ["a.bib", "b.bib"]


def test_bom_and_latin1_files(tmp_path: Path):
    (tmp_path / "bom.bib").write_bytes(b"\xef\xbb\xbf@article{bom, title={Caf\xc3\xa9}}\n")
    (tmp_path / "latin.bib").write_bytes(b"@article{latin, title={Caf\xe9 au lait}}\n")
    library = load_libraries(tmp_path, ["bom.bib", "latin.bib"], [], tmp_path)
    assert {e.key: e.title for e in library.entries} == {"bom": "Café", "latin": "Café au lait"}
    assert [d.code for d in library.diagnostics] == ["bib-latin1"]


def test_csl_json_and_ris():
    csl = json.dumps([{"id": "mae", "type": "paper-conference", "title": "Masked Autoencoders",
                       "author": [{"family": "He", "given": "Kaiming"}], "issued": {"date-parts": [[2022]]},
                       "container-title": "CVPR", "DOI": "10.1109/CVPR52688.2022.01553"}], indent=1)
    [entry] = parse_library(csl, "lib.json").entries
    assert (entry.key, entry.kind, entry.year, entry.authors, entry.line) == (
        "mae", "inproceedings", 2022, ("He, Kaiming",), 3)
    ris = "TY  - JOUR\nID  - vit\nTI  - An Image is Worth 16x16 Words\nAU  - Dosovitskiy, Alexey\nPY  - 2021\nER  - \n"
    [entry] = parse_library(ris, "lib.ris").entries
    assert (entry.key, entry.title, entry.year, entry.authors) == (
        "vit", "An Image is Worth 16x16 Words", 2021, ("Dosovitskiy, Alexey",))
    assert parse_library("[{bad json", "x.json").diagnostics[0].code == "bib-malformed"


def test_five_thousand_entries_parse():
    """Every entry of a 5,000-entry library, each field as written (its CPU cost is measured by
    benchmarks/bench_library.py, not here)."""
    text = "".join(
        f"@article{{key{i},\n  title={{Paper {i} about {{GAN}}s and \\\"{{u}}ber things}},\n"
        f"  author={{Doe, John and\n    Smith, Jane A.}},\n  journal={{Journal {i % 50}}},\n"
        f"  year={{20{i % 25:02d}}},\n"
        f"  doi={{10.1000/x{i}}}\n}}\n" for i in range(5000))
    library = parse_library(text, "big.bib")
    assert len(library.entries) == 5000 and not library.diagnostics
    last = library.entries[-1]
    assert (last.key, last.title, last.authors, last.venue, last.year, last.doi, last.line) == (
        "key4999", "Paper 4999 about GANs and über things", ("Doe, John", "Smith, Jane A."), "Journal 49", 2024,
        "10.1000/x4999", 4999 * 8 + 1)  # eight lines an entry


def test_names_and_venues():
    assert parse_name("He, Kaiming").key == parse_name("Kaiming He").key
    assert parse_name("van der Maaten, Laurens").display == "Laurens van der Maaten"
    assert parse_name("何恺明").display == "何恺明" and parse_name("何恺明").whole
    # `Given M. Family`, as a library's `Family, Given M.` is shown and read again: split as nameparser does
    assert parse_name("Geoffrey E. Hinton") == parse_name("Hinton, Geoffrey E.") == Person("Geoffrey E.", "Hinton")
    assert parse_name("J. R. R. Tolkien") == Person("J. R. R.", "Tolkien")
    assert parse_name("Juan De La Cruz").family == "De La Cruz"  # particles: nameparser's
    assert split_bibtex_names("{Facebook AI and Friends} AND He, K. and\n  Sch{\\\"o}n, B. and others") == (
        "Facebook AI and Friends", "He, K.", "Schön, B.")
    index = AuthorIndex(["Kaiming He", "K. He", "Xiangyu Zhang", "Xin Zhang", "X. Zhang"])
    assert index.key("K. He") == index.key("He, Kaiming")
    assert index.key("X. Zhang") not in (index.key("Xin Zhang"), index.key("Xiangyu Zhang"))  # two could be meant
    for written in ("CVPR 2023", "CVPR'23", "CVPR2023", "cvpr",
                    "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"):
        assert venue_name(written) == "CVPR", written
    assert venue_name("arXiv preprint arXiv:2301.00001") == "arXiv"
    assert venue_name("NeurIPS 2022 (Oral)") == "NeurIPS"
    full_names = {  # the full names ids knows, as libraries spell them, and names that only hold one
        "Proceedings of the IEEE conference on computer vision and pattern recognition": "CVPR",
        "Proceedings of the 38th International Conference on Machine Learning": "ICML",
        "Advances in Neural Information Processing Systems 33": "NeurIPS",
        "Thirty-Seventh AAAI Conference on Artificial Intelligence": "AAAI",
        "2019 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)": "IROS",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence, 2021": "TPAMI",
        "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops":
            "IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops",
        "Workshop on Efficient Learning at the International Conference on Machine Learning":
            "Workshop on Efficient Learning at the International Conference on Machine Learning",
        "Pacific Rim International Conference on Computer Vision":
            "Pacific Rim International Conference on Computer Vision",
        "Asian Conference on Computer Vision": "Asian Conference on Computer Vision",
        "International Conference on Machine Learning and Applications":
            "International Conference on Machine Learning and Applications",
    }
    assert {written: venue_name(written) for written in full_names} == full_names


def test_cjk_names_are_whole_and_family_first():
    # a library's `family, given`; a template's `given family` when its last part is a common
    # family name and its first is not (or a rarer one); else as written
    shown = {name: parse_name(name).display for name in (
        "宋, 爽", "爽 宋", "帅 王", "伯杰 傅", "宋爽", "宋 爽", "王 李", "김, 민수", "민수 김", "김민수", "김 민수",
        "山田, 太郎", "山田 太郎", "太郎 山田")}
    assert shown == {
        "宋, 爽": "宋爽", "爽 宋": "宋爽", "帅 王": "王帅", "伯杰 傅": "傅伯杰", "宋爽": "宋爽", "宋 爽": "宋 爽",
        "王 李": "王 李", "김, 민수": "김민수", "민수 김": "김민수", "김민수": "김민수", "김 민수": "김 민수",
        "山田, 太郎": "山田太郎", "山田 太郎": "山田 太郎", "太郎 山田": "太郎 山田"}
    index = AuthorIndex(["宋, 爽", "爽 宋", "宋爽", "宋 爽", "김민수", "민수 김"])
    assert len({index.key(name) for name in ("宋, 爽", "爽 宋", "宋爽", "宋 爽")}) == 1
    assert index.key("민수 김") == index.key("김민수") != index.key("宋爽")
    assert (index.display(index.key("宋 爽")), index.slug(index.key("爽 宋"))) == ("宋爽", "宋爽")


VAULT = {
    "ResNet.md": "---\ncitekey: he2016deep\nyear: 2016\n---\n# ResNet\n",
    "Attention.md": "---\narxiv: '1706.03762'\n---\n# Attention\n",
    "@schrodinger1935.md": "# Schrödinger's cat\nNo frontmatter at all.\n",
    "Private/secret.md": "---\npublish: false\ndoi: 10.1000/secret\n---\n# Secret\n",
    "Private/secret.bib": "@article{leak, title={PRIVATE-CANARY-bib}}\n",
    "refs.bib": BIB + (
        "@article{secretpaper, title={Hidden}, doi={10.1000/secret}}\n"
        "@article{lonely, title={A Paper Nobody Wrote About}, author={Doe, Jane}, year={2020}}\n"
        "@article{ddim, title={Denoising Diffusion Implicit Models}, year={2021}}\n"
        "@article{typo, title={Masked Autoencoders are Scalable Vision Learner}, year={2022}}\n"),
    "DDPM.md": "---\ntitle: Denoising Diffusion Probabilistic Models\nyear: 2020\n---\n",
    "MAE.md": "---\ntitle: Masked Autoencoders Are Scalable Vision Learners\nyear: 2021\n---\n",
}


def _site(make_vault, files=VAULT, **options):
    root = make_vault(files)
    vault = load_vault(root)
    library = load_libraries(root, vault_libraries(vault.attachments, ["Private/**"]), [], root)
    return build_site(vault.notes, vault.attachments, exclude=["Private/**"], library=library, **options)


def test_matching_rules(make_vault):
    site = _site(make_vault)
    bib, papers = site.bib, site.graph.papers
    by_note = {paper.note: paper for paper in papers.values() if paper.note}
    resnet = by_note["ResNet.md"]  # by citekey in frontmatter; the library fills what the note leaves empty
    assert resnet.authors == ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun")
    assert resnet.venue == "CVPR" and resnet.doi == "10.1109/cvpr.2016.90"
    assert by_note["Attention.md"].authors == ("Ashish Vaswani", "Noam Shazeer")  # by arXiv id
    assert by_note["Attention.md"].summary.startswith("The dominant")
    assert by_note["@schrodinger1935.md"].year == 1935  # a note named @key is that paper's page
    assert by_note["MAE.md"].year == 2021  # near-equal title: matched, and the note's year wins
    assert any(d.code == "bib-conflict" and d.path == "MAE.md" for d in site.diagnostics)
    assert bib.paper_of_key["typo"] == papers_id(site, "MAE.md")
    # Two different papers with similar titles stay two.
    assert by_note["DDPM.md"].year == 2020 and bib.paper_of_key["ddim"] != papers_id(site, "DDPM.md")
    assert {p.title for p in bib.library_papers.values()} == {"A Paper Nobody Wrote About",
                                                              "Denoising Diffusion Implicit Models"}
    assert TITLE_THRESHOLD > 90


def test_every_other_match_rule(make_vault):
    """The rules test_matching_rules leaves out: `citation-key:` and `zotero-key:`, a note named
    `key.md`, a DOI (in any case), a title equal once case and punctuation are dropped, and the
    order: an identifier wins over a title."""
    site = _site(make_vault, {
        "Cited.md": "---\ncitation-key: citkey\nyear: 2019\n---\n# Cited\n",
        "Zotero.md": "---\nzotero-key: zotkey\nyear: 2018\n---\n# Zotero\n",
        "plainkey.md": "# Plain key\nA note named as the entry's key.\n",
        "Doi.md": "---\ndoi: 10.1000/abc\nyear: 2017\n---\n# Doi\n",
        "Exact.md": "---\ntitle: An Exact Title of a Paper\nyear: 2016\n---\n# Exact\n",
        "Other.md": "---\ntitle: Another Paper Entirely\nyear: 2015\n---\n# Other\n",
        "refs.bib": "@article{citkey, title={Cited by Key}, journal={ICML}}\n"
                    "@article{zotkey, title={Zotero Key}, journal={ICLR}}\n"
                    "@article{plainkey, title={Plain Key Paper}, journal={AAAI}, year={2014}}\n"
                    "@article{doikey, title={Some Other Title}, doi={10.1000/ABC}, journal={Nature}}\n"
                    "@article{exact, title={An exact title of a paper!}, journal={ECCV}}\n"
                    "@article{both, title={An Exact Title of a Paper}, doi={https://doi.org/10.1000/abc}}\n",
    })
    pid = site.graph.paper_of_note
    assert {key: site.bib.paper_of_key[key] for key in ("citkey", "zotkey", "plainkey", "doikey", "exact", "both")} == {
        "citkey": pid["Cited.md"], "zotkey": pid["Zotero.md"], "plainkey": pid["plainkey.md"],
        "doikey": pid["Doi.md"], "exact": pid["Exact.md"], "both": pid["Doi.md"]}
    venues = {note: site.graph.papers[pid[note]].venue for note in ("Cited.md", "Zotero.md", "plainkey.md",
                                                                     "Doi.md", "Exact.md", "Other.md")}
    assert venues == {"Cited.md": "ICML", "Zotero.md": "ICLR", "plainkey.md": "AAAI", "Doi.md": "Nature",
                      "Exact.md": "ECCV", "Other.md": None}
    assert site.graph.papers[pid["plainkey.md"]].year == 2014 and not site.bib.library_papers


def papers_id(site, note):
    return site.graph.paper_of_note[note]


def test_private_library_and_private_papers_stay_out(make_vault):
    site = _site(make_vault)
    assert "leak" not in site.bib.entries and "secretpaper" not in site.bib.entries
    assert all(p.title != "Hidden" for p in site.bib.library_papers.values())


def test_library_papers_can_be_turned_off(make_vault):
    site = _site(make_vault, library_papers=False)
    assert not site.bib.listed_papers() and "A Paper Nobody Wrote About" not in papers_page(site)
    assert "lonely" in site.bib.paper_of_key  # still citable


def test_the_papers_table_can_be_handed_over_finished(make_vault):
    """The plugin takes the Papers table apart from its page (`finished`), so that markdown-it
    and the sanitiser never see its thousands of rows: the page holds a mark where the table
    goes, and putting the table back gives the page `papernotes check` and `export` see."""
    site = _site(make_vault)
    whole = papers_page(site)
    finished: dict[str, Finished] = {}
    page = papers_page(site, finished=finished)
    table = finished["papers.md"]
    assert list(finished) == ["papers.md"] and table.mark in page and table.html not in page
    assert page.endswith(f"\n\n{table.mark}\n") and "A Paper Nobody Wrote About" not in page
    assert page.replace(table.mark, table.html) == whole
    assert table.html.startswith('<div class="pn-table pn-compare-table">') and table.html.endswith("</div>")
    assert "A Paper Nobody Wrote About" in table.html and table.html.count("<table>") == 1
    # the mark names the table by its digest: another table, another mark; the same, the same
    assert finished_html(table.html) == table and finished_html(table.html + " ").mark != table.mark
    assert table.mark == f'<div class="pn-finished">{table.mark[25:49]}</div>' and len(table.mark) == 55
    assert Finished("<b>m</b>", "<i>t</i>").put_back("<p><b>m</b><b>m</b></p>") == "<p><i>t</i><b>m</b></p>"


def test_big_library_attaches(make_vault):
    text = "".join(f"@article{{k{i}, title={{Study number {i} of things}}, year={{2020}}, doi={{10.1000/z{i}}}}}\n"
                   for i in range(5000))
    files = {f"n{i}.md": f"---\ntitle: Note title {i} of a paper\nyear: 2021\n---\n" for i in range(300)}
    files["refs.bib"] = text
    root = make_vault(files)
    vault = load_vault(root)
    library = load_libraries(root, vault_libraries(vault.attachments, []), [], root)
    site = build_site(vault.notes, vault.attachments, library=library)
    assert len(site.bib.library_papers) == 5000 and len(site.graph.papers) == 300
    assert not site.bib.entry_of_paper.keys() & site.graph.papers.keys()  # no title is near another


def test_attach_without_library_changes_nothing(make_vault):
    root = make_vault({"a.md": "---\nyear: 2020\n---\n# A\n"})
    vault = load_vault(root)
    site = build_site(vault.notes, vault.attachments)
    graph, bib = attach_library(site.graph, merge_libraries([]))
    assert graph is site.graph and not bib.entries


def test_near_titles_match_whichever_end_is_intact(make_vault):
    from papernotes.bib.match import _Matcher
    from papernotes.model import Paper, PaperId, Source

    source = (Source("a.md", 1, "note"),)  # type: ignore[arg-type]
    papers = {PaperId("a"): Paper("Attention Is All You Need", source),
              PaperId("b"): Paper("YOLOv3: An Incremental Improvement", source),
              PaperId("c"): Paper("Denoising Diffusion Probabilistic Models", source)}
    matcher = _Matcher([], papers)
    entries = parse_library(
        "@article{a1, title={Atention is All You Need}}\n"           # a typo in the first word
        "@article{a2, title={Attention Is All You Need.}}\n"          # punctuation only: exact
        "@article{b1, title={YOLOv4: An Incremental Improvement}}\n"  # another paper: numbers differ
        "@article{c1, title={Denoising Diffusion Implicit Models}}\n", "x.bib").entries
    assert matcher.near_titles(entries) == ["a", "a", None, None]


def test_near_titles_compare_few_titles_when_every_title_has_one_shape(monkeypatch):
    """`Learning … for Vision` x 300 papers and 300 entries: an entry is compared only with titles
    sharing one of its rarest word pairs, never with every paper of the same first or last word
    (entries x papers); a title one misspelt word off is still found, one with its first and
    last words misspelt is not looked for."""
    from rapidfuzz import fuzz

    from papernotes.bib.match import _Matcher
    from papernotes.model import Paper, PaperId, Source

    def word(number: int, salt: str) -> str:  # letters only: numbers in a title must be equal
        return salt + "".join(chr(ord("a") + int(d)) for d in str(number))

    source = (Source("a.md", 1, "note"),)  # type: ignore[arg-type]
    papers = {PaperId(f"p{n}"): Paper(f"Learning {word(n, 'x')} {word(n, 'y')} {word(n, 'z')} for Vision", source)
              for n in range(300)}
    text = "".join(f"@article{{e{n}, title={{Learning {word(n, 'u')} {word(n, 'v')} {word(n, 'w')} for Vision}}}}\n"
                   for n in range(300))
    text += "@article{near, title={Learning xbd ybdd zbd for Vision}}\n"    # p13, one word misspelt
    text += "@article{far, title={Learnin xbd ybd zbd for Visio}}\n"        # p13, both ends misspelt
    entries = parse_library(text, "x.bib").entries
    compared = []
    ratio = fuzz.ratio
    monkeypatch.setattr(fuzz, "ratio", lambda a, b, **kw: compared.append((a, b)) or ratio(a, b, **kw))
    matcher = _Matcher([], papers)
    assert matcher.near_titles(entries) == [None] * 300 + ["p13", None]
    assert compared == [("learning xbd ybdd zbd for vision", "learning xbd ybd zbd for vision")]


def test_parsed_libraries_are_stored_between_builds(tmp_path: Path, monkeypatch):
    from papernotes.bib import sources, stored

    monkeypatch.setenv("PAPERNOTES_CACHE", str(tmp_path / "cache"))
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    first = load_libraries(tmp_path, ["refs.bib"], [], tmp_path)
    assert len(list((tmp_path / "cache" / "libraries").glob("*.json"))) == 1

    def no_parsing(text: str, path: str):
        raise AssertionError("parsed again")

    monkeypatch.setattr(sources, "parse_library", no_parsing)
    again = load_libraries(tmp_path, ["refs.bib"], [], tmp_path)  # a new build: a new LibraryCache
    assert again.entries == first.entries and again.diagnostics == first.diagnostics
    [path] = (tmp_path / "cache" / "libraries").glob("*.json")
    path.write_text("{not json", encoding="utf-8")
    assert stored.load((tmp_path / "refs.bib").read_bytes(), "refs.bib") is None  # a bad file is parsed again
    monkeypatch.setenv("PAPERNOTES_CACHE", "off")
    assert stored.cache_folder() is None


def test_an_edited_library_is_parsed_again_and_another_version_s_store_is_not_read(tmp_path: Path, monkeypatch):
    from papernotes.bib import stored

    monkeypatch.setenv("PAPERNOTES_CACHE", str(tmp_path / "cache"))
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    first = load_libraries(tmp_path, ["refs.bib"], [], tmp_path)
    bib.write_text(BIB.replace("Deep Residual Learning", "Deeper Residual Learning"), encoding="utf-8")
    edited = load_libraries(tmp_path, ["refs.bib"], [], tmp_path)  # a new build
    assert [entry.title for entry in edited.entries] == [
        entry.title.replace("Deep Residual Learning", "Deeper Residual Learning") for entry in first.entries]
    assert edited.entries != first.entries
    assert len(list((tmp_path / "cache" / "libraries").glob("*.json"))) == 2
    assert stored.load(bib.read_bytes(), "refs.bib") == edited  # rows of values read back whole
    for path in (tmp_path / "cache" / "libraries").glob("*.json"):
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept["fields"].reverse()  # another version's entries
        path.write_text(json.dumps(kept), encoding="utf-8")
    assert stored.load(bib.read_bytes(), "refs.bib") is None


def test_a_reference_managers_private_fields_are_never_published(make_vault):
    """Better BibTeX writes where the PDF lies on the user's disk, and their notes: the Cite block
    and papers.bib keep every other field as written, and drop those."""
    bib = ("@article{doe2020,\n  title = {A {GAN} Paper},\n  author = {Doe, Jane},\n  year = 2020,\n"
           "  file = {/Users/jane/Zotero/storage/ABCD/doe.pdf},\n  annote = {my secret remark},\n"
           "  journal = \"J. \" # \"Tests\"\n}\n"
           "@misc{plain2021,\n  title = {Plain},\n  year = {2021}\n}\n")
    by_key = {entry.key: entry for entry in parse_library(bib, "refs.bib").entries}
    assert by_key["doe2020"].raw_bibtex == ("@article{doe2020,\n  title = {A {GAN} Paper},\n  author = {Doe, Jane},\n"
                                            "  year = 2020,\n  journal = \"J. \" # \"Tests\"\n}")
    assert by_key["plain2021"].raw_bibtex == "@misc{plain2021,\n  title = {Plain},\n  year = {2021}\n}"
    site = _site(make_vault, {"refs.bib": bib, "Doe.md": "---\ncitekey: doe2020\n---\nNotes.\n"})
    exported = papers_bibtex(site.graph, site.bib)
    assert "doe2020" in exported and "/Users/jane" not in exported and "secret remark" not in exported


def test_an_unchanged_library_is_the_same_object_from_one_build_to_the_next(tmp_path: Path) -> None:
    """With one `LibraryCache` (`mkdocs serve`), unchanged files give back the very library last
    merged (`publish.KeptSite` compares it by identity); a changed file gives a new one."""
    from papernotes.bib.sources import LibraryCache

    (tmp_path / "a.bib").write_text("@article{a2020, title={A}, year={2020}}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("@article{b2021, title={B}, year={2021}}\n", encoding="utf-8")
    cache = LibraryCache()
    first = load_libraries(tmp_path, ["a.bib", "b.bib"], [], tmp_path, cache)
    assert load_libraries(tmp_path, ["a.bib", "b.bib"], [], tmp_path, cache) is first
    assert load_libraries(tmp_path, ["a.bib"], [], tmp_path, cache) is not first
    (tmp_path / "b.bib").write_text("@article{b2021, title={Bee}, year={2021}}\n", encoding="utf-8")
    changed = load_libraries(tmp_path, ["a.bib", "b.bib"], [], tmp_path, cache)
    assert [entry.key for entry in changed.entries] == ["a2020", "b2021"]
    assert changed is not first


def test_near_titles_without_titles_do_no_work(monkeypatch):
    """A vault without private notes gives the private notes' matcher no title: each entry is
    near none, found without reading its title (5,000 entries cost a build 0.1-0.2 s of CPU)."""
    from papernotes.bib import match

    entries = parse_library("@article{a, title={Learning Sparse Routing for Vision}}\n"
                            "@article{b, title={Deep Residual Learning for Image Recognition}}\n", "x.bib").entries
    monkeypatch.setattr(match, "title_key", lambda title: pytest.fail(f"{title} was read"))
    assert match._Matcher([], {}).near_titles(entries) == [None, None]


def test_a_library_path_that_cannot_be_read_is_a_diagnostic(tmp_path):
    """`stat` succeeds but reading fails (here a folder named like a library): a `bib-missing`
    problem naming the file, not a traceback, and nothing kept for the next build."""
    from papernotes.bib.sources import LibraryCache

    (tmp_path / "refs.bib").mkdir()
    cache = LibraryCache()
    library = cache.read(tmp_path / "refs.bib", "refs.bib", named=True)
    assert [(p.path, p.code) for p in library.diagnostics] == [("refs.bib", "bib-missing")]
    assert library.entries == () and cache.parsed == {}
