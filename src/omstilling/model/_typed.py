"""The types of the model's fields, checked when an object is made.

Every model class is made with ``field_transformer=typed_fields``, which gives the
class one type check, built once when the class is defined from its fields' types.
The check runs before any other validator: when every value is exactly of its
field's type (as the file converter makes them) it costs one call and a
``type(value) is ...`` test per field; otherwise each field in turn is converted,
where its value is a written form of the type (see :mod:`omstilling.model`), or
refused with a :class:`~omstilling.errors.FieldError` of code ``type``. The fields'
own validators then see the converted values.
"""

from __future__ import annotations

import enum
import functools
import reprlib
import sys
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from ..errors import FieldError, OmstillingError

__all__ = ["WrongType", "typed_fields", "written_form"]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
_Convert = Callable[[Any], Any]
_T = TypeVar("_T")

_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 40, 40
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 3
_SHOWN = (bool, int, float, str, bytes, Decimal, list, tuple, dict, set, frozenset)


class WrongType(OmstillingError):
    """A value that is not of a type a field takes, nor a written form of it (the
    type check turns it into a :class:`~omstilling.errors.FieldError` naming the
    field)."""

    code = "type"

    def __init__(self, expected: str, value: object, where: str = "") -> None:
        super().__init__(f"{where}expected {expected}, got {_describe(value)}")


def _describe(value: object) -> str:
    if value is None:
        return "None"
    name = type(value).__name__
    if isinstance(value, _SHOWN) and not isinstance(value, enum.Enum):
        return f"{name}: {_SHORT.repr(value)}"
    return name


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "AEIOUaeiou" else f"a {name}"


# --- what each type takes besides its own instances ------------------------------------

_WRITTEN: dict[type, tuple[str, _Convert]] = {}


def written_form(cls: type[_T], expected: str, convert: Callable[[Any], _T]) -> None:
    """Let fields of type ``cls`` take the values ``convert`` makes a ``cls`` of.

    ``convert`` is called only with values that are not exactly a ``cls``; it raises
    :class:`WrongType` for a value of another type and :class:`ValueError` for one
    that is of the right type but not valid (text that does not parse). ``expected``
    says what the field takes, for the message. A class that uses the type must be
    defined after the call.
    """
    _WRITTEN[cls] = (expected, convert)


def _to_text(value: object) -> str:
    if isinstance(value, str):
        return str.__str__(value)  # an enum member, say, kept as plain text
    raise WrongType("text", value)


def _to_bool(value: object) -> bool:
    raise WrongType("true or false", value)


def _to_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise WrongType("a whole number", value)


_DECIMAL = "a number (a Decimal, an int or text; not a float, which is not exact)"


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            msg = f"not a number: {value!r}"
            raise ValueError(msg) from None
    raise WrongType(_DECIMAL, value)


written_form(str, "text", _to_text)
written_form(bool, "true or false", _to_bool)
written_form(int, "a whole number", _to_int)
written_form(Decimal, _DECIMAL, _to_decimal)


def _enum_form(cls: type[enum.Enum]) -> tuple[str, _Convert]:
    choices = ", ".join(str(member.value) for member in cls)
    expected = f"{_a(cls.__name__)} or its value ({choices})"

    def convert(value: object) -> enum.Enum:
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            try:
                return cls(value)
            except ValueError:
                msg = f"not one of {choices}: {value!r}"
                raise ValueError(msg) from None
        raise WrongType(expected, value)

    return expected, convert


def _instance_form(cls: type) -> tuple[str, _Convert]:
    expected = _a(cls.__name__)

    def convert(value: object) -> object:
        if isinstance(value, cls):
            return value
        raise WrongType(expected, value)

    return expected, convert


def _form(cls: type) -> tuple[str, _Convert]:
    """What a field of type ``cls`` takes, and the conversion to ``cls``."""
    if cls in _WRITTEN:
        return _WRITTEN[cls]
    if issubclass(cls, enum.Enum):
        return _enum_form(cls)
    return _instance_form(cls)


def _tuple_form(item: type) -> tuple[str, _Convert]:
    item_expected, convert_item = _form(item)
    expected = f"a tuple (or a list) of which each item is {item_expected}"

    def convert(value: object) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise WrongType(expected, value)
        items = []
        for index, element in enumerate(value):
            if type(element) is item:
                items.append(element)
                continue
            try:
                items.append(convert_item(element))
            except WrongType:
                raise WrongType(item_expected, element, f"item {index}: ") from None
            except FieldError as exc:
                msg = f"item {index}: {exc.message}"
                raise ValueError(msg) from None
            except ValueError as exc:
                msg = f"item {index}: {exc}"
                raise ValueError(msg) from None
        return tuple(items)

    return expected, convert


