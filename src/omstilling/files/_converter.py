"""The one cattrs converter between model objects and plain data, with every hook
registered in one place, and the translation of its errors into problems with paths."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import math
import re
import reprlib
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from .._messages import _
from ..errors import MAX_PROBLEMS, FieldError, InvalidProgramme, Problem
from ..model import MAX_EXPONENT, Money, PartialDate, Period
from ._forms import DATE_RE, DECIMAL_RE, MONEY_RE, PERIOD_RE, SMALLEST_FRACTION
from ._text import paused_gc


def _type_name(value: object) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float | Decimal):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list | tuple):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, dt.date):
        return _("a date")
    return type(value).__name__


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4


def _short(value: object) -> str:
    """``repr(value)``, cut short: a message must never be larger than the input."""
    return _SHORT.repr(value)


class _WrongType(ValueError):
    """A value of the wrong type (problem code ``type``)."""


def _wrong(expected: str, value: object) -> ValueError:
    return _WrongType(
        _("expected {expected}, got {got}: {value}").format(
            expected=expected, got=_type_name(value), value=_short(value)
        )
    )


def _structure_str(value: object, _cls: type) -> str:
    if type(value) is str and value.isascii():  # the common case, checked first
        return value
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                msg = _("not valid Unicode text: {value}").format(value=_short(value))
                raise ValueError(msg) from None
        return value
    raise _wrong(_("text (quote it in YAML)"), value)


_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _not_decimal(value: str) -> str:
    """Why ``value``, text that :data:`DECIMAL_RE` refuses, is not a decimal."""
    if _PLAIN_DECIMAL.fullmatch(value):  # a number written out, beyond the bounds
        fraction = value.partition(".")[2].rstrip("0")
        if len(fraction) > MAX_EXPONENT:
            return _("has more than {limit} decimals: {value}").format(
                limit=MAX_EXPONENT, value=_short(value)
            )
        return _("is larger than 1E+{limit}: {value}").format(
            limit=MAX_EXPONENT + 1, value=_short(value)
        )
    return _("not a number (written out in full: 33.5, -2): {value}").format(value=_short(value))


def _whole(value: object) -> int | None:
    """``value`` as a whole number, if it is one: an int, or a float without a
    fraction (``2.0``: JSON and JSON Schema know one kind of number, and ``2.0`` is
    the whole number 2 to both). Anything else is ``None``."""
    if type(value) is int:
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _structure_int(value: object, _cls: type) -> int:
    whole = _whole(value)
    if whole is not None:
        return whole
    raise _wrong(_("a whole number"), value)


def _structure_bool(value: object, _cls: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _wrong(_("true or false"), value)


def _structure_decimal(value: object, _cls: type) -> Decimal:
    if isinstance(value, bool):
        raise _wrong(_("a number"), value)
    whole = _whole(value)
    if whole is not None:
        number = Decimal(whole)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(_("not a finite number: {value}").format(value=_short(value)))
        if abs(value) < SMALLEST_FRACTION:
            raise ValueError(
                _(
                    "too small to write as a number, write it as text in full ('0.000…'): {value}"
                ).format(value=_short(value))
            )
        number = Decimal(repr(value))
    elif isinstance(value, str):
        if not DECIMAL_RE.fullmatch(value):
            raise ValueError(_not_decimal(value))
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the form is Decimal's own
            raise ValueError(_("not a number: {value}").format(value=_short(value))) from None
    else:
        raise _wrong(_("a number"), value)
    if not number.is_finite():
        raise ValueError(_("not a finite number: {value}").format(value=_short(value)))
    return number


# A file names the same few dates and periods again and again (every milestone of a
# plan, every status entry of a period): each distinct text is parsed once. Both types
# are immutable, so equal values may share one object; a text that fails to parse is
# not cached and fails again with the same message.
# The form is checked in the cached call too, so that a repeated good text costs one
# dictionary look-up.
@functools.lru_cache(maxsize=4096)
def _parse_partial_date(value: str) -> PartialDate:
    if not DATE_RE.fullmatch(value):
        raise ValueError(_("not a date: {value}").format(value=_short(value)))
    return PartialDate.parse(value)


@functools.lru_cache(maxsize=1024)
def _parse_period(value: str) -> Period:
    if not PERIOD_RE.fullmatch(value):
        msg = _("not a period (2005, 2004-H1, 2012-T2, 2024-Q3): {value}")
        raise ValueError(msg.format(value=_short(value)))
    return Period.parse(value)


def _structure_partial_date(value: object, _cls: type) -> PartialDate:
    if isinstance(value, str):
        return _parse_partial_date(value)
    if isinstance(value, dt.datetime):
        raise _wrong(_("a date without a time"), value)
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    whole = _whole(value)
    if whole is not None:
        return PartialDate(whole)
    raise _wrong(_("a date (2014, 2014-01 or 2014-01-20)"), value)


def _structure_period(value: object, _cls: type) -> Period:
    if isinstance(value, str):
        return _parse_period(value)
    whole = _whole(value)
    if whole is not None:
        return Period(whole)
    raise _wrong(_("a period (2005, 2004-H1, 2012-T2)"), value)


@functools.lru_cache(maxsize=4096)  # as dates: a budget names the same amounts again
def _parse_money(value: str) -> Money:
    if not MONEY_RE.fullmatch(value):
        Money.parse(value)  # its message says what is wrong, where it sees it
        msg = _("not an amount of money as files write it ({forms}): {value}").format(
            forms=_MONEY_FORMS, value=_short(value)
        )
        raise ValueError(msg)
    return Money.parse(value)


def _structure_money(value: object, _cls: type) -> Money:
    # money is one value in a file: its problems belong to that value, not to
    # the fields it has in the model
    try:
        if isinstance(value, str):
            return _parse_money(value)
        if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
            msg = _("an amount with øre is written as text, in quotes ('{amount}'): {value}")
            raise ValueError(msg.format(amount=value, value=_short(value)))
        return Money(_structure_decimal(value, Decimal))
    except FieldError as exc:
        raise ValueError(exc.message) from None


_MONEY_FORMS = "35000000, '35 000 000 kr', '800000,50', '1200.50 EUR'"


def _unstructure_decimal(value: Decimal) -> str:
    # positional notation: "0.0000001", never "1E-7"
    return format(value, "f")


def _unstructure_money(value: Money) -> str:
    amount = value.plain_amount()
    return amount if value.currency == "NOK" else f"{amount} {value.currency}"


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _structure_enum(value: object, cls: type[enum.StrEnum]) -> enum.StrEnum:
    try:
        if not isinstance(value, str):
            raise ValueError
        return cls(value)
    except ValueError:
        choices = ", ".join(member.value for member in cls)
        msg = _("not one of {choices}: {value}").format(choices=choices, value=_short(value))
        raise ValueError(msg) from None


def _unstructure_enum(value: enum.StrEnum) -> str:
    return value.value


def _is_tuple_of(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


class _Dropped(Exception):  # not an error of its own
    """A list whose problems were all counted in the budget, none kept."""


class ProblemBudget:
    """How many problems the lists of one structuring have kept, and how many they
    counted and dropped once :data:`~omstilling.errors.MAX_PROBLEMS` were kept (see
    :func:`problem_budget`)."""

    __slots__ = ("dropped", "kept")

    def __init__(self) -> None:
        self.kept = 0
        self.dropped = 0


_BUDGET: contextvars.ContextVar[ProblemBudget | None] = contextvars.ContextVar(
    "omstilling_problem_budget", default=None
)


@contextlib.contextmanager
def problem_budget() -> Iterator[ProblemBudget]:
    """Within the block, the lists the converter structures keep the errors of their
    items only until :data:`~omstilling.errors.MAX_PROBLEMS` problems are kept; the
    problems of later items are counted in ``dropped`` and not kept, so that a file
    with millions of bad values takes no more memory to refuse than to read. The
    garbage collector is paused meanwhile (see :func:`~omstilling.files._text.paused_gc`)."""
    budget = ProblemBudget()
    token = _BUDGET.set(budget)
    try:
        with paused_gc():
            yield budget
    finally:
        _BUDGET.reset(token)


def _count(exc: BaseException) -> int:
    """How many problems ``exc`` holds."""
    if isinstance(exc, _Dropped):
        return 0
    if isinstance(exc, ExceptionGroup | ForbiddenExtraKeysError | InvalidProgramme):
        return sum(1 for _ in _problems_from(exc))
    return 1


def _tuple_hook(converter: cattrs.Converter, cls: Any) -> Callable[[object, type], tuple[Any, ...]]:
    (inner, _ellipsis) = typing.get_args(cls)
    inner_hook = converter.get_structure_hook(inner)

    def structure(value: object, _cls: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _wrong(_("a list"), value)
        budget = _BUDGET.get()
        if budget is not None:
            kept, dropped = budget.kept, budget.dropped
        try:
            return tuple([inner_hook(item, inner) for item in value])
        except Exception:  # structured again below, one item at a time
            pass
        if budget is not None:  # the failed item is counted again below
            budget.kept, budget.dropped = kept, dropped
        # the hooks are pure: the second pass fails the same way, and collects every
        # problem with its index instead of stopping at the first
        items: list[Any] = []
        errors: list[Exception] = []
        failed = False
        for index, item in enumerate(value):
            before = 0 if budget is None else budget.kept
            try:
                items.append(inner_hook(item, inner))
            except Exception as exc:  # collected with its index, re-raised below
                failed = True
                if budget is not None:
                    if before >= MAX_PROBLEMS:  # counted, not kept
                        budget.kept = before
                        budget.dropped += _count(exc)
                        continue
                    budget.kept = before + _count(exc)
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {cls} @ index {index}", index, inner),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        if failed:
            raise _Dropped
        return tuple(items)

    return structure


def _is_optional(cls: Any) -> bool:
    origin = typing.get_origin(cls)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(cls)
        return len(args) == 2 and type(None) in args
    return False


def _optional_hook(converter: cattrs.Converter, cls: Any) -> Callable[[object, type], Any]:
    """``X | None``: ``None``, or what the hook of ``X`` makes of the value.

    cattrs' own hook for optional types looks the hook of ``X`` up on every call;
    this one looks it up once.
    """
    (inner,) = [arg for arg in typing.get_args(cls) if arg is not type(None)]
    inner_hook = converter.get_structure_hook(inner)
    if inner_hook is _structure_str:
        return _structure_optional_str

    def structure(value: object, _: type) -> Any:
        return None if value is None else inner_hook(value, inner)

    return structure


def _structure_optional_str(value: object, _: type) -> str | None:
    # the most common field of all, without a call for the common cases
    if value is None or (type(value) is str and value.isascii()):
        return value
    return _structure_str(value, str)


@functools.cache
def get_converter() -> cattrs.Converter:
    """The converter between model objects and plain data (dicts, lists, strings,
    numbers, booleans). Every hook is registered here and nowhere else.

    Plain data uses only JSON types: dates, periods and decimals are written as
    strings, so the same data serves YAML and JSON.

    .. versionadded:: 0.1
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=True,
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(Money, _structure_money)
    converter.register_unstructure_hook(Money, _unstructure_money)
    # StrEnum, not Enum: in a StrEnum's MRO ``str`` comes before ``Enum``.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_unstructure_hook(enum.StrEnum, _unstructure_enum)
    converter.register_structure_hook_factory(_is_tuple_of, lambda cls: _tuple_hook(converter, cls))
    converter.register_structure_hook_factory(
        _is_optional, lambda cls: _optional_hook(converter, cls)
    )
    converter.register_structure_hook_factory(
        attrs.has, lambda cls: _mapping_only(cls, make_dict_structure_fn(cls, converter))
    )
    converter.register_unstructure_hook_factory(
        _is_tuple_of,
        lambda cls: _tuple_unstructure_hook(converter, cls),
    )
    return converter


