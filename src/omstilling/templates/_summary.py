"""The summary page a status or final report opens with, for any template to include.

Three sections, each with its schema in :data:`SUMMARY_SCHEMAS` (include them in a
report schema, in this order, and their sections from :func:`summary_sections`):

- ``key_figures`` (:attr:`~omstilling.report.Presentation.KEY_FIGURES`): as fields,
  how many participants were to report and how many did (and who did not), the
  milestones reached in the period, late at its end and due in the next, and the
  savings target against what was realised in the periods begun by its end; as rows,
  one per status dimension anyone reported, how many reported it green, amber, red or
  not assessed, and how many did not report it;
- ``status_overview``: a row per participant with its overall status and the common
  dimensions (drawn as a RAG heat map), the programme's other dimensions in words, how
  the overall status moved since the period before, and "not reported" where it did
  not report;
- ``savings``: the target and what was realised per period of the measures' economic
  effects (drawn as target against actual).

A section with nothing to say is left out.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import FieldError
from ..formatting import RAG_LABELS
from ..model import (
    Language,
    Measure,
    Milestone,
    Money,
    Period,
    Programme,
    Rag,
    StatusEntry,
    done_by,
    owner_of,
    rag_of,
    total,
)
from ..report import Chart, ChartKind, Presentation, Section, SectionSchema, Value
from ..report import FieldType as T
from .common import L, col

__all__ = [
    "DIMENSIONS",
    "KEY_FIGURES",
    "NOT_REPORTED",
    "OVERALL",
    "SAVINGS",
    "STATUS_OVERVIEW",
    "SUMMARY_SCHEMAS",
    "TREND",
    "dimension_label",
    "latest_period",
    "previous_period",
    "summary_sections",
    "trend",
]

DIMENSIONS = {
    "progress": L("Framdrift", "Framdrift", "Progress"),
    "economy": L("Økonomi", "Økonomi", "Economy"),
    "quality": L("Kvalitet", "Kvalitet", "Quality"),
    "risk": L("Risiko", "Risiko", "Risk"),
}
"""The common status dimensions and their words, each a RAG column of the overview."""

OVERALL = L("Samlet", "Samla", "Overall")
"""The word for the overall status."""

TREND = {
    "better": L("Bedre", "Betre", "Better"),
    "worse": L("Dårligere", "Dårlegare", "Worse"),
    "same": L("Uendret", "Uendra", "Unchanged"),
    "changed": L("Endret", "Endra", "Changed"),
    "first": L("Første rapport", "Første rapport", "First report"),
}
"""How a participant's overall status moved since the previous period."""

NOT_REPORTED = L("Ikke rapportert", "Ikkje rapportert", "Not reported")
"""The words for a participant that did not report status for the period."""

KEY_FIGURES = SectionSchema(
    key="key_figures",
    title=L("Nøkkeltall", "Nøkkeltal", "Key figures"),
    presentation=Presentation.KEY_FIGURES,
    fields=(
        col(
            "participants",
            T.INTEGER,
            "Deltakere som skal rapportere",
            "Deltakarar som skal rapportere",
            "Participants to report",
        ),
        col("reported", T.INTEGER, "Har rapportert", "Har rapportert", "Have reported"),
        col("not_reported", T.TEXT_LIST, "Ikke rapportert", "Ikkje rapportert", "Not reported"),
        col("milestones_done", T.INTEGER, "Milepæler nådd", "Milepælar nådd", "Milestones reached"),
        col(
            "milestones_late",
            T.INTEGER,
            "Milepæler forsinket",
            "Milepælar forseinka",
            "Milestones late",
        ),
        col(
            "milestones_coming",
            T.INTEGER,
            "Milepæler neste periode",
            "Milepælar neste periode",
            "Milestones due next period",
        ),
        col(
            "savings_target",
            T.MONEY,
            "Innsparingsmål hittil",
            "Innsparingsmål hittil",
            "Savings target to date",
        ),
        col(
            "savings_realised",
            T.MONEY,
            "Realisert innsparing hittil",
            "Realisert innsparing hittil",
            "Savings realised to date",
        ),
    ),
    columns=(
        col("dimension", T.TEXT, "Status", "Status", "Status", required=True),
        col("green", T.INTEGER, "Grønn", "Grøn", "Green"),
        col("amber", T.INTEGER, "Gul", "Gul", "Amber"),
        col("red", T.INTEGER, "Rød", "Raud", "Red"),
        col("not_assessed", T.INTEGER, "Ikke vurdert", "Ikkje vurdert", "Not assessed"),
        col("not_reported", T.INTEGER, "Ikke rapportert", "Ikkje rapportert", "Not reported"),
    ),
)
"""The key figures of the summary page (see the module's description)."""

