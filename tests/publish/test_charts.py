"""Chart specs: filled templates, locale, AA contrast of the palette, SVG rendering, maps."""

from __future__ import annotations

import json

import pytest

from stadstrends.publish import chart_gaps, chart_heatmap, chart_maps, chart_panels, charts, maps
from stadstrends.publish.report.vega import fill


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#ffffff") -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_palette_meets_wcag_aa_on_white() -> None:
    for name in ("text", "muted", "accent"):
        assert contrast(charts.PALETTE[name]) >= 4.5, name
    for name, colour in charts.PALETTE.items():
        assert contrast(colour) >= 3.0, name  # non-text graphics (WCAG 1.4.11)
    for colour in ("#595959", "#0b4f8a", "#b7410e", "#1b6aa5"):  # report.css text colours
        assert contrast(colour) >= 4.5
    assert contrast("#ffffff", "#b7410e") >= 4.5  # badge text on the adverse colour


def test_fill_replaces_slots_in_strings_and_lists() -> None:
    spec = {"a": "@@x@@", "b": ["@@dom@@"], "c": "datum.code == '@@x@@'", "d": [1, "@@y@@"]}
    out = fill(spec, {"x": "GM0193", "dom": ["p", "q"], "y": 3})
    assert out == {"a": "GM0193", "b": ["p", "q"], "c": "datum.code == 'GM0193'", "d": [1, 3]}
    assert spec["a"] == "@@x@@"


def panel(significant: bool) -> chart_panels.Panel:
    city = [{"year": y, "value": 1000.0 + y} for y in range(2015, 2024)]
    band = [{"year": y, "p25": 900.0, "median": 950.0, "p75": 1100.0} for y in range(2015, 2024)]
    return chart_panels.Panel("Titel", "eenheid", "inwoners", city, city, city, band, significant)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_small_multiples_spec_is_complete_and_renders(lang: str) -> None:
    spec = chart_panels.small_multiples([panel(True), panel(False)], "Zwolle", lang)
    text = json.dumps(spec)
    assert "@@" not in text and "$schema" not in text and "http" not in text
    assert spec["config"]["locale"]["number"]["decimal"] == ("," if lang == "nl" else ".")
    assert len(spec["concat"]) == 2 and len(spec["datasets"]) == 14  # 7 per panel
    svg = charts.to_svg(spec)
    assert "<svg" in svg[:300] and "Titel" in svg


def test_lines_never_cross_a_missing_year_or_a_break() -> None:
    city = [{"year": y, "value": float(y)} for y in (2015, 2016, 2017, 2019, 2020, 2021, 2022)]
    p = chart_panels.Panel("Titel", "eenheid", "%", city, breaks=[2021], provisional=[2022])
    spec = chart_panels.small_multiples([p], "Zwolle", "nl")
    rows = [r for r in spec["datasets"]["p0lines"] if r["series"].startswith("Zwolle")]
    segs = {r["year"]: r["seg"].split("|")[1] for r in rows}
    # 2018 missing: a new segment from 2019; the break in 2021: another from 2021
    assert segs == {2015: "0", 2016: "0", 2017: "0", 2019: "1", 2020: "1", 2021: "2",
                    2022: "2"}
    assert spec["datasets"]["p0breaks"] == [{"at": 2020.5, "label": "reeksbreuk vanaf 2021"}]
    assert [r["year"] for r in spec["datasets"]["p0prov"]] == [2022]
    lines = spec["concat"][0]["layer"][0]
    assert lines["encoding"]["detail"]["field"] == "seg"
    one = chart_panels.runs([{"year": 2015, "series": "a"}, {"year": 2017, "series": "a"}], [])
    assert [r["solo"] for r in one] == [True, True]  # isolated points are drawn as dots
    assert "<svg" in charts.to_svg(spec)


