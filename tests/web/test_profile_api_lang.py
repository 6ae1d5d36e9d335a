"""``/api/v1/profile/{region}?lang=en`` gives the profile's sentences in English: it changed
only ``unit`` and kept every sentence under ``summary_nl``, ``text_nl``, ``why_nl``,
``kies_nl`` and ``trend_label_nl`` (the route asked the city page's kept profile without the
language; session 55). As docs/web.md says: Dutch (``*_nl``) always, and with ``lang=en``
the same fields in English (``*_en``) beside them, as ``stadstrends profile --lang en
--format json``. Real snapshot, Leeuwarden (GM0080)."""

from __future__ import annotations

from typing import Any

SENTENCES = ("summary", "text", "why", "kies", "trend_label", "title")


def _keyed(obj: Any, suffix: str, path: str = "") -> dict[str, Any]:
    """Every ``<field><suffix>`` of ``SENTENCES`` in a JSON answer by its path, lists by
    position ('domains.0.indicators.3.trend_label_en')."""
    out: dict[str, Any] = {}
    if isinstance(obj, list):
        for i, v in enumerate(obj):
            out |= _keyed(v, suffix, f"{path}.{i}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if k.endswith(suffix) and k[: -len(suffix)] in SENTENCES:
                out[f"{path}.{k[: -len(suffix)]}"] = v
            out |= _keyed(v, suffix, f"{path}.{k}")
    return out


def test_english_profile_has_english_sentences_beside_dutch(client) -> None:
    en = client.get("/api/v1/profile/GM0080?lang=en").json()
    nl = client.get("/api/v1/profile/GM0080").json()
    dutch, english = _keyed(en, "_nl"), _keyed(en, "_en")
    assert len(dutch) > 250  # domains, their indicators, opgaven, signals, kies richting
    missing = sorted(set(dutch) - set(english))
    assert not missing, missing[:10]  # every Dutch field has its English twin
    assert dutch == _keyed(nl, "_nl")  # the Dutch stays as the Dutch answer gives it
    for field in ("summary", "text", "why", "kies", "trend_label"):
        pairs = [(dutch[p], english[p]) for p in dutch
                 if p.endswith(f".{field}") and dutch[p]]
        assert pairs, field
        assert all(e and e != d for d, e in pairs), (field, pairs[:3])
    first = en["domains"][0]
    assert first["summary_en"].split(" ")[1:4] == ["indicators", "with", "figures:"]
    # the Dutch answer: Dutch sentences only, as before
    assert not [p for p in _keyed(nl, "_en") if not p.endswith(".title")]


def test_english_profile_is_the_command_lines(client, wh) -> None:
    """The API's English sentences are those of ``city_profile(..., lang='en')``, the one
    ``stadstrends profile --lang en --format json`` prints."""
    from stadstrends.publish.profile import city_profile

    en = client.get("/api/v1/profile/GM0080?lang=en").json()
    made = city_profile(wh, "GM0080", en["group"]["set_id"], "en")
    api = {p: v for p, v in _keyed(en, "_en").items() if not p.startswith(".tweedeling.")}
    assert api == _keyed(made, "_en")  # the tweedeling rows are the page's (web/gap_api)
