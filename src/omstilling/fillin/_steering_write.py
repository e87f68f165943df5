"""Writing a fill-in workbook's steering sheets: risks, deviations, economy and
decision follow-up (layout version 2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Language, Period, Programme
from ..report import Labels
from ..templates.common import L
from . import _layout as layout
from . import _steering_layout as steer

if TYPE_CHECKING:
    from ._write import _Sheet

__all__ = ["write_steering"]

Meta = list[tuple[str, str, object]]

_SCORE_WORDS = (
    L("Poeng", "Poeng", "Score"),
    L(
        "Skriv et helt tall fra 1 (lav) til 5 (høy).",
        "Skriv eit heilt tal frå 1 (låg) til 5 (høg).",
        "Enter a whole number from 1 (low) to 5 (high).",
    ),
)
_CHOICE_WORDS = L(
    "Velg fra listen.",
    "Vel frå lista.",
    "Choose from the list.",
)


def _rule(sheet: _Sheet, kind: str, cells: str, *, choices: list[str] | None = None) -> None:
    """A data validation on ``cells``: ``score`` (a whole number 1 to 5), or ``list``
    of ``choices``; the other kinds are the workbook's own (:meth:`_Sheet.validate`)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind not in ("score", "list"):
        sheet.validate(kind, cells)
        return
    language = sheet.language
    if kind == "score":
        rule = DataValidation(type="whole", operator="between", formula1="1", formula2="5")
        title, prompt = (w.get(language) for w in _SCORE_WORDS)
    else:
        rule = DataValidation(type="list", formula1='"' + ",".join(choices or []) + '"')
        title, prompt = L("Valg", "Val", "Choice").get(language), _CHOICE_WORDS.get(language)
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.errorTitle = rule.promptTitle = title
    rule.error = rule.prompt = prompt
    sheet.ws.add_data_validation(rule)
    for cell_range in cells.split():
        rule.add(cell_range)


def _words(labels: dict[object, Labels], language: Language) -> list[str]:
    return [w.get(language) for w in labels.values()]


def _begin(sheet: _Sheet, title: str, name: str, columns: layout.Columns, *, ids: bool) -> None:
    sheet.heading(title, name, column=1 if ids else 2)
    sheet.headers(columns)
    if ids:  # the ids of risks and deviations are for people to see
        sheet.ws.column_dimensions["A"].hidden = False


def _note(sheet: _Sheet, row: int, which: str) -> None:
    sheet.text(row, 2, steer.NEW_ROWS_NOTE[which].get(sheet.language)).font = sheet.bold


def _risks(
    sheet: _Sheet, programme: Programme, participant: str, period: Period, meta: Meta
) -> None:
    language = sheet.language
    statuses = {s: w.get(language) for s, w in steer.RISK_STATUS.items()}
    try:
        before: Period | None = period.previous()
    except ValueError:
        before = None
    first = layout.HEADER_ROW + 1
    shown = steer.shown_risks(programme, participant, period)
    for row, risk in enumerate(shown, start=first):
        where = f"risk {risk.id}"
        now = next((a for a in risk.assessments if a.period == period), None)
        sheet.text(row, 1, risk.id)
        for column, value in enumerate(
            (
                risk.title,
                risk.description,
                risk.cause,
                risk.effect,
            ),
            start=2,
        ):
            sheet.text(row, column, value, where=where, cut=True).alignment = sheet.wrap
        sheet.make_input(sheet.value(row, 6, None if now is None else now.probability), "whole")
        sheet.make_input(sheet.value(row, 7, None if now is None else now.consequence), "whole")
        sheet.text(row, 8, risk.owner, where=where, cut=True)
        action = risk.actions[0].action if risk.actions else None
        sheet.text(row, 9, action, where=where, cut=True).alignment = sheet.wrap
        sheet.make_input(sheet.value(row, 10, None if now is None else statuses[now.status]), "rag")
        comment = None if now is None else now.note
        sheet.make_input(sheet.value(row, 11, comment, where=where), "text")
        scores = risk.scores(before) if before is not None else None
        if scores is not None:
            sheet.text(row, 12, f"{scores[0]} × {scores[1]}")
        meta.append(("row", "risks", risk.id))
    note = first + len(shown)
    _note(sheet, note, "risks")
    added = {
        number: risk
        for risk in programme.risks
        if (number := steer.added_risk(risk, participant, period)) is not None
    }
    for number in range(1, steer.NEW_RISK_ROWS + 1):
        row = note + number
        new = added.get(number)
        values: tuple[object, ...] = (None,) * 8
        if new is not None:
            values = (
                new.title,
                new.description,
                new.cause,
                new.effect,
                new.probability,
                new.consequence,
                new.owner,
                new.actions[0].action if new.actions else None,
            )
        for column, given in enumerate(values, start=2):
            kind = "whole" if column in (6, 7) else "text"
            sheet.make_input(sheet.value(row, column, given, where="a new risk"), kind)
    last = note + steer.NEW_RISK_ROWS
    _rule(sheet, "score", f"F{first}:G{last}")
    if shown:
        _rule(sheet, "list", f"J{first}:J{note - 1}", choices=list(statuses.values()))


