"""Paper fields read from the short texts of an entry: title, venue and date, authors, summary.

Venue decisions: `NIPS-spotlight` and `ICLR 2021 (Oral)` keep the venue (`NeurIPS`, `ICLR 2021`)
and move the rest to the attribute `presentation` (`Spotlight`, `Oral`); `Submitted to ICLR2023`
and `CVPR 2023 Submission` are not venues: they become the attribute `submitted_to` and the year
falls back to the entry's date. Joined venues (`CVPR&TPAMI`) and workshops (`NeurIPS Workshop`)
are kept as written, with known names spelled the usual way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from papernotes.ids import NAME_PARTICLES, find_date, find_year, is_known_venue, normalise_venue

Attributes = tuple[tuple[str, str], ...]

_YEAR_MARK_RE = re.compile(r"(?:(?<!\s)\s++)?\((\d{4})(?:\)|$|(?=[,\s]))")
_ET_AL_RE = re.compile(r",\s*[^,]+\bet al\.?,\s*((?:19|20)\d{2})\s*$")
_SHORT_NAME_RE = re.compile(r"(?:(?<!\s)\s++)?\(([A-Za-z][\w\-+.]*+)\)\s*+$")
_PRESENTATION_RE = re.compile(
    r"(?:(?<![\s\-_])[\s\-_]++)?\(?\b(oral|spotlight|poster|highlight|best paper)\b\)?", re.IGNORECASE
)
_SUBMISSION_RE = re.compile(r"\bsubmitted to\b|\bsubmission\b|\bunder review\b", re.IGNORECASE)
_SEGMENT_SPLIT_RE = re.compile(r"[,/;\\\[\]]|\.(?:\s|$)")
_DATE_START_RE = re.compile(
    r"\bsubmitted on\b|\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d{2}\b", re.IGNORECASE
)
_VENUE_SHAPE_RE = re.compile(r"[A-Za-z][A-Za-z&+\-]*(?: [A-Za-z][A-Za-z&+\-]*){0,2}")
_DATE_LINE_RE = re.compile(
    r"(?:submitted on\s+)?\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d{2}(?:\s*\(v\d+\))?", re.IGNORECASE
)
_AUTHOR_MARKS_RE = re.compile(r"\d+(?:\s?[,;]\s?\d+)*[*∗†‡§]*|[*∗†‡§]+|,")
_SENTENCE_END_RE = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")

_TAIL_VENUE_RE = re.compile(
    r"(?<![\w.])(?P<venue>[A-Za-z][\w&+\-]*(?: [A-Za-z][\w&+\-]*){0,2})[\s']*(?P<year>(?:19|20)\d{2}|(?<=')\d{2})"
    r"(?P<workshop>\s+workshops?)?[\s.)\]]*$",
    re.IGNORECASE,
)
# The reader's mark after a citation, no part of it: `, ICML 2019 (3)` (how well it was read), `(★★)`.
_RATING_TAIL_RE = re.compile(r"\s[(（\[]\s*+(?:\d(?:\s*+/\s*+\d{1,2})?|[★☆⭐]{1,5})\s*+[)）\]]$")
_ET_AL_TAIL_RE = re.compile(r"(?<!\s)\s*+\bet al\b\.?", re.IGNORECASE)  # from a blank run's start: linear

SUMMARY_LIMIT = 200
_REFERENCE_YEAR_RE = re.compile(r"(?<![\d.:/])((?:19|20)\d{2})(?![\d.]\d)")  # not the `2012` of `arXiv:2012.00364`
_SENTENCE_STOP_RE = re.compile(r"(?<=[^\s.][^\s.])[.?!](?:\s|$)")  # after two letters: not an initial's period
_NAME_PART_RE = re.compile(r"(?:[A-Z]\.?-?)++|\w[\w'’\-]*+")


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    year: int | None = None
    short_name: str = ""


@dataclass(frozen=True, slots=True)
class Venue:
    name: str | None = None
    year: int | None = None
    month: int | None = None
    attributes: Attributes = ()


def clean_title(text: str) -> Title:
    """A title as written, without quotes, 《》, bold marks, a trailing `(2015)` or `, X et al., 2022`.

    A trailing one-word parenthesis (`Scalable Diffusion Models with Transformers (DiT)`) is
    the paper's short name.
    """
    title = " ".join(text.replace("**", " ").split()).strip(" *\"'“”《》<>\\")
    year: int | None = None
    match = _ET_AL_RE.search(title)
    if match:
        title, year = title[: match.start()], int(match.group(1))
    match = _YEAR_MARK_RE.search(title)
    if match:
        found = int(match.group(1))
        year = found if 1900 <= found <= 2099 else year
        title = title[: match.start()] + title[match.end() :]
    short_name = ""
    match = _SHORT_NAME_RE.search(title)
    if match and not match.group(1).isdigit():
        title, short_name = title[: match.start()], match.group(1)
    title = " ".join(title.replace("<", "").split()).strip(" ,.;:")
    return Title(title, year, short_name)


# Where a page is, not what published it: `Title | SpringerLink`, `Title | IEEE Xplore`.
_SITE_WORDS = ("link", "xplore", "library", "scholar", "direct", "researchgate", "arxiv", "pubmed", "openreview",
               "semantic")


# A browser tab's title copied as a link's label: `[1402.3356] Title (arxiv.org)`, `Title - arXiv`
_ARXIV_TAB_ID_RE = re.compile(r"\A\[?+\s*+(?:arXiv:)?+\d{4}\.\d{4,5}(?:v\d++)?+\]\s*+", re.IGNORECASE)
_SITE_SUFFIX_RE = re.compile(r"(?<!\s)(?:\s++\((?:www\.)?+arxiv\.org\)|\s++[-–—|]\s*+arXiv(?:\.org)?+)\s*+\Z",
                             re.IGNORECASE)


def page_title(label: str) -> tuple[str, str | None]:
    """A browser's page title, `Paper Title | Nature Neuroscience`: the paper's title, and the
    journal after ` | ` as its venue (None for a site such as `SpringerLink` or `arxiv.org`).
    arXiv's tab title loses its `[1402.3356] ` and its ` (arxiv.org)` or ` - arXiv`."""
    stripped = _SITE_SUFFIX_RE.sub("", _ARXIV_TAB_ID_RE.sub("", label, count=1), count=1)
    if stripped.strip() and stripped != label:
        return stripped.strip(), None
    title, bar, site = label.rpartition(" | ")
    site = site.strip()
    if not bar or not title.strip() or not site or len(site.split()) > 6:
        return label, None
    folded = site.casefold().replace(" ", "")
    is_site = "." in site or any(word in folded for word in _SITE_WORDS)
    return title.strip(), None if is_site else site


