"""The city page's group chooser and its lists of similar municipalities, each count saying
what it counts. The chooser said 'PEERS: de 10 gemeenten die qua structuur het meest op deze
gemeente lijken (11)' (the group: Kerkrade and its 10 peers) above a list of 5 'Vergelijkbare
gemeenten' (the 5 nearest, those the Kies richting lines name as doing better); now it says
'Kerkrade en de 10 gemeenten die er qua structuur het meest op lijken (11 gemeenten)', the
page chosen for that group lists those 10, and the 5 are counted as 5."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_number
from stadstrends.publish.groups import group_label, phrase

# the chooser's order after the default group, as the ranking page's menu: a reader sees
# words only ('GK4: gemeenten met ...' was a code no reader knows), so not the ids' order
ORDER = ("country", "named", "peers", "size", "urbanity", "typology", "province", "corop")


def options(choices: list[dict[str, Any]], selected: str, city: str, lang: str
            ) -> list[dict[str, Any]]:
    """The chooser's options: ``set_id``, ``label`` (:func:`option_label`: words, no id),
    ``n``, ``selected``; ``choices``' first (the default group) first, then by family."""
    rest = sorted(choices[1:], key=lambda c: (
        ORDER.index(c["family"]) if c["family"] in ORDER else len(ORDER), c["set_id"]))
    return [{"set_id": c["set_id"], "label": option_label(c, city, lang), "n": c["n"],
             "selected": c["set_id"] == selected} for c in choices[:1] + rest]


def option_label(choice: dict[str, Any], city: str, lang: str) -> str:
    """A group in the chooser, from :func:`~stadstrends.publish.groups.choices`: its label
    (a peer group's naming the city, as the page's 'Vergeleken met': 'Kerkrade en de 10
    gemeenten die er ...'), then its members counted: '(180 gemeenten)', '(1 gemeente)',
    '(n gemeenten, zonder <city>)' for a group the city is not in; a named set's label
    counts its members itself ('het ...-stedennetwerk, de 41 leden van nu': no '(41
    gemeenten)' after it), so only '(zonder Utrecht)'. A label ending in a bracket takes
    the count inside it."""
    n = int(choice["n"])
    label = (phrase({**choice, "city": city, "peers": n - 1}, lang)
             if choice["family"] == "peers" else group_label(choice, lang))
    member = choice.get("member", True)
    if choice["family"] == "named":  # its label counts its members: 'de 41 leden van nu'
        return label if member else _bracket(label, vocabulary.word(
            lang, "web", "group_without", city=city))
    key = ("group_size" if member else "group_size_outside") + ("_one" if n == 1 else "")
    return _bracket(label, vocabulary.word(lang, "web", key, n=fmt_number(n, 0, lang),
                                           city=city))


def _bracket(label: str, count: str) -> str:
    """``label (count)``, or within the label's own closing bracket: 'gemeenten van type 3
    (dichtbevolkt, ...; 78 gemeenten)', not two brackets in a row."""
    return f"{label[:-1]}; {count})" if label.endswith(")") else f"{label} ({count})"


def peer_lists(region: dict[str, Any], group: dict[str, Any], peers: list[dict[str, Any]],
               lang: str) -> list[dict[str, Any]]:
    """The page's lists of similar municipalities, each ``id``, ``heading`` and ``items``
    (``code``, ``name``): the members but the city of the peer group the page compares within
    (``group['peer_members']``, :func:`~stadstrends.publish.groups.describe`: 'de
    vergelijkingsgroep: Kerkrade en deze 10 gemeenten'), then the nearest within the group
    and of all municipalities (``peers``, the rows of the ``peers`` table: 'de 5 meest
    vergelijkbare van alle gemeenten')."""
    out = []
    members = group.get("peer_members") or []
    if members:
        out.append({"id": "peer-members", "items": members, "heading": vocabulary.word(
            lang, "web", "peers_members", city=region["name"], n=len(members))})
    for key, peer_set in (("peers_group", group["set_id"]), ("peers_all", "all")):
        items = [{"code": p["peer_code"], "name": p["peer_name"]} for p in peers
                 if p["peer_set"] == peer_set]
        if items:
            out.append({"id": key.replace("_", "-"), "items": items,
                        "heading": vocabulary.word(lang, "web", key, n=len(items))})
    return out
