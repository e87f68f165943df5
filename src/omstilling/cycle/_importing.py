"""Importing into a programme file: fill-in workbooks, and any file a format can read
back (a report file, a municipality's own tables), all or nothing, atomically, with
the previous version kept.

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from .._messages import _
from ..errors import ImportFailed, OmstillingError, PluginError, Problem, describe
from ..files import LockWait, dumps_over, format_for, load, programme_lock
from ..fillin import (
    BindingError,
    CellProblem,
    Filling,
    Limits,
    apply_fillings,
    binding_key,
    read_workbook,
)
from ..fillin._cage import shared_cage
from ..hookspecs import ImportRequest, ReportFormat
from ..model import Period, Programme
from ..plugins import Plugins, load_plugins
from ..report import Report
from ._args import period_of
from ._replacing import replace_file, text_diff

__all__ = ["FILLIN_SUFFIXES", "ImportResult", "ImportedReport", "import_files", "read_back"]

FILLIN_SUFFIXES = (".xlsx", ".xlsm")
"""Files with these suffixes are read as fill-in workbooks; any other file by the
importer plugin registered for its suffix."""


@attrs.frozen(kw_only=True)
class ImportedReport:
    """A file read back through an importer plugin, and the format whose ``parse``
    merges it into the programme.

    .. versionadded:: 0.1
    """

    source: str
    report: Report
    format_id: str
    importer: str


@attrs.frozen(kw_only=True)
class ImportResult:
    """What :func:`import_files` did.

    .. versionadded:: 0.1
    """

    programme: Programme
    """The programme with everything imported merged in."""
    fillings: tuple[Filling, ...]
    """What each fill-in workbook said, in the order given."""
    reports: tuple[ImportedReport, ...] = ()
    """The other files, each read back into a report, in the order given."""
    changed: bool
    """Whether the programme differs from the file's."""
    diff: str
    """The change as a unified diff of the programme file's text: the file as it is
    against the file as it is written after the import (empty if nothing changes).
    Only the lines that hold a changed value change: the file's comments and layout
    stay (see :func:`omstilling.files.dumps_over`)."""
    written: bool
    """Whether the programme file was replaced."""
    backup: Path | None = None
    """Where the previous version of the programme file was kept, if it was replaced."""


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _reader_format(plugins: Plugins, report: Report) -> ReportFormat:
    """The format that reads ``report`` back: the one format of the report's schema
    that has a ``parse`` (the format named like the schema, where several have)."""
    schema = report.schema.id
    same = [f for f in plugins.formats().values() if f.schema.id == schema]
    readers = [f for f in same if f.parse is not None]
    if len(readers) > 1:
        readers = [f for f in readers if f.id == schema] or readers
    if len(readers) == 1:
        return readers[0]
    if readers:
        names = ", ".join(f.id for f in readers)
        msg = _("several formats read reports of schema {schema} back: {names}")
        raise OmstillingError(msg.format(schema=repr(schema), names=names))
    if same:
        names = ", ".join(f.id for f in same)
        raise OmstillingError(
            [
                Problem(
                    "",
                    _("the format {names} cannot be read back (it has no parse)").format(
                        names=names
                    ),
                    "report",
                )
            ]
        )
    raise OmstillingError(
        [
            Problem(
                "",
                _("no installed format makes reports of schema {schema}").format(
                    schema=repr(schema)
                ),
                "report",
            )
        ]
    )


