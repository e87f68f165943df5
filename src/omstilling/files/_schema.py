"""The JSON Schema of programme files, generated from the model."""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from .. import model
from ..model import Money, PartialDate, Period, Programme
from ._converter import _is_enum
from ._migrations import SCHEMA_VERSION

_ID_VALIDATORS = {"check_id", "check_optional_id", "check_ids"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a programme file, generated from the model.

    It describes exactly what :func:`load` reads: the same fields, the same written
    forms of dates, periods, money and decimals, and no unknown keys.

    .. versionadded:: 0.1
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
        "$id": f"urn:omstilling:programme-file:v{SCHEMA_VERSION}",
        "title": "omstilling programme file",
        **programme,
        "$defs": dict(sorted(defs.items())),
    }


_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"},
        ]
    },
    PartialDate: {
        "anyOf": [
            {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "A date, a month or a year: 2014-01-20, 2014-01 or 2014.",
    },
    Period: {
        "anyOf": [
            {"type": "string", "pattern": r"^\d{4}(-(H[12]|T[123]|Q[1-4]))?$"},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "A reporting period: 2005, 2004-H1, 2012-T2 or 2024-Q3.",
    },
    Money: {
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^[+-]?\d[\d ]*([.,]\d+)?( ?[A-Za-z]{3}| ?kr)?$"},
        ],
        "description": "An amount, NOK unless a currency code follows: 35000000, '1200.50 EUR'.",
    },
}


def _type_schema(tp: Any, defs: dict[str, Any], *, is_id: bool = False) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        (inner,) = options
        return {"anyOf": [_type_schema(inner, defs, is_id=is_id), {"type": "null"}]}
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return {"type": "array", "items": _type_schema(inner, defs, is_id=is_id)}
    if tp is str and is_id:
        return {"type": "string", "pattern": model.ID_PATTERN}
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
            is_id = getattr(field.validator, "__name__", "") in _ID_VALIDATORS
            properties[field.name] = _type_schema(hints[field.name], defs, is_id=is_id)
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
