"""Reading the build's tables ahead, in worker processes (stadstrends.ingest.ahead)."""

from __future__ import annotations

import os
from functools import partial

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource, SourcesUnreadable, SourceUnavailable
from stadstrends.ingest.ahead import (
    cores,
    read_ahead,
    reading_processes,
    sendable,
    trimmed,
)
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.snapshot import read_table
from stadstrends.ingest.spec import as_spec


def _made_up(spec) -> WideTable:
    """A module-level reader (it can go to a worker process): 'BAD' is a damaged file."""
    table_id = as_spec(spec).table
    if table_id.startswith("DOWN"):
        raise SourceUnavailable(f"CBS not reached for {table_id}", hint="try again later")
    if table_id.startswith("BAD"):
        raise MalformedSource(f"{table_id}.csv: line 7 has 3 fields, expected 5",
                              hint="download the table again")
    frame = pd.DataFrame({"region_code": ["GM0363"], "region_label": ["Amsterdam"],
                          "period": ["2020"], "A_1": [1.0], "B_2": [2.0],
                          "pid": [os.getpid()]})
    return WideTable(SourceInfo(table_id=table_id, title=table_id, origin="snapshot",
                                location="made up", sha256="", retrieved_at=""),
                     [], ["A_1", "B_2"], frame)


def test_a_snapshot_reader_goes_to_worker_processes_and_a_lambda_stays_home(shared_data):
    assert sendable(partial(read_table, shared_data))
    assert sendable(_made_up)
    assert not sendable(lambda spec: _made_up(spec))


def test_tables_are_read_in_processes_where_two_or_more_can_be_sent():
    specs = [as_spec("T1"), as_spec("T2")]
    assert reading_processes(_made_up, specs) == min(2, cores())
    assert reading_processes(lambda spec: _made_up(spec), specs) == 0  # a thread reads
    assert reading_processes(_made_up, specs[:1]) == 0


def test_tables_come_back_in_order_from_other_processes():
    ids = [f"T{i}" for i in range(7)]
    with read_ahead(_made_up, [as_spec(i) for i in ids]) as (tables, _):
        got = list(tables)
    assert [t.source.table_id for t in got] == ids
    assert {int(t.frame["pid"].iloc[0]) for t in got} - {os.getpid()}, "read in this process"


def test_a_reading_error_arrives_whole_at_its_table_after_the_tables_before_it():
    specs = [as_spec(i) for i in ["T1", "T2", "BAD", "T4"]]
    taken = []
    with pytest.raises(MalformedSource) as caught, read_ahead(_made_up, specs) as (tables, _):
        for table in tables:
            taken.append(table.source.table_id)
    assert taken == ["T1", "T2"]
    assert str(caught.value) == "BAD.csv: line 7 has 3 fields, expected 5"
    assert caught.value.hint == "download the table again"


@pytest.mark.parametrize("reader", [_made_up, lambda spec: _made_up(spec)],
                         ids=["processes", "thread"])
def test_every_damaged_table_is_named_in_one_error_not_only_the_first(reader):
    """Two damaged tables among twelve (one past the tables read ahead): one error naming
    both with their problems, in table order, the hint once, in each language."""
    ids = ["T1", "BAD2", *[f"T{i}" for i in range(3, 12)], "BAD12"]
    taken = []
    with pytest.raises(SourcesUnreadable) as caught, \
            read_ahead(reader, [as_spec(i) for i in ids]) as (tables, _):
        for table in tables:
            taken.append(table.source.table_id)
    assert taken == ["T1"]
    error = caught.value
    assert error.message == ("2 of the build's files cannot be read:\n"
                             "- BAD2.csv: line 7 has 3 fields, expected 5\n"
                             "- BAD12.csv: line 7 has 3 fields, expected 5")
    assert error.hint == "download the table again"
    assert [d["message"] for d in error.details] == [
        "BAD2.csv: line 7 has 3 fields, expected 5", "BAD12.csv: line 7 has 3 fields, expected 5"]
    assert error.in_language("nl")[0].startswith("2 bestanden van de bouw zijn niet te lezen:")


def test_cbs_not_reached_stops_the_reading_at_once_without_waiting_for_the_rest():
    """A live build whose CBS cannot be reached: its own error, as before, not the tables
    after it read too (each would wait for its time-outs)."""
    asked = []

    def reader(spec):
        asked.append(as_spec(spec).table)
        return _made_up(spec)

    ids = ["T1", "DOWN2", *[f"T{i}" for i in range(3, 20)]]
    with pytest.raises(SourceUnavailable) as caught, \
            read_ahead(reader, [as_spec(i) for i in ids]) as (tables, _):
        list(tables)
    assert str(caught.value) == "CBS not reached for DOWN2"
    assert "T19" not in asked  # read no further than the tables read ahead
    with pytest.raises(SourcesUnreadable) as caught, \
            read_ahead(_made_up, [as_spec(i) for i in ["BAD1", "T2", "DOWN3", "BAD4"]]) as (
                tables, _):
        list(tables)
    assert [d["message"] for d in caught.value.details] == [
        "BAD1.csv: line 7 has 3 fields, expected 5", "CBS not reached for DOWN3"]


def test_a_reader_that_cannot_travel_is_read_in_a_thread():
    specs = [as_spec(i) for i in ["T1", "T2", "T3"]]
    with read_ahead(lambda spec: _made_up(spec), specs, side=lambda: "regions") as (
            tables, side):
        got = [t.source.table_id for t in tables]
        assert side() == "regions"
    assert got == ["T1", "T2", "T3"]


def test_side_work_runs_beside_the_tables_and_its_result_is_returned(shared_data):
    with read_ahead(_made_up, [as_spec("T1"), as_spec("T2")],
                    side=partial(os.getpid)) as (tables, side):
        list(tables)
        assert side() != os.getpid()


