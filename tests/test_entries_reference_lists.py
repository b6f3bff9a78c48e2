"""References listed under a references heading, in the forms people copy or type (written here)."""

from __future__ import annotations

from papernotes.entries import EntryContext, recognise_entries, reference_lists
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

CONTEXT = EntryContext(NoteKey("phd/lattice_reduction.md"), 1, NoteMeta())
TEXT = """# Lattice reduction: a survey of papers

## Method

- **Trend**: slopes are fitted, used as the "rising" score in Fig. 3 of 2025.

## References

1. Okafor, Chidi A., et al. "Gaussian-lattice factor analysis of population activity." Lattice systems 21 (2008).
2. Tran et al. Feedforward and feedback lattices between cortical areas use different patterns.
3. Obi et al. 2021 - Representational geometry of lattice decisions in the parietal cortex.
4. Lin, M., & Obi, A. (2019). Lattices in the wild. Journal of Lattices.
5. Tran et al. Good.
6. See the lattice toolbox for code.
"""


def test_references_in_the_forms_people_copy_or_type() -> None:
    papers = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    assert [(p.title, p.sources[0].line, p.sources[0].kind, p.year, p.authors) for p in papers] == [
        ("Gaussian-lattice factor analysis of population activity", 9, reference_lists.CONVENTION,
         2008, ("Chidi A Okafor",)),  # MLA names its first author family name first
        ("Feedforward and feedback lattices between cortical areas use different patterns", 10,
         reference_lists.CONVENTION, None, ("Tran",)),
        ("Representational geometry of lattice decisions in the parietal cortex", 11, reference_lists.CONVENTION,
         2021, ("Obi",)),
    ]  # an APA reference names no title; a two-word title, a comment and the survey's own method are not papers
