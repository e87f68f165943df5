"""Export one table of 8 typed columns to .xlsx (100,000 rows) and .docx (1k, 4k and
16k rows) with the installed exporters, against raw baselines that write the same
cells and styles, measured in the same run:

- .xlsx: openpyxl's write-only mode (the target: at most 1.2 times its time), and
  the fastest writer installed, XlsxWriter's ``constant_memory`` mode, for scale;
- .docx: python-docx's document with the table's ``w:tr`` elements built directly
  with lxml (the target: at most 1.5 times its time, the same cost a row at every
  size).

The table has text (about one row in nine too long for its column, some looking like
formulas), an integer, a decimal, money, a date (some to the month only, some
missing), a status (RAG) and a yes/no column. The baselines format numbers, money and
dates with the same formats (openpyxl and XlsxWriter: the same number formats;
Word: the same text, by :func:`omstilling.formatting.format_value`) and write the
same fonts, fills, alignments, row heights, shading, header row, frozen panes,
filter, print settings and conditional formatting. What they skip is the fitting:
they are handed each column's width (by a simpler rule), the page orientation and
the decimals to show, worked out before the clock starts, where our exporters
measure every cell first. Before timing, a check exports a small table both ways
and compares the files cell by cell and element by element (everything but the
width values); a baseline that differs stops the run.

Every export runs in a fresh process (``--child``), ours and the baselines
alternately, after a small export that imports and warms up everything; building
the report is not timed. The time is the CPU time of the export (the development
machine is shared: wall-clock time varied far more). "MiB" is what the export added
to that process's peak resident memory (Linux's ``VmHWM``, reset just before the
export), so lxml's and the temporary files' buffers count too.

    python -m benchmarks.bench_export                      # about two minutes
    python -m benchmarks.bench_export --rows 10000 --docx-rows 500 2000 --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import gc
import importlib
import io
import json
import resource
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, format_value
from omstilling.hookspecs import ExportOptions
from omstilling.model import Language, Money, PartialDate, Rag
from omstilling.plugins import PluginError, load_plugins
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)

from .national import WORDS

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {".xlsx": 1.2, ".docx": 1.5}
CHECK_ROWS = 300

# --- the report ---------------------------------------------------------------------

COLUMNS = (
    Column(key="tiltak", type=FieldType.TEXT, label=Labels("Tiltak")),
    Column(key="ansvar", type=FieldType.TEXT, label=Labels("Ansvarlig enhet")),
    Column(key="antall", type=FieldType.INTEGER, label=Labels("Antall brukere")),
    Column(key="andel", type=FieldType.DECIMAL, label=Labels("Andel")),
    Column(key="budsjett", type=FieldType.MONEY, label=Labels("Budsjett")),
    Column(key="frist", type=FieldType.DATE, label=Labels("Frist")),
    Column(key="status", type=FieldType.RAG, label=Labels("Status")),
    Column(key="ferdig", type=FieldType.BOOLEAN, label=Labels("Ferdig")),
)
TITLE = "Tiltaksliste"
SCHEMA = ReportSchema(
    id="tiltaksliste",
    title=Labels(TITLE),
    sections=(SectionSchema(key="tiltak", title=Labels("Tiltak"), columns=COLUMNS),),
)
_RAGS = tuple(Rag)


def _words(start: int, count: int) -> str:
    return " ".join(WORDS[(start + 3 * k) % len(WORDS)] for k in range(count)).capitalize()


def _row(i: int) -> dict[str, Value]:
    frist: PartialDate | None = None
    if i % 11:
        day = 1 + i % 28 if i % 9 else None
        frist = PartialDate(2014 + i % 4, 1 + i % 12, day)
    return {
        "tiltak": f"{i + 1}. {_words(i, 12 if i % 10 == 0 else 2 + i % 3)}",
        "ansvar": None if i % 13 == 0 else ("=" if i % 50 == 0 else "") + _words(i * 7, 2),
        "antall": (i * 7919) % 100_000,
        "andel": Decimal(i % 1000) / 8,
        "budsjett": Money(Decimal(1000 * (i % 5000) + 250)),
        "frist": frist,
        "status": _RAGS[i % 4],
        "ferdig": i % 3 == 0,
    }


def table_report(rows: int) -> Report:
    """One table section of ``rows`` rows of the eight columns."""
    table = tuple(_row(i) for i in range(rows))
    return Report(
        schema=SCHEMA,
        title=TITLE,
        programme="benk",
        sections=(Section(key="tiltak", rows=table),),
    )


def _table(report: Report) -> tuple[Mapping[str, Value], ...]:
    return report.sections[0].rows


# --- xlsx baselines -----------------------------------------------------------------

_LOCALE = "[$-414]"
_DATE_FORMATS = {True: "dd.mm.yyyy", False: f"{_LOCALE}mmmm yyyy"}  # by: has a day
_RIGHT = {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY, FieldType.DATE}
_HEADER_FILL = "D9E1F2"
_FOOTER = "Side &P av &N"


class _XlsxLayout(NamedTuple):
    """What the baselines are told instead of measuring: widths and formats."""

    widths: list[int]
    formats: list[str]


def _xlsx_layout(report: Report) -> _XlsxLayout:
    rows = _table(report)
    widths = []
    for column in COLUMNS:
        longest = 12  # numbers, dates, statuses
        if column.type is FieldType.TEXT:
            longest = max((len(str(row.get(column.key) or "")) for row in rows), default=0)
        widths.append(max(8, min(60, max(longest, min(len(column.label.nb), 30)) + 2)))
    places = max((len(str(r["andel"]).partition(".")[2]) for r in rows), default=0)
    decimal = "#,##0" + ("." + "0" * places if places else "")
    return _XlsxLayout(widths, ["@", "@", "#,##0", decimal, '#,##0 "kr"', "", "@", "@"])


def _lines(text: str, width: int) -> int:
    per_line = width - 2
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _cell_values(
    row: Mapping[str, Value], layout: _XlsxLayout
) -> tuple[list[Any], list[str | None], int]:
    """A row's values as written, each cell's number format (``None`` for text) and
    how many lines the row takes."""
    values: list[Any] = []
    formats: list[str | None] = []
    lines = 1
    for column, width, fmt in zip(COLUMNS, layout.widths, layout.formats, strict=True):
        value: Any = row.get(column.key)
        if isinstance(value, Rag):
            value = RAG_LABELS[value].nb
        elif isinstance(value, bool):
            value = "Ja" if value else "Nei"
        elif isinstance(value, Money):
            value = value.amount
        elif isinstance(value, PartialDate):
            fmt = _DATE_FORMATS[value.day is not None]
            value = value.first_day()
        if isinstance(value, str) and len(value) > width - 2:
            lines = max(lines, _lines(value, width))
        values.append(value)
        formats.append(None if fmt == "@" else fmt)
    return values, formats, lines


def _raw_openpyxl(report: Report, layout: _XlsxLayout) -> bytes:
    """openpyxl's write-only mode, a ``WriteOnlyCell`` where a cell has a style."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.properties import PageSetupProperties

    bold = Font(name="Calibri", size=11, bold=True)
    fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    right = Alignment(horizontal="right", vertical="top", wrap_text=True)

    workbook = Workbook(write_only=True)
    overview = workbook.create_sheet("Oversikt")
    title = WriteOnlyCell(overview, TITLE)
    title.font = Font(name="Calibri", size=14, bold=True)
    overview.append([title])
    link = WriteOnlyCell(overview, "Tiltak")
    link.hyperlink = Hyperlink(ref="B2", location="Tiltak!A1")
    overview.append(["Tabell", link])

    sheet = workbook.create_sheet("Tiltak")
    letters = [get_column_letter(i) for i in range(1, len(COLUMNS) + 1)]
    for letter, width in zip(letters, layout.widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.orientation = "landscape" if sum(layout.widths) > 100 else "portrait"
    sheet.HeaderFooter.oddHeader.center.text = "Tiltak"
    sheet.HeaderFooter.oddFooter.right.text = _FOOTER
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, column.label.nb)
        cell.font, cell.fill = bold, fill
        cell.alignment = right if column.type in _RIGHT else wrap
        header.append(cell)
    sheet.append(header)

    rows = _table(report)
    for number, row in enumerate(rows, start=2):
        values, formats, lines = _cell_values(row, layout)
        if lines > 1:
            sheet.row_dimensions[number].height = min(409.0, 15.0 * lines)
        cells: list[Any] = []
        for value, fmt, width in zip(values, formats, layout.widths, strict=True):
            if value is None:
                cells.append(None)
                continue
            text = isinstance(value, str)
            if fmt is None and lines == 1 and not (text and value.startswith("=")):
                cells.append(value)  # nothing to style: a plain value
                continue
            cell = WriteOnlyCell(sheet, value)
            if text:
                cell.data_type = "s"
                if value.startswith("="):
                    cell.quotePrefix = True
                if len(value) > width - 2:
                    cell.alignment = wrap
                elif lines > 1:
                    cell.alignment = top
            elif fmt is not None:
                cell.number_format = fmt
                if lines > 1:
                    cell.alignment = top
            cells.append(cell)
        sheet.append(cells)
    last = len(rows) + 1
    sheet.auto_filter.ref = f"A1:{letters[-1]}{last}"
    for rag, colour in RAG_COLOURS.items():
        fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        rule = Rule(
            type="cellIs",
            operator="equal",
            formula=[f'"{RAG_LABELS[rag].nb}"'],
            dxf=DifferentialStyle(fill=fill),
        )
        sheet.conditional_formatting.add(f"G2:G{last}", rule)
    workbook.properties.title = TITLE
    workbook.properties.creator = "omstilling"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _raw_xlsxwriter(report: Report, layout: _XlsxLayout) -> bytes:
    """XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is written."""
    xlsxwriter: Any = importlib.import_module("xlsxwriter")
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
    formats: dict[tuple[str | None, str, bool], Any] = {}

    def style(number: str | None, align: str = "", quote: bool = False) -> Any:
        key = (number, align, quote)
        if key not in formats:
            spec: dict[str, Any] = {"quote_prefix": quote}
            if number is not None:
                spec["num_format"] = number
            if align:
                spec["valign"] = "top"
                spec["text_wrap"] = align == "wrap"
            formats[key] = workbook.add_format(spec)
        return formats[key]

    overview = workbook.add_worksheet("Oversikt")
    overview.write_string(0, 0, TITLE, workbook.add_format({"bold": True, "font_size": 14}))
    overview.write_string(1, 0, "Tabell")
    overview.write_url(1, 1, "internal:Tiltak!A1", string="Tiltak")

    sheet = workbook.add_worksheet("Tiltak")
    for index, width in enumerate(layout.widths):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    if sum(layout.widths) > 100:
        sheet.set_landscape()
    sheet.set_header("&CTiltak")
    sheet.set_footer(f"&R{_FOOTER}")
    for index, column in enumerate(COLUMNS):
        header = {"bold": True, "pattern": 1, "bg_color": f"#{_HEADER_FILL}"}
        header |= {"valign": "top", "text_wrap": True}
        if column.type in _RIGHT:
            header["align"] = "right"
        sheet.write_string(0, index, column.label.nb, workbook.add_format(header))

    rows = _table(report)
    for number, row in enumerate(rows, start=1):
        values, number_formats, lines = _cell_values(row, layout)
        if lines > 1:
            sheet.set_row(number, min(409.0, 15.0 * lines))
        for index, (value, fmt, width) in enumerate(
            zip(values, number_formats, layout.widths, strict=True)
        ):
            if value is None:
                continue
            if isinstance(value, str):
                align = "wrap" if len(value) > width - 2 else ("top" if lines > 1 else "")
                quote = value.startswith("=")
                if align or quote:
                    sheet.write_string(number, index, value, style(None, align, quote))
                else:
                    sheet.write_string(number, index, value)
            elif isinstance(value, dt.date):
                sheet.write_datetime(number, index, value, style(fmt, "top" if lines > 1 else ""))
            else:
                sheet.write_number(number, index, value, style(fmt, "top" if lines > 1 else ""))
    last = len(rows)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    for rag, colour in RAG_COLOURS.items():
        sheet.conditional_format(
            1,
            6,
            last,
            6,
            {
                "type": "cell",
                "criteria": "==",
                "value": f'"{RAG_LABELS[rag].nb}"',
                "format": workbook.add_format({"bg_color": f"#{colour}", "pattern": 1}),
            },
        )
    workbook.set_properties({"title": TITLE, "author": "omstilling"})
    workbook.close()
    return out.getvalue()


