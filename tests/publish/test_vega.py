"""Static charts compiled once per template (publish/report/vega.py): the Vega a filled
template gives is the Vega of compiling the filled spec itself, on hand-made charts and on
every chart of real reports; where it could not be (a slot inside an expression), the spec
is compiled as it is."""

from __future__ import annotations

import json

import pytest
import vl_convert as vlc

from stadstrends.publish import chart_gaps, chart_heatmap, chart_maps, chart_panels, charts
from stadstrends.publish.report import builder, pdf, vega
from tests.publish.loaded import kept_city


def same_numbers(node):
    """JSON as Vega reads it: 2024.0 and 2024 are one number (vl-convert's JavaScript writes
    the first as the second)."""
    if isinstance(node, dict):
        return {k: same_numbers(v) for k, v in node.items()}
    if isinstance(node, list):
        return [same_numbers(v) for v in node]
    if isinstance(node, float) and node.is_integer():
        return int(node)
    return node


def direct(spec: dict) -> dict:
    """The Vega of the filled static spec, compiled as it is (the way before templates)."""
    return vlc.vegalite_to_vega(pdf.static(spec), vl_version=charts.VL_VERSION)


def assert_same_vega(spec: dict) -> dict:
    via = vega.vega_of(spec, charts.VL_VERSION, pdf.static)
    assert via is not None, "compiled as it is, not from its template"
    assert json.dumps(same_numbers(via), sort_keys=True) == json.dumps(
        same_numbers(direct(spec)), sort_keys=True)
    return via


def panel(first: int, last: int, band: bool = True, significant: bool = True,
          title: str = "Titel", subtitle: str = "eenheid", trend: str = "") -> chart_panels.Panel:
    years = range(first, last + 1)
    city = [{"year": y, "value": 1000.0 + 3 * y % 7} for y in years]
    rows = [{"year": y, "p25": 900.0, "median": 950.0, "p75": 1100.0} for y in years]
    return chart_panels.Panel(title, subtitle, "%", city, city[:-1], city,
                              rows if band else [], significant, breaks=[first + 1] if last > first
                              else [], provisional=[last], trend=trend)


def test_renamed_gives_each_panel_its_own_slots_but_the_shared_ones() -> None:
    node = {"a": "@@title@@", "b": ["@@domain@@"], "c": "datum.x == '@@city@@' && @@n@@"}
    out = vega.renamed(node, "p3_", frozenset({"domain"}))
    assert out == {"a": "@@p3_title@@", "b": ["@@domain@@"],
                   "c": "datum.x == '@@p3_city@@' && @@p3_n@@"}
    assert node["a"] == "@@title@@"


def test_a_spec_remembers_its_template_and_slots_and_reads_as_the_filled_dict() -> None:
    spec = chart_panels.small_multiples([panel(2015, 2023), panel(2020, 2020, band=False)],
                                        "Zwolle")
    template, slots = spec.recipe
    assert vega.fill(template, slots) == {k: v for k, v in spec.items() if k != "datasets"}
    assert "@@" not in json.dumps(spec) and type(json.loads(json.dumps(spec))) is dict
    assert {"p0_title", "p1_title", "domain"} <= slots.keys() and "p0_domain" not in slots


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_kind_gives_the_vega_of_its_filled_spec(lang: str) -> None:
    """Small multiples (band or not, one year or several), projections, the dumbbell and
    both maps: the filled template's Vega is the filled spec's; the SVG is the same."""
    square = [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]]
    features = [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": square},
                 "properties": {"code": "GM0193", "name": "Zwolle", "value": 3.5}}]
    specs = [
        chart_panels.small_multiples([panel(2015, 2023, trend="trend 2016-2023: niet significant"),
                                      panel(2020, 2020, band=False, subtitle="€"),
                                      panel(2018, 2023, band=False, significant=False,
                                            subtitle="per 1 000 inwoners"),
                                      panel(2024, 2024, title="Één jaar")], "'s-Hertogenbosch",
                                     lang, group="G40"),
        chart_panels.projection_chart([{"title": "Bevolking", "subtitle": "inwoners", "unit": "",
                                        "rows": [{"year": 2020 + i, "value": 100.0 + i,
                                                  "kind": "observed" if i < 3 else "projected"}
                                                 for i in range(6)]}] * 2, lang),
        chart_gaps.dumbbell([{"label": "Werkloosheid", "first": -3.0, "last": 4.5, "verdict": 0,
                              "first_year": 2015, "last_year": 2023}], lang),
        chart_maps.choropleth(features, "GM0193", "Titel", "2023 · %", "%", lang),
        chart_maps.locator_map(features, [{"code": "GM0193", "name": "Zwolle", "lon": 5.05,
                                           "lat": 52.05}], "GM0193", lang),
    ]
    for spec in specs:
        via = assert_same_vega(spec)
        assert vlc.vega_to_svg(via) == vlc.vegalite_to_svg(pdf.static(spec),
                                                           vl_version=charts.VL_VERSION)


