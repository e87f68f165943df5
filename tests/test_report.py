"""Report schemas, reports, Norwegian formatting and the Markdown exporter."""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest
from hypothesis import given

from omstilling.builtin.markdown import to_markdown
from omstilling.files import ProgrammeFileError, dumps_report, loads_report
from omstilling.formatting import ExportWarning, format_value, xml_safe
from omstilling.model import Language, Money, PartialDate, Period, Rag
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Timeline,
    Value,
)
from omstilling.templates.status import SCHEMA as STATUS
from omstilling.testing import strategies as ost

SCHEMA = ReportSchema(
    id="test",
    title=Labels("Test"),
    sections=(
        SectionSchema(
            key="table",
            title=Labels("Tabell", "Tabell", "Table"),
            columns=(
                Column(key="name", type=FieldType.TEXT, label=Labels("Navn"), required=True),
                Column(key="when", type=FieldType.DATE, label=Labels("Når")),
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("value", "field_type", "language", "text"),
    [
        (Money(Decimal(1234500)), FieldType.MONEY, Language.NB, "1\u00a0234\u00a0500\u00a0kr"),
        (Money(Decimal("800000.5")), FieldType.MONEY, Language.NB, "800\u00a0000,50\u00a0kr"),
        (Money(Decimal(1234500)), FieldType.MONEY, Language.EN, "NOK\u00a01,234,500"),
        (PartialDate(2012, 12, 13), FieldType.DATE, Language.NB, "13. desember 2012"),
        (PartialDate(2014, 1), FieldType.DATE, Language.NN, "januar 2014"),
        (PartialDate(2014), FieldType.DATE, Language.NB, "2014"),
        (Period.parse("2004-H1"), FieldType.PERIOD, Language.NB, "1. halvår 2004"),
        (Period.parse("2012-T2"), FieldType.PERIOD, Language.EN, "2nd tertial 2012"),
        (Rag.RED, FieldType.RAG, Language.NN, "Raud"),
        (True, FieldType.BOOLEAN, Language.NB, "Ja"),
        (Decimal("0.0004"), FieldType.DECIMAL, Language.NB, "0,0004"),
        (Decimal("1E+25"), FieldType.DECIMAL, Language.NB, "10" + "\u00a0000" * 8),
        (("a", "b"), FieldType.TEXT_LIST, Language.NB, "a; b"),
        (None, FieldType.TEXT, Language.NB, ""),
    ],
)
def test_values_read_the_norwegian_way(
    value: Value, field_type: FieldType, language: Language, text: str
) -> None:
    assert format_value(value, field_type, language) == text


def test_xml_safe_replaces_and_warns() -> None:
    with pytest.warns(ExportWarning, match="replaced 2 character.* in Ark!A1"):
        assert xml_safe("a\x00b\x1fc\td\ne", where="Ark!A1") == "a\ufffdb\ufffdc\td\ne"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert xml_safe("æøå\t") == "æøå\t"


def test_reports_check_their_values_against_the_schema() -> None:
    with pytest.raises(ValueError, match=r"sections\[0\].rows\[0\].name: required, but missing"):
        Report(
            schema=SCHEMA, title="T", programme="p", sections=(Section(key="table", rows=({},)),)
        )
    with pytest.raises(ValueError, match="a date field cannot hold str"):
        Report(
            schema=SCHEMA,
            title="T",
            programme="p",
            sections=(Section(key="table", rows=({"name": "x", "when": "2014"},)),),
        )
    with pytest.raises(ValueError, match="occurs more than once"):
        Report(
            schema=SCHEMA,
            title="T",
            programme="p",
            sections=(Section(key="table"), Section(key="table")),
        )


def test_none_values_equal_missing_ones() -> None:
    with_none = Section(key="table", rows=({"name": "x", "when": None},))
    assert with_none == Section(key="table", rows=({"name": "x"},))


def test_report_file_errors_name_each_path() -> None:
    report = Report(schema=SCHEMA, title="T", programme="p", sections=(Section(key="table"),))
    head, tail = dumps_report(report).rsplit('"key": "table"', 1)
    text = head + '"key": "table", "rows": [{}, {"name": 5}]' + tail
    with pytest.raises(ProgrammeFileError) as caught:
        loads_report(text, source="r.json")
    assert caught.value.lines() == [
        "r.json: sections[0].rows[1].name: expected text (quote it in YAML), got a number: 5",
        "r.json: sections[0].rows[0].name: required, but missing",
    ]


def test_variants_relabel_reorder_and_refuse_typos() -> None:
    extra = Column(key="users", type=FieldType.INTEGER, label=Labels("Brukere"))
    variant = STATUS.variant(
        "flesberg.status",
        order=("participant", "status_overview"),
        titles={"participant": Labels("Tjenesten")},
        labels={("status_overview", "participant"): Labels("Kommune")},
        extra_fields={"participant": (extra,)},
        drop=("evaluation",),
    )
    assert variant.based_on == "status"
    assert [s.key for s in variant.sections][:2] == ["participant", "status_overview"]
    assert "evaluation" not in [s.key for s in variant.sections]
    assert variant.section("participant").title == Labels("Tjenesten")
    assert variant.section("participant").field("users") == extra
    assert variant.section("status_overview").column("participant").label == Labels("Kommune")
    with pytest.raises(ValueError, match="has no sections statsu"):
        STATUS.variant("x", titles={"statsu": Labels("X")})
    with pytest.raises(ValueError, match="has no field or column 'xx'"):
        STATUS.variant("x", labels={("status_overview", "xx"): Labels("X")})


def test_timeline_columns_must_fit() -> None:
    with pytest.raises(ValueError, match="timeline's column 'name' is not a date column"):
        SectionSchema(
            key="t",
            title=Labels("T"),
            columns=SCHEMA.sections[0].columns,
            timeline=Timeline(label="name", start="name", finish="when"),
        )


def test_markdown_escapes_everything() -> None:
    report = Report(
        schema=SCHEMA,
        title="# Overskrift <script>alert(1)</script>",
        programme="p",
        sections=(Section(key="table", rows=({"name": "a | b\n- c"},)),),
    )
    text = to_markdown(report).decode()
    assert "\n**\\# Overskrift \\<script\\>alert(1)\\</script\\>**\n" in text
    assert "| a \\| b<br>\\- c |" in text
    assert "<script>" not in text


@given(ost.reports())
def test_markdown_renders_every_report(report: Report) -> None:
    text = to_markdown(report).decode("utf-8")
    assert text.count("\n# ") == 0  # one top-level heading, the title
    assert text.startswith("# ")
