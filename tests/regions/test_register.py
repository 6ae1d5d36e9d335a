"""CBS's boundary-change register (RegioS descriptions of 03759ned): hand-made and real."""

from __future__ import annotations

import datetime as dt

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.paths import default_snapshot_dir
from stadstrends.regions.register import parse_descriptions, parse_register, read_register

SNAPSHOT = default_snapshot_dir()
D = dt.date

CODES = {"value": [
    {"Identifier": "GM0001", "Title": "Oud", "Description":
        "Opgeheven per 01-01-2021, overgegaan naar:\r\n- Groot (GM0002),\r\n"
        "... 978 hectare met 588 woningen en 1442 inwoners\r\n- Klein (GM0003),\r\n"
        "... 535 hectare met 918 woningen en 2149 inwoners\r\n\r\nBegindatum voor 1830\r\n"},
    {"Identifier": "GM0002", "Title": "Groot", "Description":
        "Gemeentelijke herindeling per 01-01-2021, ontvangen van:\r\n- Oud (GM0001),\r\n"
        "... 978 hectare met 588 woningen en 1442 inwoners\r\n\r\n"
        "Grenswijziging per 01-01-2017, ontvangen van:\r\n- Klein (GM0003),\r\n"
        "... 1649 hectare met 341 woningen en 1033 inwoners\r\n"
        "Grenswijziging per 01-01-2017, overgegaan naar:\r\n- Klein (GM0003),\r\n"
        "... 4 hectare met 1 woning en 0 inwoners\r\nBegindatum voor 1830\r\n"},
    {"Identifier": "GM0004", "Title": "Nieuwe naam", "Description":
        "Naamswijziging per 01-07-2015,\r\noude naam: Oude naam (GM0005)\r\n"
        "Begindatum 01-07-2015\r\n"},
    {"Identifier": "PV20", "Title": "Groningen (PV)", "Description": "PV = Provincie\r\n"},
]}


def test_each_transfer_once_with_its_amounts():
    t = parse_register(CODES).set_index(["donor", "recipient"])
    assert t.loc[("GM0001", "GM0002")].tolist()[1:] == [978.0, 588.0, 1442.0, "dissolution"]
    assert t.loc[("GM0001", "GM0002"), "date"] == D(2021, 1, 1)
    assert t.loc[("GM0003", "GM0002"), "inhabitants"] == 1033.0  # written at the recipient
    assert t.loc[("GM0002", "GM0003"), "dwellings"] == 1.0  # '1 woning'
    assert t.loc[("GM0005", "GM0004"), "kind"] == "rename"
    assert t.loc[("GM0005", "GM0004"), "date"] == D(2015, 7, 1)
    assert len(t) == 5


def test_lines_that_are_not_understood_are_returned():
    codes = {"value": [{"Identifier": "GM0009", "Description":
                        "Grenswijziging per 01-01-2017, ontvangen van:\n- X (GM0001),\n"
                        "... ongeveer een dorp\n"}]}
    _, unparsed = parse_descriptions(codes)
    assert unparsed == [("GM0009", "... ongeveer een dorp")]


def test_a_list_without_municipal_changes_is_refused_with_a_hint():
    with pytest.raises(MalformedSource, match="no municipal change"):
        parse_register({"value": [CODES["value"][3]]})
    with pytest.raises(MalformedSource, match="no 'value' list"):
        parse_register({"odata": 1})


@pytest.fixture(scope="module")
def register():
    return read_register(SNAPSHOT)


def test_real_register_every_municipal_line_is_understood(register):
    frame, unparsed = parse_descriptions(register)
    # only GM0997 (the former central population register) has prose instead of changes
    assert {code for code, _ in unparsed} == {"GM0997"}
    assert len(frame) > 2800


def test_real_register_examples(register):
    t = parse_register(register).set_index(["donor", "recipient"])
    assert t.loc[("GM0788", "GM0855"), ["hectares", "dwellings", "inhabitants"]].tolist() == [
        978.0, 588.0, 1442.0]  # Haaren -> Tilburg 2021
    slochteren = t.loc[("GM0040", "GM0014")]
    assert (slochteren["date"], slochteren["inhabitants"]) == (D(2017, 1, 1), 1033.0)
    assert t.loc[("GM0457", "GM0363"), "date"] == D(2022, 3, 24)  # Weesp -> Amsterdam
    assert t.loc[("GM1921", "GM1940"), "kind"] == "rename"  # De Friese Meren 1 July 2015
