"""Run the analysis stage: every table it makes reads only the indicator stage's views."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from stadstrends.analysis.benchmarks import build_benchmarks
from stadstrends.analysis.gaps import build_gaps
from stadstrends.analysis.groups import build_groups
from stadstrends.analysis.inequality import build_inequality
from stadstrends.analysis.ommeland import build_ommeland
from stadstrends.analysis.outsider_benchmarks import build_outsider_benchmarks
from stadstrends.analysis.peers import build_peers
from stadstrends.analysis.set_benchmarks import build_set_benchmarks
from stadstrends.analysis.signals import build_signals
from stadstrends.analysis.trends import build_trends
from stadstrends.settings import BuildSettings, default_settings


def _settings(window: int | None, settings: BuildSettings | None) -> BuildSettings:
    settings = settings or default_settings()
    if window is not None and window != settings.window:
        settings = settings.model_copy(update={"window": window})
    return settings


def analysis_steps(window: int | None = None, settings: BuildSettings | None = None
                   ) -> list[tuple[str, Callable]]:
    """The analysis steps in order, as (label, function of a connection)."""
    s = _settings(window, settings)
    return [
        ("trends", lambda con: build_trends(con, settings=s)),
        ("ommeland", build_ommeland),
        ("benchmarks", build_benchmarks),
        ("city-region gaps", lambda con: build_gaps(con, settings=s)),
        ("neighbourhood inequality", lambda con: build_inequality(con, settings=s)),
        ("peers", lambda con: build_peers(con, city_set=s.city_set)),
        ("comparison groups", build_groups),
        ("benchmarks per comparison group", build_set_benchmarks),
        ("benchmarks outside a group", build_outsider_benchmarks),
        ("signals", lambda con: build_signals(con, settings=s)),
    ]


def build_analysis(con: duckdb.DuckDBPyConnection, window: int | None = None,
                   settings: BuildSettings | None = None) -> dict[str, int]:
    """Create all analysis tables; returns table name -> row count."""
    counts: dict[str, int] = {}
    for _, step in analysis_steps(window, settings):
        counts.update(step(con))
    return counts
