"""CPU time per request, in-process (no network): series, city pages, indicator pages and
profiles, first render, again from memory, and from the page files another worker (or the
pre-render process) wrote. A city page's data are kept per municipality for its other
language and its profile ("city_other_language", "profile_after_city").
Usage: python bench/cpu_per_request.py --db /tmp/w.duckdb

First renders ignore existing page files (they are rendered, and written); "from_file" is a
second app on the same warehouse (a second worker) that finds them. Includes the
TestClient's own overhead (a few ms), so compare runs of this script only."""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

CITIES = ["GM0193", "GM0363", "GM0599", "GM0344", "GM0518", "GM0796", "GM0855", "GM0014"]
OTHERS = ["GM0034", "GM0080", "GM0106", "GM0202", "GM0268", "GM0439", "GM0546", "GM0772"]
INDICATORS = ["population", "income_disposable_mean", "population_growth_pct",
              "crimes_per_1000"]


def main() -> None:
    from fastapi.testclient import TestClient

    from stadstrends.publish.web import page_files
    from stadstrends.publish.web.app import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    app = create_app(args.db, warm=False, reload_every=None)
    client = TestClient(app)
    for ind in INDICATORS:  # load the series tables first
        client.get(f"/api/v1/series?indicator={ind}&region=GM0193")

    def run(paths: list[str], on: TestClient = client) -> float:
        start = time.process_time()
        for path in paths:
            assert on.get(path).status_code == 200, path
        return round((time.process_time() - start) * 1000 / len(paths), 1)

    rng = random.Random(1)
    series = [f"/api/v1/series?indicator={rng.choice(INDICATORS)}&region={rng.choice(CITIES)}"
              for _ in range(400)]
    cities = [f"/gemeente/{c}" for c in CITIES]
    english = [f"/gemeente/{c}?lang=en" for c in CITIES]  # after the Dutch page
    profiles = [f"/api/v1/profile/{c}" for c in OTHERS]  # cities not shown yet
    indicators = [f"/indicator/{i}?lang=en" for i in INDICATORS]
    reading = page_files.read
    page_files.read = lambda _folder, _key: None  # a first render, whatever files exist
    try:
        first = {"city_first": run(cities), "city_other_language": run(english),
                 "profile_after_city": run([f"/api/v1/profile/{c}" for c in CITIES]),
                 "profile_first": run(profiles), "indicator_first": run(indicators)}
    finally:
        page_files.read = reading
    other = TestClient(create_app(args.db, warm=False, reload_every=None))  # a 2nd worker
    print(json.dumps({"cpu_ms_per_request": {
        "series": run(series), **first, "city_again": run(cities * 5),
        "profile_again": run(profiles * 5), "indicator_again": run(indicators * 5),
        "city_from_file": run(cities, other), "profile_from_file": run(profiles, other),
        "indicator_from_file": run(indicators, other)}}, indent=2))


if __name__ == "__main__":
    main()
