"""eksempel's milestone list as an omstilling report format: one section, read back
with `parse` when a participant fills it in."""

from __future__ import annotations

import attrs

from omstilling.hookspecs import BuildRequest, ReportFormat, hookimpl
from omstilling.model import Language, Programme
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    as_bool,
    as_date,
    as_text,
)

__all__ = ["FORMAT", "FORMAT_ID", "SCHEMA", "build", "parse", "report_formats"]

FORMAT_ID = "eksempel.milepaeler"

# What the report holds: its sections, each with single fields and/or table columns.
# Use your own document's headings and column headings, word for word.
SCHEMA = ReportSchema(
    id=FORMAT_ID,
    title=Labels("Milepæler", "Milepælar", "Milestones"),
    sections=(
        SectionSchema(
            key="milepaeler",
            title=Labels("Milepælsplan", "Milepælsplan", "Milestone plan"),
            columns=(
                Column(key="id", type=FieldType.TEXT, label=Labels("Id"), required=True),
                Column(
                    key="tittel",
                    type=FieldType.TEXT,
                    label=Labels("Milepæl", "Milepæl", "Milestone"),
                    required=True,
                ),
                Column(
                    key="antatt_ferdig",
                    type=FieldType.DATE,
                    label=Labels("Antatt ferdig", "Antatt ferdig", "Estimated finish"),
                ),
                Column(
                    key="utfort",
                    type=FieldType.BOOLEAN,
                    label=Labels("Utført", "Utført", "Done"),
                    required=True,
                ),
            ),
        ),
    ),
)


def build(programme: Programme, request: BuildRequest) -> Report:
    """The programme's milestones as a report (one participant's, if the request
    names one)."""
    rows = tuple(
        {
            "id": milestone.id,
            "tittel": milestone.title,
            "antatt_ferdig": milestone.estimated_finish,
            "utfort": milestone.done,
        }
        for milestone in programme.milestones
        if request.participant is None or milestone.participant == request.participant
    )
    return Report(
        schema=SCHEMA,
        language=request.language or programme.language or Language.NB,
        title=f"Milepæler: {programme.name}",
        programme=programme.id,
        participant=request.participant,
        period=request.period,
        sections=(Section(key="milepaeler", rows=rows),),
    )


def parse(report: Report, programme: Programme) -> Programme:
    """The programme with the report's titles, estimated finishes and done flags
    merged in, matched by id; rows of milestones it does not have are left out."""
    rows = {
        as_text(row.get("id")): row
        for section in report.sections_for("milepaeler")
        for row in section.rows
    }
    milestones = []
    for milestone in programme.milestones:
        row = rows.get(milestone.id)
        if row is not None:
            done = bool(as_bool(row.get("utfort")))
            milestone = attrs.evolve(
                milestone,
                title=as_text(row.get("tittel")) or milestone.title,
                estimated_finish=as_date(row.get("antatt_ferdig")),
                done=done,
                done_on=milestone.done_on if done else None,
            )
        milestones.append(milestone)
    return attrs.evolve(programme, milestones=tuple(milestones))


FORMAT = ReportFormat(
    id=FORMAT_ID,
    schema=SCHEMA,
    build=build,
    parse=parse,
    description="Milestone list (eksempel)",
)


@hookimpl
def report_formats() -> list[ReportFormat]:
    """Register the format."""
    return [FORMAT]
