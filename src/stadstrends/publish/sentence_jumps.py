"""Sentences about jumps in a series (``series_jumps``, :mod:`stadstrends.analysis.jumps`):
where a series changes by a large factor though CBS declares no series break, and, when the
trend was tested over such a jump, what the test says over the years after it
(``jump_trends``). No cause is named: the figures do not give one.

The functions take the report's :class:`~stadstrends.publish.sentences.Writer` (its
templates, citations and number formats) and a fact with ``jumps`` (the city's
``series_jumps`` rows of the indicator) and ``jump_trend`` (its ``jump_trends`` row or None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.format import fmt_list
from stadstrends.publish.sentence_verdicts import steps_words
from stadstrends.publish.sentence_words import WORDS

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def direction(jump: dict) -> str:
    """'jump_fall' or 'jump_rise': the key of a ``series_jumps`` row's words, by its
    ``ratio`` (value / previous_value)."""
    return "jump_fall" if jump["ratio"] < 1 else "jump_rise"


def verdict(w: Writer, s: Sentence, f: dict, t: dict, field: str) -> str:
    """A trend's verdict in words ('een significante stijging', 'te weinig jaren voor een
    toets (4 jaren met cijfers)', or why it was not tested for its few distinct values or
    those of the count CBS rounds behind it, as the trend sentence says it:
    :func:`~stadstrends.publish.sentence_verdicts.steps_words`); ``field`` names the cited
    number of points ('jump_n_points': a ``jump_trends`` row, whose fields it prefixes)."""
    words = WORDS[w.lang]
    if t.get("indicative"):
        n = w.cite(s, f["indicator_id"], t["last_year"], field, t["n_points"],
                   str(int(t["n_points"])))
        return words["indicative"].format(n=n)
    untested = steps_words(w, s, f, t, field.removesuffix("n_points"))
    if untested:
        return untested
    return {"rising": words["rise"], "falling": words["fall"]}.get(t["classification"],
                                                                    words["none"])


def after_figures(f: dict) -> list[float]:
    """The figures :func:`after` prints (the first and last of the years after the jump),
    for the decimals the sentence's figures share; none without a verdict after it."""
    if not leads(f):
        return []
    return [f["jump_trend"]["first_value"], f["jump_trend"]["last_value"]]


def after(w: Writer, s: Sentence, f: dict, several: bool) -> str:
    """What the trend test says over the years from the last jump on, with the change over
    them (the figures of the jump's later year and the last year): 'na de abrupte
    verandering (2017–2023): van 13.281 kWh per inwoner naar 4.666 kWh per inwoner (−65%),
    een significante daling' (Noordenveld's electricity), or that too few years follow it."""
    which = w.t("jump_which_last" if several else "jump_which_one")
    a = f.get("jump_trend")
    if not a or a.get("classification") is None:
        return w.t("jump_after_none", which=which)
    span = f"{w._year(s, a['first_year'])}–{w._year(s, a['last_year'])}"
    first = w._val(s, f, a["first_year"], "value", a["first_value"])
    last = w._val(s, f, a["last_year"], "value", a["last_value"])
    delta = w._delta(s, f, a, "jump_")
    return w.t("jump_after", which=which, span=span, first=first, last=last,
               delta=w.t("delta", delta=delta) if delta else "",
               verdict=verdict(w, s, f, a, "jump_n_points"))


def tested(f: dict) -> list[dict]:
    """The jumps inside the years the indicator's trend was tested over."""
    return [j for j in f.get("jumps") or () if j["in_tested_years"]]


def leads(f: dict) -> bool:
    """Whether the trend sentence leads with the verdict after the jump: a jump inside the
    tested years with a tested ``jump_trend`` after it, the trend the signals and their
    badges read (``_sig_trends`` in :mod:`stadstrends.analysis.signals`)."""
    a = f.get("jump_trend")
    return bool(tested(f)) and bool(a) and a.get("classification") is not None


def shown_trend(f: dict) -> dict | None:
    """The trend a panel labels and colours, as the sentences lead: the one after the jump
    where they lead with it (:func:`leads`); a trend tested over a jump without a verdict
    after it with classification 'over_jump' (grey, its label says the jump is in it); else
    ``f['trend']``."""
    if leads(f):
        return f["jump_trend"]
    if f.get("trend") and tested(f):
        return {**f["trend"], "classification": "over_jump", "indicative": False}
    return f.get("trend")


def status(t: dict | None) -> str:
    """The verdict of a shown trend (:func:`shown_trend`, or a row with its fields), the one
    rule of the report's panels, the dashboard's tiles and the API's domain counts:
    'improving', 'worsening', 'neutral' (significant, no good or bad direction), 'stable'
    (tested, no significant change), 'indicative' (fewer than the settings'
    ``min_significant_points`` figures: classified 'not tested'), 'steps' (classified 'not
    tested' for too few distinct values or counts: :func:`~.sentence_verdicts.steps_only`),
    'over_jump' (tested over an abrupt change without a verdict after it) or 'none' (no
    trend: fewer than ``min_trend_points`` figures)."""
    if not t or not t.get("classification"):
        return "none"
    if t["classification"] == "over_jump":
        return "over_jump"
    if t.get("indicative"):
        return "indicative"
    if t["classification"] == "not tested":
        return "steps"
    if t["classification"] == "no significant change":
        return "stable"
    return t.get("direction_label") or "neutral"


def since(w: Writer, s: Sentence, f: dict) -> str:
    """'na de abrupte verandering in 2016–2017': the last jump inside the tested years."""
    inside = tested(f)
    j = inside[-1]
    return w.t("jump_since", which=w.t("jump_which_last" if len(inside) > 1
                                       else "jump_which_one"),
               years=f"{w._year(s, j['previous_year'])}–{w._year(s, j['year'])}")


