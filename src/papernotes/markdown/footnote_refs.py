"""A linear-time front for mdit-py-plugins' footnote reference rule (`[^label]`).

The plugin's rule scans from each `[^` to the next space, line end or `]`, character by
character in Python, and markdown-it tries the rule at every `[` of a line, again while it looks
for the end of a link label. A line of `[^[^[^…` thousands long, in a note that defines any
footnote, so cost time quadratic in the line (4,000 runs: 8.5 s to parse; `[^[^…[^x]` with
`[^x]` defined, 8 s). Here the stop after a position is found by a regular expression (in C) and
remembered for the positions before it, so every position of a line costs O(1) after the first;
a `[^` whose label cannot close (a space or line end comes first), or names no footnote of the
note, is turned down without calling the plugin, and the plugin's own rule runs only where it
finds a defined label, in the same cases as before (references to undefined labels are text,
as the plugin is used here: `always_match_refs` off).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote.index import footnote_ref as plugin_rule

_STOP = re.compile(r"[ \n\]]")
_MEMO = "papernotes_footnote_stop"  # in the parse's env: (src, from, stop) of the last lookup

def _stop(state: StateInline, start: int) -> int:
    """Where the first space, line end or `]` at or after `start` is (len(src) if none)."""
    memo = state.env.get(_MEMO)
    if memo is not None and memo[0] is state.src and memo[1] <= start <= memo[2]:
        return int(memo[2])
    found = _STOP.search(state.src, start)
    stop = found.start() if found else len(state.src)
    state.env[_MEMO] = (state.src, start, stop)
    return stop


def linear_footnote_refs(md: MarkdownIt) -> None:
    """Put the front before the footnote plugin's `footnote_ref` rule (after `md.use(footnote_plugin)`)."""
    def footnote_ref(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not state.src.startswith("[^", start):
            return False
        stop = _stop(state, start + 2)
        if stop >= state.posMax or stop == start + 2 or state.src[stop] != "]":
            return False  # what the plugin's rule would find, without its scan
        refs = state.env.get("footnotes", {}).get("refs", {})
        if ":" + state.src[start + 2:stop] not in refs:
            return False  # no such footnote: the plugin would scan the label to find that
        return plugin_rule(state, silent)

    md.inline.ruler.at("footnote_ref", footnote_ref)


__all__ = ["linear_footnote_refs"]
