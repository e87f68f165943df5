"""Strategies for what a programme office steers by: risks with their assessments and
mitigation actions, deviations, benefits, the lines of the programme's economy, and
the follow-up of decision items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from ..model import (
    SCORE_SCALE,
    Benefit,
    BenefitKind,
    BudgetKind,
    BudgetLine,
    Deviation,
    DeviationKind,
    FollowUp,
    FollowUpStatus,
    MitigationAction,
    Risk,
    RiskAssessment,
    RiskStatus,
)
from ._st_base import (
    _draw_id,
    _enum,
    _opt,
    _Pools,
    _pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
)
from ._st_values import money, partial_dates, periods

_SCORES = st.integers(*SCORE_SCALE)


def _draw_scores(draw: st.DrawFn) -> tuple[int, int]:
    return draw(_SCORES), draw(_SCORES)


def _draw_assessment(draw: st.DrawFn, period: Any = None) -> RiskAssessment:
    probability, consequence = _draw_scores(draw)
    return RiskAssessment(
        period=period if period is not None else draw(periods()),
        probability=probability,
        consequence=consequence,
        status=_enum(draw, RiskStatus),
        note=_text(draw),
    )


def _draw_action(draw: st.DrawFn) -> MitigationAction:
    return MitigationAction(
        action=_required_text(draw, 80),
        responsible=_text(draw),
        deadline=_opt(draw, partial_dates()),
        done=draw(st.booleans()),
    )


def _draw_risk(draw: st.DrawFn, own: str | None, pools: _Pools) -> Risk:
    scores = _draw_scores(draw) if draw(st.booleans()) else (None, None)
    status = _enum(draw, RiskStatus)
    identified = _opt(draw, periods())
    # only a closed risk has a period it was closed in, never before it was identified
    closed = _opt(draw, periods()) if status is RiskStatus.CLOSED else None
    if closed is not None and identified is not None and closed < identified:
        identified, closed = closed, identified
    return Risk(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        description=_text(draw, 120),
        cause=_text(draw),
        effect=_text(draw),
        probability=scores[0],
        consequence=scores[1],
        owner=_text(draw),
        actions=tuple(_draw_action(draw) for _ in range(draw(st.integers(0, 2)))),
        status=status,
        identified=identified,
        closed_in=closed,
        assessments=tuple(
            _draw_assessment(draw, period)
            for period in draw(st.lists(periods(), max_size=3, unique=True))
        ),
        participant=_ref(draw, pools.participants),
        subproject=_ref(draw, pools.subprojects),
    )


def risks(
    risk_id: str | None = None,
    *,
    participants: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Risk]:
    """Entries of the risk register: scores on the scale of
    :data:`~omstilling.model.SCORE_SCALE` (both or neither), mitigation actions,
    at most one assessment per period, and a period a closed one was closed in (never
    before the one it was identified in) or none; belonging to one of ``participants`` and
    ``subprojects`` or to none.

    .. versionadded:: 0.2
    """
    pools = _pools(participants=participants, subprojects=subprojects)
    return _styled(_draw_risk)(realistic, risk_id, pools)


def _draw_deviation(draw: st.DrawFn, own: str | None, pools: _Pools) -> Deviation:
    reported = draw(periods())
    closed = _opt(draw, periods())
    if closed is not None and closed < reported:
        reported, closed = closed, reported
    return Deviation(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        kind=_opt(draw, st.sampled_from(DeviationKind)),
        cause=_text(draw),
        consequence=_text(draw),
        corrective_action=_text(draw),
        responsible=_text(draw),
        reported_in=reported,
        closed_in=closed,
        participant=_ref(draw, pools.participants),
        subproject=_ref(draw, pools.subprojects),
        milestone=_ref(draw, pools.milestones),
        note=_text(draw),
    )


def deviations(
    deviation_id: str | None = None,
    *,
    participants: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    milestones: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Deviation]:
    """Deviations, open or closed, never closed before they were reported.

    .. versionadded:: 0.2
    """
    pools = _pools(participants=participants, subprojects=subprojects, milestones=milestones)
    return _styled(_draw_deviation)(realistic, deviation_id, pools)


def _draw_benefit(draw: st.DrawFn, own: str | None, pools: _Pools) -> Benefit:
    return Benefit(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        kind=_enum(draw, BenefitKind),
        description=_text(draw, 120),
        owner=_text(draw),
        indicator=_ref(draw, pools.indicators),
        measures=_refs(draw, pools.measures),
        subprojects=_refs(draw, pools.subprojects),
        participant=_ref(draw, pools.participants),
    )


def benefits(
    benefit_id: str | None = None,
    *,
    indicators: Sequence[str] = (),
    measures: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    participants: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Benefit]:
    """Benefits of every kind, measured by one of ``indicators`` or by none, brought
    about by some of ``measures`` and ``subprojects``.

    .. versionadded:: 0.2
    """
    pools = _pools(
        indicators=indicators, measures=measures, subprojects=subprojects, participants=participants
    )
    return _styled(_draw_benefit)(realistic, benefit_id, pools)


def _draw_budget_line(
    draw: st.DrawFn, own: str | None, pools: _Pools, cooperations: Sequence[str]
) -> BudgetLine:
    kind = _enum(draw, BudgetKind)
    currency = draw(st.sampled_from(["NOK", "NOK", "NOK", "EUR"]))
    amounts = money(currency)
    organisation = _ref(draw, pools.organisations)
    if cooperations:
        organisation = _opt(draw, st.sampled_from(tuple(cooperations))) or organisation
    return BudgetLine(
        period=draw(periods()),
        kind=kind,
        description=_text(draw),
        budget=_opt(draw, amounts),
        actual=_opt(draw, amounts),
        organisation=organisation,
        participant=_ref(draw, pools.participants),
        grantor=_ref(draw, pools.organisations) if kind is BudgetKind.GRANT else None,
        note=_text(draw),
        id=own,
    )


def budget_lines(
    line_id: str | None = None,
    *,
    organisations: Sequence[str] = (),
    participants: Sequence[str] = (),
    cooperations: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[BudgetLine]:
    """Lines of a programme's economy: budget and actual amount in one currency, a
    grantor only on grants. The line's organisation is one of ``organisations`` or
    none, and often one of ``cooperations`` (organisations whose members have cost
    shares), where any are given. The line has ``line_id`` as its id, or none.

    .. versionadded:: 0.2
    """
    pools = _pools(organisations=organisations, participants=participants)
    return _styled(_draw_budget_line)(realistic, line_id, pools, tuple(cooperations))


def _draw_follow_up(draw: st.DrawFn, period: Any = None) -> FollowUp:
    return FollowUp(
        period=period if period is not None else draw(periods()),
        status=_enum(draw, FollowUpStatus),
        comment=_text(draw),
    )


def _draw_follow_ups(draw: st.DrawFn) -> tuple[FollowUp, ...]:
    """A decision item's follow-up: at most one per period."""
    return tuple(
        _draw_follow_up(draw, period)
        for period in draw(st.lists(periods(), max_size=3, unique=True))
    )


STEERING_STRATEGIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Risk: risks,
    RiskAssessment: lambda: _styled(_draw_assessment)(None),
    MitigationAction: lambda: _styled(_draw_action)(None),
    Deviation: deviations,
    Benefit: benefits,
    BudgetLine: budget_lines,
    FollowUp: lambda: _styled(_draw_follow_up)(None),
}
"""The strategy of each type of this module, for ``st.register_type_strategy``."""
