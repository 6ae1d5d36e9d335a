"""Chromium (Playwright) against a real uvicorn server on the synthetic warehouse
(tests/fixtures/synthetic_warehouse.py): the user journey and axe-core."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

from tests.browser import tab

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
A11Y_PAGES = {"home": "/", "city": "/gemeente/GM0193",
              "indicator": "/indicator/unemployment_rate?regions=GM0193,GM0153",
              "compare": "/vergelijk?regions=GM0193,GM0153,GM0796",
              "ranking": "/ranglijst?groep=G40&mijn=GM0193",
              # the notes bad or former input gets (test_bad_input.py)
              "city-former": "/gemeente/GM0003",
              "ranking-outside": "/ranglijst?groep=G40&mijn=GM0003",
              "indicator-former": "/indicator/population?regions=GM0003",  # test_error_shape
              "embed-former": "/embed/indicator/population?regions=GM0003"}


@pytest.fixture(scope="module")
def live_server(syn_server):
    """This module's server: the app on the synthetic warehouse."""
    return syn_server


def axe_source() -> str:
    """axe-core from the PyPI package axe-playwright-python (injected locally, no CDN)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    path = Path(spec.origin).with_name("axe.min.js") if spec and spec.origin else None
    if path is None or not path.exists():
        message = "axe-core not found: pip install axe-playwright-python"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


def wait_for_charts(page) -> None:
    # a function, not an expression: Playwright compiles expressions with eval, which the
    # pages' CSP (no 'unsafe-eval') forbids
    done = ("() => [...document.querySelectorAll('.chart')]"
            ".every(c => c.dataset.rendered || c.dataset.error)")
    page.wait_for_function(done, timeout=20_000)
    errors = page.eval_on_selector_all(".chart[data-error]",
                                       "els => els.map(e => e.dataset.error)")
    assert not errors, errors


def test_search_city_indicator_download(page, live_server: str, artifacts: Path) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.goto(live_server + "/")
    wait_for_charts(page)
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    box = page.get_by_role("combobox", name="Zoek een gemeente")
    box.fill("den bos")
    option = page.get_by_role("option").first
    option.wait_for(timeout=5_000)
    assert "GM0796" in option.inner_text()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/gemeente/GM0796")
    # "'s-" keeps its name on the line: a word joiner after the hyphen
    assert page.locator("h1").inner_text().replace("\u2060", "").startswith("'s-Hertogenbosch")
    page.screenshot(path=str(artifacts / "city.png"), full_page=True)
    page.locator(".tile h4 a").first.click()
    page.wait_for_url("**/indicator/**")
    wait_for_charts(page)
    assert page.locator(".chart svg").count() == 3
    page.screenshot(path=str(artifacts / "indicator.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    target = artifacts / download.suggested_filename
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("indicator_id,") and "Bron: CBS" in text
    assert len(text.splitlines()) > 100
    assert all("127.0.0.1" in u for u in failed if u.startswith("http")), failed
    assert not failed, failed


def test_keyboard_skip_link_and_focus(page, live_server: str) -> None:
    page.goto(live_server + "/gemeente/GM0193")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_english_toggle(page, live_server: str) -> None:
    page.goto(live_server + "/indicator/income_disposable_mean?regions=GM0193")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**lang=en**")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Map of the Netherlands" in page.content()


def test_friendly_404_in_browser(page, live_server: str, artifacts: Path) -> None:
    response = page.goto(live_server + "/gemeente/Zwole")
    assert response.status == 404
    page.get_by_role("link", name="Zwolle").click()
    page.wait_for_url("**/gemeente/GM0193")
    page.screenshot(path=str(artifacts / "not-found-followed.png"))


@pytest.mark.parametrize("name", list(A11Y_PAGES))
def test_axe_no_serious_violations(axe_page, live_server: str, artifacts: Path, name: str
                                  ) -> None:
    page = axe_page
    page.goto(live_server + A11Y_PAGES[name])
    wait_for_charts(page)
    page.add_script_tag(content=axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    bad = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    page.screenshot(path=str(artifacts / f"axe-{name}.png"), full_page=True)
    assert not bad, bad


PHONE_PAGES = {**A11Y_PAGES, "city-kampen": "/gemeente/GM0166",
               "city-enschede": "/gemeente/GM0153", "search": "/zoek?q='s-",
               "error": "/gemeente/Zwole", "api-docs": "/api/v1/docs"}


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_no_horizontal_scroll_at_390(browser, live_server: str, artifacts: Path,
                                     name: str) -> None:
    """At 390 px no page is wider than the screen, every link, button and field in lists,
    menus and forms is at least 24 px high (WCAG 2.2 target size), and axe-core finds no
    serious or critical violation."""
    with tab(browser, 390, 844, bypass_csp=True) as page:
        page.goto(live_server + PHONE_PAGES[name])
        wait_for_charts(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        page.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
        assert width <= 390, (name, width)
        small = page.evaluate("""() => [...document.querySelectorAll(
            'nav a, .results a, .peers a, .downloads a, button, select, summary, ' +
            'footer.site a, .share a, .links a, input:not([type=hidden])')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 24)""")
        assert not small, small
        page.add_script_tag(content=axe_source())
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        bad = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        assert not bad, bad  # axe-core with the WCAG 2.2 AA rules, at phone width too
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(300)  # charts follow the container width
        page.screenshot(path=str(artifacts / f"desktop-{name}.png"), full_page=True)


#: links alone or in a row of links, not within a sentence (which WCAG exempts): the share
#: line's Permalink (once: the footer's second one is gone), the footer's JSON link, the
#: city page's 'Vergelijken · API', the error page's
#: 'Zoeken · Terug naar de startpagina', the home page's and an embed's notes
LINK_ROWS = {"/": 4, "/gemeente/GM0193": 4, "/gemeente/Zwole": 3,
             "/embed/indicator/population?regions=GM0193": 1}


@pytest.mark.parametrize("path", list(LINK_ROWS))
def test_links_outside_sentences_are_24_px_high_at_390(browser, live_server: str,
                                                       path: str) -> None:
    """The share line's Permalink was 71 x 22 px at 390 px, below WCAG 2.2's 24 px."""
    with tab(browser, 390, 844) as page:
        page.goto(live_server + path)
        found = page.evaluate("""() => [...document.querySelectorAll(
            'footer.site a, .share a, .links a')].filter(e => e.offsetParent !== null)
            .map(e => [e.closest('.share') ? 'share' : e.closest('footer') ? 'footer' : 'row',
                       e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])""")
        assert all(h >= 24 for *_, h in found), found
        assert len(found) == LINK_ROWS[path], found
        assert "embed" in path or ["share", "Permalink"] in [f[:2] for f in found], found
        assert [f[1] for f in found].count("Permalink") <= 1, found  # not twice (h47e)


def test_city_report_pdf_link(page, live_server: str) -> None:
    page.goto(live_server + "/gemeente/GM0153")
    link = page.get_by_role("link", name="Rapport als PDF (Nederlands)")
    href = link.get_attribute("href")
    response = page.request.get(live_server + href, timeout=120_000)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


@pytest.mark.parametrize("width", [1280, 390])
def test_ranking_flow(browser, live_server: str, artifacts: Path, width: int) -> None:
    """Menu -> ranking -> filter on a province with my municipality -> sort by name -> CSV."""
    with tab(browser, width, accept_downloads=True) as page:
        page.goto(live_server + "/indicator/income_disposable_mean?regions=GM0193")
        page.get_by_role("link", name="Ranglijst", exact=True).first.click()
        page.wait_for_url("**/ranglijst**")
        page.get_by_label("Vergelijkingsgroep").select_option("PV23")
        page.get_by_label("Mijn gemeente").fill("Zwolle")
        page.get_by_role("button", name="Toon").click()
        page.wait_for_url("**groep=PV23**")
        assert "Zwolle" in page.locator("tr.mine").inner_text()
        page.get_by_role("link", name="Gemeente").click()
        page.wait_for_url("**sorteer=naam**")
        names = page.locator("table.ranking tbody th").all_inner_texts()
        assert [n.replace(" (mijn gemeente)", "") for n in names] == sorted(
            (n.replace(" (mijn gemeente)", "") for n in names), key=str.lower)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"ranking-{width}.png"), full_page=True)
        with page.expect_download() as info:
            page.get_by_role("link", name="Deze lijst als CSV", exact=True).click()
        target = artifacts / info.value.suggested_filename
        info.value.save_as(target)
        import pandas as pd

        frame = pd.read_csv(target)
        assert len(frame) == len(names) and "GM0193" in set(frame["region_code"])


def test_chart_download_png_and_svg(page, live_server: str, artifacts: Path) -> None:
    page.goto(live_server + "/indicator/income_disposable_mean?regions=GM0193")
    wait_for_charts(page)
    for kind, magic in (("PNG", b"\x89PNG"), ("SVG", b"<svg")):
        with page.expect_download() as info:
            page.get_by_role("button", name=f"Grafiek downloaden als {kind}: Tijdreeks").click()
        target = artifacts / info.value.suggested_filename
        info.value.save_as(target)
        assert target.name.endswith(kind.lower()) and target.read_bytes()[:4] == magic[:4]


def test_embedded_chart_draws_in_a_frame(page, live_server: str, artifacts: Path) -> None:
    """The embed route draws its chart inside an iframe of another page."""
    page.goto(live_server + "/embed/indicator/income_disposable_mean?regions=GM0193")
    wait_for_charts(page)
    embed = f"{live_server}/embed/indicator/income_disposable_mean?regions=GM0193"
    page.set_content(f'<iframe src="{embed}" title="t" width="600" height="460"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator(".chart svg").first.wait_for(timeout=20_000)
    page.screenshot(path=str(artifacts / "embed.png"))


def test_tile_sparkline_shows_the_window_its_sentence_names(page, live_server: str) -> None:
    """In the browser: every tile whose sentence names a window 'YYYY–YYYY' draws its
    sparkline from exactly those years (the year labels under the line)."""
    page.goto(live_server + "/gemeente/GM0153")
    tiles = page.eval_on_selector_all(".tile", """els => els.map(e => [
        (e.querySelector('.status') || {}).textContent || '',
        [...e.querySelectorAll('svg.spark text')].map(t => t.textContent)])""")
    checked = 0
    for status, labels in tiles:
        # a range keeps its years on one line (a word joiner after the dash); an amount in
        # current prices says so after it
        found = re.search(r"(\d{4})–\u2060?(\d{4})(?:, in lopende prijzen)?\s*$",
                          status.strip())
        if found:
            assert labels == [found.group(1), found.group(2)], (status, labels)
            checked += 1
    assert checked >= 5  # the synthetic warehouse's nine indicators


def test_phone_api_paths_unbroken_and_placeholders_look_like_examples(browser,
                                                                      live_server: str) -> None:
    with tab(browser, 390, 844) as page:
        page.goto(live_server + "/api/v1/docs")
        # a path breaks at most at its slashes: never more lines than it has segments
        lines = page.evaluate("""() => [...document.querySelectorAll('table.api-ops th code')]
            .map(c => [c.textContent, c.getClientRects().length])""")  # lines of an inline box
        assert lines and all(n <= max(1, t.count("/") - 2) for t, n in lines), lines
        page.goto(live_server + "/ranglijst?groep=G40")
        field = page.locator("#rk-mine")
        assert field.input_value() == "" and field.get_attribute("placeholder") == "bijv. Zwolle"
        look = page.evaluate("""() => { const e = document.querySelector('#rk-mine');
            return [getComputedStyle(e, '::placeholder').fontStyle,
                    getComputedStyle(e, '::placeholder').color, getComputedStyle(e).color]; }""")
        assert look[0] == "italic" and look[1] != look[2], look


def test_map_year_slider_by_keyboard(page, live_server: str) -> None:
    page.goto(live_server + "/?indicator=unemployment_rate")
    slider = page.locator("#map-year")
    last = int(slider.input_value())
    assert page.locator("#map-year-out").inner_text() == str(last)
    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert page.locator("#map-year-out").inner_text().startswith(str(last - 1))
    page.get_by_role("button", name="Toon").first.click()
    page.wait_for_url(f"**year={last - 1}**")
    assert f"({last - 1})" in page.locator("#map-h").inner_text()


def test_map_draws_municipalities_without_a_value(page, live_server: str) -> None:
    # the synthetic warehouse has 11 of the 342 municipalities: the others are drawn grey
    page.goto(live_server + "/?indicator=income_disposable_mean")
    wait_for_charts(page)
    shapes = page.evaluate("() => document.querySelectorAll('#map svg path').length")
    features = len(page.request.get(live_server + "/api/v1/geo/gemeenten.geojson")
                   .json()["features"])
    assert shapes >= features > 340


def test_a_name_kept_whole_in_a_link_is_underlined(page, live_server: str) -> None:
    # a name with its province ('Bergen (Noord-Holland)') is an inline block in a table's
    # cell (style.css): a link's underline does not reach into one by itself, so the
    # ranking's and the tables' links to such municipalities looked like plain bold text
    page.goto(live_server + "/ranglijst?groep=G40")
    lines = page.evaluate("""() => {
        const t = document.createElement('table');
        t.innerHTML = '<tr><th scope="row"><a href="/gemeente/GM0373"><span class="nowrap' +
            ' name">Bergen (Noord-Holland)</span></a></th><td><span class="nowrap name">' +
            'Bergen (Limburg)</span></td></tr>';
        document.querySelector('main').append(t);
        const [inLink, plain] = t.querySelectorAll('.nowrap.name');
        return [getComputedStyle(inLink).display, getComputedStyle(inLink).textDecorationLine,
                getComputedStyle(plain).textDecorationLine]; }""")
    assert lines == ["inline-block", "underline", "none"], lines
