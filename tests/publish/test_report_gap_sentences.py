"""The tweedeling's 'Stad en ommeland' says how many city-ommeland gaps widen and narrow and
how many the chart shows; the sentences under it are one per shown gap. Leeuwarden (2025
snapshot): 'groeit het verschil significant bij 4 en krimpt het bij 2 ... De grafiek toont
deze 6.' stood above five sentences: the fourth widening gap (Zonnestroominstallaties per
1 000 inwoners, p = 0,031) was in the chart but not in the text (at most 3 widening and 2
narrowing sentences were written)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder, sections
from tests.publish.city_contexts import city_contexts
from tests.publish.loaded import connect, kept_city

CITY_SET = "G40"
SAID = {"nl": (r"Bij (\d+|geen) van de \d+ indicatoren met een recente vergelijking wordt "
               r"het verschil significant groter, bij (\d+|geen) significant kleiner",
               r"De grafiek en de tabel tonen (?:(?:deze|er) (\d+)|die indicator)"),
        "en": (r"For (\d+|none) of the \d+ indicators with a recent comparison the difference "
               r"grows significantly, for (\d+|none) it shrinks significantly",
               r"The chart and table show (?:(?:these )?(\d+)|that indicator)")}
#: the gaps that change sides, counted after those (a chart showing all moving gaps shows them
#: too: Delft's 7 + 5 + 1 in 12 is no 'all')
CROSSED = {"nl": r"bij (\d+) wisselt het significant van kant",
           "en": r"for (\d+) it changes sides significantly"}


@pytest.fixture(scope="module")
def city_set_regions(warehouse_path):
    """(code, lang) -> the 'Stad en ommeland' part of the tweedeling, for every city of the
    city set, in Dutch and English."""
    with connect(warehouse_path) as con:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY region_code",
            [CITY_SET]).fetchall()]
        out = {}
        for code in codes:
            data = kept_city(con, code)
            for lang in SAID:
                out[code, lang] = (data, sections.divide(data, lang)["city_region"])
    return out


def test_every_shown_gap_has_its_sentence(city_set_regions):
    """For every city of the set, in both languages: as many gap sentences as the paragraph
    says the chart shows, one per shown gap; where it shows all, as many widening and
    narrowing sentences as it counts."""
    assert len({code for code, _ in city_set_regions}) >= 40
    wrong = []
    for (code, lang), (data, region) in city_set_regions.items():
        counts, shown_at = SAID[lang]
        said = re.search(counts, region["summary"])
        if not said:
            assert not region["sentences"] and not region["figures"], (code, lang)
            continue
        w, c = (0 if n in ("geen", "none") else int(n) for n in said.groups())
        crossed = re.search(CROSSED[lang], region["summary"])
        x = int(crossed.group(1)) if crossed else 0
        shown = int(re.search(shown_at, region["summary"]).group(1) or 1)
        rows = [r[0] for r in region["figures"][0]["table"]["rows"]]
        ids = [s.indicator_id for s in region["sentences"]]
        titles = [data.catalogue[i][f"title_{lang}"] for i in ids]
        moves = [data.gap_trends[i]["classification"] for i in ids]
        if sorted(titles) != sorted(rows) or len(ids) != shown or (
                w + c + x == shown and (moves.count("diverging"), moves.count("converging"),
                                        moves.count("crossing")) != (w, c, x)):
            wrong.append(f"{data.name} ({lang}): {w} + {c}, shown {shown}, "
                         f"{len(ids)} sentences")
    assert not wrong, "\n".join(wrong)


def test_leeuwarden_names_its_solar_installations(city_set_regions):
    """The case above, seen on real data: Leeuwarden's widening gap in solar installations."""
    data, region = city_set_regions["GM0080", "nl"]
    assert "solar_installations_per_1000" in [s.indicator_id for s in region["sentences"]]
    assert data.gap_trends["solar_installations_per_1000"]["classification"] == "diverging"


