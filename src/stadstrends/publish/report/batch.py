"""Reports for a whole comparison group, or for every municipality, in a process pool, plus
the group's overview.

Each worker (spawned, so no DuckDB state crosses a fork) opens the warehouse read-only once,
loads the municipal geometries once and warms vl-convert once, then writes reports one by one.
Ctrl-C stops the run: the workers leave it to the command's process (they start with it
blocked), which terminates them and removes their unfinished files (a report is written to
a temp file and renamed: one already written stays whole).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import active_children, get_context, resource_tracker
from pathlib import Path

import duckdb

from stadstrends import vocabulary
from stadstrends.errors import GroupNotFound, InvalidParameter, StadstrendsError
from stadstrends.publish.groups import group_row
from stadstrends.publish.report import builder, pdf
from stadstrends.publish.report.city_lookup import set_cities

_WORKER: dict = {}


def _init(db: str, threads: int | None = None) -> None:
    pdf.THREADS = threads  # a pool of processes already keeps the cores busy
    con = builder.open_db(db)
    _WORKER.update(con=con, geo=builder.geometries_for(con))


def _init_pool(db: str) -> None:
    """A pool worker: one chart thread and one DuckDB thread (the processes already keep
    the cores busy; DuckDB's ~20 small queries of a report cost ~25 % less CPU on one), and
    Python's cyclic garbage collector run once after each report instead of ~200 times
    during it (WeasyPrint's box trees made it ~12 % of a PDF report's CPU)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command's process stops the pool
    _init(db, 1)
    _WORKER["con"].execute("SET threads = 1")
    _WORKER["pool"] = True
    gc.freeze()  # what the worker keeps (imports, geometries) is never garbage
    gc.disable()


def _collect() -> None:
    """A pool worker's garbage collection after a report: the report's cycles freed, the
    few survivors (caches) frozen so that the next collection does not walk them again."""
    if _WORKER.get("pool"):
        gc.collect()
        gc.freeze()


def _one(code: str, out: str, lang: str, fmt: str, group: str | None = None,
         name: str = "") -> builder.Written:
    """One municipality's report(s); a failure is returned as ``Written.error`` (its type
    and message) so that the other municipalities still get theirs."""
    try:
        done = builder.write_city(_WORKER["con"], code, Path(out), lang, fmt,
                                  geometries=_WORKER["geo"], assets=False, group=group)
        done.sentences = []  # keep the result small across the process boundary
    except Exception as exc:  # noqa: BLE001 - reported at the end of the run, exit 1
        done = builder.Written(code, name or code, error=_what(exc, lang))
    _collect()
    return done


def _overview(out: str, lang: str, fmt: str, files: dict[str, str],
              set_id: str) -> list[Path]:
    """A set's overview written in a pool worker."""
    try:
        return write_overview(_WORKER["con"], Path(out), lang, fmt, files, set_id)
    finally:
        _collect()


def _what(exc: BaseException, lang: str = "en") -> str:
    """Why a report failed, in one line: a worded Stadstrends error in ``lang`` as the
    command line says it (:meth:`~stadstrends.errors.StadstrendsError.in_language`), any
    other its type and first line ('RuntimeError: disk full')."""
    if isinstance(exc, StadstrendsError) and exc.key:
        message, _ = exc.in_language(lang)
        return message.splitlines()[0][:300]
    text = str(exc).splitlines()[0][:300] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C blocked in the block (and in the processes and threads it starts, which inherit
    the mask) and noted; one that arrived meanwhile raises :class:`KeyboardInterrupt` after
    it, not inside ``ProcessPoolExecutor.submit`` while it starts a worker.

    multiprocessing's resource tracker, started with the first spawned worker, unblocks
    Ctrl-C when it has started (``SIG_UNBLOCK``, not the mask it found): it is started before
    the block, so that the workers start with Ctrl-C blocked. The operating system gives a
    Ctrl-C the blocking thread does not take to another thread, and Python then runs the
    handler in this one all the same: the handler only notes it."""
    resource_tracker.ensure_running()
    noted: list[int] = []
    main = threading.current_thread() is threading.main_thread()  # only it sets handlers
    handler = signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum)
                            ) if main else None
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if main:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a blocked one arrives here
    if noted:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _ctrl_c_noted() -> Iterator[list[int]]:
    """Ctrl-C raises :class:`KeyboardInterrupt` as Python's own handler does, and is noted
    in the list yielded: DuckDB turns one during a query into its error, which a report's
    failure would otherwise book (--workers 1). Also when the process started with Ctrl-C
    ignored (a script's command run with ``&``: the shell ignores it for such a command, and
    Python then leaves it ignored): a pool's run went on to its end."""
    noted: list[int] = []
    if threading.current_thread() is not threading.main_thread():  # no handler to set
        yield noted
        return

    def stop(signum: int, frame: object) -> None:
        noted.append(signum)
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGINT, stop)
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, before)


