"""The command line's 'Bedoelde u ...?' and `show`'s unit, on the real warehouse.

One ranking of the names meant (:mod:`stadstrends.closest`) for the comparison groups, the
domains, the API's choices and parameter names, the options: `regions --set G41` answered
'G4, G40, GK1' (the one key wrong came second); the successors of a divided municipality were
suggested as bare codes ('Bedoelde u: GM0824, GM0865, GM0757, GM0855?') where every other
region error names them; `show`'s value column was 'waarde' for a sale price in euro
(83625NED: 450.913 for Zwolle in 2025) and for a WOZ value in thousands of euro (85036NED:
355 for Zwolle in 2024), the unit only at the end of the title line."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from stadstrends.closest import closest, edits


def run(db, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args, "--db", str(db)],
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def _header(table: str) -> list[str]:
    """The table's header cells, the lines of each joined by a space."""
    rows = [[c.strip() for c in line.split("┃")[1:-1]] for line in table.splitlines()
            if line.startswith("┃")]
    return [" ".join(p for p in parts if p) for parts in zip(*rows, strict=True)]


def test_one_key_wrong_comes_before_one_key_too_many() -> None:
    assert edits("G41", "G40") == edits("G41", "G4") == 1
    assert edits("lnag", "lang") == 1  # two letters swapped: one change
    groups = ["G32_2017", "G4", "G40", "GK1", "GK3", "GK4", "NL01", "TY3"]
    assert closest("G41", groups) == ["G40", "G4", "GK1"]
    assert closest("G400", groups) == ["G40", "G4"]
    assert closest("nl1", groups) == ["NL01"]
    assert closest("gemeentes", ["gemeente", "corop", "provincie", "land"], 1, 0) == [
        "gemeente"]
    assert closest("lnag", ["indicator", "region", "year", "lang", "level"], 1) == ["lang"]


def test_the_set_meant_comes_first_on_the_command_line(warehouse_path) -> None:
    out = run(warehouse_path, "regions", "--set", "G41")
    assert out.returncode == 1
    assert "Bedoelde u: G40, G4, GK1?" in out.stderr.splitlines()
    report = run(warehouse_path, "report", "--set", "G41", "--out", "/nonexistent-h52f")
    assert "Bedoelde u: G40, G4, GK1?" in report.stderr.splitlines(), report.stderr


def test_the_api_and_the_pages_suggest_the_same_set_first(warehouse_path) -> None:
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    client = TestClient(create_app(warehouse_path, warm=False))
    err = client.get("/api/v1/profile/GM0193?set=G41").json()["error"]
    assert err["suggestions"][0] == "G40"  # Zwolle's groups: G40 one key away
    page = client.get("/ranglijst?groep=G41", headers={"accept": "text/html"})
    assert page.status_code == 404
    links = page.text.split('href="/ranglijst?groep=')[1:]
    assert [a.split('"')[0].split("&")[0] for a in links][:2] == ["G40", "G4"]


@pytest.mark.parametrize(("city", "lang", "said"), [
    ("Haaren", "nl", "Bedoelde u: GM0824 Oisterwijk, GM0865 Vught, GM0757 Boxtel, "
                     "GM0855 Tilburg?"),
    ("Haaren", "en", "Did you mean: GM0824 Oisterwijk, GM0865 Vught, GM0757 Boxtel, "
                     "GM0855 Tilburg?"),
    ("Esch", "nl", "Bedoelde u: GM0824 Oisterwijk, GM0865 Vught, GM0757 Boxtel, "
                   "GM0855 Tilburg?"),  # into Haaren in 1996, Haaren divided in 2021
    ("Littenseradiel", "nl", "Bedoelde u: GM1900 Súdwest-Fryslân, GM0080 Leeuwarden, "
                             "GM1949 Waadhoeke?"),
    ("Bergen", "nl", "Bedoelde u: GM0373 Bergen (NH.), GM0893 Bergen (L.)?"),
])
def test_a_former_municipalitys_successors_are_named(warehouse_path, city, lang, said) -> None:
    """Each successor (or namesake) named once: the error's line lists them, so no 'Bedoelde
    u' line repeats them (Bergen's two were said twice until session 55)."""
    out = run(warehouse_path, "show", city, "population", "--lang", lang)
    assert out.returncode == 1
    codes, error = re.findall(r"GM\d{4}", said), out.stderr.splitlines()[0]
    assert codes and all(error.count(c) == 1 for c in codes), out.stderr
    assert "Bedoelde u" not in out.stderr and "Did you mean" not in out.stderr, out.stderr


def test_the_api_keeps_the_successors_codes(warehouse_path) -> None:
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    err = TestClient(create_app(warehouse_path, warm=False)).get(
        "/api/v1/series?indicator=population&region=Haaren").json()["error"]
    assert err["suggestions"] == ["GM0824", "GM0865", "GM0757", "GM0855"]


@pytest.mark.parametrize(("indicator", "lang", "header", "value"), [
    ("house_price_mean", "nl", "waarde (euro)", ("2025", "450.913")),
    ("woz_mean", "nl", "waarde (duizend euro)", ("2024", "355")),
    ("house_price_mean", "en", "value (euro)", ("2025", "450,913")),
    ("woz_mean", "en", "value (thousand euro)", ("2024", "355")),
    ("unemployment_rate", "nl", "waarde (%)", None),
])
def test_shows_value_column_names_its_unit(wh, warehouse_path, indicator, lang, header,
                                           value) -> None:
    unit = wh.execute("SELECT unit FROM indicators WHERE indicator_id = ?",
                      [indicator]).fetchone()[0]
    assert unit == {"house_price_mean": "euro", "woz_mean": "1 000 euro"}.get(indicator, unit)
    out = run(warehouse_path, "show", "Zwolle", indicator, "--lang", lang)
    assert out.returncode == 0
    assert _header(out.stdout)[1] == header
    if value:
        rows = {c[0]: c[1] for line in out.stdout.splitlines() if line.startswith("│")
                for c in [[p.strip() for p in line.split("│")[1:-1]]]}
        assert rows[value[0]] == value[1]
    csv = run(warehouse_path, "show", "Zwolle", indicator, "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("year,value,source,")  # keys, no unit
