"""The fill-in cycle's commands: workbooks (out) and import (back in).

``workbooks`` was called ``template`` before 0.2, which it shared with the report
``--template`` option; ``template`` still works, hidden, and says it is deprecated."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from .._messages import _, ngettext
from ._common import (
    _LANG,
    _MESSAGE_LANG,
    _as_messages,
    _deprecated,
    _say_waiting,
    cli,
)


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@click.option("--period", required=True, help="The period to report on: 2004-H2, 2012-T2.")
@click.option(
    "--participant",
    "participants",
    multiple=True,
    help="A participant (its id); repeat for several. Default: every participant.",
)
@_LANG
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The file to write (an .xlsx) for one --participant; else the directory to "
    "write the workbooks to.",
)
@click.option("--force", is_flag=True, help="Overwrite workbooks that exist already.")
def workbooks(
    programme_file: str,
    period: str,
    participants: Sequence[str],
    language: str | None,
    output: str,
    force: bool,
) -> None:
    """Make fill-in workbooks (.xlsx) for participants' status reports for a period.

    With one --participant, OUTPUT is the workbook to write; otherwise OUTPUT is a
    directory and each workbook is named PROGRAMME-PERIOD-PARTICIPANT.xlsx. An
    existing file is never overwritten without --force: it may be a filled-in one.

    (This command was `omstilling template` before version 0.2.)

    Each workbook is bound to its participant and period with a secret key kept
    beside PROGRAMME (.PROGRAMME.key, made on first use): `omstilling import` checks
    it. Back the key up and keep it out of version control.
    """
    from ..cycle import make_workbooks

    with _as_messages(programme_file):
        items = make_workbooks(
            programme_file,
            period,
            output,
            participants=participants,
            language=language,
            force=force,
        )
    for item in items:
        for message in item.warnings:
            click.echo(f"{item.path}: " + _("warning: {message}").format(message=message), err=True)
        if item.error is None:
            click.echo(f"{item.path}: " + _("written"))
        else:
            click.echo(f"{item.path}: {item.error}", err=True)
    sys.exit(1 if any(item.error for item in items) else 0)


def _template(**arguments: Any) -> None:
    _deprecated("`omstilling template`", "`omstilling workbooks` (the same arguments)")
    click.get_current_context().invoke(workbooks, **arguments)


cli.add_command(
    click.Command(
        "template",
        callback=_template,
        params=workbooks.params,
        hidden=True,
        help="Deprecated: the old name of `omstilling workbooks`.",
    )
)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--into",
    "programme_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="The programme file to import into.",
)
@click.option("--period", help="Refuse files for any other period than this one.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--no-backup", is_flag=True, help="Do not keep the previous version of the programme file."
)
@_MESSAGE_LANG
def import_(
    files: Sequence[str],
    programme_file: str,
    period: str | None,
    dry_run: bool,
    no_backup: bool,
) -> None:
    """Import filled-in workbooks (.xlsx), and files a report format reads back (a
    report file .json, a municipality's own tables), into a programme file: all of
    them or nothing.

    Every cell and value is checked; each problem is printed as FILE: Sheet!C7:
    message (or FILE: path: message), and then nothing is changed. Otherwise the
    programme file is replaced atomically and its previous version kept as
    PROGRAMME.~N~. Importing the same files again changes nothing. An import into a
    file that another import is writing waits for it, and gives up after
    OMSTILLING_LOCK_TIMEOUT seconds (60). A workbook not
    made by `omstilling workbooks` for this programme file, or edited to say it is
    for another participant or period, is refused.
    """
    from ..cycle import import_files

    with _as_messages(programme_file, after=f"{programme_file}: " + _("not changed")):
        result = import_files(
            programme_file,
            files,
            period=period,
            dry_run=dry_run,
            keep_previous=not no_backup,
            on_wait=_say_waiting,
        )
    for filling in result.fillings:
        for warning in filling.warnings:
            click.echo(str(warning), err=True)
        counts = (len(filling.milestones), len(filling.measures), len(filling.events))
        parts = [
            _("status") if not filling.status.is_empty else _("no status"),
            ngettext("{count} milestone", "{count} milestones", counts[0]).format(count=counts[0]),
            ngettext("{count} measure", "{count} measures", counts[1]).format(count=counts[1]),
            ngettext("{count} event", "{count} events", counts[2]).format(count=counts[2]),
        ]
        from ..fillin import steering_summary

        parts += steering_summary(filling)
        click.echo(f"{filling.source}: {filling.participant}, {filling.period}: {', '.join(parts)}")
    for imported in result.reports:
        message = _("read back as {format}").format(format=imported.format_id)
        click.echo(f"{imported.source}: {message}")
    if not result.changed:
        click.echo(f"{programme_file}: " + _("no changes"))
    elif dry_run:
        click.echo(result.diff, nl=False)
        click.echo(f"{programme_file}: " + _("would change (dry run; nothing written)"))
    else:
        message = _("updated")
        if result.backup:
            message += "; " + _("previous version kept as {backup}").format(backup=result.backup)
        click.echo(f"{programme_file}: {message}")
