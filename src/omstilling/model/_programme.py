"""The programme: everything it holds, checked as a whole when it is made."""

from __future__ import annotations

import attrs

from ._decisions import Decision
from ._governance import Body, Participant, RoleAssignment, Stakeholder
from ._measures import Indicator, Measure
from ._organisation import Organisation, Person
from ._plans import Activity, Goal, Milestone, Phase, ProjectArea, Subproject
from ._reporting import DEFAULT_DIMENSIONS, Document, Evaluation, Event, Lesson, StatusEntry
from ._time import Cadence, DateRange, Period
from ._values import Language, check_id, check_ids, check_text


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
