"""Questions about a programme that reports, workbooks and tools all ask: whose
milestones and measures are whose, who holds a role, which events fall in a period,
and what changed for a participant since the period before.

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

import attrs

from ..errors import FieldError
from ._governance import RoleAssignment
from ._measures import Measure
from ._plans import Milestone
from ._programme import Programme
from ._reporting import Event, EventKind, StatusEntry
from ._time import PartialDate, Period
from ._typed import typed_fields
from ._values import Money, Rag

__all__ = [
    "Change",
    "ChangeKind",
    "changes_since",
    "done_by",
    "event_in",
    "holder",
    "measures_of",
    "milestones_of",
    "of_participant",
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


class _Owned(Protocol):
    """Anything a participant may own, itself or through a subproject."""

    @property
    def participant(self) -> str | None: ...

    @property
    def subproject(self) -> str | None: ...


_O = TypeVar("_O", bound=_Owned)


def of_participant(programme: Programme, participant: str, items: Iterable[_O]) -> tuple[_O, ...]:
    """Those of ``items`` (milestones, measures, risks, deviations: anything with a
    ``participant`` and a ``subproject``) that are ``participant``'s: its own, and
    those of its subprojects (where the item names no participant of its own).

    .. versionadded:: 0.2
    """
    own = _subprojects_of(programme, participant)
    return tuple(
        x
        for x in items
        if x.participant == participant or (x.participant is None and x.subproject in own)
    )


def milestones_of(programme: Programme, participant: str) -> tuple[Milestone, ...]:
    """The milestones that are ``participant``'s: its own, and those of its
    subprojects (where the milestone names no participant of its own)."""
    return of_participant(programme, participant, programme.milestones)


def measures_of(programme: Programme, participant: str) -> tuple[Measure, ...]:
    """The measures that are ``participant``'s: its own, and those of its subprojects
    (where the measure names no participant of its own)."""
    return of_participant(programme, participant, programme.measures)


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
    """A milestone was due in the period and not reached by its end."""
    REALISED = "realised"
    """A measure's savings were realised in the period."""
    REPORTED_LATE = "reported-late"
    """A milestone reached before the period was first reported in it.

    .. versionadded:: 0.2
    """
    MEETING = "meeting"
    """A meeting was held in the period.

    .. versionadded:: 0.2
    """


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Change:
    """One thing that changed for a participant (or the programme) in a period.

    - ``STATUS``: ``item`` is the dimension (``"overall"`` or a dimension id),
      ``before`` and ``after`` the two :class:`~omstilling.model.Rag` values;
    - ``DONE``: ``item`` is the milestone's title, ``after`` the day it was done,
      ``before`` its estimated finish where that was before the period (reached late);
    - ``SLIPPED``: ``item`` the milestone's title, ``before`` its estimated finish,
      ``after`` its report status text, if any;
    - ``REPORTED_LATE``: ``item`` the milestone's title, ``before`` its estimated
      finish, ``after`` the day it was done (before the period; its report date is in
      the period);
    - ``REALISED``: ``item`` the measure's title, ``before`` the target for the
      effect's period (if any), ``after`` the amount realised;
    - ``MEETING``: ``item`` the meeting's title, ``after`` its date (or when, as
      written).

    ``subject`` is the id of the milestone, measure or event the change is about
    (``None`` for a status).

    .. versionadded:: 0.1
    """

    kind: ChangeKind
    item: str
    before: Rag | PartialDate | Money | None = None
    after: Rag | PartialDate | Money | str | None = None
    subject: str | None = None
    """The id of what changed (see above).

    .. versionadded:: 0.2
    """


def done_by(milestone: Milestone, day: dt.date) -> bool:
    """Whether ``milestone`` was reached on or before ``day``: done, and done on a
    day no later than ``day`` (a milestone done on an unknown day counts as done).

    .. versionadded:: 0.2
    """
    if not milestone.done:
        return False
    return milestone.done_on is None or milestone.done_on.first_day() <= day


