"""One count of jobs: the commuting tables count the same jobs as 83582NED, so the catalogue
has one job count (``jobs_employees``) and the job ratio is built on it."""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from stadstrends.indicators.catalogue import load_catalogue

ALL_RESIDENTS = "Nederland, Buitenland, Niet in te delen"


def _jobs(path: Path, measure: str, **match: str) -> dict[tuple[str, int], float]:
    """(municipality label, year) -> thousands of jobs in December, from a cbsodata export
    (provinces, COROP regions, landsdelen and the national rows left out)."""
    out = {}
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            if not all(row[k].strip() == v for k, v in match.items()) or not row[measure]:
                continue
            label = row.get("WerkregioS", row.get("RegioS", "")).strip()
            if label.endswith(("(PV)", "(CR)", "(LD)")) or label.startswith("Nederland"):
                continue
            out[(label, int(row["Perioden"][:4]))] = float(row[measure])
    return out


def test_the_commuting_tables_count_the_same_jobs_as_83582ned(statline):
    # the measurement behind the catalogue's note on jobs_employees
    main = _jobs(statline / "municipal_total_slice" / "83582NED.csv",
                 "BanenVanWerknemersInDecember_1",
                 BedrijfstakkenBranchesSBI2008="A-U Alle economische activiteiten")
    commuting = {}
    for table in ("83628NED", "85481NED"):  # 2014-2020, 2021-2023
        commuting |= _jobs(statline / "commuting" / f"{table}.csv", "BanenVanWerknemers_1",
                           WoonregioS=ALL_RESIDENTS)
    gaps = defaultdict(list)
    for key, value in main.items():
        if key in commuting and value > 0:
            gaps[key[1]].append(abs(commuting[key] / value - 1))
    assert sorted(gaps) == list(range(2014, 2024))
    assert len(gaps[2023]) >= 340 and max(gaps[2023]) == 0  # equal in every municipality
    for year in range(2014, 2023):  # earlier releases: revised since, a little
        assert statistics.median(gaps[year]) <= 0.012, year


def test_the_catalogue_has_one_count_of_jobs():
    catalogue = load_catalogue()
    counts = [i.id for i in catalogue.indicators if i.method == "count"
              and any(p.measure.startswith("BanenVanWerknemers") for p in i.numerator)]
    assert counts == ["jobs_employees"]
    by_id = {i.id: i for i in catalogue.indicators}
    assert by_id["job_ratio"].numerator == by_id["jobs_employees"].numerator


def test_job_ratio_is_the_job_count_per_1000_inhabitants(wh):
    rows = wh.execute("""
        SELECT r.region_code, r.year, r.value, j.value / p.value * 1000
        FROM indicator_values r
        LEFT JOIN indicator_values j ON j.indicator_id = 'jobs_employees'
             AND j.region_code = r.region_code AND j.year = r.year
        LEFT JOIN indicator_values p ON p.indicator_id = 'population'
             AND p.region_code = r.region_code AND p.year = r.year
        WHERE r.indicator_id = 'job_ratio'""").fetchall()
    assert len(rows) > 4000
    for code, year, ratio, expected in rows:
        assert expected is not None and ratio == pytest.approx(expected), (code, year)
    zwolle = {year: ratio for code, year, ratio, _ in rows if code == "GM0193"}
    assert min(zwolle) == 2010 and zwolle[2023] == pytest.approx(109_000 / 132_411 * 1000,
                                                                rel=1e-3)
