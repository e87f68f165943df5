"""The layout of a fill-in workbook's steering sheets: risks, deviations, economy and
decision follow-up. Each sheet has one table: first a row for each thing the
programme already has (keyed in column A), then a row of guidance, then a fixed
block of empty input rows where new ones are added (not on the follow-up sheet).
The writer and the reader both follow this module."""

from __future__ import annotations

import hashlib
import json

from ..model import (
    BudgetKind,
    BudgetLine,
    Decision,
    DecisionItem,
    Deviation,
    DeviationKind,
    FollowUpStatus,
    Period,
    Programme,
    Risk,
    RiskStatus,
)
from ..report import Labels
from ..templates.common import L
from ._layout import Columns, event_prefix

__all__ = [
    "BUDGET_COLUMNS",
    "BUDGET_KIND",
    "DEVIATION_COLUMNS",
    "DEVIATION_KIND",
    "FOLLOW_UP_COLUMNS",
    "FOLLOW_UP_STATUS",
    "NEW_BUDGET_ROWS",
    "NEW_DEVIATION_ROWS",
    "NEW_RISK_ROWS",
    "RISK_COLUMNS",
    "RISK_STATUS",
    "STEERING_SHEETS",
    "added_id",
    "added_number",
    "budget_currency",
    "followed_items",
    "item_key",
    "line_keys",
    "shown_deviations",
    "shown_lines",
    "shown_risks",
]

STEERING_SHEETS: dict[str, Labels] = {
    "risks": L("Risiko", "Risiko", "Risks"),
    "deviations": L("Avvik", "Avvik", "Deviations"),
    "economy": L("Økonomi", "Økonomi", "Economy"),
    "follow-up": L("Vedtaksoppfølging", "Vedtaksoppfølging", "Decision follow-up"),
}
"""The steering sheets (layout version 2), by key, with their names in each language."""

NEW_RISK_ROWS = 30
"""The rows a workbook offers for new risks; no more are read."""
NEW_DEVIATION_ROWS = 30
"""The rows a workbook offers for new deviations; no more are read."""
NEW_BUDGET_ROWS = 10
"""The rows a workbook offers for new budget lines; no more are read."""

RISK_STATUS: dict[RiskStatus, Labels] = {
    RiskStatus.OPEN: L("Åpen", "Open", "Open"),
    RiskStatus.CLOSED: L("Lukket", "Lukka", "Closed"),
}
DEVIATION_KIND: dict[DeviationKind, Labels] = {
    DeviationKind.SCHEDULE: L("Tid", "Tid", "Schedule"),
    DeviationKind.COST: L("Kostnad", "Kostnad", "Cost"),
    DeviationKind.QUALITY: L("Kvalitet", "Kvalitet", "Quality"),
    DeviationKind.SCOPE: L("Omfang", "Omfang", "Scope"),
    DeviationKind.OTHER: L("Annet", "Anna", "Other"),
}
BUDGET_KIND: dict[BudgetKind, Labels] = {
    BudgetKind.OPERATIONS: L("Drift", "Drift", "Operations"),
    BudgetKind.ONE_OFF: L("Engangskostnader", "Eingongskostnader", "One-off costs"),
    BudgetKind.GRANT: L("Tilskudd", "Tilskot", "Grant"),
}
FOLLOW_UP_STATUS: dict[FollowUpStatus, Labels] = {
    FollowUpStatus.NOT_STARTED: L("Ikke startet", "Ikkje starta", "Not started"),
    FollowUpStatus.IN_PROGRESS: L("Under arbeid", "Under arbeid", "In progress"),
    FollowUpStatus.DONE: L("Utført", "Utført", "Done"),
    FollowUpStatus.NOT_TO_BE_DONE: L("Skal ikke utføres", "Skal ikkje utførast", "Not to be done"),
}

