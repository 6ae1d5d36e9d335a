"""The packaged indicator catalogue against the real CBS snapshot.

Every source part must name a table the importer can read, a measure in the table's complete
part, `where` filters that match kept rows, and give at least one G40 city a value in its
years. Tables are read once per session (module-level cache).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from stadstrends.indicators.catalogue import (
    DOMAINS,
    Catalogue,
    Indicator,
    SourcePart,
    load_catalogue,
)
from stadstrends.ingest.labels import RegionLabels
from stadstrends.ingest.periods import parse_period
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.snapshot import read_table
from stadstrends.ingest.spec import SourceSpec

# Today's 41 G40 members (see src/stadstrends/regions/sets.yaml), kept here so that this test
# only depends on the catalogue and the importer.
G40 = (
    "GM0361", "GM0141", "GM0034", "GM0484", "GM0307", "GM0200", "GM0202", "GM0758", "GM0503",
    "GM0150", "GM0505", "GM0228", "GM0772", "GM0114", "GM0153", "GM0513", "GM0014", "GM0392",
    "GM0394", "GM0917", "GM0794", "GM0164", "GM0796", "GM0405", "GM0080", "GM0546", "GM0995",
    "GM0935", "GM0268", "GM0828", "GM1674", "GM0606", "GM1883", "GM0855", "GM0983", "GM0479",
    "GM0637", "GM0193", "GM0106", "GM0402", "GM0362",
)
MIN_INDICATORS = 55
MIN_PER_DOMAIN = 3
# Domains allowed fewer entries; the reason must be listed under '# Known gaps:' in the YAML.
THIN_DOMAINS = {"technology"}

CATALOGUE = load_catalogue()
_TABLES: dict[str, WideTable] = {}
_LABELS: dict[str, RegionLabels] = {}


def _parts() -> list[tuple[Indicator, str, int, SourcePart]]:
    found = []
    for ind in CATALOGUE.indicators:
        for role, parts in (("num", ind.numerator), ("den", ind.denominator or [])):
            for rank, part in enumerate(parts):
                found.append((ind, role, rank, part))
    return found


PARTS = _parts()
PART_IDS = [f"{ind.id}:{role}{rank}:{part.table}{'' if part.api == 'v3' else ':v4'}"
            for ind, role, rank, part in PARTS]


def _table(snapshot: Path, part: SourcePart) -> WideTable:
    """The source of a part: the v3 export or, for ``api: v4``, the recorded v4 responses."""
    key = f"{part.table.lower()} {part.api}"
    if key not in _TABLES:
        if "labels" not in _LABELS:
            _LABELS["labels"] = RegionLabels.from_snapshot(snapshot)
        spec = CATALOGUE.source_spec(part.table, part.api)
        _TABLES[key] = read_table(snapshot, spec, _LABELS["labels"])
    return _TABLES[key]


def _filters(part: SourcePart) -> dict[str, str]:
    pairs = [item.split("=", 1) for item in part.where]
    return {dim.strip(): value.strip() for dim, value in pairs}


def _rows(table: WideTable, part: SourcePart) -> pd.DataFrame:
    """Rows of the kept frame that this part selects (filters, period type/part, years)."""
    frame = table.frame
    for dim, value in _filters(part).items():
        frame = frame[frame[dim].astype(str).str.strip() == value]
    periods = {p: parse_period(p) for p in frame["period"].unique()}
    keep = frame["period"].map(
        lambda p: periods[p].period_type == part.period
        and (part.part is None or periods[p].part == part.part)
        and (part.years is None or (
            periods[p].year is not None and part.years[0] <= periods[p].year <= part.years[1]))
    )
    return frame[keep.astype(bool)]


# -- the catalogue as a whole -----------------------------------------------------------------


def test_catalogue_size_and_domains():
    counts = Counter(ind.domain for ind in CATALOGUE.indicators)
    assert len(CATALOGUE.indicators) >= MIN_INDICATORS
    assert set(counts) == set(DOMAINS)
    thin = {d: n for d, n in counts.items() if n < MIN_PER_DOMAIN and d not in THIN_DOMAINS}
    assert not thin, f"domains with fewer than {MIN_PER_DOMAIN} indicators: {thin}"


def test_thin_domains_are_documented_as_known_gaps():
    counts = Counter(ind.domain for ind in CATALOGUE.indicators)
    for domain in THIN_DOMAINS:
        if counts[domain] < MIN_PER_DOMAIN:
            assert CATALOGUE.known_gaps.get(domain), f"no known-gap note for {domain}"


def test_population_entry_is_kept():
    population = CATALOGUE.get("population")
    assert population.method == "count"
    assert population.domain == "demography"


def test_key_indicators_per_domain():
    keys = Counter(ind.domain for ind in CATALOGUE.indicators if ind.key)
    for domain in DOMAINS:
        assert 2 <= keys[domain] <= 4, f"{domain}: {keys[domain]} key indicators"


def test_texts_units_and_rates():
    for ind in CATALOGUE.indicators:
        for text in (ind.title_nl, ind.title_en, ind.description_nl, ind.description_en):
            assert text.strip(), ind.id
        assert ind.description_nl.rstrip().endswith("."), ind.id
        assert ind.opgaven, f"{ind.id}: no opgaven"
        if ind.unit == "%":
            assert ind.method in ("ratio", "weighted_mean", "level"), ind.id
            if ind.method == "ratio":
                assert ind.scale == 100, f"{ind.id}: a share in % needs scale 100"
        if ind.unit.startswith("per 1 000") and ind.method == "ratio":
            assert ind.scale == 1000, f"{ind.id}: a rate per 1 000 needs scale 1000"


def _years(parts: list[SourcePart]) -> set[int]:
    return {y for p in parts if p.years for y in range(p.years[0], p.years[1] + 1)}


def test_sources_say_which_api_and_filter():
    """v4 parts name a listed source; every listed source is used by a part."""
    listed = {(o.table.lower(), o.api) for o in CATALOGUE.sources}
    used = {(p.table.lower(), p.api) for _, _, _, p in PARTS if p.api == "v4"}
    assert used == listed == {("03759ned", "v4"), ("83625ned", "v4")}
    population = CATALOGUE.source_spec("03759ned", "v4")
    assert population.filter and "Leeftijd eq '10000'" in population.filter
    assert CATALOGUE.source_spec("83648NED") == SourceSpec("83648NED")  # v3 by default


def test_a_source_listed_twice_is_refused():
    data = CATALOGUE.model_dump()
    data["sources"].append(dict(data["sources"][0]))
    with pytest.raises(ValueError, match="listed twice"):
        Catalogue.model_validate(data)


def test_denominator_parts_line_up_with_numerator_parts():
    """Explicit denominators mirror the numerator's years, so each year pairs one source."""
    for ind in CATALOGUE.indicators:
        if not ind.denominator:
            continue
        num_years = _years(ind.numerator)
        den_years = _years(ind.denominator)
        assert num_years <= den_years, f"{ind.id}: numerator years without a denominator part"


