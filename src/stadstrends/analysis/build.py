"""Run the analysis stage: every table it makes reads only the indicator stage's views."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from stadstrends.analysis.benchmarks import build_benchmarks
from stadstrends.analysis.gaps import build_gaps
from stadstrends.analysis.inequality import build_inequality
from stadstrends.analysis.peers import build_peers
from stadstrends.analysis.signals import build_signals
from stadstrends.analysis.trends import build_trends

DEFAULT_WINDOW = 8


def analysis_steps(window: int = DEFAULT_WINDOW) -> list[tuple[str, Callable]]:
    """The analysis steps in order, as (label, function of a connection)."""
    return [
        ("trends", lambda con: build_trends(con, window=window)),
        ("benchmarks", build_benchmarks),
        ("city-region gaps", lambda con: build_gaps(con, window=window)),
        ("neighbourhood inequality", build_inequality),
        ("peers", build_peers),
        ("signals", build_signals),
    ]


def build_analysis(con: duckdb.DuckDBPyConnection, window: int = DEFAULT_WINDOW) -> dict[str, int]:
    """Create all analysis tables; returns table name -> row count."""
    counts: dict[str, int] = {}
    for _, step in analysis_steps(window):
        counts.update(step(con))
    return counts
