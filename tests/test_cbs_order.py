"""CBS's alphabetical order of region labels (:mod:`stadstrends.cbs_order`), checked against
the order of the snapshot's own region-first CBS files."""

from __future__ import annotations

import csv
import re

import duckdb
import pytest

from stadstrends.cbs_order import SORT_KEY_SQL, sort_key

LABELS = ["'s-Hertogenbosch", "'s Gravenhage", "Súdwest-Fryslân", "  Zwolle ", "Aa en Hunze",
          "Noardeast-Fryslân", "Ouder-Amstel", "Sint-Michielsgestel", "'t Hogeland",
          "Ter Aar", "Ten Boer", "De Bilt", "het Bildt", "Den Helder", "Beek (L.)",
          "Groningen (gemeente)", "Echt-Susteren", "Oost Gelre"]


def test_python_and_sql_give_one_key() -> None:
    con = duckdb.connect()
    sql = [con.execute(f"SELECT {SORT_KEY_SQL.format(x='?')}", [x]).fetchall()[0][0]
           for x in LABELS]
    assert sql == [sort_key(x) for x in LABELS]
    assert sort_key("'s-Hertogenbosch") == "hertogenbosch"  # under H, as CBS lists it
    assert sort_key("Súdwest-Fryslân") == "sudwestfryslan"
    assert sorted(["'s-Hertogenbosch", "Zaanstad", "'s Gravenhage", "Aa en Hunze"],
                  key=sort_key) == ["Aa en Hunze", "'s Gravenhage", "'s-Hertogenbosch",
                                    "Zaanstad"]


def test_articles_punctuation_and_qualifiers_sort_as_cbs_sorts_them() -> None:
    """The pairs CBS's files list in this order and the old key (only "'s-" skipped)
    reversed: 'Ter Aar' and 'Ten Boer' (before Kerkwijk, so not cut from 83625NED),
    'De Bilt' after 'het Bildt', 'Echt-Susteren' after 'Echteld', 'Beek (L.)' before
    'Beek en Donk'; spaces count ('Oost Gelre' before 'Oosterhout')."""
    pairs = [("Ter Aar", "Aardenburg"), ("Ten Boer", "Bolsward"), ("het Bildt", "De Bilt"),
             ("De Bilt", "Binnenmaas"), ("Echteld", "Echt-Susteren"),
             ("Beek (L.)", "Beek en Donk"), ("Oost Gelre", "Oosterhout"),
             ("Nieuwkoop", "Nieuw-Lekkerland"), ("Bergen (L.)", "Bergen (NH.)"),
             ("Duiven", "Den Dungen"), ("Hof van Twente", "Het Hogeland")]
    assert [p for p in pairs if not sort_key(p[0]) < sort_key(p[1])] == []
    assert sort_key("Ten Boer") < sort_key("Kerkwijk") < sort_key("Nuth")


#: not municipalities: aggregates and size classes CBS lists around them
NOT_MUNICIPAL = re.compile(r"\((SG|[A-Z]{2})\)\s*$|^Nederland|inwoners$|^Buitenland")


@pytest.mark.parametrize("path", [
    "municipal_partial/83625NED.csv", "municipal_partial/60039fvw.csv",
    "municipal_partial/71486ned.csv", "municipal_partial/83452NED.csv",
    "municipal_partial/37610.csv", "municipal_partial/81575NED.csv",
    "municipal_partial/03759ned.csv", "municipal_complete/70262ned.csv",
    "municipal_complete/80860ned.csv", "municipal_complete/81064ned.csv",
    "municipal_complete/84903NED.csv", "municipal_nearly_complete/85036NED.csv"])
def test_every_region_first_file_lists_its_municipalities_in_key_order(statline, path):
    """A file listing each region once, regions first: its municipality labels strictly
    increase by :func:`sort_key` (the order a cut at 10 000 rows follows)."""
    with open(statline / path, encoding="utf-8-sig", newline="") as fh:
        rows = csv.DictReader(fh, delimiter=";")
        labels: list[str] = []
        for row in rows:
            if (not labels or labels[-1] != row["RegioS"]) and not NOT_MUNICIPAL.search(
                    row["RegioS"].strip()):
                labels.append(row["RegioS"])
    assert len(labels) == len(set(labels)) > 200
    pairs = zip(labels, labels[1:], strict=False)
    assert [(a, b) for a, b in pairs if sort_key(a) >= sort_key(b)] == []
