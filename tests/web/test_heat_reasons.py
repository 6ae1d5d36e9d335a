"""The home page's heatmap says why a cell has no figure as /vergelijk and the city page's
tiles word it (:func:`stadstrends.publish.web.gaps.no_figure`: the report's reasons of
``indicator_gaps``, a cut CBS file of this snapshot, the CBS table without the
municipality), in the page's language; it said 'geen gegevens' where the warehouse knows the
cause. On the real snapshot: Tilburg's 'voelt zich weleens onveilig' (no figures for Haaren,
part of Tilburg since 2021, in the survey's years), Assen's (CBS table 81877NED has it in no
year: the stored ``never_in_table``)."""

from __future__ import annotations

import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish.web import units

HTML = {"accept": "text/html"}


def _empty(client, lang: str) -> tuple[dict, dict[tuple[str, str], str]]:
    page = client.get(f"/?format=json&lang={lang}").json()
    ids = {i["title"]: i["indicator_id"] for i in page["heat_indicators"]}
    return page, {(d["code"], ids[d["ind"]]): d["why"]
                  for d in page["heat_spec"]["data"]["values"] if d["kind"] == "none"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_empty_cell_says_what_the_comparison_page_says(client, lang: str) -> None:
    _, empty = _empty(client, lang)
    assert len(empty) >= 3  # the snapshot lacks some cells: each explained
    plain = vocabulary.section(lang, "web")["no data"]
    for code in sorted({c for c, _ in empty}):
        other = "GM0363" if code != "GM0363" else "GM0193"
        body = client.get(f"/vergelijk?regions={code},{other}&lang={lang}&format=json").json()
        cells = {row["indicator"]["indicator_id"]: row["cells"][0] for row in body["table"]}
        for (c, ind), why in empty.items():
            if c == code:
                assert why == " ".join(cells[ind]["missing"]), (code, ind)
                assert why != plain and plain not in why, (code, ind, why)


def test_tilburg_and_assen_say_the_warehouses_reasons(client, wh) -> None:
    page, empty = _empty(client, "nl")
    ind = "feels_unsafe_share"
    gaps = wh.execute("SELECT reason, reason_detail, list(year ORDER BY year) FROM "
                      "indicator_gaps WHERE region_code = 'GM0855' AND indicator_id = ? "
                      "GROUP BY ALL ORDER BY count(*) DESC", [ind]).fetchall()
    assert gaps[0][:2] == ("predecessor_missing", "GM0788")  # Haaren, part of Tilburg
    haaren = wh.execute("SELECT any_value(name) FROM regions WHERE region_code = 'GM0788'"
                        ).fetchone()[0]
    tilburg = empty[("GM0855", ind)]
    assert tilburg.startswith(f"Geen cijfer voor {units.spans(gaps[0][2])}: ") and \
        haaren in tilburg, tilburg
    assert f"Geen cijfer voor {units.spans(gaps[1][2])}: " in tilburg  # 2012: not in CBS's
    # Assen: no row in CBS's whole table 81877NED in any year, the stored never_in_table;
    # 2018, which CBS did not survey, too: one reason (it said 'in geen enkel jaar voor deze
    # gemeente' and '2018: CBS meet dit niet elk jaar' in one cell)
    assert wh.execute("SELECT list(DISTINCT reason ORDER BY reason), count(*) FROM "
                      "indicator_gaps WHERE region_code = 'GM0106' AND indicator_id = ?",
                      [ind]).fetchone() == (["never_in_table"], 8)
    assert wh.execute("SELECT list(completeness_code) FROM sources WHERE table_id = "
                      "'81877NED'").fetchone()[0] == ["complete"]
    assert empty[("GM0106", ind)] == (
        "Geen cijfer voor 2012–2019: CBS publiceert tabel 81877NED niet voor alle "
        "gemeenten, en in geen enkel jaar voor deze gemeente.")
    html = client.get("/", headers=HTML).text  # ranges kept whole by spans (publish/nowrap.py)
    html = re.sub(r'<span class="nowrap(?: name)?">([^<]*)</span>', r"\1", html)
    assert f"1 gemeente (Tilburg): {tilburg}</li>" in html  # the list under the heatmap
    assert f'<span title="{tilburg}">–</span>' in html  # the table alternative
    cell = next(d for d in page["heat_spec"]["data"]["values"] if d["code"] == "GM0855"
                and d["kind"] == "none" and d["why"] == tilburg)
    assert {"pos", "value", "year"}.isdisjoint(cell)  # its tooltip shows no 'null'
    tips = {layer["transform"][0]["filter"]: [(t["field"], t["title"]) for t in
                                               layer["encoding"]["tooltip"]]
            for layer in page["heat_spec"]["layer"]}
    # titled as every other tooltip, a capital first (session 55)
    assert tips["datum.kind === 'none'"] == [("city", "Gemeente"), ("ind", "Indicator"),
                                             ("why", "Ontbreekt")]
    assert tips["datum.kind === 'fav'"][2:] == [("pos", "Positie"), ("shown", "Waarde"),
                                                ("year_shown", "Jaar")]
    english = _empty(client, "en")[1][("GM0106", ind)]
    assert english.startswith("No figure for 2012–2019: CBS publishes table 81877NED "
                              "for some municipalities only, and for this one in no year."), \
        english