#: municipalities whose gap sentences are read: Westerveld's lowest-10% households '6% ...
#: 16% lager dan in het ommeland (7%)' (6 / 7 is 14% lower) and Land van Cuijk's '5% ...
#: 26% lager ... (7%)' (29%) before the levels got a decimal where needed
GAP_CITIES = ["Westerveld", "Land van Cuijk", "Zwolle", "Nijkerk", "Vlieland", "Utrecht"]
#: a percentage's relative gap after its points (group 5): '8,9% in ..., 2,0 procentpunt
#: (relatief 29%) hoger dan in het ommeland (6,9%)' (tests/publish/test_gap_points.py)
GAP_NOW = {"nl": r"in \d{4} (−?[\d.,]+)[^,]*?, (?:([\d.,]+) procentpunt \(relatief )?([\d.,]+)%"
                 r"\)? (hoger|lager) dan in het ommeland \((−?[\d.,]+)",
           "en": r"in \d{4} (−?[\d,.]+)[^,]*?, (?:([\d,.]+) percentage points? \()?([\d,.]+)%"
                 r"(?: in relative terms\))? (higher|lower) than in the surrounding region "
                 r"\((−?[\d,.]+)"}


def _number(text: str, lang: str) -> tuple[float, int]:
    """A printed number and its decimals ('1.234,5' nl, '1,234.5' en)."""
    thousands, point = (".", ",") if lang == "nl" else (",", ".")
    text = text.replace(thousands, "").replace(point, ".").replace("−", "-")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def test_a_printed_gap_follows_from_its_printed_levels(warehouse_path):
    """Every gap sentence of several municipalities, in both languages: the relative gap it
    prints, computed again from the two printed levels, differs by at most one unit of its
    last digit (the levels get a decimal more where the catalogue's would not show it)."""
    contexts = city_contexts(warehouse_path, GAP_CITIES, list(GAP_NOW))
    read, wrong = 0, []
    for (city, lang), (_, ctx) in contexts.items():
        for s in builder.collect_sentences(ctx):
            for m in re.finditer(GAP_NOW[lang], s.text):
                (city_v, digits), (pct, places), (omm, _) = (
                    _number(m.group(i), lang) for i in (1, 3, 5))
                sign = 1 if m.group(4) in ("hoger", "higher") else -1
                if m.group(2):  # the points: the difference of the two printed levels
                    points = _number(m.group(2), lang)[0]
                    if abs(city_v - omm - sign * points) > 10 ** -digits / 2:
                        wrong.append(f"{city} ({lang}): {m.group(0)} (points)")
                read += 1
                if omm == 0:
                    wrong.append(f"{city} ({lang}): {m.group(0)}")
                    continue
                again = round((city_v / omm - 1) * 100, places)
                if abs(again - sign * pct) > 10 ** -places + 1e-9:
                    wrong.append(f"{city} ({lang}): {m.group(0)} ({again})")
    assert read >= 40
    assert not wrong, "\n".join(wrong)


def test_one_shown_gap_is_not_counted_as_these_one(wh):
    """Goes: one gap moves and the chart shows it; 'De grafiek toont deze 1.' read oddly
    (Nijkerk was the case; two of its gaps change sides now: 'deze 3'; then Heemskerk, until
    its one moving gap was found not certain within CBS's rounding, session 34)."""
    region = sections.divide(kept_city(wh, "Goes"), "nl")["city_region"]
    assert "De grafiek toont die indicator." in region["summary_pdf"]  # then what is left out
    assert "deze 1" not in region["summary"] + region["summary_pdf"]
    en = sections.divide(kept_city(wh, "Goes"), "en")["city_region"]
    assert "The chart shows that indicator." in en["summary_pdf"]
    assert len(region["sentences"]) == 1


def test_gap_levels_are_no_more_precise_than_the_catalogue(warehouse_path, wh):
    """A gap sentence prints its levels with at most the indicator's catalogue decimals
    (what CBS publishes; the figure captions promise no finer rounding): 's-Hertogenbosch's
    self-employed per 1 000 printed '85,0 ... (85,8)' where the catalogue says 0 decimals,
    its lowest-10% households '9,0% ... (5,7%)' where CBS gives whole percents (both gaps
    now without a verdict within CBS's rounding: Schiedam's self-employed instead). Where
    those levels cannot show the printed relative gap, the sentence gives the relative gap
    alone."""
    decimals = dict(wh.execute("SELECT indicator_id, decimals FROM indicators").fetchall())
    cities = [*GAP_CITIES, "Schiedam"]
    contexts = city_contexts(warehouse_path, cities, list(GAP_NOW))
    read, wrong, bosch = 0, [], []
    for (city, lang), (_, ctx) in contexts.items():
        for s in builder.collect_sentences(ctx):
            for m in re.finditer(GAP_NOW[lang], s.text):
                read += 1
                places = max(_number(m.group(i), lang)[1] for i in (1, 5))  # the levels
                if places > decimals[s.indicator_id]:
                    wrong.append(f"{city} ({lang}): {m.group(0)}")
            if city == "Schiedam" and s.indicator_id == "self_employed_per_1000":
                bosch.append(s.text)
    assert read >= 20
    assert not wrong, "\n".join(wrong)
    assert bosch and decimals["self_employed_per_1000"] == 0  # read above: whole numbers


