"""Tables as XML: column widths fitted to the text (``_fit``), and the rows.

Table rows are ``w:tr`` elements appended to the table element, never python-docx's
``table.add_row()``, ``table.cell(r, c)`` or ``table.rows[i]``, which rebuild the
whole grid on every call (a table would take time in the square of its rows). Each
body row is a copy of a prototype row of its shape with its texts put in
(:class:`BodyRows`): for a table of 8 columns, 0.017 ms a row against 0.165 ms for
making the same elements one by one. What remains of a row's cost is mostly its text
(:func:`omstilling.formatting.format_value`, through Babel).

The layout is fixed (``w:tblLayout``), with the widths in twips on the grid and on
every cell, so Word and LibreOffice keep the widths fitted to the text instead of
guessing their own. The header row repeats on every page; no row breaks across a
page unless it is estimated taller than a page.

Imported only when a report is exported (python-docx is heavy).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Inches, Mm
from docx.table import Table

from omstilling.formatting import RAG_COLOURS
from omstilling.model import Rag
from omstilling.report import Value

from ._fit import (
    NO_BREAK,
    NUMERIC,
    WHOLE,
    TableText,
    column_widths,
    fits_portrait,
    keep_together,
)
from ._xml import CORE_PROPERTY_LIMIT, EMU_PER_TWIP, W_COLOR, W_FILL, W_VAL, XML_SPACE

__all__ = [
    "NUMERIC",
    "BodyRows",
    "TableText",
    "add_table",
    "body_font_size",
    "cell_fill",
    "column_widths",
    "fits_portrait",
    "section_text_height",
    "section_text_width",
    "table_properties",
    "table_row",
]

# Clark names of the elements and attributes written by hand, computed once.
_W_W = qn("w:w")
_W_TYPE = qn("w:type")
_W_BEFORE = qn("w:before")
_W_AFTER = qn("w:after")
_TR, _TRPR, _TBLHEADER, _CANTSPLIT = qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:cantSplit")
_TC, _TCPR, _TCW, _SHD = qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:shd")
_P, _PPR, _SPACING, _JC = qn("w:p"), qn("w:pPr"), qn("w:spacing"), qn("w:jc")
_R, _RPR, _B, _T, _BR, _TAB = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("w:br"), qn("w:tab")
_SZ, _SZCS, _TBLLAYOUT = qn("w:sz"), qn("w:szCs"), qn("w:tblLayout")

# What may follow an element in its parent, for inserting it in schema order.
_AFTER_TABLE_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TABLE_LAYOUT = ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_TABLE_CAPTION = ("w:tblDescription", "w:tblPrChange")


def section_text_width(section: Any) -> int:
    """The width between a section's margins, in twips (A4 with 2.5 cm margins where
    the section does not say)."""
    page = section.page_width or Mm(210)
    margins = (section.left_margin or Mm(25)) + (section.right_margin or Mm(25))
    return max(int(Inches(2)), int(page) - int(margins)) // EMU_PER_TWIP


def section_text_height(section: Any) -> int:
    """The height between a section's top and bottom margins, in twips."""
    page = section.page_height or Mm(297)
    margins = (section.top_margin or Mm(25)) + (section.bottom_margin or Mm(25))
    return max(int(Inches(2)), int(page) - int(margins)) // EMU_PER_TWIP


def body_font_size(document: Any) -> float:
    """The font size of the document's "Normal" text in points (what table cells
    use): the style's, else the document defaults', else Word's 10 pt."""
    try:
        size = document.styles["Normal"].font.size
    except KeyError:
        size = None
    if size is not None:
        return float(size.pt)
    found = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    try:
        return int(found[0]) / 2 if found else 10.0
    except ValueError:
        return 10.0


def table_properties(properties: Any, title: str, *, borders: bool) -> None:
    """A caption (the table's alt text), a fixed layout (Word and LibreOffice keep
    the widths of the grid and the cells) and, where the document has no grid style,
    single borders on every cell."""
    if borders:
        element = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element.append(
                OxmlElement(
                    f"w:{side}",
                    {W_VAL: "single", qn("w:sz"): "4", qn("w:space"): "0", W_COLOR: "auto"},
                )
            )
        properties.insert_element_before(element, *_AFTER_TABLE_BORDERS)
    if properties.find(_TBLLAYOUT) is None:
        layout = OxmlElement("w:tblLayout", {_W_TYPE: "fixed"})
        properties.insert_element_before(layout, *_AFTER_TABLE_LAYOUT)
    caption = OxmlElement("w:tblCaption", {W_VAL: title[:CORE_PROPERTY_LIMIT]})
    properties.insert_element_before(caption, *_AFTER_TABLE_CAPTION)


