"""Property tests: any report gives a workbook that opens and holds no formula, and
text that looks like a formula, or holds characters XML cannot, comes back as the
sanitised text, in a text cell, in write-only and in normal (base workbook) mode."""

from __future__ import annotations

import io
import operator
import warnings

import pytest
from excel_samples import assert_valid, cells, reopen
from hypothesis import given
from hypothesis import strategies as st
from omstilling_excel import to_xlsx
from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter

from omstilling.formatting import ExportWarning, xml_safe
from omstilling.hookspecs import ExportOptions
from omstilling.presentation import shown_columns
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
)
from omstilling.testing import strategies as ost


def _empty_workbook() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


BASES = pytest.mark.parametrize("base", [None, _empty_workbook()], ids=["write-only", "base"])


def _quietly(report: Report, base: bytes | None = None) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        return to_xlsx(report, ExportOptions(base=base))


def _sanitised(text: str) -> str | None:
    """What a cell holding ``text`` reads back as (an empty cell reads as None)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        return xml_safe(text) or None


@given(ost.reports())
def test_any_report_opens_and_holds_no_formula(report: Report) -> None:
    workbook = reopen(_quietly(report))
    # a sheet per table with rows, of the columns that have a value somewhere
    shown = {s.key: shown_columns(s, report.sections_for(s.key)) for s in report.schema.sections}
    tables = [s for s in report.sections if shown[s.key] and s.rows]
    assert len(workbook.worksheets) == 1 + len(tables)
    assert workbook.sheetnames[0] in {"Oversikt", "Overview"}
    assert_valid(workbook.sheetnames)
    assert all(cell.data_type != "f" for cell in cells(workbook))
    for sheet, section in zip(workbook.worksheets[1:], tables, strict=True):
        columns = shown[section.key]
        last = get_column_letter(len(columns))
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{last}{1 + len(section.rows)}"
        assert [cell.value for cell in sheet[1]] == [
            _sanitised(report.label(column.label)) for column in columns
        ]


# Any character at all (controls, lone surrogates, U+FFFE), and those XML cannot
# hold more often than chance would give them.
_ANY = st.characters(exclude_categories=())
_BAD = st.sampled_from(["\x00", "\x08", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"])
_PREFIXES = st.sampled_from(["=", "+", "-", "@", "=HYPERLINK(", "=1+", "#N/A", "\t=", ""])
NASTY = st.builds(operator.add, _PREFIXES, st.text(alphabet=_ANY | _BAD, max_size=30))

_TEXT = Labels("Tekst")
NASTY_SCHEMA = ReportSchema(
    id="nasty",
    title=Labels("Rar tekst"),
    sections=(
        SectionSchema(
            key="form",
            title=Labels("Skjema"),
            fields=(
                Column(key="text", type=FieldType.TEXT, label=_TEXT),
                Column(key="list", type=FieldType.TEXT_LIST, label=Labels("Liste")),
            ),
        ),
        SectionSchema(
            key="rows",
            title=Labels("Rader"),
            repeat=True,
            columns=(
                Column(key="a", type=FieldType.TEXT, label=Labels("A")),
                Column(key="b", type=FieldType.PARAGRAPHS, label=Labels("B")),
            ),
        ),
    ),
)


@BASES
@given(first=NASTY, second=NASTY)
def test_formula_like_and_unholdable_text_comes_back_as_text(
    base: bytes | None, first: str, second: str
) -> None:
    report = Report(
        schema=NASTY_SCHEMA,
        title="Rar tekst",
        programme="p",
        sections=(
            Section(key="form", values={"text": first, "list": (first, second)}, note=second),
            Section(key="rows", title=first, rows=({"a": first, "b": second},)),
        ),
    )
    workbook = reopen(_quietly(report, base))
    assert all(cell.data_type != "f" for cell in cells(workbook))
    overview = workbook["Oversikt"]
    values: dict[object, Cell | MergedCell] = {}
    for label, value in overview.iter_rows(max_col=2):
        values.setdefault(label.value, value)  # a heading may read like a label
    if first:
        assert values["Tekst"].value == _sanitised(first)
    else:  # an empty text is no value: the field is left out
        assert "Tekst" not in values
    assert values["Liste"].value == _sanitised(f"{first}; {second}")
    if second:
        assert values["Merknad"].value == _sanitised(second)
    table = workbook.worksheets[-1]
    assert_valid(workbook.sheetnames)
    # a column with no value anywhere is left out, so find the columns by heading
    column_of = {heading.value: index for index, heading in enumerate(table[1], start=1)}
    for heading, text in (("A", first), ("B", second)):
        if not text:
            assert heading not in column_of
            continue
        written = table.cell(row=2, column=column_of[heading])
        assert written.value == _sanitised(text)
        assert written.data_type == "s"