def has_year_mark(text: str) -> bool:
    """True when a name carries a `(2015)`-style mark, even an implausible one such as `(2102)`;
    an implausible number followed by words is a quantity (`(3000 iterations)`), not a mark."""
    return any(match.group(0).endswith(")") or 1900 <= int(match.group(1)) <= 2099
               for match in _YEAR_MARK_RE.finditer(text))


def venue_name(segment: str, strict: bool = True) -> Venue | None:
    """A venue in one short piece of text (`CVPR2023`, `ICLR 2021 (Oral)`, `NIPS-spotlight`).

    `strict` asks for evidence that the words are a venue: a name we know, or a year and at
    least two capitals (`MICCAI 2022`), so that `In 2019` is not read as a venue.
    """
    text = segment.strip(" .,;:\\[]")
    attributes = tuple(
        ("presentation", found.title()) for found in _PRESENTATION_RE.findall(text)
    )
    text = _PRESENTATION_RE.sub("", text)
    text = " ".join(re.sub(r"\([^)]*\)", " ", text).split())
    if not text:
        return None
    name, year = normalise_venue(text)
    if year is None and (found := find_year(text)) is not None:
        rest = " ".join(text.replace(str(found), " ").split())
        name, year = normalise_venue(rest)[0], found
    first, _, others = name.partition(" ")
    if others:
        name = f"{normalise_venue(first)[0]} {others}"
    if not _VENUE_SHAPE_RE.fullmatch(name):
        return None
    capitals = sum(char.isupper() for char in name)
    if strict and not (is_known_venue(name) or (year is not None and capitals >= 2)):
        return None
    return Venue(name, year, None, attributes)


