"""A share CBS computes from fewer than 100 cases is said so wherever its latest figure is
stated, in one wording (:mod:`stadstrends.publish.small_base_words`): the report's Kies
richting Waarom said it, its domain sentence, the city page's Waarom and tile did not
(Rozendaal's cleared crimes, 5,3% of 55 crimes in 2024). Hand-written facts here; the real
report and city page: tests/web/test_city_small_bases.py."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.small_bases import build_small_bases
from stadstrends.publish.report.facts import fact
from stadstrends.publish.sentence_signals import kies_parts
from stadstrends.publish.sentences import Writer
from stadstrends.publish.small_base_words import small_base, small_base_brief
from stadstrends.publish.web.tile_jumps import writer
from stadstrends.publish.web.tile_verdict import marks

BASE = {"indicator_id": "crimes_cleared_share", "year": 2024, "base_count": 55.0,
        "base_unit": 5}
CAVEAT = ("Het CBS berekende dit percentage uit kleine aantallen: 55 geregistreerde misdrijven "
          "in 2024 (afgerond op vijftallen). Eén opgehelderd misdrijf meer of minder verandert "
          "het percentage al met ongeveer 1,8 procentpunt.")
FACT = {"indicator_id": "crimes_cleared_share", "title": "Opgehelderde misdrijven", "unit": "%",
        "trend": {"first_year": 2017, "last_year": 2024, "first_value": 20.8,
                  "last_value": 5.3, "abs_change": -15.5, "rel_change": -0.745, "mk_p": 0.2,
                  "classification": "no significant change", "indicative": False,
                  "n_points": 8, "window_first_year": 2017},
        "bench": {"year": 2024, "value": 5.3, "median": 21.9, "percentile": 0.0},
        "gap": None, "provisional": {2024}, "small_base": BASE}


def test_the_brief_words_beside_a_figure():
    assert small_base_brief(BASE, "nl") == "berekend uit ongeveer 55 geregistreerde misdrijven"
    assert small_base_brief(BASE, "en") == "calculated from about 55 registered crimes"
    assert small_base_brief({**BASE, "indicator_id": "x"}, "nl") == (
        "berekend uit ongeveer 55 gevallen")
    for none in (None, {**BASE, "base_count": None}, {**BASE, "base_count": 0.0}):
        assert small_base_brief(none, "nl") == ""


def test_the_report_sentence_says_it_once_beside_the_latest_figure():
    w = Writer("GM0277", "Rozendaal", "nl", group="de 11 gemeenten van deze grootte")
    level = w.indicator(FACT, "group_deviation")
    assert level.text.startswith("Opgehelderde misdrijven: 5,3% in 2024 (voorlopig, berekend "
                                 "uit ongeveer 55 geregistreerde misdrijven). Daarmee zit")
    assert level.text.count("berekend uit") == 1  # the trend's 5,3% of 2024 again: not twice
    assert [c.shown for c in level.cites if c.field == "base_count"] == ["55"]
    trend = w.indicator(FACT).text  # the trend first: after its last year (session 53)
    assert ("naar 5,3% (voorlopig) in 2024 (−15,5 procentpunt; berekend uit ongeveer 55 "
            "geregistreerde misdrijven), geen") in trend
    assert "berekend uit" not in w.indicator({**FACT, "small_base": None}).text


class _City:
    """What :func:`fact` reads of a city's data: Rozendaal's cleared crimes 2017 and 2024,
    both from small bases; nothing else."""

    catalogue = {"crimes_cleared_share": {"title_nl": "Opgehelderde misdrijven", "unit": "%",
                                          "direction": "higher_better",
                                          "method": "weighted_mean"}}
    series = {"crimes_cleared_share": [{"year": 2017, "value": 20.8},
                                       {"year": 2024, "value": 5.3}]}
    small_bases = {"crimes_cleared_share": {2017: {**BASE, "year": 2017}, 2024: BASE}}
    gap_reasons: list = []
    kies: list = []
    fresh_from = 2021

    def __getattr__(self, name: str) -> dict:
        return {}


def test_the_fact_gives_the_latest_figures_base_unless_said_in_full():
    """Only the latest figure's (the 2017 figure of the trend has none), and none where Kies
    richting's Waarom says it in full below the sentence (``base_said``)."""
    assert fact(_City(), "crimes_cleared_share")["small_base"] == BASE
    assert fact(_City(), "crimes_cleared_share", base_said=True)["small_base"] is None
    w = Writer("GM0277", "Rozendaal", "nl")
    text = w.indicator(fact(_City(), "crimes_cleared_share") | {"trend": FACT["trend"]}).text
    assert "20,8% in 2017" in text and text.count("berekend uit ongeveer") == 1


