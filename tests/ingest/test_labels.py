"""RegionLabels: CBS region label -> code, built from 70739ned."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.labels import (
    HERINDELING,
    RegionLabels,
    clean_code,
    clean_codes,
    fold_label,
)


@pytest.fixture(scope="module")
def labels(shared_data) -> RegionLabels:
    return RegionLabels.from_snapshot(shared_data)


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Amsterdam", "GM0363"),
        ("Hengelo (O.)", "GM0164"),
        ("'s-Gravenhage (gemeente)", "GM0518"),
        ("Groningen (gemeente)", "GM0014"),
        ("Utrecht (gemeente)", "GM0344"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen (L.)", "GM0893"),
        ("Groningen (PV)", "PV20"),
        ("Fryslân (PV)", "PV21"),
        ("Friesland (PV)", "PV21"),  # older tables: Provincie_4 name
        ("Noord-Drenthe (CR)", "CR07"),
        ("Utrecht (CR)", "CR17"),
        ("Noord-Nederland (LD)", "LD01"),
        ("Nederland", "NL01"),
        ("  Amsterdam  ", "GM0363"),
    ],
)
def test_exact_and_suffixed_labels(labels, label, code):
    assert labels.code_for(label) == code


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Drenthe", "PV22"),  # unsuffixed province: unambiguous
        ("Twente", "CR12"),  # unsuffixed COROP
        ("Noord-Nederland", "LD01"),
        ("Friesland", "PV21"),
        ("'s-Gravenhage", "GM0518"),  # '(gemeente)' dropped, the CR is 'Agglomeratie ...'
        ("Hengelo", "GM0164"),  # Hengelo (Gld.) ended 2005: the code valid latest wins
        ("Laren", "GM0417"),  # Laren (Gld.) ended 1971
        ("Beek", "GM0888"),  # Beek (NB.) ended 1951
        ("Sluis", "GM1714"),  # exact label beats the alias of 'Sluis (oud)'
    ],
)
def test_unsuffixed_forms_resolve_where_unambiguous(labels, label, code):
    assert labels.code_for(label) == code


@pytest.mark.parametrize("label", ["Groningen", "Utrecht", "Flevoland", "Bergen"])
def test_ambiguous_bare_names_give_none(labels, label):
    """Groningen = PV20 and GM0014, Utrecht = PV/CR/GM, Flevoland = PV24 and CR40,
    Bergen = GM0373 and GM0893: all still valid, so no guess."""
    assert labels.code_for(label) is None


def test_table_overrides_resolve_bare_names(labels):
    assert labels.for_table("71446ned").code_for("Groningen") == "GM0014"
    assert labels.for_table("71446NED").code_for("Utrecht") == "GM0344"
    assert labels.for_table("71595ned").code_for("Groningen") == "PV20"
    assert labels.for_table("71595ned").code_for("Zeeland") == "PV29"  # not GM0877 (1994)
    assert labels.for_table("83648NED").code_for("Groningen") is None
    custom = labels.with_overrides({"Groningen": "GM0014", "Amsterdam": None})
    assert custom.code_for("Groningen") == "GM0014"
    assert custom.code_for("Amsterdam") is None
    assert labels.code_for("Amsterdam") == "GM0363"  # original untouched


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Sudwest-Fryslan", "GM1900"),  # ASCII-fied (commuting matrices)
        ("Súdwest Fryslân", "GM1900"),  # space instead of hyphen (71446ned)
        ("sudwest-fryslan", "GM1900"),
        ("Noardeast-Fryslan", "GM1970"),
        ("s-Hertogenbosch", "GM0796"),  # leading apostrophe lost
        ("AMSTERDAM", "GM0363"),
        ("Gaasterlan-Sleat", "GM0653"),  # as SOURCES.md spells it
    ],
)
def test_accent_and_case_insensitive_fallback(labels, label, code):
    assert labels.code_for(label) == code


@pytest.mark.parametrize(
    "label",
    [
        "Nederland, Buitenland, Niet in te delen",
        "Nederland; niet in te delen",
        "Gemeenten; niet in te delen",
        "Niet in te delen (PV)",
        "Buitenland",  # GM0998 is a pseudo-municipality
        "Buitenland (PV)",
        "Groningen (AM)",
        "Drenthe (JZ)",
        "Amsterdam (RE)",
        "Groningen (GA)",
        "Utrecht (VT)",
        "Achterhoek (ES)",
        "250 000 inwoners of meer",
        "",
        None,
    ],
)
def test_other_region_types_and_aggregates_give_none(labels, label):
    assert labels.code_for(label) is None


def test_codes_for_is_vectorised_and_keeps_index(labels):
    series = pd.Series(
        ["Amsterdam", "Groningen (PV)", "Groningen (AM)", None, "Amsterdam"], index=[5, 6, 7, 8, 9]
    )
    codes = labels.codes_for(series)
    assert list(codes.index) == [5, 6, 7, 8, 9]
    assert codes.tolist() == ["GM0363", "PV20", None, None, "GM0363"]
    assert codes.dtype == object


def test_codes_for_remembers_nothing_across_overrides(shared_data):
    """codes_for remembers each label's code per lookup: a table's overrides (a clone) must
    not see the codes its base looked up, nor the base the clone's."""
    base = RegionLabels.from_csv(shared_data / HERINDELING)
    labels = pd.Series(["Groningen", "Zeeland", "Amsterdam"], name="RegioS")
    # 'Groningen' is ambiguous, 'Zeeland' the municipality of before 1995
    assert base.codes_for(labels).tolist() == [None, "GM0877", "GM0363"]
    province = base.for_table("71595ned")  # a table of provinces: 'Groningen' is PV20
    assert province.codes_for(labels).tolist() == ["PV20", "PV29", "GM0363"]
    assert base.codes_for(labels).tolist() == [None, "GM0877", "GM0363"]
    assert base.codes_for(labels).name == "RegioS"


