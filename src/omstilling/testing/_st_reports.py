"""Strategies for reports and report schemas."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import attrs
from hypothesis import strategies as st

from ..model import Language, Rag
from ..report import Column, FieldType, Labels, Report, ReportSchema, Section, SectionSchema, Value
from ._st_base import (
    _composite,
    _draw_id,
    _enum,
    _opt,
    _required_text,
    _styled,
    _text,
    _unique_ids,
    ids,
    texts,
)
from ._st_values import decimals, money, partial_dates, periods


def _draw_value(draw: st.DrawFn, field_type: FieldType, required: bool = True) -> Value:
    if field_type is FieldType.TEXT:
        return _required_text(draw) if required else _text(draw)
    if field_type is FieldType.PARAGRAPHS:
        return _required_text(draw, 300) if required else _text(draw, 300)
    if field_type is FieldType.TEXT_LIST:
        return tuple(draw(st.lists(texts(), max_size=3)))
    if field_type is FieldType.INTEGER:
        return draw(st.integers(-(10**9), 10**9))
    if field_type is FieldType.DECIMAL:
        return draw(decimals())
    if field_type is FieldType.MONEY:
        return draw(money())
    if field_type is FieldType.DATE:
        return draw(partial_dates())
    if field_type is FieldType.PERIOD:
        return draw(periods())
    if field_type is FieldType.RAG:
        return _enum(draw, Rag)
    return draw(st.booleans())


def _draw_values(draw: st.DrawFn, columns: tuple[Column, ...]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for column in columns:
        if column.required or draw(st.booleans()):
            values[column.key] = _draw_value(draw, column.type, column.required)
    return values


def _draw_report(draw: st.DrawFn, schema: ReportSchema | None) -> Report:
    if schema is None:
        schema = draw(report_schemas())
    sections = []
    for section in schema.sections:
        for _ in range(draw(st.integers(0, 3 if section.repeat else 1))):
            sections.append(
                Section(
                    key=section.key,
                    title=_text(draw) if section.repeat else None,
                    values=_draw_values(draw, section.fields),
                    rows=tuple(
                        _draw_values(draw, section.columns)
                        for _ in range(draw(st.integers(0, 4)) if section.columns else 0)
                    ),
                    note=_text(draw),
                )
            )
    return Report(
        schema=schema,
        language=_enum(draw, Language),
        title=_required_text(draw),
        programme=_draw_id(draw),
        participant=_opt(draw, ids()),
        period=_opt(draw, periods()),
        published=_opt(draw, partial_dates()),
        sections=tuple(sections),
        owner=_text(draw),
        reference=_text(draw),
    )


def reports(
    schema: ReportSchema | None = None, *, realistic: bool | None = None
) -> st.SearchStrategy[Report]:
    """Reports of ``schema`` (of a generated schema if ``None``) with values of every
    type the schema's fields and columns have; required values are always there."""
    return _styled(_draw_report)(realistic, schema)


def _fill(
    draw: st.DrawFn,
    values: Mapping[str, Value],
    columns: tuple[Column, ...],
    keys: tuple[str, ...] | None,
) -> dict[str, Value]:
    out = dict(values)
    for column in columns:
        if keys is not None and column.key not in keys:
            continue
        if column.required or draw(st.booleans()):
            out[column.key] = _draw_value(draw, column.type, column.required)
        else:
            out.pop(column.key, None)
    return out


def _draw_filled(
    draw: st.DrawFn, report: Report, fill: tuple[tuple[str, tuple[str, ...] | None], ...] | None
) -> Report:
    wanted = dict(fill) if fill is not None else None
    sections = []
    for section in report.sections:
        if wanted is not None and section.key not in wanted:
            sections.append(section)
            continue
        schema = report.schema.section(section.key)
        keys = wanted.get(section.key) if wanted is not None else None
        sections.append(
            attrs.evolve(
                section,
                values=_fill(draw, section.values, schema.fields, keys),
                rows=tuple(_fill(draw, row, schema.columns, keys) for row in section.rows),
            )
        )
    return report.with_sections(tuple(sections))


def filled_reports(
    report: Report,
    fill: Mapping[str, Iterable[str] | None] | None = None,
    *,
    realistic: bool | None = None,
) -> st.SearchStrategy[Report]:
    """``report`` as a participant hands it back filled in: the values of its fields
    and table columns replaced by drawn ones of each column's type (left out now and
    then where the column is not required), the sections and rows as they were.

    ``fill`` says what is filled in: section keys mapped to the field and column
    keys that change (``None``: all of the section's); without it, every field and
    column of every section. Build ``report`` with the format and pass what you
    draw to :func:`~omstilling.testing.check_parse_round_trip`::

        report = milestone_plan.build(programme, BuildRequest())
        filled = data.draw(filled_reports(report, {"milestones": ["done", "report_date"]}))
        check_parse_round_trip(milestone_plan, programme, filled)

    .. versionadded:: 0.2
    """
    frozen_fill = (
        None
        if fill is None
        else tuple((key, None if keys is None else tuple(keys)) for key, keys in fill.items())
    )
    return _styled(_draw_filled)(realistic, report, frozen_fill)


def _draw_labels(draw: st.DrawFn) -> Labels:
    return Labels(_required_text(draw), _text(draw), _text(draw))


def _draw_columns(draw: st.DrawFn, max_size: int) -> tuple[Column, ...]:
    return tuple(
        Column(
            key=key,
            type=_enum(draw, FieldType),
            label=_draw_labels(draw),
            required=draw(st.booleans()),
        )
        for key in _unique_ids(draw, max_size)
    )


def _draw_report_schema(draw: st.DrawFn) -> ReportSchema:
    return ReportSchema(
        id=_draw_id(draw),
        version=draw(st.integers(1, 5)),
        title=_draw_labels(draw),
        sections=tuple(
            SectionSchema(
                key=key,
                title=_draw_labels(draw),
                fields=_draw_columns(draw, 4),
                columns=_draw_columns(draw, 5),
                level=draw(st.integers(1, 4)),
                repeat=draw(st.booleans()),
                description=_opt(draw, _composite(_draw_labels)()),
            )
            for key in _unique_ids(draw, 4, min_size=1)
        ),
        based_on=_opt(draw, ids()),
    )


@functools.cache
def report_schemas(*, realistic: bool | None = None) -> st.SearchStrategy[ReportSchema]:
    """Report schemas with sections of fields and columns of every type."""
    return _styled(_draw_report_schema)(realistic)
