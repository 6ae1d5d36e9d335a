"""Stage: warehouse."""
