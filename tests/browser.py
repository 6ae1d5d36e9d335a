"""Chromium through Playwright for the tests that look at pages (the dashboard's, the report's
HTML): the session's browser (the ``browser`` fixture, tests/conftest.py), a tab of a given
size, and the check that a heatmap's names stay in view when it scrolls sideways."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("STADSTRENDS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def browser_path() -> str:
    """Chromium for Playwright: a missing browser fails in CI and skips elsewhere."""
    path = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def launched() -> Iterator[Any]:
    """Headless Chromium, closed after (the ``browser`` fixture); Playwright missing fails in
    CI and skips elsewhere."""
    path = browser_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the Python package 'playwright' is missing")
        pytest.skip("playwright not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def tab(browser: Any, width: int, height: int = 900, **options: Any) -> Iterator[Any]:
    """A tab of its own (a new browser context, closed after) ``width`` x ``height`` px, in
    Dutch unless ``locale`` says otherwise; ``options``: Playwright's ``new_context``'s
    (``bypass_csp``, ``accept_downloads``)."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  **{"locale": "nl-NL", **options})
    try:
        yield context.new_page()
    finally:
        context.close()


#: JavaScript: a heatmap's box scrolled to its right end, the names of its rows (the y axis
#: of the drawings ``svgs`` selects in the box) and those not drawn on their row inside the
#: box, uncovered (labels take no pointer events: the element at the point is the drawing
#: holding the text); call as ``(HIDDEN_NAMES)(box, svgs)`` inside a page's script
HIDDEN_NAMES = r"""(box, svgs) => {
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const axis = [...box.querySelectorAll(svgs + ' g.role-axis')]
        .find(g => (g.getAttribute('aria-label') || '').startsWith('Y-axis'));
    const names = axis ? [...axis.querySelectorAll('.role-axis-label text')] : [];
    const texts = [...box.querySelectorAll('svg text')];
    return {names: names.map(t => t.textContent), hidden: names.filter(t => {
        const r = t.getBoundingClientRect();
        const y = r.top + r.height / 2;
        return !texts.some(o => {
            const q = o.getBoundingClientRect();
            if (o.textContent !== t.textContent || Math.abs(q.top + q.height / 2 - y) > 1
                || q.left < edge.left - 1 || q.right > edge.right + 1) return false;
            const hit = document.elementFromPoint(q.left + q.width / 2, y);
            return !!hit && hit.closest('svg') === o.closest('svg');
        });
    }).map(t => t.textContent)};
}"""
