"""What the decision follow-up (vedtaksoppfølging) of a period is, shared by the
``decision-follow-up`` template and the status report's section of items due and
not done: which items are followed up, who is responsible, where each stood in the
period and whether it is overdue.

An item is *overdue* in a period when it was due by the period's end (the last day
its due date can mean: a due "2020" is due by 31 December 2020) and its follow-up,
as last reported in or before the period, is neither done nor not to be done. A
report on a period is written after it, so an item due on its last day and not done
is overdue by then.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..model import (
    Decision,
    DecisionItem,
    FollowUp,
    FollowUpStatus,
    Language,
    Period,
    Programme,
)
from ..report import FieldType as T
from ..report import Labels, Section, SectionSchema, Value
from ._summary import NOT_REPORTED
from .common import L, col, organisation_name
from .decisions import short_reference

__all__ = [
    "CLOSED",
    "DUE_SCHEMA",
    "FOLLOW_UP_STATUS",
    "FollowedUp",
    "decision_name",
    "due_not_done",
    "due_section",
    "followed_up",
    "item_label",
    "responsible_of",
    "status_values",
]

FOLLOW_UP_STATUS: dict[FollowUpStatus, Labels] = {
    FollowUpStatus.NOT_STARTED: L("Ikke startet", "Ikkje starta", "Not started"),
    FollowUpStatus.IN_PROGRESS: L("Under arbeid", "Under arbeid", "In progress"),
    FollowUpStatus.DONE: L("Utført", "Utført", "Done"),
    FollowUpStatus.NOT_TO_BE_DONE: L("Skal ikke utføres", "Skal ikkje utførast", "Not to be done"),
}
"""The words for the follow-up statuses."""

CLOSED = frozenset({FollowUpStatus.DONE, FollowUpStatus.NOT_TO_BE_DONE})
"""The statuses that end an item's follow-up."""


@attrs.frozen
class FollowedUp:
    """A decision item that is followed up, with the decision it belongs to and
    where it stood in a period."""

    decision: Decision
    item: DecisionItem
    follow_up: FollowUp | None
    """The follow-up last reported in or before the period."""
    overdue: bool
    """Due by the period's end, and neither done nor not to be done."""


def _participant_of(decision: Decision, item: DecisionItem) -> str | None:
    return item.participant or decision.participant


def _is_followed_up(item: DecisionItem) -> bool:
    if item.follow_up or item.responsible:
        return True
    return item.due is not None or item.participant is not None


def _overdue(item: DecisionItem, follow_up: FollowUp | None, period: Period) -> bool:
    if item.due is None or item.due.last_day() > period.end():
        return False
    return follow_up is None or follow_up.status not in CLOSED


def _date_key(decision: Decision) -> tuple[bool, object]:
    return decision.date is None, decision.date.first_day() if decision.date else None


def followed_up(
    programme: Programme, period: Period, participant: str | None = None
) -> Iterator[FollowedUp]:
    """Every decision item of ``programme`` that is followed up (it has a follow-up
    reported, a due date, or someone responsible), decisions in date order and items
    in theirs, with its follow-up in ``period``. Decisions made after ``period``
    (dated from a day after its end) are left out. With ``participant``, only the
    items that participant follows up (the item's own participant, else its
    decision's)."""
    for decision in sorted(programme.decisions, key=_date_key):
        if decision.date is not None and decision.date.first_day() > period.end():
            continue
        for item in decision.items:
            if not _is_followed_up(item):
                continue
            if participant is not None and _participant_of(decision, item) != participant:
                continue
            follow_up = item.follow_up_in(period)
            yield FollowedUp(decision, item, follow_up, _overdue(item, follow_up, period))


def due_not_done(
    programme: Programme, period: Period, participant: str | None = None
) -> list[FollowedUp]:
    """The items of :func:`followed_up` that are overdue in ``period``."""
    return [f for f in followed_up(programme, period, participant) if f.overdue]


def item_label(item: DecisionItem) -> str:
    """An item's label as a row shows it: within its group where it has one
    ("Vedtak oppvekst, 3"), since labels repeat from group to group."""
    return f"{item.group}, {item.label}" if item.group else item.label


def responsible_of(programme: Programme, decision: Decision, item: DecisionItem) -> str | None:
    """Who follows ``item`` up, in words: the responsible as written, with the
    participant's name after it in brackets where both are given."""
    name = organisation_name(programme, _participant_of(decision, item))
    if item.responsible and name and name != item.responsible:
        return f"{item.responsible} ({name})"
    return item.responsible or name


def status_values(found: FollowedUp, period: Period, language: Language) -> dict[str, Value]:
    """The status, comment and (where it was reported for an earlier period) the
    period of ``found``'s follow-up, as a row shows them."""
    follow_up = found.follow_up
    if follow_up is None:
        return {"status": NOT_REPORTED.get(language)}
    return {
        "status": FOLLOW_UP_STATUS[follow_up.status].get(language),
        "comment": follow_up.comment,
        "reported_for": follow_up.period if follow_up.period != period else None,
    }


_STATUS_COLUMNS = (
    col("responsible", T.TEXT, "Ansvarlig", "Ansvarleg", "Responsible"),
    col("due", T.DATE, "Frist", "Frist", "Due"),
    col("status", T.TEXT, "Status", "Status", "Status", required=True),
    col("comment", T.PARAGRAPHS, "Kommentar", "Kommentar", "Comment"),
    col("reported_for", T.PERIOD, "Rapportert for", "Rapportert for", "Reported for"),
)

DUE_SCHEMA = SectionSchema(
    key="follow_up_due",
    title=L("Vedtaksoppfølging", "Vedtaksoppfølging", "Decision follow-up"),
    description=L(
        "Vedtakspunkter med frist innen periodens slutt som ikke er utført.",
        "Vedtakspunkt med frist innan slutten av perioden som ikkje er utførte.",
        "Decision items due by the end of the period and not done.",
    ),
    columns=(
        col("decision", T.TEXT, "Vedtak", "Vedtak", "Decision", required=True),
        col("label", T.TEXT, "Punkt", "Punkt", "Item", required=True),
        col("text", T.PARAGRAPHS, "Tekst", "Tekst", "Text", required=True),
        *_STATUS_COLUMNS,
    ),
)
"""The status report's section of decision items due and not done."""


def decision_name(decision: Decision, language: Language, bodies: dict[str, str]) -> str:
    """A decision as a row names it: its short reference and title."""
    reference = short_reference(decision, language, bodies.get(decision.body))
    return f"{reference}: {decision.title}" if reference else decision.title


def due_section(
    programme: Programme, period: Period, language: Language, participant: str | None = None
) -> Section | None:
    """The status report's section of the items due by the end of ``period`` and not
    done (of ``participant``, if given); ``None`` where there are none."""
    found = due_not_done(programme, period, participant)
    if not found:
        return None
    bodies = {b.id: b.name for b in programme.bodies}
    rows = tuple(
        {
            "decision": decision_name(f.decision, language, bodies),
            "label": item_label(f.item),
            "text": f.item.text,
            "responsible": responsible_of(programme, f.decision, f.item),
            "due": f.item.due,
            **status_values(f, period, language),
        }
        for f in found
    )
    return Section(key="follow_up_due", rows=rows)
