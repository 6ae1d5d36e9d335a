"""Reports for any municipality within any comparison group: a sample across size classes
and provinces builds in both languages and names its group; the positions a report shows
equal an independent computation from indicator_values and comparison_group_members. On the
synthetic warehouse (tests/fixtures/synthetic_warehouse.py); Haaren (split over four) and
the two Bergens need the real one: test_end_to_end.py."""

from __future__ import annotations

import numpy as np
import pytest

from stadstrends.errors import GroupNotFound, InvalidParameter
from stadstrends.publish.format import no_lone_last_word
from stadstrends.publish.groups import group_label
from stadstrends.publish.report import builder
from stadstrends.publish.report.texts import TEXTS
from tests.publish.loaded import kept_city

SAMPLE = ["Kampen", "Oostzaan", "Amsterdam", "Leeuwarden", "Landsmeer"]


@pytest.fixture()
def wh(syn):
    """This module's warehouse: the synthetic one."""
    return syn


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", SAMPLE)
def test_sample_reports_build_and_name_their_group(wh, city: str, lang: str) -> None:
    data = kept_city(wh, city)
    ctx = builder.city_context(data, lang, None)
    html = builder.render("city.html.j2", ctx, pdf=False)
    group = data.group
    assert group["is_default"] and group["n"] >= 1
    phrase = group[f"phrase_{lang}"]
    assert phrase in html and ctx["front"]["group_line"].count(phrase) == 1
    # the kicker names the group in words, not by its code ('Stadstrends · GK5')
    # its last word never alone on a line ('... op 1 januari' / '2025': Vlieland's PDF)
    assert ctx["kicker"] == no_lone_last_word(TEXTS[lang]["kicker"].format(group=phrase))
    assert ctx["kicker"].split(" ")[-1].count("\u00a0") == 1
    assert f'<p class="kicker">{ctx["kicker"]}</p>' in html.replace("&#39;", "'")
    assert group["family"] == "named" or group["set_id"] not in ctx["kicker"]
    if group["family"] == "size" and group["n"] == 1:  # 'de enige gemeente met ...'
        tail = group_label(group, lang).split(" ", 1)[1]  # 'met ... op 1 januari 2025'
        assert phrase.split()[1] in ("enige", "only") and phrase.endswith(tail)
    elif group["family"] == "size":  # 'de 2 gemeenten met 50.000 tot 100.000 inwoners'
        assert phrase.split()[1] == str(group["n"]) and group_label(group, lang) in phrase
    assert group["set_id"] == {"Kampen": "GK5", "Oostzaan": "GK1", "Amsterdam": "G4",
                               "Leeuwarden": "G40", "Landsmeer": "GK3"}[city]
    texts = [s.text for s in builder.collect_sentences(ctx)] + [
        ctx["front"]["group_line"], ctx["front"]["peers_text"], ctx["glance"]["intro"],
        ctx["direction"]["intro"], ctx["acc"]["intro"], ctx["domains"][0]["intro"]]
    named = [x for x in texts if "G40" in x]  # no text names another set
    assert not named or group["set_id"] == "G40", named[:2]
    rows = ctx["front"]["summary"]["rows"]  # no '0 ongunstig' when nothing was compared
    for opgave, row in zip(data.opgaven, rows, strict=True):
        signals = [x for x in data.signals if x["opgave_id"] == opgave["opgave_id"]]
        if signals or data.summary[opgave["opgave_id"]]["n_indicators_compared"]:
            assert sum(row[1:4]) == len(signals)  # then Kies richting's two counts
        else:
            assert set(row[1:]) == {TEXTS[lang]["not_compared"]}
    sentences = builder.collect_sentences(ctx)
    # a report with content (Oostzaan's synthetic population growth gap has no verdict since
    # session 26: its yearly growth counts are small, analysis/gap_small.py: 9 sentences)
    assert len(sentences) >= 8
    # sentences name it without a size group's population date (the cover and method say it)
    assert any(group[f"mention_{lang}"] in s.text for s in sentences) or not data.kies
    assert {"nl": "Bron: CBS", "en": "Source: CBS"}[lang] in html