def _union_form(kinds: tuple[type, ...]) -> tuple[str, _Convert]:
    # several types: an instance of one of them, never converted (is "2014" text or a date?)
    expected = " or ".join("text" if kind is str else _a(kind.__name__) for kind in kinds)
    numbers = bool not in kinds

    def convert(value: object) -> object:
        if isinstance(value, kinds) and not (numbers and isinstance(value, bool)):
            return value
        raise WrongType(expected, value)

    return expected, convert


# --- one check per class --------------------------------------------------------------


def _not_checked(hint: object) -> TypeError:
    return TypeError(f"not a type the model checks: {hint}")


def _plain_type(hint: object) -> type:
    if not isinstance(hint, type) or typing.get_origin(hint) is not None:
        raise _not_checked(hint)
    return hint


class _Field:
    """How one field's value is checked: ``kinds`` are the types it may be exactly
    (of its items, for a tuple), ``convert`` makes one of them of anything else."""

    def __init__(self, name: str, hint: Any) -> None:
        self.name = name
        self.optional = self.sequence = False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            args = typing.get_args(hint)
            kinds = tuple(arg for arg in args if arg is not type(None))
            self.optional = len(kinds) < len(args)
            if len(kinds) > 1:
                self.kinds = frozenset(map(_plain_type, kinds))
                self.convert = _union_form(kinds)[1]
                return
            hint = kinds[0]
        if typing.get_origin(hint) is tuple:
            args = typing.get_args(hint)
            if len(args) != 2 or args[1] is not Ellipsis:
                raise _not_checked(hint)
            item = _plain_type(args[0])
            self.sequence = True
            self.kinds = frozenset({item})
            self.convert = _tuple_form(item)[1]
        else:
            kind = _plain_type(hint)
            self.kinds = frozenset({kind})
            self.convert = _form(kind)[1]

    def constant(self) -> object:
        """What :meth:`test` compares types with: the one type, or the set of them."""
        if len(self.kinds) == 1 and not self.sequence:
            return next(iter(self.kinds))
        return self.kinds

    def test(self, constant: str) -> str:
        """A Python expression that is true when the field's value is exactly of the
        field's type, :meth:`constant` being named ``constant``."""
        name = f"self.{self.name}"
        if self.sequence:
            items = f"(not v or set(map(type, v)) <= {constant})"
            if self.optional:
                return f"((v := {name}) is None or (type(v) is tuple and {items}))"
            return f"(type(v := {name}) is tuple and {items})"
        op = "is" if len(self.kinds) == 1 else "in"
        if self.optional:
            return f"((v := {name}) is None or type(v) {op} {constant})"
        return f"type({name}) {op} {constant}"

    def is_exact(self, value: Any) -> bool:
        """What :meth:`test` says of ``value``."""
        if value is None:
            return self.optional
        if self.sequence:
            return type(value) is tuple and set(map(type, value)) <= self.kinds
        return type(value) in self.kinds

    def fix(self, instance: Any) -> None:
        """Convert the field's value to the field's type, or refuse it."""
        value = getattr(instance, self.name)
        if self.is_exact(value):
            return
        try:
            new = self.convert(value)
        except WrongType as exc:
            raise FieldError(self.name, str(exc), "type") from None
        except FieldError as exc:
            raise FieldError(self.name, exc.message, exc.problems[0].code) from None
        except ValueError as exc:
            raise FieldError(self.name, str(exc)) from None
        object.__setattr__(instance, self.name, new)


def _type_check(cls: type, fields: list[_Field], own: _Validator | None) -> _Validator:
    """The validator of ``cls``'s first field: every field's type, then the first
    field's own validator (``own``), whose name and ``__wrapped__`` it carries."""

    def fix(instance: Any) -> None:
        for field in fields:
            field.fix(instance)

    namespace: dict[str, Any] = {"fix": fix, "own": own}
    tests = []
    for index, field in enumerate(fields):
        namespace[f"K{index}"] = field.constant()
        tests.append(field.test(f"K{index}"))
    lines = [
        "def check(self, attribute, value):",
        f"    if not ({' and '.join(tests) or 'True'}):",
        "        fix(self)",
    ]
    if own is not None:
        lines.append(f"    own(self, attribute, self.{fields[0].name})")
    exec(compile("\n".join(lines), f"<type check of {cls.__qualname__}>", "exec"), namespace)
    check: _Validator = namespace["check"]
    if own is not None:
        # the first field's validator, as it was: what reads validators sees it
        functools.update_wrapper(check, own)
    return check


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: check the type of every field, first.

    Type hints are resolved once, here, in the namespace of the class's module; every
    name they use must be defined before the class.
    """
    if not fields:
        return fields
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    checked = [_Field(field.name, hints[field.name]) for field in fields]
    first = fields[0]
    check = _type_check(cls, checked, first.validator)
    return [first.evolve(validator=check), *fields[1:]]
