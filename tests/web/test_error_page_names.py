"""A Dutch (and an English) error page names what the reader chose in the page's words, not
the site's internal ids: the indicator's title ('Inwoners op 1 januari', not 'population'),
the parameter ('Het jaar ‘abc’', not 'year: ‘abc’'), the comparison groups' labels (not
'G40, CR17, G32_2017, GK7, ...'), and '1 gemeente opgegeven' (not '1 gemeente(n)').
Real snapshot (Amersfoort, GM0307)."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.groups import choices, group_label

HTML = {"accept": "text/html"}


def _shown(response) -> tuple[str, str]:
    """(the page's lead, its technical message) as a reader sees them."""
    lead = re.search(r'class="error-message">(.*?)</p>', response.text, re.S).group(1)
    note = re.search(r'<p class="note">(.*?)</p>', response.text, re.S).group(1)
    return html.unescape(lead), html.unescape(note)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_year_without_figures_names_the_indicators_title(client, wh, lang: str) -> None:
    name = wh.execute(f"SELECT title_{lang} FROM indicators WHERE indicator_id = "
                      "'population'").fetchone()[0]
    for path in ("/indicator/population?year=1950", "/ranglijst?indicator=population&year=1950"):
        response = client.get(f"{path}&lang={lang}", headers=HTML)
        assert response.status_code == 400
        lead, note = _shown(response)
        assert f"‘{name}’ in 1950" in note, note
        assert "population" not in lead + note, (lead, note)


@pytest.mark.parametrize(("lang", "said"), [("nl", "Het jaar ‘abc’ is geen geheel getal"),
                                            ("en", "The year ‘abc’ is not a whole number")])
def test_a_parameter_is_named_in_words(client, lang: str, said: str) -> None:
    for path in ("/indicator/population?year=abc", "/ranglijst?year=abc"):
        note = _shown(client.get(f"{path}&lang={lang}", headers=HTML))[1]
        assert note.startswith(said), note
        assert "year:" not in note, note
    lead, note = _shown(client.get(f"/ranglijst?sorteer=x&lang={lang}", headers=HTML))
    sort = "De sortering ‘x’" if lang == "nl" else "The sort order ‘x’"
    assert sort in lead and "sorteer" not in lead + note, (lead, note)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_groups_a_municipality_can_be_compared_within_are_named_by_label(
        client, wh, lang: str) -> None:
    mine = choices(wh, "GM0307")
    assert len(mine) >= 5 and {"G40", "NL01"} <= {g["set_id"] for g in mine}
    labels = [group_label(g, lang) for g in mine]
    for path in ("/gemeente/GM0307?vergelijk=GK1", "/gemeente/GM0307?vergelijk=XYZ"):
        note = _shown(client.get(f"{path}&lang={lang}", headers=HTML))[1]
        for label in labels:
            assert label in note, (label, note)
        for g in mine:  # no id as a word of its own ('CR17', 'G32_2017', 'NL01'), but in
            # a label ('het G40-stedennetwerk')
            if not any(g["set_id"] in label for label in labels):
                assert not re.search(rf"(?<![\w-]){re.escape(g['set_id'])}(?![\w-])", note), \
                    (g["set_id"], note)
    gk1 = wh.execute("SELECT label_nl, label_en, family, population_year FROM comparison_groups"
                     " WHERE set_id = 'GK1'").fetchone()
    row = dict(zip(("label_nl", "label_en", "family", "population_year"), gk1, strict=True))
    note = _shown(client.get(f"/gemeente/GM0307?vergelijk=GK1&lang={lang}", headers=HTML))[1]
    assert f"‘{group_label(row, lang)}’" in note, note


@pytest.mark.parametrize(("lang", "one", "six"), [
    ("nl", "1 gemeente opgegeven", "6 gemeenten opgegeven"),
    ("en", "1 municipality given", "6 municipalities given")])
def test_the_number_of_municipalities_given_is_singular_or_plural(client, lang, one, six
                                                                  ) -> None:
    note = _shown(client.get(f"/vergelijk?regions=Amersfoort&lang={lang}", headers=HTML))[1]
    assert note.startswith(one) and "(n)" not in note, note
    many = "Amersfoort,Zwolle,Deventer,Leeuwarden,Assen,Emmen"
    note = _shown(client.get(f"/vergelijk?regions={many}&lang={lang}", headers=HTML))[1]
    assert note.startswith(six), note
