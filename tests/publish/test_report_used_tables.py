"""The report's lists of sources name every table a figure comes from, with its retrieval
date (``indicators.used_tables``), on the real snapshot: the appendix (PDF pages B1 and on)
and the accountability section's 'Gebruikte indicatoren'.

Before: Amersfoort's appendix listed only '37259eng, 12-01-2025' for Bevolkingsgroei while
its headline 'Bevolkingsgroei (2025)' comes from 03759ned (retrieved 2 juli 2026: the change
of the population on 1 January, catalogue ``change_of``), and a rate per 1 000 inhabitants
never named the tables of the population it divides by (Bijstandsuitkeringen per 1 000
inwoners: 03759ned, 37259eng, 84910NED missing)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.sources import _day, appendix
from tests.publish.loaded import kept_city


def _tables(cell: str) -> set[str]:
    return {x.strip().lower() for x in cell.split(",") if x.strip()}


@pytest.mark.parametrize("city", ["Amersfoort", "Leeuwarden"])
def test_every_table_a_figure_comes_from_is_in_the_sources_with_its_date(wh, city) -> None:
    data = kept_city(wh, city, None)
    rows = {r[0]: [c.replace("\xa0", " ") for c in r]  # a date's no-break spaces as spaces
            for r in appendix(data, "nl")["indicators"]["rows"]}
    dates = {s["table_id"].lower(): _day(s["retrieved_at"], "nl") for s in data.sources}
    # the numerator's tables of every figure, and those of the population it divides by
    used = wh.execute("""
        WITH vals AS (SELECT DISTINCT indicator_id, year, source_tables
                      FROM indicator_values WHERE source_tables IS NOT NULL),
        den AS (SELECT v.indicator_id, p.source_tables FROM vals v
                JOIN catalogue_indicators c USING (indicator_id)
                JOIN (SELECT DISTINCT year, source_tables FROM indicator_values
                      WHERE indicator_id = 'population') p USING (year)
                WHERE c.denominator_series = 'population:num')
        SELECT i.title_nl, list(DISTINCT lower(trim(t)))
        FROM (SELECT indicator_id, source_tables FROM vals UNION
              SELECT indicator_id, source_tables FROM den) u
        JOIN indicators i USING (indicator_id),
             unnest(string_split(u.source_tables, ',')) AS x(t)
        GROUP BY i.title_nl""").fetchall()
    assert len(used) > 60
    for title, tables in used:
        row = rows[title]
        assert set(tables) <= _tables(row[2]), (title, tables, row[2])
        for tb in tables:
            assert dates[tb] in row[3], (title, tb, dates[tb], row[3])
    growth = rows["Bevolkingsgroei"]
    assert "03759ned" in _tables(growth[2]) and "2 juli 2026" in growth[3], growth
    assert {"03759ned", "37259eng", "84910ned"} <= _tables(
        rows["Bijstandsuitkeringen per 1 000 inwoners"][2])


def test_the_accountability_section_names_the_same_tables(wh) -> None:
    """'Gebruikte indicatoren' (per indicator the city has) names the appendix's tables."""
    from stadstrends.publish.report import builder

    data = kept_city(wh, "Amersfoort", None)
    ctx = builder.city_context(data, "nl", None)
    acc = ctx["acc"]["indicators"]["rows"]
    rows = {r[0]: r for r in appendix(data, "nl")["indicators"]["rows"]}
    growth = [r for r in acc if r[0] == "Bevolkingsgroei"]
    assert growth and "03759ned" in _tables(growth[0][2]) and "2 juli 2026" in growth[0][4]
    for r in acc:
        assert _tables(r[2]) == _tables(rows[r[0]][2]), r[0]
