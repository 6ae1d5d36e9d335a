"""``python -m stadstrends``: the command line."""

from stadstrends.cli import main

main()
