"""Every conversion between file paths, note keys, heading anchors and slugs, in one place."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

NOTE_SUFFIXES = (".md", ".markdown")

_TAG_RE = re.compile(r"<[^<>]*+>")
_NOT_SLUG_RE = re.compile(r"[^\w\- ]", re.UNICODE)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_INVISIBLE_RE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Unicode's invisible format characters: zero-width (non-)joiners and spaces, bidi marks and
overrides, word joiners, the soft hyphen, a BOM."""


def is_note_path(name: str) -> bool:
    return name.lower().endswith(NOTE_SUFFIXES)


def stem(key: str) -> str:
    """File name without folder and without a note extension: `a/b/Latte.md` -> `Latte`."""
    name = key.rsplit("/", 1)[-1]
    lowered = name.lower()
    for suffix in NOTE_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def fold(text: str) -> str:
    """How Obsidian compares names in links: Unicode NFC (a file name macOS wrote in NFD is the
    name typed in NFC), lower case as JavaScript's `toLowerCase` makes it (`Maße` and `Masse` are
    two notes: full case folding, `casefold`, would make them one)."""
    return unicodedata.normalize("NFC", text).lower()


def fold_on_disk(text: str) -> str:
    """How a case-insensitive file system (macOS APFS, Windows NTFS) compares names: NFC, each
    character folded to one character (Unicode's simple case folding), so `A.md` and `a.md` are
    one file but `Maße.md` and `Masse.md` two (no file system maps `ß` to `ss`, `ﬁ` to `fi`)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text.lower()
    folded = text.casefold()
    if len(folded) == len(text):  # no character expanded: every one had a simple folding
        return folded
    return text.translate(_SIMPLE_FOLDS)


class _SimpleFolds(dict[int, str]):
    """A `str.translate` table of each character's simple case folding, filled as characters are
    met: its full folding when that is one character, else its one-character lower case
    (`ẞ` -> `ß`, `ᾈ` -> `ᾀ`), else itself (`ß`, `İ`, `ﬁ`)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        found = next((folded for folded in (char.casefold(), char.lower()) if len(folded) == 1), char)
        self[code] = found
        return found


_SIMPLE_FOLDS = _SimpleFolds()


_SPOOFING_RE = re.compile("[\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""The bidi embeddings, overrides and isolates (an unclosed U+202E turns the rest of a nav entry,
a `<title>` or a feed item backwards: `Evil\u202egpj.exe` shows as `Evilexe.jpg`) and the
zero-width spaces no title needs. The left-to-right and right-to-left marks, the zero-width
(non-)joiners and the soft hyphen stay: Arabic, Hebrew, Persian and emoji sequences need them."""


def shown(text: str) -> str:
    """`text` without `_SPOOFING_RE`'s characters: a title, author, tag or venue as the site shows it."""
    return text if text.isascii() else _SPOOFING_RE.sub("", text)


def visible(text: str) -> str:
    """`text` without the characters no one sees (`_INVISIBLE_RE`): a name or a key as it reads."""
    return _INVISIBLE_RE.sub("", text)


def heading_anchor(text: str) -> str:
    """The `id` a heading gets on the site: Unicode-aware, lower case, spaces to `-`.

    Matches `pymdownx.slugs.slugify(case="lower")`, which the site configures for the
    table of contents, so CJK and Korean headings keep their words.
    """
    text = unicodedata.normalize("NFC", _TAG_RE.sub("", text))
    return _NOT_SLUG_RE.sub("", text.strip().lower()).replace(" ", "-")


def slugify(text: str) -> str:
    """A URL-safe slug for generated pages (topics, papers): Unicode words joined by `-`."""
    slug = heading_anchor(text)
    slug = re.sub(r"[-_\s]+", "-", slug).strip("-")
    return slug or "untitled"


_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def readable_slug(text: str) -> str:
    """A URL slug that keeps a name's words: `Adapter-based finetune` -> `adapter-based-finetune`,
    `ContrastiveLearning` -> `contrastive-learning`, `视频 生成` -> `视频-生成`, `diffusion/video` ->
    `diffusion-video`. Acronyms stay whole (`DiT`, `NeRF`, `VideoLDM`); CJK is kept as written
    (browsers show it, links percent-encode it); empty for a name of no letters or digits."""
    text = unicodedata.normalize("NFKC", text)
    text = _CAMEL_RE.sub(" ", text).replace("/", " ")
    slug = re.sub(r"[-_\s]+", "-", heading_anchor(text)).strip("-")
    return slug


_WINDOWS_DEVICE_RE = re.compile(r"(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?",
                                re.IGNORECASE)
"""Names Windows keeps for devices (`Naming Files, Paths, and Namespaces` lists `COM0`-`COM9`,
`COM¹`-`COM³` and the same `LPT`s; `RtlIsDosDeviceName_U` adds the consoles `CONIN$` and
`CONOUT$`), with any extension: `nul.txt` and `NUL.tar.gz` are `NUL` too. MS-DOS's `CLOCK$` is on
neither list: Windows NT and later create a file of that name."""