def test_a_significant_trend_is_blue_over_its_tested_years_only() -> None:
    """Zwolle's registered crimes: tested 2017-2024 (rising), figures from 2010. The years
    before 2017 are light blue ('outside the tested years', not 'no significant trend'),
    that line runs on to 2017 (no gap), the last dot is dark blue."""
    city = [{"year": y, "value": float(y)} for y in range(2010, 2025)]
    p = chart_panels.Panel("Misdrijven", "per 1 000 inwoners", "per 1 000 inwoners", city,
                           significant=True, tested=(2017, 2024), provisional=[2024])
    spec = chart_panels.small_multiples([p], "Zwolle", "nl")
    rows = spec["datasets"]["p0lines"]
    blue = sorted(r["year"] for r in rows if r["series"] == "Zwolle, significante trend")
    light = sorted(r["year"] for r in rows
                   if r["series"] == "Zwolle, buiten de getoetste jaren")
    assert blue == list(range(2017, 2025)) and light == list(range(2010, 2018))
    assert not [r for r in rows if r["series"] == "Zwolle, geen trend vastgesteld"]
    assert spec["datasets"]["p0last"][0]["series"] == "Zwolle, significante trend"
    assert [r["series"] for r in spec["datasets"]["p0prov"]] == ["Zwolle, significante trend"]
    # a break where the tested years start: no grey link across it
    after_break = chart_panels.Panel("t", "s", "%", city, significant=True, tested=(2017, 2024),
                                     breaks=[2017])
    rows = chart_panels.small_multiples([after_break], "Zwolle", "nl")["datasets"]["p0lines"]
    assert max(r["year"] for r in rows if r["series"].endswith("getoetste jaren")) == 2016
    # not significant: all grey, whatever was tested
    flat = chart_panels.Panel("t", "s", "%", city, significant=False, tested=(2017, 2024))
    rows = chart_panels.small_multiples([flat], "Zwolle", "nl")["datasets"]["p0lines"]
    assert {r["series"] for r in rows} == {"Zwolle, geen trend vastgesteld"}
    assert "<svg" in charts.to_svg(spec)


def test_panel_titles_wrap_between_words_not_inside_a_number() -> None:
    assert charts.wrapped("Geregistreerde misdrijven per 1 000 inwoners", 31) == [
        "Geregistreerde misdrijven per", "1 000 inwoners"]
    assert charts.wrapped("Inwoners", 31) == ["Inwoners"]
    assert charts.wrapped("Banen per 1 000 inwoners (baanintensiteit) in de gemeente", 31) == [
        "Banen per 1 000 inwoners", "(baanintensiteit) in de gemeen…"]  # only the rest cut
    assert charts.wrapped("Volwassenen met een betalingsachterstand op de zorgpremie", 31,
                          3) == ["Volwassenen met een", "betalingsachterstand op de", "zorgpremie"]
    assert charts.wrapped("x" * 40, 31) == ["x" * 30 + "…"]
    # every panel of a figure gets as many lines, so the plots of a row line up
    city = [{"year": 2020, "value": 1.0}, {"year": 2021, "value": 2.0}]
    spec = chart_panels.small_multiples([
        chart_panels.Panel("Inwoners", "s", "%", city),
        chart_panels.Panel("Gemiddelde WOZ-waarde van woningen", "s", "%", city)], "Zwolle", "nl")
    assert [v["title"]["text"] for v in spec["concat"]] == [
        ["Inwoners", ""], ["Gemiddelde WOZ-waarde van", "woningen"]]
    assert "<svg" in charts.to_svg(spec)


def test_other_charts_render() -> None:
    rows = [{"label": "Werkloosheid", "first": 10.0, "last": 20.0, "verdict": 0,
             "first_year": 2016, "last_year": 2023}]
    assert "<svg" in charts.to_svg(chart_gaps.dumbbell(rows, "nl"))
    heat = chart_heatmap.heatmap([{"city": "A", "indicator": "x", "cat": "q1", "tip": ""}], "K",
                                 ["q1"], ["#000000"], ["x"], ["A"])
    assert heat["width"] == 15 and "<svg" in charts.to_svg(heat)
    proj = chart_panels.projection_chart([{"title": "T", "subtitle": "", "unit": "%", "rows": [
        {"year": 2020, "value": 1.0, "kind": "observed"},
        {"year": 2030, "value": 2.0, "kind": "projected"}]}], "en")
    assert "<svg" in charts.to_svg(proj)



def test_the_outlook_line_does_not_run_across_missing_years() -> None:
    """Zwolle's observed 65-plus share has 2005-2009, then 2019 alone, then 2023-2024: three
    pieces of line (2019 a point), as the small multiples draw them; the projection whole."""
    observed = [2005, 2006, 2007, 2008, 2009, 2019, 2023, 2024]
    rows = [{"year": y, "value": 14.0 + i / 10, "kind": "observed"}
            for i, y in enumerate(observed)]
    rows += [{"year": y, "value": 19.0, "kind": "projected"} for y in range(2024, 2051)]
    spec = chart_panels.projection_chart([{"title": "65+", "subtitle": "", "unit": "%",
                                           "rows": rows}], "nl")
    data = spec["datasets"]["p0"]
    pieces = {}
    for r in data:
        pieces.setdefault(r["seg"], []).append(r["year"])
    assert sorted(pieces.values()) == [[2005, 2006, 2007, 2008, 2009], [2019], [2023, 2024],
                                       list(range(2024, 2051))]
    assert [r["year"] for r in data if r["solo"]] == [2019]
    assert "<svg" in charts.to_svg(spec)


