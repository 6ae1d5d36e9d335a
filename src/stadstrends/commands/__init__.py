"""The command line's commands, one module per group; :mod:`stadstrends.cli` puts them
on one app. Shared options and consoles are in :mod:`.options`."""
