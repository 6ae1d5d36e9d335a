"""The profile lists an indicator once per opgave, by its strongest signal (the real
snapshot): Deventer's solar installations per 1 000 inhabitants were three bullets under
Wonen, one per signal (its rise, its gap to the ommeland, that gap's trend)."""

from __future__ import annotations

from rich.console import Console

from stadstrends.publish.profile import city_profile, render_profile

IND = "solar_installations_per_1000"
TITLE = "Zonnestroominstallaties per 1 000 inwoners"


def test_deventer_lists_each_indicator_once_per_opgave(wh) -> None:
    p = city_profile(wh, "Deventer")
    wonen = next(o for o in p["opgaven"] if o["id"] == "wonen")
    # the indicator gives more than one signal in this opgave: the case that was repeated
    n = wh.execute("SELECT count(*) FROM signals WHERE region_code = 'GM0150' AND set_id = ? "
                   "AND opgave_id = 'wonen' AND indicator_id = ?",
                   [p["group"]["set_id"], IND]).fetchone()[0]
    assert n >= 2
    for o in p["opgaven"]:
        ids = [s["indicator_id"] for s in o["top_signals"]]
        assert len(ids) == len(set(ids)), (o["id"], ids)
        assert len(ids) == min(5, o["n_signal_indicators"])
    assert [s["indicator_id"] for s in wonen["top_signals"]].count(IND) == 1
    console = Console(record=True, width=400)
    render_profile(p, console, "nl")
    text = console.export_text()
    part = text[text.index("Wonen:"):text.index("Zorg en welzijn:")]
    assert part.count(TITLE) == 1, part
