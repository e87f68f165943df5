"""Goals and structure: goals, phases, project areas, subprojects, milestones and
progress-plan activities."""

from __future__ import annotations

import enum

import attrs

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
    kind: GoalKind
    text: str = attrs.field(validator=check_text)
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    indicator: str | None = attrs.field(default=None, validator=check_optional_id)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Phase:
    """A phase of the programme (Fase 1: Kartlegging og analyse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    number: int | None = attrs.field(default=None, validator=check_positive)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
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
