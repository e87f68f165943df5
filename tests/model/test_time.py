import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.errors import FieldError
from omstilling.model import Cadence, DateRange, PartialDate, Period, PeriodKind
from omstilling.testing import strategies as ost


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014", PartialDate(2014)),
        ("2014-01", PartialDate(2014, 1)),
        ("2013-12-20", PartialDate(2013, 12, 20)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
    ],
)
def test_partial_date_parses_iso_forms(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["31.13.2014", "2014-13", "2023-02-29", "14", "2014-1", ""])
def test_partial_date_rejects_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        PartialDate.parse(text)


def test_partial_date_needs_a_month_for_a_day() -> None:
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2014, None, 3)


def test_partial_dates_span_the_days_they_stand_for() -> None:
    assert PartialDate(2014).first_day() == dt.date(2014, 1, 1)
    assert PartialDate(2014).last_day() == dt.date(2014, 12, 31)
    assert PartialDate(2014, 2).last_day() == dt.date(2014, 2, 28)
    assert PartialDate(2014, 2, 3).last_day() == dt.date(2014, 2, 3)


def test_partial_dates_order_by_first_day_then_precision() -> None:
    dates = [
        PartialDate(2014, 1, 10),
        PartialDate(2014, 1),
        PartialDate(2013, 12, 20),
        PartialDate(2014),
    ]
    assert sorted(dates) == [
        PartialDate(2013, 12, 20),
        PartialDate(2014),
        PartialDate(2014, 1),
        PartialDate(2014, 1, 10),
    ]


@given(ost.partial_dates())
def test_partial_date_text_round_trips(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert date.first_day() <= date.last_day()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2005", dt.date(2005, 1, 1), dt.date(2005, 12, 31)),
        ("2004-H1", dt.date(2004, 1, 1), dt.date(2004, 6, 30)),
        ("2004-H2", dt.date(2004, 7, 1), dt.date(2004, 12, 31)),
        ("2012-T2", dt.date(2012, 5, 1), dt.date(2012, 8, 31)),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ],
)
def test_period_bounds(text: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(text)
    assert (period.start(), period.end()) == (start, end)
    assert str(period) == text


@pytest.mark.parametrize("text", ["2004-H3", "2012-T0", "2024-Q5", "H1-2004", "04-H1"])
def test_period_rejects_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        Period.parse(text)


def test_period_next_and_previous_cross_years() -> None:
    assert Period.parse("2004-H2").next() == Period.parse("2005-H1")
    assert Period.parse("2012-T1").previous() == Period.parse("2011-T3")
    assert Period.parse("2005").next() == Period.parse("2006")


@given(ost.periods())
def test_period_text_round_trips_and_steps_back(period: Period) -> None:
    assert Period.parse(str(period)) == period
    if period.end() == dt.date(9999, 12, 31):
        # the last period of the last four-digit year has no successor
        with pytest.raises(FieldError, match="four digits: 10000"):
            period.next()
        return
    assert period.next().previous() == period
    assert period < period.next()
    assert period.next().start() == period.end() + dt.timedelta(days=1)


@given(ost.periods(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_period_contains_matches_bounds(period: Period, day: dt.date) -> None:
    assert period.contains(day) == (period.start() <= day <= period.end())


def test_year_sorts_before_its_halves() -> None:
    assert sorted([Period.parse("2004-H1"), Period.parse("2004")]) == [
        Period.parse("2004"),
        Period.parse("2004-H1"),
    ]


def test_date_range_refuses_an_end_before_the_start() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        DateRange(start=PartialDate(2014, 5), end=PartialDate(2014, 4))
    # overlapping partial dates are fine: "2014" may end in May 2014
    assert DateRange(start=PartialDate(2014, 5), end=PartialDate(2014)).contains(
        dt.date(2014, 6, 1)
    )


def test_cadence_names_its_period_kind() -> None:
    assert Cadence.HALF_YEARLY.period_kind is PeriodKind.HALF
    assert Cadence.TERTIAL.period_kind is PeriodKind.TERTIAL
