"""A position on the settings' quarter cut (percentile exactly 25 or 75) reads the same in a
report's sentences, its overview grid and Kies richting: both cuts are inclusive
(``publish.positions.quarter``, ``analysis.signal_kies``), on real reports.

Before: Amersfoort's gas use per dwelling in 2023 (740 m³, the 11th-lowest of the G40's 41,
mid-rank percentile 25) read 'Daarmee zit Amersfoort onder de mediaan van de G40' under the
badge 'onderscheidende sterkte: gunstige positie in de groep', while Kies richting's Waarom
said 'hoort bij het gunstigste kwart'; the same for its social assistance benefits (20,9 per
1 000) and its households in the lowest 10% of incomes (8%)."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary
from stadstrends.publish.read import build_settings
from stadstrends.publish.report import builder
from stadstrends.publish.report.overview import QUARTER_KEYS, position_key
from tests.publish.loaded import kept_city

WHERE = ("where_bottom", "where_below", "where_above", "where_top")  # by quarter()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Amersfoort", "Leeuwarden"])
def test_a_kies_strength_or_task_is_in_the_quarter_its_sentences_name(wh, city: str,
                                                                      lang: str) -> None:
    """Every sentence that places a Kies richting quartile indicator in the group names the
    quarter Kies richting names (the highest quarter for a percentile >= 75, the lowest for
    <= 25), never a half."""
    data = kept_city(wh, city, None)
    ctx = builder.city_context(data, lang, None)
    sentences = builder.collect_sentences(ctx)
    words = {k: vocabulary.section(lang, "sentences")[k] for k in WHERE}
    checked, on_cut = 0, 0
    for row in data.kies:
        if not row["position"].endswith("_quartile"):
            continue
        want = words["where_top" if row["percentile"] >= 50 else "where_bottom"]
        on_cut += row["percentile"] in (25.0, 75.0)
        for s in sentences:
            if s is None or s.indicator_id != row["indicator_id"]:
                continue
            named = [w for w in words.values() if w in s.text]
            if named:
                assert named == [want], (row["indicator_id"], row["percentile"], s.text)
                checked += 1
    assert checked >= 5
    if city == "Amersfoort":
        # social assistance: percentile 25 (its lowest 10% incomes, 8% against a median of
        # 9% in whole per cents, is within the rounding of the median: no label); its gas
        # use, 740 m³ as Nijmegen's and Dordrecht's (places 30 to 32, percent ranks 27,5 to
        # 22,5, CBS's unit 10 m³), is on the lowest quarter's edge: no label either
        assert on_cut >= 1
        assert "gas_use_per_dwelling" not in {r["indicator_id"] for r in data.kies}
        gas = [s.text for s in sentences if s is not None
               and s.indicator_id == "gas_use_per_dwelling" and "740" in s.text]
        if lang == "nl":
            assert gas and all("op de grens van het laagste kwart van de G40" in x
                               for x in gas), gas


def test_every_kies_position_is_the_quarter_the_publish_cut_gives(wh) -> None:
    """Kies richting's SQL and the report's one Python cut agree on every labelled row of
    the warehouse (raw percentile: the highest quarter >= 75, the lowest <= 25)."""
    from stadstrends.publish.positions import quarter

    top, bottom = wh.execute("SELECT top_percentile, bottom_percentile FROM build_info"
                             ).fetchone()
    rows = wh.execute("""SELECT percentile, favourable_percentile, position
                         FROM kies_richting WHERE position LIKE '%quartile'""").fetchall()
    assert len(rows) > 1000
    edge = 0
    for pct, fav, position in rows:
        q = quarter(pct, top, bottom)
        favourable_end = 3 if pct == fav else 0
        assert q in (0, 3), (pct, position)
        assert (q == favourable_end) == (position == "favourable_quartile"), (pct, fav)
        edge += pct in (top, bottom)
    assert edge > 0  # the cut itself occurs on real data


def test_the_overview_grid_puts_a_percentile_on_the_cut_in_its_quarter(wh) -> None:
    """The overview's grid uses the same cut: percentile 25 is the lowest quarter ('q1'),
    75 the highest ('q4')."""
    settings = build_settings(wh)
    assert position_key(25.0, 41, settings) == QUARTER_KEYS[0]
    assert position_key(75.0, 41, settings) == QUARTER_KEYS[3]
    assert position_key(25.5, 41, settings) == QUARTER_KEYS[1]


@pytest.mark.parametrize(("lang", "edge", "inside"), [
    ("nl", "op de grens van het hoogste kwart van de G40", "in het hoogste kwart"),
    ("en", "on the edge of the top quarter of the G40", "in the top quarter")])
def test_a_figure_shared_across_a_quarters_cut_is_on_its_edge(wh, lang, edge, inside) -> None:
    """Almere's unemployment in 2024, 4,2% with Arnhem, Heerlen and Schiedam at places 9 to
    12 of the G40's 41 (mid-rank percentile 76,25), read 'Daarmee zit Almere in het hoogste
    kwart van de G40' and was an urgent task; the four could be in any order, so it is on the
    quarter's edge, and Kies richting has no label for it (analysis/test_kies_ties.py)."""
    data = kept_city(wh, "Almere", None)
    assert "unemployment_rate" not in {r["indicator_id"] for r in data.kies}
    sentences = builder.collect_sentences(builder.city_context(data, lang, None))
    said = [s.text for s in sentences if s is not None
            and s.indicator_id == "unemployment_rate" and edge in s.text]
    assert said, "no sentence puts Almere's unemployment on the quarter's edge"
    assert all(inside not in x for x in said), said
    tied = vocabulary.section(lang, "sentences")["edge_tied"].format(
        value="4,2%" if lang == "nl" else "4.2%").lstrip("; ")
    assert all(tied in x for x in said), said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_grid_puts_a_figure_shared_across_a_cut_in_its_half(wh, lang) -> None:
    """The G40 grid coloured Almere's unemployment of 2024 (4,2%, places 9 to 12 of 41,
    mid-rank 76,25) 'hoogste kwart' while its report says 'op de grens van het hoogste
    kwart': it is 'boven mediaan', as the grid's caption now says; a figure alone at its
    place keeps its quarter."""
    from tests.publish.test_overview_near_median import _grid

    s = build_settings(wh)
    assert position_key(76.25, 41, s, edge=True) == QUARTER_KEYS[2]
    assert position_key(23.75, 41, s, edge=True) == QUARTER_KEYS[1]
    assert position_key(76.25, 41, s) == QUARTER_KEYS[3]
    words = vocabulary.section(lang, "report")
    grid = _grid(wh, lang)
    assert grid[("Almere", "unemployment_rate")] == words["q3"]
