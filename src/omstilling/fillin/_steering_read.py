"""Reading a filled workbook's steering sheets back: assessments of open risks, new
risks, deviations closed and added, actual amounts and new budget lines, and the
follow-up of decision items. Each new row is read from a fixed block of rows; a value
below it is refused, naming its cell."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

from .._messages import N_, _
from ..model import DeviationKind, Period, RiskStatus
from . import _layout as layout
from . import _steering_layout as steer
from ._cells import (
    _BOOL_WORDS,
    Cell,
    _CellError,
    _choice,
    _column_letter,
    _is_empty,
    _money,
    _quote,
    _text,
    _whole,
    _words,
)
from ._sheetreader import SheetReader
from ._types import (
    ActualFilling,
    BudgetLineFilling,
    ClosingFilling,
    DeviationFilling,
    FollowUpFilling,
    NewRiskFilling,
    RiskFilling,
)

__all__ = ["Steering", "read_steering"]

_RISK_STATUS_WORDS = _words(steer.RISK_STATUS)
_DEVIATION_KIND_WORDS = _words(steer.DEVIATION_KIND)
_BUDGET_KIND_WORDS = _words(steer.BUDGET_KIND)
_FOLLOW_UP_WORDS = _words(steer.FOLLOW_UP_STATUS)


def _score(value: Cell) -> int | None:
    low, high = 1, 5
    try:
        number = _whole(value)
    except _CellError:
        number = -1
    if number is not None and not low <= number <= high:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        msg = _("expected a score from {low} to {high}, found {value}")
        raise _CellError(msg.format(low=low, high=high, value=_quote(value)))
    return number


@attrs.frozen(kw_only=True)
class Steering:
    """What a workbook's steering sheets say."""

    risks: tuple[RiskFilling, ...] = ()
    new_risks: tuple[NewRiskFilling, ...] = ()
    closings: tuple[ClosingFilling, ...] = ()
    deviations: tuple[DeviationFilling, ...] = ()
    actuals: tuple[ActualFilling, ...] = ()
    budget_lines: tuple[BudgetLineFilling, ...] = ()
    follow_ups: tuple[FollowUpFilling, ...] = ()


class _Table:
    """One steering sheet's table as read: the rows of what the programme has, in
    the order the workbook was made with, then the block of rows for new ones."""

    def __init__(
        self,
        reader: SheetReader,
        sheet: str,
        rows: list[list[Cell]],
        keys: list[str],
        area: int,
        what: str,
    ) -> None:
        self.reader = reader
        self.sheet = sheet
        self.rows = rows
        self.first = layout.HEADER_ROW + 1
        self.note = self.first + len(keys)
        self.area = area
        for index, key in enumerate(keys):
            row = self.first + index
            found = reader.cell(rows, row, 1)
            found = found.strip() if isinstance(found, str) else found
            if found != key:
                reader.problem(
                    sheet,
                    f"A{row}",
                    _(
                        "expected the row of {what} {key} here, found {found}; rows must not "
                        "be deleted, moved or added"
                    ).format(what=_(what), key=_quote(key), found=_quote(found)),
                )

    def keyed(self, keys: list[str]) -> list[tuple[str, int]]:
        return [(key, self.first + index) for index, key in enumerate(keys)]

    def parse(self, row: int, column: int, parser: Callable[[Cell], Any]) -> Any:
        return self.reader.parse(self.sheet, self.rows, row, column, parser)

    def empty(self, row: int, columns: range) -> bool:
        return all(_is_empty(self.reader.cell(self.rows, row, c)) for c in columns)

    def new_rows(
        self, inputs: tuple[int, ...], width: int, shown: tuple[int, ...] = ()
    ) -> list[tuple[int, int]]:
        """The rows of the block for new ones with a value in an input cell, as
        (number from 1, row); a value in a cell that is neither an input cell nor
        one the workbook fills in itself (``shown``: the currency) is a problem.
        Values in the guidance row or below the block are problems too."""
        found: list[tuple[int, int]] = []
        for column in range(1, width + 1):
            if column != 2 and not _is_empty(self.reader.cell(self.rows, self.note, column)):
                self.not_input(self.note, column)
        for number in range(1, self.area + 1):
            row = self.note + number
            for column in range(1, width + 1):
                if column in inputs or column in shown:
                    continue
                if not _is_empty(self.reader.cell(self.rows, row, column)):
                    self.not_input(row, column)
            if all(_is_empty(self.reader.cell(self.rows, row, c)) for c in inputs):
                continue
            found.append((number, row))
        self.below(self.note + self.area + 1)
        return found

    def not_input(self, row: int, column: int) -> None:
        self.reader.problem(
            self.sheet,
            f"{_column_letter(column)}{row}",
            _("is not an input cell; only the yellow cells are read (the value is not read)"),
        )

    def below(self, first_free: int) -> None:
        """A problem for the first value below the block of rows for new ones."""
        for row in range(first_free, len(self.rows) + 1):
            for column, value in enumerate(self.rows[row - 1], start=1):
                if not _is_empty(value):
                    message = (
                        _(
                            "is below the form: at most {count} rows can be added, in rows "
                            "{first} to {last} (the value is not read)"
                        ).format(count=self.area, first=self.note + 1, last=self.note + self.area)
                        if self.area
                        else _("is outside the form; rows cannot be added (the value is not read)")
                    )
                    self.reader.problem(self.sheet, f"{_column_letter(column)}{row}", message)
                    return


