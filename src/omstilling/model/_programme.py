"""The programme and everything it holds: governance, plans, decisions, measures,
indicators, events and status."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any, Self

import attrs

from ._organisation import Organisation, Person
from ._time import Cadence, DateRange, PartialDate, Period, ends_before_start
from ._values import (
    Money,
    Rag,
    check_finite,
    check_id,
    check_ids,
    check_optional_id,
    check_text,
    field_validator,
)

__all__ = [
    "Activity",
    "AreaKind",
    "Body",
    "BodyKind",
    "CaseReference",
    "Decision",
    "DecisionItem",
    "DecisionKind",
    "DecisionSubitem",
    "Deliverable",
    "DimensionStatus",
    "Dissent",
    "Document",
    "DocumentKind",
    "EconomicEffect",
    "Evaluation",
    "Event",
    "EventKind",
    "Goal",
    "GoalKind",
    "Indicator",
    "IndicatorValue",
    "Language",
    "Lesson",
    "LessonKind",
    "Measure",
    "Milestone",
    "Participant",
    "Phase",
    "Programme",
    "ProjectArea",
    "Role",
    "RoleAssignment",
    "StaffingEffect",
    "Stakeholder",
    "StatusEntry",
    "Subproject",
    "WorkStatus",
]


@field_validator
def _positive(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 1:
        msg = f"must be 1 or more: {value}"
        raise ValueError(msg)


@field_validator
def _not_negative(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 0:
        msg = f"must not be negative: {value}"
        raise ValueError(msg)


class Language(enum.StrEnum):
    """The written languages of Norwegian public documents, plus English.

    .. versionadded:: 0.1
    """

    NB = "nb"
    """Bokmål."""
    NN = "nn"
    """Nynorsk."""
    EN = "en"
    """English."""


# --- governance ---------------------------------------------------------------------


class BodyKind(enum.StrEnum):
    """What kind of body a :class:`Body` is.

    .. versionadded:: 0.1
    """

    COUNCIL = "council"
    """Kommunestyre or bystyre."""
    EXECUTIVE_COMMITTEE = "executive-committee"
    """Formannskap."""
    COMMITTEE = "committee"
    """A political committee (hovedutvalg, hovedstyre, komité)."""
    DISTRICT_COUNCIL = "district-council"
    """Bydelsutvalg."""
    ADMINISTRATION = "administration"
    """Rådmannen, bydelsdirektøren or their leader group, deciding on delegated authority."""
    ADVISORY_COUNCIL = "advisory-council"
    """Ungdomsråd, råd for funksjonshemmede, eldreråd."""
    STEERING_GROUP = "steering-group"
    PROJECT_GROUP = "project-group"
    WORKING_GROUP = "working-group"
    """Arbeidsgrupper, steg-grupper, delprosjektgrupper."""
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Body:
    """A body that decides, steers or works: a council, a steering group, a project group.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    kind: BodyKind = BodyKind.OTHER
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    description: str | None = None


class Role(enum.StrEnum):
    """A role somebody holds in a programme.

    .. versionadded:: 0.1
    """

    PROJECT_OWNER = "project-owner"
    PROJECT_LEADER = "project-leader"
    COORDINATOR = "coordinator"
    SUBPROJECT_LEADER = "subproject-leader"
    CHAIR = "chair"
    MEMBER = "member"
    SECRETARY = "secretary"
    UNION_REPRESENTATIVE = "union-representative"
    """Tillitsvalgt."""
    SAFETY_REPRESENTATIVE = "safety-representative"
    """Verneombud."""
    CASE_OFFICER = "case-officer"
    """Saksbehandler."""
    CASE_RESPONSIBLE = "case-responsible"
    """Saksansvarlig."""
    ADVISER = "adviser"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class RoleAssignment:
    """Who held a role, where and when.

    The holder is a :class:`Person` (``person``) where the document names one, or a
    description of the position (``holder``: "Rådmann", "Hovedtillitsvalgt for
    Fagforbundet") where it does not. Leaders change: several assignments of the same
    role with ``start`` and ``end`` tell the story.

    .. versionadded:: 0.1
    """

    role: Role
    person: str | None = attrs.field(default=None, validator=check_optional_id)
    holder: str | None = None
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    body: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.person is None and not (self.holder and self.holder.strip()):
            msg = "a role needs a person or a holder description"
            raise ValueError(msg)
        if ends_before_start(self.start, self.end):
            msg = f"ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Participant:
    """An organisation taking part in the programme (a deltakerkommune).

    ``local_name`` is what the participant calls its own part ("Handlingsrom 2007");
    ``reporting_practice`` says how it reports today.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    local_name: str | None = None
    joined: PartialDate | None = None
    left: PartialDate | None = None
    reporting_practice: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Stakeholder:
    """An organisation with a stake in the programme that is not a participant.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    role: str | None = None
    note: str | None = None


