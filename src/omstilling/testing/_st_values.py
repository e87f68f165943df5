"""Strategies for values: dates, periods, amounts, organisation numbers and
case references."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from hypothesis import strategies as st

from ..model import CaseReference, DateRange, Money, PartialDate, Period, PeriodKind
from ._st_base import _composite, _enum, _opt, _text


@functools.cache
def partial_dates(min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[PartialDate]:
    """Dates known to the day, the month or only the year."""
    days = st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
    return st.one_of(
        days.map(PartialDate.from_date),
        days.map(lambda d: PartialDate(d.year, d.month)),
        days.map(lambda d: PartialDate(d.year)),
    )


def _draw_period(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    kind = _enum(draw, PeriodKind)
    return Period(draw(st.integers(min_year, max_year)), kind, draw(st.integers(1, kind.parts)))


@functools.cache
def periods(min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[Period]:
    """Years, half-years, tertials and quarters."""
    return _composite(_draw_period)(min_year, max_year)


def _draw_date_range(draw: st.DrawFn) -> DateRange:
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end.last_day() < start.first_day():
        start, end = end, start
    if start is not None and end is not None and end.last_day() < start.first_day():
        end = None  # a day inside a month that starts after it
    return DateRange(start=start, end=end, text=_text(draw))


@functools.cache
def date_ranges() -> st.SearchStrategy[DateRange]:
    """Date ranges whose end, if any, is not before their start."""
    return _composite(_draw_date_range)()


@functools.cache
def decimals(places: int = 2, max_value: int = 10**12) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` decimal places, now and then a very
    large or very small one (down to 1E-30 and up to 1E+30, what a file may hold)."""
    usual = st.decimals(min_value=-max_value, max_value=max_value, places=places, allow_nan=False)
    extreme = st.builds(
        lambda sign, digits, exponent: Decimal((sign, digits, exponent)).normalize(),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=5).map(tuple),
        st.integers(-30, 25),
    )
    return st.one_of(usual, usual, usual, extreme)


@functools.cache
def money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Amounts exact to the øre, mostly in NOK (always in ``currency`` if given), now
    and then a very large one."""
    currencies = st.just(currency) if currency else st.sampled_from(["NOK", "NOK", "EUR", "SEK"])
    ore = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
    large = st.integers(-(10**30), 10**30).map(Decimal)
    return st.builds(Money, st.one_of(ore, ore, large), currencies)


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
    archive_code = _opt(draw, st.sampled_from(["K1-034", "032.0", "411", "A10", "F03-&14"]))
    raw = _text(draw)
    if not (has_case or has_meeting or archive_code or raw):
        raw = "12/1728"
    return CaseReference(
        raw=raw,
        case_year=draw(st.integers(1950, 2040)) if has_case else None,
        case_sequence=draw(st.integers(1, 99999)) if has_case else None,
        document_number=_opt(draw, st.integers(1, 500)) if has_case else None,
        meeting_body=_opt(draw, st.sampled_from(["KST", "FSK", "PS", "BU"]))
        if has_meeting
        else None,
        meeting_case_number=draw(st.integers(1, 999)) if has_meeting else None,
        meeting_case_year=draw(st.integers(1950, 2040)) if has_meeting else None,
        archive_code=archive_code,
    )


@functools.cache
def case_references() -> st.SearchStrategy[CaseReference]:
    """Case references with an archive case, a meeting case, an archive code or raw text."""
    return _composite(_draw_case_reference)()
