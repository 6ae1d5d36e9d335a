"""``/api/v1/series`` says why years have no value: Land van Cuijk's feelings of unsafety
(81877NED never has it), Dijk en Waard's projection (no figures for Langedijk) and its share
of 85-plussers after 2017 answered 200 with ``"series": []`` or stopped silently, although
``indicator_gaps`` holds the reasons. Real snapshot."""

from __future__ import annotations

import pytest

CASES = [("feels_unsafe_share", "GM1982"), ("population_projected", "GM1980"),
         ("share_age_85_plus", "GM1982")]


def _stored(wh, indicator: str, code: str) -> dict[int, tuple[str, str | None]]:
    return {int(y): (r, d) for y, r, d in wh.execute(
        "SELECT year, reason, reason_detail FROM indicator_gaps WHERE indicator_id = ? "
        "AND region_code = ?", [indicator, code]).fetchall()}


@pytest.mark.parametrize(("indicator", "code"), CASES)
def test_series_gives_every_missing_year_with_its_reason(client, wh, indicator, code) -> None:
    stored = _stored(wh, indicator, code)
    assert stored  # the premise: the warehouse knows why
    body = client.get(f"/api/v1/series?indicator={indicator}&region={code}").json()
    given = {y: (g["reason"], g["reason_detail"]) for g in body["gaps"] for y in g["years"]}
    assert given == stored
    assert not {r["year"] for r in body["series"]} & set(given)
    assert all(g["region_code"] == code and g["text"] for g in body["gaps"])


def test_gap_words_follow_lang_and_are_the_commands(client, wh) -> None:
    """The words are the report's (``gap_reason``), as ``stadstrends show`` prints them, in
    the asked language; Dutch without ``lang``. Land van Cuijk's Wmo clients 2015-2017 lack
    the figures of its predecessors (its ages 2018-2022 lack those of every municipality:
    tests/harmonise/test_table_empty_years.py)."""
    from stadstrends.commands.query import left_out_note
    from stadstrends.publish.queries import gap_context, series_gaps

    url = "/api/v1/series?indicator=wmo_clients_per_1000&region=GM1982"
    nl, en = client.get(url).json()["gaps"], client.get(url + "&lang=en").json()["gaps"]
    assert [g["years"] for g in nl] == [g["years"] for g in en]
    assert all(a["text"] != b["text"] for a, b in zip(nl, en, strict=True))
    gaps = series_gaps(wh, "GM1982", "wmo_clients_per_1000")
    why = gap_context(wh, "GM1982", gaps)
    for lang, given in (("nl", nl), ("en", en)):
        said = left_out_note(gaps, why, lang)
        assert all(g["text"] in said for g in given), (said, given)
    names = [n for (n,) in wh.execute(
        "SELECT any_value(name) FROM regions WHERE region_code IN ('GM0756', 'GM0815') "
        "GROUP BY region_code").fetchall()]
    assert all(n in nl[0]["text"] for n in names)  # the predecessors by name (Boxmeer ...)


def test_gaps_keep_to_the_window(client, wh) -> None:
    stored = _stored(wh, "share_age_85_plus", "GM1982")
    body = client.get("/api/v1/series?indicator=share_age_85_plus&region=GM1982"
                      "&from=2015&to=2019").json()
    given = sorted(y for g in body["gaps"] for y in g["years"])
    assert given == sorted(y for y in stored if 2015 <= y <= 2019)
    full = client.get("/api/v1/series?indicator=population&region=GM0363").json()
    assert full["gaps"] == [] or all(g["years"] for g in full["gaps"])


def test_the_spec_documents_the_gaps(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    ok = spec["paths"]["/api/v1/series"]["get"]["responses"]["200"]
    ref = ok["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    props = spec["components"]["schemas"][ref]["properties"]
    assert "gaps" in props
