"""Hypothesis strategies for every type of the domain model.

Every strategy generates valid objects: ids follow :data:`omstilling.model.ID_PATTERN`,
dates are real dates (also partial ones), money is exact, and :func:`programmes`
generates programmes whose references all resolve. Use them in your own tests::

    from hypothesis import given
    from omstilling.testing import strategies as ost

    @given(ost.programmes())
    def test_my_export_never_fails(programme):
        my_export(programme)

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs
from hypothesis import strategies as st

from ..model import (
    DEFAULT_DIMENSIONS,
    Activity,
    AreaKind,
    Body,
    BodyKind,
    Cadence,
    CaseReference,
    DateRange,
    Decision,
    DecisionItem,
    DecisionKind,
    DecisionSubitem,
    Deliverable,
    DimensionStatus,
    Dissent,
    Document,
    DocumentKind,
    EconomicEffect,
    Evaluation,
    Event,
    EventKind,
    Goal,
    GoalKind,
    Indicator,
    IndicatorValue,
    Language,
    Lesson,
    LessonKind,
    Measure,
    Membership,
    Milestone,
    Money,
    MunicipalityNumber,
    Office,
    OfficeKind,
    Organisation,
    OrganisationKind,
    PartialDate,
    Participant,
    Period,
    PeriodKind,
    Person,
    Phase,
    Programme,
    ProjectArea,
    Rag,
    Role,
    RoleAssignment,
    StaffingEffect,
    Stakeholder,
    StatusEntry,
    Subproject,
    WorkStatus,
)
from ..report import Column, FieldType, Labels, Report, ReportSchema, Section, SectionSchema, Value

if TYPE_CHECKING:
    from ..fillin import Filling

__all__ = [
    "activities",
    "bodies",
    "case_references",
    "date_ranges",
    "decimals",
    "decisions",
    "documents",
    "events",
    "fillings",
    "goals",
    "ids",
    "indicators",
    "measures",
    "milestones",
    "money",
    "organisation_numbers",
    "organisations",
    "partial_dates",
    "people",
    "periods",
    "programmes",
    "report_schemas",
    "reports",
    "status_entries",
    "subprojects",
    "texts",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

# Strategies are built once and reused: building a strategy costs more than drawing
# from it, so the building blocks are cached and whole objects are drawn by plain
# functions that take ``draw``.

_NORWEGIAN = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 .,;:-–()/%§'\"\n"
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Identifiers: lower-case ASCII letters, digits, ``.``, ``_`` and ``-``."""
    return st.builds(
        operator.add,
        st.sampled_from(_ID_CHARS),
        st.text(alphabet=_ID_CHARS + "._-", max_size=15),
    )


@functools.cache
def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text, mostly Norwegian letters (æøå) and punctuation, sometimes any
    printable Unicode."""
    norwegian = st.text(alphabet=_NORWEGIAN, min_size=1, max_size=max_size)
    anything = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=max_size,
    )
    return st.one_of(norwegian, anything).filter(lambda s: s.strip() != "")


@functools.cache
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _opt(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    return draw(_maybe(strategy))


def _text(draw: st.DrawFn, max_size: int = 40) -> str | None:
    return draw(_maybe(texts(max_size=max_size)))


@functools.cache
def _pick_strategy(pool: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return _maybe(st.sampled_from(pool)) if pool else st.none()


def _ref(draw: st.DrawFn, pool: Sequence[str]) -> str | None:
    return draw(_pick_strategy(tuple(pool)))


@functools.cache
def _subset_strategy(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[list[str]]:
    if not pool:
        return st.just([])
    return st.lists(st.sampled_from(pool), max_size=max_size, unique=True)


def _refs(draw: st.DrawFn, pool: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    return tuple(draw(_subset_strategy(tuple(pool), max_size)))


def _many(draw: st.DrawFn, strategy: st.SearchStrategy[T], max_size: int = 3) -> tuple[T, ...]:
    return tuple(draw(st.lists(strategy, max_size=max_size)))


def _enum(draw: st.DrawFn, cls: type[E]) -> E:
    member: E = draw(st.sampled_from(cls))
    return member


@functools.cache
def _composite(fn: Callable[..., T]) -> Callable[..., st.SearchStrategy[T]]:
    """A strategy factory from a function ``fn(draw, *args, **kwargs)``."""
    return st.composite(fn)


# --- values --------------------------------------------------------------------------


@functools.cache
def partial_dates(min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[PartialDate]:
    """Dates known to the day, the month or only the year."""
    days = st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
    return st.one_of(
        days.map(PartialDate.from_date),
        days.map(lambda d: PartialDate(d.year, d.month)),
        days.map(lambda d: PartialDate(d.year)),
    )


def _draw_period(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    kind = _enum(draw, PeriodKind)
    return Period(draw(st.integers(min_year, max_year)), kind, draw(st.integers(1, kind.parts)))


@functools.cache
def periods(min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[Period]:
    """Years, half-years, tertials and quarters."""
    return _composite(_draw_period)(min_year, max_year)


def _draw_date_range(draw: st.DrawFn) -> DateRange:
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end.last_day() < start.first_day():
        start, end = end, start
    if start is not None and end is not None and end.last_day() < start.first_day():
        end = None  # a day inside a month that starts after it
    return DateRange(start=start, end=end, text=_text(draw))


@functools.cache
def date_ranges() -> st.SearchStrategy[DateRange]:
    """Date ranges whose end, if any, is not before their start."""
    return _composite(_draw_date_range)()


@functools.cache
def decimals(places: int = 2, max_value: int = 10**12) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` decimal places, now and then a very
    large or very small one (down to 1E-30 and up to 1E+30, what a file may hold)."""
    usual = st.decimals(min_value=-max_value, max_value=max_value, places=places, allow_nan=False)
    extreme = st.builds(
        lambda sign, digits, exponent: Decimal((sign, digits, exponent)).normalize(),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=5).map(tuple),
        st.integers(-30, 25),
    )
    return st.one_of(usual, usual, usual, extreme)


