"""What can never be a paper's title: a URL, a path, a to-do, a question, a generic heading, a
figure or table caption or template syntax."""

from __future__ import annotations

import re
from functools import lru_cache

from papernotes.ids import title_key
from papernotes.model import Paper

# A URL, or an identifier standing alone: `doi:…`, `arXiv:…`, a bare DOI `10.1016/j.x.2012.09.004`.
_URL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*://|www\.|mailto:|doi:|arxiv:|10\.\d{4,9}/\S)", re.IGNORECASE)
# `/joint_states`, `src/main.py`, `~/data`, `C:\x`: a path, not a title (a title's `/` has
# words on both sides with spaces around, or is one `A/B` pair such as `Encoder/Decoder`).
_PATH_RE = re.compile(r"^\s*(?:[~.]?/|[A-Za-z]:\\)|^\S+\.(?:md|py|cpp|h|js|ts|json|ya?ml|txt|sh|pdf|png|jpe?g)$|"
                      r"^[\w.\-]+(?:/[\w.\-]+){2,}$")
# What a template plugin (Templater, Zotero Integration's Nunjucks, Dataview) leaves unrendered in
# a template note: `{{annotation.comment | ...}}`, `{% if %}`, `<% tp.file.title %>`, `${title}`.
# Negated classes, not `.*?`: linear on long lines of braces.
_TEMPLATE_RE = re.compile(r"\{%[^%]*%\}|\{\{[^{}]*\}\}|<%[^%]*%>|\$\{[^{}]*\}")
# Verbs a to-do starts with ("Figure out how to...", "Add tags", "Fix ..."); `Read` is left out,
# since "Read: Attention Is All You Need" is how queues name a paper.
_TODO_VERBS = frozenset("""
    add ask buy call change check clean create debug decide delete email figure find finish fix
    install investigate learn look make merge move organise organize plan prepare refactor remove
    rename reply research reorganise reorganize schedule send set setup submit test todo tidy
    try update upload use write
""".split())
# `Table 4. Ablations`, `Figure 2: Overview`, `Fig. 3`, `그림 2.`, `表 1`: a caption, not a paper.
_CAPTION_RE = re.compile(r"^(?:table|tab\.|figure|fig\.|algorithm|alg\.|표|그림|图|表)\s*+[A-Z]?\d+(?:\.\d+)?"
                         r"(?:[.:：)]|\s|$)", re.IGNORECASE)
# Words that make up headings of a note's own structure, never a paper's name.
GENERIC_WORDS = frozenset("""
    a abstract and annotation annotations appendix background code comment comments conclusion conclusions contents
    excerpt excerpts highlight highlights quote quotes
    contribution contributions discussion discussions experiment experiments figure figures
    further idea ideas implementation info information intro introduction key link links list lists log metadata
    method methods misc
    motivation my note notes of other others overview paper papers problem problems question
    queue questions read readme reading ref reference references related resource resources result results
    checklist summary table tag tags the thought thoughts title to todo toc usage work
    摘录 书摘
    参考 参考文献 总结 摘要 笔记 方法 实验 结论 背景 动机 贡献 问题 引用 链接 标签 相关工作 标题 요약 참고 정리 제목
    論文 論文情報 情報 書誌情報 リンク メモ まとめ
""".split())


def is_generic_heading(text: str) -> bool:
    """`References`, `Paper info`, `論文情報・リンク`: a heading of the note's own structure, made
    only of `GENERIC_WORDS`; it names no subject."""
    words = title_key(text).split()
    return bool(words) and all(word in GENERIC_WORDS for word in words)


@lru_cache(maxsize=2**16)  # every entry, row and queue item, read again on every `mkdocs serve` rebuild
def title_problem(text: str, evidenced: bool = False) -> str | None:
    """Why `text` cannot title a paper (`a URL`, `a path`, ...), or None when it can.

    A question titles a paper only with evidence that it names one (`evidenced`: see
    `has_paper_evidence`), as many papers ask one (`What Makes for End-to-End Object Detection?`)
    and many notes' headings and remarks do too.
    """
    stripped = text.strip()
    key = title_key(stripped)
    if not key:
        return "no words"
    if _URL_RE.match(stripped):
        return "a URL"
    if _PATH_RE.search(stripped):
        return "a path"
    if _TEMPLATE_RE.search(stripped):
        return "template syntax"
    if _CAPTION_RE.match(stripped):
        return "a caption"
    if is_generic_heading(stripped):
        return "a generic heading"
    if stripped.endswith(("?", "？")) and not evidenced:
        return "a question"
    if is_todo(stripped):
        return "a to-do"
    return None


def is_todo(text: str) -> bool:
    """`Figure out how to color-code nodes`, `Add tags : ...`, `write summary`: an imperative
    sentence, lower-cased or not; a title in Title Case after the verb (`Make-A-Video`,
    `Find Your Focus`) is a name, not a to-do."""
    words = text.split()
    first = re.sub(r"[^a-z]", "", words[0].casefold()) if words else ""
    if first not in _TODO_VERBS or "-" in words[0]:
        return False
    rest = [word for word in words[1:4] if word[:1].isalpha()]
    return not rest or any(word[:1].islower() for word in rest)


_EVIDENCE_LINKS = frozenset({"paper", "pdf", "note"})


def has_paper_evidence(paper: Paper) -> bool:
    """An entry that links the paper (its host, its PDF, its note) or states its venue or authors."""
    return bool(paper.venue or paper.authors or any(kind in _EVIDENCE_LINKS for kind, _ in paper.links))
