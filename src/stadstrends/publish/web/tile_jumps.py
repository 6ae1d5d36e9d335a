"""A dashboard tile's trend over an abrupt change in its series (``series_jumps``), told as
the report tells it (:mod:`stadstrends.publish.sentence_jumps`, the same functions):

* a jump inside the tested years with a verdict after it (``jump_trends``): the tile judges
  and shows the years after the last jump, as the report's sentence, panel and badges lead
  (Noordenveld's electricity per inhabitant: −65% over 2017-2023, a significant fall, not
  +138% over 2016-2023), with a note saying after which jump and what the whole window says;
* a jump inside the tested years without a verdict after it: grey ('trend 2016-2023: met
  abrupte verandering', as the report's panel), no change over the jump (the report gives
  none), the report's verdict clause as the note.

Rows are :func:`stadstrends.publish.web.data.city_indicators` rows (trend fields, ``jumps``,
``jump_trend``).
"""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary
from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish.sentences import Sentence, Writer
from stadstrends.publish.web.i18n import texts, title

# the trends columns a tile reads (``jump_trends`` has the same, but ``rests_on_rounding``:
# ``coarse_trends`` tests the trends over the whole window only); the distinct values and
# counts too: a trend after a jump not tested for them says so, not the whole window's
TREND_FIELDS = ("first_year", "last_year", "first_value", "last_value", "abs_change",
                "rel_change", "mk_p", "classification", "direction_label", "indicative",
                "n_points", "n_distinct", "n_counts", "count_unit", "rests_on_rounding")
OVER_JUMP = "over_jump"  # shown_trend's classification of a trend over a jump, no verdict after


def fact(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """The sentence input (:mod:`stadstrends.publish.sentences`) the jump functions read;
    its figures printed with the catalogue's decimals where it has them, as the report's
    (Enschede's Wmo clients, CBS's whole numbers: 'van 78 naar 102', not '78,0')."""
    trend = {k: row.get(k) for k in TREND_FIELDS} if row.get("first_year") else None
    decimals = row.get("decimals")
    return {"indicator_id": row["indicator_id"], "title": title(row, lang), "unit": row["unit"],
            "decimals": decimals, "digits": None if decimals is None else int(decimals),
            "computed": row.get("rounding"),  # CBS's units
            "signed": row.get("signed"),  # a balance: 'op een klein saldo' (sentence_verdicts)
            "trend": trend, "jumps": row.get("jumps") or [], "jump_trend": row.get("jump_trend")}


def writer(lang: str, code: str = "", name: str = "", settings: Any = None) -> Writer:
    """A sentence writer for the notes (the report's templates and words in ``lang``)."""
    return Writer(code, name, lang, settings=settings)


def shown(row: dict[str, Any], w: Writer) -> tuple[dict[str, Any], str | None]:
    """The row with the trend fields its tile judges and shows (:func:`shown_trend`; over a
    jump without a verdict after it classification ``over_jump``, no direction), and the
    note under the change: 'Dit zijn de jaren na de abrupte verandering in 2016-2017. Over heel
    2016-2023, die verandering meegerekend: geen significante trend.'; None without a jump
    in the tested years."""
    f = fact(row, w.lang)
    if not f["trend"] or not sj.tested(f):
        return row, None
    s = Sentence("", indicator_id=row["indicator_id"])
    whole = sj.verdict(w, s, f, f["trend"], "n_points")
    trend = sj.shown_trend(f) or {}
    picked = {k: trend.get(k) for k in TREND_FIELDS}
    if sj.leads(f):
        note = (texts(w.lang)["jump_lead"].format(since=sj.since(w, s, f)) + " "
                + sj.over_whole(w, s, f, whole))
        return {**row, **picked}, note
    told = sj.trend_clause(w, s, f, whole)
    return {**row, **picked, "direction_label": None}, f"{told[:1].upper()}{told[1:]}."


def over_jump_text(row: dict[str, Any], lang: str) -> str:
    """A grey tile's trend over a jump, as the report's panel labels it: 'trend 2016-2023:
    met abrupte verandering'."""
    words = vocabulary.section(lang, "trend_labels")
    return words["window"].format(span=f"{row['first_year']}–{row['last_year']}",
                                  verdict=words[OVER_JUMP])
