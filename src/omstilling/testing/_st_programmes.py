"""Strategies for whole programmes, every reference resolving."""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from ..model import (
    DEFAULT_DIMENSIONS,
    AreaKind,
    Cadence,
    Deliverable,
    Evaluation,
    Language,
    Lesson,
    LessonKind,
    Participant,
    Period,
    Phase,
    Programme,
    ProjectArea,
    Role,
    RoleAssignment,
    Stakeholder,
)
from ._st_base import (
    _composite,
    _enum,
    _many,
    _opt,
    _Pools,
    _ref,
    _refs,
    _text,
    _unique_ids,
    ids,
    texts,
)
from ._st_decisions import _draw_decision, _draw_indicator, _draw_measure
from ._st_events import _draw_document, _draw_event, _draw_status_entry
from ._st_organisation import _draw_body, _draw_organisation, _draw_person
from ._st_plans import _draw_activity, _draw_goal, _draw_milestone, _draw_subproject
from ._st_values import date_ranges, partial_dates, periods


def _draw_role(draw: st.DrawFn, pools: _Pools) -> RoleAssignment:
    person = _ref(draw, pools.people)
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end.last_day() < start.first_day():
        start, end = end, start
    return RoleAssignment(
        role=_enum(draw, Role),
        person=person,
        holder=draw(texts()) if person is None else _text(draw),
        organisation=_ref(draw, pools.organisations),
        body=_ref(draw, pools.bodies),
        subproject=_ref(draw, pools.subprojects),
        start=start,
        end=end,
        note=_text(draw),
    )


def _draw_programme(draw: st.DrawFn, max_items: int) -> Programme:
    n = max_items
    org_ids = _unique_ids(draw, n + 1, min_size=1)
    body_ids = _unique_ids(draw, n)
    pools = _Pools(
        organisations=org_ids,
        people=_unique_ids(draw, n),
        participants=tuple(draw(st.lists(st.sampled_from(org_ids), max_size=n, unique=True))),
        bodies=body_ids,
        phases=_unique_ids(draw, n),
        areas=_unique_ids(draw, n),
        goals=_unique_ids(draw, n),
        subprojects=_unique_ids(draw, n),
        milestones=_unique_ids(draw, n),
        decisions=_unique_ids(draw, n) if body_ids else (),
        measures=_unique_ids(draw, n),
        indicators=_unique_ids(draw, n),
        documents=_unique_ids(draw, n),
    )
    dimensions = draw(
        st.one_of(
            st.just(DEFAULT_DIMENSIONS),
            st.lists(ids(), min_size=1, max_size=4, unique=True).map(tuple),
        )
    )
    status_keys: list[tuple[str | None, str | None, Period]] = []
    if pools.participants or pools.subprojects:
        for _ in range(draw(st.integers(0, n))):
            participant = _ref(draw, pools.participants)
            subproject = _ref(draw, pools.subprojects) if participant else None
            if participant is None and subproject is None:
                subproject = draw(st.sampled_from(pools.subprojects or (None,)))
                participant = None if subproject else draw(st.sampled_from(pools.participants))
            key = (participant, subproject, draw(periods()))
            if key not in status_keys:
                status_keys.append(key)
    activity_ids = _unique_ids(draw, n)
    event_ids = _unique_ids(draw, n)
    return Programme(
        id=draw(ids()),
        name=draw(texts()),
        owner=draw(st.sampled_from(org_ids)),
        language=_enum(draw, Language),
        description=_text(draw, 200),
        background=_text(draw, 200),
        mandate=_text(draw, 200),
        target_group=_text(draw),
        period=_opt(draw, date_ranges()),
        cadence=_opt(draw, st.sampled_from(Cadence)),
        status_dimensions=dimensions,
        # parents come from earlier organisations only, so they never form a cycle
        organisations=tuple(
            _draw_organisation(draw, o, org_ids, org_ids[:index]) for index, o in enumerate(org_ids)
        ),
        people=tuple(_draw_person(draw, p, org_ids) for p in pools.people),
        participants=tuple(
            Participant(
                organisation=p,
                local_name=_text(draw),
                joined=_opt(draw, partial_dates()),
                left=_opt(draw, partial_dates()),
                reporting_practice=_text(draw),
                note=_text(draw),
            )
            for p in pools.participants
        ),
        stakeholders=tuple(
            Stakeholder(organisation=o, role=_text(draw), note=_text(draw))
            for o in _refs(draw, org_ids, 2)
        ),
        bodies=tuple(_draw_body(draw, b, org_ids) for b in body_ids),
        roles=tuple(_draw_role(draw, pools) for _ in range(draw(st.integers(0, n)))),
        phases=tuple(
            Phase(
                id=p,
                name=draw(texts()),
                number=_opt(draw, st.integers(1, 9)),
                description=_text(draw),
                period=_opt(draw, date_ranges()),
            )
            for p in pools.phases
        ),
        project_areas=tuple(
            ProjectArea(
                id=a,
                name=draw(texts()),
                kind=_enum(draw, AreaKind),
                phase=_ref(draw, pools.phases),
                description=_text(draw),
            )
            for a in pools.areas
        ),
        goals=tuple(
            _draw_goal(draw, g, pools.areas, pools.phases, pools.indicators) for g in pools.goals
        ),
        subprojects=tuple(_draw_subproject(draw, s, pools) for s in pools.subprojects),
        milestones=tuple(_draw_milestone(draw, m, pools) for m in pools.milestones),
        activities=tuple(_draw_activity(draw, a, pools) for a in activity_ids),
        decisions=tuple(_draw_decision(draw, d, pools) for d in pools.decisions),
        measures=tuple(_draw_measure(draw, m, pools) for m in pools.measures),
        indicators=tuple(_draw_indicator(draw, i, pools.participants) for i in pools.indicators),
        events=tuple(_draw_event(draw, e, pools) for e in event_ids),
        status_entries=tuple(
            _draw_status_entry(draw, period, participant, subproject, dimensions)
            for participant, subproject, period in status_keys
        ),
        evaluation=(
            Evaluation(
                evaluators=_refs(draw, org_ids),
                purpose=_text(draw),
                status=_text(draw),
                deliverables=tuple(
                    Deliverable(
                        id=d,
                        title=draw(texts()),
                        due=_opt(draw, partial_dates()),
                        due_text=_text(draw),
                        delivered=_opt(draw, partial_dates()),
                        note=_text(draw),
                    )
                    for d in _unique_ids(draw, 3)
                ),
            )
            if draw(st.booleans())
            else None
        ),
        documents=tuple(_draw_document(draw, d, pools) for d in pools.documents),
        success_factors=_many(draw, texts()),
        lessons=tuple(
            Lesson(kind=_enum(draw, LessonKind), text=draw(texts()))
            for _ in range(draw(st.integers(0, 3)))
        ),
        legal_basis=_many(draw, texts()),
    )


@functools.cache
def programmes(*, max_items: int = 3) -> st.SearchStrategy[Programme]:
    """Whole programmes, every reference resolving, with up to ``max_items`` of each
    kind of thing (organisations, subprojects, milestones, decisions …)."""
    return _composite(_draw_programme)(max_items)
