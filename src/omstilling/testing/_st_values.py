"""Strategies for values: dates, periods, amounts, organisation numbers and
case references."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from hypothesis import strategies as st

from ..model import (
    MAX_EXPONENT,
    MAX_INTEGER,
    CaseReference,
    DateRange,
    Money,
    PartialDate,
    Period,
    PeriodKind,
)
from ._st_base import _enum, _is_realistic, _opt, _styled, _text

_REALISTIC_YEARS = (1990, 2040)
_WIDE_YEARS = (1000, 9999)  # what the model accepts: four-digit years


def _years(min_year: int | None, max_year: int | None) -> tuple[int, int]:
    low, high = _REALISTIC_YEARS if _is_realistic() else _WIDE_YEARS
    return (low if min_year is None else min_year, high if max_year is None else max_year)


@functools.cache
def _partial_dates_within(min_year: int, max_year: int) -> st.SearchStrategy[PartialDate]:
    days = st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
    return st.one_of(
        days.map(PartialDate.from_date),
        days.map(lambda d: PartialDate(d.year, d.month)),
        days.map(lambda d: PartialDate(d.year)),
    )


def _draw_partial_date(draw: st.DrawFn, min_year: int | None, max_year: int | None) -> PartialDate:
    return draw(_partial_dates_within(*_years(min_year, max_year)))


@functools.cache
def partial_dates(
    min_year: int | None = None, max_year: int | None = None, *, realistic: bool | None = None
) -> st.SearchStrategy[PartialDate]:
    """Dates known to the day, the month or only the year: from year 1000 to 9999 as
    the model allows (1990 to 2040 when realistic), or from ``min_year`` to
    ``max_year``."""
    return _styled(_draw_partial_date)(realistic, min_year, max_year)


def _pd(draw: st.DrawFn) -> PartialDate | None:
    """An optional partial date of the current choice, drawn without a wrapper."""
    return _opt(draw, _partial_dates_within(*_years(None, None)))


def _draw_period(draw: st.DrawFn, min_year: int | None, max_year: int | None) -> Period:
    kind = _enum(draw, PeriodKind)
    low, high = _years(min_year, max_year)
    return Period(draw(st.integers(low, high)), kind, draw(st.integers(1, kind.parts)))


@functools.cache
def periods(
    min_year: int | None = None, max_year: int | None = None, *, realistic: bool | None = None
) -> st.SearchStrategy[Period]:
    """Years, half-years, tertials and quarters, in the years :func:`partial_dates`
    draws."""
    return _styled(_draw_period)(realistic, min_year, max_year)


def _draw_date_range(draw: st.DrawFn) -> DateRange:
    start = _pd(draw)
    end = _pd(draw)
    if start is not None and end is not None and end.last_day() < start.first_day():
        start, end = end, start
    if start is not None and end is not None and end.last_day() < start.first_day():
        end = None  # a day inside a month that starts after it
    return DateRange(start=start, end=end, text=_text(draw))


@functools.cache
def date_ranges(*, realistic: bool | None = None) -> st.SearchStrategy[DateRange]:
    """Date ranges whose end, if any, is not before their start."""
    return _styled(_draw_date_range)(realistic)


@functools.cache
def _extreme_decimals(places: int) -> st.SearchStrategy[Decimal]:
    """From 1E-30 (or the smallest step of ``places``) to ±1E+30, the model's bounds."""
    smallest = -min(places, MAX_EXPONENT)
    exact = st.builds(
        lambda sign, digits, exponent: Decimal((sign, digits, exponent)).normalize(),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=5).map(tuple),
        st.integers(smallest, MAX_EXPONENT - 5),
    )
    bounds = st.sampled_from(
        [Decimal(f"1E+{MAX_EXPONENT}"), Decimal(f"-1E+{MAX_EXPONENT}"), Decimal(f"1E{smallest}")]
    )
    return st.one_of(exact, bounds)


