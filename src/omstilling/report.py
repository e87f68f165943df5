"""Reports: a declarative schema, and a report as plain data made from it.

A :class:`ReportSchema` says what a report holds: ordered sections, each with single
fields (a form) and/or table columns, every one with a key, a type, whether it is
required, and labels in bokmål, nynorsk and English. A :class:`Report` is one
instance of a schema for one programme (or participant) and period: plain,
comparable, serialisable data, and the only thing exporters see. A report carries
its schema, so an exporter needs nothing else to render it.

.. versionadded:: 0.1
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

import attrs

from .model import Language, Money, PartialDate, Period, Problem, Rag
from .model._values import check_id, check_optional_id, check_text, field_validator

__all__ = [
    "Chart",
    "ChartKind",
    "Column",
    "FieldType",
    "Labels",
    "Presentation",
    "Report",
    "ReportSchema",
    "Section",
    "SectionSchema",
    "Timeline",
    "Value",
    "as_bool",
    "as_date",
    "as_decimal",
    "as_int",
    "as_money",
    "as_period",
    "as_rag",
    "as_text",
    "as_texts",
    "check_value",
    "section_problems",
]

_V = TypeVar("_V")

Value = str | int | Decimal | Money | PartialDate | Period | Rag | bool | tuple[str, ...] | None
"""What a field or table cell of a report may hold."""


class FieldType(enum.StrEnum):
    """The type of a report field or column, and so how exporters show it.

    .. versionadded:: 0.1
    """

    TEXT = "text"
    """A line of text."""
    PARAGRAPHS = "paragraphs"
    """Longer text; blank lines separate paragraphs."""
    TEXT_LIST = "text-list"
    """A list of short texts (focus topics, recommendations)."""
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"
    DATE = "date"
    """A :class:`~omstilling.model.PartialDate`."""
    PERIOD = "period"
    RAG = "rag"
    """A traffic-light status: shown as colour and text, never colour alone."""
    BOOLEAN = "boolean"


_PYTHON_TYPES: dict[FieldType, tuple[type, ...]] = {
    FieldType.TEXT: (str,),
    FieldType.PARAGRAPHS: (str,),
    FieldType.TEXT_LIST: (tuple,),
    FieldType.INTEGER: (int,),
    FieldType.DECIMAL: (Decimal,),
    FieldType.MONEY: (Money,),
    FieldType.DATE: (PartialDate,),
    FieldType.PERIOD: (Period,),
    FieldType.RAG: (Rag,),
    FieldType.BOOLEAN: (bool,),
}


def check_value(field_type: FieldType, value: object) -> None:
    """Raise :class:`ValueError` unless ``value`` may stand in a field of ``field_type``
    (``None`` may stand anywhere; required fields are checked by the schema)."""
    if value is None:
        return
    expected = _PYTHON_TYPES[field_type]
    wrong_bool = isinstance(value, bool) and field_type is not FieldType.BOOLEAN
    if wrong_bool or not isinstance(value, expected):
        msg = f"a {field_type.value} field cannot hold {type(value).__name__} {value!r}"
        raise ValueError(msg)
    if isinstance(value, tuple) and not all(isinstance(v, str) for v in value):
        msg = f"a text-list field holds only text: {value!r}"
        raise ValueError(msg)


@attrs.frozen
class Labels:
    """A label in bokmål, and where they differ, nynorsk and English.

    .. versionadded:: 0.1
    """

    nb: str = attrs.field(validator=check_text)
    nn: str | None = None
    en: str | None = None

    def get(self, language: Language) -> str:
        """The label in ``language``; nynorsk falls back to bokmål, English to bokmål."""
        if language is Language.NN and self.nn:
            return self.nn
        if language is Language.EN and self.en:
            return self.en
        return self.nb


@attrs.frozen(kw_only=True)
class Column:
    """A field of a section, or a column of its table.

    .. versionadded:: 0.1
    """

    key: str = attrs.field(validator=check_id)
    type: FieldType
    label: Labels
    required: bool = False
    description: str | None = None
    always_shown: bool = False
    """Shown even where no row or section of the report has a value for it
    (exporters leave such fields and columns out otherwise).

    .. versionadded:: 0.2
    """
    hidden: bool = False
    """Holds what the report needs to be read back (a milestone's id), not what a
    reader reads: exporters for people leave it out, data formats (JSON) keep it.

    .. versionadded:: 0.2
    """


class Presentation(enum.StrEnum):
    """How a section is meant to be read; every exporter follows it.

    .. versionadded:: 0.2
    """

    FORM = "form"
    """Label and value lines (the default for a section of fields)."""
    NARRATIVE = "narrative"
    """Running text: each text field as paragraphs under its label."""
    KEY_FIGURES = "key-figures"
    """A few figures a reader takes in at a glance, as on a summary page."""
    TABLE = "table"
    """Rows under column headings (the default for a section with columns)."""


class ChartKind(enum.StrEnum):
    """The kinds of chart a section's table can be drawn as.

    .. versionadded:: 0.2
    """

    RAG_HEATMAP = "rag-heatmap"
    """Rows by ``label``, one column per key in ``values`` (RAG columns), each cell
    coloured and worded by its status."""
    TARGET_ACTUAL = "target-actual"
    """Bars per row ``label``: the first key in ``values`` is the target, the second
    what was achieved (money or number columns)."""
    RISK_MATRIX = "risk-matrix"
    """A 5×5 risk matrix: each row's ``label`` in the cell of its first key in
    ``values`` (probability, across) and its second (consequence, up)."""


@attrs.frozen(kw_only=True)
class Chart:
    """Says that a section's table can also be drawn as a chart, and from which
    columns. Exporters that draw pictures add it next to the table, with alt text.

    .. versionadded:: 0.2
    """

    kind: ChartKind
    label: str = attrs.field(validator=check_id)
    values: tuple[str, ...]
    title: Labels | None = None


class SectionKind(enum.StrEnum):
    """What a section holds.

    .. versionadded:: 0.1
    """

    FIELDS = "fields"
    """Single values: a form."""
    TABLE = "table"
    """Rows of values under column headings."""


@field_validator
def _check_level(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 4:
        msg = f"a heading level is 1 to 4: {value}"
        raise ValueError(msg)


def _unique_keys(columns: tuple[Column, ...], what: str) -> None:
    keys = [c.key for c in columns]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        msg = f"{what} keys are used twice: {', '.join(duplicates)}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Timeline:
    """Says that a table's rows can be drawn as a timeline (Gantt-style): which
    columns hold each bar's label, start and finish (dates), and optionally its group
    (one lane per subproject: a lane per distinct value, however long) and whether it
    is done. A row with only a start or only a finish is a milestone on that day.
    Exporters that draw pictures (Word) add the timeline after the table, with alt
    text that lists every entry and its dates.

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=check_id)
    start: str = attrs.field(validator=check_id)
    finish: str = attrs.field(validator=check_id)
    group: str | None = attrs.field(default=None, validator=check_optional_id)
    done: str | None = attrs.field(default=None, validator=check_optional_id)
    title: Labels | None = None


