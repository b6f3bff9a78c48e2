"""References formatted ahead by a helper process are those formatted in the build's own process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from papernotes import two_processes
from papernotes.bib import csl
from papernotes.pages import references_ahead
from tests.test_check_agrees_with_build import built
from tests.test_search import files_of
from tests.test_site_build import write_vault

# Same first author and year twice (He 2016, twice; Zhang 2019, twice with the same title),
# markup in a title, a paper with no year, and a malformed entry (line 23) further down.
LIBRARY = r"""@inproceedings{he2016deep,
  title = {Deep Residual Learning for Image Recognition},
  author = {He, Kaiming and Zhang, Xiangyu}, booktitle = {CVPR}, year = {2016}}
@inproceedings{he2016identity,
  title = {Identity Mappings in Deep Residual Networks},
  author = {He, Kaiming and Zhang, Xiangyu}, booktitle = {ECCV}, year = {2016}}
@article{zhang2019a, title = {Robust Learning}, author = {Zhang, Wei}, journal = {TPAMI}, year = {2019}}
@article{zhang2019b, title = {Robust Learning}, author = {Zhang, Wei}, journal = {IJCV}, year = {2019}}
@article{script2020, title = {When <script>alert(1)</script> Is a Title},
  author = {M{\"u}ller, J{\"o}rg}, journal = {Journal of <b>Bold</b> Claims}, year = {2020}}
@misc{undated, title = {A Note Without a Year}, author = {Doe, Jane}}
@article{vaswani2017attention, title = {Attention is All you Need},
  author = {Vaswani, Ashish and Shazeer, Noam}, journal = {NeurIPS}, year = {2017}}
@article{ho2020denoising, title = {Denoising Diffusion Probabilistic Models},
  author = {Ho, Jonathan and Jain, Ajay}, journal = {NeurIPS}, year = {2020}}
@article{kim2021maps, title = {Learning Maps}, author = {Kim, Minsu}, journal = {CVPR}, year = {2021}}
@article{lee2020tiny, title = {Tiny Networks}, author = {Lee, Jin}, journal = {ICML}, year = {2020}}
@article{park2021kites, title = {Gliding Kites}, author = {Park, Jin}, journal = {TPAMI}, year = {2021}}
@article{chen2018fast, title = {Fast Things}, author = {Chen, Li}, journal = {NeurIPS}, year = {2018}}



@misc{broken, title = {Unclosed
"""
KEYS = ("he2016deep", "he2016identity", "zhang2019a", "zhang2019b", "script2020", "undated",
        "vaswani2017attention", "ho2020denoising", "kim2021maps", "lee2020tiny", "park2021kites", "chen2018fast")
VAULT = {
    "ResNet.md": "---\ncitekey: he2016deep\n---\n# ResNet\n",
    # each note cites a different set, in another order; one key is unknown
    **{f"notes/Cites {number:02d}.md":
       f"# Cites {number}\n\nAs [@{KEYS[number % 12]}; @{KEYS[(number * 5 + 3) % 12]}] "
       f"and @{KEYS[(number * 7 + 1) % 12]} show [see @{KEYS[(number + 6) % 12]}, p. 3], "
       f"unlike [@nosuchkey{number}].\n" for number in range(12)},
}


def _project(root: Path, style: str) -> Path:
    write_vault(root / "vault", VAULT)
    (root / "library.bib").write_text(LIBRARY, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: References\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - papernotes:\n      search: none\n      csl_style: {style}\n"
        "      bibliography: [library.bib]\n", encoding="utf-8")
    return root


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no helper is started")
@pytest.mark.parametrize("style", ["apa", "ieee"])
def test_references_formatted_in_the_helper_equal_those_formatted_here(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, style: str) -> None:
    monkeypatch.setenv("PAPERNOTES_CACHE", "off")  # formatted each time, never read back
    monkeypatch.setenv(two_processes.HELPER_ENV, "1")
    csl._format.cache_clear()  # this process's memo of formatted References: each build formats its own
    alone = built(_project(tmp_path / "one", style), caplog)
    caplog.clear()
    monkeypatch.setenv(two_processes.HELPER_ENV, "0")
    monkeypatch.setattr(references_ahead, "AHEAD_MIN_REFERENCES", 1)
    started: list[two_processes.Ahead] = []

    class Recorded(two_processes.Ahead):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            started.append(self)

    monkeypatch.setattr(references_ahead, "Ahead", Recorded)
    csl._format.cache_clear()
    beside = built(_project(tmp_path / "two", style), caplog)
    csl._format.cache_clear()
    [ahead] = started
    # one formatting per reference (APA) or per note (IEEE), each asked for once by a page
    assert len(ahead.jobs) == 12
    assert len(ahead.answers) >= 1  # the first jobs were the helper's: a page waited for them
    assert len(ahead.answers) + ahead.done_here == len(ahead.jobs)
    assert ahead.helper is None  # stopped at the build's end
    assert beside == alone
    assert ("library.bib", 23) in {(path, line) for path, line, _, message in beside if "malformed" in message}
    hint = "add the entry to your .bib file, or set `citekey:` in the paper's note"
    assert {(path, message) for path, _, _, message in beside if "nosuchkey" in message} == {
        (f"notes/Cites {number:02d}.md",
         f"citation @nosuchkey{number} matches no library entry and no note's citekey ({hint})")
        for number in range(12)}
    one, two = files_of(tmp_path / "one" / "site"), files_of(tmp_path / "two" / "site")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name] and name != "feed.xml"] == []
    page = two["notes/Cites 04/index.html"].decode("utf-8")  # cites script2020 first
    references = page[page.index('<section class="pn-references">'):]
    assert "When &lt;script&gt;alert(1)&lt;/script&gt; Is a Title" in references
    assert "<script>alert" not in page


def test_few_references_are_formatted_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `AHEAD_MIN_REFERENCES` no helper is started (it costs more than it saves)."""
    monkeypatch.setenv("PAPERNOTES_CACHE", "off")
    monkeypatch.setenv(two_processes.HELPER_ENV, "0")
    started: list[object] = []
    monkeypatch.setattr(references_ahead, "Ahead", lambda *args: started.append(args))
    csl._format.cache_clear()
    build(load_config(str(_project(tmp_path, "apa") / "mkdocs.yml"), strict=False))
    csl._format.cache_clear()
    assert started == []
    assert "Identity Mappings" in (tmp_path / "site" / "notes" / "Cites 01" / "index.html").read_text("utf-8")
