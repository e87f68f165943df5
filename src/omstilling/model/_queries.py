"""Questions about a programme that reports, workbooks and tools all ask: whose
milestones and measures are whose, who holds a role, which events fall in a period,
and what changed for a participant since the period before.

.. versionadded:: 0.1
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..errors import FieldError
from ._governance import RoleAssignment
from ._measures import Measure
from ._plans import Milestone
from ._programme import Programme
from ._reporting import Event, StatusEntry
from ._time import PartialDate, Period
from ._typed import typed_fields
from ._values import Money, Rag

__all__ = [
    "Change",
    "ChangeKind",
    "changes_since",
    "event_in",
    "holder",
    "measures_of",
    "milestones_of",
    "owner_of",
    "rag_of",
    "total",
]


def holder(programme: Programme, role: RoleAssignment) -> str:
    """Who holds ``role``: the person's name (and the position, if given), else the
    position."""
    names = {p.id: p.name for p in programme.people}
    person = names.get(role.person or "")
    if person and role.holder:
        return f"{person} ({role.holder})"
    return person or role.holder or ""


def event_in(event: Event, period: Period | None) -> bool:
    """Whether ``event`` belongs to ``period`` (every event if ``period`` is ``None``)."""
    if period is None:
        return True
    if event.period is not None:
        return event.period == period or (
            period.start() <= event.period.start() and event.period.end() <= period.end()
        )
    if event.start is not None:
        return period.contains(event.start.first_day())
    return False


def total(amounts: Iterable[Money | None]) -> Money | None:
    """The sum of ``amounts`` in their one currency (``None`` if none, if mixed, or if
    the sum is beyond what money holds: ±1E+30)."""
    present = [a for a in amounts if a is not None]
    if not present or len({a.currency for a in present}) > 1:
        return None
    result = present[0]
    try:
        for amount in present[1:]:
            result = result + amount
    except FieldError:  # beyond the bounds of the model
        return None
    return result


def _subprojects_of(programme: Programme, participant: str) -> set[str]:
    return {s.id for s in programme.subprojects if s.participant == participant}


def owner_of(programme: Programme) -> Callable[[Milestone | Measure], str | None]:
    """A function giving the participant a milestone or measure belongs to (its own,
    or its subproject's), with the subprojects looked up once: for grouping all of a
    programme's milestones by participant in one pass."""
    subprojects = {s.id: s.participant for s in programme.subprojects}

    def owner(item: Milestone | Measure) -> str | None:
        if item.participant is not None:
            return item.participant
        return subprojects.get(item.subproject) if item.subproject else None

    return owner


def milestones_of(programme: Programme, participant: str) -> tuple[Milestone, ...]:
    """The milestones that are ``participant``'s: its own, and those of its
    subprojects (where the milestone names no participant of its own)."""
    own = _subprojects_of(programme, participant)
    return tuple(
        m
        for m in programme.milestones
        if m.participant == participant or (m.participant is None and m.subproject in own)
    )


def measures_of(programme: Programme, participant: str) -> tuple[Measure, ...]:
    """The measures that are ``participant``'s: its own, and those of its subprojects
    (where the measure names no participant of its own)."""
    own = _subprojects_of(programme, participant)
    return tuple(
        m
        for m in programme.measures
        if m.participant == participant or (m.participant is None and m.subproject in own)
    )


def rag_of(entry: StatusEntry | None, dimension: str) -> Rag | None:
    """The RAG status of ``dimension`` in ``entry`` (``"overall"`` for the overall
    status), ``None`` if not reported."""
    if entry is None:
        return None
    if dimension == "overall":
        return entry.overall
    return next((d.rag for d in entry.dimensions if d.dimension == dimension), None)


class ChangeKind(enum.StrEnum):
    """What kind of :class:`Change` happened in a period.

    .. versionadded:: 0.1
    """

    STATUS = "status"
    """A status (overall or of a dimension) moved since the period before."""
    DONE = "done"
    """A milestone was reached in the period."""
    SLIPPED = "slipped"
    """A milestone was due in the period and not reached."""
    REALISED = "realised"
    """A measure's savings were realised in the period."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Change:
    """One thing that changed for a participant in a period.

    - ``STATUS``: ``item`` is the dimension (``"overall"`` or a dimension id),
      ``before`` and ``after`` the two :class:`~omstilling.model.Rag` values;
    - ``DONE``: ``item`` is the milestone's title, ``after`` the day it was done;
    - ``SLIPPED``: ``item`` the milestone's title, ``before`` its estimated finish,
      ``after`` its report status text, if any;
    - ``REALISED``: ``item`` the measure's title, ``after`` the amount realised.

    .. versionadded:: 0.1
    """

    kind: ChangeKind
    item: str
    before: Rag | PartialDate | None = None
    after: Rag | PartialDate | Money | str | None = None


def changes_since(
    programme: Programme,
    participant: str,
    period: Period,
    *,
    milestones: Sequence[Milestone] | None = None,
    measures: Sequence[Measure] | None = None,
) -> list[Change]:
    """What changed for ``participant`` in ``period`` since the period before: each
    status (overall and per dimension) that moved, each milestone reached in the
    period or due in it and not reached, and each measure's savings realised in it.

    ``milestones`` and ``measures`` are the participant's (found if not given; a
    roll-up of many participants groups them once and passes them in).
    """
    now = programme.status_for(participant, period)
    try:
        before = programme.status_for(participant, period.previous())
    except FieldError:  # the first period of the year 1000 has none before it
        before = None
    found: list[Change] = []
    if now is not None and before is not None:
        for dimension in ("overall", *programme.status_dimensions):
            old_rag, new_rag = rag_of(before, dimension), rag_of(now, dimension)
            if old_rag is not None and new_rag is not None and old_rag != new_rag:
                found.append(
                    Change(kind=ChangeKind.STATUS, item=dimension, before=old_rag, after=new_rag)
                )
    if milestones is None:
        milestones = milestones_of(programme, participant)
    if measures is None:
        measures = measures_of(programme, participant)
    for milestone in milestones:
        done_on = milestone.done_on
        finish = milestone.estimated_finish
        if milestone.done and done_on is not None and period.contains(done_on.first_day()):
            found.append(Change(kind=ChangeKind.DONE, item=milestone.title, after=done_on))
        elif not milestone.done and finish is not None and period.contains(finish.last_day()):
            found.append(
                Change(
                    kind=ChangeKind.SLIPPED,
                    item=milestone.title,
                    before=finish,
                    after=milestone.report_status_text,
                )
            )
    for measure in measures:
        for effect in measure.economic_effects:
            if effect.period == period and effect.realised is not None:
                found.append(
                    Change(kind=ChangeKind.REALISED, item=measure.title, after=effect.realised)
                )
    return found
