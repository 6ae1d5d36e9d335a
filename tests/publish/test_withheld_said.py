"""What readers of the city report found (session 52), each on the real warehouse:

1. A Kies richting label the near-cut rule withheld (``withheld_labels``: 64 rows on the
   snapshot; 147 more of sample figures since session 53, tests/web/
   test_city_survey_estimates.py) was silently left out; now the Kies richting section says
   once, under the label it would be, that the figure lies so near the cut that we give no
   verdict, and why
   (Noord-Beveland's payment arrears of 2024 in GK1, 0,8% by the p75 of 0,75%: CBS's
   rounding; Schiermonnikoog's cleared crimes, 13,6% of about 20 crimes: one case).
2. The Verantwoording said 'de grens waar een afwijking begint' without saying where that is,
   so 'ongunstig vergeleken met de groep' beside 'rond de grens van het hoogste kwart'
   (Noord-Beveland) read as a contradiction; now it says where a deviation begins, that it
   is another edge than a quarter's, and that both are about the same year.
3. The one-case sentence said 'één geval'; now the indicator's own case ('één opgehelderd
   misdrijf', 'één volwassene met een betalingsachterstand').
4. Vlieland's unemployment stood 'ongunstig vergeleken met de groep' in the list under a
   bullet 'gunstig vergeleken met het ommeland': one year (2024), two yardsticks (3,2% above
   its size group's median of 3,0%, below its ommeland's 3,8%); the list now says which is
   which.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.texts import t
from stadstrends.publish.small_base_words import one_case
from stadstrends.vocabulary import section
from tests.publish.loaded import kept_city

WITHHELD = {"nl": "geen oordeel", "en": "no verdict"}
GROUP_KEY = {"distinctive strength": 0, "urgent task": 1}  # the section's groups, in order


def _withheld(wh, code: str, set_id: str) -> list[tuple]:
    return wh.execute("""SELECT indicator_id, year, reason, would_be, value, cut, step,
                                case_base, case_unit
                         FROM withheld_labels WHERE region_code = ? AND set_id = ?
                         ORDER BY indicator_id""", [code, set_id]).fetchall()


def _reason_holds(row: tuple) -> None:
    """The reason is true of the figures: the step (one case, ``100 / case_base`` points, or
    half CBS's unit of the share, the larger) reaches the cut from the figure."""
    _, _, reason, _, value, cut, step, base, unit = row
    one = 100 / base
    assert step == pytest.approx(max(one, (unit or 0) / 2))
    assert abs(value - cut) <= step + 1e-9, row
    assert (reason == "one_case") == (one >= (unit or 0) / 2), row


#: Noord-Beveland, Schiermonnikoog (GK1), Haarlem (the G40: its figure the cut itself)
@pytest.mark.parametrize("code", ["GM1695", "GM0088", "GM0392"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_withheld_label_is_said_once_where_it_would_be(wh, code: str, lang: str) -> None:
    data = kept_city(wh, code)
    rows = _withheld(wh, code, data.group["set_id"])
    assert rows, (code, data.group["set_id"])  # each in its default group
    ctx = builder.city_context(data, lang, None)
    groups = ctx["direction"]["groups"]
    everything = repr(ctx)
    for row in rows:
        _reason_holds(row)
        ind, _, reason, would_be = row[:4]
        title = data.catalogue[ind][f"title_{lang}"]
        said = [line for line in groups[GROUP_KEY[would_be]]["withheld"]
                if line.startswith(f"{title}:")]
        assert len(said) == 1, groups
        line = said[0]
        assert WITHHELD[lang] in line, line
        # the reason as it is: CBS's rounding, or one case named as the indicator's
        rounding = "CBS rondt" if lang == "nl" else "CBS rounds"
        assert (rounding in line) == (reason == "cbs_rounding"), line
        if reason == "one_case":
            assert one_case(ind, lang) in line and one_case(ind, lang) not in ("geval", "case")
        # not in the other group, not a label of its own, and said once in the whole report
        assert not any(x.startswith(f"{title}:") for x in groups[1 - GROUP_KEY[would_be]]
                       ["withheld"])
        assert not [k for k in data.kies if k["indicator_id"] == ind and k["label"] == would_be]
        assert everything.count(line) == 1, line
    assert sum(len(g["withheld"]) for g in groups) == len(rows)


def test_noord_bevelands_withheld_task_in_words(wh) -> None:
    """The line read aloud: the cut printed finer than the figure, as the position's."""
    line = builder.city_context(kept_city(wh, "GM1695"), "nl", None)["direction"][
        "groups"][1]["withheld"][0]
    assert line == ("Volwassenen met een betalingsachterstand op de zorgpremie: 0,8% in 2024 "
                    "ligt zo dicht bij de grens van het ongunstigste kwart (0,75%) dat we geen "
                    "oordeel geven: het CBS rondt het percentage af op 0,8%, dus het werkelijke "
                    "percentage kan precies op die grens liggen."), line
    # CBS's 0,8 is 0,75 to 0,85: on the cut of 0,75 at most, never past it (h52l: the line
    # said 'op die grens of aan de andere kant ervan')


def test_cbss_rounding_says_the_other_side_only_where_it_can_be_reached(wh) -> None:
    """Every label withheld for CBS's rounding, in every group: its reason says 'aan de andere
    kant' only where the figure lies less than half CBS's unit from the cut (the true figure,
    within half a unit of the published one, can cross it); exactly half a unit off, 'precies
    op die grens' (31 of the 57 such rows of the snapshot)."""
    from stadstrends.publish.report.direction_words import withheld_sentences

    cur = wh.execute("SELECT set_id, region_code, indicator_id, year, reason, would_be, "
                     "position, value, cut, case_unit FROM withheld_labels "
                     "WHERE reason = 'cbs_rounding'")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    catalogue = {r[0]: {"unit": r[1], "decimals": r[2], "title_nl": r[3]} for r in wh.execute(
        "SELECT indicator_id, unit, decimals, title_nl FROM indicators").fetchall()}
    edges = 0
    for row in rows:
        line, = withheld_sentences([row], catalogue, row["would_be"], "nl")
        gap = abs(row["value"] - row["cut"])
        assert gap <= row["case_unit"] / 2 + 1e-9, row
        edge = abs(gap - row["case_unit"] / 2) < 1e-9
        edges += edge
        assert ("aan de andere kant" in line) == (not edge), (row, line)
        assert ("precies op die grens liggen" in line) == edge, (row, line)
    assert len(rows) >= 50 and edges >= 25, (len(rows), edges)


def test_a_figure_on_the_cut_lies_on_it(wh) -> None:
    """Haarlem's arrears of 2024, 1,0%, are the G40's p25 itself: 'precies op de grens', not
    'zo dicht bij de grens ... (1,0%)'."""
    rows = _withheld(wh, "GM0392", "G40")
    assert [(r[0], r[4], r[5]) for r in rows] == [("payment_arrears_share", 1.0, 1.0)]
    line = builder.city_context(kept_city(wh, "GM0392"), "nl", None)["direction"][
        "groups"][0]["withheld"][0]
    assert line.startswith("Volwassenen met een betalingsachterstand op de zorgpremie: 1,0% in "
                           "2024 ligt precies op de grens van het gunstigste kwart. We geven "
                           "geen oordeel: het CBS rondt"), line


def test_a_city_without_withheld_labels_says_none(wh) -> None:
    # Terschelling (Vlieland's unemployment is withheld since session 53: a sample figure)
    data = kept_city(wh, "GM0093")
    assert not _withheld(wh, "GM0093", data.group["set_id"])
    ctx = builder.city_context(data, "nl", None)
    assert [g["withheld"] for g in ctx["direction"]["groups"]] == [[], []]


def test_every_one_case_indicator_names_its_case(wh) -> None:
    """Every share the one-case rule reaches on the snapshot names its own case in both
    languages (not the fallback 'geval', 'case')."""
    inds = [r[0] for r in wh.execute("SELECT DISTINCT indicator_id FROM case_positions "
                                     "WHERE reason = 'one_case' ORDER BY 1").fetchall()]
    assert inds == ["crimes_cleared_share", "payment_arrears_share"], inds
    for lang, fallback in (("nl", "geval"), ("en", "case")):
        words = section(lang, "report")
        for ind in inds:
            assert one_case(ind, lang) == words[f"small_base_one_{ind}"] != fallback


@pytest.mark.parametrize(("lang", "says"), [
    ("nl", "Met één opgehelderd misdrijf meer zou het cijfer op of boven die grens liggen."),
    ("en", "One more cleared crime would put the figure on or above that edge.")])
def test_the_one_case_sentence_names_the_case(wh, lang: str, says: str) -> None:
    """Schiermonnikoog's cleared crimes of 2024: 13,6% of about 20 registered crimes under
    GK1's p25; one cleared crime more (100 / the base, points) reaches it."""
    value, p25, base = wh.execute("""SELECT b.value, b.p25, c.case_base FROM group_benchmarks b
        JOIN case_positions c USING (set_id, region_code, indicator_id, year)
        WHERE b.set_id = 'GK1' AND b.region_code = 'GM0088'
          AND b.indicator_id = 'crimes_cleared_share' AND b.year = 2024""").fetchone()
    assert value < p25 <= value + 100 / base
    ctx = builder.city_context(kept_city(wh, "GM0088"), lang, None)
    text = " ".join(s.text for s in builder.collect_sentences(ctx))
    assert says in text
    assert "één geval meer" not in text and "One case more" not in text


def test_where_a_deviation_begins_is_true(wh) -> None:
    """The Verantwoording's numbers are the build's (``build_info``: the settings
    ``deviation_min_z`` and ``ommeland_min``, the method's ``mad_scale``), and what it says of
    them holds on the real warehouse: no group deviation under the edge, no ommeland deviation
    under its edge; a figure near a quarter's cut that deviates (Noord-Beveland's arrears) and
    quarter positions that do not; the deviations the text shows (not stale) are of the city's
    latest year, the year of its position."""
    min_z, omm_min, mad_scale = wh.execute(
        "SELECT deviation_min_z, ommeland_min, mad_scale FROM build_info").fetchone()
    assert (min_z, omm_min, mad_scale) == (1.0, 1.0, 1.4826)
    low = wh.execute("SELECT min(raw_strength) FROM signals WHERE kind = 'group_deviation'"
                     ).fetchone()[0]
    assert min_z <= low < min_z + 0.01
    low = wh.execute("SELECT min(raw_strength) FROM signals WHERE kind = 'ommeland_deviation'"
                     ).fetchone()[0]
    assert omm_min <= low < omm_min + 0.01
    # the robust scale as the text says: 1,4826 x the median distance to the median
    vals = [r[0] for r in wh.execute("""SELECT b.value FROM group_benchmarks b
        JOIN comparison_group_members m ON m.set_id = b.set_id AND m.region_code = b.region_code
        WHERE b.set_id = 'GK1' AND b.indicator_id = 'payment_arrears_share' AND b.year = 2024
          AND b.value IS NOT NULL""").fetchall()]
    med = sorted(vals)[len(vals) // 2] if len(vals) % 2 else sum(
        sorted(vals)[len(vals) // 2 - 1:len(vals) // 2 + 1]) / 2
    dist = sorted(abs(v - med) for v in vals)
    mad = dist[len(dist) // 2] if len(dist) % 2 else sum(
        dist[len(dist) // 2 - 1:len(dist) // 2 + 1]) / 2
    z = wh.execute("""SELECT robust_z FROM group_benchmarks WHERE set_id = 'GK1'
        AND region_code = 'GM1695' AND indicator_id = 'payment_arrears_share'
        AND year = 2024""").fetchone()[0]
    assert z == pytest.approx((0.8 - med) / (mad_scale * mad), rel=1e-3)
    both = wh.execute("""SELECT count(*) FROM signals s JOIN case_positions c
        USING (set_id, region_code, indicator_id, year) WHERE s.kind = 'group_deviation'
        AND s.set_id = 'GK1' AND s.region_code = 'GM1695'
        AND s.indicator_id = 'payment_arrears_share'""").fetchone()[0]
    assert both == 2  # two opgaven: near the cut of the top quarter, and a deviation
    quiet = wh.execute("""SELECT count(*) FROM group_benchmarks b WHERE b.n >= 6
        AND (b.percentile >= 75 OR b.percentile <= 25) AND abs(b.robust_z) < 1""").fetchone()[0]
    assert quiet > 0
    other_year = wh.execute("""
        WITH l AS (SELECT region_code, indicator_id, max(year) AS y FROM benchmarks
                   WHERE value IS NOT NULL GROUP BY ALL)
        SELECT count(*) FROM signals s JOIN l USING (region_code, indicator_id)
        WHERE s.kind IN ('group_deviation', 'ommeland_deviation') AND NOT s.stale
          AND s.year <> l.y""").fetchone()[0]
    assert other_year == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_verantwoording_says_where_a_deviation_begins(wh, lang: str) -> None:
    data = kept_city(wh, "GM1695")
    intro = builder.city_context(data, lang, None)["acc"]["intro"]
    says = {"nl": ("Een afwijking van de groep begint waar het cijfer minstens 1 keer de "
                   "spreiding van de groep van de mediaan af ligt. De spreiding is 1,4826 keer",
                   "een cijfer kan rond de grens van het hoogste kwart liggen en toch van de "
                   "groep afwijken", "De afwijking en de positie gaan over hetzelfde jaar"),
            "en": ("A deviation from the group begins where the figure lies at least 1 times "
                   "the group's spread from its median. The spread is 1.4826 times",
                   "a figure can lie near the edge of the top quarter and still deviate from "
                   "the group", "The deviation and the position are about the same year")}
    for part in says[lang]:
        assert part in " ".join(intro.split()), part


@pytest.mark.parametrize(("lang", "says"), [
    ("nl", ("minstens 1,5 keer de spreiding van de groep", "De spreiding is 1,4826 keer",
            "minstens 2 keer die")),
    ("en", ("at least 1.5 times the group's spread", "The spread is 1.4826 times",
            "at least 2 times that"))])
def test_the_deviation_edges_are_the_builds(wh, lang: str, says: tuple[str, ...]) -> None:
    """Publish reads where a deviation begins from the warehouse's ``build_info`` (not a copy
    of the analysis' numbers): a build with other settings says other numbers."""
    data = kept_city(wh, "GM1695")
    other = replace(data, build={**data.build, "deviation_min_z": 1.5, "ommeland_min": 2.0})
    intro = " ".join(builder.city_context(other, lang, None)["acc"]["intro"].split())
    for part in says:
        assert part in intro, part
    intro = " ".join(builder.city_context(data, lang, None)["acc"]["intro"].split())
    assert says[0] not in intro and says[1] in intro


@pytest.mark.parametrize(("lang", "says"), [
    # the survey's mark after the verdict (h52k: a small municipality's sample figure), as
    # what it rests on (session 53: 'op een'), not as a signal of its own
    ("nl", "Werkloosheid (ongunstig vergeleken met de groep, op een steekproefcijfer, voor "
           "kleine gemeenten onnauwkeurig; ook hierboven, met het "
           "label ‘gunstig vergeleken met het ommeland’; in 2024 hoger dan "
           "de mediaan van de groep en lager dan het ommeland)"),
    ("en", "Unemployment rate (adverse compared with the group, on a sample figure, imprecise "
           "for small municipalities; also "
           "above, labelled ‘favourable compared with the surrounding region’; in 2024 higher "
           "than the group's median and lower than the surrounding region)")])
def test_vlielands_unemployment_says_which_verdict_is_which(wh, lang: str, says: str) -> None:
    """One year, two yardsticks: the two signals of 2024 in GK1 and the figures behind them."""
    rows = wh.execute("""SELECT kind, valence, movement, year, value, median, ommeland_value
        FROM signals WHERE set_id = 'GK1' AND region_code = 'GM0096'
          AND indicator_id = 'unemployment_rate' AND opgave_id = 'zorg_welzijn'
          AND kind IN ('group_deviation', 'ommeland_deviation') ORDER BY kind""").fetchall()
    assert [r[:4] for r in rows] == [("group_deviation", "adverse", "above", 2024),
                                     ("ommeland_deviation", "favourable", "below", 2024)]
    value, median, omm = rows[0][4:]
    assert median < value < omm
    ctx = builder.city_context(kept_city(wh, "GM0096"), lang, None)
    lines = [o["not_shown"] for o in ctx["glance"]["opgaven"] if o.get("not_shown")]
    assert any(says in line for line in lines), lines
    # said where the verdicts are of two yardsticks only: a line naming one kind twice has none
    assert all(re.search(r"; in \d{4} (hoger|lager|higher|lower)", line) is None
               or "ommeland" in line or "surrounding" in line for line in lines)


def test_the_words_are_in_both_languages() -> None:
    for lang in ("nl", "en"):
        for key in ("withheld_label", "withheld_why_cbs_rounding", "withheld_why_one_case_top",
                    "withheld_why_one_case_bottom", "glance_both_yardsticks"):
            assert t(lang, key, title="x", value="1", year=2024, edge="e", cut="c", why="w",
                     one="o", first="f", second="s")
