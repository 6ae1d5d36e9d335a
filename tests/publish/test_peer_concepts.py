"""The front page's peers say only what they were compared on. The peers step compares a pair
on the variables both have (analysis/peers.py); Rozendaal has no disposable income for 2023,
the year the step uses, so its peers (Ameland, Baarle-Nassau, ...: mean incomes near 50
thousand euro against Rozendaal's 90) rest on no income at all. The report said they were
'structureel het meest op Rozendaal lijken (omvang, dichtheid, leeftijd, inkomen, banen,
herkomst)'. On the real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city


def _peers_text(wh, city: str, lang: str) -> tuple[str, list[dict]]:
    data = kept_city(wh, city)
    return builder.city_context(data, lang, None)["front"]["peers_text"], data.peers


def test_rozendaal_s_peers_do_not_claim_income(wh) -> None:
    text, peers = _peers_text(wh, "GM0277", "nl")
    assert peers and not any("income_disposable_mean" in p["variables"] for p in peers)
    assert "inkomen, banen" not in text
    assert text == ("De 5 gemeenten die structureel het meest op Rozendaal lijken (omvang, "
                    "dichtheid, leeftijd, banen, herkomst; zonder inkomen: Rozendaal heeft "
                    "geen cijfer over 2023):")
    text, _ = _peers_text(wh, "GM0277", "en")
    assert "(size, density, age, jobs, origin; without income: Rozendaal has no figure " \
           "for 2023):" in text


def test_a_peer_without_income_is_named(wh) -> None:
    """Blaricum's peers Rozendaal and Ameland lack the income of 2023: its other three were
    compared on it."""
    text, peers = _peers_text(wh, "GM0376", "nl")
    lacking = [p["name"] for p in peers if "income_disposable_mean" not in p["variables"]]
    assert 0 < len(lacking) < len(peers)
    assert "(omvang, dichtheid, leeftijd, inkomen, banen, herkomst; inkomen niet bij " in text
    assert all(name in text for name in lacking)


@pytest.mark.parametrize("city", ["GM1900", "GM0193"])
def test_peers_compared_on_everything_say_everything(wh, city: str) -> None:
    """Súdwest-Fryslân and Zwolle: every pair used every concept."""
    text, peers = _peers_text(wh, city, "nl")
    assert all(len(p["variables"]) == 7 for p in peers)
    assert text.endswith("(omvang, dichtheid, leeftijd, inkomen, banen, herkomst):")
