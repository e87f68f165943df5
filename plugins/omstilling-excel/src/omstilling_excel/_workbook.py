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
import datetime as dt
import io
import warnings
import zipfile
from decimal import Decimal
from typing import Final, Literal, NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, ExportWarning, format_value, xml_safe
from omstilling.hookspecs import ExportOptions
from omstilling.model import Language, Money, PartialDate, Rag
from omstilling.report import FieldType, Labels, Report, Section, SectionSchema, Value

from ._formats import (
    MAX_WIDTH,
    MIN_WIDTH,
    ColumnStats,
    date_format,
    fits_excel,
    money_format,
    number_format,
)
from ._names import SheetNames, sheet_reference

__all__ = ["build"]

MAX_CELL: Final = 32_767
"""Excel's limit for the text of one cell, in UTF-16 code units."""
MAX_ROWS: Final = 1_048_576
"""Excel's rows per sheet."""
MAX_BASE_ENTRIES: Final = 10_000
MAX_BASE_SIZE: Final = 256 * 1024 * 1024
"""A base workbook may hold at most this many files and bytes once unpacked: a
zip bomb is refused before openpyxl opens it (nothing else guards against one)."""
_HEADER_LIMIT = 120  # Excel allows 255 characters a header, codes included; "&" doubles

_WORDS = {
    "overview": Labels("Oversikt", "Oversikt", "Overview"),
    "sheet": Labels("Ark", "Ark", "Sheet"),
    "report": Labels("Rapport", "Rapport", "Report"),
    "programme": Labels("Program", "Program", "Programme"),
    "participant": Labels("Deltaker", "Deltakar", "Participant"),
    "period": Labels("Periode", "Periode", "Period"),
    "published": Labels("Publisert", "Publisert", "Published"),
    "table": Labels("Tabell", "Tabell", "Table"),
    "note": Labels("Merknad", "Merknad", "Note"),
    "page": Labels("Side &P av &N", "Side &P av &N", "Page &P of &N"),
}
_YES_NO = {True: Labels("Ja", "Ja", "Yes"), False: Labels("Nei", "Nei", "No")}
_LANGUAGE_TAGS = {Language.NB: "nb-NO", Language.NN: "nn-NO", Language.EN: "en-GB"}

# Fonts name the workbook's default font: a font without a name is shown in the
# spreadsheet application's own default (a serif in LibreOffice).
_FONT = "Calibri"
_BOLD = Font(name=_FONT, size=11, bold=True)
_TITLE = Font(name=_FONT, size=14, bold=True)
_HEADINGS = {1: Font(name=_FONT, size=13, bold=True), 2: _BOLD}
_ITALIC = Font(name=_FONT, size=11, italic=True)
_LINK = Font(name=_FONT, size=11, color="0563C1", underline="single")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER = _WRAP
_HEADER_RIGHT = Alignment(horizontal="right", vertical="top", wrap_text=True)
_LINE_HEIGHT = 15.0  # points, a line of 11-point Calibri
_MAX_HEIGHT = 409.0  # Excel's highest row
_FORMULA_STARTS = ("=", "+", "-", "@")
_TEXT_CELL_STARTS = (*_FORMULA_STARTS, "#")
_MAX_WRITE_ONLY_SHEETS = 200
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)  # before it, Excel's 1900 leap-year bug


def build(report: Report, options: ExportOptions) -> bytes:
    """The bytes of the .xlsx file of ``report``."""
    language = report.language
    wanted: list[tuple[int, str]] = []  # the table sections: index and title
    for index, section in enumerate(report.sections):
        schema = report.schema.section(section.key)
        if schema.columns:
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
            _write_table(sheet, report, report.schema.section(section.key), section)

        properties = workbook.properties
        properties.title = xml_safe(report.title, where="the workbook title")
        properties.language = _LANGUAGE_TAGS[language]
        properties.creator = "omstilling"
        options.call("customise_xlsx", workbook=workbook, report=report)
        out = io.BytesIO()
        workbook.save(out)
    except Exception:
        _discard(workbook)
        raise
    return out.getvalue()


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


