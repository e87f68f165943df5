"""``status``: the half-yearly (or tertial) status of a programme, as the ministry's
"Stifinneren – status pr. august 2004" gives it: an introduction, a summary of every
participant's status, a section per participant with its own report and the
ministry's visit, joint activities, and the evaluation. With a participant, the
status of that participant alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..errors import FieldError
from ..formatting import RAG_LABELS, format_value
from ..hookspecs import BuildRequest, ReportFormat
from ..model import (
    ChangeKind,
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
from ..report import Labels, Report, ReportSchema, Section, SectionSchema, Value
from .common import (
    L,
    col,
    event_in,
    holder,
    language_of,
    owner_of,
    when,
)

DIMENSIONS: dict[str, Labels] = {
    "progress": L("Framdrift", "Framdrift", "Progress"),
    "economy": L("Økonomi", "Økonomi", "Economy"),
    "quality": L("Kvalitet", "Kvalitet", "Quality"),
    "risk": L("Risiko", "Risiko", "Risk"),
}
"""The common status dimensions and their words, each a RAG field and column."""

SCHEMA = ReportSchema(
    id="status",
    title=L("Statusrapport", "Statusrapport", "Status report"),
    sections=(
        SectionSchema(
            key="introduction",
            title=L("Innledning", "Innleiing", "Introduction"),
            fields=(
                col("programme", T.TEXT, "Program", "Program", "Programme", required=True),
                col("period", T.PERIOD, "Periode", "Periode", "Period"),
                col(
                    "participants",
                    T.INTEGER,
                    "Antall deltakere",
                    "Tal på deltakarar",
                    "Participants",
                ),
                col(
                    "reported",
                    T.INTEGER,
                    "Antall som har rapportert",
                    "Tal som har rapportert",
                    "Reported",
                ),
                col(
                    "not_reported",
                    T.TEXT_LIST,
                    "Ikke rapportert",
                    "Ikkje rapportert",
                    "Not reported",
                ),
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
            key="summary",
            title=L(
                "Oversikt over deltakerne", "Oversikt over deltakarane", "Participants at a glance"
            ),
            columns=(
                col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant", required=True),
                col("reported", T.BOOLEAN, "Rapportert", "Rapportert", "Reported", required=True),
                col("overall", T.RAG, "Samlet", "Samla", "Overall"),
                *(
                    col(key, T.RAG, labels.nb, labels.nn, labels.en)
                    for key, labels in DIMENSIONS.items()
                ),
                col("other", T.TEXT_LIST, "Andre forhold", "Andre forhold", "Other dimensions"),
                col(
                    "change",
                    T.TEXT,
                    "Siden forrige periode",
                    "Sidan førre periode",
                    "Since the previous period",
                ),
                col("note", T.TEXT, "Merknad", "Merknad", "Note"),
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
        SectionSchema(
            key="participant",
            title=L("Deltaker", "Deltakar", "Participant"),
            repeat=True,
            fields=(
                col("source", T.TEXT, "Grunnlag", "Grunnlag", "Based on"),
                col("reported_on", T.DATE, "Rapportert", "Rapportert", "Reported on"),
                col("overall", T.RAG, "Samlet status", "Samla status", "Overall status"),
                *(
                    col(key, T.RAG, labels.nb, labels.nn, labels.en)
                    for key, labels in DIMENSIONS.items()
                ),
                col("other", T.TEXT_LIST, "Andre forhold", "Andre forhold", "Other dimensions"),
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
            key="visits",
            title=L("Besøk", "Besøk", "Visits"),
            level=2,
            repeat=True,
            columns=(
                col("when", T.TEXT, "Når", "Når", "When"),
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("title", T.TEXT, "Besøk", "Besøk", "Visit"),
                col("focus", T.TEXT_LIST, "Fokus", "Fokus", "Focus"),
                col("people", T.TEXT_LIST, "Deltok", "Deltok", "Taking part"),
            ),
        ),
        SectionSchema(
            key="joint_activities",
            title=L("Felles aktiviteter", "Felles aktivitetar", "Joint activities"),
            columns=(
                col("start", T.DATE, "Fra", "Frå", "From"),
                col("end", T.DATE, "Til", "Til", "To"),
                col("title", T.TEXT, "Aktivitet", "Aktivitet", "Activity", required=True),
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


def _dimension_values(entry: StatusEntry | None) -> dict[str, Value]:
    values: dict[str, Value] = dict.fromkeys(DIMENSIONS)
    other: list[str] = []
    if entry is not None:
        for dimension in entry.dimensions:
            if dimension.dimension in DIMENSIONS:
                values[dimension.dimension] = dimension.rag
            else:
                other.append(f"{dimension.dimension}: {dimension.rag.value}")
        values["overall"] = entry.overall
    values["other"] = tuple(other) or None
    return values


_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}

TREND: dict[str, Labels] = {
    "better": L("Bedre", "Betre", "Better"),
    "worse": L("Dårligere", "Dårlegare", "Worse"),
    "same": L("Uendret", "Uendra", "Unchanged"),
    "changed": L("Endret", "Endra", "Changed"),
    "first": L("Første rapport", "Første rapport", "First report"),
}
"""How a participant's overall status moved since the previous period."""

