"""The API profile's domain counts say what the report's panels say, on the real snapshot:
a series with fewer than ``min_significant_points`` figures is 'te weinig jaren' in the
report, never 'niet significant', and the API counted it 'zonder duidelijke trend'
(Leeuwarden's demography: 6 such, 2 of them never tested; '... (minder dan 3)')."""

from __future__ import annotations

import collections
import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish.profile import city_profile
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.panels import trend_label
from stadstrends.publish.sentence_jumps import shown_trend
from stadstrends.settings import default_settings
from tests.publish.loaded import connect, kept_city

CITY_SET = "G40"


def report_kind(data, indicator_id: str) -> str:
    """What the report's panel says of the indicator's trend, from its words alone."""
    words = vocabulary.section("nl", "trend_labels")
    label = trend_label(shown_trend(fact(data, indicator_id, "nl")), "nl",
                        data.untested.get(indicator_id), data.settings.min_distinct_values)
    if label.endswith(words["steps"]):
        return "steps"
    if label.endswith(words["no significant change"]):
        return "flat"
    if label.endswith(words["over_jump"]):
        return "over_jump"
    if label.endswith((words["rising_rounding"], words["falling_rounding"])):
        return "rounding"
    if label.endswith((words["rising"], words["falling"])):
        return "significant"
    return "untested"


@pytest.fixture(scope="module")
def profiled(warehouse_path):
    """(code, profile, report data) of every city of the city set and every municipality
    with an abrupt change inside its tested years."""

    with connect(warehouse_path) as con:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = ? UNION SELECT region_code "
            "FROM series_jumps WHERE in_tested_years ORDER BY 1", [CITY_SET]).fetchall()]
        return [(c, city_profile(con, c), kept_city(con, c)) for c in codes]


def test_the_domain_counts_are_the_reports_verdicts(profiled):
    """Of the indicators whose latest figure is not out of date; those are ``n_stale``
    (the report marks them 'verouderd')."""
    wrong = []
    for code, profile, data in profiled:
        for dom in profile["domains"]:
            current = [i for i in dom["indicators"] if i["year"] >= data.fresh_from]
            assert dom["n_stale"] == len(dom["indicators"]) - len(current)
            said = collections.Counter(report_kind(data, i["indicator_id"]) for i in current)
            counted = {"flat": dom["n_flat"], "steps": dom["n_steps"],
                       "rounding": dom["n_rounding"],
                       "over_jump": dom["n_over_jump"],
                       "untested": dom["n_untested"], "significant": dom["n_improving"]
                       + dom["n_worsening"] + dom["n_neutral"]}
            if {k: said.get(k, 0) for k in counted} != counted:
                wrong.append(f"{code} {dom['domain']}: report {dict(said)}, API {counted}")
    assert not wrong, "\n".join(wrong)


def test_leeuwarden_demography_counts_the_untested_as_untested(profiled):
    """4 tested without a significant trend, 9 never tested (2 of them on 3 or 4 figures);
    the summary names the report's threshold, 'minder dan 5 jaren met cijfers'."""
    _, profile, _ = next(p for p in profiled if p[0] == "GM0080")
    dom = next(d for d in profile["domains"] if d["domain"] == "demography")
    assert (dom["n_flat"], dom["n_untested"]) == (4, 9), dom["summary_nl"]
    assert sum(bool(i["indicative"]) for i in dom["indicators"]) == 2
    least = default_settings().min_significant_points
    assert f"minder dan {least} jaren met cijfers" in dom["summary_nl"]
    assert "zonder duidelijke trend" not in dom["summary_nl"]


def test_an_abrupt_change_without_a_verdict_after_it_is_counted_apart(profiled):
    """Rozendaal's safety: a series tested over an abrupt change with too few years after
    it (crimes per 1 000; its cleared share jumped only as a quotient of counts rounded to
    fives, 5/45, 5/355, 5/55, not in CBS's 6,8, 2,0, 5,3%); the report's panels say 'met
    abrupte verandering', the API counts it so."""
    counted = sum(d["n_over_jump"] for _, p, _ in profiled for d in p["domains"])
    assert counted > 0
    _, profile, _ = next(p for p in profiled if p[0] == "GM0277")
    safety = next(d for d in profile["domains"] if d["domain"] == "safety")
    assert safety["n_over_jump"] == 1 and "abrupte verandering" in safety["summary_nl"]


def test_the_cli_trend_cell_is_the_reports_panel_line(profiled):
    """The CLI profile's trend column says of a trend without a significant verdict of its
    own what the report's panel says of the same series (an out-of-date figure: no trend,
    as its grey tile), never 'geen trend' for one that
    was not tested: Oss's share of 65-plussers (4 figures) 'trend 2017–2024: te weinig
    jaren', its low incomes 'trend 2016–2023: niet getoetst, afgerond', its social
    assistance (one figure in the window) 'te weinig recente, vergelijkbare jaren'."""
    from rich.text import Text

    from stadstrends.publish.profile_text import _trend_cell
    from stadstrends.publish.sentence_words import stale

    wrong, untested = [], 0
    for code, profile, data in profiled:
        for dom in profile["domains"]:
            for ind in dom["indicators"]:
                cell = Text.from_markup(_trend_cell(ind, "nl")).plain
                # the report's sentence's small-count caveat after a tested trend (session 47)
                cell = re.sub(r" \(op (kleine aantallen|een klein saldo): gemiddeld [\d,]+ per jaar"
                              r"( erbij of eraf)?\)$", "", cell)
                said = trend_label(shown_trend(fact(data, ind["indicator_id"], "nl")), "nl",
                                   data.untested.get(ind["indicator_id"]),
                                   data.settings.min_distinct_values)
                kind = report_kind(data, ind["indicator_id"])
                untested += kind in ("untested", "steps")
                if stale(ind, ind.get("year")):  # out of date: no trend, as its grey tile
                    right = cell == "verouderd: trend niet getoond"
                elif kind == "significant":  # an arrow for its own trend, else the label
                    right = cell == said or cell.startswith(("↑ ", "↓ "))
                else:
                    right = cell == said
                if not right or "geen trend" in cell:
                    wrong.append(f"{code} {ind['indicator_id']}: CLI {cell!r}, report {said!r}")
    assert untested > 100
    assert not wrong, "\n".join(wrong[:20])
    _, oss, _ = next(p for p in profiled if p[0] == "GM0828")
    cells = {i["indicator_id"]: _trend_cell(i, "nl") for d in oss["domains"]
             for i in d["indicators"]}
    assert cells["share_age_65_plus"] == "trend 2017–2024: te weinig jaren"
    assert cells["low_income_households_share"] == "trend 2016–2023: niet getoetst, afgerond"
    assert cells["social_assistance_per_1000"] == "te weinig recente, vergelijkbare jaren"
