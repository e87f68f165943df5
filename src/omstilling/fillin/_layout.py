"""The layout of a fill-in workbook: its sheets, rows and columns, and their words in
bokmål, nynorsk and English. The writer and the reader both follow this module, so
the two cannot drift apart."""

from __future__ import annotations

import hashlib

from ..formatting import RAG_LABELS
from ..model import (
    EconomicEffect,
    Event,
    EventKind,
    Language,
    Measure,
    Period,
    Programme,
    Rag,
    measures_of,
    milestones_of,
)
from ..report import Labels
from ..templates.common import L
from ..templates.status import DIMENSIONS

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_KIND",
    "HEADER_ROW",
    "MEASURE_COLUMNS",
    "META_SHEET",
    "MILESTONE_COLUMNS",
    "NO",
    "SHEETS",
    "STATUS_COLUMNS",
    "YES",
    "currency_of",
    "effect_for",
    "event_id",
    "event_prefix",
    "is_workbook_event",
    "measures_of",
    "milestones_of",
    "status_rows",
]

META_SHEET = "_omstilling"
"""The hidden sheet that says what the workbook is: format, version, programme,
participant, period, and the rows it was made with."""

HEADER_ROW = 4
"""The row of every data sheet's column headings; input rows start below it."""

SHEETS: dict[str, Labels] = {
    "instructions": L("Veiledning", "Rettleiing", "Instructions"),
    "status": L("Status", "Status", "Status"),
    "milestones": L("Milepæler", "Milepælar", "Milestones"),
    "measures": L("Tiltak", "Tiltak", "Measures"),
    "events": L("Hendelser", "Hendingar", "Events"),
}
"""The sheets, by key, with their names in each language."""

YES = L("Ja", "Ja", "Yes")
NO = L("Nei", "Nei", "No")

EVENT_KIND: dict[EventKind, Labels] = {
    EventKind.VISIT: L("Besøk", "Besøk", "Visit"),
    EventKind.JOINT_GATHERING: L("Fellessamling", "Fellessamling", "Joint gathering"),
    EventKind.MEETING: L("Møte", "Møte", "Meeting"),
    EventKind.SEMINAR: L("Seminar", "Seminar", "Seminar"),
    EventKind.OTHER: L("Annet", "Anna", "Other"),
}

# Each table's columns: key, heading, width, and whether the participant fills it in.
Columns = tuple[tuple[str, Labels, int, bool], ...]

STATUS_COLUMNS: Columns = (
    ("key", L("Nøkkel", "Nøkkel", "Key"), 4, False),
    ("label", L("Spørsmål", "Spørsmål", "Question"), 38, False),
    ("value", L("Svar", "Svar", "Answer"), 60, True),
    ("previous", L("Forrige periode", "Førre periode", "Previous period"), 40, False),
)

MILESTONE_COLUMNS: Columns = (
    ("id", L("Nøkkel", "Nøkkel", "Key"), 4, False),
    ("subproject", L("Delprosjekt", "Delprosjekt", "Subproject"), 28, False),
    ("title", L("Milepæl", "Milepæl", "Milestone"), 40, False),
    ("estimated_start", L("Planlagt start", "Planlagd start", "Planned start"), 14, False),
    ("estimated_finish", L("Planlagt ferdig", "Planlagd ferdig", "Planned finish"), 14, False),
    ("report_date", L("Rapportert dato", "Rapportert dato", "Report date"), 14, True),
    ("report_status_text", L("Status", "Status", "Status"), 40, True),
    ("done", L("Ferdig", "Ferdig", "Done"), 10, True),
    ("done_on", L("Ferdig dato", "Ferdig dato", "Done on"), 14, True),
)

MEASURE_COLUMNS: Columns = (
    ("id", L("Nøkkel", "Nøkkel", "Key"), 4, False),
    ("title", L("Tiltak", "Tiltak", "Measure"), 44, False),
    ("subproject", L("Delprosjekt", "Delprosjekt", "Subproject"), 28, False),
    ("target", L("Mål for perioden", "Mål for perioden", "Target for the period"), 20, False),
    ("currency", L("Valuta", "Valuta", "Currency"), 9, False),
    (
        "realised",
        L("Realisert i perioden", "Realisert i perioden", "Realised in the period"),
        20,
        True,
    ),
)

