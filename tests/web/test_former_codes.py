"""Every former municipality code of ``regions`` answers on the pages, the API and the
command line with where its area went: Oploo, Sint Anthonis en Ledeacker (GM0827, ended
1994, before the crosswalk's first year) was 'Deze gemeente kennen we niet' on its page and
an empty table in `show`, although the register follows it to Land van Cuijk. Facts from the
real snapshot's regions tables (``regions``, ``region_history``)."""

from __future__ import annotations

import re

from stadstrends.publish.format import fmt_date

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_every_former_code_says_where_its_area_went(client, wh) -> None:
    formers = dict(wh.execute(
        "SELECT region_code, arg_max(name, valid_from) FROM regions WHERE level = 'gemeente' "
        "GROUP BY 1 HAVING bool_and(valid_to IS NOT NULL) ORDER BY 1").fetchall())
    current = {c for (c,) in wh.execute("SELECT region_code FROM regions "
                                        "WHERE valid_to IS NULL").fetchall()}
    counts = {"redirect": 0, "page": 0}
    for code, name in formers.items():
        page = client.get(f"/gemeente/{code}", headers=HTML, follow_redirects=False)
        if page.status_code == 307:  # to today's municipality, saying why
            target = re.fullmatch(r"/gemeente/(GM\d{4})\?voorheen=(GM\d{4})",
                                  page.headers["location"])
            assert target and target.group(1) in current and target.group(2) == code, code
            counts["redirect"] += 1
        else:  # divided, a chain into one divided, or no successor: a page saying so
            assert page.status_code == 404, code
            h1 = re.search(r"<h1>(.*?)</h1>", page.text, re.S).group(1)
            assert h1.startswith(name) and ("niet meer" in h1 or "ging op" in h1), code
            linked = re.findall(r'<a href="/gemeente/(GM\d{4})">', h1)
            if not set(linked) <= current:  # Beers (1994): Cuijk, Grave, ... no 'nu' then
                assert f"het gebied van {name} nu" not in page.text, code
                assert " toen is verdeeld; elk zegt " in page.text, code
            counts["page"] += 1
        assert "kennen we niet" not in page.text, code
    assert len(formers) > 1000 and counts["page"] >= 50  # 1 078 and 54 on the snapshot


def test_a_municipality_gone_before_the_crosswalk_answers_everywhere(client, wh) -> None:
    path = dict(wh.execute("SELECT code, successor FROM region_history "
                           "WHERE valid_to IS NOT NULL").fetchall())
    ended = wh.execute("SELECT valid_to FROM region_history WHERE code = 'GM0827'"
                       ).fetchone()[0]
    assert [path["GM0827"], path["GM1691"], path["GM1702"]] == ["GM1691", "GM1702", "GM1982"]
    words = (f"Oploo, Sint Anthonis en Ledeacker bestaat sinds {fmt_date(ended, 'nl')} niet "
             "meer; het gebied hoort nu bij Land van Cuijk (GM1982)")
    moved = client.get("/gemeente/GM0827", headers=HTML, follow_redirects=False)
    assert moved.headers["location"] == "/gemeente/GM1982?voorheen=GM0827"
    assert words in client.get(moved.headers["location"], headers=HTML).text
    hit = client.get("/api/v1/regions?q=GM0827&include_former=true").json()["regions"][0]
    assert hit["former"] == "GM0827" and hit["note_nl"] == words
    assert [s["region_code"] for s in hit["successors"]] == ["GM1982"]
    series = client.get("/api/v1/series?indicator=population&region=GM0827")
    assert series.status_code == 200 and series.json()["notes"][0]["former"] == "GM0827"
    # no successor in the register (Elten, to Germany in 1963): a page and an error say so
    assert path["GM1055"] is None
    page = client.get("/gemeente/GM1055", headers=HTML)
    assert page.status_code == 404 and "Elten bestaat sinds 1" in page.text
    assert "noemt geen gemeente" in page.text and "kennen we niet" not in page.text
    body = client.get("/api/v1/series?indicator=population&region=GM1055&lang=en").json()
    assert "has not existed since" in body["error"]["message"]
