"""``status``: the half-yearly (or tertial) status of a programme, as the ministry's
"Stifinneren – status pr. august 2004" gives it, opened by a summary page: key
figures, each participant's status as a heat map and the savings per period; then
what changed since the period before, a section per participant with its own report,
its comments per status dimension and its visits and meetings, the programme's joint
activities, and the evaluation. With a participant, the status of that participant
alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..formatting import RAG_LABELS, format_value
from ..hookspecs import BuildRequest, ReportFormat
from ..model import (
    ChangeKind,
    Event,
    EventKind,
    Language,
    Measure,
    Milestone,
    Money,
    PartialDate,
    Period,
    Programme,
    Rag,
    Role,
    StatusEntry,
    changes_since,
)
from ..report import FieldType as T
from ..report import Labels, Presentation, Report, ReportSchema, Section, SectionSchema, Value
from ._deviations import DEVIATIONS, deviations_open
from ._economy import ECONOMY_SCHEMAS, economy_in
from ._follow_up_sections import DUE_SCHEMA, due_section
from ._risk_sections import RISK_SCHEMAS, risk_sections
from ._summary import (
    DIMENSIONS,
    NOT_REPORTED,
    SUMMARY_SCHEMAS,
    TREND,
    dimension_label,
    summary_sections,
    trend,
)
from .common import (
    L,
    col,
    event_in,
    holder,
    language_of,
    make_report,
    owner_of,
    when,
)

SCHEMA = ReportSchema(
    id="status",
    title=L("Statusrapport", "Statusrapport", "Status report"),
    sections=(
        *SUMMARY_SCHEMAS,
        SectionSchema(
            key="introduction",
            title=L("Om programmet", "Om programmet", "About the programme"),
            presentation=Presentation.NARRATIVE,
            fields=(
                col(
                    "description",
                    T.PARAGRAPHS,
                    "Om programmet",
                    "Om programmet",
                    "About the programme",
                ),
            ),
        ),
        SectionSchema(
            key="changes",
            title=L(
                "Endringer siden forrige periode",
                "Endringar sidan førre periode",
                "Changes since the previous period",
            ),
            columns=(
                col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant", required=True),
                col("kind", T.TEXT, "Endring", "Endring", "Change", required=True),
                col("item", T.TEXT, "Gjelder", "Gjeld", "Concerning"),
                col("before", T.TEXT, "Før", "Før", "Before"),
                col("after", T.TEXT, "Nå", "No", "Now"),
            ),
        ),
        *RISK_SCHEMAS,
        DUE_SCHEMA,
        *ECONOMY_SCHEMAS,
        DEVIATIONS,
        SectionSchema(
            key="participant",
            title=L("Deltaker", "Deltakar", "Participant"),
            repeat=True,
            fields=(
                col("source", T.TEXT, "Grunnlag", "Grunnlag", "Based on"),
                col("reported_on", T.DATE, "Rapportert", "Rapportert", "Reported on"),
                col("overall", T.RAG, "Samlet status", "Samla status", "Overall status"),
                col("narrative", T.PARAGRAPHS, "Status", "Status", "Status"),
                col(
                    "steering_group_meetings",
                    T.INTEGER,
                    "Møter i styringsgruppen",
                    "Møte i styringsgruppa",
                    "Steering-group meetings",
                ),
                col(
                    "leaders",
                    T.TEXT_LIST,
                    "Prosjektledelse",
                    "Prosjektleiing",
                    "Project leadership",
                ),
                col("next_steps", T.TEXT_LIST, "Neste steg", "Neste steg", "Next steps"),
                col("risks", T.TEXT_LIST, "Risiko", "Risiko", "Risks"),
                col("missing", T.TEXT, "Mangler", "Manglar", "Missing"),
            ),
        ),
        SectionSchema(
            key="dimensions",
            title=L("Status og kommentarer", "Status og kommentarar", "Status and comments"),
            level=2,
            repeat=True,
            columns=(
                col("dimension", T.TEXT, "Gjelder", "Gjeld", "Concerning", required=True),
                col("status", T.RAG, "Status", "Status", "Status", required=True),
                col("comment", T.PARAGRAPHS, "Kommentar", "Kommentar", "Comment"),
            ),
        ),
        SectionSchema(
            key="events",
            title=L("Besøk og møter", "Besøk og møte", "Visits and meetings"),
            level=2,
            repeat=True,
            columns=(
                col("kind", T.TEXT, "Type", "Type", "Kind"),
                col("when", T.TEXT, "Når", "Når", "When"),
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("title", T.TEXT, "Hva", "Kva", "What", required=True),
                col("count", T.INTEGER, "Antall", "Tal", "Number"),
                col("place", T.TEXT, "Sted", "Stad", "Place"),
                col("focus", T.TEXT_LIST, "Fokus", "Fokus", "Focus"),
                col("people", T.TEXT_LIST, "Deltok", "Deltok", "Taking part"),
            ),
        ),
        SectionSchema(
            key="joint_activities",
            title=L("Felles aktiviteter", "Felles aktivitetar", "Joint activities"),
            columns=(
                col("kind", T.TEXT, "Type", "Type", "Kind"),
                col("start", T.DATE, "Fra", "Frå", "From"),
                col("end", T.DATE, "Til", "Til", "To"),
                col("title", T.TEXT, "Aktivitet", "Aktivitet", "Activity", required=True),
                col("count", T.INTEGER, "Antall", "Tal", "Number"),
                col("place", T.TEXT, "Sted", "Stad", "Place"),
                col("audience", T.TEXT, "Målgruppe", "Målgruppe", "Audience"),
                col("focus", T.TEXT_LIST, "Tema", "Tema", "Topics"),
                col("description", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),
            ),
        ),
        SectionSchema(
            key="evaluation",
            title=L("Evaluering", "Evaluering", "Evaluation"),
            fields=(
                col("evaluators", T.TEXT_LIST, "Evaluatorer", "Evaluatorar", "Evaluators"),
                col("purpose", T.PARAGRAPHS, "Formål", "Føremål", "Purpose"),
                col("status", T.PARAGRAPHS, "Status", "Status", "Status"),
            ),
            columns=(
                col("title", T.TEXT, "Leveranse", "Leveranse", "Deliverable", required=True),
                col("due", T.DATE, "Frist", "Frist", "Due"),
                col("due_text", T.TEXT, "Frist (tekst)", "Frist (tekst)", "Due (as written)"),
                col("delivered", T.DATE, "Levert", "Levert", "Delivered"),
            ),
        ),
    ),
)

EVENT_KIND: dict[EventKind, Labels] = {
    EventKind.VISIT: L("Besøk", "Besøk", "Visit"),
    EventKind.JOINT_GATHERING: L("Samling", "Samling", "Joint gathering"),
    EventKind.MEETING: L("Møte", "Møte", "Meeting"),
    EventKind.SEMINAR: L("Seminar", "Seminar", "Seminar"),
    EventKind.OTHER: L("Annet", "Anna", "Other"),
}
"""The words for the kinds of event.