def _mapping_only(cls: type, structure: Callable[[Any, type], Any]) -> Callable[[Any, type], Any]:
    """Refuse anything but a mapping before ``structure`` sees it."""

    def hook(value: object, tp: type) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise _wrong(_("a mapping of {name} fields").format(name=cls.__name__), value)
        return structure(value, tp)

    return hook


def _tuple_unstructure_hook(converter: cattrs.Converter, cls: Any) -> Callable[[Any], list[Any]]:
    (inner, _ellipsis) = typing.get_args(cls)
    inner_hook = converter.get_unstructure_hook(inner)
    return lambda value: [inner_hook(item) for item in value]


def _key_name(key: object) -> str:
    if isinstance(key, str) and key.isprintable():
        return key
    return _short(key)


def _format_exception(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return _("required, but missing")
    if isinstance(exc, ValueError | TypeError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _problems_from(exc: BaseException, path: str = "") -> Iterator[Problem]:
    """Every problem in ``exc`` (as raised by the converter) with its path."""
    if isinstance(exc, InvalidProgramme):
        for problem in exc.problems:
            where = _join(path, problem.path) if problem.path else path
            yield Problem(where, problem.message, problem.code)
    elif isinstance(exc, IterableValidationError):
        indexed, unplaced = exc.group_exceptions()
        for inner, item in indexed:
            yield from _problems_from(inner, f"{path}[{item.index}]")
        for inner in unplaced:
            yield from _problems_from(inner, path)
    elif isinstance(exc, ClassValidationError):
        named, unnamed = exc.group_exceptions()
        for inner, attribute in named:
            yield from _problems_from(inner, _join(path, attribute.name))
        for inner in unnamed:
            yield from _problems_from(inner, path)
    elif isinstance(exc, FieldError):
        yield Problem(_join(path, exc.field), exc.message, exc.problems[0].code)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=str):
            message = (
                _("unknown key (an unquoted true or false is read as true/false: quote it)")
                if isinstance(key, bool)
                else _("unknown key")
            )
            yield Problem(_join(path, _key_name(key)), message, "unknown-key")
    elif isinstance(exc, _Dropped):
        return
    elif isinstance(exc, KeyError):
        yield Problem(path, _("required, but missing"), "missing")
    elif isinstance(exc, _WrongType):
        yield Problem(path, str(exc), "type")
    else:
        yield Problem(path, _format_exception(exc))
