from decimal import Decimal

import pytest
from hypothesis import given

from omstilling.model import Money, organisation_number_is_valid
from omstilling.testing import strategies as ost


def test_alna_organisation_number_is_valid() -> None:
    assert organisation_number_is_valid("970534644")


@pytest.mark.parametrize("number", ["970534645", "97053464", "9705346440", "97O534644", ""])
def test_invalid_organisation_numbers(number: str) -> None:
    assert not organisation_number_is_valid(number)


@given(ost.organisation_numbers())
def test_every_changed_check_digit_is_caught(number: str) -> None:
    assert organisation_number_is_valid(number)
    for digit in "0123456789":
        if digit != number[-1]:
            assert not organisation_number_is_valid(number[:-1] + digit)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("35000000", Decimal(35000000), "NOK"),
        ("35 000 000 NOK", Decimal(35000000), "NOK"),
        ("800000,50", Decimal("800000.50"), "NOK"),
        ("1200.50 EUR", Decimal("1200.50"), "EUR"),
        ("-28000000", Decimal(-28000000), "NOK"),
    ],
)
def test_money_parses(text: str, amount: Decimal, currency: str) -> None:
    assert Money.parse(text) == Money(amount, currency)


@pytest.mark.parametrize("text", ["", "NOK", "ti kroner", "Infinity", "NaN"])
def test_money_rejects_non_amounts(text: str) -> None:
    with pytest.raises(ValueError, match=r"amount|currency"):
        Money.parse(text)


def test_money_adds_only_the_same_currency() -> None:
    assert Money(Decimal(1)) + Money(Decimal("2.5")) == Money(Decimal("3.5"))
    with pytest.raises(ValueError, match="cannot add EUR to NOK"):
        Money(Decimal(1)) + Money(Decimal(1), "EUR")


@given(ost.money())
def test_money_text_round_trips(money: Money) -> None:
    assert Money.parse(str(money)) == money


@pytest.mark.parametrize("text", ["800.000", "1,500", "-12.345"])
def test_money_refuses_ambiguous_thousands(text: str) -> None:
    with pytest.raises(ValueError, match="ambiguous amount"):
        Money.parse(text)


def test_money_in_kroner_and_with_grouping() -> None:
    assert Money.parse("35 000 000 kr") == Money(Decimal(35_000_000))
    assert Money.parse("800 000,50") == Money(Decimal("800000.50"))


def test_money_is_counted_in_ore() -> None:
    assert Money(Decimal("1.500")).plain_amount() == "1.5"
    assert Money(Decimal("1E+3")).plain_amount() == "1000"
    with pytest.raises(ValueError, match="whole øre"):
        Money(Decimal("0.125"))


def test_numbers_stay_within_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        Money(Decimal("1E+31"))
    assert Money(Decimal("1E+30")).amount == Decimal("1E+30")
