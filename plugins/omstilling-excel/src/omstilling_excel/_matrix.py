"""The 5×5 risk matrix (:attr:`~omstilling.report.ChartKind.RISK_MATRIX`) as cells:
a sheet of its own just before the table it is drawn from, consequence 5 to 1 down,
probability 1 to 5 across, each cell filled green, yellow or red by its level
(:mod:`omstilling.riskmatrix`) and holding the ids of the risks placed in it, one
line of ids after another; under it, the section's description (the scale), a
sentence a row.

A write-only sheet takes its rows in order, so the grid cannot stand beside the
table; a sheet of its own also gets columns as wide as the grid needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import RAG_COLOURS
from omstilling.report import ChartKind, Report, SectionSchema, Value
from omstilling.riskmatrix import SCORES, cell_lines, level_rag, risk_matrix

from ._cells import _BOLD, _HEADER_FILL, _TITLE, _WORDS, _page, _row_height, _text_cell
from ._names import SheetNames

__all__ = ["add_matrix"]

_CORNER_WIDTH = 30
_CELL_WIDTH = 16
"""A grid column's width in characters: about 14 characters of ids a line."""
_MAX_LINES = 20
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_EDGE = Side(style="thin", color="FFFFFF")
_CELL_BORDER = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
"""A white line between cells of one colour, as in the picture."""
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-ZÆØÅ])")


def add_matrix(
    sheet: Worksheet, report: Report, schema: SectionSchema, rows: Sequence[Mapping[str, Value]]
) -> None:
    """Add the risk matrix of ``rows`` (the table on ``sheet``) as a sheet just
    before ``sheet``; nothing where the section's chart is no risk matrix or no
    row has both scores."""
    chart = schema.chart
    if chart is None or chart.kind is not ChartKind.RISK_MATRIX:
        return
    matrix = risk_matrix(report, schema, rows)
    if matrix is None:
        return
    language = report.language
    workbook = sheet.parent
    assert workbook is not None  # a sheet being written belongs to its workbook
    title = report.label(chart.title) if chart.title is not None else matrix.probability
    name = SheetNames(workbook.sheetnames).add(title, _WORDS["sheet"].get(language))
    grid: Worksheet = workbook.create_sheet(name, workbook.sheetnames.index(sheet.title))
    grid.column_dimensions["A"].width = _CORNER_WIDTH
    for index in range(len(SCORES)):
        grid.column_dimensions[chr(ord("B") + index)].width = _CELL_WIDTH
    _page(grid, title, language, wide=False)

    def text(value: str, row: int, column: int) -> Cell:
        return _text_cell(grid, value, row, column, f"{name}!R{row}C{column}")

    heading = text(title, 1, 1)
    heading.font = _TITLE
    grid.append([heading])
    grid.append([])
    corner = text(f"{matrix.consequence} ↓ / {matrix.probability} →", 3, 1)
    header = [corner]
    for index, probability in enumerate(SCORES, start=2):
        cell = Cell(grid, row=3, column=index, value=probability)
        header.append(cell)
    for cell in header:
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _CENTRE
    grid.append(header)
    for row, consequence in enumerate(reversed(SCORES), start=4):
        label = Cell(grid, row=row, column=1, value=consequence)
        label.font, label.fill, label.alignment = _BOLD, _HEADER_FILL, _CENTRE
        cells = [label]
        lines = 2
        for column, probability in enumerate(SCORES, start=2):
            ids = cell_lines(matrix.at(probability, consequence), _CELL_WIDTH - 2, _MAX_LINES)
            lines = max(lines, len(ids))
            cell = text("\n".join(ids), row, column) if ids else Cell(grid, row, column)
            colour = RAG_COLOURS[level_rag(probability * consequence)]
            cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            cell.alignment, cell.border = _CENTRE, _CELL_BORDER
            cells.append(cell)
        _row_height(grid, row, lines)
        grid.append(cells)
    if schema.description is not None:
        grid.append([])
        for number, sentence in enumerate(
            _SENTENCE.split(report.label(schema.description)), start=len(SCORES) + 5
        ):
            grid.append([text(sentence, number, 1)])
