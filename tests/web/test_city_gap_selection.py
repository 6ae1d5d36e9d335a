"""The city page's tweedeling table shows the key indicators only (``data.city_gaps``): it
says so above the table and in its caption, with how many of the indicators with a gap to
the ommeland it shows (Chromium, the real snapshot). Before, the table listed 16 of
Zwolle's 47 gaps without saying it was a selection."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.browser import tab

SAID = {"nl": ("Een selectie: alleen de kernindicatoren, {n} van de {total} indicatoren met een "
               "verschil met het ommeland", "(kernindicatoren)"),
        "en": ("A selection: key indicators only, {n} of the {total} indicators with a gap to "
               "the surrounding region", "(key indicators)")}


def _truth(warehouse_path: Path, code: str) -> tuple[int, set[str], set[str]]:
    """(indicators with a comparable gap, titles nl of the key ones, of the others)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute("""
            SELECT DISTINCT i.indicator_id, i.title_nl, i.title_en, i.key_indicator
            FROM region_gaps g JOIN indicators i USING (indicator_id)
            WHERE g.region_code = ? AND i.method <> 'count' AND NOT i.projection""",
                           [code]).fetchall()
    return (len(rows), {_plain(t) for r in rows if r[3] for t in r[1:3]},
            {_plain(t) for r in rows if not r[3] for t in r[1:3]})


def _plain(text: str) -> str:
    """A title as compared: the page's no-break spaces ('1\xa0000') as spaces."""
    return " ".join(text.replace("\xa0", " ").replace("\u2060", "").split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tweedeling_table_says_it_is_a_selection(browser, live_server: str,
                                                      warehouse_path: Path, artifacts: Path,
                                                      lang: str) -> None:
    total, key, other = _truth(warehouse_path, "GM0193")
    with tab(browser, 1280) as page:
        page.goto(f"{live_server}/gemeente/GM0193?lang={lang}")
        section = page.locator("section[aria-labelledby='gap-h']")
        shown = [_plain(t) for t in
                 section.locator("table tbody th[scope='row']").all_inner_texts()]
        note = section.locator("#gap-selection")
        assert note.is_visible()
        section.screenshot(path=str(artifacts / f"gap-selection-{lang}.png"))
        text, caption = note.inner_text(), section.locator("table caption").inner_text()
        described = section.locator("table").get_attribute("aria-describedby")
    lead, short = SAID[lang]
    # true: the rows are key indicators only, fewer than all the gaps, and counted right
    assert shown and set(shown) <= key and not set(shown) & other
    assert 0 < len(shown) < total
    assert text.startswith(lead.format(n=len(shown), total=total)), text
    assert caption.endswith(short) and described == "gap-selection"
