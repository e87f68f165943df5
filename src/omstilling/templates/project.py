"""``project-plan`` and ``final-report``: the plan a project starts from (mandate,
goals, organisation, success factors, plans) and the report it ends with (goal
attainment, subprojects and their recommendations, deviations, lessons)."""

from __future__ import annotations

import datetime as dt

from ..formatting import format_value
from ..hookspecs import BuildRequest, ReportFormat
from ..model import (
    GoalKind,
    Language,
    LessonKind,
    Milestone,
    PartialDate,
    Period,
    Programme,
    done_by,
)
from ..report import Column, Presentation, Report, ReportSchema, Section, SectionSchema, Value
from ..report import FieldType as T
from ._deviations import DEVIATION_LOG, deviations_closed
from ._economy import FINAL_ECONOMY_SCHEMAS, economy_over
from ._structure import participant_name, party_name, subprojects_in_order
from ._summary import SUMMARY_SCHEMAS, latest_period, summary_sections
from .common import (
    GOAL_KIND,
    ROLE,
    WORK_STATUS,
    L,
    col,
    holder,
    language_of,
    make_report,
    organisation_name,
)
from .plans import MILESTONE_PLAN, PROGRESS_PLAN, build_milestone_plan, build_progress_plan


def _columns(schema: ReportSchema, section: str, keys: tuple[str, ...]) -> tuple[Column, ...]:
    """The columns ``keys`` of another template's table, in that order."""
    table = schema.section(section)
    return tuple(table.column(key) for key in keys)


_GOALS = SectionSchema(
    key="goals",
    title=L("Mål", "Mål", "Goals"),
    columns=(
        col("kind", T.TEXT, "Type mål", "Type mål", "Kind", required=True),
        col("text", T.PARAGRAPHS, "Mål", "Mål", "Goal", required=True),
        col("area", T.TEXT, "Område", "Område", "Area"),
        col("phase", T.TEXT, "Fase", "Fase", "Phase"),
    ),
)

_PART_OF = col("part_of", T.TEXT, "Del av", "Del av", "Part of")
"""The subproject a subproject is part of; subprojects are listed depth first."""

