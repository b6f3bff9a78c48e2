"""Jekyll's Liquid in a link's address, as Jekyll sites (and notes kept in one) write it:
`![Figure 1]({{ site.baseurl }}/assets/img/f.png)`, `<img src="{{ site.url }}{{ site.baseurl }}/a.png">`,
`[post]({{ "/2018/x.html" | relative_url }})`. Jekyll puts the site's root there; so does
papernotes: the address becomes `/assets/img/f.png`, the vault's root, and the link resolves as
any other (Markdown allows no blank in an address, so as written it was no link at all)."""

from __future__ import annotations

import re
from collections.abc import Collection

_SITE = r"\{\{-?\s*+site\.(?:baseurl|base_url|url)\s*+-?\}\}"
_FILTERED = r"\{\{-?\s*+(?P<q>[\"'])(?P<path>[^\"'{}\n]{1,300})(?P=q)\s*+\|\s*+(?:relative_url|absolute_url)\s*+-?\}\}"
_ADDRESS_RE = re.compile(r"(?P<lead>\]\(\s*+<?|\b(?:src|href)=[\"'])(?:" + _SITE + r"){1,2}"
                         r"|(?P<flead>\]\(\s*+<?|\b(?:src|href)=[\"'])" + _FILTERED)


def has_liquid_address(body: str) -> bool:
    """A cheap test before `without_liquid_addresses`."""
    return "{{" in body and ("site." in body or "_url" in body)


def without_liquid_addresses(body: str, code_lines: Collection[int]) -> str:
    """`body` with the Liquid in link addresses replaced by the root it stands for; lines in
    code blocks (`code_lines`, 0-based) are left as written, as is every line's count."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if "{{" in line and index not in code_lines:
            lines[index] = _ADDRESS_RE.sub(_root, line)
    return "\n".join(lines)


def _root(match: re.Match[str]) -> str:
    if match.group("lead") is not None:
        return match.group("lead")
    path = match.group("path")
    return match.group("flead") + (path if path.startswith("/") else "/" + path)
