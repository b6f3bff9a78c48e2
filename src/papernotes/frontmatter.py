"""Frontmatter: find the YAML block, parse it safely, normalise vault conventions to NoteMeta."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

import yaml
from frontmatter.default_handlers import YAMLHandler

from papernotes import ids
from papernotes.diagnostics import Diagnostic
from papernotes.model import NoteMeta, ReadingStatus
from papernotes.paths import visible

_HANDLER = YAMLHandler()
_BOUNDARY = cast(re.Pattern[str], _HANDLER.FM_BOUNDARY)  # `^-{3,}\s*$`, multiline

_MAX_NODES = 100_000  # nodes after alias expansion; real frontmatter has a few dozen
_MAX_ALIAS_USES = 100
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"}
# Values of these keys are text even when they look like numbers: `arxiv: 2401.10010` must not
# lose its trailing zero to a float, nor `title: 1.10` become 1.1.
_TEXT_KEYS = {"title", "arxiv", "doi", "id", "venue", "tags", "tag", "aliases", "alias"}
_TEXT_KEYS |= {"authors", "author", "description", "desc"}

_SYNTAX_HINT = "fix the YAML or remove the frontmatter block; the note is loaded without it"


# libyaml's parser is about ten times faster than PyYAML's pure-Python one, with the same marks.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """SafeLoader (no Python tags) that returns dates and timestamps as ISO strings."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    try:
        value = loader.construct_yaml_timestamp(node)
    except ValueError:  # `2023-02-30` looks like a date but is none: keep the text
        return str(loader.construct_scalar(node))
    return value.isoformat()


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


# --- splitting -------------------------------------------------------------------------------


def split_frontmatter(text: str) -> tuple[str | None, str, int]:
    """(yaml_text or None, body, body_line), body_line being the 1-based line of the body's start.

    The block must open on the first line, as in Obsidian. An opening `---` followed by a blank
    line is a Markdown thematic break unless the block up to the next `---` is a YAML mapping,
    so notes that start with a rule never lose their first section.
    """
    closing = _closing_boundary(text)
    if closing is None:
        return None, text, 1
    yaml_start = _next_line(text, 0)
    yaml_text = text[yaml_start : closing.start()]
    if _blank_line_at(text, yaml_start) and yaml_text.strip() and not _is_mapping(yaml_text):
        return None, text, 1
    body_line = text.count("\n", 0, closing.start()) + 2
    return yaml_text, text[_next_line(text, closing.start()) :], body_line


def unclosed_frontmatter(text: str) -> bool:
    """Whether `text` opens a frontmatter block (`---` then a non-blank line) that never closes."""
    if not _HANDLER.detect(text) or _closing_boundary(text) is not None:
        return False
    second_line = _next_line(text, 0)
    return second_line < len(text) and not _blank_line_at(text, second_line)


def _closing_boundary(text: str) -> re.Match[str] | None:
    opening = _BOUNDARY.match(text)
    return _BOUNDARY.search(text, opening.end()) if opening else None


def _next_line(text: str, position: int) -> int:
    newline = text.find("\n", position)
    return len(text) if newline < 0 else newline + 1


def _blank_line_at(text: str, position: int) -> bool:
    return not text[position : _next_line(text, position)].strip()


_LEADING_RE = re.compile("[\\s\u00ad\u200b-\u200f\u2060\ufeff]*+")
"""What may come before a `---` that its author meant as line 1: blank lines, spaces (a no-break
one too), a second BOM, zero-width characters. Obsidian then reads no frontmatter."""


ODD_BREAKS = {
    "\x0b": "a vertical tab", "\x0c": "a form feed", "\x1c": "U+001C", "\x1d": "U+001D", "\x1e": "U+001E",
    "\x85": "U+0085 NEXT LINE", "\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR",
}
"""Characters that Python's `str.splitlines` and YAML (NEL, U+2028, U+2029) take for a line break but
Obsidian (CodeMirror) and markdown-it do not: to them a `---` fence followed by one is no fence, and
the lines it separates are one line of text. A note whose frontmatter was written with them (a
conversion script, text pasted from a web page) is read with none, so a `publish: false` in it is
looked for along these separators too."""
_TOML_BOUNDARY = re.compile(r"^\+{3}[^\S\n]*+$", re.MULTILINE)
_ODD_BREAK_RE = re.compile("[" + "".join(ODD_BREAKS) + "]")
_AS_NEWLINE = str.maketrans(dict.fromkeys(ODD_BREAKS, "\n"))