# --- cells -----------------------------------------------------------------------------


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, where: str) -> str:
    """``text`` cut to Excel's cell limit, with a warning if it was longer."""
    if len(text) <= MAX_CELL // 2 or _utf16_length(text) <= MAX_CELL:
        return text
    kept = text.encode("utf-16-le")[: (MAX_CELL - 1) * 2].decode("utf-16-le", errors="ignore")
    warnings.warn(
        f"cut the text in {where} from {_utf16_length(text):,} to {MAX_CELL:,} characters, "
        "Excel's limit for a cell",
        ExportWarning,
        stacklevel=3,
    )
    return kept + "…"


def _safe_text(text: str, where: str) -> str:
    """``text`` as a cell can hold it: every character XML allows, within Excel's
    length, with a warning naming ``where`` for any change."""
    return _fit(xml_safe(text, where=where), where)


def _needs_text_cell(text: str) -> bool:
    """Whether ``text`` needs a cell marked as text: openpyxl takes a plain string
    that starts with ``=`` for a formula and ``#N/A`` and the like for error values,
    and Excel would take ``+``, ``-`` and ``@`` for the start of a formula once the
    cell is edited."""
    return text.startswith(_TEXT_CELL_STARTS)


def _text_cell(sheet: Worksheet, text: str, row: int, column: int, where: str) -> Cell:
    """A cell that holds ``text`` as text, whatever it looks like: never a formula
    (``=``), never an error value (``#N/A``)."""
    return _safe_text_cell(sheet, _safe_text(text, where), row, column)


def _safe_text_cell(sheet: Worksheet, text: str, row: int, column: int) -> Cell:
    """:func:`_text_cell` of a text that is already safe."""
    cell = Cell(sheet, row=row, column=column, value=text)
    cell.data_type = "s"
    if text.startswith(_FORMULA_STARTS):
        # Excel keeps it text when someone edits the cell and presses Enter
        cell.quotePrefix = True
    return cell


def _number_cell(
    sheet: Worksheet, value: int | Decimal | dt.date, row: int, column: int, fmt: str
) -> Cell:
    cell = Cell(sheet, row=row, column=column, value=value)
    cell.number_format = fmt
    return cell


def _too_many_digits(where: str) -> None:
    warnings.warn(
        f"the number in {where} has more significant digits than Excel keeps (15): "
        "it is written as text",
        ExportWarning,
        stacklevel=3,
    )


def _content(
    sheet: Worksheet,
    value: Value,
    field_type: FieldType,
    language: Language,
    places: int | None,
    row: int,
    column: int,
    where: str,
) -> Cell | str:
    """A report value as written: a number, money or a date as a cell with its number
    format; anything else as its text, made safe (:func:`_safe_text`)."""
    if isinstance(value, Rag):  # before str: a Rag is a StrEnum
        return RAG_LABELS[value].get(language)
    if isinstance(value, str):
        return _safe_text(value, where)
    if isinstance(value, bool):
        return _YES_NO[value].get(language)
    if isinstance(value, int):
        if fits_excel(value):
            return _number_cell(sheet, value, row, column, "#,##0")
        _too_many_digits(where)
    elif isinstance(value, Decimal):
        if fits_excel(value):
            return _number_cell(sheet, value, row, column, number_format(places))
        _too_many_digits(where)
    elif isinstance(value, Money):
        if fits_excel(value.amount):
            fmt = money_format(value.currency, places or 0, language)
            return _number_cell(sheet, value.amount, row, column, fmt)
        _too_many_digits(where)
    elif isinstance(value, PartialDate):
        if value.first_day() < _FIRST_EXCEL_DATE:
            # Excel's dates start in 1900: an earlier one is written as text
            warnings.warn(
                f"{where}: {value} is before 1900, which Excel cannot show as a date; "
                "written as text",
                ExportWarning,
                stacklevel=2,
            )
            return _safe_text(format_value(value, field_type, language), where)
        fmt = date_format(value, language)
        return _number_cell(sheet, value.first_day(), row, column, fmt)
    elif isinstance(value, tuple):
        return _safe_text("; ".join(value), where)
    return _safe_text(format_value(value, field_type, language), where)


def _value_cell(
    sheet: Worksheet,
    value: Value,
    field_type: FieldType,
    language: Language,
    places: int | None,
    row: int,
    column: int,
    where: str,
) -> Cell:
    """The cell of a report value: numbers, money and dates typed, the rest text."""
    content = _content(sheet, value, field_type, language, places, row, column, where)
    if isinstance(content, Cell):
        return content
    return _safe_text_cell(sheet, content, row, column)


