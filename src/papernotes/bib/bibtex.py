"""BibTeX out: an entry kept as the library wrote it, or written from the paper's facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from papernotes.bib.library import LibraryEntry
from papernotes.bib.people import parse_name, stable_key
from papernotes.ids import is_bibtex_key
from papernotes.model import Paper, PaperId

_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "{": r"\{", "}": r"\}",
    **{char: "\\" + char for char in "&%$#_"},
})
_LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def _bibtex_text(text: str) -> str:
    r"""Plain text as a braced BibTeX value that LaTeX prints as written: specials escaped, a
    backslash, `~` and `^` as the text commands for them. A brace that has its partner is `\{`
    or `\}`; a lone one is `\textbraceleft{}` or `\textbraceright{}`, since BibTeX itself counts
    `\{` as a brace (a lone `\{` would run the value on into the next entries)."""
    text = " ".join(text.split())
    pieces: list[str] = []
    start = 0
    for index in _lone_braces(text):
        pieces += [text[start:index].translate(_ESCAPES), _LONE_BRACES[text[index]]]
        start = index + 1
    pieces.append(text[start:].translate(_ESCAPES))
    return "".join(pieces)


def _lone_braces(text: str) -> list[int]:
    """Where `text` has a `{` or `}` without its partner, in order."""
    if "{" not in text and "}" not in text:
        return []
    opened: list[int] = []
    lone: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}":
            (opened.pop() if opened else lone.append(index))
    return sorted(lone + opened)


def _bibtex_name(name: str) -> str:
    person = parse_name(name)
    if person.whole or not person.given:
        return "{" + _bibtex_text(person.display) + "}"
    return _bibtex_text(f"{person.family}, {person.given}")


def bibtex_entry(key: str, paper: Paper, entry: LibraryEntry | None = None) -> str:
    """The entry from the user's library verbatim when there is one; otherwise one written from
    the paper's facts, in a fixed field order so it does not change between builds."""
    if entry is not None and entry.raw_bibtex:
        return entry.raw_bibtex
    venue = paper.venue or ""
    arxiv_only = bool(paper.arxiv) and (not venue or venue.lower() == "arxiv")
    kind = "article" if arxiv_only else ("inproceedings" if venue else "misc")
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_text(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(_bibtex_name(name) for name in paper.authors)))
    if arxiv_only:
        fields.append(("journal", f"arXiv preprint arXiv:{paper.arxiv}"))
    elif venue:
        fields.append(("booktitle", _bibtex_text(venue)))
    if paper.year:
        fields.append(("year", str(paper.year)))
    if paper.doi:
        fields.append(("doi", _bibtex_text(paper.doi)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv")]
    url = paper.link("paper")
    if url:
        fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def paper_keys(papers: Iterable[tuple[PaperId, Paper]], taken: Mapping[PaperId, str]) -> dict[PaperId, str]:
    """A citekey for every paper: its library or note citekey (`taken`), else a stable one made
    from the first author, the year and the title (`he2016deep`; `he2016deepa`, `...b` when two
    papers would share it, in paper id order). A taken citekey that cannot be a BibTeX key (a
    note's `citekey: Smith 2020, draft`) is replaced too: written as it is, it would end its
    entry early and every reader of papers.bib would stumble there."""
    keys = {pid: key for pid, key in taken.items() if is_bibtex_key(key)}
    used = set(keys.values())
    # for each base, the first of `base`, `basea`, `baseb`... not tried yet: those before it are
    # taken and stay taken, so k papers sharing a base try about 2k keys in all, not k * k / 2
    untried: dict[str, int] = {}
    for pid, paper in sorted(papers, key=lambda item: item[0]):
        if pid in keys:
            continue
        base = stable_key(paper.authors[0] if paper.authors else "", paper.year, paper.title)
        number = untried.get(base, 0)
        key = _candidate_key(base, number)
        while key in used:
            number += 1
            key = _candidate_key(base, number)
        untried[base] = number + 1
        keys[pid] = key
        used.add(key)
    return keys


def _candidate_key(base: str, number: int) -> str:
    """The `number`th key tried for `base`: `base`, then `basea`, `baseb`, ..., `baseaa`."""
    return base + _suffix(number - 1) if number else base


def _suffix(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
