"""What a filled workbook says, and what can be wrong with one."""

from __future__ import annotations

import attrs

from ..errors import Problem, WorkbookError
from ..model import EventKind, Money, PartialDate, Period, Rag

__all__ = [
    "FILLIN_FORMAT",
    "FILLIN_VERSION",
    "CellProblem",
    "DimensionFilling",
    "EventFilling",
    "Filling",
    "MeasureFilling",
    "MilestoneFilling",
    "StatusFilling",
    "WorkbookError",
]

FILLIN_FORMAT = "omstilling.fillin"
"""The name a fill-in workbook carries in its hidden metadata sheet."""

FILLIN_VERSION = 1
"""The layout version of the fill-in workbooks this release writes and reads."""


@attrs.frozen(init=False)
class CellProblem(Problem):
    """One problem in a workbook, where a person can find it: file, sheet and cell.

    ``sheet`` and ``cell`` are ``None`` where the problem is the file's or the sheet's
    as a whole. As a :class:`~omstilling.errors.Problem`, its ``source`` is the file
    and its ``path`` is ``Sheet!C7``.

    .. versionadded:: 0.1
    """

    sheet: str | None = None
    cell: str | None = None

    def __init__(
        self,
        file: str,
        sheet: str | None,
        cell: str | None,
        message: str,
        code: str = "workbook",
    ) -> None:
        path = "" if sheet is None else sheet if cell is None else f"{sheet}!{cell}"
        self.__attrs_init__(
            path=path, message=message, code=code, source=file, sheet=sheet, cell=cell
        )

    @property
    def file(self) -> str:
        """The workbook's file name (the problem's ``source``)."""
        return self.source or ""


@attrs.frozen(kw_only=True)
class DimensionFilling:
    """The status of one dimension as filled in: a RAG status and a comment.

    .. versionadded:: 0.1
    """

    dimension: str
    rag: Rag | None = None
    comment: str | None = None


@attrs.frozen(kw_only=True)
class StatusFilling:
    """The participant's own status for the period, as filled in on the status sheet.

    Every field left empty is ``None`` (or the empty tuple).

    .. versionadded:: 0.1
    """

    reported_on: PartialDate | None = None
    overall: Rag | None = None
    dimensions: tuple[DimensionFilling, ...] = ()
    narrative: str | None = None
    steering_group_meetings: int | None = None
    next_steps: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all was filled in."""
        return (
            self.reported_on is None
            and self.overall is None
            and all(d.rag is None and d.comment is None for d in self.dimensions)
            and self.narrative is None
            and self.steering_group_meetings is None
            and not self.next_steps
            and not self.risks
        )


@attrs.frozen(kw_only=True)
class MilestoneFilling:
    """A milestone's report for the period: report date, status text, done and when.

    .. versionadded:: 0.1
    """

    id: str
    report_date: PartialDate | None = None
    report_status_text: str | None = None
    done: bool = False
    done_on: PartialDate | None = None


@attrs.frozen(kw_only=True)
class MeasureFilling:
    """A measure's realised savings in the period (``None``: none reported).

    .. versionadded:: 0.1
    """

    id: str
    realised: Money | None = None


@attrs.frozen(kw_only=True)
class EventFilling:
    """A new event (visit, meeting, seminar …) the participant reports for the period.

    .. versionadded:: 0.1
    """

    kind: EventKind
    title: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class Filling:
    """Everything one filled workbook says: whose it is, for which period, and the
    values of its input cells.

    .. versionadded:: 0.1
    """

    programme: str
    participant: str
    period: Period
    status: StatusFilling = StatusFilling()
    milestones: tuple[MilestoneFilling, ...] = ()
    measures: tuple[MeasureFilling, ...] = ()
    events: tuple[EventFilling, ...] = ()
    source: str = "<workbook>"
    """The file the filling was read from, for messages."""
    warnings: tuple[CellProblem, ...] = attrs.field(default=(), eq=False)
    """What was read but not imported (a row of a milestone no longer in the
    programme, say), each naming its cell."""
