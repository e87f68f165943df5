"""The ``omstilling`` command: a thin shell over the library's API.

Exit status: 0 when everything asked for succeeded, 1 when an input has problems
(each printed on its own line naming the file and the path to the field), 2 for a
wrong command line.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import click

from . import __version__

if TYPE_CHECKING:
    from .model import Programme

__all__ = ["main"]


_MAX_WARNINGS = 20
"""How many export warnings ``render`` prints before it only counts the rest."""


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


@contextlib.contextmanager
def _failures_as_messages(programme_file: str, output: str) -> Iterator[None]:
    """What can go wrong in building and writing a report, as a line naming the file
    it concerns, and exit status 1: a bad programme file, a failing template, format
    or plugin, a file that cannot be written."""
    from .plugins import PluginError
    from .render import RenderError
    from .serialize import ProgrammeFileError

    try:
        yield
    except ProgrammeFileError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(1)
    except (RenderError, PluginError) as exc:
        click.echo(f"{programme_file}: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"{output}: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _is_report_file(path: str) -> bool:
    """Whether ``path`` is a report file (as `omstilling publish` writes), not a
    programme: a JSON object with a ``report_format`` key."""
    from pathlib import Path

    if Path(path).suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"report_format"' in head


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


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(as_json: bool) -> None:
    """List the installed plugins, what they register, and what failed to load.

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
def render(
    programme_file: str,
    template: str | None,
    format_id: str | None,
    participant: str | None,
    period: str | None,
    language: str | None,
    base: str | None,
    output: str,
) -> None:
    """Render a report of PROGRAMME to OUTPUT; OUTPUT's suffix picks the exporter
    (.docx, .xlsx, .md, .json).

    Give the report as a common --template or a plugin's --format (they share one
    list of ids: see `omstilling plugins`). PROGRAMME may also be a report published
    with `omstilling publish`: it is rendered as it was published.
    """
    import warnings
    from pathlib import Path

    from ._atomic import atomic_write
    from .formatting import ExportWarning
    from .render import export_report
    from .render import render as render_report
    from .serialize import load, loads_report

    published = _is_report_file(programme_file)
    if published:
        if template or format_id or participant or period or language:
            raise click.UsageError(
                f"{programme_file} is a published report: it is rendered as it was published "
                "(no --template, --format, --participant, --period or --lang)"
            )
        chosen = ""
    elif (template is None) == (format_id is None):
        raise click.UsageError("give either --template or --format")
    else:
        chosen = template or format_id or ""
    try:
        base_bytes = Path(base).read_bytes() if base else None
    except OSError as exc:
        click.echo(f"{base}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    with _failures_as_messages(programme_file, output):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportWarning)
            if published:
                try:
                    text = Path(programme_file).read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    click.echo(f"{programme_file}: not a UTF-8 text file", err=True)
                    sys.exit(1)
                report = loads_report(text, source=programme_file)
                data = export_report(report, Path(output).suffix, base=base_bytes)
                atomic_write(output, data)
            else:
                render_report(
                    load(programme_file),
                    chosen,
                    output,
                    period=period,
                    participant=participant,
                    language=language,
                    base=base_bytes,
                )
        messages = list(dict.fromkeys(str(w.message) for w in caught))
        for message in messages[:_MAX_WARNINGS]:
            click.echo(f"{output}: warning: {message}", err=True)
        if len(messages) > _MAX_WARNINGS:
            more = len(messages) - _MAX_WARNINGS
            click.echo(f"{output}: warning: … and {more} more like these", err=True)
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
    """
    import warnings
    from pathlib import Path

    from ._atomic import atomic_write
    from .fillin import make_workbook
    from .formatting import ExportWarning
    from .model import Period
    from .serialize import load

    with _failures_as_messages(programme_file, output):
        programme = load(programme_file)
    try:
        wanted = Period.parse(period)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from None
    known = [p.organisation for p in programme.participants]
    unknown = [p for p in participants if p not in known]
    if unknown:
        click.echo(
            f"{programme_file}: not a participant: {', '.join(unknown)} "
            f"(the participants are {', '.join(known) or 'none'})",
            err=True,
        )
        sys.exit(1)
    if not known:
        click.echo(f"{programme_file}: the programme has no participants to ask", err=True)
        sys.exit(1)
    chosen = list(dict.fromkeys(participants)) or known
    if len(set(participants)) == 1:
        targets = {chosen[0]: Path(output)}
    else:
        directory = Path(output)
        if directory.exists() and not directory.is_dir():
            click.echo(f"{output}: not a directory (several workbooks go into one)", err=True)
            sys.exit(1)
        targets = {p: directory / f"{programme.id}-{wanted}-{p}.xlsx" for p in chosen}
    existing = [str(t) for t in targets.values() if t.exists()]
    if existing and not force:
        for name in existing:
            click.echo(f"{name}: exists already; not overwritten (use --force)", err=True)
        sys.exit(1)
    failed = False
    for participant, target in targets.items():
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ExportWarning)
                data = make_workbook(programme, participant, wanted, language=language)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
        except ValueError as exc:
            click.echo(f"{target}: {exc}; not written", err=True)
            failed = True
            continue
        except OSError as exc:
            click.echo(f"{target}: {exc.strerror or exc}", err=True)
            failed = True
            continue
        for message in dict.fromkeys(str(w.message) for w in caught):
            click.echo(f"{target}: warning: {message}", err=True)
        click.echo(f"{target}: written")
    sys.exit(1 if failed else 0)


@cli.command("import")
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--into",
    "programme_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="The programme file to import into.",
)
@click.option("--period", help="Refuse workbooks for any other period than this one.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--no-backup", is_flag=True, help="Do not keep the previous version of the programme file."
)
def import_(
    workbooks: Sequence[str],
    programme_file: str,
    period: str | None,
    dry_run: bool,
    no_backup: bool,
) -> None:
    """Import filled-in workbooks into a programme file: all of them or nothing.

    Every cell is checked; each problem is printed as FILE: Sheet!C7: message, and
    then nothing is changed. Otherwise the programme file is replaced atomically and
    its previous version kept as PROGRAMME.~N~. Importing the same workbooks again
    changes nothing.
    """
    from .fillin import WorkbookError, import_workbooks
    from .model import Period
    from .serialize import ProgrammeFileError

    if period is not None:
        try:
            Period.parse(period)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--period") from None
    try:
        result = import_workbooks(
            programme_file,
            workbooks,
            period=period,
            dry_run=dry_run,
            keep_previous=not no_backup,
        )
    except ProgrammeFileError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(1)
    except WorkbookError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        click.echo(f"{programme_file}: not changed", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"{programme_file}: {exc.strerror or exc}; not changed", err=True)
        sys.exit(1)
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
    import datetime as dt
    from pathlib import Path

    import attrs as attrs_

    from ._atomic import atomic_write
    from .model import PartialDate
    from .render import build_report
    from .serialize import dumps_report, load

    if (template_id is None) == (format_id is None):
        raise click.UsageError("give either --template or --format")
    chosen = template_id or format_id
    assert chosen is not None
    if Path(output).suffix.lower() != ".json":
        raise click.BadParameter("a published report is stored as .json", param_hint="-o")
    try:
        day = PartialDate.parse(published) if published else PartialDate.from_date(dt.date.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None
    if Path(output).exists() and not force:
        click.echo(
            f"{output}: exists already; a published report is not overwritten (use --force)",
            err=True,
        )
        sys.exit(1)
    with _failures_as_messages(programme_file, output):
        programme = load(programme_file)
        report = build_report(
            programme, chosen, period=period, participant=participant, language=language
        )
        report = attrs_.evolve(report, published=day)
        atomic_write(output, dumps_report(report).encode("utf-8"))
    click.echo(f"{output}: published {day}")


_BASE_SUFFIXES = {".dotx": ".docx"}
"""Base documents whose suffix differs from the suffix of the files built on them."""


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
    help="A .docx (.dotx) or .xlsx to build the files of its type on; one per type.",
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
) -> None:
    """Render one report of PROGRAMME per participant for a period, into OUTPUT_DIR,
    as PROGRAMME-PERIOD-PARTICIPANT-TEMPLATE.docx (and each other --suffix).

    The files are rendered in parallel. A participant that fails does not stop the
    others: each failure is printed as one line, FILE: message, and the exit status
    is 1 if any file failed.
    """
    from pathlib import Path

    from .batch import BatchItem, render_batch
    from .serialize import load

    if (template is None) == (format_id is None):
        raise click.UsageError("give either --template or --format")
    chosen = template or format_id or ""
    wanted = [s.lower() if s.startswith(".") else f".{s.lower()}" for s in suffixes]
    base_bytes: dict[str, bytes] = {}
    for base in bases:
        suffix = Path(base).suffix.lower()
        suffix = _BASE_SUFFIXES.get(suffix, suffix)
        if suffix in base_bytes:
            raise click.BadParameter(f"two base documents for {suffix} files", param_hint="--base")
        try:
            base_bytes[suffix] = Path(base).read_bytes()
        except OSError as exc:
            click.echo(f"{base}: {exc.strerror or exc}", err=True)
            sys.exit(1)
    with _failures_as_messages(programme_file, output_dir):
        programme = load(programme_file)
    who = list(dict.fromkeys(participants or (p.organisation for p in programme.participants)))
    total = len(who) * len(set(wanted))
    bar = click.progressbar(length=total, label=f"{output_dir}: {total} files", file=sys.stderr)

    def step(_: BatchItem) -> None:
        # shown from the first file done on, so that an error found before comes alone
        if not bar.entered:
            stack.enter_context(bar)
        bar.update(1)

    with _failures_as_messages(programme_file, output_dir), contextlib.ExitStack() as stack:
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
        )
    warned = [(item.path, message) for item in result.items for message in item.warnings]
    for path, message in warned[:_MAX_WARNINGS]:
        click.echo(f"{path}: warning: {message}", err=True)
    if len(warned) > _MAX_WARNINGS:
        click.echo(f"{output_dir}: warning: … and {len(warned) - _MAX_WARNINGS} more", err=True)
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
