"""Vault files a browser would run as pages of the site: web pages, SVG and other XML.

An image embedded with `![[diagram.svg]]` is shown by an `<img>`, where nothing in it runs; but
the same file opened on its own (a link to it, "open image in new tab") is a document of the
site's origin, and its `<script>` or `onload=` runs there, as would a saved `.html` page's. The
site's host cannot be asked for headers that would stop it, so such files are made inert here,
before they are copied, whatever links to them:

- web pages (`.html`, `.htm`, `.shtml`) are published sanitised as notes are (`sanitize.py`);
- XML documents (`.svg`, `.xml`, `.xhtml`, `.xsl`...) are published as they are when nothing in
  them can run, and otherwise left out with a warning: no `<script>`, event handler (`on...=`),
  `javascript:` URL, embedded frame or stylesheet processing instruction, read after XML has
  expanded its entities; a file that is not well-formed XML cannot be checked, so it is left out too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from papernotes.diagnostics import Diagnostic
from papernotes.sanitize import sanitize_html

WEB_PAGES = frozenset({".html", ".htm", ".shtml"})
XML_DOCUMENTS = frozenset({".svg", ".xml", ".xhtml", ".xht", ".xsl", ".xslt", ".svgz", ".mht", ".mhtml"})
"""`.svgz` (compressed) and `.mht` (web archives) are never checked: always left out."""
_UNCHECKED = frozenset({".svgz", ".mht", ".mhtml"})
# Elements that run script or load a document of their own (XML events' handler and listener too).
_ACTIVE_ELEMENTS = frozenset({"script", "handler", "listener", "iframe", "frame", "frameset", "embed",
                              "object", "applet", "base", "meta", "portal"})
_CONTROLS_RE = re.compile(r"[\x00-\x20]+")  # browsers ignore them inside a URL's scheme
_ACTIVE_URL_RE = re.compile(r"(?:javascript:|vbscript:|data:(?:text/html|application/|image/svg))", re.IGNORECASE)
_STYLESHEET_PI_RE = re.compile(rb"<\?xml-stylesheet", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Served:
    """What the site publishes for a vault file: its bytes (None: left out) and why it changed."""

    data: bytes | None
    problem: Diagnostic | None = None


def suffix_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].casefold() if "." in name else ""


def is_active(path: str) -> bool:
    """Whether a browser opening the file at `path` would run what is in it."""
    suffix = suffix_of(path)
    return suffix in WEB_PAGES or suffix in XML_DOCUMENTS


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].casefold()


def xml_problem(data: bytes) -> str | None:
    """What in an XML document could run in a browser, or None when nothing can."""
    if _STYLESHEET_PI_RE.search(data):
        return "an xml-stylesheet instruction (it can turn the file into a page with scripts)"
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError) as error:
        return f"it is not well-formed XML, so it cannot be checked ({error})"
    for element in root.iter():
        tag = _local(str(element.tag))
        if tag in _ACTIVE_ELEMENTS:
            return f"a <{tag}> element"
        for name, value in element.attrib.items():
            attribute = _local(name)
            animated = value.strip().casefold() if attribute == "attributename" else ""
            if attribute.startswith("on") or animated.startswith("on"):  # or an animation that sets one
                return f"an event handler ({animated or attribute}=) on <{tag}>"
            if _ACTIVE_URL_RE.search(_CONTROLS_RE.sub("", value)) and tag not in ("image", "img"):
                return f"a URL that runs script ({attribute}=) on <{tag}>"
    return None


def served(path: str, data: bytes) -> Served:
    """The bytes the site publishes for the vault file `path` (see the module's docstring)."""
    if suffix_of(path) in WEB_PAGES:
        page = sanitize_html(data.decode("utf-8", errors="replace"))
        return Served(f'<!DOCTYPE html>\n<meta charset="utf-8">\n{page}\n'.encode())
    problem = left_out(path, data)
    return Served(data) if problem is None else Served(None, problem)


def may_be_left_out(path: str) -> bool:
    """Whether the vault file at `path` is one `served` may leave out (an XML document); a web
    page is always published, sanitised."""
    return suffix_of(path) in XML_DOCUMENTS


def left_out(path: str, data: bytes) -> Diagnostic | None:
    """Why `served` leaves the vault file `path` out, None when it publishes it: what
    `papernotes check` reports, found without sanitising a web page."""
    suffix = suffix_of(path)
    if suffix not in XML_DOCUMENTS:
        return None
    why = f"it is a {suffix} file, which cannot be checked" if suffix in _UNCHECKED else xml_problem(data)
    if why is None:
        return None
    return Diagnostic(
        path, 1, "warning", "active-file",
        f"{path} is not published: opened in a browser it could run script on the site ({why})",
        "remove what runs from the file (a drawing exported without scripts), or export it as PNG or PDF",
    )


__all__ = ["Served", "is_active", "left_out", "may_be_left_out", "served", "xml_problem"]
