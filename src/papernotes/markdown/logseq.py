"""Logseq's blocks: `((uuid))` block references, and the block properties Logseq keeps out of sight.

Logseq gives a block an id by writing `id:: <uuid>` on the line below it; another block shows
that block's text by writing `((uuid))`. Logseq also stores its own bookkeeping as block
properties (`collapsed:: true`, `card-next-schedule:: …`, `heading:: 2`), which its editor never
shows. Here a `((uuid))` becomes a link to the block (resolved across the vault, since the uuid
is unique), labelled with the block's first line, and those property lines are left out of the
page, an `id::` line becoming the block's anchor.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from papernotes.frontmatter import frontmatter_key
from papernotes.model import Link

_UUID = r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
UUID_RE = re.compile(_UUID)
LOGSEQ_ID_RE = re.compile(rf"^\s*+id::[ \t]*+{_UUID}[ \t]*+$")
LOGSEQ_PROPERTY_RE = re.compile(r"^\s*+([A-Za-z][\w.\-]*+)::(?:[ \t][^\n]*+)?$")
_BLOCK_REF_RE = re.compile(rf"\(\({_UUID}\)\)")

HIDDEN_PROPERTIES = frozenset({
    "id", "collapsed", "heading", "background-color", "logseq.order-list-type",
    "card-last-interval", "card-repeats", "card-ease-factor", "card-next-schedule",
    "card-last-reviewed", "card-last-score", "hl-page", "hl-color", "hl-type", "hl-stamp", "ls-type",
})
"""Properties Logseq writes for itself and does not show in a block."""


_LEADING_TABS_RE = re.compile(r"^\t++")
_EMPTY_BLOCK_RE = re.compile(r"^[\t ]*+-[\t ]*+$")
_BLOCK_START_RE = re.compile(r"^[\t ]*+(?:- )?+")
_FENCE_RE = re.compile(r"^(`{3,}+|~{3,}+)")
_ORG_BLOCK_RE = re.compile(r"^#\+(BEGIN|END)_([A-Za-z]++)(?:[ \t]++([^\n]*+))?$", re.IGNORECASE)
GRAPH_CONFIG = "logseq/config.edn"
"""The file that makes a folder a Logseq graph (its pages in `pages/`, `journals/`)."""

ORG_CALLOUTS = {"note": "note", "tip": "tip", "important": "important", "warning": "warning",
                "caution": "caution", "pinned": "note"}
"""Logseq's `#+BEGIN_NOTE` ... `#+END_NOTE` boxes -> the callout of that kind (`QUOTE` is a
blockquote, `SRC` and `EXAMPLE` are code)."""
_ORG_CODE = frozenset({"src", "example"})


def outline_body(body: str) -> str:
    """A Logseq page as Markdown reads an outline, line for line (lines keep their numbers):

    - Logseq nests a block one tab deeper than its parent (`- parent` / `\t- child` / `\t  child's
      next line`), where Markdown would take a tab for four columns and a line four columns in
      for code. Each leading tab becomes two spaces, the width of `- `, so each block sits inside
      its parent's list item; tabs after the first other character (inside code) are kept.
    - An empty block (a line that is only `-`, outside fenced code) becomes an empty line:
      Markdown would read a `-` under a block's text as that text's heading underline (`<h2>`).
    - Logseq writes a page's first block without its `- `; when that block has children, it
      gets its bullet back, so the children nest under it as in Logseq. A first block made only
      of `key:: value` lines is the page's properties (see `page_properties`) and stays as is.
    - Logseq's org-mode blocks become Markdown: `#+BEGIN_NOTE` (TIP, IMPORTANT, WARNING,
      CAUTION, PINNED) a callout, `#+BEGIN_QUOTE` a blockquote, `#+BEGIN_SRC lang` and
      `#+BEGIN_EXAMPLE` fenced code.
    """
    lines = body.split("\n")
    _bullet_first_block(lines)
    fence = ""
    boxes: list[str] = []  # the kinds of the open `#+BEGIN_…` boxes, outermost first
    box_column = 0  # where the outermost box's `>` goes
    for number, line in enumerate(lines):
        tabs = _LEADING_TABS_RE.match(line)
        if tabs is not None:
            line = "  " * tabs.end() + line[tabs.end():]
        start = _BLOCK_START_RE.match(line)
        column = start.end() if start is not None else 0
        indent = len(line) - len(line.lstrip(" "))
        if boxes and line[indent:indent + 1] == "-" and indent < box_column:
            boxes = []  # a box never closed ends with its block, as in Logseq
        if boxes:
            at = box_column if not line[:box_column].strip() else indent
            line = line[:at].ljust(at) + "> " * len(boxes) + line[at:].lstrip(" ")
            column = at + 2 * len(boxes)
        text = line[column:].rstrip()
        if fence:
            if text.casefold() in ("#+end_src", "#+end_example"):
                line, fence = line[:column] + fence, ""
            elif text.startswith(fence) and not text.strip(fence[0]):
                fence = ""
        elif _EMPTY_BLOCK_RE.match(line):
            line = ""
        elif (opened := _FENCE_RE.match(text)) is not None:
            fence = opened.group(1)
        elif (org := _ORG_BLOCK_RE.match(text)) is not None:
            kind = org.group(2).casefold()
            begin = org.group(1).casefold() == "begin"
            if kind in _ORG_CODE and begin:
                line, fence = line[:column] + "```" + (org.group(3) or "").strip(), "```"
            elif kind in ORG_CALLOUTS or kind == "quote":
                if begin:
                    box_column = box_column if boxes else column
                    boxes.append(kind)
                    line = line[:column] + ("> [!" + ORG_CALLOUTS[kind] + "]" if kind != "quote" else ">")
                elif boxes and boxes[-1] == kind:
                    boxes.pop()
                    line = line[:column].rstrip()  # an empty line of the box being closed
        lines[number] = line
    return "\n".join(lines)


def _bullet_first_block(lines: list[str]) -> None:
    """Give the page's unbulleted first block its `- ` when the line after it is a child block."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].startswith(("-", "\t", " ", "```", "~~~", "#+")):
        return
    end = first + 1
    while end < len(lines) and lines[end].strip() and not lines[end].startswith(("-", "\t", " ")):
        end += 1
    child = end < len(lines) and lines[end].startswith(("\t", " ")) and lines[end].lstrip("\t ").startswith("-")
    if not child or all(LOGSEQ_PROPERTY_RE.match(line) for line in lines[first:end]):
        return
    lines[first] = "- " + lines[first]
    for number in range(first + 1, end):
        lines[number] = "  " + lines[number]