PROJECT_PLAN = ReportSchema(
    id="project-plan",
    title=L("Prosjektplan", "Prosjektplan", "Project plan"),
    sections=(
        SectionSchema(
            key="background",
            title=L("Bakgrunn", "Bakgrunn", "Background"),
            presentation=Presentation.NARRATIVE,
            fields=(
                col("background", T.PARAGRAPHS, "Bakgrunn", "Bakgrunn", "Background"),
                col("target_group", T.TEXT, "Målgruppe", "Målgruppe", "Target group"),
            ),
        ),
        SectionSchema(
            key="mandate",
            title=L("Mandat", "Mandat", "Mandate"),
            presentation=Presentation.NARRATIVE,
            fields=(col("mandate", T.PARAGRAPHS, "Mandat", "Mandat", "Mandate"),),
        ),
        _GOALS,
        SectionSchema(
            key="participants",
            title=L("Deltakere", "Deltakarar", "Participants"),
            columns=(
                col("name", T.TEXT, "Deltaker", "Deltakar", "Participant", required=True),
                col(
                    "local_name",
                    T.TEXT,
                    "Eget navn på prosjektet",
                    "Eige namn på prosjektet",
                    "Own name for the project",
                ),
                col("joined", T.DATE, "Med fra", "Med frå", "Joined"),
                col("left", T.DATE, "Gikk ut", "Gjekk ut", "Left"),
            ),
        ),
        SectionSchema(
            key="subprojects",
            title=L("Delprosjekter", "Delprosjekt", "Subprojects"),
            columns=(
                col("code", T.TEXT, "Nr.", "Nr.", "No."),
                col("name", T.TEXT, "Delprosjekt", "Delprosjekt", "Subproject", required=True),
                _PART_OF,
                col("area", T.TEXT, "Område", "Område", "Area"),
                col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant"),
                col("leader", T.TEXT, "Leder", "Leiar", "Leader"),
                col("deadline", T.DATE, "Frist", "Frist", "Deadline"),
            ),
        ),
        SectionSchema(
            key="organisation",
            title=L("Organisering", "Organisering", "Organisation"),
            columns=(
                col("role", T.TEXT, "Rolle", "Rolle", "Role", required=True),
                col("holder", T.TEXT, "Hvem", "Kven", "Who", required=True),
                col("body", T.TEXT, "Organ", "Organ", "Body"),
                col("period", T.TEXT, "Periode", "Periode", "Period"),
            ),
        ),
        SectionSchema(
            key="bodies",
            title=L("Organer", "Organ", "Bodies"),
            columns=(
                col("name", T.TEXT, "Organ", "Organ", "Body", required=True),
                col("description", T.TEXT, "Beskrivelse", "Skildring", "Description"),
            ),
        ),
        SectionSchema(
            key="success_factors",
            title=L("Suksessfaktorer", "Suksessfaktorar", "Success factors"),
            presentation=Presentation.NARRATIVE,
            fields=(
                col(
                    "factors", T.TEXT_LIST, "Suksessfaktorer", "Suksessfaktorar", "Success factors"
                ),
            ),
        ),
        SectionSchema(
            key="phases",
            title=L("Faser", "Fasar", "Phases"),
            columns=(
                col("number", T.INTEGER, "Nr.", "Nr.", "No."),
                col("name", T.TEXT, "Fase", "Fase", "Phase", required=True),
                col("description", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),
            ),
        ),
        SectionSchema(
            key="areas",
            title=L("Innsats- og prosjektområder", "Innsats- og prosjektområde", "Areas"),
            columns=(
                col("name", T.TEXT, "Område", "Område", "Area", required=True),
                col("description", T.TEXT, "Beskrivelse", "Skildring", "Description"),
            ),
        ),
        SectionSchema(
            key="progress",
            title=L(
                "Tiltak, tidsramme og ansvar",
                "Tiltak, tidsramme og ansvar",
                "Activities, time and responsibility",
            ),
            columns=_columns(
                PROGRESS_PLAN,
                "phase",
                ("number", "activity", "time", "responsible", "done", "comments"),
            ),
        ),
        SectionSchema(
            key="milestones",
            title=L("Milepælsplan", "Milepælsplan", "Milestone plan"),
            columns=_columns(
                MILESTONE_PLAN,
                "milestones",
                ("estimated_start", "estimated_finish", "title", "done"),
            ),
        ),
        SectionSchema(
            key="links",
            title=L("Lenker og dokumenter", "Lenker og dokument", "Links and documents"),
            columns=(
                col("title", T.TEXT, "Dokument", "Dokument", "Document", required=True),
                col("author", T.TEXT, "Forfatter", "Forfattar", "Author"),
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("url", T.TEXT, "Lenke", "Lenke", "Link"),
            ),
        ),
    ),
)


def _goal_rows(
    programme: Programme, request: BuildRequest, kinds: set[GoalKind] | None = None
) -> tuple[dict[str, Value], ...]:
    language = language_of(programme, request)
    areas = {a.id: a.name for a in programme.project_areas}
    phases = {p.id: p.name for p in programme.phases}
    return tuple(
        {
            "kind": GOAL_KIND[g.kind].get(language),
            "text": g.text,
            "area": areas.get(g.area or ""),
            "phase": phases.get(g.phase or ""),
        }
        for g in programme.goals
        if kinds is None or g.kind in kinds
    )


_FROM = {Language.NB: "fra", Language.NN: "frå", Language.EN: "from"}
_UNTIL = {Language.NB: "til", Language.NN: "til", Language.EN: "until"}


def _span(start: PartialDate | None, end: PartialDate | None, language: Language) -> str | None:
    """A period in words: "januar 2017–februar 2018", "fra januar 2017", "til
    februar 2018"."""
    first, last = (format_value(d, T.DATE, language) if d else "" for d in (start, end))
    if first and last:
        return first if first == last else f"{first}–{last}"
    if first:
        return f"{_FROM[language]} {first}"
    if last:
        return f"{_UNTIL[language]} {last}"
    return None