def test_each_panel_keeps_its_own_slots_and_a_shared_slot_is_one_value() -> None:
    """Titles and subtitles stay the panel's own; a slot all panels share must be filled
    alike by each (else one value would stand for all: refused)."""
    spec = chart_panels.small_multiples([panel(2015, 2023, title="Een", subtitle="eerste"),
                                         panel(2015, 2023, title="Twee", subtitle="tweede")],
                                        "Zwolle")
    titles = [(v["title"]["text"], v["title"]["subtitle"]) for v in spec["concat"]]
    assert titles == [(["Een"], "eerste"), (["Twee"], "tweede")]
    chart = vega.numbered_slots({"title": "Een", "domain": ["a"]}, 0, frozenset({"domain"}), {})
    with pytest.raises(ValueError, match="shared slot 'domain'"):
        vega.numbered_slots({"title": "Twee", "domain": ["b"]}, 1, frozenset({"domain"}), chart)


def test_an_empty_slot_or_a_changed_spec_is_compiled_as_it_is() -> None:
    """Vega-Lite drops an empty title (and its subtitle), which a template compiled with a
    placeholder cannot know; a spec changed after it was filled no longer is its recipe."""
    for spec in (chart_panels.small_multiples([panel(2015, 2023, title="")], "Zwolle"),
                 chart_maps.choropleth([], "GM0193", "", "2023", "")):
        assert vega.vega_of(spec, charts.VL_VERSION, pdf.static) is None
        assert charts.to_svg(spec, pdf.static) == vlc.vegalite_to_svg(
            pdf.static(spec), vl_version=charts.VL_VERSION)
    tall = chart_gaps.dumbbell([{"label": "Werkloosheid", "first": -3.0, "last": 4.5, "verdict": 0,
                                 "first_year": 2015, "last_year": 2023}])
    assert vega.vega_of(tall, charts.VL_VERSION) is not None
    tall["height"] = 400
    assert vega.vega_of(tall, charts.VL_VERSION) is None
    assert 'height="4' in charts.to_svg(tall, pdf.static)[:400]


def test_a_template_is_compiled_once_per_process(monkeypatch) -> None:
    """Two charts of one shape with other titles, names and data: one compilation."""
    calls = []
    real = vlc.vegalite_to_vega

    def counting(spec, **kw):
        calls.append(1)
        return real(spec, **kw)

    monkeypatch.setattr(vlc, "vegalite_to_vega", counting)
    vega._COMPILED.clear()
    first = chart_panels.small_multiples([panel(2015, 2023, title="Een")], "Zwolle")
    second = chart_panels.small_multiples([panel(2016, 2022, title="Twee")], "Almere")
    assert_same_vega(first)  # compiles the template once, then the spec itself
    assert_same_vega(second)  # the template from memory, the spec itself
    assert len(calls) == 3


