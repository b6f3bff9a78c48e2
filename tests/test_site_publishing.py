"""One build per publishing rule: the private note is absent from every file of the built site.

Pages, nav, the Pagefind index, sitemap.xml(.gz), generated pages, backlinks and related papers are
all files under site_dir, so each test reads every file (gzip-compressed ones decompressed) and looks
for what only the private note contains: its body, its title, its URL.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from tests.test_site_build import build_site, write_vault

SECRETS = (b"PRIVATE-CANARY-7f3a", b"Secret Canary Paper", b"secret-note")

PUBLIC = {
    "index.md": """
        # Home
        Read [[paper]]; the other one is [[secret-note|not for the web]].
        """,
    "paper.md": """
        ---
        title: Public Transformer Paper
        year: 2020
        tags: [shared-topic]
        ---
        # Public paper
        PUBLIC-MARKER-42 is searchable.
        """,
}
SECRET_NOTE = """
    ---
    {flag}
    title: Secret Canary Paper
    year: 2021
    tags: [shared-topic]
    ---
    PRIVATE-CANARY-7f3a links to [[paper]], so a leak would show in its backlinks and related papers.
    """

RULES = {
    # rule: (front matter flag of the private note, its path, plugin options, flag of public notes)
    "publish-false": ("publish: false", "secret-note.md", {}, ""),
    "dg-publish-false": ("dg-publish: false", "secret-note.md", {}, ""),
    "draft-true": ("draft: true", "secret-note.md", {}, ""),
    "exclude-glob": ("", "Private/secret-note.md", {"exclude": "['Private/**']"}, ""),
    "explicit-mode": ("", "secret-note.md", {"publish": "explicit"}, "publish: true"),
}


def _with_flag(text: str, flag: str) -> str:
    if not flag:
        return text
    if "---" in text:
        return text.replace("---\n", f"---\n        {flag}\n", 1)
    return f"\n        ---\n        {flag}\n        ---" + text


def _contents(site: Path) -> dict[str, bytes]:
    """Every file of the site, gzip-compressed ones (sitemap.xml.gz, Pagefind's index) decompressed."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = zlib.decompress(data, 16 + zlib.MAX_WBITS) if path.suffix != ".gz" else gzip.decompress(data)
            found[path.relative_to(site).as_posix()] = data
    return found


@pytest.mark.parametrize("rule", list(RULES))
def test_private_note_is_absent_from_the_site(tmp_path: Path, rule: str) -> None:
    flag, secret_path, options, public_flag = RULES[rule]
    files = {name: _with_flag(text, public_flag) for name, text in PUBLIC.items()}
    files[secret_path] = SECRET_NOTE.replace("{flag}", flag)
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", search="pagefind", **options)
    contents = _contents(site)

    assert "paper/index.html" in contents and "sitemap.xml" in contents and "sitemap.xml.gz" in contents
    assert any(name.startswith("pagefind/fragment/") for name in contents), "Pagefind wrote no index"
    assert any(b"PUBLIC-MARKER-42" in data for name, data in contents.items() if name.startswith("pagefind/"))
    leaks = {name: [s.decode() for s in SECRETS if s in data] for name, data in contents.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
    assert b"Public Transformer Paper" in contents["papers/index.html"]
    assert b"not for the web" in contents["index.html"]  # the link text stays, as plain text


@pytest.mark.parametrize("attachments", ["used", "all"])
def test_excluded_files_are_never_copied_even_when_linked(tmp_path: Path, attachments: str) -> None:
    """`exclude` means never published: a data file under an excluded folder stays out with
    `attachments: all`, and also when a published note links or embeds it."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n![[Private/plot.png]] [table](Private/results.csv) ![[Public/ok.png]]\n",
        "Private/results.csv": "PRIVATE-CANARY-7f3a\n",
        "Private/plot.png": "PRIVATE-CANARY-7f3a\n",
        "Private/unused.txt": "PRIVATE-CANARY-7f3a\n",
        "Public/ok.png": "public\n",
    })
    site = build_site(docs, tmp_path / "site", strict=False, exclude="['Private/**']", attachments=attachments)
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert [name for name in written if name.startswith(("Private", "Public"))] == ["Public/ok.png"]
    assert not any(b"PRIVATE-CANARY-7f3a" in (site / name).read_bytes() for name in written)
