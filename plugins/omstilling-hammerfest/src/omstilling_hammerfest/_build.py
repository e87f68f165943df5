"""Building the project plan from a programme, and reading its two plans back.

Both tables carry no ids, as in the seed, so reading back matches rows to the
programme by position (progress plan) and by title or position (milestone plan):

- progress plan: the rows are, in order, the activities of no phase, then for each
  phase of the programme its phase row ("Fase 2", "Arbeid med innsatsområdene")
  followed by its activities in the programme's order. A report with another number
  of rows, or a phase row where an activity should be, is refused.
- milestone plan: one row per milestone. Where the rows' titles are the milestones'
  titles, each once, rows are matched by title (so a sorted plan reads back);
  otherwise by order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from omstilling.hookspecs import BuildRequest
from omstilling.model import Activity, GoalKind, Language, Milestone, Phase, Programme, Role
from omstilling.report import Report, Section, Value, as_bool, as_text
from omstilling.templates.common import case_reference, owner_name
from omstilling.templates.plans import (
    MILESTONE_PLAN,
    build_milestone_plan,
    build_progress_plan,
    parse_milestone_plan,
)
from omstilling.templates.project import build_project_plan

from ._dates import due_of
from ._schema import MILEPAELSPLAN, MILESTONE_COLUMNS, PROGRESS_COLUMNS, PROSJEKTPLAN

__all__ = [
    "build_milepaelsplan",
    "build_prosjektplan",
    "milestone_rows",
    "parse_plans",
    "phase_row",
    "progress_rows",
]

_PROGRESS_KEYS = tuple(c.key for c in PROGRESS_COLUMNS)
_MILESTONE_KEYS = tuple(c.key for c in MILESTONE_COLUMNS)
_GOAL_FIELDS = {
    GoalKind.MAIN: "main",
    GoalKind.WORK: "work",
    GoalKind.EFFECT: "effect",
    GoalKind.RESULT: "result",
}


def _language(request: BuildRequest) -> Language:
    """The request's language, else the plan's own: nynorsk."""
    return request.language or Language.NN


def phase_label(phase: Phase) -> str | None:
    """What the plan writes in the no. column of a phase's row: "Fase 2"."""
    return None if phase.number is None else f"Fase {phase.number}"


def phase_row(phase: Phase) -> dict[str, Value]:
    """A phase's own row in the progress plan: "Fase 2" | "Arbeid med innsatsområdene"."""
    return {"number": phase_label(phase), "activity": phase.name}


def _layout(programme: Programme) -> list[Phase | Activity]:
    """The progress plan's rows, as what each stands for."""
    layout: list[Phase | Activity] = [a for a in programme.activities if a.phase is None]
    for phase in programme.phases:
        layout.append(phase)
        layout.extend(a for a in programme.activities if a.phase == phase.id)
    return layout


def progress_rows(programme: Programme) -> tuple[dict[str, Value], ...]:
    """The progress plan's rows, from the common ``progress-plan`` template's build: the
    activities of no phase first, then each phase's row and its activities."""
    report = build_progress_plan(programme, BuildRequest())
    # the template builds one section per phase, in order, then one for no phase
    phased = report.sections[: len(programme.phases)]
    unphased = report.sections[len(programme.phases) :]
    rows: list[dict[str, Value]] = [
        {key: row.get(key) for key in _PROGRESS_KEYS} for s in unphased for row in s.rows
    ]
    for phase, section in zip(programme.phases, phased, strict=True):
        rows.append(phase_row(phase))
        rows.extend({key: row.get(key) for key in _PROGRESS_KEYS} for row in section.rows)
    return tuple(rows)


def milestone_rows(programme: Programme) -> tuple[dict[str, Value], ...]:
    """The milestone plan's rows, from the common ``milestone-plan`` template's build,
    every milestone of the programme; Utført is "Ja" or blank, as the plan leaves it
    blank until a milestone is done."""
    report = build_milestone_plan(programme, BuildRequest())
    return tuple(
        {
            **{key: row.get(key) for key in _MILESTONE_KEYS},
            "done": True if row.get("done") else None,
        }
        for row in report.sections_for("milestones")[0].rows
    )


def _coordinators(programme: Programme) -> str | None:
    people = {p.id: p.name for p in programme.people}
    names = [
        people.get(r.person or "") or r.holder or ""
        for r in programme.roles
        if r.role is Role.COORDINATOR and r.end is None
    ]
    return ", ".join(name for name in names if name) or None


def _milestone_section(programme: Programme) -> Section:
    return Section(
        key="milestones",
        values={"name": programme.name, "coordinator": _coordinators(programme)},
        rows=milestone_rows(programme),
    )


def _title(programme: Programme) -> str:
    owner = owner_name(programme)  # an organisation or a body
    if owner is None:
        return programme.name
    return f"{programme.name} – {owner}"


def _goals(programme: Programme) -> dict[str, Value]:
    phases = {p.id: p for p in programme.phases}
    goals: dict[str, list[str]] = {}
    for goal in programme.goals:
        text = goal.text
        phase = phases.get(goal.phase or "")
        if phase is not None:
            text = f"{phase_label(phase) or phase.name}: {text}"
        goals.setdefault(_GOAL_FIELDS[goal.kind], []).append(text)
    return {key: tuple(texts) for key, texts in goals.items()}


