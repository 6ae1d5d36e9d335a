"""What the commands share: the consoles, the common options and table output."""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # pandas costs ~0.3 s to import: tables are printed from plain rows
    import pandas as pd

    from stadstrends.publish.rows import Rows

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages and hints unbroken

DbOption = Annotated[Path, typer.Option("--db", help="Warehouse file (DuckDB).")]
DEFAULT_DB = Path("stadstrends.duckdb")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", metavar="FORMAT",
                                               help="Output format: table, csv or json.")]


#: the command line's language when no --lang is read yet (its users are Dutch, as the
#: reports' default): the words of every command, its errors and the parser's
DEFAULT_LANGUAGE = "nl"
#: the language of the running command (its --lang, given or default; None: not read yet):
#: the command line prints the command's errors in it (``cli._report``)
COMMAND_LANGUAGE: ContextVar[str | None] = ContextVar("command_language", default=None)


def language(value: str) -> str:
    """A ``--lang`` value: a language with a file in the locale directory, in any case
    (``EN`` is ``en``); it becomes :data:`COMMAND_LANGUAGE`."""
    from stadstrends.vocabulary import UnknownLanguage, named

    try:
        lang = named(value)
    except UnknownLanguage as exc:
        raise typer.BadParameter(f"{exc.message}; {exc.hint}") from None
    COMMAND_LANGUAGE.set(lang)
    return lang


LANG_HELP = ("Language of the command's messages, errors, titles and table numbers (nl: "
             "1.234,5; en: 1,234.5): nl, en or another language with a file in the package's "
             "locale folder; csv and json keep plain numbers.")
LangOption = Annotated[str, typer.Option("--lang", callback=language, help=LANG_HELP)]


def said(lang: str, key: str, **params: object) -> str:
    """A line the command line prints, in ``lang`` (``command_line.<key>`` of the language
    files, English where a file lacks it), with the credit ('Bron: CBS (CC BY 4.0)') as
    ``{credit}``; numbers arrive written for ``lang`` (:func:`number`)."""
    from stadstrends.vocabulary import word

    return word(lang, "command_line", key, credit=credit(lang), **params)


def number(value: float, lang: str, decimals: int = 0) -> str:
    """``value`` as ``lang`` writes it: '1.234.567', '12,3' (nl); '1,234,567' (en)."""
    from stadstrends.publish.format import fmt_number

    return fmt_number(float(value), decimals, lang)


def credit(lang: str) -> str:
    """The data credit in ``lang``: 'Bron: CBS (CC BY 4.0)', 'Source: CBS (CC BY 4.0)'."""
    from stadstrends.vocabulary import word

    return word(lang, "command_line", "credit")


def print_frame(frame: pd.DataFrame | Rows, fmt: Format, title: str | None = None,
                lang: str = "nl", headers: dict[str, str] | None = None,
                marks: dict[str, list[str]] | None = None,
                decimals: dict[str, int] | None = None) -> None:
    """Print a result (a DataFrame or :class:`~stadstrends.publish.rows.Rows`) as a Rich table
    (numbers formatted for ``lang``, its columns named in ``lang``: ``columns`` of the
    language files, ``headers`` first), CSV or JSON records (the warehouse's column names and
    a last column ``credit`` in ``lang``: 'Bron: CBS (CC BY 4.0)', 'Source: CBS (CC BY 4.0)').
    Only CSV and JSON load pandas. ``marks``: per column a mark for each row, printed after
    the table's cell ('41,6°', '' for none; :mod:`stadstrends.publish.figure_notes`), the
    numbers kept aligned; csv and json leave them out. ``decimals``: per column the decimals
    its numbers are printed with (an indicator's catalogue ``decimals``: Kerkrade's Wmo clients
    64,5 per 1 000 as the report prints them, not 65), else as :func:`_cells` chooses."""
    from stadstrends.publish.rows import Rows

    if fmt is not Format.table:
        if isinstance(frame, Rows):
            frame = frame.frame()
        for col in frame.columns:
            if frame[col].dtype.kind == "M":
                frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        # CBS's credit in every row, in --lang as the website's downloads carry it in ?lang=:
        # a saved file keeps it ('Bron: CBS' in an English file before: h50h)
        frame = frame.assign(credit=credit(lang))
        if fmt is Format.csv:  # booleans as the API's and the downloads' CSV: 'true'
            for col in frame.columns:
                cells = frame[col].dropna()
                if len(cells) and cells.map(lambda v: isinstance(v, bool)).all():
                    frame[col] = frame[col].map({True: "true", False: "false"})
            sys.stdout.write(frame.to_csv(index=False))
        else:
            sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
        return
    rows = frame if isinstance(frame, Rows) else Rows.of_frame(frame)
    if title:  # above the table, unbroken (a narrow table would wrap it)
        console.print(title, style="italic", highlight=False, markup=False, soft_wrap=True)
    from stadstrends.vocabulary import section

    table = Table(caption=credit(lang))
    headers = {**section(lang, "columns"), **(headers or {})}
    cells = []
    for col, kind in zip(rows.columns, rows.kinds, strict=True):
        header, shown = headers.get(col, col), _cells(rows.column(col), kind, col, lang,
                                                      (decimals or {}).get(col))
        if any((marks or {}).get(col, ())):
            header, shown = _marked(header, shown, marks[col])
            # aligned by _marked: never wrapped
            table.add_column(header, justify="left",
                             min_width=max(len(line) for line in header.split("\n")))
        else:
            table.add_column(header, justify="right" if kind in "iuf" else "left")
        cells.append(shown)
    for row in zip(*cells, strict=True):
        table.add_row(*row)
    from stadstrends.publish.nowrap_text import print_table

    print_table(console, table)  # words wrapped whole: a record per row where none fit


