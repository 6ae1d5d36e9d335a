"""A label in both languages, as configuration files write it: ``{nl: ..., en: ...}``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Label(BaseModel):
    """Dutch and English text of one label (both required, nothing else allowed)."""

    model_config = ConfigDict(extra="forbid")
    nl: str
    en: str
