"""The first sheet of a workbook: the title block (report type, programme and
period, issue date, owner, case reference), then every section's fields as label
and value, with links to the table sheets.

It follows the presentation rules (:mod:`omstilling.presentation`): fields with no
value anywhere in the report are left out, and so are sections with nothing to
show; a narrative field whose label repeats its heading stands without a label."""

from __future__ import annotations

from typing import Literal, NamedTuple

from openpyxl.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from omstilling import presentation
from omstilling.formatting import xml_safe
from omstilling.presentation import title_block
from omstilling.report import FieldType, Presentation, Report, Value

from ._cells import (
    _BOLD,
    _HEADINGS,
    _ITALIC,
    _LINK,
    _TITLE,
    _TOP,
    _WORDS,
    _WRAP,
    _line_count,
    _page,
    _rag_rules,
    _row_height,
    _text_cell,
    _value_cell,
    _width,
)
from ._formats import ColumnStats
from ._names import sheet_reference


class _Line(NamedTuple):
    """A line of the overview sheet."""

    kind: Literal["title", "subtitle", "line", "blank", "heading", "description", "field", "link"]
    label: str = ""
    value: Value = None
    field_type: FieldType = FieldType.TEXT
    level: int = 1


def _overview_lines(report: Report, sheets: dict[int, str]) -> list[_Line]:
    words = {key: label.get(report.language) for key, label in _WORDS.items()}
    block = title_block(report)
    lines = [_Line("title", block.title), _Line("subtitle", block.subtitle)]
    lines += [_Line("line", line) for line in block.lines]
    seen = presentation.shown(report)
    for index, section in enumerate(report.sections):
        schema = report.schema.section(section.key)
        heading = section.title or report.label(schema.title)
        narrative = schema.shown_as is Presentation.NARRATIVE
        body: list[_Line] = []
        for field in seen[section.key].fields:
            value = section.value(field.key)
            if value is None:
                continue
            label = report.label(field.label)
            if narrative and label.casefold() == heading.casefold():
                label = ""  # the heading says it
            body.append(_Line("field", label, value, field.type))
        if index in sheets:
            body.append(_Line("link", words["table"], sheets[index]))
        if section.note:
            body.append(_Line("field", words["note"], section.note, FieldType.PARAGRAPHS))
        if not body:
            continue  # a heading with nothing under it
        lines += [_Line("blank"), _Line("heading", heading, level=schema.level)]
        if schema.description is not None:
            lines.append(_Line("description", value=report.label(schema.description)))
        lines += body
    return lines


def _write_overview(sheet: Worksheet, report: Report, sheets: dict[int, str]) -> None:
    """The first sheet: the title block, and every section's fields as label and
    value, with links to the table sheets."""
    language = report.language
    reference = sheet_reference(sheet.title)
    lines = _overview_lines(report, sheets)
    labels = ColumnStats(FieldType.TEXT, language)
    labels.add_all(line.label for line in lines if line.kind in {"field", "link"})
    value_width = 0
    places: list[int | None] = []
    for line in lines:
        stats = ColumnStats(line.field_type, language)
        if line.kind in {"field", "link", "description"}:
            stats.add_all([line.value])
        places.append(stats.places)
        value_width = max(value_width, stats.width)
    sheet.column_dimensions["A"].width = _width(labels.width)
    sheet.column_dimensions["B"].width = width = _width(value_width)
    _page(sheet, xml_safe(report.title, where="the report title"), language, wide=False)

    rag_cells: list[str] = []
    for number, (line, shown) in enumerate(zip(lines, places, strict=True), start=1):
        if line.kind == "blank":
            sheet.append([])
            continue
        first = _text_cell(sheet, line.label, number, 1, f"{reference}!A{number}")
        if line.kind in {"title", "subtitle", "line"}:
            if line.kind != "line":
                first.font = _TITLE if line.kind == "title" else _BOLD
            sheet.append([first])
            continue
        if line.kind == "heading":
            first.font = _HEADINGS[min(line.level, 2)]
            first.alignment = Alignment(indent=line.level - 1)
            sheet.append([first])
            continue
        first.alignment = _TOP
        label: Cell | None = first if line.label else None
        second: Cell | None = None
        where = f"{reference}!B{number}"
        value = line.value
        if line.kind == "link" and isinstance(value, str):
            second = _text_cell(sheet, value, number, 2, where)
            second.hyperlink = Hyperlink(
                ref=second.coordinate, location=f"{sheet_reference(value)}!A1"
            )
            second.font = _LINK
        elif value is not None:
            second = _value_cell(sheet, value, line.field_type, language, shown, number, 2, where)
            if line.kind == "description":
                second.font = _ITALIC
            if isinstance(second.value, str):
                second.alignment = _WRAP
                _row_height(sheet, number, _line_count(second.value, width))
            if line.field_type is FieldType.RAG:
                rag_cells.append(f"B{number}")
        sheet.append([label, second])
    if rag_cells:
        _rag_rules(sheet, " ".join(rag_cells), language)
