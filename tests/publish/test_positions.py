"""A position within a comparison group says on how many municipalities it rests, gives a
rank instead of a quarter among fewer than six, and a size group names the year of the
population it was formed on (publish/positions.py, publish/groups.py); on real reports.

Before: Helmond's report put it 'in het laagste kwart van de G40' on establishments in
transport and ICT per 1 000 inhabitants, which 30 of the 41 G40 members have;
Amsterdam was 'in het hoogste kwart van de G4', the highest of four; Hollands Kroon (49.982
inhabitants on 1 January 2025, 50.592 in 2026) was compared with 'de 180 gemeenten met
20.000 tot 50.000 inwoners' without the year that makes this true."""

from __future__ import annotations

import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish.profile import city_profile
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.glance import glance
from tests.publish.cut_words import SOME_CUT, WITHOUT_CUT
from tests.publish.loaded import kept_city

# the words a position over fewer members, a rank and the size group's date must carry:
# the group counting those with a figure ('de 173 gemeenten met 20.000 tot 50.000 inwoners',
# 'de 39 gemeenten van de G40'), then that they have one
SOME = {"nl": "{group} die cijfers hebben", "en": "{group} that have figures"}
OF = {"nl": "de {n} gemeenten van {group}", "en": "the {n} municipalities of {group}"}
OLD_SOME = {"nl": "gemeenten met cijfers binnen", "en": "municipalities with figures within"}
WITHOUT = {"nl": "geen cijfer voor {missing} van de {size}", "en": "no figures for {missing} "
                                                                 "of the {size}"}
RANK = {"nl": r"plaats {rank} van de \d+ gemeenten", "en": r"ranks {rank} of the \d+ "
                                                           r"municipalities"}
QUARTER = {"nl": "kwart", "en": "quarter"}
SINCE = {"nl": "op 1 januari {year}", "en": "on 1 January {year}"}
FEW = 6  # publish.positions.MIN_QUARTER_N, written out: this module must fail without it


def _names(data, lang: str) -> list[str]:
    """How sentences may name the group: in full, shorter after it was named in the section
    ('de 180 gemeenten van deze grootte'), and either counting fewer ('{n}')."""
    g = data.group
    return [x for x in (g[f"mention_{lang}"], g[f"again_{lang}"], g[f"mention_n_{lang}"],
                        g[f"again_n_{lang}"]) if x]


def _some(data, lang: str, n: int, text: str) -> bool:
    """Whether ``text`` says the position is among the ``n`` members with a figure."""
    g = data.group
    counted = [g[f"{k}_n_{lang}"].format(n=n) for k in ("mention", "again")
               if g[f"{k}_n_{lang}"]] or [OF[lang].format(n=n, group=g[f"mention_{lang}"])]
    return any(w[lang].format(group=c) in text for c in counted for w in (SOME, SOME_CUT))


def _positions(data, lang: str) -> list[tuple[str, dict, str]]:
    """(indicator, its benchmark_latest row, sentence) of every report sentence that places
    the city within its group (the sentences naming the group for an indicator with a
    position)."""
    ctx = builder.city_context(data, lang, None)
    heads = [x.split("{n}")[-1] for x in _names(data, lang)]  # '... gemeenten met ...'
    out = []
    for s in builder.collect_sentences(ctx):
        b = data.latest.get(s.indicator_id or "")
        if b and b.get("percentile") is not None and any(h in s.text for h in heads):
            out.append((s.indicator_id, b, s.text))
    return out


def _check(data, lang: str, n: int, rank: int | None, text: str, where: str) -> set[str]:
    """Assert the position words of ``text`` over ``n`` members with a figure; returns which
    cases it was ('some': fewer than the group, 'rank': worded as a rank; or 'all')."""
    size = data.group["n"]
    case = set()
    assert OLD_SOME[lang] not in text, where  # 'de 173 gemeenten met cijfers binnen de 180 ...'
    if n < size:
        assert _some(data, lang, n, text), where
        assert any(w.format(missing=size - n, size=size) in text
                   for w in (WITHOUT[lang], *WITHOUT_CUT[lang])), where
        case.add("some")
    else:
        assert not _some(data, lang, n, text), where
    if n < FEW:
        assert QUARTER[lang] not in text, f"{where}: a quarter of {n}"
        if rank is not None and re.search(RANK[lang].format(rank=r"\d+"), text):
            assert re.search(RANK[lang].format(rank=rank), text), f"{where}: rank {rank}"
            assert f"{n} " in text, where
            case.add("rank")
    return case or {"all"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("city", "group"), [("Helmond", None), ("Amsterdam", "G4"),
                                              ("Zwolle", None), ("Eindhoven", "PV30"),
                                              ("Hollands Kroon", None)])
