"""A command-line build takes the reading workers it forked early (real snapshot).

`stadstrends build --snapshot` forks the reading workers and starts the region files in one
of them before the build's own imports (:func:`stadstrends.ingest.ahead.start_early`); the
ingest's :func:`~stadstrends.ingest.ahead.read_ahead` then takes those workers and that
read's result when its side work is the same (:func:`~stadstrends.ingest.ahead._same`: equal
partials of one function). ``test_ahead.py`` holds that for made-up side work; nothing held
that the command's side work and the build's are the same: were they not (another function
object, other arguments), the build stopped the early workers and read the region files
again, once more in a worker of its own, and a build reading them in its own process would
pass every other test. Here every read of the region files writes its process id to a file,
and the build stops once the region tables reach the stage that stores them."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from stadstrends.regions import reading
from stadstrends.warehouse import build as warehouse_build

#: the file every read appends its process id to, the read it wraps (set by the test, before
#: the command forks the workers: they inherit both)
_SEEN: dict[str, object] = {}


class _Stopped(Exception):
    """Raised where the build stores the region tables: the rest of the build is not needed."""


def counted_read_regions(snapshot: Path, register: dict | None = None
                         ) -> dict[str, pd.DataFrame]:
    """The region files read (:func:`stadstrends.regions.reading.read_regions`), the reading
    process noted in the file and in the tables' extra entry ``read_in``. Module-level, so
    that it pickles by reference to the worker as the real one does."""
    with Path(str(_SEEN["log"])).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    frames = _SEEN["read"](snapshot, register)
    return {**frames, "read_in": pd.DataFrame({"pid": [os.getpid()]})}


def test_a_cli_build_takes_the_region_read_its_early_worker_started(
        shared_data, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from stadstrends.cli import app

    log = tmp_path / "reads.txt"
    _SEEN.update(log=log, read=reading.read_regions)
    stored: list[dict[str, pd.DataFrame]] = []

    def store(_con, frames):
        stored.append(frames)
        raise _Stopped

    # the command's side work (commands/build._snapshot_regions) and the build's default
    # (warehouse/build.build_warehouse) name the function each through its own module
    monkeypatch.setattr(reading, "read_regions", counted_read_regions)
    monkeypatch.setattr(warehouse_build, "read_regions", counted_read_regions)
    monkeypatch.setattr(warehouse_build, "_build_regions", store)
    out = CliRunner().invoke(app, ["build", "--snapshot", str(shared_data),
                                   "--db", str(tmp_path / "w.duckdb")])
    assert isinstance(out.exception, _Stopped), out.output
    reads = [int(x) for x in log.read_text(encoding="utf-8").split()]
    assert len(reads) == 1, reads  # once: the early worker's read, not a second one
    assert reads[0] != os.getpid()  # in a worker, not in the build's process
    assert len(stored) == 1 and int(stored[0]["read_in"]["pid"].iloc[0]) == reads[0]
    assert not (tmp_path / "w.duckdb").exists()  # the stopped build left no warehouse
