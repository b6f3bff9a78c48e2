"""Evidence in where a note sits and how it is named: one note per paper folder, Zotero file names."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from papernotes.ids import is_known_venue, is_paper_url
from papernotes.model import Link, Note
from papernotes.paths import stem
from papernotes.recognise.signals import HUB_NAMES, PAPER_LINK_TEXTS, Facts, Signal

FOLDER_NOTE_NAMES = frozenset({"readme", "index", "paper", "note", "notes", "main", "_index"})
"""File names of a folder's own note: `<Title>/README.md`, `<year>/<Title>/paper.md`."""

# Zotero's (ZotFile's) renaming `{%y_}{%a_}{%t}`: `2000_Kitaev_Unpaired Majorana fermions`,
# `2015_Zhang_Grover et al_General procedure...`; and `{%a_}{%y_}{%t}`: `Kitaev_2000_Title`.
_ZOTERO_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_ZOTERO_AUTHORS = 4  # ZotFile writes at most three names and `et al`
_NAME_PARTICLES = frozenset({"van", "der", "den", "de", "del", "di", "da", "du", "von", "le", "la", "et", "al"})
_CJK_NAME_RE = re.compile(r"[\u3400-\u9fff\uac00-\ud7af·]{1,5}")
# Better BibTeX's keys: surname, then three title words, then the year: `parishProceduralModelingCities2001`.
_CITEKEY_NAME_RE = re.compile(r"^[a-z][a-z\-]+(?:[A-Z][a-z0-9]+){2,4}(?:(?:19|20)\d{2}[a-z]?)?$")
# Google Scholar's BibTeX key: surname, year, the title's first word (`sigelman2010dapper`)
_SCHOLAR_KEY_RE = re.compile(r"^([a-z]{2,24}+)((?:19|20)\d{2})[a-z]{2,24}+$")
_PDF_NAME_RE = re.compile(r"(?<![^/\\\[\]()])([^/\\\[\]()]+)\.pdf\b", re.IGNORECASE)  # run starts only: linear
_WORD_SEPARATORS_RE = re.compile(r"[-_\s]+")


@dataclass(frozen=True, slots=True)
class FolderNote:
    """A note that is its folder's only note, named like its siblings' (`<Title>/README.md`)."""

    folder: str
    alike: int
    """How many folders at the same depth hold one note of the same file name (itself included)."""


def folder_notes(paths: Iterable[str]) -> dict[str, FolderNote]:
    """The vault's folder notes: a note that is the only note in its folder and has no notes
    below it, named `README.md`, `index.md` or `paper.md`, or by a name that the only notes of
    two other folders at its depth share (`Topic/DeepSVDD/summary.md`, `Topic/AOCC/summary.md`,
    ...; not a hub's name such as `todo.md`), keyed by path."""
    paths = list(paths)
    per_folder = Counter(posixpath.dirname(path) for path in paths)
    below = Counter(ancestor for path in paths for ancestor in _ancestors(posixpath.dirname(path)))
    alone = [path for path in paths if posixpath.dirname(path) and per_folder[posixpath.dirname(path)] == 1
             and below[posixpath.dirname(path)] == 0 and stem(path).casefold() not in HUB_NAMES - FOLDER_NOTE_NAMES]
    alike = Counter((path.count("/"), posixpath.basename(path).casefold()) for path in alone)
    return {path: FolderNote(posixpath.basename(posixpath.dirname(path)), count) for path in alone
            if (count := alike[(path.count("/"), posixpath.basename(path).casefold())]) >= _SHARED_NAME_FOLDERS
            or stem(path).casefold() in FOLDER_NOTE_NAMES}


_SHARED_NAME_FOLDERS = 3


def _ancestors(folder: str) -> list[str]:
    """The folders strictly above `folder` (`a/b/c` -> `a/b`, `a`, ``)."""
    found = []
    while folder:
        folder = posixpath.dirname(folder)
        found.append(folder)
    return found


# `01-foundation-models`, `2_Detection`, `3. Methods`: numbered as chapters and categories are, not
# as papers (a year, `2023-…`, has four digits; `3D-…` no separator after its digit)
_NUMBERED_FOLDER_RE = re.compile(r"^\d{1,2}[-_. ]+[^\W\d_]")