PAGE_HIDDEN_PROPERTIES = HIDDEN_PROPERTIES | frozenset({
    "title", "filters", "public", "icon", "exclude-from-graph-view", "template", "template-including-parent",
    "file", "file-path",
})
"""Page properties not shown in the page's properties box: those Logseq hides, and the PDF file
(`file::`, `file-path::`) of a highlights page, a path on its writer's disk."""
_PROPERTY_FRONTMATTER = {"title": "title", "alias": "aliases", "tags": "tags", "public": "publish",
                         "publish": "publish", "dg-publish": "dg-publish", "draft": "draft"}
"""Page properties read as frontmatter keys: Logseq's page title, aliases, tags, `public::
false` (a page Logseq's publishing leaves out) as `publish: false`, and the privacy keys a note's
frontmatter has (`publish:: false`, `draft:: true`), spelled as frontmatter keys are matched."""


def page_properties(body: str) -> list[tuple[str, str, int]]:
    """(key, value, 0-based line) of each `key:: value` line a page opens with (its first
    block, when that block is only properties): Logseq's page properties."""
    found: list[tuple[str, str, int]] = []
    at = 0
    number = 0
    while at <= len(body):
        end = body.find("\n", at)
        end = len(body) if end == -1 else end
        line = body[at:end]
        match = LOGSEQ_PROPERTY_RE.match(line)
        if match is None:
            if line.strip() or found:
                break
        else:
            found.append((match.group(1), line[match.end(1) + 2:].strip(), number))
        at, number = end + 1, number + 1
    return found


def property_values(value: str) -> list[str]:
    """`[[a]], [[b, c]], #d` -> `["a", "b, c", "d"]`: a list property's values."""
    values: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(value + ","):
        if value.startswith("[[", index):
            depth += 1
        elif value.startswith("]]", index) and depth:
            depth -= 1
        elif char == "," and not depth:
            values += _item_values(value[start:index].strip())
            start = index + 1
    return values


_PAGE_REF_RE = re.compile(r"\[\[([^\[\]\n]*+)\]\]")


