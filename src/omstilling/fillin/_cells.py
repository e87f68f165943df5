"""The values of a filled workbook's cells, one kind of cell at a time: each either
gives the model's value or says, in words a participant understands, what is wrong."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from .._messages import _
from ..formatting import RAG_LABELS
from ..model import Language, Money, PartialDate
from ..model._values import NotWholeOre
from . import _layout as layout

_T = TypeVar("_T")
Cell = Any
"""A value as python-calamine gives it: text, number, boolean, date, or ``""``."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters a text typed into a cell never holds (they can arrive as _xHHHH_ escapes)."""
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLACK_ROWS = 200
"""Rows read past the end of a table, to notice values written outside it."""


class _CellError(ValueError):
    pass


class _Fatal(Exception):
    """A problem after which nothing more of the workbook can be read sensibly."""


_QUOTED = 60
"""The most characters of a value a message repeats."""


def _quote(value: object) -> str:
    """``repr(value)``, cut to about 60 characters: a message names a value, it never
    repeats a long one (a cell may hold 32,767 characters)."""
    text = repr(value)
    if len(text) <= _QUOTED:
        return text
    length = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    closing = text[0] if isinstance(value, str) else ""
    return f"{text[: _QUOTED - 2]}…{closing}{length}"


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _words(labels: dict[_T, Any]) -> dict[str, _T]:
    """Every way a choice may be written (any language, any case) -> the choice."""
    found: dict[str, _T] = {}
    for choice, words in labels.items():
        for language in Language:
            found[words.get(language).casefold()] = choice
        value = getattr(choice, "value", None)
        if isinstance(value, str):
            found[value.casefold()] = choice
    return found


_RAG_WORDS = _words(RAG_LABELS)
_KIND_WORDS = _words(layout.EVENT_KIND)
_BOOL_WORDS = _words({True: layout.YES, False: layout.NO}) | {"true": True, "false": False}


# --- cell values ---------------------------------------------------------------------


def _text(value: Cell) -> str | None:
    if type(value) is str:  # the common case first: a sheet has many cells
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value):
            raise _CellError(_("the text holds control characters; retype it"))
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        raise _CellError(_("expected text, found {value}").format(value=_quote(value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() or None


def _lines(value: Cell) -> tuple[str, ...]:
    text = _text(value)
    if text is None:
        return ()
    return tuple(line.strip() for line in text.split("\n") if line.strip())


@functools.lru_cache(maxsize=4096)
def _exact_date(value: dt.date) -> PartialDate:
    """The partial date of a calendar day; the same days recur in a sheet, and a
    partial date is immutable, so each is made once."""
    return PartialDate.from_date(value)


def _date(value: Cell) -> PartialDate | None:
    if type(value) is dt.date:  # the common case first: a sheet has many cells
        return _exact_date(value)
    if _is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            msg = _("expected a date, found a date with a time of day ({value})")
            raise _CellError(msg.format(value=value))
        return _exact_date(value.date())
    if isinstance(value, dt.date):
        return _exact_date(value)
    if isinstance(value, str):
        text = value.strip()
        match = _NORWEGIAN_DATE.match(text)
        try:
            if match is not None:
                day, month, year = (int(g) for g in match.groups())
                return PartialDate.from_date(dt.date(year, month, day))
            return PartialDate.parse(text)
        except ValueError:
            msg = _("expected a date (15.09.2004), found the text {value}")
            raise _CellError(msg.format(value=_quote(text))) from None
    if isinstance(value, bool):
        raise _CellError(_("expected a date, found {value}").format(value=_quote(value)))
    if isinstance(value, dt.time | dt.timedelta):
        msg = _("expected a date (15.09.2004), found a time ({value})")
        raise _CellError(msg.format(value=value))
    msg = _("expected a date (15.09.2004), found the number {value}")
    raise _CellError(msg.format(value=_quote(value)))


def _choice(value: Cell, words: dict[str, _T], shown: Sequence[str]) -> _T | None:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        found = words.get(text.casefold())
        if found is not None:
            return found
    elif value is None:
        return None
    elif isinstance(value, bool) and value in words.values():
        return words[str(value).casefold()]
    choices = ", ".join(shown)
    msg = _("unknown choice {value}; choose one of {choices}")
    raise _CellError(msg.format(value=_quote(value), choices=choices))


def _whole(value: Cell) -> int | None:
    if _is_empty(value):
        return None
    number: Decimal
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        if isinstance(value, int | float):
            number = Decimal(repr(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            raise InvalidOperation
    except InvalidOperation:
        msg = _("expected a whole number, found {value}").format(value=_quote(value))
        raise _CellError(msg) from None
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        msg = _("expected a whole number of 0 or more, found {value}")
        raise _CellError(msg.format(value=_quote(value)))
    if number > 100_000:
        raise _CellError(_("{value} is more than 100000").format(value=_quote(value)))
    return int(number)


def _money(value: Cell, currency: str) -> Money | None:
    if _is_empty(value):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(_("expected an amount, found {value}").format(value=_quote(value)))
        if isinstance(value, int | float):
            if value != value or value in (float("inf"), float("-inf")):
                msg = _("expected an amount, found {value}").format(value=_quote(value))
                raise ValueError(msg)
            money = Money(Decimal(repr(value)), currency)
        elif isinstance(value, str):
            money = Money.parse(value)
            if money.currency != currency:
                msg = _("the amount is in {found}, but this measure's are in {currency}").format(
                    found=money.currency, currency=currency
                )
                raise ValueError(msg)
        else:
            raise ValueError(_("expected an amount, found {value}").format(value=_quote(value)))
    except NotWholeOre:
        message = _("{value} has more than two decimals; amounts are in kroner and øre")
        raise _CellError(message.format(value=_quote(value))) from None
    except ValueError as exc:
        message = str(exc)
        if isinstance(value, str) and len(value) > _QUOTED:  # the message would repeat it
            message = _("expected an amount, found {value}").format(value=_quote(value))
        raise _CellError(message) from None
    if abs(money.amount) >= Decimal("1E15"):
        raise _CellError(_("{value} is too large an amount").format(value=_quote(value)))
    return money