@functools.cache
def money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Amounts exact to the øre, mostly in NOK (always in ``currency`` if given), now
    and then a very large one."""
    currencies = st.just(currency) if currency else st.sampled_from(["NOK", "NOK", "EUR", "SEK"])
    ore = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
    large = st.integers(-(10**30), 10**30).map(Decimal)
    return st.builds(Money, st.one_of(ore, ore, large), currencies)


def _with_check_digit(digits: str) -> str | None:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 11:
        check = 0
    return None if check == 10 else digits + str(check)


@functools.cache
def organisation_numbers() -> st.SearchStrategy[str]:
    """Valid 9-digit organisation numbers (mod-11 check digit)."""
    eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)
    return eight_digits.map(_with_check_digit).filter(bool).map(str)


def _draw_case_reference(draw: st.DrawFn) -> CaseReference:
    has_case, has_meeting = draw(st.booleans()), draw(st.booleans())
    archive_code = _opt(draw, st.sampled_from(["K1-034", "032.0", "411", "A10", "F03-&14"]))
    raw = _text(draw)
    if not (has_case or has_meeting or archive_code or raw):
        raw = "12/1728"
    return CaseReference(
        raw=raw,
        case_year=draw(st.integers(1950, 2040)) if has_case else None,
        case_sequence=draw(st.integers(1, 99999)) if has_case else None,
        document_number=_opt(draw, st.integers(1, 500)) if has_case else None,
        meeting_body=_opt(draw, st.sampled_from(["KST", "FSK", "PS", "BU"]))
        if has_meeting
        else None,
        meeting_case_number=draw(st.integers(1, 999)) if has_meeting else None,
        meeting_case_year=draw(st.integers(1950, 2040)) if has_meeting else None,
        archive_code=archive_code,
    )


@functools.cache
def case_references() -> st.SearchStrategy[CaseReference]:
    """Case references with an archive case, a meeting case, an archive code or raw text."""
    return _composite(_draw_case_reference)()


# --- organisations and people --------------------------------------------------------


def _draw_municipality_numbers(draw: st.DrawFn) -> tuple[MunicipalityNumber, ...]:
    years = sorted(draw(st.lists(st.integers(1838, 2040), max_size=3, unique=True)))
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
        name=draw(texts()),
        kind=_enum(draw, OfficeKind),
        municipality=_ref(draw, pool),
        days_open_per_week=_opt(draw, st.integers(0, 7)),
    )


def _draw_organisation(
    draw: st.DrawFn,
    own: str | None,
    pool: Sequence[str],
    parents: Sequence[str] | None = None,
) -> Organisation:
    own = own or draw(ids())
    others = [o for o in pool if o != own]
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
        name=draw(texts()),
        kind=kind,
        short_name=_text(draw, 10),
        other_names=_many(draw, texts(), 2),
        municipality_numbers=_draw_municipality_numbers(draw),
        organisation_number=_opt(draw, organisation_numbers()),
        parent=_ref(draw, others if parents is None else parents),
        members=members,
        host=host,
        offices=tuple(_draw_office(draw, pool) for _ in range(draw(st.integers(0, 2)))),
        website=_text(draw),
        note=_text(draw),
    )


def organisations(
    organisation_id: str | None = None, pool: Sequence[str] = ()
) -> st.SearchStrategy[Organisation]:
    """Organisations of every kind; references (parent, members, host) come from
    ``pool``. An inter-municipal cooperation is generated only when ``pool`` holds at
    least two other organisations, and its cost shares sum to 100."""
    return _composite(_draw_organisation)(organisation_id, tuple(pool))


def _draw_person(draw: st.DrawFn, own: str | None, organisations: Sequence[str]) -> Person:
    return Person(
        id=own or draw(ids()),
        name=draw(texts()),
        title=_text(draw),
        organisation=_ref(draw, organisations),
        email=_text(draw),
    )


def people(
    person_id: str | None = None, organisations: Sequence[str] = ()
) -> st.SearchStrategy[Person]:
    """People, belonging to one of ``organisations`` or to none."""
    return _composite(_draw_person)(person_id, tuple(organisations))


def _draw_body(draw: st.DrawFn, own: str | None, organisations: Sequence[str]) -> Body:
    return Body(
        id=own or draw(ids()),
        name=draw(texts()),
        kind=_enum(draw, BodyKind),
        organisation=_ref(draw, organisations),
        description=_text(draw),
    )


def bodies(
    body_id: str | None = None, organisations: Sequence[str] = ()
) -> st.SearchStrategy[Body]:
    """Councils, committees, steering groups and the like."""
    return _composite(_draw_body)(body_id, tuple(organisations))


# --- plans ---------------------------------------------------------------------------


def _draw_goal(
    draw: st.DrawFn,
    own: str | None,
    areas: Sequence[str],
    phases: Sequence[str],
    indicators: Sequence[str],
) -> Goal:
    return Goal(
        id=own or draw(ids()),
        kind=_enum(draw, GoalKind),
        text=draw(texts()),
        area=_ref(draw, areas),
        phase=_ref(draw, phases),
        indicator=_ref(draw, indicators),
    )


def goals(
    goal_id: str | None = None,
    areas: Sequence[str] = (),
    phases: Sequence[str] = (),
    indicators: Sequence[str] = (),
) -> st.SearchStrategy[Goal]:
    """Goals of every kind, referring to the given areas, phases and indicators."""
    return _composite(_draw_goal)(goal_id, tuple(areas), tuple(phases), tuple(indicators))


def _draw_subproject(draw: st.DrawFn, own: str | None, pools: _Pools) -> Subproject:
    return Subproject(
        id=own or draw(ids()),
        name=draw(texts()),
        code=_opt(draw, st.sampled_from(["1", "2", "3", "10", "4a"])),
        area=_ref(draw, pools.areas),
        other_areas=_refs(draw, pools.areas),
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


def _draw_milestone(draw: st.DrawFn, own: str | None, pools: _Pools) -> Milestone:
    done = draw(st.booleans())
    return Milestone(
        id=own or draw(ids()),
        title=draw(texts()),
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


def _draw_activity(draw: st.DrawFn, own: str | None, pools: _Pools) -> Activity:
    return Activity(
        id=own or draw(ids()),
        activity=draw(texts()),
        number=_opt(draw, st.integers(1, 999).map(str)),
        phase=_ref(draw, pools.phases),
        subproject=_ref(draw, pools.subprojects),
        time=_text(draw),
        due=_opt(draw, partial_dates()),
        responsible=_text(draw),
        done=_opt(draw, st.booleans()),
        comments=_text(draw),
    )


# --- decisions and measures ----------------------------------------------------------

_ITEM_LABELS = st.sampled_from([*"abcdefghij", *map(str, range(1, 15))])


def _draw_decision(draw: st.DrawFn, own: str | None, pools: _Pools) -> Decision:
    groups = draw(st.lists(_maybe(texts(max_size=15)), min_size=1, max_size=2, unique=True))
    items = []
    for group in groups:
        for label in draw(st.lists(_ITEM_LABELS, max_size=3, unique=True)):
            items.append(
                DecisionItem(
                    label=label,
                    text=draw(texts(max_size=120)),
                    group=group,
                    kind=_opt(draw, st.sampled_from(DecisionKind)),
                    subitems=tuple(
                        DecisionSubitem(label=sub, text=draw(texts()))
                        for sub in draw(st.lists(_ITEM_LABELS, max_size=2, unique=True))
                    ),
                    measures=_refs(draw, pools.measures),
                    milestones=_refs(draw, pools.milestones),
                )
            )
    labels = tuple(dict.fromkeys(item.label for item in items))
    dissents = tuple(
        Dissent(
            by=draw(texts()),
            concerning=draw(texts()),
            person=_ref(draw, pools.people),
            role=_text(draw),
            organisation=_ref(draw, pools.organisations),
            items=_refs(draw, labels, 2),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Decision(
        id=own or draw(ids()),
        title=draw(texts()),
        body=draw(st.sampled_from(pools.bodies)),
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


def _draw_measure(draw: st.DrawFn, own: str | None, pools: _Pools) -> Measure:
    amounts = _maybe(money(draw(st.sampled_from(["NOK", "NOK", "EUR"]))))
    effects = tuple(
        EconomicEffect(period=p, target=draw(amounts), realised=draw(amounts), note=_text(draw))
        for p in draw(st.lists(periods(), max_size=3, unique=True))
    )
    staffing = None
    if draw(st.booleans()):
        staffing = StaffingEffect(
            positions=_opt(draw, decimals(1, 10_000)),
            fte=_opt(draw, decimals(2, 10_000)),
            share_percent=_opt(draw, decimals(1, 100)),
            note=_text(draw),
        )
    return Measure(
        id=own or draw(ids()),
        title=draw(texts()),
        description=_text(draw, 200),
        area=_ref(draw, pools.areas),
        subproject=_ref(draw, pools.subprojects),
        participant=_ref(draw, pools.participants),
        phase=_ref(draw, pools.phases),
        priority=_opt(draw, st.integers(1, 50)),
        responsible=_text(draw),
        status=_opt(draw, st.sampled_from(WorkStatus)),
        economic_effects=effects,
        staffing_effect=staffing,
        decisions=_refs(draw, pools.decisions),
    )


def _draw_indicator(draw: st.DrawFn, own: str | None, participants: Sequence[str]) -> Indicator:
    return Indicator(
        id=own or draw(ids()),
        name=draw(texts()),
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
    indicator_id: str | None = None, *, participants: Sequence[str] = ()
) -> st.SearchStrategy[Indicator]:
    """Indicators with at most one value per period."""
    return _composite(_draw_indicator)(indicator_id, tuple(participants))


# --- events, status, documents -------------------------------------------------------


def _draw_event(draw: st.DrawFn, own: str | None, pools: _Pools) -> Event:
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end < start:
        start, end = end, start
    return Event(
        id=own or draw(ids()),
        kind=_enum(draw, EventKind),
        title=draw(texts()),
        start=start,
        end=end,
        when=_text(draw),
        period=_opt(draw, periods()),
        place=_text(draw),
        participants=_refs(draw, pools.participants),
        organisations=_refs(draw, pools.organisations),
        people=_refs(draw, pools.people),
        audience=_text(draw),
        focus=_many(draw, texts()),
        description=_text(draw, 200),
        count=_opt(draw, st.integers(1, 50)),
    )


def _draw_status_entry(
    draw: st.DrawFn,
    period: Period | None,
    participant: str | None,
    subproject: str | None,
    dimensions: Sequence[str],
) -> StatusEntry:
    if participant is None and subproject is None:
        participant = draw(ids())
    chosen = draw(st.lists(st.sampled_from(dimensions), unique=True)) if dimensions else []
    return StatusEntry(
        period=period or draw(periods()),
        participant=participant,
        subproject=subproject,
        reported_on=_opt(draw, partial_dates()),
        source=_text(draw),
        overall=_opt(draw, st.sampled_from(Rag)),
        dimensions=tuple(
            DimensionStatus(dimension=d, rag=_enum(draw, Rag), comment=_text(draw)) for d in chosen
        ),
        narrative=_text(draw, 300),
        steering_group_meetings=_opt(draw, st.integers(0, 30)),
        next_steps=_many(draw, texts()),
        risks=_many(draw, texts()),
    )


def status_entries(
    *,
    period: Period | None = None,
    participant: str | None = None,
    subproject: str | None = None,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
) -> st.SearchStrategy[StatusEntry]:
    """Status entries with at most one RAG per dimension. Without ``participant``
    and ``subproject`` the entry belongs to a generated participant id."""
    return _composite(_draw_status_entry)(period, participant, subproject, tuple(dimensions))


def _draw_document(draw: st.DrawFn, own: str | None, pools: _Pools) -> Document:
    return Document(
        id=own or draw(ids()),
        title=draw(texts()),
        kind=_enum(draw, DocumentKind),
        date=_opt(draw, partial_dates()),
        url=_text(draw),
        author=_ref(draw, pools.organisations),
        recipient=_ref(draw, pools.organisations),
        copies_to=_refs(draw, pools.organisations),
        signed_by=_ref(draw, pools.people),
        case_officer=_ref(draw, pools.people),
        our_ref=_opt(draw, case_references()),
        their_ref=_opt(draw, case_references()),
        received=_opt(draw, partial_dates()),
        received_ref=_opt(draw, case_references()),
        summary=_text(draw),
    )


# --- whole programmes ----------------------------------------------------------------


@attrs.frozen
class _Pools:
    """The ids each kind of reference may point at."""

    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    subprojects: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


def _pools(**kwargs: Sequence[str]) -> _Pools:
    return _Pools(**{key: tuple(value) for key, value in kwargs.items()})


def subprojects(
    subproject_id: str | None = None,
    *,
    areas: Sequence[str] = (),
    participants: Sequence[str] = (),
    people: Sequence[str] = (),
    bodies: Sequence[str] = (),
    goals: Sequence[str] = (),
) -> st.SearchStrategy[Subproject]:
    """Subprojects whose references come from the given pools."""
    pools = _pools(
        areas=areas, participants=participants, people=people, bodies=bodies, goals=goals
    )
    return _composite(_draw_subproject)(subproject_id, pools)


def milestones(
    milestone_id: str | None = None,
    *,
    subprojects: Sequence[str] = (),
    participants: Sequence[str] = (),
    phases: Sequence[str] = (),
) -> st.SearchStrategy[Milestone]:
    """Milestones; ``done_on`` is set only on done ones."""
    pools = _pools(subprojects=subprojects, participants=participants, phases=phases)
    return _composite(_draw_milestone)(milestone_id, pools)


def activities(
    activity_id: str | None = None,
    *,
    phases: Sequence[str] = (),
    subprojects: Sequence[str] = (),
) -> st.SearchStrategy[Activity]:
    """Progress-plan rows."""
    return _composite(_draw_activity)(activity_id, _pools(phases=phases, subprojects=subprojects))


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
) -> st.SearchStrategy[Decision]:
    """Decisions by one of ``bodies`` (which must not be empty), with items whose
    labels are unique within their group."""
    pools = _pools(
        bodies=bodies,
        participants=participants,
        measures=measures,
        milestones=milestones,
        people=people,
        organisations=organisations,
        documents=documents,
    )
    return _composite(_draw_decision)(decision_id, pools)


def measures(
    measure_id: str | None = None,
    *,
    areas: Sequence[str] = (),
    subprojects: Sequence[str] = (),
    participants: Sequence[str] = (),
    phases: Sequence[str] = (),
    decisions: Sequence[str] = (),
) -> st.SearchStrategy[Measure]:
    """Measures with economic effects in one currency, one per period."""
    pools = _pools(
        areas=areas,
        subprojects=subprojects,
        participants=participants,
        phases=phases,
        decisions=decisions,
    )
    return _composite(_draw_measure)(measure_id, pools)


def events(
    event_id: str | None = None,
    *,
    participants: Sequence[str] = (),
    organisations: Sequence[str] = (),
    people: Sequence[str] = (),
) -> st.SearchStrategy[Event]:
    """Visits, gatherings, meetings and seminars; the end is never before the start."""
    pools = _pools(participants=participants, organisations=organisations, people=people)
    return _composite(_draw_event)(event_id, pools)


def documents(
    document_id: str | None = None,
    *,
    organisations: Sequence[str] = (),
    people: Sequence[str] = (),
) -> st.SearchStrategy[Document]:
    """Documents and links, with letter metadata now and then."""
    return _composite(_draw_document)(
        document_id, _pools(organisations=organisations, people=people)
    )


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


def _unique_ids(draw: st.DrawFn, max_size: int, min_size: int = 0) -> tuple[str, ...]:
    return tuple(draw(st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)))


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


# --- reports -------------------------------------------------------------------------


def _draw_value(draw: st.DrawFn, field_type: FieldType) -> Value:
    if field_type is FieldType.TEXT:
        return draw(texts())
    if field_type is FieldType.PARAGRAPHS:
        return draw(texts(max_size=300))
    if field_type is FieldType.TEXT_LIST:
        return tuple(draw(st.lists(texts(), max_size=3)))
    if field_type is FieldType.INTEGER:
        return draw(st.integers(-(10**9), 10**9))
    if field_type is FieldType.DECIMAL:
        return draw(decimals())
    if field_type is FieldType.MONEY:
        return draw(money())
    if field_type is FieldType.DATE:
        return draw(partial_dates())
    if field_type is FieldType.PERIOD:
        return draw(periods())
    if field_type is FieldType.RAG:
        return _enum(draw, Rag)
    return draw(st.booleans())


def _draw_values(draw: st.DrawFn, columns: tuple[Column, ...]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for column in columns:
        if column.required or draw(st.booleans()):
            values[column.key] = _draw_value(draw, column.type)
    return values


def _draw_report(draw: st.DrawFn, schema: ReportSchema | None) -> Report:
    if schema is None:
        schema = draw(report_schemas())
    sections = []
    for section in schema.sections:
        for _ in range(draw(st.integers(0, 3 if section.repeat else 1))):
            sections.append(
                Section(
                    key=section.key,
                    title=_text(draw) if section.repeat else None,
                    values=_draw_values(draw, section.fields),
                    rows=tuple(
                        _draw_values(draw, section.columns)
                        for _ in range(draw(st.integers(0, 4)) if section.columns else 0)
                    ),
                    note=_text(draw),
                )
            )
    return Report(
        schema=schema,
        language=_enum(draw, Language),
        title=draw(texts()),
        programme=draw(ids()),
        participant=_opt(draw, ids()),
        period=_opt(draw, periods()),
        published=_opt(draw, partial_dates()),
        sections=tuple(sections),
    )


def reports(schema: ReportSchema | None = None) -> st.SearchStrategy[Report]:
    """Reports of ``schema`` (of a generated schema if ``None``) with values of every
    type the schema's fields and columns have; required values are always there."""
    return _composite(_draw_report)(schema)


