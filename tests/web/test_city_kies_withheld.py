"""A Kies richting label the near-cut rule withheld (``withheld_labels``) is said on every
surface, not only in the report (session 52): the city page's Kies richting and the CLI's
``stadstrends profile`` say it once, under the list where the label would have been, in the
report's words (``report/direction_words.withheld_sentences``); the API's profile carries the
rows as codes (``kies_richting.withheld``). Before, the page and the profile left such a
label out silently: Noord-Beveland's payment arrears of 2024 (0,8% by its size group's p75 of
0,75%, CBS's rounding), Schiermonnikoog's cleared crimes (one case). The report says them for
the municipality's default group (``resolve_group``, the ``default_group`` table), so the
tests take every ``withheld_labels`` row of a default group (7 rows in 6 municipalities on
the snapshot; since session 53 also 16 of a small municipality's sample figure, reason
'survey', in 14 more: Vlieland's unemployment among them). Real warehouse.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from stadstrends.publish.kies_withheld import catalogue_of
from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.report.sections import direction
from stadstrends.publish.report.texts import t
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
#: the report's groups in order, the page's ``kies-<group>`` blocks
GROUPS = ("distinctive_strengths", "urgent_tasks")
NOORD_BEVELAND = "GM1695"
DEFAULT_ROWS = """SELECT w.region_code, w.indicator_id, w.year, w.would_be, w.position,
                         w.reason, w.value, w.cut
                  FROM withheld_labels w JOIN default_group d USING (region_code, set_id)
                  ORDER BY w.region_code, w.indicator_id"""


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u2060", "")
    return " ".join(text.replace("\xa0", " ").split())


def _markers(lang: str) -> list[str]:
    """The fixed words of the withheld sentences (from the language file): 'dat we geen
    oordeel geven:', 'We geven geen oordeel:', 'maar het is een steekproefcijfer ...'."""
    blank = dict.fromkeys(("title", "value", "year", "edge", "cut", "why"), "")
    near = t(lang, "withheld_label", **blank)
    on = t(lang, "withheld_label_on", **blank)
    survey = t(lang, "withheld_label_survey", **blank)  # 'maar het is een steekproefcijfer ...'
    return [_plain(near.split("() ", 1)[1]), _plain(on.split(". ", 1)[1]),
            _plain(survey.split("), ", 1)[1])]


def _page_groups(page: str) -> dict[str, list[str]]:
    """The page's Kies richting blocks -> the withheld lines said in each."""
    start = page.index('aria-labelledby="kies-h"')
    section = page[start:page.index("</section>", start)]
    return {g: [_plain(x) for x in re.findall(r'<p class="note withheld">(.*?)</p>', body,
                                              re.S)]
            for g, body in re.findall(r'<div class="kies-group kies-(\w+)">(.*?)</div>',
                                      section, re.S)}


def _cli_text(wh, code: str, lang: str) -> str:
    """``stadstrends profile`` as its command renders it, wide enough not to wrap."""
    console = Console(file=io.StringIO(), width=10_000, record=True, color_system=None)
    render_profile(city_profile(wh, code, None, lang), console, lang,
                   catalogue=catalogue_of(wh, lang))
    return _plain(console.export_text())


def _by_city(wh) -> dict[str, list[tuple]]:
    rows = wh.execute(DEFAULT_ROWS).fetchall()
    out: dict[str, list[tuple]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(r)
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_withheld_label_of_a_default_group_is_said_on_page_and_profile(
        client, wh, lang: str) -> None:
    """Each row once, under its list, with the report's sentence; nothing else of the kind."""
    by_city = _by_city(wh)
    assert len(by_city) >= 3 and NOORD_BEVELAND in by_city, by_city  # 6 on the snapshot
    markers = _markers(lang)
    for code, rows in by_city.items():
        data = kept_city(wh, code).in_language(lang)
        report = {g: [_plain(x) for x in grp["withheld"]]
                  for g, grp in zip(GROUPS, direction(data, lang)["groups"], strict=True)}
        assert sum(map(len, report.values())) == len(rows), (code, report)
        page = client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text
        assert _page_groups(page) == report, code  # the report's lines, in the same list
        assert sum(_plain(page).count(m) for m in markers) == len(rows), code  # said once
        cli = _cli_text(wh, code, lang)
        for lines in report.values():
            for line in lines:
                assert cli.count(line) == 1, (code, line)
        assert sum(cli.count(m) for m in markers) == len(rows), code
        for r in rows:  # each row its own line, its reason true to its code
            ind, reason = r[1], r[5]
            title = data.catalogue[ind][f"title_{lang}"]
            said = [x for x in report[GROUPS[r[3] == "urgent task"]]
                    if x.startswith(f"{title}:")]
            assert len(said) == 1, (code, ind)
            rounding = "CBS rondt" if lang == "nl" else "CBS rounds"
            assert (rounding in said[0]) == (reason == "cbs_rounding"), said
            assert (markers[2] in said[0]) == (reason == "survey"), said  # a sample figure


def test_without_a_withheld_label_nothing_of_the_kind_is_said(client, wh) -> None:
    """Municipalities whose rows are only in another group than their default (Utrecht,
    Zwolle, ...) and one without any: neither page nor profile says a withheld label."""
    only_other = [c for (c,) in wh.execute("""
        SELECT DISTINCT region_code FROM withheld_labels EXCEPT
        SELECT region_code FROM withheld_labels JOIN default_group USING (region_code, set_id)
        ORDER BY region_code""").fetchall()]
    none = wh.execute("""SELECT min(region_code) FROM default_group WHERE region_code NOT IN
                         (SELECT region_code FROM withheld_labels)""").fetchone()[0]
    assert len(only_other) >= 3 and none, only_other
    markers = _markers("nl")
    for code in [*only_other[:3], none]:
        page = client.get(f"/gemeente/{code}", headers=HTML).text
        assert 'class="note withheld"' not in page, code
        assert not any(m in _plain(page) for m in markers), code
        assert not any(m in _cli_text(wh, code, "nl") for m in markers), code


def test_api_profile_carries_the_rows_as_codes(client, wh) -> None:
    """``kies_richting.withheld``: the warehouse's row, codes and figures, no words."""
    want = _by_city(wh)[NOORD_BEVELAND]
    got = client.get(f"/api/v1/profile/{NOORD_BEVELAND}").json()["kies_richting"]["withheld"]
    assert [(g["indicator_id"], g["year"], g["would_be"], g["position"], g["reason"])
            for g in got] == [r[1:6] for r in want]
    assert [(g["value"], g["cut"]) for g in got] == [pytest.approx(r[6:8]) for r in want]
    assert set(got[0]) == {"indicator_id", "year", "would_be", "position", "reason", "value",
                           "cut", "case_unit"}  # the unit: 'precies op die grens' or not
    assert got[0]["reason"] == "cbs_rounding" and got[0]["would_be"] == "urgent task"


def test_the_command_says_noord_bevelands_arrears(warehouse_path: Path) -> None:
    """The command a user runs: Noord-Beveland's arrears under its urgent tasks, in words."""
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Noord-Beveland",
                          "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=600, env={**os.environ, "COLUMNS": "100"})
    assert out.returncode == 0, out.stderr
    text = _plain(out.stdout)
    said = ("Volwassenen met een betalingsachterstand op de zorgpremie: 0,8% in 2024 ligt zo "
            "dicht bij de grens van het ongunstigste kwart (0,75%) dat we geen oordeel geven: "
            "het CBS rondt het percentage af op 0,8%")
    assert text.count(said) == 1, text[-3000:]
    assert text.index("Urgente opgave") < text.index(said)
