"""Link resolution pinned exactly (where a link lands, every field of every diagnostic), for the
paths mutation testing showed were loose: absolute and dotted paths, deep suffixes, same-folder
preference, nested heading fragments, and the wording of each problem."""

from __future__ import annotations

import pytest

from papernotes.loader import load_note
from papernotes.model import Link, NoteKey
from papernotes.resolve import Resolver
from tests.test_resolve import ATTACHMENTS, VAULT, wikilink

OUTSIDE_HINT = "link only to files inside the notes folder"
LATTE = "Diffusion/Video Diffusion/Latte.md"


def _resolver() -> Resolver:
    """A fresh resolver: ambiguity is reported once per resolver, so each case gets its own."""
    notes = [load_note(key, text.encode())[0] for key, text in VAULT.items()]
    return Resolver([note for note in notes if note], ATTACHMENTS)


@pytest.mark.parametrize(("source", "link", "landing"), [
    ("Home.md", wikilink("/Kaiming/MAE"), ("Kaiming/MAE.md", "", True)),  # from the vault's root
    ("Home.md", wikilink("Kaiming/MAE/"), ("Kaiming/MAE.md", "", True)),
    ("Home.md", wikilink("x/../Kaiming/MAE"), ("Kaiming/MAE.md", "", True)),
    ("Home.md", wikilink("Notes/Deep/MAE"), ("Archive/Notes/Deep/MAE.md", "", True)),  # a suffix of the path
    ("Home.md", wikilink("video diffusion/latte"), (LATTE, "", True)),
    ("Home.md", wikilink("Diffusion/Video Diffusion/Latte.md"), (LATTE, "", True)),
    ("Kaiming/x.md", wikilink("MAE"), ("Kaiming/MAE.md", "", True)),  # the same folder first, not A-Z
    ("Home.md", wikilink("Archive/MAE"), ("Archive/MAE.md", "", True)),
    ("Home.md", wikilink("Latte", "Latte#Method: 时空注意力?"), (LATTE, "method-时空注意力", True)),  # H1#H2
    ("Home.md", wikilink("Survey/docs/x y.png", kind="embed"), ("Survey/docs/x y.png", "", False)),
])
def test_where_links_land_without_problems(source: str, link: Link, landing: tuple[str, str, bool]) -> None:
    resolved, problems = _resolver().resolve(link, NoteKey(source))
    assert resolved is not None and (resolved.key, resolved.anchor, resolved.is_note) == landing
    assert problems == []


@pytest.mark.parametrize(("source", "link", "landing", "problem"), [
    ("Home.md", wikilink(".."), None,
     ("link-outside-vault", "[[..]] points outside the vault; it is not published", OUTSIDE_HINT)),
    ("Home.md", wikilink("../x"), None,
     ("link-outside-vault", "[[../x]] points outside the vault; it is not published", OUTSIDE_HINT)),
    # relative to the linking note's folder: Survey/../../x.md is outside
    ("Survey/survey.md", Link("markdown", "../../x.md", "", "x", 3, "../../x.md"), None,
     ("link-outside-vault", "../../x.md points outside the vault; it is not published", OUTSIDE_HINT)),
    ("Home.md", wikilink("MAE"), "Archive/MAE.md",
     ("ambiguous-link", "[[MAE]] matches 3 files: Archive/MAE.md, Kaiming/MAE.md, Archive/Notes/Deep/MAE.md; "
      "it links to Archive/MAE.md", "write the folder in the link, e.g. [[Archive/MAE]]")),
    ("Home.md", wikilink("Kaiming/MAE", "Methd"), "Kaiming/MAE.md",
     ("missing-heading", "[[Kaiming/MAE#Methd]]: Kaiming/MAE.md has no heading 'Methd'", "did you mean #Method?")),
    ("Home.md", wikilink("Latte", "^nope"), LATTE,
     ("missing-block", f"[[Latte#^nope]]: {LATTE} has no block '^nope'",
      f"check the block in {LATTE}; the link goes to the top of the note")),
    ("Home.md", wikilink("", "Nope"), "Home.md",
     ("missing-heading", "[[#Nope]]: Home.md has no heading 'Nope'",
      "check the heading in Home.md; the link goes to the top of the note")),
    ("Home.md", wikilink("", "^b"), "Home.md",
     ("missing-block", "[[#^b]]: Home.md has no block '^b'",
      "check the block in Home.md; the link goes to the top of the note")),
    ("Home.md", wikilink("Latt"), None,
     ("broken-link", "[[Latt]] matches no file in the vault", "did you mean [[Latte]], [[latte.pdf]]?")),
    ("Home.md", wikilink("ffusion/Latte"), None,  # not a whole folder name: no match, but a suggestion
     ("broken-link", "[[ffusion/Latte]] matches no file in the vault", "did you mean [[Latte]], [[latte.pdf]]?")),
    ("Home.md", wikilink("attachments/fig"), None,
     ("broken-link", "[[attachments/fig]] matches no file in the vault", "did you mean [[fig.png]]?")),
    ("Home.md", wikilink("daily.2023.12"), None,
     ("broken-link", "[[daily.2023.12]] matches no file in the vault", "did you mean [[daily.2023.12.07]]?")),
    ("Home.md", wikilink("Zzzzqqq"), None,
     ("broken-link", "[[Zzzzqqq]] matches no file in the vault", "create the note or fix the link")),
])
def test_problems_exactly(source: str, link: Link, landing: str | None, problem: tuple[str, str, str]) -> None:
    resolved, problems = _resolver().resolve(link, NoteKey(source))
    assert (resolved.key if resolved else None) == landing
    found = [(p.path, p.line, p.level, p.code, p.message, p.hint) for p in problems]
    assert found == [(source, 3, "warning", *problem)]


def test_a_path_in_the_link_is_never_ambiguous() -> None:
    resolver = _resolver()
    assert resolver.resolve(wikilink("Archive/MAE"), NoteKey("Home.md"))[1] == []
    assert [p.code for p in resolver.resolve(wikilink("MAE"), NoteKey("Home.md"))[1]] == ["ambiguous-link"]
