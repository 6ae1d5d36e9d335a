"""Raw readers: clean codes, dates, clear errors for unreadable files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.regions import sources


def test_herindeling_codes_are_clean(shared_data: Path) -> None:
    cbs = sources.read_herindeling(shared_data)
    assert cbs["code"].str.fullmatch(r"(GM\d{4}|CR\d{2}|PV\d{2}|LD\d{2})").all()
    row = cbs.set_index("code").loc["GM0501"]
    assert row["label"] == "Brielle"
    assert row["valid_to"] == dt.date(2023, 1, 1)
    assert cbs.set_index("code").loc["PV21", "province"] == "Friesland"


def test_rvig_prefix_and_successor(shared_data: Path) -> None:
    rvig = sources.read_rvig(shared_data).set_index("code")
    assert rvig.loc["GM0282", "successor"] == "GM0241"
    assert rvig.loc["GM0363", "successor"] is None
    assert rvig.loc["GM0001", "valid_to"] == dt.date(1990, 1, 1)


def test_editions_found(shared_data: Path) -> None:
    assert len(sources.edition_paths(shared_data)) == 30


def test_missing_file_is_malformed_source(tmp_path: Path) -> None:
    with pytest.raises(MalformedSource) as err:
        sources.read_herindeling(tmp_path)
    assert err.value.hint


def test_wrong_columns_is_malformed_source(tmp_path: Path) -> None:
    path = tmp_path / sources.RVIG
    path.parent.mkdir(parents=True)
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(MalformedSource, match="lacks column"):
        sources.read_rvig(tmp_path)


def test_a_byte_that_is_not_utf8_is_named_with_its_line(shared_data: Path,
                                                        tmp_path: Path) -> None:
    """A 0xff byte in a real Gebieden in Nederland edition: the hint was only the file's
    path ('Cannot read 70174NED.csv: 'utf-8' codec can't decode byte 0xff ...')."""
    real = (shared_data / sources.GEBIEDEN_DIR / "70174NED.csv").read_bytes()
    at = real.index(b"\n", 5000) + 10  # line 7, column 10
    path = tmp_path / "70174NED.csv"
    path.write_bytes(real[:at] + b"\xff" + real[at + 1:])
    with pytest.raises(MalformedSource) as err:
        sources.read_edition(path)
    line = real[:at].count(b"\n") + 1
    assert f"70174NED.csv is not UTF-8: byte 0xff at line {line}, column 10" in err.value.message
    assert "another encoding" in err.value.hint and "restore" in err.value.hint
    assert err.value.details == [{"line": line, "column": 10, "byte": at}]
