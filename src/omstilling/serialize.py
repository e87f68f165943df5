"""Programme files: the one cattrs converter, YAML and JSON, versions and migrations,
the published JSON Schema, and errors that name the path to the bad field.

A programme file is a mapping with ``schema_version`` and the fields of
:class:`~omstilling.model.Programme`::

    schema_version: 2
    id: sjumilssteget
    name: Sjumilssteget
    owner: hammerfest
    ...

Loading checks every value and reports every problem at once, one line each::

    examples/x.yaml: milestones[0].estimated_finish: not a date: '31.13.2014'

Saving writes a temporary file beside the target and replaces the target only when
the new file is complete, so a failed save never leaves a half-written programme.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
import reprlib
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from . import model
from ._atomic import atomic_write
from ._textformats import TextFormatError, dump_yaml, parse_json, parse_yaml
from .model import (
    FieldError,
    InvalidProgramme,
    Language,
    Money,
    PartialDate,
    Period,
    Problem,
    Programme,
    Rag,
)
from .report import Column, FieldType, Report, ReportSchema, Section, section_problems

__all__ = [
    "REPORT_FORMAT_VERSION",
    "SCHEMA_VERSION",
    "Format",
    "ProgrammeFileError",
    "dumps",
    "dumps_report",
    "from_data",
    "get_converter",
    "json_schema",
    "load",
    "loads",
    "loads_report",
    "migrate",
    "report_from_data",
    "report_to_data",
    "save",
    "to_data",
]

SCHEMA_VERSION = 2
"""The version of the programme file format this release writes.

.. versionadded:: 0.1
"""

Format = Literal["yaml", "json"]
"""The text formats a programme file can be written in."""


class ProgrammeFileError(Exception):
    """A programme file (or report file) that cannot be read, with every problem found.

    ``str()`` of the error is one line per problem, each starting with the file:
    ``examples/x.yaml: subprojects[3].area: unknown project area 'helse'``.

    .. versionadded:: 0.1
    """

    def __init__(self, source: str, problems: typing.Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, each starting with the source."""
        return [f"{self.source}: {problem}" for problem in self.problems]


