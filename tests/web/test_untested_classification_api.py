"""The API's profile gives a trend no test was run on the classification 'not tested' beside
``tested: false``, never 'no significant change' (a test's result): Vlieland's domains and
Kies richting on the real snapshot, Oss's households with low incomes (6-7%, 2 distinct
values) among them. Before schema 53 every untested trend said 'no significant change'."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("code", ["GM0096", "GM0828"])
def test_profile_says_not_tested_beside_tested_false(client, code):
    profile = client.get(f"/api/v1/profile/{code}").json()
    rows = [i for d in profile["domains"] for i in d["indicators"]]
    untested = [i for i in rows if i.get("tested") is False]
    assert untested, code
    assert {i["classification"] for i in untested} == {"not tested"}, code
    assert all(i["p_value"] is None for i in untested), code  # no test, no p-value
    assert all(i["classification"] in ("rising", "falling", "no significant change")
               for i in rows if i.get("tested")), code
    kies = [r for key in ("distinctive_strengths", "urgent_tasks")
            for r in (profile.get("kies_richting") or {}).get(key) or []]
    assert not [r["indicator_id"] for r in kies if r.get("tested") is False
                and r["trend"] == "no significant change"], code
