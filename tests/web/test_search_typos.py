"""A name typed with a letter missing finds the current municipality, and the municipalities
found by a former municipality's name come after those found by a current one, each marked
with the sentence saying which former municipality it stands for (the real warehouse):
'Devener' listed Lopik (for Zevender) and Westerveld (for Diever) before Veere and Zevenaar;
'Amsterdan' Beekdaelen (for Amstenrade) before Waterland and Amstelveen."""

from __future__ import annotations

import html

from stadstrends.publish.successors import upper_first

HTML = {"accept": "text/html"}


def _typo(name: str) -> str:
    """The name without the letter after its middle: 'Devener', 'Amsterdm'."""
    cut = len(name) // 2 + 1
    return name[:cut] + name[cut + 1:]


def test_a_typo_lists_current_names_before_former_ones(client, wh) -> None:
    names = [r[0] for r in wh.execute(
        "SELECT name FROM regions WHERE level = 'gemeente' AND valid_to IS NULL "
        "AND length(name) >= 6 ORDER BY name").fetchall()]
    assert len(names) > 300
    checked = 0
    for name in names:
        rows = client.get("/api/v1/regions", params={
            "q": _typo(name), "level": "gemeente", "limit": 8}).json()["regions"]
        # a former name typed in full (0.95: 'Montfoort' less an o is Montfort, now in
        # Roerdalen) leads as the exact name it is
        fuzzy = [bool(r.get("former")) for r in rows if r["score"] < 0.95]
        assert fuzzy == sorted(fuzzy), (name, [(r["name"], r.get("former_name")) for r in rows])
        for r in rows:
            if r.get("former"):  # marked: which former municipality it stands for (the
                # note a sentence: 'De Vuursche valt sinds ...')
                named = upper_first(r["former_name"])
                assert named in r["note_nl"] and named in r["note_en"]
        checked += any(fuzzy) and not all(fuzzy)
    assert checked > 50  # lists with both kinds: 97 of them had them mixed


def test_amsterdam_first_then_current_names_then_former_ones(client) -> None:
    """'Amsterdm' found Amsterdam first already; 'Amsterdan' listed Beekdaelen (for
    Amstenrade) before Waterland."""
    rows = client.get("/api/v1/regions?q=Amsterdm&level=gemeente&limit=8").json()["regions"]
    assert rows[0]["name"] == "Amsterdam" and not rows[0].get("former")
    page = html.unescape(client.get("/zoek?q=Amsterdan", headers=HTML).text)
    listed = page[page.index('<ul class="results">'):]
    assert listed.index(">Amsterdam<") < listed.index(">Waterland<") < listed.index(
        "Amstenrade bestaat sinds")


def test_a_weak_lone_hit_is_listed_not_gone_to(client) -> None:
    """'alert(1)' found Almere alone (score 0.533) and the search went there, as if the
    query named it; a name with a letter left out still goes straight to its city."""
    weak = client.get("/zoek?q=alert(1)", headers=HTML, follow_redirects=False)
    assert weak.status_code == 200 and "Almere" in weak.text
    for typed, code in (("Zwoll", "GM0193"), ("Vugt", "GM0865")):
        hits = client.get("/api/v1/regions", params={"q": typed, "level": "gemeente"}).json()
        assert [r["region_code"] for r in hits["regions"]] == [code], hits
        straight = client.get(f"/zoek?q={typed}", headers=HTML, follow_redirects=False)
        assert straight.status_code == 303 and straight.headers["location"] == f"/gemeente/{code}"
