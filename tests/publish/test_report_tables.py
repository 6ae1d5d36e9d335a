"""What the report's tables say holds (issue 10 leftovers), on the real snapshot for Zwolle
and Enschede: provisional figures marked in the data tables, the source list in the
report's language with one row per table and API, truthful labels in the Vooruitblik table."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import sections
from stadstrends.publish.report.panels import series_table
from stadstrends.publish.report.sources import source_title

from .city_contexts import city_contexts

CITIES = ["Zwolle", "Enschede"]
MARK = {"nl": "(voorlopig)", "en": "(provisional)"}


@pytest.fixture(scope="module")
def cities(warehouse_path):
    import duckdb

    both = city_contexts(warehouse_path, CITIES, ["nl", "en"])
    out = {city: (both[city, "nl"][0], {lang: both[city, lang][1] for lang in ("nl", "en")})
           for city in CITIES}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        sources = con.execute("SELECT table_id, api, title_nl, title_en FROM sources").fetchall()
    return out, sources


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_domain_tables_mark_exactly_the_provisional_figures(cities, city, lang):
    data, _ = cities[0][city]
    ids = [i for i in data.provisional if data.series.get(i)]
    assert ids  # both cities have provisional CBS figures (Gemeentefonds, 'Voorlopig')
    table = series_table(data, ids, lang)
    titles = {f"{data.catalogue[i][f'title_{lang}']} (": i for i in ids}
    marked = 0
    for row in table["rows"]:
        ind = next(i for prefix, i in titles.items() if row[0].startswith(prefix))
        provisional = row[1] in data.provisional[ind]
        assert row[2].endswith(MARK[lang]) == provisional, row
        assert not any(MARK[lang] in str(c) for c in row[3:]), row  # only the city's cells
        marked += provisional
    assert marked > 0


def test_enschede_bijstand_2009_2014_is_provisional_in_its_domain_table(cities):
    data, ctx = cities[0]["Enschede"]
    fig = next(f for d in ctx["nl"]["domains"] for f in d["figures"] if f["id"] == "fig-social")
    rows = [r for r in fig["table"]["rows"] if r[0].startswith("Bijstandsuitkeringen")]
    marked = {r[1] for r in rows if r[2].endswith("(voorlopig)")}
    assert marked == {2009, 2010, 2011, 2012, 2013, 2014}
    assert any(r[1] >= 2015 and "voorlopig" not in r[2] for r in rows)


def _decimals(cell: str, lang: str) -> int | None:
    """Decimals of a table cell's number ('1.234,5 (voorlopig)' -> 1); None for '–'."""
    text = cell.replace(MARK[lang], "").strip().rstrip("%")
    if text == "–":
        return None
    return len(text.rpartition("," if lang == "nl" else ".")[2]) if (
        "," if lang == "nl" else ".") in text else 0


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_an_indicators_figures_share_their_decimals_in_every_table(cities, city, lang):
    """The small multiples' tables (city, band, ommeland, NL over the years) and the maps'
    tables print one indicator's figures with one number of decimals (Zwolle's solar panel
    capacity was '18,2' Wp per inhabitant in 2012 beside '1.486' in 2023 before)."""
    _, ctxs = cities[0][city]
    blocks: dict[str, set[int]] = {}
    for d in ctxs[lang]["domains"]:
        for f in d["figures"]:
            if not f["table"]:
                continue
            if f["id"].startswith("fig-map-"):
                cells = {(f["id"], c) for r in f["table"]["rows"] for c in r[1:]}
            else:  # a series table: indicator, year, city, p25, median, p75, ommeland, NL
                cells = {(r[0], c) for r in f["table"]["rows"] for c in r[2:]}
            for key, cell in cells:
                shown = _decimals(cell, lang)
                if shown is not None:
                    blocks.setdefault(key, set()).add(shown)
    assert len(blocks) >= 20
    mixed = {k: v for k, v in blocks.items() if len(v) > 1}
    assert not mixed


@pytest.mark.parametrize("city", CITIES)
def test_outlook_table_names_observed_and_projected_rows_truthfully(cities, city):
    data, ctxs = cities[0][city]
    for lang, ctx in ctxs.items():
        table = ctx["outlook"]["figures"][0]["table"]
        kinds = {"nl": ("waargenomen", "prognose"), "en": ("observed", "projection")}[lang]
        assert table["columns"][2]  # the kind column has a header
        observed = [r for r in table["rows"] if r[2] == kinds[0]]
        projected = [r for r in table["rows"] if r[2] == kinds[1]]
        assert observed and projected
        obs_titles = {data.catalogue[i][f"title_{lang}"] for i in
                      ("population", "share_age_65_plus")}
        proj_titles = {m[f"title_{lang}"] for i, m in data.catalogue.items() if "projected" in i}
        assert {r[0] for r in observed} <= obs_titles
        assert {r[0] for r in projected} <= proj_titles
        # the jump-off year appears once as observed, once as projected, each named truly
        pop = data.catalogue["population"][f"title_{lang}"]
        last = max(r[1] for r in observed if r[0] == pop)
        assert [r[0] for r in table["rows"] if r[1] == last and r[0] == pop] == [pop]


