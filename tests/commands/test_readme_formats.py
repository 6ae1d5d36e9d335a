"""What the README says `--format csv` gives is what it gives: `show`'s columns as listed (not
'the warehouse's column names': `source` is `source_tables` there, `harmonised` the API's
`recalculated`), `profile`'s those of the `signals` view and the indicator's `year_offset`.
Synthetic warehouse; the commands run in this process (``cli_run``, tests/conftest.py)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb

README = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(
    encoding="utf-8").split())  # one line: the checks do not depend on where lines wrap


def _output(cli_run, *args: str) -> str:
    """What ``stadstrends ARGS`` printed (stdout); it must end with exit code 0."""
    out = cli_run(*args)
    assert out.returncode == 0, (args, out.stderr)
    return out.stdout


def _csv_header(cli_run, *args: str) -> list[str]:
    return next(csv.reader(io.StringIO(_output(cli_run, *args, "--format", "csv"))))


def test_show_csv_columns_are_the_readme_s(cli_run, synthetic_path: Path) -> None:
    said = re.search(r"`show` gives `([^`]+)`", README)
    assert said, "the README lists show's CSV columns"
    listed = [c.strip() for c in said.group(1).split(",")]
    assert _csv_header(cli_run, "show", "Zwolle", "population", "--db",
                       str(synthetic_path)) == listed
    assert "warehouse's column names" not in README
    for named in ("`source` is `indicator_values.source_tables`", "calls `recalculated`"):
        assert named in README
    con = duckdb.connect(str(synthetic_path), read_only=True)
    try:
        values = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns"
                                            " WHERE table_name = 'indicator_values'").fetchall()}
        signals = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'signals'"
            " ORDER BY ordinal_position").fetchall()]
    finally:
        con.close()
    assert "source_tables" in values and "source" not in values
    assert "`profile` the columns of the `signals` view and the indicator's `year_offset`" \
        in README
    assert _csv_header(cli_run, "profile", "Zwolle", "--db", str(synthetic_path)) == [
        *signals, "year_offset", "credit"]
    assert "every command's CSV and JSON end with `credit`" in README


def _credits(cli_run, db: Path, commands: tuple[tuple[str, ...], ...],
             lang: str | None) -> set[str]:
    """The credits in every row of each command's CSV and JSON (``--lang lang``; None: the
    default language)."""
    import json

    found = set()
    for args in commands:
        base = [*args, "--db", str(db), *(("--lang", lang) if lang else ())]
        out = _output(cli_run, *base, "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows, args
        found |= {r["credit"] for r in rows}
        records = json.loads(_output(cli_run, *base, "--format", "json"))
        if isinstance(records, dict):  # profile's whole document: one credit, as the API's
            records = [records]
        assert records, args
        found |= {r["credit"] for r in records}
    return found


def test_every_row_of_a_csv_or_json_carries_cbs_s_credit(cli_run, synthetic_path: Path) -> None:
    """'Bron: CBS' on every table (the README): `show` and `profile` to a file in CSV or JSON
    carried none, where the website's downloads carry it in each row."""
    assert _credits(cli_run, synthetic_path, (("show", "Zwolle", "population"),
                                              ("profile", "Zwolle")),
                    None) == {"Bron: CBS (CC BY 4.0)"}


def test_an_english_csv_or_json_credits_cbs_in_english(cli_run, synthetic_path: Path) -> None:
    """`--lang en`: the credit in each row is 'Source: CBS (CC BY 4.0)', as the API's
    downloads with ?lang=en and the English reports; `show`, `profile` and `indicators` with
    `--lang en` wrote 'Bron: CBS (CC BY 4.0)' into an English file (h50h)."""
    said = "every command's CSV and JSON end with `credit` ('Bron: CBS (CC BY 4.0)'; with " \
           "`--lang en` 'Source: CBS (CC BY 4.0)')"
    assert said in README
    assert _credits(cli_run, synthetic_path, (("show", "Zwolle", "population"),
                                              ("profile", "Zwolle"), ("indicators",)),
                    "en") == {"Source: CBS (CC BY 4.0)"}
