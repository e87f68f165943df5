"""Report files: a report and its schema as plain data, JSON or YAML."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

import cattrs

from .._messages import _
from ..errors import MAX_PROBLEMS, Problem, ProgrammeFileError
from ..model import Language, Money, PartialDate, Period, Programme, Rag
from ..report import Column, FieldType, Report, ReportSchema, Section, section_problems
from ._converter import (
    ProblemBudget,
    _join,
    _key_name,
    _problems_from,
    _short,
    _wrong,
    get_converter,
    problem_budget,
)
from ._programmes import from_data
from ._text import Format, dump_yaml, parse, read_document

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
    for key in ("participant", "period", "published", "owner", "reference"):
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


class _Collected:
    """The problems of a report file as they are found: kept while ``budget`` (shared
    with the converter's lists) has kept fewer than
    :data:`~omstilling.errors.MAX_PROBLEMS`, then only counted in it."""

    def __init__(self, budget: ProblemBudget) -> None:
        self.budget = budget
        self.kept: list[Problem] = []
        self.reported: set[str] = set()
        """The paths of the values that could not be read, of those kept."""
        self.again = 0
        """How many required values of this section could not be read and were only
        counted: the check of the sections counts each again, as missing."""

    def append(self, problem: Problem) -> None:
        if self.budget.kept < MAX_PROBLEMS:
            self.budget.kept += 1
            self.kept.append(problem)
        else:
            self.budget.dropped += 1

    def extend(self, problems: Iterable[Problem]) -> bool:
        """Add ``problems``; whether any was kept."""
        before = len(self.kept)
        for problem in problems:
            self.append(problem)
        return len(self.kept) > before

    def __iadd__(self, problems: Iterable[Problem]) -> _Collected:
        self.extend(problems)
        return self

    def __bool__(self) -> bool:
        return bool(self.kept or self.budget.dropped)


def _structure_values(
    converter: cattrs.Converter,
    data: object,
    columns: tuple[Column, ...],
    path: str,
    problems: _Collected,
) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        problems.append(Problem(path, str(_wrong(_("a mapping of values"), data))))
        return {}
    known = {column.key: column for column in columns}
    values: dict[str, Any] = {}
    for key, raw in data.items():
        column = known.get(key)
        if column is None:
            problems.append(Problem(_join(path, _key_name(key)), _("unknown key")))
            continue
        try:
            values[key] = converter.structure(raw, _VALUE_TYPES[column.type])
        except Exception as exc:  # reported with its path, like every other problem
            at = _join(path, key)
            if problems.extend(_problems_from(exc, at)):
                problems.reported.add(at)
            elif column.required:
                problems.again += 1
    return values


_OPTIONAL_TEXT: Any = str | None
_REPORT_HEAD: tuple[tuple[str, Any], ...] = (
    ("language", Language),
    ("title", str),
    ("programme", str),
    ("participant", _OPTIONAL_TEXT),
    ("period", Period | None),
    ("published", PartialDate | None),
    ("owner", _OPTIONAL_TEXT),
    ("reference", _OPTIONAL_TEXT),
)


def _structure_report(converter: cattrs.Converter, data: object) -> Report:
    with problem_budget() as budget:
        try:
            return _structure_report_in(converter, data, _Collected(budget))
        except ProgrammeFileError as exc:
            raise ProgrammeFileError("", exc.problems, more=budget.dropped) from None


def _structure_report_in(converter: cattrs.Converter, data: object, problems: _Collected) -> Report:
    if not isinstance(data, Mapping):
        raise _wrong(_("a mapping of report fields"), data)
    expected = {
        "report_format", "schema", "language", "title", "programme", "participant",
        "period", "published", "sections", "owner", "reference",
    }  # fmt: skip
    problems += [Problem(_key_name(k), _("unknown key")) for k in data if k not in expected]
    if data.get("report_format") != REPORT_FORMAT_VERSION:
        problems.append(
            Problem(
                "report_format",
                _("expected {expected}, got {value}").format(
                    expected=REPORT_FORMAT_VERSION, value=_short(data.get("report_format"))
                ),
            )
        )
    try:
        schema = converter.structure(data.get("schema"), ReportSchema)
    except Exception as exc:  # reported with its path
        problems += _problems_from(exc, "schema")
        raise ProgrammeFileError("", problems.kept) from None
    head: dict[str, Any] = {}
    for key, tp in _REPORT_HEAD:
        try:
            head[key] = converter.structure(data.get(key), tp)
        except Exception as exc:  # reported with its path
            problems.extend(_problems_from(exc, key))
    sections = []
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list):
        problems.append(Problem("sections", str(_wrong(_("a list"), raw_sections))))
        raw_sections = []
    for index, raw in enumerate(raw_sections):
        at = f"sections[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(Problem(at, str(_wrong(_("a mapping of section fields"), raw))))
            continue
        problems += [
            Problem(_join(at, _key_name(k)), _("unknown key"))
            for k in raw
            if k not in {"key", "title", "values", "rows", "note"}
        ]
        try:
            section_schema = schema.section(str(raw.get("key")))
        except KeyError:
            message = _("unknown section {key}").format(key=_short(raw.get("key")))
            problems.append(Problem(f"{at}.key", message))
            continue
        problems.again = 0
        values = _structure_values(
            converter, raw.get("values", {}), section_schema.fields, f"{at}.values", problems
        )
        rows = []
        raw_rows = raw.get("rows", [])
        if not isinstance(raw_rows, list):
            problems.append(Problem(f"{at}.rows", str(_wrong(_("a list"), raw_rows))))
            raw_rows = []
        for row_index, raw_row in enumerate(raw_rows):
            row = _structure_values(
                converter, raw_row, section_schema.columns, f"{at}.rows[{row_index}]", problems
            )
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
            problems.budget.dropped -= problems.again  # counted once, not twice
        except Exception as exc:  # reported with its path
            problems.extend(_problems_from(exc, at))
    reported = problems.reported
    problems += (p for p in section_problems(schema, sections) if p.path not in reported)
    if problems:
        raise ProgrammeFileError("", problems.kept)
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
    return report_from_data(parse(text, fmt, source), source=source)


def is_report_data(data: object) -> bool:
    """Whether ``data`` (a parsed document) is a report file rather than a
    programme: a mapping with a ``report_format`` key, as :func:`report_to_data`
    writes it; programme files have ``schema_version`` instead.

    .. versionadded:: 0.1
    """
    return isinstance(data, Mapping) and "report_format" in data


DocumentKind = Literal["programme", "report", "published report"]
"""What a YAML or JSON file holds, as :func:`document_kind` tells it."""


def document_kind(path: str | os.PathLike[str]) -> DocumentKind | None:
    """What the YAML or JSON file at ``path`` (by suffix) holds: ``"programme"`` (a
    mapping with ``schema_version``), ``"report"`` (a report file) or ``"published
    report"`` (a report file with its publication date, as ``omstilling publish``
    writes it); ``None`` for anything else, and for a file that cannot be read or
    parsed. Only the document is read, not checked.

    .. versionadded:: 0.1
    """
    try:
        data, _source = read_document(path)
    except ProgrammeFileError:
        return None
    if is_report_data(data):
        assert isinstance(data, Mapping)
        return "report" if data.get("published") is None else "published report"
    if isinstance(data, Mapping) and "schema_version" in data:
        return "programme"
    return None


def is_report_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` is a report file (as ``omstilling render … -o
    x.json`` or ``omstilling publish`` write them) rather than a programme file.

    The file is read and parsed; a file that cannot be read or parsed is not a
    report file.

    .. versionadded:: 0.1
    """
    try:
        data, _source = read_document(path)
    except ProgrammeFileError:
        return False
    return is_report_data(data)


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read the report file at ``path`` (JSON, or YAML by suffix), checked against
    the schema it carries.

    .. versionadded:: 0.1
    """
    data, source = read_document(path)
    return report_from_data(data, source=source)


def load_any(path: str | os.PathLike[str]) -> Programme | Report:
    """Read the file at ``path``: a programme file or a report file, told apart by
    what the document holds (see :func:`is_report_data`), parsed once.

    .. versionadded:: 0.1
    """
    data, source = read_document(path)
    if is_report_data(data):
        return report_from_data(data, source=source)
    return from_data(data, source=source)
