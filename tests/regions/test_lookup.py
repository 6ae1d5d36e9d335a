"""RegionIndex: codes, names, aliases, ambiguity and helpful errors."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.errors import CatalogueError, InvalidParameter, RegionNotFound
from stadstrends.regions.lookup import AmbiguousRegion, RegionIndex, load_aliases, normalise


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("GM0796", "GM0796"),
        ("gm796", "GM0796"),
        ("0796", "GM0796"),
        ("den bosch", "GM0796"),
        ("Den-Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("s-Hertogenbosch", "GM0796"),
        ("Hertogenbosch", "GM0796"),
        ("’S HERTOGENBOSCH", "GM0796"),
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("Hengelo", "GM0164"),
        ("Hengelo (O.)", "GM0164"),
        ("Friesland", "PV21"),
        ("Fryslân", "PV21"),
        ("fryslan", "PV21"),
        ("Nederland", "NL01"),
        ("NL", "NL01"),
        ("nl01", "NL01"),
        ("Groningen", "GM0014"),  # municipality before province
        ("Groningen (PV)", "PV20"),
        ("Utrecht", "GM0344"),
        ("Sluis", "GM1714"),  # current Sluis before 'Sluis (oud)'
        ("Súdwest-Fryslân", "GM1900"),
        ("Sudwest Fryslan", "GM1900"),
        ("Brielle", "GM0501"),  # dissolved but unique
        ("cr7", "CR07"),
        ("Noord-Drenthe", "CR07"),
    ],
)
def test_resolve(index: RegionIndex, query: str, code: str) -> None:
    assert index.resolve(query) == code


@pytest.mark.parametrize(
    ("query", "level", "code"),
    [
        ("Utrecht", "provincie", "PV26"),
        ("Utrecht", "corop", "CR17"),
        ("22", "provincie", "PV22"),
        ("Groningen", "gemeente", "GM0014"),
        ("Flevoland", "corop", "CR40"),
    ],
)
def test_resolve_with_level(index: RegionIndex, query: str, level: str, code: str) -> None:
    assert index.resolve(query, level=level) == code


def test_unknown_name_has_suggestions_and_hint(index: RegionIndex) -> None:
    with pytest.raises(RegionNotFound) as err:
        index.resolve("Zwole")
    assert not isinstance(err.value, AmbiguousRegion)
    assert err.value.message == "Unknown municipality 'Zwole'"
    assert err.value.suggestions[0] == "Zwolle"
    assert err.value.hint == "try `stadstrends regions zwo`"
    assert err.value.as_dict()["error"]["code"] == "region_not_found"


@pytest.mark.parametrize(("query", "level", "suggested"), [
    ("ud-valkenburg", None, "Oud-Valkenburg"),
    ("Midden-Noord-Brabanx", "corop", "Midden-Noord-Brabant"),
    ("Tinhoven (ZH.)", None, "Tienhoven (ZH.)"),
])
def test_a_typo_close_to_two_keys_of_one_region_names_it_once(index: RegionIndex, query,
                                                              level, suggested) -> None:
    """A typo close to a region's name and to its label (or its name without the article)
    is one suggestion, not a crash (it raised pandas' 'truth value of a Series is
    ambiguous' until the index held plain rows)."""
    with pytest.raises(RegionNotFound) as err:
        index.resolve(query, level=level)
    assert err.value.suggestions[0] == suggested
    assert len(set(err.value.suggestions)) == len(err.value.suggestions)


@pytest.mark.parametrize(("query", "suggested"), [
    ("Gerwen", "Nuenen, Gerwen en Nederwetten"),  # a later word of the name
    ("nederwetten", "Nuenen, Gerwen en Nederwetten"),
    ("Hollands", "Hollands Kroon"),
    ("Sudwest", "Súdwest-Fryslân"),
    ("Hertogen", "'s-Hertogenbosch"),
    ("Amster", "Amsterdam"),  # the municipality before the COROP region Groot-Amsterdam
])
def test_a_name_starting_a_word_of_a_region_is_suggested(index: RegionIndex, query,
                                                         suggested) -> None:
    """Until the word matches, these had no suggestion at all (no name close enough)."""
    with pytest.raises(RegionNotFound) as err:
        index.resolve(query)
    assert not isinstance(err.value, AmbiguousRegion)
    assert err.value.suggestions[0] == suggested
    assert len(err.value.suggestions) == len(set(err.value.suggestions)) <= 8


def test_common_short_names_resolve_as_aliases(index: RegionIndex) -> None:
    """'Nuenen' for GM0820 (officially 'Nuenen, Gerwen en Nederwetten'), as 'Den Bosch'
    for GM0796: `show Nuenen population` said the municipality was unknown. Only a current
    municipality's name before its comma: not 'Megen' for the former 'Megen, Haren en
    Macharen' (GM0813)."""
    assert index.resolve("Nuenen") == "GM0820"
    assert index.resolve("nuenen", level="gemeente") == "GM0820"
    assert index.resolve("Den Bosch") == "GM0796"
    with pytest.raises(RegionNotFound):
        index.resolve("Megen", level="gemeente")


def test_word_suggestions_keep_to_the_level_asked(index: RegionIndex) -> None:
    with pytest.raises(RegionNotFound) as err:
        index.resolve("Amster", level="corop")
    assert err.value.suggestions == ["Groot-Amsterdam"]
    with pytest.raises(RegionNotFound) as err:  # two letters: too short to match words
        index.resolve("Nu")
    assert "Nuenen, Gerwen en Nederwetten" not in err.value.suggestions


def test_unknown_code(index: RegionIndex) -> None:
    with pytest.raises(RegionNotFound, match="GM9999"):
        index.resolve("GM9999")
    with pytest.raises(RegionNotFound):
        index.resolve("GM0363", level="provincie")


def test_ambiguous_lists_candidates(index: RegionIndex) -> None:
    with pytest.raises(AmbiguousRegion) as err:
        index.resolve("Bergen")
    assert isinstance(err.value, RegionNotFound)
    assert sorted(err.value.suggestions) == ["GM0373", "GM0893"]
    assert "Bergen (NH.)" in err.value.message and "Bergen (L.)" in err.value.message
    assert index.resolve("Bergen (NH.)") == "GM0373"


def test_invalid_level(index: RegionIndex) -> None:
    with pytest.raises(InvalidParameter):
        index.resolve("Zwolle", level="stad")


def test_search(index: RegionIndex) -> None:
    hits = index.search("zwo", limit=5)
    assert hits[0][:3] == ("GM0193", "Zwolle", "gemeente")
    assert all(0 <= score <= 1 for *_, score in hits)
    assert [h[0] for h in index.search("Utrecht", 3)] == ["GM0344", "PV26", "CR17"]
    assert index.search("gm363", 1)[0][0] == "GM0363"
    assert index.search("", 5) == []
    assert len(index.search("a", 7)) == 7


@pytest.mark.parametrize(("query", "codes"), [
    ("den bosch", ["GM0796"]),  # an alias: not also Enschede (fuzzy)
    ("den haag", ["GM0518"]),  # not also Oldenzaal
    ("amsterdam", ["GM0363", "CR23"]),  # Groot-Amsterdam: a later word starts with it
])
def test_search_exact_match_leaves_out_fuzzy_ones(index: RegionIndex, query, codes) -> None:
    assert [h[0] for h in index.search(query, 10)] == codes


def test_search_names_before_lookalikes_and_codes_only_by_prefix(index: RegionIndex) -> None:
    bergen = index.search("bergen", 20)
    assert {h[0] for h in bergen[:2]} == {"GM0373", "GM0893"}
    assert {h[1] for h in bergen[:2]} == {"Bergen (NH.)", "Bergen (L.)"}
    # names containing 'bergen' follow; lookalikes such as Buren or Bergeijk do not
    assert all("bergen" in normalise(name) for _, name, *_ in bergen), bergen
    # 'G40' is a set, not a code: no GM0400 or CR40 because their codes contain '40'
    assert not [h for h in index.search("G40", 10) if "40" in h[0]]
    # a code prefix finds the codes starting with it ('gm036' read as a code is GM0036)
    assert {h[0] for h in index.search("gm036", 20)} == {
        "GM0036", *(f"GM036{i}" for i in range(10) if f"GM036{i}" in index.regions)}
    # a typo still finds the city when nothing matches exactly
    assert index.search("Zwole", 3)[0][0] == "GM0193"


def test_display_names_follow_cbs_labels_for_shared_names(index: RegionIndex) -> None:
    shown = {code: region["display"] for code, region in index.regions.items()}
    assert shown["GM0373"] == "Bergen (NH.)" and shown["GM0893"] == "Bergen (L.)"
    assert shown["GM0344"] == "Utrecht (gemeente)" and shown["PV26"] == "Utrecht (PV)"
    assert shown["GM0164"] == "Hengelo (O.)"  # shares its name with the former Hengelo (Gld.)
    assert shown["GM0193"] == "Zwolle" and shown["CR07"] == "Noord-Drenthe"
    # a shown name is unique among all regions
    names = list(shown.values())
    assert len(set(names)) == len(names), sorted({n for n in names if names.count(n) > 1})


def test_aliases_file_valid(index: RegionIndex) -> None:
    aliases = load_aliases()
    assert aliases["Den Haag"] == "GM0518" and "Bergen" not in aliases
    assert set(aliases.values()) <= set(index.regions)


def test_bad_alias_target_rejected(regions: pd.DataFrame) -> None:
    with pytest.raises(CatalogueError):
        RegionIndex(regions, {"Nergenshuizen": "GM9999"})


def test_normalise() -> None:
    assert normalise("'s-Hertogenbosch") == "shertogenbosch"
    assert normalise("Súdwest-Fryslân") == "sudwestfryslan"


def test_a_shared_name_reads_alike_in_both_languages() -> None:
    """The English said 'Ambiguous municipality 'Bergen': ...' (a technical word), the Dutch
    "'Bergen' is de naam van meer dan één gemeente: ..."; both now say the same fact."""
    from stadstrends import vocabulary

    words = {lang: vocabulary.section(lang, "errors")["ambiguous_region_of"]
             for lang in ("nl", "en")}
    assert words["en"].startswith("'{query}' is the name of more than one {noun}")
    assert words["nl"].startswith("'{query}' is de naam van meer dan één {noun}")
