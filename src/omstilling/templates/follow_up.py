"""``decision-follow-up`` (vedtaksoppfølging): a view of the decision register for
one period. Per decision, with every body that made it, the items that are
followed up: who is responsible, when each is due, where its follow-up stood in the
period, with the comment, and whether it is overdue. Above them, the count of items
per status.

It needs a period, as the status report does; the command line takes the latest
period with status where none is given.

.. versionadded:: 0.2
"""

from __future__ import annotations

from itertools import groupby

from ..hookspecs import BuildRequest, ReportFormat
from ..model import FollowUpStatus, Language, Period, Programme
from ..report import FieldType as T
from ..report import Presentation, Report, ReportSchema, Section, SectionSchema, Value
from ._follow_up_sections import (
    FollowedUp,
    followed_up,
    item_label,
    responsible_of,
    status_values,
)
from ._structure import bodies_of
from .common import DECISION_KIND, L, col, language_of, make_report
from .decisions import short_reference

SCHEMA = ReportSchema(
    id="decision-follow-up",
    title=L("Vedtaksoppfølging", "Vedtaksoppfølging", "Decision follow-up"),
    sections=(
        SectionSchema(
            key="totals",
            title=L("Oppsummering", "Oppsummering", "Summary"),
            presentation=Presentation.KEY_FIGURES,
            fields=(
                col(
                    "items",
                    T.INTEGER,
                    "Vedtakspunkter som følges opp",
                    "Vedtakspunkt som blir følgde opp",
                    "Items followed up",
                    required=True,
                ),
                col("not_started", T.INTEGER, "Ikke startet", "Ikkje starta", "Not started"),
                col("in_progress", T.INTEGER, "Under arbeid", "Under arbeid", "In progress"),
                col("done", T.INTEGER, "Utført", "Utført", "Done"),
                col(
                    "not_to_be_done",
                    T.INTEGER,
                    "Skal ikke utføres",
                    "Skal ikkje utførast",
                    "Not to be done",
                ),
                col(
                    "not_reported", T.INTEGER, "Ikke rapportert", "Ikkje rapportert", "Not reported"
                ),
                col(
                    "overdue",
                    T.INTEGER,
                    "Forfalt og ikke utført",
                    "Forfalle og ikkje utført",
                    "Overdue",
                    required=True,
                ),
            ),
        ),
        SectionSchema(
            key="decision",
            title=L("Vedtak", "Vedtak", "Decision"),
            repeat=True,
            fields=(
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("case", T.TEXT, "Sak", "Sak", "Case"),
                col("bodies", T.TEXT, "Vedtatt av", "Vedteke av", "Made by", required=True),
                col("kind", T.TEXT, "Type vedtak", "Type vedtak", "Kind of decision"),
            ),
        ),
        SectionSchema(
            key="items",
            title=L("Vedtakspunkter", "Vedtakspunkt", "Items"),
            level=2,
            repeat=True,
            columns=(
                col("label", T.TEXT, "Punkt", "Punkt", "Item", required=True),
                col("text", T.PARAGRAPHS, "Tekst", "Tekst", "Text", required=True),
                col("responsible", T.TEXT, "Ansvarlig", "Ansvarleg", "Responsible"),
                col("due", T.DATE, "Frist", "Frist", "Due"),
                col("status", T.TEXT, "Status", "Status", "Status", required=True),
                col("comment", T.PARAGRAPHS, "Kommentar", "Kommentar", "Comment"),
                col("reported_for", T.PERIOD, "Rapportert for", "Rapportert for", "Reported for"),
                col("overdue", T.BOOLEAN, "Forfalt", "Forfalle", "Overdue"),
            ),
        ),
    ),
)

_ITEMS = L("Punkter", "Punkt", "Items")

_COUNTED = {
    FollowUpStatus.NOT_STARTED: "not_started",
    FollowUpStatus.IN_PROGRESS: "in_progress",
    FollowUpStatus.DONE: "done",
    FollowUpStatus.NOT_TO_BE_DONE: "not_to_be_done",
}


def _totals(found: list[FollowedUp]) -> dict[str, Value]:
    counts: dict[str, Value] = {"items": len(found), "overdue": sum(f.overdue for f in found)}
    for status, key in _COUNTED.items():
        count = sum(1 for f in found if f.follow_up is not None and f.follow_up.status is status)
        counts[key] = count or None
    counts["not_reported"] = sum(1 for f in found if f.follow_up is None) or None
    return counts


def _case(found: FollowedUp) -> str | None:
    case = found.decision.case
    return (case.meeting_case or case.case_number or case.raw) if case else None


def build(programme: Programme, request: BuildRequest) -> Report:
    """The follow-up in ``request.period`` of every decision item that is followed
    up (by ``request.participant``, if given), decision by decision in date order."""
    language = language_of(programme, request)
    period = request.period
    if period is None:  # the format needs a period; the CLI and render() see to it
        msg = "the decision follow-up needs a period"
        raise ValueError(msg)
    found = list(followed_up(programme, period, request.participant))
    bodies = {b.id: b.name for b in programme.bodies}
    sections: list[Section] = [Section(key="totals", values=_totals(found))]
    for _, group in groupby(found, key=lambda f: id(f.decision)):
        items = list(group)
        decision = items[0].decision
        sections.append(
            Section(
                key="decision",
                title=decision.title,
                values={
                    "date": decision.date,
                    "case": _case(items[0]),
                    "bodies": bodies_of(programme, decision, language),
                    "kind": DECISION_KIND[decision.kind].get(language),
                },
            )
        )
        reference = short_reference(decision, language, bodies.get(decision.body))
        sections.append(
            Section(
                key="items",
                # short: a sheet name has at most 31 characters
                title=f"{_ITEMS.get(language)} {reference}" if reference else None,
                rows=tuple(_row(programme, f, period, language) for f in items),
            )
        )
    return make_report(SCHEMA, programme, request, sections, participant=request.participant)


def _row(
    programme: Programme, found: FollowedUp, period: Period, language: Language
) -> dict[str, Value]:
    return {
        "label": item_label(found.item),
        "text": found.item.text,
        "responsible": responsible_of(programme, found.decision, found.item),
        "due": found.item.due,
        **status_values(found, period, language),
        "overdue": True if found.overdue else None,
    }


FORMAT = ReportFormat(
    id="decision-follow-up",
    schema=SCHEMA,
    build=build,
    description=(
        "Decision follow-up: per decision and body, the items followed up, who is "
        "responsible, when due, their status in the period and whether overdue"
    ),
    needs_period=True,
)

__all__ = ["FORMAT", "SCHEMA", "build"]