def _filled(sections: list[Section]) -> list[Section]:
    """The sections that hold something: a heading with nothing under it is left out."""
    return [s for s in sections if s.values or s.rows or s.note]


def _participant_rows(programme: Programme, language: Language) -> tuple[dict[str, Value], ...]:
    return tuple(
        {
            # with what it was made from or became part of, and from when
            "name": participant_name(programme, p.organisation, language),
            "local_name": p.local_name,
            "joined": p.joined,
            "left": p.left,
        }
        for p in programme.participants
    )


def _subproject_rows(programme: Programme) -> tuple[dict[str, Value], ...]:
    areas = {a.id: a.name for a in programme.project_areas}
    people = {p.id: p.name for p in programme.people}
    names = {s.id: s.name for s in programme.subprojects}
    return tuple(
        {
            "code": s.code,
            "name": s.name,
            "part_of": names.get(s.parent or ""),
            "area": areas.get(s.area or ""),
            "participant": organisation_name(programme, s.participant),
            "leader": people.get(s.leader or ""),
            "deadline": s.deadline,
        }
        for s, _depth in subprojects_in_order(programme)
    )


def build_project_plan(programme: Programme, request: BuildRequest) -> Report:
    """The project plan of ``programme``."""
    language = language_of(programme, request)
    bodies = {b.id: b.name for b in programme.bodies}
    plan = build_milestone_plan(programme, request)
    milestones = [row for s in plan.sections_for("milestones") for row in s.rows]
    progress = [row for s in build_progress_plan(programme, request).sections for row in s.rows]
    sections = [
        Section(
            key="background",
            values={
                "background": programme.background or programme.description,
                "target_group": programme.target_group,
            },
        ),
        Section(key="mandate", values={"mandate": programme.mandate}),
        Section(key="goals", rows=_goal_rows(programme, request)),
        Section(key="participants", rows=_participant_rows(programme, language)),
        Section(key="subprojects", rows=_subproject_rows(programme)),
        Section(
            key="organisation",
            rows=tuple(
                {
                    "role": ROLE[r.role].get(language),
                    "holder": holder(programme, r),
                    "body": bodies.get(r.body or ""),
                    "period": _span(r.start, r.end, language),
                }
                for r in programme.roles
            ),
        ),
        Section(
            key="bodies",
            rows=tuple({"name": b.name, "description": b.description} for b in programme.bodies),
        ),
        Section(key="success_factors", values={"factors": programme.success_factors or None}),
        Section(
            key="phases",
            rows=tuple(
                {"number": p.number, "name": p.name, "description": p.description}
                for p in programme.phases
            ),
        ),
        Section(
            key="areas",
            rows=tuple(
                {"name": a.name, "description": a.description} for a in programme.project_areas
            ),
        ),
        Section(
            key="progress",
            rows=tuple(
                {
                    k: row.get(k)
                    for k in ("number", "activity", "time", "responsible", "done", "comments")
                }
                for row in progress
            ),
        ),
        Section(
            key="milestones",
            rows=tuple(
                {k: row.get(k) for k in ("estimated_start", "estimated_finish", "title", "done")}
                for row in milestones
            ),
        ),
        Section(
            key="links",
            rows=tuple(
                {
                    "title": d.title,
                    "author": party_name(programme, d.author),
                    "date": d.date,
                    "url": d.url,
                }
                for d in programme.documents
            ),
        ),
    ]
    return make_report(PROJECT_PLAN, programme, request, _filled(sections))


