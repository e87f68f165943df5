"""The ``omstilling`` command: a thin shell over the library's API.

Exit status: 0 when everything asked for succeeded, 1 when an input has problems
(each printed on its own line naming the file and the path to the field), 2 for a
wrong command line.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

import attrs
import click

from ._version import __version__

if TYPE_CHECKING:
    from .model import Programme

__all__ = ["main"]


_MAX_WARNINGS = 20
"""How many export warnings ``render`` prints before it only counts the rest."""


def _money(amount: Decimal, currency: str) -> str:
    whole = f"{amount:,.0f}".replace(",", " ")
    return f"{whole} {currency}"


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
    from .errors import OmstillingError

    try:
        yield
    except OmstillingError as exc:
        lines = [str(p) if p.source else f"{where}: {p}" for p in exc.problems]
        _fail([*lines, *([after] if after else [])], exc.exit_status)
    except OSError as exc:
        name = exc.filename if exc.filename is not None else where
        _fail([f"{name}: {exc.strerror or exc}", *([after] if after else [])])


def _load_each(files: Sequence[str]) -> Iterator[tuple[str, Programme | None]]:
    """Load each file in turn; print the problems of one that cannot be loaded and
    give ``None`` for it."""
    from .errors import ProgrammeFileError
    from .files import load

    for file in files:
        try:
            yield file, load(file)
        except ProgrammeFileError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            yield file, None


def _print_warnings(pairs: Sequence[tuple[object, str]], where: str) -> None:
    """Warnings as ``FILE: warning: message`` lines, at most :data:`_MAX_WARNINGS`."""
    for path, message in pairs[:_MAX_WARNINGS]:
        click.echo(f"{path}: warning: {message}", err=True)
    if len(pairs) > _MAX_WARNINGS:
        click.echo(
            f"{where}: warning: … and {len(pairs) - _MAX_WARNINGS} more like these", err=True
        )


def _chosen(template: str | None, format_id: str | None) -> str:
    if (template is None) == (format_id is None):
        raise click.UsageError("give either --template or --format")
    return template or format_id or ""


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
    from .files import atomic_write, json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            atomic_write(output, text.encode("utf-8"))
        except OSError as exc:
            click.echo(f"{output}: {exc.strerror or exc}", err=True)
            sys.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(as_json: bool) -> None:
    """List the installed plugins, what they register, and what failed to load.

    A plugin that takes longer than OMSTILLING_PLUGIN_TIMEOUT seconds (10) to load
    failed to load; what plugins print while loading goes to standard error.

    Exits 1 if two plugins register the same id (or, in strict mode, if a plugin
    failed to load).
    """
    from .plugins import PluginError, load_plugins

    try:
        loaded = load_plugins()
    except PluginError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    infos, conflicts = loaded.info(), loaded.conflicts()
    if as_json:
        payload = {
            "plugins": [attrs.asdict(info) for info in infos],
            "failures": [attrs.asdict(failure) for failure in loaded.failures],
            "conflicts": conflicts,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for info in infos:
            version = (
                f"{info.distribution} {info.version}" if info.distribution else "(not installed)"
            )
            click.echo(f"{info.name}: {version}")
            click.echo(f"  hooks:     {', '.join(info.hooks) or '-'}")
            for label, items in (
                ("formats", info.formats),
                ("exporters", info.exporters),
                ("importers", info.importers),
            ):
                if items:
                    click.echo(f"  {label + ':':10} {', '.join(items)}")
        for failure in loaded.failures:
            where = f"{failure.distribution} {failure.version}" if failure.distribution else "?"
            click.echo(f"{failure.name}: FAILED to load ({where}): {failure.error}")
    for conflict in conflicts:
        click.echo(f"error: {conflict}", err=True)
    sys.exit(1 if conflicts else 0)


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@click.option("--template", "template", help="A common template: status, milestone-plan, …")
@click.option("--format", "format_id", help="A report format from a plugin: kongsvinger.vedtak, …")
@click.option("--participant", help="The participant to report on (its id).")
@click.option("--period", help="The period to report on: 2004-H1, 2012-T2, 2005.")
@click.option("--lang", "language", type=click.Choice(["nb", "nn", "en"]), help="Language.")
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False),
    help="A .docx or .xlsx to build on (letterhead, styles).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write."
)
@click.option("--force", is_flag=True, help="Overwrite a programme file or a published report.")
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
) -> None:
    """Render a report of PROGRAMME to OUTPUT; OUTPUT's suffix picks the exporter
    (.docx, .xlsx, .md, .json).

    Give the report as a common --template or a plugin's --format (they share one
    list of ids: see `omstilling plugins`). PROGRAMME may also be a report file
    (written by `omstilling publish` or `render -o x.json`): it is rendered as it is.

    OUTPUT is never PROGRAMME or the --base document, and without --force never a
    programme file or a published report.
    """
    import warnings
    from pathlib import Path

    from .cycle import render as render_report
    from .cycle import write_report
    from .files import load_any
    from .formatting import ExportWarning
    from .report import Report

    with _as_messages(programme_file):
        loaded = load_any(programme_file)
    published = isinstance(loaded, Report)
    if published and (template or format_id or participant or period or language):
        raise click.UsageError(
            f"{programme_file} is a report file: it is rendered as it is "
            "(no --template, --format, --participant, --period or --lang)"
        )
    chosen = "" if published else _chosen(template, format_id)
    with _as_messages(output):
        base_bytes = Path(base).read_bytes() if base else None
    with _as_messages(output), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        inputs = [programme_file, *([base] if base else [])]
        if isinstance(loaded, Report):
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
                force=force,
                inputs=inputs,
            )
    messages = list(dict.fromkeys(str(w.message) for w in caught))
    _print_warnings([(output, message) for message in messages], output)
    click.echo(f"{output}: written")


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@click.option("--period", required=True, help="The period to report on: 2004-H2, 2012-T2.")
@click.option(
    "--participant",
    "participants",
    multiple=True,
    help="A participant (its id); repeat for several. Default: every participant.",
)
@click.option("--lang", "language", type=click.Choice(["nb", "nn", "en"]), help="Language.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The .xlsx to write, or a directory for several participants.",
)
@click.option("--force", is_flag=True, help="Overwrite workbooks that exist already.")
def template(
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

    Each workbook is bound to its participant and period with a secret key kept
    beside PROGRAMME (.PROGRAMME.key, made on first use): `omstilling import` checks
    it. Back the key up and keep it out of version control.
    """
    from .cycle import make_workbooks

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
            click.echo(f"{item.path}: warning: {message}", err=True)
        if item.error is None:
            click.echo(f"{item.path}: written")
        else:
            click.echo(f"{item.path}: {item.error}", err=True)
    sys.exit(1 if any(item.error for item in items) else 0)


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
    PROGRAMME.~N~. Importing the same files again changes nothing. A workbook not
    made by `omstilling template` for this programme file, or edited to say it is
    for another participant or period, is refused.
    """
    from .cycle import import_files

    with _as_messages(programme_file, after=f"{programme_file}: not changed"):
        result = import_files(
            programme_file,
            files,
            period=period,
            dry_run=dry_run,
            keep_previous=not no_backup,
        )
    for filling in result.fillings:
        for warning in filling.warnings:
            click.echo(str(warning), err=True)
        parts = [
            "status" if not filling.status.is_empty else "no status",
            f"{len(filling.milestones)} milestones",
            f"{len(filling.measures)} measures",
            f"{len(filling.events)} events",
        ]
        click.echo(f"{filling.source}: {filling.participant}, {filling.period}: {', '.join(parts)}")
    for imported in result.reports:
        click.echo(f"{imported.source}: read back as {imported.format_id}")
    if not result.changed:
        click.echo(f"{programme_file}: no changes")
    elif dry_run:
        click.echo(result.diff, nl=False)
        click.echo(f"{programme_file}: would change (dry run; nothing written)")
    else:
        kept = f"; previous version kept as {result.backup}" if result.backup else ""
        click.echo(f"{programme_file}: updated{kept}")


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@click.option("--template", "template_id", help="A common template: status, milestone-plan, …")
@click.option("--format", "format_id", help="A report format from a plugin.")
@click.option("--participant", help="The participant to report on (its id).")
@click.option("--period", help="The period to report on: 2004-H1, 2012-T2, 2005.")
@click.option("--lang", "language", type=click.Choice(["nb", "nn", "en"]), help="Language.")
@click.option("--published", help="The publication date (default: today), e.g. 2004-08-31.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The report file (.json).",
)
@click.option("--force", is_flag=True, help="Overwrite a published report file.")
def publish(
    programme_file: str,
    template_id: str | None,
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
    """
    from .cycle import publish as publish_report
    from .files import load

    chosen = _chosen(template_id, format_id)
    with _as_messages(programme_file):
        report = publish_report(
            load(programme_file),
            chosen,
            output,
            period=period,
            participant=participant,
            language=language,
            published=published,
            force=force,
            inputs=[programme_file],
        )
    click.echo(f"{output}: published {report.published}")


