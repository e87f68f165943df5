"""The workbook itself: an overview sheet and one sheet per table.

This module imports openpyxl at its top; :func:`omstilling_excel.to_xlsx` imports it
only when a workbook is made, so importing the plugin stays light.

Write-only or normal mode
-------------------------

Without a base workbook the sheets are written in openpyxl's write-only mode: it
supports everything the sheets use (frozen panes, autofilter, column widths,
conditional formatting, print titles, header and footer, hyperlinks), and rows go
straight to a temporary file instead of into memory. Measured with
``benchmarks/bench_modes.py``'s table (100,000 rows × 8 typed columns, openpyxl 3.1.5
with lxml, on the 2-core development machine): CPU time of the export, best of three
alternating runs in one process (the machine was shared: wall-clock runs varied from
13 to 23 s), and the memory the export added to a fresh process:

=============  ========  =====================================
mode           time      memory the export added to the process
=============  ========  =====================================
write-only     11.7 s    25 MB
normal         11.7 s    291 MB
=============  ========  =====================================

Write-only mode used to be about 12 % slower (12.4 s against 10.9 s before any text
went as a plain string): a write-only sheet takes each
:class:`~openpyxl.cell.Cell` it is given through a raised and caught exception (in
``WriteOnlyWorksheet._values_to_row``, openpyxl 3.1: it first assigns the ``Cell``
as the value of a cell of its own, ``Cell._bind_value`` raises ``ValueError`` with the
cell's repr in its message, and the handler takes the ``Cell`` as it is), and makes
a new cell of its own after every styled one. No public API gives a value a style
without a ``Cell``, so numbers and dates (which carry number formats) and text that
wraps or needs a quote prefix pay for it. Every other text is appended as a plain
string, which openpyxl writes as the same text cell without the detour (of the
strings, only one starting with ``=`` would become a formula and one like ``#N/A``
an error value: those are ``Cell`` objects of type text). Normal mode, for its
part, keeps every cell in memory, about 360 bytes each, so 2.9 GB for a table of a
million rows of 8 columns, while write-only stays flat. For national batches of large reports,
and several exports side by side, memory is the limit, so write-only it is. Both
modes are given the same rows (cells and plain strings), so the mode only changes
where the rows go.

What write-only asks of us: column widths, frozen panes and page properties are
written when the first row arrives, so every table is measured in a first pass
before it is written; cells cannot be read or changed once appended.

A base workbook (``ExportOptions.base``) is loaded in normal mode, since openpyxl
cannot append write-only sheets to a loaded workbook.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import Final

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import xml_safe
from omstilling.hookspecs import ExportOptions
from omstilling.model import Language
from omstilling.presentation import shown, title_block
from omstilling.report import Column, FieldType, Report, Section

from ._cells import (
    _BOLD,
    _CORE_LIMIT,
    _HEADER,
    _HEADER_FILL,
    _HEADER_RIGHT,
    _TOP,
    _WORDS,
    _WRAP,
    _content,
    _line_count,
    _needs_text_cell,
    _page,
    _rag_rules,
    _row_height,
    _safe_text_cell,
    _text_cell,
    _width,
)
from ._charts import add_chart
from ._formats import ColumnStats
from ._matrix import add_matrix
from ._names import SheetNames, sheet_reference
from ._overview import _write_overview

__all__ = ["build"]

MAX_ROWS: Final = 1_048_576
"""Excel's rows per sheet."""
MAX_BASE_ENTRIES: Final = 10_000
MAX_BASE_SIZE: Final = 256 * 1024 * 1024
"""A base workbook may hold at most this many files and bytes once unpacked: a
zip bomb is refused before openpyxl opens it (nothing else guards against one)."""
_LANGUAGE_TAGS = {Language.NB: "nb-NO", Language.NN: "nn-NO", Language.EN: "en-GB"}
_MAX_WRITE_ONLY_SHEETS = 200


