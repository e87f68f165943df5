"""The JSON Schema of programme files, generated from the model.

The schema and the loader read values by the same rules: text values by the
expressions in :mod:`._forms`, numbers by the same bounds as the model's validators.
A copy is kept in the package (:data:`SCHEMA_FILE`); ``omstilling schema -o
src/omstilling/files/programme.schema.json`` writes it again when the model changes.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .. import model
from ..model import Money, PartialDate, Period, Programme, _organisation, _steering, _values
from ._converter import _is_enum
from ._forms import (
    DATE,
    DECIMAL,
    MONEY,
    MUNICIPALITY_NUMBER,
    NUMBER_LIMIT,
    ORGANISATION_NUMBER,
    PERCENTAGE,
    PERIOD,
    SMALLEST_FRACTION,
    VISIBLE,
    WHOLE_LIMIT,
)
from ._migrations import SCHEMA_VERSION

SCHEMA_ID = f"https://omstilling.readthedocs.io/schema/programme-{SCHEMA_VERSION}.schema.json"
"""The ``$id`` of the JSON Schema of programme files: one per ``schema_version``, so
a file's schema never changes under it.

.. versionadded:: 0.2
"""

SCHEMA_FILE = Path(__file__).with_name("programme.schema.json")
"""The JSON Schema of programme files as shipped in the package: the text
``omstilling schema`` prints, kept in the repository for editors and other tools
(``src/omstilling/files/programme.schema.json``).

.. versionadded:: 0.2

:meta hide-value:
"""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a programme file, generated from the model.

    It describes exactly what :func:`load` reads: the same fields, the same written
    forms of dates, periods, money and decimals, the same bounds, and no unknown keys.
    What it cannot say is checked only by :func:`load`: that references resolve and
    ids are unique, rules across fields (an end before its start), an organisation
    number's check digit, and older ``schema_version`` values, which are migrated.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       ``$id`` is :data:`SCHEMA_ID`; patterns and bounds follow the loader exactly.
    """
    defs: dict[str, Any] = {}
    _class_schema(Programme, defs)
    programme = defs.pop("Programme")
    programme["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION, "description": "The file format version."},
        **programme["properties"],
    }
    programme["required"] = ["schema_version", *programme["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "omstilling programme file",
        **programme,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """:func:`json_schema` as the text ``omstilling schema`` writes (and
    :data:`SCHEMA_FILE` holds).

    .. versionadded:: 0.2
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _between(least: int, most: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": least, "maximum": most}


def _number(least: int | None = None, most: int | None = None) -> dict[str, Any]:
    """A number as a YAML or JSON number: within the bounds, and zero or at least
    :data:`~._forms.SMALLEST_FRACTION` in size (see the converter)."""
    schema: dict[str, Any] = {"type": "number"}
    if least is None:
        schema["exclusiveMinimum"] = -NUMBER_LIMIT
    else:
        schema["minimum"] = least
    if most is None:
        schema["exclusiveMaximum"] = NUMBER_LIMIT
    else:
        schema["maximum"] = most
    schema["not"] = {
        "exclusiveMinimum": -SMALLEST_FRACTION,
        "exclusiveMaximum": SMALLEST_FRACTION,
        "not": {"const": 0},
    }
    return schema


_DECIMAL = {
    "anyOf": [_number(), {"type": "string", "pattern": DECIMAL}],
    "description": "A number: 33.5, or as text written out in full: '33.5'.",
}

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: _DECIMAL,
    PartialDate: {
        "anyOf": [
            {"type": "string", "pattern": DATE},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "A date, a month or a year: 2014-01-20, 2014-01 or 2014.",
    },
    Period: {
        "anyOf": [
            {"type": "string", "pattern": PERIOD},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "A reporting period: 2005, 2004-H1, 2012-T2 or 2024-Q3.",
    },
    Money: {
        "anyOf": [
            {
                "type": "integer",
                "exclusiveMinimum": -NUMBER_LIMIT,
                "exclusiveMaximum": NUMBER_LIMIT,
            },
            {"type": "string", "pattern": MONEY},
        ],
        "description": (
            "An amount, NOK unless a currency code follows: 35000000, '35 000 000 kr', "
            "'800000,50', '1200.50 EUR'. Amounts with øre are written as text."
        ),
    },
}

_ID = {"type": "string", "pattern": model.ID_PATTERN}

# What a field's validator allows, for the field's scalar values (of a tuple's items,
# of an optional field's value): validators are known by identity.
_BY_VALIDATOR: dict[Callable[..., Any], dict[str, Any]] = {
    _values.check_id: _ID,
    _values.check_optional_id: _ID,
    _values.check_ids: _ID,
    _values.check_text: {"type": "string", "pattern": VISIBLE},
    _values.check_positive: _between(1, WHOLE_LIMIT),
    _values.check_not_negative: _between(0, WHOLE_LIMIT),
    _values.check_finite: _DECIMAL,
    _values.check_organisation_number: {
        "type": "string",
        "pattern": ORGANISATION_NUMBER,
        "description": "Nine digits, the last a mod-11 check digit.",
    },
    _organisation._check_kommunenummer: {"type": "string", "pattern": MUNICIPALITY_NUMBER},
    _organisation._check_share: {
        "anyOf": [_number(0, 100), {"type": "string", "pattern": PERCENTAGE}],
        "description": "A percentage from 0 to 100.",
    },
    _organisation._check_days: _between(0, 7),
    _steering._check_score: {
        **_between(*model.SCORE_SCALE),
        "description": "A score from 1 to 5 (sannsynlighet or konsekvens).",
    },
}

# What the model checks of one field in a class's own check, after the fields'.
_BY_FIELD: dict[tuple[str, str], dict[str, Any]] = {
    ("CaseReference", "case_year"): _between(1900, 2999),
    ("CaseReference", "meeting_case_year"): _between(1900, 2999),
}


def _validators(field: attrs.Attribute[Any]) -> Iterator[Any]:
    """The validators of ``field``: those combined by ``attrs.validators.and_`` (or a
    list), and those the model's type check of a class's first field wraps."""
    pending = [field.validator]
    while pending:
        validator = pending.pop()
        if validator is None:
            continue
        yield validator
        pending.extend(getattr(validator, "_validators", ()))
        pending.append(getattr(validator, "__wrapped__", None))


def _field_scalar(cls: type, field: attrs.Attribute[Any]) -> dict[str, Any] | None:
    """The schema of the scalar values of ``field``, where its validators narrow
    them; ``None`` where the type alone decides."""
    by_field = _BY_FIELD.get((cls.__name__, field.name))
    if by_field is not None:
        return by_field
    for validator in _validators(field):
        try:
            known = _BY_VALIDATOR.get(validator)
        except TypeError:  # an unhashable validator object: none of ours
            continue
        if known is not None:
            return known
    return None


def _type_schema(tp: Any, defs: dict[str, Any], scalar: dict[str, Any] | None) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        (inner,) = options
        return {"anyOf": [_type_schema(inner, defs, scalar), {"type": "null"}]}
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return {"type": "array", "items": _type_schema(inner, defs, scalar)}
    if scalar is not None and tp in (str, int, Decimal):
        return dict(scalar)
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if _is_enum(tp):
        return {"enum": [member.value for member in tp]}
    if attrs.has(tp):
        return _class_schema(tp, defs)
    msg = f"no JSON Schema for {tp!r}"
    raise TypeError(msg)


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            scalar = _field_scalar(cls, field)
            properties[field.name] = _type_schema(hints[field.name], defs, scalar)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        defs[name] = {
            "type": "object",
            "description": doc,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}
