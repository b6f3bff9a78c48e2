"""Did-you-mean suggestions: difflib's answers, from a bounded amount of work per query.

`difflib.get_close_matches` compares a query with every name it is given, in Python. Once per
broken link over every name of a vault, that grows with (broken links × notes): 88 s of a
5,000-note build. A `Suggester` instead

1. takes a pool of `POOL` names: all of them in a small vault, else the names sharing the
   query's rarest character bigrams or trigrams (grams), rarest first, from an index built once,
   reading at most `POSTINGS_BUDGET` index entries. In a large vault the pool is full
   whatever its size (it once stopped after `POOL` entries read, so it grew with the vault:
   the work per query did too);
2. scores the pool with rapidfuzz's Indel ratio (2 × longest common subsequence / lengths, in C),
   which is never below difflib's ratio (difflib's matching blocks are a common subsequence);
3. computes difflib's own ratio in the order of those upper bounds, at most `CANDIDATES` times,
   stopping once no bound left can beat the n-th best, and ranks as difflib does (ratio, then name).

So every suggestion is one difflib would make, in difflib's order; where the pool holds every
name (up to `POOL` names) and the cap is not reached, the answer is exactly difflib's. Beyond,
a name sharing no rare gram with the query may be missed: on 2,000-note generated vaults the
first suggestion was difflib's for all 157 queries tested, the three shown for 155
(tests/test_suggest.py keeps count).
"""

from __future__ import annotations

import difflib
import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter

from rapidfuzz import fuzz, process

CUTOFF = 0.6  # difflib's default: below it a name is not offered
POOL = 2048  # names compared with rapidfuzz per query, at most
CANDIDATES = 256  # names scored with difflib per query, at most
POSTINGS_BUDGET = 4 * POOL  # gram index entries read per query, at most (the last list may be cut)
_EPSILON = 1e-9  # rapidfuzz scores are floats in percent: never let rounding drop a name


def close_matches(query: str, names: Sequence[str], n: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """The `n` names most like `query`, best first, for a collection small enough to scan."""
    return difflib.get_close_matches(query, names, n=n, cutoff=cutoff)


def _grams(text: str) -> set[str]:
    padded = f"\x02{text}\x03"
    return {padded[i:i + 3] for i in range(len(padded) - 2)} | {padded[i:i + 2] for i in range(len(padded) - 1)}


class Suggester:
    """Names indexed once; each query then costs a bounded amount of work, whatever their number.

    `compared`, `scored` and `postings_read` count the work done so far (rapidfuzz comparisons,
    difflib ratios, index entries), so tests can prove the bound without timing anything.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(dict.fromkeys(names))
        self._postings: dict[str, list[int]] = defaultdict(list)
        if len(self._names) > POOL:
            for number, name in enumerate(self._names):
                for gram in _grams(name):
                    self._postings[gram].append(number)
        self._cache: dict[tuple[str, int, float], list[str]] = {}
        self.compared = self.scored = self.postings_read = 0

    def closest(self, query: str, n: int = 3, cutoff: float = CUTOFF) -> list[str]:
        """Up to `n` names like `query`, best first, as `difflib.get_close_matches` orders them."""
        key = (query, n, cutoff)
        found = self._cache.get(key)
        if found is None:
            pool = self._names if len(self._names) <= POOL else self._pool(query)
            found = self._cache[key] = self._rank(query, pool, n, cutoff)
        return list(found)

    def _rank(self, query: str, pool: Sequence[str], n: int, cutoff: float) -> list[str]:
        self.compared += len(pool)
        bounds = process.extract(query, pool, scorer=fuzz.ratio, processor=None, limit=None,
                                 score_cutoff=cutoff * 100 - _EPSILON)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(query)
        best: list[tuple[float, str]] = []  # a heap of the n best (ratio, name), worst first
        for name, bound, _ in bounds[:CANDIDATES]:
            if len(best) == n and bound / 100 + _EPSILON < best[0][0]:
                break  # sorted by bound: nothing left can enter the n best
            matcher.set_seq1(name)
            self.scored += 1
            ratio = matcher.ratio()
            if ratio >= cutoff:
                if len(best) < n:
                    heapq.heappush(best, (ratio, name))
                elif (ratio, name) > best[0]:
                    heapq.heapreplace(best, (ratio, name))
        return [name for _, name in sorted(best, reverse=True)]

    def _pool(self, query: str) -> list[str]:
        """`POOL` names, those sharing the query's rarest grams first: rare grams are what tell
        names apart. Reading stops when the pool is full or `POSTINGS_BUDGET` entries are read,
        so a query costs about the same in a vault of 8,000 names as in one of 80,000."""
        lists = sorted((len(self._postings[gram]), gram) for gram in _grams(query) if gram in self._postings)
        chosen: set[int] = set()
        read = 0
        for _, gram in lists:
            if len(chosen) >= POOL or read >= POSTINGS_BUDGET:
                break
            postings = self._postings[gram][:POSTINGS_BUDGET - read]
            read += len(postings)
            if len(chosen) + len(postings) <= POOL:
                chosen.update(postings)
            else:  # the last list read: its first names that are not in yet, as many as fit
                chosen.update([number for number in postings if number not in chosen][:POOL - len(chosen)])
        self.postings_read += read
        numbers = sorted(chosen)
        if len(numbers) < 2:
            return [self._names[number] for number in numbers]
        return list(itemgetter(*numbers)(self._names))  # in C: the pool is most of a query's cost