def test_report_positions_say_how_many_were_compared(wh, city: str, group: str | None,
                                                     lang: str) -> None:
    data = kept_city(wh, city, group)
    seen = set()
    for ind, b, text in _positions(data, lang):
        where = f"{city} {data.group['set_id']} {ind} n={b['n']}: {text}"
        # the figures behind the words, from the warehouse itself
        n, rank = wh.execute(
            "SELECT n, rank FROM group_benchmarks WHERE set_id = ? AND region_code = ? "
            "AND indicator_id = ? AND year = ?",
            [data.group["set_id"], data.code, ind, b["year"]]).fetchone()
        seen |= _check(data, lang, n, rank, text, where)
    assert seen, f"{city}: no position found"
    if city == "Helmond":  # establishments in transport and ICT: 30 of the 41 G40 members
        assert "some" in seen
        assert any(ind == "establishments_transport_ict_per_1000" and SOME_CUT[lang].format(
            group=OF[lang].format(n=30, group="de G40" if lang == "nl" else "the G40")) in text
            for ind, _, text in _positions(data, lang))
    if city == "Hollands Kroon":  # 'de 173 gemeenten van deze grootte die cijfers hebben'
        assert "some" in seen
    if group == "G4":  # chosen (its default is the G40): ranks, never a quarter
        assert seen >= {"rank", "some"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("city", "group"), [("Helmond", None), ("Amsterdam", "G4"),
                                              ("Utrecht", "G4"), ("Utrecht", None),
                                              ("Hollands Kroon", None)])
def test_kies_richting_says_how_many_and_labels_no_rank_among_fewer_than_six(
        wh, city: str, group: str | None, lang: str) -> None:
    """A strength or task rests on a quarter of at least two: never on a rank among fewer
    than six with a figure (before: Amsterdam, 'plaats 1 van de 2 gemeenten met cijfers
    binnen de G4', a distinctive strength; the G4 had 35 such rows, all 904 of them in the
    warehouse among fewer than six). A group of fewer than six has no lists, and says why
    (the G4, chosen: a G4 city's default group is the G40, regions/groups.yaml)."""
    data = kept_city(wh, city, group)
    direction = sections.direction(data, lang)
    small = wh.execute("SELECT count(*) FROM kies_richting WHERE n < ?", [FEW]).fetchone()[0]
    assert small == 0
    if data.group["n"] < FEW:  # the G4: no labels at all, and the intro says why
        assert data.kies == [] and direction["groups"] == []
        last = direction["intro"].split(". ")[-2]
        assert f" {data.group['n']} " in last and QUARTER[lang] in last, last
        # nor does 'In een oogopslag' say an indicator can be a strength within it
        intro = glance(data, lang)["intro"]
        assert {"nl": "(Kies richting)", "en": "(Choosing direction)"}[lang] not in intro
        return
    rows = {label: [r for r in data.kies if r["label"] == label]
            for label in ("distinctive strength", "urgent task")}
    seen = set()
    for grp, label in zip(direction["groups"], rows, strict=True):
        assert len(grp["items"]) == len(rows[label])
        for it, row in zip(grp["items"], rows[label], strict=True):
            n, rank = wh.execute(
                "SELECT n, rank FROM group_benchmarks WHERE set_id = ? AND region_code = ? "
                "AND indicator_id = ? AND year = ?",
                [data.group["set_id"], data.code, row["indicator_id"], row["year"]]).fetchone()
            assert n >= FEW and not re.search(RANK[lang].format(rank=r"\d+"), it["why"])
            seen |= (_check(data, lang, n, rank, it["why"], f"{city} {row['indicator_id']}: "
                                                           f"{it['why']}"))
    # Helmond's one label over fewer, the lowest quarter of the 30 with transport and ICT
    # firms, is withheld: the 11 members cut from 85984NED could move it (analysis/
    # signal_kies.py, tests/analysis/test_signal_kies_cut.py); so are Hollands Kroon's two in
    # GK4 (transport and ICT firms, 89 of 173 with figures, cut; gas delivered to businesses,
    # no good or bad direction now)
    assert ("some" in seen) == (city not in ("Helmond", "Hollands Kroon")), seen


