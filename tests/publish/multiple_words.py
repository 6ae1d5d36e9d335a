"""What a multiple in words claims ('ruim 72 keer zo hoog': above 72, below 72,5), read
with the language files' words, for the sentence checks (tests/publish/test_sentences.py)."""

from __future__ import annotations

import re

from stadstrends.publish.sentence_words import WORDS


def _number(text: str, lang: str) -> float:
    group = "." if lang == "nl" else ","
    return float(text.replace(group, "").replace(",", "."))


def multiple_claim(shown: str, lang: str) -> tuple[str, float]:
    """(claim, n) of a multiple in words: ('=', 72) for '72 keer zo hoog', ('>', 72) for
    'ruim 72 keer zo hoog', ('<', 73) for 'bijna 73 keer zo hoog' (the language file's
    ``words.multiple``, ``_over``, ``_under``); fails on other words."""
    for key, claim in (("multiple", "="), ("multiple_over", ">"), ("multiple_under", "<")):
        before, after = WORDS[lang][key].split("{n}")
        found = re.fullmatch(re.escape(before) + r"(\d[\d.,]*)" + re.escape(after), shown)
        if found:
            return claim, _number(found.group(1), lang)
    raise AssertionError(f"not a multiple in words: {shown!r}")


def multiple_holds(times: float, claim: str, n: float) -> bool:
    """Whether the multiple ``times`` is what its words (:func:`multiple_claim`) say: 'n
    keer' rounds to n at a tenth; 'ruim n keer' is above n and nearer n than n + 1 (below
    n + ½); 'bijna n keer' is below n, from n − ½ (to its tenth: n − 0,55)."""
    if claim == "=":
        return abs(times - n) <= 0.05 + 1e-9
    if claim == ">":
        return n < times < n + 0.5
    return n - 0.55 - 1e-9 <= times < n
