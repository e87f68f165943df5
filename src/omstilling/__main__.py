"""``python -m omstilling``: the same as the ``omstilling`` command."""

from .cli import main

main()
