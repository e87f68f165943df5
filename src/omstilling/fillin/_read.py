"""Reading a filled workbook back: every cell checked, every problem named by file,
sheet and cell."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from ..formatting import RAG_LABELS
from ..model import (
    Language,
    Money,
    PartialDate,
    Period,
    Programme,
    Rag,
)
from ..model._time import ends_before_start
from . import _layout as layout
from ._safety import Archive, ArchiveError, Limits, open_archive
from ._types import (
    FILLIN_FORMAT,
    FILLIN_VERSION,
    CellProblem,
    DimensionFilling,
    EventFilling,
    Filling,
    MeasureFilling,
    MilestoneFilling,
    StatusFilling,
    WorkbookError,
)

__all__ = ["read_workbook"]

_T = TypeVar("_T")
Cell = Any
"""A value as python-calamine gives it: text, number, boolean, date, or ``""``."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters a text typed into a cell never holds (they can arrive as _xHHHH_ escapes)."""
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLACK_ROWS = 200
"""Rows read past the end of a table, to notice values written outside it."""


class _CellError(ValueError):
    pass


class _Fatal(Exception):
    """A problem after which nothing more of the workbook can be read sensibly."""


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _words(labels: dict[_T, Any]) -> dict[str, _T]:
    """Every way a choice may be written (any language, any case) -> the choice."""
    found: dict[str, _T] = {}
    for choice, words in labels.items():
        for language in Language:
            found[words.get(language).casefold()] = choice
        value = getattr(choice, "value", None)
        if isinstance(value, str):
            found[value.casefold()] = choice
    return found


_RAG_WORDS = _words(RAG_LABELS)
_KIND_WORDS = _words(layout.EVENT_KIND)
_BOOL_WORDS = _words({True: layout.YES, False: layout.NO}) | {"true": True, "false": False}


# --- cell values ---------------------------------------------------------------------


def _text(value: Cell) -> str | None:
    if type(value) is str:  # the common case first: a sheet has many cells
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value):
            raise _CellError("the text holds control characters; retype it")
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        raise _CellError(f"expected text, found {value!r}")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() or None


def _lines(value: Cell) -> tuple[str, ...]:
    text = _text(value)
    if text is None:
        return ()
    return tuple(line.strip() for line in text.split("\n") if line.strip())


@functools.lru_cache(maxsize=4096)
def _exact_date(value: dt.date) -> PartialDate:
    """The partial date of a calendar day; the same days recur in a sheet, and a
    partial date is immutable, so each is made once."""
    return PartialDate.from_date(value)


def _date(value: Cell) -> PartialDate | None:
    if type(value) is dt.date:  # the common case first: a sheet has many cells
        return _exact_date(value)
    if _is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise _CellError(f"expected a date, found a date with a time of day ({value})")
        return _exact_date(value.date())
    if isinstance(value, dt.date):
        return _exact_date(value)
    if isinstance(value, str):
        text = value.strip()
        match = _NORWEGIAN_DATE.match(text)
        try:
            if match is not None:
                day, month, year = (int(g) for g in match.groups())
                return PartialDate.from_date(dt.date(year, month, day))
            return PartialDate.parse(text)
        except ValueError:
            raise _CellError(f"expected a date (15.09.2004), found the text {text!r}") from None
    if isinstance(value, bool):
        raise _CellError(f"expected a date, found {value!r}")
    if isinstance(value, dt.time | dt.timedelta):
        raise _CellError(f"expected a date (15.09.2004), found a time ({value})")
    raise _CellError(f"expected a date (15.09.2004), found the number {value!r}")


def _choice(value: Cell, words: dict[str, _T], shown: Sequence[str]) -> _T | None:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        found = words.get(text.casefold())
        if found is not None:
            return found
    elif value is None:
        return None
    elif isinstance(value, bool) and value in words.values():
        return words[str(value).casefold()]
    choices = ", ".join(shown)
    raise _CellError(f"unknown choice {value!r}; choose one of {choices}")