def _tooltips(spec) -> list[list]:
    """Every tooltip list of a spec (Vega-Lite keys a tooltip by title: fields that share
    one show only one of them)."""
    found = []
    if isinstance(spec, dict):
        if isinstance(spec.get("tooltip"), list):
            found.append(spec["tooltip"])
        for value in spec.values():
            found += _tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _tooltips(value)
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_tooltip_field_has_a_title_of_its_own(lang: str) -> None:
    rows = [{"label": "Werkloosheid", "first": 10.0, "last": 20.0, "verdict": 0,
             "first_year": 2016, "last_year": 2023}]
    heat = chart_heatmap.heatmap([{"city": "A", "indicator": "x", "cat": "q1", "tip": "q1"}], "K",
                                 ["q1"], ["#000000"], ["x"], ["A"], lang)
    specs = [chart_gaps.dumbbell(rows, lang), heat,
             chart_panels.small_multiples([panel(True)], "Zwolle", lang)]
    lists = [t for spec in specs for t in _tooltips(spec)]
    assert len(lists) >= 5
    for tips in lists:
        titles = [t.get("title", t.get("field")) for t in tips]
        assert len(titles) == len(set(titles)), titles
        assert not any("@@" in str(t) for t in titles)  # every slot filled
    heat_titles = [t["title"] for t in _tooltips(heat)[0]]
    assert heat_titles == (["Gemeente", "Indicator", "Toelichting"] if lang == "nl"
                           else ["Municipality", "Indicator", "Detail"])


def test_geometries_come_from_the_user_cache_as_parsed_until_the_file_changes(
        shared_data, monkeypatch, tmp_path) -> None:
    """The parsed geometries are kept in the user cache: a new process reads them back
    equal to a fresh parse; a changed GeoJSON (other size/time) or a damaged cache file is
    parsed again."""
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path / "cache"))
    src = maps.geojson_path(shared_data)
    path = tmp_path / "gemeenten.geojson"
    path.write_bytes(src.read_bytes())
    maps.load_geometries.cache_clear()
    parsed = maps.load_geometries(str(path))
    files = list((tmp_path / "cache" / "geometries").glob("*.marshal"))
    assert len(files) == 1
    maps.load_geometries.cache_clear()  # as in a new process
    monkeypatch.setattr(maps, "_parse_geometries", lambda p: pytest.fail("parsed again"))
    assert maps.load_geometries(str(path)) == parsed
    monkeypatch.undo()
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path / "cache"))
    files[0].write_bytes(b"not marshal")
    maps.load_geometries.cache_clear()
    assert maps.load_geometries(str(path)) == parsed  # damaged: parsed and written again
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"]
                        if f["properties"]["gemeentecode"] == "GM0193"]
    path.write_text(json.dumps(data), encoding="utf-8")
    maps.load_geometries.cache_clear()
    assert list(maps.load_geometries(str(path))) == ["GM0193"]
    maps.load_geometries.cache_clear()


def test_geometries_are_rewound_for_d3_and_clip_to_codes(shared_data) -> None:
    geo = maps.load_geometries(str(maps.geojson_path(shared_data)))
    assert len(geo) >= 342
    zwolle = geo["GM0193"]["geometry"]
    rings = [zwolle["coordinates"][0]] if zwolle["type"] == "Polygon" else [
        p[0] for p in zwolle["coordinates"]]
    assert all(maps._area(r) < 0 for r in rings)  # exterior rings clockwise
    feats = maps.region_features(geo, ["GM0193", "GM9999"], {"GM0193": 1.5})
    assert [f["properties"]["code"] for f in feats] == ["GM0193"]
    assert feats[0]["properties"]["value"] == 1.5
    spec = chart_maps.choropleth(feats, "GM0193", "T", "2024", "%")
    assert "<path" in charts.to_svg(spec)


def test_label_spreading_keeps_the_city_and_drops_neighbours() -> None:
    points = [{"code": "A", "lon": 0.0, "lat": 0.0}, {"code": "B", "lon": 0.01, "lat": 0.0},
              {"code": "C", "lon": 1.0, "lat": 1.0}]
    kept = maps.spread_labels(points, ["A", "B", "C"])
    assert [p["code"] for p in kept] == ["A", "C"]


def _y_labels(svg: str) -> list[str]:
    import re

    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if re.fullmatch(
        r"−?\d+(,\d+)?", t) and not re.fullmatch(r"20\d\d", t)]


