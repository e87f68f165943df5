"""Commands that read programme files: validate, summary, diff, schema, migrate."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from .._messages import _
from ._common import (
    _JSON,
    _LANG,
    _MESSAGE_LANG,
    _STDIN_FORMAT,
    _as_messages,
    _echo_json,
    _fail,
    _Format,
    _load_each,
    _say_waiting,
    cli,
)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_STDIN_FORMAT
@_MESSAGE_LANG
@_JSON
def validate(files: Sequence[str], strict: bool, fmt: _Format, as_json: bool) -> None:
    """Check programme files (YAML or JSON; - for standard input) and report every
    problem.

    Prints one line per problem on standard error, naming the file and the path to
    the field, and exits 1 if any file has a problem. With --json, standard output
    is one JSON document: {"valid": …, "files": [{"file", "valid", "problems",
    "warnings"}]}, each problem with file, path, message, code, line and column.
    """
    from ..cycle import problem_data
    from ..lint import lint

    failed, results = False, []
    for file, programme, problems in _load_each(files, fmt):
        warnings = lint(programme) if programme is not None else []
        for warning in warnings:
            click.echo(f"{file}: " + _("warning: {message}").format(message=warning), err=True)
        valid = programme is not None and not (warnings and strict)
        failed = failed or not valid
        if valid and not as_json:
            click.echo(f"{file}: " + _("valid"))
        results.append(
            {
                "file": file,
                "valid": valid,
                "problems": [problem_data(problem, file) for problem in problems],
                "warnings": [problem_data(warning, file) for warning in warnings],
            }
        )
    if as_json:
        _echo_json({"valid": not failed, "files": results})
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_STDIN_FORMAT
@_MESSAGE_LANG
@_JSON
def summary(files: Sequence[str], fmt: _Format, as_json: bool) -> None:
    """Validate programme files (- for standard input) and summarise what each holds.

    With --json, standard output is one JSON document: {"files": [{"file",
    "summary", "problems"}]}; problems are also printed on standard error.
    """
    from ..cycle import problem_data, summary_data, summary_lines
    from ..summary import summarise

    failed, results = False, []
    for number, (file, programme, problems) in enumerate(_load_each(files, fmt)):
        failed = failed or programme is None
        s = summarise(programme) if programme is not None else None
        results.append(
            {
                "file": file,
                "summary": summary_data(s) if s is not None else None,
                "problems": [problem_data(problem, file) for problem in problems],
            }
        )
        if s is not None and not as_json:
            click.echo(("\n" if number else "") + "\n".join(summary_lines(file, s)))
    if as_json:
        _echo_json({"files": results})
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("old", type=click.Path(allow_dash=True))
@click.argument("new", type=click.Path(allow_dash=True))
@_STDIN_FORMAT
@_LANG
@_JSON
def diff(old: str, new: str, fmt: _Format, language: str | None, as_json: bool) -> None:
    """Show what changed from programme file OLD to NEW, entity by entity and field
    by field, one line each. Either may be - (standard input) or a backup
    (plan.yaml.~1~). With --json, a list of changes: kind, id, change, field, old,
    new, text. Exits 0 when they hold the same programme, 1 when they differ, 2 when
    a file cannot be read or is not valid.
    """
    from ..cycle import diff_programmes
    from ..errors import OmstillingError
    from ..files import load_source

    if old == new == "-":
        raise click.UsageError(_("only one of OLD and NEW can be standard input (-)"))
    try:
        before, after = (load_source(f, fmt=fmt if f == "-" else None) for f in (old, new))
        differences = diff_programmes(before, after, language=language)
    except OmstillingError as exc:
        _fail(exc.lines(), 2)
    if as_json:
        _echo_json([difference.to_data() for difference in differences])
    else:
        for difference in differences:
            click.echo(difference.text)
    sys.exit(1 if differences else 0)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write the schema to this file instead of standard output (-).",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of programme files."""
    from ..files import atomic_write, json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        try:
            atomic_write(output, text.encode("utf-8"))
        except OSError as exc:
            click.echo(f"{output}: {exc.strerror or exc}", err=True)
            sys.exit(1)


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--no-backup", is_flag=True, help="Do not keep the previous version of the file.")
def migrate(programme_file: str, dry_run: bool, no_backup: bool) -> None:
    """Upgrade PROGRAMME from an earlier schema_version to the current one, in place,
    keeping its comments and layout; the previous version is kept as PROGRAMME.~N~.
    A file that is current already is left untouched."""
    from ..cycle import migrate_file

    with _as_messages(programme_file, after=f"{programme_file}: " + _("not changed")):
        result = migrate_file(
            programme_file, dry_run=dry_run, keep_previous=not no_backup, on_wait=_say_waiting
        )
    versions = {"old": result.from_version, "new": result.to_version}
    if not result.changed:
        message = _("already at schema version {new}; not changed").format(**versions)
    elif dry_run:
        click.echo(result.diff, nl=False)
        message = _("would be upgraded from schema version {old} to {new} (dry run)")
        message = message.format(**versions)
    else:
        message = _("upgraded from schema version {old} to {new}").format(**versions)
        if result.backup:
            message += "; " + _("previous version kept as {backup}").format(backup=result.backup)
    click.echo(f"{programme_file}: {message}")