@dataclass(frozen=True, slots=True)
class UnreadBlock:
    """A `---` block at the top of a note that is not read as frontmatter (see `unread_block`)."""

    text: str
    line: int
    """The file line (counting `\n` only) of its first character."""
    fence_line: int
    closed: bool
    odd_break: str | None
    """The first of `ODD_BREAKS` in its fences or lines, when there is one."""
    toml: bool = False
    """Fenced by `+++`: TOML frontmatter, as Hugo writes it (`draft = true`), which Obsidian does not read."""

    def looks_like_frontmatter(self) -> bool:
        return self.closed and (self.toml or _is_mapping(self.text.translate(_AS_NEWLINE)))


def unread_block(text: str) -> UnreadBlock | None:
    """When `split_frontmatter` found no frontmatter although the note opens with `---` (on line 1,
    or after `_LEADING_RE`'s blank lines and invisible characters, or followed by one of
    `ODD_BREAKS`): the text after it, up to the next `---` line (or to the end when none closes
    it); or the TOML block between `+++` lines it opens with. None when the note does not open with
    `---` or `+++`."""
    first = cast(re.Match[str], _LEADING_RE.match(text)).end()
    fence = text[first:first + 3]
    if fence not in ("---", "+++"):
        return None
    boundary = _BOUNDARY if fence == "---" else _TOML_BOUNDARY
    # one character for one, so offsets in `lined` are offsets in `text`
    lined = text.translate(_AS_NEWLINE) if _ODD_BREAK_RE.search(text) else text
    start = lined.rfind("\n", 0, first) + 1  # the line the `---` is on
    fence_end = _next_line(lined, first)
    if boundary.match(visible(lined[start:fence_end]).strip()) is None:
        return None
    closing = boundary.search(lined, fence_end)
    end = closing.start() if closing else len(lined)
    odd = _ODD_BREAK_RE.search(text, start, closing.end() if closing else end) if lined is not text else None
    return UnreadBlock(text[fence_end:end], text.count("\n", 0, fence_end) + 1, text.count("\n", 0, start) + 1,
                       closing is not None, odd.group() if odd else None, fence == "+++")


def _numbered_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """`text`'s lines with their file lines, counting `\n` only; a line holding `ODD_BREAKS` is
    also split at them, each piece keeping the line's number."""
    for offset, line in enumerate(text.split("\n")):
        for piece in _ODD_BREAK_RE.split(line) if _ODD_BREAK_RE.search(line) else (line,):
            yield first_line + offset, piece


def _is_mapping(yaml_text: str) -> bool:
    try:
        return isinstance(yaml.compose(yaml_text, Loader=_Loader), yaml.MappingNode)
    except (yaml.YAMLError, RecursionError):
        return False


# --- parsing ---------------------------------------------------------------------------------


def parse_frontmatter(
    yaml_text: str, path: str, first_line: int
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """YAML to a dict. `first_line` is the 1-based file line of the first YAML line.

    That is 2 when the file starts with `---`. Problems come back as diagnostics with `{}`.
    """
    raw, _, problems = read_frontmatter(yaml_text, path, first_line)
    return raw, problems


def read_frontmatter(
    yaml_text: str, path: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Diagnostic]]:
    """As `parse_frontmatter`, plus each top-level key's file line, from one parse of the YAML."""
    if not yaml_text.strip():
        return {}, {}, []
    if _could_be_too_large(yaml_text) and _nesting_depth(yaml_text) > _MAX_DEPTH:
        # Measured before parsing: libyaml's own depth limit (PyYAML 6.0.4 and later) and the
        # pure-Python parser's RecursionError would otherwise decide the outcome, by version.
        message = "frontmatter YAML is nested too deeply to read"
        return {}, {}, [Diagnostic(path, first_line, "error", "yaml-too-large", message, _SYNTAX_HINT)]
    try:
        return _load(yaml_text, path, first_line)
    except yaml.YAMLError as error:
        return {}, {}, [_syntax_error(_clearer_error(yaml_text, error), yaml_text, path, first_line)]
    except RecursionError:
        message = "frontmatter YAML is nested too deeply to read"
        return {}, {}, [Diagnostic(path, first_line, "error", "yaml-too-large", message, _SYNTAX_HINT)]