def read_back(
    file: str | os.PathLike[str],
    programme: Programme,
    *,
    period: Period | str | None = None,
    plugins: Plugins | None = None,
) -> ImportedReport:
    """Read ``file`` with the importer plugin for its suffix (a report file ``.json``
    with the built-in one, Hammerfest's ``.tsv`` tables with Hammerfest's) and find
    the format that reads its report back into ``programme``.

    Raises :class:`~omstilling.errors.OmstillingError` naming the file: no importer
    for the suffix, a file the importer cannot read, a report of another programme
    or period, or one whose format cannot be read back.

    .. versionadded:: 0.1
    """
    source = os.fspath(file)
    plugins = plugins or load_plugins()
    wanted = period_of(period)
    try:
        importer = plugins.importer(Path(source).suffix or "(none)")
        data = Path(source).read_bytes()
    except PluginError as exc:
        raise OmstillingError(exc.problems, source=source) from None
    except OSError as exc:
        raise OmstillingError(
            [Problem("", exc.strerror or str(exc), "file")], source=source
        ) from None
    try:
        report = importer.read(data, ImportRequest(source=source, programme=programme.id))
    except OmstillingError as exc:
        raise OmstillingError(exc.problems, source=source) from None
    except ValueError as exc:
        raise OmstillingError([Problem("", str(exc), "report")], source=source) from None
    except Exception as exc:  # a plugin's fault: named, never a traceback
        plugin = plugins.importer_plugin(importer)
        message = f"the importer {importer.id!r} (plugin {plugin!r}) failed: {describe(exc)}"
        raise OmstillingError([Problem("", message, "plugin")], source=source) from exc
    if not isinstance(report, Report):
        message = f"the importer {importer.id!r} returned {type(report).__name__}, not a Report"
        raise OmstillingError([Problem("", message, "plugin")], source=source)
    if report.programme != programme.id:
        message = _("is a report of programme {found}, not of {programme}").format(
            found=repr(report.programme), programme=repr(programme.id)
        )
        raise OmstillingError([Problem("", message, "conflict")], source=source)
    if wanted is not None and report.period is not None and report.period != wanted:
        message = _("is a report for {found}, not for {period}").format(
            found=report.period, period=wanted
        )
        raise OmstillingError([Problem("", message, "conflict")], source=source)
    try:
        reader = _reader_format(plugins, report)
    except OmstillingError as exc:
        raise OmstillingError(exc.problems, source=source) from None
    return ImportedReport(source=source, report=report, format_id=reader.id, importer=importer.id)


def _merge(
    programme: Programme, imported: ImportedReport, plugins: Plugins
) -> tuple[Programme, list[Problem]]:
    parse = plugins.format(imported.format_id).parse
    assert parse is not None  # read_back chose a format that reads back
    try:
        merged = parse(imported.report, programme)
    except ValueError as exc:  # what the file says does not fit the programme
        return programme, [Problem("", str(exc), "report", source=imported.source)]
    except Exception as exc:  # a plugin's fault: named, never a traceback
        plugin = plugins.format_plugin(imported.format_id)
        message = (
            f"the format {imported.format_id!r} (plugin {plugin!r}) could not read the "
            f"report back: {describe(exc)}"
        )
        return programme, [Problem("", message, "plugin", source=imported.source)]
    if not isinstance(merged, Programme):
        message = f"the format {imported.format_id!r} returned {type(merged).__name__} from parse"
        return programme, [Problem("", message, "plugin", source=imported.source)]
    return merged, []


def import_files(
    programme_file: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    *,
    period: Period | str | None = None,
    dry_run: bool = False,
    keep_previous: bool = True,
    limits: Limits | None = None,
    plugins: Plugins | None = None,
    lock_timeout: float | None = None,
    on_wait: Callable[[LockWait], None] | None = None,
) -> ImportResult:
    """Read every file, merge what they say into the programme file, and replace it
    atomically.

    A file whose suffix is one of :data:`FILLIN_SUFFIXES` is a fill-in workbook
    (:func:`omstilling.fillin.read_workbook`), checked with the key kept beside the
    programme file (:func:`omstilling.fillin.binding_key`) to have been made for the
    participant and period it says; any other is read back by
    :func:`read_back` and merged by its format's ``parse``. The fill-in workbooks
    are merged first, then the other files in the order given.

    All or nothing: if any file has a problem, :class:`~omstilling.errors.ImportFailed`
    lists every problem of every file and the programme file is not touched.
    Importing the same files again changes nothing and leaves the file
    byte-identical. With ``dry_run`` nothing is written and
    :attr:`ImportResult.diff` shows what would change. Otherwise the previous version
    is kept next to the file as ``NAME.~N~`` (unless ``keep_previous`` is false).

    The programme file is locked (:func:`omstilling.files.programme_lock`) from its
    reading to its writing, so that imports into it at the same time take turns and
    each merges into what the one before wrote: an import of a file that another
    holds waits for it, calls ``on_wait`` once if that takes more than a second or
    two, and gives up after ``lock_timeout`` seconds (default 60, or
    ``OMSTILLING_LOCK_TIMEOUT``). A dry run takes no lock. A program that changes the
    file without the lock (an editor) is still noticed: the import then stops and
    changes nothing.

    Raises :class:`~omstilling.errors.ProgrammeFileError` if the programme file
    cannot be read, :class:`~omstilling.errors.ArgumentError` for a bad period, and
    :class:`~omstilling.errors.ImportFailed` (code ``binding``) if there are
    workbooks and the key to check them with is missing;
    :class:`~omstilling.files.LockError` if the file stays locked past the time limit
    or cannot be locked.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       The programme file is locked for the import; ``lock_timeout`` and ``on_wait``.
    """
    path = Path(programme_file)
    wanted = period_of(period)
    plugins = plugins or load_plugins()

    def run() -> ImportResult:
        return _import(
            path,
            files,
            wanted,
            plugins,
            dry_run=dry_run,
            keep_previous=keep_previous,
            limits=limits,
        )

    if dry_run or not path.exists():  # reads only, or fails to (a missing file)
        return run()
    with programme_lock(path, timeout=lock_timeout, on_wait=on_wait):
        return run()


