"""Filling in a fill-in workbook from code, as a participant would in a spreadsheet
program, and hypothesis strategies for valid fillings."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from hypothesis import strategies as st

from ..fillin import (
    DimensionFilling,
    EventFilling,
    Filling,
    MeasureFilling,
    MilestoneFilling,
    StatusFilling,
    measures_of,
    milestones_of,
)
from ..fillin import _layout as layout
from ..formatting import RAG_LABELS
from ..model import EventKind, Language, Money, PartialDate, Period, Programme, Rag
from ._fillin_steering import fill_steering, steering_fillings
from ._st_base import texts
from ._st_values import partial_dates

__all__ = ["fill_workbook", "fillings"]


def _cell_value(value: object, language: Language) -> Any:
    """``value`` as a person would type it into the cell."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.first_day() if value.is_exact and value.year >= 1900 else str(value)
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, Rag):
        return RAG_LABELS[value].get(language)
    if isinstance(value, EventKind):
        return layout.EVENT_KIND[value].get(language)
    if isinstance(value, bool):
        return (layout.YES if value else layout.NO).get(language)
    if isinstance(value, tuple):
        return "\n".join(value) or None
    return value


def fill_workbook(data: bytes, filling: Filling) -> bytes:
    """The workbook ``data`` (made by :func:`omstilling.fillin.make_workbook`) with its
    input cells set to what ``filling`` says, written with openpyxl as a participant's
    spreadsheet program would: dates as dates, amounts as numbers, choices as the
    words of the drop-down lists. Input cells ``filling`` leaves empty are cleared.

    .. versionadded:: 0.1
    """
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    meta = wb[layout.META_SHEET]
    head: dict[str, str] = {}
    sheets: dict[str, str] = {}
    for key, value, extra in meta.iter_rows(min_col=1, max_col=3, values_only=True):
        if key == "sheet":
            sheets[str(value)] = str(extra)
        elif isinstance(key, str):
            head[key] = str(value)
    language = Language(head["language"])

    def put(ws: Any, cell: str, value: object) -> None:
        target = ws[cell]
        target.value = _cell_value(value, language)
        if isinstance(target.value, str):
            target.data_type = "s"

    def rows_by_key(ws: Any) -> dict[str, int]:
        found: dict[str, int] = {}
        for row in range(layout.HEADER_ROW + 1, ws.max_row + 1):
            key = ws.cell(row=row, column=1).value
            if isinstance(key, str):
                found[key] = row
        return found

    ws = wb[sheets["status"]]
    rows = rows_by_key(ws)
    status = filling.status
    values: dict[str, object] = {
        "reported_on": status.reported_on,
        "overall": status.overall,
        "narrative": status.narrative,
        "steering_group_meetings": status.steering_group_meetings,
        "next_steps": status.next_steps,
        "risks": status.risks,
    }
    for dimension in status.dimensions:
        values[f"dimension.{dimension.dimension}"] = dimension.rag
        values[f"comment.{dimension.dimension}"] = dimension.comment
    for key, row in rows.items():
        put(ws, f"C{row}", values.get(key))

    ws = wb[sheets["milestones"]]
    rows = rows_by_key(ws)
    for milestone in filling.milestones:
        row = rows[milestone.id]
        put(ws, f"F{row}", milestone.report_date)
        put(ws, f"G{row}", milestone.report_status_text)
        put(ws, f"H{row}", milestone.done)
        put(ws, f"I{row}", milestone.done_on)

    ws = wb[sheets["measures"]]
    rows = rows_by_key(ws)
    for measure in filling.measures:
        put(ws, f"F{rows[measure.id]}", measure.realised)

    ws = wb[sheets["events"]]
    first = layout.HEADER_ROW + 1
    for row in range(first, ws.max_row + 1):
        for column in "ABCDEF":
            put(ws, f"{column}{row}", None)
    for row, event in enumerate(filling.events, start=first):
        for column, given in zip(
            "ABCDEF",
            (event.kind, event.title, event.start, event.end, event.place, event.description),
            strict=True,
        ):
            put(ws, f"{column}{row}", given)

    fill_steering(wb, sheets, filling, put)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- strategies ----------------------------------------------------------------------


