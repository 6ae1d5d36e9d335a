"""Out-of-date neighbourhood figures are said to be so, as the accountability section says,
on the real snapshot (the build's ``stale_after_years``: figures whose latest year is before
``fresh_from``).

Before: Amersfoort's 'Sociaaleconomische status per buurt, 2014-2019 (CBS-tabel 85163NED)'
gave 'De segregatie van lage inkomens nam significant af: van 0,286 in 2014 naar 0,272 in
2019.' without 'verouderd', while the Verantwoording said figures from before 2022 are not
in the text."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.sections import neighbourhoods
from tests.publish.loaded import kept_city

STALE = {"nl": "Verouderd: het laatste jaar met cijfers ({year}) ligt vóór {fresh}.",
         "en": "Out of date: the latest year with figures ({year}) is before {fresh}."}
SAID = {"nl": "en bij de verschillen tussen buurten, staat erbij dat ze verouderd zijn",
        "en": "and for the differences between neighbourhoods, the text says they are out of "
              "date"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stale_neighbourhood_figures_are_marked_where_they_are_said(wh, lang: str) -> None:
    """Every municipality with neighbourhood trends: a source whose sentences end before the
    fresh year carries the note, a fresh one none."""
    codes = [r[0] for r in wh.execute(
        "SELECT DISTINCT region_code FROM inequality_trends ORDER BY 1").fetchall()]
    assert len(codes) >= 10
    stale = 0
    for code in codes:
        data = kept_city(wh, code, None)
        writer = data.writer(lang, named=True)
        for item in neighbourhoods(data, lang, writer):
            if not item["sentences"]:
                assert not item.get("stale"), item
                continue
            years = [c.year for s in item["sentences"] for c in s.cites if c.year]
            last = max(years)
            if last < data.fresh_from:
                assert item["stale"] == STALE[lang].format(year=last, fresh=data.fresh_from)
                stale += 1
            else:
                assert not item["stale"], (code, item["source"])
    assert stale >= 5  # 85163NED ends in 2019: 8 G40 cities have its figures


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_amersfoorts_report_says_its_neighbourhood_status_is_out_of_date(wh, lang) -> None:
    data = kept_city(wh, "Amersfoort", None)
    ctx = builder.city_context(data, lang, None)
    html = builder.render("city.html.j2", ctx, pdf=False)
    note = STALE[lang].format(year=2019, fresh=data.fresh_from)
    assert note in html
    at = html.index(note)
    assert html.index("85163NED") < at < html.index("0,272" if lang == "nl" else "0.272")
    assert SAID[lang] in " ".join(ctx["acc"]["intro"].split())
