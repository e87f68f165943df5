"""Native Excel charts of the tables a report says can be drawn (``SectionSchema.chart``).

A target-against-actual table gets a clustered bar chart next to it, drawn from the
sheet's own cells, so it follows the numbers when someone changes them. A RAG heat
map needs no chart: its table is already coloured by status, with the words.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import xml_safe
from omstilling.report import Chart, ChartKind, Column, FieldType, Report

__all__ = ["add_chart"]

_NUMBERS = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY})
_WIDTH_CM = 16
_HEIGHT_CM = 8


def add_chart(
    sheet: Worksheet, report: Report, chart: Chart, columns: tuple[Column, ...], rows: int
) -> None:
    """Add the native chart ``chart`` asks for to ``sheet``, a table of ``columns``
    over ``rows`` rows below its header, to the right of the table. Nothing is added
    where the chart's columns are not on the sheet, or for a heat map."""
    if chart.kind is not ChartKind.TARGET_ACTUAL or rows == 0:
        return
    at = {c.key: index for index, c in enumerate(columns, start=1)}
    label = at.get(chart.label)
    values = [
        (at[key], c) for key in chart.values for c in columns if c.key == key and c.type in _NUMBERS
    ]
    if label is None or not values:
        return
    bars = BarChart()
    bars.type = "col"
    bars.grouping = "clustered"
    if chart.title is not None:
        bars.title = xml_safe(report.label(chart.title), where="a chart title")
    for index, _column in values:
        data = Reference(sheet, min_col=index, min_row=1, max_row=rows + 1)
        bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=label, min_row=2, max_row=rows + 1))
    bars.y_axis.numFmt = "#,##0"
    bars.y_axis.majorGridlines = None
    bars.width, bars.height = _WIDTH_CM, _HEIGHT_CM
    sheet.add_chart(bars, f"{get_column_letter(len(columns) + 2)}2")
