"""Merging what a workbook's steering sheets say into a programme: risk assessments
and new risks, deviations closed and added, actual amounts and new budget lines, and
the follow-up of decision items."""

from __future__ import annotations

from typing import Any

import attrs

from .._messages import _, ngettext
from ..model import (
    BudgetLine,
    Decision,
    Deviation,
    FollowUp,
    MitigationAction,
    Period,
    Programme,
    Risk,
    RiskAssessment,
    RiskStatus,
)
from . import _steering_layout as steer
from ._types import Filling

__all__ = ["apply_steering", "check_steering", "steering_summary"]


def check_steering(programme: Programme, filling: Filling) -> list[str]:
    """The keys ``filling`` names that are not the participant's in ``programme``."""
    participant, period = filling.participant, filling.period
    risks = {r.id for r in steer.shown_risks(programme, participant, period)}
    deviations = {d.id for d in steer.shown_deviations(programme, participant, period)}
    lines = set(steer.line_keys(steer.shown_lines(programme, participant, period)))
    items = {steer.item_key(d, i) for d, i in steer.followed_items(programme, participant)}
    return (
        [r.id for r in filling.risks if r.id not in risks]
        + [c.id for c in filling.closings if c.id not in deviations]
        + [a.key for a in filling.actuals if a.key not in lines]
        + [f.key for f in filling.follow_ups if f.key not in items]
    )


def _actions(
    existing: tuple[MitigationAction, ...], text: str | None
) -> tuple[MitigationAction, ...]:
    """The risk's actions with the workbook's text as the first one's."""
    if text is None:
        return existing[1:]
    if existing:
        return (attrs.evolve(existing[0], action=text), *existing[1:])
    return (MitigationAction(action=text),)


def _closing(risk: Risk, period: Period, status: RiskStatus) -> Risk:
    """``risk`` closed in ``period`` if the workbook says it is closed (unless it was
    closed earlier), and open again if it says open where it was closed by then."""
    if status is RiskStatus.CLOSED:
        if risk.closed_in is not None and risk.closed_in <= period:
            return attrs.evolve(risk, status=RiskStatus.CLOSED)
        return attrs.evolve(risk, status=RiskStatus.CLOSED, closed_in=period)
    if risk.closed_in is not None and risk.closed_in <= period:
        return attrs.evolve(risk, status=RiskStatus.OPEN, closed_in=None)
    return risk


def _risks(programme: Programme, filling: Filling) -> tuple[Risk, ...]:
    participant, period = filling.participant, filling.period
    assessed = {r.id: r for r in filling.risks}
    kept: list[Risk] = []
    earlier: dict[int, Risk] = {}
    for risk in programme.risks:
        number = steer.added_risk(risk, participant, period)
        if number is not None:
            earlier[number] = risk
            continue
        given = assessed.get(risk.id)
        if given is not None:
            assessment = RiskAssessment(
                period=period,
                probability=given.probability,
                consequence=given.consequence,
                status=given.status,
                note=given.comment,
            )
            others = tuple(a for a in risk.assessments if a.period != period)
            at = next((i for i, a in enumerate(risk.assessments) if a.period == period), None)
            if at is None:
                risk = attrs.evolve(risk, assessments=(*others, assessment))
            else:
                assessments = list(risk.assessments)
                assessments[at] = assessment
                risk = attrs.evolve(risk, assessments=tuple(assessments))
            risk = _closing(risk, period, given.status)
        kept.append(risk)
    for new in filling.new_risks:
        fields: dict[str, Any] = {
            "title": new.title,
            "description": new.description,
            "cause": new.cause,
            "effect": new.effect,
            "probability": new.probability,
            "consequence": new.consequence,
            "owner": new.owner,
        }
        before = earlier.get(new.number)
        if before is None:
            risk = Risk(
                id=steer.added_id(participant, period, "r", new.number),
                actions=_actions((), new.action),
                identified=period,
                participant=participant,
                **fields,
            )
        else:
            risk = attrs.evolve(before, actions=_actions(before.actions, new.action), **fields)
        kept.append(risk)
    return tuple(kept)


def _deviations(programme: Programme, filling: Filling) -> tuple[Deviation, ...]:
    participant, period = filling.participant, filling.period
    closings = {c.id: c.closed for c in filling.closings}
    kept: list[Deviation] = []
    earlier: dict[int, Deviation] = {}
    for deviation in programme.deviations:
        number = steer.added_deviation(deviation, participant, period)
        if number is not None:
            earlier[number] = deviation
            continue
        closed = closings.get(deviation.id)
        if closed:
            deviation = attrs.evolve(deviation, closed_in=period)
        elif closed is False and deviation.closed_in == period:
            deviation = attrs.evolve(deviation, closed_in=None)
        kept.append(deviation)
    for new in filling.deviations:
        fields: dict[str, Any] = {
            "title": new.title,
            "kind": new.kind,
            "cause": new.cause,
            "consequence": new.consequence,
            "corrective_action": new.corrective_action,
            "responsible": new.responsible,
            "closed_in": period if new.closed else None,
        }
        before = earlier.get(new.number)
        if before is None:
            deviation = Deviation(
                id=steer.added_id(participant, period, "d", new.number),
                reported_in=period,
                participant=participant,
                **fields,
            )
        else:
            deviation = attrs.evolve(before, **fields)
        kept.append(deviation)
    return tuple(kept)


