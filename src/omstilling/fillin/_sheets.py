"""Where the reader gets a workbook's sheets: the workbook opened in this process, or
in the reader's cage (:mod:`._cage`). Either way every sheet is scanned before it is
read, and a sheet the scan refuses is not read at all."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Protocol

import attrs

from .._messages import _
from ._safety import Archive, ArchiveError, Limits, _too_large, open_archive
from ._xmlscan import SheetScan

__all__ = ["Cell", "LocalWorkbook", "SheetRead", "Workbook", "open_workbook"]

Cell = Any
"""A value as python-calamine gives it: text, number, boolean, date, or ``""``."""


@attrs.frozen
class SheetRead:
    """A sheet as the reader got it: what its scan found, and its rows from A1 if it
    was read (``None`` if the scan refused it or the reader could not read it)."""

    scan: SheetScan
    rows: list[list[Cell]] | None = None
    error: str | None = None
    """Why the reader could not read the sheet, in its words."""


class Workbook(Protocol):
    """A workbook opened for reading, wherever that happens."""

    @property
    def sheet_names(self) -> list[str]: ...

    def read(self, name: str, cap: int, width: int, *, strict: bool) -> SheetRead:
        """Scan sheet ``name`` for cells beyond row ``cap`` or column ``width`` (and
        everything else :meth:`Archive.scan` refuses), then read its first ``cap``
        rows, unless the scan refused it (or, if ``strict``, found a formula)."""
        ...


class LocalWorkbook:
    """A workbook opened in this process."""

    def __init__(self, archive: Archive, workbook: Any) -> None:
        self.archive = archive
        self._workbook = workbook

    @property
    def sheet_names(self) -> list[str]:
        return list(self._workbook.sheet_names)

    def read(self, name: str, cap: int, width: int, *, strict: bool) -> SheetRead:
        scan = self.archive.scan(name, cap, width)
        if scan.refused or (strict and scan.has_formula):
            return SheetRead(scan)
        try:
            sheet = self._workbook.get_sheet_by_name(name)
            rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False, nrows=cap)
        except MemoryError:
            raise
        except Exception as exc:  # calamine's errors name the reason
            return SheetRead(scan, error=str(exc) or type(exc).__name__)
        except BaseException as exc:  # a Rust panic in calamine (pyo3's PanicException)
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            reason = str(exc) or type(exc).__name__
            return SheetRead(scan, error=_("the reader failed ({reason})").format(reason=reason))
        return SheetRead(scan, rows)


def open_workbook(source: str | os.PathLike[str] | bytes, limits: Limits) -> LocalWorkbook:
    """Open the workbook ``source`` (a path or the file's bytes) in this process: the
    zip and its list of sheets are checked (:func:`open_archive`) before python-calamine
    opens it. Raises :class:`ArchiveError` saying why it cannot be read."""
    try:
        if isinstance(source, bytes):
            data = source
        else:
            size = Path(source).stat().st_size
            if size > limits.max_file_bytes:
                raise ArchiveError(_too_large(size, limits))
            data = Path(source).read_bytes()
    except OSError as exc:
        raise ArchiveError(exc.strerror or str(exc)) from None
    archive = open_archive(data, limits)
    checked = archive.sheet_parts()
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
    except MemoryError:
        raise
    except BaseException as exc:  # calamine's errors carry the reason; a panic is one too
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise ArchiveError(
            _("cannot be read as an Excel workbook: {reason}").format(reason=exc)
        ) from None
    if sorted(names) != sorted(checked):
        # the sheets calamine found are not the ones checked: refuse rather than guess
        raise ArchiveError(
            _(
                "the workbook's list of sheets is written in a way readers take differently; "
                "save it with Excel or Calc"
            )
        )
    return LocalWorkbook(archive, workbook)