# key, heading, width, and whether the participant fills it in (for new rows; the
# rows of what the programme has take fewer inputs: see the writer)
RISK_COLUMNS: Columns = (
    ("id", L("Id", "Id", "Id"), 14, False),
    ("title", L("Risiko", "Risiko", "Risk"), 34, True),
    ("description", L("Beskrivelse", "Skildring", "Description"), 34, True),
    ("cause", L("Årsak", "Årsak", "Cause"), 26, True),
    (
        "effect",
        L("Konsekvens (hva skjer)", "Konsekvens (kva skjer)", "Effect (what happens)"),
        26,
        True,
    ),
    ("probability", L("Sannsynlighet (1-5)", "Sannsyn (1-5)", "Probability (1-5)"), 13, True),
    ("consequence", L("Konsekvens (1-5)", "Konsekvens (1-5)", "Consequence (1-5)"), 13, True),
    ("owner", L("Risikoeier", "Risikoeigar", "Owner"), 20, True),
    ("action", L("Tiltak", "Tiltak", "Mitigation"), 30, True),
    ("status", L("Status", "Status", "Status"), 11, False),
    ("comment", L("Kommentar", "Kommentar", "Comment"), 30, False),
    ("previous", L("Forrige vurdering", "Førre vurdering", "Last assessed"), 18, False),
)
DEVIATION_COLUMNS: Columns = (
    ("id", L("Id", "Id", "Id"), 14, False),
    ("title", L("Avvik", "Avvik", "Deviation"), 34, True),
    ("kind", L("Type", "Type", "Kind"), 12, True),
    ("cause", L("Årsak", "Årsak", "Cause"), 28, True),
    ("consequence", L("Konsekvens", "Konsekvens", "Consequence"), 28, True),
    (
        "corrective_action",
        L("Korrigerende tiltak", "Korrigerande tiltak", "Corrective action"),
        28,
        True,
    ),
    ("responsible", L("Ansvarlig", "Ansvarleg", "Responsible"), 20, True),
    ("reported_in", L("Meldt i", "Meld i", "Reported in"), 11, False),
    ("closed", L("Lukket i perioden", "Lukka i perioden", "Closed in the period"), 12, True),
)
BUDGET_COLUMNS: Columns = (
    ("key", L("Nøkkel", "Nøkkel", "Key"), 4, False),
    ("kind", L("Type", "Type", "Kind"), 18, True),
    ("description", L("Beskrivelse", "Skildring", "Description"), 44, True),
    ("budget", L("Budsjett", "Budsjett", "Budget"), 18, True),
    ("actual", L("Regnskap", "Rekneskap", "Actual"), 18, True),
    ("currency", L("Valuta", "Valuta", "Currency"), 9, False),
)
FOLLOW_UP_COLUMNS: Columns = (
    ("key", L("Nøkkel", "Nøkkel", "Key"), 4, False),
    ("decision", L("Vedtak", "Vedtak", "Decision"), 34, False),
    ("item", L("Punkt", "Punkt", "Item"), 10, False),
    ("text", L("Vedtakstekst", "Vedtakstekst", "What was decided"), 48, False),
    ("due", L("Frist", "Frist", "Due"), 12, False),
    ("previous", L("Forrige status", "Førre status", "Last status"), 16, False),
    ("status", L("Status", "Status", "Status"), 16, True),
    ("comment", L("Kommentar", "Kommentar", "Comment"), 40, True),
)

NEW_ROWS_NOTE: dict[str, Labels] = {
    "risks": L(
        "Nye risikoer: én per rad nedenfor (risiko, sannsynlighet og konsekvens 1-5)",
        "Nye risikoar: éin per rad nedanfor (risiko, sannsyn og konsekvens 1-5)",
        "New risks: one per row below (risk, probability and consequence 1-5)",
    ),
    "deviations": L(
        "Nye avvik: ett per rad nedenfor",
        "Nye avvik: eitt per rad nedanfor",
        "New deviations: one per row below",
    ),
    "economy": L(
        "Nye budsjettlinjer: én per rad nedenfor",
        "Nye budsjettliner: éi per rad nedanfor",
        "New budget lines: one per row below",
    ),
}
"""The guidance row between the rows of what the programme has and the new rows."""


def added_id(participant: str, period: Period, letter: str, number: int) -> str:
    """The id of what row ``number`` (from 1) of a workbook's area for new risks
    (``letter`` ``r``), deviations (``d``) or budget lines (``b``) adds: unique to the
    participant, the period and the row, so importing the workbook again finds it."""
    return f"{event_prefix(participant, period)[:-1]}{letter}{number}"


