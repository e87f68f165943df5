"""``python -m omstilling.cli``: the command line, as ``omstilling`` runs it."""

from . import main

main()