def _stop(pool: ProcessPoolExecutor | None, out: Path) -> None:
    """Stop a pool at once: pending reports cancelled, the workers (this process's live
    children: the pool is its only one) terminated and their unfinished files
    (:func:`builder.part_path`) removed."""
    if pool is None:
        return
    workers = active_children()
    manager = getattr(pool, "_executor_manager_thread", None)  # None after shutdown()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
        for part in out.glob(f".*.part-{worker.pid}"):
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
    if manager is not None:
        # the pool's thread closes its wake-up pipe as it ends; the interpreter's exit
        # writes to that pipe unless it was closed before (Python 3.11 checks, then writes,
        # without a lock: 'Bad file descriptor' printed after 'afgebroken' under load)
        manager.join(5)


def set_codes(con: duckdb.DuckDBPyConnection, set_id: str | None) -> list[dict]:
    """The municipalities of a comparison group (None: every municipality); a clear error
    for an unknown group or one that differs per municipality (PEERS)."""
    if set_id is not None:
        row = group_row(con, set_id)
        if row is None:  # as `regions --set` says it: the closest groups suggested, the
            # COROP regions and provinces summed up (the hint listed ~80 ids, every COROP's)
            from stadstrends.closest import closest
            from stadstrends.publish.queries import set_ids

            ids = set_ids(con)
            raise GroupNotFound.worded("unknown_group_set" if set_id.strip() else "empty_set",
                                       group=set_id, sets=", ".join(ids),
                                       suggestions=closest(set_id, ids))
        if row["family"] == "peers":
            raise InvalidParameter.worded("group_per_municipality", group=set_id)
    return set_cities(con, set_id)


