"""The web app: `stadstrends serve` (pages in Dutch/English and a JSON API)."""
