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


def test_the_grid_tables_wrap_between_words_not_inside_them(wh) -> None:
    """The report's tables break anywhere (``td, th { overflow-wrap: anywhere }``): 20
    columns of whole titles read 'Ge me ent e', 'ge en si gn aa l' at 1280 px. The grid
    tables keep words whole and scroll sideways in their ``.table-wrap``."""
    import re

    from stadstrends.publish.report.builder import css, env

    ctx = overview_context(wh, {}, "nl", "CR04")
    assert {f["table"]["kind"] for f in ctx["figures"]} == {"grid"}
    page = env().from_string('{% from "macros.html.j2" import data_table with context %}'
                             "{{ data_table(table, 'cap', False) }}")
    html = page.render(table=ctx["figures"][0]["table"], texts=ctx["texts"])
    assert '<div class="table-wrap">' in html and '<table class="grid">' in html
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", css()))
    grid = {k.strip(): v for k, v in rules.items() if "table.grid" in k}
    assert "overflow-wrap: normal" in grid["table.grid th, table.grid td"]