def is_windows_device_name(name: str) -> bool:
    """`CON`, `aux.png`, `Lpt¹`: a file or folder name Windows opens as a device (trailing spaces,
    which Windows drops, do not save it)."""
    return _WINDOWS_DEVICE_RE.fullmatch(name.rstrip(" ")) is not None


def _shallow_first(key: str) -> tuple[int, str]:
    return key.count("/"), key


def unique_slugs(wanted: dict[str, str], fallback: str = "topic", reserved: tuple[str, ...] = ("index",),
                 order: Callable[[str], Any] = _shallow_first) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """A distinct slug for each key, from the slug it wants: keys are served in `order` (sorted,
    shallow keys first), a later key wanting a taken slug gets `-2`, `-3`... The same keys give
    the same slugs on every build. `reserved` slugs belong to other pages of the folder (its
    `index`). A slug Windows keeps for a device (a topic `con`, an author `Aux`) becomes
    `con-topic`, `aux-author` (`fallback` names the kind), so the site can be copied to and served
    from Windows. Also returns (key, the key holding its slug, slug given) for each collision."""
    taken: dict[str, str] = dict.fromkeys(reserved, "")
    result: dict[str, str] = {}
    collisions: list[tuple[str, str, str]] = []
    for key in sorted(wanted, key=order):
        base = wanted[key] or fallback
        if is_windows_device_name(base):
            base = f"{base}-{fallback}"
        slug, count = base, 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        if slug != base and taken[base]:
            collisions.append((key, taken[base], slug))
        taken[slug] = key
        result[key] = slug
    return result, collisions


MAX_SLUG_BYTES = 120
"""File names are at most 255 bytes on common file systems: a slug used as one stays well below."""


def bounded_slug(slug: str) -> str:
    """`slug` short enough for a file name: a long one is cut, and a hash of the whole keeps two
    long names that start alike apart."""
    if len(slug.encode("utf-8")) <= MAX_SLUG_BYTES:
        return slug
    cut = slug.encode("utf-8")[:MAX_SLUG_BYTES - 9].decode("utf-8", errors="ignore").rstrip("-")
    return f"{cut}-{hashlib.sha1(slug.encode('utf-8')).hexdigest()[:8]}"


def has_scheme(target: str) -> bool:
    """True for `https://...`, `mailto:...`, `javascript:...`; false for `C:/x` is not a concern here."""
    return bool(_SCHEME_RE.match(target)) and not re.match(r"^[a-zA-Z]:[\\/]", target)


# A file as a repository's host shows it: `https://github.com/<owner>/<repo>/blob/<ref>/<path>`,
# GitLab's `/-/blob/<ref>/<path>`.
_REPOSITORY_FILE_RE = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com)/[^/?#]++/[^/?#]++/(?:-/)?blob/[^/?#]++/(?P<path>[^?#]++)$",
    re.IGNORECASE)


def repository_file(url: str) -> str | None:
    """The path inside its repository of a file link on GitHub or GitLab (`reinforcement_learning/
    X.md` for `https://github.com/ada/notes/blob/master/reinforcement_learning/X.md`), or None."""
    match = _REPOSITORY_FILE_RE.match(url.strip())
    return unquote(match.group("path")) if match else None


_GOOGLE_REDIRECT_RE = re.compile(r"^https?://(?:www\.)?google\.(?:com|co)(?:\.[a-z]{2})?/url\?", re.IGNORECASE)


def unwrapped_url(url: str) -> str:
    """The page a search engine's redirect link leads to: a Google result copied from the address
    bar (`https://www.google.co.kr/url?sa=t&…&url=https%3A%2F%2Farxiv.org%2Fabs%2F1606.03657&usg=…`)
    is `https://arxiv.org/abs/1606.03657`; any other URL, and a redirect to no web page, as written."""
    if not _GOOGLE_REDIRECT_RE.match(url):
        return url
    query = parse_qs(urlsplit(url).query)
    target = next((values[0] for key in ("url", "q") for values in [query.get(key)] if values), "")
    return target if re.match(r"https?://[^\s]", target, re.IGNORECASE) else url


def decode_link_target(target: str) -> str:
    """A markdown link's path as a file name: `My%20Note.md` -> `My Note.md`."""
    return unquote(target)


def page_dest(src: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes a docs page, in the site folder: `a/B.md` -> `a/B/index.html`
    (`a/B.html` without directory URLs); `index.md` and `README.md` -> `index.html`."""
    if not is_note_path(src):
        return src
    folder, _, name = src.rpartition("/")
    name = name.rsplit(".", 1)[0]
    name = "index" if name == "README" else name
    path = f"{name}.html" if not use_directory_urls or name == "index" else f"{name}/index.html"
    return f"{folder}/{path}" if folder else path
