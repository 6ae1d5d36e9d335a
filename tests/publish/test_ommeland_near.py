"""The ommeland half of a position sentence follows the median's rule (``near_median``, Kies
richting's): a figure within one rounding unit of the ommeland is 'rond het niveau van het
ommeland', not 'lager dan' (the real snapshot). Before, Dijk en Waard's unemployment of 2024
was 'rond de mediaan van de 64 gemeenten (3,2% tegen 3,3%) en lager dan het ommeland
(3,3%)': the same 0,1 about equal to one benchmark and lower than the other."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city


def _text(wh, code: str, lang: str) -> str:
    html = builder.render("city.html.j2", builder.city_context(kept_city(wh, code), lang, None),
                          pdf=False)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u2060", "")


def _num(text: str) -> float:
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "rond de mediaan van de 64 gemeenten van deze grootte (3,2% tegen 3,3%) en rond "
           "het niveau van het ommeland (3,3%)"),
    ("en", "(3.2% against 3.3%) and close to the level of the surrounding region (3.3%)")])
def test_dijk_en_waard_unemployment(wh, lang: str, words: str) -> None:
    value, omm = wh.execute(
        "SELECT value, ommeland_value FROM benchmarks WHERE region_code = 'GM1980' AND "
        "indicator_id = 'unemployment_rate' AND year = 2024").fetchone()
    # lower, more than a unit below the stored 3,3228, one unit below it as printed (3,3)
    assert value < omm and abs(value - omm) > 0.1 and abs(value - round(omm, 1)) <= 0.1 + 1e-9
    assert words in _text(wh, "GM1980", lang)


@pytest.mark.parametrize("code", ["GM1980", "GM0014", "GM0193", "GM0363", "GM0088"])
def test_no_sentence_calls_a_closer_gap_lower_than_a_near_median(wh, code: str) -> None:
    """Within one sentence: the ommeland no further from the figure than a median called
    'rond' is never 'hoger dan' or 'lager dan' it."""
    text = _text(wh, code, "nl")
    near = re.compile(r"rond de mediaan [^()]*\((-?[\d.,]+)%? tegen (-?[\d.,]+)%?\) en "
                      r"(hoger dan|lager dan|rond het niveau van) het ommeland \((-?[\d.,]+)")
    for m in near.finditer(text):
        value, median, omm = _num(m.group(1)), _num(m.group(2)), _num(m.group(4))
        if abs(value - omm) <= abs(value - median):
            assert m.group(3) == "rond het niveau van", m.group(0)


def test_groningen_labour_participation(wh) -> None:
    """72,2% beside an ommeland of 72,1%: one unit apart, 'rond het niveau' (before: 'hoger
    dan')."""
    value, omm = wh.execute(
        "SELECT value, ommeland_value FROM benchmarks WHERE region_code = 'GM0014' AND "
        "indicator_id = 'net_labour_participation' AND year = 2024").fetchone()
    assert (value, round(omm, 1)) == (72.2, 72.1)
    text = _text(wh, "GM0014", "nl")
    assert "onder de mediaan van de G40 (72,9%) en rond het niveau van het ommeland (72,1%)" in text


def test_near_printed_compares_with_the_printed_figure() -> None:
    from stadstrends.publish.positions import near_median, near_printed

    assert not near_median(3.2, 3.3228, 1, None)  # the stored figure: 0,12 apart
    assert near_printed(3.2, 3.3228, 1, None)  # as printed, 3,3: one unit
    assert not near_printed(3.2, 3.36, 1, None)  # printed 3,4: two units
    assert near_printed(970, 984, 0, 10) and not near_printed(970, 986, 0, 10)  # tens
