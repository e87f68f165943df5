"""Small value types and the validators shared by the model."""

from __future__ import annotations

import decimal
import enum
import functools
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Self

import attrs

from .._messages import N_, _
from ..errors import FieldError
from ._typed import WrongType, typed_fields, written_form

_WIDE = decimal.Context(prec=100, Emax=999_999, Emin=-999_999)

__all__ = [
    "ID_PATTERN",
    "FieldError",
    "Money",
    "Rag",
    "check_id",
    "check_organisation_number",
    "field_validator",
]


_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def field_validator(check: _Validator) -> _Validator:
    """Make an attrs validator raise :class:`FieldError` naming its field."""

    @functools.wraps(check)
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        try:
            check(instance, attribute, value)
        except FieldError:
            raise
        except ValueError as exc:
            raise FieldError(attribute.name, str(exc)) from None

    return validate


ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
"""What an identifier looks like: lower-case ASCII letters, digits, ``.``, ``_`` and ``-``,
starting with a letter or digit, at most 64 characters."""

_ID_RE = re.compile(ID_PATTERN)
_is_id = _ID_RE.fullmatch  # not match: '$' also matches before a final newline

# The validators below run for every id and name of every object loaded, so they
# raise FieldError themselves rather than through field_validator's extra call.


def _not_an_id(attribute: attrs.Attribute[Any], value: str) -> FieldError:
    return FieldError(
        attribute.name,
        _(
            "not an id (lower-case a-z, 0-9, '.', '_', '-', starting with a letter "
            "or digit, at most 64 characters): {value}"
        ).format(value=repr(value)),
    )


