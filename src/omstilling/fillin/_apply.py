"""Merging fillings into a programme."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._messages import _
from ..model import (
    DimensionStatus,
    EconomicEffect,
    Event,
    Measure,
    Milestone,
    Programme,
    StatusEntry,
)
from . import _layout as layout
from ._types import CellProblem, Filling, StatusFilling, WorkbookError

__all__ = ["apply_filling", "apply_fillings"]


def _status_entry(
    existing: StatusEntry | None, filling: Filling, dimension_order: Sequence[str]
) -> StatusEntry:
    status: StatusFilling = filling.status
    given = {d.dimension: d for d in status.dimensions}
    dimensions = [
        DimensionStatus(dimension=d.dimension, rag=d.rag, comment=d.comment)
        for d in status.dimensions
        if d.rag is not None
    ]
    if existing is not None:
        # dimensions the workbook did not ask about stay as they were
        dimensions += [d for d in existing.dimensions if d.dimension not in given]
    order = {name: index for index, name in enumerate(dimension_order)}
    dimensions.sort(key=lambda d: order.get(d.dimension, len(order)))
    base = existing or StatusEntry(period=filling.period, participant=filling.participant)
    return attrs.evolve(
        base,
        reported_on=status.reported_on,
        overall=status.overall,
        dimensions=tuple(dimensions),
        narrative=status.narrative,
        steering_group_meetings=status.steering_group_meetings,
        next_steps=status.next_steps,
        risks=status.risks,
    )


def _milestones(programme: Programme, filling: Filling) -> tuple[Milestone, ...]:
    given = {m.id: m for m in filling.milestones}
    return tuple(
        attrs.evolve(
            m,
            report_date=given[m.id].report_date,
            report_status_text=given[m.id].report_status_text,
            done=given[m.id].done,
            done_on=given[m.id].done_on,
        )
        if m.id in given
        else m
        for m in programme.milestones
    )


def _measure(measure: Measure, filling: Filling) -> Measure:
    realised = next(m.realised for m in filling.measures if m.id == measure.id)
    effects = list(measure.economic_effects)
    for index, effect in enumerate(effects):
        if effect.period == filling.period:
            changed = attrs.evolve(effect, realised=realised)
            if changed.target is None and changed.realised is None and changed.note is None:
                del effects[index]
            else:
                effects[index] = changed
            break
    else:
        if realised is not None:
            effects.append(EconomicEffect(period=filling.period, realised=realised))
    return attrs.evolve(measure, economic_effects=tuple(effects))


def _measures(programme: Programme, filling: Filling) -> tuple[Measure, ...]:
    given = {m.id for m in filling.measures}
    return tuple(_measure(m, filling) if m.id in given else m for m in programme.measures)


def _events(programme: Programme, filling: Filling) -> tuple[Event, ...]:
    kept = tuple(
        e
        for e in programme.events
        if not layout.is_workbook_event(e, filling.participant, filling.period)
    )
    added = tuple(
        Event(
            id=layout.event_id(filling.participant, filling.period, number),
            kind=e.kind,
            title=e.title,
            start=e.start,
            end=e.end,
            place=e.place,
            description=e.description,
            period=filling.period,
            participants=(filling.participant,),
        )
        for number, e in enumerate(filling.events, start=1)
    )
    return kept + added


def apply_filling(programme: Programme, filling: Filling) -> Programme:
    """``programme`` with what ``filling`` reports: the participant's status entry for
    the period (replaced, or added), its milestones' report date, status text and
    done, its measures' realised savings in the period, and the events it reports
    for the period (replacing those an earlier import of a workbook for the same
    participant and period added). From its steering sheets: an assessment for the
    period of each open risk it assessed, the deviations it closed, the actual
    amounts of its budget lines, the follow-up for the period of its decision items,
    and the risks, deviations and budget lines it added (replacing those an earlier
    import of a workbook for the same participant and period added, and keeping what
    the office has added to them since). Nothing else changes, and applying the same
    filling twice gives the same programme as applying it once.

    A status sheet left entirely empty leaves the status entry as it was.

    Raises :class:`ValueError` if the filling is for another programme, names
    milestones, measures, risks, deviations, budget lines or decision items that are
    not the participant's, or would make the programme invalid.

    .. versionchanged:: 0.2
       Risks, deviations, economy and decision follow-up.

    .. versionadded:: 0.1
    """
    if filling.programme != programme.id:
        msg = _("the filling is for the programme {found}, not {programme}").format(
            found=repr(filling.programme), programme=repr(programme.id)
        )
        raise ValueError(msg)
    own_milestones = {m.id for m in layout.milestones_of(programme, filling.participant)}
    own_measures = {m.id for m in layout.measures_of(programme, filling.participant)}
    others = [m.id for m in filling.milestones if m.id not in own_milestones] + [
        m.id for m in filling.measures if m.id not in own_measures
    ]
    if others:
        msg = _("not milestones or measures of {participant}: {ids}").format(
            participant=repr(filling.participant), ids=", ".join(others)
        )
        raise ValueError(msg)
    entries = list(programme.status_entries)
    if not filling.status.is_empty:
        existing = programme.status_for(filling.participant, filling.period)
        entry = _status_entry(existing, filling, programme.status_dimensions)
        if existing is None:
            entries.append(entry)
        else:
            entries[entries.index(existing)] = entry
    merged = attrs.evolve(
        programme,
        status_entries=tuple(entries),
        milestones=_milestones(programme, filling),
        measures=_measures(programme, filling),
        events=_events(programme, filling),
    )
    if not filling.steering:  # a workbook of layout version 1 has no steering sheets
        return merged
    from ._steering_apply import apply_steering

    return apply_steering(merged, filling)


def apply_fillings(programme: Programme, fillings: Sequence[Filling]) -> Programme:
    """``programme`` with every filling applied in turn; two fillings for the same
    participant and period are refused (:class:`WorkbookError`) rather than letting
    the later silently win.

    .. versionadded:: 0.1
    """
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for filling in fillings:
        key = (filling.participant, str(filling.period))
        if key in seen:
            problems.append(
                CellProblem(
                    filling.source,
                    None,
                    None,
                    _(
                        "is for {participant} and {period} too, like {other}; import one of them"
                    ).format(
                        participant=repr(filling.participant),
                        period=filling.period,
                        other=seen[key],
                    ),
                )
            )
        seen.setdefault(key, filling.source)
    if problems:
        raise WorkbookError(problems)
    for filling in fillings:
        programme = apply_filling(programme, filling)
    return programme
