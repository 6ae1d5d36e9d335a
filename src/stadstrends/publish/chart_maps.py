"""Report maps: the city among its region's municipalities (:func:`locator_map`) and an
indicator across them (:func:`choropleth`); the features come from
:mod:`stadstrends.publish.maps`."""

from __future__ import annotations

from stadstrends.publish.charts import (
    DECORATIVE,
    LABELS,
    NO_FIGURES,
    PALETTE,
    SEQUENTIAL,
    finish,
    named_data,
    number_format,
)
from stadstrends.publish.report.vega import alt, slot, template


@template
def _locator_tpl(width: int, height: int) -> alt.LayerChart:
    base = alt.Chart(named_data("features", "json")).mark_geoshape(
        stroke=DECORATIVE["outline"], strokeWidth=0.8).encode(
        color=alt.condition(f"datum.properties.code == '{slot('city')}'",
                            alt.value(PALETTE["city"]), alt.value(DECORATIVE["region"])),
        tooltip=alt.Tooltip("properties.name:N", title=" "))
    where = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "name:N"}
    # the other names dark on a white halo: readable where one reaches into the city's dark
    # fill ('Nieuwegein' on Utrecht's map)
    others_halo = alt.Chart(named_data("others")).mark_text(
        fontSize=8.5, color="white", stroke="white", strokeWidth=2.5,
        strokeJoin="round").encode(**where)
    others = alt.Chart(named_data("others")).mark_text(fontSize=8.5, color=PALETTE["text"]).encode(
        **where)
    # the city's name white on a halo of its own fill: readable on the fill and beside it (on
    # Vlieland's thin island the label's point falls on the white background); a name put
    # beside its shape (``beside``: Schiermonnikoog's island would hide under it) in the
    # city's colour on a white halo, as the others' names
    beside = "datum.beside"
    halo = alt.Chart(named_data("city_label")).mark_text(
        fontSize=10.5, fontWeight="bold", strokeWidth=3.5, strokeJoin="round").encode(
        color=alt.condition(beside, alt.value("white"), alt.value(PALETTE["city"])),
        stroke=alt.condition(beside, alt.value("white"), alt.value(PALETTE["city"])), **where)
    city = alt.Chart(named_data("city_label")).mark_text(
        fontSize=10.5, fontWeight="bold").encode(
        color=alt.condition(beside, alt.value(PALETTE["city"]), alt.value("white")), **where)
    return alt.layer(base, others_halo, others, halo, city).project(type="mercator").properties(
        width=width, height=height)


def locator_map(features: list[dict], labels: list[dict], city_code: str, lang: str = "nl",
                width: int = 330, height: int = 280) -> dict:
    """The city (accent colour) among the other municipalities of its region; ``labels``
    are the names to print (the city's in white with a halo of its fill)."""
    datasets = {"features": features,
                "city_label": [r for r in labels if r["code"] == city_code],
                "others": [r for r in labels if r["code"] != city_code]}
    names = {k: k for k in datasets}
    return finish(_locator_tpl(width, height), {**names, "city": city_code}, datasets, lang)


@template
def _choropleth_tpl(width: int, height: int, missing: bool = False) -> alt.LayerChart:
    """``missing``: some municipality has no figure; its grey hatching gets a legend entry
    (slot ``nodata``: 'geen cijfers')."""
    data = named_data("features", "json")
    fill_ = alt.Chart(data).mark_geoshape(stroke=DECORATIVE["outline"], strokeWidth=0.6).encode(
        color=alt.Color("properties.value:Q", title=slot("unit"),
                        scale=alt.Scale(type="quantize", range=SEQUENTIAL, nice=False),
                        legend=alt.Legend(format=slot("fmt"), orient="right")),
        tooltip=[alt.Tooltip("properties.name:N", title=" "),
                 alt.Tooltip("properties.value:Q", title=slot("unit"), format=slot("fmt"))],
    ).transform_filter("isValid(datum.properties.value)")
    missing_ = alt.Chart(data).mark_geoshape(
        fill=NO_FIGURES, stroke=DECORATIVE["outline"], strokeWidth=0.6).encode(
        tooltip=[alt.Tooltip("properties.name:N", title=" "),
                 alt.Tooltip("nodata:N", title=slot("unit"))],
    ).transform_filter("!isValid(datum.properties.value)").transform_calculate(
        nodata=f"'{slot('nodata')}'")
    if missing:
        missing_ = missing_.encode(fill=alt.Fill(
            "nodata:N", title=None, scale=alt.Scale(range=[NO_FIGURES]),
            legend=alt.Legend(orient="right", symbolType="square", symbolStrokeColor="#8c8c8c",
                              symbolStrokeWidth=0.6)))
    outline = alt.Chart(data).mark_geoshape(
        fill=None, stroke=PALETTE["ommeland"], strokeWidth=2.2).transform_filter(
        f"datum.properties.code == '{slot('city')}'")
    return alt.layer(missing_, fill_, outline).project(type="mercator").properties(
        width=width, height=height,
        title=alt.TitleParams(text=slot("title"), subtitle=slot("subtitle")))


def choropleth(features: list[dict], city_code: str, title: str, subtitle: str, unit: str,
               lang: str = "nl", width: int = 280, height: int = 220,
               decimals: int | None = None) -> dict:
    """An indicator across the region's municipalities (five equal-interval blues; grey
    hatching = no data, named in the legend when a municipality has none), the city
    outlined in orange."""
    values = [f["properties"]["value"] for f in features]
    slots = {"features": "features", "title": title, "subtitle": subtitle, "unit": unit,
             # legend and tooltips with every decimal, as the text prints them: '3,0', not '3'
             "fmt": number_format(values, unit, decimals).replace("~", ""), "city": city_code,
             "nodata": LABELS[lang]["no_figures"]}
    missing = any(v is None for v in values)
    return finish(_choropleth_tpl(width, height, missing), slots, {"features": features},
                  lang)