def _table(
    reader: SheetReader,
    sheet: str,
    keys: list[str],
    columns: layout.Columns,
    area: int,
    what: str,
) -> _Table | None:
    rows = reader.rows(sheet, len(keys) + 1 + area, len(columns))
    if rows is None or not reader.check_headings(sheet, rows, columns):
        return None
    return _Table(reader, sheet, rows, keys, area, what)


def _gone(reader: SheetReader, sheet: str, row: int, what: str, key: str) -> None:
    reader.warn(
        sheet,
        f"A{row}",
        _(
            "{what} {key} is no longer in the programme as the workbook showed it; "
            "its row is not imported"
        ).format(what=_(what), key=_quote(key)),
    )


def _risks(
    reader: SheetReader, sheet: str, keys: list[str], participant: str, period: Period
) -> tuple[list[RiskFilling], list[NewRiskFilling]]:
    what = N_("risk")
    table = _table(reader, sheet, keys, steer.RISK_COLUMNS, steer.NEW_RISK_ROWS, what)
    if table is None:
        return [], []
    shown = [w.get(reader.language) for w in steer.RISK_STATUS.values()]
    own = {r.id: r for r in steer.shown_risks(reader.programme, participant, period)}
    try:
        before: Period | None = period.previous()
    except ValueError:
        before = None
    assessed: list[RiskFilling] = []
    for key, row in table.keyed(keys):
        if table.empty(row, range(6, 8)) and table.empty(row, range(10, 12)):
            continue
        risk = own.get(key)
        if risk is None:
            _gone(reader, sheet, row, what, key)
            continue
        probability = table.parse(row, 6, _score)
        consequence = table.parse(row, 7, _score)
        status = table.parse(row, 10, lambda v: _choice(v, _RISK_STATUS_WORDS, shown))
        comment = table.parse(row, 11, _text)
        if probability is None and consequence is None and table.empty(row, range(6, 8)):
            earlier = risk.scores(before) if before is not None else None
            if earlier is None:
                reader.problem(
                    sheet,
                    f"F{row}",
                    _("give the risk's probability and consequence (1-5) for the period"),
                )
                continue
            probability, consequence = earlier
        elif probability is None or consequence is None:
            if table.empty(row, range(6, 7)) or table.empty(row, range(7, 8)):
                cell = f"F{row}" if table.empty(row, range(6, 7)) else f"G{row}"
                reader.problem(sheet, cell, _("give both the probability and the consequence"))
            continue
        assessed.append(
            RiskFilling(
                id=key,
                probability=probability,
                consequence=consequence,
                status=status or RiskStatus.OPEN,
                comment=comment,
            )
        )
    added: list[NewRiskFilling] = []
    for number, row in table.new_rows(tuple(range(2, 10)), len(steer.RISK_COLUMNS)):
        values = {c: table.parse(row, c, _score if c in (6, 7) else _text) for c in range(2, 10)}
        if values[2] is None:
            if table.empty(row, range(2, 3)):
                reader.problem(sheet, f"B{row}", _("a new risk needs a title"))
            continue
        if (values[6] is None) != (values[7] is None):
            if table.empty(row, range(6, 7)) or table.empty(row, range(7, 8)):
                cell = f"F{row}" if table.empty(row, range(6, 7)) else f"G{row}"
                reader.problem(sheet, cell, _("give both the probability and the consequence"))
            continue
        added.append(
            NewRiskFilling(
                number=number,
                title=values[2],
                description=values[3],
                cause=values[4],
                effect=values[5],
                probability=values[6],
                consequence=values[7],
                owner=values[8],
                action=values[9],
            )
        )
    return assessed, added


def _deviations(
    reader: SheetReader, sheet: str, keys: list[str], participant: str, period: Period
) -> tuple[list[ClosingFilling], list[DeviationFilling]]:
    what = N_("deviation")
    columns = steer.DEVIATION_COLUMNS
    table = _table(reader, sheet, keys, columns, steer.NEW_DEVIATION_ROWS, what)
    if table is None:
        return [], []
    yes_no = [layout.YES.get(reader.language), layout.NO.get(reader.language)]
    kinds = [w.get(reader.language) for w in steer.DEVIATION_KIND.values()]

    def closed(value: Cell) -> bool | None:
        return _choice(value, _BOOL_WORDS, yes_no)

    def kind(value: Cell) -> DeviationKind | None:
        return _choice(value, _DEVIATION_KIND_WORDS, kinds)

    own = {d.id for d in steer.shown_deviations(reader.programme, participant, period)}
    closings: list[ClosingFilling] = []
    for key, row in table.keyed(keys):
        if table.empty(row, range(9, 10)):
            continue
        if key not in own:
            _gone(reader, sheet, row, what, key)
            continue
        given = table.parse(row, 9, closed)
        if given is not None:
            closings.append(ClosingFilling(id=key, closed=given))
    added: list[DeviationFilling] = []
    for number, row in table.new_rows((2, 3, 4, 5, 6, 7, 9), len(columns)):
        title = table.parse(row, 2, _text)
        values = {c: table.parse(row, c, _text) for c in range(4, 8)}
        found_kind = table.parse(row, 3, kind)
        found_closed = table.parse(row, 9, closed)
        if title is None:
            if table.empty(row, range(2, 3)):
                reader.problem(sheet, f"B{row}", _("a new deviation needs to say what deviates"))
            continue
        added.append(
            DeviationFilling(
                number=number,
                title=title,
                kind=found_kind,
                cause=values[4],
                consequence=values[5],
                corrective_action=values[6],
                responsible=values[7],
                closed=bool(found_closed),
            )
        )
    return closings, added


