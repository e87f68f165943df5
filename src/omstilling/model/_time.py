"""Dates as documents give them: partial dates, reporting periods and date ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable
from functools import total_ordering
from typing import Protocol, Self, TypeVar

import attrs

from .._messages import _
from ._typed import WrongType, typed_fields, written_form
from ._values import field_validator

__all__ = [
    "Cadence",
    "DateRange",
    "PartialDate",
    "Period",
    "PeriodKind",
    "ends_before_start",
    "latest_as_of",
]

_T = TypeVar("_T")

_PARTIAL_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without working out the weekday."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month]


@field_validator
def _check_year(_obj: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1000 <= value <= 9999:
        msg = _("year must have four digits: {value}").format(value=repr(value))
        raise ValueError(msg)


@total_ordering
@attrs.frozen(order=False, field_transformer=typed_fields)
class PartialDate:
    """A calendar date that may be known only to the month or the year.

    Documents say "Januar 2014" or "våren 2005" as often as "20.12.2013". A
    ``PartialDate`` keeps exactly the precision the source gave: ``PartialDate(2014)``,
    ``PartialDate(2014, 1)`` or ``PartialDate(2014, 1, 20)``. In files it is written
    in ISO 8601 form: ``"2014"``, ``"2014-01"``, ``"2014-01-20"``.

    Partial dates order by the first day they can stand for, and a less precise
    date sorts before a more precise one that starts on the same day.

    .. versionadded:: 0.1
    """

    year: int = attrs.field(validator=_check_year)
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.month is None:
            if self.day is not None:
                msg = _("a day needs a month")
                raise ValueError(msg)
            return
        if not 1 <= self.month <= 12:
            msg = _("not a month: {value}").format(value=repr(self.month))
            raise ValueError(msg)
        if self.day is not None:
            last = _days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                msg = _("not a day of {month}: {value}").format(
                    month=f"{self.year}-{self.month:02d}", value=repr(self.day)
                )
                raise ValueError(msg)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse the ISO form ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises :class:`ValueError` with the offending text in the message.
        """
        match = _PARTIAL_DATE_RE.match(text.strip())
        if match is None:
            msg = _("not a date: {value}").format(value=repr(text))
            raise ValueError(msg)
        year, month, day = match.groups()
        try:
            return cls(
                int(year),
                None if month is None else int(month),
                None if day is None else int(day),
            )
        except ValueError:
            msg = _("not a date: {value}").format(value=repr(text))
            raise ValueError(msg) from None

    @classmethod
    def from_date(cls, value: dt.date) -> Self:
        """The full-precision partial date of ``value``."""
        return cls(value.year, value.month, value.day)

    @property
    def is_exact(self) -> bool:
        """Whether the day is known."""
        return self.day is not None

    def first_day(self) -> dt.date:
        """The earliest calendar day this date can stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this date can stand for."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def _key(self) -> tuple[dt.date, int]:
        precision = 0 if self.month is None else 1 if self.day is None else 2
        return (self.first_day(), precision)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _text_form(cls: type[_T], expected: str, parse: Callable[[str], _T]) -> None:
    """Let fields of type ``cls`` take text too, as ``parse`` reads it."""

    def convert(value: object) -> _T:
        if isinstance(value, str):
            return parse(value)
        raise WrongType(expected, value)

    written_form(cls, expected, convert)


_text_form(
    PartialDate, "a PartialDate or its text (2014, 2014-01 or 2014-01-20)", PartialDate.parse
)


class PeriodKind(enum.StrEnum):
    """How long a reporting period is.

    .. versionadded:: 0.1
    """

    YEAR = "year"
    """A whole year: ``2005``."""
    HALF = "half"
    """Half a year: ``2004-H1``, ``2004-H2``."""
    TERTIAL = "tertial"
    """A tertial, four months: ``2012-T1`` to ``2012-T3``."""
    QUARTER = "quarter"
    """A quarter: ``2024-Q1`` to ``2024-Q4``."""

    @property
    def parts(self) -> int:
        """How many periods of this kind make a year."""
        return {"year": 1, "half": 2, "tertial": 3, "quarter": 4}[self.value]

    @property
    def letter(self) -> str:
        """The letter used in the written form ("H" for ``2004-H1``)."""
        return {"year": "", "half": "H", "tertial": "T", "quarter": "Q"}[self.value]


_PERIOD_RE = re.compile(r"^([0-9]{4})(?:-([HTQ])([0-9]))?$")
_LETTERS = {"H": PeriodKind.HALF, "T": PeriodKind.TERTIAL, "Q": PeriodKind.QUARTER}


@total_ordering
@attrs.frozen(order=False, field_transformer=typed_fields)
class Period:
    """A reporting period: a year, a half-year, a tertial or a quarter.

    Written ``"2005"``, ``"2004-H1"``, ``"2012-T2"`` or ``"2024-Q3"``. Periods order by
    start date, a longer period before a shorter one that starts the same day, so
    ``2004`` sorts before ``2004-H1``.

    >>> Period.parse("2004-H1").next()
    Period(year=2004, kind=<PeriodKind.HALF: 'half'>, number=2)

    .. versionadded:: 0.1
    """

    year: int = attrs.field(validator=_check_year)
    kind: PeriodKind = PeriodKind.YEAR
    number: int = 1

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.number <= self.kind.parts:
            msg = _("a {kind} period is numbered 1 to {parts}: {number}").format(
                kind=self.kind.value, parts=self.kind.parts, number=repr(self.number)
            )
            raise ValueError(msg)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse ``YYYY``, ``YYYY-H1``, ``YYYY-T3`` or ``YYYY-Q4``."""
        match = _PERIOD_RE.match(text.strip())
        if match is None:
            msg = _("not a period (2005, 2004-H1, 2012-T2, 2024-Q3): {value}")
            raise ValueError(msg.format(value=repr(text)))
        year, letter, number = match.groups()
        if letter is None:
            return cls(int(year))
        try:
            return cls(int(year), _LETTERS[letter], int(number))
        except ValueError:
            msg = _("not a period (2005, 2004-H1, 2012-T2, 2024-Q3): {value}")
            raise ValueError(msg.format(value=repr(text))) from None

    def start(self) -> dt.date:
        """The first day of the period."""
        months = 12 // self.kind.parts
        return dt.date(self.year, 1 + months * (self.number - 1), 1)

    def end(self) -> dt.date:
        """The last day of the period."""
        months = 12 // self.kind.parts
        month = months * self.number
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the period."""
        return self.start() <= day <= self.end()

    def next(self) -> Period:
        """The period of the same kind that follows this one.

        Raises :class:`~omstilling.errors.FieldError` after the last period of 9999.
        """
        if self.number == self.kind.parts:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.number + 1)

    def previous(self) -> Period:
        """The period of the same kind that precedes this one.

        Raises :class:`~omstilling.errors.FieldError` before the first period of 1000.
        """
        if self.number == 1:
            return Period(self.year - 1, self.kind, self.kind.parts)
        return Period(self.year, self.kind, self.number - 1)

    def _key(self) -> tuple[dt.date, int]:
        return (self.start(), -self.end().toordinal())

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.kind.letter}{self.number}"


_text_form(Period, "a Period or its text (2005, 2004-H1, 2012-T2 or 2024-Q3)", Period.parse)


def ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether ``end`` certainly lies before ``start``: ``2004`` does not end before
    ``2004-04-19`` starts, since the year may mean its last day."""
    return start is not None and end is not None and end.last_day() < start.first_day()