# -- every source part against the snapshot --------------------------------------------------


@pytest.mark.parametrize(("ind", "role", "rank", "part"), PARTS, ids=PART_IDS)
def test_part_reads_from_snapshot(shared_data, ind, role, rank, part):
    table = _table(shared_data, part)
    for measure, _ in part.terms:
        assert measure in table.measures, (
            f"{ind.id}: measure {measure} not in {part.table} "
            f"(complete part: {table.source.completeness})"
        )
    frame = table.frame
    for dim, value in _filters(part).items():
        assert dim in table.dimensions, f"{ind.id}: {part.table} has no dimension {dim}"
        values = set(frame[dim].astype(str).str.strip())
        assert value in values, f"{ind.id}: {dim}={value!r} not in kept rows {sorted(values)[:5]}"


@pytest.mark.parametrize(("ind", "role", "rank", "part"), PARTS, ids=PART_IDS)
def test_part_selects_one_row_per_region_and_period(shared_data, ind, role, rank, part):
    """A dimension that still varies in the kept part must be filtered (else ambiguous)."""
    table = _table(shared_data, part)
    rows = _rows(table, part)
    filtered = set(_filters(part))
    for dim in table.dimensions:
        if dim not in filtered:
            assert rows[dim].nunique(dropna=False) <= 1, (
                f"{ind.id}: {part.table} has several values of {dim}; add a where filter"
            )
    coded = rows[rows["region_code"].notna()]
    assert not coded.duplicated(["region_code", "period"]).any(), ind.id


@pytest.mark.parametrize(("ind", "role", "rank", "part"), PARTS, ids=PART_IDS)
def test_part_has_g40_values(shared_data, ind, role, rank, part):
    table = _table(shared_data, part)
    rows = _rows(table, part)
    assert len(rows), (
        f"{ind.id}: no kept rows for period={part.period} part={part.part} years={part.years}"
    )
    g40 = rows[rows["region_code"].isin(G40)]
    terms = [measure for measure, _ in part.terms]
    if rows[terms].isna().all(axis=None):
        # a part read only for its empty rows (60039fvw's 2020-2022: CBS has a row for every
        # municipality, no age figure), so those years say 'waarde ontbreekt in de bron'
        # rather than 'geen bron'; the rows must exist for the municipalities, G40 included
        assert g40["region_code"].nunique() >= 30, (
            f"{ind.id}: {part.table} {part.years} has no values and no rows for the G40")
        return
    assert g40[terms].notna().all(axis=1).any(), (
        f"{ind.id}: no G40 city has a value of {part.table}.{part.measure} in {part.years}"
    )


def test_measure_expressions_parse_into_signed_terms():
    from stadstrends.indicators.catalogue import SourcePart

    part = SourcePart(table="T", measure="A_1 + B_2 - C_3")
    assert part.terms == [("A_1", 1.0), ("B_2", 1.0), ("C_3", -1.0)]
    with pytest.raises(ValueError):
        SourcePart(table="T", measure="A_1 * 2")