def test_70739ned_has_no_duplicate_labels_and_every_code_is_clean(shared_data):
    raw = pd.read_csv(shared_data / HERINDELING, sep=";", dtype=str, encoding="utf-8-sig")
    assert not raw["RegioS"].str.strip().duplicated().any()
    assert raw["GebiedsOfGemeentecode_3"].str.endswith(" ").any()  # padded in the source
    assert clean_codes(raw["GebiedsOfGemeentecode_3"]).notna().all()


def test_duplicate_keys_prefer_the_code_valid_latest():
    crosswalk = pd.DataFrame(
        {
            "label": ["Foo", "Foo", "Bar (X.)", "Bar (Y.)", "Baz (X.)", "Baz (Y.)", "Qux", "Qux"],
            "code": ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005", "GM0006", "GM0007",
                     "GM0008"],
            "end": ["19900101", "", "20050101", "", "", "", "19800101", "19800101"],
        }
    )
    labels = RegionLabels(crosswalk)
    assert labels.code_for("Foo") == "GM0002"  # duplicate exact label: still valid wins
    assert labels.code_for("Bar") == "GM0004"  # alias collision: ended 2005 loses
    assert labels.code_for("Baz") is None  # both still valid: ambiguous
    assert labels.code_for("Qux") is None  # same end date: ambiguous
    assert labels.code_for("Baz (X.)") == "GM0005"


def test_mapping_agrees_with_codes_carried_by_cbs_tables(labels, statline):
    """80860ned, 60039fvw and 85383NED carry their own region codes: labels must agree."""
    for rel, column in [
        ("municipal_complete/80860ned.csv", "RegiocodeKoppelvariabele_1"),
        ("municipal_partial/60039fvw.csv", "Regiocode_76"),
        ("municipal_complete/85383NED.csv", "Regiocode_73"),
    ]:
        raw = pd.read_csv(statline / rel, sep=";", dtype=str, encoding="utf-8-sig",
                          keep_default_na=False)
        own = clean_codes(raw[column])
        mapped = labels.codes_for(raw["RegioS"].str.strip())
        both = own.notna() & mapped.notna()
        assert both.sum() > 2000, rel
        bad = raw.loc[both & (own != mapped), ["RegioS", column]].drop_duplicates()
        assert bad.empty, f"{rel}: {bad.to_dict('records')[:10]}"
        assert (own.notna() & mapped.isna()).sum() == 0, rel


