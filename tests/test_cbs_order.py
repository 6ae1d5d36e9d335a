"""CBS's alphabetical order of region labels (:mod:`stadstrends.cbs_order`)."""

from __future__ import annotations

import duckdb

from stadstrends.cbs_order import SORT_KEY_SQL, sort_key

LABELS = ["'s-Hertogenbosch", "'s Gravenhage", "Súdwest-Fryslân", "  Zwolle ", "Aa en Hunze",
          "Noardeast-Fryslân", "Ouder-Amstel", "Sint-Michielsgestel", "'t Hogeland"]


def test_python_and_sql_give_one_key() -> None:
    con = duckdb.connect()
    sql = [con.execute(f"SELECT {SORT_KEY_SQL.format(x='?')}", [x]).fetchall()[0][0]
           for x in LABELS]
    assert sql == [sort_key(x) for x in LABELS]
    assert sort_key("'s-Hertogenbosch") == "hertogenbosch"  # under H, as CBS lists it
    assert sort_key("Súdwest-Fryslân") == "sudwest-fryslan"
    assert sort_key("'t Hogeland") == "'t hogeland"  # only "'s" is skipped
    assert sorted(["'s-Hertogenbosch", "Zaanstad", "'s Gravenhage", "Aa en Hunze"],
                  key=sort_key) == ["Aa en Hunze", "'s Gravenhage", "'s-Hertogenbosch",
                                    "Zaanstad"]