def changes_since(
    programme: Programme,
    participant: str | None,
    period: Period,
    *,
    milestones: Sequence[Milestone] | None = None,
    measures: Sequence[Measure] | None = None,
    events: Sequence[Event] | None = None,
) -> list[Change]:
    """What changed for ``participant`` in ``period`` since the period before: each
    status (overall and per dimension) that moved; each milestone reached in the
    period (with its estimated finish where it was reached late), reached before it
    but first reported in it, or due in it and not reached by its end; each measure's
    savings realised in it (next to the target); and each meeting held in it.

    ``participant`` ``None`` asks for the programme's own: the milestones, measures
    and meetings of no participant. ``milestones``, ``measures`` and ``events`` are
    the participant's (found if not given; a roll-up of many participants groups them
    once and passes them in).

    .. versionchanged:: 0.2
       Late and late-reported milestones, targets, meetings, and the programme's own.
    """
    found: list[Change] = []
    if participant is not None:
        found += _status_changes(programme, participant, period)
    owner = owner_of(programme)
    if milestones is None:
        milestones = [m for m in programme.milestones if owner(m) == participant]
    if measures is None:
        measures = [m for m in programme.measures if owner(m) == participant]
    if events is None:
        events = [
            e
            for e in programme.events
            if (participant in e.participants if participant else not e.participants)
        ]
    for milestone in milestones:
        found += _milestone_changes(milestone, period)
    for measure in measures:
        for effect in measure.economic_effects:
            if effect.realised is not None and period.contains(effect.period.end()):
                found.append(
                    Change(
                        kind=ChangeKind.REALISED,
                        item=measure.title,
                        before=effect.target,
                        after=effect.realised,
                        subject=measure.id,
                    )
                )
    for event in events:
        if event.kind is EventKind.MEETING and event_in(event, period):
            when = event.start if event.start is not None else event.when
            found.append(
                Change(kind=ChangeKind.MEETING, item=event.title, after=when, subject=event.id)
            )
    return found


def _status_changes(programme: Programme, participant: str, period: Period) -> list[Change]:
    now = programme.status_for(participant, period)
    try:
        before = programme.status_for(participant, period.previous())
    except FieldError:  # the first period of the year 1000 has none before it
        before = None
    found: list[Change] = []
    if now is None or before is None:
        return found
    for dimension in ("overall", *programme.status_dimensions):
        old_rag, new_rag = rag_of(before, dimension), rag_of(now, dimension)
        if old_rag is not None and new_rag is not None and old_rag != new_rag:
            found.append(
                Change(kind=ChangeKind.STATUS, item=dimension, before=old_rag, after=new_rag)
            )
    return found


def _milestone_changes(milestone: Milestone, period: Period) -> list[Change]:
    done_on = milestone.done_on
    finish = milestone.estimated_finish
    reported = milestone.report_date
    start, end = period.start(), period.end()
    late = finish is not None and finish.last_day() < start
    if milestone.done and done_on is not None and period.contains(done_on.first_day()):
        before = finish if late else None
        return [
            Change(
                kind=ChangeKind.DONE,
                item=milestone.title,
                before=before,
                after=done_on,
                subject=milestone.id,
            )
        ]
    if (
        milestone.done
        and done_on is not None
        and done_on.first_day() < start
        and reported is not None
        and period.contains(reported.first_day())
    ):
        return [
            Change(
                kind=ChangeKind.REPORTED_LATE,
                item=milestone.title,
                before=finish,
                after=done_on,
                subject=milestone.id,
            )
        ]
    if finish is not None and period.contains(finish.last_day()) and not done_by(milestone, end):
        return [
            Change(
                kind=ChangeKind.SLIPPED,
                item=milestone.title,
                before=finish,
                after=milestone.report_status_text,
                subject=milestone.id,
            )
        ]
    return []