def _item_values(item: str) -> list[str]:
    """One comma-separated item of a list property: `[[a]]` -> `a`, `#b` -> `b`; an item of
    several references, as Logseq reads `tags:: [[VAE]] [[segmentation]] tracking`, is each of
    them and the text between them (`#c #d`: each tag)."""
    refs = list(_PAGE_REF_RE.finditer(item)) if "[[" in item else []
    if len(refs) == 1 and refs[0].span() == (0, len(item)):
        return [refs[0].group(1).strip()] if refs[0].group(1).strip() else []
    if not refs and not (item.startswith("#") and " #" in item):
        item = item.removeprefix("#")
        return [item] if item else []
    values: list[str] = []
    at = 0
    for found in [*refs, None]:
        text = item[at:found.start() if found else len(item)].strip()
        words = text.split()
        if words and all(word.startswith("#") for word in words):
            values += [word[1:] for word in words if word[1:]]
        elif text:
            values.append(text.removeprefix("#"))
        if found is not None:
            values += [found.group(1).strip()] if found.group(1).strip() else []
            at = found.end()
    return values


def properties_frontmatter(properties: list[tuple[str, str, int]], body_line: int) -> tuple[
        dict[str, object], dict[str, int]]:
    """The page properties that mean what frontmatter keys do, as a frontmatter mapping, and
    the 1-based line of each key (for diagnostics)."""
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key, value, line in properties:
        name = _PROPERTY_FRONTMATTER.get(frontmatter_key(key))
        if name is None or name in raw or not value:
            continue
        raw[name] = property_values(value) if name in ("aliases", "tags") else value
        lines[name] = body_line + line
    return raw, lines


def other_properties(properties: list[tuple[str, str, int]], body_line: int) -> tuple[
        dict[str, object], dict[str, int]]:
    """The page properties `properties_frontmatter` does not read, as written (the first of a
    key), with their 1-based lines: where a privacy look-alike (`private:: true`) is looked for."""
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key, value, line in properties:
        if frontmatter_key(key) not in _PROPERTY_FRONTMATTER and key not in raw:
            raw[key], lines[key] = value, body_line + line
    return raw, lines


_FRONT_MATTER_LINE_RE = re.compile(r"^([A-Za-z][^:\n]*+):([^\n]*+)$")
_FRONT_MATTER_LISTS = frozenset({"tags", "aliases", "authors", "author", "related"})
_FRONT_MATTER_KEYS = {"alias": "aliases", "public": "publish", "publication date": "year"}
"""Keys read as the frontmatter keys they mean: Logseq's Zotero import writes `publication date`."""


def front_matter_properties(block: str, first_line: int) -> tuple[dict[str, object], dict[str, int]]:
    """A page's `---` block as Logseq reads it when it is no YAML: one `key: value` a line, the
    first of a key kept, and `[[links]]` or `#tags` in a list value (`tags: #a, [[b]]`, `authors:
    [[Ada Obi]], [[Ben Tran]]`) its items. Logseq's own Zotero import writes such blocks.
    `first_line` is the 1-based file line of the block's first line."""
    raw: dict[str, object] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(block.split("\n")):
        match = _FRONT_MATTER_LINE_RE.match(line)
        if match is None:
            continue
        key = match.group(1).strip()
        key = _FRONT_MATTER_KEYS.get(key.casefold(), key)
        value = match.group(2).strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        if not value or key in raw:
            continue
        items = property_values(value)
        if key.casefold() in _FRONT_MATTER_LISTS:
            raw[key] = items
        else:  # `publication date: [[2020-05-28]]`, `proceeding: [[CVPR]]`: the page named
            raw[key] = items[0] if len(items) == 1 and value.startswith(("[[", "#")) else value
        lines[key] = first_line + number
    return raw, lines


def properties_block(tokens: list[Token]) -> None:
    """A page's opening properties paragraph -> a `<dl>` of the properties Logseq shows (each
    value keeps its links and tags); left out when none is shown."""
    if len(tokens) < 3 or tokens[0].type != "paragraph_open" or not tokens[1].children:
        return
    lines: list[list[Token]] = [[]]
    for child in tokens[1].children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    children: list[Token] = []
    for line in lines:
        first = line[0] if line else None
        match = LOGSEQ_PROPERTY_RE.match(first.content) if first is not None and first.type == "text" else None
        if first is None or match is None:
            return  # not a properties block
        if match.group(1).casefold() in PAGE_HIDDEN_PROPERTIES:
            continue
        value = first.content[match.end(1) + 2:].lstrip()
        children += [Token("pn_property", "", 0, meta={"key": match.group(1)}),
                     *([Token("text", "", 0, content=value)] if value else []), *line[1:],
                     Token("pn_property_end", "", 0)]
    if not children:
        del tokens[:3]
        return
    tokens[0].type, tokens[2].type = "pn_properties_open", "pn_properties_close"
    tokens[1].children = children


