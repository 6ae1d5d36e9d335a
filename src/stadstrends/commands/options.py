"""What the commands share: the consoles, the common options and table output."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from stadstrends import CREDIT

if TYPE_CHECKING:  # pandas costs ~0.3 s to import; commands that print no frame skip it
    import pandas as pd

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages and hints unbroken

DbOption = Annotated[Path, typer.Option("--db", help="Warehouse file (DuckDB).")]
DEFAULT_DB = Path("stadstrends.duckdb")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def language(value: str) -> str:
    """A ``--lang`` value: a language with a file in the locale directory."""
    from stadstrends.vocabulary import UnknownLanguage, check

    try:
        return check(value)
    except UnknownLanguage as exc:
        raise typer.BadParameter(f"{exc.message}; {exc.hint}") from None


LANG_HELP = ("Language (a file in stadstrends/locale: nl, en, ...) of titles and numbers in "
             "tables (nl: 1.234,5; en: 1,234.5); csv and json keep plain numbers.")
LangOption = Annotated[str, typer.Option("--lang", callback=language, help=LANG_HELP)]


def print_frame(frame: pd.DataFrame, fmt: Format, title: str | None = None,
                lang: str = "nl", headers: dict[str, str] | None = None) -> None:
    """Print a result as a Rich table (numbers formatted for ``lang``), CSV or JSON records."""
    for col in frame.columns:
        if frame[col].dtype.kind == "M":
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        if title:  # above the table, unbroken (a narrow table would wrap it)
            console.print(title, style="italic", highlight=False, markup=False, soft_wrap=True)
        table = Table(caption=CREDIT)
        cells = []
        for col in frame.columns:
            numeric = frame[col].dtype.kind in "iuf"
            table.add_column((headers or {}).get(col, str(col)),
                             justify="right" if numeric else "left")
            cells.append(_cells(frame[col], lang))
        for row in zip(*cells, strict=True):
            table.add_row(*row)
        console.print(table)


def _cells(column: pd.Series, lang: str) -> list[str]:
    """A column's values as text: numbers with one number of decimals for the whole column
    (none when all are whole, else as :func:`auto_decimals` gives for the largest)."""
    import pandas as pd

    from stadstrends.publish.format import auto_decimals, fmt_number

    if column.dtype.kind == "b":
        from stadstrends.vocabulary import section

        yes, no = section(lang, "yes_no")["yes"], section(lang, "yes_no")["no"]
        return [yes if v else no for v in column]
    if column.dtype.kind not in "iuf" or column.name == "year":
        return ["" if pd.isna(v) else str(v) for v in column]
    values = column.dropna().astype(float)
    whole = bool(((values % 1) == 0).all())
    decimals = 0 if whole or values.empty else auto_decimals(values.abs().max())
    return ["" if pd.isna(v) else fmt_number(float(v), decimals, lang) for v in column]
