"""The Markdown extensions a papernotes site needs, added to a config that lacks them.

`plugins: [papernotes]` alone must give a working site: callouts become admonitions, tasks need
checkboxes, image sizes need `attr_list`, math needs arithmatex, and heading anchors must be
the Unicode slugs that `paths.heading_anchor` computes, or links to CJK headings break.
"""

from __future__ import annotations

from typing import Any

from pymdownx.emoji import to_alt
from pymdownx.slugs import slugify

from papernotes.emoji import gemoji


def required_extensions(*, math: bool) -> dict[str, dict[str, Any]]:
    """Extension name -> the options papernotes relies on."""
    needed: dict[str, dict[str, Any]] = {
        "tables": {},
        "attr_list": {},
        "md_in_html": {},
        "admonition": {},
        "pymdownx.details": {},
        "pymdownx.superfences": {},
        "pymdownx.mark": {},
        "pymdownx.tasklist": {"custom_checkbox": True},
        # Shortcodes as Unicode characters: emoji images would come from a CDN.
        "pymdownx.emoji": {"emoji_index": gemoji, "emoji_generator": to_alt},
    }
    if math:
        needed["pymdownx.arithmatex"] = {"generic": True}
    return needed


def complete_extensions(extensions: list[str], configs: dict[str, dict[str, Any]], *, math: bool) -> list[str]:
    """Add what is missing to MkDocs' `markdown_extensions` / `mdx_configs`, in place; the
    user's own settings are kept. Returns the names added."""
    added = []
    for name, options in required_extensions(math=math).items():
        if name not in extensions:
            extensions.append(name)
            configs[name] = dict(options)
            added.append(name)
    if "toc" not in extensions:
        extensions.append("toc")
    toc = configs.setdefault("toc", {})
    toc.setdefault("permalink", True)
    if "slugify" not in toc:
        toc["slugify"] = slugify(case="lower")
        added.append("toc (Unicode slugs)")
    return added
