"""The contract every ingest source fulfils: a wide table plus its provenance.

Both the live CBS OData client and the snapshot importer produce :class:`WideTable`.
:func:`stadstrends.ingest.normalise.to_observations` turns it into long raw observations
(one row per region x period x dimension combination x measure), the ingest stage's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class SourceInfo:
    """Where a table came from and how much of it is usable."""

    table_id: str  # CBS table identifier as CBS writes it, e.g. "83648NED", "37259eng"
    title: str
    origin: str  # "snapshot" or "odata"
    location: str  # file path (snapshot) or request URL (odata)
    sha256: str  # of the file, or of the concatenated cached responses
    retrieved_at: str  # ISO 8601; for a snapshot: the file's modification time
    modified: str | None = None  # the table's Modified date according to CBS, if known
    rows_read: int = 0
    rows_kept: int = 0
    completeness: str = "complete"  # e.g. "complete", "first slice Totaal; regions up to Veere"
    # the same as a code (words for users: locale section ``source_coverage``): complete,
    # cut (at the row limit; ``cut_after`` says where when the region list is cut),
    # recorded_slice (a v4 recording of part of the table), not_read
    completeness_code: str = "complete"
    # the last region label in a file cut at the row limit inside its region list (regions
    # after it are absent), e.g. "Veere"; None when no region is cut off
    cut_after: str | None = None
    api: str = "v3"  # CBS OData API the data came from (or was recorded from): v3 or v4
    left_out: str = ""  # columns not loaded, e.g. "text topics: MeestVoorkomendePostcode_125"
    # columns of numbers whose name lacks CBS's '_<number>' end, not read (a measure renamed:
    # ``InwonersTotaal_1X``; :func:`~stadstrends.ingest.edge.renamed_measures`), comma-separated
    renamed_columns: str = ""
    # CBS's own title per language from the table metadata (TableInfos, v4 Properties);
    # None when the metadata at hand does not give it (``title`` is then a description)
    title_nl: str | None = None
    title_en: str | None = None
    # what ``retrieved_at`` is: 'retrieved' (the day or month of the download from CBS),
    # 'copy' (the commit date of a copy of CBS's file: downloaded that day or before),
    # 'file' (the file's modification time: no download date known)
    retrieved_kind: str = "retrieved"


@dataclass
class WideTable:
    """A CBS table as read, cut to its complete part.

    ``frame`` columns:
      - ``region_label``: the label as CBS wrote it (or the key, for OData), stripped
      - ``region_code``: cleaned code (``GM0363``, ``CR17``, ``PV27``, ``LD01``, ``NL01``,
        ``WK036300``, ``BU...``); ``None`` when the label is not a known region
      - ``period``: the raw period label or key (``2019``, ``2019JJ00``, ``1e halfjaar 2019``)
      - one column per name in ``dimensions`` (other dimensions, as labels/keys, stripped)
      - one float column per name in ``measures`` (NaN = missing/secret)
    ``period_status`` maps a raw period to ``definitief``/``voorlopig``/... when known.
    ``cell_status`` maps a measure to a frame column holding the status of its missing cells
    (``impossible``, ``confidential``, ``not available``: v4 ``ValueAttribute``;
    ``geheim`` for CBS's ``x``, ``onbekend`` for ``.`` in the exports).
    """

    source: SourceInfo
    dimensions: list[str]
    measures: list[str]
    frame: pd.DataFrame
    period_status: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # measure -> unit, when known
    cell_status: dict[str, str] = field(default_factory=dict)  # measure -> status column