@attrs.frozen(kw_only=True)
class SectionSchema:
    """A section of a report: a heading, fields and/or table columns.

    ``repeat`` sections may occur any number of times (one per participant, say);
    the others at most once. ``level`` is the heading level (1 to 4). ``timeline``
    says how the table can be drawn as a timeline.

    .. versionadded:: 0.1
    """

    key: str = attrs.field(validator=check_id)
    title: Labels
    fields: tuple[Column, ...] = ()
    columns: tuple[Column, ...] = ()
    level: int = attrs.field(default=1, validator=_check_level)
    repeat: bool = False
    description: Labels | None = None
    timeline: Timeline | None = None
    presentation: Presentation | None = None
    chart: Chart | None = None

    def __attrs_post_init__(self) -> None:
        _unique_keys(self.fields, "field")
        if self.chart is not None:
            keys = {c.key for c in self.columns}
            missing = [k for k in (self.chart.label, *self.chart.values) if k not in keys]
            if missing:
                msg = f"the chart's columns are not in the table: {', '.join(missing)}"
                raise ValueError(msg)
        _unique_keys(self.columns, "column")
        if self.timeline is not None:
            types = {c.key: c.type for c in self.columns}
            t = self.timeline
            for key, wanted in (
                (t.label, {FieldType.TEXT, FieldType.PARAGRAPHS}),
                (t.start, {FieldType.DATE}),
                (t.finish, {FieldType.DATE}),
                (t.group, {FieldType.TEXT}),
                (t.done, {FieldType.BOOLEAN}),
            ):
                if key is not None and types.get(key) not in wanted:
                    msg = (
                        f"the timeline's column {key!r} is not a {'/'.join(sorted(wanted))} column"
                    )
                    raise ValueError(msg)

    @property
    def shown_as(self) -> Presentation:
        """:attr:`presentation`, or what the section holds: a table or a form.

        .. versionadded:: 0.2
        """
        if self.presentation is not None:
            return self.presentation
        return Presentation.TABLE if self.columns else Presentation.FORM

    @property
    def kind(self) -> SectionKind:
        """Whether the section is mainly a table or a form."""
        return SectionKind.TABLE if self.columns else SectionKind.FIELDS

    def field(self, key: str) -> Column:
        """The field with ``key`` (:class:`KeyError` if none)."""
        for column in self.fields:
            if column.key == key:
                return column
        raise KeyError(key)

    def column(self, key: str) -> Column:
        """The table column with ``key`` (:class:`KeyError` if none)."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@attrs.frozen(kw_only=True)
class ReportSchema:
    """A kind of report: its id, version, title and ordered sections.

    A municipality's format is usually a *variant* of a common schema: the same
    sections relabelled, reordered or with fields added (:meth:`variant`).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    version: int = 1
    title: Labels
    sections: tuple[SectionSchema, ...]
    based_on: str | None = attrs.field(default=None, validator=check_optional_id)

    def __attrs_post_init__(self) -> None:
        keys = [s.key for s in self.sections]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            msg = f"section keys are used twice: {', '.join(duplicates)}"
            raise ValueError(msg)
        if self.version < 1:
            msg = f"a schema version is 1 or more: {self.version}"
            raise ValueError(msg)

    def section(self, key: str) -> SectionSchema:
        """The section with ``key`` (:class:`KeyError` if none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def variant(
        self,
        id: str,
        *,
        title: Labels | None = None,
        order: tuple[str, ...] | None = None,
        titles: Mapping[str, Labels] | None = None,
        labels: Mapping[tuple[str, str], Labels] | None = None,
        extra_fields: Mapping[str, tuple[Column, ...]] | None = None,
        drop: tuple[str, ...] = (),
        version: int = 1,
    ) -> ReportSchema:
        """A named variant of this schema.

        ``order`` lists section keys in their new order (sections not listed keep
        their place after them); ``titles`` relabels sections; ``labels`` relabels
        fields and columns by ``(section key, field key)``; ``extra_fields`` adds
        fields to sections; ``drop`` leaves sections out.
        """
        keys = {s.key for s in self.sections}
        named = [*drop, *(order or ()), *(titles or {}), *(extra_fields or {})]
        named += [section for section, _field in (labels or {})]
        unknown = sorted({key for key in named if key not in keys})
        if unknown:
            msg = f"the schema {self.id!r} has no sections {', '.join(unknown)}"
            raise ValueError(msg)
        for section_key, field_key in labels or {}:
            section = self.section(section_key)
            if field_key not in {c.key for c in (*section.fields, *section.columns)}:
                msg = f"section {section_key!r} has no field or column {field_key!r}"
                raise ValueError(msg)
        sections = [s for s in self.sections if s.key not in drop]
        if order is not None:
            unknown = [k for k in order if k not in {s.key for s in sections}]
            if unknown:
                msg = f"unknown sections in order: {', '.join(unknown)}"
                raise ValueError(msg)
            rank = {key: index for index, key in enumerate(order)}
            sections.sort(key=lambda s: rank.get(s.key, len(rank)))
        relabelled = []
        for section in sections:
            fields = tuple(
                attrs.evolve(c, label=(labels or {}).get((section.key, c.key), c.label))
                for c in section.fields
            ) + tuple((extra_fields or {}).get(section.key, ()))
            columns = tuple(
                attrs.evolve(c, label=(labels or {}).get((section.key, c.key), c.label))
                for c in section.columns
            )
            relabelled.append(
                attrs.evolve(
                    section,
                    title=(titles or {}).get(section.key, section.title),
                    fields=fields,
                    columns=columns,
                )
            )
        return ReportSchema(
            id=id,
            version=version,
            title=title or self.title,
            sections=tuple(relabelled),
            based_on=self.id,
        )


def _present(values: Mapping[str, Value]) -> dict[str, Value]:
    """The values that are there: a key with ``None`` is the same as no key."""
    return {key: value for key, value in values.items() if value is not None}


def _present_rows(rows: Iterable[Mapping[str, Value]]) -> tuple[dict[str, Value], ...]:
    return tuple(_present(row) for row in rows)


@attrs.frozen(kw_only=True)
class Section:
    """One section of a report: the values of its fields and the rows of its table.

    ``title`` replaces the schema's title where the section is one of many (a
    participant's name). ``values`` and each row map field or column keys to values;
    a key whose value is ``None`` is left out, so that it equals no key at all.

    .. versionadded:: 0.1
    """

    key: str = attrs.field(validator=check_id)
    title: str | None = None
    values: Mapping[str, Value] = attrs.field(factory=dict, converter=_present)
    rows: tuple[Mapping[str, Value], ...] = attrs.field(default=(), converter=_present_rows)
    note: str | None = None

    def value(self, key: str) -> Value:
        """The value of field ``key``, ``None`` if it has none."""
        return self.values.get(key)


@attrs.frozen(kw_only=True)
class Report:
    """A report: one schema filled in for one programme (or participant) and period.

    Constructing a report checks every value against its schema: known sections and
    keys, the right type for every value, required values present, non-repeating
    sections at most once.

    .. versionadded:: 0.1
    """

    schema: ReportSchema
    language: Language = Language.NB
    title: str = attrs.field(validator=check_text)
    programme: str = attrs.field(validator=check_id)
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    period: Period | None = None
    published: PartialDate | None = None
    sections: tuple[Section, ...] = ()
    owner: str | None = None
    """The name of the organisation that issues the report (its author).

    .. versionadded:: 0.2
    """
    reference: str | None = None
    """The case reference the report belongs to, as written ("12/1728").

    .. versionadded:: 0.2
    """

    def __attrs_post_init__(self) -> None:
        problems = list(section_problems(self.schema, self.sections))
        if problems:
            raise ValueError("; ".join(str(p) for p in problems))

    def sections_for(self, key: str) -> tuple[Section, ...]:
        """The sections made from the schema's section ``key``, in order."""
        return tuple(s for s in self.sections if s.key == key)

    def label(self, labels: Labels) -> str:
        """``labels`` in the report's language."""
        return labels.get(self.language)

    def with_sections(self, sections: tuple[Section, ...]) -> Self:
        """The same report with other sections."""
        return attrs.evolve(self, sections=sections)


