"""``python -m netops``: the command line."""

from netops.cli import main

main()
