"""The city page's wijk map: KWB 2024 figures on the 2014 wijk boundaries, a wijk drawn only
when 2014 has the same code and name, the others listed; none after the KWB's cut."""

from __future__ import annotations

import json
import re

HTML = {"accept": "text/html"}


def _kwb_wijken(wh, gm: str) -> dict[str, str]:
    return dict(wh.execute(
        "SELECT region_code, any_value(region_label) FROM raw_observations WHERE table_id = "
        "'85984NED' AND region_code LIKE ? AND year = 2024 AND measure IN "
        "('GemiddeldeWOZWaardeVanWoningen_39', 'InBezitWoningcorporatie_49') GROUP BY 1",
        [f"WK{gm[2:]}%"]
    ).fetchall())


def test_wijk_boundaries_of_one_municipality(client) -> None:
    response = client.get("/api/v1/geo/wijken/GM0307.geojson")
    assert response.status_code == 200
    features = response.json()["features"]
    assert len(features) == 31 and all(f["properties"]["code"].startswith("WK0307")
                                       for f in features)
    points = [p for f in features for poly in f["geometry"]["coordinates"] for ring in poly
              for p in ring]
    assert all(5.2 < x < 5.6 and 52.0 < y < 52.3 for x, y in points)  # Amersfoort
    assert client.get("/api/v1/geo/wijken/Zwole.geojson").status_code == 404


def test_wijken_drawn_only_where_2014_has_the_same_wijk(client, wh) -> None:
    page = client.get("/gemeente/GM0307?format=json").json()
    w = page["wijken"]
    kwb = _kwb_wijken(wh, "GM0307")
    assert w["n"] == len(kwb) == len(w["drawn"]) + len(w["missing"])
    shapes = {f["properties"]["code"]: f["properties"]["name"] for f in
              client.get("/api/v1/geo/wijken/GM0307.geojson").json()["features"]}
    def plain(name: str) -> str:
        return name.lower().replace("-", " ")

    for x in w["drawn"]:  # same code, same name (the 2014 map writes 'Wijk 21 Kattenbroek')
        assert plain(re.sub(r"^Wijk \d+ ", "", shapes[x["code"]])) == plain(x["name"])
    assert 15 < len(w["drawn"]) < len(kwb)
    woz = dict(wh.execute(
        "SELECT region_code, value FROM raw_observations WHERE table_id = '85984NED' AND "
        "measure = 'GemiddeldeWOZWaardeVanWoningen_39' AND region_code LIKE 'WK0307%'"
    ).fetchall())
    assert all(x["GemiddeldeWOZWaardeVanWoningen_39"] == woz[x["code"]] for x in w["drawn"])
    html = client.get("/gemeente/GM0307", headers=HTML).text
    assert f"{len(kwb)} wijken in de Kerncijfers wijken en buurten 2024; {len(w['drawn'])}" \
        in html and "Niet op de kaart" in html and "85984NED" in html
    # Almere renumbered its wijken: same codes, other areas, so none is drawn
    almere = client.get("/gemeente/GM0034?format=json").json()["wijken"]
    assert almere["n"] == len(_kwb_wijken(wh, "GM0034")) and almere["drawn"] == []
    # ... and its page says why there is no map, not '0 daarvan staan op de kaart' above
    # nothing, nor lists every wijk as 'Niet op de kaart'
    html = client.get("/gemeente/GM0034", headers=HTML).text
    assert "geen daarvan staat op een kaart" in html
    assert " 0 daarvan" not in html and "Niet op de kaart" not in html
    # the table is open, under its own name: there is no chart it belongs to
    assert "<details open>\n    <summary>Cijfers per wijk</summary>" in html
    assert "Tabel bij de grafiek" not in html.split('id="wijk-h"')[1].split("</section>")[0]
    assert client.get("/gemeente/GM0193?format=json").json()["wijken"] is None  # after the cut
    spec = json.dumps(page["wijken"]["spec"])
    assert '"invalid": null' in spec  # the wijken without a figure are drawn (grey)
