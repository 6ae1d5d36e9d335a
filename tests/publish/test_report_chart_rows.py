"""A domain's small multiples on paper a picture per row of panels (report/chart_rows.py,
report.css's ``figure.rows``), so that a domain's heading and first sentences keep its first
chart row: one picture of all rows went whole to the next page, leaving the heading with a
blank half page (measured on the real warehouse, before: Oldambt's Demografie 132 mm blank
on page 7, its charts on page 8; Leiden's Ruimte en wonen 133 mm; after:
every domain's first row on its heading's page, or the blank under it less than that
row's height)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.publish.report import builder, pdf
from stadstrends.publish.report.chart_rows import rows

MM = 96 / 25.4  # CSS px per millimetre
BOTTOM = 18 * MM  # the @page bottom margin in report.css


def _view(i: int, band: bool = True) -> dict:
    layers = [{"data": {"name": f"p{i}lines"}, "encoding": {"color": {
        "field": "series", "legend": {"orient": "bottom"}}}}]
    if band:
        layers.insert(0, {"data": {"name": f"p{i}band"}, "encoding": {"fill": {
            "field": "label", "legend": {"orient": "bottom"}}}})
    return {"layer": layers}


def _legends(node) -> list:  # noqa: ANN001
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "legend"] + [
            x for v in node.values() for x in _legends(v)]
    return [x for v in node for x in _legends(v)] if isinstance(node, list) else []


def test_four_panels_are_two_rows_the_legend_under_the_last() -> None:
    spec = {"concat": [_view(i) for i in range(4)], "columns": 3, "datasets": {"x": []}}
    first, last = rows(spec)
    assert [len(first["concat"]), len(last["concat"])] == [3, 1]
    assert set(map(str, _legends(first))) == {"None"} and None not in _legends(last)
    assert first["datasets"] == spec["datasets"] and first["columns"] == 3


@pytest.mark.parametrize("spec", [
    {"concat": [_view(i) for i in range(3)], "columns": 3},  # one row
    {"layer": []},  # a map
    # the last row without the group's band: its legend would lose that entry
    {"concat": [_view(0), _view(1), _view(2), _view(3, band=False)], "columns": 3},
])
def test_a_chart_stays_one_picture(spec) -> None:
    assert rows(spec) == [spec]


def _walk(box, sections: tuple = ()):  # noqa: ANN001, ANN202
    element = getattr(box, "element", None)
    if element is not None and element.tag == "section" and (not sections
                                                             or sections[-1] is not element):
        sections = (*sections, element)
    yield box, element, sections
    for child in getattr(box, "children", None) or []:
        yield from _walk(child, sections)


def _layout(wh, city: str, tmp_path: Path, monkeypatch) -> object:  # noqa: ANN001
    """The WeasyPrint document of ``city``'s PDF, laid out here (not read from the cache)."""
    laid: dict = {}
    real = pdf.written

    def spy(document):  # noqa: ANN001, ANN202
        laid["doc"] = document
        return real(document)

    monkeypatch.setattr(pdf, "written", spy)
    monkeypatch.setattr(pdf, "read_page", lambda *_: None)
    builder.write_city(wh, city, tmp_path, "nl", "pdf")
    return laid["doc"]


@pytest.mark.parametrize("city", ["Oldambt", "Leiden"])
def test_a_domain_heading_keeps_its_first_chart_row(wh, tmp_path, monkeypatch, city) -> None:
    doc = _layout(wh, city, tmp_path, monkeypatch)
    heads: dict[str, int] = {}
    charts: dict[str, tuple[int, float]] = {}
    lowest: list[float] = []  # per page: the bottom of its lowest text or picture
    for number, page in enumerate(doc.pages):
        low = 0.0
        for box, element, sections in _walk(page._page_box):
            if element is None or box is page._page_box:
                continue
            if element.tag in ("p", "h2", "h3", "li", "tr", "img", "figcaption"):
                low = max(low, box.position_y + box.margin_height())
            domain = next((s.get("id") for s in reversed(sections)
                           if "domain" in (s.get("class") or "").split()), None)
            if domain and element.tag == "h2":
                heads.setdefault(domain, number)
            if domain and element.tag == "img" and "chart" in (element.get("src") or ""):
                charts.setdefault(domain, (number, box.margin_height()))
        lowest.append(low)
    assert len(charts) >= 6, charts  # the domains with charts were found
    bottom = doc.pages[0].height - BOTTOM
    apart = [(domain, heads[domain] + 1, round((bottom - lowest[heads[domain]]) / MM),
              round(height / MM)) for domain, (number, height) in charts.items()
             if number > heads[domain] and bottom - lowest[heads[domain]] >= height]
    assert not apart, apart  # (domain, heading's page, mm blank under it, first row's mm)
