"""No line of one word inside a PDF's paragraph: a run of text ending in a space before an
inline element ('... (59,4%). Trend ' before the span of '2017–2024:') that fits its line only
without that space was cut after its first word by WeasyPrint, Schiermonnikoog's page 10 as
'... van de 11' / 'gemeenten' / 'met minder dan 10.000 inwoners ...'
(:mod:`stadstrends.publish.report.pdf_lines`)."""

from __future__ import annotations

import subprocess

from stadstrends.publish.report import builder
from stadstrends.publish.report.pdf_engine import html_class

SENTENCE = ("Aandeel koopwoningen: 52,9% in 2024. Daarmee zit Schiermonnikoog in het laagste "
            "kwart van de 11 gemeenten met minder dan 10.000 inwoners (mediaan 69,6%) en lager"
            " dan het ommeland (59,4%). Trend {span} van 52,7% in 2017 naar 52,9% in 2024 "
            "(+0,2 procentpunt), geen significante trend.")


def _lines(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode()
    return [x.rstrip() for x in text.splitlines()]  # blank lines kept: a paragraph's end


def lonely_words(lines: list[str]) -> list[str]:
    """Lines of one word (not ending a sentence) between two long lines of a paragraph (none
    indented: a chart's labels are)."""
    return [b for a, b, c in zip(lines, lines[1:], lines[2:], strict=False)
            if b and " " not in b and not b.endswith((".", ":", "!", "?"))
            and len(a) >= 75 and len(c) >= 75 and not (a + b + c).startswith(" ")
            and not b.startswith(" ") and not c.startswith(" ")]


def test_a_run_ending_in_a_space_before_a_span_is_not_cut_after_its_first_word():
    html = (f"<html><head><style>{builder.css()}</style></head><body><div class='commentary'>"
            "<p><span class='sentence'>"
            + SENTENCE.format(span="<span class='nowrap'>2017–2024:</span>")
            + "</span></p></div></body></html>")
    lines = _lines(html_class()(string=html).write_pdf())
    assert lonely_words(lines) == []
    lines = [x for x in lines if x]
    assert lines[1].startswith("gemeenten met minder dan 10.000 inwoners")
    assert lines[2].startswith("2017–2024: van 52,7%")  # the span on the next line, whole


def test_schiermonnikoogs_pdf_has_no_line_of_one_word_inside_a_paragraph(wh, tmp_path):
    written = builder.write_city(wh, "Schiermonnikoog", tmp_path, "nl", "pdf")
    lines = _lines(written.paths[0].read_bytes())
    assert any("in het laagste kwart van de 11" in x for x in lines)
    assert lonely_words(lines) == []


def test_a_weasyprint_of_other_parameters_is_left_as_it_is(monkeypatch):
    from weasyprint.layout import inline

    from stadstrends.publish.report import pdf_lines

    def split_first_line(text, style, context, max_width, spacing):  # another version's
        return None

    monkeypatch.setattr(inline, "split_first_line", split_first_line)
    pdf_lines.mend()
    assert inline.split_first_line is split_first_line


def test_the_page_cache_key_holds_the_mended_line_breaking():
    import hashlib
    from pathlib import Path

    from stadstrends.publish.report import page_cache, pdf_lines

    code = Path(pdf_lines.__file__).read_bytes()
    assert hashlib.sha256(code).hexdigest() in page_cache._versions()
