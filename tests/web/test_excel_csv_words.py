"""The Excel CSVs say whether a figure is provisional in the file's language, as their other
columns (real snapshot; h54k): 'ja'/'nee' in the Dutch file, 'yes'/'no' in the English one;
the plain CSVs keep 'true'/'false' for programs. Before, the Dutch file had 'true'/'false'
beside 'Bron: CBS' and decimal commas."""

from __future__ import annotations

import io

import pandas as pd
import pytest

WORDS = {"nl": {True: "ja", False: "nee"}, "en": {True: "yes", False: "no"}}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_provisional_in_words_in_the_excel_csvs(client, wh, lang) -> None:
    # thefts per 1 000: CBS's last years provisional, the others final
    stored = {(c, int(y)): bool(p) for c, y, p in wh.execute(
        "SELECT region_code, year, provisional FROM indicator_values "
        "WHERE indicator_id = 'crimes_per_1000'").fetchall()}
    assert set(stored.values()) == {True, False}
    text = client.get(f"/api/v1/download/crimes_per_1000.excel.csv?lang={lang}")
    excel = pd.read_csv(io.StringIO(text.content.decode("utf-8-sig")), sep=";", decimal=",",
                        dtype={"provisional": str})
    assert [WORDS[lang][stored[c, int(y)]] for c, y in zip(excel["region_code"], excel["year"],
                                                           strict=True)] \
        == excel["provisional"].tolist()
    plain = pd.read_csv(io.StringIO(client.get("/api/v1/download/crimes_per_1000.csv").text),
                        dtype={"provisional": str})
    assert set(plain["provisional"]) == {"true", "false"}
    ranking = client.get(f"/ranglijst/download.csv?indicator=crimes_per_1000&variant=excel"
                         f"&lang={lang}").content.decode("utf-8-sig")
    ranked = pd.read_csv(io.StringIO(ranking), sep=";", decimal=",", dtype={"provisional": str})
    assert len(ranked) > 300 and set(ranked["provisional"]) <= set(WORDS[lang].values())
    meta = client.get("/api/v1/download/crimes_per_1000.json").json()
    assert "'ja'/'nee'" in meta["columns"]["provisional"]
