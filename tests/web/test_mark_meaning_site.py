"""The city page marks 'berekend uit afgerond aantal' by the report's rule, in the report's
form (real snapshot; h49e, tests/publish/test_mark_meaning.py for the report).

Vlieland's tile of crimes per 1 000 (39,8 in 2024: 50 crimes, rounded to fives, divided by
Stadstrends as CBS publishes no rate) said '(2024, voorlopig, berekend uit afgerond aantal)'
though its count is not coarse and the report did not mark it; now 'berekend door
Stadstrends'. A tile's change from a marked first figure said '(2016: berekend uit afgerond
aantal)' (Almere's and Enschede's tiles among the G40), the year bracket of every other mark
'(2024, voorlopig)'.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_words import WORDS


def _tiles(client, code: str, lang: str) -> dict:
    body = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
    return {x["indicator_id"]: x for d in body["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlielands_tiles_mark_the_coarse_claim_only_on_coarse_counts(client, wh, lang) -> None:
    coarse, zeros = coarse_years(wh, "GM0096"), rounded_zeros(wh, "GM0096")
    quotients = marked_years(wh, "GM0096", "recomputed")
    claim, own = WORDS[lang]["coarse_short"], WORDS[lang]["recomputed_short"]
    tiles = _tiles(client, "GM0096", lang)
    for i, x in tiles.items():
        y = x["year"]
        coarse_said = claim in x["marks"] or WORDS[lang]["recomputed_coarse_short"] in x["marks"]
        assert coarse_said == (y in coarse.get(i, ()) and y not in zeros.get(i, ())), \
            (i, x["marks"])
        said = any(w in x["marks"] for w in (own, WORDS[lang]["recomputed_coarse_short"],
                                             WORDS[lang]["recomputed_zero_short"]))  # h50l
        assert said == (y in quotients.get(i, ())), (i, x["marks"])
    crimes = tiles["crimes_per_1000"]
    assert crimes["year"] == 2024 and claim not in crimes["marks"] and own in crimes["marks"]
    joined = WORDS[lang]["recomputed_coarse_short"]
    assert sum(claim in x["marks"] or joined in x["marks"]
               for x in tiles.values()) >= 3  # youth care, thefts, jobs


@pytest.mark.parametrize("code", ["GM0034", "GM0153", "GM0096"])
def test_a_tiles_first_figure_is_marked_in_the_one_form(client, code) -> None:
    marked = 0
    for lang in ("nl", "en"):
        for i, x in _tiles(client, code, lang).items():
            change = x.get("change") or ""
            assert not re.search(r"\(\d{4}: ", change), (i, change)
            marked += bool(re.search(r"\(\d{4}, [^()]+\)", change))
    assert marked >= 1 or code == "GM0096", code
