"""Source tables are titled with CBS's own title, never the snapshot's notes about its copy:
the JSON download's ``sources[].title`` was SOURCES.md's description ("Energieverbruik
particuliere woningen (GemiddeldAardgasverbruik_1, ...), 2010-2023. First Woningkenmerken
slice 'Totaal woningen' complete") and the indicator page cut it at its first sentence;
both now give CBS's title (``sources.title_nl``/``title_en``) or, as the report's source list,
what the table provides. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
INDICATORS = ["gas_use_per_dwelling", "population"]


def _sources(wh) -> dict[str, dict]:
    cur = wh.execute("SELECT table_id, title, title_nl, title_en FROM sources")
    return {r[0]: dict(zip(("table_id", "title", "title_nl", "title_en"), r, strict=True))
            for r in cur.fetchall()}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("indicator", INDICATORS)
def test_json_titles_are_cbs_titles(client, wh, indicator: str, lang: str) -> None:
    known = _sources(wh)
    meta = client.get(f"/api/v1/download/{indicator}.json?lang={lang}").json()
    assert any(not known[s["table_id"]]["title_nl"] for s in meta["sources"])  # premise
    for s in meta["sources"]:
        src = known[s["table_id"]]
        assert s["title"] == (src[f"title_{lang}"] or src["title_nl"]), s
        if s["title"] != src["title"]:  # the snapshot's description, kept apart
            assert s["snapshot_note"] == src["title"] and s["title"] != s["snapshot_note"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("indicator", INDICATORS)
def test_page_source_tables_never_show_the_snapshot_note(client, wh, indicator: str,
                                                         lang: str) -> None:
    known = _sources(wh)
    page = client.get(f"/indicator/{indicator}?lang={lang}", headers=HTML).text
    items = {}
    for li in re.findall(r"<li>(.*?)</li>", page, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", li)).strip()
        text = text.replace(" (StatLine in Dutch)", "", 1)  # an English page's link note
        tid = text.split(":", 1)[0]
        if tid in known:
            items[tid] = text
    used = client.get(f"/api/v1/indicators/{indicator}").json()["sources"]
    assert {s["table_id"] for s in used} <= set(items)
    for s in used:
        src, line = known[s["table_id"]], items[s["table_id"]]
        cbs = src[f"title_{lang}"] or src["title_nl"]
        if cbs:
            assert line.startswith(f"{s['table_id']}: {cbs}"), line
        else:  # what it provides, as the report's list; not the note's first words
            first = re.split(r" \(|\. |, ", src["title"])[0]
            assert first not in line, (first, line)
            assert line.startswith(f"{s['table_id']}: Levert: " if lang == "nl" else
                                   f"{s['table_id']}: Provides: "), line
