"""Importing filled workbooks into a programme file: all or nothing, atomically, with
the previous version kept."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from .._atomic import atomic_write
from ..model import Period, Programme
from ..serialize import dumps, format_for, load
from ._apply import apply_fillings
from ._read import read_workbook
from ._safety import Limits
from ._types import CellProblem, Filling, WorkbookError

__all__ = ["ImportResult", "import_workbooks"]


@attrs.frozen(kw_only=True)
class ImportResult:
    """What :func:`import_workbooks` did.

    .. versionadded:: 0.1
    """

    programme: Programme
    """The programme with every filling merged in."""
    fillings: tuple[Filling, ...]
    """What each workbook said, in the order given."""
    changed: bool
    """Whether the programme differs from the file's."""
    diff: str
    """The change as a unified diff of the programme file's text: the file as it is
    against the file as it is written after the import (empty if nothing changes).
    The file is written from the model, so the diff also shows comments and layout of
    a hand-written file that are not carried over."""
    written: bool
    """Whether the programme file was replaced."""
    backup: Path | None = None
    """Where the previous version of the programme file was kept, if it was replaced."""


def _backup_path(path: Path) -> Path:
    """The first free numbered backup name: ``plan.yaml.~1~``, ``plan.yaml.~2~`` …"""
    number = 1
    while (candidate := path.with_name(f"{path.name}.~{number}~")).exists():
        number += 1
    return candidate


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def import_workbooks(
    programme_file: str | os.PathLike[str],
    workbooks: Sequence[str | os.PathLike[str]],
    *,
    period: Period | str | None = None,
    dry_run: bool = False,
    keep_previous: bool = True,
    limits: Limits | None = None,
) -> ImportResult:
    """Read every workbook, merge what they say into the programme file, and replace
    it atomically.

    All or nothing: if any workbook has a problem, :class:`WorkbookError` lists every
    problem of every workbook and the programme file is not touched. Importing the
    same workbooks again changes nothing and leaves the file byte-identical. With
    ``dry_run`` nothing is written and :attr:`ImportResult.diff` shows what would
    change. Otherwise the previous version is kept next to the file as
    ``NAME.~N~`` (unless ``keep_previous`` is false).

    Raises :class:`~omstilling.serialize.ProgrammeFileError` if the programme file
    cannot be read.

    .. versionadded:: 0.1
    """
    path = Path(programme_file)
    changed_meanwhile = CellProblem(
        str(path),
        None,
        None,
        "the file was changed by someone else during the import; import again",
    )
    before_load = _stamp(path)
    programme = load(path)
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(
            [CellProblem(str(path), None, None, exc.strerror or str(exc))]
        ) from None
    if _stamp(path) != before_load:
        raise WorkbookError([changed_meanwhile])
    fmt = format_for(path)
    fillings: list[Filling] = []
    problems: list[CellProblem] = []
    for workbook in workbooks:
        try:
            fillings.append(read_workbook(workbook, programme, period=period, limits=limits))
        except WorkbookError as exc:
            problems.extend(exc.problems)
    periods = {str(f.period) for f in fillings}
    if period is None and len(periods) > 1:
        problems.extend(
            CellProblem(
                f.source,
                None,
                None,
                f"is for {f.period}, but the workbooks are for {len(periods)} different "
                "periods; import one period at a time (or give the period)",
            )
            for f in fillings
        )
    if problems:
        raise WorkbookError(problems)
    try:
        merged = apply_fillings(programme, fillings)
    except ValueError as exc:  # what the workbooks say does not fit the programme
        raise WorkbookError([CellProblem(str(path), None, None, str(exc))]) from None
    if merged == programme:
        return ImportResult(
            programme=programme, fillings=tuple(fillings), changed=False, diff="", written=False
        )
    after = dumps(merged, fmt)
    before = original.decode("utf-8", errors="replace")
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path} (now)",
            tofile=f"{path} (after the import)",
        )
    )
    if dry_run:
        return ImportResult(
            programme=merged, fillings=tuple(fillings), changed=True, diff=diff, written=False
        )
    if not os.access(path, os.W_OK):
        raise WorkbookError(
            [CellProblem(str(path), None, None, "the file is read-only; not changed")]
        )
    backup = None
    if keep_previous:
        backup = _backup_path(path)
        try:
            atomic_write(backup, original)
        except OSError as exc:
            message = f"cannot keep the previous version as {backup}: {exc.strerror or exc}"
            raise WorkbookError([CellProblem(str(path), None, None, message)]) from None
    if path.read_bytes() != original:
        raise WorkbookError([changed_meanwhile])
    atomic_write(path, after.encode("utf-8"))
    return ImportResult(
        programme=merged,
        fillings=tuple(fillings),
        changed=True,
        diff=diff,
        written=True,
        backup=backup,
    )