def test_gaps_without_verdict_are_left_out_saying_why(wh):
    """'s-Hertogenbosch's lowest-10% households (9% in every year, whole percents) and
    Deventer's Wmo clients (Raalte's step in 2018 moved the ommeland) have no gap verdict:
    no sentence, no row in the chart, and the summary says why in plain words."""
    for city, ind, nl, en in (
            ("'s-Hertogenbosch", "low_income_households_share",
             "(in 2016–2023 steeds dezelfde waarde, afgerond op hele procenten)",
             "(the same value throughout 2016–2023, rounded to whole per cent)"),
            ("Deventer", "wmo_clients_per_1000", "(Raalte, 2017–2018)", "(Raalte, 2017–2018)")):
        data = kept_city(wh, city)
        for lang, words in (("nl", nl), ("en", en)):
            region = sections.divide(data, lang)["city_region"]
            title = data.catalogue[ind][f"title_{lang}"]
            assert f"{title} {words}" in region["summary"], (city, lang, region["summary"])
            assert ind not in [s.indicator_id for s in region["sentences"]]
            rows = region["figures"][0]["table"]["rows"] if region["figures"] else []
            assert title not in [r[0] for r in rows]
    said = sections.divide(kept_city(wh, "Deventer"), "nl")["city_region"]["summary"]
    assert "Niet meegeteld: " in said and "verschuift het cijfer van het ommeland" in said


def test_a_gap_within_rounding_is_left_out_saying_so(wh):
    """Oss's gas use per dwelling grew away from its ommeland's (1 350 against 1 346 m³ in
    2019, 940 against 920 in 2023; CBS rounds both to 10 m³): within that rounding the
    growth is not certain (analysis/gap_rounding.py). No sentence, no row; the summary says
    why, once, naming it."""
    data = kept_city(wh, "Oss")
    for lang, words in (("nl", "het CBS rondt de cijfers van Oss en van de gemeenten in het "
                               "ommeland af, en binnen die afronding is niet zeker dat het "
                               "verschil groeit, krimpt of van kant wisselt."),
                        ("en", "CBS rounds the figures of Oss and of the municipalities in the "
                               "surrounding region, and within that rounding it is not certain "
                               "that the difference grows, shrinks or changes sides.")):
        region = sections.divide(data, lang)["city_region"]
        title = data.catalogue["gas_use_per_dwelling"][f"title_{lang}"]
        said = region["summary"]
        assert said.count(words) == 1 and title in said.split(words)[0], said
        assert "gas_use_per_dwelling" not in [s.indicator_id for s in region["sentences"]]
        rows = region["figures"][0]["table"]["rows"] if region["figures"] else []
        assert title not in [r[0] for r in rows]


#: the words that open a sentence on gaps without verdict (report/gap_verdicts.py)
LEFT_OUT = {"nl": ("Niet meegeteld", "Niet getoetst"), "en": ("Not counted", "Not tested")}


def test_what_is_not_counted_is_said_once(wh):
    """Hollands Kroon's gaps over its own jump (delivered electricity) and over Den Helder's
    step (housing association dwellings) stood in two sentences, each opening 'Niet
    meegeteld:' (until the dip Den Helder undid in 2019 no longer counted, tests/analysis/
    test_gaps.py); Veendam's floor area and new construction in two 'Niet getoetst:'. Every
    municipality with two reasons of a kind says them in one sentence that names all its
    indicators, in the summary and in the rendered report."""
    pairs = wh.execute("""
        SELECT region_code FROM region_gap_trends
        WHERE no_verdict IS NOT NULL GROUP BY 1
        HAVING count(DISTINCT no_verdict) FILTER (WHERE no_verdict LIKE '%jump') = 2
            OR count(DISTINCT no_verdict) FILTER (WHERE no_verdict LIKE 'city_%'
                                                   AND no_verdict <> 'city_jump') = 2
        ORDER BY 1""").fetchall()
    codes = [r[0] for r in pairs]
    assert "GM0047" in codes and len(codes) >= 20
    for code in codes:
        data = kept_city(wh, code)
        left = sections._comparable(data, True)
        for lang in LEFT_OUT:
            said = sections.divide(data, lang)["city_region"]["summary"]
            for words in LEFT_OUT[lang]:
                assert said.count(words) <= 1, (code, lang, said)
            for ind in left:  # every indicator left out is named
                title = data.catalogue[ind][f"title_{lang}"]  # one bracket: '(baanintensiteit;'
                assert title in said or f"{title[:-1]}; " in said, (code, ind, said)
    for lang in LEFT_OUT:
        ctx = builder.city_context(kept_city(wh, "GM0047"), lang, None)
        html = builder.render("city.html.j2", ctx, pdf=False)
        assert html.count(LEFT_OUT[lang][1]) == 1, lang
        said = ctx["divide"]["city_region"]["summary"]
        assert "Veendam" in said


