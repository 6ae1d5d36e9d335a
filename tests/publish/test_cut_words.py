"""Every cut line says the same plain thing, true against the warehouse. The report's source
list said '37610 ... gegevens tot en met gemeente Middenveld in deze momentopname' (a
municipality that ended in 2000, and no word that the copy is cut alphabetically) while
missing values said 'afgekapt en loopt tot en met gemeente Kerkwijk'. Then both said 'de
opgehaalde versie ... stopt na 10.000 regels bij gemeente Maasdriel', words a reader of the
report does not know ('opgehaalde versie', 'regels'). Now each says what is missing (the
municipalities after the (former) municipality in the alphabet, the one the line is about as
the example, with the letter CBS files a name with an article under) and why (CBS delivers
at most 10.000 rows of a table at once)."""

from __future__ import annotations

import pytest

from stadstrends.publish.cuts import SourceCuts, cut_sources, cut_words
from stadstrends.publish.format import fmt_number
from stadstrends.publish.report.kept import sources as kept_sources
from stadstrends.publish.report.sources import source_rows
from tests.publish.loaded import connect, kept_city


@pytest.fixture(scope="module")
def con(warehouse_path):
    with connect(warehouse_path) as c:
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
        nl, en = cut_words("nl", src), cut_words("en", src)
        assert nl.startswith(f"houdt op bij {label}")
        assert "; de gemeenten die in het alfabet daarna komen, ontbreken, " in nl
        assert nl.endswith(f"ontbreken, omdat het CBS bij één keer ophalen hoogstens "
                           f"{fmt_number(rows, 0, 'nl')} rijen van een tabel levert")
        assert en.startswith(f"stops at {label}")
        assert "; the municipalities after it in the alphabet are missing, " in en
        assert en.endswith(f"at most {fmt_number(rows, 0, 'en')} rows of a table in one "
                           "retrieval")
        for said in (nl, en):
            assert "regels" not in said and "opgehaalde versie" not in said
            assert "retrieved version" not in said
        if ends[0][0] is None:  # exists today
            assert "opgeheven" not in nl and "abolished" not in en
        else:
            former += 1
            assert nl.startswith(f"houdt op bij {label} (een gemeente die in "
                                 f"{ends[0][0].year} is opgeheven); ")
            assert en.startswith(f"stops at {label} (a municipality abolished in "
                                 f"{ends[0][0].year}); ")
    assert former >= 2  # Middenveld (37610), Kerkwijk (83625NED v3)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_source_list_web_and_missing_value_say_the_same(con, lang):

    cuts = {s["table_id"]: cut_words(lang, s) for s in cut_sources(con)}
    web = SourceCuts(con)
    for table, words in cuts.items():
        assert words in web.statement(table, lang)
    data = kept_city(con, "GM0193", None)  # Zwolle
    listed = {r[0].split(" ")[0]: r[-1] for r in source_rows(data, lang, True)}
    for table, words in cuts.items():
        assert words in listed[table], (table, listed[table])
    assert {s["table_id"] for s in kept_sources(con) if s.get("cut_after")} == set(cuts)
    # a value missing behind a cut (Zwolle after 85036NED's Zwolle rows: 60039fvw's Zevenaar)
    reason = web.reason("share_age_65_plus", "Zwolle", lang, example=True)
    src = next(s for s in cut_sources(con) if s["table_id"] == "60039fvw")
    assert reason is not None and cut_words(lang, src, "Zwolle") in reason
    assert ("zoals Zwolle," if lang == "nl" else "such as Zwolle are") in reason


def test_after_in_the_alphabet_is_true_for_85984ned(con, statline):
    """'de gemeenten die in het alfabet na Maasdriel komen, ontbreken': of today's 342
    municipalities, the 85984NED copy holds exactly those up to Maasdriel in CBS's order
    (170 missing), an article skipped: De Wolden and De Ronde Venen (D < M) are missing, so
    their line says CBS files them under W and R."""
    import csv

    from stadstrends.cbs_order import sort_key

    path = statline / "wijken_buurten_partial" / "85984NED.csv"
    with path.open(encoding="utf-8-sig") as fh:
        held = {r["Codering_3"].strip() for r in csv.DictReader(fh, delimiter=";")
                if r["SoortRegio_2"].strip() == "Gemeente"}
    label = con.execute("SELECT cut_after FROM sources WHERE table_id = '85984NED' "
                        "AND cut_after IS NOT NULL").fetchone()[0]
    today = dict(con.execute("SELECT region_code, name FROM regions WHERE level = 'gemeente' "
                             "AND valid_to IS NULL").fetchall())
    after = {c for c, n in today.items() if sort_key(n) > sort_key(label)}
    assert after == set(today) - held and len(after) == 170
    web = SourceCuts(con)
    said = {n: web.reason("share_age_0_14", n, "nl", example=True) for n in
            ("Utrecht", "De Wolden", "De Ronde Venen", "Zwolle")}
    assert all(x is not None for x in said.values()), said
    assert ("houdt op bij Maasdriel; de gemeenten die in het alfabet daarna komen, zoals "
            "Utrecht, ontbreken") in said["Utrecht"]
    assert "zoals De Wolden (het CBS zet die onder de W), ontbreken" in said["De Wolden"]
    assert "(het CBS zet die onder de R)" in said["De Ronde Venen"]
    assert said["Zwolle"].startswith("Stadstrends heeft CBS-tabel 85984NED niet compleet: de "
                                     "tabel houdt op bij Maasdriel; ")
    assert web.reason("share_age_0_14", "Maasdriel", "nl", example=True) is None
    # shared by a list of names (the dashboard's groups): no example
    assert "zoals" not in web.reason("share_age_0_14", "Utrecht", "nl")
