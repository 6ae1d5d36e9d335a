"""Self-audit: recompute simple count/ratio indicators from the raw CBS cells, independently.

Usage: python bench/audit.py [--db stadstrends.duckdb] [--snapshot ../shared/data] [--list N]

Plain pandas, none of the warehouse code path: the catalogue YAML is read as data, every
source file is read with ``pandas.read_csv``, region labels are mapped to codes with the
exact labels of 70739ned (ambiguous labels are left out), and a ``count`` is the raw cell
(times the part's scale), a ``ratio`` raw numerator / raw denominator x scale, taking per
year the first catalogue part that covers it and has data.

Only municipality-years that need no harmonisation are compared: the code existed the whole
year and CBS's register (03759ned RegioS descriptions) names no change of it after
1 January of that year, so its boundaries then are today's. Indicators whose parts need
more than this (half years, projections on fixed boundaries, non-CBS files,
``level``/``weighted_mean``) are skipped.

Reports: compared cells, mismatches > 0.5 %, warehouse gaps where the raw inputs exist,
and warehouse values without raw inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "src" / "stadstrends" / "indicators" / "catalogue.yaml"
TOLERANCE = 0.005
ROW_LIMIT = 10_000
MEASURE = re.compile(r"_\d+$")


def _labels(snapshot: Path) -> pd.DataFrame:
    """70739ned: label, code, begin, end (a label may name several codes over time)."""
    raw = pd.read_csv(snapshot / "cbs_statline_dump/herindeling/70739ned.csv", sep=";",
                      dtype=str, encoding="utf-8-sig", keep_default_na=False)
    frame = pd.DataFrame({
        "label": raw["RegioS"].str.strip(),
        "code": raw["GebiedsOfGemeentecode_3"].str.strip(),
        "begin": pd.to_numeric(raw["BegindatumSorteerveld_6"].str.strip().str[:4]),
        "end": pd.to_numeric(raw["EinddatumSorteerveld_7"].str.strip().str[:4],
                             errors="coerce").fillna(9999),
    })
    national = pd.DataFrame([("Nederland", "NL01", 1800, 9999)], columns=frame.columns)
    return pd.concat([frame, national], ignore_index=True)


def _codes(labels: pd.DataFrame, region: pd.Series, years: pd.Series) -> pd.Series:
    """The code each label had in that year (the one valid on 1 January, else during it)."""
    rows = pd.DataFrame({"label": region.to_numpy(), "year": years.to_numpy(),
                         "row": region.index})
    def pick(cand: pd.DataFrame) -> pd.Series:
        fits = cand[(cand["begin"] <= cand["year"]) & (cand["end"] > cand["year"])]
        fits = fits.sort_values("begin").drop_duplicates("row", keep="last")
        return pd.Series(fits["code"].to_numpy(), index=fits["row"])

    exact = pick(rows.merge(labels, on="label"))
    # a plain name ('Hengelo', 'Utrecht') is the one municipality of that name in that year
    gm = labels[labels["code"].str.startswith("GM")]
    gm = gm.assign(label=gm["label"].str.replace(r"\s*\([^()]*\)$", "", regex=True))
    rest = rows[~rows["row"].isin(exact.index)]
    cand = rest.merge(gm, on="label")
    cand = cand[(cand["begin"] <= cand["year"]) & (cand["end"] > cand["year"])]
    unique = cand.groupby("row").filter(lambda g: len(g) == 1)
    plain = pd.Series(unique["code"].to_numpy(), index=unique["row"])
    return pd.concat([exact, plain]).reindex(region.index)


def _validity(snapshot: Path) -> pd.DataFrame:
    raw = pd.read_csv(snapshot / "cbs_statline_dump/herindeling/70739ned.csv", sep=";",
                      dtype=str, encoding="utf-8-sig", keep_default_na=False)
    return pd.DataFrame({
        "code": raw["GebiedsOfGemeentecode_3"].str.strip(),
        "begin": pd.to_datetime(raw["BegindatumSorteerveld_6"].str.strip(), format="%Y%m%d"),
        "end": pd.to_datetime(raw["EinddatumSorteerveld_7"].str.strip(), format="%Y%m%d",
                              errors="coerce"),
    })


def _last_change(snapshot: Path) -> dict[str, dt.date]:
    """The latest date of any change CBS's register mentions for a code (each change is
    written in the descriptions of both codes involved)."""
    path = snapshot / "cbs_odata4_v4_responses/03759ned/codes-RegioS.json"
    out = {}
    for item in json.loads(path.read_text(encoding="utf-8"))["value"]:
        dates = re.findall(r"per (\d{2}-\d{2}-\d{4})", item.get("Description") or "")
        if dates:
            out[item["Identifier"]] = max(
                dt.datetime.strptime(d, "%d-%m-%Y").date() for d in dates)
    return out


def _untouched(snapshot: Path, years: range) -> set[tuple[str, int]]:
    valid = _validity(snapshot)
    last = _last_change(snapshot)
    keep = set()
    for row in valid[valid["code"].str.startswith("GM")].itertuples():
        for year in years:
            start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
            if row.begin <= start and (pd.isna(row.end) or row.end >= end):
                changed = last.get(row.code)
                if changed is None or changed <= start.date():
                    keep.add((row.code, year))
    return keep


def _read_statline(path: Path, labels: pd.DataFrame) -> pd.DataFrame:
    raw = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    raw = raw.apply(lambda s: s.str.strip())
    dims = [c for c in raw.columns[1:] if not MEASURE.search(c)]
    region = next(c for c in ["WerkregioS", "RegioS", *dims]
                  if c in dims and (c.startswith("Regio") or c in ("WerkregioS",
                                                                  "WijkenEnBuurten")))
    if len(raw) == ROW_LIMIT:  # the export stops at 10 000 rows
        lead = dims[: dims.index(region)]
        if lead:
            raw = raw[(raw[lead] == raw[lead].iloc[0]).all(axis=1)]
        if raw.index[-1] == ROW_LIMIT - 1:  # the last region is cut: left out entirely
            cut = raw[region].iloc[-1]
            raw = raw[raw[region] != cut]
            raw.attrs["cut"] = cut
    own = next((c for c in raw.columns if re.match(r"^(Regiocode\w*|Codering)_\d+$", c)), None)
    period = raw["Perioden"] if "Perioden" in raw.columns else pd.Series("2024", index=raw.index)
    year = pd.to_numeric(period.str[:4], errors="coerce").fillna(2024)
    codes = _codes(labels, raw[region], year)
    if own:
        codes = raw[own].where(raw[own].str.match(r"^(GM|PV|CR|NL|WK|BU)\d"), codes)
    return raw.assign(__code__=codes, __period__=period)


def _read_37259(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    raw = raw.apply(lambda s: s.str.strip())
    return raw.assign(__code__=raw["Regions"], __period__=raw["Periods"],
                      Sex=raw["Sex Label"])


def _files(snapshot: Path) -> dict[str, Path]:
    out = {p.stem.lower(): p for p in (snapshot / "cbs_statline_dump").rglob("*.csv")}
    out["37259eng"] = (snapshot / "cbs_37259eng_population_dynamics"
                       / "250112_CLEAN_population_regional_NL.csv")
    return out


def _year(period: pd.Series, kind: str, part: int | None) -> pd.Series:
    text = period.fillna("").str.replace("*", "", regex=False).str.strip()
    if kind == "year":
        m = text.str.extract(r"^(\d{4})(?:JJ00)?$")[0]
    elif kind == "month" and part == 12:
        m = text.str.extract(r"^(\d{4})(?: december|MM12)$")[0]
    else:
        return pd.Series(pd.NA, index=period.index, dtype="Int64")
    return pd.to_numeric(m, errors="coerce").astype("Int64")


class Raw:
    """Raw cells of one catalogue part, per (code, year)."""

    def __init__(self, snapshot: Path):
        self.snapshot = snapshot
        self.labels = _labels(snapshot)
        self.files = _files(snapshot)
        self.cache: dict[str, pd.DataFrame] = {}
        self.cut_codes: set[str] = set()  # the audit leaves cut regions out

    def table(self, table: str) -> pd.DataFrame | None:
        key = str(table).lower()
        if key not in self.cache:
            path = self.files.get(key)
            if path is None:
                return None
            self.cache[key] = (_read_37259(path) if key == "37259eng"
                               else _read_statline(path, self.labels))
            if cut := self.cache[key].attrs.get("cut"):
                code = _codes(self.labels, pd.Series([cut]), pd.Series([2020]))
                self.cut_codes |= set(code.dropna())
        return self.cache[key]

    def v4(self, table: str) -> pd.DataFrame | None:
        """A recorded OData v4 observations page: one row per cell, codes throughout."""
        key = f"v4:{table.lower()}"
        if key not in self.cache:
            path = self.snapshot / "cbs_odata4_v4_responses" / table / "observations-page-1.json"
            if not path.exists():
                return None
            cells = pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))["value"])
            wide = cells.pivot_table(index=[c for c in cells.columns if c not in (
                "Id", "Measure", "ValueAttribute", "Value", "StringValue")],
                columns="Measure", values="Value", aggfunc="first").reset_index()
            wide.columns = [str(c) for c in wide.columns]
            self.cache[key] = wide.assign(__code__=wide["RegioS"], __period__=wide["Perioden"])
        return self.cache[key]

    def part(self, part: dict, offset: int) -> pd.Series | None:
        frame = (self.v4(part["table"]) if part.get("api") == "v4"
                 else self.table(part["table"]))
        if frame is None:
            return None
        for item in part.get("where", []):
            dim, value = item.split("=", 1)
            if dim not in frame.columns:
                return None
            frame = frame[frame[dim] == value]
        years = _year(frame["__period__"], part.get("period", "year"), part.get("part"))
        terms = re.findall(r"([+-]?)\s*(\w+)", part["measure"])
        total = pd.Series(0.0, index=frame.index)
        for sign, key in terms:
            if key not in frame.columns:
                return None
            values = pd.to_numeric(frame[key], errors="coerce").astype(float)
            total = total + (-values if sign == "-" else values)
        out = pd.DataFrame({"code": frame["__code__"], "year": years + offset,
                            "value": total * float(part.get("scale", 1.0))})
        out = out.dropna(subset=["code", "year"])
        if part.get("years"):
            lo, hi = part["years"]
            out = out[(out["year"] - offset).between(lo, hi)]
        return out.groupby(["code", "year"])["value"].first()


def _series(raw: Raw, parts: list[dict], offset: int) -> pd.Series | None:
    """Per year the first part (catalogue order) that covers it and has data there."""
    chosen = []
    taken: set[int] = set()
    for part in parts:
        values = raw.part(part, offset)
        if values is None:
            return None
        years = set(values.dropna().index.get_level_values("year"))
        fresh = years - taken
        chosen.append(values[values.index.get_level_values("year").isin(fresh)])
        taken |= fresh
    return pd.concat(chosen) if chosen else None


def _simple(ind: dict) -> bool:
    parts = ind["numerator"] + (ind.get("denominator") or [])
    return ind["method"] in ("count", "ratio") and all(
        (p.get("period", "year") == "year" or (p.get("period") == "month" and p.get("part") == 12))
        and not p.get("boundary_year")  # projections on fixed boundaries need harmonising
        for p in parts)


def recompute(snapshot: Path) -> tuple[pd.DataFrame, list[str], set[str]]:
    """Independent values ``indicator_id, code, year, value`` and the indicators skipped."""
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in catalogue["indicators"]}
    raw = Raw(snapshot)
    frames, skipped = [], []
    for ind in catalogue["indicators"]:
        if not _simple(ind):
            continue
        offset = ind.get("year_offset", 0)
        num = _series(raw, ind["numerator"], offset)
        if ind.get("denominator"):
            den = _series(raw, ind["denominator"], offset)
        elif ind.get("denominator_indicator"):
            ref = by_id[ind["denominator_indicator"]]
            den = _series(raw, ref["numerator"], ref.get("year_offset", 0))
        else:
            den = None
        if num is None or (ind["method"] == "ratio" and den is None):
            skipped.append(ind["id"])
            continue
        scale = float(ind.get("scale", 1.0))
        if ind["method"] == "ratio":
            both = pd.concat([num.rename("n"), den.rename("d")], axis=1)
            value = both["n"] / both["d"].where(both["d"] != 0) * scale
            present = both["n"].notna() & both["d"].notna()
        else:
            value, present = num * scale, num.notna()
        frame = value.rename("value").reset_index().assign(has_inputs=present.to_numpy())
        frames.append(frame.assign(indicator_id=ind["id"], offset=offset))
    return pd.concat(frames, ignore_index=True), skipped, raw.cut_codes


def audit(db: Path, snapshot: Path) -> dict:
    audit_values, skipped, cut_codes = recompute(snapshot)
    with duckdb.connect(str(db), read_only=True) as con:
        built = con.execute(
            "SELECT indicator_id, region_code AS code, year, value AS built "
            "FROM indicator_results WHERE region_code LIKE 'GM%'").df()
        current = {r[0] for r in con.execute(
            "SELECT region_code FROM regions WHERE level = 'gemeente' AND valid_to IS NULL"
        ).fetchall()}
    years = range(int(built["year"].min()), int(built["year"].max()) + 1)
    untouched = _untouched(snapshot, years)
    ids = set(audit_values["indicator_id"])
    built = built[built["indicator_id"].isin(ids)]
    both = built.merge(audit_values, on=["indicator_id", "code", "year"], how="outer")
    offsets = audit_values.groupby("indicator_id")["offset"].first()
    data_year = both["year"] - both["indicator_id"].map(offsets).fillna(0).astype(int)
    keep = [(c, y) in untouched and (c, d) in untouched and c in current
            for c, y, d in zip(both["code"], both["year"], data_year, strict=True)]
    both = both[keep]
    both = both[~both["code"].isin(cut_codes)]
    # codes the audit could not map from a table's labels are not 'without inputs'
    mapped = set(zip(audit_values["indicator_id"], audit_values["code"], strict=True))
    mappable = pd.Series([(i, c) in mapped for i, c in zip(both["indicator_id"], both["code"],
                                                               strict=True)], index=both.index)
    has_inputs = both["has_inputs"].fillna(False).astype(bool)
    compared = both[both["built"].notna() & both["value"].notna()]
    diff = (compared["built"] - compared["value"]).abs()
    bad = compared[diff > TOLERANCE * compared["value"].abs().clip(lower=1e-9)]
    gaps = both[both["built"].isna() & has_inputs & both["value"].notna()]
    no_inputs = both[both["built"].notna() & ~has_inputs & mappable]
    return {"compared": len(compared), "mismatches": bad, "gaps": gaps,
            "without_inputs": no_inputs, "skipped": skipped,
            "indicators": sorted(ids)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=REPO / "stadstrends.duckdb")
    parser.add_argument("--snapshot", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--list", type=int, default=10, help="rows of each kind to show")
    args = parser.parse_args()
    result = audit(args.db, args.snapshot)
    print(f"indicators audited: {len(result['indicators'])} "
          f"(skipped, inputs not readable here: {', '.join(result['skipped']) or 'none'})")
    print(f"compared municipality-year values: {result['compared']}")
    print(f"mismatches > {TOLERANCE:.1%}: {len(result['mismatches'])}")
    print(f"warehouse gaps although the raw inputs exist: {len(result['gaps'])}")
    print(f"warehouse values without raw inputs: {len(result['without_inputs'])}")
    with pd.option_context("display.width", 160, "display.max_columns", 10):
        for name in ("mismatches", "gaps", "without_inputs"):
            frame = result[name]
            if len(frame):
                print(f"\n{name} by indicator:")
                print(frame.groupby("indicator_id").size().sort_values(ascending=False)
                      .head(args.list).to_string())
                print(frame.head(args.list).to_string(index=False))


if __name__ == "__main__":
    main()
