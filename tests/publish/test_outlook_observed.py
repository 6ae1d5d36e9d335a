"""The Vooruitblik says where CBS's forecast already misses the observed figure of its
first year by more than the forecast's rounding (``sentence_projections.off_observed``), on
the real snapshot. Heerlen's read 'Prognose inwoners: van 85.900 in 2026 (waargenomen:
87.764) naar 82.400 in 2050' and nothing more: the forecast starts 1 864 (2,1%) below the
register, and a reader took its fall of 3 500 by 2050 at face value. Of the 85 municipalities
with a population forecast, 82 lie more than 50 (half CBS's 100) off in 2026 (46 below, 36
above); of the 24 with a 65-plus forecast (82220NED), 22 more than 0,1 procentpunt.

Also the reasons beside a missing forecast, which a reader took for a cut copy: 85171NED and
84525NED are whole tables in the snapshot (fewer than 10 000 rows), and 85171NED holds
exactly the 88 municipalities with 50 000 inhabitants or more on 1 January 2021, so 'CBS
publiceert de tabellen 84525NED en 85171NED niet voor alle gemeenten, en in geen enkel jaar
voor Baarle-Nassau' is CBS's choice, not the copy's."""

from __future__ import annotations

import pytest

from stadstrends.publish.format import round_half_away
from stadstrends.publish.report.sections import outlook
from stadstrends.publish.sentence_numbers import number
from tests.publish.loaded import kept_city

OBSERVED = {"population_projected": "population",
            "share_age_65_plus_projected": "share_age_65_plus"}


def _value(wh, ind: str, code: str, year: int) -> float | None:
    row = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                     "region_code = ? AND year = ?", [ind, code, year]).fetchone()
    return None if row is None else row[0]


@pytest.mark.parametrize(("code", "lang", "want"), [
    ("GM0917", "nl", "Prognose inwoners: van 85.900 in 2026 (waargenomen: 87.764) naar 82.400 "
                     "in 2050. In 2026 ligt de prognose 1.900 inwoners onder het "
                     "waargenomen aantal."),
    ("GM0917", "en", "Projected population: from 85,900 in 2026 (observed: 87,764) to 82,400 "
                     "inhabitants in 2050. In 2026 the projection is 1,900 "
                     "inhabitants below the observed number."),
    # Zwolle's forecast lies above the register (138 400 against 134 147)
    ("GM0193", "nl", "Prognose inwoners: van 138.400 in 2026 (waargenomen: 134.147) naar "
                     "149.300 in 2050. In 2026 ligt de prognose 4.300 inwoners boven het "
                     "waargenomen aantal."),
    # Alkmaar's within the rounding (113 200 against 113 196): nothing said
    ("GM0361", "nl", "Prognose inwoners: van 113.200 in 2026 (waargenomen: 113.196) naar "
                     "121.900 in 2050."),
])
def test_a_forecast_off_the_observed_figure_says_so(wh, code: str, lang: str, want: str) -> None:
    (s,) = [s for s in outlook(kept_city(wh, code, None), lang)["sentences"]
            if s.indicator_id == "population_projected"]
    assert s.text == want
    gap = _value(wh, "population", code, 2026) - _value(wh, "population_projected", code, 2026)
    said = [c for c in s.cites if c.field == "projection_gap"]
    if abs(gap) > 50:
        assert [(c.year, c.value, c.precision) for c in said] == [(2026, abs(gap), 100)]
    else:
        assert not said


