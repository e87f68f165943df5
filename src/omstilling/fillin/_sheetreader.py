"""Reading a workbook's sheets as forms: rows within bounds, headings checked, each
cell's value parsed or its problem recorded with file, sheet and cell."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from typing import TypeVar

from .._messages import _, prefer_language
from ..model import (
    Language,
    Programme,
)
from . import _layout as layout
from ._safety import Limits
from ._sheets import Workbook
from ._types import (
    CellProblem,
)

__all__ = ["SheetReader"]

from ._cells import (
    _SLACK_ROWS,
    Cell,
    _CellError,
    _column_letter,
    _Fatal,
    _is_empty,
    _quote,
)

_T = TypeVar("_T")

_MESSAGE_CHARS = 300
"""The longest message a problem has; values in it are cut shorter still."""


def _too_long(rows: list[list[Cell]], limit: int) -> Iterator[tuple[int, int, int]]:
    """Row, column (both from 1) and length of each text in ``rows`` longer than
    ``limit`` characters."""
    for number, row in enumerate(rows, start=1):
        longest = max((len(v) for v in row if type(v) is str), default=0)
        if longest > limit:
            for column, value in enumerate(row, start=1):
                if type(value) is str and len(value) > limit:
                    yield number, column, len(value)


class SheetReader:
    """The reader of one workbook's sheets; :class:`~omstilling.fillin._read` builds
    the workbook's filling on it."""

    def __init__(
        self,
        file: str,
        sheets: Workbook,
        programme: Programme,
        limits: Limits,
        key: bytes | None = None,
    ) -> None:
        self.file = file
        self.sheets = sheets
        self.programme = programme
        self.limits = limits
        self.key = key
        self.problems: list[CellProblem] = []
        self.warnings: list[CellProblem] = []
        self.cells_with_problems: set[str] = set()
        self.language = Language.NB
        self._spoken: contextvars.Token[tuple[str, int]] | None = None

    def speak(self, language: str | None) -> None:
        """Make the messages from now on in ``language`` (the workbook's), unless the
        caller chose a message language; :meth:`done` goes back."""
        if self._spoken is None:
            self._spoken = prefer_language(language)

    def done(self) -> None:
        """Messages in the language they were in before :meth:`speak`."""
        if self._spoken is not None:
            self._spoken.var.reset(self._spoken)
            self._spoken = None

    def problem(
        self, sheet: str | None, cell: str | None, message: str, code: str = "workbook"
    ) -> None:
        if len(message) > _MESSAGE_CHARS:  # a message never repeats a long value whole
            message = message[: _MESSAGE_CHARS - 1] + "…"
        self.problems.append(CellProblem(self.file, sheet, cell, message, code))
        if cell is not None:
            self.cells_with_problems.add(cell)

    def warn(self, sheet: str, cell: str, message: str) -> None:
        if len(message) > _MESSAGE_CHARS:
            message = message[: _MESSAGE_CHARS - 1] + "…"
        warning = _("warning: {message}").format(message=message)
        self.warnings.append(CellProblem(self.file, sheet, cell, warning))

    def fatal(self, message: str, sheet: str | None = None) -> _Fatal:
        self.problem(sheet, None, message)
        return _Fatal()

    def rows(self, name: str, expected: int, width: int) -> list[list[Cell]] | None:
        """The rows of sheet ``name`` from A1, or ``None`` (with a problem) if the
        sheet is missing, holds formulas, or has cells past the form's ``expected``
        rows or ``width`` columns. The sheet's XML is scanned for all of this before
        the sheet is read, so a sheet made to exhaust memory is refused first."""
        if name not in self.sheets.sheet_names:
            msg = _("the sheet {name} is missing; was it renamed or deleted?")
            self.problem(name, None, msg.format(name=repr(name)))
            return None
        cap = min(layout.HEADER_ROW + expected + _SLACK_ROWS, self.limits.max_rows)
        read = self.sheets.read(name, cap, width, strict=False)
        scan = read.scan
        if scan.outside is not None:
            self.problem(
                name, scan.outside, _("is outside the form; nothing may be written right of it")
            )
        if scan.rows is not None:
            self.problem(
                name,
                None,
                _(
                    "the sheet reaches row {row}; this form has {rows} rows "
                    "(at most {cap} are read)"
                ).format(row=scan.rows, rows=layout.HEADER_ROW + expected, cap=cap),
            )
        if scan.unplaced:
            self.problem(
                name, None, _("the sheet has cells without a position; save it with Excel or Calc")
            )
        if scan.loose:
            self.problem(
                name,
                None,
                _(
                    "a cell or row is written as no spreadsheet program writes one (an attribute "
                    "in single quotes, or with spaces around its =); save it with Excel or Calc"
                ),
            )
        if scan.cdata:
            self.problem(
                name,
                None,
                _(
                    "the sheet has a CDATA section, which no spreadsheet program writes; save it "
                    "with Excel or Calc"
                ),
            )
        if scan.too_long:
            held = (
                _("{count} characters").format(count=f"{scan.long_chars:,}")
                if scan.long_chars is not None
                else _("more than 1 MB of text")
            )
            message = (
                _("holds {held}; a cell holds at most {limit} characters")
                if scan.long_cell
                else _("a cell holds {held}; a cell holds at most {limit} characters")
            )
            self.problem(
                name,
                scan.long_cell,
                message.format(held=held, limit=f"{self.limits.max_cell_chars:,}"),
            )
        if scan.over_budget is not None:
            self.problem(
                name,
                None,
                _(
                    "the cells hold {size} MB of text or more with the sheets before, counting a "
                    "shared text once for each cell that uses it; at most {limit} MB of text is "
                    "read from a workbook"
                ).format(
                    size=f"{scan.over_budget / 2**20:,.0f}",
                    limit=f"{self.limits.max_text_bytes / 2**20:,.0f}",
                ),
            )
        for cell in scan.formulas:
            self.problem(
                name, cell, _("holds a formula; write the value itself (formulas are not read)")
            )
        if read.rows is None:
            if read.error is not None:
                message = _("the sheet cannot be read: {error}").format(error=read.error)
                self.problem(name, None, message)
            return None
        for row, column, length in _too_long(read.rows, self.limits.max_cell_chars):
            self.problem(
                name,
                f"{_column_letter(column)}{row}",
                _("holds {held}; a cell holds at most {limit} characters").format(
                    held=_("{count} characters").format(count=f"{length:,}"),
                    limit=f"{self.limits.max_cell_chars:,}",
                ),
            )
        return read.rows

    @staticmethod
    def cell(rows: list[list[Cell]], row: int, column: int) -> Cell:
        """The value at 1-based ``row`` and ``column`` (``""`` past the data)."""
        if row - 1 < len(rows):
            values = rows[row - 1]
            if column - 1 < len(values):
                return values[column - 1]
        return ""

    def parse(
        self,
        sheet: str,
        rows: list[list[Cell]],
        row: int,
        column: int,
        parser: Callable[[Cell], _T],
    ) -> _T | None:
        try:
            return parser(self.cell(rows, row, column))
        except _CellError as exc:
            self.problem(sheet, f"{_column_letter(column)}{row}", str(exc))
            return None

    def parse_value(
        self, sheet: str, row: int, column: int, value: Cell, parser: Callable[[Cell], _T]
    ) -> _T | None:
        """``parser(value)``, or ``None`` with a problem naming the cell."""
        try:
            return parser(value)
        except _CellError as exc:
            self.problem(sheet, f"{_column_letter(column)}{row}", str(exc))
            return None

    def check_headings(self, sheet: str, rows: list[list[Cell]], columns: layout.Columns) -> bool:
        good = True
        for number, (_key, label, _width, _input) in enumerate(columns, start=1):
            expected = label.get(self.language)
            found = self.cell(rows, layout.HEADER_ROW, number)
            found_text = found.strip() if isinstance(found, str) else found
            if found_text != expected and not (
                isinstance(found_text, str)
                and columns is layout.STATUS_COLUMNS
                and number == 4
                and found_text.startswith(expected)
            ):
                self.problem(
                    sheet,
                    f"{_column_letter(number)}{layout.HEADER_ROW}",
                    _(
                        "expected the heading {expected}, found {found}; were columns "
                        "moved, added or deleted?"
                    ).format(expected=repr(expected), found=_quote(found)),
                )
                good = False
        return good

    def outside(self, sheet: str, rows: list[list[Cell]], first_free: int) -> None:
        """A problem for the first value below the form's last row."""
        for row in range(first_free, len(rows) + 1):
            for column, value in enumerate(rows[row - 1], start=1):
                if not _is_empty(value):
                    self.problem(
                        sheet,
                        f"{_column_letter(column)}{row}",
                        _("is outside the form; rows cannot be added (the value is not read)"),
                    )
                    return

    def keyed_rows(
        self, sheet: str, rows: list[list[Cell]], expected: list[str], what: str
    ) -> dict[str, int]:
        """Find each expected key (column A) in the sheet's rows; a problem for each
        key missing, repeated or unknown."""
        first = layout.HEADER_ROW + 1
        found: dict[str, int] = {}
        wanted = set(expected)
        for row in range(first, len(rows) + 1):
            key = self.cell(rows, row, 1)
            key = key.strip() if isinstance(key, str) else key
            if _is_empty(key):
                if not all(_is_empty(v) for v in rows[row - 1]):
                    self.problem(
                        sheet,
                        f"A{row}",
                        _("this row is not part of the form; rows cannot be added"),
                    )
            elif key in found:
                self.problem(
                    sheet,
                    f"A{row}",
                    _("{what} {key} is given twice; rows must not be copied").format(
                        what=_(what), key=_quote(key)
                    ),
                )
            elif isinstance(key, str) and key in wanted:
                found[key] = row
            else:
                self.problem(
                    sheet,
                    f"A{row}",
                    _("unknown {what} {key}; rows cannot be added or changed").format(
                        what=_(what), key=_quote(key)
                    ),
                )
        for index, key in enumerate(expected):
            if key not in found:
                self.problem(
                    sheet,
                    f"A{first + index}",
                    _("the row of {what} {key} is missing; rows must not be deleted").format(
                        what=_(what), key=repr(key)
                    ),
                )
        return found

    # --- the whole workbook
