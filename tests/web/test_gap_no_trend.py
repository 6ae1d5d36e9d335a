"""A tweedeling row without a gap trend (no ``region_gap_trends`` row) says why, and the
reason is true: checked claim by claim against the warehouse's own tables, not through
:mod:`stadstrends.publish.gap_missing` nor the analysis' ``untested_gaps``. 's-Hertogenbosch
showed a bare '–' for its population growth (a growth can be negative: a ratio of two growth
rates says nothing, ``indicators.signed``), social assistance (no figures for 2017-2023) and
Wmo clients (2022 and 2023 alone since the break of 2017: Land van Cuijk and others have no
figure in 2017-2021)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.gap_missing import NO_TREND_REASONS, missing_trends

# one municipality per kind of reason: 's-Hertogenbosch (all three kinds), Assen (members of
# the ommeland without Wmo figures), Hardenberg (its own Wmo figures missing in 2017-2022),
# Stadskanaal (no new construction in 2023: zero, in the trend window), Groningen (growth:
# can be negative), Coevorden (an indicator with figures for 2024 alone), Breda (a member,
# Zundert, left out by the cut copy of 60039fvw: the ommeland's over-75s of 2017), Dijk en
# Waard (a non-western origin share with a figure for 2024 alone, the first year after the
# series break of 2024)
CITIES = ("GM0796", "GM0106", "GM0160", "GM0037", "GM0014", "GM0109", "GM0758", "GM1980")
WINDOW_SQL = 'SELECT "window", min_trend_points FROM build_info'


def years_of(text: str) -> set[int]:
    """'2012–2015, 2017 en 2023–2024' -> the years."""
    out: set[int] = set()
    for a, b in re.findall(r"(\d{4})(?:–(\d{4}))?", text):
        out |= set(range(int(a), int(b or a) + 1))
    return out


def _no_trend_rows(client, wh, code: str, lang: str) -> tuple[str, dict[str, dict]]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    trended = {r[0] for r in wh.execute(
        "SELECT indicator_id FROM region_gap_trends WHERE region_code = ?", [code]).fetchall()}
    return page["region"]["name"], {g["indicator_id"]: g for g in page["gaps"]
                                    if g["indicator_id"] not in trended}


def _window(wh, code: str, ind: str) -> tuple[int, int]:
    """The first and last year of the gap trend's window: the build's ``window`` years up
    to the latest year of ``region_gaps``, from that year's comparable segment on."""
    window, _ = wh.execute(WINDOW_SQL).fetchone()
    last, seg = wh.execute(
        "SELECT g.year, s.segment_start FROM region_gaps g JOIN series_segments s "
        "USING (indicator_id, year) WHERE g.region_code = ? AND g.indicator_id = ? "
        "ORDER BY g.year DESC LIMIT 1", [code, ind]).fetchone()
    return max(last - window + 1, seg), last


def _check_nonpositive(wh, code: str, ind: str, name: str, text: str) -> None:
    """The years said negative or zero, of the city and of the ommeland, are exactly those
    of ``region_gaps`` without a log ratio in the gap trend's window (years before it do
    not count: 's-Hertogenbosch's 2013)."""
    y0, y1 = _window(wh, code, ind)
    for who, col in ((name, "city_value"), ("het ommeland", "ommeland_value")):
        side = re.search(rf"het cijfer van {re.escape(who)} is (.+?)(?: en het cijfer|;)", text)
        for kind, op in (("negatief", "< 0"), ("nul", "= 0")):
            want = {r[0] for r in wh.execute(
                f"SELECT year FROM region_gaps WHERE region_code = ? AND indicator_id = ? "
                f"AND {col} {op} AND year BETWEEN ? AND ?", [code, ind, y0, y1]).fetchall()}
            said = re.findall(rf"{kind} in ([\d–, en]+?)(?: \([^)]*\))?(?= en nul in|$)",
                              side.group(1)) if side else []  # '(berekend uit een op 0 ...)'
            assert set().union(*map(years_of, said)) == want, (ind, who, kind, text)