# --- goals and structure -------------------------------------------------------------


class GoalKind(enum.StrEnum):
    """Where a goal sits in the goal hierarchy.

    .. versionadded:: 0.1
    """

    MAIN = "main"
    """Hovedmål."""
    EFFECT = "effect"
    """Effektmål, usually one per project area."""
    WORK = "work"
    """Arbeidsmål, usually one per phase."""
    RESULT = "result"
    """Resultatmål."""


@attrs.frozen(kw_only=True)
class Goal:
    """A goal of the programme; effect goals name their area, work goals their phase.

    ``indicator`` names the :class:`Indicator` that measures the goal, if any.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    kind: GoalKind
    text: str = attrs.field(validator=check_text)
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    indicator: str | None = attrs.field(default=None, validator=check_optional_id)


@attrs.frozen(kw_only=True)
class Phase:
    """A phase of the programme (Fase 1: Kartlegging og analyse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    number: int | None = attrs.field(default=None, validator=_positive)
    description: str | None = None
    period: DateRange | None = None


class AreaKind(enum.StrEnum):
    """What an area groups.

    .. versionadded:: 0.1
    """

    PROJECT_AREA = "project-area"
    """Prosjektområde: subprojects are grouped under it."""
    FOCUS_AREA = "focus-area"
    """Innsatsområde: a priority chosen for the work."""


@attrs.frozen(kw_only=True)
class ProjectArea:
    """A project area or focus area.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    kind: AreaKind = AreaKind.PROJECT_AREA
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    description: str | None = None


class WorkStatus(enum.StrEnum):
    """Where a piece of work stands.

    .. versionadded:: 0.1
    """

    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class Subproject:
    """A delprosjekt: numbered within its area, with its own mandate, leader and group.

    ``other_areas`` lists the areas a cross-cutting subproject also involves.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    code: str | None = None
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    other_areas: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    mandate: str | None = None
    description: str | None = None
    leader: str | None = attrs.field(default=None, validator=check_optional_id)
    group: str | None = attrs.field(default=None, validator=check_optional_id)
    effect_goal: str | None = attrs.field(default=None, validator=check_optional_id)
    deadline: PartialDate | None = None
    delivered: PartialDate | None = None
    recommendations: tuple[str, ...] = ()
    status: WorkStatus | None = None


@attrs.frozen(kw_only=True)
class Milestone:
    """A milestone, with the columns of a municipal milestone plan (seed 002).

    The estimated dates are kept as the plan gave them, even where the finish is
    before the start: the validator warns about that but does not refuse it.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    responsible: str | None = None
    estimated_start: PartialDate | None = None
    estimated_finish: PartialDate | None = None
    report_date: PartialDate | None = None
    report_status_text: str | None = None
    done: bool = False
    done_on: PartialDate | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.done_on is not None and not self.done:
            msg = "done_on is set but done is false"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Activity:
    """A row of a progress plan (fremdriftsplan): no., activity, time, responsible,
    done, comments.

    ``time`` keeps the plan's own words ("april/mai 2014"); ``due`` is the date they
    stand for where one can be given.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    activity: str = attrs.field(validator=check_text)
    number: str | None = None
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    time: str | None = None
    due: PartialDate | None = None
    responsible: str | None = None
    done: bool | None = None
    comments: str | None = None


# --- decisions -----------------------------------------------------------------------

_CASE_NUMBER_RE = re.compile(r"^([0-9]{2}|[0-9]{4})/([0-9]+)(?:-([0-9]+))?$")
_NOARK4_RE = re.compile(r"^([0-9]{4})([0-9]{5,6})(?:-([0-9]+))?$")
_MEETING_CASE_RE = re.compile(
    r"^(?:([A-ZÆØÅ][A-Za-zÆØÅæøå]*)[- ]sak\s+)?([0-9]+)/([0-9]{2}|[0-9]{4})$"
)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 50 else 1900 + year
    return year


@attrs.frozen(kw_only=True)
class CaseReference:
    """A case reference in Noark 5 terms, with the raw text it was read from.

    - ``case_year``/``case_sequence``/``document_number``: the archive case
      (saksnummer) "12/1728" or "200600696-2" (document 2 of case 2006/696);
    - ``meeting_body``/``meeting_case_number``/``meeting_case_year``: the case in a
      body's meeting (utvalgssak) "KST-sak 139/12";
    - ``archive_code``: the classification (arkivkode) "K1-034".

    .. versionadded:: 0.1
    """

    raw: str | None = None
    case_year: int | None = None
    case_sequence: int | None = attrs.field(default=None, validator=_positive)
    document_number: int | None = attrs.field(default=None, validator=_positive)
    meeting_body: str | None = None
    meeting_case_number: int | None = attrs.field(default=None, validator=_positive)
    meeting_case_year: int | None = None
    archive_code: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.case_year is None) != (self.case_sequence is None):
            msg = "case_year and case_sequence go together"
            raise ValueError(msg)
        if (self.meeting_case_number is None) != (self.meeting_case_year is None):
            msg = "meeting_case_number and meeting_case_year go together"
            raise ValueError(msg)
        if self.document_number is not None and self.case_sequence is None:
            msg = "a document number needs a case number"
            raise ValueError(msg)
        for year in (self.case_year, self.meeting_case_year):
            if year is not None and not 1900 <= year <= 2999:
                msg = f"not a year: {year}"
                raise ValueError(msg)
        if all(
            v is None
            for v in (self.raw, self.case_sequence, self.meeting_case_number, self.archive_code)
        ):
            msg = (
                "a case reference needs a case number, a meeting case, an archive code or raw text"
            )
            raise ValueError(msg)

    @classmethod
    def parse_case_number(cls, text: str, *, archive_code: str | None = None) -> Self:
        """Parse an archive case number: ``"12/1728"``, ``"2012/1728-3"`` or the older
        run-together form ``"200600696-2"``."""
        stripped = text.strip()
        match = _CASE_NUMBER_RE.match(stripped) or _NOARK4_RE.match(stripped)
        if match is None:
            msg = f"not a case number (12/1728, 2012/1728-3, 200600696-2): {text!r}"
            raise ValueError(msg)
        year, sequence, document = match.groups()
        return cls(
            raw=stripped,
            case_year=_full_year(year),
            case_sequence=int(sequence),
            document_number=None if document is None else int(document),
            archive_code=archive_code,
        )

    @classmethod
    def parse_meeting_case(cls, text: str) -> Self:
        """Parse a meeting case: ``"KST-sak 139/12"`` or ``"139/12"``."""
        stripped = text.strip()
        match = _MEETING_CASE_RE.match(stripped)
        if match is None:
            msg = f"not a meeting case (KST-sak 139/12): {text!r}"
            raise ValueError(msg)
        body, number, year = match.groups()
        return cls(
            raw=stripped,
            meeting_body=body,
            meeting_case_number=int(number),
            meeting_case_year=_full_year(year),
        )

    @property
    def case_number(self) -> str | None:
        """The archive case number written the Noark 5 way: ``"2012/1728"``."""
        if self.case_year is None or self.case_sequence is None:
            return None
        number = f"{self.case_year}/{self.case_sequence}"
        if self.document_number is not None:
            number += f"-{self.document_number}"
        return number

    @property
    def meeting_case(self) -> str | None:
        """The meeting case written the usual way: ``"KST-sak 139/12"``."""
        if self.meeting_case_number is None or self.meeting_case_year is None:
            return None
        case = f"{self.meeting_case_number}/{self.meeting_case_year % 100:02d}"
        return f"{self.meeting_body}-sak {case}" if self.meeting_body else case


