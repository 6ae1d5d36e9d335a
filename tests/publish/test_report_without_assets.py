"""An HTML report opened without its ``assets`` folder beside it (e-mailed alone) says so:
a notice the report's stylesheet hides once it loads. Before, such a file showed no charts
and no layout, and nothing said why, under captions such as 'Kleine grafieken van 4
indicatoren'. Synthetic warehouse (tests/fixtures/synthetic_warehouse.py), chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.texts import TEXTS
from tests.browser import tab

NOTICE = "document.querySelector('p.assets-missing')"
SHOWN = f"(() => {{ const p = {NOTICE}; return p && p.offsetHeight > 0 ? p.innerText : null; }})()"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_notice_shows_only_without_the_assets_folder(syn, browser, tmp_path: Path,
                                                         lang) -> None:
    written = builder.write_city(syn, "Zwolle", tmp_path / "out", lang, "html")
    report = written.paths[0]
    assert (report.parent / "assets" / "report.css").exists()
    alone = tmp_path / "mail" / report.name  # the file alone, as an attachment
    alone.parent.mkdir()
    shutil.copy(report, alone)
    words = TEXTS[lang]["assets_missing"]
    assert "assets" in words
    with tab(browser, 1280) as page:
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate(f"{NOTICE} !== null")  # in the page, hidden by the stylesheet
        assert page.evaluate(SHOWN) is None
        page.goto(alone.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate(SHOWN) == words
        # the first thing a reader sees: above the title
        assert page.evaluate(f"{NOTICE}.getBoundingClientRect().top") < page.evaluate(
            "document.querySelector('h1').getBoundingClientRect().top")


def test_the_pdf_has_no_notice(syn) -> None:
    """The PDF carries its stylesheet inside: no notice in its HTML; the web page's has it."""
    from stadstrends.publish.report.data import load_city

    ctx = builder.city_context(load_city(syn, "Zwolle", None), "nl", None)
    assert TEXTS["nl"]["assets_missing"] in builder.render("city.html.j2", ctx, False)
    pdf = builder.render("city.html.j2", ctx, True)
    assert TEXTS["nl"]["assets_missing"] not in pdf and 'class="assets-missing"' not in pdf
