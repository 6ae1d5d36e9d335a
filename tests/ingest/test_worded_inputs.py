"""What a user meets when the input is wrong is said in the command's language: a damaged
snapshot file, a --snapshot folder that is no snapshot, a live CBS answer that is wrong or
does not come (a hostile local server, :mod:`tests.ingest.test_odata_limits`). Each error
names the file, table or address and has a hint, in Dutch without an English sentence and
in English as raised (session 22: these were English-only strings)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource, SourceError, StadstrendsError
from stadstrends.ingest.odata import ODataClient
from stadstrends.ingest.snapshot import read_table
from stadstrends.ingest.snapshot_v4 import read_v4_recording
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build
from tests.ingest.test_odata_limits import Hostile, client, hostile  # noqa: F401 - fixtures

#: words of an English sentence that a Dutch message must not have (file names, codes,
#: URLs and the JSON parser's own words aside, which the checks below leave out)
ENGLISH = re.compile(r"\b(the|is not|has no|lacks?|cannot|rows?|more than|points to|"
                     r"response|stopped|restore|fetch|file|damaged|again|from)\b")
V4_PAGE = "cbs_odata4_v4_responses/83625NED/observations-page-1.json"


def dutch_and_english(error: StadstrendsError) -> tuple[str, str]:
    """Message + hint in nl and en; asserts both have a hint, differ, and the Dutch one has
    no English words outside file names, addresses and backticked commands."""
    nl, en = (" / ".join(filter(None, error.in_language(lang))) for lang in ("nl", "en"))
    assert error.key and error.in_language("nl")[1] and error.in_language("en")[1], error
    assert nl != en and en == f"{error.message} / {error.hint}"
    words = re.sub(r"`[^`]*`|\S*[/.]\S*|'[^']*'", " ", nl)  # commands, paths, quoted codes
    assert not ENGLISH.search(words), (ENGLISH.search(words), nl)
    return nl, en


def test_a_cut_v4_recording_in_dutch_and_english(shared_data: Path, tmp_path: Path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", V4_PAGE,
                                lambda d: d[: len(d) // 3])
    with pytest.raises(MalformedSource) as err:
        read_v4_recording(snapshot, "83625NED")
    nl, en = dutch_and_english(err.value)
    assert "observations-page-1.json is onvolledig: het stopt na " in nl, nl
    assert "onafgesloten tekst vanaf regel" in nl and "zet het terug" in nl, nl
    assert "is incomplete: it stops after" in en and "Unterminated string" in en, en


def test_an_edited_v4_recording_names_the_place_in_words(shared_data: Path, tmp_path: Path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", V4_PAGE,
                                lambda d: d.replace(b'"', b"'", 1))
    with pytest.raises(MalformedSource) as err:
        read_v4_recording(snapshot, "83625NED")
    nl, en = dutch_and_english(err.value)
    assert "geen geldige JSON (naam tussen dubbele aanhalingstekens verwacht op regel" in nl
    assert "not valid JSON (Expecting property name enclosed in double quotes at line" in en


def test_a_text_cell_lists_the_rows_in_the_words_of_each_language(shared_data: Path,
                                                                  tmp_path: Path):
    table = "cbs_statline_dump/municipal_total_slice/83648NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", table,
                                lambda d: d.replace(b";Renkum;2015;1330.0;",
                                                    b";Renkum;2015;n/a;"))
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "83648NED")
    nl, en = dutch_and_english(err.value)
    assert nl.startswith(f"{snapshot / table}: tekst in cellen met getallen: regel 5047, "
                         "kolom 'TotaalGeregistreerdeMisdrijven_1', waarde 'n/a' / het CBS "
                         "markeert"), nl
    assert en.startswith(f"{snapshot / table}: text in numeric cells: line 5047, column "), en


def test_a_folder_that_is_no_snapshot_is_refused_naming_the_one_inside(tmp_path: Path):
    (tmp_path / "above" / "data" / "cbs_statline_dump").mkdir(parents=True)
    with pytest.raises(StadstrendsError) as err:
        read_table(tmp_path / "above", "83648NED")
    nl, en = dutch_and_english(err.value)
    assert nl.startswith(f"{tmp_path / 'above'} is geen CBS-snapshotmap"), nl
    assert f"--snapshot {tmp_path / 'above' / 'data'}" in nl and "--snapshot" in en


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_build_from_a_folder_that_is_no_snapshot(synthetic_path: Path, tmp_path: Path, lang):
    """`stadstrends build --snapshot <the folder above the snapshot>`: exit 1, no traceback,
    the warehouse unchanged, the message in the command's language."""
    (tmp_path / "above" / "data" / "cbs_statline_dump").mkdir(parents=True)
    err = refused_build(tmp_path / "above", synthetic_path, tmp_path / "wh", lang)
    said = {"nl": ("Fout: ", "is geen CBS-snapshotmap", "Tip: geef de map"),
            "en": ("Error: ", "is not a CBS snapshot folder", "Hint: pass the folder")}[lang]
    assert all(part in err for part in said), err


