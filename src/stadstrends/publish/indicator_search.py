"""Close indicators for a name the catalogue does not know, one rule for the command line
(`show`) and the web app (``/api/v1/series``, the pages): an id typed with a slip
('populaton') and a Dutch word a user types for a title ('bevolking': Bevolkingsgroei,
Bevolkingsdichtheid; before, difflib over the ids alone answered 'dwellings')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from stadstrends.closest import alike

#: a similarity (:func:`~stadstrends.closest.alike`, difflib's ratio) that counts as close
CUTOFF = 0.6
#: a title's word this close (``alike``) counts: short Dutch words share many letters
WORD_CUTOFF = 0.8
_WORD = re.compile(r"[^\W\d_]+")


def _score(query: str, indicator_id: str, titles: Iterable[str]) -> float:
    """How close ``query`` (lower case) is to an indicator: its id (``alike``), or a
    word of a title: the same word 1, a word that holds it 0.9 ('bevolking' in
    'bevolkingsgroei'), a word as close as :data:`WORD_CUTOFF` a little less than its ratio
    (a slip: 'werkloosheit')."""
    best = max(alike(query, indicator_id),
               _parts(query, indicator_id))
    for word in (w for title in titles for w in _WORD.findall(title.lower())):
        if word == query:
            return 1.0
        if len(query) >= 4 and query in word:
            best = max(best, 0.9)
        else:
            ratio = alike(query, word)
            if ratio >= WORD_CUTOFF:
                best = max(best, 0.95 * ratio)
    return best


def _parts(query: str, indicator_id: str) -> float:
    """An id of several parts typed with one part wrong ('gas_use_household'): each typed
    part's best ratio to a part of ``indicator_id``, one less close than
    :data:`WORD_CUTOFF` at half (short parts share many letters: 'house' and 'use'),
    averaged: gas_use_per_dwelling 0.75 (before, the whole id's ratio offered only
    'households', 0.67); 0 for a query of one part."""
    typed = [p for p in query.split("_") if p]
    if len(typed) < 2:
        return 0.0
    own = [p for p in indicator_id.split("_") if p]
    ratios = [max(alike(t, o) for o in own) for t in typed]
    return sum(r if r >= WORD_CUTOFF else r / 2 for r in ratios) / len(ratios)


def close_indicators(query: str, catalogue: Iterable[tuple[str, Iterable[str]]],
                     n: int = 5) -> list[str]:
    """Up to ``n`` indicator ids close to ``query``, closest first (ties: catalogue order);
    ``catalogue``: (indicator_id, its titles in every language) pairs. Empty when none is
    as close as :data:`CUTOFF`."""
    q = (query or "").strip().lower()
    if not q:
        return []
    scored = [(_score(q, ind, titles), i, ind) for i, (ind, titles) in enumerate(catalogue)]
    return [ind for s, _, ind in sorted(scored, key=lambda x: (-x[0], x[1])) if s >= CUTOFF][:n]