CHANGE_KIND: dict[str, Labels] = {
    "status": L("Status endret", "Status endra", "Status moved"),
    "done": L("Milepæl nådd", "Milepæl nådd", "Milestone reached"),
    "slipped": L("Milepæl forsinket", "Milepæl forseinka", "Milestone slipped"),
    "realised": L("Gevinst realisert", "Gevinst realisert", "Savings realised"),
}
"""The kinds of change the ``changes`` section lists."""


def _trend(now: StatusEntry | None, before: StatusEntry | None) -> str | None:
    if now is None or now.overall is None:
        return None
    if before is None or before.overall is None:
        return "first"
    if now.overall == before.overall:
        return "same"
    if now.overall in _RANK and before.overall in _RANK:
        return "better" if _RANK[now.overall] > _RANK[before.overall] else "worse"
    return "changed"


def changes(
    programme: Programme,
    participant: str,
    period: Period,
    language: Language,
    *,
    milestones: Sequence[Milestone] | None = None,
    measures: Sequence[Measure] | None = None,
) -> list[dict[str, Value]]:
    """The rows of the ``changes`` section for ``participant``: what
    :func:`~omstilling.model.changes_since` finds, in words of ``language``."""
    name = next((o.name for o in programme.organisations if o.id == participant), participant)
    overall = L("Samlet", "Samla", "Overall")
    rows: list[dict[str, Value]] = []
    for change in changes_since(
        programme, participant, period, milestones=milestones, measures=measures
    ):
        item: str | None = change.item
        before: str | None = None
        after: str | None = None
        if change.kind is ChangeKind.STATUS:
            words = overall if change.item == "overall" else DIMENSIONS.get(change.item)
            item = words.get(language) if words else change.item
            assert isinstance(change.before, Rag)
            assert isinstance(change.after, Rag)
            before = RAG_LABELS[change.before].get(language)
            after = RAG_LABELS[change.after].get(language)
        elif change.kind is ChangeKind.DONE:
            assert isinstance(change.after, PartialDate)
            after = format_value(change.after, T.DATE, language)
        elif change.kind is ChangeKind.SLIPPED:
            assert isinstance(change.before, PartialDate)
            before = format_value(change.before, T.DATE, language)
            after = change.after if isinstance(change.after, str) else None
        else:
            assert isinstance(change.after, Money)
            after = format_value(change.after, T.MONEY, language)
        rows.append(
            {
                "participant": name,
                "kind": CHANGE_KIND[change.kind.value].get(language),
                "item": item,
                "before": before,
                "after": after,
            }
        )
    return rows