def test_a_template_is_kept_on_disk_for_the_next_process(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path))
    monkeypatch.setattr(vega, "_DISK", None)
    made = []

    class Chart:
        def to_dict(self, validate: bool) -> dict:
            return {"$schema": "https://vega.github.io/schema", "mark": "bar"}

    def bars(n: int) -> Chart:
        made.append(n)
        return Chart()

    assert vega.template(bars)(1) == {"mark": "bar"}
    (kept,) = tmp_path.glob("vl-templates-*.json")
    assert json.loads(kept.read_text(encoding="utf-8")) == {"bars(1,)": {"mark": "bar"}}
    monkeypatch.setattr(vega, "_DISK", None)  # as in a new process
    assert vega.template(bars)(1) == {"mark": "bar"} and made == [1]


def test_threads_wait_for_a_template_another_thread_is_compiling(monkeypatch) -> None:
    """Charts convert in threads: four at once on one new template compile it once (the
    compilation made slow here, so that the others surely ask while it runs)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    calls = []
    real = vlc.vegalite_to_vega

    def counting(spec, **kw):
        calls.append(1)
        time.sleep(0.3)
        return real(spec, **kw)

    monkeypatch.setattr(vlc, "vegalite_to_vega", counting)
    vega._COMPILED.clear()
    specs = [chart_panels.small_multiples([panel(2015, 2023, title=f"Paneel {n}")], "Zwolle")
             for n in range(4)]
    with ThreadPoolExecutor(4) as pool:
        out = list(pool.map(lambda s: vega.vega_of(s, charts.VL_VERSION, pdf.static), specs))
    assert len(calls) == 1 and not vega._COMPILED._making
    for n, filled_vega in enumerate(out):  # each its own panel, in order
        text = json.dumps(filled_vega, ensure_ascii=False)
        assert f'"Paneel {n}"' in text and all(f'"Paneel {m}"' not in text
                                               for m in range(4) if m != n)


def test_a_slot_inside_an_expression_that_is_not_plain_text_is_compiled_as_it_is() -> None:
    """Vega-Lite turns an explicit sort order (a list slot) into an expression, and a quote
    would be escaped there: no template then, the spec's own Vega (and the same picture)."""
    heat = chart_heatmap.heatmap([{"city": "Zwolle", "indicator": "a", "cat": "x", "tip": ""}],
                                 "Legenda", ["x"], ["#1b6aa5"], ["a"], ["Zwolle"])
    assert vega.vega_of(heat, charts.VL_VERSION, pdf.static) is None
    for code in ("GM'01", "GM\t01", "GM\u202801"):  # Vega-Lite escapes these in an expression
        odd = chart_maps.choropleth([], code, "Titel", "2023", "%")
        assert vega.vega_of(odd, charts.VL_VERSION, pdf.static) is None
    plain = chart_maps.choropleth([], "GM0193", "Titel", "2023", "%")
    assert vega.vega_of(plain, charts.VL_VERSION, pdf.static) is not None
    assert charts.to_svg(heat, pdf.static) == vlc.vegalite_to_svg(
        pdf.static(heat), vl_version=charts.VL_VERSION)
    assert vega.vega_of({"mark": "bar"}, charts.VL_VERSION) is None  # a plain dict


def test_every_chart_of_real_reports_gives_the_vega_of_its_filled_spec(wh) -> None:
    """All charts of four real reports (a name with a quote, a Frisian name, English), the
    group overview's included: each the Vega of its filled spec; only the overview's
    heatmaps (sort orders) are compiled as they are."""
    from stadstrends.publish.report.overview import overview_context

    geometries = builder.geometries_for(wh)
    figures = []
    for query, lang in (("'s-Hertogenbosch", "nl"), ("Súdwest-Fryslân", "nl"),
                        ("Zwolle", "en"), ("Vlieland", "nl")):
        ctx = builder.city_context(kept_city(wh, query, None), lang, geometries)
        figures += builder.figures_of(ctx)
    assert len(figures) >= 40
    for fig in figures:
        assert_same_vega(fig["spec"])
    overview = builder.figures_of(overview_context(wh, {}, "nl", "G40"))
    assert overview and all(
        vega.vega_of(f["spec"], charts.VL_VERSION, pdf.static) is None for f in overview)