def section_problems(schema: ReportSchema, sections: Iterable[Section]) -> Iterator[Problem]:
    """Every way ``sections`` do not fit ``schema``, each with its path
    (``sections[2].rows[0].navn``).

    .. versionadded:: 0.1
    """
    seen: set[str] = set()
    for index, section in enumerate(sections):
        at = f"sections[{index}]"
        try:
            section_schema = schema.section(section.key)
        except KeyError:
            yield Problem(f"{at}.key", f"the schema {schema.id!r} has no section {section.key!r}")
            continue
        if section.key in seen and not section_schema.repeat:
            yield Problem(at, f"section {section.key!r} occurs more than once")
        seen.add(section.key)
        yield from _check_values(f"{at}.values", section.values, section_schema.fields)
        for row_index, row in enumerate(section.rows):
            yield from _check_values(f"{at}.rows[{row_index}]", row, section_schema.columns)


def _check_values(
    at: str, values: Mapping[str, Any], columns: tuple[Column, ...]
) -> Iterator[Problem]:
    known = {c.key: c for c in columns}
    for key in values:
        if key not in known:
            yield Problem(f"{at}.{key}", "unknown key")
    for column in columns:
        value = values.get(column.key)
        if value is None:
            if column.required:
                yield Problem(f"{at}.{column.key}", "required, but missing")
            continue
        try:
            check_value(column.type, value)
        except ValueError as exc:
            yield Problem(f"{at}.{column.key}", str(exc))


