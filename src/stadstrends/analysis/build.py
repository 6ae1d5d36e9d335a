"""Run the analysis stage: every table it makes reads only the indicator stage's tables and
views (``indicator_results``' rows with a value are the rows of ``indicator_values``)."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

import duckdb

from stadstrends.analysis.benchmark_zeros import build_benchmark_zeros
from stadstrends.analysis.benchmarks import build_benchmarks
from stadstrends.analysis.coarse_trends import RoundingVerdicts
from stadstrends.analysis.gap_small import build_trend_counts
from stadstrends.analysis.gaps import build_region_gaps
from stadstrends.analysis.groups import build_groups
from stadstrends.analysis.inequality import build_inequality
from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.late_steps import LateSteps
from stadstrends.analysis.ommeland import build_ommeland
from stadstrends.analysis.ommeland_steps import build_ommeland_steps
from stadstrends.analysis.outsider_benchmarks import build_outsider_benchmarks
from stadstrends.analysis.peers import build_peers
from stadstrends.analysis.set_benchmarks import build_set_benchmarks
from stadstrends.analysis.sigma import build_sigma_convergence
from stadstrends.analysis.signals import build_signals, run_steps
from stadstrends.analysis.small_bases import build_small_bases
from stadstrends.analysis.steps import build_humps_and_steps
from stadstrends.analysis.survey_estimates import build_survey_estimates
from stadstrends.analysis.trends import build_trends
from stadstrends.analysis.worst_case_worker import WorstCases, worst_cases
from stadstrends.duck import Beside, beside, interrupt_until_done
from stadstrends.held import submit
from stadstrends.settings import BuildSettings, default_settings

#: Libraries a step imports only when it runs (the typology's k-means: ``scipy.cluster.vq``,
#: 0.3-0.4 s to import, on the critical path of the second analysis chain).
LATE_IMPORTS = ("scipy.cluster.vq",)


def preload_libraries() -> threading.Thread:
    """Start importing :data:`LATE_IMPORTS` in a background thread and return it: called
    after the regions stage (the ingest's forked reading workers are gone), the imports run
    while the early checks' and the indicator stage's statements (DuckDB releases the GIL)
    leave a core partly idle,
    instead of inside the analysis chain; started with the regions stage, they took the GIL
    from its pandas work (+0.15 s). A step that imports the module meanwhile waits for the
    same import (Python's import lock); a failed import is raised again by the step that
    needs it."""

    def load() -> None:
        for name in LATE_IMPORTS:
            try:
                importlib.import_module(name)
            except ImportError:  # the step importing it reports it
                pass

    thread = threading.Thread(target=load, name="preload-libraries", daemon=True)
    thread.start()
    return thread


def _settings(window: int | None, settings: BuildSettings | None) -> BuildSettings:
    settings = settings or default_settings()
    if window is not None and window != settings.window:
        settings = settings.model_copy(update={"window": window})
    return settings


def analysis_chains(window: int | None = None, settings: BuildSettings | None = None,
                    late: LateSteps | None = None, later: list[Callable] | None = None,
                    searches: WorstCases | None = None) -> list[list[tuple[str, Callable]]]:
    """Two chains of steps that read nothing the other writes: the trends, the jumps in
    series, the city-region views and the counts CBS rounds coarsely (chain 1), and the
    peers, comparison groups and positions within them (chain 2). ``signals`` reads both
    and comes after. The city-region gaps need the late step ``ommeland steps``: taken from
    ``late`` (:meth:`LateSteps.require`: chain 2 may have made it meanwhile), else made by
    the gaps' step. ``later``: where the gaps' step leaves the end of its rounding test (its
    exact worst cases are searched meanwhile), for the signals to finish before they score
    (:func:`~.gap_rounding.start_gap_rounding`); default: finished in the step.
    ``searches``: the worker process of the rounding tests' exact worst cases (default: a
    thread each)."""
    s = _settings(window, settings)
    rounding = RoundingVerdicts(s, searches)
    steps = None if late is None else partial(late.require, "ommeland steps")
    return [
        [
            ("trends", lambda con: build_trends(con, settings=s)),
            # the gaps' verdicts read coarse_trends (a city trend CBS's rounding could undo):
            # its exact worst cases are computed in a thread while the jumps, the ommeland
            # and the gaps' first statements run, and finished before the gap trends are
            # judged; the jumps read the figures' spreads it makes
            ("rounding", rounding.start),
            ("jumps", lambda con: build_jumps(con, settings=s)),
            ("ommeland", lambda con: build_ommeland(con, s.ommeland_dominant_share)),
            ("city-region gaps", lambda con: build_region_gaps(
                con, settings=s, before_trends=rounding.finish, ommeland_steps=steps,
                rounding_later=None if later is None else later.append, worst_cases=searches)),
        ],
        [
            ("peers", lambda con: build_peers(con, city_set=s.city_set)),
            # the groups read the structural variables the peers chose (peers_variables)
            ("comparison groups", build_groups),
            ("benchmarks per comparison group", build_set_benchmarks),
            ("benchmarks outside a group", build_outsider_benchmarks),
        ],
    ]


def early_steps(window: int | None = None, settings: BuildSettings | None = None
                ) -> list[tuple[str, Callable]]:
    """Steps that read only the ingest's and the regions' tables: the neighbourhood view
    (``raw_observations`` of the Kerncijfers wijken en buurten tables, ``regions``,
    ``region_sets``, ``sources``; its trends only ``opgave_summary`` reads, at the very
    end). The warehouse build runs them beside the indicator stage (:func:`early_analysis`),
    whose chain of statements leaves a core partly idle (the step took 0.43 s inside the
    analysis, whose two chains keep both cores busy; its stage medians in 3 x 8 alternated
    builds: analysis -0.2 to -0.7 s, indicators +0.1 to +0.4 s, the build within the host's
    noise; bench/README.md). ``build_analysis`` runs those it is not told are done as late
    steps."""
    s = _settings(window, settings)
    return [("neighbourhood inequality", lambda con: build_inequality(con, settings=s))]


@contextmanager
def early_analysis(con: duckdb.DuckDBPyConnection, window: int | None = None,
                   settings: BuildSettings | None = None, deferred: bool = False
                   ) -> Iterator[Beside[dict[str, int] | None]]:
    """Run :func:`early_steps` on a cursor of their own, in a thread, while the block runs
    (the indicator stage); yield a function that waits for them and returns their row
    counts for :func:`build_analysis` (``early``), or None when they ran out of DuckDB's
    memory limit beside the block (``build_analysis`` then runs them itself). Their other
    errors are raised by that function; an error of the block interrupts them.
    ``deferred``: they begin when the block calls the function's ``start`` (the build's
    indicator stage: once its series are harmonised and aggregated, where its statements
    leave a core partly idle; from the stage's start they ran beside its matching and its
    checks, which kept both cores busy already), or when it asks for their counts."""
    steps = early_steps(window, settings)

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
        if cur is con:  # out of memory beside the block: build_analysis runs them itself
            return None
        return run_steps(cur, [step for _, step in steps])

    with beside(con, work, deferred) as result:
        yield result


def late_steps(window: int | None = None, settings: BuildSettings | None = None,
               early_done: bool = False) -> list[tuple[str, Callable, frozenset[str]]]:
    """Steps no signal reads, each with the steps it needs (of the chains, or a late step
    before it): the :func:`early_steps` (unless ``early_done``), the humps and steps in a
    series (``series_humps``, ``series_steps``: the reports'), the benchmarks against the
    ommeland and the city set (they read ``ommeland``), the COROP regions' sigma convergence
    (0.2 s; in the gaps' step it lengthened the first chain, the longer one) and the shares'
    small bases (``small_bases``: the report's and the website's). A chain that
    ends while the other is still in its own steps takes them (:class:`LateSteps`); those
    left run beside the signals' rows, a statement that keeps one core busy
    (:func:`~.signals.build_signals`). Which chain ends first changes from build to build; a
    fixed place for them left a core idle. Once both chains are through their own steps no
    chain takes one: the signals' first statements keep both cores busy, their rows one."""
    s = _settings(window, settings)
    early = [] if early_done else [(name, step, frozenset())
                                   for name, step in early_steps(window, settings)]
    return [*early,
            # 0.3-0.4 s the first chain, the longer one, needs for its gap trends: the second,
            # ending first, makes it meanwhile, unless the first gets there sooner (require)
            ("ommeland steps", lambda con: build_ommeland_steps(con, s.member_step_usual),
             frozenset({"jumps", "ommeland"})),
            # 0.4-0.6 s each; in the first chain they made it the longer one, the other idle;
            # one step, sharing their window and the indicators' usual changes
            ("humps and steps", lambda con: build_humps_and_steps(con, settings=s),
             frozenset({"jumps"})),
            ("benchmarks", build_benchmarks, frozenset({"ommeland"})),
            # a group's median or quartile of 0 on counts CBS rounded to 0 (0.07 s)
            ("benchmark zeros", build_benchmark_zeros,
             frozenset({"rounding", "benchmarks outside a group"})),
            ("counts behind the trends", build_trend_counts, frozenset({"trends"})),
            ("small bases",  # the shares' (publish)
             lambda con: build_small_bases(con, s.small_base), frozenset()),
            ("survey estimates",  # small municipalities' sample figures (publish)
             lambda con: build_survey_estimates(con, s.survey_small_base), frozenset()),
            ("sigma convergence", lambda con: build_sigma_convergence(con, settings=s),
             frozenset())]


def _run_chain(con: duckdb.DuckDBPyConnection, chain: list[tuple[str, Callable]],
               late: LateSteps | None = None, cursors: list | None = None) -> dict[str, int]:
    """The chain's steps, on a cursor of their own (added to ``cursors``: interrupted by a
    Ctrl-C); then the ``late`` steps it can take while the other chain is at work."""
    counts: dict[str, int] = {}
    with con.cursor() as cursor:  # a connection of its own to the same database
        (cursors if cursors is not None else []).append(cursor)
        ok = False
        try:
            for name, step in chain:
                counts.update(step(cursor))
                if late is not None:
                    late.done(name)
            ok = True
        finally:
            if late is not None:
                late.chain_ended(ok)
        while late is not None and (taken := late.take()) is not None:
            try:
                counts.update(taken[1](cursor))
            except BaseException:
                late.failed(taken[0])  # a chain waiting for it runs it itself
                raise
            late.done(taken[0])
    return counts


def build_analysis(con: duckdb.DuckDBPyConnection, window: int | None = None,
                   settings: BuildSettings | None = None,
                   early: Mapping[str, int] | None = None,
                   extra: Sequence[tuple[str, Callable]] = ()) -> dict[str, int]:
    """Create all analysis tables; returns table name -> row count. ``early``: the row
    counts of the :func:`early_steps`, when they are done (:func:`early_analysis`).
    ``extra``: more steps that read no table of the stage, run as late steps after the
    others (the build's data checks).

    The two chains of :func:`analysis_chains` run at the same time, each on its own cursor:
    most statements keep one core busy, so the machine's second core does the other
    chain (the tables are the same as when run one after the other). When the two together
    run out of DuckDB's memory limit, they run again one after the other. The
    :func:`late_steps` go to the chain that ends first, while the other is at work; those
    it does not take run beside the signals' rows. The signals start once both chains are
    through their own steps, a late step still running beside them (:func:`_run_chains`).
    The lookup tables of the trend tests (``series_segments``, the exact Mann-Kendall
    table) are made and used by chain 1 only."""
    counts: dict[str, int] = {}
    more = [(name, step, frozenset[str]()) for name, step in extra]
    late = LateSteps([*late_steps(window, settings, early is not None), *more])
    later: list[Callable] = []  # the gap trends' rounding test, finished by the signals
    counts.update(early or {})
    # the tables are written without keeping the order of the rows they are made from
    # (DuckDB's preserve_insertion_order, a setting of the database, back on after the
    # stage): a table made by a statement without ORDER BY is then written by both cores,
    # where keeping the order wrote many on one (signal_rows: 0.6 s on one core). Analysis
    # 4.8-5.2 instead of 5.3-6.4 s, 7.4-8.0 instead of 8.1-8.6 s of CPU (3 runs each,
    # alternating, on a copy of the warehouse); reports of five municipalities from two such
    # builds and from two builds keeping the order are the same, up to the floating-point
    # noise in the 12th digit two builds of either kind show. A statement with ORDER BY still
    # writes its rows in that order; readers order what they read.
    con.execute("SET preserve_insertion_order = false")
    try:
        with worst_cases() as searches:  # a worker process, beside the chains' statements
            chains = analysis_chains(window, settings, late, later, searches)
            late.running(len(chains))
            _run_chains(con, chains, late, counts, window, settings, early is not None, later,
                        more)
    finally:
        con.execute("SET preserve_insertion_order = true")
    return counts


def _run_chains(con: duckdb.DuckDBPyConnection, chains: list[list[tuple[str, Callable]]],
                late: LateSteps, counts: dict[str, int], window: int | None,
                settings: BuildSettings | None, early_done: bool, later: list[Callable],
                extra: Sequence[tuple[str, Callable, frozenset[str]]] = ()) -> None:
    """The chains side by side (one after the other when they run out of memory together),
    then the signals with the late steps no chain took and the steps the chains left
    ``later``; ``counts`` gets their row counts. The signals start once both chains are
    through their own steps: a late step a chain is still running (no signal reads one)
    goes on beside the signals' first statements, which keep one core busy, and is waited
    for before they are scored (:func:`_settled`); before, the signals waited for it (a
    build's statement log: sigma convergence 1.2 s alone after the other chain had ended)."""
    pool = ThreadPoolExecutor(max_workers=len(chains), thread_name_prefix="analysis")
    cursors: list[duckdb.DuckDBPyConnection] = []
    results: list[Future] = []
    try:
        for chain in chains:  # held: a Ctrl-C as a thread started left it out of the shutdown
            results.append(submit(pool, _run_chain, con, chain, late, cursors))
        if not late.wait_chains():  # a chain's error (out of memory: below)
            for result in results:
                result.result()
        try:
            signals = build_signals(con, settings=_settings(window, settings),
                                    beside=late.close(),
                                    before_scoring=[*later, partial(_settled, results)])
        except Exception:
            _settled(results, con)  # a late step's error is the one to raise, it came first
            raise
        for result in results:
            counts.update(result.result())
        counts.update(signals)
    except duckdb.OutOfMemoryException:
        # two large statements at once can need more than the memory limit (a catalogue
        # eight times today's, bench/scale.py): the chains again, one after the other;
        # every step replaces the tables it makes (and leaves its end ``later`` again)
        pool.shutdown(wait=True)
        later.clear()
        for chain in chains:
            counts.update(_run_chain(con, chain))
        beside = [step for _, step, _ in [*late_steps(window, settings, early_done), *extra]]
        counts.update(build_signals(con, settings=_settings(window, settings), beside=beside,
                                    before_scoring=later))
    except BaseException:  # Ctrl-C, an error: the chains broken off, not run to their end
        late.close()
        interrupt_until_done(cursors, results)
        raise
    finally:
        pool.shutdown(wait=True)


def _settled(results: list[Future], con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Wait for the chains' late steps still running (a step of the signals: ``con`` is
    theirs); their errors raised here, their row counts collected by the caller."""
    for result in results:
        result.result()
    return {}