@pytest.mark.parametrize("city", ["Zwolle", "Helmond"])
def test_profile_kies_says_how_many(wh, city: str) -> None:
    data = kept_city(wh, city)
    profile = city_profile(wh, city, lang="en")
    kies = profile["kies_richting"]
    rows = kies["distinctive_strengths"] + kies["urgent_tasks"]
    assert rows
    for row in rows:
        for lang in ("nl", "en"):
            _check(data, lang, row["n"], row["rank_in_group"], row[f"text_{lang}"],
                   f"{city} {row['indicator_id']}")
    assert not kept_city(wh, "Amsterdam", "G4").kies  # the G4, chosen: none
    assert not city_profile(wh, "Amsterdam", "G4")["kies_richting"]["urgent_tasks"]


def test_size_groups_name_the_year_of_their_population(wh) -> None:
    """Every size group's phrase names 1 January of the year CBS classed it on, and every
    member's population on that day lies within the label's bounds (a year later four do not:
    Hollands Kroon 50.592 in 2026, its class 20.000 tot 50.000)."""
    from stadstrends.publish.groups import describe

    year = wh.execute("SELECT max(year) FROM municipality_classes").fetchone()[0]
    sizes = wh.execute("SELECT set_id FROM comparison_groups WHERE family = 'size'").fetchall()
    assert len(sizes) == 7
    outside = {}
    for (set_id,) in sizes:
        member = wh.execute("SELECT min(region_code) FROM comparison_group_members "
                            "WHERE set_id = ?", [set_id]).fetchone()[0]
        group = describe(wh, set_id, member)
        for lang in ("nl", "en"):
            assert group[f"phrase_{lang}"].endswith(SINCE[lang].format(year=year)), group
        bounds = [int(x.replace(".", "")) for x in re.findall(r"\d[\d.]*\d", group["label_nl"])]
        low, high = (0, bounds[0]) if "minder dan" in group["label_nl"] else (
            (bounds[0], float("inf")) if "of meer" in group["label_nl"] else bounds)
        for y in (year, year + 1):
            pops = wh.execute(
                "SELECT m.region_code, v.value FROM comparison_group_members m "
                "JOIN indicator_values v ON v.region_code = m.region_code "
                "AND v.indicator_id = 'population' AND v.year = ? WHERE m.set_id = ?",
                [y, set_id]).fetchall()
            assert len(pops) == group["n"]
            outside[y] = outside.get(y, []) + [c for c, v in pops if not low <= v < high]
    assert outside[year] == []
    assert "GM1911" in outside[year + 1]  # Hollands Kroon: why the year must be said
    html = builder.render("city.html.j2", builder.city_context(
        kept_city(wh, "Hollands Kroon"), "nl", None), pdf=False)
    assert "de 180 gemeenten met 20.000 tot 50.000 inwoners op 1 januari 2025" in html


