"""Paper identity facts read from text: arXiv ids, DOIs, venues, years and title keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

PAPER_HOSTS = (  # where a link goes to a paper (the hosts' subdomains too)
    "arxiv.org",
    "ar5iv.org",
    "ar5iv.labs.arxiv.org",
    "alphaxiv.org",
    "doi.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "openaccess.thecvf.com",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "proceedings.mlr.press",
    "openreview.net",
    "aclanthology.org",
    "link.springer.com",
    "semanticscholar.org",
    "sciencedirect.com",
)
JOURNAL_HOSTS = (  # journals and preprint servers of the sciences: a paper when the path is an article's
    "nature.com",
    "science.org",
    "cell.com",
    "pnas.org",
    "biorxiv.org",
    "medrxiv.org",
    "journals.plos.org",
    "frontiersin.org",
    "elifesciences.org",
    "jneurosci.org",
    "annualreviews.org",
    "tandfonline.com",
    "onlinelibrary.wiley.com",
    "academic.oup.com",
    "journals.aps.org",
    "iopscience.iop.org",
    "ncbi.nlm.nih.gov",
)

_ARXIV_NEW = r"(\d{4}\.\d{4,5})(?:v\d+)?"
_ARXIV_OLD = r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_URL_RE = re.compile(
    r"(?:arxiv\.org|ar5iv\.labs\.arxiv\.org|ar5iv\.org|alphaxiv\.org)/(?:abs|pdf|html|overview)/"
    rf"(?:{_ARXIV_NEW}|{_ARXIV_OLD})",
    re.IGNORECASE,
)
_ARXIV_PREFIX_RE = re.compile(rf"^\s*arxiv\s*:\s*(?:{_ARXIV_NEW}|{_ARXIV_OLD})\s*$", re.IGNORECASE)
_ARXIV_BARE_RE = re.compile(rf"^\s*{_ARXIV_NEW}\s*$")
_DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>?#]+)", re.IGNORECASE)

_VENUE_ALIASES = {
    "arxiv": "arXiv",
    "nips": "NeurIPS",
    "neurips": "NeurIPS",
    "tpami": "TPAMI",
    "iclr": "ICLR",
    "icml": "ICML",
    "cvpr": "CVPR",
    "iccv": "ICCV",
    "eccv": "ECCV",
    "aaai": "AAAI",
    "ijcai": "IJCAI",
    "acl": "ACL",
    "emnlp": "EMNLP",
    "naacl": "NAACL",
    "siggraph": "SIGGRAPH",
    "wacv": "WACV",
    "bmvc": "BMVC",
    "tip": "TIP",
    "acm mm": "ACM MM",
    "mm": "ACM MM",
    # robotics
    "icra": "ICRA",
    "iros": "IROS",
    "corl": "CoRL",
    "ral": "RA-L",
    "ra-l": "RA-L",
    "rss": "RSS",  # Robotics: Science and Systems
}
# A venue's full name as reference lines spell it (Google Scholar's MLA and APA: `Proceedings of
# the IEEE conference on computer vision and pattern recognition`), lower case -> its usual name.
_VENUE_FULL_NAMES = {
    "arxiv preprint": "arXiv",
    "computer vision and pattern recognition": "CVPR",
    "international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "advances in neural information processing systems": "NeurIPS",
    "neural information processing systems": "NeurIPS",
    "international conference on machine learning": "ICML",
    "international conference on learning representations": "ICLR",
    "aaai conference on artificial intelligence": "AAAI",
    "international joint conference on artificial intelligence": "IJCAI",
    "empirical methods in natural language processing": "EMNLP",
    "annual meeting of the association for computational linguistics": "ACL",
    "international conference on robotics and automation": "ICRA",
    "international conference on intelligent robots and systems": "IROS",
    "conference on robot learning": "CoRL",
    "transactions on pattern analysis and machine intelligence": "TPAMI",
}


def venue_in_text(text: str) -> str | None:
    """The venue a reference line names by its full name (`Proceedings of the IEEE conference on
    computer vision and pattern recognition` -> CVPR, `arXiv preprint arXiv:2203.15556` -> arXiv)."""
    folded = " ".join(text.lower().split())
    return next((name for phrase, name in _VENUE_FULL_NAMES.items() if phrase in folded), None)


# Words that may come before a venue's full name in a library's booktitle or journal, none of which
# makes it another venue: `Proceedings of the 38th IEEE/CVF Conference on`, `Thirty-Seventh AAAI`.
_FULL_NAME_PREFIX_WORDS = frozenset({
    "proceedings", "proc", "of", "the", "in", "ieee", "cvf", "rsj", "acm", "annual", "conference", "on",
    "twenty", "thirty", "forty", "fifty", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
})
_WORD_RE = re.compile(r"[^\W_]++")
_ORDINAL_RE = re.compile(r"\d++(?:st|nd|rd|th)?")


def venue_of_full_name(text: str) -> str | None:
    """The venue `text` is by its full name, as a library's booktitle or journal spells it
    (`Proceedings of the IEEE conference on computer vision and pattern recognition` -> CVPR,
    `IEEE Transactions on Pattern Analysis and Machine Intelligence, 2021` -> TPAMI). Unlike
    `venue_in_text`, which finds a name anywhere in a reference line, the name must end `text`
    (but for numbers and punctuation) after nothing but the words of a proceedings' title: a
    workshop's name that holds its conference's (`... Pattern Recognition Workshops`, `Workshop on
    X at the International Conference on Machine Learning`) is another venue."""
    folded = " ".join(text.lower().split())
    end = len(folded)
    while end and not folded[end - 1].isalpha():
        end -= 1
    core = folded[:end]
    for phrase, name in _VENUE_FULL_NAMES.items():
        if not core.endswith(phrase):
            continue
        before = core[:-len(phrase)]
        if before and before[-1].isalnum():
            continue  # a longer word ends in the phrase's first
        words = _WORD_RE.findall(before)
        if all(word in _FULL_NAME_PREFIX_WORDS or _ORDINAL_RE.fullmatch(word) for word in words):
            return name
    return None


_VENUE_YEAR_RE = re.compile(r"^([A-Za-z][A-Za-z&\- ]*?)(?<![\s\-'])[\s\-']*+((?:19|20)\d{2}|\d{2})$")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NOT_ALNUM_RE = re.compile(r"[\W_]++")  # what str.isalnum() is not: \w is isalnum() or `_`

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


_BIBTEX_KEY_RE = re.compile(r"[^\s,{}\"#%'()=\\~]++")
"""What a BibTeX citekey may hold: no space, comma, brace, quote, `#`, `%`, `'`, `(`, `)`, `=`,
backslash or `~`, which end the key or mean something else to BibTeX and biber."""


def is_bibtex_key(text: str) -> bool:
    """Whether `text` can be an entry's key in a .bib file (`he2016deep`, `Vaswani:2017`)."""
    return _BIBTEX_KEY_RE.fullmatch(text) is not None