def test_the_city_pages_waarom_ends_with_the_reports_caveat():
    kies = {"title_nl": "Opgehelderde misdrijven", "unit": "%", "value": 5.3,
            "position": "unfavourable_quartile", "median": 21.9, "trend": None,
            "better_peers": [], **BASE}
    head, why = kies_parts(kies, "de 11 gemeenten van deze grootte")
    assert why.endswith(". " + CAVEAT) and CAVEAT == small_base(kies, "nl")
    assert "kleine aantallen" not in kies_parts({**kies, "base_count": None})[1]


def test_the_tile_marks_it_after_the_year():
    row = {"latest_year": 2024, "provisional": [2024], "base_year": 2024, **BASE}
    assert marks(row, writer("nl")) == ["voorlopig",
                                        "berekend uit ongeveer 55 geregistreerde misdrijven"]
    assert marks({**row, "base_year": 2023}, writer("nl")) == ["voorlopig"]
    assert marks({**row, "base_year": None, "base_count": None}, writer("nl")) == ["voorlopig"]


def test_small_bases_table_from_hand_written_tables():
    """Every municipality's and year's base under 100 cases, where its rounding cannot lift
    it to 100 (95 rounded to fives: at most 97,5); not a base rounded to 0 (under 500 when
    rounded to thousands: Schiermonnikoog's labour force)."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE catalogue_indicators AS SELECT * FROM (VALUES
            ('cleared', 'weighted_mean', 'cleared:den'),
            ('unemployed', 'weighted_mean', 'unemployed:den')) t(indicator_id, method,
                                                                 denominator_series);
        CREATE TABLE indicators AS SELECT * FROM (VALUES ('cleared', '%'), ('unemployed', '%'))
            t(indicator_id, unit);
        CREATE TABLE denominator_rounding AS SELECT * FROM (VALUES
            ('cleared', 2023, 5), ('cleared', 2024, 5), ('unemployed', 2024, 1000))
            t(indicator_id, year, unit);
        CREATE TABLE series_all AS SELECT * FROM (VALUES
            ('cleared:den', 'GM0001', 2023, 95.0), ('cleared:den', 'GM0001', 2024, 100.0),
            ('cleared:den', 'GM0002', 2024, 20.0), ('unemployed:den', 'GM0001', 2024, 0.0))
            t(series_id, region_code, year, value);
    """)
    assert build_small_bases(con, 100) == {"small_bases": 2}
    assert con.execute("SELECT * FROM small_bases").fetchall() == [
        ("GM0001", "cleared", 2023, 95.0, 5), ("GM0002", "cleared", 2024, 20.0, 5)]
    # the setting small_base moves the rule: under 50 only the 20; under 200 the 100 too
    assert build_small_bases(con, 50) == {"small_bases": 1}
    assert build_small_bases(con, 200) == {"small_bases": 3}
    assert con.execute("SELECT region_code, year FROM small_bases").fetchall() == [
        ("GM0001", 2023), ("GM0001", 2024), ("GM0002", 2024)]
    empty = duckdb.connect()
    assert build_small_bases(empty, 100) == {"small_bases": 0}
