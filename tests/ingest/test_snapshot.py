"""Snapshot importer: StatLine dumps (incl. the 10 000-row cut), other formats, registry."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource, TableNotFound
from stadstrends.ingest.labels import RegionLabels
from stadstrends.ingest.normalise import to_observations
from stadstrends.ingest.snapshot import (
    SNAPSHOT_TABLES,
    available_tables,
    find_table,
    read_37259eng,
    read_agegroups_2020,
    read_commuting_matrix,
    read_kwb2019,
    read_statline_csv,
    read_table,
)

_G40 = """Alkmaar GM0361|Almelo GM0141|Almere GM0034|Alphen aan den Rijn GM0484|Amersfoort GM0307
|Amstelveen GM0362|Apeldoorn GM0200|Arnhem GM0202|Assen GM0106|Breda GM0758|Delft GM0503
|Deventer GM0150|Dordrecht GM0505|Ede GM0228|Eindhoven GM0772|Emmen GM0114|Enschede GM0153
|Gouda GM0513|Groningen (gemeente) GM0014|Haarlem GM0392|Haarlemmermeer GM0394|Heerlen GM0917
|Helmond GM0794|Hengelo (O.) GM0164|'s-Hertogenbosch GM0796|Hilversum GM0402|Hoorn GM0405
|Leeuwarden GM0080|Leiden GM0546|Lelystad GM0995|Maastricht GM0935|Nijmegen GM0268|Oss GM0828
|Roosendaal GM1674|Schiedam GM0606|Sittard-Geleen GM1883|Tilburg GM0855|Venlo GM0983
|Zaanstad GM0479|Zoetermeer GM0637|Zwolle GM0193"""
G40 = dict(item.strip().rsplit(" ", 1) for item in _G40.replace("\n", "").split("|"))
G4 = {"Amsterdam": "GM0363", "Rotterdam": "GM0599", "'s-Gravenhage (gemeente)": "GM0518",
      "Utrecht (gemeente)": "GM0344"}
FOLDERS = [
    "municipal_complete", "municipal_total_slice", "municipal_partial",
    "municipal_nearly_complete", "projections", "commuting",
]
# labels that are not municipalities although they carry no region-type suffix
NOT_MUNICIPAL = re.compile(
    r"\((AM|JZ|RE|GA|SG|VT|ES|ET|BT|PD|LD|PV|CR)\)$|niet in te delen|inwoners|^G\d+$"
    r"|^Nederland|^Gemeenten|^Buitenland$|^Onbekend$|^Niet-gemeentelijk|^Amsterdam-Centrum/-Noord$",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def labels(shared_data) -> RegionLabels:
    return RegionLabels.from_snapshot(shared_data)


@pytest.fixture(scope="module")
def tables(shared_data, statline, labels) -> dict[str, object]:
    """Every StatLine file of the municipal/projection/commuting folders, read once."""
    out = {}
    for folder in FOLDERS:
        for path in sorted((statline / folder).glob("*.csv")):
            out[path.stem] = read_statline_csv(path, labels=labels, snapshot_dir=shared_data)
    return out


def _regions(table) -> list[str]:
    return list(dict.fromkeys(table.frame["region_label"]))


def _periods(table, region: str) -> list[str]:
    return list(dict.fromkeys(table.frame.query("region_label == @region")["period"]))


def write(path: Path, header: str, rows: list[str]) -> Path:
    lines = [header] + [f"{i};{row}" for i, row in enumerate(rows)]
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def grid(*axes: list[str]) -> list[str]:
    """All combinations, first axis outermost (CBS order), with a value column."""
    rows = [""]
    for axis in axes:
        rows = [f"{row}{value};" for row in rows for value in axis]
    return [row + "1" for row in rows]


SOORT, EIGENDOM = "ID;Soort;RegioS;Perioden;Waarde_1", "ID;RegioS;Eigendom;Perioden;Waarde_1"
NL_AL, Y2 = ["Nederland", "Almere"], ["2019", "2020"]
RULES = {  # name: (header, rows, row limit, rows kept, note)
    "complete": (SOORT, grid(["Totaal"], NL_AL, Y2), 5, 4, "complete"),
    "a_first_slice": (
        SOORT, grid(["Totaal"], NL_AL + ["Zwolle"], ["2019"]) + grid(["Diefstal"], NL_AL, ["2019"]),
        5, 3, "cut at 5 rows: first slice 'Totaal' complete",
    ),
    "b_inside_first_slice": (
        SOORT, grid(["Totaal"], NL_AL, [*Y2, "2021"]) + grid(["Totaal"], ["Zwolle"], Y2),
        8, 8, "cut at 8 rows: first slice 'Totaal'; regions up to 'Zwolle' "
        "(Zwolle complete for 2019-2020)",
    ),
    "b_region_first": (
        EIGENDOM, grid(NL_AL, ["Totaal", "Koop"], Y2) + grid(["Zwolle"], ["Totaal"], Y2)
        + grid(["Zwolle"], ["Koop"], ["2019"]),
        11, 11, "cut at 11 rows: regions up to 'Zwolle' (Zwolle: complete series Totaal; "
        "Zwolle complete for 2019)",
    ),
    "b_no_complete_block": (
        EIGENDOM, grid(NL_AL, ["A", "B", "C"], ["2019"]) + grid(["Zwolle"], ["A"], ["2019"]),
        7, 7, "cut at 7 rows: regions up to 'Zwolle' (Zwolle: complete series A)",
    ),
    "b_nothing_complete": (
        EIGENDOM, grid(NL_AL, ["A", "B"], Y2) + grid(["Zwolle"], ["A"], ["2019"]),
        9, 8, "cut at 9 rows: regions up to 'Zwolle' (Zwolle cut: no complete period, dropped)",
    ),
}


@pytest.mark.parametrize("case", list(RULES))
def test_truncation_rules_on_tiny_tables(tmp_path, labels, case):
    header, rows, limit, kept, note = RULES[case]
    table = read_statline_csv(write(tmp_path / "T.csv", header, rows), labels=labels,
                              row_limit=limit)
    assert table.source.completeness == note
    assert (table.source.rows_read, table.source.rows_kept) == (len(rows), kept)
    assert len(table.frame) == kept and table.frame["Waarde_1"].dtype == "float64"
    assert table.frame["region_code"].notna().all()
    if case == "a_first_slice":
        assert set(table.frame["Soort"]) == {"Totaal"}
    if case == "b_region_first":  # the 'Totaal' series and the 2019 block are complete
        zwolle = table.frame.query("region_label == 'Zwolle'")[["Eigendom", "period"]]
        assert zwolle.values.tolist() == [["Totaal", "2019"], ["Totaal", "2020"],
                                          ["Koop", "2019"]]


def test_region_column_choice_and_commuting_uses_work_region(tmp_path, labels):
    header = "ID;WoonregioS;WerkregioS;Perioden;Banen_1;Afstand_2"
    rows = ["Nederland;Amsterdam;2014 december;500.0;10.0",
            "Nederland;Groningen (gemeente);2014 december;100.0;"]
    table = read_statline_csv(write(tmp_path / "C.csv", header, rows), labels=labels)
    assert list(table.frame.columns) == [
        "region_label", "region_code", "period", "WoonregioS", "Banen_1", "Afstand_2"
    ]
    assert table.frame["region_code"].tolist() == ["GM0363", "GM0014"]
    assert table.dimensions == ["WoonregioS"] and table.source.table_id == "C"
    assert table.frame["WoonregioS"].tolist() == ["Nederland", "Nederland"]
    assert pd.isna(table.frame["Afstand_2"].iloc[1])
    header = "ID;RegioIndeling2021;Perioden;Bevolking_1"
    table = read_statline_csv(write(tmp_path / "P.csv", header, ["Zwolle;2030;130.1"]),
                              labels=labels)
    assert table.frame["region_code"].tolist() == ["GM0193"]


def test_text_measures_skipped_but_own_codes_used(tmp_path, labels):
    header = "ID;StatusCijfer;RegioS;Perioden;Inwoners_1;Naam_2;Regiocode_3"
    rows = ["Voorlopig;Nederland;2023*;100;NL;NL01  ",
            "Voorlopig;Groningen;2023*;;Gr;GM0014  ",  # bare name resolved by own code
            "Voorlopig;Groningen (SG);2023*;5;x;      "]
    table = read_statline_csv(write(tmp_path / "S.csv", header, rows), labels=labels)
    assert table.measures == ["Inwoners_1"]
    assert table.dimensions == ["StatusCijfer"]
    assert table.frame["region_code"].tolist() == ["NL01", "GM0014", None]
    obs = to_observations(table)
    assert obs["status"].tolist() == ["voorlopig", "missing"]
    assert obs["year"].tolist() == [2023, 2023]


def test_repeated_neighbourhood_names_use_own_codes_for_the_cut(tmp_path, labels):
    header = "ID;WijkenEnBuurten;Perioden;Codering_1;Inwoners_2"
    rows = ["Centrum;2024;WK036300;1", "Centrum;2024;BU03630000;1", "Oost;2024;WK036301;1"]
    table = read_statline_csv(write(tmp_path / "W.csv", header, rows), labels=labels,
                              row_limit=3)
    assert table.frame["region_code"].tolist() == ["WK036300", "BU03630000", "WK036301"]
    assert "(Oost complete for 2024)" in table.source.completeness
    assert table.source.completeness_code == "cut"  # the same as a code
    assert table.source.cut_after is None  # no municipality (GM code) in the file


@pytest.mark.parametrize(
    "content",
    [
        "Foo;RegioS;Perioden;X_1\n0;a;b;1",  # no ID column
        "ID;Soort;Perioden;X_1\n0;a;2019;1",  # no region column
        "ID;RegioS;X_1\n0;Amsterdam;1",  # no period column
        None,  # missing file
        b"\xff\xfeI\x00D\x00",  # not UTF-8
    ],
)
def test_malformed_files_raise_malformed_source(tmp_path, labels, content):
    path = tmp_path / "M.csv"
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(MalformedSource) as info:
        read_statline_csv(path, labels=labels)
    assert info.value.message and info.value.hint


def test_83648NED_keeps_total_slice_for_all_regions_and_15_years(tables, statline):
    table = tables["83648NED"]
    frame = table.frame
    assert set(frame["SoortMisdrijf"]) == {"Misdrijven, totaal"}
    assert frame["region_label"].nunique() == 494
    assert frame["period"].nunique() == 15
    assert len(frame) == 494 * 15 == table.source.rows_kept
    assert table.source.rows_read == 10_000
    assert table.source.completeness == (
        "cut at 10 000 rows: first slice 'Misdrijven, totaal' complete"
    )
    raw = pd.read_csv(statline / "municipal_total_slice/83648NED.csv", sep=";", dtype=str,
                      encoding="utf-8-sig")
    cell = raw[(raw["SoortMisdrijf"] == "Misdrijven, totaal") & (raw["RegioS"] == "Amsterdam")
               & (raw["Perioden"] == "2019")]["TotaalGeregistreerdeMisdrijven_1"]
    ams = frame[(frame["region_code"] == "GM0363") & (frame["period"] == "2019")]
    assert ams["TotaalGeregistreerdeMisdrijven_1"].tolist() == [float(cell.iloc[0])] == [82040.0]
    assert set(G40.values()) | set(G4.values()) <= set(frame["region_code"])


@pytest.mark.parametrize(
    ("table_id", "last", "absent", "years", "first_slice"),
    [
        ("81575NED", "Veere", ["Venlo", "Zaanstad", "Zwolle"], (2007, 2012),
         {"BedrijfstakkenBranchesSBI2008": "A-U Alle economische activiteiten"}),
        ("60039fvw", "Zevenaar", ["Zoetermeer", "Zwolle"], (2007, 2010),
         {"StatusCijfer": "Voorlopig"}),
        ("03759ned", "Gaasterlân-Sleat", ["Groningen (gemeente)", "Zwolle"], (1988, 1997),
         {"Leeftijd": "Totaal", "Geslacht": "Totaal mannen en vrouwen"}),
        ("84527NED", "Roermond", ["Roosendaal", "Schiedam", "Tilburg", "Zwolle"], (2020, 2037),
         {"Leeftijd": "Totaal", "PrognoseInterval": "Prognose"}),
        ("83452NED", "Sluis", ["Tilburg", "Zwolle"], (2001, 2018),
         {"Afvalsoort": "Totaal huishoudelijk afval"}),
        ("71486ned", "Moerdijk", ["Nijmegen", "Zwolle"], (2000, 2024), {}),
        ("83491NED", "Westvoorne", ["Zoetermeer", "Zwolle"], (2017, 2032), {}),
        ("83490NED", "Westvoorne", ["Zoetermeer", "Zwolle"], (2017, 2032), {}),
        ("37610", "Middenveld", ["Nijmegen", "Zwolle"], (1997, 2012), {}),  # region-first
        ("83625NED", "Kerkwijk", ["Leiden", "Zwolle"], (1995, 2004), {}),  # region-first
    ],
)
def test_partial_tables_end_where_sources_md_says(
    tables, table_id, last, absent, years, first_slice
):
    """SOURCES.md: 81575NED cut inside 'Veere', 60039fvw inside 'Zevenaar' (slice
    'Voorlopig'), 03759ned up to 'Gaasterlan-Sleat' (CBS writes 'Gaasterlân-Sleat'),
    84527NED up to 'Roermond' (cut in 2037), ..."""
    table = tables[table_id]
    regions = _regions(table)
    assert regions[-1] == last
    assert set(absent).isdisjoint(regions)
    assert _periods(table, last) == [str(y) for y in range(years[0], years[1] + 1)]
    for dim, value in first_slice.items():
        assert set(table.frame[dim]) == {value}
    note = f"regions up to '{last}' ({last} complete for {years[0]}-{years[1]})"
    assert table.source.completeness.endswith(note)
    assert table.source.rows_kept == 10_000  # the cut lies inside the first slice
    assert table.source.cut_after == last  # the structured code the pages explain gaps by
    if table_id == "81575NED":
        assert table.source.completeness == (
            "cut at 10 000 rows: first slice 'A-U Alle economische activiteiten'; "
            "regions up to 'Veere' (Veere complete for 2007-2012)"
        )
    if table_id == "60039fvw":  # text column Regiocode_76 skipped, but used for codes
        assert "Regiocode_76" not in table.measures
        assert "TotaalBijstandsuitkeringen_63" in table.measures


def test_85036NED_keeps_everything_but_the_cut_zwolle_series(tables):
    table = tables["85036NED"]
    frame = table.frame
    regions = _regions(table)
    assert regions[-1] == "Zwolle" and len(regions) == 417
    others = frame[frame["region_label"] != "Zwolle"]
    sizes = others.groupby(["region_label", "period"]).size()
    assert sizes.min() == sizes.max() == frame["Eigendom"].nunique()
    assert frame.groupby("region_label")["period"].nunique().eq(6).all()
    # Zwolle is cut inside its third series: the complete 'Totaal' and 'Koopwoningen'
    # series (6 years each) stay, the cut corporation-rental series is dropped
    zwolle = frame[frame["region_label"] == "Zwolle"]
    assert zwolle.groupby("Eigendom").size().to_dict() == {"Koopwoningen": 6, "Totaal": 6}
    assert table.source.rows_kept == 9984 + 12
    assert "Zwolle: complete series Totaal, Koopwoningen" in table.source.completeness
    assert table.source.cut_after == "Zwolle"


def test_cut_after_names_the_last_municipality_not_a_buurt(tables, statline, labels,
                                                          shared_data):
    kwb = read_statline_csv(statline / "wijken_buurten_partial" / "85984NED.csv",
                            labels=labels, snapshot_dir=shared_data)  # cut in Maasdriel's buurten
    assert _regions(kwb)[-1] != "Maasdriel" and kwb.source.cut_after == "Maasdriel"
    assert tables["83648NED"].source.cut_after is None  # cut in a later category only
    assert tables["80860ned"].source.cut_after is None  # complete


def test_85173NED_drops_deurne_and_83628NED_keeps_first_slice(tables):
    table = tables["85173NED"]
    assert _regions(table)[-1] == "Delft"
    assert "(Deurne cut: no complete period, dropped)" in table.source.completeness
    sizes = table.frame.groupby(["region_label", "period"]).size()
    assert sizes.min() == sizes.max() == 3  # Prognose, Ondergrens, Bovengrens
    table = tables["83628NED"]  # commuting: work region, first residence slice
    assert table.dimensions == ["WoonregioS"]
    assert set(table.frame["WoonregioS"]) == {"Nederland, Buitenland, Niet in te delen"}
    assert table.frame["region_label"].nunique() == 476
    assert table.frame["period"].nunique() == 7


def test_all_files_read_and_municipality_labels_map(tables):
    """Every table reads, converts to observations, and all municipality-like labels
    (in particular the G40) map to codes."""
    assert len(tables) >= 50
    unmapped: dict[str, list[str]] = {}
    expected = {**G40, **G4}
    for table_id, table in tables.items():
        frame = table.frame
        assert len(frame) == table.source.rows_kept > 0, table_id
        assert table.measures, table_id
        missing = sorted(set(frame.loc[frame["region_code"].isna(), "region_label"]))
        bad = [label for label in missing if not NOT_MUNICIPAL.search(label)]
        if bad:
            unmapped[table_id] = bad
        present = frame.drop_duplicates("region_label").set_index("region_label")["region_code"]
        wrong = {k: present[k] for k in expected if k in present and present[k] != expected[k]}
        assert not wrong, f"{table_id}: {wrong}"
        obs = to_observations(table)
        assert obs["region_code"].notna().all() and len(obs) > 0, table_id
    assert not unmapped, f"municipality-like labels without a code: {unmapped}"
    for table_id in ["84903NED", "81064ned", "86054NED", "82900NED", "84910NED"]:
        assert set(G40.values()) <= set(tables[table_id].frame["region_code"]), table_id


def test_source_info_for_a_snapshot_file(tables, statline):
    info = tables["83648NED"].source
    path = statline / "municipal_total_slice/83648NED.csv"
    assert (info.table_id, info.origin) == ("83648NED", "snapshot")
    assert info.location == "cbs_statline_dump/municipal_total_slice/83648NED.csv"
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # when the data were retrieved from CBS, as SOURCES.md documents it (not the file's mtime)
    assert info.retrieved_at == "2025-04"


def test_read_37259eng(shared_data):
    table = read_37259eng(find_table(shared_data, "37259eng"), snapshot_dir=shared_data)
    frame = table.frame
    assert table.source.table_id == "37259eng"
    assert table.dimensions == ["Sex"]
    assert set(frame["Sex"]) == {"Total male and female", "Male", "Female"}
    assert table.measures[0::19] == ["PopulationOn1January_1", "PopulationOn31December_20"]
    assert not frame["region_code"].str.endswith(" ").any()
    ams = frame[(frame["region_code"] == "GM0363") & (frame["period"] == "2019JJ00")
                & (frame["Sex"] == "Total male and female")]
    assert ams["PopulationOn1January_1"].tolist() == [862965.0]
    assert frame.loc[frame["region_code"].str.startswith("GM"), "region_code"].nunique() == 441
    obs = to_observations(table)
    assert set(obs["period_type"]) == {"year"} and obs["year"].min() == 2012


def test_read_kwb2019(shared_data):
    table = read_kwb2019(find_table(shared_data, "kwb2019"), snapshot_dir=shared_data)
    frame = table.frame
    assert len(frame) == 355 and frame["region_code"].str.match(r"^GM\d{4}$").all()
    assert set(frame["period"]) == {"2019"}
    assert "population" in table.measures and "b_65_oo" in table.measures
    assert frame["population"].sum() == 17_282_163
    ages = ["b_00_14", "b_15_24", "b_25_44", "b_45_64", "b_65_oo"]
    assert (frame[ages].sum(axis=1) == frame["population"]).all()


def test_read_agegroups_2020_matches_37259eng(shared_data):
    table = read_agegroups_2020(find_table(shared_data, "agegroups2020"))
    frame = table.frame
    assert "10-19" in table.measures and "okt-19" not in table.measures
    assert "safetyRegion" not in frame.columns
    assert len(frame) == 355 and set(frame["period"]) == {"2020"}
    assert frame.loc[frame["region_code"] == "GM0518", "region_label"].tolist() == ["s-Gravenhage"]
    assert frame[table.measures].to_numpy().sum() == 17_407_585  # NL on 1 January 2020


def test_read_commuting_matrix(shared_data, labels):
    path = find_table(shared_data, "commuting_matrix_2014")
    table = read_commuting_matrix(path, labels, snapshot_dir=shared_data)
    frame = table.frame
    assert table.source.table_id == "commuting_matrix_2014" and set(frame["period"]) == {"2014"}
    assert table.dimensions == ["Woonregio"] and table.measures == ["Banen"]
    assert frame["Woonregio"].nunique() == 403  # Buitenland/Onbekend rows dropped
    assert frame["region_code"].nunique() == 403  # + Buitenland/Onbekend work columns
    assert set(frame.loc[frame["region_code"].isna(), "region_label"]) == {"Buitenland", "Onbekend"}
    assert set(frame.loc[frame["region_label"] == "Sudwest-Fryslan", "region_code"]) == {"GM1900"}
    ams = frame[frame["region_code"] == "GM0363"]
    assert ams["Banen"].sum() == pytest.approx(537.8, abs=0.5)  # SOURCES.md: 537.8
    raw = pd.read_csv(path, sep=";", header=None, dtype=str)
    i = raw.index[raw[0] == "Amsterdam"][0]
    own = ams.loc[ams["Woonregio"] == "GM0363", "Banen"]  # diagonal: live and work there
    assert own.tolist() == [float(raw.iloc[i, i + 1])] == [266.9]
    assert frame["Banen"].isna().sum() == (raw.iloc[:403, 1:] == "-").sum().sum()
    assert len(to_observations(table)) == 403 * 403


def test_find_table_case_insensitive_and_special_ids(shared_data, statline):
    assert find_table(shared_data, "83648ned") == statline / "municipal_total_slice/83648NED.csv"
    assert find_table(shared_data, " 60039FVW ") == statline / "municipal_partial/60039fvw.csv"
    assert find_table(shared_data, "37259ENG").name == "250112_CLEAN_population_regional_NL.csv"
    ids = available_tables(shared_data)
    assert "83648NED" in ids and "37259eng" in ids and "commuting_matrix_2006" in ids
    assert all((shared_data / t.path).exists() for t in SNAPSHOT_TABLES.values())


def test_find_table_unknown_id_suggests_similar(shared_data):
    with pytest.raises(TableNotFound) as info:
        find_table(shared_data, "83648NDE")
    err = info.value
    assert "83648NDE" in err.message and "83648NED" in err.suggestions and "83648NED" in err.hint
    assert err.as_dict()["error"]["code"] == "table_not_found"
    with pytest.raises(TableNotFound):
        find_table(shared_data, "nonsense")


def test_a_deleted_file_of_the_snapshot_is_named_where_it_was_expected(shared_data, tmp_path):
    """A deleted municipal_total_slice/83648NED.csv said 'not in the snapshot. Did you mean:
    83658NED, 83628NED...' (unrelated tables) without the path; SOURCES.md names it."""
    import shutil

    shutil.copy(shared_data / "SOURCES.md", tmp_path / "SOURCES.md")
    (tmp_path / "cbs_statline_dump" / "municipal_total_slice").mkdir(parents=True)
    with pytest.raises(TableNotFound) as info:
        find_table(tmp_path, "83648NED")
    expected = tmp_path / "cbs_statline_dump" / "municipal_total_slice" / "83648NED.csv"
    assert info.value.message == (
        f"table '83648NED' is missing from the snapshot: expected the file {expected}")
    assert not info.value.suggestions and "restore it" in info.value.hint
    # a special table: its own path
    with pytest.raises(TableNotFound, match="kwb2019_gemeenten/kwb-2019.csv"):
        find_table(tmp_path, "kwb2019")
    with pytest.raises(TableNotFound) as info:  # not listed: suggestions as before
        find_table(tmp_path, "83648NDE")
    assert "missing from the snapshot" not in info.value.message