def _whole(value: Cell) -> int | None:
    if _is_empty(value):
        return None
    number: Decimal
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        if isinstance(value, int | float):
            number = Decimal(repr(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise _CellError(f"expected a whole number, found {value!r}") from None
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        raise _CellError(f"expected a whole number of 0 or more, found {value!r}")
    if number > 100_000:
        raise _CellError(f"{value!r} is more than 100000")
    return int(number)


def _money(value: Cell, currency: str) -> Money | None:
    if _is_empty(value):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(f"expected an amount, found {value!r}")
        if isinstance(value, int | float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"expected an amount, found {value!r}")
            money = Money(Decimal(repr(value)), currency)
        elif isinstance(value, str):
            money = Money.parse(value)
            if money.currency != currency:
                msg = f"the amount is in {money.currency}, but this measure's are in {currency}"
                raise ValueError(msg)
        else:
            raise ValueError(f"expected an amount, found {value!r}")
    except ValueError as exc:
        message = str(exc)
        if "counted in whole øre" in message:
            message = f"{value!r} has more than two decimals; amounts are in kroner and øre"
        raise _CellError(message) from None
    if abs(money.amount) >= Decimal("1E15"):
        raise _CellError(f"{value!r} is too large an amount")
    return money


# --- the reader ----------------------------------------------------------------------


class _Reader:
    def __init__(
        self,
        file: str,
        archive: Archive,
        workbook: Any,
        programme: Programme,
        limits: Limits,
    ) -> None:
        self.file = file
        self.archive = archive
        self.workbook = workbook
        self.programme = programme
        self.limits = limits
        self.problems: list[CellProblem] = []
        self.warnings: list[CellProblem] = []
        self.cells_with_problems: set[str] = set()
        self.language = Language.NB

    def problem(self, sheet: str | None, cell: str | None, message: str) -> None:
        self.problems.append(CellProblem(self.file, sheet, cell, message))
        if cell is not None:
            self.cells_with_problems.add(cell)

    def warn(self, sheet: str, cell: str, message: str) -> None:
        self.warnings.append(CellProblem(self.file, sheet, cell, f"warning: {message}"))

    def fatal(self, message: str, sheet: str | None = None) -> _Fatal:
        self.problem(sheet, None, message)
        return _Fatal()

    def rows(self, name: str, expected: int, width: int) -> list[list[Cell]] | None:
        """The rows of sheet ``name`` from A1, or ``None`` (with a problem) if the
        sheet is missing, holds formulas, or has cells past the form's ``expected``
        rows or ``width`` columns. The sheet's XML is scanned for all of this before
        the sheet is read, so a sheet made to exhaust memory is refused first."""
        if name not in self.workbook.sheet_names:
            self.problem(name, None, f"the sheet {name!r} is missing; was it renamed or deleted?")
            return None
        cap = min(layout.HEADER_ROW + expected + _SLACK_ROWS, self.limits.max_rows)
        scan = self.archive.scan(name, cap, width)
        if scan.outside is not None:
            self.problem(
                name, scan.outside, "is outside the form; nothing may be written right of it"
            )
        if scan.rows is not None:
            self.problem(
                name,
                None,
                f"the sheet reaches row {scan.rows}; this form has "
                f"{layout.HEADER_ROW + expected} rows (at most {cap} are read)",
            )
        if scan.unplaced:
            self.problem(
                name, None, "the sheet has cells without a position; save it with Excel or Calc"
            )
        for cell in scan.formulas:
            self.problem(
                name, cell, "holds a formula; write the value itself (formulas are not read)"
            )
        if scan.outside is not None or scan.rows is not None or scan.unplaced:
            return None
        try:
            sheet = self.workbook.get_sheet_by_name(name)
            rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False, nrows=cap)
        except Exception as exc:  # calamine's errors name the reason
            self.problem(name, None, f"the sheet cannot be read: {exc}")
            return None
        return rows

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
                    f"expected the heading {expected!r}, found {found!r}; were columns "
                    "moved, added or deleted?",
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
                        "is outside the form; rows cannot be added (the value is not read)",
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
                        sheet, f"A{row}", "this row is not part of the form; rows cannot be added"
                    )
            elif key in found:
                self.problem(
                    sheet, f"A{row}", f"{what} {key!r} is given twice; rows must not be copied"
                )
            elif isinstance(key, str) and key in wanted:
                found[key] = row
            else:
                self.problem(
                    sheet, f"A{row}", f"unknown {what} {key!r}; rows cannot be added or changed"
                )
        for index, key in enumerate(expected):
            if key not in found:
                self.problem(
                    sheet,
                    f"A{first + index}",
                    f"the row of {what} {key!r} is missing; rows must not be deleted",
                )
        return found

    # --- the whole workbook

    def read(self, period: Period | None) -> Filling:
        meta = self.read_meta()
        participant = meta["participant"]
        found_period = Period.parse(meta["period"])
        if period is not None and found_period != period:
            raise self.fatal(f"the workbook is for the period {found_period}, not {period}")
        sheets: dict[str, str] = meta["sheets"]
        rows_of: dict[str, list[str]] = meta["rows"]
        status = self.read_status(sheets["status"], rows_of.get("status", []))
        milestones = self.read_milestones(
            sheets["milestones"], rows_of.get("milestones", []), participant
        )
        measures = self.read_measures(
            sheets["measures"], rows_of.get("measures", []), participant, found_period
        )
        events = self.read_events(sheets["events"])
        if self.problems:
            raise WorkbookError(self.problems)
        return Filling(
            programme=self.programme.id,
            participant=participant,
            period=found_period,
            status=status or StatusFilling(),
            milestones=milestones,
            measures=measures,
            events=events,
            source=self.file,
            warnings=tuple(self.warnings),
        )

    def read_meta(self) -> dict[str, Any]:
        if layout.META_SHEET not in self.workbook.sheet_names:
            raise self.fatal(
                "not a fill-in workbook from omstilling (its hidden sheet "
                f"{layout.META_SHEET!r} is missing); make one with `omstilling template`"
            )
        scan = self.archive.scan(layout.META_SHEET, self.limits.max_rows, 3)
        if scan.outside or scan.rows or scan.unplaced or scan.has_formula:
            raise self.fatal("the workbook's hidden metadata has been changed; make a new one")
        try:
            rows = self.workbook.get_sheet_by_name(layout.META_SHEET).to_python(
                skip_empty_area=False, nrows=self.limits.max_rows
            )
        except Exception as exc:  # calamine's errors name the reason
            raise self.fatal(f"the workbook's hidden metadata cannot be read: {exc}") from None
        head: dict[str, str] = {}
        sheets: dict[str, str] = {}
        keyed: dict[str, list[str]] = {}
        for values in rows:
            key, value, extra = [*values, "", "", ""][:3]
            if key == "row":
                keyed.setdefault(str(value), []).append(str(extra))
            elif key == "sheet":
                sheets[str(value)] = str(extra)
            elif isinstance(key, str) and key:
                head[key] = str(value)
        if head.get("format") != FILLIN_FORMAT:
            raise self.fatal(
                "not a fill-in workbook from omstilling (unknown format in its metadata)"
            )
        try:
            version = int(head.get("version", ""))
        except ValueError:
            raise self.fatal("the workbook's layout version is unreadable") from None
        if version > FILLIN_VERSION:
            raise self.fatal(
                f"the workbook has layout version {version}, made by a newer omstilling; "
                f"this one reads version {FILLIN_VERSION}: update omstilling"
            )
        if version < FILLIN_VERSION:  # pragma: no cover - there is no older layout yet
            raise self.fatal(f"the workbook has layout version {version}, which is no longer read")
        if head.get("schema") != "status":
            raise self.fatal(f"the workbook is for the report {head.get('schema')!r}, not 'status'")
        if head.get("programme") != self.programme.id:
            raise self.fatal(
                f"the workbook is for the programme {head.get('programme')!r}, "
                f"not {self.programme.id!r}"
            )
        participant = head.get("participant", "")
        if not any(p.organisation == participant for p in self.programme.participants):
            raise self.fatal(
                f"the workbook is for {participant!r}, which is not a participant of "
                f"the programme {self.programme.id!r}"
            )
        try:
            Period.parse(head.get("period", ""))
            self.language = Language(head.get("language", ""))
        except ValueError:
            raise self.fatal("the workbook's period or language is unreadable") from None
        missing = [
            key for key in ("status", "milestones", "measures", "events") if key not in sheets
        ]
        if missing:
            raise self.fatal(f"the workbook's metadata names no sheet for {', '.join(missing)}")
        return {**head, "sheets": sheets, "rows": keyed}

    def read_status(self, sheet: str, keys: list[str]) -> StatusFilling | None:
        rows = self.rows(sheet, len(keys), len(layout.STATUS_COLUMNS))
        if rows is None or not self.check_headings(sheet, rows, layout.STATUS_COLUMNS):
            return None
        found = self.keyed_rows(sheet, rows, keys, "question")
        rag_shown = list(layout.rag_words(self.language).values())

        def rag(value: Cell) -> Rag | None:
            return _choice(value, _RAG_WORDS, rag_shown)

        parsers: dict[str, Callable[[Cell], Any]] = {
            "reported_on": _date,
            "overall": rag,
            "narrative": _text,
            "steering_group_meetings": _whole,
            "next_steps": _lines,
            "risks": _lines,
        }
        values: dict[str, Any] = {}
        dimensions: dict[str, dict[str, Any]] = {}
        known_dimensions = set(self.programme.status_dimensions)
        for key, row in found.items():
            kind, _, dimension = key.partition(".")
            if kind in ("dimension", "comment") and dimension not in known_dimensions:
                self.warn(
                    sheet,
                    f"A{row}",
                    f"the programme has no status dimension {dimension!r} any more; "
                    "the row is not imported",
                )
            elif kind in ("dimension", "comment") and dimension:
                parser = rag if kind == "dimension" else _text
                dimensions.setdefault(dimension, {})[kind] = self.parse(sheet, rows, row, 3, parser)
            elif key in parsers:
                values[key] = self.parse(sheet, rows, row, 3, parsers[key])
            else:
                self.problem(sheet, f"A{row}", f"unknown question {key!r}")
        filled: list[DimensionFilling] = []
        for dimension, given in dimensions.items():
            if given.get("comment") is not None and given.get("dimension") is None:
                row = found[f"comment.{dimension}"]
                self.problem(sheet, f"C{row}", "a comment needs a status in the row above it")
            filled.append(
                DimensionFilling(
                    dimension=dimension, rag=given.get("dimension"), comment=given.get("comment")
                )
            )
        return StatusFilling(
            reported_on=values.get("reported_on"),
            overall=values.get("overall"),
            dimensions=tuple(filled),
            narrative=values.get("narrative"),
            steering_group_meetings=values.get("steering_group_meetings"),
            next_steps=values.get("next_steps") or (),
            risks=values.get("risks") or (),
        )

    def read_milestones(
        self, sheet: str, ids: list[str], participant: str
    ) -> tuple[MilestoneFilling, ...]:
        rows = self.rows(sheet, len(ids), len(layout.MILESTONE_COLUMNS))
        if rows is None or not self.check_headings(sheet, rows, layout.MILESTONE_COLUMNS):
            return ()
        found = self.keyed_rows(sheet, rows, ids, "milestone")
        own = {m.id for m in layout.milestones_of(self.programme, participant)}
        shown = [layout.YES.get(self.language), layout.NO.get(self.language)]
        filled: list[MilestoneFilling] = []

        def done_or_not(value: Cell) -> bool | None:
            return _choice(value, _BOOL_WORDS, shown)

        for milestone_id, row in found.items():
            if milestone_id not in own:
                self.warn(
                    sheet,
                    f"A{row}",
                    f"milestone {milestone_id!r} is no longer one of the milestones of "
                    f"{participant!r} in the programme; its row is not imported",
                )
                continue
            values = rows[row - 1]
            if len(values) < 9:
                values = [*values, *[""] * (9 - len(values))]
            done = self.parse_value(sheet, row, 8, values[7], done_or_not)
            done_on = self.parse_value(sheet, row, 9, values[8], _date)
            if done_on is not None and not done and f"H{row}" not in self.cells_with_problems:
                self.problem(
                    sheet, f"H{row}", f"I{row} gives the day it was done: choose Ja here too"
                )
            filled.append(
                MilestoneFilling(
                    id=milestone_id,
                    report_date=self.parse_value(sheet, row, 6, values[5], _date),
                    report_status_text=self.parse_value(sheet, row, 7, values[6], _text),
                    done=bool(done),
                    done_on=done_on,
                )
            )
        return tuple(filled)

    def read_measures(
        self, sheet: str, ids: list[str], participant: str, period: Period
    ) -> tuple[MeasureFilling, ...]:
        rows = self.rows(sheet, len(ids), len(layout.MEASURE_COLUMNS))
        if rows is None or not self.check_headings(sheet, rows, layout.MEASURE_COLUMNS):
            return ()
        found = self.keyed_rows(sheet, rows, ids, "measure")
        own = {m.id: m for m in layout.measures_of(self.programme, participant)}
        filled: list[MeasureFilling] = []
        for measure_id, row in found.items():
            measure = own.get(measure_id)
            if measure is None:
                self.warn(
                    sheet,
                    f"A{row}",
                    f"measure {measure_id!r} is no longer one of the measures of "
                    f"{participant!r} in the programme; its row is not imported",
                )
                continue
            currency = layout.currency_of(measure)
            realised = self.parse(sheet, rows, row, 6, functools.partial(_money, currency=currency))
            filled.append(MeasureFilling(id=measure_id, realised=realised))
        return tuple(filled)

    def read_events(self, sheet: str) -> tuple[EventFilling, ...]:
        rows = self.rows(sheet, layout.MAX_EVENT_ROWS, len(layout.EVENT_COLUMNS))
        if rows is None or not self.check_headings(sheet, rows, layout.EVENT_COLUMNS):
            return ()
        shown = [w.get(self.language) for w in layout.EVENT_KIND.values()]
        events: list[EventFilling] = []
        first = layout.HEADER_ROW + 1
        for row in range(first, min(len(rows), layout.HEADER_ROW + layout.MAX_EVENT_ROWS) + 1):
            if all(_is_empty(v) for v in rows[row - 1][:6]):
                continue
            kind = self.parse(sheet, rows, row, 1, lambda v: _choice(v, _KIND_WORDS, shown))
            title = self.parse(sheet, rows, row, 2, _text)
            start = self.parse(sheet, rows, row, 3, _date)
            end = self.parse(sheet, rows, row, 4, _date)
            if kind is None and _is_empty(self.cell(rows, row, 1)):
                self.problem(sheet, f"A{row}", "an event needs a kind: choose one from the list")
            if title is None and _is_empty(self.cell(rows, row, 2)):
                self.problem(sheet, f"B{row}", "an event needs a title")
            if ends_before_start(start, end):
                self.problem(sheet, f"D{row}", f"the event ends ({end}) before it starts ({start})")
            if kind is None or title is None:
                continue
            events.append(
                EventFilling(
                    kind=kind,
                    title=title,
                    start=start,
                    end=end,
                    place=self.parse(sheet, rows, row, 5, _text),
                    description=self.parse(sheet, rows, row, 6, _text),
                )
            )
        self.outside(sheet, rows, layout.HEADER_ROW + layout.MAX_EVENT_ROWS + 1)
        return tuple(events)


