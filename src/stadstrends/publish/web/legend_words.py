"""The note under a map's legend (:func:`~stadstrends.publish.web.specs.classes`), true to
the classes drawn: 'Elke klasse bevat ongeveer evenveel gemeenten (kwintielen).' only for
five classes of about equal size over enough figures. Before, Groningen's wijk map (one
wijk drawn) and 63 others (two to five wijken, or classes merged where wijken share a
rounded figure) said 'kwintielen' of fewer than five classes, one wijk each."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.web.i18n import texts

#: the fewest figures five classes are called quintiles of: two in each class
QUINTILE_MIN = 10

#: the most a class may hold against the smallest for 'about as many in each class'
EVEN_RATIO = 2


def class_counts(legend: list[dict[str, Any]], shown: list[float]) -> list[int]:
    """How many of the figures ``shown`` (rounded as printed: the classes' ``lo`` and
    ``hi`` are of such values) fall in each class of ``legend``."""
    los = [c["lo"] for c in legend]
    return [sum(1 for v in shown if lo <= v and (i + 1 == len(los) or v < los[i + 1]))
            for i, lo in enumerate(los)]


def classes_note(legend: list[dict[str, Any]], shown: list[float], lang: str,
                 kind: str = "legend") -> str:
    """The legend's note (``kind``: 'legend' for municipalities, 'wijken' for a city's
    drawn wijken; the language file's ``<kind>_classes`` and its variants): quintiles for
    five classes of about equal size (:func:`even`) over at least :data:`QUINTILE_MIN`
    figures; one figure: no classes; as many classes as figures: each its own; else how
    many figures in how many classes, and whether they are about equal in size ('7
    getekende wijken in 5 klassen van laag naar hoog, met ongeveer evenveel wijken per
    klasse'). ``shown``: the figures as rounded for the classes."""
    t, n, k = texts(lang), len(shown), len(legend)
    counts = class_counts(legend, shown)
    if k == 5 and n >= QUINTILE_MIN and even(counts):
        return t[f"{kind}_classes"]
    if n <= 1:
        return t[f"{kind}_classes_one"]
    if k == n:
        return t[f"{kind}_classes_each"].format(n=n)
    return t[f"{kind}_classes_{'even' if even(counts) else 'uneven'}"].format(n=n, k=k)


def even(counts: list[int]) -> bool:
    """Whether classes of these sizes hold about as many each: all alike, or the smallest
    at least 2 and the largest at most :data:`EVEN_RATIO` times it (15 wijken 3, 3, 2, 3, 4:
    yes; Enschede's ten drawn wijken 2, 2, 1, 2, 3 and 1 against 2: no)."""
    if not counts:
        return False
    return min(counts) == max(counts) or (
        min(counts) >= 2 and max(counts) <= EVEN_RATIO * min(counts))
