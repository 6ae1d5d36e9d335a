"""A municipality's name with its bracket stays on one line (real snapshot): CBS tells two
municipalities of one name apart by a bracket, 'Bergen (Limburg)' (GM0893) and 'Bergen
(Noord-Holland)' (GM0373); their own PDFs broke the name 11 and 17 times, as 'Bergen' /
'(Limburg)' at a line end ('de standaardgroep voor Bergen' / '(Limburg))') and 'Bergen
(Noord-' / 'Holland)' (:func:`stadstrends.publish.format.keep_numbers_whole`)."""

from __future__ import annotations

import re
import subprocess

import pytest

from stadstrends.publish.report import builder

NAMES = {"GM0893": "Bergen (Limburg)", "GM0373": "Bergen (Noord-Holland)"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", sorted(NAMES))
def test_the_pdf_never_breaks_a_name_before_or_inside_its_bracket(wh, tmp_path, code, lang):
    written = builder.write_city(wh, code, tmp_path, lang, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(written.paths[0]), "-"],
                          capture_output=True, text=True, check=True).stdout
    name = NAMES[code]
    bare = name.split(" (")[0]
    every = [m.start() for m in re.finditer(rf"{bare}(?! op Zoom)", text)]
    whole = [m.start() for m in re.finditer(re.escape(name), text)]
    assert len(every) > 20  # the report names its municipality throughout
    broken = [text[max(0, i - 30):i + 40] for i in every if i not in whole]
    assert broken == []



def test_a_heading_too_narrow_for_the_name_does_not_widen_the_page(wh, browser, tmp_path):
    """At 390 px the h1's 'Bergen (Noord-Holland)' (35 px type, 473 px wide) cannot stay on
    one line: kept whole it widened the page to 515 px; in a heading a glued name wraps
    inside where it must (``:is(h1, h2, h3) .nowrap`` in report.css), in the text it stays
    whole."""
    from tests.publish.test_report_phone import _seen

    script = """() => Array.from(document.querySelectorAll('p span.nowrap'))
        .filter(s => s.textContent.startsWith('Bergen (')).map(s => s.getClientRects().length)"""
    lines, width = _seen(wh, browser, tmp_path, "GM0373", 390, script)
    assert width <= 390
    assert lines and set(lines) == {1}, lines
