"""Strategies for plans: goals, subprojects, milestones and progress-plan rows."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from ..model import Activity, Goal, GoalKind, Milestone, Subproject, WorkStatus
from ._st_base import (
    _draw_id,
    _enum,
    _many,
    _opt,
    _Pools,
    _pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    texts,
)
from ._st_values import partial_dates


def _draw_goal(
    draw: st.DrawFn,
    own: str | None,
    areas: Sequence[str],
    phases: Sequence[str],
    indicators: Sequence[str],
) -> Goal:
    return Goal(
        id=own or _draw_id(draw),
        kind=_enum(draw, GoalKind),
        text=_required_text(draw),
        area=_ref(draw, areas),
        phase=_ref(draw, phases),
        indicator=_ref(draw, indicators),
    )


def goals(
    goal_id: str | None = None,
    areas: Sequence[str] = (),
    phases: Sequence[str] = (),
    indicators: Sequence[str] = (),
    *,
    realistic: bool | None = None,
) -> st.SearchStrategy[Goal]:
    """Goals of every kind, referring to the given areas, phases and indicators."""
    return _styled(_draw_goal)(realistic, goal_id, tuple(areas), tuple(phases), tuple(indicators))


def _draw_subproject(
    draw: st.DrawFn, own: str | None, pools: _Pools, parents: Sequence[str] = ()
) -> Subproject:
    own = own or _draw_id(draw)
    return Subproject(
        id=own,
        name=_required_text(draw),
        code=_opt(draw, st.sampled_from(["1", "2", "3", "10", "4a"])),
        area=_ref(draw, pools.areas),
        other_areas=_refs(draw, pools.areas),
        parent=_ref(draw, [p for p in parents if p != own]),
        participant=_ref(draw, pools.participants),
        mandate=_text(draw, 200),
        description=_text(draw),
        leader=_ref(draw, pools.people),
        group=_ref(draw, pools.bodies),
        effect_goal=_ref(draw, pools.goals),
        deadline=_opt(draw, partial_dates()),
        delivered=_opt(draw, partial_dates()),
        recommendations=_many(draw, texts()),
        status=_opt(draw, st.sampled_from(WorkStatus)),
    )


def subprojects(
    subproject_id: str | None = None,
    *,
    areas: Sequence[str] = (),
    participants: Sequence[str] = (),
    people: Sequence[str] = (),
    bodies: Sequence[str] = (),
    goals: Sequence[str] = (),
    parents: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Subproject]:
    """Subprojects whose references come from the given pools; the parent is one of
    ``parents`` (never the subproject itself) or none.

    .. versionchanged:: 0.2
       ``parents``.
    """
    pools = _pools(
        areas=areas, participants=participants, people=people, bodies=bodies, goals=goals
    )
    return _styled(_draw_subproject)(realistic, subproject_id, pools, tuple(parents))


def _draw_milestone(draw: st.DrawFn, own: str | None, pools: _Pools) -> Milestone:
    done = draw(st.booleans())
    return Milestone(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        subproject=_ref(draw, pools.subprojects),
        participant=_ref(draw, pools.participants),
        phase=_ref(draw, pools.phases),
        responsible=_text(draw),
        estimated_start=_opt(draw, partial_dates()),
        estimated_finish=_opt(draw, partial_dates()),
        report_date=_opt(draw, partial_dates()),
        report_status_text=_text(draw),
        done=done,
        done_on=_opt(draw, partial_dates()) if done else None,
        note=_text(draw),
    )


def milestones(
    milestone_id: str | None = None,
    *,
    subprojects: Sequence[str] = (),
    participants: Sequence[str] = (),
    phases: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Milestone]:
    """Milestones; ``done_on`` is set only on done ones."""
    pools = _pools(subprojects=subprojects, participants=participants, phases=phases)
    return _styled(_draw_milestone)(realistic, milestone_id, pools)


def _draw_activity(draw: st.DrawFn, own: str | None, pools: _Pools) -> Activity:
    return Activity(
        id=own or _draw_id(draw),
        activity=_required_text(draw),
        number=_opt(draw, st.integers(1, 999).map(str)),
        phase=_ref(draw, pools.phases),
        subproject=_ref(draw, pools.subprojects),
        time=_text(draw),
        due=_opt(draw, partial_dates()),
        responsible=_text(draw),
        done=_opt(draw, st.booleans()),
        comments=_text(draw),
    )


def activities(
    activity_id: str | None = None,
    *,
    phases: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Activity]:
    """Progress-plan rows."""
    return _styled(_draw_activity)(
        realistic, activity_id, _pools(phases=phases, subprojects=subprojects)
    )
