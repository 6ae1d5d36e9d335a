"""Start-up cost of commands that only read the warehouse, against `stadstrends --help`.

Usage: python bench/cli_start.py --db stadstrends.duckdb [--runs 7] [--src A/src --src B/src]
                                [--python PY_A --python PY_B] [--no-bytecode]

Runs `stadstrends --help`, `stadstrends show Zwolle population` and `stadstrends regions
Zwolle` alternately (each a fresh process, as a user types them), prints the median wall time
and CPU time (user + system) of each and their ratios to `--help` (target, issue 16: show
<= 1.5 x --help) and the load average. With `--src` the commands of each checkout (its
``src`` folder put first on PYTHONPATH) take turns, so that before and after are measured in
the same minutes on a shared machine; ``--python`` gives each checkout its interpreter (e.g. a
virtualenv with other versions of the dependencies), in the order of ``--src``. The commands
run as an installed Stadstrends does, from bytecode: cached in a temporary
``PYTHONPYCACHEPREFIX`` by one unmeasured round first (an environment with
``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile every module of a checkout from source
in every run, which costs `show` more than `--help` as it loads more
modules); ``--no-bytecode`` measures that instead. `python -X importtime` shows what a
command imports; scipy/pymannkendall, pandas, numpy, pyarrow and the ``duckdb`` package's
Python layer must not be among them (tests/test_cli.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def bytecode_env(pycache: str | None) -> dict[str, str]:
    """This environment with bytecode cached in ``pycache`` (as an installed Stadstrends
    runs; ``PYTHONDONTWRITEBYTECODE`` dropped); ``None``: as the environment says. Also
    used by ``bench/build.py``."""
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _run(args: list[str], src: str | None, pycache: str | None,
         python: str = sys.executable) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh ``stadstrends ARGS`` process run by ``python``
    (bytecode cached in ``pycache``; ``None``: as the environment says)."""
    env = bytecode_env(pycache)
    if src is not None:
        env["PYTHONPATH"] = src
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([python, "-m", "stadstrends.cli", *args], check=True,
                   capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("stadstrends.duckdb"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", action="append", help="a checkout's src folder (repeat to "
                        "compare checkouts in alternating runs); default: as installed")
    parser.add_argument("--python", action="append", help="the interpreter of each --src, "
                        "in their order; default: this one")
    parser.add_argument("--no-bytecode", action="store_true", help="do not cache bytecode "
                        "(with PYTHONDONTWRITEBYTECODE=1: compile from source in every run)")
    args = parser.parse_args()
    commands = {"--help": ["--help"],
                "show Zwolle population": ["show", "Zwolle", "population", "--db", str(args.db)],
                "regions Zwolle": ["regions", "Zwolle", "--db", str(args.db)]}
    sources = args.src or [None]
    if args.python and len(args.python) != len(sources):
        parser.error("give one --python per --src, in the same order")
    pythons = dict(zip(sources, args.python or [sys.executable] * len(sources), strict=True))
    times: dict[tuple, list[tuple[float, float]]] = {
        (src, name): [] for src in sources for name in commands}
    with tempfile.TemporaryDirectory(prefix="cli_start_pycache") as pycache:
        pycache = None if args.no_bytecode else pycache
        if pycache is not None:  # one round writes the bytecode
            for src in sources:
                for argv in commands.values():
                    _run(argv, src, pycache, pythons[src])
        print(f"load average before: {os.getloadavg()}; bytecode "
              f"{'as the environment says' if pycache is None else 'cached'}")
        for _ in range(args.runs):
            for src in sources:
                for name, argv in commands.items():
                    times[src, name].append(_run(argv, src, pycache, pythons[src]))
    for src in sources:
        if src is not None:
            print(f"{src} ({pythons[src]}):")
        help_wall = statistics.median(w for w, _ in times[src, "--help"])
        help_cpu = statistics.median(c for _, c in times[src, "--help"])
        for name in commands:
            walls = [w for w, _ in times[src, name]]
            wall, cpu = statistics.median(walls), statistics.median(c for _, c in times[src, name])
            print(f"{name}: median {wall:.2f} s ({', '.join(f'{v:.2f}' for v in walls)}); "
                  f"{wall / help_wall:.2f}x --help; CPU {cpu:.2f} s, {cpu / help_cpu:.2f}x")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
