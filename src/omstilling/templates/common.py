"""What the common templates share, for format plugins to use too: the words for the
model's enums in bokmål, nynorsk and English, and small helpers for building reports.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..hookspecs import BuildRequest
from ..model import (
    BodyKind,
    DecisionKind,
    Event,
    GoalKind,
    Language,
    Measure,
    Milestone,
    Money,
    PartialDate,
    Period,
    Programme,
    Role,
    RoleAssignment,
    WorkStatus,
)
from ..report import Column, FieldType, Labels

__all__ = [
    "BODY_KIND",
    "DECISION_KIND",
    "GOAL_KIND",
    "ROLE",
    "WORK_STATUS",
    "L",
    "col",
    "event_in",
    "holder",
    "language_of",
    "measures_of",
    "milestones_of",
    "owner_of",
    "total",
    "when",
]


def L(nb: str, nn: str | None = None, en: str | None = None) -> Labels:
    """Labels in bokmål, nynorsk (if different) and English."""
    return Labels(nb, nn, en)


def col(
    key: str,
    kind: FieldType,
    nb: str,
    nn: str | None = None,
    en: str | None = None,
    *,
    required: bool = False,
) -> Column:
    """A column (or field) with its labels."""
    return Column(key=key, type=kind, label=Labels(nb, nn, en), required=required)


def language_of(programme: Programme, request: BuildRequest) -> Language:
    """The request's language, else the programme's."""
    return request.language or programme.language


WORK_STATUS: dict[WorkStatus, Labels] = {
    WorkStatus.PROPOSED: L("Foreslått", "Føreslått", "Proposed"),
    WorkStatus.PLANNED: L("Planlagt", "Planlagd", "Planned"),
    WorkStatus.ACTIVE: L("Pågår", "Pågår", "Active"),
    WorkStatus.COMPLETED: L("Fullført", "Fullført", "Completed"),
    WorkStatus.POSTPONED: L("Utsatt", "Utsett", "Postponed"),
    WorkStatus.CANCELLED: L("Avlyst", "Avlyst", "Cancelled"),
}
DECISION_KIND: dict[DecisionKind, Labels] = {
    DecisionKind.POLITICAL: L("Politisk vedtak", "Politisk vedtak", "Political decision"),
    DecisionKind.DELEGATED: L("Delegert vedtak", "Delegert vedtak", "Delegated decision"),
    DecisionKind.ADMINISTRATIVE: L(
        "Administrativt vedtak", "Administrativt vedtak", "Administrative decision"
    ),
    DecisionKind.RECOMMENDATION: L("Anbefaling", "Tilråding", "Recommendation"),
    DecisionKind.NOTED: L("Tatt til orientering", "Teke til orientering", "Noted"),
    DecisionKind.CONSIDERED: L("Behandlet", "Handsama", "Considered"),
}
BODY_KIND: dict[BodyKind, Labels] = {
    BodyKind.COUNCIL: L("Kommunestyre", "Kommunestyre", "Council"),
    BodyKind.EXECUTIVE_COMMITTEE: L("Formannskap", "Formannskap", "Executive committee"),
    BodyKind.COMMITTEE: L("Utvalg", "Utval", "Committee"),
    BodyKind.DISTRICT_COUNCIL: L("Bydelsutvalg", "Bydelsutval", "District council"),
    BodyKind.ADMINISTRATION: L("Administrasjonen", "Administrasjonen", "Administration"),
    BodyKind.ADVISORY_COUNCIL: L("Råd", "Råd", "Advisory council"),
    BodyKind.STEERING_GROUP: L("Styringsgruppe", "Styringsgruppe", "Steering group"),
    BodyKind.PROJECT_GROUP: L("Prosjektgruppe", "Prosjektgruppe", "Project group"),
    BodyKind.WORKING_GROUP: L("Arbeidsgruppe", "Arbeidsgruppe", "Working group"),
    BodyKind.OTHER: L("Annet organ", "Anna organ", "Other body"),
}
GOAL_KIND: dict[GoalKind, Labels] = {
    GoalKind.MAIN: L("Hovedmål", "Hovudmål", "Main goal"),
    GoalKind.EFFECT: L("Effektmål", "Effektmål", "Effect goal"),
    GoalKind.WORK: L("Arbeidsmål", "Arbeidsmål", "Work goal"),
    GoalKind.RESULT: L("Resultatmål", "Resultatmål", "Result goal"),
}
ROLE: dict[Role, Labels] = {
    Role.PROJECT_OWNER: L("Prosjekteier", "Prosjekteigar", "Project owner"),
    Role.PROJECT_LEADER: L("Prosjektleder", "Prosjektleiar", "Project leader"),
    Role.COORDINATOR: L("Koordinator", "Koordinator", "Coordinator"),
    Role.SUBPROJECT_LEADER: L("Delprosjektleder", "Delprosjektleiar", "Subproject leader"),
    Role.CHAIR: L("Leder", "Leiar", "Chair"),
    Role.MEMBER: L("Medlem", "Medlem", "Member"),
    Role.SECRETARY: L("Sekretær", "Sekretær", "Secretary"),
    Role.UNION_REPRESENTATIVE: L("Tillitsvalgt", "Tillitsvald", "Union representative"),
    Role.SAFETY_REPRESENTATIVE: L("Verneombud", "Verneombod", "Safety representative"),
    Role.CASE_OFFICER: L("Saksbehandler", "Sakshandsamar", "Case officer"),
    Role.CASE_RESPONSIBLE: L("Saksansvarlig", "Saksansvarleg", "Responsible for the case"),
    Role.ADVISER: L("Rådgiver", "Rådgjevar", "Adviser"),
    Role.OTHER: L("Annen rolle", "Anna rolle", "Other role"),
}


def holder(programme: Programme, role: RoleAssignment) -> str:
    """Who holds ``role``: the person's name (and the position, if given), else the
    position."""
    names = {p.id: p.name for p in programme.people}
    person = names.get(role.person or "")
    if person and role.holder:
        return f"{person} ({role.holder})"
    return person or role.holder or ""


def event_in(event: Event, period: Period | None) -> bool:
    """Whether ``event`` belongs to ``period`` (every event if ``period`` is ``None``)."""
    if period is None:
        return True
    if event.period is not None:
        return event.period == period or (
            period.start() <= event.period.start() and event.period.end() <= period.end()
        )
    if event.start is not None:
        return period.contains(event.start.first_day())
    return False


def total(amounts: Iterable[Money | None]) -> Money | None:
    """The sum of ``amounts`` in their one currency (``None`` if none, or mixed)."""
    present = [a for a in amounts if a is not None]
    if not present or len({a.currency for a in present}) > 1:
        return None
    result = present[0]
    for amount in present[1:]:
        result = result + amount
    return result


def when(
    start: PartialDate | None, end: PartialDate | None
) -> tuple[PartialDate | None, PartialDate | None]:
    """A start and an end, the end left out when it is the start."""
    return start, (None if end == start else end)


def _subprojects_of(programme: Programme, participant: str) -> set[str]:
    return {s.id for s in programme.subprojects if s.participant == participant}


def owner_of(programme: Programme) -> Callable[[Milestone | Measure], str | None]:
    """A function giving the participant a milestone or measure belongs to (its own,
    or its subproject's), with the subprojects looked up once: for grouping all of a
    programme's milestones by participant in one pass."""
    subprojects = {s.id: s.participant for s in programme.subprojects}

    def owner(item: Milestone | Measure) -> str | None:
        if item.participant is not None:
            return item.participant
        return subprojects.get(item.subproject) if item.subproject else None

    return owner


def milestones_of(programme: Programme, participant: str) -> tuple[Milestone, ...]:
    """The milestones that are ``participant``'s: its own, and those of its
    subprojects (where the milestone names no participant of its own)."""
    own = _subprojects_of(programme, participant)
    return tuple(
        m
        for m in programme.milestones
        if m.participant == participant or (m.participant is None and m.subproject in own)
    )


def measures_of(programme: Programme, participant: str) -> tuple[Measure, ...]:
    """The measures that are ``participant``'s: its own, and those of its subprojects
    (where the measure names no participant of its own)."""
    own = _subprojects_of(programme, participant)
    return tuple(
        m
        for m in programme.measures
        if m.participant == participant or (m.participant is None and m.subproject in own)
    )