def is_block_ref(link: Link) -> bool:
    """True for a link written as `((uuid))`."""
    return link.kind == "wikilink" and link.raw.startswith("((")


def linked_block(target: str) -> str | None:
    """The uuid of Logseq's `[label](((uuid)))`, a Markdown link to a block, else None."""
    match = _BLOCK_REF_RE.fullmatch(target)
    return match.group(1).lower() if match else None


def _split_block_refs(state: StateCore) -> None:
    """`((uuid))` in text -> a wikilink token to `#^uuid`, found in whichever note has that block.
    (A core rule: `(` does not stop markdown-it's text rule, so an inline rule would never see it.)"""
    for token in state.tokens:
        if token.type != "inline" or not token.children or "((" not in token.content:
            continue
        out: list[Token] = []
        depth = 0
        for child in token.children:
            depth += (child.type == "link_open") - (child.type == "link_close")
            if child.type != "text" or depth or "((" not in child.content:
                out.append(child)
                continue
            at = 0
            for match in _BLOCK_REF_RE.finditer(child.content):
                out.append(Token("text", "", 0, content=child.content[at:match.start()]))
                ref = Token("wikilink", "", 0, content=match.group())
                ref.meta = {"target": "", "fragment": "^" + match.group(1).lower(), "alias": ""}
                out.append(ref)
                at = match.end()
            out.append(Token("text", "", 0, content=child.content[at:]))
        token.children = [child for child in out if child.type != "text" or child.content]


def block_refs_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "logseq_block_refs", _split_block_refs)


def hide_properties(children: list[Token], outline: bool = False) -> list[Token]:
    """Drop Logseq's own property lines from a paragraph (each a whole line, with its line
    break); an `id::` line becomes the block's anchor, as `^block-id` does. A `[:span]` line is
    an area highlight's when an `hl-page::` line says so, or on a Logseq page (`outline`)."""
    if outline and any(child.type == "text" and child.content.strip() == AREA_MARK for child in children):
        return [token for line in _lines(hide_properties(children)) for token in _area(line, "")]
    if not any(child.type == "text" and "::" in child.content for child in children):
        return children
    lines = _lines(children)  # a line keeps the break before it
    kept: list[list[Token]] = []
    anchors: list[Token] = []
    highlight_page: str | None = None
    for line in lines:
        text = [token for token in line if token.type not in ("softbreak", "hardbreak")]
        match = LOGSEQ_PROPERTY_RE.match(text[0].content) if len(text) == 1 and text[0].type == "text" else None
        if match is None or match.group(1).lower() not in HIDDEN_PROPERTIES:
            kept.append(line)
            continue
        identifier = LOGSEQ_ID_RE.match(text[0].content)
        if identifier is not None:
            anchors.append(Token("block_id", "", 0, meta={"id": identifier.group(1).lower()}))
        elif match.group(1).lower() == "hl-page":
            highlight_page = text[0].content[match.end(1) + 2:].strip()
    if kept and kept[0] and kept[0][0].type in ("softbreak", "hardbreak"):
        kept[0] = kept[0][1:]  # the paragraph began with a property line
    if highlight_page is not None:
        kept = [_area(line, highlight_page) for line in kept]
    return [token for line in kept for token in line] + anchors


AREA_MARK = "[:span]"
"""The text of a Logseq PDF area highlight's block (`hl-type:: area`)."""


def area_label(page: str) -> str:
    """What an area highlight shows here, on its page and where a `((uuid))` refers to it."""
    return f"PDF area highlight, page {page}" if page else "PDF area highlight"


def area_page(block: str) -> str:
    """The `hl-page::` of a block's source lines, or ''."""
    for line in block.split("\n"):
        match = LOGSEQ_PROPERTY_RE.match(line)
        if match is not None and match.group(1).lower() == "hl-page":
            return line[match.end(1) + 2:].strip()
    return ""


def _lines(children: list[Token]) -> list[list[Token]]:
    """Inline children cut into lines, each but the first starting with its line break."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([child])
        else:
            lines[-1].append(child)
    return lines


def _area(line: list[Token], page: str) -> list[Token]:
    """A PDF area highlight's `[:span]` line (Logseq shows the highlighted area's picture, kept
    in the graph's assets) -> a note of which page of the PDF it is on."""
    text = [token for token in line if token.type not in ("softbreak", "hardbreak")]
    if len(text) != 1 or text[0].type != "text" or text[0].content.strip() != AREA_MARK:
        return line
    return [token for token in line if token.type in ("softbreak", "hardbreak")] + [
        Token("pn_area", "", 0, meta={"page": page})]
