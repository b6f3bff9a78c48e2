"""What kind of link an entry gives (paper, code, project, pdf, note, blog, other) and the ids in it.

The author's label decides when it names a kind (`[code]`, `[[Github](...)]`, `[Project page]`,
`Paper:`); otherwise the host does (arxiv.org and DOIs are papers, github.com is code,
`*.github.io` is a project page). Judgement calls: `[Google Colab]` links are the PyTorch
implementation notebooks of reading logs, so they are `code`; `[Blog Posting]` and tutorials are
`blog`; videos, demos and docs are `other`. A `[pdf]` label is the paper itself unless it points at
a local file (`./x.pdf`), which is a `pdf`. Empty targets and placeholders (`[code]()`, `<url>`)
are no link at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from papernotes.ids import arxiv_id, doi, is_book_url, on_paper_host
from papernotes.paths import has_scheme

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "colab.research.google.com")
BLOG_HOSTS = ("tistory.com", "notion.so", "notion.site", "zhihu.com", "medium.com", "csdn.net", "velog.io")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com")

_LABEL_KINDS = {
    "paper": "paper",
    "pdf": "paper",
    "odf": "paper",  # a typo for pdf that reading logs carry
    "arxiv": "paper",
    "code": "code",
    "github": "code",
    "git": "code",
    "repo": "code",
    "google colab": "code",
    "colab": "code",
    "pytorch code": "code",
    "website": "project",
    "project": "project",
    "project page": "project",
    "homepage": "project",
    "page": "project",
    "demo page": "project",
    "note": "note",
    "blog": "blog",
    "blog posting": "blog",
    "tutorial": "blog",
    "doc": "other",
    "docs": "other",
    "video": "other",
    "demo": "other",
}
PLACEHOLDERS = {"", "url", "<url>", "#"}


def label_kind(label: str) -> str | None:
    """The kind a label names: `Github2` and `code: unofficial implementation` are code."""
    text = label.strip().strip("[]*<>").strip().lower().rstrip("0123456789").strip()
    if text in _LABEL_KINDS:
        return _LABEL_KINDS[text]
    head = text.split(":", 1)[0].strip()
    return _LABEL_KINDS.get(head)


def host_kind(url: str, default: str = "other") -> str:
    """The kind a URL is by where it points."""
    if not has_scheme(url):
        path = url.split("#", 1)[0].lower()
        if path.endswith(".pdf"):
            return "pdf"
        if path.endswith((".md", ".markdown")):
            return "note"
        return default
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # `https://[0]…` pasted in a sentence: no host anyone can follow
        return default
    if is_book_url(url):
        return default
    if arxiv_id(unquote(url)) or on_paper_host(url) or doi(url):
        return "paper"
    if host.endswith(".github.io"):
        return "project"
    if _matches(host, CODE_HOSTS):
        return "code"
    if _matches(host, BLOG_HOSTS):
        return "blog"
    if _matches(host, VIDEO_HOSTS):
        return "other"
    return default


def _matches(host: str, hosts: Iterable[str]) -> bool:
    return any(host == known or host.endswith("." + known) for known in hosts)


def link_kind(label: str, url: str, default: str = "other") -> str | None:
    """The kind of `[label](url)`, or None when the target is empty or a placeholder."""
    if url.strip().lower() in PLACEHOLDERS:
        return None
    kind = label_kind(label)
    if kind == "paper" and not has_scheme(url) and url.lower().split("#", 1)[0].endswith(".pdf"):
        return "pdf"
    return kind or host_kind(url, default)


def classify(links: Iterable[tuple[str, str]], default: str = "other") -> tuple[tuple[str, str], ...]:
    """`(kind, url)` pairs for `(label, url)` links, placeholders dropped, repeats removed."""
    found: dict[tuple[str, str], None] = {}
    for label, url in links:
        kind = link_kind(label, url, default)
        if kind is not None:
            found.setdefault((kind, url.strip()), None)
    return tuple(found)


def identifiers(links: Iterable[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The arXiv id and DOI carried by a paper's `paper` links (URL-encoded ones included)."""
    found_arxiv: str | None = None
    found_doi: str | None = None
    for kind, url in links:
        if kind == "paper" and has_scheme(url):
            found_arxiv = found_arxiv or arxiv_id(unquote(url))
            found_doi = found_doi or doi(unquote(url))
    return found_arxiv, found_doi
