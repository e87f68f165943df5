"""Goals and structure: goals, phases, project areas, subprojects, milestones and
progress-plan activities."""

from __future__ import annotations

import enum

import attrs

from .._messages import _
from ._time import DateRange, PartialDate
from ._typed import typed_fields
from ._values import check_id, check_ids, check_optional_id, check_positive, check_text


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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Goal:
    """A goal of the programme; effect goals name their area, work goals their phase.

    ``indicator`` names the :class:`Indicator` that measures the goal, if any.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The goal's id."""
    kind: GoalKind
    """Where the goal sits in the goal hierarchy."""
    text: str = attrs.field(validator=check_text)
    """The goal as the programme words it."""
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    """The project area of an effect goal."""
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    """The phase of a work goal."""
    indicator: str | None = attrs.field(default=None, validator=check_optional_id)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Phase:
    """A phase of the programme (Fase 1: Kartlegging og analyse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The phase's id."""
    name: str = attrs.field(validator=check_text)
    """Its name ("Kartlegging og analyse")."""
    number: int | None = attrs.field(default=None, validator=check_positive)
    """Its number: Fase 1, Fase 2."""
    description: str | None = None
    """What happens in it."""
    period: DateRange | None = None
    """When it runs."""


class AreaKind(enum.StrEnum):
    """What an area groups.

    .. versionadded:: 0.1
    """

    PROJECT_AREA = "project-area"
    """Prosjektområde: subprojects are grouped under it."""
    FOCUS_AREA = "focus-area"
    """Innsatsområde: a priority chosen for the work."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ProjectArea:
    """A project area or focus area.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The area's id."""
    name: str = attrs.field(validator=check_text)
    """Its name."""
    kind: AreaKind = AreaKind.PROJECT_AREA
    """Whether it is a project area or a focus area."""
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    """The phase it belongs to, if one."""
    description: str | None = None
    """What it covers."""


class WorkStatus(enum.StrEnum):
    """Where a piece of work stands.

    .. versionadded:: 0.1
    """

    PROPOSED = "proposed"
    """Foreslått: proposed, not decided yet."""
    PLANNED = "planned"
    """Planlagt: decided and planned, not started."""
    ACTIVE = "active"
    """Pågår: under way."""
    COMPLETED = "completed"
    """Fullført: done."""
    POSTPONED = "postponed"
    """Utsatt: put off to a later time."""
    CANCELLED = "cancelled"
    """Avsluttet or stanset: stopped for good, not done."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Subproject:
    """A delprosjekt: numbered within its area, with its own mandate, leader and group.

    ``other_areas`` lists the areas a cross-cutting subproject also involves.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The subproject's id."""
    name: str = attrs.field(validator=check_text)
    """Its name."""
    code: str | None = None
    """Its number or code within its area ("1.2")."""
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    """The project area it belongs to."""
    other_areas: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    parent: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject it is part of (a working group under a subproject).

    .. versionadded:: 0.2
    """
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that carries it out, if one."""
    mandate: str | None = None
    """Its mandate (mandat)."""
    description: str | None = None
    """What it is about."""
    leader: str | None = attrs.field(default=None, validator=check_optional_id)
    """Its leader (delprosjektleder)."""
    group: str | None = attrs.field(default=None, validator=check_optional_id)
    """Its project group or working group."""
    effect_goal: str | None = attrs.field(default=None, validator=check_optional_id)
    """The effect goal it works towards."""
    deadline: PartialDate | None = None
    """When it is to deliver."""
    delivered: PartialDate | None = None
    """When it delivered."""
    recommendations: tuple[str, ...] = ()
    """What it recommended (anbefalinger)."""
    status: WorkStatus | None = None
    """Where it stands."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Milestone:
    """A milestone, with the columns of a municipal milestone plan.

    The estimated dates are kept as the plan gave them, even where the finish is
    before the start: the validator warns about that but does not refuse it.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The milestone's id."""
    title: str = attrs.field(validator=check_text)
    """What is to be reached (milepæl)."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject it belongs to."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant it belongs to."""
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    """The phase it belongs to."""
    responsible: str | None = None
    """Who is responsible (ansvar), as the plan writes it: a name or a role."""
    estimated_start: PartialDate | None = None
    """Estimated start (antatt start)."""
    estimated_finish: PartialDate | None = None
    """Estimated finish (antatt ferdig)."""
    report_date: PartialDate | None = None
    """When it was last reported on (rapport dato)."""
    report_status_text: str | None = None
    """What the report said about it (rapporttekst status)."""
    done: bool = False
    """Whether it has been reached (utført)."""
    done_on: PartialDate | None = None
    """When it was reached; only with ``done``."""
    note: str | None = None
    """Any remark."""

    def __attrs_post_init__(self) -> None:
        if self.done_on is not None and not self.done:
            msg = _("done_on is set but done is false")
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Activity:
    """A row of a progress plan (fremdriftsplan): no., activity, time, responsible,
    done, comments.

    ``time`` keeps the plan's own words ("april/mai 2014"); ``due`` is the date they
    stand for where one can be given.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The activity's id."""
    activity: str = attrs.field(validator=check_text)
    """What is to be done (aktivitet)."""
    number: str | None = None
    """Its number in the plan (nr.)."""
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    """The phase it belongs to."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject it belongs to."""
    time: str | None = None
    due: PartialDate | None = None
    """The date ``time`` stands for, where one can be given."""
    responsible: str | None = None
    """Who is responsible (ansvar), as the plan writes it."""
    done: bool | None = None
    """Whether it is done (utført); unknown if not given."""
    comments: str | None = None
    """The plan's comments (kommentar)."""