@pytest.mark.parametrize("code", ["GM0796", "GM0106"])
def test_a_recent_gap_without_trend_is_said_with_the_dashboards_words(warehouse_path, code):
    """The report's 'Stad en ommeland' says why a recent gap has no gap trend, in the words of
    the dashboard's tweedeling cell ('geen trend: ...' there, 'Geen trend van het verschil bij
    <titel>: ...' here), for every such indicator, in both languages; 's-Hertogenbosch's
    social assistance, population growth and Wmo clients were not mentioned at all."""
    from stadstrends.publish.gap_missing import no_trend_reason

    with connect(warehouse_path) as con:
        data = kept_city(con, code)
    assert data.gap_missing
    fresh = data.fresh_from or 0
    for lang, head in (("nl", "Geen trend van het verschil bij"),
                       ("en", "No trend of the gap for")):
        summary = sections.divide(data, lang)["city_region"]["summary"]
        for ind, reason in data.gap_missing.items():
            if data.gaps[ind][-1]["year"] < fresh or data.catalogue[ind].get("projection"):
                continue
            why = no_trend_reason(reason, lang, data.name, data.region_names.get)
            assert f": {why}." in summary, (ind, why)
            assert re.search(rf"{head} [^.]*{re.escape(data.catalogue[ind][f'title_{lang}'])}",
                             summary), ind
    if code == "GM0796":
        nl = sections.divide(data, "nl")["city_region"]["summary"]
        assert ("Geen trend van het verschil bij Bijstandsuitkeringen per 1 000 inwoners: te "
                "weinig vergelijkbare jaren (alleen 2024 in 2017–2024; minimaal 3 jaren voor "
                "een trend); er zijn geen cijfers voor 2017–2023 (geen bron voor deze jaren; "
                "geen van de CBS-tabellen die deze indicator gebruikt heeft cijfers voor deze "
                "jaren).") in nl
        assert ("Geen trend van het verschil bij Wmo-cliënten per 1 000 inwoners: te weinig "
                "vergelijkbare jaren (alleen 2022 en 2023 sinds de reeksbreuk van 2017; "
                "minimaal 3 jaren voor een trend); het ommeland heeft geen cijfer voor "
                "2017–2021, omdat Land van Cuijk, Maashorst (2017–2018) en Heusden (2017) er "
                "geen hebben.") in nl


# (Zaanstad and Arnhem, here before session 52, now also have a trend of their own not
# certain within CBS's rounding of its births and deaths rates: the two reasons' sentence)
@pytest.mark.parametrize("city", ["Alkmaar", "Haarlem", "Deventer"])
def test_not_tested_for_rounding_is_said_once_and_plainly(wh, city):
    """'Niet getoetst: X (afgerond op hele ... heeft het cijfer van Arnhem ... maar 2
    verschillende waarden); afgerond zoals het CBS het geeft verandert het cijfer van Arnhem
    daar te weinig ...' said the rounding and the city twice: now each item its years, values
    and rounding, the city and CBS's rounding once after them. (Hollands Kroon, once here,
    now has a trend of its own not certain within the rounding too: the two reasons' one
    sentence, tested apart.)"""
    data = kept_city(wh, city)
    steps = wh.execute("SELECT count(*) FROM region_gap_trends WHERE region_code = ? AND "
                       "no_verdict = 'city_steps'", [data.code]).fetchone()[0]
    assert steps >= 1
    for lang, head, cbs in (("nl", "Niet getoetst: ", "Het CBS geeft de cijfers zo afgerond"),
                            ("en", "Not tested: ", "CBS gives the figures rounded like this")):
        said = sections.divide(data, lang)["city_region"]["summary"]
        part = said[said.index(head):]
        part = part[:part.index(".", part.index(cbs) + len(cbs)) + 1]
        assert part.count(cbs) == 1 and part.count(data.name) == 1, part
        rounded = {"nl": "afgerond op ", "en": "rounded to "}[lang]
        assert part.count(rounded) == steps, part  # once in each item, not again after them
        assert "zoals het CBS het geeft" not in part and "as CBS gives it" not in part