def _marked(header: str, cells: list[str], marks: list[str]) -> tuple[str, list[str]]:
    """A right-aligned column's header and cells with ``marks`` after the cells, padded to
    one width so that the numbers stay aligned ('41,6°' above '26,7 '; Rich strips a
    right-justified cell's trailing spaces, so the column is printed left-justified); a
    header of two lines ('waarde' over its unit) has each line right-aligned."""
    room = max(len(m) for m in marks)
    shown = [f"{c}{m:<{room}}" if c else c for c, m in zip(cells, marks, strict=True)]
    lines = header.split("\n")
    width = max([*(len(line) for line in lines), *(len(c) for c in shown)])
    return "\n".join(line.rjust(width) for line in lines), [c.rjust(width) for c in shown]


def _cells(values: list, kind: str, name: str, lang: str, decimals: int | None = None
           ) -> list[str]:
    """A column's values as text: dates as YYYY-MM-DD, numbers with ``decimals``, else with one
    number of decimals for the whole column (none when all are whole, else as
    :func:`auto_decimals` gives for the largest)."""
    from stadstrends.publish.format import auto_decimals, fmt_number
    from stadstrends.values import missing

    if kind == "b":
        from stadstrends.vocabulary import section

        yes, no = section(lang, "yes_no")["yes"], section(lang, "yes_no")["no"]
        return ["" if missing(v) else yes if v else no for v in values]
    if kind == "M":
        return ["" if missing(v) else v.strftime("%Y-%m-%d") for v in values]
    if kind not in "iuf" or name == "year":
        return ["" if missing(v) else str(v) for v in values]
    numbers = [float(v) for v in values if not missing(v)]
    whole = all(v % 1 == 0 for v in numbers)
    if decimals is None:
        decimals = 0 if whole or not numbers else auto_decimals(max(abs(v) for v in numbers))
    return ["" if missing(v) else fmt_number(float(v), decimals, lang) for v in values]


_FAILED: dict[Path, list[str]] = {}  # warehouses opened whose build failed data checks
_MAIN_PID = os.getpid()


def note_failed_checks(path: Path, failed: list[str]) -> None:
    """Remember a warehouse whose build failed data checks (not in a report worker: a forked
    child; its parent opened the warehouse too), for :func:`warn_failed_checks`."""
    if failed and os.getpid() == _MAIN_PID:
        _FAILED.setdefault(path, failed)


def warn_failed_checks() -> None:
    """Warn once per warehouse, on stderr and in the command's language, that its build
    failed data checks (figures may be missing: a cut source file), naming them and how to
    build again, or that it was built with ``--unchecked`` (its own line): after a
    command that succeeded (an error comes alone), and by ``serve`` before it serves."""
    from rich.markup import escape

    from stadstrends.errors import StadstrendsError
    from stadstrends.paths import build_command
    from stadstrends.vocabulary import section

    lang = COMMAND_LANGUAGE.get() or DEFAULT_LANGUAGE
    try:
        names = section(lang, "data_checks")
    except StadstrendsError:  # a language the command refused: said in the default
        lang = DEFAULT_LANGUAGE
        names = section(lang, "data_checks")
    for path, failed in list(_FAILED.items()):
        del _FAILED[path]
        if "inputs_unchecked" in failed:  # built with --unchecked: said on its own
            failed = [code for code in failed if code != "inputs_unchecked"]
            err_console.print("[yellow]" + escape(said(
                lang, "opened_unchecked", path=str(path), build=build_command(path, lang))) +
                "[/yellow]", highlight=False)
        if not failed:
            continue
        err_console.print("[yellow]" + escape(said(
            lang, "opened_with_failed_checks", path=str(path),
            checks="; ".join(names.get(code, code) for code in failed),
            build=build_command(path, lang))) + "[/yellow]", highlight=False)
