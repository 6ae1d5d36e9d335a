"""Stage: harmonise."""