def parse_venue_line(text: str) -> Venue:
    """The venue, year and month of a line like `ICLR 2021 (Oral).` or `arxiv Submitted on 8 Dec 2022`.

    Segments are read in order; submissions and `preprint` are skipped, and the first other
    segment must be a venue, or the line has none.
    """
    date_year, date_month = find_date(text)
    found: Venue | None = None
    attributes: list[tuple[str, str]] = []
    for piece in _SEGMENT_SPLIT_RE.split(text):
        segment = _DATE_START_RE.split(piece)[0]
        segment = re.sub(r"\bpreprint\b", " ", segment, flags=re.IGNORECASE).strip()
        if not segment:
            continue
        if _SUBMISSION_RE.search(segment):
            submitted = venue_name(_SUBMISSION_RE.sub(" ", segment))
            if submitted and submitted.name:
                attributes.append(("submitted_to", _venue_label(submitted)))
            continue
        found = venue_name(segment)
        break
    if found is None:
        return Venue(None, date_year, date_month, tuple(attributes))
    year = found.year or date_year
    month = date_month if date_year == year else None
    return Venue(found.name, year, month, found.attributes + tuple(attributes))


def _venue_label(venue: Venue) -> str:
    return f"{venue.name} {venue.year}" if venue.year else str(venue.name)


@dataclass(frozen=True, slots=True)
class Citation:
    authors: tuple[str, ...]
    venue: Venue


def citation_tail(text: str) -> Citation | None:
    """The authors and venue after a linked title: `, Mildenhall et al., ECCV 2020`, `(NeurIPS'22)`.

    The text must end in a venue with its year (a name we know, or two capitals: `CGF 2021`); a
    bare year (`, 2020`) is not enough, as code and talk links carry one too. What comes before
    the venue, when it has no digits, is the authors (`Lee et al.` gives `Lee`).
    """
    text = _RATING_TAIL_RE.sub("", " ".join(text.split())).strip(" ,;:-–—(")
    match = _TAIL_VENUE_RE.search(text)
    if match is None or _FUNCTION_WORD_RE.match(match.group("venue")):
        return None  # `Proceedings of the IEEE 1981`: the venue starts before the words matched
    found = venue_name(f"{match.group('venue')} {_full_year(match.group('year'))}")
    if found is None or found.year is None:
        return None
    if match.group("workshop"):  # `NIPS 2017 workshop`
        found = Venue(f"{found.name} Workshop", found.year, found.month, found.attributes)
    head = text[: match.start()].strip(" ,;:.(")
    authors: tuple[str, ...] = ()
    if head and not any(char.isdigit() for char in head):
        authors = parse_authors(re.sub(r"\s+(?:and|&)\s+", ", ", _ET_AL_TAIL_RE.sub("", head)))
        if len(authors) == 1 and not _ET_AL_TAIL_RE.search(head) and not _PERSON_RE.fullmatch(authors[0]):
            authors = ()  # `Handbook of Markov Chain Monte Carlo 2011`, `J Thorac Surg 2013`: no one's name
    return Citation(authors, found)


_FUNCTION_WORD_RE = re.compile(r"(?:of|on|in|for|the|and|at|to)\b")
# One person's name: `Lee`, `Ada Obi`, `Ben van der Tran`, `Jean-Luc Picard` (not `J`, `IEEE Trans`,
# `Handbook of Markov`).
_PERSON_RE = re.compile(r"[A-Z][a-z'’\-]++(?:\.?\s++(?:[A-Z][a-z'’\-]*+\.?|van|von|der|den|de|da|di|del|la|le|du))*+")


def _full_year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def is_date_line(text: str) -> bool:
    """A line that is only a date: `2 Mar 2015`, `[Submitted on 6 Apr 2023]`."""
    return bool(_DATE_LINE_RE.fullmatch(text.strip(" []\\")))


def parse_authors(text: str) -> tuple[str, ...]:
    """Author names from `A, B and C`, `A1;2 B2*` or `(Lab) A, B`: marks and affiliations removed."""
    text = re.sub(r"\([^)]*\)", " ", text).replace("*", " ").replace("∗", " ∗ ")
    if text.strip().lower() in ("anonymous", "anonymous authors"):
        return ()
    names: list[str] = []
    for part in _AUTHOR_MARKS_RE.split(text):
        name = " ".join(part.split()).strip(" .;:\\")
        name = re.sub(r"^and\s+", "", name)
        if name and any(char.isalpha() for char in name):
            names.append(name)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    authors: tuple[str, ...]
    year: int | None


