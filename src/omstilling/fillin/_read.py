"""Reading a filled workbook back: every cell checked, every problem named by file,
sheet and cell."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

from ..model import (
    Language,
    Period,
    Programme,
    Rag,
)
from ..model._time import ends_before_start
from . import _layout as layout
from ._binding import check_key, key_id, token_matches, token_parts
from ._safety import ArchiveError, Limits
from ._sheets import Workbook, open_workbook
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

from ._cells import (
    _BOOL_WORDS,
    _KIND_WORDS,
    _RAG_WORDS,
    Cell,
    _choice,
    _date,
    _Fatal,
    _is_empty,
    _lines,
    _money,
    _quote,
    _text,
    _whole,
)
from ._sheetreader import SheetReader, _too_long

_T = TypeVar("_T")


def _nearby_periods(period: str, steps: int = 12) -> list[str]:
    """The periods of ``period``'s kind up to ``steps`` before and after it: where a
    workbook whose period was changed most likely came from."""
    try:
        start = Period.parse(period)
    except ValueError:
        return []
    found: list[str] = []
    for move in (Period.previous, Period.next):
        current = start
        for _ in range(steps):
            try:
                current = move(current)
            except ValueError:  # the calendar's first or last period
                break
            found.append(str(current))
    return found


# --- the reader ----------------------------------------------------------------------


class _Reader(SheetReader):
    """Reads one filled workbook into a :class:`Filling`."""

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
        if layout.META_SHEET not in self.sheets.sheet_names:
            raise self.fatal(
                "not a fill-in workbook from omstilling (its hidden sheet "
                f"{layout.META_SHEET!r} is missing); make one with `omstilling workbooks`"
            )
        read = self.sheets.read(layout.META_SHEET, self.limits.max_rows, 3, strict=True)
        changed = "the workbook's hidden metadata has been changed; make a new one"
        if read.scan.refused or read.scan.has_formula:
            raise self.fatal(changed)
        if read.rows is None:
            raise self.fatal(f"the workbook's hidden metadata cannot be read: {read.error}")
        rows = read.rows
        if any(_too_long(rows, self.limits.max_cell_chars)):
            raise self.fatal(changed)
        head: dict[str, str] = {}
        sheets: dict[str, str] = {}
        keyed: dict[str, list[str]] = {}
        cells: dict[str, str] = {}
        for number, values in enumerate(rows, start=1):
            key, value, extra = [*values, "", "", ""][:3]
            if key == "row":
                keyed.setdefault(str(value), []).append(str(extra))
            elif key == "sheet":
                sheets[str(value)] = str(extra)
            elif isinstance(key, str) and key:
                head[key] = str(value)
                cells[key] = f"B{number}"
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
            raise self.fatal(
                f"the workbook is for the report {_quote(head.get('schema'))}, not 'status'"
            )
        if head.get("programme") != self.programme.id:
            raise self.fatal(
                f"the workbook is for the programme {_quote(head.get('programme'))}, "
                f"not {self.programme.id!r}"
            )
        if self.key is not None:
            self.check_binding(head, cells, version)
        participant = head.get("participant", "")
        if not any(p.organisation == participant for p in self.programme.participants):
            raise self.fatal(
                f"the workbook is for {_quote(participant)}, which is not a participant of "
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

    def check_binding(self, head: dict[str, str], cells: dict[str, str], version: int) -> None:
        """Refuse the workbook unless its binding token, checked with the key, says it
        was made for the programme, participant and period its metadata names."""
        assert self.key is not None
        sheet = layout.META_SHEET
        token = head.get("binding")
        if token is None:
            self.problem(
                sheet,
                None,
                "the workbook carries no binding token, so whom it was made for cannot be "
                "checked; it is refused: make a new one with `omstilling workbooks`",
                "binding",
            )
            raise _Fatal()
        where = cells.get("binding")
        parts = token_parts(token)
        if parts is None:
            self.problem(
                sheet,
                where,
                "the workbook's binding token is damaged; it is refused: make a new one "
                "with `omstilling workbooks`",
                "binding",
            )
            raise _Fatal()
        made_with, mac = parts
        if made_with != key_id(self.key):
            self.problem(
                sheet,
                where,
                "the workbook was bound with another key than this programme file's: it "
                "was made by another programme office or for another programme file, or "
                "the key was replaced after it was made; it is refused: make a new one "
                "with `omstilling workbooks`",
                "binding",
            )
            raise _Fatal()
        programme = head.get("programme", "")
        participant = head.get("participant", "")
        period = head.get("period", "")

        def bound(to_participant: str, to_period: str) -> bool:
            assert self.key is not None
            return token_matches(self.key, mac, version, programme, to_participant, to_period)

        if bound(participant, period):
            return
        changed = "its hidden metadata was changed or its token copied from another workbook"
        for other in self.programme.participants:
            if other.organisation != participant and bound(other.organisation, period):
                self.problem(
                    sheet,
                    cells.get("participant"),
                    f"the workbook says it is for {participant!r}, but it was bound to "
                    f"{other.organisation!r}: {changed}; it is refused",
                    "binding",
                )
                raise _Fatal()
        for other_period in _nearby_periods(period):
            if bound(participant, other_period):
                self.problem(
                    sheet,
                    cells.get("period"),
                    f"the workbook says it is for the period {period}, but it was bound to "
                    f"{other_period}: {changed}; it is refused",
                    "binding",
                )
                raise _Fatal()
        self.problem(
            sheet,
            where,
            "the workbook's binding token does not match what its hidden metadata says it "
            f"is for (programme {programme!r}, participant {participant!r}, period "
            f"{period}): {changed}; it is refused",
            "binding",
        )
        raise _Fatal()

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
                self.problem(sheet, f"A{row}", f"unknown question {_quote(key)}")
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
    key: bytes | None,
    cage: bool = True,
) -> Filling:
    """Read a filled workbook made by :func:`make_workbook` for ``programme``.

    ``source`` is a path or the file's bytes; ``name`` is what messages call it
    (default: the path). The workbook is checked before anything in it is parsed
    (see :class:`Limits`), every input cell is checked against the form, and
    formulas are refused, never evaluated. A workbook for another programme, or for
    another period than ``period`` (if given), is refused.

    ``key`` is the key the workbook was made with (:func:`binding_key`): a workbook
    without a binding token, with one made with another key, or whose metadata no
    longer says the programme, participant and period its token was made for, is
    refused, naming the cell. With ``None`` the binding is not checked: only for a
    workbook whose origin is known otherwise.

    With ``cage`` (the default) the workbook is opened and parsed in a child process
    with hard limits on its memory, processor time and what it sends back (see
    :class:`Limits`; on Windows only the last two), so that whatever a parser does
    with a hostile file, a crash included, ends as one problem: "could not be read
    safely: the reader stopped …". Only plain values come back; the checks against
    the programme and the key are made in this process. ``cage=False`` reads in this
    process, a little faster, for workbooks whose origin is known (tests,
    benchmarks).

    Raises :class:`WorkbookError` listing every problem, each as
    ``FILE: Sheet!C7: message`` (the binding's with code ``binding``), and
    :class:`ValueError` for a key shorter than 16 bytes.

    .. versionadded:: 0.1
    """
    limits = limits or Limits()
    if key is not None:
        check_key(key)
    file = name or ("<workbook>" if isinstance(source, bytes) else str(source))
    wanted = Period.parse(period) if isinstance(period, str) else period
    from ._cage import borrow_cage

    with borrow_cage(limits) if cage else contextlib.nullcontext() as reader_cage:
        try:
            if reader_cage is None:
                sheets: Workbook = open_workbook(source, limits)
            else:
                sheets = reader_cage.open(source)
        except ArchiveError as exc:
            raise WorkbookError([CellProblem(file, None, None, str(exc))]) from None
        reader = _Reader(file, sheets, programme, limits, key)
        try:
            return reader.read(wanted)
        except _Fatal:
            raise WorkbookError(reader.problems) from None
        except ArchiveError as exc:
            problem = CellProblem(file, None, None, str(exc))
            raise WorkbookError([*reader.problems, problem]) from None
