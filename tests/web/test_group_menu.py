"""The city page's group chooser counts what it says it counts, and the page lists what it
counts (the real snapshot): Kerkrade's chooser said 'PEERS: de 10 gemeenten die qua structuur
het meest op deze gemeente lijken (11)' above a list of 5 'Vergelijkbare gemeenten'. Now a
count names its unit ('(11 gemeenten)'), a group the city is not in says so ('(41 gemeenten,
zonder Utrecht)'), and the page that compares within a peer group lists its members."""

from __future__ import annotations

import html
import re

import pytest

from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
COUNT = {"nl": r"(?: \(|; )(\d+) gemeenten?(?:, zonder (.+))?\)$",
         "en": r"(?: \(|; )(\d+) municipalit(?:y|ies)(?:, without (.+))?\)$"}
PEER_LABEL = {"nl": r"^{city} en de (\d+) gemeenten die er ", "en": r"^{city} and the (\d+) "}
WITHOUT = {"nl": "zonder", "en": "without"}
MEMBERS = {"nl": "de vergelijkingsgroep: {city} en deze {n} gemeenten",
           "en": "the comparison group: {city} and these {n} municipalities"}


def _members(con, set_id: str, code: str) -> tuple[int, bool]:
    """(members of the group as the analysis stored them, whether ``code`` is one)."""
    rows = [r[0] for r in con.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = ? "
        "AND (focal_code IS NULL OR focal_code = ?)", [set_id, code]).fetchall()]
    return len(rows), code in rows


def _named(con) -> set[str]:
    """The groups whose label counts its members ('de 41 leden van nu'): the named sets."""
    return {r[0] for r in con.execute(
        "SELECT set_id FROM comparison_groups WHERE family = 'named'").fetchall()}


def _check(label: str, set_id: str, n: int, member: bool, city: str, lang: str,
           named: set[str]) -> None:
    """A chooser label's count is the group's members, 'zonder <city>' where it is none; a
    peer group's label counts its peers, the city besides."""
    if set_id in named:  # its label counts its members itself: 'de 41 leden van nu'
        assert re.search(rf"(?<![\d.]){n}(?![\d.])", label), (set_id, label, n)
        assert not re.search(COUNT[lang], label), label  # not counted twice
        without = re.search(rf"(?: \(|; ){WITHOUT[lang]} {re.escape(city)}\)$", label)
        assert (without is None) is member, (label, member)
        return
    said = re.search(COUNT[lang], label)
    assert said, label
    assert ") (" not in label, label  # one bracket: 'type 3 (dichtbevolkt, ...; 78 gemeenten)'
    assert int(said.group(1)) == n, (set_id, label, n)
    assert (said.group(2) == city) is (not member), (set_id, label, member)
    if set_id == "PEERS":
        peers = re.match(PEER_LABEL[lang].format(city=re.escape(city)), label)
        assert peers and int(peers.group(1)) + 1 == n, (label, n)


def test_every_municipality_s_chooser_counts_its_groups(wh) -> None:
    """All 342 municipalities, every group of their choosers, in both languages."""
    from stadstrends.publish.groups import choices, peer_members
    from stadstrends.publish.web.group_menu import option_label

    cities = wh.execute("SELECT region_code, name FROM regions WHERE level = 'gemeente' "
                        "AND valid_to IS NULL ORDER BY region_code").fetchall()
    assert len(cities) > 300
    named = _named(wh)
    for code, city in cities:
        for choice in choices(wh, code):
            n, member = _members(wh, choice["set_id"], code)
            for lang in ("nl", "en"):
                _check(option_label(choice, city, lang), choice["set_id"], n, member, city,
                       lang, named)
            if choice["family"] == "peers":
                assert len(peer_members(wh, choice["set_id"], code)) == n - 1, code


def _options(text: str) -> dict[str, str]:
    menu = re.search(r'<select[^>]* id="vergelijk".*?</select>', text, re.S)
    assert menu
    return {v: html.unescape(label) for v, label in
            re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', menu.group(0))}


def _lists(text: str) -> dict[str, tuple[str, list[str]]]:
    """The peers section's lists: id -> (heading, the codes listed)."""
    section = re.search(r'<section aria-labelledby="peers-h">.*?</section>', text, re.S)
    assert section
    return {i: (html.unescape(h), re.findall(r'href="/gemeente/(GM\d{4})', items))
            for h, i, items in re.findall(r'<h3>([^<]*)</h3>\s*<ol class="peers" id="([^"]+)">'
                                          r'(.*?)</ol>', section.group(0), re.S)}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("code", "city"), [("GM0928", "Kerkrade"), ("GM0344", "Utrecht")])
