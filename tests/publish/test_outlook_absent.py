"""A merged municipality's 'Vooruitblik' and 'Wat ontbreekt' say once per indicator that CBS
publishes no projection for it or its predecessors (report/table_absence.py): Maashorst's had
seven caveats, the population's three ('de gemeente bestond toen nog niet; CBS publiceert
tabel 84525NED ... voor Uden en Landerd', '... tabel 84525NED ... voor Maashorst', '... tabel
85171NED ... voor Maashorst'). The years before the merger are named. Since 85173NED gives
the population forecast of every municipality (indicators/region_fallback.py), 2023-2050 are
no longer 'CBS publishes none' but the cut of this snapshot's copy of 85173NED, said apart
(Maashorst: table_cut; Land van Cuijk: Grave, Mill en Sint Hubert and Sint Anthonis,
predecessor_cut). Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.format import fmt_years
from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city

PROJECTIONS = ("population_projected", "share_age_65_plus_projected",
               "grey_pressure_projected")
ABSENT = ("never_in_table", "predecessors_never_in_table")
CUT = "niet compleet"  # 'Stadstrends heeft CBS-tabel 85173NED niet compleet'
CUT_REASONS = {"GM1991": "table_cut", "GM1982": "predecessor_cut"}


@pytest.fixture(scope="module")
def con(warehouse_path):
    con = connect(warehouse_path)
    yield con
    con.close()


def _stored(con, code: str, indicator: str) -> dict[str, list]:
    """The warehouse's reasons of a projection the city lacks: reason -> (table, year) rows."""
    out: dict[str, list] = {}
    for why, detail, year in con.execute(
            "SELECT reason, reason_detail, year FROM indicator_gaps WHERE region_code = ? "
            "AND indicator_id = ? ORDER BY year", [code, indicator]).fetchall():
        out.setdefault(why, []).append((detail.split(":")[0], year))
    return out


@pytest.mark.parametrize("code", ["GM1991", "GM1982"])  # Maashorst, Land van Cuijk
def test_one_caveat_per_projection_with_the_years_before_the_merger(con, code) -> None:
    data = kept_city(con, code)
    caveats = sections.outlook(data, "nl")["caveats"]
    rows = sections.accountability(data, "nl")["missing"]["rows"]
    merged = 0
    for ind in PROJECTIONS:
        stored = _stored(con, code, ind)
        if not set(stored) >= set(ABSENT):
            continue
        merged += 1
        title = data.catalogue[ind]["title_nl"]
        said = [c for c in caveats if c.startswith(f"{title}:") and CUT not in c]
        missing = [r for r in rows if r[0] == title and CUT not in r[1]]
        assert len(said) == 1 and len(missing) == 1, (said, missing)
        tables = list(dict.fromkeys(t for t, _ in stored["never_in_table"]
                                    + stored["predecessors_never_in_table"]))
        before = fmt_years([y for _, y in stored["predecessors_never_in_table"]])
        for text in (said[0], missing[0][1]):
            assert "bestond toen nog niet;" not in text  # no reason without its years
            assert all(t in text for t in tables), text
            assert f"in geen enkel jaar voor {data.name};" in text
            assert f"voor {before}, toen de gemeente nog niet bestond, ook niet voor" in text
        assert missing[0][2].endswith(f"({sum(len(stored[r]) for r in ABSENT)})")
    assert merged == 3  # all three projections: both reasons stored
    # the population's 2023-2050: the copy's cut, once, not that CBS publishes none
    cut = [c for c in caveats if c.startswith("Prognose inwoners:") and CUT in c]
    stored = _stored(con, code, "population_projected")
    assert set(stored) - set(ABSENT) == {CUT_REASONS[code]}, stored
    assert [y for _, y in stored[CUT_REASONS[code]]] == list(range(2023, 2051))
    assert {t for t, _ in stored[CUT_REASONS[code]]} == {"85173NED"}
    assert len(cut) == 1 and "85173NED" in cut[0] and "85171NED" not in cut[0], cut


def test_english(con) -> None:
    caveats = sections.outlook(kept_city(con, "GM1991"), "en")["caveats"]
    assert len(caveats) == 4  # the population's twice: the copy's cut, then 84525NED
    assert "Stadstrends does not have all of CBS table 85173NED" in caveats[0]
    assert "CBS publishes table 84525NED for some municipalities only" in caveats[1]
    assert "85171NED" not in caveats[1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_outlook_says_what_stadstrends_lacks_not_that_none_exists(con, lang):
    """Oldambt (past the cut of 85173NED's copy) had 'Voor Oldambt zijn geen prognosecijfers
    beschikbaar', while CBS's older forecast 84527NED in the snapshot has it for 2020-2050
    (h57l): the sentence now says what Stadstrends has, the reason below it why."""
    data = kept_city(con, "Oldambt")
    part = sections.outlook(data, lang)
    said = {"nl": "Stadstrends heeft voor Oldambt geen prognosecijfers.",
            "en": "Stadstrends has no projections for Oldambt."}[lang]
    assert part["empty"] == said, part["empty"]
