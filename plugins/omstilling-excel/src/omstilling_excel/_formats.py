"""Number formats, column statistics and width estimates: plain Python, no openpyxl.

Excel shows numbers and dates through number formats, in the reader's own
separators: ``#,##0`` is "1 234" in a Norwegian Excel and "1,234" in a British one.
Month names come from the locale code in brackets (``[$-414]`` is bokmål), so a
Norwegian report shows "januar 2014" in any Excel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import cast

from omstilling.formatting import RAG_LABELS, format_value
from omstilling.model import Language, Money, PartialDate, Rag
from omstilling.report import FieldType, Value

__all__ = [
    "MAX_WIDTH",
    "MIN_WIDTH",
    "ColumnStats",
    "date_format",
    "decimal_places",
    "fits_excel",
    "money_format",
    "number_format",
]

MIN_WIDTH = 8
MAX_WIDTH = 60
"""Column widths, in characters of the default font, are fitted to the content
within these bounds; longer text wraps."""

EXCEL_DIGITS = 15
"""Excel keeps 15 significant digits: a number with more would silently change."""
_EXCEL_INTEGERS: int = 10**EXCEL_DIGITS

MAX_PLACES = 10
"""Decimals shown at most; a column that needs more uses the General format."""

_LOCALE_CODES = {Language.NB: "[$-414]", Language.NN: "[$-814]", Language.EN: "[$-809]"}
_YES_NO_WIDTH = 4
_GENERAL = "General"


def date_format(value: PartialDate, language: Language) -> str:
    """A number format that shows exactly the precision ``value`` has: the day
    (``dd.mm.yyyy``, British ``d mmm yyyy``), the month (``mmmm yyyy``) or the year."""
    if value.month is None:
        return "yyyy"
    if value.day is None:
        return f"{_LOCALE_CODES[language]}mmmm yyyy"
    if language is Language.EN:
        return f"{_LOCALE_CODES[language]}d mmm yyyy"
    return "dd.mm.yyyy"


def _date_width(value: PartialDate, language: Language) -> int:
    if value.month is None:
        return 4
    if value.day is None:
        return 14  # "september 2014"
    return 11 if language is Language.EN else 10


def number_format(places: int | None) -> str:
    """``#,##0`` with ``places`` decimals; General where ``places`` is ``None``."""
    if places is None:
        return _GENERAL
    return "#,##0" + ("." + "0" * places if places else "")


def money_format(currency: str, places: int, language: Language) -> str:
    """``#,##0 "kr"`` (``#,##0.00 "kr"`` with øre), ``"NOK "#,##0`` in English, and
    the currency code after the number for other currencies."""
    number = number_format(places)
    if currency != "NOK":
        return f'{number} "{currency}"'
    if language is Language.EN:
        return f'"NOK "{number}'
    return f'{number} "kr"'


def decimal_places(value: Decimal) -> int:
    """The decimals ``value`` needs: 1 for ``Decimal("1.50")``, 0 for ``Decimal("1E+3")``."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # the model holds finite numbers only
    return max(0, -exponent)


def fits_excel(value: int | Decimal) -> bool:
    """Whether Excel can hold ``value`` as a number without changing it (15
    significant digits)."""
    if isinstance(value, int):
        return -_EXCEL_INTEGERS < value < _EXCEL_INTEGERS
    return len(value.normalize().as_tuple().digits) <= EXCEL_DIGITS


def _number_width(value: int | Decimal, places: int) -> int:
    whole = len(str(abs(int(value))))
    return whole + (whole - 1) // 3 + (places + 1 if places else 0) + (1 if value < 0 else 0)


class ColumnStats:
    """What the writer needs to know about a column before it writes its first cell
    (a write-only sheet takes its column widths first): the width of its widest
    value and how many decimals its numbers show."""

    __slots__ = ("field_type", "language", "places", "width")

    def __init__(self, field_type: FieldType, language: Language) -> None:
        self.field_type = field_type
        self.language = language
        self.width = 0
        self.places: int | None = 0

    def add_all(self, values: Iterable[Value]) -> None:
        """Take account of every value in ``values`` (``None`` is skipped)."""
        present = [v for v in values if v is not None]
        if not present:
            return
        field_type = self.field_type
        if field_type is FieldType.DECIMAL or field_type is FieldType.MONEY:
            self._add_numbers(present)
        elif field_type is FieldType.INTEGER and all(type(v) is int for v in present):
            self._add_integers(cast("list[int]", present))
        else:
            self.width = max(self.width, max(self.measure(v) for v in present))

    def _add_integers(self, values: list[int]) -> None:
        # the widest number is the largest or the most negative one (a sign is wider)
        shown = [v for v in (max(values), min(values)) if fits_excel(v)]
        if len(shown) < 2:  # a number Excel cannot hold is written as text
            shown = [v for v in values if fits_excel(v)]
            too_long = [v for v in values if not fits_excel(v)]
            self.width = max(self.width, max(map(self.measure, too_long)))
        if shown:
            self.width = max(self.width, max(_number_width(v, 0) for v in shown))

    def _add_numbers(self, values: Sequence[Value]) -> None:
        numbers: list[Decimal] = []
        places = 0
        for value in values:
            number = value.amount if isinstance(value, Money) else value
            if isinstance(number, Decimal):
                # fits_excel and decimal_places at once: one normalize per number
                _, digits, exponent = number.normalize().as_tuple()
                if len(digits) <= EXCEL_DIGITS:
                    numbers.append(number)
                    assert isinstance(exponent, int)  # the model holds finite numbers only
                    places = max(places, -exponent)
                    continue
            self.width = max(self.width, self.measure(value))  # written as text
        if not numbers:
            return
        if self.field_type is FieldType.MONEY:
            places = 2 if places else 0
        self.places = places if places <= MAX_PLACES else None
        shown = self.places if self.places is not None else 0
        # the widest number is the largest or the most negative one (a sign is wider)
        widest = max(_number_width(n, shown) for n in (max(numbers), min(numbers)))
        if self.places is None:
            widest = max(widest, 12)  # General shows up to 11 digits and a sign
        if self.field_type is FieldType.MONEY:
            widest += 4  # " kr", " EUR", "NOK "
        self.width = max(self.width, widest)

    def measure(self, value: Value) -> int:
        """How many characters ``value`` takes when shown (its longest line)."""
        if isinstance(value, Rag):  # before str: a Rag is a StrEnum
            return len(RAG_LABELS[value].get(self.language))
        if isinstance(value, str):
            return max(map(len, value.splitlines()), default=0) if "\n" in value else len(value)
        if isinstance(value, bool):
            return _YES_NO_WIDTH
        if isinstance(value, int) and fits_excel(value):
            return _number_width(value, 0)
        if isinstance(value, PartialDate):
            return _date_width(value, self.language)
        if isinstance(value, tuple):
            return sum(map(len, value)) + 2 * max(0, len(value) - 1)
        return len(format_value(value, self.field_type, self.language))
