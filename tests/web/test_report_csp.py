"""A generated report served under /reports/ draws its charts under the app's CSP (inline
script allowed by hash, Vega without 'unsafe-eval')."""

from __future__ import annotations

from pathlib import Path

import duckdb


def test_report_charts_render_under_the_csp(page, syn_server: str, syn_reports_dir: Path,
                                            synthetic_path: Path) -> None:
    """Zwolle's report from the synthetic warehouse, served by its app."""
    from stadstrends.publish.report.builder import write_city

    live_server, reports_dir, warehouse_path = syn_server, syn_reports_dir, synthetic_path

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        done = write_city(con, "Zwolle", reports_dir, "nl", "html")
    html = next(p for p in done.paths if str(p).endswith(".html"))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text or "unsafe-eval" in m.text else None)
    response = page.goto(f"{live_server}/reports/{Path(html).relative_to(reports_dir)}")
    csp = response.headers["content-security-policy"]
    assert "'sha256-" in csp and "unsafe-eval" not in csp
    done_js = ("() => [...document.querySelectorAll('[data-spec]')]"
               ".every(e => e.querySelector('svg') || e.textContent.trim())")
    page.wait_for_function(done_js, timeout=30_000)
    charts = page.locator("[data-spec]").count()
    drawn = page.locator("[data-spec] svg").count()
    assert charts >= 5 and drawn == charts, (drawn, charts)
    assert not violations, violations
