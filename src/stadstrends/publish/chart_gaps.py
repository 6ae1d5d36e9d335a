"""The tweedeling chart of reports: per indicator the city as % above or below the
ommeland in the first and last year, a dot plot with each row's label above it
(:func:`dumbbell`), on round tick values (:func:`gap_ticks`); one row far wider than the
rest ends at the axis's edge with its figure written there (:func:`gap_axis`)."""

from __future__ import annotations

import math

from stadstrends.publish.charts import LABELS, PALETTE, cbs_labels, finish, named_data, wrapped
from stadstrends.publish.format import fmt_number
from stadstrends.publish.report.vega import alt, slot, template
from stadstrends.publish.sentence_numbers import gap_multiple, multiple_text

GAP_WIDTH = 340  # fits a phone (390 px) at its own size: labels stand above their rows;
# the PDF keeps it, a wider screen stretches it (usermeta.stretch)
GAP_LINE, GAP_CHARS = 12, 56  # a label line: px, characters (10 px text, <= 6 px a char)
#: the widest row is cut at the axis's edge when it reaches more than this many times as far
#: from 0 as the next widest (the other rows would have less than a fifth of the axis)
CAP_FACTOR = 5
#: the gap at which the city is ten times as high as the ommeland (+900%): the axis reaches
#: no further; beyond it the text's multiple (``sentence_numbers.gap_multiple``) is written
TEN_TIMES = 900.0


def gap_label(title: str) -> list[str]:
    """A tweedeling row's label: the indicator's whole title in one or two lines of at most
    ``GAP_CHARS`` characters (every catalogue title fits; checked in the tests)."""
    return wrapped(title, GAP_CHARS, 2)


@template
def _dumbbell_tpl(width: int) -> alt.LayerChart:
    """Rows placed in pixels (``y``/``ty`` with no scale): the label's lines above the
    rule, so that a label has the plot's whole width instead of being cut at its side."""
    scale = alt.Scale(domain=[slot("verdicts")], range=[PALETTE["adverse"],
                                                         PALETTE["favourable"],
                                                         PALETTE["neutral"]])
    y = alt.Y("y:Q", scale=None, axis=None)
    x = alt.X("rx:Q", scale=alt.Scale(domain=[slot("domain")], nice=False),
              axis=alt.Axis(format="+,.0f", labelExpr=cbs_labels("+,.0f"),
                            title=slot("axis"), labelFlush=True, values=[slot("ticks")]))
    # every field its own title: Vega-Lite keys a tooltip by title, so two fields with the
    # same title showed only one of them
    tip = [alt.Tooltip("label:N", title=" "),
           alt.Tooltip("first_year:Q", title=slot("tt_first_year")),
           alt.Tooltip("first:Q", format="+,.1f", title=slot("tt_first")),
           alt.Tooltip("last_year:Q", title=slot("tt_last_year")),
           alt.Tooltip("last:Q", format="+,.1f", title=slot("tt_last"))]
    data = named_data("rows")
    # the zero line in pieces, one per row, so that it does not cross the labels
    zero = alt.Chart(data).mark_rule(color="#8c8c8c").encode(
        x=alt.datum(0), y=alt.Y("z1:Q", scale=None), y2="z2:Q")
    label = alt.Chart(data).mark_text(
        align="left", baseline="top", fontSize=10, lineHeight=GAP_LINE, lineBreak="\n",
        color=PALETTE["text"]).encode(x=alt.value(0), y=alt.Y("ty:Q", scale=None),
                                      text="text:N")
    rule = alt.Chart(data).mark_rule(strokeWidth=2.4).encode(
        y=y, x=x, x2="rx2:Q", tooltip=tip,
        color=alt.Color("verdict:N", title=None, scale=scale, legend=alt.Legend(
            orient="bottom", direction="vertical")))
    # beyond the axis's last tick the rule goes on dashed to the figure drawn there
    dash = alt.Chart(named_data("dashes")).mark_rule(strokeWidth=2.4, strokeDash=[3, 2]).encode(
        y=y, x="x:Q", x2="x2:Q", color=alt.Color("verdict:N", scale=scale, legend=None))
    first = alt.Chart(data).mark_point(size=40, color=PALETTE["muted"]).encode(
        y=y, x="fx:Q", tooltip=tip)
    last = alt.Chart(data).mark_point(filled=True, size=55, opacity=1).encode(
        y=y, x="lx:Q", tooltip=tip, color=alt.Color("verdict:N", scale=scale, legend=None))
    # a figure beyond the axis: its value written under it
    beyond = [alt.Chart(named_data("beyond")).mark_text(
        baseline="top", fontSize=10, color=PALETTE["text"], align=align).encode(
        x=alt.X("at:Q", scale=alt.Scale(domain=[slot("domain")], nice=False)),
        y=alt.Y("y:Q", scale=None), text="text:N").transform_filter(
        f"datum.side == {side}") for side, align in ((1, "right"), (-1, "left"))]
    return alt.layer(zero, rule, dash, label, first, last, *beyond).properties(width=width)