def build(report: Report, options: ExportOptions) -> bytes:
    """The bytes of the .xlsx file of ``report``."""
    language = report.language
    # the columns a reader sees, over every section of a kind: a column with no
    # value anywhere is left out, and a table with no rows gets no sheet
    seen = shown(report)
    columns = {key: found.columns for key, found in seen.items()}
    wanted: list[tuple[int, str]] = []  # the table sections: index and title
    for index, section in enumerate(report.sections):
        schema = report.schema.section(section.key)
        if columns[section.key] and section.rows:
            title = section.title or report.label(schema.title)
            _check_rows(title, len(section.rows))
            wanted.append((index, title))

    # Write-only mode keeps memory flat for long tables, but holds a temporary file
    # open per sheet until the workbook is saved: a report of hundreds of table
    # sections would run out of file handles. Those are many small tables, which
    # the normal mode holds in memory easily.
    write_only = options.base is None and len(wanted) < _MAX_WRITE_ONLY_SHEETS
    if options.base is not None:
        workbook = _load_base(options.base)
    else:
        workbook = Workbook(write_only=write_only)
        if not write_only:
            workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook has
    names = SheetNames(workbook.sheetnames)
    fallback = _WORDS["sheet"].get(language)
    overview_name = names.add(_WORDS["overview"].get(language), fallback)
    sheet_names = {index: names.add(title, fallback) for index, title in wanted}
    try:
        # create_sheet is typed Any: it gives a WriteOnlyWorksheet in write-only mode,
        # which has every Worksheet attribute used here.
        overview: Worksheet = workbook.create_sheet(overview_name)
        _write_overview(overview, report, sheet_names)
        for index, name in sheet_names.items():
            section = report.sections[index]
            sheet: Worksheet = workbook.create_sheet(name)
            _write_table(sheet, report, section, columns[section.key])
        _set_properties(workbook, report, fresh=options.base is None)
        options.call("customise_xlsx", workbook=workbook, report=report)
        out = io.BytesIO()
        workbook.save(out)
    except Exception:
        _discard(workbook)
        raise
    return out.getvalue()


def _core_text(text: str, where: str) -> str:
    text = xml_safe(" ".join(text.split()), where=where)
    return text if len(text) <= _CORE_LIMIT else text[: _CORE_LIMIT - 1] + "…"


def _set_properties(workbook: Workbook, report: Report, *, fresh: bool) -> None:
    """The document properties from the title block: title "<report type> –
    <programme>", subject the period (or the date it speaks of), creator the
    owner, language the report's. Without an owner a base workbook's creator
    stays; openpyxl's own name never does."""
    block = title_block(report)
    title = f"{block.title} – {report.title}" if block.title != report.title else block.title
    properties = workbook.properties
    properties.title = _core_text(title, "the workbook title")
    properties.subject = _core_text(block.when or block.title, "the workbook subject")
    properties.language = _LANGUAGE_TAGS[report.language]
    owner = _core_text(report.owner, "the workbook creator") if report.owner else ""
    if owner or fresh or properties.creator == "openpyxl":
        properties.creator = owner
    properties.lastModifiedBy = owner or properties.creator


def _check_rows(title: str, rows: int) -> None:
    if rows >= MAX_ROWS:
        msg = (
            f"the table {title!r} has {rows:,} rows; an Excel sheet holds "
            f"{MAX_ROWS - 1:,} below its header"
        )
        raise ValueError(msg)


def _discard(workbook: Workbook) -> None:
    """Let a write-only workbook that failed half-way finish into nothing: its
    sheets stream into temporary files through open generators, which only saving
    closes and removes (left alone, they are removed at exit and complain when
    collected)."""
    if workbook.write_only:
        with contextlib.suppress(Exception):
            workbook.save(io.BytesIO())


# --- base workbooks --------------------------------------------------------------------


def _load_base(data: bytes) -> Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        msg = "the base workbook is not an .xlsx file (not a zip archive)"
        raise ValueError(msg) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_BASE_ENTRIES or unpacked > MAX_BASE_SIZE:
        msg = (
            f"the base workbook unpacks to {len(entries)} files and {unpacked:,} bytes; "
            f"at most {MAX_BASE_ENTRIES:,} files and {MAX_BASE_SIZE:,} bytes are read"
        )
        raise ValueError(msg)
    try:
        workbook = load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl's, defusedxml's, lxml's and zipfile's own errors
        msg = f"the base workbook cannot be read: {type(exc).__name__}: {exc}"
        raise ValueError(msg) from exc
    workbook.template = False  # an .xltx base still gives an .xlsx
    return workbook