def _load(
    yaml_text: str, path: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Diagnostic]]:
    """Compose, refuse what is too large or not a mapping, then construct: raises YAMLError."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        problem = _size_problem(node) if node is not None and _could_be_too_large(yaml_text) else None
        if problem:
            hint = "remove the YAML aliases (`*name`); the note is loaded without its frontmatter"
            return {}, {}, [Diagnostic(path, first_line, "error", "yaml-too-large", problem, hint)]
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            return {}, {}, [_not_mapping(node, path, first_line)]
        lines = _node_key_lines(node, first_line)
        _keep_written_text(node)
        return loader.construct_document(node), lines, _duplicate_keys(node, path, first_line)
    finally:
        loader.dispose()


def _clearer_error(yaml_text: str, error: yaml.YAMLError) -> yaml.YAMLError:
    """PyYAML's pure-Python parser words errors better ("found character '\\t'"); errors are
    rare, so the slow parser reads only the notes that have one."""
    try:
        yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as clearer:
        return clearer
    except RecursionError:
        pass
    return error


def _node_key_lines(node: yaml.MappingNode, first_line: int) -> dict[str, int]:
    return {
        str(key.value): key.start_mark.line + first_line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def repeated_keys(node: yaml.Node, fold: Callable[[str], str] = str) -> list[list[tuple[yaml.ScalarNode, yaml.Node]]]:
    """The (key, value) nodes of each key a mapping node holds more than once, in file order, keys
    compared as `fold` makes them: as written for a reader that takes them so (MkDocs reads
    mkdocs.yml's `site_name` only), `frontmatter_key` for a note's keys (papernotes reads `Title:`
    as `title:`). A merge key (`<<:`) is YAML's, never repeated."""
    groups: dict[str, list[tuple[yaml.ScalarNode, yaml.Node]]] = {}
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE_TAG:
            groups.setdefault(fold(str(key.value)), []).append((key, value))
    return [group for group in groups.values() if len(group) > 1]


def _duplicate_keys(node: yaml.MappingNode, path: str, first_line: int) -> list[Diagnostic]:
    """A key written twice: YAML loaders keep the last value silently, so the first is lost; written
    again in another spelling (`title:`, `Title:`), YAML keeps both and papernotes reads the first
    that has a value (`_Context.first`)."""
    problems = []
    for group in repeated_keys(node, frontmatter_key):
        if frontmatter_key(str(group[0][0].value)) in PRIVACY_KEYS:
            continue  # a privacy key written twice keeps the note private, with its own warning (unread_privacy)
        read = next((key for key, value in group if not _empty(value)), group[0][0])
        for index, (key, value) in enumerate(group[1:], start=1):
            line = key.start_mark.line + first_line
            same = next((earlier for earlier, _ in group[:index] if earlier.value == key.value), None)
            if same is not None:
                message = (f"{key.value}: is written twice (also at line {same.start_mark.line + first_line}); "
                           "this second value is used")
            elif _empty(value) or all(_empty(earlier) for _, earlier in group[:index]):
                continue  # one spelling has a value, the other none (`title:` left by a template): no doubt
            else:
                message = (f"{key.value}: is {group[0][0].value}: written again in another spelling (at line "
                           f"{group[0][0].start_mark.line + first_line}); papernotes reads the first of them "
                           f"that has a value, at line {read.start_mark.line + first_line}")
            problems.append(Diagnostic(path, line, "warning", "duplicate-key", message, "keep one of them"))
    return problems


def _empty(value: yaml.Node) -> bool:
    """A key without a value (`title:`), which papernotes reads past."""
    return isinstance(value, yaml.ScalarNode) and (value.tag == "tag:yaml.org,2002:null" or value.value == "")


def key_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    """Each top-level key's 1-based file line, from the YAML node marks; {} when unreadable."""
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    return _node_key_lines(node, first_line) if isinstance(node, yaml.MappingNode) else {}


_MAX_DEPTH = 200


def _could_be_too_large(yaml_text: str) -> bool:
    """Only aliases (`&a` ... `*a`) or a long text can expand past the limits: a cheap pre-check,
    since nearly every note's frontmatter is a few short lines."""
    return "&" in yaml_text or len(yaml_text) > 10_000 or yaml_text.count("[") + yaml_text.count("{") > 100


def _nesting_depth(yaml_text: str) -> int:
    """How deep the YAML nests, from its text: flow brackets outside quotes, plus block levels
    (a deeper indent or a `- ` item opens one). An upper bound is enough: it only refuses."""
    deepest = flow = 0
    indents: list[int] = []
    for line in yaml_text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        dashes = len(stripped) - len(stripped.lstrip("- "))
        deepest_flow = flow
        quote = ""
        for char in stripped:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "[{":
                flow += 1
                deepest_flow = max(deepest_flow, flow)
            elif char in "]}":
                flow -= 1
        deepest = max(deepest, len(indents) + dashes + deepest_flow)
    return deepest


def refused_yaml(yaml_text: str, what: str) -> str | None:
    """Why YAML of the vault other than frontmatter (a `.base` file) is refused before Python
    objects are built from it, with the limits frontmatter has: nested past `_MAX_DEPTH`, or
    aliases that expand it past `_MAX_NODES` (a YAML bomb would take minutes and gigabytes to
    build and print); None when it can be read. `what` names it in the message."""
    if not _could_be_too_large(yaml_text):
        return None
    if _nesting_depth(yaml_text) > _MAX_DEPTH:
        return f"{what} is nested too deeply to read"
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None  # the caller's own reading reports the syntax error
    return _size_problem(node, what) if node is not None else None


def _size_problem(root: yaml.Node, what: str = "frontmatter YAML") -> str | None:
    """Why the document is refused (alias bomb, recursive alias), counting nodes as expanded."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    alias_uses = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[id(node)] > _MAX_NODES:
                subject = "frontmatter" if what == "frontmatter YAML" else what  # the wording frontmatter always had
                return f"{subject} expands to more than {_MAX_NODES:,} YAML values"
        elif id(node) in open_nodes:
            return f"{what} uses a recursive alias"
        elif len(open_nodes) > _MAX_DEPTH:
            return f"{what} is nested too deeply to read"
        elif id(node) in sizes:
            alias_uses += 1
            if alias_uses > _MAX_ALIAS_USES:
                return f"{what} uses aliases more than {_MAX_ALIAS_USES} times"
        else:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _keep_written_text(root: yaml.MappingNode) -> None:
    """Top-level keys stay strings as written (`on:`, `2023:`), and text keys keep their text."""
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
            continue
        key.tag = _STR_TAG
        if frontmatter_key(key.value) in _TEXT_KEYS:
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for item in items:
                if isinstance(item, yaml.ScalarNode) and not item.style:  # plain (libyaml: "")
                    item.tag = _STR_TAG if item.tag in _NUMBER_TAGS else item.tag


def _not_mapping(node: yaml.Node, path: str, first_line: int) -> Diagnostic:
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
    message = f"frontmatter is {kind}, not `key: value` lines"
    hint = "write the frontmatter as `key: value` lines; the note is loaded without it"
    return Diagnostic(path, first_line, "error", "frontmatter-not-mapping", message, hint)


def _syntax_error(error: yaml.YAMLError, yaml_text: str, path: str, first_line: int) -> Diagnostic:
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, yaml.reader.ReaderError):
        problem = f"the character #x{error.character:04x} is not allowed"
    context = getattr(error, "context", None)
    message = f"frontmatter is not valid YAML: {problem}" + (f" ({context})" if context else "")
    mark = getattr(error, "problem_mark", None)
    if mark is None or mark.index >= len(yaml_text.rstrip()):  # at the end: where it began
        mark = getattr(error, "context_mark", None) or mark
    if mark is not None:
        offset = mark.line
    else:  # a ReaderError (control character) knows only its position
        offset = yaml_text.count("\n", 0, getattr(error, "position", 0))
    last = max(len(yaml_text.splitlines()) - 1, 0)
    line = first_line + min(offset, last)
    hint = _SYNTAX_HINT
    if problem == "mapping values are not allowed here":
        hint = _colon_hint(yaml_text.splitlines()[min(offset, last)]) or hint
    return Diagnostic(path, line, "error", "yaml-syntax", message, hint)


def _colon_hint(line: str) -> str | None:
    """`title: BERT: Pre-training…`: say how to quote the value, the usual cause of this error."""
    key, _, value = line.partition(": ")
    value = value.strip()
    if not key.strip() or ": " not in value + " " or value[0] in "\"'[{":  # `  sub: 2` is an indent problem
        return None
    shown = value if len(value) <= 40 else value[:40].rstrip() + "…"
    quoted = '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (f"a value with `: ` in it must be quoted: `{key.strip()}: {quoted}`; "
            "the note is loaded without its frontmatter")


# --- normalisation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """Where diagnostics go while one note's frontmatter is normalised."""

    path: str
    lines: Mapping[str, int]
    default_line: int
    entries: list[tuple[str, str, Any]]  # (key as written, canonical key, value), file order
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, key: str, code: str, message: str, hint: str) -> None:
        line = self.lines.get(key, self.default_line)
        self.diagnostics.append(Diagnostic(self.path, line, "warning", code, message, hint))

    def values(self, *names: str) -> list[tuple[str, Any]]:
        """The non-empty values of keys spelled any way that canonicalises to one of `names`."""
        return [(key, value) for key, name, value in self.entries if name in names and value != ""]

    def first(self, *names: str) -> tuple[str, Any] | None:
        found = [(key, value) for key, value in self.values(*names) if value is not None]
        return found[0] if found else None