def folder_note_signals(note: Note, folder_note: FolderNote | None) -> list[Signal]:
    """A paper's folder: `papers/<Title>/README.md`, `2020/<Title>/README.md`, `<Title>/paper.md`
    beside sibling folders laid out alike. The folder's name is then the note's name."""
    if folder_note is None or _NUMBERED_FOLDER_RE.match(folder_note.folder):
        return []  # `papers/01-foundation-models/README.md`: a numbered chapter or category's page
    name = stem(note.path)
    signals = []
    paper = name.casefold() == "paper"
    if paper and folder_note.alike >= 3:  # the name says so, and the vault is laid out that way
        signals.append(Signal("folder-note", 0.7, f"named `{name}`, its folder's only note, as in "
                                                  f"{folder_note.alike} folders alike"))
    elif paper or folder_note.alike >= 3:
        why = (f"named `{name}`, its folder's only note" if paper else
               f"its folder `{folder_note.folder}/`'s only note, as in {folder_note.alike} folders alike")
        signals.append(Signal("folder-note", 0.5, why))
    if len([word for word in _WORD_SEPARATORS_RE.split(folder_note.folder) if word]) >= 3:
        signals.append(Signal("slug-name", 0.3, f"folder name `{folder_note.folder}` reads as a paper's title"))
    return signals


def zotero_name(name: str) -> Facts | None:
    """`2000_Kitaev_Unpaired Majorana fermions in quantum wires` -> year 2000, authors (Kitaev,),
    its title; None for other names (`2023-01-05`, `2019_notes`). The authors are the parts
    between the year and the title that read as names; the title starts at the first part that
    does not (`2012_Hung_Wan_String-Net Models with $Z_N$ Fusion Algebra`: the `_` inside `$…$`
    is the title's own)."""
    parts = _underscore_parts(name)
    if len(parts) < 2:
        return None
    if _ZOTERO_YEAR_RE.fullmatch(parts[0]):
        year, end = parts[0], 1
        while end < len(parts) - 1 and end <= _ZOTERO_AUTHORS and _is_name_part(parts[end]):
            end += 1
        authors, title = parts[1:end], "_".join(parts[end:])
    else:
        lead = parts[: _ZOTERO_AUTHORS + 1]
        at = next((index for index, part in enumerate(lead) if _ZOTERO_YEAR_RE.fullmatch(part)), 0)
        names_first = all(part[:1].isupper() and _is_name_part(part) for part in parts[:at])
        if not at or at == len(parts) - 1 or not names_first:
            return None
        year, authors, title = parts[at], parts[:at], "_".join(parts[at + 1:])
    title = title.strip()
    if len(title.split()) < 2 or not re.search(r"[A-Za-z\u3400-\u9fff\uac00-\ud7af]", title):
        return None
    names = tuple(piece.strip() for part in authors for piece in re.split(r"\bet al\b", part) if piece.strip())
    return Facts(title=title.removesuffix(".pdf"), year=int(year), authors=names)


_YEAR_TITLE_RE = re.compile(r"((?:19|20)\d{2}) ([A-Za-z0-9][^\n]*)")
_TITLE_WORD_RE = re.compile(r"[A-Za-z]{3}")
_YEAR_TITLE_WORDS = 3


def year_title_name(name: str) -> Facts | None:
    """`2023 3D Gaussian Splatting for Real-Time Radiance Field Rendering` -> year 2023 and the
    title: a file name that is the paper's year, a space, then a title of three words or more, or
    of two capitalised words that name no year's note (`2023 Segment Anything`; people file papers
    by the year they appeared). None for `2023 Goals`, `2024 Reading List`, dates and numbers."""
    match = _YEAR_TITLE_RE.fullmatch(name.strip())
    if match is None:
        return None
    title = match.group(2).strip()
    words = title.split()
    if len(words) < _YEAR_TITLE_WORDS - 1 or not _TITLE_WORD_RE.search(title):
        return None
    if len(words) < _YEAR_TITLE_WORDS and not _two_word_title(words):
        return None
    return Facts(title=title, year=int(match.group(1)))


# What a year's own note is called (`2023 Reading List`, `2024 Q1 Goals`, `2022 Summer Plan`): a
# two-word name with one of these is the writer's, not a paper's (`2023 Segment Anything` is).
_YEAR_NOTE_WORDS = frozenset((
    "goal goals plan plans planning notes note list lists reading review reviews summary summaries recap "
    "retrospective retro report reports log logs journal diary todo to-do tasks roadmap resolutions "
    "papers paper reflection reflections highlights overview index archive calendar schedule budget "
    "q1 q2 q3 q4 h1 h2 spring summer fall autumn winter semester term week weekly month monthly annual yearly "
    "january february march april may june july august september october november december").split())


def _two_word_title(words: list[str]) -> bool:
    """`Segment Anything`, `Panoptic Segmentation`: two capitalised words, neither what a year's
    own note is called (`Reading List`, `Summer Plan`, `Q1 Goals`)."""
    return all(word[:1].isupper() and word.casefold().strip(".,:;!?") not in _YEAR_NOTE_WORDS
               for word in words)