@attrs.frozen(field_transformer=typed_fields)
class DateRange:
    """A stretch of time whose ends may be open or known only roughly.

    ``text`` keeps the source's own words ("våren 2004", "april/mai 2014") where
    they say more than the dates can.

    .. versionadded:: 0.1
    """

    start: PartialDate | None = None
    """When it starts, as precisely as known."""
    end: PartialDate | None = None
    """When it ends, as precisely as known."""
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.start, self.end):
            msg = _("ends ({end}) before it starts ({start})").format(
                end=self.end, start=self.start
            )
            raise ValueError(msg)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` may fall within the range (open ends contain everything)."""
        if self.start is not None and day < self.start.first_day():
            return False
        return not (self.end is not None and day > self.end.last_day())


class Cadence(enum.StrEnum):
    """How often a programme reports.

    .. versionadded:: 0.1
    """

    HALF_YEARLY = "half-yearly"
    """Halvårsrapport: twice a year, for ``2004-H1`` and ``2004-H2``."""
    TERTIAL = "tertial"
    """Tertialrapport: three times a year, ``2012-T1`` to ``2012-T3``."""
    QUARTERLY = "quarterly"
    """Kvartalsrapport: four times a year, ``2024-Q1`` to ``2024-Q4``."""
    ANNUAL = "annual"
    """Årsrapport: once a year, for ``2005``."""

    @property
    def period_kind(self) -> PeriodKind:
        """The kind of period one report covers."""
        return {
            "half-yearly": PeriodKind.HALF,
            "tertial": PeriodKind.TERTIAL,
            "quarterly": PeriodKind.QUARTER,
            "annual": PeriodKind.YEAR,
        }[self.value]


class _Dated(Protocol):
    @property
    def period(self) -> Period: ...


_D = TypeVar("_D", bound=_Dated)


def latest_as_of(items: Iterable[_D], period: Period | None = None) -> _D | None:
    """Of ``items`` given per period (assessments, follow-ups, measurements), the one
    of the latest period that has begun by the end of ``period``: what stood then.
    Without ``period``, the latest of all; ``None`` where there is none by then.

    .. versionadded:: 0.2
    """
    found: _D | None = None
    for item in items:
        if period is not None and item.period.start() > period.end():
            continue
        if found is None or found.period < item.period:
            found = item
    return found