class DecisionKind(enum.StrEnum):
    """How a decision was made, or what a decision item does.

    .. versionadded:: 0.1
    """

    POLITICAL = "political"
    """Decided by an elected body."""
    DELEGATED = "delegated"
    """Decided by the administration on delegated authority (delegert sak)."""
    ADMINISTRATIVE = "administrative"
    """Decided by the administration within its own authority."""
    RECOMMENDATION = "recommendation"
    """A recommendation (innstilling, anbefaling), e.g. from a steering group."""
    NOTED = "noted"
    """Taken note of ("tas til orientering")."""
    CONSIDERED = "considered"
    """Considered or discussed by a body without a decision of its own ("behandlet")."""


@attrs.frozen(kw_only=True)
class DecisionSubitem:
    """A lettered point inside a numbered decision item (14 a, b, c).

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=check_text)
    text: str = attrs.field(validator=check_text)


@attrs.frozen(kw_only=True)
class DecisionItem:
    """One item of a decision: a) to j), or 1 to 7 within a group ("Vedtak oppvekst").

    ``measures`` and ``milestones`` name what follows the item up.

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=check_text)
    text: str = attrs.field(validator=check_text)
    group: str | None = None
    kind: DecisionKind | None = None
    subitems: tuple[DecisionSubitem, ...] = ()
    measures: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    milestones: tuple[str, ...] = attrs.field(default=(), validator=check_ids)