def arxiv_id(text: str) -> str | None:
    """The arXiv id in a URL (abs, pdf, versioned, ar5iv), an `arXiv:` reference or a bare id."""
    for pattern in (_ARXIV_URL_RE, _ARXIV_PREFIX_RE, _ARXIV_BARE_RE):
        match = pattern.search(text)
        if match:
            found = next(group for group in match.groups() if group)
            return found.lower() if "/" in found else found
    return None


def arxiv_date(ident: str) -> tuple[int, int] | None:
    """The year and month an arXiv id was given (`2502.20900` -> (2025, 2), `hep-th/9901001` ->
    (1999, 1)): the first version's date, which is when the paper appeared. None for other text."""
    digits = ident.rsplit("/", 1)[-1].replace(".", "")
    if len(digits) < 7 or not digits.isdigit():
        return None
    year, month = int(digits[:2]), int(digits[2:4])
    if not 1 <= month <= 12 or ("/" not in ident and year < 7):
        return None
    return (1900 + year if year >= 91 else 2000 + year), month


def doi(text: str) -> str | None:
    """The DOI in `10.1109/x`, `doi:10.1109/x` or `https://doi.org/10.1109/x`, lower-cased."""
    match = _DOI_RE.search(text)
    if not match:
        return None
    return match.group(1).rstrip(".,;)").lower()


def normalise_venue(text: str) -> tuple[str, int | None]:
    """A venue name as people write it, split from a glued year: `CVPR2023` -> (`CVPR`, 2023).

    Known venues get their usual spelling (`NIPS` and `neurips` are `NeurIPS`, `Arxiv` is
    `arXiv`); others are kept as written. Two-digit years (`ICLR24`) count as 20xx.
    """
    cleaned = text.strip().strip(",.;")
    year: int | None = None
    match = _VENUE_YEAR_RE.match(cleaned)
    if match:
        cleaned, digits = match.group(1).strip(), match.group(2)
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    name = _VENUE_ALIASES.get(cleaned.lower(), cleaned)
    return name, year