def _deviations(
    sheet: _Sheet, programme: Programme, participant: str, period: Period, meta: Meta
) -> None:
    language = sheet.language
    kinds = {k: w.get(language) for k, w in steer.DEVIATION_KIND.items()}
    first = layout.HEADER_ROW + 1
    shown = steer.shown_deviations(programme, participant, period)
    for row, deviation in enumerate(shown, start=first):
        where = f"deviation {deviation.id}"
        sheet.text(row, 1, deviation.id)
        for column, value in enumerate(
            (
                deviation.title,
                None if deviation.kind is None else kinds[deviation.kind],
                deviation.cause,
                deviation.consequence,
                deviation.corrective_action,
                deviation.responsible,
                str(deviation.reported_in),
            ),
            start=2,
        ):
            sheet.text(row, column, value, where=where, cut=True).alignment = sheet.wrap
        closed = True if deviation.closed_in == period else None
        sheet.make_input(sheet.value(row, 9, closed), "bool")
        meta.append(("row", "deviations", deviation.id))
    note = first + len(shown)
    _note(sheet, note, "deviations")
    added = {
        number: deviation
        for deviation in programme.deviations
        if (number := steer.added_deviation(deviation, participant, period)) is not None
    }
    for number in range(1, steer.NEW_DEVIATION_ROWS + 1):
        row = note + number
        new = added.get(number)
        values: tuple[object, ...] = (None,) * 6
        closed = None
        if new is not None:
            values = (
                new.title,
                None if new.kind is None else kinds[new.kind],
                new.cause,
                new.consequence,
                new.corrective_action,
                new.responsible,
            )
            closed = True if new.closed_in == period else None
        for column, given in enumerate(values, start=2):
            kind = "rag" if column == 3 else "text"
            sheet.make_input(sheet.value(row, column, given, where="a new deviation"), kind)
        sheet.make_input(sheet.value(row, 9, closed), "bool")
    last = note + steer.NEW_DEVIATION_ROWS
    _rule(sheet, "list", f"C{note + 1}:C{last}", choices=list(kinds.values()))
    _rule(sheet, "bool", f"I{first}:I{last}")