FINAL_REPORT = ReportSchema(
    id="final-report",
    title=L("Sluttrapport", "Sluttrapport", "Final report"),
    sections=(
        *SUMMARY_SCHEMAS,
        SectionSchema(
            key="summary",
            title=L("Sammendrag", "Samandrag", "Summary"),
            fields=(
                col("mandate", T.PARAGRAPHS, "Mandat", "Mandat", "Mandate"),
                col("subprojects", T.INTEGER, "Delprosjekter", "Delprosjekt", "Subprojects"),
                col("completed", T.INTEGER, "Fullført", "Fullført", "Completed"),
                col(
                    "milestones_done",
                    T.INTEGER,
                    "Milepæler nådd hittil",
                    "Milepælar nådd hittil",
                    "Milestones reached to date",
                ),
                col(
                    "milestones",
                    T.INTEGER,
                    "Milepæler i alt",
                    "Milepælar i alt",
                    "Milestones in all",
                ),
            ),
        ),
        SectionSchema(
            key="goal_attainment",
            title=L("Måloppnåelse", "Måloppnåing", "Goal attainment"),
            columns=(
                col("kind", T.TEXT, "Type mål", "Type mål", "Kind", required=True),
                col("goal", T.PARAGRAPHS, "Mål", "Mål", "Goal", required=True),
                col("area", T.TEXT, "Område", "Område", "Area"),
                col("indicator", T.TEXT, "Indikator", "Indikator", "Indicator"),
                col("target", T.DECIMAL, "Mål (verdi)", "Mål (verdi)", "Target"),
                col("actual", T.DECIMAL, "Oppnådd", "Oppnådd", "Achieved"),
                col("unit", T.TEXT, "Enhet", "Eining", "Unit"),
            ),
        ),
        SectionSchema(
            key="subprojects",
            title=L(
                "Delprosjekter og anbefalinger",
                "Delprosjekt og tilrådingar",
                "Subprojects and recommendations",
            ),
            columns=(
                col("code", T.TEXT, "Nr.", "Nr.", "No."),
                col("name", T.TEXT, "Delprosjekt", "Delprosjekt", "Subproject", required=True),
                _PART_OF,
                col("area", T.TEXT, "Område", "Område", "Area"),
                col("status", T.TEXT, "Status", "Status", "Status"),
                col("delivered", T.DATE, "Levert", "Levert", "Delivered"),
                col(
                    "recommendations", T.TEXT_LIST, "Anbefalinger", "Tilrådingar", "Recommendations"
                ),
            ),
        ),
        SectionSchema(
            key="deviations",
            title=L("Avvik", "Avvik", "Deviations"),
            columns=(
                col("milestone", T.TEXT, "Milepæl", "Milepæl", "Milestone", required=True),
                col(
                    "estimated_finish", T.DATE, "Antatt ferdig", "Antatt ferdig", "Estimated finish"
                ),
                col("report_status_text", T.TEXT, "Status", "Status", "Status"),
            ),
        ),
        DEVIATION_LOG,
        *FINAL_ECONOMY_SCHEMAS,
        SectionSchema(
            key="lessons",
            title=L("Erfaringer", "Erfaringar", "Lessons"),
            fields=(
                col(
                    "worked_well",
                    T.TEXT_LIST,
                    "Hva har fungert bra",
                    "Kva har fungert bra",
                    "What worked well",
                ),
                col("challenges", T.TEXT_LIST, "Utfordringer", "Utfordringar", "Challenges"),
                col("findings", T.TEXT_LIST, "Funn", "Funn", "Findings"),
                col("advice", T.TEXT_LIST, "Råd", "Råd", "Advice"),
            ),
        ),
    ),
)


_AS_OF = {Language.NB: "per", Language.NN: "per", Language.EN: "as of"}


def _as_of(programme: Programme, request: BuildRequest) -> tuple[Period | None, dt.date | None]:
    """The period and the day a final report speaks of, one for all its sections:
    the period asked for, else the latest any participant reported status for, and
    the end of that period; without either, no period and the end of the programme."""
    period = request.period or latest_period(programme)
    if period is not None:
        return period, period.end()
    if programme.period is not None and programme.period.end is not None:
        return None, programme.period.end.last_day()
    return None, None


def _reached(milestone: Milestone, day: dt.date | None) -> bool:
    """Whether ``milestone`` was reached by ``day`` (``None``: at all)."""
    return milestone.done if day is None else done_by(milestone, day)


