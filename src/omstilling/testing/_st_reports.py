"""Strategies for reports and report schemas."""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from ..model import Language, Rag
from ..report import Column, FieldType, Labels, Report, ReportSchema, Section, SectionSchema, Value
from ._st_base import _composite, _enum, _opt, _text, _unique_ids, ids, texts
from ._st_values import decimals, money, partial_dates, periods


def _draw_value(draw: st.DrawFn, field_type: FieldType) -> Value:
    if field_type is FieldType.TEXT:
        return draw(texts())
    if field_type is FieldType.PARAGRAPHS:
        return draw(texts(max_size=300))
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
            values[column.key] = _draw_value(draw, column.type)
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
        title=draw(texts()),
        programme=draw(ids()),
        participant=_opt(draw, ids()),
        period=_opt(draw, periods()),
        published=_opt(draw, partial_dates()),
        sections=tuple(sections),
    )


def reports(schema: ReportSchema | None = None) -> st.SearchStrategy[Report]:
    """Reports of ``schema`` (of a generated schema if ``None``) with values of every
    type the schema's fields and columns have; required values are always there."""
    return _composite(_draw_report)(schema)


def _draw_labels(draw: st.DrawFn) -> Labels:
    return Labels(draw(texts()), _text(draw), _text(draw))


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
        id=draw(ids()),
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
def report_schemas() -> st.SearchStrategy[ReportSchema]:
    """Report schemas with sections of fields and columns of every type."""
    return _composite(_draw_report_schema)()
