"""Golden files: Zwolle's and Enschede's reports (nl, en) and API answers stay as they were.

The gzipped files in ``tests/publish/golden/`` were written from the code on main before issue 11's
refactoring; a changed sentence, number, label or colour class makes this test fail with a
diff. A deliberate change rewrites them: ``STADSTRENDS_GOLDEN=write python3 -m pytest
tests/publish/test_golden.py`` (and the commit says why). Volatile parts (build id, build
and report dates) are replaced by placeholders; chart specs are kept as a hash and their
distinct words. ``zcat`` shows a golden file.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest

from stadstrends.publish.format import fmt_date

GOLDEN = Path(__file__).parent / "golden"
CITIES = {"zwolle": "GM0193", "enschede": "GM0153"}
SERIES = ("population", "unemployment_rate", "income_disposable_mean", "population_projected")
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "tr", "dt", "dd", "figcaption", "caption",
          "summary", "section", "figure", "table", "div", "details", "header", "footer", "nav"}
KEPT = ("class", "aria-label", "alt", "title", "href", "id")
VOLATILE_KEYS = {"build_id", "built_at", "generated_at"}


#: a span that only keeps its text on one line (:func:`stadstrends.publish.nowrap.
#: nowrap_joined`: "'s-Hertogenbosch", '2016–2023'): left out, its text kept; a span with
#: another class (a badge's colour, a sentence) stays in the outline; a name with its
#: bracket's ('Bergen (Limburg)': class "nowrap name") likewise left out
NOWRAP = ([("class", "nowrap")], [("class", "nowrap name")])


class _Outline(HTMLParser):
    """A report page as lines: block tags with their classes and labels, and their text
    (scripts and styles left out; the chart specs are compared separately; the
    :data:`NOWRAP` spans left out, their text kept)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        text = " ".join(" ".join(self.text).split())
        if text:
            self.lines.append("  " + text)
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
            return
        if tag == "span" and attrs in NOWRAP:
            return
        kept = " ".join(f'{k}="{v}"' for k, v in attrs if k in KEPT and v)
        if tag in BLOCKS:
            self._flush()
            self.lines.append(f"<{tag} {kept}>".replace(" >", ">"))
        elif kept:
            self.text.append(f"<{tag} {kept}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def _steady(obj: Any) -> Any:
    """Floats to 9 significant digits (DuckDB's parallel sums differ in the last bits)."""
    if isinstance(obj, float):
        return float(f"{obj:.9g}")
    if isinstance(obj, dict):
        return {k: _steady(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_steady(v) for v in obj]
    return obj


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(_steady(value), sort_keys=True).encode()).hexdigest()[:16]


def _spec_words(spec: Any) -> list[str]:
    """A chart spec's distinct words (titles, labels, fields, colours); with the hash of the
    whole spec, any change shows and a changed word shows as a word."""
    if isinstance(spec, dict):
        return [w for key, value in spec.items() if key != "config" for w in _spec_words(value)]
    if isinstance(spec, list):
        return [w for item in spec for w in _spec_words(item)]
    return [spec] if isinstance(spec, str) else []


def _dates(build_day: date) -> list[tuple[str, str]]:
    """The build's day and today's as printed, each to one mark: the same page whether the
    report is made on the build's day or after midnight (a run of the suite that crosses
    it made 'rapport gemaakt op <TODAY>' of the golden '<BUILD-DATE>')."""
    return [(fmt_date(day, lang), "<DATE>") for day in (build_day, date.today())
            for lang in ("nl", "en")]


def report_outline(html: str, build_day: date) -> str:
    """The golden form of a report page: its outline, then its charts' words."""
    specs = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>',
                      html, re.S)
    parser = _Outline()
    parser.feed(html)
    parser.close()
    text = "\n".join(parser.lines)
    for day, mark in _dates(build_day):
        text = text.replace(day, mark)
    charts = json.loads(specs.group(1)) if specs else {}
    words = [f"[{name}] #{_digest(spec)}\n" + "\n".join(f"  {w}" for w in sorted(set(
        _spec_words(spec)))) for name, spec in charts.items()]
    return text + "\n\n# charts\n" + "\n".join(words) + "\n"