# --- migrations ----------------------------------------------------------------------


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 called the milestone plan's estimated dates ``planned_start`` and
    ``planned_finish``; version 2 uses the plans' own words, ``estimated_start`` and
    ``estimated_finish`` (antatt start, antatt ferdig)."""
    milestones = data.get("milestones")
    if isinstance(milestones, list):
        renamed = []
        for milestone in milestones:
            if isinstance(milestone, dict):
                milestone = dict(milestone)
                for old, new in (
                    ("planned_start", "estimated_start"),
                    ("planned_finish", "estimated_finish"),
                ):
                    # with both names present, the old one stays and is reported
                    # as an unknown key rather than silently dropped
                    if old in milestone and new not in milestone:
                        milestone[new] = milestone.pop(old)
            renamed.append(milestone)
        data = {**data, "milestones": renamed}
    return data


MIGRATIONS: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2}
"""``MIGRATIONS[n]`` turns the data of a version-``n`` file into version ``n + 1``."""


def migrate(data: Mapping[str, Any], *, source: str = "<data>") -> dict[str, Any]:
    """Bring the data of a programme file of any earlier version up to
    :data:`SCHEMA_VERSION`, and take ``schema_version`` out of it.

    Raises :class:`ProgrammeFileError` for a missing, unknown or newer version.
    """
    version = data.get("schema_version")
    if version is None:
        raise ProgrammeFileError(
            source, [Problem("schema_version", f"missing (this release writes {SCHEMA_VERSION})")]
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProgrammeFileError(
            source, [Problem("schema_version", f"not a whole number: {version!r}")]
        )
    if version > SCHEMA_VERSION:
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "schema_version",
                    f"version {version} is newer than this release reads ({SCHEMA_VERSION}): "
                    "upgrade omstilling",
                )
            ],
        )
    if version < min(MIGRATIONS, default=SCHEMA_VERSION):
        raise ProgrammeFileError(source, [Problem("schema_version", f"unknown version: {version}")])
    result = {key: value for key, value in data.items() if key != "schema_version"}
    while version < SCHEMA_VERSION:
        result = MIGRATIONS[version](result)
        version += 1
    return result


# --- the converter -------------------------------------------------------------------


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4


def _short(value: object) -> str:
    """``repr(value)``, cut short: a message must never be larger than the input."""
    return _SHORT.repr(value)


def _wrong(expected: str, value: object) -> ValueError:
    return ValueError(f"expected {expected}, got {_type_name(value)}: {_short(value)}")


def _structure_str(value: object, _: type) -> str:
    if type(value) is str and value.isascii():  # the common case, checked first
        return value
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"not valid Unicode text: {_short(value)}") from None
        return value
    raise _wrong("text (quote it in YAML)", value)


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _wrong("a whole number", value)


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _wrong("true or false", value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool):
        raise _wrong("a number", value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {_short(value)}") from None
    else:
        raise _wrong("a number", value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {_short(value)}")
    return number


# A file names the same few dates and periods again and again (every milestone of a
# plan, every status entry of a period): each distinct text is parsed once. Both types
# are immutable, so equal values may share one object; a text that fails to parse is
# not cached and fails again with the same message.
_parse_partial_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)
_parse_period = functools.lru_cache(maxsize=1024)(Period.parse)


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if isinstance(value, str):
        return _parse_partial_date(value)
    if isinstance(value, dt.datetime):
        raise _wrong("a date without a time", value)
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value)
    raise _wrong("a date (2014, 2014-01 or 2014-01-20)", value)


def _structure_period(value: object, _: type) -> Period:
    if isinstance(value, str):
        return _parse_period(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(value)
    raise _wrong("a period (2005, 2004-H1, 2012-T2)", value)


def _structure_money(value: object, _: type) -> Money:
    # money is one value in a file: its problems belong to that value, not to
    # the fields it has in the model
    try:
        if isinstance(value, str):
            return Money.parse(value)
        return Money(_structure_decimal(value, Decimal))
    except FieldError as exc:
        raise ValueError(exc.message) from None


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
        raise ValueError(f"not one of {choices}: {_short(value)}") from None


def _unstructure_enum(value: enum.StrEnum) -> str:
    return value.value


def _is_tuple_of(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _tuple_hook(converter: cattrs.Converter, cls: Any) -> Callable[[object, type], tuple[Any, ...]]:
    (inner, _ellipsis) = typing.get_args(cls)
    inner_hook = converter.get_structure_hook(inner)

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _wrong("a list", value)
        try:
            return tuple([inner_hook(item, inner) for item in value])
        except Exception:  # structured again below, one item at a time
            pass
        # the hooks are pure: the second pass fails the same way, and collects every
        # problem with its index instead of stopping at the first
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(inner_hook(item, inner))
            except Exception as exc:  # collected with its index, re-raised below
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {cls} @ index {index}", index, inner),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
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
            raise _wrong(f"a mapping of {cls.__name__} fields", value)
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
        return "required, but missing"
    if isinstance(exc, ValueError | TypeError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


# --- reports -------------------------------------------------------------------------

REPORT_FORMAT_VERSION = 1
"""The version of the report file format (a report serialised as JSON or YAML)."""

_VALUE_TYPES: dict[FieldType, Any] = {
    FieldType.TEXT: str,
    FieldType.PARAGRAPHS: str,
    FieldType.TEXT_LIST: tuple[str, ...],
    FieldType.INTEGER: int,
    FieldType.DECIMAL: Decimal,
    FieldType.MONEY: Money,
    FieldType.DATE: PartialDate,
    FieldType.PERIOD: Period,
    FieldType.RAG: Rag,
    FieldType.BOOLEAN: bool,
}


def _unstructure_values(converter: cattrs.Converter, values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: converter.unstructure(value) for key, value in values.items() if value is not None}


def _unstructure_report(converter: cattrs.Converter, report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "report_format": REPORT_FORMAT_VERSION,
        "schema": converter.unstructure(report.schema),
        "language": report.language.value,
        "title": report.title,
        "programme": report.programme,
    }
    for key in ("participant", "period", "published"):
        value = getattr(report, key)
        if value is not None:
            data[key] = converter.unstructure(value)
    sections = []
    for section in report.sections:
        item: dict[str, Any] = {"key": section.key}
        if section.title is not None:
            item["title"] = section.title
        if section.values:
            item["values"] = _unstructure_values(converter, section.values)
        if section.rows:
            item["rows"] = [_unstructure_values(converter, row) for row in section.rows]
        if section.note is not None:
            item["note"] = section.note
        sections.append(item)
    data["sections"] = sections
    return data


def _structure_values(
    converter: cattrs.Converter, data: object, columns: tuple[Column, ...], path: str
) -> tuple[dict[str, Any], list[Problem]]:
    if not isinstance(data, Mapping):
        return {}, [Problem(path, str(_wrong("a mapping of values", data)))]
    known = {column.key: column for column in columns}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw in data.items():
        column = known.get(key)
        if column is None:
            problems.append(Problem(_join(path, _key_name(key)), "unknown key"))
            continue
        try:
            values[key] = converter.structure(raw, _VALUE_TYPES[column.type])
        except Exception as exc:  # reported with its path, like every other problem
            problems.extend(_problems_from(exc, _join(path, key)))
    return values, problems


_OPTIONAL_TEXT: Any = str | None
_REPORT_HEAD: tuple[tuple[str, Any], ...] = (
    ("language", Language),
    ("title", str),
    ("programme", str),
    ("participant", _OPTIONAL_TEXT),
    ("period", Period | None),
    ("published", PartialDate | None),
)


def _structure_report(converter: cattrs.Converter, data: object) -> Report:
    if not isinstance(data, Mapping):
        raise _wrong("a mapping of report fields", data)
    problems: list[Problem] = []
    expected = {
        "report_format", "schema", "language", "title", "programme", "participant",
        "period", "published", "sections",
    }  # fmt: skip
    problems += [Problem(_key_name(k), "unknown key") for k in data if k not in expected]
    if data.get("report_format") != REPORT_FORMAT_VERSION:
        problems.append(
            Problem(
                "report_format",
                f"expected {REPORT_FORMAT_VERSION}, got {_short(data.get('report_format'))}",
            )
        )
    try:
        schema = converter.structure(data.get("schema"), ReportSchema)
    except Exception as exc:  # reported with its path
        raise ProgrammeFileError("", [*problems, *_problems_from(exc, "schema")]) from None
    head: dict[str, Any] = {}
    for key, tp in _REPORT_HEAD:
        try:
            head[key] = converter.structure(data.get(key), tp)
        except Exception as exc:  # reported with its path
            problems.extend(_problems_from(exc, key))
    sections = []
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list):
        problems.append(Problem("sections", str(_wrong("a list", raw_sections))))
        raw_sections = []
    for index, raw in enumerate(raw_sections):
        at = f"sections[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(Problem(at, str(_wrong("a mapping of section fields", raw))))
            continue
        problems += [
            Problem(_join(at, _key_name(k)), "unknown key")
            for k in raw
            if k not in {"key", "title", "values", "rows", "note"}
        ]
        try:
            section_schema = schema.section(str(raw.get("key")))
        except KeyError:
            problems.append(Problem(f"{at}.key", f"unknown section {_short(raw.get('key'))}"))
            continue
        values, found = _structure_values(
            converter, raw.get("values", {}), section_schema.fields, f"{at}.values"
        )
        problems += found
        rows = []
        raw_rows = raw.get("rows", [])
        if not isinstance(raw_rows, list):
            problems.append(Problem(f"{at}.rows", str(_wrong("a list", raw_rows))))
            raw_rows = []
        for row_index, raw_row in enumerate(raw_rows):
            row, found = _structure_values(
                converter, raw_row, section_schema.columns, f"{at}.rows[{row_index}]"
            )
            problems += found
            rows.append(row)
        try:
            sections.append(
                Section(
                    key=section_schema.key,
                    title=converter.structure(raw.get("title"), _OPTIONAL_TEXT),
                    values=values,
                    rows=tuple(rows),
                    note=converter.structure(raw.get("note"), _OPTIONAL_TEXT),
                )
            )
        except Exception as exc:  # reported with its path
            problems.extend(_problems_from(exc, at))
    reported = {problem.path for problem in problems}
    problems += [p for p in section_problems(schema, sections) if p.path not in reported]
    if problems:
        raise ProgrammeFileError("", problems)
    try:
        return Report(schema=schema, sections=tuple(sections), **head)
    except ValueError as exc:
        raise ProgrammeFileError("", [Problem("", str(exc))]) from None


def report_to_data(report: Report) -> dict[str, Any]:
    """The plain data of ``report``, its schema included.

    .. versionadded:: 0.1
    """
    return _unstructure_report(get_converter(), report)


def report_from_data(data: object, *, source: str = "<data>") -> Report:
    """The report in ``data``, checked against the schema it carries.

    Raises :class:`ProgrammeFileError` listing every problem with its path.

    .. versionadded:: 0.1
    """
    try:
        return _structure_report(get_converter(), data)
    except ProgrammeFileError as exc:
        raise ProgrammeFileError(source, exc.problems) from None
    except ValueError as exc:
        raise ProgrammeFileError(source, [Problem("", str(exc))]) from None


def dumps_report(report: Report, fmt: Format = "json") -> str:
    """``report`` as a JSON (or YAML) document.

    .. versionadded:: 0.1
    """
    data = report_to_data(report)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(data)


def loads_report(text: str, fmt: Format = "json", *, source: str = "<string>") -> Report:
    """The report in ``text``, a JSON (or YAML) document written by :func:`dumps_report`.

    .. versionadded:: 0.1
    """
    return report_from_data(_parse(text, fmt, source), source=source)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _problems_from(exc: BaseException, path: str = "") -> Iterator[Problem]:
    """Every problem in ``exc`` (as raised by the converter) with its path."""
    if isinstance(exc, InvalidProgramme):
        for problem in exc.problems:
            yield Problem(_join(path, problem.path) if problem.path else path, problem.message)
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
        yield Problem(_join(path, exc.field), exc.message)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=str):
            hint = (
                " (YAML reads unquoted yes/no/on/off as true/false)"
                if isinstance(key, bool)
                else ""
            )
            yield Problem(_join(path, _key_name(key)), f"unknown key{hint}")
    else:
        yield Problem(path, _format_exception(exc))


def to_data(programme: Programme) -> dict[str, Any]:
    """The plain data of ``programme``, with ``schema_version`` first.

    .. versionadded:: 0.1
    """
    data = get_converter().unstructure(programme)
    return {"schema_version": SCHEMA_VERSION, **data}


def from_data(data: object, *, source: str = "<data>") -> Programme:
    """The programme in ``data`` (as read from a YAML or JSON file), migrated from
    any earlier version and checked in full.

    Raises :class:`ProgrammeFileError` listing every problem with its path.

    .. versionadded:: 0.1
    """
    if data is None:
        raise ProgrammeFileError(source, [Problem("", "the file is empty")])
    if not isinstance(data, Mapping):
        raise ProgrammeFileError(
            source, [Problem("", f"expected a mapping of programme fields, got {_type_name(data)}")]
        )
    current = migrate(data, source=source)
    try:
        return get_converter().structure(current, Programme)
    except (ClassValidationError, IterableValidationError, ValueError, TypeError) as exc:
        raise ProgrammeFileError(source, list(_problems_from(exc))) from None


# --- text formats --------------------------------------------------------------------


def format_for(path: str | os.PathLike[str]) -> Format:
    """The format a file's suffix names: ``.json`` is JSON, ``.yaml``/``.yml`` YAML.

    .. versionadded:: 0.1
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    msg = f"{os.fspath(path)}: unknown file type {suffix!r} (use .yaml, .yml or .json)"
    raise ValueError(msg)


