"""The `stadstrends report` command (registered on :data:`stadstrends.cli.app`)."""

from __future__ import annotations

from stadstrends.cli import app  # noqa: F401
