"""What the snapshot's own register (``SOURCES.md``) says each StatLine file holds, and the
check that a file read is not short of it.

A file cut cleanly at a row boundary passes every line check (:mod:`.edge`) and, below
10 000 rows, looks complete to :mod:`.truncation`; only the register can tell. SOURCES.md
describes the dump's files in Markdown tables: a row whose first cell is a backticked path
under ``cbs_statline_dump/`` (``municipal_complete/85383NED.csv`` or the same with the
folder) gives the file's data ``rows``, ``distinct region labels`` and ``periods: ...
(count)``, found by the column names of the table's header (a table may have only some of
them: ``rows`` alone). A folder described in prose instead (a section whose heading names
one backticked top folder, ``### 2. `cbs_37259eng_population_dynamics/` ...``) gives its
files' rows in a bullet ``* Rows: 15630``, else in the words ``N rows`` (``355 rows = all
municipalities of 2019``, ``405 rows x 406 fields``, ``1 478 rows: all municipality
codes``; several such phrases must agree, else the section gives no line). The count holds
for every ``.csv`` name the section writes in backticks (its folder's files, by their names
with or without the origin's path; ``Van_YYYY.csv`` stands for every year's file), except
names under another folder of the snapshot (``gebieden_in_nederland/82496NED.csv``). Other
rows and tables are ignored, and so are files it does not list.

:func:`listing` parses the register once per file version (cached on path, size and mtime;
the build parses it before its reading workers fork, so they inherit it);
:func:`check_listed` compares what a reader already parsed (its frame: rows, distinct
labels of its region column, distinct periods) and raises
:class:`~stadstrends.errors.MalformedSource` (``snapshot_file_short``) when the file holds
fewer of any of them, and refuses a file without a line in a register that has lines
(``snapshot_unlisted``). Without a register (no SOURCES.md, or no such table in it) nothing
is checked: :func:`listing` is None, and ``stadstrends build`` notes it once.
:func:`check_folder` refuses a folder whose every file is read (Gebieden in Nederland) when
a file the register lists in it is absent (``snapshot_files_missing``): a deleted edition
would silently drop a year of municipalities, or move the reference year.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from stadstrends.errors import MalformedSource, joined, phrase

STATLINE_DIR = "cbs_statline_dump"
REGISTER = "SOURCES.md"
HERINDELING = Path(STATLINE_DIR, "herindeling", "70739ned.csv")
_SEPARATOR = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
_PATH_CELL = re.compile(r"`([^`\s]+\.csv)`", re.IGNORECASE)
_COUNT = re.compile(r"\((\d[\d\s,.]*)\)\s*$")  # 'periods: 2010..2024 (15)'
_NUMBER = re.compile(r"\d[\d\s,.\u202f]*")
_FOLDER_HEADING = re.compile(r"^#{2,}\s.*?`([^`\s/]+)/`")  # '### 2. `cbs_37259eng.../` - ..'
_PROSE_ROWS = re.compile(r"^\s*[*-]\s+Rows:\s*(\d[\d,.\u202f ]*\d|\d)")  # '* Rows: 15630'
_ROWS_PHRASE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u202f,]\d{3})+|\d+)\s+rows\b")  # '1 478 rows'
_CSV_PATH = re.compile(r"`([^`\s]*\.csv)`", re.IGNORECASE)
_YEAR = "yyyy"  # 'Van_YYYY.csv': the file of every year


@dataclass(frozen=True)
class Listed:
    """A register line: the counts it gives (None: not given) and its line in SOURCES.md."""

    rows: int | None
    regions: int | None
    periods: int | None
    line: int
    location: str = field(default="", compare=False)  # as the register writes it


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row (``\\|`` inside a cell does not split it)."""
    body = line.strip()[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def _number(text: str) -> int | None:
    return int(re.sub(r"\D", "", text)) if _NUMBER.fullmatch(text) else None


def _value(cells: list[str], i: int | None, count: bool) -> int | None:
    """The number in cell ``i`` (``count``: the '(15)' at its end), else None."""
    if i is None or i >= len(cells):
        return None
    if not count:
        return _number(cells[i])
    found = _COUNT.search(cells[i])
    return _number(found.group(1).strip()) if found else None


def _columns(header: list[str]) -> dict[str, int]:
    """Which column of a table holds rows, distinct region labels and periods."""
    names = [re.sub(r"[*_`]", "", h).strip().lower() for h in header]
    found: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in ("rows", "data rows"):
            found.setdefault("rows", i)
        elif "region labels" in name:
            found.setdefault("regions", i)
        elif name.startswith("periods"):
            found.setdefault("periods", i)
    return found


def _key(cell: str, tops: set[str]) -> str | None:
    """The location (relative to the snapshot) of a first cell that is one backticked path
    under the dump (``tops``: the snapshot's other top folders), else None."""
    if (found := _PATH_CELL.fullmatch(cell)) is None:
        return None
    path = found.group(1)
    top = path.split("/", 1)[0]
    if path.startswith("/") or "/../" in f"/{path}" or top in tops:
        return None
    return path if top == STATLINE_DIR else f"{STATLINE_DIR}/{path}"


def parse_register(text: str, root: Path) -> dict[str, Listed]:
    """Location (lower case, relative to ``root``) -> :class:`Listed`, from SOURCES.md's
    text; a file listed twice keeps its first line."""
    lines = text.splitlines()
    tops = {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()
    tops.discard(STATLINE_DIR)
    listed: dict[str, Listed] = {}
    columns: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.lstrip().startswith("|"):
            columns = {}
            continue
        if _SEPARATOR.match(line.strip()):
            columns = _columns(_cells(lines[number - 2])) if number > 1 else {}
            continue
        cells = _cells(line)
        if not columns or (where := _key(cells[0], tops)) is None or (
                key := where.lower()) in listed:
            continue
        counts = Listed(*(_value(cells, columns.get(k), k == "periods")
                          for k in ("rows", "regions", "periods")), line=number,
                        location=where)
        if (counts.rows, counts.regions, counts.periods) != (None, None, None):
            listed[key] = counts
    elsewhere = {t.lower() for t in tops} | {STATLINE_DIR} | {k.split("/")[1] for k in listed}
    for key, counts in _prose_rows(lines, elsewhere).items():
        listed.setdefault(key, counts)
    return listed


def _prose_rows(lines: list[str], elsewhere: set[str]) -> dict[str, Listed]:
    """Location -> rows of the CSVs a prose section describes: ``* Rows: N``, else ``N
    rows`` where every such phrase of the section says the same N (``elsewhere``: the
    snapshot's other folders, whose files the section may name without describing them)."""
    found: dict[str, Listed] = {}
    folder: str | None = None
    names: dict[str, str] = {}  # lower case -> as written
    rows: tuple[int, int] | None = None  # (rows, line) of '* Rows: N'
    phrased: list[tuple[int, int]] = []  # (rows, line) of each 'N rows'

    def close() -> None:
        said = rows or (phrased[0] if len({n for n, _ in phrased}) == 1 else None)
        if said is None:
            return
        for name in names.values():
            where = f"{folder}/{name}"
            found.setdefault(where.lower(), Listed(said[0], None, None, said[1], where))

    for number, line in enumerate(lines, start=1):
        if line.startswith("#"):
            close()
            heading = _FOLDER_HEADING.match(line)
            folder, names, rows, phrased = (heading.group(1) if heading else None), {}, None, []
            continue
        if not folder or folder == STATLINE_DIR:  # the dump's files: its tables' lines
            continue
        for path in _CSV_PATH.findall(line):
            head, _, name = path.rpartition("/")
            if head.split("/")[0].lower() not in elsewhere:
                names.setdefault(name.lower(), name)
        if rows is None and (count := _PROSE_ROWS.match(line)) is not None:
            rows = (int(re.sub(r"\D", "", count.group(1))), number)
        if " rows" in line:
            phrased += [(int(re.sub(r"\D", "", m.group(1))), number)
                        for m in _ROWS_PHRASE.finditer(line)]
    close()
    return found


def line_for(register: dict[str, Listed], location: str) -> Listed | None:
    """The register's line for ``location`` (lower case): its own, else a year template's
    of its folder (``.../van_yyyy.csv`` for ``.../van_2014.csv``)."""
    if (line := register.get(location)) is not None:
        return line
    return next((line for key, line in register.items() if _YEAR in key and re.fullmatch(
        re.escape(key).replace(_YEAR, r"\d{4}"), location)), None)


@lru_cache(maxsize=8)
def _listing(path: str, _version: tuple[int, int]) -> dict[str, Listed] | None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_register(text, Path(path).parent) or None


def listing(root: Path | str) -> dict[str, Listed] | None:
    """The register of the snapshot in ``root`` (:func:`parse_register`), or None when it
    has no SOURCES.md or that lists no file with counts."""
    path = Path(root) / REGISTER
    try:
        stat = path.stat()
    except OSError:
        return None
    return _listing(os.path.abspath(path), (stat.st_size, stat.st_mtime_ns))


def root_of(path: Path) -> Path | None:
    """The snapshot folder holding ``path``: its nearest ancestor with the 70739ned crosswalk
    (as given, else with links resolved: a linked file of a copied snapshot is the copy's)."""
    for file in (Path(os.path.abspath(path)), Path(path).resolve()):
        for parent in file.parents:
            if (parent / HERINDELING).is_file():
                return parent
    return None


def _location(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` (as given, else with links resolved), lower case."""
    for file, folder in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),
                         (Path(path).resolve(), Path(root).resolve())):
        try:
            return file.relative_to(folder).as_posix().lower()
        except ValueError:
            continue
    return None


def check_listed(path: Path, root: Path | None, frame: pd.DataFrame, region: str | None,
                 period: str | None) -> None:
    """``frame`` (every data row of ``path``, dimension values stripped) holds at least the
    rows, distinct ``region`` labels and distinct ``period`` values the register of the
    snapshot in ``root`` lists for the file; else :class:`MalformedSource` naming the file,
    what the register says and what was found. Nothing to check without ``root``, a
    register, or a count the line gives (a column the file lacks). A file without a line
    in a register that has lines (every file the build reads has one in the real
    snapshot's) is refused too (``snapshot_unlisted``): a SOURCES.md cut or damaged in a
    copy would otherwise leave the files it lost unchecked, silently."""
    if root is None or (register := listing(root)) is None:
        return
    location = _location(path, root)
    if location is None:
        return
    if (line := line_for(register, location)) is None:
        raise MalformedSource.worded("snapshot_unlisted", file=str(path),
                                     details=[{"file": str(path), "register_line": None}])
    found = {"rows": len(frame)}
    if line.regions is not None and region in frame.columns:
        found["regions"] = int(frame[region].nunique())
    if line.periods is not None and period in frame.columns:
        found["periods"] = int(frame[period].nunique())
    listed = {k: getattr(line, k) for k in found if getattr(line, k) is not None}
    if all(found[k] >= n for k, n in listed.items()):
        return
    raise MalformedSource.worded(
        "snapshot_file_short", file=str(path), line=line.line,
        refetch=phrase("or_refetch") if location.startswith(f"{STATLINE_DIR}/") else {},
        listed=_counts(listed), found=_counts({k: found[k] for k in listed}),
        details=[{"file": str(path), "register_line": line.line,
                  **{f"listed_{k}": n for k, n in listed.items()},
                  **{f"found_{k}": found[k] for k in listed}}])


def check_folder(folder: Path, root: Path | None, present: list[str]) -> None:
    """Every file the register of the snapshot in ``root`` lists directly in ``folder`` is
    among ``present`` (its file names, any case); else :class:`MalformedSource` naming the
    folder, the missing files with their register lines, and how many it lists and holds.
    Nothing to check without ``root``, a register or a line for the folder."""
    if root is None or (register := listing(root)) is None:
        return
    where = _location(folder, root)
    if where is None:
        return
    inside = {k.rsplit("/", 1)[1]: line for k, line in register.items()
              if k.rsplit("/", 1)[0] == where and _YEAR not in k}
    missing = sorted((line.line, line.location.rsplit("/", 1)[-1] or name)
                     for name, line in inside.items()
                     if name not in {p.lower() for p in present})
    if not missing:
        return
    shown = joined([phrase("listed_file", name=name, line=line) for line, name in missing],
                   ", ")
    raise MalformedSource.worded(
        "snapshot_files_missing", folder=str(folder), files=shown, listed=len(inside),
        found=len(inside) - len(missing), count=len(missing),
        details=[{"file": str(Path(folder) / name), "register_line": line}
                 for line, name in missing])


def _counts(counts: dict[str, int]) -> dict[str, str]:
    """'2394 rows, 399 region labels, 3 periods' in every language with words for it."""
    from stadstrends.vocabulary import languages, section

    return {lang: ", ".join(section(lang, "errors")[f"register_{k}"].format(n=n)
                            for k, n in counts.items()) for lang in languages()}