def build_prosjektplan(programme: Programme, request: BuildRequest) -> Report:
    """The project plan of ``programme``, in nynorsk unless the request says otherwise.

    The whole programme's plan: a participant in the request is not used."""
    language = _language(request)
    common = build_project_plan(programme, BuildRequest(language=language))

    def reused(key: str) -> Section:
        found = common.sections_for(key)  # the common plan leaves out empty sections
        return found[0] if found else Section(key=key)

    economy = tuple(
        {
            "measure": measure.title,
            "period": effect.period,
            "target": effect.target,
            "realised": effect.realised,
        }
        for measure in programme.measures
        for effect in measure.economic_effects
    )
    sections = (
        Section(
            key="background",
            values={"background": reused("background").value("background")},
        ),
        reused("mandate"),
        Section(key="goals", values=_goals(programme)),
        Section(key="target_group", values={"target_group": programme.target_group}),
        reused("organisation"),
        reused("bodies"),
        reused("success_factors"),
        Section(key="progress", rows=progress_rows(programme)),
        _milestone_section(programme),
        Section(key="economy", rows=economy),
        reused("links"),
    )
    return Report(
        schema=PROSJEKTPLAN,
        language=language,
        title=_title(programme),
        programme=programme.id,
        period=request.period,
        owner=owner_name(programme),
        reference=case_reference(programme),
        sections=sections,
    )


def build_milepaelsplan(programme: Programme, request: BuildRequest) -> Report:
    """The milestone plan of ``programme`` alone (every milestone, in order)."""
    return Report(
        schema=MILEPAELSPLAN,
        language=_language(request),
        title=_title(programme),
        programme=programme.id,
        period=request.period,
        owner=owner_name(programme),
        reference=case_reference(programme),
        sections=(_milestone_section(programme),),
    )


# --- reading back ----------------------------------------------------------------------


def _merge_progress(rows: Sequence[Mapping[str, Value]], programme: Programme) -> Programme:
    layout = _layout(programme)
    if len(rows) != len(layout):
        msg = (
            f"the progress plan has {len(rows)} rows, but the programme's phases and "
            f"activities make {len(layout)}"
        )
        raise ValueError(msg)
    merged: dict[str, Activity] = {}
    for number, (row, item) in enumerate(zip(rows, layout, strict=True), start=1):
        if isinstance(item, Phase):
            if as_text(row.get("activity")) != item.name and (
                as_text(row.get("number")) != phase_label(item) or item.number is None
            ):
                msg = f"progress plan, row {number}: expected the row of phase {item.name!r}"
                raise ValueError(msg)
            continue
        time = as_text(row.get("time"))
        due = item.due if time == item.time else due_of(time)
        merged[item.id] = attrs.evolve(
            item,
            activity=as_text(row.get("activity")) or item.activity,
            number=as_text(row.get("number")),
            time=time,
            due=due,
            responsible=as_text(row.get("responsible")),
            done=as_bool(row.get("done")),
            comments=as_text(row.get("comments")),
        )
    activities = tuple(merged.get(a.id, a) for a in programme.activities)
    return attrs.evolve(programme, activities=activities)


def _match_milestones(
    rows: Sequence[Mapping[str, Value]], milestones: Sequence[Milestone]
) -> list[tuple[Mapping[str, Value], Milestone]]:
    if len(rows) != len(milestones):
        msg = (
            f"the milestone plan has {len(rows)} rows, but the programme has "
            f"{len(milestones)} milestones"
        )
        raise ValueError(msg)
    titles = [as_text(row.get("title")) for row in rows]
    by_title = {m.title: m for m in milestones}
    if len(by_title) == len(milestones) and sorted(by_title) == sorted(t or "" for t in titles):
        return [(row, by_title[title or ""]) for row, title in zip(rows, titles, strict=True)]
    return list(zip(rows, milestones, strict=True))


def _merge_milestones(rows: Sequence[Mapping[str, Value]], programme: Programme) -> Programme:
    pairs = _match_milestones(rows, programme.milestones)
    plan = Report(
        schema=MILESTONE_PLAN,
        title=programme.name,
        programme=programme.id,
        sections=(
            Section(
                key="milestones",
                rows=tuple(
                    {
                        **dict(row),
                        "id": milestone.id,
                        "title": as_text(row.get("title")) or milestone.title,
                        "done": bool(as_bool(row.get("done"))),
                    }
                    for row, milestone in pairs
                ),
            ),
        ),
    )
    return parse_milestone_plan(plan, programme)


def parse_plans(report: Report, programme: Programme) -> Programme:
    """``programme`` with the report's progress plan (no., activity, time, responsible,
    done, comments) and milestone plan (estimated start and finish, title, report date,
    report status text, done) merged in. The other sections are not read back.

    Raises :class:`ValueError` where the rows do not fit the programme (see the
    module's description)."""
    for section in report.sections_for("progress"):
        programme = _merge_progress(section.rows, programme)
    for section in report.sections_for("milestones"):
        programme = _merge_milestones(section.rows, programme)
    return programme