def read_workbook(
    source: str | os.PathLike[str] | bytes,
    programme: Programme,
    *,
    period: Period | str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> Filling:
    """Read a filled workbook made by :func:`make_workbook` for ``programme``.

    ``source`` is a path or the file's bytes; ``name`` is what messages call it
    (default: the path). The workbook is checked before anything in it is parsed
    (see :class:`Limits`), every input cell is checked against the form, and
    formulas are refused, never evaluated. A workbook for another programme, or for
    another period than ``period`` (if given), is refused.

    Raises :class:`WorkbookError` listing every problem, each as
    ``FILE: Sheet!C7: message``.

    .. versionadded:: 0.1
    """
    limits = limits or Limits()
    file = name or ("<workbook>" if isinstance(source, bytes) else str(source))
    wanted = Period.parse(period) if isinstance(period, str) else period
    try:
        if isinstance(source, bytes):
            data = source
        else:
            size = Path(source).stat().st_size
            if size > limits.max_file_bytes:
                raise ArchiveError(
                    f"the file is {size / 2**20:.0f} MB; the most a workbook may be is "
                    f"{limits.max_file_bytes / 2**20:.0f} MB"
                )
            data = Path(source).read_bytes()
        archive = open_archive(data, limits)
    except OSError as exc:
        raise WorkbookError([CellProblem(file, None, None, exc.strerror or str(exc))]) from None
    except ArchiveError as exc:
        raise WorkbookError([CellProblem(file, None, None, str(exc))]) from None
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's errors carry the reason; none is a crash of ours
        message = f"cannot be read as an Excel workbook: {exc}"
        raise WorkbookError([CellProblem(file, None, None, message)]) from None
    reader = _Reader(file, archive, workbook, programme, limits)
    try:
        return reader.read(wanted)
    except _Fatal:
        raise WorkbookError(reader.problems) from None
    except ArchiveError as exc:
        raise WorkbookError([*reader.problems, CellProblem(file, None, None, str(exc))]) from None
