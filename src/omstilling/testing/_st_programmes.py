"""Strategies for whole programmes, every reference resolving."""

from __future__ import annotations

import functools
from typing import Any

import attrs
from hypothesis import strategies as st

from ..model import (
    DEFAULT_DIMENSIONS,
    BudgetLine,
    Cadence,
    Language,
    Organisation,
    Period,
    Programme,
)
from ._st_base import (
    _draw_id,
    _enum,
    _many,
    _opt,
    _Pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    _unique_ids,
    ids,
    texts,
)
from ._st_decisions import _draw_decision, _draw_indicator, _draw_measure
from ._st_events import _draw_document, _draw_event, _draw_status_entry
from ._st_organisation import _draw_body, _draw_organisation, _draw_person
from ._st_parts import (
    _draw_evaluation,
    _draw_lesson,
    _draw_participant,
    _draw_phase,
    _draw_project_area,
    _draw_role,
    _draw_stakeholder,
)
from ._st_plans import _draw_activity, _draw_goal, _draw_milestone, _draw_subproject
from ._st_steering import _draw_benefit, _draw_budget_line, _draw_deviation, _draw_risk
from ._st_values import date_ranges, periods

_FIELDS = tuple(field.name for field in attrs.fields(Programme))

# The collections other parts refer to, and the pool their ids go into.
_POOLED = {
    "organisations": "organisations",
    "people": "people",
    "bodies": "bodies",
    "phases": "phases",
    "project_areas": "areas",
    "goals": "goals",
    "subprojects": "subprojects",
    "milestones": "milestones",
    "decisions": "decisions",
    "measures": "measures",
    "indicators": "indicators",
    "documents": "documents",
}


def _draw_status_keys(
    draw: st.DrawFn, pools: _Pools, n: int
) -> list[tuple[str | None, str | None, Period]]:
    keys: list[tuple[str | None, str | None, Period]] = []
    if not (pools.participants or pools.subprojects):
        return keys
    for _ in range(draw(st.integers(0, n))):
        participant = _ref(draw, pools.participants)
        subproject = _ref(draw, pools.subprojects) if participant else None
        if participant is None and subproject is None:
            subproject = draw(st.sampled_from(pools.subprojects or (None,)))
            participant = None if subproject else draw(st.sampled_from(pools.participants))
        key = (participant, subproject, draw(periods()))
        if key not in keys:
            keys.append(key)
    return keys


def _draw_programme(
    draw: st.DrawFn, max_items: int, overrides: tuple[tuple[str, st.SearchStrategy[Any]], ...]
) -> Programme:
    n = max_items
    given = {name: draw(strategy) for name, strategy in overrides}
    pool_ids: dict[str, tuple[str, ...]] = {}
    for name, pool in _POOLED.items():
        if name in given:
            pool_ids[pool] = tuple(item.id for item in given[name])
    if "organisations" not in pool_ids:
        pool_ids["organisations"] = _unique_ids(draw, n + 1, min_size=1)
    org_ids = pool_ids["organisations"]
    for pool in ("people", "bodies", "phases", "areas", "goals", "subprojects", "milestones"):
        pool_ids.setdefault(pool, _unique_ids(draw, n))
    for pool in ("measures", "indicators", "documents"):
        pool_ids.setdefault(pool, _unique_ids(draw, n))
    if "decisions" not in pool_ids:
        pool_ids["decisions"] = _unique_ids(draw, n) if pool_ids["bodies"] else ()
    if "participants" in given:
        participants = tuple(p.organisation for p in given["participants"])
    else:
        participants = tuple(
            draw(st.lists(st.sampled_from(org_ids), max_size=n, unique=True)) if org_ids else []
        )
    pools = _Pools(participants=participants, **pool_ids)
    if "status_dimensions" in given:
        dimensions = tuple(given["status_dimensions"])
    else:
        dimensions = draw(
            st.one_of(
                st.just(DEFAULT_DIMENSIONS),
                st.lists(ids(), min_size=1, max_size=4, unique=True).map(tuple),
            )
        )

    def make(name: str) -> Any:
        if name in given:
            return given[name]
        if name == "id":
            return _draw_id(draw)
        if name == "name":
            return _required_text(draw)
        if name == "owner":  # an organisation, or a body (a merger's joint committee)
            owners = org_ids + pools.bodies
            return draw(st.sampled_from(owners)) if owners else _draw_id(draw)
        if name == "language":
            return _enum(draw, Language)
        if name in ("description", "background", "mandate"):
            return _text(draw, 200)
        if name == "target_group":
            return _text(draw)
        if name == "period":
            return _opt(draw, date_ranges())
        if name == "cadence":
            return _opt(draw, st.sampled_from(Cadence))
        if name == "status_dimensions":
            return dimensions
        if name == "evaluation":
            return _draw_evaluation(draw, org_ids) if draw(st.booleans()) else None
        if name in ("success_factors", "legal_basis"):
            return _many(draw, texts())
        if name == "lessons":
            return tuple(_draw_lesson(draw) for _ in range(draw(st.integers(0, 3))))
        if name == "economy":
            return _draw_economy(draw, pools, n, made.get("organisations", ()))
        if name == "status_entries":
            return tuple(
                _draw_status_entry(draw, period, participant, subproject, dimensions)
                for participant, subproject, period in _draw_status_keys(draw, pools, n)
            )
        return _collection(draw, name, pools, n)

    made: dict[str, Any] = {}
    for name in _FIELDS:
        made[name] = make(name)
    return Programme(**made)


