"""What the common templates share, for format plugins to use too: the words for the
model's enums in bokmål, nynorsk and English, and small helpers for building reports.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Sequence

from ..hookspecs import BuildRequest
from ..model import (
    BodyKind,
    CaseReference,
    DecisionKind,
    GoalKind,
    Language,
    PartialDate,
    Programme,
    Role,
    WorkStatus,
    event_in,
    holder,
    measures_of,
    milestones_of,
    owner_of,
    total,
)
from ..report import Column, FieldType, Labels, Report, ReportSchema, Section
from ._structure import (
    bodies_of,
    joined,
    participant_name,
    party_name,
    subproject_paths,
    subprojects_in_order,
)

__all__ = [
    "BODY_KIND",
    "DECISION_KIND",
    "GOAL_KIND",
    "ROLE",
    "WORK_STATUS",
    "L",
    "bodies_of",
    "case_reference",
    "col",
    "event_in",
    "holder",
    "joined",
    "language_of",
    "make_report",
    "measures_of",
    "milestones_of",
    "organisation_name",
    "owner_name",
    "owner_of",
    "participant_name",
    "party_name",
    "subproject_paths",
    "subprojects_in_order",
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
    always_shown: bool = False,
    hidden: bool = False,
) -> Column:
    """A column (or field) with its labels."""
    return Column(
        key=key,
        type=kind,
        label=Labels(nb, nn, en),
        required=required,
        always_shown=always_shown,
        hidden=hidden,
    )


def language_of(programme: Programme, request: BuildRequest) -> Language:
    """The request's language, else the programme's."""
    return request.language or programme.language


def organisation_name(programme: Programme, organisation: str | None) -> str | None:
    """The name of the organisation with id ``organisation`` (``None`` for none).

    .. versionadded:: 0.2
    """
    if organisation is None:
        return None
    try:
        return programme.organisation(organisation).name
    except KeyError:
        return None


def owner_name(programme: Programme) -> str | None:
    """The name of the organisation or the body (a merger's fellesnemnd) that owns
    ``programme``: the issuer of its reports.

    .. versionadded:: 0.2
    """
    return programme.name_of(programme.owner)


def _archive_case(reference: CaseReference | None) -> tuple[int, int] | None:
    if reference is None or reference.case_year is None or reference.case_sequence is None:
        return None
    return reference.case_year, reference.case_sequence


def case_reference(programme: Programme) -> str | None:
    """The archive case (Noark 5 saksnummer, "2012/1728") the programme is filed
    under: the one case that the owner's own references all name, in its decisions
    and in the documents it wrote. ``None`` where they name none, or more than one
    case: a reader is better served by no reference than by a wrong one.

    A decision's meeting case ("KST-sak 139/12") is a case of a meeting, not of the
    programme, and is not counted.

    .. versionadded:: 0.2
    """
    references = [d.case for d in programme.decisions]
    references += [d.our_ref for d in programme.documents if d.author in (None, programme.owner)]
    found = {case for case in map(_archive_case, references) if case is not None}
    if len(found) != 1:
        return None
    year, sequence = found.pop()
    return f"{year}/{sequence}"


def make_report(
    schema: ReportSchema,
    programme: Programme,
    request: BuildRequest,
    sections: Sequence[Section],
    *,
    title: str | None = None,
    participant: str | None = None,
) -> Report:
    """A report of ``schema`` on ``programme`` as ``request`` asks: in its language,
    for its period, with the title block's data (the owner's name, the programme's
    case reference). ``title`` is the programme's name unless given.

    .. versionadded:: 0.2
    """
    return Report(
        schema=schema,
        language=language_of(programme, request),
        title=title or programme.name,
        programme=programme.id,
        participant=participant,
        period=request.period,
        owner=owner_name(programme),
        reference=case_reference(programme),
        sections=tuple(sections),
    )


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


def when(
    start: PartialDate | None, end: PartialDate | None
) -> tuple[PartialDate | None, PartialDate | None]:
    """A start and an end, the end left out when it is the start."""
    return start, (None if end == start else end)
