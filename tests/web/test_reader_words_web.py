"""The web's side of the words a reader stumbled over (tests/publish/test_reader_words.py),
on the real warehouse: the city page's tile of the regional customer potential says the
figure is no number of the municipality's inhabitants (Amersfoort '253.140 inwoners', 163.764
inhabitants); a table dated by a copy of CBS's file (kwb2019: the commit of a copy on GitHub,
2022-09-23) is said so on the indicator page and in the downloads' provenance, not as a
download from CBS."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from stadstrends.vocabulary import section

POTENTIAL = "regional_customer_potential"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tile_says_what_the_customer_potential_is(client, lang) -> None:
    page = client.get(f"/gemeente/GM0307?format=json&lang={lang}").json()
    tiles = {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}
    short = section(lang, "sentences")[f"figure_is_short_{POTENTIAL}"]
    assert tiles[POTENTIAL]["what"] == short
    assert not any(x["what"] for i, x in tiles.items() if i != POTENTIAL)
    html = client.get(f"/gemeente/GM0307?lang={lang}").text
    said = " ".join(short.split())
    assert f'<p class="pos what">{said[:1].upper()}{said[1:]}.</p>' in " ".join(html.split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_copy_s_date_is_said_as_such_on_the_web(client, lang) -> None:
    page = client.get(f"/indicator/share_age_0_14?lang={lang}").text
    assert {"nl": "kopie van 2022-09-23; het CBS leverde het bestand op of vóór die dag",
            "en": "copy of 2022-09-23; CBS delivered the file on or before that day"}[lang] in page
    meta = client.get("/api/v1/download/share_age_0_14.json").json()
    meta = meta.get("metadata", meta)
    kinds = {s["table_id"].lower(): s["retrieved_kind"] for s in meta["sources"]}
    assert kinds["kwb2019"] == "copy" and kinds["85984ned"] == "retrieved", kinds
    query = "" if lang == "nl" else "?lang=en"
    xlsx = client.get(f"/api/v1/download/share_age_0_14.xlsx{query}")
    sheet = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=None)
    cells = " ".join(str(v) for frame in sheet.values() for v in frame.to_numpy().ravel())
    assert {"nl": "(uit een kopie van 2022-09-23; het CBS leverde het bestand op of vóór die dag)",
            "en": "(from a copy of 2022-09-23; CBS delivered the file on or before that day)"
            }[lang] in cells, cells[:2000]
    assert "opgehaald 2022-09-23" not in cells and "retrieved 2022-09-23" not in cells