# --- table sheets ----------------------------------------------------------------------

_RIGHT_ALIGNED = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY, FieldType.DATE})


def _write_table(
    sheet: Worksheet, report: Report, section: Section, columns: tuple[Column, ...]
) -> None:
    """One table of ``columns`` on its own sheet: header, frozen panes, filter,
    fitted widths, and a chart where the section says it can be drawn as one."""
    language = report.language
    schema = report.schema.section(section.key)
    rows = section.rows
    reference = sheet_reference(sheet.title)
    headers = [
        xml_safe(report.label(c.label), where=f"the heading of column {c.key!r} in {reference}")
        for c in columns
    ]

    # First pass: what a write-only sheet needs before its first row is written.
    stats = []
    for column in columns:
        column_stats = ColumnStats(column.type, language)
        key = column.key
        column_stats.add_all(row.get(key) for row in rows)
        stats.append(column_stats)
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    # a long heading wraps rather than widening a column of short values
    widths = [_width(max(s.width, min(len(h), 30))) for s, h in zip(stats, headers, strict=True)]
    for letter, width in zip(letters, widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    title = xml_safe(section.title or report.label(schema.title), where=f"the title of {reference}")
    _page(sheet, title, language, wide=sum(widths) > 100)

    header_cells: list[Cell] = []
    header_lines = 1
    for column, header, letter, width in zip(columns, headers, letters, widths, strict=True):
        cell = _text_cell(sheet, header, 1, len(header_cells) + 1, f"{reference}!{letter}1")
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_RIGHT if column.type in _RIGHT_ALIGNED else _HEADER
        header_lines = max(header_lines, _line_count(header, width))
        header_cells.append(cell)
    _row_height(sheet, 1, header_lines)
    sheet.append(header_cells)

    plan = [
        (column.key, column.type, s.places, index, f"{reference}!{letter}", width)
        for index, (column, s, letter, width) in enumerate(
            zip(columns, stats, letters, widths, strict=True), start=1
        )
    ]
    for number, row in enumerate(rows, start=2):
        # A text that needs no style goes as a plain string, which openpyxl writes as
        # a text cell: in write-only mode a Cell costs it a raised and caught
        # exception, a new cell and a style look-up (see the module's docstring).
        cells: list[Cell | str | None] = []
        lines = 1
        for key, field_type, places, index, where, width in plan:
            value = row.get(key)
            if value is None:
                cells.append(None)
                continue
            content = _content(
                sheet, value, field_type, language, places, number, index, f"{where}{number}"
            )
            if isinstance(content, str):
                if len(content) > width - 2 or "\n" in content:
                    cell = _safe_text_cell(sheet, content, number, index)
                    cell.alignment = _WRAP
                    lines = max(lines, _line_count(content, width))
                    content = cell
                elif _needs_text_cell(content):
                    content = _safe_text_cell(sheet, content, number, index)
            cells.append(content)
        if lines > 1:
            _row_height(sheet, number, lines)
            for index, item in enumerate(cells, start=1):  # a tall row reads from the top
                if isinstance(item, str):
                    item = cells[index - 1] = _safe_text_cell(sheet, item, number, index)
                if item is not None and not item.alignment.wrap_text:
                    item.alignment = _TOP
        sheet.append(cells)

    last = len(rows) + 1
    sheet.auto_filter.ref = f"A1:{letters[-1]}{last}"
    if rows:
        for column, letter in zip(columns, letters, strict=True):
            if column.type is FieldType.RAG:
                _rag_rules(sheet, f"{letter}2:{letter}{last}", language)
        if schema.chart is not None:
            add_chart(sheet, report, schema.chart, columns, len(rows))
            add_matrix(sheet, report, schema, rows)
