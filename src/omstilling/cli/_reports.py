"""Commands that make reports: render, publish, batch."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO

import click

from .._messages import _, ngettext

if TYPE_CHECKING:
    from ..plugins import Plugins

from ._common import (
    _FORMAT,
    _LANG,
    _TEMPLATE,
    _as_messages,
    _chosen,
    _deprecated,
    _fail,
    _needs_period,
    _period_for,
    _print_warnings,
    _report_format,
    cli,
)

_PERIOD_HELP = (
    "The period to report on: 2004-H1, 2012-T2, 2005. Default: the latest period the "
    "programme has status for."
)


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@_TEMPLATE
@_FORMAT
@click.option("--participant", help="The participant to report on (its id).")
@click.option("--period", help=_PERIOD_HELP)
@_LANG
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False),
    help="A .docx or .xlsx to build on (letterhead, styles).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The file to write (- for standard output).",
)
@click.option("--force", is_flag=True, help="Overwrite a programme file or a published report.")
@click.option("--to", "suffix", help="The type of file written to standard output (-o -): .md …")
def render(
    programme_file: str,
    template: str | None,
    format_id: str | None,
    participant: str | None,
    period: str | None,
    language: str | None,
    base: str | None,
    output: str,
    force: bool,
    suffix: str | None,
) -> None:
    """Render a report of PROGRAMME to OUTPUT; OUTPUT's suffix picks the exporter
    (.docx, .xlsx, .md, .json). PROGRAMME - is standard input (YAML, or JSON if it
    starts with '{'); OUTPUT - is standard output, of the type --to gives (default
    .md; a binary type only when standard output is not a terminal).

    Give the report as a common --template or a plugin's --format (they share one
    list of ids: see `omstilling plugins`). Without --period, a report that needs
    one is for the latest period the programme has status for. PROGRAMME may also
    be a report file (written by `omstilling publish` or `render -o x.json`): it is
    rendered as it is.

    OUTPUT is never PROGRAMME or the --base document, and without --force never a
    programme file or a published report.
    """
    import warnings
    from pathlib import Path

    from ..cycle import build_report, export_report, write_report
    from ..cycle import render as render_report
    from ..files import load_any_source
    from ..formatting import ExportWarning
    from ..plugins import load_plugins
    from ..report import Report

    if suffix is not None and output != "-":
        raise click.UsageError(_("--to is for -o - (standard output): a file's suffix is its type"))
    with _as_messages(programme_file):
        loaded = load_any_source(programme_file)
    published = isinstance(loaded, Report)
    if published and (template or format_id or participant or period or language):
        raise click.UsageError(
            _(
                "{file} is a report file: it is rendered as it is "
                "(no --template, --format, --participant, --period or --lang)"
            ).format(file=programme_file)
        )
    chosen = ""
    plugins: Plugins | None = None
    if not isinstance(loaded, Report):
        _chosen(template, format_id)  # a usage error before the plugins are loaded
        with _as_messages(programme_file):
            plugins = load_plugins()
            report_format = _report_format(plugins, template, format_id)
            period = _period_for(loaded, period, programme_file, why=_needs_period(report_format))
        chosen = report_format.id
    with _as_messages(output):
        base_bytes = Path(base).read_bytes() if base else None
    with _as_messages(output), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        inputs = [programme_file, *([base] if base else [])]
        if output == "-":
            report = loaded
            if not isinstance(report, Report):
                report = build_report(
                    report,
                    chosen,
                    period=period,
                    participant=participant,
                    language=language,
                    plugins=plugins,
                )
            suffix_ = "." + (suffix or "md").lstrip(".")
            data = export_report(report, suffix_, base=base_bytes, plugins=plugins)
        elif isinstance(loaded, Report):
            write_report(loaded, output, base=base_bytes, force=force, inputs=inputs)
        else:
            render_report(
                loaded,
                chosen,
                output,
                period=period,
                participant=participant,
                language=language,
                base=base_bytes,
                plugins=plugins,
                force=force,
                inputs=inputs,
            )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    _print_warnings([(output, message) for message in messages], output)
    if output == "-":
        _to_stdout(data)
    else:
        click.echo(f"{output}: " + _("written"))


def _binary_stdout() -> BinaryIO:
    sys.stdout.flush()
    return sys.stdout.buffer


def _to_stdout(data: bytes) -> None:
    """Write ``data`` to standard output; binary data never to a terminal."""
    stdout = _binary_stdout()
    if stdout.isatty():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            message = _(
                "a binary file is not written to a terminal: redirect standard output to a "
                "file or a pipe, or give -o FILE"
            )
            _fail([f"<stdout>: {message}"], 2)
    stdout.write(data)
    stdout.flush()


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@_TEMPLATE
@_FORMAT
@click.option("--participant", help="The participant to report on (its id).")
@click.option("--period", help=_PERIOD_HELP)
@_LANG
@click.option("--published", help="The publication date (default: today), e.g. 2004-08-31.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The file to write: a report file (.json).",
)
@click.option("--force", is_flag=True, help="Overwrite a published report file.")
def publish(
    programme_file: str,
    template: str | None,
    format_id: str | None,
    participant: str | None,
    period: str | None,
    language: str | None,
    published: str | None,
    output: str,
    force: bool,
) -> None:
    """Freeze a report as published: build it now and store it, with its publication
    date, as a report file that `omstilling render` turns into .docx, .xlsx or .md
    later. A later edit of the programme does not change what was published.
    Without --period, a report that needs one is for the latest period the
    programme has status for.
    """
    from ..cycle import publish as publish_report
    from ..files import load
    from ..plugins import load_plugins

    _chosen(template, format_id)
    with _as_messages(programme_file):
        programme = load(programme_file)
        plugins = load_plugins()
        report_format = _report_format(plugins, template, format_id)
        period = _period_for(programme, period, programme_file, why=_needs_period(report_format))
        report = publish_report(
            programme,
            report_format.id,
            output,
            plugins=plugins,
            period=period,
            participant=participant,
            language=language,
            published=published,
            force=force,
            inputs=[programme_file],
        )
    click.echo(f"{output}: " + _("published {date}").format(date=report.published))


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@_TEMPLATE
@_FORMAT
@click.option("--period", help=_PERIOD_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    help="The directory to write the files to (made if missing).  [required]",
)
@click.option(
    "--output-dir",
    "output_dir",
    hidden=True,
    type=click.Path(file_okay=False),
    help="Deprecated: the old name of -o/--output.",
)
@click.option(
    "--suffix",
    "suffixes",
    multiple=True,
    default=[".docx"],
    show_default=True,
    help="The type of file to write; give it again for more (--suffix .docx --suffix .xlsx).",
)
@_LANG
@click.option(
    "--base",
    "bases",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A base document to build the files of its type on (a .docx or .xlsx); one per type.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per processor; 1: no workers).",
)
@click.option(
    "--participant",
    "participants",
    multiple=True,
    help="Only this participant (its id); give it again for more. Default: all.",
)
@click.option("--force", is_flag=True, help="Overwrite programme files and published reports.")
def batch(
    programme_file: str,
    template: str | None,
    format_id: str | None,
    period: str | None,
    output: str | None,
    output_dir: str | None,
    suffixes: Sequence[str],
    language: str | None,
    bases: Sequence[str],
    jobs: int | None,
    participants: Sequence[str],
    force: bool,
) -> None:
    """Render one report of PROGRAMME per participant for a period, into the
    directory OUTPUT, as PROGRAMME-PERIOD-PARTICIPANT-TEMPLATE.docx (and each other
    --suffix). Without --period, the latest period the programme has status for.

    The files are rendered in parallel. A participant that fails does not stop the
    others: each failure is printed as one line, FILE: message, and the exit status
    is 1 if any file failed. A file is never written over PROGRAMME or a --base
    document, and without --force never over a programme file or a published report.
    """
    from ..cycle import BatchItem, base_documents, render_batch
    from ..files import load
    from ..plugins import load_plugins

    if output_dir is not None:
        if output is not None:
            raise click.UsageError(_("give -o/--output only (--output-dir is its old name)"))
        _deprecated("--output-dir", "-o/--output")
        output = output_dir
    if output is None:
        raise click.UsageError("Missing option '-o' / '--output'.")
    _chosen(template, format_id)
    wanted = [s.lower() if s.startswith(".") else f".{s.lower()}" for s in suffixes]
    with _as_messages(programme_file):
        base_bytes = base_documents(bases)
        programme = load(programme_file)
        chosen = _report_format(load_plugins(), template, format_id).id
        why = _("a batch names its files by their period")
        period = _period_for(programme, period, programme_file, why=why)
    assert period is not None  # asked with a reason, it gives one or fails
    who = list(dict.fromkeys(participants or (p.organisation for p in programme.participants)))
    total = len(who) * len(set(wanted))
    label = f"{output}: " + ngettext("{count} file", "{count} files", total).format(count=total)
    bar = click.progressbar(length=total, label=label, file=sys.stderr)

    def step(_: BatchItem) -> None:
        # shown from the first file done on, so that an error found before comes alone
        if not bar.entered:
            stack.enter_context(bar)
        bar.update(1)

    with _as_messages(programme_file), contextlib.ExitStack() as stack:
        result = render_batch(
            programme,
            chosen,
            output,
            period=period,
            suffixes=wanted,
            participants=who,
            language=language,
            bases=base_bytes,
            jobs=jobs,
            progress=step,
            force=force,
            inputs=[programme_file, *bases],
        )
    warned = [(item.path, message) for item in result.items for message in item.warnings]
    _print_warnings(warned, output)
    for item in result.failures:
        click.echo(f"{item.path}: {item.error}", err=True)
    written = len(result.written)
    message = ngettext("{count} file written", "{count} files written", written)
    message = message.format(count=written)
    if result.failures:
        message += ", " + _("{count} failed").format(count=len(result.failures))
    click.echo(f"{output}: {message}")
    sys.exit(1 if result.failures else 0)
