"""'Wat ontbreekt' in the accountability, on the real snapshot: every reason names its true
cause in words (no region codes, never the city as its own predecessor, no jargon)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import sections
from stadstrends.publish.report.domains import domain_indicators, domain_section
from tests.publish.loaded import connect, kept_city

CITIES = ["GM0193", "GM0344", "GM0794", "GM1911"]  # Zwolle, Utrecht, Helmond, Hollands Kroon


@pytest.fixture(scope="module")
def missing(warehouse_path):

    con = connect(warehouse_path)
    try:
        out = {}
        for code in CITIES:
            data = kept_city(con, code)
            out[code] = (data.name, sections.accountability(data, "nl")["missing"]["rows"])
        return out
    finally:
        con.close()


@pytest.mark.parametrize("code", CITIES)
def test_missing_reasons_name_no_codes_and_no_bare_no_figures(missing, code):
    name, rows = missing[code]
    for title, why, _years in rows:
        assert not re.search(r"\bGM\d{4}\b", why), (title, why)
        assert why != f"geen cijfers voor {name}", title
        assert "grenswijziging:" not in why and "niet-optelbare" not in why, why


@pytest.mark.parametrize(("code", "title", "words"), [
    ("GM0193", "Grijze druk", ("60039fvw", "Zevenaar")),
    ("GM0193", "Aandeel 85-plussers", ("60039fvw", "Zevenaar")),
    ("GM0193", "Aandeel eenpersoonshuishoudens", ("71486ned", "Moerdijk")),
    ("GM0193", "Huishoudelijk afval per inwoner", ("83452NED", "Sluis")),
    ("GM0344", "Huishoudelijk afval per inwoner", ("83452NED", "Sluis")),
    ("GM0794", "Prognose aandeel 65-plussers", ("82220NED", "Helmond")),
])
def test_a_missing_indicator_says_which_table_lacks_the_city(missing, code, title, words):
    reasons = [why for t, why, _ in missing[code][1] if t == title]
    assert reasons and any(all(w in why for w in words) for why in reasons), reasons


def test_zwolle_is_not_its_own_predecessor(missing):
    """Zwolle's 1995–2014 house prices are missing because this snapshot's v3 copy of
    83625NED stops at Kerkwijk (the v4 copy starts in 2015): said so, for all 20 years, and
    never as Zwolle lacking itself as a predecessor (it said 'Nieuwleusen en Zwolle in de
    oude grenzen' for 1995–2000 and gave no reason for 2001–2014)."""
    reasons = [(why, years) for t, why, years in missing["GM0193"][1]
               if t == "Gemiddelde verkoopprijs bestaande koopwoningen"]
    # 1995 says the boundary change first (h49j: no inhabitants of 1995 to tell Zwolle's
    # small corrections from a merger, so no mean of 1995 is carried whatever the table)
    assert len(reasons) == 2, reasons
    (why, years), (level, first) = sorted(reasons, key=lambda r: "83625NED" not in r[0])
    assert "83625NED" in why and "Kerkwijk" in why, why
    assert "1996" in years and "2014" in years, years
    assert first == "1995" and "gemeentegrenzen zijn veranderd" in level, (level, first)
    assert all("voorganger" not in w and "ontstaan" not in w for w, _ in reasons), reasons


@pytest.fixture(scope="module")
def cities(warehouse_path):

    con = connect(warehouse_path)
    try:
        return {code: kept_city(con, code) for code in ("GM0193", "GM0794")}
    finally:
        con.close()


def test_82220ned_is_whole_and_cbs_publishes_no_helmond(shared_data):
    """The snapshot's 82220NED file is CBS's whole table (SOURCES.md: 'complete', 31 large
    municipalities): fewer rows than the 10 000 at which the copies stop, every region with
    every year 2014-2040, its last region Zwolle (CBS order) with the last year. Helmond is
    not in it, so CBS itself publishes no figures for Helmond in it."""
    import csv

    path = shared_data / "cbs_statline_dump" / "projections" / "82220NED.csv"
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    years: dict[str, set[str]] = {}
    for r in rows:
        years.setdefault(r["RegioSSituatie2013"].strip(), set()).add(r["Perioden"].strip())
    assert len(rows) == 2376 < 10_000 and len(years) == 88
    assert all(v == {str(y) for y in range(2014, 2041)} for v in years.values())
    assert (rows[-1]["RegioSSituatie2013"], rows[-1]["Perioden"]) == ("Zwolle", "2040")
    assert "Helmond" not in years and "Eindhoven" in years


def test_helmond_outlook_says_why_its_65_plus_projection_is_missing(cities):
    """82220NED (projection 2013–2040) holds no Helmond: Helmond's own outlook says so."""
    data = cities["GM0794"]
    assert not data.series.get("share_age_65_plus_projected")
    caveats = sections.outlook(data, "nl")["caveats"]
    # the snapshot's file is the whole CBS table: CBS publishes none for Helmond (the stored
    # reason never_in_table)
    assert ("Prognose aandeel 65-plussers: CBS publiceert tabel 82220NED niet voor alle "
            "gemeenten, en in geen enkel jaar voor Helmond.") in caveats, caveats


def test_zwolle_empty_domain_says_why(cities):
    """Zwolle's technology domain has no series: its indicators come only from 85984NED,
    whose copy stops at Maasdriel."""
    data = cities["GM0193"]
    assert not domain_indicators(data, "technology")
    text = domain_section(data, "technology", "nl", None, False)["empty"]
    assert "85984NED" in text and "Maasdriel" in text, text
    assert text.count(":") <= 1 and "tijdreeksen" not in text, text  # no 'Reden: ...: ...'


def test_outlook_caveats_continue_after_their_colon_in_small_letters(cities):
    """'Prognose inwoners: een prognose, geen waarneming', not ': Een prognose'; an
    abbreviation keeps its capitals."""
    caveats = sections.outlook(cities["GM0193"], "nl")["caveats"]
    # the caveat's first letters after the title's colon (a colon inside it may be followed
    # by a name: 'zo ook zes G40-steden: Alkmaar, ...')
    assert caveats and all(not re.match(r"[A-Z][a-z]", c.split(": ", 1)[1]) for c in caveats), \
        caveats
    assert sections.lower_first("COROP-waarden") == "COROP-waarden"
    # English: 'Projected population: a projection, not an observation' (was ': A projection')
    english = sections.outlook(cities["GM0193"].in_language("en"), "en")["caveats"]
    assert english and all(not re.match(r"[A-Z][a-z ]", c.split(": ", 1)[1])
                           for c in english), english
    assert any(": a projection, not an observation" in c for c in english), english


def test_a_table_without_the_city_says_the_stored_reason(cities, wh):
    """The reason is the one the indicators stage stores (``never_in_table``: a whole CBS
    table without the city in any year; a copy cut at 10 000 rows would be ``not_in_copy``,
    tests/indicators/test_absent_reasons.py), named with the city in the report; the report
    derives nothing from the tables (it did, in ``no_rows_reason``)."""
    from stadstrends.publish.report.gap_words import gap_reason, indicator_reasons

    data = cities["GM0794"]
    mine = [s for s in data.sources if s["table_id"] in ("82220NED", "81877NED")]
    assert {(s["origin"], s["completeness_code"]) for s in mine} == {("snapshot", "complete")}
    stored = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE "
                        "region_code = 'GM0794' AND indicator_id = "
                        "'share_age_65_plus_projected'").fetchall()
    assert stored == [("never_in_table", "82220NED")]
    assert indicator_reasons(data, "share_age_65_plus_projected", "nl") == [
        "CBS publiceert tabel 82220NED niet voor alle gemeenten, en in geen enkel jaar voor "
        "Helmond"]
    assert indicator_reasons(data, "share_age_65_plus_projected", "en") == [
        "CBS publishes table 82220NED for some municipalities only, and for Helmond in no year"]
    row = {"reason": "never_in_table", "reason_detail": "82220NED"}
    from types import SimpleNamespace  # the dashboard's context: no name, the reason's words

    bare = SimpleNamespace(code="GM0794", sources=[], region_names={})
    assert gap_reason(bare, row, "nl") == ("CBS publiceert tabel 82220NED niet voor alle "
                                           "gemeenten, en in geen enkel jaar voor deze gemeente")
    assert gap_reason(bare, {"reason": "not_in_copy", "reason_detail": "81877NED"}, "en") == (
        "the Stadstrends copy of CBS table 81877NED holds no figures for this "
        "municipality")