def _economy(programme: Programme, filling: Filling) -> tuple[BudgetLine, ...]:
    participant, period = filling.participant, filling.period
    shown = steer.shown_lines(programme, participant, period)
    keys = {id(line): key for line, key in zip(shown, steer.line_keys(shown), strict=True)}
    actuals = {a.key: a.actual for a in filling.actuals}
    kept: list[BudgetLine] = []
    earlier: dict[int, BudgetLine] = {}
    for line in programme.economy:
        number = steer.added_line(line, participant, period)
        if number is not None:
            earlier[number] = line
            continue
        actual = actuals.get(keys.get(id(line), ""))
        kept.append(line if actual is None else attrs.evolve(line, actual=actual))
    for new in filling.budget_lines:
        fields: dict[str, Any] = {
            "kind": new.kind,
            "description": new.description,
            "budget": new.budget,
            "actual": new.actual,
        }
        before = earlier.get(new.number)
        if before is None:
            line = BudgetLine(
                id=steer.added_id(participant, period, "b", new.number),
                period=period,
                participant=participant,
                **fields,
            )
        else:
            line = attrs.evolve(before, **fields)
        kept.append(line)
    return tuple(kept)


def _decisions(programme: Programme, filling: Filling) -> tuple[Decision, ...]:
    given = {f.key: f for f in filling.follow_ups}
    if not given:
        return programme.decisions
    decisions: list[Decision] = []
    for decision in programme.decisions:
        items = []
        for item in decision.items:
            found = given.get(steer.item_key(decision, item))
            if found is not None and item.participant == filling.participant:
                follow_up = FollowUp(
                    period=filling.period, status=found.status, comment=found.comment
                )
                others = [f for f in item.follow_up if f.period != filling.period]
                at = next(
                    (i for i, f in enumerate(item.follow_up) if f.period == filling.period), None
                )
                if at is None:
                    others.append(follow_up)
                else:
                    others.insert(at, follow_up)
                item = attrs.evolve(item, follow_up=tuple(others))
            items.append(item)
        decisions.append(attrs.evolve(decision, items=tuple(items)))
    return tuple(decisions)


def apply_steering(programme: Programme, filling: Filling) -> Programme:
    """``programme`` with what ``filling``'s steering sheets say. Raises
    :class:`ValueError` if it names risks, deviations, budget lines or decision items
    that are not the participant's."""
    others = check_steering(programme, filling)
    if others:
        msg = _("not risks, deviations, budget lines or decision items of {participant}: {keys}")
        raise ValueError(msg.format(participant=repr(filling.participant), keys=", ".join(others)))
    return attrs.evolve(
        programme,
        risks=_risks(programme, filling),
        deviations=_deviations(programme, filling),
        economy=_economy(programme, filling),
        decisions=_decisions(programme, filling),
    )


def steering_summary(filling: Filling) -> list[str]:
    """What ``filling``'s steering sheets say, counted, for a line of the import's
    report: ``["2 new risks", "1 new deviation"]``; only what is there is named.

    .. versionadded:: 0.2
    """
    n = len
    counted = (
        (
            n(filling.risks),
            ngettext("{count} risk assessed", "{count} risks assessed", n(filling.risks)),
        ),
        (
            n(filling.new_risks),
            ngettext("{count} new risk", "{count} new risks", n(filling.new_risks)),
        ),
        (
            n(filling.closings),
            ngettext(
                "{count} deviation closed or reopened",
                "{count} deviations closed or reopened",
                n(filling.closings),
            ),
        ),
        (
            n(filling.deviations),
            ngettext("{count} new deviation", "{count} new deviations", n(filling.deviations)),
        ),
        (
            n(filling.actuals),
            ngettext("{count} actual amount", "{count} actual amounts", n(filling.actuals)),
        ),
        (
            n(filling.budget_lines),
            ngettext(
                "{count} new budget line", "{count} new budget lines", n(filling.budget_lines)
            ),
        ),
        (
            n(filling.follow_ups),
            ngettext(
                "{count} decision item followed up",
                "{count} decision items followed up",
                n(filling.follow_ups),
            ),
        ),
    )
    return [word.format(count=count) for count, word in counted if count]
