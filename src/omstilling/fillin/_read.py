"""Reading a filled workbook back: every cell checked, every problem named by file,
sheet and cell."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from .._messages import N_, _
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
        for _step in range(steps):
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
            msg = _("the workbook is for the period {found}, not {period}")
            raise self.fatal(msg.format(found=found_period, period=period))
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
        steering = int(meta["version"]) >= 2
        extra: dict[str, Any] = {}
        if steering:
            from ._steering_read import read_steering

            found = read_steering(self, sheets, rows_of, participant, found_period)
            extra = attrs.asdict(found, recurse=False)
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
            **extra,
            steering=steering,
            source=self.file,
            warnings=tuple(self.warnings),
        )

    def read_meta(self) -> dict[str, Any]:
        if layout.META_SHEET not in self.sheets.sheet_names:
            raise self.fatal(
                _(
                    "not a fill-in workbook from omstilling (its hidden sheet {sheet} is "
                    "missing); make one with `omstilling workbooks`"
                ).format(sheet=repr(layout.META_SHEET))
            )
        read = self.sheets.read(layout.META_SHEET, self.limits.max_rows, 3, strict=True)
        changed = _("the workbook's hidden metadata has been changed; make a new one")
        if read.scan.refused or read.scan.has_formula:
            raise self.fatal(changed)
        if read.rows is None:
            msg = _("the workbook's hidden metadata cannot be read: {error}")
            raise self.fatal(msg.format(error=read.error))
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
        # from here on, messages are in the workbook's language (unless one was chosen)
        self.speak(head.get("language"))
        if head.get("format") != FILLIN_FORMAT:
            raise self.fatal(
                _("not a fill-in workbook from omstilling (unknown format in its metadata)")
            )
        try:
            version = int(head.get("version", ""))
        except ValueError:
            raise self.fatal(_("the workbook's layout version is unreadable")) from None
        if version > FILLIN_VERSION:
            raise self.fatal(
                _(
                    "the workbook has layout version {version}, made by a newer omstilling; "
                    "this one reads version {current}: update omstilling"
                ).format(version=version, current=FILLIN_VERSION)
            )
        if version < 1:
            msg = _("the workbook has layout version {version}, which is no longer read")
            raise self.fatal(msg.format(version=version))
        if head.get("schema") != "status":
            raise self.fatal(
                _("the workbook is for the report {report}, not 'status'").format(
                    report=_quote(head.get("schema"))
                )
            )
        if head.get("programme") != self.programme.id:
            raise self.fatal(
                _("the workbook is for the programme {found}, not {programme}").format(
                    found=_quote(head.get("programme")), programme=repr(self.programme.id)
                )
            )
        if self.key is not None:
            self.check_binding(head, cells, version)
        participant = head.get("participant", "")
        if not any(p.organisation == participant for p in self.programme.participants):
            raise self.fatal(
                _(
                    "the workbook is for {participant}, which is not a participant of "
                    "the programme {programme}"
                ).format(participant=_quote(participant), programme=repr(self.programme.id))
            )
        try:
            Period.parse(head.get("period", ""))
            self.language = Language(head.get("language", ""))
        except ValueError:
            raise self.fatal(_("the workbook's period or language is unreadable")) from None
        wanted = ["status", "milestones", "measures", "events"]
        if version >= 2:  # version 1 has no steering sheets
            wanted += ["risks", "deviations", "economy", "follow-up"]
        missing = [key for key in wanted if key not in sheets]
        if missing:
            msg = _("the workbook's metadata names no sheet for {sheets}")
            raise self.fatal(msg.format(sheets=", ".join(missing)))
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
                _(
                    "the workbook carries no binding token, so whom it was made for cannot be "
                    "checked; it is refused: make a new one with `omstilling workbooks`"
                ),
                "binding",
            )
            raise _Fatal()
        where = cells.get("binding")
        parts = token_parts(token)
        if parts is None:
            self.problem(
                sheet,
                where,
                _(
                    "the workbook's binding token is damaged; it is refused: make a new one "
                    "with `omstilling workbooks`"
                ),
                "binding",
            )
            raise _Fatal()
        made_with, mac = parts
        if made_with != key_id(self.key):
            self.problem(
                sheet,
                where,
                _(
                    "the workbook was bound with another key than this programme file's: it "
                    "was made by another programme office or for another programme file, or "
                    "the key was replaced after it was made; it is refused: make a new one "
                    "with `omstilling workbooks`"
                ),
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
        changed = _("its hidden metadata was changed or its token copied from another workbook")
        for other in self.programme.participants:
            if other.organisation != participant and bound(other.organisation, period):
                self.problem(
                    sheet,
                    cells.get("participant"),
                    _(
                        "the workbook says it is for {participant}, but it was bound to "
                        "{other}: {changed}; it is refused"
                    ).format(
                        participant=repr(participant),
                        other=repr(other.organisation),
                        changed=changed,
                    ),
                    "binding",
                )
                raise _Fatal()
        for other_period in _nearby_periods(period):
            if bound(participant, other_period):
                self.problem(
                    sheet,
                    cells.get("period"),
                    _(
                        "the workbook says it is for the period {period}, but it was bound to "
                        "{other}: {changed}; it is refused"
                    ).format(period=period, other=other_period, changed=changed),
                    "binding",
                )
                raise _Fatal()
        self.problem(
            sheet,
            where,
            _(
                "the workbook's binding token does not match what its hidden metadata says it "
                "is for (programme {programme}, participant {participant}, period "
                "{period}): {changed}; it is refused"
            ).format(
                programme=repr(programme),
                participant=repr(participant),
                period=period,
                changed=changed,
            ),
            "binding",
        )
        raise _Fatal()

    def read_status(self, sheet: str, keys: list[str]) -> StatusFilling | None:
        rows = self.rows(sheet, len(keys), len(layout.STATUS_COLUMNS))
        if rows is None or not self.check_headings(sheet, rows, layout.STATUS_COLUMNS):
            return None
        found = self.keyed_rows(sheet, rows, keys, N_("question"))
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
            kind, _dot, dimension = key.partition(".")
            if kind in ("dimension", "comment") and dimension not in known_dimensions:
                self.warn(
                    sheet,
                    f"A{row}",
                    _(
                        "the programme has no status dimension {dimension} any more; "
                        "the row is not imported"
                    ).format(dimension=repr(dimension)),
                )
            elif kind in ("dimension", "comment") and dimension:
                parser = rag if kind == "dimension" else _text
                dimensions.setdefault(dimension, {})[kind] = self.parse(sheet, rows, row, 3, parser)
            elif key in parsers:
                values[key] = self.parse(sheet, rows, row, 3, parsers[key])
            else:
                msg = _("unknown question {key}").format(key=_quote(key))
                self.problem(sheet, f"A{row}", msg)
        filled: list[DimensionFilling] = []
        for dimension, given in dimensions.items():
            if given.get("comment") is not None and given.get("dimension") is None:
                row = found[f"comment.{dimension}"]
                msg = _("a comment needs a status in the row above it")
                self.problem(sheet, f"C{row}", msg)
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
        found = self.keyed_rows(sheet, rows, ids, N_("milestone"))
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
                    _(
                        "milestone {milestone} is no longer one of the milestones of "
                        "{participant} in the programme; its row is not imported"
                    ).format(milestone=repr(milestone_id), participant=repr(participant)),
                )
                continue
            values = rows[row - 1]
            if len(values) < 9:
                values = [*values, *[""] * (9 - len(values))]
            done = self.parse_value(sheet, row, 8, values[7], done_or_not)
            done_on = self.parse_value(sheet, row, 9, values[8], _date)
            if done_on is not None and not done and f"H{row}" not in self.cells_with_problems:
                msg = _("{cell} gives the day it was done: choose {yes} here too").format(
                    cell=f"I{row}", yes=layout.YES.get(self.language)
                )
                self.problem(sheet, f"H{row}", msg)
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
        found = self.keyed_rows(sheet, rows, ids, N_("measure"))
        own = {m.id: m for m in layout.measures_of(self.programme, participant)}
        filled: list[MeasureFilling] = []
        for measure_id, row in found.items():
            measure = own.get(measure_id)
            if measure is None:
                self.warn(
                    sheet,
                    f"A{row}",
                    _(
                        "measure {measure} is no longer one of the measures of "
                        "{participant} in the programme; its row is not imported"
                    ).format(measure=repr(measure_id), participant=repr(participant)),
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
                msg = _("an event needs a kind: choose one from the list")
                self.problem(sheet, f"A{row}", msg)
            if title is None and _is_empty(self.cell(rows, row, 2)):
                self.problem(sheet, f"B{row}", _("an event needs a title"))
            if ends_before_start(start, end):
                msg = _("the event ends ({end}) before it starts ({start})")
                self.problem(sheet, f"D{row}", msg.format(end=end, start=start))
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
        finally:
            reader.done()
