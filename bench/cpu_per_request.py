"""CPU time per request, in-process (no network): series, city pages and profiles, first
and repeated. Usage: python bench/cpu_per_request.py --db /tmp/w.duckdb

Includes the TestClient's own overhead (a few ms), so compare runs of this script only."""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

CITIES = ["GM0193", "GM0363", "GM0599", "GM0344", "GM0518", "GM0796", "GM0855", "GM0014"]
INDICATORS = ["population", "income_disposable_mean", "population_growth_pct",
              "crimes_per_1000"]


def main() -> None:
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    app = create_app(args.db, warm=False, reload_every=None)
    client = TestClient(app)
    for ind in INDICATORS:  # load the series tables first
        client.get(f"/api/v1/series?indicator={ind}&region=GM0193")

    def run(paths: list[str]) -> float:
        start = time.process_time()
        for path in paths:
            assert client.get(path).status_code == 200, path
        return round((time.process_time() - start) * 1000 / len(paths), 1)

    rng = random.Random(1)
    series = [f"/api/v1/series?indicator={rng.choice(INDICATORS)}&region={rng.choice(CITIES)}"
              for _ in range(400)]
    cities = [f"/gemeente/{c}" for c in CITIES]
    profiles = [f"/api/v1/profile/{c}" for c in CITIES]
    print(json.dumps({"cpu_ms_per_request": {
        "series": run(series), "city_first": run(cities), "city_again": run(cities * 5),
        "profile_first": run(profiles), "profile_again": run(profiles * 5)}}, indent=2))


if __name__ == "__main__":
    main()
