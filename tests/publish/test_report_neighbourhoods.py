"""The report's 'Verschillen tussen buurten' on the real snapshot: each neighbourhood table
named in plain words with what the report uses from it, and plainly why a city has none."""

from __future__ import annotations

import pytest

from stadstrends.analysis.ineq_coverage import sort_key
from stadstrends.analysis.ineq_specs import SPECS
from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

SES, KWB = "85163NED", "85984NED"


@pytest.fixture(scope="module")
def sections(warehouse_path):

    with connect(warehouse_path) as con:
        out = {}
        for city in ("Zwolle", "Almere"):
            data = kept_city(con, city)
            for lang in ("nl", "en"):
                out[city, lang] = builder.city_context(data, lang, None)["divide"][
                    "neighbourhoods"]
        return out


def test_zwolle_reads_which_tables_and_why_they_have_no_figures_for_it(sections, wh):
    part = sections["Zwolle", "nl"]
    assert part["scale"] is None  # no figures: no explanation of a scale
    assert [it["source"] for it in part["items"]] == [
        "Sociaaleconomische status per buurt, 2014–2019 (CBS-tabel 85163NED)",
        "Kerncijfers wijken en buurten 2024 (CBS-tabel 85984NED)"]
    for it, table in zip(part["items"], (SES, KWB), strict=True):
        cut = wh.execute("SELECT cut_after FROM sources WHERE table_id = ?",
                         [table]).fetchone()[0]
        assert sort_key("Zwolle") > sort_key(cut)  # the copy stops before Zwolle
        assert it["missing"] == (
            "Voor Zwolle ontbreken deze buurtcijfers: het deel van de CBS-tabel dat "
            f"Stadstrends heeft, loopt in het alfabet maar tot en met {cut}.")
        assert it["about"] and not it["sentences"]
        text = " ".join([it["source"], it["about"], it["missing"]])
        assert "extract" not in text and "SES-WOA 2014" not in text  # the old jargon
    assert [it["source"] for it in sections["Zwolle", "en"]["items"]] == [
        "Socio-economic status per neighbourhood, 2014–2019 (CBS table 85163NED)",
        "Key figures for districts and neighbourhoods 2024 (CBS table 85984NED)"]


def test_a_city_with_figures_gets_the_scale_and_each_table_its_words(sections):
    for lang in ("nl", "en"):
        part = sections["Almere", lang]
        assert part["scale"] and all(it["sentences"] and it["about"] and not it["missing"]
                                     for it in part["items"])
        texts = [s.text for it in part["items"] for s in it["sentences"]]
        assert not [t for t in texts if t.startswith("De aandeel")]  # 'het aandeel'


def test_the_words_on_each_table_name_what_the_report_measures_from_it(wh):
    # 'SES 2014–2019: the average score and the households among the 40% lowest and the
    # 20% highest incomes'; 'KWB 2024: origin and age of the inhabitants, corporation
    # dwellings and the average WOZ value' (no income: empty in this KWB file)
    measured = {table: ({r[0] for r in wh.execute(
        "SELECT DISTINCT measure FROM inequality WHERE source_table = ? AND value IS NOT NULL",
        [table]).fetchall()}, wh.execute(
        "SELECT min(year), max(year) FROM inequality WHERE source_table = ?",
        [table]).fetchone()) for table in (SES, KWB)}
    assert measured[SES] == ({"dissimilarity_low_income", "dissimilarity_high_income",
                              "gini_income_percentile", "theil_income_percentile",
                              "ses_sd", "ses_between_share"}, (2014, 2019))
    assert measured[KWB] == ({"dissimilarity_origin_non_european",
                              "dissimilarity_origin_european", "dissimilarity_age_65plus",
                              "dissimilarity_social_rent", "gini_woz", "theil_woz"},
                             (2024, 2024))
    specs = {s.key: s for s in SPECS}
    assert "40ePercentielgroep" in specs["low_income"].a
    assert specs["high_income"].a.split("*")[1].strip().startswith("k_81eTotEnMet100e")
    assert specs["ses"].x == "GemiddeldeScore_29"  # the SES-WOA total score's unit mean


def test_every_neighbourhood_measure_is_zero_or_more(wh):
    # with the textbook test in tests/analysis: '0 when all neighbourhoods are alike'
    low = wh.execute("SELECT min(value) FROM inequality").fetchone()[0]
    assert low is not None and low >= 0


def test_segregation_is_shown_with_its_scale(sections, wh):
    """Almere's 'Segregatie van 65-plussers: 0,245 in 2024' stood without its scale; the
    section now says the index runs from 0 (spread as the rest) to 1 (fully separated), the
    unit the warehouse stores it in."""
    low, high = wh.execute("SELECT min(value), max(value) FROM inequality "
                           "WHERE measure LIKE 'dissimilarity_%'").fetchone()
    assert 0 <= low and high <= 1  # a share, not a percentage
    said = {"nl": ("Segregatie (de dissimilariteitsindex) loopt van 0 tot 1",
                   "volledig gescheiden", "0,2 betekent dat een vijfde van de groep"),
            "en": ("Segregation (the index of dissimilarity) runs from 0 to 1",
                   "fully separated", "0.2 means that a fifth of the group")}
    for lang, parts in said.items():
        part = sections["Almere", lang]
        assert any(s.text.startswith(("Segregatie", "De segregatie", "Segregation"))
                   for it in part["items"] for s in it["sentences"])
        for words in parts:
            assert words in part["scale"], (lang, part["scale"])


def test_each_level_says_its_neighbourhoods_and_its_place_among_the_city_set(sections, wh):
    """Deventer's 'Segregatie van 65-plussers: 0,197 in 2024, gemeten over buurten' gave no
    count and nothing to read the figure against (h53g); now '... gemeten over 66 buurten
    (plaats 16 van 30)', the place among the build's city set with the measure, and the scale
    says once what a place counts among. Almere's sentences against the warehouse."""
    city_set = wh.execute("SELECT city_set FROM build_info").fetchone()[0]
    rows = wh.execute("""
        SELECT measure, n_units, rank_city_set,
               (SELECT count(rank_city_set) FROM inequality j
                WHERE j.measure = i.measure AND j.year = i.year) AS n
        FROM inequality i WHERE region_code = 'GM0034' AND source_table = ?
        QUALIFY year = max(year) OVER (PARTITION BY measure)""", [KWB]).fetchall()
    assert len(rows) == 6 and all(rank is not None and n > 1 for _, _, rank, n in rows)
    part = sections["Almere", "nl"]
    texts = {s.indicator_id: s.text for it in part["items"] for s in it["sentences"]}
    for measure, units, rank, n in rows:
        assert texts[measure].endswith(
            f"gemeten over {units} buurten (plaats {rank} van {n}).") or texts[measure].endswith(
            f"gemeten over {units} wijken (plaats {rank} van {n})."), texts[measure]
    assert (f"onder de gemeenten van de {city_set} met buurtcijfers in het deel van de "
            "CBS-tabel dat Stadstrends heeft: 1 is de hoogste") in part["scale"]
    assert f"among the municipalities of the {city_set}" in sections["Almere", "en"]["scale"]
    assert "(rank " in " ".join(s.text for it in sections["Almere", "en"]["items"]
                               for s in it["sentences"])
