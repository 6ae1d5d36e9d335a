"""The gap chart's caption names an ommeland of one municipality: Súdwest-Fryslân's 'ommeland'
is De Fryske Marren alone (COROP region Zuidwest-Friesland has the two), Zaanstad's is
Wormerland; a reader of 'het ommeland (920 m³)' should know it is one municipality's figure
(real snapshot)."""

from __future__ import annotations

from stadstrends.publish.report import gap_verdicts as gv
from tests.publish.loaded import kept_city


def test_an_ommeland_of_one_municipality_is_named(wh):
    for city, rest in (("Súdwest-Fryslân", "De Fryske Marren"), ("Zaanstad", "Wormerland")):
        data = kept_city(wh, city)
        assert [m["name"] for m in data.members if m["code"] != data.code] == [rest]
        assert f"het ommeland, hier alleen {rest} (de rest van de COROP-regio " \
            f"{data.corop['name']})" in gv.caption(data, "nl")
        assert f"here {rest} alone (the rest of the {data.corop['name']} COROP region)" \
            in gv.caption(data, "en")


def test_a_larger_ommeland_is_not_named(wh):
    data = kept_city(wh, "Zwolle")
    assert len(data.members) > 2
    caption = gv.caption(data, "nl")
    assert caption.startswith("Zwolle ten opzichte van het ommeland (de rest van de COROP-regio")
    assert "alleen" not in caption
