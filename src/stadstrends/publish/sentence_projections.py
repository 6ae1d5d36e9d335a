"""The sentence on a projection (a catalogue ``projection: true`` series, e.g. the
population forecast): from its own figure for its first year, the observed one beside it,
to the horizon. Takes the report's :class:`~stadstrends.publish.sentences.Writer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_numbers import shared_digits

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Writer

def projection_sentence(w: Writer, f: dict, start: dict, end: dict,
                        observed: dict | None = None) -> Sentence:
    """A projection from ``start`` (its own figure for its first year from the last
    observed year on) to ``end`` (the horizon), with the ``observed`` figure beside its
    first year unless the two print the same: 'van 162.700 in 2026 (waargenomen: 163.764)
    naar 179.000 in 2050'. A path never starts from an observed figure: Amersfoort's read
    'van 163.764 in 2026 naar 179.000 in 2050', 163.764 being the register's count and
    CBS's forecast for 2026 (85171NED) 162.700 (Leeuwarden 130.162 against 129.400); before
    that, Zwolle's an observed start with a projected end (a change 4 000 too large)."""
    s = Sentence("", indicator_id=f["indicator_id"])
    shown = [start, end] + ([observed] if observed is not None else [])
    f = {**f, "digits": shared_digits([x["value"] for x in shown], f["unit"],
                                     decimals=f.get("decimals"))}
    same = observed is not None and observed["year"] == start["year"] and (
        w._number(f, observed["value"]) == w._number(f, start["value"]))
    a = w._val(s, {**f, "indicator_id": start["indicator_id"]}, start["year"], "value",
               start["value"])
    y0 = w._year(s, start["year"])
    if observed is not None and not same:
        seen = w._val(s, {**f, "indicator_id": observed["indicator_id"]},
                      observed["year"], "value", observed["value"])
        aside = (w.t("observed_aside", value=seen) if observed["year"] == start["year"]
                 else w.t("observed_aside_year", value=seen,
                          year=w._year(s, observed["year"])))
        y0 = f"{y0} ({aside})"
    b = w._val(s, f, end["year"], "value", end["value"])
    y1 = w._year(s, end["year"])
    s.text = w.t("projection", title=f["title"], first=a, y0=y0, last=b, y1=y1)
    return s
