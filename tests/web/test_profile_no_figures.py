"""A domain without any indicator with figures for the municipality says so plainly in the
API profile's summary, not '0 indicatoren met cijfers: 0 verbeteren, 0 verslechteren, 0 ...
en 0 zonder significante trend.' (Zwolle's technology domain on the real snapshot; on the
synthetic warehouse the domains its nine indicators leave empty)."""

from __future__ import annotations

from stadstrends.publish.profile_domains import domain_summary

COUNTS = {"improving": 0, "worsening": 0, "neutral": 0, "flat": 0, "untested": 0,
          "over_jump": 0}


def test_an_empty_domain_has_no_zero_counts(syn_client) -> None:
    domains = syn_client.get("/api/v1/profile/GM0193").json()["domains"]
    empty = [d for d in domains if d["n_indicators"] == 0]
    full = [d for d in domains if d["n_indicators"] > 0]
    assert empty and full
    for d in empty:
        assert d["summary_nl"] == ("Geen cijfers: geen van de indicatoren van dit domein heeft "
                                   "cijfers voor deze gemeente."), d
        assert "0 " not in d["summary_nl"]
    for d in full:  # the counts stay where there are figures
        assert d["summary_nl"].startswith(f"{d['n_indicators']} indicator")


def test_the_words_in_english() -> None:
    assert domain_summary(0, COUNTS, 5, "en") == (
        "No figures: none of the indicators of this domain has figures for this municipality.")
    assert domain_summary(1, {**COUNTS, "flat": 1}, 5, "en").startswith("1 indicator with "
                                                                        "figures: 0 improving")