# --- typed access to values ----------------------------------------------------------


def _typed(value: Value, kind: type[_V], name: str) -> _V | None:
    if value is None:
        return None
    if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
        return value
    msg = f"expected {name}, got {type(value).__name__} {value!r}"
    raise ValueError(msg)


def as_text(value: Value) -> str | None:
    """``value`` as text (``None`` stays ``None``; anything else is a :class:`ValueError`)."""
    return _typed(value, str, "text")


def as_date(value: Value) -> PartialDate | None:
    """``value`` as a :class:`~omstilling.model.PartialDate`."""
    return _typed(value, PartialDate, "a date")


def as_bool(value: Value) -> bool | None:
    """``value`` as a boolean."""
    return _typed(value, bool, "true or false")


def as_int(value: Value) -> int | None:
    """``value`` as a whole number."""
    return _typed(value, int, "a whole number")


def as_decimal(value: Value) -> Decimal | None:
    """``value`` as a decimal."""
    return _typed(value, Decimal, "a decimal")


def as_money(value: Value) -> Money | None:
    """``value`` as money."""
    return _typed(value, Money, "money")


def as_period(value: Value) -> Period | None:
    """``value`` as a period."""
    return _typed(value, Period, "a period")


def as_rag(value: Value) -> Rag | None:
    """``value`` as a RAG status."""
    return _typed(value, Rag, "a RAG status")


def as_texts(value: Value) -> tuple[str, ...]:
    """``value`` as a list of texts (``None`` is the empty list)."""
    found = _typed(value, tuple, "a list of texts")
    return () if found is None else tuple(str(v) for v in found)
