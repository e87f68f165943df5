"""Small value types and the validators shared by the model."""

from __future__ import annotations

import enum
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Self

import attrs

__all__ = ["ID_PATTERN", "Money", "Rag", "check_id", "check_organisation_number"]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
"""What an identifier looks like: lower-case ASCII letters, digits, ``.``, ``_`` and ``-``,
starting with a letter or digit, at most 64 characters."""

_ID_RE = re.compile(ID_PATTERN)


def check_id(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: ``value`` is an identifier (see :data:`ID_PATTERN`)."""
    if not _ID_RE.match(value):
        msg = (
            f"not an id (lower-case a-z, 0-9, '.', '_', '-', starting with a letter "
            f"or digit, at most 64 characters): {value!r}"
        )
        raise ValueError(msg)


def check_optional_id(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """attrs validator: ``value`` is ``None`` or an identifier."""
    if value is not None:
        check_id(_, attribute, value)


def check_ids(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """attrs validator: every element is an identifier."""
    for item in value:
        check_id(_, attribute, item)


def check_text(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: ``value`` has some visible text."""
    if not value.strip():
        msg = "must not be empty"
        raise ValueError(msg)


_ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(number: str) -> bool:
    """Whether ``number`` is a 9-digit Norwegian organisation number with a valid
    mod-11 check digit (Brønnøysundregistrene's rule)."""
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number, _ORG_WEIGHTS, strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[8])


def check_organisation_number(
    _: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    """attrs validator: ``value`` is ``None`` or a valid organisation number."""
    if value is not None and not organisation_number_is_valid(value):
        msg = f"not a valid organisation number (9 digits, mod-11 check digit): {value!r}"
        raise ValueError(msg)


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        msg = f"not a number: {value!r}"
        raise ValueError(msg) from None


def check_finite(_: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """attrs validator: ``value`` is ``None`` or a finite decimal."""
    if value is not None and not value.is_finite():
        msg = f"not a finite number: {value!r}"
        raise ValueError(msg)


_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


def _check_currency(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CURRENCY_RE.match(value):
        msg = f"not an ISO 4217 currency code: {value!r}"
        raise ValueError(msg)


@attrs.frozen
class Money:
    """An amount of money, exact to the øre: ``Money(Decimal("35000000"))`` is 35 MNOK.

    In files an amount is written as a number or a string, with an optional
    currency code after it: ``35000000``, ``"800000.50"``, ``"1200 EUR"``. NOK is
    assumed where no currency is given.

    .. versionadded:: 0.1
    """

    amount: Decimal = attrs.field(converter=_to_decimal, validator=check_finite)
    currency: str = attrs.field(default="NOK", validator=_check_currency)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse ``"35000000"``, ``"35 000 000 NOK"`` or ``"1200.50 EUR"``."""
        parts = text.replace("\u00a0", " ").split()
        currency = "NOK"
        if parts and parts[-1].isalpha():
            currency = parts.pop().upper()
        number = "".join(parts).replace(",", ".")
        try:
            amount = Decimal(number)
        except InvalidOperation:
            msg = f"not an amount of money: {text!r}"
            raise ValueError(msg) from None
        if not amount.is_finite():
            msg = f"not an amount of money: {text!r}"
            raise ValueError(msg)
        return cls(amount, currency)

    def __add__(self, other: Money) -> Money:
        if self.currency != other.currency:
            msg = f"cannot add {other.currency} to {self.currency}"
            raise ValueError(msg)
        return Money(self.amount + other.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class Rag(enum.StrEnum):
    """A traffic-light status (PRINCE2/DFØ style): green, amber or red, or not assessed.

    .. versionadded:: 0.1
    """

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_ASSESSED = "not-assessed"