def _deviations(programme: Programme, language: Language, day: dt.date | None) -> Section:
    """The milestones not reached by ``day``, the day the report speaks of, with that
    day in the heading ("Avvik per 31. desember 2012")."""
    title = None
    if day is not None:
        heading = FINAL_REPORT.section("deviations").title.get(language)
        when = format_value(PartialDate.from_date(day), T.DATE, language)
        title = f"{heading} {_AS_OF[language]} {when}"
    return Section(
        key="deviations",
        title=title,
        rows=tuple(
            {
                "milestone": m.title,
                "estimated_finish": m.estimated_finish,
                "report_status_text": m.report_status_text,
            }
            for m in programme.milestones
            if not _reached(m, day)
        ),
    )


def build_final_report(programme: Programme, request: BuildRequest) -> Report:
    """The final report: goal attainment, subprojects with their recommendations,
    milestones not reached (deviations) and lessons."""
    language = language_of(programme, request)
    areas = {a.id: a.name for a in programme.project_areas}
    subprojects = {s.id: s.name for s in programme.subprojects}
    indicators = {i.id: i for i in programme.indicators}
    attainment = []
    for goal in programme.goals:
        if goal.kind not in (GoalKind.MAIN, GoalKind.EFFECT):
            continue
        indicator = indicators.get(goal.indicator or "")
        actual = None
        if indicator is not None and indicator.values:
            actual = max(indicator.values, key=lambda v: v.period).actual
        attainment.append(
            {
                "kind": GOAL_KIND[goal.kind].get(language),
                "goal": goal.text,
                "area": areas.get(goal.area or ""),
                "indicator": indicator.name if indicator else None,
                "target": indicator.target if indicator else None,
                "actual": actual,
                "unit": indicator.unit if indicator else None,
            }
        )
    lessons = {
        kind: tuple(lesson.text for lesson in programme.lessons if lesson.kind is kind) or None
        for kind in LessonKind
    }
    period, day = _as_of(programme, request)
    sections = [
        *summary_sections(programme, period, language),
        Section(
            key="summary",
            values={
                "mandate": programme.mandate,
                # no subprojects is nothing to count
                "subprojects": len(programme.subprojects) or None,
                "completed": sum(
                    1 for s in programme.subprojects if s.status and s.status.value == "completed"
                )
                if programme.subprojects
                else None,
                "milestones_done": sum(1 for m in programme.milestones if _reached(m, day)),
                "milestones": len(programme.milestones),
            },
        ),
        Section(key="goal_attainment", rows=tuple(attainment)),
        Section(
            key="subprojects",
            rows=tuple(
                {
                    "code": s.code,
                    "name": s.name,
                    "part_of": subprojects.get(s.parent or ""),
                    "area": areas.get(s.area or ""),
                    "status": WORK_STATUS[s.status].get(language) if s.status else None,
                    "delivered": s.delivered,
                    "recommendations": s.recommendations or None,
                }
                for s, _depth in subprojects_in_order(programme)
            ),
        ),
        _deviations(programme, language, day),
        *deviations_closed(programme, period, language),
        *economy_over(programme, period, language),
        Section(
            key="lessons",
            values={
                "worked_well": lessons[LessonKind.WORKED_WELL],
                "challenges": lessons[LessonKind.CHALLENGE],
                "findings": lessons[LessonKind.FINDING],
                "advice": lessons[LessonKind.ADVICE],
            },
        ),
    ]
    return make_report(FINAL_REPORT, programme, request, _filled(sections))


PROJECT_PLAN_FORMAT = ReportFormat(
    id="project-plan",
    schema=PROJECT_PLAN,
    build=build_project_plan,
    description="Project plan: background, mandate, goals, organisation, success factors, plans",
)
FINAL_REPORT_FORMAT = ReportFormat(
    id="final-report",
    schema=FINAL_REPORT,
    build=build_final_report,
    description="Final report: goal attainment, subprojects, recommendations, deviations, lessons",
)

__all__ = [
    "FINAL_REPORT",
    "FINAL_REPORT_FORMAT",
    "PROJECT_PLAN",
    "PROJECT_PLAN_FORMAT",
    "build_final_report",
    "build_project_plan",
]
