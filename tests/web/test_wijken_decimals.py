"""The city page's wijk table and map print the KWB figures with the decimals CBS publishes
(85984NED's DataProperties: 0 for the WOZ value and the housing-association share): Land van
Cuijk's wijken showed '32,0%' and '0,0%' for CBS's whole percentages. Real snapshot."""

from __future__ import annotations

import html
import json
import re

from stadstrends.publish.web.wijken import MEASURES

HTML = {"accept": "text/html"}
METADATA = "cbs_kwb2024_odata_metadata/DataProperties.json"


def test_the_wijk_measures_keep_the_decimals_cbs_publishes(shared_data) -> None:
    props = {p["Key"]: p for p in json.loads((shared_data / METADATA).read_text("utf-8-sig"))}
    assert {m: v[1] for m, v in MEASURES.items()} == {m: int(props[m]["Decimals"])
                                                       for m in MEASURES}


def test_the_wijk_table_prints_cbs_whole_numbers_whole(client, wh) -> None:
    page = client.get("/gemeente/GM1982", headers=HTML).text  # Land van Cuijk
    start = page.index('<h2 id="wijk-h">')
    rows = re.findall(r"<tr>(.*?)</tr>", page[start:page.index("</table>", start)], re.S)[1:]
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)).replace("\xa0", " ").strip()
              for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]
    raw = {(name, m): v for name, m, v in wh.execute(
        "SELECT region_label, measure, value FROM raw_observations WHERE table_id = "
        "'85984NED' AND region_code LIKE 'WK1982%' AND year = 2024").fetchall()}
    # an empty cell: '–' with why ('– (waarde ontbreekt in de bron)': Velp's WOZ value)
    shares = [c[2] for c in cells if not c[2].startswith("–")]
    assert len(cells) >= 30 and len(shares) >= 30
    assert all(re.fullmatch(r"\d+%", s) for s in shares), shares  # '32%', not '32,0%'
    for name, _, share in cells:
        value = raw.get((name, "InBezitWoningcorporatie_49"))
        if value is not None and not share.startswith("–"):
            assert share == f"{round(value):d}%", (name, value, share)
    woz = [c[1] for c in cells if not c[1].startswith("–")]
    assert woz and all(re.fullmatch(r"[\d.]+ duizend euro", s) for s in woz), woz
