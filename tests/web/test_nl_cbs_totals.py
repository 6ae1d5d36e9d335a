"""The indicator page's Nederland where the municipalities' sum is incomplete: CBS's national
figure, said so (real warehouse; :mod:`stadstrends.indicators.aggregate`).

71486ned is cut after 'Moerdijk'; its Nederland row gives 38.5% one-person households in
2020. The page printed 'Nederland: – (berekend door Stadstrends uit de cijfers van de
gemeenten)'."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_one_person_households_nederland_2020_is_cbs_national_figure(client, wh) -> None:
    nl = wh.execute("SELECT value FROM indicator_values WHERE region_code = 'NL01' AND "
                    "indicator_id = 'one_person_household_share' AND year = 2020").fetchone()
    assert nl and nl[0] == pytest.approx(38.5, abs=0.05)
    text = _text(client.get("/indicator/one_person_household_share?regions=GM0307&year=2020",
                            headers=HTML).text)
    assert "Nederland: 38,5%" in text
    # session 45: COROP Utrecht and the province from 2019 (Vijfheerenlanden) are CBS's own
    # regional figures too, and before 2019 they have none: every figure drawn is CBS's
    assert ("COROP Utrecht, provincie Utrecht, Nederland. Alle drie zijn cijfers van CBS. "
            "Nederland in 2000–2024: uit de landelijke cijfers van CBS, omdat niet alle "
            "gemeenten een cijfer hebben. COROP Utrecht in 2019–2024 en provincie Utrecht in "
            "2019–2024: uit de cijfers van CBS voor de regio") in text
    assert "de provincie en Nederland zijn berekend door Stadstrends" not in text
    # without the context regions the summary says where its Nederland comes from
    two = _text(client.get("/indicator/one_person_household_share?regions=GM0307,GM0363&"
                           "year=2020", headers=HTML).text)
    assert ("Nederland: 38,5% (uit de landelijke cijfers van CBS, omdat niet alle gemeenten "
            "een cijfer hebben)") in two
    assert "berekend door Stadstrends" not in two


def test_a_complete_sum_keeps_its_words(client) -> None:
    """Net migration per 1 000: every municipality has a figure, Nederland stays their sum;
    the page names no CBS years (births per 1 000 is CBS's own rate since s52-h)."""
    text = _text(client.get("/indicator/net_migration_per_1000?regions=GM0307",
                            headers=HTML).text)
    assert "uit de landelijke cijfers van CBS" not in text
    assert "de provincie en Nederland zijn berekend door Stadstrends" in text