def _check_few(wh, code: str, ind: str, name: str, text: str) -> None:
    """The comparable years named are those of ``region_gaps`` in the trend window inside
    the latest segment, fewer than the build's minimum; the break named starts that segment;
    the years said to have no figures have none for any region, those of the city none for
    the city, those of the ommeland a NULL ommeland, and every member named has no figure in
    the years said."""
    window, min_points = wh.execute(WINDOW_SQL).fetchone()
    gaps = {r[0] for r in wh.execute("SELECT year FROM region_gaps WHERE region_code = ? AND "
                                     "indicator_id = ?", [code, ind]).fetchall()}
    last = max(gaps)
    seg = wh.execute("SELECT s.segment_start, (SELECT segment_reason FROM series_segments z "
                     "WHERE z.indicator_id = s.indicator_id AND z.year = s.segment_start) "
                     "FROM series_segments s WHERE indicator_id = ? AND year = ?",
                     [ind, last]).fetchone()
    start = last - window + 1
    if seg[0] > start and seg[1] and gaps & set(range(seg[0], last + 1)) == {seg[0]}:
        # the one year is the new series' first: 'alleen 2024, het eerste jaar na de
        # reeksbreuk', not 'alleen 2024 sinds de reeksbreuk van 2024' (Dijk en Waard)
        first = {"break": "na de reeksbreuk", "source_switch": "uit de nieuwe bron"}[seg[1]]
        assert f"(alleen {seg[0]}, het eerste jaar {first};" in text, text
        start = seg[0]
    elif seg[0] > start and seg[1]:
        word = {"break": "reeksbreuk", "source_switch": "bronwissel"}[seg[1]]
        assert f"sinds de {word} van {seg[0]};" in text or f"sinds de {word} van {seg[0]} " \
            in text, text
        assert f"alleen {seg[0]} sinds" not in text, text
        start = seg[0]
    else:
        assert f" in {start}–{last}; minimaal {min_points} jaren voor een trend)" in text, text
    points = {y for y in gaps if start <= y <= last}
    assert len(points) < min_points
    head = re.search(r"\(alleen ([\d, en]+?)(?: in| sinds|, het eerste jaar)", text)
    assert head and years_of(head.group(1)) == points, (ind, text)
    anywhere = {r[0] for r in wh.execute("SELECT DISTINCT year FROM indicator_values WHERE "
                                         "indicator_id = ?", [ind]).fetchall()}
    own = {r[0] for r in wh.execute("SELECT year FROM indicator_values WHERE region_code = ? "
                                    "AND indicator_id = ?", [code, ind]).fetchall()}
    lacking = set(range(start, last + 1)) - points
    parts = {"no_figures": r"er zijn geen cijfers voor ([\d–, en]+)",
             "city": rf"{re.escape(name)} heeft geen cijfer voor ([\d–, en]+)",
             "ommeland": r"het ommeland heeft geen cijfer voor ([\d–, en]+?)(?:,|:|$)"}
    said = {k: years_of(m.group(1)) if (m := re.search(p, text)) else set()
            for k, p in parts.items()}
    assert said["no_figures"] == lacking - anywhere, text
    assert said["city"] == (lacking & anywhere) - own, text
    assert said["ommeland"] == lacking & anywhere & own, text
    for y in said["ommeland"]:  # a NULL ommeland in every year said
        assert wh.execute("SELECT ommeland_value IS NULL FROM ommeland WHERE region_code = ? "
                          "AND indicator_id = ? AND year = ?", [code, ind, y]).fetchone()[0]
    members = re.search(r", omdat (.+) er geen (?:heeft|hebben)(?:;|$)", text)
    cut = re.search(r"het deel van CBS-tabel (\w+) dat Stadstrends heeft, stopt na (.+?) en "
                    r"mist daardoor (.+?)(?:, zodat|;|$)", text)
    if cut:  # each member named there lacks the years by that copy's cut
        table, last = wh.execute("SELECT table_id, cut_after FROM sources WHERE "
                                 "cut_after IS NOT NULL AND table_id = ?", [cut.group(1)]
                                 ).fetchone()
        assert last == cut.group(2), text
        for member, span in re.findall(r"([^,()]+?)(?: \(([\d–, en]+)\))?(?:, | en |$)",
                                       cut.group(3)):
            member_code = wh.execute("SELECT region_code FROM current_municipalities "
                                     "WHERE name = ?", [member.strip()]).fetchone()[0]
            for y in years_of(span) if span else said["ommeland"]:
                assert wh.execute(
                    "SELECT reason IN ('table_cut', 'predecessor_cut') AND "
                    "split_part(reason_detail, ':', 1) = ? FROM indicator_gaps WHERE "
                    "region_code = ? AND indicator_id = ? AND year = ?",
                    [table, member_code, ind, y]).fetchone() == (True,), (member, y, text)
    within = re.search(r"het deel van CBS-tabel (\w+) dat Stadstrends heeft, stopt midden "
                       r"in de cijfers van (.+?)(?:, zodat|;|$)", text)
    if within:  # each member named there is the one the copy stops in (table_cut_within)
        for member in re.split(r", | en ", within.group(2)):
            member_code = wh.execute("SELECT region_code FROM current_municipalities "
                                     "WHERE name = ?", [member.strip()]).fetchone()[0]
            for y in said["ommeland"]:
                assert wh.execute(
                    "SELECT reason = 'table_cut_within' AND reason_detail = ? FROM "
                    "indicator_gaps WHERE region_code = ? AND indicator_id = ? AND year = ?",
                    [within.group(1), member_code, ind, y]).fetchone() == (True,), (member, y)
    if said["ommeland"]:
        assert members or cut or within, text
        for member, span in re.findall(r"([^,()]+?)(?: \(([\d–, en]+)\))?(?:, | en |$)",
                                       members.group(1) if members else ""):
            member_code = wh.execute("SELECT region_code FROM current_municipalities "
                                     "WHERE name = ?", [member.strip()]).fetchone()[0]
            for y in years_of(span) if span else said["ommeland"]:
                assert not wh.execute(
                    "SELECT count(*) FROM indicator_values WHERE region_code = ? AND "
                    "indicator_id = ? AND year = ?", [member_code, ind, y]).fetchone()[0], \
                    (member, y, text)


