"""The sentence on a projection (a catalogue ``projection: true`` series, e.g. the
population forecast): from its first year, or the observed figure of that year, to the
horizon. Takes the report's :class:`~stadstrends.publish.sentences.Writer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_numbers import shared_digits

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Writer

#: a projection's figure for the last observed year within this share of the observed one
#: is close enough for its sentence to start from the observed figure (Alkmaar 2026:
#: 113.200 projected, 113.196 observed); further apart, both are named (Zwolle: 138.400,
#: 134.147, 3%)
PROJECTION_CLOSE = 0.01


def projection_sentence(w: Writer, f: dict, start: dict, end: dict,
                        observed: dict | None = None) -> Sentence:
    """A projection from ``start`` (its own first year from the last observed year on)
    to ``end`` (the horizon). With the ``observed`` figure of that year within
    :data:`PROJECTION_CLOSE` of the projected one, the path starts from the observed
    figure, as the chart's lines join; else from the projected one, with the observed
    beside it: 'van 85.900 in 2026 (waargenomen: 87.764) naar 82.400 in 2050', never an
    observed start with a projected end (a change 4 000 too large for Zwolle)."""
    s = Sentence("", indicator_id=f["indicator_id"])
    close = observed is not None and observed["year"] == start["year"] and abs(
        start["value"] - observed["value"]) <= PROJECTION_CLOSE * abs(observed["value"])
    first = observed if close else start
    shown = [first, end] + ([observed] if observed is not None and not close else [])
    f = {**f, "digits": shared_digits([x["value"] for x in shown], f["unit"],
                                     decimals=f.get("decimals"))}
    a = w._val(s, {**f, "indicator_id": first["indicator_id"]}, first["year"], "value",
               first["value"])
    y0 = w._year(s, first["year"])
    if observed is not None and not close:
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
