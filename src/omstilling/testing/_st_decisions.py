"""Strategies for decisions, measures and indicators."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from ..model import (
    Decision,
    DecisionItem,
    DecisionKind,
    DecisionSubitem,
    Dissent,
    EconomicEffect,
    Indicator,
    IndicatorValue,
    Measure,
    StaffingEffect,
    WorkStatus,
)
from ._st_base import (
    _draw_id,
    _enum,
    _is_realistic,
    _maybe,
    _opt,
    _opt_whole,
    _Pools,
    _pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    texts,
)
from ._st_steering import _draw_follow_ups
from ._st_values import case_references, decimals, money, partial_dates, periods

_ITEM_LABELS = st.sampled_from([*"abcdefghij", *map(str, range(1, 15))])


def _draw_decision(draw: st.DrawFn, own: str | None, pools: _Pools) -> Decision:
    groups = draw(st.lists(_maybe(texts(max_size=15)), min_size=1, max_size=2, unique=True))
    items = []
    for group in groups:
        for label in draw(st.lists(_ITEM_LABELS, max_size=3, unique=True)):
            items.append(
                DecisionItem(
                    label=label,
                    text=_required_text(draw, 120),
                    group=group,
                    kind=_opt(draw, st.sampled_from(DecisionKind)),
                    subitems=tuple(
                        DecisionSubitem(label=sub, text=_required_text(draw))
                        for sub in draw(st.lists(_ITEM_LABELS, max_size=2, unique=True))
                    ),
                    measures=_refs(draw, pools.measures),
                    milestones=_refs(draw, pools.milestones),
                    participant=_ref(draw, pools.participants),
                    responsible=_text(draw),
                    due=_opt(draw, partial_dates()),
                    follow_up=_draw_follow_ups(draw),
                )
            )
    labels = tuple(dict.fromkeys(item.label for item in items))
    dissents = tuple(
        Dissent(
            by=_required_text(draw),
            concerning=_required_text(draw),
            person=_ref(draw, pools.people),
            role=_text(draw),
            organisation=_ref(draw, pools.organisations),
            items=_refs(draw, labels, 2),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    body = draw(st.sampled_from(pools.bodies))
    return Decision(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        body=body,
        joint_bodies=_refs(draw, [b for b in pools.bodies if b != body]),
        kind=_enum(draw, DecisionKind),
        date=_opt(draw, partial_dates()),
        case=_opt(draw, case_references()),
        text=_text(draw, 200),
        items=tuple(items),
        dissents=dissents,
        referred_to=_ref(draw, pools.bodies),
        referred_on=_opt(draw, partial_dates()),
        participant=_ref(draw, pools.participants),
        documents=_refs(draw, pools.documents),
        note=_text(draw),
    )


def decisions(
    decision_id: str | None = None,
    *,
    bodies: Sequence[str],
    participants: Sequence[str] = (),
    measures: Sequence[str] = (),
    milestones: Sequence[str] = (),
    people: Sequence[str] = (),
    organisations: Sequence[str] = (),
    documents: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Decision]:
    """Decisions by one of ``bodies`` (which must not be empty), now and then made
    jointly with others of them, with items whose labels are unique within their
    group and whose follow-up is given at most once per period.

    .. versionchanged:: 0.2
       Joint bodies, and items with participant, responsible, due date and
       follow-up.
    """
    pools = _pools(
        bodies=bodies,
        participants=participants,
        measures=measures,
        milestones=milestones,
        people=people,
        organisations=organisations,
        documents=documents,
    )
    return _styled(_draw_decision)(realistic, decision_id, pools)


def _draw_measure(draw: st.DrawFn, own: str | None, pools: _Pools) -> Measure:
    amounts = _maybe(money(draw(st.sampled_from(["NOK", "NOK", "EUR"]))))
    effects = tuple(
        EconomicEffect(period=p, target=draw(amounts), realised=draw(amounts), note=_text(draw))
        for p in draw(st.lists(periods(), max_size=3, unique=True))
    )
    staffing = None
    if draw(st.booleans()):
        staffing = StaffingEffect(
            positions=_opt(draw, (decimals(1, 10_000) if _is_realistic() else decimals())),
            fte=_opt(draw, (decimals(2, 10_000) if _is_realistic() else decimals())),
            share_percent=_opt(draw, (decimals(1, 100) if _is_realistic() else decimals())),
            note=_text(draw),
        )
    return Measure(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        description=_text(draw, 200),
        area=_ref(draw, pools.areas),
        subproject=_ref(draw, pools.subprojects),
        participant=_ref(draw, pools.participants),
        phase=_ref(draw, pools.phases),
        priority=_opt_whole(draw, 1, 50),
        responsible=_text(draw),
        status=_opt(draw, st.sampled_from(WorkStatus)),
        economic_effects=effects,
        staffing_effect=staffing,
        decisions=_refs(draw, pools.decisions),
    )


def measures(
    measure_id: str | None = None,
    *,
    areas: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    participants: Sequence[str] = (),
    phases: Sequence[str] = (),
    decisions: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Measure]:
    """Measures with economic effects in one currency, one per period."""
    pools = _pools(
        areas=areas,
        subprojects=subprojects,
        participants=participants,
        phases=phases,
        decisions=decisions,
    )
    return _styled(_draw_measure)(realistic, measure_id, pools)


def _draw_indicator(draw: st.DrawFn, own: str | None, participants: Sequence[str]) -> Indicator:
    return Indicator(
        id=own or _draw_id(draw),
        name=_required_text(draw),
        unit=_opt(draw, st.sampled_from(["NOK", "%", "årsverk", "antall"])),
        description=_text(draw),
        participant=_ref(draw, participants),
        higher_is_better=_opt(draw, st.booleans()),
        baseline=_opt(draw, decimals()),
        baseline_period=_opt(draw, periods()),
        target=_opt(draw, decimals()),
        target_period=_opt(draw, periods()),
        values=tuple(
            IndicatorValue(
                period=p,
                target=_opt(draw, decimals()),
                actual=_opt(draw, decimals()),
                note=_text(draw),
            )
            for p in draw(st.lists(periods(), max_size=3, unique=True))
        ),
    )


def indicators(
    indicator_id: str | None = None,
    *,
    participants: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Indicator]:
    """Indicators with at most one value per period."""
    return _styled(_draw_indicator)(realistic, indicator_id, tuple(participants))