def normalise_meta(
    raw: dict[str, Any],
    path: str,
    key_lines: Mapping[str, int] | None = None,
    default_line: int = 1,
) -> tuple[NoteMeta, list[Diagnostic]]:
    """Normalise the keys real vaults use into NoteMeta.

    Keys match case-insensitively with `-` and `_` alike (`dg_publish`, `DG-Publish`); diagnostics
    for wrong values point at the key's line from `key_lines`, else at `default_line`.
    """
    entries = [(str(key), frontmatter_key(str(key)), value) for key, value in raw.items()]
    ctx = _Context(path, key_lines or {}, default_line, entries)
    venue, venue_year = _venue(ctx)
    year_key = ctx.first("year")
    year = _year(ctx, *year_key) if year_key else venue_year
    links = _links(ctx)
    meta = NoteMeta(
        title=_text(ctx, "title"),
        year=year,
        date=_date(ctx),
        venue=venue,
        tags=_list(ctx, ("tags", "tag"), _split_tags, "tag"),
        authors=_list(ctx, ("authors", "author"), _split_authors, "author"),
        aliases=_list(ctx, ("aliases", "alias"), _split_commas, "alias"),
        links=links,
        arxiv=_identifier(ctx, "arxiv", ids.arxiv_id, links),
        doi=_identifier(ctx, "doi", ids.doi, links),
        status=_status(ctx),
        publish=_publish(ctx),
        draft=any(_flags(ctx, ("draft",), unsafe=True, effect="not published")),
        home=any(_flags(ctx, ("home", "dg-home"), unsafe=False, effect="not the home page")),
        dendron_id=_text(ctx, "id"),
        description=_text(ctx, "description", "desc"),
        citekey=_citekey(ctx),
        created=_timestamp(ctx, "created"),
        updated=_timestamp(ctx, "updated"),
    )
    return meta, sorted(ctx.diagnostics, key=lambda diagnostic: diagnostic.line)


