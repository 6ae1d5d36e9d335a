"""The data keep the caveats the pages print (real snapshot): a small municipality's sample
figure ('steekproefcijfer, voor kleine gemeenten onnauwkeurig') and a share CBS computed from
few cases ('berekend uit ongeveer 55 geregistreerde misdrijven'). Vaals's unemployment of 2024,
'4,5% (steekproefcijfer, ...)' on its city page and in the ranking, had empty ``notes`` in the
download, the ranking's CSV and the API's ``/series`` (h53g)."""

from __future__ import annotations

import io

import pandas as pd

from stadstrends.publish.notes import NOTES, cell_notes

UNEMPLOYMENT, VAALS, ZWOLLE = "unemployment_rate", "GM0981", "GM0193"


def _csv(client, url: str) -> pd.DataFrame:
    response = client.get(url)
    assert response.status_code == 200, url
    return pd.read_csv(io.StringIO(response.text), dtype={"notes": str}, keep_default_na=False)


def _sampled(wh, indicator_id: str) -> set[tuple[str, int]]:
    return {(c, int(y)) for c, y in wh.execute(
        "SELECT region_code, year FROM survey_estimates WHERE indicator_id = ?",
        [indicator_id]).fetchall()}


def test_vaals_unemployment_is_a_sample_figure_in_every_data_output(client, wh) -> None:
    sampled = _sampled(wh, UNEMPLOYMENT)
    assert (VAALS, 2024) in sampled and not any(c == ZWOLLE for c, _ in sampled)
    frame = _csv(client, f"/api/v1/download/{UNEMPLOYMENT}.csv")
    marked = {(c, int(y)) for c, y, n in zip(frame.region_code, frame.year, frame.notes,
                                             strict=True) if "survey_estimate" in n.split()}
    assert marked == sampled  # every year of such a municipality, no other figure
    ranked = _csv(client, f"/ranglijst/download.csv?indicator={UNEMPLOYMENT}&year=2024")
    assert set(ranked[ranked.notes.str.contains("survey_estimate")].region_code) == {
        c for c, y in sampled if y == 2024}
    body = client.get("/api/v1/series", params={"indicator": UNEMPLOYMENT,
                                                "region": [VAALS, ZWOLLE]}).json()
    flags = {(r["region_code"], r["year"]): r["survey_estimate"] for r in body["series"]}
    assert flags[(VAALS, 2024)] is True and flags[(ZWOLLE, 2024)] is False
    assert {k for k, v in flags.items() if v} == {k for k in sampled if k[0] == VAALS}
    values = client.get(f"/api/v1/indicators/{UNEMPLOYMENT}/values?year=2024").json()
    assert {r["region_code"] for r in values["values"] if r["survey_estimate"]} == {
        c for c, y in sampled if y == 2024}


def test_a_share_from_few_cases_says_small_base_where_the_page_gives_its_count(wh) -> None:
    """Every ``small_bases`` row with a count is a 'small_base' note, no other cell is."""
    for (ind,) in wh.execute("SELECT DISTINCT indicator_id FROM small_bases").fetchall():
        want = {(c, int(y)) for c, y in wh.execute(
            "SELECT region_code, year FROM small_bases WHERE indicator_id = ? "
            "AND base_count > 0 AND base_unit IS NOT NULL", [ind]).fetchall()}
        got = {k for k, n in cell_notes(wh, ind).items() if n[NOTES.index("small_base")]}
        assert got == want and want, ind


def test_show_marks_the_sample_figures_as_the_download(cli_run, warehouse_path, wh) -> None:
    """`stadstrends show Vaals unemployment_rate`: the CSV's ``survey_estimate`` on exactly
    the years of ``survey_estimates``, the table a note naming those years; Zwolle none."""
    import csv

    sampled = sorted(y for c, y in _sampled(wh, UNEMPLOYMENT) if c == VAALS)
    out = cli_run("show", "Vaals", UNEMPLOYMENT, "--format", "csv", "--db", str(warehouse_path))
    assert out.returncode == 0, out.stderr
    marked = sorted(int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))
                    if r["survey_estimate"] == "true")
    assert marked == sampled and len(sampled) > 10
    out = cli_run("show", "Vaals", UNEMPLOYMENT, "--db", str(warehouse_path))
    assert out.returncode == 0, out.stderr
    note = " ".join(out.stderr.split())
    assert f"Steekproefcijfers in {sampled[0]}–{sampled[-1]}: het CBS schat" in note, note
    out = cli_run("show", "Zwolle", UNEMPLOYMENT, "--db", str(warehouse_path))
    assert "Steekproef" not in out.stdout + out.stderr


def test_a_share_from_few_cases_is_marked_by_show_and_the_map_values(cli_run, warehouse_path,
                                                                     client, wh) -> None:
    """Rozendaal's cleared crimes of 2024 (5,3%, from about 55 crimes): the download said
    'small_base', `show` and ``/indicators/{id}/values`` nothing (h53j)."""
    import csv

    ind = "crimes_cleared_share"
    want = {(c, int(y)) for c, y in wh.execute(
        "SELECT region_code, year FROM small_bases WHERE indicator_id = ? AND base_count > 0 "
        "AND base_unit IS NOT NULL", [ind]).fetchall()}
    rozendaal = sorted(y for c, y in want if c == "GM0277")
    assert 2024 in rozendaal
    out = cli_run("show", "Rozendaal", ind, "--format", "csv", "--db", str(warehouse_path))
    assert out.returncode == 0, out.stderr
    assert sorted(int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))
                  if r["small_base"] == "true") == rozendaal
    out = cli_run("show", "Rozendaal", ind, "--db", str(warehouse_path))
    note = " ".join(out.stderr.split())
    assert "het CBS berekende deze percentages uit weinig gevallen (2024: berekend uit " \
           "ongeveer 55 geregistreerde misdrijven)" in note, note
    values = client.get(f"/api/v1/indicators/{ind}/values?year=2024").json()["values"]
    assert {r["region_code"] for r in values if r["small_base"]} == {
        c for c, y in want if y == 2024}