def _underscore_parts(name: str) -> list[str]:
    """`name` cut at each `_` outside `$…$` math."""
    parts, start, in_math = [], 0, False
    for index, char in enumerate(name):
        if char == "$":
            in_math = not in_math
        elif char == "_" and not in_math:
            parts.append(name[start:index])
            start = index + 1
    parts.append(name[start:])
    return parts


def _is_name_part(part: str) -> bool:
    """`Kitaev`, `van der Berg`, `Grover et al`, `张三`: one to four words, each a capitalised
    word or a particle (one word alone may be lower-case), with no digit or math."""
    words = part.split()
    if not words or len(words) > _ZOTERO_AUTHORS or any(char.isdigit() or char == "$" for char in part):
        return False
    if len(words) == 1 and words[0].replace("-", "").replace("'", "").isalpha():
        return True
    return all(word[:1].isupper() or word.casefold() in _NAME_PARTICLES or _CJK_NAME_RE.fullmatch(word)
               for word in words)


def pdf_names(text: str) -> list[str]:
    """The PDFs a line names, without `.pdf`: a link's label and its target's file name
    (`![x.pdf](file://zotero/Topic/2017_Obi_x.pdf)` -> `x`, `2017_Obi_x`)."""
    return _PDF_NAME_RE.findall(text)


def name_facts_signals(note: Note) -> tuple[list[Signal], Facts]:
    """A Zotero-style file name (year, authors, title) and the paper's PDF of the same name; a
    note named by a citation key (`aliagaInteractiveExampleBasedUrban`, `vaswaniAttention2017`),
    a link to its Zotero item."""
    name = stem(note.path)
    facts = zotero_name(name)
    if facts is None and (dated := year_title_name(name)) is not None:
        return [Signal("year-name", 0.6, f"file name `{name}` is a year then a paper's title")], dated
    if facts is None:
        signals = []
        if _CITEKEY_NAME_RE.match(name):
            signals.append(Signal("citekey-name", 0.3, f"file name `{name}` is a citation key"))
        scholar = _SCHOLAR_KEY_RE.match(name)
        if scholar is not None and not is_known_venue(scholar.group(1)):
            signals.append(Signal("citekey-name", 0.3, f"file name `{name}` is a citation key"))
            return signals, Facts(year=int(scholar.group(2)))
        return signals, Facts()
    signals = [Signal("zotero-name", 0.5, f"file name `{name}` is year_authors_title, as Zotero names papers")]
    pdf = _same_name_pdf_line(note, name.removesuffix(".pdf"), facts.title or "")
    if pdf:
        signals.append(Signal("same-name-pdf", 0.5, "links the paper's PDF of the same name", pdf))
    return signals, facts


def _same_name_pdf_line(note: Note, name: str, title: str) -> int:
    """The line near the top naming `<name>.pdf`: Logseq's `![x.pdf](file://zotero/…/x.pdf)` has
    spaces in its target, which Markdown does not take as a link, so the text is read."""
    wanted = (name + ".pdf").casefold()
    year = name[:4]
    title = title.casefold()
    for index, text in enumerate(note.body.split("\n", 6)[:6]):
        if index in note.code_lines:
            continue
        if wanted in text.casefold():
            return note.body_line + index
        # a page renamed after import still embeds the PDF Zotero named: the same year first, or
        # the same title (`2016_Title` embedding `2017_Author_Title.pdf`: a preprint's year, the journal's)
        for pdf in pdf_names(text):
            facts = zotero_name(pdf)
            if facts is not None and (pdf[:4] == year or (facts.title or "").casefold() == title):
                return note.body_line + index
    return 0




def paper_line_targets(links: Sequence[tuple[Link, str | None]]) -> list[tuple[str, int]]:
    """Notes named on a line that also links a paper (`* Title [[note](notes/x.md)] [[paper](arxiv…)]`,
    `[REVIEW](./reviews/x.md) | [PAPER](…pdf)`): a reading list's notes on papers. `links` pairs
    each link of a note with the note key it resolves to (None for a URL or an unresolved link)."""
    paper_lines = {link.line for link, _ in links if link.external and (
        is_paper_url(link.target) or link.text.strip(" `*[]").casefold() in PAPER_LINK_TEXTS)}
    found: dict[str, int] = {}
    for link, target in links:
        if target is not None and link.line in paper_lines:
            found.setdefault(target, link.line)
    return list(found.items())


def names_its_link(text: str, links: Sequence[Link]) -> bool:
    """A queue item that is its link (`[[Attention Is All You Need]]`, `[[x]] - reread §3`), not a
    sentence that mentions one in passing (`to see how notes connect, see [[graph-view]].`)."""
    rest = text
    for link in links:
        shown = link.text or link.target.rsplit("/", 1)[-1]
        if rest.strip().startswith(shown):
            return True
        rest = rest.replace(shown, " ")
    return len(rest.split()) <= 5
