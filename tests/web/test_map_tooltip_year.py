"""The maps' tooltips give the figure's year in its one bracket (real snapshot; h51d).

Before, the home page's and the indicator page's map said '0,5 per 1 000 woningen (berekend
uit afgerond aantal)' and '51,2 per 1 000 inwoners (voorlopig)': the unit, the marks, no year,
so a reader could not tell which year a municipality's colour shows (the map's year need not
be its own latest). Now '(2023, berekend uit afgerond aantal)', '(2024, voorlopig)', in the
one-bracket form of the tiles and the map's table caption."""

from __future__ import annotations

import pytest

from stadstrends.publish.sentence_words import WORDS


def _lookup(page: dict) -> dict[str, str]:
    """region code -> the ``shown`` the map's tooltip prints (its spec's lookup data)."""
    spec = page["map_spec"]
    tips = [t["field"] for layer in spec["layer"][:1] for t in layer["encoding"]["tooltip"]]
    assert "shown" in tips  # the tooltip prints this field
    values = spec["transform"][0]["from"]["data"]["values"]
    return {v["region_code"]: v["shown"] for v in values}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", ["/?indicator=thefts_per_1000&year=2024",
                                  "/indicator/thefts_per_1000?year=2024",
                                  "/indicator/demolition_per_1000_dwellings?year=2023"])
def test_each_tooltip_says_its_year_in_one_bracket(client, wh, path, lang) -> None:
    page = client.get(f"{path}&lang={lang}&format=json").json()
    year = page["year"]
    shown = _lookup(page)
    values = page["map_values"]
    assert len(values) >= 300 and len(shown) == len(values)
    provisional = {c for (c,) in wh.execute(
        "SELECT region_code FROM indicator_values WHERE indicator_id = ? AND year = ? "
        "AND provisional", [page["indicator"]["indicator_id"], year]).fetchall()}
    prov = WORDS[lang]["provisional"]
    for v in values:
        note = v["note"]  # the marks of the map's table: '(voorlopig, ...)' or ''
        tail = f"({year}, {note[1:]}" if note else f"({year})"
        assert shown[v["region_code"]].endswith(" " + tail), (v, shown[v["region_code"]])
        assert shown[v["region_code"]].count("(") == 1  # one bracket
        assert (f"({year}, {prov}" in shown[v["region_code"]]) is \
            (v["region_code"] in provisional)
    if "thefts" in path:  # every figure of 2024 is provisional; Vlieland's is computed too
        assert provisional >= {v["region_code"] for v in values}
        assert shown["GM0096"].endswith(
            f"({year}, {prov}, {WORDS[lang]['recomputed_coarse_short']})")
    else:  # 2023's figures are final; Soest's rests on a coarsely rounded count
        assert not provisional
        assert shown["GM0342"].endswith(f"(2023, {WORDS[lang]['coarse_short']})")
