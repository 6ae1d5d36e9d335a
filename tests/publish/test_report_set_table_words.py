"""The set overview's tables under its heatmaps print each indicator's whole title (the
chart's axis cuts them at 34 characters: 'Bijstandsuitkeringen per 1 000 in…'), and its text
alternative counts the members as 'gemeenten', not 'steden': COROP-gebied Noord-Friesland
(CR04) has Vlieland and Schiermonnikoog. Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.overview import overview_context


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_grid_tables_print_whole_titles_and_count_municipalities(wh, lang: str) -> None:
    ctx = overview_context(wh, {}, lang, "CR04")
    titles = {r[0] for r in wh.execute(
        f"SELECT title_{lang} FROM indicators WHERE key_indicator AND NOT projection "
        "AND method <> 'count'").fetchall()}  # overview.key_indicators
    long = [x for x in titles if len(x) > 34]
    assert long  # the axis cuts these
    names = {m["name"] for m in ctx["members"]["rows"]}
    assert {"Vlieland", "Schiermonnikoog"} <= names
    for fig in ctx["figures"]:
        headers = fig["table"]["columns"][1:]
        assert not any("…" in h for h in headers), headers
        assert set(long) <= set(headers), sorted(set(long) - set(headers))
        alt = fig["alt"]
        word = "gemeenten" if lang == "nl" else "municipalities"
        assert f" {len(names)} {word} " in alt, alt
        assert ("steden" if lang == "nl" else "cities") not in alt, alt
