"""Stage: indicators."""