def test_axis_labels_round_halves_away_from_zero_as_cbs_does() -> None:
    """Ticks 0,25 .. 0,45 at one decimal: d3 rounds the binary 0.35 (0.34999..) to 0,3;
    CBS and the report text round it to 0,4."""
    p = chart_panels.Panel(title="t", subtitle="s", unit="%",
                           city=[{"year": 2010, "value": 0.25}, {"year": 2011, "value": 0.45}])
    svg = charts.to_svg(chart_panels.small_multiples([p], "Zwolle", "nl"))
    from stadstrends.publish.format import fmt_number

    assert _y_labels(svg) == [fmt_number(v, 1) for v in (0.25, 0.30, 0.35, 0.40, 0.45)] \
        == ["0,3", "0,3", "0,4", "0,4", "0,5"]
    rows = [{"year": 2020 + i, "value": v, "kind": "observed"}
            for i, v in enumerate((0.25, 0.45))]
    svg = charts.to_svg(chart_panels.projection_chart(
        [{"title": "t", "subtitle": "s", "unit": "%", "rows": rows}], "nl"))
    assert "0,4" in _y_labels(svg) and _y_labels(svg).count("0,3") == 2


def test_axis_label_expression_keeps_the_sign_and_never_prints_minus_zero() -> None:
    spec = {"data": {"values": [{"value": v} for v in (-2.5, -0.04, 2.5, 1.45)]},
            "mark": "text", "transform": [{"calculate": charts.cbs_labels(",.0f").replace(
                "datum.value", "datum['value']"), "as": "shown"}],
            "encoding": {"y": {"field": "value", "type": "ordinal", "axis": None},
                         "text": {"field": "shown", "type": "nominal"}}}
    svg = charts.to_svg(spec)
    import re

    assert sorted(re.findall(r"<text[^>]*>([^<]*)</text>", svg)) == sorted(
        ["−3", "0", "3", "1"])


def test_charts_converted_in_threads_are_the_same_and_in_order() -> None:
    panels = [chart_panels.Panel(title=f"t{i}", subtitle="s", unit="%",
                                 city=[{"year": 2010 + j, "value": i + j / 10} for j in range(4)])
              for i in range(3)]
    specs = [chart_panels.small_multiples([p], "Zwolle", "nl") for p in panels]
    one_by_one = [charts.to_svg(s) for s in specs]
    assert len(set(one_by_one)) == 3
    assert charts.to_svgs(specs, threads=2) == one_by_one
    assert charts.to_svgs(specs[:1]) == one_by_one[:1] and charts.to_svgs([]) == []


def test_the_group_band_is_not_drawn_over_a_missing_year_or_a_break() -> None:
    """Like the lines: the p25-p75 band of the group starts again after a missing year
    (2014) and after a series break (2019), so it never suggests figures in between."""
    years = [2010, 2011, 2012, 2013, 2015, 2016, 2017, 2018, 2019, 2020]
    p = chart_panels.Panel(title="t", subtitle="s", unit="%",
                           city=[{"year": y, "value": 1.0} for y in years],
                           band=[{"year": y, "p25": 0.5, "median": 1.0, "p75": 1.5} for y in years],
                           breaks=[2019])
    spec = chart_panels.small_multiples([p], "Zwolle", "nl")
    band = spec["datasets"]["p0band"]
    runs = {}
    for r in band:
        runs.setdefault(r["seg"], []).append(r["year"])
    assert sorted(runs.values()) == [[2010, 2011, 2012, 2013], [2015, 2016, 2017, 2018],
                                     [2019, 2020]]
    layer = spec["concat"][0]["layer"][0]
    assert layer["mark"] in ("area", {"type": "area"}) and layer["encoding"]["detail"] == {
        "field": "seg", "type": "nominal"}
    # and drawn so: three separate areas in the SVG
    assert charts.to_svg(spec).count('aria-roledescription="area mark"') == 3


def test_a_provisional_figure_of_a_one_year_panel_is_ringed_in_its_series_colour() -> None:
    """One year: the group's bar (a thick rule) and the provisional figure's white ring both
    draw 'stroke'; on one shared scale the ring took the bar's pale colour (Vega: conflicting
    scale property 'range'), so the city's provisional figure looked like part of the bar."""
    city = [{"year": 2024, "value": 5.0}]
    band = [{"year": 2024, "p25": 4.0, "median": 6.0, "p75": 8.0}]
    p = chart_panels.Panel("Titel", "eenheid", "%", city, band=band, provisional=[2024])
    svg = charts.to_svg(chart_panels.small_multiples([p], "Zwolle", "nl"))
    rings = [s for s in svg.split("<path")[1:] if 'fill="#ffffff"' in s or 'fill="white"' in s]
    strokes = {s.split('stroke="', 1)[1].split('"', 1)[0] for s in rings if 'stroke="' in s}
    assert charts.PALETTE["city_ns"] in strokes, strokes
    assert charts.DECORATIVE["band"] not in strokes, strokes
