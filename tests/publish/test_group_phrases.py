"""How a sentence names a comparison group (publish.groups.phrase), including a group of one."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.groups import phrase


def _group(n: int, nl: str, en: str, family: str = "corop") -> dict:
    return {"set_id": "CR02", "family": family, "label_nl": nl, "label_en": en, "n_members": n}


@pytest.mark.parametrize(("n", "nl", "en"), [
    (1, "de enige gemeente van COROP-gebied Delfzijl en omgeving",
     "the only municipality of the COROP region Delfzijl en omgeving"),
    (7, "de 7 gemeenten van COROP-gebied Delfzijl en omgeving",
     "the 7 municipalities of the COROP region Delfzijl en omgeving"),
])
def test_counted_groups_name_their_size_and_a_group_of_one_is_singular(n, nl, en):
    group = _group(n, "de gemeenten van COROP-gebied Delfzijl en omgeving",
                   "the municipalities of the COROP region Delfzijl en omgeving")
    assert (phrase(group, "nl"), phrase(group, "en")) == (nl, en)


def test_no_real_group_reads_as_one_plural(warehouse_path):
    """On the real build: CR02 (Delfzijl en omgeving) holds Eemsdelta alone; no counted group's
    phrase says 'de 1 gemeenten' / 'the 1 municipalities'."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        groups = con.execute("SELECT * FROM comparison_groups").df().to_dict("records")
    by_id = {g["set_id"]: g for g in groups}
    assert by_id["CR02"]["n_members"] == 1
    assert phrase(by_id["CR02"], "nl") == "de enige gemeente van COROP-gebied Delfzijl en omgeving"
    for g in groups:
        for lang in ("nl", "en"):
            assert not phrase(g, lang).startswith(("de 1 ", "the 1 ")), (g["set_id"], lang)