def test_the_threshold_is_where_a_quarter_holds_two_to_a_third() -> None:
    """:data:`MIN_QUARTER_N` is the fewest for which the settings' quarter (percent rank >= 75)
    holds at least two municipalities and at most a third of the group, for every larger
    group too; below it a 'quarter' is one municipality, or two of five (40%)."""
    from stadstrends.publish.positions import MIN_QUARTER_N, by_rank, quarter_size

    assert MIN_QUARTER_N == FEW
    for n in range(2, 500):
        k = quarter_size(n, 75)
        ok = k >= 2 and k / n <= 1 / 3
        assert ok == (n >= MIN_QUARTER_N), (n, k)
        assert by_rank(n) == (n < MIN_QUARTER_N)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_positions_have_no_quarters_of_four_and_say_how_many(wh, lang: str) -> None:
    """The group overview's position heatmap: the G4's cells are the highest, the lowest or
    above or below the median (no quarter of four), each with its rank; a G40 cell over fewer
    than the 41 members says how many have no figure."""
    import json

    from stadstrends.publish.report.overview import overview_context

    def section(set_id: str) -> str:
        ctx = overview_context(wh, {}, lang, set_id)
        found = [s for s in ctx["sections"] if s["id"] == "heat-positions"]
        assert len(found) == 1
        return json.dumps(found[0], ensure_ascii=False, default=str)

    g4 = section("G4")
    cats = set(re.findall(r'"cat": "([^"]*)"', g4))
    assert cats and not any(QUARTER[lang] in c for c in cats), cats
    tips = re.findall(r'"tip": "([^"]*)"', g4)
    rank = {"nl": r"plaats (\d+) van (\d+)", "en": r"rank (\d+) of (\d+)"}[lang]
    # a cell with a figure has its rank; one without says so with its reason (overview_missing)
    no_figure = {"nl": "zonder cijfer: ", "en": "without a figure: "}[lang]
    # an out-of-date figure has no rank (as the city page: 'geen plaats in de groep getoond')
    stale = {"nl": "verouderd cijfer", "en": "out-of-date figure"}[lang]
    tips = [tip for tip in tips if not tip.startswith(no_figure) and stale not in tip]
    assert tips and all(re.search(rank, tip) for tip in tips), tips
    # (the 2019 safety survey's 'geen cijfer voor 2 van de 41' is out of date since session 42:
    # no rank; the cut copy's cells say how many it lacks)
    some = {"nl": r"plaats (\d+) van (\d+); (?:geen cijfer voor (\d+) van de 41|(\d+) van de "
                  r"41 ontbreken)",
            "en": r"rank (\d+) of (\d+); (?:no figures for (\d+) of the 41|(\d+) of the 41 "
                  r"are missing)"}[lang]
    partial = [re.search(some, tip) for tip in re.findall(r'"tip": "([^"]*)"', section("G40"))]
    partial = [m for m in partial if m]
    assert partial and all(int(m[2]) + int(m[3] or m[4]) == 41 and int(m[1]) <= int(m[2])
                           for m in partial)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("set_id", ["GK1", "CR04", "G40"])
def test_overview_positions_have_no_quarter_where_fewer_than_six_have_a_figure(
        wh, set_id: str, lang: str) -> None:
    """Quarters or a rank is decided per cell by how many members have a figure (``n``), not
    by the group's size. GK1 (11 members): establishments in transport and ICT, 3 with a
    figure in 2024, were coloured 'laagste kwart' / 'hoogste kwart' (plaats 3 van 3; before:
    119 such cells in 34 of the 75 groups' overviews); now 'laagste' / 'hoogste', the legend
    shows both kinds in their own colours, and the caption says where there are no quarters.
    The G40 (30 or more with a figure everywhere) keeps its quartiles."""
    from stadstrends.publish.report.overview import overview_context

    ctx = overview_context(wh, {}, lang, set_id)
    section = next(s for s in ctx["sections"] if s["id"] == "heat-positions")
    fig = section["figures"][0]
    rows = fig["spec"]["datasets"]["rows"]
    rank = {"nl": r"plaats (\d+) van (\d+)", "en": r"rank (\d+) of (\d+)"}[lang]
    no_figure = {"nl": "zonder cijfer", "en": "without a figure"}[lang]
    few = [r for r in rows if (m := re.search(rank, r["tip"])) and int(m[2]) < FEW]
    stale = vocabulary.word(lang, "report", "heat_stale_cell")  # no position: no quarter
    many = [r for r in rows if r not in few and r["cat"] not in (no_figure, stale)]
    median = {"nl": "mediaan", "en": "median"}[lang]
    assert many and all(QUARTER[lang] in r["cat"] or median in r["cat"] for r in many)
    assert not any(QUARTER[lang] in r["cat"] for r in few), few[:3]
    scale = fig["spec"]["encoding"]["color"]["scale"]
    assert {r["cat"] for r in rows} <= set(scale["domain"])
    assert len(set(scale["range"])) == len(scale["domain"])  # a colour per category
    mixed = {"nl": "minder dan zes gemeenten een cijfer hebben, zijn er geen kwarten",
             "en": "figures for fewer than six municipalities there are no quarters"}[lang]
    # a figure equal to the group's median is in no quarter and no half, as the report says
    # ('gelijk aan de mediaan'): before, such a figure was 'boven' or 'onder mediaan' by its
    # mid-rank percentile (1 064 cells in the 75 groups' overviews, 29 in the G40's)
    at_median = wh.execute("""
        SELECT count(*) FROM benchmark_latest b JOIN indicators i USING (indicator_id)
        JOIN set_benchmarks s ON s.set_id = ? AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        WHERE i.key_indicator AND NOT i.projection AND i.method <> 'count'
          AND s.value = s.median AND s.n > 1
          -- an out-of-date figure has no position (the 2019 safety survey: 2 such cells)
          AND b.year >= (SELECT latest_data_year - stale_after_years FROM build_info)
        """, [set_id]).fetchone()[0]  # 1: no position
    word = {"nl": "gelijk aan mediaan", "en": "at the median"}[lang]
    assert sum(r["cat"] == word for r in rows) == at_median
    if set_id == "G40":
        assert at_median > 0 and not few and mixed not in fig["caption"]
        # four quarters, at and around the median, (ICT's cut copy) without a figure, and the
        # out-of-date column's cells without a position
        assert len(scale["domain"]) == 8 and {no_figure, stale} <= set(scale["domain"])
    else:  # the single highest / lowest of a few beside the quarters, in colours of their own
        assert few and mixed in fig["caption"]
        assert {r["cat"] for r in few} - {r["cat"] for r in many}


