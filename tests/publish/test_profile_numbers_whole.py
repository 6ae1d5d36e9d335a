"""`stadstrends profile` on a narrow terminal never breaks a number over two lines: at 80
columns Rich printed Zwolle's births as '10,7 per 1' / '000 inwoners' (and the title as
'Geboorten per 1' / '000 inwoners', the bullets as '+141,5 per 1' / '000 inwoners'): two
numbers where CBS's unit says 'per 1 000'. The latest figure leaves out a unit its title ends
with, as the trend and ommeland cells beside it do: the cell took 3 to 6 lines."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from stadstrends.publish.format import keep_numbers_whole
from stadstrends.publish.nowrap_text import breaks, words, wrap_offsets
from stadstrends.publish.profile import city_profile, render_profile

CODES = ["GM0193", "GM1900", "GM0363", "GM0050", "GM0096"]
END = re.compile(r"(?<![\d.,])\d{1,3}$")  # a line's cell ending 'per 1'
START = re.compile(r"^\d{3}(?=[\s)]|$)")  # the next one starting '000 inwoners'


def _broken(lines: list[str]) -> list[tuple[str, str]]:
    """Pairs of consecutive lines (of a table: of the same column) that split a number."""
    found = []
    for a, b in zip(lines, lines[1:], strict=False):
        if "│" in a and a.count("│") == b.count("│"):
            pairs = zip(a.split("│"), b.split("│"), strict=True)
        else:
            pairs = [(a, b)]
        found += [(x, y) for x, y in pairs if END.search(x.rstrip()) and START.match(y.strip())]
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", CODES)
def test_no_number_breaks_over_two_lines(wh, code: str, lang: str) -> None:
    profile = city_profile(wh, code, lang=lang)
    for width in (80, 60):
        console = Console(record=True, width=width)
        render_profile(profile, console, lang)
        lines = console.export_text().splitlines()
        assert max(map(len, lines)) <= width
        assert _broken(lines) == [], (code, width)


def test_the_latest_cell_leaves_out_the_title_s_unit(wh) -> None:
    """Zwolle's births: '10,7 (2023)' on one line under 'Laatste', not over three."""
    profile = city_profile(wh, "GM0193", lang="nl")
    births = next(i for d in profile["domains"] for i in d["indicators"]
                  if i["indicator_id"] == "births_per_1000")
    assert births["title_nl"].endswith("per 1 000 inwoners")
    console = Console(record=True, width=80)
    render_profile(profile, console, "nl")
    row = next(x for x in console.export_text().splitlines() if x.startswith("Geboorten"))
    cell = row.split("│")[1].strip()
    assert cell == f"{births['value']:.1f} ({births['year']})".replace(".", ","), row


def test_wrapping_keeps_thousands_and_signs_whole() -> None:
    text = "+141,5 per 1 000 inwoners, ↓ −2,3 %-punt, 760 m³"
    cuts = [0, *wrap_offsets(text, 8), len(text)]
    lines = [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
    assert "1 000" in lines and "↓ −2,3 %-punt," in lines and "760 m³" in lines, lines
    # a year and a value, a decimal and a number are two numbers (the terminal kept 'in 2025
    # 110' and '61,8 346' whole, the pages did not): a line may break between them
    assert words("in 2025 110 m²") == ["in", "2025", "110 m²"]
    assert words("61,8 346 inwoners") == ["61,8", "346", "inwoners"]


def test_the_terminal_and_the_pages_keep_a_number_s_spaces_alike(wh) -> None:
    """One rule for a number's spaces (format.NUMBER_SPACE): the spaces the terminal does
    not break at are the ones the pages and PDFs make no-break spaces (keep_numbers_whole),
    and besides those only a unit's sign or a number after its arrow or euro sign (the
    terminal's own), in every indicator's Dutch and English title and unit of the real
    catalogue and in Zwolle's profile at 80 columns."""
    texts = [t for row in wh.execute("SELECT title_nl, title_en, unit FROM indicators"
                                     ).fetchall() for t in row if t]
    console = Console(record=True, width=80)
    render_profile(city_profile(wh, "GM0193", lang="nl"), console, "nl")
    texts += [line for line in console.export_text().splitlines() if "–" not in line]
    texts += ["in 2025 110 m²", "↓ −2,3 %-punt", "€ 44.400", "12 345 678", "61,8 346"]
    glued_somewhere = 0
    for text in texts:
        if "(" in text or "s-" in text:  # brackets and 's-: word joiners, other lengths
            continue
        glued = keep_numbers_whole(text)
        assert len(glued) == len(text), text
        pages = {i for i, c in enumerate(glued) if c == "\u00a0" and text[i] == " "}
        terminal = {i for i, c in enumerate(text) if c == " "} - set(breaks(text))
        signs = {i for i in terminal if text[i - 1] in "↑↓€" or text[i + 1:i + 2] == "%"
                 or text[i + 1:i + 3] in ("m²", "m³")}
        assert pages == terminal - signs, text
        glued_somewhere += bool(pages)
    assert glued_somewhere > 20