def build(programme: Programme, request: BuildRequest) -> Report:
    """The status of every participant (or of ``request.participant``) for
    ``request.period``."""
    language = language_of(programme, request)
    period = request.period
    names = {o.id: o.name for o in programme.organisations}
    people = {p.id: p.name for p in programme.people}
    participants = [
        p
        for p in programme.participants
        if request.participant is None or p.organisation == request.participant
    ]
    entries = {
        p.organisation: programme.status_for(p.organisation, period) if period else None
        for p in participants
    }
    not_reported = "Ikke rapportert" if language.value == "nb" else "Ikkje rapportert"
    if language.value == "en":
        not_reported = "Not reported"
    try:
        before = period.previous() if period else None
    except FieldError:  # the first period of the year 1000 has none before it
        before = None
    previous = {
        p.organisation: programme.status_for(p.organisation, before) if before else None
        for p in participants
    }
    missing = tuple(
        names.get(p.organisation, p.organisation)
        for p in participants
        if entries[p.organisation] is None
    )
    sections = [
        Section(
            key="introduction",
            values={
                "programme": programme.name,
                "period": period,
                "participants": len(participants),
                "reported": sum(1 for e in entries.values() if e is not None),
                "not_reported": (missing or None) if period else None,
                "description": programme.description,
            },
        ),
        Section(
            key="summary",
            rows=tuple(
                {
                    "participant": names.get(p.organisation, p.organisation),
                    "reported": entries[p.organisation] is not None,
                    **_dimension_values(entries[p.organisation]),
                    "change": _trend_word(
                        entries[p.organisation], previous[p.organisation], language
                    ),
                    "note": None if entries[p.organisation] is not None else not_reported,
                }
                for p in participants
            ),
        ),
    ]
    if period is not None:
        owner = owner_of(programme)
        milestones_by: dict[str | None, list[Milestone]] = defaultdict(list)
        for milestone in programme.milestones:
            milestones_by[owner(milestone)].append(milestone)
        measures_by: dict[str | None, list[Measure]] = defaultdict(list)
        for measure in programme.measures:
            measures_by[owner(measure)].append(measure)
        changed = [
            row
            for p in participants
            for row in changes(
                programme,
                p.organisation,
                period,
                language,
                milestones=milestones_by[p.organisation],
                measures=measures_by[p.organisation],
            )
        ]
        if changed:
            sections.append(Section(key="changes", rows=tuple(changed)))
    for participant in participants:
        entry = entries[participant.organisation]
        leaders = tuple(
            holder(programme, role) + (f" – {role.note}" if role.note else "")
            for role in programme.roles
            if role.role is Role.PROJECT_LEADER and role.organisation == participant.organisation
        )
        values: dict[str, Value] = {
            **_dimension_values(entry),
            "leaders": leaders or None,
            "missing": None if entry is not None else not_reported,
        }
        if entry is not None:
            values.update(
                source=entry.source,
                reported_on=entry.reported_on,
                narrative=entry.narrative,
                steering_group_meetings=entry.steering_group_meetings,
                next_steps=entry.next_steps or None,
                risks=entry.risks or None,
            )
        sections.append(
            Section(
                key="participant",
                title=names.get(participant.organisation, participant.organisation),
                values=values,
            )
        )
        visits = [
            e
            for e in programme.events
            if e.kind is EventKind.VISIT
            and participant.organisation in e.participants
            and event_in(e, period)
        ]
        if visits:
            sections.append(
                Section(
                    key="visits",
                    title=_visits_title(language.value, names.get(participant.organisation, "")),
                    rows=tuple(
                        {
                            "when": e.when,
                            "date": e.start,
                            "title": e.title,
                            "focus": e.focus or None,
                            "people": tuple(people.get(x, x) for x in e.people) or None,
                        }
                        for e in visits
                    ),
                )
            )
    if request.participant is None:
        joint = [
            e
            for e in programme.events
            if e.kind is EventKind.JOINT_GATHERING and event_in(e, period)
        ]
        if joint:
            rows = []
            for e in joint:
                start, end = when(e.start, e.end)
                rows.append(
                    {
                        "start": start,
                        "end": end,
                        "title": e.title,
                        "place": e.place,
                        "audience": e.audience,
                        "focus": e.focus or None,
                        "description": e.description,
                    }
                )
            sections.append(Section(key="joint_activities", rows=tuple(rows)))
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
    title = programme.name
    if request.participant is not None:
        title = f"{programme.name}: {names.get(request.participant, request.participant)}"
    return Report(
        schema=SCHEMA,
        language=language,
        title=title,
        programme=programme.id,
        participant=request.participant,
        period=period,
        sections=tuple(sections),
    )


def _trend_word(
    now: StatusEntry | None, before: StatusEntry | None, language: Language
) -> str | None:
    trend = _trend(now, before)
    return None if trend is None else TREND[trend].get(language)


def _visits_title(language: str, participant: str) -> str:
    if language == "en":
        return f"Visits to {participant}"
    return f"Besøk i {participant}"


FORMAT = ReportFormat(
    id="status",
    schema=SCHEMA,
    build=build,
    description="Half-yearly or tertial status, of the programme or of one participant",
    needs_period=True,
)

__all__ = ["CHANGE_KIND", "DIMENSIONS", "FORMAT", "SCHEMA", "TREND", "build", "changes"]