def _expand(text: str) -> set[int]:
    """'2000–2010, 2024 (12)' -> its years."""
    out: set[int] = set()
    for part in text.split(" (")[0].split(", "):
        first, _, last = part.partition("–")
        out |= set(range(int(first), int(last or first) + 1))
    return out


@pytest.mark.parametrize("code", ["GM0193", "GM0794"])
def test_the_missing_years_name_no_year_with_a_figure(cities, code):
    """'Wat ontbreekt' gave a gap's years as first-last: Zwolle's households '2000–2024 (12)'
    though Zwolle has figures for 2011–2023 (Maastricht's district heating '2010–2018 (6)',
    figures 2015–2017; 410 such rows in 255 municipalities). Its years are those without a
    figure, as runs: '2000–2010, 2024 (12)'."""
    data = cities[code]
    ids = {m["title_nl"]: i for i, m in data.catalogue.items()}
    rows = [r for r in sections.accountability(data, "nl")["missing"]["rows"] if r[2] != "–"]
    assert rows
    for title, why, years in rows:
        shown = _expand(years)
        had = set((data.coverage.get(ids[title]) or {}).get("years") or [])
        assert not shown & had, (title, why, years, sorted(shown & had))
        assert years.endswith(f"({len(shown)})") or len(shown) == 1, years
    if code == "GM0193":
        assert ["Particuliere huishoudens", "2000–2010, 2024 (12)"] in [
            [r[0], r[2]] for r in rows], rows


def test_a_table_that_holds_the_city_is_not_named_as_lacking_it(wh):
    """De Wolden has no household waste figure at all: its copy of 83452NED has no row for
    it, while the population tables that weigh the figure (37259eng, 80860ned, 84910NED)
    hold De Wolden. The reason said all four lacked it ('CBS-tabel 37259eng, ...'): now
    only the one that does, and why: CBS sorts De Wolden under W (the article skipped,
    ``cbs_order``), after Sluis, where this copy of 83452NED is cut."""
    from stadstrends.publish.report.gap_words import indicator_reasons

    data = kept_city(wh, "GM1690")
    present = {r[0] for r in wh.execute("SELECT DISTINCT lower(table_id) FROM observations "
                                        "WHERE region_code = 'GM1690'").fetchall()}
    assert {"37259eng", "80860ned", "84910ned"} <= present
    assert "83452ned" not in present
    assert indicator_reasons(data, "household_waste_per_inhabitant", "nl") == [
        "Stadstrends heeft CBS-tabel 83452NED niet compleet: de tabel houdt op bij Sluis; de "
        "gemeenten die in het alfabet daarna komen, zoals De Wolden (het CBS zet die onder de "
        "W), ontbreken, omdat het CBS bij één keer ophalen hoogstens 10.000 rijen van een "
        "tabel levert"]
