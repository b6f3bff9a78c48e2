"""Templates ship in the wheel (pyproject lists every package) and a site can override them."""

from __future__ import annotations

import tomllib
from pathlib import Path

from papernotes.render import shipped_templates
from tests.test_site_build import REPO, build_site, page, write_vault


def test_pyproject_lists_every_package() -> None:
    """The package list is explicit (templates/ is mapped into the wheel), so a new folder of
    src/papernotes must be added to it, or the wheel would silently leave it out."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    src = REPO / "src"
    found = {".".join(init.parent.relative_to(src).parts) for init in src.rglob("__init__.py")}
    # Asset folders (KaTeX, tablesort) are data, listed so setuptools packs them without warnings.
    assets = {".".join(folder.relative_to(src).parts) for folder in (src / "papernotes" / "assets").rglob("*")
              if folder.is_dir()} | {"papernotes.assets"}
    assert set(setuptools["packages"]) == found | assets | {"papernotes.templates"}
    assert setuptools["package-dir"]["papernotes.templates"] == "templates"


def test_shipped_templates_are_found() -> None:
    folder = Path(shipped_templates())
    assert (folder / "paper_header.html").is_file() and (folder / "paper_footer.html").is_file()


def test_templates_dir_overrides_a_shipped_template(tmp_path: Path) -> None:
    custom = tmp_path / "my-templates"
    custom.mkdir()
    (custom / "paper_header.html").write_text('<p class="custom">CUSTOM {{ title }} ({{ venue_year }})</p>\n',
                                              encoding="utf-8")
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n[[paper]]\n",
        "paper.md": "---\ntitle: A <b>Paper</b>\nyear: 2020\n---\n# Paper\n\n[[index]]\n",
    })
    site = build_site(docs, tmp_path / "site", templates_dir=str(custom))
    html = page(site, "paper")
    assert '<p class="custom">CUSTOM A &lt;b&gt;Paper&lt;/b&gt; (2020)</p>' in html  # still autoescaped
    assert "pn-related" in html  # the footer is still the shipped one