def frontmatter_key(key: str) -> str:
    """A key as papernotes looks it up: case-insensitive, `_` as `-`, full-width letters (an
    input method's `ｐｕｂｌｉｓｈ`) as ASCII, invisible characters (`pub\u200blish`) dropped."""
    if not key.isascii():  # ASCII is its own NFKC and has nothing invisible: most keys skip this
        key = visible(unicodedata.normalize("NFKC", key))
    return key.strip().casefold().replace("_", "-")


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _scalar_text(value: Any) -> str | None:
    """A scalar as text (numbers, booleans and dates included); None for lists, mappings, null."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return None


def _text(ctx: _Context, *names: str) -> str | None:
    found = ctx.first(*names)
    if found is None:
        return None
    key, value = found
    text = _scalar_text(value)
    if text is None:
        hint = f"write one line of text, e.g. `{names[0]}: ...`"
        ctx.warn(key, f"bad-{names[0]}", f"{key}: {_show(value)} is not text", hint)
        return None
    return text.strip() or None


def _citekey(ctx: _Context) -> str | None:
    text = _text(ctx, "citekey", "citation-key", "cite-key", "citationkey")
    if text is not None and not ids.is_bibtex_key(text):
        key = cast(tuple[str, Any], ctx.first("citekey", "citation-key", "cite-key", "citationkey"))[0]
        ctx.warn(key, "bad-citekey", f"{key}: {_show(text)} cannot be a BibTeX key; papers.bib gives the "
                 "paper a key of its own", "write the key without spaces, commas, braces, quotes or #%'()=\\~")
    return text


def _venue(ctx: _Context) -> tuple[str | None, int | None]:
    text = _text(ctx, "venue")
    if text is None:
        return None, None
    name, year = ids.normalise_venue(text)
    return name or None, year


def _year(ctx: _Context, key: str, value: Any) -> int | None:
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value if 1900 <= value <= 2100 else None
    elif isinstance(value, str):
        year = ids.find_year(value)
    if year is None:
        hint = "write a four-digit year, e.g. `year: 2023`"
        ctx.warn(key, "bad-year", f"{key}: {_show(value)} is not a year", hint)
    return year


_DATE_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


def _date(ctx: _Context) -> str | None:
    """When the note was written (never the paper's year), as `YYYY-MM-DD`."""
    found = ctx.first("date")
    if found is None:
        return None
    key, value = found
    iso = _iso_date(value)
    if iso is None:
        meant = _meant_date(value)
        hint = f"write `{key}: {meant}`" if meant else "write the date as `date: 2023-12-07`"
        ctx.warn(key, "bad-date", f"{key}: {_show(value)} is not a date", hint)
    return iso


_DATE_PARTS_RE = re.compile(r"^\D{0,3}+(\d{4})\D{1,3}+(\d{1,2})\D{1,3}+(\d{1,2})\D{0,3}+$")


def _meant_date(value: Any) -> str | None:
    """The date a mistyped one means, for the hint: `2023--09--09`, `2023_9_9`, `2023. 9. 9.`."""
    match = _DATE_PARTS_RE.match(value) if isinstance(value, str) and len(value) <= 40 else None
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def _iso_date(value: Any) -> str | None:
    if isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    match = _DATE_RE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def _split_tags(text: str) -> list[str]:
    return text.split(",") if "," in text else text.split()


_AUTHOR_SEPARATORS = re.compile(r"(?:(?<!\s)\s++)?(?:,|，|、|&|\band\b)\s*+")


def _split_authors(text: str) -> list[str]:
    if ";" in text or "；" in text:
        return re.split(r"[;；]", text)
    return _AUTHOR_SEPARATORS.split(text)


def _split_commas(text: str) -> list[str]:
    return text.split(",")


def _list(
    ctx: _Context, names: tuple[str, ...], split: Callable[[str], list[str]], noun: str
) -> tuple[str, ...]:
    """A list field from YAML lists or separated strings: cleaned, deduplicated, order kept."""
    found: dict[str, None] = {}
    for key, value in ctx.values(*names):
        items: Iterable[Any] = [value]
        if isinstance(value, str):
            items = split(value)
        elif isinstance(value, list | tuple):
            items = value
        for item in items:
            text = _scalar_text(item)
            if text is None:
                if item is not None:
                    hint = f"write `{key}: [a, b]` or one `- {noun}` per line"
                    message = f"{key}: {_show(item)} is not a {noun}"
                    ctx.warn(key, f"bad-{names[0]}", message, hint)
                continue
            cleaned = text.strip().lstrip("#").strip() if noun == "tag" else text.strip()
            if cleaned:
                found.setdefault(cleaned, None)
    return tuple(found)


_LINK_KINDS = {
    "url": "paper",
    "paper": "paper",
    "arxiv": "paper",
    "doi": "paper",
    "pdf": "pdf",
    "code": "code",
    "github": "code",
    "repo": "code",
    "project": "project",
    "website": "project",
    "homepage": "project",
}
# `code: no` is the boolean false in YAML: like `N/A` or `TBD`, it means there is no link yet
_PLACEHOLDERS = {"", "-", "--", "?", "n/a", "na", "none", "null", "nil", "tbd", "todo", "false"}
_MARKDOWN_LINK_RE = re.compile(r"^\[[^\]]*\]\((\S+)\)$")


def _links(ctx: _Context) -> tuple[tuple[str, str], ...]:
    """Links from `links:` and from per-kind keys (`code:`, `arxiv:`...), in file order."""
    pairs: list[tuple[str, str]] = []
    for key, name, value in ctx.entries:
        if name == "links":
            for kind_key, url in _links_value(ctx, key, value):
                pairs.extend(_link(ctx, key, kind_key, url))
        elif name in _LINK_KINDS:
            pairs.extend(_link(ctx, key, name, value))
    urls: dict[str, str] = {}
    for kind, url in pairs:
        urls.setdefault(url, kind)
    return tuple((kind, url) for url, kind in urls.items())


def _links_value(ctx: _Context, key: str, value: Any) -> list[tuple[str, Any]]:
    """`links:` as (kind, url): a mapping, a list of URLs, or a list of one-entry mappings."""
    items = list(value.items()) if isinstance(value, dict) else value
    if not isinstance(items, list):
        items = [value]
    pairs: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            pairs.extend((str(kind), url) for kind, url in item.items())
        elif isinstance(item, tuple):
            pairs.append((str(item[0]), item[1]))
        elif isinstance(item, str):
            pairs.append((_guess_kind(item), item))
        elif item is not None:
            hint = "write `links: {paper: https://..., code: https://...}`"
            ctx.warn(key, "bad-links", f"{key}: {_show(item)} is not a link", hint)
    return [(frontmatter_key(kind), url) for kind, url in pairs]


def _guess_kind(url: str) -> str:
    lowered = url.casefold()
    if "github.com" in lowered or "gitlab.com" in lowered:
        return "code"
    if ids.arxiv_id(url) or ids.doi(url) or "openreview.net" in lowered:
        return "paper"
    return "link"


def _link(ctx: _Context, key: str, kind: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, list):
        return [pair for item in value for pair in _link(ctx, key, kind, item)]
    text = _scalar_text(value)
    if value is None or (text is not None and text.strip().casefold() in _PLACEHOLDERS):
        return []
    url = _link_url(kind, text.strip()) if text is not None else None
    if url is None:
        example = _LINK_EXAMPLES.get(kind, "https://...")
        hint = f"write a URL, e.g. `{kind}: {example}`"
        ctx.warn(key, "bad-link", f"{key}: {_show(value)} is not a link", hint)
        return []
    return [(_LINK_KINDS.get(kind, kind), url)]


_LINK_EXAMPLES = {"arxiv": "2401.03048", "doi": "10.1109/CVPR.2023.00001"}
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_PATH_RE = re.compile(r"^\S*(?:/\S*|\.[A-Za-z0-9]{2,5})$")


def _link_url(kind: str, text: str) -> str | None:
    """The URL a link value stands for: bare arXiv ids and DOIs become URLs, paths stay."""
    markdown = _MARKDOWN_LINK_RE.match(text)
    if markdown:
        text = markdown.group(1)
    if "://" not in text:
        arxiv = ids.arxiv_id(text)
        if arxiv:
            return f"https://arxiv.org/abs/{arxiv}"
        if kind == "doi" or text.casefold().startswith(("doi:", "10.")):
            doi = ids.doi(text)
            return f"https://doi.org/{doi}" if doi else None
        if kind == "arxiv":
            return None
    if text.startswith("www."):
        return "https://" + text
    if text.startswith("[[") and text.endswith("]]"):
        return text  # a vault file, resolved later like any wikilink
    return text if _SCHEME_RE.match(text) or _PATH_RE.match(text) else None


def _identifier(
    ctx: _Context, name: str, extract: Callable[[str], str | None], links: Iterable[tuple[str, str]]
) -> str | None:
    """The arXiv id or DOI: from its own key first, else from the first link that has one."""
    for _, value in ctx.values(name):
        found = extract(_scalar_text(value) or "")
        if found:
            return found
    return next((found for _, url in links if (found := extract(url))), None)


_STATUSES: dict[str, ReadingStatus] = {
    "to-read": "to-read",
    "toread": "to-read",
    "todo": "to-read",
    "unread": "to-read",
    "reading": "reading",
    "in-progress": "reading",
    "read": "read",
    "done": "read",
    "finished": "read",
}


def _status(ctx: _Context) -> ReadingStatus | None:
    found = ctx.first("status")
    if found is None:
        return None
    key, value = found
    word = value.strip().lstrip("#").casefold() if isinstance(value, str) else ""
    status = _STATUSES.get(re.sub(r"[\s_]+", "-", word))
    if status is None:
        hint = "use one of `to-read`, `reading`, `read`"
        ctx.warn(key, "bad-status", f"{key}: {_show(value)} is not a reading status", hint)
    return status


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def flag_value(value: Any) -> bool | None:
    """`value` read as a yes/no flag (`true`, `no`, `0`, `On`...); None when it is not one."""
    text = _scalar_text(value)
    word = text.strip().casefold() if text is not None else None
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    return None


def _flags(ctx: _Context, names: tuple[str, ...], *, unsafe: bool, effect: str) -> list[bool]:
    """Each boolean given under `names`; an unreadable one counts as `unsafe`, with a warning.

    `explicit` is a site-wide publishing mode (digital garden), not a note's value: ignored.
    """
    flags: list[bool] = []
    for key, value in ctx.values(*names):
        text = _scalar_text(value)
        word = text.strip().casefold() if text is not None else None
        if value is None or word == "explicit":
            continue
        flag = flag_value(value)
        if flag is not None:
            flags.append(flag)
            continue
        message = f"{key}: {_show(value)} is not true or false; the note is treated as {effect}"
        code = f"bad-{frontmatter_key(key).removeprefix('dg-')}"
        ctx.warn(key, code, message, f"write `{key}: true` or `{key}: false`")
        flags.append(unsafe)
    return flags


def _publish(ctx: _Context) -> bool | None:
    """`publish` and `dg-publish` together: any `false` wins, since private is the safe side."""
    flags = _flags(ctx, ("publish", "dg-publish"), unsafe=False, effect="not published")
    return None if not flags else all(flags)


PRIVACY_KEYS = ("publish", "dg-publish", "draft")
_KEY_EDGE = " \t-?{,'\""  # around a key in a list item, a flow mapping or quotes: `- publish:`, `{"draft":`
_KEY_LINE_RE = re.compile("^([^:\uff1a=]*+)[:\uff1a=]")
"""A line's text before its first `:`, or the full-width `：` of Chinese and Japanese input methods,
or the `=` of TOML (`publish = false` in a `---` block)."""


def unread_privacy(text: str, raw: Mapping[str, object], path: str, first_line: int, why: str, *,
                   indented: bool = True, lookalike: Callable[[str, str], str | None] | None = None,
                   ) -> Diagnostic | None:
    """A line of `text` that sets `publish`, `dg-publish` or `draft` which the reading of the YAML
    (`raw`) did not see: the frontmatter could not be read, was never closed, has the key twice
    (YAML keeps the last) or inside another value. The note is then private (`publish: false`),
    since its author meant something about publishing it and private is the safe side.

    `text` starts at `first_line`; `why` says why a line may not have been read, for the message.
    Found without parsing: any line whose text before its first `:` (or `：`, or `=`) is such a
    key, spelt any way the frontmatter accepts (`Publish`, `dg_publish`, `- draft`, `"publish"`,
    `ｐｕｂｌｉｓｈ`); with `indented` False only lines that start with it (in YAML that was read,
    an indented `draft:` is a nested key or the text of a multi-line value). `lookalike(key, value)`,
    when given, names the privacy key a line's other key stands for when it says the note is
    private (`pubish: false`, `рublish: no`, `private: true`: `privacy_keys.line_privacy`).
    """
    read = [frontmatter_key(str(key)) for key in raw]
    written: dict[str, list[int]] = {}
    meant: dict[str, str] = {}  # a look-alike key as written -> the privacy key it stands for
    for number, line in _numbered_lines(text, first_line):
        key = _KEY_LINE_RE.match(line)
        name = frontmatter_key(key.group(1).strip(_KEY_EDGE)) if key else ""
        if key and name not in PRIVACY_KEYS and lookalike is not None:
            name = key.group(1).strip().strip(_KEY_EDGE)  # as written, for the message
            meant_key = lookalike(name, line[key.end():])
            if meant_key is None:
                continue
            meant[name] = meant_key
        elif name not in PRIVACY_KEYS:
            continue
        if indented or line[:1] not in (" ", "\t"):
            written.setdefault(name, []).append(number)
    for name, lines in written.items():
        if len(lines) > read.count(name):
            numbers = list(dict.fromkeys(lines))  # two pieces of one line (`ODD_BREAKS`) share it
            shown = ", ".join(str(line) for line in numbers)
            real = meant.get(name, name)
            return Diagnostic(
                path, lines[0], "warning", "bad-draft" if real == "draft" else "bad-publish",
                f"`{name}:` is written on line{'s' if len(numbers) > 1 else ''} {shown} but {why}; "
                "the note is treated as not published",
                f"write `{real}:` once, at the start of a line of a frontmatter block that is valid YAML",
            )
    return None


def _timestamp(ctx: _Context, name: str) -> str | None:
    found = ctx.first(name)
    if found is None:
        return None
    key, value = found
    stamp = _timestamp_text(value)
    if stamp is None:
        meant = _meant_date(value)
        hint = (f"write `{key}: {meant}`" if meant
                else "write an ISO date (`2023-12-07`) or Dendron's milliseconds (`1701953324034`)")
        message = f"{key}: {_show(value)} is not a date or a millisecond timestamp"
        ctx.warn(key, f"bad-{name}", message, hint)
    return stamp


def _timestamp_text(value: Any) -> str | None:
    """Dendron's milliseconds as `2023-12-07T12:48:44Z`; ISO dates and times kept as written."""
    if isinstance(value, date):
        return value.isoformat()
    text = _scalar_text(value) if not isinstance(value, bool) else None
    if text is None:
        return None
    text = text.strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        try:
            datetime.fromisoformat(text)
        except ValueError:
            return None
        return text
    milliseconds = float(text)
    if milliseconds < 1e11:  # before 1973 in milliseconds: a day number or seconds, not Dendron
        return None
    try:
        moment = datetime.fromtimestamp(milliseconds / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