@pytest.mark.parametrize("code", CITIES)
def test_a_gap_without_trend_says_its_true_reason(client, wh, code: str) -> None:
    """Every tweedeling row of the city without a gap trend: 'geen trend: ' and a reason
    that holds in the tables (a measure that can be negative; a figure of zero or below in
    the years of the window named; too few comparable years, the years named and why the
    others lack), never '–'; in English the same years."""
    name, rows = _no_trend_rows(client, wh, code, "nl")
    _, rows_en = _no_trend_rows(client, wh, code, "en")
    assert rows, code
    for ind, g in rows.items():
        text = g["trend"]
        assert text.startswith("geen trend: ") and g["trend_class"] == "none", (ind, text)
        signed = wh.execute("SELECT signed FROM indicators WHERE indicator_id = ?", [ind]
                            ).fetchone()[0]
        undefined = wh.execute("SELECT count(*) FROM region_gaps WHERE region_code = ? AND "
                               "indicator_id = ? AND log_ratio IS NULL AND year BETWEEN ? "
                               "AND ?", [code, ind, *_window(wh, code, ind)]).fetchone()[0]
        if signed:
            assert text == ("geen trend: een groei of saldo kan negatief zijn, en dan zegt "
                            "een verschil in procenten niets; daarom is het verschil niet "
                            "getoetst"), text
            assert wh.execute("SELECT bool_or(value < 0) FROM indicator_values WHERE "
                              "indicator_id = ?", [ind]).fetchone()[0], ind
        elif undefined:
            assert "bij een cijfer van nul bestaat geen relatief verschil" in text, text
            _check_nonpositive(wh, code, ind, name, text)
        else:
            assert text.startswith("geen trend: te weinig vergelijkbare jaren (alleen "), text
            _check_few(wh, code, ind, name, text)
        en = rows_en[ind]["trend"]
        assert en.startswith("no trend: ") and years_of(en) == years_of(text), (en, text)


def test_the_hertogenbosch_rows_say_why(client) -> None:
    """'s-Hertogenbosch's three rows as a reader sees them, on the page."""
    html = client.get("/gemeente/GM0796", headers={"accept": "text/html"}).text
    # ranges kept whole on the page by a span (publish/nowrap.py)
    html = re.sub(r'<span class="nowrap(?: name)?">([^<]*)</span>', r"\1",
                  html.replace("&#39;", "'"))
    for said in (
            "geen trend: een groei of saldo kan negatief zijn, en dan zegt een verschil in "
            "procenten niets; daarom is het verschil niet getoetst",
            "geen trend: te weinig vergelijkbare jaren (alleen 2024 in 2017–2024; minimaal 3 "
            "jaren voor een trend); er zijn geen cijfers voor 2017–2023",
            "geen trend: te weinig vergelijkbare jaren (alleen 2022 en 2023 sinds de "
            "reeksbreuk van 2017; minimaal 3 jaren voor een trend); het ommeland heeft geen "
            "cijfer voor 2017–2021, omdat Land van Cuijk, Maashorst (2017–2018) en Heusden "
            "(2017) er geen hebben"):
        assert said in html, said


def test_every_gap_without_trend_has_a_reason(wh) -> None:
    """Across the country: every key-indicator gap of the tweedeling rows (latest year)
    without a gap trend gets a reason of :data:`NO_TREND_REASONS` (every one but
    ``projection``, whose rows the tweedeling leaves out, and ``ommeland_members``, of no key
    indicator), and one with a gap trend none."""
    rows = wh.execute("""
        SELECT g.region_code, list(DISTINCT g.indicator_id)
        FROM region_gaps g JOIN indicators i USING (indicator_id)
        JOIN current_municipalities USING (region_code)
        WHERE i.key_indicator AND i.method <> 'count' AND NOT i.projection
        GROUP BY 1""").fetchall()
    trended = set(wh.execute("SELECT region_code, indicator_id FROM region_gap_trends"
                             ).fetchall())
    kinds = {}
    for code, ids in rows:
        found = missing_trends(wh, code, ids)
        assert {i for i in ids if (code, i) not in trended} == set(found), code
        for reason in found.values():
            kinds[reason["why"]] = kinds.get(reason["why"], 0) + 1
    assert set(kinds) == set(NO_TREND_REASONS) - {"projection", "ommeland_members"}, kinds


def test_a_municipality_alone_in_its_corop_region_says_so(client) -> None:
    """Eemsdelta is the COROP region Delfzijl en omgeving alone: no ommeland, and its
    tweedeling says that instead of 'geen gegevens'."""
    html = client.get("/gemeente/GM1979", headers={"accept": "text/html"}).text
    section = html[html.index('id="gap-h"'):html.index("</section>", html.index('id="gap-h"'))]
    assert ("Geen ommeland: de COROP-regio Delfzijl en omgeving bestaat alleen uit "
            "Eemsdelta.") in section
    en = client.get("/gemeente/GM1979?lang=en", headers={"accept": "text/html"}).text
    assert "consists of Eemsdelta alone" in en

