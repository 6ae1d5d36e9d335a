"""Every cut line says the same plain thing, true against the warehouse. The report's source
list said '37610 ... gegevens tot en met gemeente Middenveld in deze momentopname' (a
municipality that ended in 2000, and no word that the copy is cut alphabetically) while
missing values said 'afgekapt en loopt tot en met gemeente Kerkwijk'. Now both say where the
copy stops: after how many rows, at which (former) municipality, and that the ones after it
in CBS's alphabetical list are missing."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.cuts import SourceCuts, cut_sources, cut_words
from stadstrends.publish.format import fmt_number
from stadstrends.publish.report.kept import sources as kept_sources
from stadstrends.publish.report.sources import source_rows


@pytest.fixture(scope="module")
def con(warehouse_path):
    with duckdb.connect(str(warehouse_path), read_only=True) as c:
        yield c


def test_cut_lines_name_rows_and_former_municipalities(con):
    cuts = cut_sources(con)
    assert len(cuts) >= 9
    former = 0
    for src in cuts:
        rows, label = con.execute("SELECT rows_read, cut_after FROM sources WHERE table_id = ? "
                                  "AND cut_after IS NOT NULL", [src["table_id"]]).fetchone()
        ends = con.execute("SELECT valid_to FROM region_history WHERE cbs_label = ?",
                           [label]).fetchall()
        assert len(ends) == 1, label  # one municipality by that CBS label
        nl = cut_words("nl", src)
        assert nl.startswith(f"stopt na {fmt_number(rows, 0, 'nl')} regels bij ")
        assert nl.endswith("; de gemeenten die in de alfabetische lijst van het CBS daarna "
                           "komen, ontbreken")
        if ends[0][0] is None:  # exists today
            assert f"bij gemeente {label};" in nl and "voormalige" not in nl
        else:
            former += 1
            assert f"bij de voormalige gemeente {label} (opgeheven in {ends[0][0].year});" in nl
            assert f"at the former municipality of {label} (abolished in {ends[0][0].year})" \
                in cut_words("en", src)
    assert former >= 2  # Middenveld (37610), Kerkwijk (83625NED v3)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_source_list_web_and_missing_value_say_the_same(con, lang):
    from stadstrends.publish.report.data import load_city

    cuts = {s["table_id"]: cut_words(lang, s) for s in cut_sources(con)}
    web = SourceCuts(con)
    for table, words in cuts.items():
        assert words in web.statement(table, lang)
    data = load_city(con, "GM0193", None)  # Zwolle
    listed = {r[0].split(" ")[0]: r[-1] for r in source_rows(data, lang, True)}
    for table, words in cuts.items():
        assert words in listed[table], (table, listed[table])
    assert {s["table_id"] for s in kept_sources(con) if s.get("cut_after")} == set(cuts)
    # a value missing behind a cut (Zwolle after 85036NED's Zwolle rows: 60039fvw's Zevenaar)
    reason = web.reason("share_age_65_plus", "Zwolle", lang)
    assert reason is not None and cuts["60039fvw"] in reason