# What a person cannot type into a cell: the control characters (all below U+0020 but
# tab and line feed, which is how a cell breaks lines, and DEL) and the non-characters
# U+FFFE and U+FFFF.
_NOT_TYPED = dict.fromkeys(
    [*(c for c in range(0x20) if chr(c) not in "\t\n"), 0x7F, 0xFFFE, 0xFFFF]
)


def _typed(text: str) -> str:
    return text.translate(_NOT_TYPED).strip()


def _texts() -> st.SearchStrategy[str]:
    """What a participant types into a cell: any text a cell can hold, trimmed."""
    return texts().map(_typed).filter(bool)


def _dates() -> st.SearchStrategy[PartialDate]:
    return partial_dates()


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _currency(programme: Programme, measure_id: str) -> str:
    return layout.currency_of(next(m for m in programme.measures if m.id == measure_id))


def _amounts(currency: str) -> st.SearchStrategy[Money]:
    # a spreadsheet holds 15 significant digits: up to 10^12 kroner with øre
    return st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    ).map(lambda amount: Money(amount, currency))


@st.composite
def _event(draw: st.DrawFn) -> EventFilling:
    start, end = draw(_maybe(_dates())), draw(_maybe(_dates()))
    if start is not None and end is not None and end < start:
        start, end = end, start
    return EventFilling(
        kind=draw(st.sampled_from(list(EventKind))),
        title=draw(_texts()),
        start=start,
        end=end,
        place=draw(_maybe(_texts())),
        description=draw(_maybe(_texts())),
    )


def _lines() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(_texts().filter(lambda t: "\n" not in t), max_size=3).map(tuple)


@st.composite
def fillings(draw: st.DrawFn, programme: Programme, participant: str, period: Period) -> Filling:
    """Valid fillings of the workbook for ``participant`` and ``period``: every input
    cell drawn empty or with a value of its kind.

    .. versionadded:: 0.1
    """
    dimensions: list[DimensionFilling] = []
    for dimension in programme.status_dimensions:
        rag = draw(_maybe(st.sampled_from(list(Rag))))
        comment = draw(_maybe(_texts())) if rag is not None else None
        dimensions.append(DimensionFilling(dimension=dimension, rag=rag, comment=comment))
    status = StatusFilling(
        reported_on=draw(_maybe(_dates())),
        overall=draw(_maybe(st.sampled_from(list(Rag)))),
        dimensions=tuple(dimensions),
        narrative=draw(_maybe(_texts())),
        steering_group_meetings=draw(_maybe(st.integers(0, 100_000))),
        next_steps=draw(_lines()),
        risks=draw(_lines()),
    )
    milestones: list[MilestoneFilling] = []
    for milestone in milestones_of(programme, participant):
        done = draw(st.booleans())
        milestones.append(
            MilestoneFilling(
                id=milestone.id,
                report_date=draw(_maybe(_dates())),
                report_status_text=draw(_maybe(_texts())),
                done=done,
                done_on=draw(_maybe(_dates())) if done else None,
            )
        )
    measures: Iterable[MeasureFilling] = (
        MeasureFilling(
            id=measure.id,
            realised=draw(_maybe(_amounts(_currency(programme, measure.id)))),
        )
        for measure in measures_of(programme, participant)
    )
    return Filling(
        programme=programme.id,
        participant=participant,
        period=period,
        status=status,
        milestones=tuple(milestones),
        measures=tuple(measures),
        events=tuple(draw(st.lists(_event(), max_size=3))),
        **draw(steering_fillings(programme, participant, period, _texts(), _amounts)),
    )