.. versionadded:: 0.2
"""

CHANGE_KIND: dict[str, Labels] = {
    "status": L("Status endret", "Status endra", "Status moved"),
    "done": L("Milepæl nådd", "Milepæl nådd", "Milestone reached"),
    "done-late": L("Milepæl nådd for sent", "Milepæl nådd for seint", "Milestone reached late"),
    "slipped": L("Milepæl forsinket", "Milepæl forseinka", "Milestone slipped"),
    "reported-late": L(
        "Milepæl nådd, meldt sent", "Milepæl nådd, meldt seint", "Milestone reached, reported late"
    ),
    "realised": L("Gevinst realisert", "Gevinst realisert", "Savings realised"),
    "meeting": L("Møte", "Møte", "Meeting"),
}
"""The kinds of change the ``changes`` section lists (``done-late``: a milestone
reached in the period that was due before it)."""

PROGRAMME = L("Hele programmet", "Heile programmet", "The whole programme")
"""What the ``changes`` section names as "participant" for the programme's own
milestones, measures and meetings.

.. versionadded:: 0.2
"""

_TARGET = L("mål", "mål", "target")
_TIMES = L("ganger", "gonger", "times")


def _change_row(
    change_kind: ChangeKind,
    before: Value,
    after: Value,
    language: Language,
) -> tuple[str, str | None, str | None]:
    """The words of one change: its kind, and what was before and is now."""
    kind = change_kind.value

    def words(value: Value) -> str | None:
        if value is None:
            return None
        if isinstance(value, Rag):
            return RAG_LABELS[value].get(language)
        if isinstance(value, PartialDate):
            return format_value(value, T.DATE, language)
        if isinstance(value, Money):
            return format_value(value, T.MONEY, language)
        return str(value)

    if change_kind is ChangeKind.DONE and before is not None:
        kind = "done-late"
    if change_kind is ChangeKind.REALISED:
        target = words(before)
        return kind, f"{_TARGET.get(language)} {target}" if target else None, words(after)
    return kind, words(before), words(after)


def changes(
    programme: Programme,
    participant: str | None,
    period: Period,
    language: Language,
    *,
    milestones: Sequence[Milestone] | None = None,
    measures: Sequence[Measure] | None = None,
    events: Sequence[Event] | None = None,
) -> list[dict[str, Value]]:
    """The rows of the ``changes`` section for ``participant`` (``None``: the
    programme's own milestones, measures and meetings): what
    :func:`~omstilling.model.changes_since` finds, in words of ``language``.

    .. versionchanged:: 0.2
       Late and late-reported milestones, targets next to what was realised,
       meetings, and the programme's own.
    """
    if participant is None:
        name = PROGRAMME.get(language)
    else:
        name = next((o.name for o in programme.organisations if o.id == participant), participant)
    counts = {e.id: e.count for e in programme.events}
    rows: list[dict[str, Value]] = []
    for change in changes_since(
        programme,
        participant,
        period,
        milestones=milestones,
        measures=measures,
        events=events,
    ):
        item: str | None = change.item
        if change.kind is ChangeKind.STATUS:
            item = dimension_label(change.item, language)
        elif change.kind is ChangeKind.MEETING:
            count = counts.get(change.subject or "")
            if count is not None and count > 1:
                item = f"{change.item} ({count} {_TIMES.get(language)})"
        kind, before, after = _change_row(change.kind, change.before, change.after, language)
        rows.append(
            {
                "participant": name,
                "kind": CHANGE_KIND[kind].get(language),
                "item": item,
                "before": before,
                "after": after,
            }
        )
    return rows


def _event_row(event: Event, people: dict[str, str], language: Language) -> dict[str, Value]:
    return {
        "kind": EVENT_KIND[event.kind].get(language),
        "when": event.when,
        "date": event.start,
        "title": event.title,
        "count": event.count,
        "place": event.place,
        "focus": event.focus or None,
        "people": tuple(people.get(x, x) for x in event.people) or None,
    }


def _joint_row(event: Event, language: Language) -> dict[str, Value]:
    start, end = when(event.start, event.end)
    return {
        "kind": EVENT_KIND[event.kind].get(language),
        "start": start,
        "end": end,
        "title": event.title,
        "count": event.count,
        "place": event.place,
        "audience": event.audience,
        "focus": event.focus or None,
        "description": event.description,
    }


def _is_joint(event: Event) -> bool:
    """A joint gathering, or an event of the programme that concerns no participant."""
    return event.kind is EventKind.JOINT_GATHERING or not event.participants


def _dimension_rows(entry: StatusEntry | None, language: Language) -> tuple[dict[str, Value], ...]:
    if entry is None:
        return ()
    return tuple(
        {
            "dimension": dimension_label(d.dimension, language),
            "status": d.rag,
            "comment": d.comment,
        }
        for d in entry.dimensions
    )


def _changes(
    programme: Programme,
    participants: Sequence[str],
    period: Period,
    language: Language,
    *,
    whole: bool,
) -> list[dict[str, Value]]:
    """The changes of every participant in ``participants``, then (for the
    ``whole`` programme) the programme's own."""
    owner = owner_of(programme)
    milestones_by: dict[str | None, list[Milestone]] = defaultdict(list)
    for milestone in programme.milestones:
        milestones_by[owner(milestone)].append(milestone)
    measures_by: dict[str | None, list[Measure]] = defaultdict(list)
    for measure in programme.measures:
        measures_by[owner(measure)].append(measure)
    events_by: dict[str | None, list[Event]] = defaultdict(list)
    for event in programme.events:
        for participant in event.participants or (None,):
            events_by[participant].append(event)
    return [
        row
        for participant in [*participants, *([None] if whole else [])]
        for row in changes(
            programme,
            participant,
            period,
            language,
            milestones=milestones_by[participant],
            measures=measures_by[participant],
            events=events_by[participant],
        )
    ]


def build(programme: Programme, request: BuildRequest) -> Report:
    """The status of every participant (or of ``request.participant``) for
    ``request.period``, opened by the summary page."""
    language = language_of(programme, request)
    period = request.period
    names = {o.id: o.name for o in programme.organisations}
    people = {p.id: p.name for p in programme.people}
    participants = [
        p.organisation
        for p in programme.participants
        if request.participant is None or p.organisation == request.participant
    ]
    sections = list(
        summary_sections(
            programme,
            period,
            language,
            participants=None if request.participant is None else participants,
        )
    )
    if programme.description:
        sections.append(Section(key="introduction", values={"description": programme.description}))
    if period is not None:
        changed = _changes(
            programme, participants, period, language, whole=request.participant is None
        )
        if changed:
            sections.append(Section(key="changes", rows=tuple(changed)))
    sections += risk_sections(programme, period, language, request.participant)
    if period is not None:
        due = due_section(programme, period, language, request.participant)
        if due is not None:
            sections.append(due)
    sections += economy_in(programme, period, language, participant=request.participant)
    sections += deviations_open(programme, period, language, participant=request.participant)
    for participant in participants:
        entry = programme.status_for(participant, period) if period else None
        leaders = tuple(
            holder(programme, role) + (f" – {role.note}" if role.note else "")
            for role in programme.roles
            if role.role is Role.PROJECT_LEADER and role.organisation == participant
        )
        values: dict[str, Value] = {
            "leaders": leaders or None,
            "missing": NOT_REPORTED.get(language) if entry is None and period else None,
        }
        if entry is not None:
            values.update(
                source=entry.source,
                reported_on=entry.reported_on,
                overall=entry.overall,
                narrative=entry.narrative,
                steering_group_meetings=entry.steering_group_meetings,
                next_steps=entry.next_steps or None,
                risks=entry.risks or None,
            )
        name = names.get(participant, participant)
        sections.append(Section(key="participant", title=name, values=values))
        dimensions = _dimension_rows(entry, language)
        if dimensions:
            # in the roll-up, each participant's comments say whose they are (every
            # sheet of a workbook needs a name of its own)
            title = None if request.participant else f"{_STATUS_IN.get(language)} {name}"
            sections.append(Section(key="dimensions", title=title, rows=dimensions))
        events = [
            e
            for e in programme.events
            if participant in e.participants and not _is_joint(e) and event_in(e, period)
        ]
        if events:
            sections.append(
                Section(
                    key="events",
                    title=_events_title(events, name, language),
                    rows=tuple(_event_row(e, people, language) for e in events),
                )
            )
    if request.participant is None:
        joint = [e for e in programme.events if _is_joint(e) and event_in(e, period)]
        if joint:
            rows = tuple(_joint_row(e, language) for e in joint)
            sections.append(Section(key="joint_activities", rows=rows))
        evaluation = programme.evaluation
        if evaluation is not None:
            sections.append(
                Section(
                    key="evaluation",
                    values={
                        "evaluators": tuple(names.get(e, e) for e in evaluation.evaluators) or None,
                        "purpose": evaluation.purpose,
                        "status": evaluation.status,
                    },
                    rows=tuple(
                        {
                            "title": d.title,
                            "due": d.due,
                            "due_text": d.due_text,
                            "delivered": d.delivered,
                        }
                        for d in evaluation.deliverables
                    ),
                )
            )
    title = None
    if request.participant is not None:
        title = f"{programme.name}: {names.get(request.participant, request.participant)}"
    return make_report(
        SCHEMA, programme, request, sections, title=title, participant=request.participant
    )


_STATUS_IN = L("Status i", "Status i", "Status in")
_VISITS = L("Besøk i", "Besøk i", "Visits to")
_EVENTS = L("Besøk og møter i", "Besøk og møte i", "Visits and meetings in")


def _events_title(events: Sequence[Event], participant: str, language: Language) -> str:
    """ "Besøk i Molde kommune" where every event is a visit, else "Besøk og møter i"."""
    if all(e.kind is EventKind.VISIT for e in events):
        return f"{_VISITS.get(language)} {participant}"
    return f"{_EVENTS.get(language)} {participant}"


FORMAT = ReportFormat(
    id="status",
    schema=SCHEMA,
    build=build,
    description="Half-yearly or tertial status, of the programme or of one participant",
    needs_period=True,
)

__all__ = [
    "CHANGE_KIND",
    "DIMENSIONS",
    "EVENT_KIND",
    "FORMAT",
    "PROGRAMME",
    "SCHEMA",
    "TREND",
    "build",
    "changes",
    "trend",
]
