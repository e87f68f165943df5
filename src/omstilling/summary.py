"""A short overview of a programme: what it holds, in numbers."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .errors import FieldError
from .model import Money, Period, Programme

__all__ = ["Summary", "summarise"]


@attrs.frozen(kw_only=True)
class Summary:
    """Counts and totals that say what a programme file holds.

    .. versionadded:: 0.1
    """

    id: str
    name: str
    owner: str
    participants: int
    project_areas: int
    subprojects: int
    milestones: int
    milestones_done: int
    activities: int
    decisions: int
    decision_items: int
    measures: int
    savings_target: Money | None
    savings_realised: Money | None
    indicators: int
    events: int
    status_periods: tuple[Period, ...]
    people: int
    documents: int


def _total(amounts: list[Money]) -> Money | None:
    if not amounts:
        return None
    total = Money(Decimal(0), amounts[0].currency)
    try:
        for amount in amounts:
            total = total + amount
    except FieldError:  # beyond what money holds (±1E+30): no total
        return None
    return total


def summarise(programme: Programme) -> Summary:
    """Count what ``programme`` holds and add up its measures' savings.

    Savings are totalled only where every amount is in the same currency; with
    mixed currencies, or a total beyond what money holds (±1E+30), it is ``None``.

    .. versionadded:: 0.1
    """
    effects = [effect for measure in programme.measures for effect in measure.economic_effects]
    targets = [e.target for e in effects if e.target is not None]
    realised = [e.realised for e in effects if e.realised is not None]
    currencies = {money.currency for money in (*targets, *realised)}
    same_currency = len(currencies) <= 1
    return Summary(
        id=programme.id,
        name=programme.name,
        # the owner is an organisation or a body (a merger's fellesnemnd)
        owner=programme.name_of(programme.owner) or programme.owner,
        participants=len(programme.participants),
        project_areas=len(programme.project_areas),
        subprojects=len(programme.subprojects),
        milestones=len(programme.milestones),
        milestones_done=sum(1 for m in programme.milestones if m.done),
        activities=len(programme.activities),
        decisions=len(programme.decisions),
        decision_items=sum(len(d.items) for d in programme.decisions),
        measures=len(programme.measures),
        savings_target=_total(targets) if same_currency else None,
        savings_realised=_total(realised) if same_currency else None,
        indicators=len(programme.indicators),
        events=len(programme.events),
        status_periods=tuple(sorted({e.period for e in programme.status_entries})),
        people=len(programme.people),
        documents=len(programme.documents),
    )