def cell_fill(value: Value) -> str | None:
    return RAG_COLOURS[value] if isinstance(value, Rag) else None


def _sub(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    child = parent.makeelement(tag, attributes or {})
    parent.append(child)
    return child


def table_row(
    table: Any,
    cells: Sequence[Sequence[str]],
    widths: Sequence[int],
    right: Sequence[bool],
    *,
    header: bool = False,
    fills: Sequence[str | None] | None = None,
    whole: bool = True,
    size: float | None = None,
) -> Any:
    """One ``w:tr``: a cell of paragraphs per column. The header row is bold and
    marked to repeat on every page; ``whole`` rows do not break across pages; ``size``
    (points) sets the font size of the row's text."""
    tr = table.makeelement(_TR, {})
    if header or whole:
        properties = _sub(tr, _TRPR)
        _sub(properties, _CANTSPLIT)
        if header:
            _sub(properties, _TBLHEADER)
    for index, paragraphs in enumerate(cells):
        tc = _sub(tr, _TC)
        cell_properties = _sub(tc, _TCPR)
        _sub(cell_properties, _TCW, {_W_W: str(widths[index]), _W_TYPE: "dxa"})
        fill = fills[index] if fills is not None else None
        if fill is not None:
            _sub(cell_properties, _SHD, {W_VAL: "clear", W_COLOR: "auto", W_FILL: fill})
        for text in paragraphs or [""]:
            p = _sub(tc, _P)
            paragraph_properties = _sub(p, _PPR)
            _sub(paragraph_properties, _SPACING, {_W_BEFORE: "0", _W_AFTER: "0"})
            if right[index]:
                _sub(paragraph_properties, _JC, {W_VAL: "right"})
            if text:
                _run(p, text, bold=header, size=size)
    return tr


def _run(paragraph: Any, text: str, *, bold: bool, size: float | None = None) -> None:
    """A ``w:r`` holding ``text``, with line breaks and tabs as Word writes them."""
    run = _sub(paragraph, _R)
    if bold or size is not None:
        properties = _sub(run, _RPR)
        if bold:
            _sub(properties, _B)
        if size is not None:
            half_points = str(round(size * 2))
            _sub(properties, _SZ, {W_VAL: half_points})
            _sub(properties, _SZCS, {W_VAL: half_points})
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            _sub(run, _BR)
        for part_number, part in enumerate(line.split("\t")):
            if part_number:
                _sub(run, _TAB)
            if part:
                t = _sub(run, _T)
                t.text = part
                if part != part.strip():
                    t.set(XML_SPACE, "preserve")


_EMPTY, _PLAIN, _SPACED = 0, 1, 2
"""What a cell of a prototype row holds: no text, or a line of text without (or with)
spaces at its ends."""
_PLACEHOLDERS = {_EMPTY: [], _PLAIN: ["x"], _SPACED: [" x "]}
_MAX_PROTOTYPES = 256
"""Prototype rows kept per table at most (a shape is the kind and shading of every
cell: a table has a handful)."""


class BodyRows:
    """Makes the body rows of one table.

    Rows of a table mostly differ only in their text: which cells are empty, which are
    shaded, and the words. So a row is a copy of a prototype ``w:tr`` of the same
    shape (made once, by :func:`table_row`), with its texts put into the copy's ``w:t``
    elements: lxml copies the elements in C, in about a tenth of the time of making
    them one by one. A row with a cell of several paragraphs, a line break or a tab
    is made by :func:`table_row` itself, and so is every row of a new shape once a table
    has :data:`_MAX_PROTOTYPES` of them. Either way the XML is the same.
    """

    def __init__(
        self,
        table: Any,
        widths: Sequence[int],
        right: Sequence[bool],
        *,
        size: float | None = None,
    ) -> None:
        self._table = table
        self._widths = widths
        self._right = right
        self._size = size
        self._prototypes: dict[tuple[bool, tuple[tuple[str | None, int], ...]], Any] = {}

    def row(
        self, cells: Sequence[Sequence[str]], fills: Sequence[str | None], *, whole: bool = True
    ) -> Any:
        """The ``w:tr`` of a row: a cell of paragraphs per column, shaded by ``fills``;
        a ``whole`` row does not break across pages."""
        shape: list[tuple[str | None, int]] = []
        texts: list[str] = []
        for paragraphs, fill in zip(cells, fills, strict=True):
            if not paragraphs or (len(paragraphs) == 1 and not paragraphs[0]):
                shape.append((fill, _EMPTY))
                continue
            text = paragraphs[0]
            if len(paragraphs) > 1 or "\n" in text or "\t" in text:
                return self._build(cells, fills, whole)
            shape.append((fill, _PLAIN if text == text.strip() else _SPACED))
            texts.append(text)
        key = (whole, tuple(shape))
        prototype = self._prototypes.get(key)
        if prototype is None:
            if len(self._prototypes) >= _MAX_PROTOTYPES:
                return self._build(cells, fills, whole)
            placeholders = [_PLACEHOLDERS[kind] for _, kind in shape]
            prototype = self._prototypes[key] = self._build(placeholders, fills, whole)
        tr = copy.deepcopy(prototype)
        for t, text in zip(tr.iter(_T), texts, strict=True):
            t.text = text
        return tr

    def _build(
        self, cells: Sequence[Sequence[str]], fills: Sequence[str | None], whole: bool
    ) -> Any:
        return table_row(
            self._table, cells, self._widths, self._right, fills=fills, whole=whole, size=self._size
        )


def _no_break(text: TableText) -> list[int]:
    """The columns of dates, statuses and the like (whose spaces are made no-break
    where the page allows them whole)."""
    return [i for i, c in enumerate(text.columns) if c.type in WHOLE and c.type not in NUMERIC]


def _whole(paragraph: str) -> str:
    return paragraph.replace(" ", NO_BREAK)


def add_table(
    body_end: Any,
    parent: Any,
    text: TableText,
    rows: Sequence[Mapping[str, Value]],
    title: str,
    *,
    section: Any,
    style: Any,
) -> Table:
    """The table of ``text`` (whose body rows are ``rows``), inserted before
    ``body_end``, fitted to the text width of ``section``: a bold header row that
    repeats on every page, columns fitted to the text, numbers to the right,
    statuses shaded, rows kept on one page. ``style`` is the document's grid style
    (single borders on every cell without one); ``title`` the table's alt text."""
    total = section_text_width(section)
    fit = text.fit(total)
    widths = fit.widths
    columns = text.columns
    right = [c.type in NUMERIC for c in columns]
    tbl = CT_Tbl.new_tbl(0, len(columns), Emu(total * EMU_PER_TWIP))
    body_end.addprevious(tbl)
    table = Table(tbl, parent)
    if style is not None:
        table.style = style
    properties = tbl.tblPr
    table_properties(properties, title, borders=style is None)
    width = properties.find(qn("w:tblW"))
    if width is not None:
        width.set(_W_W, str(total))
        width.set(_W_TYPE, "dxa")
    for grid_column, column_width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_column.set(_W_W, str(column_width))
    header_size = text.size * fit.header_scale if fit.header_scale != 1 else None
    body_size = text.size * fit.body_scale if fit.body_scale != 1 else None
    tbl.append(table_row(tbl, text.headers, widths, right, header=True, size=header_size))
    tall = text.tall_rows(widths, section_text_height(section), fit.body_scale)
    spaced = _no_break(text)
    join = _whole if fit.whole else keep_together
    body = BodyRows(tbl, widths, right, size=body_size)
    keys = [c.key for c in columns]
    for number, (row, cells) in enumerate(zip(rows, text.body, strict=True)):
        if spaced:
            cells = list(cells)
            for index in spaced:
                cells[index] = [join(p) for p in cells[index]]
        fills = [cell_fill(row.get(key)) for key in keys]
        tbl.append(body.row(cells, fills, whole=number not in tall))
    return table
