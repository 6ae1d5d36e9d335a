"""What a CBS table's measures count and when (``measures.yaml``): a stock at the start or
the end of the year or a flow over it, of persons, dwellings or area; and the measures whose
figures are final though their table says provisional. Validated by pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stadstrends.yamlfiles import PACKAGE, read_yaml

Timing = Literal["stock_start", "stock_end", "flow"]
Basis = Literal["persons", "dwellings", "area"]


class TableTypes(BaseModel):
    """When a table's measures are counted and what they count (``measures.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    timing: Timing
    basis: Basis
    measures: dict[str, Timing] = Field(default_factory=dict)
    final: list[str] = Field(
        default_factory=list, description="measures whose figures are final although the "
        "table's status (StatusCijfer Voorlopig) says provisional: the build marks them final")
    final_reason: str | None = Field(None, description="why (the check against a final table)")

    @model_validator(mode="after")
    def _final_explained(self) -> TableTypes:
        if self.final and not (self.final_reason or "").strip():
            raise ValueError(f"final measures {self.final} need a final_reason")
        return self


class MeasureTypes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tables: dict[str, TableTypes]

    def of(self, table: str, measure: str) -> tuple[str, str] | None:
        """``(timing, basis)`` of a measure, or None when its table is not declared."""
        found = {k.lower(): v for k, v in self.tables.items()}.get(str(table).lower())
        if found is None:
            return None
        return found.measures.get(measure, found.timing), found.basis

    def is_final(self, table: str, measure: str) -> bool:
        """True when ``measure`` of ``table`` is listed ``final``: its figures are final
        though the table's StatusCijfer says Voorlopig (60039fvw's population counts)."""
        found = {k.lower(): v for k, v in self.tables.items()}.get(str(table).lower())
        return found is not None and measure in found.final


def load_measure_types(path: Path | None = None) -> MeasureTypes:
    """Load and validate the measure types (default: the packaged ``measures.yaml``, read
    through its JSON copy); a :class:`~stadstrends.errors.YAMLFileError` (a CatalogueError)
    for a file that cannot be read, malformed YAML or an invalid entry
    (:func:`stadstrends.yamlfiles.read_yaml`)."""
    return read_yaml(packaged(path, "measures.yaml"), "the measure types", MeasureTypes)


def packaged(path: Path | None, name: str) -> Path:
    """``path``, or the packaged file ``name`` of this folder (read through its JSON copy)."""
    return Path(path) if path is not None else PACKAGE / "indicators" / name
