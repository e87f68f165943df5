"""``project-plan`` and ``final-report``: the plan a project starts from (mandate,
goals, organisation, success factors, plans) and the report it ends with (goal
attainment, subprojects and their recommendations, deviations, lessons)."""

from __future__ import annotations

from ..hookspecs import BuildRequest, ReportFormat
from ..model import GoalKind, LessonKind, PartialDate, Programme
from ..report import Column, Report, ReportSchema, Section, SectionSchema, Value
from ..report import FieldType as T
from .common import GOAL_KIND, ROLE, WORK_STATUS, L, col, holder, language_of
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

PROJECT_PLAN = ReportSchema(
    id="project-plan",
    title=L("Prosjektplan", "Prosjektplan", "Project plan"),
    sections=(
        SectionSchema(
            key="background",
            title=L("Bakgrunn", "Bakgrunn", "Background"),
            fields=(
                col("background", T.PARAGRAPHS, "Bakgrunn", "Bakgrunn", "Background"),
                col("target_group", T.TEXT, "Målgruppe", "Målgruppe", "Target group"),
            ),
        ),
        SectionSchema(
            key="mandate",
            title=L("Mandat", "Mandat", "Mandate"),
            fields=(col("mandate", T.PARAGRAPHS, "Mandat", "Mandat", "Mandate"),),
        ),
        _GOALS,
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
            title=L(
                "Innsatsområder og prosjektområder", "Innsatsområde og prosjektområde", "Areas"
            ),
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


def _span(start: PartialDate | None, end: PartialDate | None) -> str | None:
    if start is None and end is None:
        return None
    return f"{start or ''}–{end or ''}"


def build_project_plan(programme: Programme, request: BuildRequest) -> Report:
    """The project plan of ``programme``."""
    language = language_of(programme, request)
    bodies = {b.id: b.name for b in programme.bodies}
    milestones = build_milestone_plan(programme, request).sections_for("milestones")[0].rows
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
        Section(
            key="organisation",
            rows=tuple(
                {
                    "role": ROLE[r.role].get(language),
                    "holder": holder(programme, r),
                    "body": bodies.get(r.body or ""),
                    "period": _span(r.start, r.end),
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
                {"title": d.title, "date": d.date, "url": d.url} for d in programme.documents
            ),
        ),
    ]
    return Report(
        schema=PROJECT_PLAN,
        language=language,
        title=programme.name,
        programme=programme.id,
        period=request.period,
        sections=tuple(sections),
    )


FINAL_REPORT = ReportSchema(
    id="final-report",
    title=L("Sluttrapport", "Sluttrapport", "Final report"),
    sections=(
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
                    "Milepæler nådd",
                    "Milepælar nådd",
                    "Milestones reached",
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


def build_final_report(programme: Programme, request: BuildRequest) -> Report:
    """The final report: goal attainment, subprojects with their recommendations,
    milestones not reached (deviations) and lessons."""
    language = language_of(programme, request)
    areas = {a.id: a.name for a in programme.project_areas}
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
    sections = [
        Section(
            key="summary",
            values={
                "mandate": programme.mandate,
                "subprojects": len(programme.subprojects),
                "completed": sum(
                    1 for s in programme.subprojects if s.status and s.status.value == "completed"
                ),
                "milestones_done": sum(1 for m in programme.milestones if m.done),
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
                    "area": areas.get(s.area or ""),
                    "status": WORK_STATUS[s.status].get(language) if s.status else None,
                    "delivered": s.delivered,
                    "recommendations": s.recommendations or None,
                }
                for s in programme.subprojects
            ),
        ),
        Section(
            key="deviations",
            rows=tuple(
                {
                    "milestone": m.title,
                    "estimated_finish": m.estimated_finish,
                    "report_status_text": m.report_status_text,
                }
                for m in programme.milestones
                if not m.done
            ),
        ),
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
    return Report(
        schema=FINAL_REPORT,
        language=language,
        title=programme.name,
        programme=programme.id,
        period=request.period,
        sections=tuple(sections),
    )


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