def _draw_successions(
    draw: st.DrawFn, org_ids: tuple[str, ...]
) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Each organisation's successor and predecessors, in agreement: in an order of
    succession drawn at random, an organisation's successor comes after it, and its
    predecessors come before it and name it as their successor or name none."""
    order: list[str] = draw(st.permutations(org_ids))
    successor = {o: _ref(draw, order[index + 1 :]) for index, o in enumerate(order)}
    return {
        o: (
            successor[o],
            _refs(draw, [old for old in order[:index] if successor[old] in (o, None)]),
        )
        for index, o in enumerate(order)
    }


def _draw_economy(
    draw: st.DrawFn, pools: _Pools, n: int, organisations: tuple[Organisation, ...]
) -> tuple[BudgetLine, ...]:
    """Lines of the programme's economy; a cooperation whose members have cost
    shares is often the organisation of a line, and some lines have an id."""
    cooperations = tuple(o.id for o in organisations if any(m.cost_share for m in o.members))
    line_ids = _unique_ids(draw, n)
    count = draw(st.integers(0, n))
    return tuple(
        _draw_budget_line(
            draw,
            line_ids[index] if index < len(line_ids) else None,
            pools,
            cooperations,
        )
        for index in range(count)
    )


def _collection(draw: st.DrawFn, name: str, pools: _Pools, n: int) -> tuple[Any, ...]:
    org_ids = pools.organisations
    if name == "organisations":
        # parents come from earlier organisations only, so they never form a cycle
        successions = _draw_successions(draw, org_ids)
        return tuple(
            _draw_organisation(draw, o, org_ids, org_ids[:index], successions[o])
            for index, o in enumerate(org_ids)
        )
    if name == "people":
        return tuple(_draw_person(draw, p, org_ids) for p in pools.people)
    if name == "participants":
        return tuple(_draw_participant(draw, p) for p in pools.participants)
    if name == "stakeholders":
        return tuple(_draw_stakeholder(draw, o) for o in _refs(draw, org_ids, 2))
    if name == "bodies":
        return tuple(_draw_body(draw, b, org_ids) for b in pools.bodies)
    if name == "roles":
        return tuple(_draw_role(draw, pools) for _ in range(draw(st.integers(0, n))))
    if name == "phases":
        return tuple(_draw_phase(draw, p) for p in pools.phases)
    if name == "project_areas":
        return tuple(_draw_project_area(draw, a, pools.phases) for a in pools.areas)
    if name == "goals":
        return tuple(
            _draw_goal(draw, g, pools.areas, pools.phases, pools.indicators) for g in pools.goals
        )
    if name == "subprojects":
        # parents come before their children in an order drawn at random (not
        # necessarily the programme's), so they never form a cycle
        order: list[str] = draw(st.permutations(pools.subprojects))
        return tuple(
            _draw_subproject(draw, s, pools, order[: order.index(s)]) for s in pools.subprojects
        )
    if name == "milestones":
        return tuple(_draw_milestone(draw, m, pools) for m in pools.milestones)
    if name == "activities":
        return tuple(_draw_activity(draw, a, pools) for a in _unique_ids(draw, n))
    if name == "decisions":
        return tuple(_draw_decision(draw, d, pools) for d in pools.decisions)
    if name == "measures":
        return tuple(_draw_measure(draw, m, pools) for m in pools.measures)
    if name == "indicators":
        return tuple(_draw_indicator(draw, i, pools.participants) for i in pools.indicators)
    if name == "events":
        return tuple(_draw_event(draw, e, pools) for e in _unique_ids(draw, n))
    if name == "documents":
        return tuple(_draw_document(draw, d, pools) for d in pools.documents)
    if name == "risks":
        return tuple(_draw_risk(draw, r, pools) for r in _unique_ids(draw, n))
    if name == "deviations":
        return tuple(_draw_deviation(draw, d, pools) for d in _unique_ids(draw, n))
    if name == "benefits":
        return tuple(_draw_benefit(draw, b, pools) for b in _unique_ids(draw, n))
    msg = f"no strategy for the programme field {name!r}"  # pragma: no cover - a new field
    raise AssertionError(msg)


@functools.cache
def _programmes(
    max_items: int,
    realistic: bool | None,
    overrides: tuple[tuple[str, st.SearchStrategy[Any]], ...],
) -> st.SearchStrategy[Programme]:
    return _styled(_draw_programme)(realistic, max_items, overrides)


def programmes(
    *,
    max_items: int = 3,
    realistic: bool | None = None,
    **overrides: st.SearchStrategy[Any],
) -> st.SearchStrategy[Programme]:
    """Whole programmes, every reference resolving, with up to ``max_items`` of each
    kind of thing (organisations, subprojects, milestones, decisions …).

    Wide by default: text may be empty, blank or hold control characters and any
    Unicode where the model allows it, dates run from year 1000 to 9999, amounts
    from one øre to 1E+30, numbers up to :data:`~omstilling.model.MAX_INTEGER`, and
    any collection may be empty. ``realistic=True`` draws readable values instead:
    Norwegian text, dates from 1990 to 2040, amounts below 10**12.

    Any field of :class:`~omstilling.model.Programme` can be fixed or drawn your
    way by passing a strategy for it::

        programmes(milestones=st.just(()), name=st.just("Stifinneren"))

    The other parts refer only to what the programme holds: references to
    milestones, subprojects, organisations … are drawn from the ids of the
    collections you give. The items you give must have unique ids (draw them with
    ``st.lists(..., unique_by=lambda item: item.id)``) and refer only to what the
    programme holds (a :class:`~omstilling.model.InvalidProgramme` says which do
    not).

    .. versionchanged:: 0.2
       Wide values by default; ``realistic`` and field overrides.
    """
    unknown = sorted(set(overrides) - set(_FIELDS))
    if unknown:
        msg = f"programmes(): not a field of Programme: {', '.join(unknown)}"
        raise TypeError(msg)
    return _programmes(max_items, realistic, tuple(sorted(overrides.items())))