@pytest.mark.parametrize("city", CITIES)
def test_outlook_sentences_start_from_the_projections_own_figure(cities, city):
    """A projection's path starts from its own figure for the last observed year, with the
    observed figure beside it unless the two print the same (Zwolle 2026: projected
    138.400, observed 134.147); never from the observed figure, however close (Amersfoort
    2026: 162.700 projected, 163.764 observed, 0,7% apart, read 'van 163.764 in 2026')."""
    data, ctxs = cities[0][city]
    for proj, obs in (("population_projected", "population"),
                      ("share_age_65_plus_projected", "share_age_65_plus")):
        own = {r["year"]: r["value"] for r in data.series.get(proj) or []}
        seen = {r["year"]: r["value"] for r in data.series.get(obs) or []}
        (s,) = [s for s in ctxs["nl"]["outlook"]["sentences"] if s.indicator_id == proj]
        year = max(seen)
        first = s.cites[0]
        assert (first.indicator_id, first.year, first.value) == (proj, year, own[year])
        beside = s.cites[1]
        if proj == "population_projected":  # a count of inhabitants: never printed alike
            assert beside.indicator_id == obs, s.text
        if beside.indicator_id == obs:
            assert (beside.year, beside.value) == (year, seen[year])
            assert beside.shown != first.shown
            assert f"(waargenomen: {beside.shown})" in s.text
        else:
            assert "waargenomen" not in s.text


@pytest.mark.parametrize("city", CITIES)
def test_source_list_has_every_table_and_api_in_the_report_language(cities, city):
    (_data, ctxs), sources = cities[0][city], cities[1]
    for lang, ctx in ctxs.items():
        rows = ctx["acc"]["sources"]["rows"]
        assert len(rows) == len(sources)  # 83625NED twice: v4 and v3
        ids = [r[0] for r in rows]
        assert {"83625NED (OData v4)", "83625NED (OData v3)"} <= set(ids)
        by_id = {r[0].split(" ")[0].lower(): r[1] for r in rows}
        for table_id, _api, nl, en in sources:
            shown = by_id[table_id.lower()]
            own = (en or nl) if lang == "en" else nl
            if lang == "en" and nl and not en:  # CBS's Dutch title, said to be Dutch
                own = f"{nl} (CBS's Dutch title)"
            if own:
                assert shown == own
            else:
                assert shown.startswith("Levert: " if lang == "nl" else "Provides: ")
    nl = {r[0].split(" ")[0]: r[1] for r in ctxs["nl"]["acc"]["sources"]["rows"]}
    en = {r[0].split(" ")[0]: r[1] for r in ctxs["en"]["acc"]["sources"]["rows"]}
    assert nl["03759ned"] == "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio"
    assert nl["37259eng"].startswith("Bevolkingsontwikkeling; levendgeborenen")
    assert en["37259eng"] == "Population dynamics; birth, death and migration per region"
    assert nl["85163NED"] == "Levert: Sociaaleconomische status per buurt, 2014–2019"
    assert "Waar de CBS-titel niet in de gegevens staat" in ctxs["nl"]["acc"]["sources"]["note"]
    english = re.compile(r"\b(Population|projection|same for|PARTIAL|First slice|region-first|"
                         r"measures|used for|Older)\b")
    assert not [t for t in nl.values() if english.search(t)]


def test_source_title_falls_back_to_what_the_table_is_used_for(cities):
    data, _ = cities[0]["Zwolle"]
    src = {"table_id": "83648NED", "title_nl": None, "title_en": None}
    assert source_title(data, src, "nl") == (
        "Levert: Geregistreerde misdrijven per 1 000 inwoners; "
        "Opgehelderde misdrijven")
    assert source_title(data, {**src, "title_nl": "Misdrijven"}, "en") == \
        "Misdrijven (CBS's Dutch title)"
    assert source_title(data, {**src, "table_id": "00000xyz"}, "nl") == (
        "(geen titel in de gegevens)")


@pytest.mark.parametrize("city", CITIES)
def test_the_period_of_each_indicator_shows_its_gaps(cities, city):
    """The Verantwoording's period is the years with a value, as runs: a gap of years
    without figures is not hidden inside 'first-last' (Zwolle's over-65s: 1999–2009,
    2019, 2023–2024, not 1999–2024)."""
    data, _ = cities[0][city]
    periods = {row[0]: row[3] for row in sections.accountability(data, "nl")["indicators"]["rows"]}
    with_gaps = 0
    for ind, cov in data.coverage.items():
        title = data.catalogue[ind]["title_nl"]
        # before '(verouderd)', '; reeksbreuk' and '. Zonder 2015 en 2016. ...' (left-out years)
        runs = periods[title].split(" (")[0].split(";")[0].split(". ")[0]
        named = set()
        for run in runs.split(", "):
            first, _, last = run.partition("–")
            named |= set(range(int(first), int(last or first) + 1))
        years = sorted(cov["years"])
        assert named == set(years), (title, periods[title], years)
        with_gaps += len(years) < years[-1] - years[0] + 1
    assert with_gaps >= 3
    if city == "Zwolle":
        assert periods["Aandeel 65-plussers"].startswith("1999–2009, 2019, 2023–2024")


@pytest.mark.parametrize("city", CITIES)
def test_a_period_names_only_breaks_between_the_citys_years(cities, city):
    """'reeksbreuk 2019' beside a period means the city's figures on both sides are not
    comparable: Zwolle's WOZ values start in 2019, the year of the break (37610 is cut
    before Zwolle), so its period is '2019–2024' alone; Enschede's runs from 2006 and names
    the break. Every named break lies between the city's first and last year."""
    data, _ = cities[0][city]
    periods = {row[0]: row[3] for row in sections.accountability(data, "nl")["indicators"]["rows"]}
    woz = periods["Gemiddelde WOZ-waarde van woningen"]
    assert woz == {"Zwolle": "2019–2024", "Enschede": "2006–2024; reeksbreuk 2019"}[city]
    for ind, cov in data.coverage.items():
        said = periods[data.catalogue[ind]["title_nl"]].partition("reeksbreuk ")[2]
        for year in filter(None, said.split(", ")):
            assert min(cov["years"]) < int(year) <= max(cov["years"]), (ind, said)