def parse_reference(text: str) -> Reference | None:
    """A reference as a paper's bibliography writes it: `A. Obi, Ben Tran, and Jun Li. Title of
    the paper. In Venue, pages 1-9, 2020.` Every author a name of two to four capitalised words
    or initials; the title the next sentence (two words or more); the year the first in the rest."""
    stops = [match.end() for match in _SENTENCE_STOP_RE.finditer(text)]
    if len(stops) < 2 and not (stops and text[stops[0]:].strip() == ""):
        return None
    authors = _reference_authors(text[: stops[0]].rstrip(" ."))
    if not authors:
        return None
    end = stops[1] if len(stops) > 1 else len(text)
    title = text[stops[0]:end].strip().rstrip(".")
    if len(title.split()) < 2:
        return None
    found = _REFERENCE_YEAR_RE.search(text, end)
    return Reference(title, authors, int(found.group(1)) if found else None)


# Words of a Title-Case title that no name is made of: `Attention - Is All You Need (2017)`
_TITLE_WORDS = frozenset({"the", "of", "for", "with", "via", "from", "is", "are", "all", "you", "using", "towards"})
_AUTHORS_DASH_RE = re.compile(r"(?<!\s)\s++(?:[—–]|-(?=\s))\s*+")  # from a blank run's start: linear


def dashed_authors(name: str) -> tuple[str, tuple[str, ...]]:
    """`Title — Ada Obi, Ben Tran (2021)`: the title before the last dash (em, en, or ` - `) and
    the names after it, when what follows the dash is a list of names (each two to four
    capitalised words or initials, no `The`, `Of`, `Is`...) closed by a `(2021)` or an `et al.`; else the name unchanged
    and no authors. A dash followed by anything else (`Part 1 - Theory`) is the title's own."""
    dashes = list(_AUTHORS_DASH_RE.finditer(name))
    if not dashes or not name[: dashes[-1].start()].strip():
        return name, ()
    tail = name[dashes[-1].end():]
    year = _YEAR_MARK_RE.search(tail)
    names = tail[: year.start()] if year else tail
    et_al = _ET_AL_TAIL_RE.search(names)
    # `Title (2019) - Vaswani, Shazeer, Parmar`: the year closes the title, surnames follow the dash
    dated = year is None and _DATED_TITLE_RE.search(name[: dashes[-1].start()]) is not None
    authors = _reference_authors(_ET_AL_TAIL_RE.sub("", names).strip(" ,"), surnames=dated)
    if not authors or not (year or et_al or dated) or any(_TITLE_WORDS.intersection(author.casefold().split())
                                                           for author in authors):
        return name, ()
    # an emphasis mark left unclosed (`Title_ — Names`) is not part of the title
    return name[: dashes[-1].start()].rstrip(" _*") + (year.group(0) if year else ""), authors


_DATED_TITLE_RE = re.compile(r"\((?:19|20)\d{2}\)$")


def _reference_authors(text: str, *, surnames: bool = False) -> tuple[str, ...]:
    """`Ada Obi, Ben Tran and Jun Li`: names of two to four capitalised words (one, a surname, too
    with `surnames`), lower-case particles besides (`Anton van den Hengel`, `de la Torre`); ()
    when any part is no such name."""
    parts = [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text)]
    names = tuple(part for part in parts if part)
    if not names or len(parts) != len(names):
        return ()
    for name in names:
        words = name.split()
        capitalised = [word for word in words if word not in NAME_PARTICLES]  # `Di Wu`, `Le Song`: names
        if not (1 if surnames else 2) <= len(capitalised) <= 4 or len(words) > 5 \
                or words[-1] in NAME_PARTICLES or not all(
                word[:1].isupper() and _NAME_PART_RE.fullmatch(word) for word in capitalised):
            return ()
    return names


def short_summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Plain text cut to `limit` characters, at a sentence end when one is near, else with `…`."""
    text = " ".join(text.replace("**", "").split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [match.start() for match in _SENTENCE_END_RE.finditer(head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].strip()
    cut = head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else head
    return cut.rstrip(" ,;:") + "…"