@attrs.frozen(kw_only=True)
class Dissent:
    """A dissent (dissens): who, in what role and for which organisation, and what it concerns.

    .. versionadded:: 0.1
    """

    by: str = attrs.field(validator=check_text)
    concerning: str = attrs.field(validator=check_text)
    person: str | None = attrs.field(default=None, validator=check_optional_id)
    role: str | None = None
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    items: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Decision:
    """A decision by a body, with its case reference, items and dissents.

    ``text`` is the decision's own preamble; ``referred_to`` is the body a delegated
    decision is reported to.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    body: str = attrs.field(validator=check_id)
    kind: DecisionKind
    date: PartialDate | None = None
    case: CaseReference | None = None
    text: str | None = None
    items: tuple[DecisionItem, ...] = ()
    dissents: tuple[Dissent, ...] = ()
    referred_to: str | None = attrs.field(default=None, validator=check_optional_id)
    referred_on: PartialDate | None = None
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    documents: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str | None, str]] = set()
        for item in self.items:
            key = (item.group, item.label)
            if key in seen:
                where = f" in group {item.group!r}" if item.group else ""
                msg = f"item label {item.label!r} is used twice{where}"
                raise ValueError(msg)
            seen.add(key)
        labels = {item.label for item in self.items}
        for dissent in self.dissents:
            unknown = [label for label in dissent.items if label not in labels]
            if unknown:
                msg = f"a dissent names items the decision does not have: {', '.join(unknown)}"
                raise ValueError(msg)

    @property
    def groups(self) -> tuple[str | None, ...]:
        """The item groups in the order they first appear."""
        return tuple(dict.fromkeys(item.group for item in self.items))


# --- measures and indicators ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class EconomicEffect:
    """Target and realised savings of a measure in one period.

    .. versionadded:: 0.1
    """

    period: Period
    target: Money | None = None
    realised: Money | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class StaffingEffect:
    """The effect of a measure on staffing: positions (stillinger), FTE (årsverk), or a
    share of a staff group ("15 % of the administration").

    Reductions are positive numbers.

    .. versionadded:: 0.1
    """

    positions: Decimal | None = attrs.field(default=None, validator=check_finite)
    fte: Decimal | None = attrs.field(default=None, validator=check_finite)
    share_percent: Decimal | None = attrs.field(default=None, validator=check_finite)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Measure:
    """A tiltak: what will be done, by whom, with what economic and staffing effect.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    description: str | None = None
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    priority: int | None = attrs.field(default=None, validator=_positive)
    responsible: str | None = None
    status: WorkStatus | None = None
    economic_effects: tuple[EconomicEffect, ...] = ()
    staffing_effect: StaffingEffect | None = None
    decisions: tuple[str, ...] = attrs.field(default=(), validator=check_ids)

    def __attrs_post_init__(self) -> None:
        periods = [effect.period for effect in self.economic_effects]
        if len(set(periods)) != len(periods):
            msg = "an economic effect is given twice for the same period"
            raise ValueError(msg)
        currencies = {
            money.currency
            for effect in self.economic_effects
            for money in (effect.target, effect.realised)
            if money is not None
        }
        if len(currencies) > 1:
            msg = f"economic effects mix currencies: {', '.join(sorted(currencies))}"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class IndicatorValue:
    """An indicator's target and actual value in one period (IATI's result period).

    .. versionadded:: 0.1
    """

    period: Period
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    actual: Decimal | None = attrs.field(default=None, validator=check_finite)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Indicator:
    """Something measured over time, with a baseline, a target and values per period.

    ``unit`` is free text ("NOK", "%", "årsverk"); for money use "NOK". A positive
    number is good when ``higher_is_better`` is true.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    unit: str | None = None
    description: str | None = None
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    higher_is_better: bool | None = None
    baseline: Decimal | None = attrs.field(default=None, validator=check_finite)
    baseline_period: Period | None = None
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    target_period: Period | None = None
    values: tuple[IndicatorValue, ...] = ()

    def __attrs_post_init__(self) -> None:
        periods = [value.period for value in self.values]
        if len(set(periods)) != len(periods):
            msg = "a value is given twice for the same period"
            raise ValueError(msg)


# --- events, status, evaluation, documents -------------------------------------------


class EventKind(enum.StrEnum):
    """What kind of event an :class:`Event` is.

    .. versionadded:: 0.1
    """

    VISIT = "visit"
    """A visit, e.g. the ministry visiting a participant."""
    JOINT_GATHERING = "joint-gathering"
    """A fellessamling of all participants."""
    MEETING = "meeting"
    SEMINAR = "seminar"
    """A seminar, theme day or kick-off."""
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Event:
    """A visit, joint gathering, meeting or seminar.

    ``participants`` are the programme participants the event concerns (the
    municipality visited); ``organisations`` and ``people`` are who attended.
    ``count`` says how many meetings one entry stands for ("7 gruppemøter").

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    kind: EventKind
    title: str = attrs.field(validator=check_text)
    start: PartialDate | None = None
    end: PartialDate | None = None
    when: str | None = None
    period: Period | None = None
    place: str | None = None
    participants: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    organisations: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    people: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    audience: str | None = None
    focus: tuple[str, ...] = ()
    description: str | None = None
    count: int | None = attrs.field(default=None, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.start, self.end):
            msg = f"ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class DimensionStatus:
    """The RAG status of one dimension (progress, economy, quality, risk …).

    .. versionadded:: 0.1
    """

    dimension: str = attrs.field(validator=check_id)
    rag: Rag
    comment: str | None = None


