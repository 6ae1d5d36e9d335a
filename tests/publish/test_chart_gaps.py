"""The tweedeling dot plot on real data: one row far wider than the rest ends beyond the
axis's ticks with its figure written there, and no figure of any chart is lost or misdrawn."""

from __future__ import annotations

from stadstrends.publish import chart_gaps, charts
from stadstrends.publish.report import sections
from stadstrends.publish.report.data import set_cities
from tests.publish.loaded import kept_city


def _gap_figure(wh, code: str, lang: str = "nl") -> dict | None:
    figures = sections.divide(kept_city(wh, code), lang)["city_region"]["figures"]
    return next((f for f in figures if f["id"] == "fig-gaps"), None)


def test_an_outlying_gap_no_longer_squashes_the_other_rows(wh) -> None:
    """Ameland (GM0060): solar capacity per inhabitant was 975% above the ommeland in 2016
    (98% in 2023); the axis ran to +1 000, so self-employment (+97 -> +69%) and labour
    participation (+4 -> +3%) sat in the first tenth. Now the axis ends where the other rows
    do and an outlying figure is drawn past it, written under it, the caption saying so.
    Since session 34 Ameland's other gaps have no verdict (CBS's rounding): Moerdijk's
    electricity delivered to businesses, 488% above in 2016 and 728% in 2023, beside its
    housing shares and crimes (-39% to +26%)."""
    fig = _gap_figure(wh, "GM1709")
    spec, data = fig["spec"], fig["spec"]["datasets"]
    rows = {r["label"]: r for r in data["rows"]}
    power = rows["Geleverde elektriciteit aan bedrijven per inwoner"]
    ticks = chart_gaps.gap_axis(data["rows"])
    assert ticks[-1] <= 100 and power["first"] > 400 and len(rows) >= 5
    # both its figures lie past the ticks, written there
    # (from three times as high in words, as the table and the sentence: h50g)
    assert [b["text"] for b in data["beyond"]] == [
        "2016: bijna 6 keer zo hoog, 2023: ruim 8 keer zo hoog →"]
    assert power["fx"] > ticks[-1] and power["lx"] > ticks[-1]  # past the ticks
    # the other rows use about half of the axis (Ameland's a tenth before): -39% on -40..+40
    widest = max(abs(v) for r in data["rows"] if r is not power for v in (r["first"], r["last"]))
    assert widest > 0.45 * (ticks[-1] - ticks[0])
    assert "buiten de schaal" in fig["caption"] and "bijna 6 keer zo hoog" in str(fig["table"])
    assert "<svg" in charts.to_svg(spec)


def test_no_gap_chart_of_the_g40_loses_a_figure(wh) -> None:
    """Every G40 member (and Moerdijk, Veendam): each figure inside the ticks is drawn where
    it is, each outside them is drawn past the ticks on its side and written under it; a
    caption mentions it exactly when a chart has one."""
    codes = [c["code"] for c in set_cities(wh, "G40")] + ["GM1709", "GM0047"]
    capped = []
    for code in codes:
        fig = _gap_figure(wh, code)
        if fig is None:
            continue
        data = fig["spec"]["datasets"]
        ticks, beyond = chart_gaps.gap_axis(data["rows"]), data["beyond"]
        lo, hi = ticks[0], ticks[-1]
        said = " ".join(b["text"] for b in beyond)
        for r in data["rows"]:
            for key, at in (("first", "fx"), ("last", "lx")):
                v = r[key]
                if lo <= v <= hi:
                    assert r[at] == v, (code, r)
                else:
                    assert (r[at] > hi) if v > hi else (r[at] < lo), (code, r)
                    assert f"{r[f'{key}_year']}: {chart_gaps.beyond_text(v, 'nl')}" in said
        assert bool(beyond) == ("buiten de schaal" in fig["caption"]), code
        capped += [code] if beyond else []
    # two G40 members' axes are capped (Hoorn's, Roosendaal's) since session 34, when
    # gaps within CBS's rounding left their charts; Ameland's and Velsen's are no more
    assert sorted(capped) == ["GM0047", "GM0405", "GM1674", "GM1709"], capped


def test_the_gap_axis_writes_zero_without_a_sign(wh) -> None:
    """The axis's labels are signed ('+50', '−25') but zero has none: Nijkerk's and Zwolle's
    charts read '+0' at the middle."""
    import re

    for code in ("GM0267", "GM0193"):  # Nijkerk, Zwolle
        fig = _gap_figure(wh, code)
        ticks = chart_gaps.gap_axis(fig["spec"]["datasets"]["rows"])
        assert 0 in ticks, (code, ticks)
        labels = re.findall(r"<text[^>]*>([^<]*)</text>", charts.to_svg(fig["spec"]))
        assert "0" in labels and "+0" not in labels, (code, labels)
        signed = [t for t in labels if re.fullmatch(r"[+−]\d+", t)]
        assert len(signed) == len(ticks) - 1, labels  # the others keep their sign


def test_a_gap_of_ten_times_or_more_is_a_multiple_past_the_axis(wh) -> None:
    """Velsen (GM0453): its one tweedeling row, electricity delivered to businesses, lay
    +2 526% and +2 806% above the ommeland: the axis ran to +3.000% while the sentence says
    'ruim 29 keer zo hoog als in het ommeland'. Now the axis stops at +900% (ten times as
    high, where the text turns to multiples) and both figures are written past it in the
    sentence's words."""
    fig = _gap_figure(wh, "GM0453")
    data = fig["spec"]["datasets"]
    ticks = chart_gaps.gap_axis(data["rows"])
    assert ticks[-1] <= 1000 and min(r["first"] for r in data["rows"]) > 2000, ticks
    said = " ".join(b["text"] for b in data["beyond"])
    assert "ruim 26 keer zo hoog" in said and "ruim 29 keer zo hoog" in said, said
    assert "buiten de schaal" in fig["caption"]
    assert "<svg" in charts.to_svg(fig["spec"])
