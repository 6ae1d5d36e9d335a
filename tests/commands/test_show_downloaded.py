"""`stadstrends show --format csv` prints every value as the download's text and ``--format
json`` gives it as the download's number (real snapshot; :func:`~stadstrends.publish.
harmonised.download_text`, :func:`~stadstrends.publish.harmonised.as_downloaded`): Nederland's
population of 2001, summed over the municipalities 15991389.999999998, is '15991390' and the
JSON number 15991390; it said '15991390.0', the whole series turned float beside its ints."""

from __future__ import annotations

import csv
import io
import json

from stadstrends.publish.harmonised import as_downloaded, download_text
from tests.commands.test_show_printed import show

#: (region, indicator): Nederland's sums (counts, whole) and Schiermonnikoog's crimes per
#: 1 000 divided from CBS's rounded count (six significant digits: 40.7332 in 2023)
SERIES = (("NL01", "population"), ("GM0088", "crimes_per_1000"))


def _raw(wh, code: str, indicator: str) -> tuple[str, dict[int, float]]:
    unit = wh.execute("SELECT unit FROM indicators WHERE indicator_id = ?",
                      [indicator]).fetchone()[0]
    return unit, dict(wh.execute("SELECT year, value FROM indicator_values WHERE "
                                 "indicator_id = ? AND region_code = ?",
                                 [indicator, code]).fetchall())


def test_show_csv_prints_the_download_text_and_json_its_number(wh, warehouse_path) -> None:
    unit, raw = _raw(wh, "NL01", "population")
    # the premise: DuckDB's float values (a sum may carry float noise, 15991389.999999998,
    # or not, with another summation order), which the downloads give as ints
    assert all(isinstance(v, float) for v in raw.values())
    assert all(isinstance(as_downloaded(v, unit), int) for v in raw.values())
    for code, indicator in SERIES:
        unit, raw = _raw(wh, code, indicator)
        assert len(raw) > 10
        rows = list(csv.DictReader(io.StringIO(show(warehouse_path, code, indicator,
                                                    "--format", "csv"))))
        assert {int(r["year"]): r["value"] for r in rows} == {
            y: download_text(v, unit) for y, v in raw.items()}
        records = json.loads(show(warehouse_path, code, indicator, "--format", "json"))
        got = {r["year"]: r["value"] for r in records}
        want = {y: as_downloaded(v, unit) for y, v in raw.items()}
        assert got == want
        # an int where the download gives an int: 15991390, never 15991390.0
        assert {y: type(v) for y, v in got.items()} == {y: type(v) for y, v in want.items()}
    nl = show(warehouse_path, "Nederland", "population", "--format", "csv")
    assert "\n2001,15991390,80860ned," in nl and ".0," not in nl
    schier = show(warehouse_path, "Schiermonnikoog", "crimes_per_1000", "--format", "csv")
    assert "\n2023,40.7332," in schier


def test_show_csv_writes_booleans_as_the_api_does(warehouse_path) -> None:
    """'true'/'false' as the API's and the ranking's CSV (h49h: the CLI wrote 'True')."""
    rows = list(csv.DictReader(io.StringIO(show(warehouse_path, "GM0193", "population",
                                                "--format", "csv"))))
    flags = [c for c in rows[0] if {r[c] for r in rows} & {"true", "false"}]
    assert flags, rows[0]
    assert not any(r[c] in ("True", "False") for r in rows for c in r)
    assert all(r[c] in ("true", "false", "") for r in rows for c in flags)