def after_trend(w: Writer, s: Sentence, f: dict, head: str, whole: str) -> str:
    """A trend sentence that leads with the years after the last jump (:func:`leads`), the
    verdict over the whole tested window (``whole``) after it: 'Geleverde elektriciteit ...
    2017–2023 (na de abrupte verandering in 2016–2017): van 13.281 kWh per inwoner in 2017
    naar 4.666 kWh per inwoner in 2023 (−65%), een significante daling. Over heel 2016–2023,
    die verandering meegerekend: geen significante trend.' (Noordenveld) ``head``: the title
    or 'Trend'."""
    a = f["jump_trend"]
    span = f"{w._year(s, a['first_year'])}–{w._year(s, a['last_year'])}"
    first = w._val(s, f, a["first_year"], "value", a["first_value"])
    y0 = w._year(s, a["first_year"])
    last = w._val(s, f, a["last_year"], "value", a["last_value"])
    y1, delta = w._end(s, f, a["last_year"], w._delta(s, f, a, "jump_"))
    return w.t("trend_after_jump", head=f"{head} {span}", since=since(w, s, f), first=first,
               y0=y0, last=last, y1=y1, delta=delta,
               verdict=verdict(w, s, f, a, "jump_n_points"), whole=over_whole(w, s, f, whole))


def over_whole(w: Writer, s: Sentence, f: dict, whole: str) -> str:
    """The verdict ``whole`` over the whole tested window, the jumps inside it counted:
    'Over heel 2016–2023, die verandering meegerekend: geen significante trend.' (after
    :func:`after_trend`'s lead, and under a dashboard tile that leads the same way)."""
    t, inside = f["trend"], tested(f)
    years = ", ".join(f"{w._year(s, j['previous_year'])}–{w._year(s, j['year'])}"
                      for j in inside)
    span = f"{w._year(s, t['first_year'])}–{w._year(s, t['last_year'])}"
    return w.t("trend_whole_several" if len(inside) > 1 else "trend_whole", span=span,
               years=years, verdict=whole)


def trend_clause(w: Writer, s: Sentence, f: dict, tail: str) -> str:
    """The verdict ``tail`` of a trend sentence, with the jumps inside its tested years
    and the verdict after them next to it ('een significante stijging; in die jaren
    verandert de reeks abrupt (2017–2018); na de abrupte verandering (2018–2023): geen
    significante trend'); ``tail`` itself without such a jump."""
    inside = tested(f)
    if not inside:
        return tail
    years = ", ".join(f"{w._year(s, j['previous_year'])}–{w._year(s, j['year'])}"
                      for j in inside)
    return w.t("trend_jumps" if len(inside) > 1 else "trend_jump", tail=tail, years=years,
               after=after(w, s, f, len(inside) > 1))


def gap_clause(w: Writer, s: Sentence, f: dict, text: str) -> str:
    """A city-ommeland gap sentence ``text`` (its trend: ``f['gap']``) with the jumps of the
    city's series inside the gap trend's years after it: the gap's verdict may rest on
    them as well (no verdict after the jump is computed for gaps)."""
    g = f["gap"]
    inside = [j for j in f.get("jumps") or ()
              if g["first_year"] <= j["previous_year"] and j["year"] <= g["last_year"]]
    if not inside:
        return text
    years = ", ".join(f"{w._year(s, j['previous_year'])}–{w._year(s, j['year'])}"
                      for j in inside)
    return w.t("gap_jumps" if len(inside) > 1 else "gap_jump", text=text, city=w.city,
               years=years)


def jump_sentence(w: Writer, f: dict, jumps: list[dict], said: str = "") -> Sentence:
    """The jumps of one indicator, told: 'Opgesteld vermogen zonnepanelen per inwoner:
    tussen 2014 en 2015 stijgt de reeks abrupt van 134 Wp per inwoner naar 1.833 Wp per
    inwoner, zonder bekende reeksbreuk; de oorzaak blijkt niet uit de cijfers. Vergelijk de
    jaren ervoor en erna daarom met zorg.' (Ameland) With a jump inside the trend's tested years
    also the verdict over them and over the years after the last such jump, unless
    ``said`` (the section's sentence about the indicator) already gives that verdict."""
    from stadstrends.publish.sentences import Sentence, trend_span

    s = Sentence("", indicator_id=f["indicator_id"])
    moves = [w.t(direction(j),
                 y0=w._year(s, j["previous_year"]), y1=w._year(s, j["year"]),
                 first=w._val(s, f, j["previous_year"], "value", j["previous_value"]),
                 last=w._val(s, f, j["year"], "value", j["value"]))
             for j in jumps]
    told = fmt_list(moves, w.lang)
    s.text = w.t("jump", title=f["title"], moves=told)
    t, inside = f.get("trend"), tested(f)
    if t and inside:
        aside = Sentence("", indicator_id=f["indicator_id"])  # its numbers only when told
        rest = after(w, aside, f, len(inside) > 1)
        # 'na de abrupte verandering (2017–2023)' or '(na de abrupte verandering in 2016–2017)'
        if rest.split(":")[0] not in said and since(w, aside, f) not in said:
            s.cites += aside.cites
            s.years += aside.years
            span = "–".join(w._year(s, y) for y in trend_span(t))
            s.text += " " + w.t("jump_tested_several" if len(inside) > 1 else "jump_tested",
                                span=span, verdict=verdict(w, s, f, t, "n_points"),
                                after=rest[:1].upper() + rest[1:])  # the years after first
    return s
