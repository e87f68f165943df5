"""The presentation rules every exporter follows: what a reader sees, and the title block."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.model import Language, PartialDate, Period
from omstilling.presentation import shown, shown_columns, shown_fields, title_block
from omstilling.report import (
    Chart,
    ChartKind,
    Column,
    FieldType,
    Labels,
    Presentation,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
)

NAME = Column(key="name", type=FieldType.TEXT, label=Labels("Navn"), required=True)
KIND = Column(key="kind", type=FieldType.TEXT, label=Labels("Type"))
NOTE = Column(key="note", type=FieldType.TEXT, label=Labels("Merknad"), always_shown=True)
TABLE = SectionSchema(key="rows", title=Labels("Rader"), columns=(NAME, KIND, NOTE))
FORM = SectionSchema(key="form", title=Labels("Skjema"), fields=(KIND, NOTE))
SCHEMA = ReportSchema(
    id="test",
    title=Labels("Statusrapport", "Statusrapport", "Status report"),
    sections=(TABLE, FORM),
)


@given(st.lists(st.one_of(st.none(), st.text(min_size=1)), max_size=4))
def test_a_column_is_shown_when_some_row_has_a_value(kinds: list[str | None]) -> None:
    sections = [Section(key="rows", rows=tuple({"name": "a", "kind": k} for k in kinds))]
    shown = {c.key for c in shown_columns(TABLE, sections)}
    assert ("kind" in shown) == any(k is not None for k in kinds)
    assert {"name", "note"} <= shown  # required and always shown


def test_a_field_empty_in_every_section_is_left_out() -> None:
    assert shown_fields(FORM, [Section(key="form"), Section(key="form")]) == (NOTE,)
    assert shown_fields(FORM, [Section(key="form"), Section(key="form", values={"kind": "x"})]) == (
        KIND,
        NOTE,
    )


def test_the_title_block_names_the_report_type_first() -> None:
    report = Report(
        schema=SCHEMA,
        language=Language.EN,
        title="Stifinneren",
        programme="stifinneren",
        period=Period.parse("2004-H1"),
        published=PartialDate(2004, 9, 1),
        owner="Stavanger kommune",
        reference="04/1234",
    )
    block = title_block(report)
    assert block.title == "Status report"
    assert block.subtitle.startswith("Stifinneren – ")
    assert "2004" in block.subtitle
    assert block.lines[1:] == ("Stavanger kommune", "Case no. 04/1234")
    assert "2004" in block.lines[0]


def test_without_a_period_the_title_block_says_as_of_the_issue_date() -> None:
    report = Report(schema=SCHEMA, title="Alna", programme="alna", published=PartialDate(2006, 5))
    assert title_block(report).subtitle.startswith("Alna – per ")
    bare = Report(schema=SCHEMA, title="Alna", programme="alna")
    assert title_block(bare).subtitle == "Alna"
    assert title_block(bare).lines == ()


def test_a_section_is_shown_as_what_it_holds_unless_told() -> None:
    assert TABLE.shown_as is Presentation.TABLE
    assert FORM.shown_as is Presentation.FORM
    narrative = SectionSchema(
        key="n", title=Labels("Bakgrunn"), fields=(NOTE,), presentation=Presentation.NARRATIVE
    )
    assert narrative.shown_as is Presentation.NARRATIVE


def test_a_chart_must_draw_from_the_table_s_columns() -> None:
    chart = Chart(kind=ChartKind.RAG_HEATMAP, label="name", values=("kind",))
    assert SectionSchema(key="c", title=Labels("C"), columns=(NAME, KIND), chart=chart).chart
    with pytest.raises(ValueError, match="not in the table: missing"):
        SectionSchema(
            key="c",
            title=Labels("C"),
            columns=(NAME, KIND),
            chart=Chart(kind=ChartKind.TARGET_ACTUAL, label="name", values=("kind", "missing")),
        )


def test_shown_gives_each_kind_of_section_over_all_its_sections() -> None:
    repeated = SectionSchema(key="rows", title=Labels("Rader"), columns=TABLE.columns, repeat=True)
    report = Report(
        schema=ReportSchema(id="test", title=Labels("Status"), sections=(repeated, FORM)),
        title="Alna",
        programme="alna",
        sections=(
            Section(key="rows", rows=({"name": "a"},)),
            Section(key="rows", rows=({"name": "b", "kind": "x"},)),
            Section(key="form"),
        ),
    )
    seen = shown(report)
    assert seen["rows"].columns == (NAME, KIND, NOTE)  # "kind" has a value in the second
    assert seen["form"].fields == (NOTE,)
    assert set(seen) == {"rows", "form"}