def check_id(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: ``value`` is an identifier (see :data:`ID_PATTERN`)."""
    if not _is_id(value):
        raise _not_an_id(attribute, value)


def check_optional_id(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """attrs validator: ``value`` is ``None`` or an identifier."""
    if value is not None and not _is_id(value):
        raise _not_an_id(attribute, value)


def check_ids(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """attrs validator: every element is an identifier."""
    for item in value:
        if not _is_id(item):
            raise _not_an_id(attribute, item)


def check_text(_obj: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: ``value`` has some visible text."""
    if not value.strip():
        raise FieldError(attribute.name, _("must not be empty"))


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
    _obj: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    """attrs validator: ``value`` is ``None`` or a valid organisation number."""
    if value is not None and not organisation_number_is_valid(value):
        msg = _("not a valid organisation number (9 digits, mod-11 check digit): {value}")
        msg = msg.format(value=repr(value))
        raise ValueError(msg)


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = str(WrongType("a number (a Decimal, an int or text; not a float)", value))
        raise FieldError("amount", msg, "type")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise FieldError("amount", _("not a number: {value}").format(value=repr(value))) from None


MAX_EXPONENT = 30
"""Numbers in the model lie within ±1E+30 (their first digit at most 30 places
left of the point) and have at most 30 decimals, so none but zero is nearer to zero
than 1E-30: far beyond any budget, and small enough to write out in full (at most
61 digits)."""

MAX_INTEGER = 10**9
"""The largest whole number in the model. Priorities, counts, numbers and case
numbers lie within 1 (0 for counts that may be none) and ``MAX_INTEGER``; years,
months, days and the numbers of periods within their calendar's own bounds (years
1000 to 9999)."""


def short_number(value: Decimal | int) -> str:
    """``value`` as text, cut short if it is long: a message must stay a line."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:24]}… ({len(text)} characters)"


@field_validator
def check_finite(_obj: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """attrs validator: ``value`` is ``None`` or a finite decimal within
    :data:`MAX_EXPONENT`."""
    if value is None:
        return
    if not value.is_finite():
        msg = _("not a finite number: {value}").format(value=short_number(value))
        raise ValueError(msg)
    if not value:
        return
    if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        msg = _("out of range (at most 1E+{limit}, at least 1E-{limit}): {value}").format(
            limit=MAX_EXPONENT, value=short_number(value)
        )
        raise ValueError(msg)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number
    if exponent < -MAX_EXPONENT and _decimal_places(value) > MAX_EXPONENT:
        msg = _("more than {limit} decimals: {value}").format(
            limit=MAX_EXPONENT, value=short_number(value)
        )
        raise ValueError(msg)


_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


def _decimal_places(value: Decimal) -> int:
    """How many decimals ``value`` needs: 1 for ``Decimal("1.50")`` and ``"1.500"``."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # a finite number
    zeros = len(digits) - len(bytes(digits).rstrip(b"\0")) if any(digits) else len(digits)
    return max(0, -(exponent + zeros))


class NotWholeOre(FieldError):
    """An amount of money with more than two decimals: a fraction of an øre."""


def _check_ore(_obj: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if value.is_finite() and _decimal_places(value) > 2:
        msg = _("money is counted in whole øre (at most two decimals): {value}")
        raise NotWholeOre(attribute.name, msg.format(value=value))


_AMBIGUOUS_RE = re.compile(r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$")


@field_validator
def _check_currency(_obj: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CURRENCY_RE.match(value):
        msg = _("not an ISO 4217 currency code: {value}").format(value=repr(value))
        raise ValueError(msg)


@attrs.frozen(field_transformer=typed_fields)
class Money:
    """An amount of money, exact to the øre: ``Money(Decimal("35000000"))`` is 35 MNOK.

    In files an amount is written as a number or a string, with an optional
    currency code after it: ``35000000``, ``"800000.50"``, ``"1200 EUR"``. NOK is
    assumed where no currency is given.

    .. versionadded:: 0.1
    """

    amount: Decimal = attrs.field(converter=_to_decimal, validator=[check_finite, _check_ore])
    currency: str = attrs.field(default="NOK", validator=_check_currency)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse ``"35000000"``, ``"35 000 000 kr"``, ``"800000,50"`` or ``"1200.50 EUR"``.

        Spaces group thousands; a comma or a point is the decimal mark. Where a
        single mark is followed by exactly three digits (``"800.000"``) it could be
        either, so the text is refused rather than guessed at.
        """
        parts = text.replace("\u00a0", " ").replace("\u202f", " ").split()
        currency = "NOK"
        if parts and parts[-1].isalpha():
            word = parts.pop()
            currency = "NOK" if word.lower() == "kr" else word.upper()
        number = "".join(parts)
        if _AMBIGUOUS_RE.match(number):
            msg = _(
                "ambiguous amount {text}: is the mark a decimal mark or a thousands "
                "separator? Write 800000 or 800000.00"
            ).format(text=repr(text))
            raise ValueError(msg)
        number = number.replace(",", ".")
        try:
            amount = Decimal(number)
        except InvalidOperation:
            msg = _("not an amount of money: {text}").format(text=repr(text))
            raise ValueError(msg) from None
        if not amount.is_finite():
            msg = _("not an amount of money: {text}").format(text=repr(text))
            raise ValueError(msg)
        return cls(amount, currency)

    def __add__(self, other: Money) -> Money:
        """The exact sum; :class:`FieldError` if it is beyond ±1E+30."""
        if self.currency != other.currency:
            msg = _("cannot add {other} to {currency}").format(
                other=other.currency, currency=self.currency
            )
            raise ValueError(msg)
        with decimal.localcontext(_WIDE):  # exact: within the bounds, at most 61 digits
            amount = self.amount + other.amount
        return Money(amount, self.currency)

    def __str__(self) -> str:
        return f"{self.plain_amount()} {self.currency}"

    def plain_amount(self) -> str:
        """The amount written plainly, without exponent or trailing zeros: ``"800000.5"``."""
        return format(self.amount.normalize(_WIDE), "f")


def _to_money(value: object) -> Money:
    if isinstance(value, str):
        return Money.parse(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return Money(value)
    raise WrongType(_MONEY, value)


_MONEY = "a Money, or an amount in NOK (a Decimal, an int or text: '35 000 000 kr')"
written_form(Money, _MONEY, _to_money)


class Rag(enum.StrEnum):
    """A traffic-light status (PRINCE2/DFØ style): green, amber or red, or not assessed.

    .. versionadded:: 0.1
    """

    GREEN = "green"
    """Grønn: on track, going as planned."""
    AMBER = "amber"
    """Gul: at risk, needs attention."""
    RED = "red"
    """Rød: off track, needs action or a decision."""
    NOT_ASSESSED = "not-assessed"
    """Ikke vurdert: no assessment for the period."""


def _whole_from(least: int, below: str) -> _Validator:
    """An attrs validator: ``value`` is ``None`` or a whole number from ``least`` to
    :data:`MAX_INTEGER`; ``below`` says what a smaller one is not."""

    @field_validator
    def check(_obj: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None:
            return
        if value < least:
            msg = f"{_(below)}: {short_number(value)}"
            raise ValueError(msg)
        if value > MAX_INTEGER:
            msg = _("must be at most {limit}: {value}").format(
                limit=f"{MAX_INTEGER:,}", value=short_number(value)
            )
            raise ValueError(msg)

    return check


check_positive = _whole_from(1, N_("must be 1 or more"))
"""attrs validator: ``value`` is ``None`` or 1 to :data:`MAX_INTEGER`."""

check_not_negative = _whole_from(0, N_("must not be negative"))
"""attrs validator: ``value`` is ``None`` or 0 to :data:`MAX_INTEGER`."""


class Language(enum.StrEnum):
    """The written languages of Norwegian public documents, plus English.

    .. versionadded:: 0.1
    """

    NB = "nb"
    """Bokmål."""
    NN = "nn"
    """Nynorsk."""
    EN = "en"
    """English."""