def test_amsterdam_within_the_g4_and_the_g40_and_every_group_it_is_in(wh) -> None:
    data = kept_city(wh, "Amsterdam")
    assert data.group["set_id"] == "G4" and data.group["phrase_nl"] == "de G4"
    g40 = kept_city(wh, "Amsterdam", "G40")  # a G4 city can be compared with the G40
    assert (g40.group["set_id"], g40.group["member"]) == ("G40", False)
    line = builder.city_context(g40, "nl", None)["front"]["group_line"]
    assert line.startswith("Vergeleken met de G40 (Amsterdam hoort er zelf niet bij")
    # the synthetic G40 has fewer than six members with a figure: no quarter, so no
    # strengths or tasks (on the real one: test_positions.py)
    ns = [r["n"] for r in g40.latest.values() if r.get("n") is not None]
    assert ns and max(ns) < 6 and g40.kies == []
    for other in ("GK8", "ST1", "PV27", "CR23", "NL01", "PEERS", "TY1"):
        chosen = kept_city(wh, "Amsterdam", other).group
        assert chosen["set_id"] == other and not chosen["is_default"]
    assert kept_city(wh, "Amsterdam", "pv27").group["set_id"] == "PV27"
    with pytest.raises(InvalidParameter, match="not in comparison group 'G32_2017'"):
        kept_city(wh, "Kampen", "G32")
    with pytest.raises(GroupNotFound, match="no comparison group 'NOPE'") as err:
        kept_city(wh, "Kampen", "NOPE")
    assert "GK5" in err.value.hint and "PV23" in err.value.hint


def _members(wh, set_id: str) -> set[str]:
    return {r[0] for r in wh.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = ? "
        "AND focal_code IS NULL", [set_id]).fetchall()}


@pytest.mark.parametrize("city,set_id", [("Kampen", "GK5"), ("Kampen", "PV23"),
                                         ("Oostzaan", "GK1"), ("Oostzaan", "PV27"),
                                         ("Dalfsen", "ST4"), ("Dalfsen", "CR10")])
def test_report_positions_equal_an_independent_computation(wh, city: str, set_id: str):
    data = kept_city(wh, city, set_id)
    assert data.group["set_id"] == set_id
    members = _members(wh, set_id)
    assert data.code in members
    values = wh.execute("SELECT region_code, indicator_id, year, value FROM indicator_values "
                        "WHERE value IS NOT NULL").df()
    values = values[values["region_code"].isin(members)]
    checked = 0
    for ind in ("unemployment_rate", "crimes_per_1000", "population_growth_pct",
                "income_disposable_mean", "income_standardised_median"):
        row = data.latest.get(ind)
        if row is None or row.get("median") is None:
            continue
        v = values[(values["indicator_id"] == ind) & (values["year"] == row["year"])]
        v = v.set_index("region_code")["value"]
        assert row["n"] == len(v)
        assert row["median"] == pytest.approx(float(np.median(v)))
        assert row["p25"] == pytest.approx(float(np.percentile(v, 25)))
        assert row["p75"] == pytest.approx(float(np.percentile(v, 75)))
        assert row["rank"] == int(v.rank(method="min", ascending=False)[data.code])
        series = {r["year"]: r for r in data.series[ind]}[row["year"]]  # the chart band
        assert (series["p25"], series["median"], series["p75"]) == pytest.approx(
            (row["p25"], row["median"], row["p75"]))
        checked += 1
    assert checked >= 3, (city, set_id)
    for k in data.kies:  # kies richting rests on the same positions
        latest = data.latest[k["indicator_id"]]
        assert (k["median"], k["n"], k["percentile"]) == pytest.approx(
            (latest["median"], latest["n"], latest["percentile"]))


def test_all_and_set_cover_the_right_municipalities(wh) -> None:
    from stadstrends.publish.report.batch import set_codes

    every = set_codes(wh, None)
    assert len(every) == 11 == len({c["code"] for c in every})
    assert "GM0457" not in {c["code"] for c in every}  # Weesp is no more
    assert len(set_codes(wh, "GK5")) == 2 and len(set_codes(wh, "G4")) == 2
    with pytest.raises(InvalidParameter, match="different group for every municipality"):
        set_codes(wh, "PEERS")
    with pytest.raises(GroupNotFound, match="no comparison group 'G99'"):
        set_codes(wh, "G99")


@pytest.mark.parametrize("query", ["Weesp", "GM0457"])
def test_a_former_municipality_is_an_error_naming_what_it_became(wh, query: str) -> None:
    check_former(wh, query)


def check_former(wh, query: str) -> None:
    """Since when and which municipalities took it over, read back from the warehouse's
    region_successors; the hint names a report that can be written."""
    from stadstrends.errors import RegionNotFound
    from stadstrends.publish.report.data import set_cities

    code = "GM0457" if query != "Haaren" else "GM0788"
    rows = wh.execute("""
        SELECT s.successor_code, r.name, s.since FROM region_successors s
        JOIN regions r ON r.region_code = s.successor_code AND r.valid_to IS NULL
        WHERE s.region_code = ? GROUP BY ALL""", [code]).fetchall()
    assert rows
    with pytest.raises(RegionNotFound) as err:
        kept_city(wh, query)
    message = str(err.value)
    assert message.startswith(f"{'Weesp' if code == 'GM0457' else 'Haaren'} ({code}) has not "
                              f"existed since ")
    assert str(rows[0][2].year) in message
    for successor, name, _ in rows:
        assert f"{name} ({successor})" in message
    current = {c["code"] for c in set_cities(wh)}
    named = err.value.hint.split("`stadstrends report ")[1].split("`")[0]
    assert named in current and named in {r[0] for r in rows}
    if code == "GM0457":
        assert "became part of Amsterdam (GM0363)" in message
    else:
        assert "divided among" in message and len(rows) == 4