EVENT_COLUMNS: Columns = (
    ("kind", L("Type", "Type", "Kind"), 16, True),
    ("title", L("Hendelse", "Hending", "Event"), 40, True),
    ("start", L("Fra", "Frå", "From"), 14, True),
    ("end", L("Til", "Til", "To"), 14, True),
    ("place", L("Sted", "Stad", "Place"), 20, True),
    ("description", L("Beskrivelse", "Skildring", "Description"), 50, True),
)

EVENT_ROWS = 20
"""Empty event rows a workbook offers beyond the events already reported."""

MAX_EVENT_ROWS = 500
"""The most event rows a workbook may hold."""


def status_rows(programme: Programme) -> tuple[tuple[str, Labels, str], ...]:
    """The status sheet's rows: key, question and kind (``date``, ``rag``, ``text``,
    ``paragraphs``, ``whole``, ``lines``), one per input cell."""
    rows: list[tuple[str, Labels, str]] = [
        ("reported_on", L("Rapportert dato", "Rapportert dato", "Reported on"), "date"),
        ("overall", L("Samlet status", "Samla status", "Overall status"), "rag"),
    ]
    for dimension in programme.status_dimensions:
        word = DIMENSIONS.get(dimension, Labels(dimension, dimension, dimension))
        rows.append((f"dimension.{dimension}", word, "rag"))
        rows.append(
            (
                f"comment.{dimension}",
                L(
                    f"{word.nb}: kommentar",
                    f"{word.nn or word.nb}: kommentar",
                    f"{word.en}: comment",
                ),
                "text",
            )
        )
    rows += [
        (
            "narrative",
            L("Status (fritekst)", "Status (fritekst)", "Status (narrative)"),
            "paragraphs",
        ),
        (
            "steering_group_meetings",
            L("Møter i styringsgruppen", "Møte i styringsgruppa", "Steering-group meetings"),
            "whole",
        ),
        (
            "next_steps",
            L(
                "Neste steg (ett per linje)",
                "Neste steg (eitt per linje)",
                "Next steps (one per line)",
            ),
            "lines",
        ),
        (
            "risks",
            L("Risiko (én per linje)", "Risiko (éin per linje)", "Risks (one per line)"),
            "lines",
        ),
    ]
    return tuple(rows)


def rag_words(language: Language) -> dict[Rag, str]:
    """The drop-down words for the RAG statuses in ``language``."""
    return {rag: labels.get(language) for rag, labels in RAG_LABELS.items()}


def effect_for(measure: Measure, period: Period) -> EconomicEffect | None:
    """The measure's economic effect for exactly ``period``, if it has one."""
    for effect in measure.economic_effects:
        if effect.period == period:
            return effect
    return None


def currency_of(measure: Measure) -> str:
    """The currency of the measure's economic effects (one measure has one), or NOK."""
    for effect in measure.economic_effects:
        for money in (effect.target, effect.realised):
            if money is not None:
                return money.currency
    return "NOK"


def event_prefix(participant: str, period: Period) -> str:
    """The id prefix of the events a workbook for ``participant`` and ``period`` adds:
    the participant's id (a long one shortened, with a hash of the whole so that two
    long ids never share a prefix), the period, and ``e``."""
    if len(participant) > 40:
        digest = hashlib.sha256(participant.encode("utf-8")).hexdigest()[:8]
        participant = f"{participant[:31]}-{digest}"
    return f"{participant}.{str(period).lower()}.e"


def event_id(participant: str, period: Period, number: int) -> str:
    """The id of the ``number``-th event (from 1) a workbook adds."""
    return f"{event_prefix(participant, period)}{number}"


def is_workbook_event(event: Event, participant: str, period: Period) -> bool:
    """Whether ``event`` is one an import of a workbook for ``participant`` and
    ``period`` added: its id, its participant and its period say so."""
    prefix = event_prefix(participant, period)
    return (
        event.id.startswith(prefix)
        and event.id[len(prefix) :].isdigit()
        and event.participants == (participant,)
        and event.period == period
    )
