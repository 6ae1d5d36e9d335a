"""Stadstrends: data-driven trend studies for Dutch municipalities from CBS statistics."""

__version__ = "0.1.0"
CREDIT = "Bron: CBS (CC BY 4.0)"
