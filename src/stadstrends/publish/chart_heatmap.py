"""The overview grid of reports: cities x indicators coloured by a category (quartile,
signal...), :func:`heatmap`."""

from __future__ import annotations

from stadstrends.publish.charts import LABELS, finish, named_data
from stadstrends.publish.report.vega import alt, slot, template


@template
def _heatmap_tpl() -> alt.Chart:
    return alt.Chart(named_data("rows")).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("indicator:N", title=None, sort=[slot("xsort")],
                # whole titles: Vega cut a label at 180 px ('Gemiddeld besteedbaar
                # huishoudens…'); a column is 15 px, so one slanted line each
                axis=alt.Axis(labelAngle=-50, orient="top", labelLimit=0)),
        y=alt.Y("city:N", title=None, sort=[slot("ysort")], axis=alt.Axis()),
        color=alt.Color("cat:N", title=slot("legend"),
                        scale=alt.Scale(domain=[slot("domain")], range=[slot("colors")]),
                        legend=alt.Legend(orient="bottom", columns=3, titleOrient="left",
                                          # a white category (no figures) has an outline
                                          symbolStrokeColor="#8c8c8c", symbolStrokeWidth=0.5)),
        tooltip=[alt.Tooltip("city:N", title=slot("tt_city")),
                 alt.Tooltip("indicator:N", title=slot("tt_indicator")),
                 alt.Tooltip("tip:N", title=slot("tt_tip"))],
    )


def heatmap(rows: list[dict], legend_title: str, domain: list[str], colors: list[str],
            x_sort: list[str], y_sort: list[str], lang: str = "nl", cell: int = 15) -> dict:
    """A cities x indicators grid coloured by the category ``cat`` (quartile, signal...).
    rows: {city, indicator, cat, tip}."""
    words = LABELS[lang]["tooltip"]
    slots = {"rows": "rows", "xsort": x_sort, "ysort": y_sort, "legend": legend_title,
             "domain": domain, "colors": colors, "tt_city": words["municipality"],
             "tt_indicator": words["indicator"], "tt_tip": words["detail"]}
    return finish(_heatmap_tpl(), slots, {"rows": rows}, lang,
                  width=cell * len(x_sort), height=cell * len(y_sort))

