"""Strategies for organisations, people and bodies."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st

from ..model import (
    Body,
    BodyKind,
    Membership,
    MunicipalityNumber,
    Office,
    OfficeKind,
    Organisation,
    OrganisationKind,
    PartialDate,
    Person,
)
from ._st_base import (
    _draw_id,
    _enum,
    _is_realistic,
    _many,
    _opt,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    texts,
)
from ._st_values import organisation_numbers, partial_dates


def _draw_municipality_numbers(draw: st.DrawFn) -> tuple[MunicipalityNumber, ...]:
    years = sorted(
        draw(
            st.lists(
                st.integers(1838, 2040) if _is_realistic() else st.integers(1000, 9998),
                max_size=3,
                unique=True,
            )
        )
    )
    numbers = []
    for index, year in enumerate(years):
        last = index == len(years) - 1
        numbers.append(
            MunicipalityNumber(
                number=draw(st.text(alphabet="0123456789", min_size=4, max_size=4)),
                valid_from=PartialDate(year, 1, 1) if index or draw(st.booleans()) else None,
                valid_to=None if last else PartialDate(years[index + 1] - 1, 12, 31),
            )
        )
    return tuple(numbers)


def _draw_cost_shares(draw: st.DrawFn, count: int) -> list[Decimal]:
    cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *cuts, 10000]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(bounds)]


def _draw_office(draw: st.DrawFn, pool: Sequence[str]) -> Office:
    return Office(
        name=_required_text(draw),
        kind=_enum(draw, OfficeKind),
        municipality=_ref(draw, pool),
        days_open_per_week=_opt(draw, st.integers(0, 7)),
    )


def _draw_organisation(
    draw: st.DrawFn,
    own: str | None,
    pool: Sequence[str],
    parents: Sequence[str] | None = None,
    succession: tuple[str | None, Sequence[str]] | None = None,
) -> Organisation:
    own = own or _draw_id(draw)
    others = [o for o in pool if o != own]
    if succession is None:
        successor = _ref(draw, others)
        predecessors = _refs(draw, [o for o in others if o != successor])
    else:
        successor, predecessors = succession[0], tuple(succession[1])
    kinds: list[OrganisationKind] = [
        k for k in OrganisationKind if k is not OrganisationKind.INTER_MUNICIPAL
    ]
    if len(others) >= 2:
        kinds.append(OrganisationKind.INTER_MUNICIPAL)
    kind = draw(st.sampled_from(kinds))
    members: tuple[Membership, ...] = ()
    host = None
    if kind is OrganisationKind.INTER_MUNICIPAL:
        chosen = draw(
            st.lists(st.sampled_from(others), min_size=2, max_size=min(4, len(others)), unique=True)
        )
        shares: list[Decimal] | list[None] = (
            _draw_cost_shares(draw, len(chosen)) if draw(st.booleans()) else [None] * len(chosen)
        )
        members = tuple(
            Membership(organisation=o, cost_share=s, note=_text(draw))
            for o, s in zip(chosen, shares, strict=True)
        )
        host = _ref(draw, chosen)
    return Organisation(
        id=own,
        name=_required_text(draw),
        kind=kind,
        short_name=_text(draw, 10),
        other_names=_many(draw, texts(), 2),
        municipality_numbers=_draw_municipality_numbers(draw),
        organisation_number=_opt(draw, organisation_numbers()),
        parent=_ref(draw, others if parents is None else parents),
        members=members,
        host=host,
        offices=tuple(_draw_office(draw, pool) for _ in range(draw(st.integers(0, 2)))),
        predecessors=predecessors,
        successor=successor,
        successor_from=None if successor is None else _opt(draw, partial_dates()),
        website=_text(draw),
        note=_text(draw),
    )


def organisations(
    organisation_id: str | None = None, pool: Sequence[str] = (), *, realistic: bool | None = None
) -> st.SearchStrategy[Organisation]:
    """Organisations of every kind; references (parent, members, host, predecessors
    and successor) come from ``pool``. An inter-municipal cooperation is generated
    only when ``pool`` holds at least two other organisations, and its cost shares
    sum to 100.

    .. versionchanged:: 0.2
       Predecessors, and a successor now and then from a date.
    """
    return _styled(_draw_organisation)(realistic, organisation_id, tuple(pool))


def _draw_person(draw: st.DrawFn, own: str | None, organisations: Sequence[str]) -> Person:
    return Person(
        id=own or _draw_id(draw),
        name=_required_text(draw),
        title=_text(draw),
        organisation=_ref(draw, organisations),
        email=_text(draw),
    )


def people(
    person_id: str | None = None,
    organisations: Sequence[str] = (),
    *,
    realistic: bool | None = None,
) -> st.SearchStrategy[Person]:
    """People, belonging to one of ``organisations`` or to none."""
    return _styled(_draw_person)(realistic, person_id, tuple(organisations))


def _draw_body(draw: st.DrawFn, own: str | None, organisations: Sequence[str]) -> Body:
    return Body(
        id=own or _draw_id(draw),
        name=_required_text(draw),
        kind=_enum(draw, BodyKind),
        organisation=_ref(draw, organisations),
        description=_text(draw),
    )


def bodies(
    body_id: str | None = None, organisations: Sequence[str] = (), *, realistic: bool | None = None
) -> st.SearchStrategy[Body]:
    """Councils, committees, steering groups and the like."""
    return _styled(_draw_body)(realistic, body_id, tuple(organisations))
