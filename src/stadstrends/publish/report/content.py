"""The city report's content: front page, 'in een oogopslag' and the eight domain sections,
as plain dicts for the templates (sections, sentences, chart specs with their data tables).

Each part is built in its own module (:mod:`.front`, :mod:`.glance`, :mod:`.domains` with
the small multiples of :mod:`.panels`, table cells and figures in :mod:`.cells`); this
module gathers them under the names the builder and the tests use.
"""

from __future__ import annotations

from stadstrends.publish.report.cells import (
    column_digits,
    figure,
    fmt,
    is_projection,
    provisional,
    unit_label,
)
from stadstrends.publish.report.domains import (
    MAP_MIN_SHARE,
    MAX_PANELS,
    MIN_PANELS,
    commentary,
    domain_indicators,
    domain_section,
    domains,
    with_jumps,
)
from stadstrends.publish.report.front import KEY_FIGURES, front
from stadstrends.publish.report.glance import GLANCE_LEADS, GLANCE_PER_OPGAVE, glance, opgaven
from stadstrends.publish.report.panels import (
    SERIES_YEARS,
    jump_label,
    panel,
    series_table,
    shown_jumps,
    trend_label,
)
from stadstrends.publish.report.texts import badge, t

_panel = panel  # the name the tests of the panels' subtitles use

__all__ = [
    "GLANCE_LEADS", "GLANCE_PER_OPGAVE", "KEY_FIGURES", "MAP_MIN_SHARE", "MAX_PANELS",
    "MIN_PANELS", "SERIES_YEARS", "badge", "column_digits", "commentary", "domain_indicators",
    "domain_section", "domains", "figure", "fmt", "front", "glance", "is_projection",
    "jump_label", "opgaven", "panel", "provisional", "series_table", "shown_jumps", "t",
    "trend_label", "unit_label", "with_jumps",
]