# --- docx baseline ------------------------------------------------------------------


class _DocxLayout(NamedTuple):
    widths: list[int]
    landscape: bool
    whole: bool = False
    """Dates, statuses and yes/no kept whole (their spaces no-break)."""
    header_size: str | None = None
    """The header row's font size in half-points, where smaller than the body's."""


def _docx_layout(report: Report) -> _DocxLayout:
    rows = _table(report)
    longest = [
        max([len(c.label.nb)] + [len(format_value(r.get(c.key), c.type)) for r in rows[:200]])
        for c in COLUMNS
    ]
    total = 15_398  # A4 landscape with 2.5 cm margins, in twips
    widths = [total * n // sum(longest) for n in longest]
    widths[-1] += total - sum(widths)
    # whether dates stay whole and the header smaller: told, as the widths are
    from omstilling_word._fit import TableText

    texts = [[[format_value(r.get(c.key), c.type)] for c in COLUMNS] for r in rows]
    fit = TableText(COLUMNS, [[c.label.nb] for c in COLUMNS], texts).fit(14_004)  # 247 mm
    size = str(round(22 * fit.header_scale)) if fit.header_scale != 1 else None
    return _DocxLayout(widths, landscape=True, whole=fit.whole, header_size=size)


def _raw_docx(report: Report, layout: _DocxLayout) -> bytes:
    """python-docx's document; the table's rows built directly as lxml elements."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    etree: Any = importlib.import_module("lxml.etree")  # lxml has no type hints

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210))
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    document.add_paragraph(TITLE, "Title")
    document.add_paragraph("Tiltak", "Heading 1")
    table = document.add_table(rows=0, cols=len(COLUMNS))
    table.style = "Table Grid"
    tbl = table._tbl
    caption = tbl.tblPr.makeelement(qn("w:tblCaption"), {qn("w:val"): "Tiltak"})
    tbl.tblPr.append(caption)
    tbl.tblPr.find(qn("w:tblW")).attrib.update({qn("w:w"): "15398", qn("w:type"): "dxa"})
    fixed = tbl.tblPr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    tbl.tblPr.find(qn("w:tblLook")).addprevious(fixed)
    for grid_column, width in zip(tbl.tblGrid.gridCol_lst, layout.widths, strict=True):
        grid_column.set(qn("w:w"), str(width))

    sub = etree.SubElement
    w_tr, w_trpr, w_tc, w_tcpr, w_tcw = (qn(f"w:{t}") for t in ("tr", "trPr", "tc", "tcPr", "tcW"))
    w_shd, w_p, w_ppr, w_spacing, w_jc = (
        qn(f"w:{t}") for t in ("shd", "p", "pPr", "spacing", "jc")
    )
    w_r, w_rpr, w_b, w_t = (qn(f"w:{t}") for t in ("r", "rPr", "b", "t"))
    w_val, w_w, w_type, w_fill, w_color = (
        qn(f"w:{t}") for t in ("val", "w", "type", "fill", "color")
    )
    spacing = {qn("w:before"): "0", qn("w:after"): "0"}
    widths = [{w_w: str(w), w_type: "dxa"} for w in layout.widths]
    right = [c.type in {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY} for c in COLUMNS]

    from omstilling_word._fit import keep_together

    no_break = [c.type in {FieldType.DATE, FieldType.RAG, FieldType.BOOLEAN} for c in COLUMNS]

    def join(text: str) -> str:
        return text.replace(" ", "\u00a0") if layout.whole else keep_together(text)

    def cell(tr: Any, index: int, text: str, fill: str | None, *, bold: bool = False) -> None:
        tc = sub(tr, w_tc)
        properties = sub(tc, w_tcpr)
        sub(properties, w_tcw, widths[index])
        if fill is not None:
            sub(properties, w_shd, {w_val: "clear", w_color: "auto", w_fill: fill})
        p = sub(tc, w_p)
        paragraph = sub(p, w_ppr)
        sub(paragraph, w_spacing, spacing)
        if right[index]:
            sub(paragraph, w_jc, {w_val: "right"})
        if text:
            r = sub(p, w_r)
            if bold:
                properties = sub(r, w_rpr)
                sub(properties, w_b)
                if layout.header_size is not None:
                    sub(properties, qn("w:sz"), {w_val: layout.header_size})
                    sub(properties, qn("w:szCs"), {w_val: layout.header_size})
            sub(r, w_t).text = join(text) if no_break[index] and not bold else text

    header = etree.Element(w_tr)
    row_properties = sub(header, w_trpr)
    sub(row_properties, qn("w:cantSplit"))
    sub(row_properties, qn("w:tblHeader"))
    for index, column in enumerate(COLUMNS):
        cell(header, index, column.label.nb, None, bold=True)
    tbl.append(header)
    for row in _table(report):
        tr = etree.Element(w_tr)
        sub(sub(tr, w_trpr), qn("w:cantSplit"))
        for index, column in enumerate(COLUMNS):
            value = row.get(column.key)
            fill = RAG_COLOURS[value] if isinstance(value, Rag) else None
            cell(tr, index, format_value(value, column.type, Language.NB), fill)
        tbl.append(tr)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the same cells? ----------------------------------------------------------------


def _rgb(fill: Any) -> str:
    """A fill's colour without its alpha (XlsxWriter's differential fills name it
    the background colour, openpyxl's the foreground)."""
    colour = str(fill.fgColor.rgb)
    return (colour if colour != "00000000" else str(fill.bgColor.rgb))[-6:]


def _xlsx_cells(data: bytes) -> dict[str, Any]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data))["Tiltak"]
    cells = [
        (
            cell.coordinate,
            cell.value,
            cell.number_format if cell.value is not None else "",
            bool(cell.font.b),
            _rgb(cell.fill) if cell.fill.fill_type else None,
            cell.alignment.horizontal,
            cell.alignment.vertical,
            bool(cell.alignment.wrap_text),
            bool(cell.quotePrefix),
        )
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    heights = {n: d.height for n, d in sheet.row_dimensions.items() if d.height}
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    rules = sorted(
        (rule.formula[0], _rgb(rule.dxf.fill))
        for ranges in sheet.conditional_formatting
        for rule in ranges.rules
    )
    return {
        "cells": cells,
        "heights": heights,
        "widths set": all(w and w > 1 for w in widths),
        "frozen": sheet.freeze_panes,
        "filter": sheet.auto_filter.ref,
        "print titles": sheet.print_title_rows,
        "fit to width": (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight),
        "rules": rules,
    }


def _docx_table(data: bytes) -> dict[str, Any]:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    tbl = document.tables[0]._tbl
    for element in tbl.iter(qn("w:tcW"), qn("w:gridCol"), qn("w:tblW")):
        element.set(qn("w:w"), "0")  # widths: not compared
    styles = [(p.style.name if p.style is not None else None, p.text) for p in document.paragraphs]
    return {
        "table": tbl.xml.encode(),
        "orientation": [s.orientation for s in document.sections],
        "headings": [(style, text) for style, text in styles if style in {"Title", "Heading 1"}],
    }


def _check(plugins: Any, suffixes: Sequence[str]) -> list[str]:
    """Each baseline's file compared with ours for a small table: the differences."""
    report = table_report(CHECK_ROWS)
    writers = {".docx": ["lxml-direct"], ".xlsx": ["openpyxl-write-only"]}
    if _has_xlsxwriter():
        writers[".xlsx"].append("XlsxWriter-constant_memory")
    read = {".docx": _docx_table, ".xlsx": _xlsx_cells}
    problems = []
    for suffix in suffixes:
        with warnings.catch_warnings():  # openpyxl's and XlsxWriter's temporary files
            warnings.simplefilter("ignore", ResourceWarning)
            ours = read[suffix](_export("omstilling", suffix, report)())
            for writer in writers[suffix]:
                theirs = read[suffix](_export(writer, suffix, report)())
                for key, value in ours.items():
                    if theirs[key] != value:
                        problems.append(f"{writer}: {key}: {_difference(value, theirs[key])}")
    return problems


def _difference(ours: Any, theirs: Any) -> str:
    if isinstance(ours, list) and isinstance(theirs, list):
        ours, theirs = (
            [x for x in ours if x not in theirs][:3],
            [x for x in theirs if x not in ours][:3],
        )
    elif isinstance(ours, bytes) and isinstance(theirs, bytes):
        at = next(
            (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
            min(len(ours), len(theirs)),
        )
        ours, theirs = ours[max(0, at - 80) : at + 80], theirs[max(0, at - 80) : at + 80]
    return f"ours {ours!r}, the baseline's {theirs!r}"


# --- measuring ----------------------------------------------------------------------


def _has_xlsxwriter() -> bool:
    try:
        importlib.import_module("xlsxwriter")
    except ImportError:
        return False
    return True


def _export(writer: str, suffix: str, report: Report) -> Callable[[], bytes]:
    """A function that exports ``report`` with ``writer``; the layout a baseline is
    told is worked out here, before the clock starts."""
    if writer == "omstilling":
        exporter = load_plugins().exporter(suffix)
        return lambda: exporter.export(report, ExportOptions())
    if writer == "openpyxl-write-only":
        layout = _xlsx_layout(report)
        return lambda: _raw_openpyxl(report, layout)
    if writer == "XlsxWriter-constant_memory":
        layout = _xlsx_layout(report)
        return lambda: _raw_xlsxwriter(report, layout)
    docx_layout = _docx_layout(report)
    return lambda: _raw_docx(report, docx_layout)


def _peak_kib() -> int:
    """The process's peak resident memory in KiB: Linux's ``VmHWM``, which
    :func:`_reset_peak` can reset (``ru_maxrss`` also counts the parent's memory at
    the fork that started this process), or ``ru_maxrss`` elsewhere."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> int:
    """Give freed memory back to the system and reset the process's peak resident
    memory to what it holds now (Linux: ``malloc_trim``, ``/proc/self/clear_refs``);
    that, in KiB. Elsewhere the peak so far stays, and an export's may read as less."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL(None).malloc_trim(0)
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _peak_kib()


def _run_child(writer: str, suffix: str, rows: int) -> dict[str, float]:
    """Build the report, export a small one to import and warm everything up, then
    time one export of the report by ``writer`` in this process."""
    _export(writer, suffix, table_report(10))()
    export = _export(writer, suffix, table_report(rows))
    before = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    size = len(export())
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - start
    peak = _peak_kib()
    return {"seconds": cpu, "wall": wall, "peak_mib": (peak - before) / 1024, "bytes": size}


def _child(writer: str, suffix: str, rows: int) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.bench_export", "--child", writer, suffix]
    out = subprocess.run(
        [*command, str(rows)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(f"{writer} {suffix} {rows} failed:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _best(
    writers: Sequence[str], suffix: str, rows: int, repeat: int
) -> dict[str, dict[str, float]]:
    runs: dict[str, list[dict[str, float]]] = {writer: [] for writer in writers}
    for _ in range(repeat):
        for writer in writers:  # alternately: the machine is shared
            runs[writer].append(_child(writer, suffix, rows))
    return {writer: min(r, key=lambda x: x["seconds"]) for writer, r in runs.items()}


_HEADER = ("file", "rows", "ours ms/row", "baseline", "ms/row", "ratio", "target", "ours MiB")
_FORMAT = "{:6} {:>7} {:>11} {:26} {:>8} {:>7} {:13} {:>8} {:>8}"


def _line(
    suffix: str,
    rows: int,
    ours: dict[str, float],
    writer: str,
    raw: dict[str, float],
    target: float | None,
) -> str:
    ratio = ours["seconds"] / raw["seconds"]
    verdict = (
        "fastest" if target is None else f"<={target}x " + ("met" if ratio <= target else "MISSED")
    )
    return _FORMAT.format(
        suffix,
        rows,
        f"{1000 * ours['seconds'] / rows:.4f}",
        writer,
        f"{1000 * raw['seconds'] / rows:.4f}",
        f"{ratio:.2f}x",
        verdict,
        f"{ours['peak_mib']:.1f}",
        f"{raw['peak_mib']:.1f}",
    )


def _docx(rows_list: Sequence[int], repeat: int) -> None:
    per_row: dict[str, list[float]] = {"ours": [], "raw": []}
    for rows in rows_list:
        best = _best(["omstilling", "lxml-direct"], ".docx", rows, repeat)
        ours, raw = best["omstilling"], best["lxml-direct"]
        print(_line(".docx", rows, ours, "lxml-direct", raw, TARGETS[".docx"]), flush=True)
        per_row["ours"].append(ours["seconds"] / rows)
        per_row["raw"].append(raw["seconds"] / rows)
    if len(rows_list) > 1:
        ours_growth = per_row["ours"][-1] / per_row["ours"][0]
        raw_growth = per_row["raw"][-1] / per_row["raw"][0]
        print(
            f"       ms/row at {rows_list[-1]} rows / at {rows_list[0]}: ours {ours_growth:.2f}x, "
            f"baseline {raw_growth:.2f}x (1.00x: the same cost a row)"
        )


def _xlsx(rows: int, repeat: int) -> None:
    writers = ["omstilling", "openpyxl-write-only"]
    fastest = "XlsxWriter-constant_memory"
    if _has_xlsxwriter():
        writers.append(fastest)
    best = _best(writers, ".xlsx", rows, repeat)
    ours = best["omstilling"]
    raw = best["openpyxl-write-only"]
    print(_line(".xlsx", rows, ours, "openpyxl-write-only", raw, TARGETS[".xlsx"]), flush=True)
    if fastest in best:
        print(_line(".xlsx", rows, ours, fastest, best[fastest], None))
    else:
        print(f".xlsx  {rows:7d} XlsxWriter is not installed: no fastest writer to compare")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark (with ``--child WRITER SUFFIX ROWS``: one measurement, as JSON)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the .xlsx table")
    parser.add_argument("--docx-rows", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best counts")
    parser.add_argument("--only", choices=[".docx", ".xlsx"], help="one of the two files")
    parser.add_argument("--child", nargs=3, metavar=("WRITER", "SUFFIX", "ROWS"))
    args = parser.parse_args(argv)
    if args.child:
        writer, suffix, rows = args.child
        print(json.dumps(_run_child(writer, suffix, int(rows))))
        return

    plugins = load_plugins()
    suffixes = []
    for suffix in (".docx", ".xlsx"):
        try:
            plugins.exporter(suffix)
        except PluginError as exc:
            print(f"{suffix} skipped: {exc}")
            continue
        if args.only in (None, suffix):
            suffixes.append(suffix)
    problems = _check(plugins, suffixes)
    if problems:
        raise SystemExit("a baseline does not write what ours writes:\n" + "\n".join(problems))
    print(
        f"One table of {len(COLUMNS)} columns (text, text, integer, decimal, money, date, "
        f"status, yes/no). The baselines write the same cells (compared at {CHECK_ROWS} rows)."
    )
    print(
        f"Each export in a fresh process, best of {args.repeat}; MiB: what the export added to "
        "the process's peak resident memory (VmHWM, reset before the export)."
    )
    print(_FORMAT.format(*_HEADER, "base MiB"))
    if ".docx" in suffixes:
        _docx(args.docx_rows, args.repeat)
    if ".xlsx" in suffixes:
        _xlsx(args.rows, args.repeat)


if __name__ == "__main__":
    main()