def test_overview_is_titled_and_kicked_by_the_group_label(wh) -> None:
    from stadstrends.publish.report.overview import overview_context

    for lang, title, kicker in [
            ("nl", "Overzicht: De G4 (de vier grootste steden)",
             "Stadstrends · overzicht van de\u00a0G4"),
            ("en", "Overview: G4 (the four largest cities)",
             "Stadstrends · overview of the\u00a0G4")]:
        ctx = overview_context(wh, {}, lang, "G4")
        assert (ctx["title"], ctx["kicker"]) == (title, kicker)
        html = builder.render("overview.html.j2", ctx, pdf=False)
        assert f"<h1>{title}</h1>" in html and f'<p class="kicker">{kicker}</p>' in html


def test_overview_signal_tooltips_are_words_not_the_warehouse_codes(wh) -> None:
    """Each cell of the signals heatmap names its valence and the kind of its strongest
    signal in the reader's language (the warehouse stores codes: 'ommeland_deviation')."""
    import json
    import re

    from stadstrends.publish.report.overview import overview_context
    from stadstrends.vocabulary import section

    for lang in ("nl", "en"):
        ctx = overview_context(wh, {}, lang, "G4")
        text = json.dumps(ctx["sections"][0], ensure_ascii=False, default=str)
        tips = set(re.findall(r'"tip": "([^"]*)"', text))
        kinds = set(section(lang, "signal_kinds").values())
        # 'gemengd (gunstig: trend; ongunstig: afwijking van de groep, ...)': every signal
        # of the cell by valence, each kind in words (overview.signal_cells)
        with_kind = [m[1] for tip in tips if (m := re.fullmatch(r"[^(]+ \((.+)\)", tip))]
        assert with_kind, "no cell with a signal"
        assert not any(", " in k for k in kinds)
        named = {k for said in with_kind for part in said.split("; ")
                 for k in part.split(": ", 1)[1].split(", ")}
        assert named and named <= kinds, named - kinds
        assert not any("_" in tip for tip in tips), tips


def test_overview_lists_members_with_the_counts_of_their_front_page(wh) -> None:
    """The overview's member table: inhabitants from benchmark_latest, and per valence each
    distinct signal (indicator and kind) of the member once; its own report's front page (same
    group) counts a signal under every opgave it falls in, so never fewer."""
    from stadstrends.publish.format import fmt_number
    from stadstrends.publish.report.overview import overview_context

    ctx = overview_context(wh, {"GM0363": "amsterdam.nl.html"}, "nl", "G4")
    rows = {r["name"]: r for r in ctx["members"]["rows"]}
    assert sorted(rows) == ["'s-Gravenhage", "Amsterdam"]
    assert rows["Amsterdam"]["file"] == "amsterdam.nl.html"
    assert not rows["'s-Gravenhage"]["file"]
    assert ctx["members"]["columns"][2:] == ["gunstig", "ongunstig", "neutraal"]
    for name, row in rows.items():
        data = kept_city(wh, name, "G4")
        front = builder.city_context(data, "nl", None)["front"]["summary"]["rows"]
        sums = [sum(r[i] for r in front if isinstance(r[i], int)) for i in (1, 2, 3)]
        distinct = wh.execute("""
            SELECT count(*) FILTER (valence = 'favourable'), count(*) FILTER (valence =
                   'adverse'), count(*) FILTER (valence = 'neutral')
            FROM (SELECT DISTINCT indicator_id, kind, valence FROM signals
                  WHERE set_id = 'G4' AND NOT stale AND region_code = ?)""",
                              [data.code]).fetchone()
        assert row["cells"][1:] == [fmt_number(n, 0, "nl") for n in distinct], name
        assert all(d <= f for d, f in zip(distinct, sums, strict=True)) and \
            sum(distinct) > 0, (name, distinct, sums)
        people = wh.execute("SELECT value FROM indicator_values WHERE region_code = ? AND "
                            "indicator_id = 'population' ORDER BY year DESC LIMIT 1",
                            [data.code]).fetchone()[0]
        assert row["cells"][0].startswith(fmt_number(people, 0, "nl")), name

