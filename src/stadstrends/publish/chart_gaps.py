"""The tweedeling chart of reports: per indicator the city as % above or below the
ommeland in the first and last year, a dot plot with each row's label above it
(:func:`dumbbell`), on round tick values (:func:`gap_ticks`)."""

from __future__ import annotations

import math

from stadstrends.publish.charts import LABELS, PALETTE, cbs_labels, finish, named_data, wrapped
from stadstrends.publish.report.vega import alt, slot, template

GAP_WIDTH = 340  # fits a phone (390 px) at its own size: labels stand above their rows;
# the PDF keeps it, a wider screen stretches it (usermeta.stretch)
GAP_LINE, GAP_CHARS = 12, 56  # a label line: px, characters (10 px text, <= 6 px a char)


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
    x = alt.X("first:Q", scale=alt.Scale(domain=[slot("domain")], nice=False),
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
        y=y, x=x, x2="last:Q", tooltip=tip,
        color=alt.Color("verdict:N", title=None, scale=scale, legend=alt.Legend(
            orient="bottom", direction="vertical")))
    first = alt.Chart(data).mark_point(size=40, color=PALETTE["muted"]).encode(
        y=y, x="first:Q", tooltip=tip)
    last = alt.Chart(data).mark_point(filled=True, size=55, opacity=1).encode(
        y=y, x="last:Q", tooltip=tip, color=alt.Color("verdict:N", scale=scale, legend=None))
    return alt.layer(zero, rule, label, first, last).properties(width=width)


def dumbbell(rows: list[dict], lang: str = "nl", width: int = GAP_WIDTH) -> dict:
    """City vs ommeland: per indicator the city as % above (+) or below (-) the ommeland in
    the first (open circle) and last year (dot), joined by a rule coloured by what the
    movement means for the city; each row's label (:func:`gap_label`) above it.
    rows: {label, first, last, verdict (index 0 adverse, 1 favourable, 2 neutral),
    first_year, last_year}."""
    lab = LABELS[lang]
    data, top = [], 2
    for r in rows:
        lines = gap_label(r["label"])
        ty = top
        top += GAP_LINE * len(lines) + 8  # the label, then the rule below it
        data.append({**r, "verdict": lab["verdicts"][r["verdict"]], "text": "\n".join(lines),
                     "ty": ty, "y": top, "z1": top - 7, "z2": top + 7})
        top += 12
    ticks = gap_ticks([v for r in rows for v in (r["first"], r["last"])])
    slots = {"rows": "rows", "verdicts": lab["verdicts"], "domain": [ticks[0], ticks[-1]],
             "ticks": ticks,
             "axis": lab["gap_axis"],
             **{f"tt_{k}": lab["tooltip"][k]
                for k in ("first_year", "first", "last_year", "last")}}
    # usermeta.stretch: a wide screen draws it across the page (the report's script)
    return finish(_dumbbell_tpl(width), slots, {"rows": data}, lang, height=max(60, top),
                  usermeta={"stretch": True})


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