def test_a_gap_over_a_change_in_the_ommelands_members_says_why_it_has_no_trend(wh):
    """Schiermonnikoog's housing association dwellings: its ommeland of 2017 leaves out
    Terschelling as well as Ameland, that of 2018-2024 Ameland alone. Its gap trend (14% ->
    3% lower) measured that change too; now the gap has no trend, and the report says why
    (analysis/gap_reasons.py, ``ommeland_members``), as for private rental dwellings."""
    data = kept_city(wh, "GM0088")
    left = data.ommeland_left_out["social_housing_share"]
    assert (left[2017], left[2024]) == (["Ameland", "Terschelling"], ["Ameland"])
    assert {"social_housing_share", "private_rental_share"} <= set(data.gap_missing)
    said = {"nl": "Geen trend van het verschil bij Aandeel corporatiewoningen en Aandeel "
                  "particuliere huurwoningen: het ommeland telt niet elk jaar dezelfde "
                  "gemeenten (zonder Terschelling in 2017)",
            "en": "the surrounding region does not count the same municipalities every year "
                  "(without Terschelling in 2017)"}
    for lang, sentence in said.items():
        region = sections.divide(data, lang)["city_region"]
        assert sentence in region["left_out"], region["left_out"]
        texts = [s.text for s in region["sentences"]]
        assert not any(t.startswith(("Aandeel corporatiewoningen:",
                                     "Share of housing association")) for t in texts), texts

def _cell(cell: str) -> str:
    """A gap table cell's gap: '2024: 3,6% hoger* (ommeland zonder Ameland)' -> '3,6% hoger';
    a percentage's keeps its relative gap: '2,0 %-punt (relatief 29%) hoger'."""
    return re.sub(r"\*+$", "", re.sub(r" \((?!relatief )[^()]*\)$", "", cell.split(": ", 1)[1]))


def _agrees(text: str, cell: str, lang: str) -> bool:
    """Whether a gap sentence ``text`` prints the gap of a table ``cell`` ('3,6% hoger'): the
    same number and word, or 'gelijk aan het ommeland' beside 'gelijk'."""
    if cell == sections.t(lang, "equal"):  # the last year's or the first year's words
        return any(words in text for words in {
            "nl": ("gelijk aan het ommeland", "waren beide gelijk"),
            "en": ("level with the surrounding region", "the two were level")}[lang])
    # the sentence's points in full words, the cell's short ('procentpunt', '%-punt')
    text = re.sub(r"percentage points?", "pp", text.replace("procentpunt", "%-punt"))
    return re.search(rf"(?<![\d.,]){re.escape(cell)}\b", text) is not None


def test_a_gap_sentence_prints_its_tables_gap(city_set_regions):
    """The city set's reports, in both languages: the last and first year's gap of each gap
    sentence are printed as in the table beside it. Breda's housing association share read
    '4% hoger' in the sentence (printed whole so that it followed from the levels) beside
    '3,6% hoger' in the table; now the sentence gives '3,6% hoger' alone where its levels
    would not show it."""
    read, wrong = 0, []
    for (_, lang), (data, region) in city_set_regions.items():
        if not region["figures"]:
            continue
        rows = {r[0]: r for r in region["figures"][0]["table"]["rows"]}
        for s in region["sentences"]:
            row = rows[data.catalogue[s.indicator_id][f"title_{lang}"]]
            last, first = s.text.split(";", 1) if ";" in s.text else (s.text, "")
            read += 1
            if not (_agrees(last, _cell(row[2]), lang) and _agrees(first, _cell(row[1]), lang)):
                wrong.append(f"{data.name} ({lang}): {row[1:3]} | {s.text}")
    assert read >= 100
    assert not wrong, "\n".join(wrong[:20])