def trailing_year(text: str) -> tuple[str, int] | None:
    """What comes before the year in brackets that ends `text`, and the year:
    `Dapper, a Large-Scale Tracing Infrastructure (2010)` -> (`Dapper, a Large-Scale Tracing
    Infrastructure `, 2010), `( 2010 )` too. None when `text` does not end so."""
    head, bracket, tail = text.rstrip().rpartition("(")
    year = tail[:-1].strip()
    if not bracket or not tail.endswith(")") or len(year) != 4 or not year.isdigit() or year[:2] not in ("19", "20"):
        return None
    return head, int(year)


_VENUE_PREFIX_RE = re.compile(r"^([A-Za-z][A-Za-z&]{1,15})\s*+'((?:19|20)?\d{2})\s++[-–—:]\s++(\S.*)$")


def venue_prefixed(title: str) -> tuple[str, str, int] | None:
    """`VLDB'22 - A Study of …` -> (`A Study of …`, `VLDB`, 2022): a title led by its venue and
    year, as reading lists and mdBook summaries write it; also in brackets, as GitBook indexes do
    (`[ATC '21] ZeRO-Offload: …`, `[2018 SIGCOMM] Chameleon: …`, the `[` lost to a link's
    label). None for anything else (`Part'2 - x`)."""
    text = title.strip()
    match = _VENUE_PREFIX_RE.match(text)
    bracketed = None if match else _BRACKETED_PREFIX_RE.match(text)
    if match is not None:
        venue, digits, rest = match.group(1), match.group(2), match.group(3)
    elif bracketed is not None:
        venue = bracketed.group("venue") or bracketed.group("venue2")
        digits = bracketed.group("year") or bracketed.group("year2") or bracketed.group("year3")
        rest = bracketed.group("rest")
    else:
        return None
    # a venue we know, or an acronym (`SIGMOD'22`, `SoCC'17`): an `'` then two digits is a year
    if not (is_known_venue(venue) or sum(char.isupper() for char in venue) >= 2):
        return None
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    return rest.strip(), normalise_venue(venue)[0], year


_BRACKETED_PREFIX_RE = re.compile(
    r"^\[?+\s*+(?:(?P<venue>[A-Za-z][A-Za-z&]{1,15})\s*+(?:'(?P<year>(?:19|20)?\d{2})|(?P<year2>(?:19|20)\d{2}))"
    r"|(?P<year3>(?:19|20)\d{2})\s++(?P<venue2>[A-Za-z][A-Za-z&]{1,15}))\s*+\]\s*+(?P<rest>\S.*)$")


_VENUE_TAG_RE = re.compile(r"^([A-Za-z][A-Za-z&]{1,15})[_\-']?((?:19|20)\d{2})$")


def venue_year_tag(tag: str) -> tuple[str, int] | None:
    """A tag that is a venue we know and its year, `ICLR2025`, `cvpr_2023`, `NeurIPS-2022`, ->
    (`ICLR`, 2025): where a paper appeared, not what it is about. None for anything else."""
    match = _VENUE_TAG_RE.match(tag.strip().lstrip("#"))
    if match is None or not is_known_venue(match.group(1)):
        return None
    return normalise_venue(match.group(1))[0], int(match.group(2))


def find_year(text: str) -> int | None:
    """The first plausible publication year (1900-2099) in a piece of text."""
    match = _YEAR_RE.search(text)
    return int(match.group(1)) if match else None