# a level clause as the sentences print it: '...: 4,7% in 2024.' (also '(verouderd)')
LEVEL_END = re.compile(r"in \d{4}( \([^)]*\))?\. $")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM0344", "GM1911", "Zwolle"])
def test_a_position_follows_from_a_level_never_from_a_trend(wh, code, lang) -> None:
    """'Daarmee' (English: a sentence that starts with the name) only after the level it
    follows from; after a trend clause the
    position names its own year: 'Woningvoorraad 2018-2025: ..., een significante stijging.
    In 2025 staat Utrecht op plaats 4 ...' (before: '... stijging. Daarmee staat ...', 333
    times in the nl reports of the 22 municipalities with a jump in their tested years)."""
    data = kept_city(wh, code, None)
    ctx = builder.city_context(data, lang, None)
    # English says no 'thus' since session 50: a sentence that starts with the name
    thus = {"nl": "Daarmee ", "en": rf"(?<=\. ){re.escape(data.name)} (is|ranks) "}[lang]
    dated = {"nl": rf"In (\d{{4}}) (zit|staat|is) {re.escape(data.name)} ",
             "en": rf"In (\d{{4}}), {re.escape(data.name)} (is|ranks) "}[lang]
    n_thus = n_dated = 0
    for s in builder.collect_sentences(ctx):
        for m in re.finditer(thus, s.text):
            n_thus += 1
            assert LEVEL_END.search(s.text[:m.start()]), s.text
        for m in re.finditer(dated, s.text):
            n_dated += 1
            assert not LEVEL_END.search(s.text[:m.start()]), s.text
            assert int(m.group(1)) in s.years and int(m.group(1)) == max(
                c.year for c in s.cites if c.field == "median"), s.text
    assert n_thus and n_dated


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Hollands Kroon", "Amsterdam"])
def test_the_method_names_the_group_without_its_internal_code(wh, city: str, lang: str) -> None:
    """'Posities ten opzichte van de 180 gemeenten ... op 1 januari 2025 (GK4, 180
    gemeenten)': the group's code is a key, not a word a reader knows (reviewer)."""
    data = kept_city(wh, city, None)
    intro = sections.accountability(data, lang)["intro"]
    set_id = data.group["set_id"]
    assert set_id and f"({set_id}," not in intro, intro
    assert not re.search(r"\((GK|ST|TY|PV|CR)\d+", intro), intro


@pytest.mark.parametrize(("lang", "date"), [("nl", "op 1 januari 2025"),
                                            ("en", "on 1 January 2025")])
def test_a_size_groups_date_is_said_where_the_group_is_introduced(wh, lang, date) -> None:
    """The cover and the method name the size group with its population date; the sentences
    that name it again do not (Hollands Kroon's report said it 51 times, and 'In 2024 zit
    Hollands Kroon onder de mediaan van de 180 gemeenten ... op 1 januari 2025' put two
    dates in one clause)."""
    data = kept_city(wh, "Hollands Kroon")
    html = builder.render("city.html.j2", builder.city_context(data, lang, None), pdf=False)
    assert 1 <= html.count(date) <= 6, html.count(date)
    sentences = builder.collect_sentences(builder.city_context(data, lang, None))
    assert not [s.text for s in sentences if date in s.text]
