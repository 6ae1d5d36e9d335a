"""A missing value says why when a CBS file of this snapshot was cut at 10 000 rows before
the municipality (heatmap, map, ranking, city page), and source lists say how complete a
table is in plain words instead of the snapshot's internal notes."""

from __future__ import annotations

import json
import re

from stadstrends.cbs_order import sort_key
from stadstrends.publish.cuts import SourceCuts, coverage
from tests.publish.loaded import connect, kept_city

HTML = {"accept": "text/html"}
ICT = "establishments_transport_ict_share"  # 2024 only, from KWB 2024 (85984NED)
INTERNAL = re.compile(r"cut at|regions up to|first slice|afgekapt bij 10\.000|rekenmachine|"
                      r"in deze snapshot|alfabetisch tot|importer")


def _absent_from(con, table: str) -> set[str]:
    """Current municipalities without a single row in ``table``."""
    return {r[0] for r in con.execute(
        "SELECT region_code FROM current_municipalities EXCEPT SELECT DISTINCT region_code "
        "FROM raw_observations WHERE table_id = ?", [table]).fetchall()}


def test_heatmap_says_the_kwb_file_was_cut_for_maastricht_to_zwolle(client, wh) -> None:
    page = client.get("/?format=json").json()
    page = page.get("page", page)
    cells = [c for c in page["heat_spec"]["data"]["values"] if c["kind"] == "none"]
    title = wh.execute("SELECT title_nl FROM indicators WHERE indicator_id = ?",
                       [ICT]).fetchone()[0]
    ict = {c["city"]: c["why"] for c in cells if c["ind"] == title}
    absent = _absent_from(wh, "85984NED")
    names = {r[0]: r[1] for r in wh.execute(
        "SELECT m.region_code, m.name FROM current_municipalities m JOIN region_sets s "
        "USING (region_code) WHERE s.set_id = 'G40'").fetchall()}
    expected = {names[c] for c in absent if c in names}
    assert {"Maastricht", "Zwolle"} <= expected and set(ict) == expected
    for why in ict.values():
        assert "85984NED" in why and "hoogstens 10.000 rijen" in why and "Maasdriel" in why
    assert all(sort_key(n) > sort_key("Maasdriel") for n in ict)
    note = next(m for m in page["heat_missing"] if m["title"] == title)
    assert note["groups"][0]["names"] == ", ".join(sorted(expected, key=str.lower))  # named
    html = client.get("/", headers=HTML).text
    # worded as /vergelijk and the city page's tiles: with the year the file lacks
    assert ("Zoetermeer, Zwolle): Geen cijfer voor 2024: Stadstrends heeft CBS-tabel "
            "85984NED niet compleet: de tabel houdt op bij Maasdriel; de gemeenten die in het "
            "alfabet daarna komen, ontbreken") in html


def test_ranking_and_map_give_the_cut_reason_only_where_the_file_lacks_the_city(
        client, wh) -> None:
    page = client.get(f"/ranglijst?indicator={ICT}&format=json").json()
    page = page.get("page", page)
    without = {r["region_code"] for r in page["rows"] if r["value"] is None}
    cut = [g for g in page["missing_notes"] if g["cut"]]
    assert len(cut) == 1 and "85984NED" in cut[0]["reason"]
    absent = _absent_from(wh, "85984NED")
    cuts = SourceCuts(wh)
    after = {c for c in without if sort_key(cuts_name(wh, c)) > sort_key("Maasdriel")}
    assert cut[0]["n"] == len(after) > 150
    assert after <= absent  # every municipality given the reason is really not in the file
    # a municipality before the cut without a value is not blamed on the cut
    before = without - after
    assert sum(g["n"] for g in page["missing_notes"] if not g["cut"]) == len(before)
    assert cuts.missing(ICT, "Almere") is None and cuts.missing(ICT, "Zwolle")[1] == "Maasdriel"
    home = client.get(f"/?indicator={ICT}&format=json").json()
    home = home.get("page", home)
    assert [g["n"] for g in home["map_missing"] if g["cut"]] == [len(after)]


def cuts_name(wh, code: str) -> str:
    return wh.execute("SELECT name FROM current_municipalities WHERE region_code = ?",
                      [code]).fetchone()[0]


def test_city_page_names_the_cut_file_for_a_missing_domain(client) -> None:
    page = client.get("/gemeente/GM0193?format=json").json()
    missing = {d["domain"]: d["reason"] for d in page["missing_domains"]}
    assert "technology" in missing
    assert "85984NED" in missing["technology"] and "Maasdriel" in missing["technology"]
    assert not INTERNAL.search(missing["technology"])


