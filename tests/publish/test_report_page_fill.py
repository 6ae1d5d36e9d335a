"""How full the report's PDF pages are, on real reports (report/static/report.css, print
rules): the lowest line of text on each page, as a share of the page's text area (A4, 16 mm
top and 18 mm bottom margin; the footer below it not counted), from ``pdftotext -bbox``.

Before: every domain began on a page of its own, so a block that did not fit at the end of
one left a nearly blank page before the next: Oss's page 6 held the glance's last two
signals (its lowest line at 14 % of the text area), its page 12 Duurzaamheid's map alone
(28 %); Zwolle's page 12 the same map (28 %). Now the domains follow on."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from stadstrends.publish.report import builder

MM = 72 / 25.4  # PDF points per millimetre
TOP, BOTTOM = 16 * MM, 18 * MM  # @page margins in report.css
LEAST = 0.30  # a page is never more than 70 % empty


def lowest_lines(pdf: Path) -> list[tuple[float, str]]:
    """Per page: (its lowest text line above the footer as a share 0-1 of the text area,
    the page's text with its footer)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    out = []
    for h, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html,
                              re.S):
        height = float(h)
        words = [(float(y), w) for y, w in re.findall(r'yMax="([\d.]+)">([^<]*)<', body)]
        low = max((y for y, _ in words if y < height - BOTTOM), default=TOP)  # not the footer
        out.append(((low - TOP) / (height - TOP - BOTTOM), " ".join(w for _, w in words)))
    return out


@pytest.mark.parametrize("city", ["Oss", "Zwolle"])
def test_no_pdf_page_is_mostly_empty(wh, tmp_path: Path, city: str) -> None:
    """Every page has text in the lowest 70 % of its text area, except the contents (page 2,
    a page of its own by design), the last page of the report's own part (the appendix
    begins a new page, B1) and the last page of the appendix."""
    written = builder.write_city(wh, city, tmp_path, "nl", "pdf")
    pages = lowest_lines(written.paths[0])
    appendix = next(i for i, (_, text) in enumerate(pages) if re.search(r"CBS B1$", text, re.M))
    assert appendix > 15 and pages[1][1].startswith("Inhoud"), pages[1][1][:80]
    exempt = {1, appendix - 1, len(pages) - 1}
    empty = [(i + 1, round(share, 2), text[:120]) for i, (share, text) in enumerate(pages)
             if i not in exempt and share < LEAST]
    assert not empty, empty