@functools.cache
def _decimals_within(places: int, max_value: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=-max_value, max_value=max_value, places=places, allow_nan=False)


def _draw_decimal(draw: st.DrawFn, places: int, max_value: int | None) -> Decimal:
    usual = _decimals_within(places, 10**12 if max_value is None else max_value)
    if _is_realistic() or max_value is not None:
        value: Decimal = draw(usual)
        return value
    wide: Decimal = draw(st.one_of(usual, usual, _extreme_decimals(30)))
    return wide


@functools.cache
def decimals(
    places: int = 2, max_value: int | None = None, *, realistic: bool | None = None
) -> st.SearchStrategy[Decimal]:
    """Finite decimals. With ``max_value``, within ±``max_value`` and at most
    ``places`` decimals. Without it: wide (the default), also very large and very
    small ones, from 1E-30 up to ±1E+30 as the model allows; realistic, within
    ±10**12 with at most ``places`` decimals."""
    return _styled(_draw_decimal)(realistic, places, max_value)


@functools.cache
def _ore() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)


@functools.cache
def _wide_amounts() -> st.SearchStrategy[Decimal]:
    large = st.integers(-(10**MAX_EXPONENT), 10**MAX_EXPONENT).map(Decimal)
    tiny = st.sampled_from([Decimal("0.01"), Decimal("-0.01"), Decimal("0.10"), Decimal(0)])
    return st.one_of(_ore(), _ore(), large, tiny, _extreme_decimals(2))


def _draw_money(draw: st.DrawFn, currency: str | None) -> Money:
    if currency is None:
        currency = draw(st.sampled_from(["NOK", "NOK", "EUR", "SEK"]))
    amounts = _ore() if _is_realistic() else _wide_amounts()
    return Money(draw(amounts), currency)


@functools.cache
def money(
    currency: str | None = None, *, realistic: bool | None = None
) -> st.SearchStrategy[Money]:
    """Amounts exact to the øre, mostly in NOK (always in ``currency`` if given).
    Wide (the default), also as large as ±1E+30 and as small as one øre; realistic,
    within ±10**12."""
    return _styled(_draw_money)(realistic, currency)


def _with_check_digit(digits: str) -> str | None:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 11:
        check = 0
    return None if check == 10 else digits + str(check)


@functools.cache
def organisation_numbers() -> st.SearchStrategy[str]:
    """Valid 9-digit organisation numbers (mod-11 check digit)."""
    eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)
    return eight_digits.map(_with_check_digit).filter(bool).map(str)


def _draw_case_reference(draw: st.DrawFn) -> CaseReference:
    has_case, has_meeting = draw(st.booleans()), draw(st.booleans())
    years = st.integers(1950, 2040) if _is_realistic() else st.integers(1900, 2999)
    numbers = st.integers(1, 99999) if _is_realistic() else st.integers(1, MAX_INTEGER)
    archive_code = _opt(draw, st.sampled_from(["K1-034", "032.0", "411", "A10", "F03-&14"]))
    raw = _text(draw)
    if not (has_case or has_meeting or archive_code or raw is not None):
        raw = "12/1728"
    return CaseReference(
        raw=raw,
        case_year=draw(years) if has_case else None,
        case_sequence=draw(numbers) if has_case else None,
        document_number=_opt(draw, numbers) if has_case else None,
        meeting_body=_opt(draw, st.sampled_from(["KST", "FSK", "PS", "BU"]))
        if has_meeting
        else None,
        meeting_case_number=draw(numbers) if has_meeting else None,
        meeting_case_year=draw(years) if has_meeting else None,
        archive_code=archive_code,
    )


@functools.cache
def case_references(*, realistic: bool | None = None) -> st.SearchStrategy[CaseReference]:
    """Case references with an archive case, a meeting case, an archive code or raw
    text (which, wide, may be empty)."""
    return _styled(_draw_case_reference)(realistic)
