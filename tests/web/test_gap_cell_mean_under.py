"""The tweedeling cell of a gap trend without a verdict on small counts says the city's mean
count a year as the report's 'Geen oordeel' does (:func:`~stadstrends.publish.format.
fmt_under`): a mean just under the limit of 30 is not printed whole as 30, which says the
opposite of 'minder dan 30'. The cell (``web/gap_text.no_verdict_words``, the city page's
tweedeling and the group overview's heatmap) printed it whole. Real snapshot: Vlieland's
deaths (12 a year in 2016-2023) and Stein's new construction (28,75: '29'); a mean just
under the limit, Heemskerk's net international migration of 29,625 a year (``trend_counts``),
in Vlieland's row: '29,6', not '30'."""

from __future__ import annotations

import pytest

from stadstrends.publish.format import fmt_under
from stadstrends.publish.read import build_settings
from stadstrends.publish.web.gap_text import gap_row, no_verdict_words

WORDS = {"nl": "(gemiddeld {n} per jaar in {y0}–{y1})",
         "en": "({n} a year on average in {y0}–{y1})"}


def _rows(wh) -> list[dict]:
    cur = wh.execute("SELECT g.*, g.last_year AS trend_last_year, i.unit, i.decimals "
                     "FROM region_gap_trends g JOIN indicators i USING (indicator_id) "
                     "WHERE g.no_verdict = 'small_counts' ORDER BY region_code")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_small_counts_cell_says_the_mean_as_the_report(wh, lang) -> None:
    small = build_settings(wh).small_count
    rows = _rows(wh)
    assert {r["region_code"] for r in rows} >= {"GM0096"} and len(rows) >= 2
    for row in rows:
        n = fmt_under(row["city_mean_count"], float(small), lang)
        text = no_verdict_words(row, lang, "X", small)
        assert WORDS[lang].format(n=n, y0=row["first_year"], y1=row["last_year"]) in text, text
    heemskerk = wh.execute(
        "SELECT mean_count FROM trend_counts WHERE region_code = 'GM0396' "
        "AND indicator_id = 'net_international_migration_per_1000'").fetchone()[0]
    assert small - 0.5 <= heemskerk < small  # whole it would print as the limit
    vlieland = next(r for r in rows if r["region_code"] == "GM0096")
    shown = {"nl": "29,6", "en": "29.6"}[lang]
    for said in (no_verdict_words({**vlieland, "city_mean_count": heemskerk}, lang, "X", small),
                 gap_row({**vlieland, "city_mean_count": heemskerk, "city_value": 7.9,
                          "ommeland_value": 10.1, "year": 2023}, lang, "X", small)["trend"]):
        assert WORDS[lang].format(n=shown, y0=2016, y1=2023) in said, said
        assert WORDS[lang].format(n=30, y0=2016, y1=2023) not in said
