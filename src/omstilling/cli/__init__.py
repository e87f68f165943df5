"""The ``omstilling`` command: a thin shell over the library's API.

Exit status: 0 when everything asked for succeeded, 1 when an input has problems
(each printed on its own line naming the file and the path to the field), 2 for a
wrong command line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from .._messages import _, default_language, language_from_environment
from . import _cycle, _plugins, _programmes, _reports  # noqa: F401  (they add the commands)
from ._common import cli

__all__ = ["cli", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``)."""
    # messages in the locale's language, unless --lang chooses one
    with default_language(language_from_environment()):
        try:
            cli.main(args=list(argv) if argv is not None else None, prog_name="omstilling")
        except KeyboardInterrupt:
            click.echo(_("interrupted"), err=True)
            sys.exit(130)