def _economy(
    sheet: _Sheet, programme: Programme, participant: str, period: Period, meta: Meta
) -> None:
    language = sheet.language
    kinds = {k: w.get(language) for k, w in steer.BUDGET_KIND.items()}
    currency = steer.budget_currency(programme, participant, period)
    first = layout.HEADER_ROW + 1
    shown = steer.shown_lines(programme, participant, period)
    for row, (line, key) in enumerate(zip(shown, steer.line_keys(shown), strict=True), start=first):
        sheet.text(row, 1, key)
        sheet.text(row, 2, kinds[line.kind])
        sheet.text(row, 3, line.description, where="a budget line", cut=True).alignment = sheet.wrap
        sheet.value(row, 4, line.budget)
        sheet.make_input(sheet.value(row, 5, line.actual), "money")
        sheet.text(row, 6, steer.line_currency(line, currency))
        meta.append(("row", "economy", key))
    note = first + len(shown)
    _note(sheet, note, "economy")
    added = {
        number: line
        for line in programme.economy
        if (number := steer.added_line(line, participant, period)) is not None
    }
    for number in range(1, steer.NEW_BUDGET_ROWS + 1):
        row = note + number
        new = added.get(number)
        sheet.make_input(sheet.value(row, 2, None if new is None else kinds[new.kind]), "rag")
        description = None if new is None else new.description
        sheet.make_input(sheet.value(row, 3, description, where="a budget line"), "text")
        sheet.make_input(sheet.value(row, 4, None if new is None else new.budget), "money")
        sheet.make_input(sheet.value(row, 5, None if new is None else new.actual), "money")
        sheet.text(row, 6, currency if new is None else steer.line_currency(new, currency))
    last = note + steer.NEW_BUDGET_ROWS
    _rule(sheet, "list", f"B{note + 1}:B{last}", choices=list(kinds.values()))
    _rule(sheet, "money", f"D{note + 1}:D{last} E{first}:E{last}")


def _follow_up(
    sheet: _Sheet, programme: Programme, participant: str, period: Period, meta: Meta
) -> None:
    language = sheet.language
    words = {s: w.get(language) for s, w in steer.FOLLOW_UP_STATUS.items()}
    first = layout.HEADER_ROW + 1
    items = steer.followed_items(programme, participant)
    for row, (decision, item) in enumerate(items, start=first):
        key = steer.item_key(decision, item)
        where = f"decision {decision.id}"
        sheet.text(row, 1, key)
        title = decision.title if decision.date is None else f"{decision.title} ({decision.date})"
        sheet.text(row, 2, title, where=where, cut=True).alignment = sheet.wrap
        label = item.label if item.group is None else f"{item.group} {item.label}"
        sheet.text(row, 3, label, where=where, cut=True)
        sheet.text(row, 4, item.text, where=where, cut=True).alignment = sheet.wrap
        sheet.value(row, 5, item.due)
        earlier = [f for f in item.follow_up if f.period < period]
        if earlier:
            last = max(earlier, key=lambda f: f.period)
            sheet.text(row, 6, f"{words[last.status]} ({last.period})")
        now = next((f for f in item.follow_up if f.period == period), None)
        sheet.make_input(sheet.value(row, 7, None if now is None else words[now.status]), "rag")
        comment = None if now is None else now.comment
        sheet.make_input(sheet.value(row, 8, comment, where=where), "text")
        meta.append(("row", "follow-up", key))
    if items:
        end = first + len(items) - 1
        _rule(sheet, "list", f"G{first}:G{end}", choices=list(words.values()))


def write_steering(
    new_sheet: Callable[[str], _Sheet],
    programme: Programme,
    participant: str,
    period: Period,
    title: str,
    meta: Meta,
) -> None:
    """Write the steering sheets, each made by ``new_sheet`` with its name, and add
    their rows to ``meta``."""
    writers = {
        "risks": (_risks, steer.RISK_COLUMNS, True),
        "deviations": (_deviations, steer.DEVIATION_COLUMNS, True),
        "economy": (_economy, steer.BUDGET_COLUMNS, False),
        "follow-up": (_follow_up, steer.FOLLOW_UP_COLUMNS, False),
    }
    for which, (write, columns, ids) in writers.items():
        labels = steer.STEERING_SHEETS[which]
        sheet = new_sheet(which)
        _begin(sheet, title, labels.get(sheet.language), columns, ids=ids)
        write(sheet, programme, participant, period, meta)
        sheet.protect()
