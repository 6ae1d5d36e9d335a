"""One label for a significant trend, wherever it is shown: the report's badge in 'In een
oogopslag' (:func:`stadstrends.publish.report.texts.badge`), the city page's tiles
(:func:`stadstrends.publish.web.tile_verdict.status_text`) and its opgave cards (the report's
bullets), and the API profile's indicators (``trend_badge_nl``, ``trend_badge_en``).

A significant trend in the good or bad direction is a signal, counted 'gunstig' or 'ongunstig'
on page 1, only when its strength reaches the build's ``trend_min_strength`` (``build_info``,
0,25 on the snapshot: (1 - p) x its fitted change in the group's robust scales). Below it the
trend is still measured and shown, but labelled so: 'gunstige trend, te klein voor een signaal'.
Before, the tile said 'gunstige trend' and the report 'kernindicator' (valt niet genoeg op) of
the same figure: Veendam's, Assen's and Emmen's jobs, 44 municipalities in their default group.
A trend without a good direction is 'trend (geen oordeel)', signal or not."""

from __future__ import annotations

import duckdb

from stadstrends import vocabulary

#: a shown trend's status (:func:`stadstrends.publish.sentence_jumps.status`) -> its valence
VALENCE = {"improving": "favourable", "worsening": "adverse", "neutral": "neutral"}


def key(status: str, signal: bool | None) -> str | None:
    """The language files' ``report`` key of a shown trend's label: ``badge_trend_<valence>``
    for a trend signal (``signal`` True) or one without a good direction, ``badge_trend_
    <valence>_small`` for an improving or worsening trend that is no signal (``signal``
    False: its strength below ``trend_min_strength``); None for a status without a
    significant verdict ('stable', 'indicative', 'rounding' ...). ``signal`` None (a
    warehouse without signals): the plain label."""
    valence = VALENCE.get(status)
    if valence is None:
        return None
    small = signal is False and valence != "neutral"
    return f"badge_trend_{valence}" + ("_small" if small else "")


def label(status: str, signal: bool | None, lang: str) -> str | None:
    """The label of :func:`key` in ``lang``: 'gunstige trend', 'ongunstige trend, te klein
    voor een signaal', 'trend (geen oordeel)'; None where :func:`key` is."""
    k = key(status, signal)
    return vocabulary.word(lang, "report", k) if k else None


def signalled(con: duckdb.DuckDBPyConnection, code: str, set_id: str) -> set[str] | None:
    """The indicators whose trend is a signal of municipality ``code`` within group
    ``set_id`` (``signals``, kind 'trend'); None without that table."""
    try:
        rows = con.execute("SELECT DISTINCT indicator_id FROM signals WHERE region_code = ? "
                           "AND set_id = ? AND kind = 'trend'", [code, set_id]).fetchall()
    except duckdb.CatalogException:  # a warehouse without the analysis' tables
        return None
    return {r[0] for r in rows}


def among(indicator_id: str, signalled: set[str] | None) -> bool | None:
    """Whether ``indicator_id``'s trend is a signal (:func:`signalled`); None not knowing."""
    return None if signalled is None else indicator_id in signalled