@attrs.frozen(kw_only=True)
class StatusEntry:
    """What one participant (or subproject) reported for one period.

    .. versionadded:: 0.1
    """

    period: Period
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    reported_on: PartialDate | None = None
    source: str | None = None
    overall: Rag | None = None
    dimensions: tuple[DimensionStatus, ...] = ()
    narrative: str | None = None
    steering_group_meetings: int | None = attrs.field(default=None, validator=_not_negative)
    next_steps: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.participant is None and self.subproject is None:
            msg = "a status entry belongs to a participant or a subproject"
            raise ValueError(msg)
        dimensions = [d.dimension for d in self.dimensions]
        if len(set(dimensions)) != len(dimensions):
            msg = "a dimension is given twice"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Deliverable:
    """A dated deliverable, e.g. of an external evaluation (nåsituasjonsbeskrivelse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    due: PartialDate | None = None
    due_text: str | None = None
    delivered: PartialDate | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Evaluation:
    """The programme's evaluation: who evaluates, why, and what they deliver when.

    .. versionadded:: 0.1
    """

    evaluators: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    purpose: str | None = None
    status: str | None = None
    deliverables: tuple[Deliverable, ...] = ()


class DocumentKind(enum.StrEnum):
    """What kind of document a :class:`Document` is.

    .. versionadded:: 0.1
    """

    CASE_DOCUMENT = "case-document"
    """Saksframlegg or delegated case."""
    MINUTES = "minutes"
    """Møtebok, protokoll."""
    REPORT = "report"
    PLAN = "plan"
    AGREEMENT = "agreement"
    """Samarbeidsavtale."""
    STATUTES = "statutes"
    """Vedtekter."""
    LETTER = "letter"
    PRESENTATION = "presentation"
    TOOL = "tool"
    """A form, template or checklist used in the work."""
    LAW = "law"
    WEBSITE = "website"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Document:
    """A document or link belonging to the programme, with letter metadata where it
    has any (our and their reference, case officer, archive code).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    kind: DocumentKind = DocumentKind.OTHER
    date: PartialDate | None = None
    url: str | None = None
    author: str | None = attrs.field(default=None, validator=check_optional_id)
    recipient: str | None = attrs.field(default=None, validator=check_optional_id)
    copies_to: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    signed_by: str | None = attrs.field(default=None, validator=check_optional_id)
    case_officer: str | None = attrs.field(default=None, validator=check_optional_id)
    our_ref: CaseReference | None = None
    their_ref: CaseReference | None = None
    received: PartialDate | None = None
    received_ref: CaseReference | None = None
    summary: str | None = None