def _width(characters: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, characters + 2))


def _line_count(text: str, width: int) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` wide."""
    per_line = max(1, width - 2)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _row_height(sheet: Worksheet, row: int, lines: int) -> None:
    """Make a row of wrapped text tall enough. Spreadsheet applications do not
    always fit the height of a row they did not write themselves (LibreOffice
    shows one line), so the height is set; a write-only sheet takes it before the
    row is appended."""
    if lines > 1:
        sheet.row_dimensions[row].height = min(_MAX_HEIGHT, lines * _LINE_HEIGHT)


def _rag_rules(sheet: Worksheet, cells: str, language: Language) -> None:
    """Colour ``cells`` by the status word they hold: one rule per word, so the
    colour always comes with the word and follows it when the value changes."""
    for rag, colour in RAG_COLOURS.items():
        word = RAG_LABELS[rag].get(language).replace('"', '""')
        fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        rule = Rule(
            type="cellIs", operator="equal", formula=[f'"{word}"'], dxf=DifferentialStyle(fill=fill)
        )
        sheet.conditional_formatting.add(cells, rule)


def _page(sheet: Worksheet, title: str, language: Language, *, wide: bool) -> None:
    """Printing: the whole width on a page, the title in the header, page numbers
    in the footer. Set before the first row (write-only sheets write the sheet
    properties then)."""
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    header = title if len(title) <= _HEADER_LIMIT else title[: _HEADER_LIMIT - 1] + "…"
    odd_header, odd_footer = sheet.HeaderFooter.oddHeader, sheet.HeaderFooter.oddFooter
    # openpyxl makes both for every sheet; its stubs allow None
    assert odd_header is not None
    assert odd_footer is not None
    odd_header.center.text = header.replace("&", "&&")
    odd_footer.right.text = _WORDS["page"].get(language)


# --- table sheets ----------------------------------------------------------------------

_RIGHT_ALIGNED = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY, FieldType.DATE})


def _write_table(sheet: Worksheet, report: Report, schema: SectionSchema, section: Section) -> None:
    """One table on its own sheet: header, frozen panes, filter, fitted widths."""
    language = report.language
    columns = schema.columns
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


# --- the overview sheet ------------------------------------------------------------------


class _Line(NamedTuple):
    """A line of the overview sheet."""

    kind: Literal["title", "blank", "heading", "description", "field", "link"]
    label: str = ""
    value: Value = None
    field_type: FieldType = FieldType.TEXT
    level: int = 1


def _overview_lines(report: Report, sheets: dict[int, str]) -> list[_Line]:
    words = {key: label.get(report.language) for key, label in _WORDS.items()}
    lines = [
        _Line("title", report.title),
        _Line("field", words["report"], report.label(report.schema.title)),
        _Line("field", words["programme"], report.programme),
    ]
    if report.participant is not None:
        lines.append(_Line("field", words["participant"], report.participant))
    lines.append(_Line("field", words["period"], report.period, FieldType.PERIOD))
    lines.append(_Line("field", words["published"], report.published, FieldType.DATE))
    for index, section in enumerate(report.sections):
        schema = report.schema.section(section.key)
        lines.append(_Line("blank"))
        heading = section.title or report.label(schema.title)
        lines.append(_Line("heading", heading, level=schema.level))
        if schema.description is not None:
            lines.append(_Line("description", value=report.label(schema.description)))
        for field in schema.fields:
            label = report.label(field.label)
            lines.append(_Line("field", label, section.value(field.key), field.type))
        if index in sheets:
            lines.append(_Line("link", words["table"], sheets[index]))
        if section.note:
            lines.append(_Line("field", words["note"], section.note, FieldType.PARAGRAPHS))
    return lines


def _write_overview(sheet: Worksheet, report: Report, sheets: dict[int, str]) -> None:
    """The first sheet: the report's title, period and publication date, and every
    section's fields as label and value, with links to the table sheets."""
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
        if line.kind == "title":
            first.font = _TITLE
            sheet.append([first])
            continue
        if line.kind == "heading":
            first.font = _HEADINGS[min(line.level, 2)]
            first.alignment = Alignment(indent=line.level - 1)
            sheet.append([first])
            continue
        first.alignment = _TOP
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
        sheet.append([first, second])
    if rag_cells:
        _rag_rules(sheet, " ".join(rag_cells), language)
