"""Did-you-mean suggestions: difflib's ranking, over a bounded set of candidates per query.

`difflib.get_close_matches` compares a query with every name it is given. Once per broken link
over every name of a vault, that grows with (broken links × notes): 88 s of a 5,000-note build.
A `Suggester` indexes its names once by character bigrams and trigrams (grams); a query reads at
most `POSTINGS_BUDGET` index entries (its rarest grams first), keeps the `CANDIDATES` names
sharing the most grams with it (for their length), and ranks those as difflib does (ratio, then
name). Collections of up to `CANDIDATES` names (a note's headings, small vaults) get exactly
difflib's answer; in larger ones the first suggestion was difflib's for every typo tested
(tests/test_suggest.py), while the second and third can differ where many names are about
equally close.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

CUTOFF = 0.6  # difflib's default: below it a name is not offered
CANDIDATES = 64  # names scored with difflib per query, at most
POSTINGS_BUDGET = 4096  # gram index entries read per query, at most (one list may be cut to it)


def close_matches(query: str, names: Sequence[str], n: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """The `n` names most like `query`, best first, for a collection small enough to scan."""
    return difflib.get_close_matches(query, names, n=n, cutoff=cutoff)


def _grams(text: str) -> set[str]:
    padded = f"\x02{text}\x03"
    return {padded[i:i + 3] for i in range(len(padded) - 2)} | {padded[i:i + 2] for i in range(len(padded) - 1)}


class Suggester:
    """Names indexed once; each query then costs a bounded amount of work, whatever their number.

    `scored` and `postings_read` count the work done so far, so tests can prove the bound
    without timing anything.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(dict.fromkeys(names))
        self._postings: dict[str, list[int]] = defaultdict(list)
        if len(self._names) > CANDIDATES:
            for number, name in enumerate(self._names):
                for gram in _grams(name):
                    self._postings[gram].append(number)
        self._cache: dict[tuple[str, int, float], list[str]] = {}
        self.scored = 0
        self.postings_read = 0

    def closest(self, query: str, n: int = 3, cutoff: float = CUTOFF) -> list[str]:
        """Up to `n` names like `query`, best first, as `difflib.get_close_matches` orders them."""
        key = (query, n, cutoff)
        found = self._cache.get(key)
        if found is None:
            candidates = self._names if len(self._names) <= CANDIDATES else self._candidates(query)
            self.scored += len(candidates)
            found = self._cache[key] = close_matches(query, candidates, n, cutoff)
        return list(found)

    def _candidates(self, query: str) -> list[str]:
        """The names sharing the most grams with `query`, read rarest gram first."""
        lists = sorted((self._postings[gram] for gram in _grams(query) if gram in self._postings), key=len)
        shared: Counter[int] = Counter()
        read = 0
        for postings in lists:
            if read and read + len(postings) > POSTINGS_BUDGET:
                break  # the rest are longer still: common grams, which say little
            postings = postings[:POSTINGS_BUDGET]
            shared.update(postings)
            read += len(postings)
        self.postings_read += read
        # Dice's coefficient on grams: a name's own length counts, as it does in difflib's ratio.
        size = len(query) + 2
        best = heapq.nsmallest(CANDIDATES, shared.items(),
                               key=lambda item: (-item[1] / (size + len(self._names[item[0]])), item[0]))
        return [self._names[number] for number, _ in best]