def write_set(db: Path, set_id: str | None, out: Path, lang: str = "nl", fmt: str = "html",
              workers: int | None = None,
              progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write a report for every municipality of ``set_id``, compared within that group, and
    the group's overview; ``set_id`` None: every municipality within its default group (no
    overview). Returns paths and timings. Ctrl-C raises :class:`KeyboardInterrupt` at any
    moment (:func:`_ctrl_c_noted`), the workers stopped and no report half-written."""
    with _ctrl_c_noted() as noted:
        return _write_set(db, set_id, out, lang, fmt, workers, progress, noted)


def _write_set(db: Path, set_id: str | None, out: Path, lang: str, fmt: str,
               workers: int | None, progress: Callable[[str, int, int], None] | None,
               noted: list[int]) -> dict:
    start = time.perf_counter()
    with builder.open_db(db) as con:
        cities = set_codes(con, set_id)
    out.mkdir(parents=True, exist_ok=True)
    if "html" in builder.FORMATS[fmt]:
        builder.write_assets(out)
    workers = workers or min(len(cities), os.cpu_count() or 1)
    total = len(cities) + (set_id is not None)
    results: list[builder.Written] = []
    overview_paths = expected = None
    if workers <= 1:
        _init(str(db))
        for i, c in enumerate(cities):
            results.append(_one(c["code"], str(out), lang, fmt, set_id, c["name"]))
            if noted:  # a Ctrl-C a library turned into an error ('Query interrupted')
                raise KeyboardInterrupt
            if progress:
                progress(c["name"], i + 1, total)
    else:
        with builder.open_db(db) as con:
            expected = member_files(con, cities, set_id, lang) if set_id is not None else {}
        ctx = get_context("spawn")
        pool = None
        try:
            with _ctrl_c_held():  # the workers start with Ctrl-C blocked: the pool stops them
                pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_pool,
                                           initargs=(str(db),))
                # the overview first, beside the reports (not after them on one core): it
                # links the files the members will get; rewritten below if one fails
                early = (pool.submit(_overview, str(out), lang, fmt, expected, set_id)
                         if set_id is not None else None)
                futures = {pool.submit(_one, c["code"], str(out), lang, fmt, set_id,
                                       c["name"]): c for c in cities}
            for i, fut in enumerate(as_completed(futures)):
                try:
                    done = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker died: report, go on
                    c = futures[fut]
                    done = builder.Written(c["code"], c["name"], error=_what(exc, lang))
                results.append(done)
                if progress:
                    progress(done.name, i + 1, total)
            try:
                overview_paths = early.result() if early is not None else None
            except Exception:  # noqa: BLE001 - a worker died: written again below
                overview_paths = None
        except BaseException:  # Ctrl-C: no further report, none half-written
            _stop(pool, out)
            raise
        pool.shutdown()
    failed = sorted(({"code": r.code, "name": r.name, "error": r.error}
                     for r in results if r.error), key=lambda f: f["name"])
    results = sorted((r for r in results if not r.error), key=lambda r: r.name)
    files = {r.code: r.paths[0].stem + ".html" for r in results if r.paths}
    paths = [p for r in results for p in r.paths]
    if set_id is not None:
        if overview_paths is None or files != expected:
            with builder.open_db(db) as con:
                overview_paths = write_overview(con, out, lang, fmt, files, set_id)
        paths += overview_paths
        if progress:
            progress(vocabulary.word(lang, "report_command", "overview_step"), total, total)
    return {"paths": paths, "cities": len(results), "failed": failed,
            "seconds": time.perf_counter() - start,
            "per_city": {r.name: r.seconds for r in results}}


def write_set_overview(db: Path, set_id: str, out: Path, lang: str = "nl",
                       fmt: str = "html") -> dict:
    """Only the overview of ``set_id``, linking to the members' reports already in ``out``
    (written by ``--set`` or ``--all``; a member without its file is listed unlinked)."""
    start = time.perf_counter()
    with builder.open_db(db) as con:
        cities = set_codes(con, set_id)
        files = {code: name for code, name in member_files(con, cities, set_id, lang).items()
                 if (out / name).exists()}
        if "html" in builder.FORMATS[fmt]:
            builder.write_assets(out)
        paths = write_overview(con, out, lang, fmt, files, set_id)
    return {"paths": paths, "linked": len(files), "cities": len(cities),
            "seconds": time.perf_counter() - start}


def member_files(con: duckdb.DuckDBPyConnection, cities: list[dict], set_id: str,
                 lang: str) -> dict[str, str]:
    """The HTML file name each member's report gets in a run of ``set_id``."""
    defaults = dict(con.execute("SELECT region_code, set_id FROM default_group").fetchall())
    shared = builder.shared_names(con)
    return {c["code"]: builder.report_stem(c["name"], set_id, defaults.get(c["code"]) == set_id,
                                           lang, c["code"] if c["name"] in shared else None)
            + ".html" for c in cities}


def overview_stem(set_id: str | None, lang: str) -> str:
    """The overview's file name without its language and format, in the words of ``lang``
    (``report.overview_file``) as a reader of that language names the file:
    '<set>-overzicht', '<set>-overview' (was '<set>-overzicht.en.html' in English too); a
    city's report has its name and the set id only ('zeist.pv26.en.html')."""
    return vocabulary.word(lang, "report", "overview_file", set=builder.slug(set_id or "all"))


def write_overview(con: duckdb.DuckDBPyConnection, out: Path, lang: str, fmt: str,
                   files: dict[str, str], set_id: str | None = None) -> list[Path]:
    """The overview document(s) of a set."""
    from stadstrends.publish.report.overview import overview_context

    out.mkdir(parents=True, exist_ok=True)
    ctx = overview_context(con, files, lang, set_id)
    stem = f"{overview_stem(set_id, lang)}.{lang}"
    paths = []
    if "html" in builder.FORMATS[fmt]:
        path = out / f"{stem}.html"
        with builder.written(path) as part:
            part.write_text(builder.render("overview.html.j2", ctx, pdf=False),
                            encoding="utf-8")
        paths.append(path)
    if "pdf" in builder.FORMATS[fmt]:
        path = out / f"{stem}.pdf"
        with builder.charts_without_gc():
            html, pending = builder.render_pdf("overview.html.j2", ctx,
                                               builder.cache_folder(con))
            with builder.written(path) as part:
                builder.write_pdf(html, part, out, pending)
        paths.append(path)
    return paths
