"""What to read for one source: table id, CBS API (v3 or v4), server-side filter, age bands.

The indicator catalogue says per source which API to use (``sources:`` and ``api:`` of a
part); the build hands a :class:`SourceSpec` to the table reader, which reads it from the
snapshot folder (v3 exports or recorded v4 responses) or fetches it live.
"""

from __future__ import annotations

from dataclasses import dataclass

APIS = ("v3", "v4")


@dataclass(frozen=True)
class SourceSpec:
    """One source to read. ``table`` keeps CBS casing (``03759ned``, ``83625NED``)."""

    table: str
    api: str = "v3"
    filter: str | None = None  # OData $filter (v4), applied by the server
    age_bands: tuple[tuple[str, int, int | None], ...] = ()  # (name, from, to or None)

    def __post_init__(self) -> None:
        if self.api not in APIS:
            raise ValueError(f"unknown CBS API {self.api!r}; use one of {APIS}")

    @property
    def key(self) -> str:
        """``83625NED`` for v3, ``83625NED (v4)`` for v4."""
        return self.table if self.api == "v3" else f"{self.table} ({self.api})"

    def bands(self) -> dict[str, tuple[int, int | None]] | None:
        """Age bands as ``{name: (from, to)}``, or ``None``."""
        return {name: (low, high) for name, low, high in self.age_bands} or None

    def __str__(self) -> str:
        return self.key


def as_spec(source: str | SourceSpec) -> SourceSpec:
    """A plain table id is a v3 source without options."""
    return source if isinstance(source, SourceSpec) else SourceSpec(str(source).strip())
