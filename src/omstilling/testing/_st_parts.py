"""Strategies for the parts of a programme that live inside others: participants,
stakeholders, roles, phases, areas, the evaluation, lessons, and the parts of
organisations, decisions, measures and status entries; and changes between periods."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..model import (
    AreaKind,
    Change,
    ChangeKind,
    DecisionItem,
    DecisionKind,
    DecisionSubitem,
    Deliverable,
    DimensionStatus,
    Dissent,
    EconomicEffect,
    Evaluation,
    IndicatorValue,
    Lesson,
    LessonKind,
    Membership,
    MunicipalityNumber,
    Office,
    PartialDate,
    Participant,
    Phase,
    ProjectArea,
    Rag,
    Role,
    RoleAssignment,
    StaffingEffect,
    Stakeholder,
)
from ._st_base import (
    _draw_id,
    _enum,
    _opt,
    _opt_whole,
    _Pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    _unique_ids,
)
from ._st_organisation import _draw_office
from ._st_steering import _draw_follow_ups
from ._st_values import date_ranges, decimals, money, partial_dates, periods

_LABELS = st.sampled_from([*"abcdefghij", *map(str, range(1, 15))])


def _ordered(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end.last_day() < start.first_day():
        start, end = end, start
    if start is not None and end is not None and end.last_day() < start.first_day():
        end = None  # a day inside a month that starts after it
    return start, end


def _draw_role(draw: st.DrawFn, pools: _Pools) -> RoleAssignment:
    person = _ref(draw, pools.people)
    start, end = _ordered(draw)
    return RoleAssignment(
        role=_enum(draw, Role),
        person=person,
        holder=_required_text(draw) if person is None else _text(draw),
        organisation=_ref(draw, pools.organisations),
        body=_ref(draw, pools.bodies),
        subproject=_ref(draw, pools.subprojects),
        start=start,
        end=end,
        note=_text(draw),
    )


def _draw_participant(draw: st.DrawFn, own: str | None) -> Participant:
    return Participant(
        organisation=own or _draw_id(draw),
        local_name=_text(draw),
        joined=_opt(draw, partial_dates()),
        left=_opt(draw, partial_dates()),
        reporting_practice=_text(draw),
        note=_text(draw),
    )


def _draw_stakeholder(draw: st.DrawFn, own: str | None) -> Stakeholder:
    return Stakeholder(organisation=own or _draw_id(draw), role=_text(draw), note=_text(draw))


def _draw_phase(draw: st.DrawFn, own: str | None) -> Phase:
    return Phase(
        id=own or _draw_id(draw),
        name=_required_text(draw),
        number=_opt_whole(draw, 1, 9),
        description=_text(draw),
        period=_opt(draw, date_ranges()),
    )


def _draw_project_area(draw: st.DrawFn, own: str | None, phases: Sequence[str]) -> ProjectArea:
    return ProjectArea(
        id=own or _draw_id(draw),
        name=_required_text(draw),
        kind=_enum(draw, AreaKind),
        phase=_ref(draw, phases),
        description=_text(draw),
    )


def _draw_deliverable(draw: st.DrawFn, own: str | None) -> Deliverable:
    return Deliverable(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        due=_opt(draw, partial_dates()),
        due_text=_text(draw),
        delivered=_opt(draw, partial_dates()),
        note=_text(draw),
    )


def _draw_evaluation(draw: st.DrawFn, organisations: Sequence[str]) -> Evaluation:
    return Evaluation(
        evaluators=_refs(draw, organisations),
        purpose=_text(draw),
        status=_text(draw),
        deliverables=tuple(_draw_deliverable(draw, d) for d in _unique_ids(draw, 3)),
    )


def _draw_lesson(draw: st.DrawFn) -> Lesson:
    return Lesson(kind=_enum(draw, LessonKind), text=_required_text(draw))


def _draw_membership(draw: st.DrawFn) -> Membership:
    share = _opt(draw, st.integers(0, 10000).map(lambda n: Decimal(n) / 100))
    return Membership(organisation=_draw_id(draw), cost_share=share, note=_text(draw))


def _draw_municipality_number(draw: st.DrawFn) -> MunicipalityNumber:
    start, end = _ordered(draw)
    return MunicipalityNumber(
        number=draw(st.text(alphabet="0123456789", min_size=4, max_size=4)),
        valid_from=start,
        valid_to=end,
    )


def _draw_subitem(draw: st.DrawFn) -> DecisionSubitem:
    return DecisionSubitem(label=draw(_LABELS), text=_required_text(draw))


def _draw_item(draw: st.DrawFn, pools: _Pools) -> DecisionItem:
    labels = draw(st.lists(_LABELS, max_size=2, unique=True))
    return DecisionItem(
        label=draw(_LABELS),
        text=_required_text(draw, 120),
        group=_text(draw, 15),
        kind=_opt(draw, st.sampled_from(DecisionKind)),
        subitems=tuple(DecisionSubitem(label=x, text=_required_text(draw)) for x in labels),
        measures=_refs(draw, pools.measures),
        milestones=_refs(draw, pools.milestones),
        participant=_ref(draw, pools.participants),
        responsible=_text(draw),
        due=_opt(draw, partial_dates()),
        follow_up=_draw_follow_ups(draw),
    )


def _draw_dissent(draw: st.DrawFn, pools: _Pools, labels: Sequence[str]) -> Dissent:
    return Dissent(
        by=_required_text(draw),
        concerning=_required_text(draw),
        person=_ref(draw, pools.people),
        role=_text(draw),
        organisation=_ref(draw, pools.organisations),
        items=_refs(draw, labels, 2),
    )


def _draw_economic_effect(draw: st.DrawFn) -> EconomicEffect:
    return EconomicEffect(
        period=draw(periods()),
        target=_opt(draw, money("NOK")),
        realised=_opt(draw, money("NOK")),
        note=_text(draw),
    )


def _draw_staffing_effect(draw: st.DrawFn) -> StaffingEffect:
    return StaffingEffect(
        positions=_opt(draw, decimals()),
        fte=_opt(draw, decimals()),
        share_percent=_opt(draw, decimals()),
        note=_text(draw),
    )


def _draw_indicator_value(draw: st.DrawFn) -> IndicatorValue:
    return IndicatorValue(
        period=draw(periods()),
        target=_opt(draw, decimals()),
        actual=_opt(draw, decimals()),
        note=_text(draw),
    )


def _draw_dimension_status(draw: st.DrawFn) -> DimensionStatus:
    return DimensionStatus(dimension=_draw_id(draw), rag=_enum(draw, Rag), comment=_text(draw))


def _draw_change(draw: st.DrawFn) -> Change:
    kind = _enum(draw, ChangeKind)
    item = _required_text(draw)
    if kind is ChangeKind.STATUS:
        return Change(
            kind=kind, item=item, before=_opt(draw, st.sampled_from(Rag)), after=_enum(draw, Rag)
        )
    if kind is ChangeKind.DONE:
        return Change(kind=kind, item=item, after=draw(partial_dates()))
    if kind is ChangeKind.SLIPPED:
        return Change(kind=kind, item=item, before=_opt(draw, partial_dates()), after=_text(draw))
    return Change(kind=kind, item=item, after=draw(money()))


PART_STRATEGIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    RoleAssignment: lambda: _styled(_draw_role)(None, _Pools()),
    Participant: lambda: _styled(_draw_participant)(None, None),
    Stakeholder: lambda: _styled(_draw_stakeholder)(None, None),
    Phase: lambda: _styled(_draw_phase)(None, None),
    ProjectArea: lambda: _styled(_draw_project_area)(None, None, ()),
    Deliverable: lambda: _styled(_draw_deliverable)(None, None),
    Evaluation: lambda: _styled(_draw_evaluation)(None, ()),
    Lesson: lambda: _styled(_draw_lesson)(None),
    Membership: lambda: _styled(_draw_membership)(None),
    Office: lambda: _styled(_draw_office)(None, ()),
    DecisionSubitem: lambda: _styled(_draw_subitem)(None),
    DecisionItem: lambda: _styled(_draw_item)(None, _Pools()),
    Dissent: lambda: _styled(_draw_dissent)(None, _Pools(), ()),
    EconomicEffect: lambda: _styled(_draw_economic_effect)(None),
    StaffingEffect: lambda: _styled(_draw_staffing_effect)(None),
    IndicatorValue: lambda: _styled(_draw_indicator_value)(None),
    DimensionStatus: lambda: _styled(_draw_dimension_status)(None),
    Change: lambda: _styled(_draw_change)(None),
    MunicipalityNumber: lambda: _styled(_draw_municipality_number)(None),
}
