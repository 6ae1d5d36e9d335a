"""/api/v1/labels: the words of the warehouse's codes, for API users (synthetic warehouse)."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

from tests.web.on_synthetic import client  # noqa: F401 - fixtures


def test_labels_give_the_words_of_gap_reasons_in_dutch(client) -> None:
    body = client.get("/api/v1/labels", params={"kind": "reason", "lang": "nl"}).json()
    words = {r["code"]: r["text"] for r in body["labels"]}
    assert words["denominator_zero"] == "de noemer is nul"
    assert words["predecessor_missing"] == ("geen cijfers voor de gemeenten waaruit de gemeente "
                                           "(deels) is ontstaan: {detail}")
    assert {r["lang"] for r in body["labels"]} == {"nl"} and body["count"] == len(words)


def test_labels_hold_domains_indicators_and_region_sets(client) -> None:
    rows = client.get("/api/v1/labels", params={"lang": "en"}).json()["labels"]
    got = {(r["kind"], r["code"], r["field"]): r["text"] for r in rows}
    assert got[("domain", "social", "name")] == "Social"
    assert got[("indicator", "population", "title")]
    assert any(kind == "region_set" for kind, _, _ in got)


def test_an_unknown_kind_or_language_is_a_clear_400(client) -> None:
    answer = client.get("/api/v1/labels", params={"kind": "reasons"})
    assert answer.status_code == 400
    assert "reason" in answer.json()["error"]["suggestions"]
    assert client.get("/api/v1/labels", params={"lang": "de"}).status_code == 400