STATUS_OVERVIEW = SectionSchema(
    key="status_overview",
    title=L("Status per deltaker", "Status per deltakar", "Status by participant"),
    columns=(
        col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant", required=True),
        col("overall", T.RAG, OVERALL.nb, OVERALL.nn, OVERALL.en),
        *(col(key, T.RAG, labels.nb, labels.nn, labels.en) for key, labels in DIMENSIONS.items()),
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
    chart=Chart(
        kind=ChartKind.RAG_HEATMAP,
        label="participant",
        values=("overall", *DIMENSIONS),
        title=L("Status per deltaker", "Status per deltakar", "Status by participant"),
    ),
)
"""The status of each participant, drawn as a RAG heat map."""

SAVINGS = SectionSchema(
    key="savings",
    title=L("Innsparing per periode", "Innsparing per periode", "Savings by period"),
    columns=(
        col("period", T.PERIOD, "Periode", "Periode", "Period", required=True),
        col("target", T.MONEY, "Mål", "Mål", "Target"),
        col("realised", T.MONEY, "Realisert", "Realisert", "Realised"),
    ),
    chart=Chart(
        kind=ChartKind.TARGET_ACTUAL,
        label="period",
        values=("target", "realised"),
        title=L(
            "Innsparing: mål og realisert",
            "Innsparing: mål og realisert",
            "Savings: target and realised",
        ),
    ),
)
"""The measures' savings target and what was realised, per period."""

SUMMARY_SCHEMAS = (KEY_FIGURES, STATUS_OVERVIEW, SAVINGS)
"""The schemas of the summary page's sections, in their order."""


def dimension_label(dimension: str, language: Language) -> str:
    """The word for status ``dimension`` (``"overall"`` or a dimension id) in
    ``language``; a dimension of the programme's own is called by its id."""
    if dimension == "overall":
        return OVERALL.get(language)
    labels = DIMENSIONS.get(dimension)
    return labels.get(language) if labels is not None else dimension


_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def trend(now: StatusEntry | None, before: StatusEntry | None) -> str | None:
    """How the overall status moved from ``before`` to ``now``: a key of
    :data:`TREND`, ``None`` where ``now`` has no overall status."""
    if now is None or now.overall is None:
        return None
    if before is None or before.overall is None:
        return "first"
    if now.overall == before.overall:
        return "same"
    if now.overall in _RANK and before.overall in _RANK:
        return "better" if _RANK[now.overall] > _RANK[before.overall] else "worse"
    return "changed"


def previous_period(period: Period) -> Period | None:
    """The period of the same kind before ``period``; ``None`` for the first period
    of the year 1000, which has none.

    .. versionadded:: 0.2
    """
    try:
        return period.previous()
    except FieldError:  # the first period of the year 1000 has none before it
        return None


def _next(period: Period) -> Period | None:
    try:
        return period.next()
    except FieldError:  # the last period of the year 9999 has none after it
        return None


def latest_period(programme: Programme, participants: Sequence[str] | None = None) -> Period | None:
    """The latest period any of ``participants`` (every participant if ``None``)
    reported status for, ``None`` if none did: the period a report without one
    (a final report) can give to :func:`summary_sections`."""
    wanted = (
        {p.organisation for p in programme.participants}
        if participants is None
        else set(participants)
    )
    periods = [
        e.period
        for e in programme.status_entries
        if e.participant in wanted and e.subproject is None
    ]
    return max(periods) if periods else None


def _in_scope(
    programme: Programme, participants: Sequence[str] | None
) -> tuple[list[Milestone], list[Measure]]:
    if participants is None:
        return list(programme.milestones), list(programme.measures)
    owner = owner_of(programme)
    wanted = set(participants)
    return (
        [m for m in programme.milestones if owner(m) in wanted],
        [m for m in programme.measures if owner(m) in wanted],
    )


def _dimensions(programme: Programme, entries: Iterable[StatusEntry | None]) -> list[str]:
    """``overall``, the programme's dimensions and any other reported, in that order."""
    found = ["overall", *programme.status_dimensions]
    for entry in entries:
        for status in entry.dimensions if entry is not None else ():
            if status.dimension not in found:
                found.append(status.dimension)
    return found


def _distribution(
    dimension: str, entries: Sequence[StatusEntry | None], language: Language
) -> dict[str, Value] | None:
    rags = [rag_of(entry, dimension) for entry in entries]
    if all(rag is None for rag in rags):
        return None
    not_assessed = rags.count(Rag.NOT_ASSESSED)
    return {
        "dimension": dimension_label(dimension, language),
        "green": rags.count(Rag.GREEN),
        "amber": rags.count(Rag.AMBER),
        "red": rags.count(Rag.RED),
        "not_assessed": not_assessed or None,
        "not_reported": rags.count(None),
    }


def _milestone_figures(milestones: Sequence[Milestone], period: Period | None) -> dict[str, Value]:
    if not milestones:
        return {}
    if period is None:
        return {"milestones_done": sum(1 for m in milestones if m.done)}
    end = period.end()
    following = _next(period)
    done = late = coming = 0
    for milestone in milestones:
        if milestone.done_on is not None and period.contains(milestone.done_on.first_day()):
            done += 1
        finish = milestone.estimated_finish
        if finish is None or done_by(milestone, end):
            continue
        if finish.last_day() <= end:
            late += 1
        elif following is not None and following.contains(finish.last_day()):
            coming += 1
    return {"milestones_done": done, "milestones_late": late, "milestones_coming": coming}


def _savings_rows(measures: Sequence[Measure]) -> list[dict[str, Value]]:
    periods = sorted({e.period for m in measures for e in m.economic_effects})
    rows: list[dict[str, Value]] = []
    for period in periods:
        effects = [e for m in measures for e in m.economic_effects if e.period == period]
        target = total(e.target for e in effects)
        realised = total(e.realised for e in effects)
        if target is not None or realised is not None:
            rows.append({"period": period, "target": target, "realised": realised})
    return rows


def _savings_figures(measures: Sequence[Measure], period: Period | None) -> dict[str, Value]:
    effects = [
        e
        for m in measures
        for e in m.economic_effects
        if period is None or e.period.start() <= period.end()
    ]
    target: Money | None = total(e.target for e in effects)
    realised: Money | None = total(e.realised for e in effects)
    return {"savings_target": target, "savings_realised": realised}


def _overview_row(
    name: str,
    now: StatusEntry | None,
    before: StatusEntry | None,
    language: Language,
) -> dict[str, Value]:
    row: dict[str, Value] = {"participant": name}
    if now is None:
        row["note"] = NOT_REPORTED.get(language)
        return row
    row["overall"] = now.overall
    other: list[str] = []
    for status in now.dimensions:
        if status.dimension in DIMENSIONS:
            row[status.dimension] = status.rag
        else:
            word = RAG_LABELS[status.rag].get(language)
            other.append(f"{dimension_label(status.dimension, language)}: {word}")
    row["other"] = tuple(other) or None
    moved = trend(now, before)
    row["change"] = TREND[moved].get(language) if moved is not None else None
    return row


def summary_sections(
    programme: Programme,
    period: Period | None,
    language: Language,
    *,
    participants: Sequence[str] | None = None,
) -> tuple[Section, ...]:
    """The sections of the summary page of ``programme`` for ``period``, in
    ``language``, of the schemas in :data:`SUMMARY_SCHEMAS`.

    ``participants`` are the organisation ids of the participants the report is
    about, and then only their milestones and measures count; ``None`` means every
    participant of the programme, and every milestone and measure (the programme's
    own too). Where ``period`` is ``None`` there is no status to sum up (give
    :func:`latest_period` for the latest reported), milestones reached are counted over
    the whole programme, and the savings over every period.
    """
    everyone = [p.organisation for p in programme.participants]
    ids = everyone if participants is None else list(participants)
    names = {o.id: o.name for o in programme.organisations}
    milestones, measures = _in_scope(programme, participants)
    figures: dict[str, Value] = {}
    rows: list[dict[str, Value]] = []
    overview: list[dict[str, Value]] = []
    if period is not None and ids:
        before_period = previous_period(period)
        entries = [programme.status_for(p, period) for p in ids]
        before = [programme.status_for(p, before_period) if before_period else None for p in ids]
        missing = tuple(names.get(p, p) for p, e in zip(ids, entries, strict=True) if e is None)
        figures.update(
            participants=len(ids),
            reported=len(ids) - len(missing),
            not_reported=missing or None,
        )
        for dimension in _dimensions(programme, entries):
            row = _distribution(dimension, entries, language)
            if row is not None:
                rows.append(row)
        overview = [
            _overview_row(names.get(p, p), now, earlier, language)
            for p, now, earlier in zip(ids, entries, before, strict=True)
        ]
    figures.update(_milestone_figures(milestones, period))
    figures.update(_savings_figures(measures, period))
    sections: list[Section] = []
    key_figures = Section(key=KEY_FIGURES.key, values=figures, rows=tuple(rows))
    if key_figures.values or key_figures.rows:
        sections.append(key_figures)
    if overview:
        sections.append(Section(key=STATUS_OVERVIEW.key, rows=tuple(overview)))
    savings = _savings_rows(measures)
    if savings:
        sections.append(Section(key=SAVINGS.key, rows=tuple(savings)))
    return tuple(sections)