def _scrub(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: ("<VOLATILE>" if k in VOLATILE_KEYS else _scrub(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_scrub(v) for v in obj]
    return _steady(obj)


def json_golden(body: Any, build_day: date) -> str:
    text = json.dumps(_scrub(body), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    for day, mark in _dates(build_day):
        text = text.replace(day, mark)
    return text


def compare(name: str, actual: str) -> None:
    path = GOLDEN / f"{name}.gz"
    if os.environ.get("STADSTRENDS_GOLDEN") == "write":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(gzip.compress(actual.encode(), mtime=0))
        return
    assert path.exists(), f"no golden file {path}; write it with STADSTRENDS_GOLDEN=write"
    expected = gzip.decompress(path.read_bytes()).decode()
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                    f"golden/{name}", "now", lineterm="", n=1)
        pytest.fail("differs from its golden file:\n" + "\n".join(list(diff)[:80]))


@pytest.fixture(scope="module")
def build_day(warehouse_path: Path) -> date:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        built = con.execute("SELECT max(built_at) FROM build_info").fetchone()[0]
    return date.fromisoformat(str(built)[:10])


@pytest.fixture(scope="module")
def golden_client(warehouse_path: Path):
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    app = create_app(warehouse_path, None, warm=False, reload_every=None)
    with TestClient(app) as client:
        yield client
    app.state.wh.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", sorted(CITIES))
def test_report_matches_golden(warehouse_path: Path, build_day: date, tmp_path: Path,
                               city: str, lang: str) -> None:
    from stadstrends.publish.report.builder import write_city

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        done = write_city(con, city, tmp_path, lang, "html", assets=False)
    html = done.paths[0].read_text(encoding="utf-8")
    outline = report_outline(html, build_day)
    # a year range's span that does not wrap is markup, not text: its text only
    assert '<span class="nowrap">' in html and 'class="nowrap"' not in outline
    assert "<span " in outline  # the spans that say something (a badge's colour) stay
    compare(f"report-{city}.{lang}.txt", outline)


@pytest.mark.parametrize("city", sorted(CITIES))
def test_api_matches_golden(golden_client, build_day: date, city: str) -> None:
    code = CITIES[city]
    profile = golden_client.get(f"/api/v1/profile/{code}")
    assert profile.status_code == 200
    compare(f"api-profile-{city}.json", json_golden(profile.json(), build_day))
    for lang in ("nl", "en"):
        page = golden_client.get(f"/gemeente/{code}", params={"format": "json", "lang": lang})
        assert page.status_code == 200
        compare(f"page-{city}.{lang}.json", json_golden(page.json(), build_day))


def test_series_matches_golden(golden_client, build_day: date) -> None:
    bodies = []
    for indicator in SERIES:
        answer = golden_client.get("/api/v1/series", params={
            "indicator": indicator, "region": ",".join(CITIES.values())})
        assert answer.status_code == 200, answer.text
        bodies.append(answer.json())
    compare("api-series.json", json_golden(bodies, build_day))


def test_outline_catches_a_changed_sentence() -> None:
    """The comparison sees one changed word in a sentence and one changed colour class."""
    page = ('<html><body><p class="sentence">Zwolle groeit.</p><div class="tile up">3</div>'
            '<script type="application/json" id="chart-specs">{"a": {"title": "T"}}</script>')
    base = report_outline(page, date(2026, 1, 1))
    assert "Zwolle groeit." in base and "\n  T\n" in base
    assert report_outline(page.replace("groeit", "krimpt"), date(2026, 1, 1)) != base
    assert report_outline(page.replace("tile up", "tile down"), date(2026, 1, 1)) != base


def test_the_outline_is_the_same_on_the_builds_day_and_after_midnight() -> None:
    """A suite that crosses midnight builds on one day and makes the reports on the next."""
    from datetime import timedelta

    from stadstrends.publish.format import fmt_date

    page = "<p class='dates'>Cijfers verwerkt op {}; rapport gemaakt op {}.</p>"
    today, yesterday = date.today(), date.today() - timedelta(days=1)
    same = report_outline(page.format(fmt_date(today, "nl"), fmt_date(today, "nl")), today)
    after = report_outline(page.format(fmt_date(yesterday, "nl"), fmt_date(today, "nl")),
                           yesterday)
    assert same == after and "verwerkt op <DATE>; rapport gemaakt op <DATE>" in same