def test_every_municipalitys_gap_sentence_prints_its_tables_gap(wh):
    """Every moving city-ommeland gap of every municipality (the real build, the rows its
    report's chart and table show): the sentence's last-year gap is the table cell's, as
    printed ('3,6% hoger', or 'gelijk' where both figures print the same)."""
    from stadstrends.publish.gap_forms import one_form, percent_form
    from stadstrends.publish.report.gap_verdicts import MOVING
    from stadstrends.publish.sentence_gaps import cell_points
    from stadstrends.publish.sentences import Writer

    rows = wh.execute("""
        SELECT t.*, g.city_value AS city_last, g.ommeland_value AS omm_last, i.title_nl,
               i.unit, i.decimals, i.signed, i.direction, i.method, r.name
        FROM region_gap_trends t
        JOIN region_gaps g ON g.region_code = t.region_code
         AND g.indicator_id = t.indicator_id AND g.year = t.last_year
        JOIN indicators i ON i.indicator_id = t.indicator_id
        JOIN regions r ON r.region_code = t.region_code
        WHERE t.no_verdict IS NULL AND i.method <> 'count' AND t.classification IN ?""",
                     [list(MOVING)]).df()
    assert rows.region_code.nunique() > 300 and len(rows) > 1500
    wrong, whole = [], 0
    for r in rows.to_dict("records"):
        f = {"indicator_id": r["indicator_id"], "title": r["title_nl"], "unit": r["unit"],
             "decimals": r["decimals"], "signed": bool(r["signed"]), "trend": None,
             "bench": None, "direction": r["direction"], "method": r["method"], "gap": r}
        text = Writer(r["region_code"], r["name"], "nl").indicator(f, "gap_widening").text
        ends = (None if bool(r["starts_level"] == 1) else r["first_pct"],
                None if bool(r["ends_level"] == 1) else r["last_pct"])  # one form a row
        cell = sections._pct_cell(r["last_pct"], "nl", bool(r["ends_level"]),
                                  cell_points(f, "last", "nl"), one_form(*ends),
                                  percent_form(*ends))
        whole += abs(r["last_pct"]) < 9.95 and bool(re.search(r"(?<![\d,])\d%\)? (hoger|lager)",
                                                             text.split(";")[0]))
        if not _agrees(text.split(";")[0], cell, "nl"):
            wrong.append(f"{r['name']} {r['indicator_id']}: {cell} | {text}")
    assert not wrong, f"{len(wrong)} of {len(rows)}:\n" + "\n".join(wrong[:20])
    assert whole == 0  # no gap below 10% printed whole ('4% hoger' beside '3,6% hoger')


def test_two_minima_in_one_paragraph_say_what_each_counts(wh):
    """Groningen's 'Stad en ommeland' gives two minima in one paragraph: years for a test of
    a gap trend (the build's min_significant_points, 5) and years for a gap trend at all (3).
    They read '(minimaal 5)' and '(...; minimaal 3)' side by side, as if one contradicted the
    other (682 of 684 paragraphs, nl and en, of all 342 municipalities): each now says it
    counts years and what for."""
    data = kept_city(wh, "Groningen")
    test_min = int(data.build["min_significant_points"])
    for lang, word, years, trend in (("nl", "minimaal", "jaren", "jaren voor een trend"),
                                     ("en", "at least", "years", "years for a trend")):
        summary = sections.divide(data, lang)["city_region"]["summary"]
        found = re.findall(rf"{word} (\d+)( [a-z ]+)?\)", summary)
        assert len({n for n, _ in found}) == 2, summary
        for n, what in found:
            assert what, (n, summary)  # never a bare '(minimaal 5)'
            assert what.strip() == (years if int(n) == test_min else trend), (n, what)


def test_dijk_en_waard_names_its_one_year_plainly(wh) -> None:
    """'alleen 2024 sinds de reeksbreuk van 2024' stumbled read aloud: Dijk en Waard's only
    comparable year of the non-western share is the first after the break, and the
    sentence says so in both languages, as the warehouse has it (the break starts 2024 and
    2024 is the only year of region_gaps from then on)."""
    ind = "share_non_western_background"
    seg = wh.execute("SELECT segment_start, segment_reason FROM series_segments WHERE "
                     "indicator_id = ? AND year = 2024", [ind]).fetchone()
    years = {r[0] for r in wh.execute("SELECT year FROM region_gaps WHERE region_code = "
                                      "'GM1980' AND indicator_id = ? AND year >= 2024",
                                      [ind]).fetchall()}
    assert seg == (2024, "break") and years == {2024}
    data = kept_city(wh, "GM1980")
    for lang, said in (("nl", "te weinig vergelijkbare jaren (alleen 2024, het eerste jaar na "
                              "de reeksbreuk; minimaal 3 jaren voor een trend)"),
                       ("en", "too few comparable years (only 2024, the first year after the "
                              "series break; at least 3 years for a trend)")):
        summary = sections.divide(data, lang)["city_region"]["summary"]
        assert said in summary, summary
        assert "2024 sinds de" not in summary and "2024 since the" not in summary
