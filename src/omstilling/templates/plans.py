"""``milestone-plan`` and ``progress-plan``: the two tables of a municipal project
plan, with the columns of Hammerfest's "Sjumilssteget"."""

from __future__ import annotations

import attrs

from ..hookspecs import BuildRequest, ReportFormat
from ..model import Programme, Role
from ..report import FieldType as T
from ..report import (
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Timeline,
    as_bool,
    as_date,
    as_text,
)
from ._structure import subproject_paths
from .common import L, col, holder, make_report

MILESTONE_PLAN = ReportSchema(
    id="milestone-plan",
    title=L("Milepælsplan", "Milepælsplan", "Milestone plan"),
    sections=(
        SectionSchema(
            key="project",
            title=L("Prosjekt", "Prosjekt", "Project"),
            fields=(
                col("name", T.TEXT, "Prosjektnavn", "Prosjektnamn", "Project name", required=True),
                col("leaders", T.TEXT_LIST, "Koordinator", "Koordinator", "Coordinator"),
            ),
        ),
        SectionSchema(
            key="milestones",
            title=L("Milepæler", "Milepælar", "Milestones"),
            columns=(
                col("id", T.TEXT, "Id", "Id", "Id", required=True, hidden=True),
                col(
                    "estimated_start",
                    T.DATE,
                    "Antatt start-tidspunkt",
                    "Antatt start-tidspunkt",
                    "Estimated start",
                ),
                col(
                    "estimated_finish",
                    T.DATE,
                    "Antatt ferdig tidspunkt",
                    "Antatt ferdig tidspunkt",
                    "Estimated finish",
                ),
                col("title", T.TEXT, "Milepæler", "Milepælar", "Milestone", required=True),
                col("report_date", T.DATE, "Rapport dato", "Rapport dato", "Report date"),
                col(
                    "report_status_text",
                    T.TEXT,
                    "Rapporttekst status",
                    "Rapporttekst status",
                    "Status report",
                ),
                col("done", T.BOOLEAN, "Utført", "Utført", "Done", required=True),
                col("subproject", T.TEXT, "Delprosjekt", "Delprosjekt", "Subproject"),
                col("responsible", T.TEXT, "Ansvar", "Ansvar", "Responsible"),
            ),
            timeline=Timeline(
                label="title",
                start="estimated_start",
                finish="estimated_finish",
                group="subproject",
                done="done",
                title=L("Tidslinje", "Tidsline", "Timeline"),
            ),
        ),
    ),
)


def _leaders(programme: Programme) -> tuple[str, ...] | None:
    roles = (Role.COORDINATOR, Role.PROJECT_LEADER)
    found = tuple(
        holder(programme, r)
        for r in programme.roles
        if r.role in roles and r.organisation in (None, programme.owner) and r.end is None
    )
    return found or None


def build_milestone_plan(programme: Programme, request: BuildRequest) -> Report:
    """Every milestone (of ``request.participant``, if given), in the plan's order."""
    # a subproject within another is named after it: "Oppvekst / Arbeidsgruppe skole"
    subprojects = subproject_paths(programme)
    rows = tuple(
        {
            "id": m.id,
            "estimated_start": m.estimated_start,
            "estimated_finish": m.estimated_finish,
            "title": m.title,
            "report_date": m.report_date,
            "report_status_text": m.report_status_text,
            "done": m.done,
            "subproject": subprojects.get(m.subproject or ""),
            "responsible": m.responsible,
        }
        for m in programme.milestones
        if request.participant is None or m.participant == request.participant
    )
    return make_report(
        MILESTONE_PLAN,
        programme,
        request,
        (
            Section(key="project", values={"name": programme.name, "leaders": _leaders(programme)}),
            Section(key="milestones", rows=rows),
        ),
        participant=request.participant,
    )


def parse_milestone_plan(report: Report, programme: Programme) -> Programme:
    """The programme with the plan's dates, report texts and done flags merged into
    its milestones (matched by id; rows for unknown ids are ignored)."""
    rows = {
        str(row["id"]): row for section in report.sections_for("milestones") for row in section.rows
    }
    milestones = []
    for milestone in programme.milestones:
        row = rows.get(milestone.id)
        if row is not None:
            done = bool(as_bool(row.get("done")))
            milestone = attrs.evolve(
                milestone,
                title=as_text(row.get("title")) or milestone.title,
                estimated_start=as_date(row.get("estimated_start")),
                estimated_finish=as_date(row.get("estimated_finish")),
                report_date=as_date(row.get("report_date")),
                report_status_text=as_text(row.get("report_status_text")),
                done=done,
                done_on=milestone.done_on if done else None,
            )
        milestones.append(milestone)
    return attrs.evolve(programme, milestones=tuple(milestones))


PROGRESS_PLAN = ReportSchema(
    id="progress-plan",
    title=L("Fremdriftsplan", "Framdriftsplan", "Progress plan"),
    sections=(
        SectionSchema(
            key="phase",
            title=L("Fase", "Fase", "Phase"),
            repeat=True,
            fields=(col("description", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),),
            columns=(
                col("number", T.TEXT, "Nr.", "Nr.", "No."),
                col("activity", T.TEXT, "Aktivitet", "Aktivitet", "Activity", required=True),
                col("time", T.TEXT, "Tid", "Tid", "Time"),
                col("due", T.DATE, "Frist", "Frist", "Due"),
                col("responsible", T.TEXT, "Ansvar", "Ansvar", "Responsible"),
                col("done", T.BOOLEAN, "Utført", "Utført", "Done"),
                col("comments", T.TEXT, "Kommentarer", "Kommentarar", "Comments"),
            ),
        ),
    ),
)


def build_progress_plan(programme: Programme, request: BuildRequest) -> Report:
    """The progress plan, one section per phase (and one for activities of no phase)."""
    phases = [
        (p.id, f"{p.name}" if p.number is None else f"Fase {p.number}: {p.name}", p.description)
        for p in programme.phases
    ]
    groups: list[tuple[str | None, str, str | None]] = [*phases, (None, "", None)]
    sections = []
    for phase_id, title, description in groups:
        activities = [a for a in programme.activities if a.phase == phase_id]
        if not activities and phase_id is None:
            continue
        sections.append(
            Section(
                key="phase",
                title=title or None,
                values={"description": description},
                rows=tuple(
                    {
                        "number": a.number,
                        "activity": a.activity,
                        "time": a.time,
                        "due": a.due,
                        "responsible": a.responsible,
                        "done": a.done,
                        "comments": a.comments,
                    }
                    for a in activities
                ),
            )
        )
    return make_report(PROGRESS_PLAN, programme, request, sections)


MILESTONE_FORMAT = ReportFormat(
    id="milestone-plan",
    schema=MILESTONE_PLAN,
    build=build_milestone_plan,
    parse=parse_milestone_plan,
    description="Milestone plan: estimated start and finish, report date and text, done",
)
PROGRESS_FORMAT = ReportFormat(
    id="progress-plan",
    schema=PROGRESS_PLAN,
    build=build_progress_plan,
    description="Progress plan: no., activity, time, responsible, done, comments",
)

__all__ = [
    "MILESTONE_FORMAT",
    "MILESTONE_PLAN",
    "PROGRESS_FORMAT",
    "PROGRESS_PLAN",
    "build_milestone_plan",
    "build_progress_plan",
    "parse_milestone_plan",
]