def test_workers_forked_early_are_taken_by_the_build_with_the_side_work_they_started():
    """The command line forks the workers and starts the region files before the build's
    own imports (start_early): the build's read_ahead with the same side work takes those
    workers and that work's result, a build with other side work stops them and starts
    its own, and workers no build took are stopped (cancel_early)."""
    from stadstrends.ingest import ahead

    ahead.start_early(partial(os.getpid))
    early = ahead._EARLY["pool"]
    with read_ahead(_made_up, [as_spec("T1"), as_spec("T2")], side=partial(os.getpid)) as (
            tables, side):
        workers = {p.pid for p in early._processes.values()}
        assert {int(t.frame["pid"].iloc[0]) for t in tables} <= workers  # read by them
        assert side() in workers  # the early worker's result
    assert not ahead._EARLY and early._processes is None  # shut down with the reading
    ahead.start_early(partial(os.getpid))
    other = ahead._EARLY["pool"]
    with read_ahead(_made_up, [as_spec("T1"), as_spec("T2")], side=partial(os.getcwd)) as (
            tables, side):
        list(tables)
        assert side() == os.getcwd()
    assert other._processes is None and not ahead._EARLY  # stopped, not used
    ahead.start_early(partial(os.getpid))
    unused = ahead._EARLY["pool"]
    ahead.cancel_early()
    assert unused._processes is None and not ahead._EARLY
    ahead.start_early(lambda: 1)  # cannot go to a worker: nothing started
    assert not ahead._EARLY


def test_workers_send_only_the_measures_the_build_stores_and_the_values_are_unchanged(
        shared_data):
    """Real snapshot tables: the trimmed tables equal the direct reads in every kept column
    and still list every measure (the build records how many a table has)."""
    reader = partial(read_table, shared_data)
    specs = [as_spec("85984NED"), as_spec("83628NED")]
    direct = [reader(s) for s in specs]
    wanted = {t.source.table_id.lower(): set(t.measures[:2]) for t in direct}
    with read_ahead(reader, specs, wanted) as (tables, _):
        got = list(tables)
    for full, small in zip(direct, got, strict=True):
        assert small.measures == full.measures
        kept = [c for c in full.frame.columns if c not in full.measures[2:]
                and c not in {full.cell_status.get(m) for m in full.measures[2:]}]
        assert list(small.frame.columns) == kept
        pd.testing.assert_frame_equal(small.frame.reset_index(drop=True),
                                      full.frame[kept].reset_index(drop=True))


def test_trimming_keeps_everything_when_every_measure_is_stored():
    table = trimmed(_made_up, as_spec("T1"), None)
    assert list(table.frame.columns) == ["region_code", "region_label", "period", "A_1", "B_2",
                                         "pid"]
    assert list(trimmed(_made_up, as_spec("T1"), {"t1": {"B_2"}}).frame.columns) == [
        "region_code", "region_label", "period", "B_2", "pid"]


class _Stop(Exception):
    pass


def test_a_stop_signal_during_a_submit_arrives_after_it_not_inside_the_executor():
    import signal
    import time

    from stadstrends.ingest.ahead import _signals_held

    def stop(signum, frame):
        raise _Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        reached = False
        with pytest.raises(_Stop):
            with _signals_held():
                os.kill(os.getpid(), signal.SIGTERM)
                reached = True  # not interrupted inside the block
            time.sleep(1)  # or a moment after it (rarely, the kernel delivers it late)
        assert reached
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_stop_signal_is_held_back_too_when_another_thread_can_take_it():
    """With another thread alive (DuckDB's, in a build), the operating system hands the
    signal the main thread blocks to that thread, and Python runs the handler in the main
    thread all the same: it still arrives after the block."""
    import signal
    import threading
    import time

    from stadstrends.ingest.ahead import _signals_held

    def stop(signum, frame):
        raise _Stop

    done = threading.Event()
    other = threading.Thread(target=done.wait)  # created before the block: not blocking
    previous = signal.signal(signal.SIGTERM, stop)
    other.start()
    try:
        reached = False
        with pytest.raises(_Stop):
            with _signals_held():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.2)  # the other thread takes it; the main thread then checks
                reached = True
            time.sleep(1)  # arriving a moment after the block is after it too
        assert reached
    finally:
        done.set()
        other.join()
        signal.signal(signal.SIGTERM, previous)


def _blocked(spec) -> WideTable:
    import signal

    table = _made_up(spec)
    table.frame["pid"] = int(signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, []))
    return table


def test_workers_forked_while_signals_are_held_can_still_be_stopped():
    with read_ahead(_blocked, [as_spec("T1"), as_spec("T2")]) as (tables, _):
        assert [int(t.frame["pid"].iloc[0]) for t in tables] == [0, 0]


def test_at_most_tables_ahead_are_read_before_the_inserts_take_them():
    """The reads run ahead of the inserts by :func:`tables_ahead` tables and no more (the
    thread path, one reader: each call is counted as it starts)."""
    import threading
    import time

    from stadstrends.ingest.ahead import tables_ahead

    started: list[str] = []
    lock = threading.Lock()

    def reader(spec) -> WideTable:
        with lock:
            started.append(as_spec(spec).table)
        return _made_up(spec)

    specs = [as_spec(f"T{i}") for i in range(30)]
    with read_ahead(reader, specs) as (tables, _):
        first = next(tables)
        deadline = time.monotonic() + 10
        while len(started) < tables_ahead(1) + 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # more reads would have started by now
        assert len(started) == tables_ahead(1) + 1 == 7
        assert [first.source.table_id, *(t.source.table_id for t in tables)] == \
            [s.table for s in specs]
