"""What every command shares: the group, its options, and the one place that turns
the library's errors into lines and exit statuses."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NoReturn

import click

from .._messages import _, ngettext
from .._version import __version__

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from ..errors import Problem
    from ..hookspecs import ReportFormat
    from ..model import Programme
    from ..plugins import Plugins


_MAX_WARNINGS = 20
"""How many export warnings ``render`` prints before it only counts the rest."""


_STDIN_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    help="The format of standard input (-): YAML unless it starts with '{'.",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
_Format = Literal["yaml", "json"] | None


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(lines: Iterable[str], status: int = 1) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(status)


@contextlib.contextmanager
def _as_messages(where: str, *, after: str | None = None) -> Iterator[None]:
    """The one place that turns the library's errors into what the command line
    prints and its exit status: each problem on a line of its own, naming its file
    (``where`` for problems that name none), then ``after`` if given; exit 1, or 2
    for a bad argument. A file that cannot be read or written is one line too."""
    from ..errors import OmstillingError

    try:
        yield
    except OmstillingError as exc:
        lines = [str(p) if p.source else f"{where}: {p}" for p in exc.problems]
        _fail([*lines, *([after] if after else [])], exc.exit_status)
    except OSError as exc:
        name = exc.filename if exc.filename is not None else where
        _fail([f"{name}: {exc.strerror or exc}", *([after] if after else [])])


def _load_each(
    files: Sequence[str], fmt: _Format = None
) -> Iterator[tuple[str, Programme | None, Sequence[Problem]]]:
    """Load each file in turn (``-``: standard input, read as ``fmt``), with the name
    messages give it; print the problems of one that cannot be loaded, and give
    ``None`` and its problems for it."""
    from ..errors import ProgrammeFileError
    from ..files import STDIN, STDIN_NAME, load_source

    if list(files).count(STDIN) > 1:
        raise click.UsageError(_("standard input (-) can be read only once"))
    for file in files:
        name = STDIN_NAME if file == STDIN else file
        try:
            yield name, load_source(file, fmt=fmt if file == STDIN else None), ()
        except ProgrammeFileError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            yield name, None, exc.problems


def _print_warnings(pairs: Sequence[tuple[object, str]], where: str) -> None:
    """Warnings as ``FILE: warning: message`` lines, at most :data:`_MAX_WARNINGS`."""
    for path, message in pairs[:_MAX_WARNINGS]:
        click.echo(f"{path}: " + _("warning: {message}").format(message=message), err=True)
    if len(pairs) > _MAX_WARNINGS:
        more = len(pairs) - _MAX_WARNINGS
        message = ngettext("… and {count} more like this", "… and {count} more like these", more)
        click.echo(
            f"{where}: " + _("warning: {message}").format(message=message.format(count=more)),
            err=True,
        )


def _say_waiting(wait: object) -> None:
    """Tell that the command waits for a programme file another command holds locked
    (the ``on_wait`` of :func:`omstilling.files.programme_lock`)."""
    click.echo(str(wait), err=True)


def _complete_formats(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the installed report formats that start with ``incomplete``, for
    the shell completion of ``--template`` and ``--format``. Completion never fails:
    if the plugins cannot be loaded, it offers nothing."""
    from click.shell_completion import CompletionItem

    from ..model import Language
    from ..plugins import load_plugins

    try:
        formats = load_plugins().formats()
    except Exception:  # a broken plugin must not break the shell
        return []
    return [
        CompletionItem(format_id, help=report_format.schema.title.get(Language.EN))
        for format_id, report_format in sorted(formats.items())
        if format_id.startswith(incomplete)
    ]


_TEMPLATE = click.option(
    "--template",
    "template",
    shell_complete=_complete_formats,
    help="A common template: status, milestone-plan, … (see `omstilling plugins`).",
)
_FORMAT = click.option(
    "--format",
    "format_id",
    shell_complete=_complete_formats,
    help="A report format from a plugin: kongsvinger.vedtak, …",
)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang`` chooses the language of the messages too (the locale's otherwise),
    for the command only: the root context undoes the choice when it closes, which it
    does however the command ends, a usage error in a later argument included."""
    if value is not None:
        from .._messages import message_language

        ctx.find_root().with_resource(message_language(value))
    return value


_LANG = click.option(
    "--lang",
    "language",
    type=click.Choice(["nb", "nn", "en"]),
    callback=_choose_language,
    is_eager=True,
    help="Language (of the messages too; default: the locale's).",
)
_MESSAGE_LANG = click.option(
    "--lang",
    type=click.Choice(["nb", "nn", "en"]),
    callback=_choose_language,
    is_eager=True,
    expose_value=False,
    help="The language of the messages (default: the locale's, from LANG).",
)


def _chosen(template: str | None, format_id: str | None) -> str:
    if (template is None) == (format_id is None):
        raise click.UsageError(_("give either --template or --format"))
    return template or format_id or ""


def _report_format(plugins: Plugins, template: str | None, format_id: str | None) -> ReportFormat:
    """The report format the command line asks for with ``--template`` or
    ``--format``; an id no plugin registers is a usage error (exit 2)."""
    from ..cycle import format_of

    chosen = _chosen(template, format_id)
    return format_of(plugins, chosen, argument="template" if template else "format")


def _period_for(
    programme: Programme, period: str | None, where: str, *, why: str | None
) -> str | None:
    """``period``, checked; without one, if the command needs one (``why`` says why: "the
    format 'status' needs a period"), the latest period the programme has status
    for, said on standard error. A programme with status for none is a usage error
    naming the periods it could be (exit 2)."""
    from ..cycle import latest_status_period, period_choices, period_of
    from ..errors import ArgumentError

    if period is not None:
        period_of(period)  # a bad one is told before any work, as every command tells it
    if period is not None or why is None:
        return period
    latest = latest_status_period(programme)
    if latest is None:
        choices = period_choices(programme)
        hint = (
            _("one of {choices}").format(choices=choices) if choices else "2005, 2004-H1, 2012-T2"
        )
        msg = _("{why}, and {programme} has status for none: give --period ({hint})").format(
            why=why, programme=repr(programme.id), hint=hint
        )
        raise ArgumentError(msg, argument="period")
    click.echo(
        f"{where}: "
        + _("no --period given: using {period}, the latest period with status").format(
            period=latest
        ),
        err=True,
    )
    return str(latest)


def _needs_period(report_format: ReportFormat) -> str | None:
    """Why a report of ``report_format`` needs a period, ``None`` if it does not."""
    if not report_format.needs_period:
        return None
    return _("the format {format} needs a period").format(format=repr(report_format.id))


def _deprecated(old: str, new: str) -> None:
    """Say on standard error that ``old`` still works but ``new`` is its name now."""
    message = _("{old} is deprecated: use {new}").format(old=old, new=new)
    click.echo(_("warning: {message}").format(message=message), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="omstilling")
def cli() -> None:
    """Turn transformation programmes into structured data and reports."""
