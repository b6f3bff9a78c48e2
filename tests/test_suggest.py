"""Did-you-mean suggestions: difflib's answers, from a bounded amount of work per query (no timing)."""

from __future__ import annotations

import difflib
import random
import sys
from pathlib import Path

import pytest

from papernotes.paths import fold
from papernotes.suggest import CANDIDATES, POOL, POSTINGS_BUDGET, Suggester

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_vault import plan_notes  # noqa: E402


def vault_names(notes: int) -> list[str]:
    """The names a Resolver indexes for a generated vault: note names, file names, aliases, images."""
    names = (x for note in plan_notes(notes, 1)
             for x in (note.name, note.name + ".md", note.alias, f"img-{note.index}.png"))
    return list(dict.fromkeys(fold(name) for name in names))


def typo(rng: random.Random, text: str) -> str:
    """One to three letters dropped, added or replaced, as typed links go wrong."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chars))
        roll = rng.random()
        if roll < 0.33 and len(chars) > 1:
            del chars[at]
        elif roll < 0.66:
            chars.insert(at, rng.choice("abcdefghijklmnopqrstuvwxyz "))
        else:
            chars[at] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def queries(names: list[str], count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    wanted = [typo(rng, rng.choice(names)) for _ in range(count)]
    return wanted + ["sparse attention", "latent diffusion models", "todo", "稀疏注意力", "扩散", "img-3", "x"]


@pytest.mark.parametrize("notes", [1, 5, 16, 500])
def test_collections_up_to_the_pool_size_get_exactly_difflibs_answer(notes):
    names = vault_names(notes)
    assert len(names) <= POOL
    suggester = Suggester(names)
    for query in queries(names, 100):
        assert suggester.closest(query, n=10) == difflib.get_close_matches(query, names, n=10, cutoff=0.6)


def test_large_collections_keep_difflibs_suggestions():
    """Over a 2,000-note vault (8,000 names, four times the pool) every suggestion passes
    difflib's cutoff and they come in difflib's order; the first is difflib's first for at least
    98 % of the typos, and the three shown are difflib's three for at least 95 %."""
    names = vault_names(2000)
    suggester = Suggester(names)
    wanted = queries(names, 150)
    first = shown = 0
    for query in wanted:
        ours = suggester.closest(query, n=10)
        reference = difflib.get_close_matches(query, names, n=10, cutoff=0.6)
        assert ours == difflib.get_close_matches(query, ours, n=10, cutoff=0.6)
        first += ours[:1] == reference[:1]
        shown += ours[:3] == reference[:3]
    assert first >= 0.98 * len(wanted) and shown >= 0.95 * len(wanted), (first, shown)


def test_work_per_query_is_bounded_whatever_the_vault_size():
    """Names compared, ratios computed and index entries read per query do not grow with the
    vault: this is what keeps did-you-mean linear in the number of broken links."""
    for notes in (400, 2000, 8000):
        names = vault_names(notes)
        suggester = Suggester(names)
        wanted = queries(names, 60, seed=notes)
        for query in wanted:
            suggester.closest(query)
        assert suggester.compared <= POOL * len(wanted)
        assert suggester.scored <= CANDIDATES * len(wanted)
        assert suggester.postings_read <= POSTINGS_BUDGET * len(wanted)


def test_a_repeated_query_is_answered_from_the_cache():
    suggester = Suggester(vault_names(200))
    first = suggester.closest("sparse atention")
    compared = suggester.compared
    assert suggester.closest("sparse atention") == first and suggester.compared == compared


def test_the_pool_is_full_in_a_large_vault():
    """In an 8,000-note vault (32,000 names) every typo is compared with exactly `POOL` names:
    the pool no longer grows with the vault (reading stops at `POSTINGS_BUDGET` entries, which
    a smaller vault's long names with many shared grams may reach first)."""
    names = vault_names(8000)
    suggester = Suggester(names)
    for query in queries(names, 20, seed=3)[:20]:
        before = suggester.compared
        suggester.closest(query)
        assert suggester.compared - before == POOL, query
