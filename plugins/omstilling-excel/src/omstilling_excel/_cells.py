"""Cells of a workbook: typed values, text that never becomes a formula, fonts,
row heights, colours by status and page settings. Imports openpyxl at its top."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from typing import Final

from openpyxl.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, ExportWarning, format_value, xml_safe
from omstilling.model import Language, Money, PartialDate, Rag
from omstilling.report import FieldType, Labels, Value

from ._formats import MAX_WIDTH, MIN_WIDTH, date_format, fits_excel, money_format, number_format

_CORE_LIMIT = 255
"""The longest document property (title, subject, creator) written."""
MAX_CELL: Final = 32_767
"""Excel's limit for the text of one cell, in UTF-16 code units."""
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
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)  # before it, Excel's 1900 leap-year bug


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
