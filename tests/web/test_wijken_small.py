"""The city page's wijken, session 56 (real snapshot): the note says the rule the map draws by
(same code and name, a wijk number before the name not counted: Heerlen's WK091742 is 'Wijk
41 De Beitel' on the 2014 map, 'Wijk 42 De Beitel' in the KWB, and drawn), and a wijk of
fewer dwellings than the build's ``small_base`` (settings.yaml, recorded in ``build_info``:
100) carries their number with its figures in the table and the map's tooltip (De Beitel: 75
inhabitants, 29 dwellings, a mean WOZ of 379 000 euro and 0% corporation dwellings, unmarked
before; 102 wijken of 43 municipalities). Session 57: publish reads the number from
``build_info``, not from a constant of its own (a copy of the analysis' rule); a warehouse
built with another ``small_base`` marks other wijken."""

from __future__ import annotations

import html
import re

import duckdb
import pandas as pd

from stadstrends.publish.read import build_info, build_settings, records
from stadstrends.publish.web.wijken import DWELLINGS, MEASURES, TABLE, wijk_map
from stadstrends.settings import default_settings, load_settings

HTML = {"accept": "text/html"}


def _small_base(wh) -> int:
    return wh.execute("SELECT small_base FROM build_info").fetchone()[0]


def _dwellings(wh, gm: str) -> dict[str, float]:
    return dict(wh.execute(
        "SELECT region_code, value FROM raw_observations WHERE table_id = '85984NED' AND "
        "region_code LIKE ? AND year = 2024 AND measure = 'Woningvoorraad_35'",
        [f"WK{gm[2:]}%"]).fetchall())


def test_the_note_says_a_wijk_number_does_not_count_and_de_beitel_is_drawn(client) -> None:
    shapes = {f["properties"]["code"]: f["properties"]["name"] for f in
              client.get("/api/v1/geo/wijken/GM0917.geojson").json()["features"]}
    w = client.get("/gemeente/GM0917?format=json").json()["wijken"]
    beitel = next(x for x in w["drawn"] if x["code"] == "WK091742")
    assert (shapes["WK091742"], beitel["name"]) == ("Wijk 41 De Beitel", "Wijk 42 De Beitel")
    for lang, words in (("nl", "dezelfde code en naam in 2014 wordt getekend (een wijknummer "
                               "voor de naam telt niet mee)"),
                        ("en", "the same code and name in 2014 is drawn (a district number "
                               "before the name not counted)")):
        page = html.unescape(client.get(f"/gemeente/GM0917?lang={lang}", headers=HTML).text)
        assert words in page


def test_a_wijk_of_few_dwellings_says_so_with_its_figures(client, wh) -> None:
    dwellings = _dwellings(wh, "GM0917")
    assert dwellings["WK091742"] == 29
    small_base = _small_base(wh)
    assert small_base == default_settings().small_base == 100  # the build recorded it
    small = {c for c, n in dwellings.items() if n is not None and n < small_base}
    w = client.get("/gemeente/GM0917?format=json").json()["wijken"]
    rows = w["drawn"] + w["missing"]
    assert {x["code"] for x in rows if x.get("small")} == small & {x["code"] for x in rows}
    assert w["small"] == len(small & {x["code"] for x in rows}) >= 1
    page = html.unescape(client.get("/gemeente/GM0917", headers=HTML).text)
    row = re.search(r"<tr><th scope=\"row\">Wijk 42 De Beitel</th>(.*?)</tr>", page).group(1)
    assert row.count("(uit 29 woningen)") == 2, row  # WOZ and corporation share
    big = next(x["name"] for x in rows if not x.get("small"))
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(big)}</th>(.*?)</tr>", page).group(1)
    assert "woningen)" not in row, row
    assert f"Bij een wijk met minder dan {small_base} woningen staat het aantal" in page
    assert '"shown": "379 duizend euro (uit 29 woningen)"' in page  # the map's tooltip


def test_no_mark_and_no_note_without_a_small_wijk(client, wh) -> None:
    dwellings = _dwellings(wh, "GM0200")  # Apeldoorn: every wijk 191 dwellings or more
    assert dwellings and min(v for v in dwellings.values() if v is not None) >= _small_base(wh)
    page = html.unescape(client.get("/gemeente/GM0200", headers=HTML).text)
    assert 'id="wijk-h"' in page and 'id="wijk-small"' not in page and "(uit " not in page


class _Small:
    """A small warehouse as :func:`wijk_map` reads one (the web's ``WebWarehouse``): its
    ``build_info``, the settings read back from it, and parameterised rows."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.build_info = build_info(con)
        self.settings = build_settings(con)

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        return records(self.con, sql, params)


def _small_warehouse(small_base: int, tmp_path) -> _Small:
    """Three wijken of 29, 150 and 250 dwellings (KWB 2024) and a ``build_info`` of settings
    with ``small_base`` (as the build records them), no boundaries file (nothing drawn)."""
    con = duckdb.connect()
    info = pd.DataFrame([{**load_settings(small_base=small_base).record(),
                          "snapshot": str(tmp_path)}])
    con.register("info", info)
    con.execute("CREATE TABLE build_info AS SELECT * FROM info")
    rows = [(f"WK09170{i}", f"Wijk {i}", measure, value)
            for i, n in enumerate((29.0, 150.0, 250.0))
            for measure, value in ((DWELLINGS, n), (next(iter(MEASURES)), 300.0))]
    con.execute("CREATE TABLE raw_observations (table_id VARCHAR, region_code VARCHAR, "
                "region_label VARCHAR, measure VARCHAR, year INTEGER, value DOUBLE, "
                "status VARCHAR)")
    con.executemany("INSERT INTO raw_observations VALUES (?, ?, ?, ?, 2024, ?, NULL)",
                    [(TABLE, *r) for r in rows])
    return _Small(con)


def test_the_build_setting_moves_the_marks(tmp_path, monkeypatch) -> None:
    """``small_base`` is recorded in ``build_info`` and the wijk marks follow it: 100 marks
    the wijk of 29 dwellings, 200 the one of 150 too, 20 none; the note's number is the
    setting's."""
    from stadstrends.publish.web import wijken

    monkeypatch.setattr(wijken, "wijk_path", lambda snapshot=None: None)  # no map: a list
    for small_base, marked in ((100, ["WK091700"]), (200, ["WK091700", "WK091701"]), (20, []),
                               (1000, ["WK091700", "WK091701", "WK091702"])):
        wh = _small_warehouse(small_base, tmp_path)
        assert wh.con.execute("SELECT small_base FROM build_info").fetchone() == (
            small_base,)
        found = wijk_map(wh, "GM0917", "nl")
        rows = found["drawn"] + found["missing"]
        assert [w["code"] for w in rows if w.get("small")] == marked, small_base
        assert (found["small"], found["small_base"]) == (len(marked), small_base)
        # the note's number as a Dutch reader writes it: '1.000', not '1000'
        assert found["small_base_text"] == {1000: "1.000"}.get(small_base, str(small_base))
        if marked:
            assert next(w for w in rows if w["code"] == "WK091700")["small"] == (
                "uit 29 woningen")