def test_source_lists_are_plain_statements(client, wh) -> None:
    html = client.get("/indicator/house_price_mean", headers=HTML).text
    sources = html[html.index("<h3>Brontabellen"):]
    assert "83625NED" in sources and (
        "onvolledig: de tabel houdt op bij Kerkwijk (een gemeente die in 1999 is opgeheven); "
        "de gemeenten die in het alfabet daarna komen, ontbreken") in sources
    assert not INTERNAL.search(sources)
    english = client.get("/indicator/households?lang=en", headers=HTML).text
    assert ("incomplete: the table stops at Moerdijk; the municipalities after it in the "
            "alphabet are missing") in english
    from stadstrends.publish.report.kept import sources as kept_sources

    rows = kept_sources(wh)
    words = {coverage(r, "nl") for r in rows}
    assert not any(INTERNAL.search(w) for w in words)
    assert ("onvolledig: de tabel houdt op bij Veere; de gemeenten die in het alfabet daarna "
            "komen, ontbreken, omdat het CBS bij één keer ophalen hoogstens 10.000 rijen van een "
            "tabel levert") in words
    assert "volledig voor de gebruikte totalen" in words and "volledig" in words
    # the words come from ingest's codes, which agree with its notes on every table
    codes = {(r["completeness_code"], r["completeness"].split(":")[0].split(" at ")[0])
             for r in rows}
    assert {"complete", "cut"} <= {c for c, _ in codes}
    assert all((c == "cut") == (n == "cut") for c, n in codes), codes
    assert coverage({"completeness_code": "cut", "completeness": "complete",
                     "cut_after": None}, "en") == "complete for the totals used"
    assert coverage({"completeness_code": "not_read", "cut_after": None}, "nl") == (
        "niet ingelezen")


def test_report_source_list_has_no_internal_notes(warehouse_path) -> None:
    from stadstrends.publish.report.sources import source_rows

    with connect(warehouse_path) as con:
        data = kept_city(con, "GM0193")
    rows = source_rows(data, "nl")
    assert not any(INTERNAL.search(r[-1]) for r in rows)
    assert ["83625NED (OData v3)", "onvolledig: de tabel houdt op bij Kerkwijk (een gemeente "
            "die in 1999 is opgeheven); de gemeenten die in het alfabet daarna komen, ontbreken, "
            "omdat het CBS bij één keer ophalen hoogstens 10.000 rijen van een tabel levert"] in [
                [r[0], r[-1]] for r in rows]


def test_indicator_pages_show_caveats_in_the_page_language_without_internal_notes(
        client, wh) -> None:
    ids = [r[0] for r in wh.execute("SELECT indicator_id FROM indicators").fetchall()]
    for ind in ids:
        for lang in ("nl", "en"):
            html = client.get(f"/indicator/{ind}?lang={lang}", headers=HTML).text
            assert not INTERNAL.search(html), (ind, lang)
            head = "<h3>Brontabellen" if lang == "nl" else "<h3>Source tables"
            sources = html[html.index(head):html.index("</ul>", html.index(head))]
            assert not re.search(r"\b[A-Za-z]+_\d+\b", sources), (ind, lang)  # column names
    english = client.get("/indicator/house_price_mean?lang=en", headers=HTML).text
    assert "Mean without numbers of sales" in english and "Gemiddelde zonder" not in english
    dutch = client.get("/indicator/house_price_mean", headers=HTML).text
    assert "Gemiddelde zonder aantallen verkopen" in dutch and "'Kerkwijk'" not in dutch


def test_english_chart_specs_have_no_dutch_words(client) -> None:
    dutch = re.compile(r"\b(geen gegevens|Gemeente|Jaar|inwoners|geselecteerd|Spreiding|"
                       r"Kaart|Lijngrafiek|per 1 000)\b")
    for path in ("/?lang=en", "/indicator/unemployment_rate?lang=en&regions=GM0193",
                 "/indicator/crimes_per_1000?lang=en", "/vergelijk?regions=GM0193,GM0150&lang=en"):
        page = client.get(path + "&format=json" if "?" in path else path).json()
        page = page.get("page", page)
        for key in ("map_spec", "line_spec", "dist_spec", "heat_spec"):
            spec = dict(page.get(key) or {})
            spec.pop("data", None)  # municipality names are names
            text = json.dumps(spec, ensure_ascii=False)
            assert not dutch.search(text), (path, key, dutch.search(text))


def test_a_file_of_only_provisional_figures_says_why_they_are_provisional(wh, statline) -> None:
    """Every report marked 2007-2017 figures of 60039fvw '(voorlopig)' without saying why: the
    export was cut at 10 000 rows inside its first StatusCijfer slice 'Voorlopig'; CBS
    publishes 'Definitief' too ('Er worden zowel voorlopige als definitieve cijfers
    gepubliceerd'), after it. The source list says so; 85383NED, with both slices, does not."""
    import csv

    with (statline / "municipal_partial" / "60039fvw.csv").open(encoding="utf-8-sig") as fh:
        status = [row["StatusCijfer"] for row in csv.DictReader(fh, delimiter=";")]
    assert set(status) == {"Voorlopig"} and len(status) == 10_000  # cut in the first slice
    from stadstrends.publish.report.kept import sources as kept_sources

    rows = {r["table_id"]: r for r in kept_sources(wh)}
    assert rows["60039fvw"]["status_only"] == "Voorlopig"
    assert rows["60039fvw"]["completeness_code"] == "cut"
    said = [t for t, r in rows.items() if "voorlopige cijfers" in coverage(r, "nl")]
    assert said == ["60039fvw"]
    assert coverage(rows["60039fvw"], "nl") == (
        "onvolledig: de tabel houdt op bij Zevenaar; de gemeenten die in het alfabet daarna "
        "komen, ontbreken, omdat het CBS bij één keer ophalen hoogstens 10.000 rijen van een "
        "tabel levert; alleen de "
        "voorlopige cijfers: het CBS publiceert in deze tabel ook definitieve, maar die heeft "
        "Stadstrends niet opgehaald")
    assert "only the provisional figures" in coverage(rows["60039fvw"], "en")
