"""Excel workbooks (.xlsx) of omstilling reports.

Installed, this plugin registers the exporter ``xlsx`` through the ``omstilling``
entry-point group (``excel = "omstilling_excel"``)::

    omstilling render programme.yaml --format status -o status.xlsx

The workbook has a first sheet, "Oversikt" ("Overview" in English), with the
report's title block and every field with a value as a label and a value; and then
one sheet per table with rows (one per occurrence of a repeated section, named after
its title, say the participant or the decision), of the columns that have a value
somewhere (:mod:`omstilling.presentation`). A table sheet is one table:
a bold header row that stays in view (frozen panes), a filter over the table,
column widths fitted to the content. Cells are typed: numbers and money are
numbers with a number format (``#,##0 "kr"``), dates are dates shown to the
precision they have, a traffic-light status is its word coloured by conditional
formatting.

No text of the report ever becomes a formula: every text is written as a text cell,
whatever it starts with. Characters XML cannot hold are replaced, sheet names are
made valid and unique, and text beyond Excel's 32,767 characters a cell is cut,
each with an :class:`~omstilling.formatting.ExportWarning`.

The plugin declares a hook of its own, ``customise_xlsx(workbook, report)``
(:class:`omstilling_excel.hooks.ExcelSpecs`): other plugins implement it to change
every workbook just before it is saved.

openpyxl is imported only when a workbook is made, so loading the plugin (and
``omstilling --help``) stays fast.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterable

from omstilling.hookspecs import Exporter, ExportOptions, hookimpl
from omstilling.report import Report

from .hooks import ExcelSpecs

__all__ = ["MEDIA_TYPE", "exporters", "hookspecs", "to_xlsx"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""The media type of .xlsx files."""


def to_xlsx(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as the bytes of an Excel workbook (.xlsx).

    With ``options.base`` (the bytes of a municipality's own workbook, with its
    styles and sheets) the report's sheets are added after the base's own. Without
    one the workbook is written in openpyxl's write-only mode, which is faster and
    keeps rows out of memory.

    Every installed plugin's ``customise_xlsx(workbook, report)`` hook is called
    (through ``options.call``) just before the workbook is saved. Without a base,
    ``workbook`` is a *write-only* openpyxl ``Workbook`` (``workbook.write_only`` is
    true): a customisation may set workbook properties, add sheets, and give existing
    sheets print settings, headers and footers, conditional formatting or data
    validation, but cannot read or change cells already written, column widths or
    frozen panes. With a base it is an ordinary ``Workbook`` that can be changed in
    any way.

    Raises :class:`ValueError` for a base that is not a readable .xlsx file (or
    unpacks to too much) and for a table with more rows than an Excel sheet holds.

    .. versionadded:: 0.1
    """
    from ._workbook import build

    return build(report, options or ExportOptions())


@hookimpl
def exporters() -> Iterable[Exporter]:
    """The Excel exporter: ``xlsx`` for ``.xlsx`` files."""
    return [
        Exporter(
            id="xlsx",
            suffix=".xlsx",
            media_type=MEDIA_TYPE,
            export=to_xlsx,
            description="Excel workbook: an overview sheet and one sheet per table",
        )
    ]


@hookimpl
def hookspecs() -> Iterable[type]:
    """Declare the Excel plugin's hook, ``customise_xlsx(workbook, report)``."""
    return [ExcelSpecs]