def test_mapping_agrees_with_37259eng_codes(labels, shared_data):
    """37259eng has codes and (English) labels; municipality names are the Dutch ones."""
    path = shared_data / "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
    raw = pd.read_csv(path, dtype=str, usecols=["Regions", "Regions Label"]).drop_duplicates()
    raw = raw[raw["Regions"].str.startswith("GM")]
    mapped = labels.codes_for(raw["Regions Label"].str.strip())
    own = clean_codes(raw["Regions"])
    assert mapped.notna().sum() >= 430
    wrong = raw[mapped.notna() & (mapped != own)]
    assert wrong.empty, wrong.to_dict("records")


def test_clean_code_and_fold_label():
    assert clean_code("GM0363  ") == "GM0363"
    assert clean_code("NL00") == "NL01"
    assert clean_code("WK0363AA") == "WK0363AA"
    assert clean_code("SG01") is None  # stadsgewest: not a region type of the contract
    assert clean_code("   ") is None
    assert clean_code(None) is None
    assert fold_label("Súdwest-Fryslân") == fold_label("sudwest fryslan")
    assert fold_label("'s-Gravenhage") == "s gravenhage"


def test_unreadable_crosswalk_raises_malformed_source(tmp_path):
    bad = tmp_path / "70739ned.csv"
    bad.write_text("ID;Foo\n0;bar\n", encoding="utf-8")
    with pytest.raises(MalformedSource) as info:
        RegionLabels.from_csv(bad)
    assert info.value.hint
    with pytest.raises(MalformedSource):
        RegionLabels.from_csv(tmp_path / "missing.csv")


def _pandas_resolve(candidates: pd.DataFrame) -> dict[str, str]:
    """The lookup as two pandas groupings computed it before the plain-dict version."""
    cand = candidates.drop_duplicates(["key", "code"])
    best_end = cand.groupby("key")["end"].transform("max")
    top = cand[cand["end"] == best_end]
    counts = top.groupby("key")["code"].transform("size")
    return dict(zip(top["key"], top["code"].where(counts == 1, "?"), strict=True))


def test_lookups_equal_the_pandas_groupings_on_the_snapshot_crosswalk(shared_data, monkeypatch):
    """The four lookups (exact, alias, both folded) of the real 70739ned, key for key and in
    the same order, as the pandas version built them; and its corner cases: the first end
    of a repeated (key, code) counts, a tie is ambiguous, a missing key is left out."""
    import stadstrends.ingest.labels as labels_module

    resolve, compared = labels_module._resolve, []

    def both(candidates: pd.DataFrame) -> dict[str, str]:
        mine = resolve(candidates)
        compared.append((list(mine.items()), list(_pandas_resolve(candidates).items())))
        return mine

    monkeypatch.setattr(labels_module, "_resolve", both)
    RegionLabels.from_csv(shared_data / HERINDELING)
    assert len(compared) == 4 and len(compared[0][0]) > 1500
    assert any(("Groningen", "?") in mine for mine, _ in compared)  # a tie in the real file
    for mine, theirs in compared:
        assert mine == theirs
    corner = pd.DataFrame({
        "key": ["A", "A", "A", "B", "B", None, "C", "C"],
        "code": ["GM1", "GM2", "GM1", "GM3", "GM4", "GM5", "GM6", "GM6"],
        "end": ["20000101", "19990101", "20200101", "30", "30", "99", "1", "2"]})
    assert resolve(corner) == _pandas_resolve(corner) == {"A": "GM1", "B": "?", "C": "GM6"}


def test_a_region_list_in_latin1_is_refused_naming_its_line(shared_data, tmp_path):
    """70739ned saved as Latin-1 (a spreadsheet's 'save as'): the refusal quoted Python's
    codec ('kan de regio-indeling ... niet lezen: 'utf-8' codec can't decode byte 0xe2 in
    position 798'); it names the file, that it is not UTF-8, the line and the byte."""
    text = (shared_data / HERINDELING).read_bytes().decode("utf-8")
    data = text.encode("latin-1", errors="replace")
    path = tmp_path / "70739ned.csv"
    path.write_bytes(data)
    with pytest.raises(MalformedSource) as err:
        RegionLabels.from_csv(path)
    bad = next(i for i, byte in enumerate(data) if byte >= 0x80)  # the first 'é' or so
    line = data[:bad].count(b"\n") + 1
    assert f"70739ned.csv is not UTF-8: byte 0x{data[bad]:02x} at line {line}," \
        in err.value.message, err.value.message
    assert "codec" not in err.value.message and "another encoding" in err.value.hint