def _parse(text: str, fmt: Format, source: str) -> object:
    try:
        return parse_json(text) if fmt == "json" else parse_yaml(text)
    except TextFormatError as exc:
        raise ProgrammeFileError(source, [Problem("", str(exc))]) from None


def loads(text: str, fmt: Format = "yaml", *, source: str = "<string>") -> Programme:
    """The programme in ``text``, a YAML or JSON document.

    .. versionadded:: 0.1
    """
    return from_data(_parse(text, fmt, source), source=source)


def dumps(programme: Programme, fmt: Format = "yaml") -> str:
    """``programme`` as a YAML or JSON document.

    .. versionadded:: 0.1
    """
    data = to_data(programme)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(data)


def load(path: str | os.PathLike[str]) -> Programme:
    """Read the programme file at ``path`` (YAML or JSON, by suffix).

    Raises :class:`ProgrammeFileError` for a missing, unreadable or invalid file; its
    lines name the file and the path to every bad field.

    .. versionadded:: 0.1
    """
    source = os.fspath(path)
    try:
        fmt = format_for(path)
    except ValueError as exc:
        raise ProgrammeFileError(source, [Problem("", str(exc).split(": ", 1)[1])]) from None
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProgrammeFileError(source, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise ProgrammeFileError(source, [Problem("", "is a directory, not a file")]) from None
    except UnicodeDecodeError as exc:
        raise ProgrammeFileError(
            source, [Problem("", f"not UTF-8 text (byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise ProgrammeFileError(source, [Problem("", exc.strerror or str(exc))]) from None
    return loads(text, fmt, source=source)


def save(programme: Programme, path: str | os.PathLike[str]) -> None:
    """Write ``programme`` to ``path`` (YAML or JSON, by suffix), atomically.

    .. versionadded:: 0.1
    """
    text = dumps(programme, format_for(path))
    atomic_write(path, text.encode("utf-8"))


# --- JSON Schema ---------------------------------------------------------------------

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
