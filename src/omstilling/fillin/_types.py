"""What a filled workbook says, and what can be wrong with one."""

from __future__ import annotations

import attrs

from ..errors import Problem, WorkbookError
from ..model import (
    BudgetKind,
    DeviationKind,
    EventKind,
    FollowUpStatus,
    Money,
    PartialDate,
    Period,
    Rag,
    RiskStatus,
)

__all__ = [
    "FILLIN_FORMAT",
    "FILLIN_VERSION",
    "ActualFilling",
    "BudgetLineFilling",
    "CellProblem",
    "ClosingFilling",
    "DeviationFilling",
    "DimensionFilling",
    "EventFilling",
    "Filling",
    "FollowUpFilling",
    "MeasureFilling",
    "MilestoneFilling",
    "NewRiskFilling",
    "RiskFilling",
    "StatusFilling",
    "WorkbookError",
]

FILLIN_FORMAT = "omstilling.fillin"
"""The name a fill-in workbook carries in its hidden metadata sheet."""

FILLIN_VERSION = 2
"""The layout version of the fill-in workbooks this release writes; it reads this one
and every one before it (version 1 has no sheets for risks, deviations, economy and
decision follow-up).

.. versionchanged:: 0.2
   Version 2 adds those sheets.
"""


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
class RiskFilling:
    """A risk's assessment for the period, as filled in on its row of the risk sheet.

    .. versionadded:: 0.2
    """

    id: str
    probability: int
    consequence: int
    status: RiskStatus = RiskStatus.OPEN
    comment: str | None = None


@attrs.frozen(kw_only=True)
class NewRiskFilling:
    """A risk the participant added in row ``number`` (from 1) of the risk sheet's
    area for new risks.

    .. versionadded:: 0.2
    """

    number: int
    title: str
    description: str | None = None
    cause: str | None = None
    effect: str | None = None
    probability: int | None = None
    consequence: int | None = None
    owner: str | None = None
    action: str | None = None


@attrs.frozen(kw_only=True)
class ClosingFilling:
    """Whether an open deviation was closed in the period (``False``: it is open).

    .. versionadded:: 0.2
    """

    id: str
    closed: bool


@attrs.frozen(kw_only=True)
class DeviationFilling:
    """A deviation the participant added in row ``number`` (from 1) of the deviation
    sheet's area for new deviations.

    .. versionadded:: 0.2
    """

    number: int
    title: str
    kind: DeviationKind | None = None
    cause: str | None = None
    consequence: str | None = None
    corrective_action: str | None = None
    responsible: str | None = None
    closed: bool = False


@attrs.frozen(kw_only=True)
class ActualFilling:
    """The actual amount of one of the participant's budget lines for the period;
    ``key`` is the line's key in the workbook.

    .. versionadded:: 0.2
    """

    key: str
    actual: Money


@attrs.frozen(kw_only=True)
class BudgetLineFilling:
    """A budget line the participant added in row ``number`` (from 1) of the
    economy sheet's area for new lines.

    .. versionadded:: 0.2
    """

    number: int
    kind: BudgetKind
    description: str | None = None
    budget: Money | None = None
    actual: Money | None = None


@attrs.frozen(kw_only=True)
class FollowUpFilling:
    """A decision item's follow-up status and comment for the period; ``key`` is the
    item's key in the workbook.

    .. versionadded:: 0.2
    """

    key: str
    status: FollowUpStatus
    comment: str | None = None


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
    risks: tuple[RiskFilling, ...] = ()
    """Assessments of open risks (rows left empty are not here).

    .. versionadded:: 0.2
    """
    new_risks: tuple[NewRiskFilling, ...] = ()
    """Risks added in the area for new risks.

    .. versionadded:: 0.2
    """
    closings: tuple[ClosingFilling, ...] = ()
    """Open deviations closed (or reopened) in the period.

    .. versionadded:: 0.2
    """
    deviations: tuple[DeviationFilling, ...] = ()
    """Deviations added in the area for new deviations.

    .. versionadded:: 0.2
    """
    actuals: tuple[ActualFilling, ...] = ()
    """Actual amounts of budget lines.

    .. versionadded:: 0.2
    """
    budget_lines: tuple[BudgetLineFilling, ...] = ()
    """Budget lines added in the area for new lines.

    .. versionadded:: 0.2
    """
    follow_ups: tuple[FollowUpFilling, ...] = ()
    """Follow-up of decision items (rows left empty are not here).

    .. versionadded:: 0.2
    """
    steering: bool = attrs.field(default=True, eq=False)
    """Whether the workbook had the sheets for risks, deviations, economy and
    decision follow-up (``False`` for a workbook of layout version 1: what it does
    not have is left as it was).

    .. versionadded:: 0.2
    """
    source: str = "<workbook>"
    """The file the filling was read from, for messages."""
    warnings: tuple[CellProblem, ...] = attrs.field(default=(), eq=False)
    """What was read but not imported (a row of a milestone no longer in the
    programme, say), each naming its cell."""
