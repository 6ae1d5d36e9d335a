"""Benchmark: a newcomer's first hour, timed step by step as the README gives the commands.

Usage: python bench/firsthour.py [--repo .] [--snapshot ../shared/data] [--keep-pip-cache]
       [--skip-full]

In a new virtualenv (in a temporary folder) it times:
  1. README command 1: ``pip install -e REPO`` (main job only; by default with an empty pip
     cache, so every wheel is downloaded as on a fresh machine), then
     ``stadstrends build --snapshot SNAPSHOT``;
  2. README command 2 without the Debian part: ``pip install -e REPO[dev]``, then
     ``python -m pytest -m "not slow"`` (the fast part) and ``python -m pytest`` (everything).
The Debian packages of scripts/setup-dev.sh are not timed (they depend on the mirror and
are usually installed already). Prints one line per step with the wall time, the machine
(cores, memory) and the load average before and after, for bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def machine() -> str:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    gib = int(mem.split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores, {gib:.0f} GiB, Python {sys.version.split()[0]}"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def step(name: str, cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    before = load()
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    tail = out.stdout.strip().splitlines()[-1:] or [""]
    print(f"{name:<34} {seconds:7.1f} s   load {before} -> {load()}   {tail[0][:90]}",
          flush=True)
    if out.returncode != 0:
        sys.exit(f"{name} failed ({out.returncode}):\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--snapshot", type=Path, default=None,
                        help="default: ../shared/data beside the repository")
    parser.add_argument("--keep-pip-cache", action="store_true",
                        help="use the user's pip cache (not a fresh machine)")
    parser.add_argument("--skip-full", action="store_true", help="skip the full test run")
    args = parser.parse_args()
    repo = args.repo.resolve()
    snapshot = (args.snapshot or repo.parent / "shared" / "data").resolve()
    print(f"machine: {machine()}; repo {repo}; snapshot {snapshot}", flush=True)
    with tempfile.TemporaryDirectory(prefix="firsthour-") as tmp:
        venv = Path(tmp) / "venv"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env |= {"STADSTRENDS_SNAPSHOT": str(snapshot), "STADSTRENDS_CACHE": f"{tmp}/cache",
                "PATH": f"{venv}/bin:{env['PATH']}", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        if not args.keep_pip_cache:
            env["PIP_CACHE_DIR"] = f"{tmp}/pip-cache"
        py = str(venv / "bin" / "python")
        step("python -m venv", [sys.executable, "-m", "venv", str(venv)], repo, env)
        total = step("1. pip install -e . (main job)", [py, "-m", "pip", "install", "-q", "-e",
                                                       str(repo)], repo, env)
        total += step("1. stadstrends build --snapshot", [
            str(venv / "bin" / "stadstrends"), "build", "--snapshot", str(snapshot), "--db",
            f"{tmp}/stadstrends.duckdb"], Path(tmp), env)
        print(f"{'command 1 in all':<34} {total:7.1f} s", flush=True)
        step("2. pip install -e .[dev]", [py, "-m", "pip", "install", "-q", "-e",
                                          f"{repo}[dev]"], repo, env)
        step('2. pytest -m "not slow"', [py, "-m", "pytest", "-m", "not slow",
                                         "-p", "no:cacheprovider"], repo, env)
        if not args.skip_full:
            step("2. pytest (all, as CI)", [py, "-m", "pytest", "-p", "no:cacheprovider"],
                 repo, env)


if __name__ == "__main__":
    main()