def titles_overlap(one: str, other: str) -> bool:
    """Two names of one paper: the same letters, or one holding most of the other (a file name's
    `Tides_of_the_Harbour`, a folder's `lantern-networks-for-harbour` cut short)."""
    short, long_ = sorted((title_key(one.replace("_", " ").replace("-", " ")),
                           title_key(other.replace("_", " ").replace("-", " "))), key=len)
    return bool(short) and short in long_ and len(short) >= 0.6 * len(long_)


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """A title reduced for identity: NFKC (full-width to ASCII), case, punctuation, spaces.
    Remembered: a paper's title is keyed by identity, matching, citekeys... (a library's thousands)."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NOT_ALNUM_RE.sub(" ", text).split())


_LETTERS_RE = re.compile(r"[A-Za-z]++")
_KNOWN_VENUES = frozenset({alias.lower() for alias in _VENUE_ALIASES.values()} | set(_VENUE_ALIASES))


NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du", "dos",
                            "das", "ter", "ten", "zu"})
"""Lower-case words inside a family name: `Anton van den Hengel`, `Fernando de la Torre`."""


def is_known_venue(name: str) -> bool:
    """True when `name` (or its first word: `NeurIPS Workshop`, `CVPR&TPAMI`) is a venue we know."""
    words = _LETTERS_RE.findall(name)
    if not words:
        return False
    return name.strip().lower() in _KNOWN_VENUES or words[0].lower() in _KNOWN_VENUES


def find_date(text: str) -> tuple[int | None, int | None]:
    """The first (year, month) written as a date: `2 Mar 2015`, `Mar 2015`, `2023 Apr 28`, `2023-12-07`.

    Month names may be abbreviated (`Sept`, `Dec.`); a year alone is not a date here
    (use `find_year`). Returns (None, None) when the text holds no date.
    """
    year = r"((?:19|20)\d{2})"
    word = r"([A-Za-z]{3,9})\.?"
    patterns = (
        (rf"(?<![\w.])\d{{1,2}}\s+{word},?\s+{year}(?!\d)", 2, 1),
        (rf"(?<![\w.]){word}\s+(?:\d{{1,2}},?\s+)?{year}(?!\d)", 2, 1),
        (rf"(?<!\d){year}[\s\-/.]+{word}(?![A-Za-z])", 1, 2),
        (rf"(?<!\d){year}-(\d{{1,2}})(?:-\d{{1,2}})?(?!\d)", 1, 2),
    )
    found: list[tuple[int, int, int]] = []
    for pattern, year_group, month_group in patterns:
        for match in re.finditer(pattern, text):
            month_text = match.group(month_group)
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
            if month and 1 <= month <= 12:
                found.append((match.start(), int(match.group(year_group)), month))
                break
    if not found:
        return None, None
    _, found_year, found_month = min(found)
    return found_year, found_month


# Proceedings whose URLs name their venue: NeurIPS's own, and the CVF's `content/CVPR2024/` or
# `content_iccv_2017/` (workshops, `ICCV2023W`, are left alone).
_NEURIPS_HOSTS = ("proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc")
_CVF_VENUE_RE = re.compile(r"^/content(?:/|_)(cvpr|iccv|eccv|wacv|accv)_?(?:19|20)\d{2}(?:/|_)", re.IGNORECASE)


def venue_of_url(url: str) -> str | None:
    """The venue a proceedings URL names (`proceedings.neurips.cc/…` is NeurIPS,
    `openaccess.thecvf.com/content/CVPR2024/…` CVPR), or None."""
    if "://" not in url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _NEURIPS_HOSTS:
        return "NeurIPS"
    if host == "openaccess.thecvf.com" and (match := _CVF_VENUE_RE.match(parts.path)):
        return match.group(1).upper()
    return None


def is_book_url(url: str) -> bool:
    """A URL of a whole book, whatever DOI it holds: `link.springer.com/book/10.1007/978-…`,
    `…/doi/book/…`, `books.google.com/…` (a book's chapter, `/chapter/…`, is not)."""
    parts = urlsplit(url) if "://" in url else None
    if parts is None:
        return False
    return (parts.hostname or "").lower().startswith("books.") or any(
        segment.lower() in ("book", "books") for segment in parts.path.split("/"))


def on_paper_host(url: str) -> bool:
    """A URL on a paper host (arXiv, DOI, OpenReview, ACL Anthology, CVF, ...), or an article's
    page of a journal (`nature.com/articles/nn.3807`; not the journal's home `nature.com/neuro/`)."""
    parts = urlsplit(url) if "://" in url else None
    host = (parts.hostname or "").lower() if parts else ""
    if not host:
        return False
    if any(host == known or host.endswith("." + known) for known in PAPER_HOSTS):
        # arXiv's search, author and listing pages (`arxiv.org/search/cs?searchtype=author…`,
        # `arxiv.org/a/obi_a_1`, `arxiv.org/list/cs.CV/new`) hold no paper
        return not (host.endswith("arxiv.org") and parts is not None
                    and parts.path.lstrip("/").split("/", 1)[0].lower() in _ARXIV_NO_PAPER)
    if not any(host == known or host.endswith("." + known) for known in JOURNAL_HOSTS):
        return False
    segments = [segment.lower() for segment in parts.path.split("/") if segment] if parts else []
    return any(segment in _ARTICLE_SEGMENTS for segment in segments[:-1])


_ARTICLE_SEGMENTS = frozenset({"article", "articles", "doi", "content", "abs", "full"})
_ARXIV_NO_PAPER = frozenset({"search", "a", "list", "find"})


def is_paper_url(url: str) -> bool:
    """A URL of a paper: on a paper host or a journal article's page (see `on_paper_host`), or
    holding an arXiv id or a DOI; never a book's."""
    host = (urlsplit(url).hostname or "").lower() if "://" in url else ""
    if is_book_url(url):
        return False
    if on_paper_host(url):
        return True
    return bool(host) and (arxiv_id(unquote(url)) is not None or doi(url) is not None)
