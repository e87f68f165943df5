"""The rules of dates as documents give them, at their edges: the days a partial date
stands for, where periods begin and end, and what a date range contains."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from omstilling.model import (
    Cadence,
    DateRange,
    PartialDate,
    Period,
    PeriodKind,
)
from omstilling.model._time import ends_before_start

D = dt.date


# --- partial dates -----------------------------------------------------------------------


@pytest.mark.parametrize("year", [1000, 2004, 9999])
def test_a_year_of_four_digits_is_taken(year: int) -> None:
    assert PartialDate(year).year == year
    assert Period(year).year == year


@pytest.mark.parametrize("year", [999, 10000, 0, -2004])
def test_a_year_of_more_or_fewer_digits_is_refused(year: int) -> None:
    with pytest.raises(ValueError, match=f"year must have four digits: {year}"):
        PartialDate(year)
    with pytest.raises(ValueError, match=f"year must have four digits: {year}"):
        Period(year)


@pytest.mark.parametrize(("month", "accepted"), [(0, False), (1, True), (12, True), (13, False)])
def test_a_month_is_one_to_twelve(month: int, accepted: bool) -> None:
    if accepted:
        assert PartialDate(2004, month).month == month
    else:
        with pytest.raises(ValueError, match=f"not a month: {month}"):
            PartialDate(2004, month)


@pytest.mark.parametrize(
    ("year", "month", "last"),
    [
        (2004, 1, 31),
        (2004, 2, 29),  # leap year
        (2003, 2, 28),
        (1900, 2, 28),  # not a leap year
        (2000, 2, 29),  # a leap year
        (2004, 4, 30),
        (2004, 6, 30),
        (2004, 7, 31),
        (2004, 8, 31),
        (2004, 9, 30),
        (2004, 11, 30),
        (2004, 12, 31),
    ],
)
def test_a_day_runs_to_the_last_of_its_month(year: int, month: int, last: int) -> None:
    assert PartialDate(year, month, last).day == last
    assert PartialDate(year, month, 1).day == 1
    assert PartialDate(year, month).last_day() == D(year, month, last)
    with pytest.raises(ValueError, match=f"not a day of {year}-{month:02d}: {last + 1}"):
        PartialDate(year, month, last + 1)
    with pytest.raises(ValueError, match=f"not a day of {year}-{month:02d}: 0"):
        PartialDate(year, month, 0)


def test_a_day_without_a_month_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^a day needs a month$"):
        PartialDate(2004, None, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2004", PartialDate(2004)),
        (" 2004-05 ", PartialDate(2004, 5)),
        ("2004-02-29\n", PartialDate(2004, 2, 29)),
    ],
)
def test_partial_dates_are_parsed_around_surrounding_space(
    text: str, expected: PartialDate
) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize("text", ["2004-00", "2003-02-29", "0999", "2004-05-00", "x2004"])
def test_a_text_that_is_no_date_is_refused_with_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=f"^not a date: {text!r}$"):
        PartialDate.parse(text)


def test_a_calendar_day_is_a_partial_date_known_to_the_day() -> None:
    date = PartialDate.from_date(D(2004, 3, 9))
    assert date == PartialDate(2004, 3, 9)
    assert date.is_exact
    assert not PartialDate(2004, 3).is_exact
    assert not PartialDate(2004).is_exact


@pytest.mark.parametrize(
    ("date", "first", "last"),
    [
        (PartialDate(2004), D(2004, 1, 1), D(2004, 12, 31)),
        (PartialDate(2004, 2), D(2004, 2, 1), D(2004, 2, 29)),
        (PartialDate(2003, 2), D(2003, 2, 1), D(2003, 2, 28)),
        (PartialDate(2004, 9, 15), D(2004, 9, 15), D(2004, 9, 15)),
    ],
)
def test_a_partial_date_stands_for_the_days_from_its_first_to_its_last(
    date: PartialDate, first: dt.date, last: dt.date
) -> None:
    assert date.first_day() == first
    assert date.last_day() == last


def test_partial_dates_order_by_first_day_and_the_less_precise_first() -> None:
    ordered = [
        PartialDate(2003, 12, 31),
        PartialDate(2004),
        PartialDate(2004, 1),
        PartialDate(2004, 1, 1),
        PartialDate(2004, 1, 2),
        PartialDate(2004, 2),
    ]
    assert sorted([*ordered[3:], *ordered[:3]]) == ordered
    assert PartialDate(2004) < PartialDate(2004, 1)
    assert not PartialDate(2004, 1) < PartialDate(2004)
    assert not PartialDate(2004, 1) < PartialDate(2004, 1)
    assert PartialDate(2004, 1) <= PartialDate(2004, 1)
    assert PartialDate(2004, 1, 1) > PartialDate(2004, 1)


def test_a_partial_date_does_not_compare_with_other_things() -> None:
    with pytest.raises(TypeError):
        assert PartialDate(2004) < D(2004, 1, 1)
    with pytest.raises(TypeError):
        assert PartialDate(2004) < Period(2004)


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (PartialDate(1000), "1000"),
        (PartialDate(2004, 3), "2004-03"),
        (PartialDate(2004, 3, 9), "2004-03-09"),
        (PartialDate(2004, 11, 30), "2004-11-30"),
    ],
)
def test_a_partial_date_is_written_in_iso_form(date: PartialDate, text: str) -> None:
    assert str(date) == text


# --- periods -----------------------------------------------------------------------------


def test_each_kind_of_period_divides_the_year_and_has_its_letter() -> None:
    assert [(k.parts, k.letter) for k in PeriodKind] == [(1, ""), (2, "H"), (3, "T"), (4, "Q")]


@pytest.mark.parametrize(
    ("kind", "number", "accepted"),
    [
        (PeriodKind.YEAR, 1, True),
        (PeriodKind.YEAR, 2, False),
        (PeriodKind.HALF, 0, False),
        (PeriodKind.HALF, 2, True),
        (PeriodKind.HALF, 3, False),
        (PeriodKind.TERTIAL, 3, True),
        (PeriodKind.TERTIAL, 4, False),
        (PeriodKind.QUARTER, 1, True),
        (PeriodKind.QUARTER, 4, True),
        (PeriodKind.QUARTER, 5, False),
    ],
)
def test_a_period_is_numbered_from_one_to_the_parts_of_its_kind(
    kind: PeriodKind, number: int, accepted: bool
) -> None:
    if accepted:
        assert Period(2004, kind, number).number == number
    else:
        with pytest.raises(
            ValueError,
            match=f"a {kind.value} period is numbered 1 to {kind.parts}: {number}",
        ):
            Period(2004, kind, number)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2005", Period(2005)),
        (" 2004-H2 ", Period(2004, PeriodKind.HALF, 2)),
        ("2012-T3", Period(2012, PeriodKind.TERTIAL, 3)),
        ("2024-Q1\n", Period(2024, PeriodKind.QUARTER, 1)),
    ],
)
def test_periods_are_parsed_in_every_written_form(text: str, period: Period) -> None:
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["2004-H0", "2004-Q5", "2004-X1", "2004-H", "999", "2004-H12"])
def test_a_text_that_is_no_period_is_refused_with_the_forms_and_the_text(text: str) -> None:
    message = re.escape(f"not a period (2005, 2004-H1, 2012-T2, 2024-Q3): {text!r}")
    with pytest.raises(ValueError, match=f"^{message}$"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2004", D(2004, 1, 1), D(2004, 12, 31)),
        ("2004-H1", D(2004, 1, 1), D(2004, 6, 30)),
        ("2004-H2", D(2004, 7, 1), D(2004, 12, 31)),
        ("2012-T1", D(2012, 1, 1), D(2012, 4, 30)),
        ("2012-T2", D(2012, 5, 1), D(2012, 8, 31)),
        ("2012-T3", D(2012, 9, 1), D(2012, 12, 31)),
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
        ("2023-Q1", D(2023, 1, 1), D(2023, 3, 31)),
        ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30)),
        ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
        ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ],
)
def test_a_period_runs_from_its_first_day_to_its_last(
    text: str, start: dt.date, end: dt.date
) -> None:
    period = Period.parse(text)
    assert (period.start(), period.end()) == (start, end)
    assert period.contains(start)
    assert period.contains(end)
    assert not period.contains(start - dt.timedelta(days=1))
    assert not period.contains(end + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "following"),
    [
        ("2004", "2005"),
        ("2004-H1", "2004-H2"),
        ("2004-H2", "2005-H1"),
        ("2012-T2", "2012-T3"),
        ("2012-T3", "2013-T1"),
        ("2024-Q3", "2024-Q4"),
        ("2024-Q4", "2025-Q1"),
    ],
)
def test_periods_follow_one_another_across_years(text: str, following: str) -> None:
    assert Period.parse(text).next() == Period.parse(following)
    assert Period.parse(following).previous() == Period.parse(text)


def test_periods_order_by_start_and_the_longer_first() -> None:
    ordered = [
        Period.parse(text)
        for text in ["2003-Q4", "2004", "2004-H1", "2004-T1", "2004-Q1", "2004-Q2", "2004-H2"]
    ]
    assert sorted([*ordered[3:], *ordered[:3]]) == ordered
    assert not Period.parse("2004-H1") < Period.parse("2004-H1")
    assert Period.parse("2004-H1") <= Period.parse("2004-H1")
    with pytest.raises(TypeError):
        assert Period(2004) < PartialDate(2004)


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(1000), "1000"),
        (Period(2004, PeriodKind.HALF, 1), "2004-H1"),
        (Period(2012, PeriodKind.TERTIAL, 2), "2012-T2"),
        (Period(2024, PeriodKind.QUARTER, 4), "2024-Q4"),
    ],
)
def test_a_period_is_written_as_it_is_read(period: Period, text: str) -> None:
    assert str(period) == text
    assert Period.parse(text) == period


def test_each_cadence_reports_for_its_kind_of_period() -> None:
    assert {c: c.period_kind for c in Cadence} == {
        Cadence.HALF_YEARLY: PeriodKind.HALF,
        Cadence.TERTIAL: PeriodKind.TERTIAL,
        Cadence.QUARTERLY: PeriodKind.QUARTER,
        Cadence.ANNUAL: PeriodKind.YEAR,
    }


# --- ranges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        (PartialDate(2004, 4, 19), PartialDate(2004), False),  # the year may mean its end
        (PartialDate(2004, 4, 19), PartialDate(2004, 4, 19), False),
        (PartialDate(2004, 4, 19), PartialDate(2004, 4, 18), True),
        (PartialDate(2004, 4, 19), PartialDate(2004, 4), False),
        (PartialDate(2004, 5), PartialDate(2004, 4, 30), True),
        (PartialDate(2005), PartialDate(2004, 12), True),
        (None, PartialDate(2004), False),
        (PartialDate(2004), None, False),
    ],
)
def test_an_end_is_before_the_start_only_when_certainly_so(
    start: PartialDate | None, end: PartialDate | None, before: bool
) -> None:
    assert ends_before_start(start, end) is before
    if before:
        with pytest.raises(ValueError, match=f"ends \\({end}\\) before it starts \\({start}\\)"):
            DateRange(start, end)
    else:
        assert DateRange(start, end).end == end


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (D(2004, 3, 31), False),
        (D(2004, 4, 1), True),  # the first day April may mean
        (D(2004, 5, 31), True),  # the last day May may mean
        (D(2004, 6, 1), False),
    ],
)
def test_a_range_contains_every_day_its_ends_may_mean(day: dt.date, inside: bool) -> None:
    spring = DateRange(PartialDate(2004, 4), PartialDate(2004, 5), "april/mai 2004")
    assert spring.contains(day) is inside


def test_an_open_end_contains_everything_on_that_side() -> None:
    assert DateRange(end=PartialDate(2004)).contains(D(1000, 1, 1))
    assert not DateRange(end=PartialDate(2004)).contains(D(2005, 1, 1))
    assert DateRange(start=PartialDate(2004)).contains(D(9999, 12, 31))
    assert not DateRange(start=PartialDate(2004)).contains(D(2003, 12, 31))
    assert DateRange().contains(D(2004, 6, 1))
