"""Tables as XML: column widths fitted to the text, and the rows.

Table rows are ``w:tr`` elements appended to the table element, never python-docx's
``table.add_row()``, ``table.cell(r, c)`` or ``table.rows[i]``, which rebuild the
whole grid on every call (a table would take time in the square of its rows). Each
body row is a copy of a prototype row of its shape with its texts put in
(:class:`BodyRows`): for a table of 8 columns, 0.017 ms a row against 0.165 ms for
making the same elements one by one. What remains of a row's cost is mostly its text
(:func:`omstilling.formatting.format_value`, through Babel).

Imported only when a report is exported (python-docx is heavy).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm

from omstilling.formatting import RAG_COLOURS
from omstilling.model import Rag
from omstilling.report import Column, FieldType, Value

from ._xml import CORE_PROPERTY_LIMIT, EMU_PER_TWIP, W_COLOR, W_FILL, W_VAL, XML_SPACE

__all__ = [
    "NUMERIC",
    "BodyRows",
    "TableText",
    "cell_fill",
    "column_widths",
    "section_text_width",
    "table_properties",
    "table_row",
]

NUMERIC = {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY}
_UNBROKEN = {*NUMERIC, FieldType.RAG, FieldType.PERIOD, FieldType.BOOLEAN}
"""Types whose values are short and read badly broken ("Ikke | vurdert")."""

# Clark names of the elements and attributes written by hand, computed once.
_W_W = qn("w:w")
_W_TYPE = qn("w:type")
_W_BEFORE = qn("w:before")
_W_AFTER = qn("w:after")
_TR, _TRPR, _TBLHEADER, _CANTSPLIT = qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:cantSplit")
_TC, _TCPR, _TCW, _SHD = qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:shd")
_P, _PPR, _SPACING, _JC = qn("w:p"), qn("w:pPr"), qn("w:spacing"), qn("w:jc")
_R, _RPR, _B, _T, _BR, _TAB = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("w:br"), qn("w:tab")

# What may follow an element in its parent, for inserting it in schema order.
_AFTER_TABLE_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TABLE_CAPTION = ("w:tblDescription", "w:tblPrChange")


def section_text_width(section: Any) -> int:
    """The width between a section's margins, in twips (A4 with 2.5 cm margins where
    the section does not say)."""
    page = section.page_width or Mm(210)
    margins = (section.left_margin or Mm(25)) + (section.right_margin or Mm(25))
    return max(int(Inches(2)), int(page) - int(margins)) // EMU_PER_TWIP


class TableText:
    """The text of a table's cells (a list of paragraphs each), and how long the
    longest word and the longest line of each column are, in characters."""

    def __init__(
        self,
        columns: Sequence[Column],
        headers: list[list[str]],
        body: list[list[list[str]]],
    ) -> None:
        self.columns = columns
        self.headers = headers
        self.body = body
        self.words: list[float] = []
        self.lines: list[float] = []
        for index, header in enumerate(headers):
            word, line = _text_extent(header, bold=True)
            whole = columns[index].type in _UNBROKEN
            for row in body:
                cell_word, cell_line = _text_extent(row[index], bold=False, whole=whole)
                word, line = max(word, cell_word), max(line, cell_line)
            self.words.append(word)
            self.lines.append(max(word, line))

    @property
    def narrowest(self) -> list[int]:
        """The width of each column's longest word (up to a limit), in twips."""
        return [_twips(min(word, _LONGEST_UNBROKEN)) for word in self.words]


