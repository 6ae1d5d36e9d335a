"""A short trend's bracket names only the CBS tables whose cells are empty for the years it
says are missing (real snapshot): the indicator reads more tables in those years (the Wmo
clients' rate in 86050NED and its weights, the population, in 37259eng), and the bracket named
them all: Amsterdam's 'voor 2018–2020 ontbreken in de CBS-tabellen 37259eng, 83262NED en
86050NED de cijfers van Weesp' while 37259eng has Weesp's population of 2018-2020 and
83262NED is read only for 2015-2016 (``indicator_results.empty_tables``,
indicators/empty_tables.py). The tables expected are read here from the raw observations."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.format import fmt_years
from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city
from tests.publish.test_trend_missing_years import texts

#: Amsterdam (Weesp's empty cells), Voorne aan Zee (Hellevoetsluis' and Westvoorne's),
#: Gooise Meren (its own)
CITIES = ("GM0363", "GM1992", "GM1942")
IND = "wmo_clients_per_1000"
BRACKET = re.compile(r"\(\d+ (?:jaren met cijfers|years with figures); [^()]*\)")


def _missing(wh, code: str) -> dict[int, list[str]]:
    """The trend's years without a figure whose cells the source leaves empty -> the codes."""
    rows = wh.execute("""
        SELECT g.year, coalesce(g.reason_detail, g.region_code)
        FROM trends t JOIN indicator_gaps g USING (indicator_id, region_code)
        WHERE t.indicator_id = ? AND t.region_code = ? AND t.indicative
          AND g.reason = 'missing_in_source'
          AND g.year BETWEEN t.first_year AND t.last_year""", [IND, code]).fetchall()
    return {int(y): codes.split(",") for y, codes in rows}


def _read(wh) -> set[str]:
    """The tables the indicator reads in any year."""
    return {t for (text,) in wh.execute(
        "SELECT tables FROM indicator_sources WHERE indicator_id = ?", [IND]).fetchall()
            for t in text.split(", ")}


def _empty(wh, missing: dict[int, list[str]]) -> set[str]:
    """The tables read in those years with an empty cell of the measure read, for those codes
    and years (raw observations)."""
    found = set()
    for year, codes in missing.items():
        found |= {t for (t,) in wh.execute("""
            SELECT DISTINCT s.table_id FROM (
                SELECT trim(t) AS table_id, trim(m) AS measure FROM indicator_sources,
                       unnest(string_split(tables, ',')) AS x(t),
                       unnest(string_split(measures, ',')) AS y(m)
                WHERE indicator_id = ? AND year = ?) s
            JOIN raw_observations o ON lower(o.table_id) = lower(s.table_id)
             AND o.measure = s.measure
            WHERE o.year = ? AND o.region_code IN (SELECT unnest(?)) AND o.value IS NULL""",
                                      [IND, year, year, codes]).fetchall()}
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", CITIES)
def test_the_bracket_names_the_tables_with_empty_cells(wh, code, lang) -> None:
    missing = _missing(wh, code)
    assert missing, code
    read, empty = _read(wh), _empty(wh, missing)
    assert empty and read - empty, (read, empty)  # 37259eng is read, not empty
    years = fmt_years(sorted(missing))
    said = set(texts(builder.city_context(kept_city(wh, code, None), lang, None)))
    brackets = {m.group(0) for t in said for m in BRACKET.finditer(t)
                if any(tab in m.group(0) for tab in read)}
    ours = [b for b in brackets if any(tab in b for tab in empty)]
    assert ours, brackets
    for b in ours:
        for tab in read:
            assert (tab in b) == (tab in empty), (tab, b, empty, years)