def dumbbell(rows: list[dict], lang: str = "nl", width: int = GAP_WIDTH,
             axis: str | None = None) -> dict:
    """City vs ommeland: per indicator the city as % above (+) or below (-) the ommeland in
    the first (open circle) and last year (dot), joined by a rule coloured by what the
    movement means for the city; each row's label (:func:`gap_label`) above it. A figure
    beyond the axis's ticks (:func:`gap_axis`) is drawn one step past the last tick, the
    rule dashed up to it, with '2016: +875% →' under it (from three times as high in words:
    'bijna 11 keer zo hoog'); tooltips give every figure as it is.
    rows: {label, first, last, verdict (index 0 adverse, 1 favourable, 2 neutral),
    first_year, last_year}. ``axis``: the axis title, else the language's ('stad t.o.v.
    ommeland (%)')."""
    lab = LABELS[lang]
    ticks = gap_axis(rows)
    lo, hi = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    values = [v for r in rows for v in (r["first"], r["last"])]
    ends = (lo - step if min(values) < lo else lo, hi + step if max(values) > hi else hi)
    data, dashes, beyond, top = [], [], [], 2
    for r in rows:
        lines = gap_label(r["label"])
        ty = top
        top += GAP_LINE * len(lines) + 8  # the label, then the rule below it
        verdict = lab["verdicts"][r["verdict"]]
        data.append({**r, "verdict": verdict, "text": "\n".join(lines),
                     "ty": ty, "y": top, "z1": top - 7, "z2": top + 7,
                     **{k: v if lo <= v <= hi else ends[v > hi]
                        for k, v in (("fx", r["first"]), ("lx", r["last"]))},
                     "rx": min(max(r["first"], lo), hi), "rx2": min(max(r["last"], lo), hi)})
        cut = False
        for edge, end, side in ((hi, ends[1], 1), (lo, ends[0], -1)):
            out = [(r[f"{k}_year"], r[k]) for k in ("first", "last") if r[k] * side > edge * side]
            if out:
                said = ", ".join(f"{y}: {beyond_text(v, lang)}" for y, v in out)
                beyond.append({"at": end, "y": top + 8, "side": side,
                               "text": f"{said} →" if side > 0 else f"← {said}"})
                # dashed from the edge on to the figure(s) past it (the rule crosses the
                # edge, or the whole row lies past it: Velsen's, ten times as high)
                dashes.append({"x": edge, "x2": end, "y": top, "verdict": verdict})
                cut = True
        top += 12 + (GAP_LINE if cut else 0)  # room for the figure under the rule
    slots = {"rows": "rows", "dashes": "dashes", "beyond": "beyond",
             "verdicts": lab["verdicts"], "domain": list(ends), "ticks": ticks,
             "axis": axis or lab["gap_axis"],
             **{f"tt_{k}": lab["tooltip"][k]
                for k in ("first_year", "first", "last_year", "last")}}
    # usermeta.stretch: a wide screen draws it across the page (the report's script)
    return finish(_dumbbell_tpl(width), slots,
                  {"rows": data, "dashes": dashes, "beyond": beyond}, lang,
                  height=max(60, top), usermeta={"stretch": True})


def beyond_text(value: float, lang: str) -> str:
    """A gap beyond the axis as the axis writes its labels: '+875%', '−120%' (whole
    percentages, rounded as CBS does); from three times as high a multiple in words, as the
    sentence and the table say it (Ameland's solar capacity of 2016: 'bijna 11 keer zo
    hoog', not '+975%'; :func:`~stadstrends.publish.sentence_numbers.gap_multiple`)."""
    times = gap_multiple(value)
    if times is not None:
        return multiple_text(times, lang)
    text = fmt_number(value, 0, lang)
    return f"{'+' if value > 0 and text != '0' else ''}{text}%"


def gap_axis(rows: list[dict]) -> list[float]:
    """The tick values of the tweedeling chart (:func:`gap_ticks`). Without a cap they
    reach every figure; with one (the widest row more than ``CAP_FACTOR`` times as far
    from 0 as the next widest: Ameland's solar capacity at +975% against at most +97%) they
    reach every figure of the other rows and those of the widest within ``CAP_FACTOR``
    times the next widest; the figures beyond are drawn at the edge (:func:`dumbbell`). A
    figure ten times as high as the ommeland or more (:data:`TEN_TIMES`) lies beyond the
    axis too, which then reaches +900%: the text says such a gap as a multiple ('ruim 29
    keer zo hoog'), and so does the chart under the figure, not an axis to +3.000% (Velsen's
    electricity delivered to businesses, its only row: +2 526% and +2 806%)."""
    values = [v for r in rows for v in (r["first"], r["last"])]
    reach = sorted((max(abs(r["first"]), abs(r["last"])) for r in rows), reverse=True)
    if len(reach) > 1 and reach[0] > CAP_FACTOR * reach[1]:
        values = [v for v in values if abs(v) <= CAP_FACTOR * reach[1]]
    if any(v > TEN_TIMES for v in values):  # more than ten times as high
        values = [v for v in values if v <= TEN_TIMES] + [TEN_TIMES]
    return gap_ticks(values)


def clipped(rows: list[dict]) -> int:
    """How many figures of ``rows`` lie beyond the chart's axis (:func:`gap_axis`)."""
    ticks = gap_axis(rows)
    return sum(not ticks[0] <= r[k] <= ticks[-1] for r in rows for k in ("first", "last"))


def gap_ticks(values: list[float], most: int = 7) -> list[float]:
    """The x axis of the tweedeling chart as tick values: the smallest round step (1, 2, 5,
    10, 20, 25, 50, 100... percentage points; whole numbers, as the labels show them) giving
    at most ``most`` ticks, from the step at or below the lowest value (0 included) to the
    step at or above the highest; the first and last are the domain's ends, so both ends
    carry a label."""
    lo, hi = min([*values, 0.0]), max([*values, 0.0])
    steps = [1, 2, 5] + [s * 10 ** e for e in range(1, 8) for s in (1, 2, 2.5, 5)]
    step = next(s for s in steps if math.ceil(hi / s) - math.floor(lo / s) < most)
    return [step * i for i in range(math.floor(lo / step), math.ceil(hi / step) + 1)]