def _economy(
    reader: SheetReader, sheet: str, keys: list[str], participant: str, period: Period
) -> tuple[list[ActualFilling], list[BudgetLineFilling]]:
    what = N_("budget line")
    columns = steer.BUDGET_COLUMNS
    table = _table(reader, sheet, keys, columns, steer.NEW_BUDGET_ROWS, what)
    if table is None:
        return [], []
    programme = reader.programme
    currency = steer.budget_currency(programme, participant, period)
    shown = steer.shown_lines(programme, participant, period)
    own = dict(zip(steer.line_keys(shown), shown, strict=True))
    kinds = [w.get(reader.language) for w in steer.BUDGET_KIND.values()]
    actuals: list[ActualFilling] = []
    for key, row in table.keyed(keys):
        if table.empty(row, range(5, 6)):
            continue
        line = own.get(key)
        if line is None:
            _gone(reader, sheet, row, what, key)
            continue
        money = functools.partial(_money, currency=steer.line_currency(line, currency))
        actual = table.parse(row, 5, money)
        if actual is not None:
            actuals.append(ActualFilling(key=key, actual=actual))
    added: list[BudgetLineFilling] = []
    money = functools.partial(_money, currency=currency)
    for number, row in table.new_rows((2, 3, 4, 5), len(columns), shown=(6,)):
        kind = table.parse(row, 2, lambda v: _choice(v, _BUDGET_KIND_WORDS, kinds))
        description = table.parse(row, 3, _text)
        budget = table.parse(row, 4, money)
        actual = table.parse(row, 5, money)
        if kind is None:
            if table.empty(row, range(2, 3)):
                reader.problem(sheet, f"B{row}", _("a new budget line needs a kind"))
            continue
        added.append(
            BudgetLineFilling(
                number=number, kind=kind, description=description, budget=budget, actual=actual
            )
        )
    return actuals, added


def _follow_ups(
    reader: SheetReader, sheet: str, keys: list[str], participant: str
) -> list[FollowUpFilling]:
    what = N_("decision item")
    table = _table(reader, sheet, keys, steer.FOLLOW_UP_COLUMNS, 0, what)
    if table is None:
        return []
    table.below(table.first + len(keys))  # no guidance row, no rows for new ones
    words = [w.get(reader.language) for w in steer.FOLLOW_UP_STATUS.values()]
    own = {steer.item_key(d, i) for d, i in steer.followed_items(reader.programme, participant)}
    found: list[FollowUpFilling] = []
    for key, row in table.keyed(keys):
        if table.empty(row, range(7, 9)):
            continue
        if key not in own:
            _gone(reader, sheet, row, what, key)
            continue
        status = table.parse(row, 7, lambda v: _choice(v, _FOLLOW_UP_WORDS, words))
        comment = table.parse(row, 8, _text)
        if status is None:
            if table.empty(row, range(7, 8)):
                reader.problem(sheet, f"G{row}", _("a comment needs a status beside it"))
            continue
        found.append(FollowUpFilling(key=key, status=status, comment=comment))
    return found


def read_steering(
    reader: SheetReader,
    sheets: dict[str, str],
    rows_of: dict[str, list[str]],
    participant: str,
    period: Period,
) -> Steering:
    """Read the steering sheets named in ``sheets`` (by key), with the rows
    ``rows_of`` (by key) the workbook was made with."""
    risks, new_risks = _risks(
        reader, sheets["risks"], rows_of.get("risks", []), participant, period
    )
    closings, deviations = _deviations(
        reader, sheets["deviations"], rows_of.get("deviations", []), participant, period
    )
    actuals, lines = _economy(
        reader, sheets["economy"], rows_of.get("economy", []), participant, period
    )
    follow_ups = _follow_ups(reader, sheets["follow-up"], rows_of.get("follow-up", []), participant)
    return Steering(
        risks=tuple(risks),
        new_risks=tuple(new_risks),
        closings=tuple(closings),
        deviations=tuple(deviations),
        actuals=tuple(actuals),
        budget_lines=tuple(lines),
        follow_ups=tuple(follow_ups),
    )
