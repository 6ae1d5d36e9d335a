"""A profile bullet on a gap trend that moves only relatively (``region_gap_trends.
abs_against``: the relative gap grows or shrinks significantly while city - ommeland as
printed moves the other way) says both differences as printed, as the report does
(:func:`~stadstrends.publish.gap_absolute.abs_figures`): '... in absolute zin groter: van
+29,6 in 2016 naar +37,9 per 1 000 inwoners in 2023 — neutraal' (Dijk en Waard's solar
installations). Session 56's profile said 'in absolute zin groter' without them: on the real
snapshot all 87 such bullets of 61 municipalities in their default group (512 bullets of 75
municipalities over all their groups), nl and en. Real snapshot."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.groups import resolve_group
from stadstrends.publish.profile import _municipality, city_profile
from stadstrends.publish.profile_parts import opgaven_part

#: the absolute side of a relative-only verdict and its two figures, per language (after the
#: years the city lay on the other side, as in the report: 'in absolute zin groter (in 2022
#: lag het cijfer van de gemeente juist onder dat van het ommeland): van +70 in 2016 naar +85
#: Wp per inwoner in 2023', Drechterland's solar capacity)
SAID = {"nl": re.compile(r"in absolute zin (groter|kleiner)(?: \([^)]*\))?: van "
                         r"([−+]?[\d.]+(?:,\d+)?) in (\d{4}) naar ([−+]?[\d.]+(?:,\d+)?) "
                         r".*?in (\d{4})"),
        "en": re.compile(r"(grows|shrinks) in absolute terms(?: \([^)]*\))?: from "
                         r"([−+]?[\d,]+(?:\.\d+)?) in (\d{4}) to ([−+]?[\d,]+(?:\.\d+)?) "
                         r".*?in (\d{4})")}
BIGGER = ("groter", "grows")


def _number(text: str, lang: str) -> float:
    """'+37,9' (nl), '−1,234.5' (en) as a float."""
    text = text.replace("−", "-")
    text = text.replace(".", "").replace(",", ".") if lang == "nl" else text.replace(",", "")
    return float(text)


def relative_only_bullets(con) -> list[tuple[str, dict]]:
    """Every bullet of a gap signal that moves only relatively in the profiles of the
    municipalities that have one, in their default group, Dutch and English, as
    :func:`~stadstrends.publish.profile.city_profile` makes them (without Kies richting)."""
    codes = [c for (c,) in con.execute(
        "SELECT DISTINCT region_code FROM signals WHERE ends_with(movement, '_rel') "
        "AND NOT stale AND opgave_id IS NOT NULL ORDER BY 1").fetchall()]
    out = []
    for code in codes:
        region = _municipality(con, code)
        group = resolve_group(con, code, region["name"], None)
        for o in opgaven_part(con, code, group, ("nl", "en")):
            out += [(code, s) for s in o["top_signals"]
                    if str(s.get("movement")).endswith("_rel")]
    return out


def test_every_relative_only_bullet_says_both_differences(wh) -> None:
    """Each such bullet, nl and en, says city - ommeland as printed at the gap trend's first
    and last year (the warehouse's ``printed_first_gap``, ``printed_last_gap`` at the
    catalogue's decimals), and its word for the absolute move ('groter', 'kleiner') is what
    those figures do."""
    bullets = relative_only_bullets(wh)
    assert len(bullets) >= 70, len(bullets)  # 87 bullets of 61 municipalities, 2025 snapshot
    trends = {(r, i): rest for r, i, *rest in wh.execute(
        "SELECT region_code, indicator_id, printed_first_gap, printed_last_gap, first_year, "
        "last_year, decimals FROM region_gap_trends JOIN indicators USING (indicator_id) "
        "WHERE abs_against IS NOT NULL").fetchall()}
    for code, s in bullets:
        first, last, y0, y1, decimals = trends[(code, s["indicator_id"])]
        for lang in ("nl", "en"):
            text = s[f"text_{lang}"]
            m = SAID[lang].search(text)
            assert m, (code, text)
            word, shown0, year0, shown1, year1 = m.groups()
            assert (int(year0), int(year1)) == (y0, y1), (code, text)
            assert _number(shown0, lang) == pytest.approx(round(first, decimals)), (code, text)
            assert _number(shown1, lang) == pytest.approx(round(last, decimals)), (code, text)
            assert (word in BIGGER) == (abs(last) > abs(first)), (code, text)
        assert not any(k in s for k in ("abs_against", "printed_first_gap")), s  # said


def test_dijk_en_waards_solar_bullet(wh) -> None:
    """The report's figures (tests/publish/test_gap_absolute.py), in the profile."""
    profile = city_profile(wh, "Dijk en Waard", lang="en")
    sigs = [s for o in profile["opgaven"] for s in o["top_signals"]
            if s["indicator_id"] == "solar_installations_per_1000"
            and s["kind"].startswith("gap_")]
    assert sigs
    for s in sigs:
        assert s["text_nl"].endswith(
            "de voorsprong van de gemeente is relatief significant kleiner geworden (het "
            "ommeland loopt in), in absolute zin groter: van +29,6 in 2016 naar +37,9 per 1 000 "
            "inwoners in 2023 — neutraal."), s["text_nl"]
        assert s["text_en"].endswith(
            "but grows in absolute terms: from +29.6 in 2016 to +37.9 per 1,000 inhabitants in "
            "2023 — neutral."), s["text_en"]
