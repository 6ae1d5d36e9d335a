"""A snapshot with several damaged files (one cut, one not text, one with a bad header):
the build names every one of them with its problem in one error, with the hint, and the
warehouse it would replace stays byte for byte (it named only the first)."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

FOLDER = "cbs_statline_dump/municipal_complete/"
CUT, GARBLED, HEADER = "81064ned.csv", "84903NED.csv", "86054NED.csv"


def _several(shared_data, root):
    snapshot = damaged_snapshot(shared_data, root, FOLDER + CUT, lambda d: d[:5000])
    for name, damage in ((GARBLED, lambda d: bytes(b ^ 0xA5 for b in d[:3000])),
                         (HEADER, lambda d: d.replace(b";RegioS;", b";Regi0S;", 1))):
        data = (shared_data / FOLDER / name).read_bytes()
        (snapshot / FOLDER / name).unlink()
        (snapshot / FOLDER / name).write_bytes(damage(data))
    return snapshot


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_damaged_file_is_named_and_the_warehouse_kept(shared_data, warehouse_path,
                                                            tmp_path, lang):
    err = refused_build(_several(shared_data, tmp_path / "snap"), warehouse_path,
                        tmp_path / "wh", lang)
    head = ("Fout: 3 bestanden van de bouw zijn niet te lezen:" if lang == "nl"
            else "Error: 3 of the build's files cannot be read:")
    assert head in err, err
    named = re.findall(r"^- .*/municipal_complete/(\w+\.csv)\b", err, re.M)
    assert named == [CUT, HEADER, GARBLED], err  # in the build's order of tables
    problems = {"nl": ["onvolledige regels", "geen regiokolom", "geen UTF-8"],
                "en": ["incomplete rows", "no region column", "not UTF-8"]}[lang]
    for problem in problems:
        assert problem in err, (problem, err)
    # each file's own hint under it (they differ here), the hint says so
    assert ("Tip: zet elk genoemd bestand terug" if lang == "nl"
            else "Hint: restore each file named") in err, err
    assert len(re.findall("^  .*(zet het terug|restore it)", err, re.M)) == 3, err