class LessonKind(enum.StrEnum):
    """What a :class:`Lesson` records.

    .. versionadded:: 0.1
    """

    WORKED_WELL = "worked-well"
    CHALLENGE = "challenge"
    ADVICE = "advice"
    FINDING = "finding"


@attrs.frozen(kw_only=True)
class Lesson:
    """An experience worth passing on: what worked, what was hard, advice, findings.

    .. versionadded:: 0.1
    """

    kind: LessonKind
    text: str = attrs.field(validator=check_text)


DEFAULT_DIMENSIONS = ("progress", "economy", "quality", "risk")
"""The status dimensions a programme reports on unless it names its own."""


# --- the programme -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Programme:
    """A transformation programme (omstillingsprogram) and all it holds.

    Constructing a programme checks that every reference resolves and that ids are
    unique; violations raise :class:`~omstilling.model.InvalidProgramme` listing
    every problem with its path.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    owner: str = attrs.field(validator=check_id)
    language: Language = Language.NB
    description: str | None = None
    background: str | None = None
    mandate: str | None = None
    target_group: str | None = None
    period: DateRange | None = None
    cadence: Cadence | None = None
    status_dimensions: tuple[str, ...] = attrs.field(
        default=DEFAULT_DIMENSIONS, validator=check_ids
    )
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    participants: tuple[Participant, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    bodies: tuple[Body, ...] = ()
    roles: tuple[RoleAssignment, ...] = ()
    phases: tuple[Phase, ...] = ()
    project_areas: tuple[ProjectArea, ...] = ()
    goals: tuple[Goal, ...] = ()
    subprojects: tuple[Subproject, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    activities: tuple[Activity, ...] = ()
    decisions: tuple[Decision, ...] = ()
    measures: tuple[Measure, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    events: tuple[Event, ...] = ()
    status_entries: tuple[StatusEntry, ...] = ()
    evaluation: Evaluation | None = None
    documents: tuple[Document, ...] = ()
    success_factors: tuple[str, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    legal_basis: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        from ._integrity import InvalidProgramme, reference_problems

        problems = reference_problems(self)
        if problems:
            raise InvalidProgramme(problems)

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with id ``organisation_id`` (:class:`KeyError` if none)."""
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation
        raise KeyError(organisation_id)

    def status_for(self, participant: str, period: Period) -> StatusEntry | None:
        """The participant's own status entry for ``period``, if it has reported."""
        for entry in self.status_entries:
            if (
                entry.participant == participant
                and entry.subproject is None
                and entry.period == period
            ):
                return entry
        return None
