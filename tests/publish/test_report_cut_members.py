"""Members of the comparison group and peers that a cut copy of a CBS table leaves out are
said to be missing from the snapshot, not to have no figures, on the real snapshot.

The snapshot's copy of 85984NED stops at Maasdriel (83452NED at Sluis, 81575NED at Veere):
Enschede's urgent task 'Vestigingen in vervoer, informatie en communicatie' said '11 van de
41 zonder cijfers' although the 11 (Maastricht ... Zwolle) have CBS figures, and its
better-doing peers left Tilburg and Nijmegen out without a word (that label is now withheld:
tests/analysis/test_signal_kies_cut.py); 's-Hertogenbosch's strength
'Bedrijfsvestigingen' (2025) said 'Geen van de vergelijkbare gemeenten scoort hier beter'
while its peer Zwolle is cut from 81575NED. Each expectation is read fresh from the
warehouse (``indicator_values``, ``indicator_gaps``), not from the report's own query."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.profile import city_profile
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.direction_words import why
from tests.publish.loaded import connect, kept_city

CITIES = ["GM0153", "GM0796"]  # Enschede, 's-Hertogenbosch in their default group (41)


@pytest.fixture(scope="module")
def cities(warehouse_path):
    with connect(warehouse_path) as con:
        yield con, {c: kept_city(con, c) for c in CITIES}


def absent(con, codes: list[str], ind: str, year: int) -> dict[str, set[str]]:
    """The municipalities of ``codes`` without a value: code -> their gap reasons."""
    rows = con.execute("""
        SELECT c.code, list(DISTINCT g.reason) FILTER (WHERE g.reason IS NOT NULL)
        FROM (SELECT unnest($1::VARCHAR[]) AS code) c
        LEFT JOIN indicator_values v ON v.region_code = c.code AND v.indicator_id = $2
             AND v.year = $3
        LEFT JOIN indicator_gaps g ON g.region_code = c.code AND g.indicator_id = $2
             AND g.year = $3
        WHERE v.value IS NULL GROUP BY 1""", [codes, ind, year]).fetchall()
    return {code: set(reasons or []) for code, reasons in rows}


def members(con, data) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = ? "
        "AND region_code <> ?", [data.group["set_id"], data.code]).fetchall()]


CUT = {"table_cut", "predecessor_cut"}


@pytest.mark.parametrize("code", CITIES)
def test_positions_say_cut_members_are_missing_from_the_snapshot(cities, code):
    """Every position over fewer than the group's members (a cited ``n_without``) whose
    missing members were all left out by a cut says so, in the report's sentences and in
    Kies richting's Waarom."""
    con, all_data = cities
    data = all_data[code]
    ctx = builder.city_context(data, "nl", None)
    texts = [(s.text, {c.indicator_id for c in s.cites if c.field == "n_without"})
             for s in builder.collect_sentences(ctx)]
    texts += [(it["why"], {r["indicator_id"]}) for g, label in zip(
        ctx["direction"]["groups"], ("distinctive strength", "urgent task"), strict=True)
        for r, it in zip([r for r in data.kies if r["label"] == label], g["items"],
                         strict=True)]
    checked = 0
    for text, inds in texts:
        for ind in inds:
            year = int(data.latest[ind]["year"])
            gone = absent(con, members(con, data), ind, year)
            cut = [c for c, reasons in gone.items() if reasons & CUT]
            if cut and len(cut) == len(gone):
                checked += 1
                assert "geen cijfer voor" not in text, text
                assert (f"{len(cut)} van de 41 ontbreken in het deel van CBS-tabel") in text, text
                assert "waarvan Stadstrends cijfers heeft" in text, text
                assert "opgehaalde gegevens" not in text, text
    assert checked >= (4 if code == "GM0153" else 2)


def test_peers_without_a_figure_are_named_with_the_reason(cities):
    con, all_data = cities
    named = 0
    for data, row in ((d, r) for d in all_data.values() for r in d.kies):
        writer = data.writer("nl", named=True)
        text = sections._better(writer, data, row, "nl").text
        gone = absent(con, [p["code"] for p in data.peers], row["indicator_id"],
                      int(row["year"]))
        for p in data.peers:
            if p["code"] in gone:
                named += 1
                assert re.search(rf"(?<![\w-]){re.escape(p['name'])}(?![\w-])", text), text
                if gone[p["code"]] & CUT:
                    assert "ontbreekt in het deel van CBS-tabel" in text \
                        or "ontbreken in het deel van CBS-tabel" in text, text
        if gone and not row["better_peers"]:
            assert text.startswith("Geen van de vergelijkbare gemeenten met een cijfer"), text
    assert named >= 1  # 's-Hertogenbosch's Zwolle


def test_the_reviewers_cases(cities):
    _, all_data = cities
    enschede, bosch = all_data["GM0153"], all_data["GM0796"]
    ctx = builder.city_context(enschede, "nl", None)
    said = " ".join(s.text for s in builder.collect_sentences(ctx))
    for title, cut in (("Aandeel inwoners 15-24 jaar", 11),
                       ("Vestigingen in vervoer, informatie en communicatie", 11)):
        found = re.search(rf"{title}[^.]*?: [^;]*?; {cut} van de 41 ontbreken in het deel "
                          r"van CBS-tabel (\w+) dat Stadstrends heeft\)", said)
        assert found, title
    row = next(r for r in bosch.kies if r["indicator_id"] == "establishments_per_1000")
    text = sections._better(bosch.writer("nl", named=True), bosch, row, "nl").text
    assert text == ("Geen van de vergelijkbare gemeenten met een cijfer scoort hier meer dan een "
                    "afrondingsverschil beter. "
                    "Zwolle heeft geen cijfer: die gemeente ontbreekt in het deel van "
                    "CBS-tabel 81575NED dat Stadstrends heeft."), text
    assert ("4 van de 41 ontbreken in het deel van CBS-tabel 81575NED dat Stadstrends "
            "heeft") in why(bosch, row, "nl")


def test_the_profile_kies_line_says_it_too(cities):
    """The city page's Waarom (the profile's Kies line) names the cut table and the peer."""
    con, _ = cities
    profile = city_profile(con, "GM0796")
    row = next(r for r in profile["kies_richting"]["distinctive_strengths"]
               if r["indicator_id"] == "establishments_per_1000")
    assert ("4 van de 41 ontbreken in het deel van CBS-tabel 81575NED dat Stadstrends "
            "heeft") in row["why_nl"]
    assert row["why_nl"].endswith("; geen vergelijkbare gemeente met een cijfer doet het meer "
                                  "dan een afrondingsverschil beter"
                                  "; Zwolle zonder cijfer: die gemeente ontbreekt in het "
                                  "deel van CBS-tabel 81575NED dat Stadstrends heeft."), (
        row["why_nl"])
    assert "n_cut" not in row and "peers_absent" not in row  # the API's answer unchanged