def added_number(found: str | None, participant: str, period: Period, letter: str) -> int | None:
    """The row number ``found`` was made from by :func:`added_id`, or ``None``."""
    if found is None:
        return None
    prefix = added_id(participant, period, letter, 0)[:-1]
    rest = found[len(prefix) :]
    if not found.startswith(prefix) or not rest.isdigit() or rest.startswith("0"):
        return None
    return int(rest)


def added_risk(risk: Risk, participant: str, period: Period) -> int | None:
    """The row number of a risk a workbook for ``participant`` and ``period`` added."""
    if risk.participant != participant or risk.identified != period:
        return None
    return added_number(risk.id, participant, period, "r")


def added_deviation(deviation: Deviation, participant: str, period: Period) -> int | None:
    """The row number of a deviation a workbook for ``participant`` and ``period`` added."""
    if deviation.participant != participant or deviation.reported_in != period:
        return None
    return added_number(deviation.id, participant, period, "d")


def added_line(line: BudgetLine, participant: str, period: Period) -> int | None:
    """The row number of a budget line a workbook for ``participant`` and ``period`` added."""
    if line.participant != participant or line.period != period:
        return None
    return added_number(line.id, participant, period, "b")


def shown_risks(programme: Programme, participant: str, period: Period) -> list[Risk]:
    """The participant's risks a workbook for ``period`` asks to assess: those open in
    the period or assessed in it, except those the workbook itself added."""
    return [
        r
        for r in programme.risks
        if r.participant == participant
        and added_risk(r, participant, period) is None
        and (r.open_in(period) or any(a.period == period for a in r.assessments))
    ]


def shown_deviations(programme: Programme, participant: str, period: Period) -> list[Deviation]:
    """The participant's deviations a workbook for ``period`` shows: those open in the
    period or closed in it, except those the workbook itself added."""
    return [
        d
        for d in programme.deviations
        if d.participant == participant
        and added_deviation(d, participant, period) is None
        and (d.open_in(period) or d.closed_in == period)
    ]


def _owns(line: BudgetLine, participant: str) -> bool:
    return line.participant == participant or (
        line.participant is None and line.organisation == participant
    )


def shown_lines(programme: Programme, participant: str, period: Period) -> list[BudgetLine]:
    """The participant's budget lines for ``period`` (those it reports, or of its own
    organisation where no participant reports them), except those a workbook added."""
    return [
        line
        for line in programme.economy
        if line.period == period
        and _owns(line, participant)
        and added_line(line, participant, period) is None
    ]


def line_keys(lines: list[BudgetLine]) -> list[str]:
    """A key for each line: its id, or a digest of what the office sets (not its
    actual amount, which the workbook changes), numbered where two lines are alike."""
    keys: list[str] = []
    for line in lines:
        if line.id is not None:
            key = line.id
        else:
            what = json.dumps(
                [
                    str(line.period),
                    line.kind.value,
                    line.description,
                    None if line.budget is None else str(line.budget),
                    line.organisation,
                    line.participant,
                    line.grantor,
                    line.note,
                ]
            )
            key = "line-" + hashlib.sha256(what.encode("utf-8")).hexdigest()[:16]
        found, number = key, 1
        while found in keys:
            number += 1
            found = f"{key}-{number}"
        keys.append(found)
    return keys


def budget_currency(programme: Programme, participant: str, period: Period) -> str:
    """The currency the participant's budget lines for ``period`` are in (NOK if none
    says); new lines are in it."""
    for line in programme.economy:
        if line.period == period and _owns(line, participant):
            for money in (line.budget, line.actual):
                if money is not None:
                    return money.currency
    return "NOK"


def line_currency(line: BudgetLine, default: str) -> str:
    """The currency of ``line``'s amounts, or ``default``."""
    for money in (line.budget, line.actual):
        if money is not None:
            return money.currency
    return default


def item_key(decision: Decision, item: DecisionItem) -> str:
    """The key of a decision item in a workbook: the decision's id, the item's group
    and its label (unique within the decision)."""
    return json.dumps([decision.id, item.group, item.label], ensure_ascii=False)


def followed_items(programme: Programme, participant: str) -> list[tuple[Decision, DecisionItem]]:
    """The decision items ``participant`` follows up, in the decisions' order."""
    return [
        (decision, item)
        for decision in programme.decisions
        for item in decision.items
        if item.participant == participant
    ]
