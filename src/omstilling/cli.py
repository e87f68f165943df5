"""The ``omstilling`` command: a thin shell over the library's API.

Exit status: 0 when everything asked for succeeded, 1 when an input has problems
(each printed on its own line naming the file and the path to the field), 2 for a
wrong command line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from .model import Programme

__all__ = ["main"]


def _money(amount: Decimal, currency: str) -> str:
    whole = f"{amount:,.0f}".replace(",", " ")
    return f"{whole} {currency}"


def _load_each(files: Sequence[str]) -> Iterator[tuple[str, Programme | None]]:
    """Load each file in turn; print the problems of one that cannot be loaded and
    give ``None`` for it."""
    from .serialize import ProgrammeFileError, load

    for file in files:
        try:
            yield file, load(file)
        except ProgrammeFileError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            yield file, None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="omstilling")
def cli() -> None:
    """Turn transformation programmes into structured data and reports."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(files: Sequence[str], strict: bool) -> None:
    """Check programme files (YAML or JSON) and report every problem.

    Prints one line per problem, naming the file and the path to the field, and
    exits 1 if any file has a problem.
    """
    from .lint import lint

    failed = False
    for file, programme in _load_each(files):
        if programme is None:
            failed = True
            continue
        warnings = lint(programme)
        for warning in warnings:
            click.echo(f"{file}: warning: {warning}", err=True)
        if warnings and strict:
            failed = True
        else:
            click.echo(f"{file}: valid")
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def summary(files: Sequence[str]) -> None:
    """Validate programme files and summarise what each holds."""
    from .summary import summarise

    failed = False
    for number, (file, programme) in enumerate(_load_each(files)):
        if programme is None:
            failed = True
            continue
        s = summarise(programme)
        if number:
            click.echo()
        click.echo(f"{file}: {s.name} ({s.id})")
        click.echo(f"  owner:         {s.owner}")
        click.echo(f"  participants:  {s.participants}")
        click.echo(f"  areas:         {s.project_areas}")
        click.echo(f"  subprojects:   {s.subprojects}")
        click.echo(f"  milestones:    {s.milestones} ({s.milestones_done} done)")
        click.echo(f"  activities:    {s.activities}")
        click.echo(f"  decisions:     {s.decisions} ({s.decision_items} items)")
        savings = ""
        if s.savings_target is not None:
            savings = f", target {_money(s.savings_target.amount, s.savings_target.currency)}"
        if s.savings_realised is not None:
            realised = _money(s.savings_realised.amount, s.savings_realised.currency)
            savings += f", realised {realised}"
        click.echo(f"  measures:      {s.measures}{savings}")
        click.echo(f"  indicators:    {s.indicators}")
        click.echo(f"  events:        {s.events}")
        periods = ", ".join(str(p) for p in s.status_periods) or "none"
        click.echo(f"  status for:    {periods}")
        click.echo(f"  people:        {s.people}")
        click.echo(f"  documents:     {s.documents}")
    sys.exit(1 if failed else 0)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file instead of standard output.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of programme files."""
    from ._atomic import atomic_write
    from .serialize import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            atomic_write(output, text.encode("utf-8"))
        except OSError as exc:
            click.echo(f"{output}: {exc.strerror or exc}", err=True)
            sys.exit(1)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="omstilling")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
