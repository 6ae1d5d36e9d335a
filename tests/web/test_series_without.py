"""The indicator page's time series names the municipalities it has no figures for. Its
heading listed 'Utrecht, Amsterdam, 's-Gravenhage, Rotterdam' above a chart and table of
two of them (establishments in transport and ICT: 85163NED's copy stops before Rotterdam and
Utrecht), without a word why (h41c's check). Real snapshot."""

from __future__ import annotations

import html
import re

HTML = {"accept": "text/html"}


def test_the_series_says_which_chosen_municipalities_have_no_figures(client, wh) -> None:
    indicator = "establishments_transport_ict_share"
    codes = ["GM0344", "GM0363", "GM0518", "GM0599"]
    have = {r[0] for r in wh.execute(
        "SELECT DISTINCT region_code FROM indicator_values WHERE indicator_id = ? AND "
        f"region_code IN ({', '.join('?' * len(codes))})", [indicator, *codes]).fetchall()}
    lacking = [c for c in codes if c not in have]
    assert lacking and have  # the premise: some have figures, some none
    page = client.get(f"/indicator/{indicator}?regions={','.join(codes)}", headers=HTML).text
    note = re.search(r'<p class="note series-without">(.*?)</p>', page, re.S)
    assert note, "no note for the municipalities without figures"
    said = html.unescape(re.sub(r"<[^>]+>", "", note.group(1)))
    names = dict(wh.execute("SELECT region_code, name FROM regions WHERE valid_to IS NULL "
                            "AND level = 'gemeente'").fetchall())
    for code in codes:
        assert (names[code] in said) is (code in lacking), (code, said)
    full = client.get(f"/indicator/{indicator}?regions=GM0363", headers=HTML).text
    assert "series-without" not in full  # Amsterdam has figures: nothing to say