@pytest.mark.parametrize(("table", "nl_words", "en_words"), [
    ("LOOP", "meer dan 5 doorverwijzingen voor", "more than 5 redirects for"),
    ("ENDLESS", "pagina's; odata.nextLink blijft doorgaan", "pages; odata.nextLink keeps going"),
    ("ELSEWHERE", "wijst naar een andere server: http://evil.example",
     "points to another server: http://evil.example"),
    ("WRONG", "missen de kolom(men) RegioS, Perioden, X", "lack column(s) RegioS, Perioden, X"),
])
def test_a_wrong_live_answer_in_dutch_and_english(client: ODataClient,  # noqa: F811
                                                  table, nl_words, en_words):
    with pytest.raises(SourceError) as err:
        if table == "WRONG":
            client.fetch(client.dataset_url(table, select=["RegioS", "Perioden", "X"]),
                         values=True, columns=["RegioS", "Perioden", "X"])
        else:
            client.typed_dataset(table)
    nl, en = dutch_and_english(err.value)
    assert nl_words in nl and en_words in en, (nl, en)
    assert "stadstrends build --snapshot MAP" in nl or "--refresh" in nl, nl


def test_an_answer_that_is_no_json_names_the_place(client: ODataClient,  # noqa: F811
                                                   hostile: Hostile):  # noqa: F811
    cut = json.dumps({"value": [{"Title": "Bevolking"}]})[:25].encode()
    with pytest.raises(MalformedSource) as err:
        from stadstrends.ingest.odata import _parse

        _parse(f"{hostile.base}/X/TableInfos", cut)
    nl, en = dutch_and_english(err.value)
    assert "is geen geldige JSON (afgekapt?): onafgesloten tekst vanaf regel 1" in nl, nl
    assert "is not valid JSON (truncated?): Unterminated string starting at line 1" in en, en


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_build_from_a_file_or_an_empty_folder_is_refused_before_the_progress(
        synthetic_path: Path, tmp_path: Path, lang):
    """`--snapshot .../SOURCES.md` is a file, not a folder (it said 'does not exist'), the
    hint names the folder holding it; an empty folder is refused before the progress
    ('build  0/55 inlezen' was printed first); the warehouse unchanged either way."""
    import subprocess
    import sys

    snapshot = tmp_path / "snap"
    (snapshot / "cbs_statline_dump").mkdir(parents=True)
    (snapshot / "SOURCES.md").write_text("# a snapshot\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    said = {"nl": ("Fout: snapshotmap {path} is een bestand, geen map",
                   "Tip: geef de map waarin SOURCES.md van de snapshot en zijn mappen staan: "
                   "--snapshot {folder}"),
            "en": ("Error: snapshot folder {path} is a file, not a folder",
                   "Hint: pass the folder that holds the snapshot's SOURCES.md and its "
                   "folders: --snapshot {folder}")}[lang]
    for n, given in enumerate([snapshot / "SOURCES.md", tmp_path / "empty"]):
        err = refused_build(given, synthetic_path, tmp_path / f"wh{n}", lang)
        out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                              str(given), "--db", str(tmp_path / f"wh{n}" / "x.duckdb")],
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 1 and "build " not in out.stdout + out.stderr.split(":")[0], \
            out.stdout + out.stderr
        if n == 0:
            said_here = " ".join(err.split())
            assert said[0].format(path=given) in said_here, err
            assert said[1].format(folder=snapshot) in said_here, err
        else:
            assert ("is geen CBS-snapshotmap" if lang == "nl"
                    else "is not a CBS snapshot folder") in err, err