@cli.command()
@click.argument("programme_file", metavar="PROGRAMME")
@click.option("--template", "template", help="A common template: status, milestone-plan, …")
@click.option("--format", "format_id", help="A report format from a plugin: kongsvinger.vedtak, …")
@click.option("--period", required=True, help="The period to report on: 2004-H1, 2012-T2, 2005.")
@click.option(
    "-o",
    "--output-dir",
    "output_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="The directory to write to (made if missing).",
)
@click.option(
    "--suffix",
    "suffixes",
    multiple=True,
    default=[".docx"],
    show_default=True,
    help="The type of file to write; give it again for more (--suffix .docx --suffix .xlsx).",
)
@click.option("--lang", "language", type=click.Choice(["nb", "nn", "en"]), help="Language.")
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
    period: str,
    output_dir: str,
    suffixes: Sequence[str],
    language: str | None,
    bases: Sequence[str],
    jobs: int | None,
    participants: Sequence[str],
    force: bool,
) -> None:
    """Render one report of PROGRAMME per participant for a period, into OUTPUT_DIR,
    as PROGRAMME-PERIOD-PARTICIPANT-TEMPLATE.docx (and each other --suffix).

    The files are rendered in parallel. A participant that fails does not stop the
    others: each failure is printed as one line, FILE: message, and the exit status
    is 1 if any file failed. A file is never written over PROGRAMME or a --base
    document, and without --force never over a programme file or a published report.
    """
    from .cycle import BatchItem, base_documents, render_batch
    from .files import load

    chosen = _chosen(template, format_id)
    wanted = [s.lower() if s.startswith(".") else f".{s.lower()}" for s in suffixes]
    with _as_messages(programme_file):
        base_bytes = base_documents(bases)
        programme = load(programme_file)
    who = list(dict.fromkeys(participants or (p.organisation for p in programme.participants)))
    total = len(who) * len(set(wanted))
    bar = click.progressbar(length=total, label=f"{output_dir}: {total} files", file=sys.stderr)

    def step(_: BatchItem) -> None:
        # shown from the first file done on, so that an error found before comes alone
        if not bar.entered:
            stack.enter_context(bar)
        bar.update(1)

    with _as_messages(programme_file), contextlib.ExitStack() as stack:
        result = render_batch(
            programme,
            chosen,
            output_dir,
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
    _print_warnings(warned, output_dir)
    for item in result.failures:
        click.echo(f"{item.path}: {item.error}", err=True)
    failed = f", {len(result.failures)} failed" if result.failures else ""
    click.echo(f"{output_dir}: {len(result.written)} files written{failed}")
    sys.exit(1 if result.failures else 0)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="omstilling")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