def test_every_g40_forecast_says_its_gap_iff_beyond_the_rounding(wh) -> None:
    """On all 41 G40 members, both forecasts: the clause stands exactly where the observed
    figure of the forecast's first year lies more than half CBS's unit (100 inhabitants) or
    more than a printed unit (0,1 procentpunt, a share of rounded counts) from the forecast,
    with its side and its size to that unit, from the warehouse's values."""
    codes = [c for (c,) in wh.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = 'G40' "
        "AND focal_code IS NULL ORDER BY 1").fetchall()]
    said = quiet = 0
    for code in codes:
        for s in outlook(kept_city(wh, code, None), "nl")["sentences"]:
            obs = OBSERVED.get(s.indicator_id)
            first = s.cites[0]
            seen = _value(wh, obs, code, first.year) if obs else None
            if seen is None:
                assert "waargenomen aantal" not in s.text and "waargenomen percentage" \
                    not in s.text, s.text
                continue
            gap = seen - _value(wh, s.indicator_id, code, first.year)
            unit, edge = (100, 50) if obs == "population" else (0.1, 0.1)
            if abs(gap) <= edge + 1e-9:
                quiet += 1
                assert "De prognose ligt" not in s.text, s.text
                continue
            said += 1
            digits = 0 if unit == 100 else 1  # the difference of the printed figures
            printed = round_half_away(seen, digits) - round_half_away(
                _value(wh, s.indicator_id, code, first.year), digits)
            size = number(round_half_away(abs(printed) / unit) * unit, "", "nl", digits)
            side = "onder" if gap > 0 else "boven"
            what = "inwoners" if unit == 100 else "procentpunt"
            assert s.text.endswith(f" In {first.year} ligt de prognose {size} {what} "
                                   f"{side} het waargenomen "
                                   f"{'aantal' if unit == 100 else 'percentage'}."), s.text
    assert said >= 50 and quiet >= 1, (said, quiet)


@pytest.mark.parametrize("code", ["GM0879", "GM1980"])  # Zundert, Dijk en Waard
def test_no_forecast_and_its_reasons_are_true(wh, code: str) -> None:
    """Neither in 85171NED (the 88 of 50 000+ inhabitants) nor in this snapshot's copy of
    85173NED (every municipality, cut after Delft): the copy's cut said for 2023-2050, not
    that CBS publishes none (before session 57 Baarle-Nassau's line said so of 85171NED,
    while 85173NED has its forecast: it has one now, test_region_fallback.py)."""
    data = kept_city(wh, code, None)
    section = outlook(data, "nl")
    assert not section["sentences"] and section["empty"]
    for table in ("85171NED", "84525NED"):  # whole tables: not a copy cut at 10 000 rows
        rows, kind = wh.execute("SELECT rows_read, completeness_code FROM sources "
                                "WHERE table_id = ?", [table]).fetchone()
        assert rows < 10_000 and kind == "complete", (table, rows, kind)
    held = {c for (c,) in wh.execute(
        "SELECT DISTINCT region_code FROM raw_observations WHERE table_id = '85171NED' "
        "AND region_code LIKE 'GM%'").fetchall()}
    large = {c for (c,) in wh.execute(
        "SELECT region_code FROM raw_observations WHERE table_id = '37259eng' "
        "AND measure = 'PopulationOn1January_1' AND dims = 'Sex=Total male and female' "
        "AND year = 2021 AND region_code LIKE 'GM%' AND value >= 50000").fetchall()}
    assert held == large and len(held) == 88
    # Zundert and Langedijk (part of Dijk en Waard) are small; Heerhugowaard is held
    assert "GM0879" not in held and "GM0416" not in held and "GM0398" in held
    cut = wh.execute("SELECT cut_after, completeness_code FROM sources "
                     "WHERE table_id = '85173NED'").fetchone()
    assert cut == ("Delft", "cut")
    said = " ".join(section["caveats"])
    copy = ("Stadstrends heeft CBS-tabel 85173NED niet compleet{}de tabel houdt op bij Delft; "
            "de gemeenten die in het alfabet daarna komen, {}ontbreken, omdat het CBS bij één "
            "keer ophalen hoogstens 10.000 rijen van een tabel levert.")
    assert "85171NED" not in said
    if code == "GM0879":
        assert "Prognose inwoners: " + copy.format(": ", "zoals Zundert, ") in said
        assert ("Prognose inwoners: CBS publiceert tabel 84525NED niet voor alle gemeenten, "
                "en in geen enkel jaar voor Zundert.") in said
    else:
        assert ("Prognose inwoners: geen cijfers voor Langedijk, waaruit de gemeente deels is "
                "ontstaan: " + copy.format("; ", "")) in said
        assert "Prognose inwoners: geen cijfers voor Langedijk in de grenzen van toen." in said