def test_the_page_lists_what_its_chooser_counts(client, wh, code: str, city: str,
                                                lang: str) -> None:
    """Kerkrade (its size group by default) and Utrecht (the city set, which it is not in):
    each option's count on the page is the group's members; the page compared within the
    peer group lists the peers its label counts, nearest first, the 5 nearest of all
    municipalities (the Kies richting lines' 'die het beter doen') counted apart."""
    for query in ("", "&vergelijk=PEERS"):
        text = client.get(f"/gemeente/{code}?lang={lang}{query}", headers=HTML).text
        for set_id, label in _options(text).items():
            _check(label, set_id, *_members(wh, set_id, code), city, lang,
                   _named(wh))
        lists = _lists(text)
        nearest = [r[0] for r in wh.execute(
            "SELECT peer_code FROM peers WHERE region_code = ? AND peer_set = 'all' "
            "ORDER BY peer_rank", [code]).fetchall()]
        assert lists["peers-all"][1] == nearest and str(len(nearest)) in lists["peers-all"][0]
        if not query:
            assert "peer-members" not in lists
            continue
        n, _ = _members(wh, "PEERS", code)
        heading, listed = lists["peer-members"]
        assert heading == MEMBERS[lang].format(city=city, n=n - 1), heading
        assert len(listed) == n - 1 and code not in listed
        assert listed[:len(nearest)] == nearest, (listed, nearest)  # the same order
        assert set(listed) == {r[0] for r in wh.execute(
            "SELECT region_code FROM comparison_group_members WHERE set_id = 'PEERS' "
            "AND focal_code = ? AND region_code <> ?", [code, code]).fetchall()}


def test_the_api_names_a_peer_group_s_members(client) -> None:
    """The API's profile counted Kerkrade's peer group (n 11) without naming it: its 'peers'
    are the 5 nearest. Now the group holds its members but the city, as the page lists them."""
    group = client.get("/api/v1/profile/GM0928?set=PEERS").json()["group"]
    page = _lists(client.get("/gemeente/GM0928?vergelijk=PEERS", headers=HTML).text)
    assert group["n"] == len(group["peer_members"]) + 1 == 11
    assert [m["code"] for m in group["peer_members"]] == page["peer-members"][1]
    assert "peer_members" not in client.get("/api/v1/profile/GM0928").json()["group"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chooser_shows_words_not_ids(client, wh, lang: str) -> None:
    """'GK4: gemeenten met 20.000 tot 50.000 inwoners ...': the chooser showed each group's
    id, a code no reader knows. Zeewolde's and Utrecht's choosers (together every family of
    ``comparison_groups``) show words only, the default group first."""
    families = dict(wh.execute("SELECT set_id, family FROM comparison_groups").fetchall())
    seen = set()
    for code in ("GM0050", "GM0344"):
        text = client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text
        options = _options(text)
        page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
        assert next(iter(options)) == page["group"]["set_id"]
        for set_id, label in options.items():
            assert not re.match(r"\s*[A-Z][A-Z0-9_]*\s*:", label), label
            seen.add(families[set_id])
    assert seen == set(families.values()), seen


@pytest.mark.parametrize(("code", "query"), [("GM0981", ""), ("GM0981", "?set=PEERS"),
                                             ("GM0193", ""), ("GM0193", "?set=PV23")])
def test_the_api_gives_the_peers_per_set_as_the_page_and_the_report(client, wh, code: str,
                                                                   query: str) -> None:
    """Vaals's profile gave its peers by rank, the sets in turn ('G40' 1 Emmen, 'all' 1
    Doesburg, ...): read in order, Emmen (G40's nearest; Vaals is no G40 city) seemed the
    most like Vaals. Now per set, nearest first, in the page's order of its lists (the
    group's, then all municipalities'), the first the report's one list."""

    body = client.get(f"/api/v1/profile/{code}{query}").json()
    peers, set_id = body["peers"], body["group"]["set_id"]
    sets = list(dict.fromkeys(p["peer_set"] for p in peers))
    per_set = [[p for p in peers if p["peer_set"] == s] for s in sets]
    assert [p for rows in per_set for p in rows] == peers  # each set's rows together
    assert all([p["peer_rank"] for p in rows] == list(range(1, len(rows) + 1))
               for rows in per_set)
    assert sets[0] == (set_id if set_id in sets else "all")
    if not query:  # Vaals's size class has no peers of its own: all's first; Zwolle's G40
        assert (set_id, sets) == {"GM0981": ("GK3", ["all", "G40"]),
                                  "GM0193": ("G40", ["G40", "all"])}[code]
    page = _lists(client.get(f"/gemeente/{code}{query.replace('set', 'vergelijk')}",
                             headers=HTML).text)
    shown = [page[k][1] for k in ("peers-group", "peers-all") if k in page]
    codes = [[p["peer_code"] for p in rows] for rows in per_set]
    assert shown and codes[:len(shown)] == shown, (codes, shown)
    assert [p["code"] for p in kept_city(wh, code, set_id).peers] == codes[0]
