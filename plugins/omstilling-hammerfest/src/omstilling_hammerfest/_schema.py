"""The schemas: Hammerfest's project plan ("Sjumilssteget") and its
milestone plan alone, made from the common ``project-plan``, ``progress-plan`` and
``milestone-plan`` templates: their sections and columns, relabelled with the plan's
own words and put in the plan's order."""

from __future__ import annotations

import attrs

from omstilling.report import Column, FieldType, Labels, ReportSchema, SectionSchema
from omstilling.templates.plans import MILESTONE_PLAN
from omstilling.templates.project import PROJECT_PLAN

__all__ = [
    "MILEPAELSPLAN",
    "MILEPAELSPLAN_ID",
    "MILESTONE_COLUMNS",
    "MILESTONE_HEADINGS",
    "PROGRESS_COLUMNS",
    "PROGRESS_HEADINGS",
    "PROSJEKTPLAN",
    "PROSJEKTPLAN_ID",
]

PROSJEKTPLAN_ID = "hammerfest.prosjektplan"
MILEPAELSPLAN_ID = "hammerfest.milepaelsplan"

PROGRESS_HEADINGS = ("Tid", "Ansvar", "Utført", "Kommentarer")
"""The seed's progress-plan headings after the two phase cells ("Fase 1",
"Kartlegging og analyse")."""

MILESTONE_HEADINGS = (
    "Antatt start-tidspunkt",
    "Antatt ferdig tidspunkt",
    "Milepæler",
    "Rapport dato",
    "Rapporttekst status",
    "Utført",
)
"""The seed's milestone-plan headings, in order."""


def _same(text: str, en: str) -> Labels:
    """The seed's word in bokmål and nynorsk alike (the plan mixes them), and English."""
    return Labels(text, text, en)


def _relabel(column: Column, label: Labels, *, required: bool | None = None) -> Column:
    # the seed's tables are forms filled in as the work goes: every column stays,
    # empty or not
    return attrs.evolve(
        column,
        label=label,
        required=column.required if required is None else required,
        always_shown=True,
    )


_PROGRESS = PROJECT_PLAN.section("progress")
PROGRESS_COLUMNS: tuple[Column, ...] = (
    _relabel(_PROGRESS.column("number"), Labels("Nr.", "Nr.", "No.")),
    _relabel(_PROGRESS.column("activity"), Labels("Aktivitet", "Aktivitet", "Activity")),
    *(
        _relabel(_PROGRESS.column(key), _same(word, en))
        for key, word, en in zip(
            ("time", "responsible", "done", "comments"),
            PROGRESS_HEADINGS,
            ("Time", "Responsible", "Done", "Comments"),
            strict=True,
        )
    ),
)
"""No., activity, time, responsible, done, comments: the project plan's progress
columns. A phase is a row of its own ("Fase 2", "Arbeid med innsatsområdene") before
its activities, as in the seed; Word shows the first phase's row as the header's first
two cells, as the seed does."""

_MILESTONES = MILESTONE_PLAN.section("milestones")
MILESTONE_COLUMNS: tuple[Column, ...] = tuple(
    # "done" is optional here: the plan leaves Utført blank until a milestone is done
    _relabel(_MILESTONES.column(key), _same(word, en), required=key == "title")
    for key, word, en in zip(
        (
            "estimated_start",
            "estimated_finish",
            "title",
            "report_date",
            "report_status_text",
            "done",
        ),
        MILESTONE_HEADINGS,
        (
            "Estimated start",
            "Estimated finish",
            "Milestone",
            "Report date",
            "Status report",
            "Done",
        ),
        strict=True,
    )
)
"""The milestone plan's six columns, with exactly the seed's headings."""

_MILESTONE_SECTION = SectionSchema(
    key="milestones",
    title=_same("Milepælsplan", "Milestone plan"),
    fields=(
        Column(
            key="name",
            type=FieldType.TEXT,
            label=Labels("Prosjektnavn", "Prosjektnavn", "Project name"),
        ),
        Column(
            key="coordinator",
            type=FieldType.TEXT,
            label=_same("Koordinator", "Coordinator"),
        ),
    ),
    columns=MILESTONE_COLUMNS,
    timeline=attrs.evolve(_MILESTONES.timeline, group=None) if _MILESTONES.timeline else None,
)


def _text_list(key: str, nb: str, nn: str, en: str) -> Column:
    return Column(key=key, type=FieldType.TEXT_LIST, label=Labels(nb, nn, en))


def _from_project_plan(key: str, title: Labels, *, level: int = 1) -> SectionSchema:
    return attrs.evolve(PROJECT_PLAN.section(key), title=title, level=level)


PROSJEKTPLAN = ReportSchema(
    id=PROSJEKTPLAN_ID,
    title=Labels("Prosjektplan", "Prosjektplan", "Project plan"),
    based_on=PROJECT_PLAN.id,
    sections=(
        attrs.evolve(
            PROJECT_PLAN.section("background"),
            fields=(PROJECT_PLAN.section("background").field("background"),),
        ),
        PROJECT_PLAN.section("mandate"),
        SectionSchema(
            key="goals",
            title=_same("Mål", "Goals"),
            fields=(
                _text_list("main", "Hovedmål", "Hovudmål", "Main goal"),
                _text_list("work", "Arbeidsmål", "Arbeidsmål", "Work goals"),
                _text_list("effect", "Effektmål", "Effektmål", "Effect goals"),
                _text_list("result", "Resultatmål", "Resultatmål", "Result goals"),
            ),
        ),
        SectionSchema(
            key="target_group",
            title=_same("Målgruppe", "Target group"),
            fields=(PROJECT_PLAN.section("background").field("target_group"),),
        ),
        _from_project_plan("organisation", _same("Organisering", "Organisation")),
        _from_project_plan(
            "bodies", Labels("Organer og grupper", "Organ og grupper", "Bodies"), level=2
        ),
        _from_project_plan(
            "success_factors", Labels("Suksessfaktorer", "Suksessfaktorar", "Success factors")
        ),
        SectionSchema(
            key="progress",
            title=_PROGRESS.title,
            columns=PROGRESS_COLUMNS,
        ),
        _MILESTONE_SECTION,
        SectionSchema(
            key="economy",
            title=_same("Økonomi", "Economy"),
            columns=(
                Column(
                    key="measure",
                    type=FieldType.TEXT,
                    label=_same("Tiltak", "Measure"),
                    required=True,
                ),
                Column(key="period", type=FieldType.PERIOD, label=_same("Periode", "Period")),
                Column(key="target", type=FieldType.MONEY, label=_same("Mål", "Target")),
                Column(
                    key="realised",
                    type=FieldType.MONEY,
                    label=Labels("Oppnådd", "Oppnådd", "Realised"),
                ),
            ),
        ),
        _from_project_plan("links", _same("Lenker", "Links")),
    ),
)
"""``hammerfest.prosjektplan``: Bakgrunn, Mandat, Mål, Målgruppe, Organisering (and
its bodies), Suksessfaktorar, Tiltak/tidsramme/ansvar, Milepælsplan, Økonomi, Lenker."""

MILEPAELSPLAN = ReportSchema(
    id=MILEPAELSPLAN_ID,
    title=_same("Milepælsplan", "Milestone plan"),
    based_on=MILESTONE_PLAN.id,
    sections=(_MILESTONE_SECTION,),
)
"""``hammerfest.milepaelsplan``: the project plan's milestone plan alone."""
