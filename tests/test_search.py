"""Pagefind over the built site: one bundle, or shards of pages merged by the search page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papernotes import search
from tests.test_site_build import build_site, write_vault

VAULT = {"A.md": "# A\n\nalpha\n", "B.md": "# B\n\nbeta 扩散模型\n", "C/D.md": "# D\n\ngamma\n"}


def entry_pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_small_site_is_one_bundle(tmp_path: Path) -> None:
    site = build_site(write_vault(tmp_path / "vault", VAULT), tmp_path / "site", search="pagefind")
    assert json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8")) == []
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert entry_pages(site / "pagefind") == len(VAULT)
    assert not (site / "pagefind-2").exists() and not (site / search.MIRROR).exists()


def test_a_large_site_is_indexed_in_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    site = build_site(write_vault(tmp_path / "vault", VAULT), tmp_path / "site", search="pagefind")
    shards = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    bundles = [site / "pagefind"] + [site / shard for shard in shards]
    assert len(shards) == 1 and sum(entry_pages(bundle) for bundle in bundles) == len(VAULT)  # each note once
    assert [entry_pages(bundle) for bundle in bundles] == [2, 1]
    assert not (site / search.MIRROR).exists()
