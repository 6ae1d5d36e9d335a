"""Which part of a CBS export cut at the OData row limit is complete.

The snapshot's StatLine files were downloaded without paging, so a file with exactly
``row_limit`` (10 000) data rows is cut. Rows are in CBS order (nested loops over the
dimensions in column order), which gives two rules:

(a) ``lead`` = the dimensions before the region column. When it is non-empty only the
    first slice (rows whose lead values equal the first row's) is kept; later slices are
    incomplete, or absent.
(b) When the kept part reaches the file's last row, the cut lies inside it: the last region
    is cut. For that region only rows in a complete (region, period) block or a complete
    (region, other dimensions) series are kept; a block or series is complete when it has
    as many rows as the largest one of the other regions (a cut after the 'Totaal' series of
    a region keeps that whole series). Regions after it are absent from the file.
    Region-first tables (empty ``lead``) only need (b).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ROW_LIMIT = 10_000


@dataclass(frozen=True)
class Cut:
    """The complete part of a table, a readable note on what was kept and its code
    (``complete`` or ``cut``: ``SourceInfo.completeness_code``)."""

    frame: pd.DataFrame
    rows_read: int
    note: str
    cut_region: str | None = None  # the last region label kept when the region list is cut
    code: str = "complete"

    @property
    def rows_kept(self) -> int:
        return len(self.frame)


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _span(label: str, periods: list[str] | None, kept: bool) -> str:
    if not kept:
        return f"{label} cut: no complete period, dropped" if periods is not None else (
            f"{label} cut, dropped"
        )
    if periods is None:
        return f"{label} complete"
    span = periods[0] if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"
    return f"{label} complete for {span}"


def complete_part(
    frame: pd.DataFrame,
    region: str,
    period: str | None,
    lead: list[str],
    row_limit: int = ROW_LIMIT,
    region_key: str | None = None,
    series: list[str] | None = None,
) -> Cut:
    """Apply rules (a) and (b) to ``frame`` (rows in file order, values stripped strings).

    ``region``/``period`` are column names (``period`` may be ``None``: one block per
    region); ``lead`` the dimension columns before the region column; ``region_key`` an
    optional column identifying regions better than the label (e.g. the table's own codes,
    for neighbourhood tables whose names repeat); ``series`` the dimensions after the region
    column other than the period (a region's series are complete per combination of them)."""
    rows = len(frame)
    if rows != row_limit or rows == 0:
        return Cut(frame, rows, "complete")
    head = f"cut at {_fmt(row_limit)} rows"
    kept = frame
    reaches_end = True
    notes: list[str] = []
    if lead:
        first = frame[lead].iloc[0]
        in_slice = frame[lead].eq(first).all(axis=1)
        kept = frame[in_slice]
        reaches_end = bool(in_slice.iloc[-1])
        slice_name = "/".join(str(v) for v in first)
        notes.append(f"first slice '{slice_name}'" + ("" if reaches_end else " complete"))
    cut_region = None
    if reaches_end:
        cut_region = str(kept[region].iloc[-1])
        kept, region_note = _drop_cut_region(kept, region, period, region_key or region,
                                             series or [])
        notes.append(region_note)
    return Cut(kept, rows, f"{head}: " + "; ".join(notes), cut_region, code="cut")


def _complete_groups(run: pd.Series, group: pd.Series, last_run: int) -> pd.Series:
    """Which rows of the last run belong to a group as large as the largest elsewhere."""
    sizes = group.groupby([run, group], sort=False).size()
    other = sizes[sizes.index.get_level_values(0) != last_run]
    full = int(other.max()) if len(other) else int(sizes.max())
    last_sizes = sizes[sizes.index.get_level_values(0) == last_run].droplevel(0)
    return group.isin(last_sizes[last_sizes == full].index) & (run == last_run)


def _joined(frame: pd.DataFrame, columns: list[str], sep: str) -> pd.Series:
    """The row-wise join of ``columns`` as text (column-wise, not one Python call per row)."""
    parts = [frame[c].astype(str) for c in columns]
    return parts[0].str.cat(parts[1:], sep=sep) if len(parts) > 1 else parts[0]


def _drop_cut_region(
    kept: pd.DataFrame, region: str, period: str | None, key: str, series: list[str]
) -> tuple[pd.DataFrame, str]:
    """Rule (b): keep only the complete blocks and series of the last region."""
    ids = kept[key]
    run = ids.ne(ids.shift()).cumsum()  # contiguous runs: robust to repeated labels
    last_run = run.iloc[-1]
    last_label = str(kept[region].iloc[-1])
    in_last = run == last_run
    block = kept[period] if period else pd.Series("", index=kept.index)
    in_block = _complete_groups(run, block, last_run)
    in_series = pd.Series(False, index=kept.index)
    if series and period:
        combo = _joined(kept, series, "|")
        in_series = _complete_groups(run, combo, last_run)
    drop = in_last & ~in_block & ~in_series
    complete_blocks = list(dict.fromkeys(block[in_block]))
    periods = [str(p) for p in complete_blocks] if period else None
    if in_series.any():
        names = ", ".join(dict.fromkeys(_joined(kept.loc[in_series], series, "/")))
        what = f"{last_label}: complete series {names}"
        if complete_blocks:
            what += "; " + _span(last_label, periods, kept=True)
    else:
        what = _span(last_label, periods, kept=len(complete_blocks) > 0)
    return kept[~drop], f"regions up to '{last_label}' ({what})"
