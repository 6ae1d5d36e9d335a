"""Start-up cost of commands that only read the warehouse, against `stadstrends --help`.

Usage: python bench/cli_start.py --db stadstrends.duckdb [--runs 7]

Runs `stadstrends --help` and `stadstrends show Zwolle population` alternately (each a fresh
process, as a user types them), prints the median wall time of each and their ratio
(target, issue 16: show <= 1.5 x --help) and the load average. `python -X importtime` shows
what a command imports; scipy/pymannkendall must not be among them (tests/test_cli.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("stadstrends.duckdb"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    commands = {"--help": ["--help"],
                "show Zwolle population": ["show", "Zwolle", "population", "--db", str(args.db)],
                "regions Zwolle": ["regions", "Zwolle", "--db", str(args.db)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    print(f"load average before: {os.getloadavg()}")
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(_run(argv))
    help_median = statistics.median(times["--help"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name}: median {median:.2f} s ({', '.join(f'{v:.2f}' for v in values)}); "
              f"{median / help_median:.2f}x --help")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
