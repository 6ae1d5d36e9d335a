"""The vocabulary: one file per language, English for missing keys, languages discovered
from the files (a third language works in the report, the CLI and the web with no code)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_date, fmt_number

FIXTURE = Path(__file__).with_name("vocabulary_fixture") / "fr.yaml"


@pytest.fixture()
def with_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real language files plus the French fixture, as the locale directory."""
    for path in vocabulary.LOCALE_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(FIXTURE, tmp_path / "fr.yaml")
    monkeypatch.setattr(vocabulary, "LOCALE_DIR", tmp_path)
    return tmp_path


def _keys(lang: str) -> dict[str, set[str]]:
    doc = yaml.safe_load((vocabulary.LOCALE_DIR / f"{lang}.yaml").read_text("utf-8"))
    return {name: set(sec) for name, sec in doc.items() if isinstance(sec, dict)}


def test_dutch_and_english_have_the_same_sections_and_keys() -> None:
    """Every word the code looks up exists in both shipped languages (no silent fallback)."""
    assert vocabulary.languages()[:2] == ("nl", "en")
    assert _keys("nl") == _keys("en")


def test_placeholders_agree_between_languages() -> None:
    """A translation uses the same {placeholders} as the English text."""
    nl = yaml.safe_load((vocabulary.LOCALE_DIR / "nl.yaml").read_text("utf-8"))
    for name, sec in yaml.safe_load((vocabulary.LOCALE_DIR / "en.yaml").read_text(
            "utf-8")).items():
        if not isinstance(sec, dict):
            continue
        for key, text in sec.items():
            if isinstance(text, str):
                assert set(re.findall(r"{\w+}", text)) == set(
                    re.findall(r"{\w+}", nl[name][key])), (name, key)


def test_a_new_file_is_a_language_with_english_fallback(with_french: Path) -> None:
    assert vocabulary.languages() == ("nl", "en", "fr")
    assert vocabulary.word("fr", "report", "title", city="Zwolle") == \
        "Étude des tendances Zwolle"
    assert vocabulary.word("fr", "report", "divide") == "Divide"  # not translated: English
    assert vocabulary.section("fr", "domains")["economy"] == "Économie"
    assert vocabulary.section("fr", "domains")["safety"] == "Safety"
    assert fmt_number(1234.5, 1, "fr") == "1\u202f234,5"
    assert fmt_date(date(2026, 11, 27), "fr") == "27 novembre 2026"


def test_an_unknown_language_names_the_files(with_french: Path) -> None:
    with pytest.raises(vocabulary.UnknownLanguage) as err:
        vocabulary.check("de")
    assert "nl, en, fr" in err.value.hint and "de.yaml" in err.value.hint


def test_report_in_a_third_language(with_french: Path, synthetic_path: Path,
                                    tmp_path: Path) -> None:
    """`stadstrends report Zwolle --lang fr`: French where the file has words, English
    elsewhere, French numbers and dates."""
    from typer.testing import CliRunner

    from stadstrends.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["report", "Zwolle", "--lang", "fr", "--db",
                                      str(synthetic_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "zwolle.fr.html").read_text("utf-8")
    assert '<html lang="fr">' in html
    assert "<title>Étude des tendances Zwolle" in html
    assert ">Sommaire<" in html
    assert "En un coup d&#39;œil" in html or "En un coup d'œil" in html
    assert "Économie" in html and "Démographie" in html
    assert "Divide" in html and "Sources and methods" in html  # English fallback
    assert "Safety" in html
    assert re.search(r"\d\u202f\d{3}\b", html), "French digit grouping (1 234)"
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    assert re.search(rf"processed on \d+ ({months}) \d{{4}}", html), "a French date"
    bad = CliRunner().invoke(app, ["report", "Zwolle", "--lang", "de", "--db",
                                   str(synthetic_path), "--out", str(out)])
    assert bad.exit_code != 0 and "de.yaml" in bad.output


def test_web_page_in_a_third_language(with_french: Path, synthetic_path: Path) -> None:
    """`/gemeente/GM0193?lang=fr`: the French words of the file, English for the rest."""
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    app = create_app(synthetic_path, None, warm=False, reload_every=None)
    with TestClient(app) as client:
        page = client.get("/gemeente/GM0193", params={"lang": "fr"},
                          headers={"accept": "text/html"})
        assert page.status_code == 200, page.text[:500]
        assert '<html lang="fr">' in page.text
        assert ">Accueil<" in page.text and ">Comparer<" in page.text
        assert "Économie" in page.text
        assert "This data as JSON" in page.text  # English fallback
        twin = client.get("/gemeente/GM0193", params={"lang": "fr", "format": "json"})
        assert twin.status_code == 200
        unknown = client.get("/gemeente/GM0193", params={"lang": "de"},
                             headers={"accept": "text/html"})
        assert unknown.status_code == 400  # a page in plain words, not a 422 (issue 13)
        assert "Traceback" not in unknown.text and "<html" in unknown.text
    app.state.wh.close()