def test_read_table_dispatches_on_the_id(shared_data, labels):
    assert read_table(shared_data, "kwb2019").source.table_id == "kwb2019"
    table = read_table(shared_data, "71446NED", labels)
    assert table.source.table_id == "71446ned"
    groningen = table.frame.loc[table.frame["region_label"] == "Groningen", "region_code"]
    assert set(groningen) == {"GM0014"}  # per-table override for the bare name
    assert read_table(shared_data, "71595ned").frame["region_code"].notna().all()
    with pytest.raises(MalformedSource):
        read_table(shared_data, "70739ned")  # reference table, no periods


def test_titles_come_from_the_snapshot_description(shared_data):
    table = read_table(shared_data, "83648NED")
    assert table.source.title.startswith("Geregistreerde misdrijven")
    projection = read_table(shared_data, "85171NED")
    assert projection.source.title.startswith("PBL/CBS regional projection 2023-2050")


def test_a_damaged_commuting_matrix_says_what_the_file_should_hold(shared_data, labels,
                                                                   tmp_path):
    """The hints of a damaged 'Van_YYYY.csv' speak to a user: what the file should hold and
    what to do (they said 'pass year=...', 'expected numbers or '-'', 'expected a name column
    followed by one column per row')."""
    from stadstrends.errors import MalformedSource

    lines = (find_table(shared_data, "commuting_matrix_2014").read_text(encoding="ascii")
             .splitlines())
    cases = {"Van_2014.csv": ([lines[0].replace(";-", ";n/a", 1), *lines[1:]],
                              "non-numeric cells", "a number or '-' (no figure)"),
             "Van.csv": (lines, "no year in the file name", "give the file its name back"),
             "Van_2013.csv": (lines[:-1], "is not a square matrix",
                              "one figure per municipality")}
    for name, (rows, message, hint) in cases.items():
        path = tmp_path / name
        path.write_text("\n".join(rows) + "\n", encoding="ascii")
        with pytest.raises(MalformedSource, match=message) as err:
            read_commuting_matrix(path, labels, snapshot_dir=shared_data)
        assert hint in err.value.hint, err.value.hint
        assert "=" not in err.value.hint and "expected" not in err.value.hint, err.value.hint
