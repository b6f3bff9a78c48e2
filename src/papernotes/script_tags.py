"""MkDocs' `script_tag` filter, each `<script>` tag made once for every URL it is written with.

Material writes every `extra_javascript` entry into every page through MkDocs' `script_tag`
filter (six scripts on papernotes' sites, 1,300 pages at 1,000 notes), and the filter builds the
tag with `Markup.format`, ~40 µs a call on this machine. The tag depends only on the script's
URL as seen from the page (MkDocs' `url_filter`, called here exactly as the filter calls it)
and on the script's `type`, `defer` and `async`: the memo computes the URL and reuses the tag
made for the same URL and attributes. Any other `script_tag` filter (another plugin's, a
hook's), and a script whose attributes are not plain values, is left to the filter itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.runtime import Context

FILTER = "script_tag"
MOST = 4096  # tags kept; a site whose pages all see the scripts at a different URL starts again


def is_mkdocs_script_tag(function: object) -> bool:
    return getattr(function, "__module__", None) == "mkdocs.utils.templates" and \
        getattr(function, "__name__", None) == "script_tag_filter"


def _attributes(script: object) -> tuple[object, ...] | None:
    """What the tag shows of a script besides its URL, or None when that is not a plain value."""
    if isinstance(script, str):
        return ()
    kind, defer, asynchronous = (getattr(script, name, None) for name in ("type", "defer", "async_"))
    if not (kind is None or type(kind) is str) or not all(type(flag) is bool for flag in (defer, asynchronous)):
        return None
    return (kind, defer, asynchronous)


@dataclass
class ScriptTags:
    """The memo in front of MkDocs' `script_tag_filter` (`make`)."""

    make: Callable[..., str] = field(repr=False)
    tags: dict[tuple[str, tuple[object, ...]], str] = field(default_factory=dict, repr=False)
    made: int = 0  # tags made by MkDocs' filter
    reused: int = 0  # ... and taken from the memo

    def tag(self, context: Context, script: object) -> str:
        attributes = _attributes(script)
        if attributes is None:
            return self.make(context, script)
        url_filter = self.make.__globals__["url_filter"]  # type: ignore[attr-defined]  # the one it calls
        key = (url_filter(context, str(script)), attributes)
        found = self.tags.get(key)
        if found is not None:
            self.reused += 1
            return found
        made = self.make(context, script)
        if len(self.tags) >= MOST:
            self.tags.clear()
        self.tags[key] = made
        self.made += 1
        return made


def install(env: jinja2.Environment) -> ScriptTags | None:
    """Put the memo in place of MkDocs' own `script_tag` filter; None when the filter is not MkDocs'."""
    make = env.filters.get(FILTER)
    if not is_mkdocs_script_tag(make):
        return None
    memo = ScriptTags(make)  # type: ignore[arg-type]

    @jinja2.pass_context
    def script_tag(context: Context, script: Any) -> str:
        return memo.tag(context, script)

    env.filters[FILTER] = script_tag
    return memo


__all__ = ["ScriptTags", "install", "is_mkdocs_script_tag"]
