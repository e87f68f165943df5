"""Deviations (avvik) in the status and final reports, as Digitaliseringsdirektoratet's
Prosjektveiviseren asks every status report for them: what deviates from the plan,
its kind, cause and consequence, the corrective action and who is responsible, the
period it was reported in (and in the final report, the one it was closed in) and
the participant that reported it.

The status report lists the deviations open in its period
(:meth:`~omstilling.model.Deviation.open_in`); the final report lists every
deviation reported by the day it speaks of, open and closed. A programme without
deviations gets no section.

.. versionadded:: 0.2
"""

from __future__ import annotations

import attrs

from ..model import Deviation, DeviationKind, Language, Period, Programme, of_participant
from ..report import FieldType as T
from ..report import Labels, Section, SectionSchema, Value
from .common import L, col, organisation_name

__all__ = [
    "DEVIATIONS",
    "DEVIATION_KIND",
    "DEVIATION_LOG",
    "deviation_rows",
    "deviations_closed",
    "deviations_open",
]

DEVIATION_KIND: dict[DeviationKind, Labels] = {
    DeviationKind.SCHEDULE: L("Tid", "Tid", "Schedule"),
    DeviationKind.COST: L("Kostnad", "Kostnad", "Cost"),
    DeviationKind.QUALITY: L("Kvalitet", "Kvalitet", "Quality"),
    DeviationKind.SCOPE: L("Omfang", "Omfang", "Scope"),
    DeviationKind.OTHER: L("Annet", "Anna", "Other"),
}
"""The words for what a deviation departs from."""

DEVIATIONS = SectionSchema(
    key="deviation_log",
    title=L("Avvik", "Avvik", "Deviations"),
    columns=(
        col("title", T.PARAGRAPHS, "Avvik", "Avvik", "Deviation", required=True),
        col("kind", T.TEXT, "Type", "Type", "Kind"),
        col("cause", T.PARAGRAPHS, "Årsak", "Årsak", "Cause"),
        col("consequence", T.PARAGRAPHS, "Konsekvens", "Konsekvens", "Consequence"),
        col(
            "corrective_action",
            T.PARAGRAPHS,
            "Korrigerende tiltak",
            "Korrigerande tiltak",
            "Corrective action",
        ),
        col("responsible", T.TEXT, "Ansvarlig", "Ansvarleg", "Responsible"),
        col("reported_in", T.PERIOD, "Meldt", "Meldt", "Reported in", required=True),
        col("closed_in", T.PERIOD, "Lukket", "Lukka", "Closed in"),
        col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant"),
    ),
)
"""The status report's section of the deviations open in its period."""

DEVIATION_LOG = attrs.evolve(
    DEVIATIONS,
    title=L(
        "Avvik meldt i programmet",
        "Meldte avvik i programmet",
        "Deviations reported in the programme",
    ),
)
"""The final report's section of every deviation, open and closed (the final report
has a section of milestones not reached, titled "Avvik", already)."""


def deviation_rows(
    programme: Programme,
    deviations: list[Deviation],
    language: Language,
    *,
    closed_by: Period | None = None,
    closed: bool = False,
) -> tuple[dict[str, Value], ...]:
    """The rows of ``deviations`` in the order they were reported, in words of
    ``language``. The period a deviation was closed in is shown where ``closed`` is
    set, and then only if it is not after ``closed_by`` (``None``: any)."""

    def closed_in(deviation: Deviation) -> Period | None:
        when = deviation.closed_in
        if not closed or when is None:
            return None
        if closed_by is not None and when.start() > closed_by.end():
            return None
        return when

    return tuple(
        {
            "title": d.title,
            "kind": DEVIATION_KIND[d.kind].get(language) if d.kind else None,
            "cause": d.cause,
            "consequence": d.consequence,
            "corrective_action": d.corrective_action,
            "responsible": d.responsible,
            "reported_in": d.reported_in,
            "closed_in": closed_in(d),
            "participant": organisation_name(programme, d.participant) or d.participant,
        }
        for d in sorted(deviations, key=lambda d: d.reported_in)
    )


def deviations_open(
    programme: Programme,
    period: Period | None,
    language: Language,
    *,
    participant: str | None = None,
) -> list[Section]:
    """The status report's section: the deviations open in ``period`` (``None``: not
    closed), of ``participant`` if one is given (its own and its subprojects',
    :func:`~omstilling.model.of_participant`; and then without naming it on every
    row); none where there are none."""
    mine = (
        programme.deviations
        if participant is None
        else of_participant(programme, participant, programme.deviations)
    )
    found = [d for d in mine if (d.open_in(period) if period is not None else d.closed_in is None)]
    if not found:
        return []
    rows = deviation_rows(programme, found, language)
    if participant is not None:  # a participant's own report: whose they are goes unsaid
        rows = tuple({**row, "participant": None} for row in rows)
    return [Section(key=DEVIATIONS.key, rows=rows)]


def deviations_closed(
    programme: Programme, period: Period | None, language: Language
) -> list[Section]:
    """The final report's section: every deviation reported by the end of ``period``
    (``None``: every one), open and closed, with the period it was closed in if that
    was by then; none where there are none."""
    found = [
        d for d in programme.deviations if period is None or d.reported_in.start() <= period.end()
    ]
    if not found:
        return []
    rows = deviation_rows(programme, found, language, closed_by=period, closed=True)
    return [Section(key=DEVIATION_LOG.key, rows=rows)]
