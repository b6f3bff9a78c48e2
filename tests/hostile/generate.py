"""Structurally hostile vaults: each case a small dict of files whose size grows with `n`, built
to find what is quadratic, exponential or crashing in papernotes (tests/test_hostile.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Files = dict[str, str]

YAML_VALUES: dict[str, str] = {
    "int": "2023",
    "negative": "-7",
    "huge int": "123456789012345678901234567890",
    "float": "1.5",
    "infinity": ".inf",
    "nan": ".nan",
    "true": "true",
    "false": "false",
    "yes": "yes",
    "null": "null",
    "empty": "''",
    "blank": "",
    "date": "2023-01-02",
    "datetime": "2023-01-02 10:20:30",
    "string": "Flow Matching",
    "html": "'<script>alert(1)</script>\"><img src=x onerror=alert(1)>'",
    "path": "../../etc/passwd",
    "absolute path": "/etc/passwd",
    "list": "[Flow Matching, 流匹配]",
    "empty list": "[]",
    "nested list": "[[a, b], [c, [d]]]",
    "list of mappings": "[{a: 1}, {b: [2]}]",
    "mapping": "{en: Flow Matching, zh: 流匹配}",
    "empty mapping": "{}",
    "nested mapping": "{a: {b: {c: [1, 2]}}}",
    "binary": "!!binary aGVsbG8=",
    "set": "!!set {a, b}",
    "omap": "!!omap [a: 1, b: 2]",
    "multiline": "|\n  line one\n  line two",
    "long": "x" * 5000,
}
"""Every kind of YAML value, as written after `key: `."""

KNOWN_KEYS = (
    # what papernotes reads (frontmatter.py)
    "title", "year", "date", "venue", "tags", "tag", "authors", "author", "aliases", "alias",
    "links", "url", "paper", "code", "project", "pdf", "arxiv", "doi", "status", "publish",
    "dg-publish", "draft", "dg-home", "home", "id", "desc", "description", "created", "updated",
    # what MkDocs and Material read from page.meta
    "template", "hide", "icon", "subtitle", "location", "revision_date",
)


def every_yaml_type_in_every_key() -> Files:
    """One note per (key, YAML value): `k03/v12.md`, each linked from the home note."""
    files: Files = {}
    for k, key in enumerate(KNOWN_KEYS):
        for v, value in enumerate(YAML_VALUES.values()):
            files[f"k{k:02d}/v{v:02d}.md"] = f"---\n{key}: {value}\n---\n# Note {k} {v}\n\nBody.\n"
    files["index.md"] = "# Home\n\n" + "\n".join(f"- [[{name[:-3]}]]" for name in files) + "\n"
    files["Queries.md"] = queries_over_every_key()
    return files


def queries_over_every_key() -> str:
    """A Dataview query and a Bases view per known key that sort, group, compare and compute
    with whatever YAML type each note holds there."""
    blocks = []
    for k, key in enumerate(key.replace("-", "_") for key in KNOWN_KEYS):
        blocks.append(f"```dataview\nTABLE {key}, length({key}), lower({key}), {key} + 1 FROM \"k{k:02d}\" "
                      f"WHERE {key} > 3 SORT {key} DESC GROUP BY {key}\n```\n")
        blocks.append(f"```base\nfilters: file.inFolder(\"k{k:02d}\")\nformulas:\n  f: note.{key}.lower()\n"
                      f"views:\n  - type: table\n"
                      f"    order: [note.{key}, formula.f]\n    sort:\n      - property: note.{key}\n"
                      f"        direction: DESC\n    groupBy:\n      property: note.{key}\n```\n")
    return "# Queries\n\n" + "\n".join(blocks)


def embed_fan_out(n: int) -> Files:
    """Note i embeds note i+1's section twice: 2**n embeds if nothing stops it."""
    files = {f"n{i}.md": f"# Part\ntext {i}\n![[n{i + 1}#Part]]\n![[n{i + 1}#Part]]\n" for i in range(n)}
    files[f"n{n}.md"] = "# Part\nthe end\n"
    return files


def embed_dag(n: int) -> Files:
    """Every note embeds every earlier note's section (a dense DAG: n**2 / 2 embeds written)."""
    return {f"d{i}.md": f"# Part\nnote {i}\n" + "".join(f"![[d{j}#Part]]\n" for j in range(i))
            for i in range(n)}


def link_fan_in(n: int) -> Files:
    """One note linked from n others (with a heading, a block and an alias each)."""
    files = {f"from/{i}.md": f"# From {i}\nSee [[Hub]], [[Hub#Method]], [[Hub#^b1|the block]].\n"
             for i in range(n)}
    files["Hub.md"] = "---\naliases: [Centre]\n---\n# Hub\n## Method\ntext ^b1\n"
    return files


