"""The API profile's tweedeling counts per opgave (``tweedeling.n_gap_trends``, ``untested``),
the warehouse's ``opgave_summary`` and the report's tweedeling count the same gap trends: the
recent relative ones with a verdict that were tested (the report's ``sections._comparable``),
those on too few years for a test apart. Before (schema 25) the API and the warehouse counted
the untested ones too: 1 327 of the 1 710 municipality x opgave pairs, in 341 of the 342
municipalities, said more than the report (Maastricht's Wonen 13 gap trends for 11)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city

CITY_SET = "G40"


@pytest.fixture(scope="module")
def counted(warehouse_path):
    """code -> (opgave -> (tested, untested) as the report takes them, opgave -> the same
    two from ``opgave_summary`` in the set)."""
    with connect(warehouse_path) as con:
        opgaven = dict(con.execute("SELECT opgave_id, indicators FROM opgaven").fetchall())
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY 1", [CITY_SET]
        ).fetchall()]
        out = {}
        for code in codes:
            data = kept_city(con, code, CITY_SET)
            tested, few = sections._comparable(data), sections._comparable(data, few=True)
            report = {o: (sum(i in tested for i in ids), sum(i in few for i in ids))
                      for o, ids in opgaven.items()}
            stored = {o: (n, u) for o, n, u in con.execute(
                "SELECT opgave_id, n_gap_trends, n_gaps_untested FROM opgave_summary "
                "WHERE region_code = ? AND set_id = ?", [code, CITY_SET]).fetchall()}
            out[code] = report, stored
    return out


def test_api_warehouse_and_report_count_the_same_gaps(counted, client):
    """Every opgave of every G40 city: the API's counts are the warehouse's, which are the
    report's; untested gap trends exist in most of them (so the test can tell)."""
    untested = 0
    for code, (report, stored) in counted.items():
        body = client.get(f"/api/v1/profile/{code}", params={"set": CITY_SET}).json()
        api = {o["id"]: (o["tweedeling"]["n_gap_trends"], o["tweedeling"]["untested"])
               for o in body["opgaven"]}
        assert api == stored == report, (code, api, stored, report)
        untested += sum(u > 0 for _, u in report.values())
    assert untested >= 100, untested  # 156 of the 205 G40 pairs on the snapshot


def test_maastricht(counted):
    """The case above: Maastricht's Wonen, 11 tested gap trends (11 until one was found not
    certain within CBS's rounding, session 34; 11 again since session 45: one-person households,
    whose ommeland is CBS's COROP figure minus Maastricht's) and 2 untested (the shares of
    over-65s and over-75s, 4 years in 2017-2024)."""
    report, stored = counted["GM0935"]
    # 10 in session 52 (the births' gap not certain within CBS's rounding of its rate), 11
    # again since session 53: the births' rate unrounded (exact_rates)
    assert report["wonen"] == stored["wonen"] == (11, 2)
