"""What kind a link of a paper entry is, by its label and by where it points, table by table."""

from __future__ import annotations

import pytest

from papernotes.entries.links import host_kind, label_kind, link_kind


@pytest.mark.parametrize(("url", "kind", "with_default"), [
    ("notes/x.pdf#page=2", "pdf", "pdf"), ("a/b.MD", "note", "note"), ("a/b.markdown", "note", "note"),
    ("plain", "other", "zzz"),  # a relative path that is neither: the default
    ("https://arxiv.org/abs/2401.03048", "paper", "paper"), ("https://export.arxiv.org/abs/1", "paper", "paper"),
    ("https://openreview.net/forum?id=x", "paper", "paper"), ("https://doi.org/10.1109/x.1", "paper", "paper"),
    ("https://x.github.io/p", "project", "project"), ("https://github.com/a/b", "code", "code"),
    ("https://sub.github.com/a", "code", "code"), ("https://gitlab.com/a/b", "code", "code"),
    ("https://notgithub.com/a", "other", "zzz"),  # a host that only ends like a known one
    ("https://zhuanlan.zhihu.com/p/1", "blog", "blog"), ("https://medium.com/x", "blog", "blog"),
    ("https://www.youtube.com/watch?v=1", "other", "other"),  # videos are "other" whatever the default
    ("https://example.org/", "other", "zzz"),
    # a whole book is not a paper, whatever DOI it holds; a chapter of one is
    ("https://link.springer.com/book/10.1007/978-3-000-00000-0#toc", "other", "zzz"),
    ("https://books.google.com/books?id=abc", "other", "zzz"),
    ("https://link.springer.com/chapter/10.1007/978-3-000-00000-0_24", "paper", "paper"),
    # a journal's article is a paper, the journal's home page or a search is not
    ("https://www.nature.com/articles/nn.0001", "paper", "paper"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC0000001/", "paper", "paper"),
    ("https://www.nature.com/neuro/", "other", "zzz"), ("https://www.annualreviews.org/journal/neuro", "other", "zzz"),
    ("https://www.biorxiv.org/search/author1%3Aobi", "other", "zzz"),
])
def test_host_kind(url: str, kind: str, with_default: str) -> None:
    assert (host_kind(url), host_kind(url, "zzz")) == (kind, with_default)


@pytest.mark.parametrize(("label", "kind"), [
    ("paper", "paper"), ("Paper", "paper"), ("PDF", "paper"), ("arXiv", "paper"), ("Paper:", "paper"),
    ("code", "code"), (" code ", "code"), ("Code", "code"), ("github", "code"), ("Github2", "code"),
    ("code: unofficial implementation", "code"), ("project", "project"), ("Project Page", "project"),
    ("page", "project"), ("website", "project"), ("homepage", "project"), ("blog", "blog"), ("note", "note"),
    ("video", "other"), ("demo", "other"),
    ("notes", None), ("slides", None), ("PDF link", None), ("Code & data", None), ("unknown", None),
])
def test_label_kind(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


@pytest.mark.parametrize(("label", "url", "kind"), [
    ("code", "#", None), ("code", "", None), ("x", " URL ", None),  # placeholders
    ("paper", "TODO", "paper"), ("x", "https://github.com/a/b", "code"), ("", "https://github.com/a/b", "code"),
    ("paper", "https://github.com/a/b", "paper"),  # the label wins over the host
    ("paper", "files/p.PDF#page=1", "pdf"), ("x", "paper.pdf", "pdf"), ("paper", "https://x.org/p.pdf", "paper"),
    ("slides", "https://example.org/s", "other"),
])
def test_link_kind(label: str, url: str, kind: str | None) -> None:
    assert link_kind(label, url) == kind