def link_fan_out(n: int) -> Files:
    """One note with n links (to a note, its heading, its block, with an alias) to n / 40 notes."""
    targets = max(n // 40, 1)
    files = {f"t/{i}.md": f"# Target {i}\n## Method\ntext ^b{i}\n" for i in range(targets)}
    forms = ("[[{i}]]", "[[t/{i}#Method]]", "[[{i}#^b{i}|block]]", "[[{i}|alias]]", "[text](t/{i}.md)")
    files["Hub.md"] = "# Hub\n" + "".join(f"- {forms[k % len(forms)].format(i=k % targets)}\n" for k in range(n))
    return files


def link_fan_out_missing(n: int) -> Files:
    """One note with n links, half to notes that do not exist (each gets did-you-mean suggestions)."""
    files = {f"t/{i}.md": f"# Target {i}\n" for i in range(0, n, 2)}
    files["Hub.md"] = "# Hub\n" + "".join(f"- [[{i}]]\n" for i in range(n))
    return files


def many_headings(n: int) -> Files:
    """n headings (many with the same text, so ids get numbered) and links to them."""
    body = "".join(f"## Heading {i % 50}\ntext {i}\n" for i in range(n))
    return {"Headings.md": "# Top\n" + body, "Links.md": "[[Headings#Heading 7]] ![[Headings#Heading 49]]\n"}


def big_table(rows: int) -> Files:
    """A summary table of papers, `rows` long."""
    head = "| Paper | Year | Venue | Notes |\n| --- | --- | --- | --- |\n"
    body = "".join(f"| Paper number {i} | {2000 + i % 25} | CVPR | [[x{i % 7}]] #tag{i % 9} |\n"
                   for i in range(rows))
    return {"Table.md": "# Survey\n\n" + head + body}


def long_lines(chars: int) -> Files:
    """Lines of `chars` characters of what regular expressions are slow on."""
    pieces = {
        "spaces": " " * chars + "x",
        "brackets": "[[" * (chars // 2),
        "embeds": "![[" * (chars // 3),
        "stars": "*" * chars,
        "underscores": "_a" * (chars // 2),
        "hashes": "#" * chars,
        "tags": "#a" * (chars // 2),
        "backticks": "`" * chars,
        "dollars": "$" * chars,
        "pipes": "|" * chars,
        "equals": "=" * chars,
        "percent": "%" * chars,
        "html": "<a " * (chars // 3),
        "urls": "https://" * (chars // 8),
        "digits": "1" * chars,
        "dashes": "-" * chars,
        "cjk": "扩散，" * (chars // 3),
        "bold": "**x" * (chars // 3),
        "links": "[a](" * (chars // 4),
        "colons": "key:: " * (chars // 6),
        "dates": "2023-01-0" * (chars // 9),
        "arxiv": "arXiv:2401." * (chars // 11),
        "authors": "A, " * (chars // 3),
        "comments": "%%" * (chars // 2),
        "callout": "> [!" * (chars // 4),
        "math": "$a" * (chars // 2),
        "url-parens": "https://a.org/" + ")" * chars,
        "url-dots": "https://a.org/" + ".)" * (chars // 2),
        "code-percent": "`%%` " * (chars // 5),
        "ids": "^a " * (chars // 3),
        "emoji": ":a" * (chars // 2),
        "marks": "==a" * (chars // 3),
    }
    return {f"long/{name}.md": f"# {name}\n{text}\n\n- {text}\n\n| a | b |\n| - | - |\n| {text} | x |\n"
            for name, text in pieces.items()}


def colliding_names() -> Files:
    """Notes whose pages would land on MkDocs', Material's, papernotes' or each other's outputs."""
    names = ["sitemap.xml.md", "sitemap.xml.gz.md", "404.md", "404.html.md", "assets.md", "assets/x.md",
             "search.md", "search/index.md", "papers.md", "topics/index.md", "queues.md", "timeline.md",
             "notes.md", "_papernotes.md", "_papernotes/papernotes.css.md", "pagefind.md",
             "pagefind/pagefind-ui.js.md", "a.md", "a/index.md", "A.md", "a.markdown", "B.md", "b.md",
             "index.md", "README.md", "c.md", "c/index.md"]
    files = {name: f"# {name}\n\nSee [[a]] and [[B]].\n" for name in names}
    files["pic.png.md"] = "# Not a picture\n"
    files["Uses.md"] = "![[pic.png]] ![[a/index]]\n"
    return files


def collaboration(n: int) -> Files:
    """One paper by `n` authors (a physics collaboration's paper has 3,000), and one by two of them."""
    names = ", ".join(f"Author{i} Surname{i}" for i in range(n))
    return {"Collab.md": f"---\ntitle: A collaboration's paper\nyear: 2020\nvenue: PRL\nauthors: [{names}]\n---\n# C\n",
            "Pair.md": "---\ntitle: A paper of two\nyear: 2021\nvenue: PRL\n"
                       "authors: [Author0 Surname0, Author1 Surname1]\n---\n# P\n[[Collab]]\n"}


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[int], Files]
    size: int


CASES = (
    Case("embed fan-out", embed_fan_out, 30),
    Case("embed DAG", embed_dag, 60),
    Case("link fan-in", link_fan_in, 500),
    Case("link fan-out", link_fan_out, 10_000),
    Case("10,000 headings", many_headings, 10_000),
    Case("5,000-row table", big_table, 5_000),
    Case("long lines", long_lines, 3_000),
    Case("every YAML type in every key", lambda n: every_yaml_type_in_every_key(), 1),
    Case("names colliding with generated paths", lambda n: colliding_names(), 1),
    Case("a paper of 1,000 authors", collaboration, 1_000),
)
"""What tests/test_hostile.py builds; sizes chosen so that all of it takes about half a minute."""