def _import(
    path: Path,
    files: Sequence[str | os.PathLike[str]],
    wanted: Period | None,
    plugins: Plugins,
    *,
    dry_run: bool,
    keep_previous: bool,
    limits: Limits | None,
) -> ImportResult:
    """:func:`import_files` itself, with the lock held (or for a dry run)."""

    def refused(message: str) -> ImportFailed:
        return ImportFailed([Problem("", message, "conflict")], source=str(path))

    changed_meanwhile = _("the file was changed by someone else during the import; import again")
    before_load = _stamp(path)
    programme = load(path)
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            [Problem("", exc.strerror or str(exc), "file")], source=str(path)
        ) from None
    if _stamp(path) != before_load:
        raise refused(changed_meanwhile)
    fmt = format_for(path)
    key = None
    if any(Path(file).suffix.lower() in FILLIN_SUFFIXES for file in files):
        try:
            key = binding_key(path)
        except BindingError as exc:
            raise ImportFailed(exc.problems) from None
    fillings: list[Filling] = []
    reports: list[ImportedReport] = []
    problems: list[Problem] = []
    with shared_cage(limits or Limits()):  # one reader process for all the workbooks
        for file in files:
            try:
                if Path(file).suffix.lower() in FILLIN_SUFFIXES:
                    fillings.append(
                        read_workbook(file, programme, period=wanted, limits=limits, key=key)
                    )
                else:
                    reports.append(read_back(file, programme, period=wanted, plugins=plugins))
            except OmstillingError as exc:
                problems.extend(exc.problems)
    periods = {str(f.period) for f in fillings}
    if wanted is None and len(periods) > 1:
        problems.extend(
            CellProblem(
                f.source,
                None,
                None,
                _(
                    "is for {period}, but the workbooks are for {count} different "
                    "periods; import one period at a time (or give the period)"
                ).format(period=f.period, count=len(periods)),
            )
            for f in fillings
        )
    if problems:
        raise ImportFailed(problems)
    try:
        merged = apply_fillings(programme, fillings)
    except ValueError as exc:  # what the workbooks say does not fit the programme
        raise ImportFailed([Problem("", str(exc), "workbook")], source=str(path)) from None
    for imported in reports:
        merged, failed = _merge(merged, imported, plugins)
        problems.extend(failed)
    if problems:
        raise ImportFailed(problems)
    result = ImportResult(
        programme=merged,
        fillings=tuple(fillings),
        reports=tuple(reports),
        changed=merged != programme,
        diff="",
        written=False,
    )
    if not result.changed:
        return attrs.evolve(result, programme=programme)
    after = dumps_over(merged, original.decode("utf-8-sig"), fmt)
    before = original.decode("utf-8", errors="replace")
    diff = text_diff(before, after, path, after_what="import")
    result = attrs.evolve(result, diff=diff)
    if dry_run:
        return result
    backup = replace_file(
        path,
        original,
        after,
        keep_previous=keep_previous,
        refused=refused,
        changed_meanwhile=changed_meanwhile,
    )
    return attrs.evolve(result, written=True, backup=backup)