def column_widths(words: Sequence[float], lines: Sequence[float], total: int) -> list[int]:
    """Column widths in twips that add up to ``total``, fitted to the text as a web
    browser fits a table: every column gets at least the width of its longest word
    (so "Delprosjekt" is not broken), and the rest of the page goes to the columns
    in proportion to how much wider their longest line is. Where the words do not
    fit, the longest words are broken first."""
    widest = [_twips(line) for line in lines]
    limit = _LONGEST_UNBROKEN
    narrowest = [_twips(min(word, limit)) for word in words]
    while sum(narrowest) > total and limit > _SHORTEST_UNBROKEN:
        limit -= 1
        narrowest = [_twips(min(word, limit)) for word in words]
    if sum(widest) <= total:  # everything fits on one line: share out what is left
        spare = total - sum(widest)
        widths = [width + spare * width // sum(widest) for width in widest]
    elif sum(narrowest) <= total:
        spare = total - sum(narrowest)
        stretch = [w - n for w, n in zip(widest, narrowest, strict=True)]
        widths = [n + spare * s // sum(stretch) for n, s in zip(narrowest, stretch, strict=True)]
    else:  # too many columns for the page: in proportion to their words
        widths = [total * n // sum(narrowest) for n in narrowest]
    widths[-1] += total - sum(widths)
    return widths


_BREAKS = re.compile(r"[ \t]+|(?<=[-/])")
"""Where a line may break: at spaces (not the no-break spaces in "1 234 500 kr") and
after hyphens and slashes."""
_LONGEST_UNBROKEN = 24.0
"""Longer words (links, ids) may break rather than squeeze the other columns."""
_SHORTEST_UNBROKEN = 6.0
"""Where even shorter words must break, columns share the page by their words."""


def _text_extent(
    paragraphs: Sequence[str], *, bold: bool, whole: bool = False
) -> tuple[float, float]:
    """The length of the longest word and of the longest line of a cell, in average
    character widths (bold text is wider); with ``whole``, lines are not to break."""
    word = line = 0
    for paragraph in paragraphs:
        for text in paragraph.split("\n"):
            line = max(line, len(text))
            word = max(word, len(text) if whole else max(map(len, _BREAKS.split(text)), default=0))
    factor = 1.15 if bold else 1.0
    return word * factor, line * factor


def _twips(characters: float) -> int:
    """The width of a cell holding ``characters`` characters of 11 pt text (wide fonts
    too: LibreOffice may stand in a wider font for the template's),
    with the cell's margins."""
    return int(characters * 135) + 250


def table_properties(properties: Any, title: str, *, borders: bool) -> None:
    """A caption (the table's alt text) and, where the document has no grid style,
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
) -> Any:
    """One ``w:tr``: a cell of paragraphs per column; the header row bold and marked
    to repeat on every page."""
    tr = table.makeelement(_TR, {})
    if header:
        properties = _sub(tr, _TRPR)
        _sub(properties, _CANTSPLIT)
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
                _run(p, text, bold=header)
    return tr


def _run(paragraph: Any, text: str, *, bold: bool) -> None:
    """A ``w:r`` holding ``text``, with line breaks and tabs as Word writes them."""
    run = _sub(paragraph, _R)
    if bold:
        _sub(_sub(run, _RPR), _B)
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

    def __init__(self, table: Any, widths: Sequence[int], right: Sequence[bool]) -> None:
        self._table = table
        self._widths = widths
        self._right = right
        self._prototypes: dict[tuple[tuple[str | None, int], ...], Any] = {}

    def row(self, cells: Sequence[Sequence[str]], fills: Sequence[str | None]) -> Any:
        """The ``w:tr`` of a row: a cell of paragraphs per column, shaded by ``fills``."""
        shape: list[tuple[str | None, int]] = []
        texts: list[str] = []
        for paragraphs, fill in zip(cells, fills, strict=True):
            if not paragraphs or (len(paragraphs) == 1 and not paragraphs[0]):
                shape.append((fill, _EMPTY))
                continue
            text = paragraphs[0]
            if len(paragraphs) > 1 or "\n" in text or "\t" in text:
                return self._build(cells, fills)
            shape.append((fill, _PLAIN if text == text.strip() else _SPACED))
            texts.append(text)
        key = tuple(shape)
        prototype = self._prototypes.get(key)
        if prototype is None:
            if len(self._prototypes) >= _MAX_PROTOTYPES:
                return self._build(cells, fills)
            placeholders = [_PLACEHOLDERS[kind] for _, kind in key]
            prototype = self._prototypes[key] = self._build(placeholders, fills)
        tr = copy.deepcopy(prototype)
        for t, text in zip(tr.iter(_T), texts, strict=True):
            t.text = text
        return tr

    def _build(self, cells: Sequence[Sequence[str]], fills: Sequence[str | None]) -> Any:
        return table_row(self._table, cells, self._widths, self._right, fills=fills)
