"""The front page's data date is true against the coverage table, on the real snapshot. It
said 'Cijfers tot en met 2026; de meeste indicatoren lopen tot 2023.' in every report: the
median last year put into a sentence that says 'most', while for Deventer 29 of its 70
observed indicators end in 2023 and 31 in 2024 or later (Vlieland: 24 of 59 in 2023). It now
counts: 'van de y indicatoren met cijfers voor <gemeente> lopen er n door tot JAAR of later',
JAAR the latest year that more than half of them reach."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.front import data_dates, front
from tests.publish.loaded import connect, kept_city

SENTENCE = {"nl": r"Cijfers tot en met (\d{4}); van de (\d+) indicatoren met cijfers voor "
                  r"{city} lopen er (\d+) door tot (\d{4}) of later\.",
            "en": r"Figures up to (\d{4}); of the (\d+) indicators with figures for "
                  r"{city}, (\d+) run to (\d{4}) or later\."}


@pytest.fixture(scope="module")
def con(warehouse_path):
    with connect(warehouse_path) as c:
        yield c


def _projections(con) -> list[str]:
    catalogue = kept_city(con, "GM0150", None).catalogue
    return [i for i, m in catalogue.items() if m.get("projection")]


@pytest.mark.parametrize("code", ["GM0150", "GM0096"])  # Deventer, Vlieland
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sentence_counts_the_coverage(con, code, lang):
    data = kept_city(con, code, None)
    text = front(data, lang, None)["data_date"]
    # the count is of the indicators with figures for the city, not of the catalogue's 73
    # ('50 van de 62 indicatoren' read as all of them: a fresh-eyes finding)
    m = re.fullmatch(SENTENCE[lang].replace("{city}", re.escape(data.name)), text)
    assert m, text
    last, total, n, year = map(int, m.groups())
    proj = _projections(con)
    last_years = [y for (y,) in con.execute(
        "SELECT last_year FROM coverage WHERE region_code = ? AND NOT list_contains(?, "
        "indicator_id)", [code, proj]).fetchall()]
    assert (last, total) == (max(last_years), len(last_years))
    assert n == sum(y >= year for y in last_years) and 2 * n > total  # 'n of y', a majority
    assert 2 * sum(y > year for y in last_years) <= total  # no later year has one


def test_every_municipality(con):
    """For all municipalities: the claimed year is the latest that most indicators reach,
    counted in SQL apart from the front page's code."""
    proj = _projections(con)
    rows = con.execute("""
        WITH c AS (SELECT region_code, last_year FROM coverage
                   WHERE region_code LIKE 'GM%' AND NOT list_contains($1, indicator_id)),
        t AS (SELECT region_code, count(*) AS total, max(last_year) AS last FROM c GROUP BY 1),
        y AS (SELECT DISTINCT c.region_code, c.last_year AS year,
                     (SELECT count(*) FROM c AS d WHERE d.region_code = c.region_code
                      AND d.last_year >= c.last_year) AS n FROM c)
        SELECT t.region_code, t.total, t.last, arg_max(y.year, y.year) AS year,
               arg_max(y.n, y.year) AS n, any_value(c2.last_year) AS years
        FROM t JOIN y ON y.region_code = t.region_code AND 2 * y.n > t.total
        JOIN (SELECT region_code, list(last_year) AS last_year FROM c GROUP BY 1) AS c2
          ON c2.region_code = t.region_code
        GROUP BY t.region_code, t.total, t.last""", [proj]).fetchall()
    assert len(rows) > 300
    for code, total, last, year, n, years in rows:
        assert data_dates(years) == {"last": last, "year": year, "total": total, "n": n}, code