def _draw_labels(draw: st.DrawFn) -> Labels:
    return Labels(draw(texts()), _text(draw), _text(draw))


def _draw_columns(draw: st.DrawFn, max_size: int) -> tuple[Column, ...]:
    return tuple(
        Column(
            key=key,
            type=_enum(draw, FieldType),
            label=_draw_labels(draw),
            required=draw(st.booleans()),
        )
        for key in _unique_ids(draw, max_size)
    )


def _draw_report_schema(draw: st.DrawFn) -> ReportSchema:
    return ReportSchema(
        id=draw(ids()),
        version=draw(st.integers(1, 5)),
        title=_draw_labels(draw),
        sections=tuple(
            SectionSchema(
                key=key,
                title=_draw_labels(draw),
                fields=_draw_columns(draw, 4),
                columns=_draw_columns(draw, 5),
                level=draw(st.integers(1, 4)),
                repeat=draw(st.booleans()),
                description=_opt(draw, _composite(_draw_labels)()),
            )
            for key in _unique_ids(draw, 4, min_size=1)
        ),
        based_on=_opt(draw, ids()),
    )


@functools.cache
def report_schemas() -> st.SearchStrategy[ReportSchema]:
    """Report schemas with sections of fields and columns of every type."""
    return _composite(_draw_report_schema)()


def fillings(programme: Programme, participant: str, period: Period) -> st.SearchStrategy[Filling]:
    """Valid fillings of the fill-in workbook for ``participant`` and ``period`` of
    ``programme`` (see :mod:`omstilling.fillin`): every input cell empty or holding a
    value of its kind. Write one into a workbook with
    :func:`omstilling.testing.fill_workbook`.

    .. versionadded:: 0.1
    """
    from ._fillin import fillings as _fillings

    return _fillings(programme, participant, period)
