"""Building the Word document with python-docx.

Imported only when a report is exported: python-docx (and lxml under it) is heavy;
matplotlib only when a timeline is drawn.

Table rows are ``w:tr`` elements appended to the table element, never python-docx's
``table.add_row()``, ``table.cell(r, c)`` or ``table.rows[i]``, which rebuild the
whole grid on every call (a table would take time in the square of its rows). Each
body row is a copy of a prototype row of its shape with its texts put in
(:class:`_BodyRows`): for a table of 8 columns, 0.017 ms a row against 0.165 ms for
making the same elements one by one. What remains of a row's cost is mostly its text
(:func:`omstilling.formatting.format_value`, through Babel).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from docx import Document as open_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Inches, Mm, Pt
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, format_value
from omstilling.hookspecs import ExportOptions
from omstilling.model import Rag
from omstilling.report import Column, FieldType, Report, Section, SectionSchema, Value

from ._words import LANGUAGE_TAGS, PAGE, PERIOD, PUBLISHED, TIMELINE_OF, clean

_EMU_PER_TWIP = 635
_HEADING_SIZES = {1: 16, 2: 13, 3: 12, 4: 11}
_NUMERIC = {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY}
_UNBROKEN = {*_NUMERIC, FieldType.RAG, FieldType.PERIOD, FieldType.BOOLEAN}
"""Types whose values are short and read badly broken ("Ikke | vurdert")."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values

# Clark names of the elements and attributes written by hand, computed once.
_W_VAL = qn("w:val")
_W_W = qn("w:w")
_W_TYPE = qn("w:type")
_W_FILL = qn("w:fill")
_W_COLOR = qn("w:color")
_W_BEFORE = qn("w:before")
_W_AFTER = qn("w:after")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TR, _TRPR, _TBLHEADER, _CANTSPLIT = qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:cantSplit")
_TC, _TCPR, _TCW, _SHD = qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:shd")
_P, _PPR, _SPACING, _JC = qn("w:p"), qn("w:pPr"), qn("w:spacing"), qn("w:jc")
_R, _RPR, _B, _T, _BR, _TAB = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("w:br"), qn("w:tab")

# What may follow an element in its parent, for inserting it in schema order.
_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_RUN_SHADING = (
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_AFTER_LANGUAGE = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
_AFTER_TABLE_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TABLE_CAPTION = ("w:tblDescription", "w:tblPrChange")

_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


# --- opening -------------------------------------------------------------------------


def _as_document_package(base: bytes) -> bytes:
    """``base`` with a Word template's (.dotx) main part relabelled as a document's, so
    python-docx opens it; any other file unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(base)) as source:
            types = source.read("[Content_Types].xml").decode("utf-8")
            if not any(t in types for t in _TEMPLATE_TYPES):
                return base
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        for template_type in _TEMPLATE_TYPES:
                            types = types.replace(template_type, _DOCUMENT_TYPE)
                        data = types.encode("utf-8")
                    target.writestr(item, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return base  # python-docx says what is wrong with it


def _open(base: bytes | None) -> Document:
    if base is None:
        document = open_document()
        section = document.sections[0]  # python-docx's template is US Letter
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
        return document
    return open_document(io.BytesIO(_as_document_package(base)))


# --- styles --------------------------------------------------------------------------


class _Styles:
    """The styles the report uses, found in the document by name (Word keeps English
    names of built-in styles even in a Norwegian Word), with fallbacks for a base
    document that lacks them. Heading styles are added when missing, so the navigation
    pane always works."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._by_name: dict[str, BaseStyle] = {}
        self._by_id: dict[str, BaseStyle] = {}
        for style in document.styles:
            if style.name is not None:
                self._by_name.setdefault(style.name.lower(), style)
            self._by_id.setdefault(style.style_id, style)
        self._headings: dict[int, ParagraphStyle] = {}

    def find(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
        """The style called ``name`` (or with that id without spaces) of ``kind``, or
        ``None``."""
        for style in (
            self._by_name.get(name.lower()),
            self._by_id.get(name.replace(" ", "")),
        ):
            if style is not None and style.type == kind:
                return style
        return None

    def heading(self, level: int) -> ParagraphStyle:
        """The style "Heading ``level``", added to the document if it lacks it."""
        if level not in self._headings:
            style = self.find(f"Heading {level}")
            self._headings[level] = style if style is not None else self._add_heading(level)
        return self._headings[level]

    def _add_heading(self, level: int) -> ParagraphStyle:
        name = f"Heading {level}"
        if name.lower() in self._by_name or name.replace(" ", "") in self._by_id:
            # taken by a style of another type: a style of our own, with the outline
            # level that puts it in the navigation pane all the same
            name = f"Heading {level} (omstilling)"
        style: ParagraphStyle = self._document.styles.add_style(
            name, WD_STYLE_TYPE.PARAGRAPH, builtin=name == f"Heading {level}"
        )
        normal = self.find("Normal")
        if normal is not None:
            style.base_style = normal
            style.next_paragraph_style = normal
        style.quick_style = True
        style.font.bold = True
        style.font.size = Pt(_HEADING_SIZES[level])
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(4)
        outline = OxmlElement("w:outlineLvl", {_W_VAL: str(level - 1)})
        style.element.get_or_add_pPr().insert_element_before(outline, *_AFTER_OUTLINE_LEVEL)
        self._by_name[style.name.lower() if style.name else ""] = style
        return style

    @property
    def title(self) -> ParagraphStyle:
        """The style "Title", or "Heading 1" where the document has no title style."""
        style = self.find("Title")
        return style if style is not None else self.heading(1)


# --- language and properties ---------------------------------------------------------


def _child(parent: Any, tag: str, successors: Iterable[str] = ()) -> Any:
    """``parent``'s first ``tag`` child, added in schema order if it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *successors)
    return found


def _set_language(document: Document, tag: str) -> None:
    """Make ``tag`` the language of the document's text: the default run properties
    in the styles part, the styles that spelt out the old default, and the theme
    fonts' language in the settings."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = _child(defaults, "w:rPrDefault", ("w:pPrDefault",))
    run_properties = _child(run_defaults, "w:rPr")
    language = _child(run_properties, "w:lang", _AFTER_LANGUAGE)
    old = language.get(_W_VAL)
    language.set(_W_VAL, tag)
    if old is not None:
        for element in styles.iter(qn("w:lang")):
            if element.get(_W_VAL) == old:
                element.set(_W_VAL, tag)
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(_W_VAL, tag)


def _core_text(text: str, where: str) -> str:
    text = " ".join(clean(text, where).split())
    if len(text) <= _CORE_PROPERTY_LIMIT:
        return text
    return text[: _CORE_PROPERTY_LIMIT - 1] + "…"


def _set_properties(document: Document, report: Report, title: str, *, fresh: bool) -> None:
    """Title, subject, language, dates and author in the core properties (File >
    Info; Word's accessibility checker asks for the title)."""
    properties = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.title = _core_text(title, "report title")
    properties.subject = _core_text(report.label(report.schema.title), "schema title")
    properties.language = LANGUAGE_TAGS[report.language]
    properties.modified = now
    properties.last_modified_by = "omstilling"
    if fresh:
        properties.created = now
        properties.revision = 1
    if fresh or properties.author == "python-docx":
        properties.author = "omstilling"


# --- text ----------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """``text`` split into paragraphs on blank lines."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text.strip()) if part.strip()]


def _shade(run: Run, fill: str) -> None:
    shading = OxmlElement("w:shd", {_W_VAL: "clear", _W_COLOR: "auto", _W_FILL: fill})
    run._r.get_or_add_rPr().insert_element_before(shading, *_AFTER_RUN_SHADING)


def _rag_run(paragraph: Paragraph, rag: Rag, report: Report) -> Run:
    """The status as a shaded word: colour and text, never colour alone."""
    run = paragraph.add_run(f"\u00a0{report.label(RAG_LABELS[rag])}\u00a0")
    _shade(run, RAG_COLOURS[rag])
    return run


class _Writer:
    """Writes one report into one document."""

    def __init__(self, document: Document, report: Report, *, fresh: bool = True) -> None:
        self.document = document
        self.report = report
        self.styles = _Styles(document)
        self.bullet = self.styles.find("List Bullet")
        # a fresh document holds only the title until the first section is written
        self.only_title = fresh
        # python-docx finds the end of the body and the last section by scanning the
        # whole document on every call; a report with thousands of sections would be
        # quadratic. The body's closing w:sectPr stays the same element (a new
        # section copies it into a paragraph before it), so both are kept here.
        self.end = document.element.body.get_or_add_sectPr()
        self.last = document.sections[-1]

    @property
    def text_width(self) -> int:
        """The width between the margins of the last section, in twips."""
        return _text_width(self.last)

    def paragraph(self, text: str = "", style: Any = None) -> Paragraph:
        """A new paragraph at the end of the document, in constant time."""
        element = OxmlElement("w:p")
        self.end.addprevious(element)
        paragraph = Paragraph(element, self.document._body)
        if text:
            paragraph.add_run(text)
        if style is not None:
            paragraph.style = style
        return paragraph

    # --- the parts of the report -----------------------------------------------------

    def title(self, title: str) -> None:
        """The title, and the period and publication date under it."""
        report = self.report
        self.paragraph(title, self.styles.title)
        parts = []
        if report.period is not None:
            period = format_value(report.period, FieldType.PERIOD, report.language)
            parts.append(f"{report.label(PERIOD)}: {period}")
        if report.published is not None:
            published = format_value(report.published, FieldType.DATE, report.language)
            parts.append(f"{report.label(PUBLISHED)}: {published}")
        if parts:
            subtitle = self.styles.find("Subtitle")
            paragraph = self.paragraph(style=subtitle)
            run = paragraph.add_run(clean(" · ".join(parts), "report period"))
            if subtitle is None:
                run.italic = True

    def section(self, section: Section, where: str) -> None:
        """A section of the report: heading, description, fields, table, timeline,
        note. A section whose table's words do not fit across a portrait page goes on
        landscape pages of its own."""
        report = self.report
        schema = report.schema.section(section.key)
        title = clean(section.title or report.label(schema.title), f"{where}, title")
        table = self.table_text(schema, section.rows, where) if schema.columns else None
        wide = table is not None and sum(table.narrowest) > self.portrait_width
        if wide != self.landscape:
            if self.only_title:
                # no page of the title alone: the first page turns with the table
                self.orient(self.last, landscape=wide)
            else:
                self.turn(landscape=wide)
        self.only_title = False
        self.paragraph(title, self.styles.heading(schema.level))
        if schema.description is not None:
            description = report.label(schema.description)
            for text in _paragraphs(clean(description, f"{where}, description")):
                self.paragraph(text)
        self.fields(schema.fields, section.values, where)
        if table is not None:
            self.table(table, section.rows, title)
            if schema.timeline is not None:
                self.timeline(schema, section.rows, title, where)
        if section.note:
            paragraph = self.paragraph()
            paragraph.add_run(clean(section.note, f"{where}, note")).italic = True

    def fields(self, columns: Sequence[Column], values: Mapping[str, Value], where: str) -> None:
        """A section's fields as "Label: value" paragraphs; long text as paragraphs and
        lists as bullets under a bold label."""
        report = self.report
        for column in columns:
            value = values.get(column.key)
            if value is None or value == ():
                continue
            at = f"{where}, field {column.key!r}"
            label = clean(report.label(column.label), f"{at}, label")
            if column.type is FieldType.PARAGRAPHS and isinstance(value, str):
                self.label(label)
                for text in _paragraphs(clean(value, at)):
                    self.paragraph(text)
            elif column.type is FieldType.TEXT_LIST and isinstance(value, tuple):
                self.label(label)
                for number, item in enumerate(value, start=1):
                    text = clean(item, f"{at}, item {number}")
                    if self.bullet is not None:
                        self.paragraph(text, self.bullet)
                    else:
                        self.paragraph(f"•\u00a0{text}")
            else:
                paragraph = self.paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                if isinstance(value, Rag):
                    _rag_run(paragraph, value, report)
                else:
                    paragraph.add_run(clean(format_value(value, column.type, report.language), at))

    def label(self, label: str) -> None:
        """A bold label that stays on the page of what follows it."""
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(label).bold = True

    # --- tables ----------------------------------------------------------------------

    def cell_texts(self, column: Column, value: Value, where: str) -> list[str]:
        """The paragraphs of one table cell."""
        if value is None:
            return []
        if column.type is FieldType.TEXT_LIST and isinstance(value, tuple):
            return [clean(item, where) for item in value]
        if column.type is FieldType.PARAGRAPHS and isinstance(value, str):
            return _paragraphs(clean(value, where))
        return [clean(format_value(value, column.type, self.report.language), where)]

    def table_text(
        self, schema: SectionSchema, rows: Sequence[Mapping[str, Value]], where: str
    ) -> _TableText | None:
        """The text of a section's table, or ``None`` if it has no rows."""
        if not rows:
            return None
        report = self.report
        columns = schema.columns
        headers = [
            [clean(report.label(c.label), f"{where}, label of column {c.key!r}")] for c in columns
        ]
        body = [
            [
                self.cell_texts(c, row.get(c.key), f"{where}, row {number}, column {c.key!r}")
                for c in columns
            ]
            for number, row in enumerate(rows, start=1)
        ]
        return _TableText(columns, headers, body)

    def table(self, text: _TableText, rows: Sequence[Mapping[str, Value]], title: str) -> None:
        """The table: a bold header row that repeats on every page, columns fitted to
        the text, numbers to the right, statuses shaded."""
        columns = text.columns
        widths = _column_widths(text.words, text.lines, self.text_width)
        right = [c.type in _NUMERIC for c in columns]
        tbl_element = CT_Tbl.new_tbl(0, len(columns), Emu(self.text_width * _EMU_PER_TWIP))
        self.end.addprevious(tbl_element)
        table = Table(tbl_element, self.document._body)
        grid_style = self.styles.find("Table Grid", WD_STYLE_TYPE.TABLE)
        if grid_style is not None:
            table.style = grid_style
        tbl = table._tbl
        _table_properties(tbl.tblPr, title, borders=grid_style is None)
        for grid_column, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = Emu(width * _EMU_PER_TWIP)
        tbl.append(_row(tbl, text.headers, widths, right, header=True))
        body = _BodyRows(tbl, widths, right)
        keys = [c.key for c in columns]
        for row, texts in zip(rows, text.body, strict=True):
            tbl.append(body.row(texts, [_fill(row.get(key)) for key in keys]))

    @property
    def landscape(self) -> bool:
        """Whether the last section's pages are wider than tall."""
        section = self.last
        return (section.page_width or Mm(210)) > (section.page_height or Mm(297))

    @property
    def portrait_width(self) -> int:
        """The text width of the last section's pages turned to portrait, in twips."""
        section = self.last
        width, height = section.page_width or Mm(210), section.page_height or Mm(297)
        margins = (section.left_margin or Mm(25)) + (section.right_margin or Mm(25))
        return (min(int(width), int(height)) - int(margins)) // _EMU_PER_TWIP

    def turn(self, *, landscape: bool) -> None:
        """Start a section on a new page, turned to ``landscape`` or back to portrait,
        with the headers and footers of the section before it."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self.last = section
        self.orient(section, landscape=landscape)
        # a letterhead's first-page header belongs on the document's first page only
        section.different_first_page_header_footer = False

    @staticmethod
    def orient(section: Any, *, landscape: bool) -> None:
        """Turn ``section``'s pages to ``landscape`` or to portrait."""
        width, height = section.page_width or Mm(210), section.page_height or Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (max(width, height), min(width, height))
            if landscape
            else (min(width, height), max(width, height))
        )

    # --- timelines -------------------------------------------------------------------

    def timeline(
        self, schema: SectionSchema, rows: Sequence[Mapping[str, Value]], title: str, where: str
    ) -> None:
        """The timeline picture after the table, with alt text (and its title as a
        caption), unless no row has both dates."""
        report = self.report
        timeline = schema.timeline
        caption = None
        if timeline is not None and timeline.title is not None:
            caption = clean(report.label(timeline.title), f"{where}, timeline title")
        lead = caption or f"{report.label(TIMELINE_OF)} {title}"
        from . import _timeline  # matplotlib: imported for the first timeline only

        picture = _timeline.picture(report, schema, rows, lead, where, self.text_width / 1440)
        if picture is None:
            return
        captioned = caption is not None
        width = min(self.text_width * _EMU_PER_TWIP, int(Inches(picture.width_inches)))
        paragraph = self.paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = captioned
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.png), width=Emu(width))
        shape._inline.docPr.set("descr", clean(picture.alt_text, f"{where}, timeline"))
        if caption is not None:
            self.paragraph(caption, self.styles.find("Caption"))

    # --- page numbers ----------------------------------------------------------------

    def page_numbers(self) -> None:
        """Put "Side X" (or "Page X") in every footer that shows no page number yet."""
        document = self.document
        odd_and_even = document.settings.odd_and_even_pages_header_footer
        for index, section in enumerate(document.sections):
            footers = [section.footer]
            if section.different_first_page_header_footer:
                footers.append(section.first_page_footer)
            if odd_and_even:
                footers.append(section.even_page_footer)
            for footer in footers:
                if index > 0 and footer.is_linked_to_previous:
                    continue  # shows the previous section's footer
                if _has_page_field(footer._element):
                    continue
                self.page_number(footer)

    def page_number(self, footer: Any) -> None:
        """A right-aligned "Side X" paragraph in ``footer``: its empty paragraph, or a
        new one after its content."""
        paragraphs = footer.paragraphs
        empty = len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs
        paragraph = paragraphs[0] if empty else footer.add_paragraph()
        style = self.styles.find("Footer")
        if style is not None:
            paragraph.style = style
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(f"{self.report.label(PAGE)} ")
        _page_field(paragraph)


def _has_page_field(element: Any) -> bool:
    instructions = [text or "" for text in element.xpath(".//w:instrText/text()")]
    instructions += element.xpath(".//w:fldSimple/@w:instr")
    return any(re.match(r"\s*PAGE\b", instruction) for instruction in instructions)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field (the current page number) at the end of ``paragraph``: begin,
    instruction, separator, the last computed result ("1"), end."""
    field_char = qn("w:fldCharType")
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {field_char: "begin"}))
    instruction = OxmlElement("w:instrText", {_XML_SPACE: "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {field_char: "separate"}))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {field_char: "end"}))


# --- table XML -----------------------------------------------------------------------


def _text_width(section: Any) -> int:
    """The width between a section's margins, in twips (A4 with 2.5 cm margins where
    the section does not say)."""
    page = section.page_width or Mm(210)
    margins = (section.left_margin or Mm(25)) + (section.right_margin or Mm(25))
    return max(int(Inches(2)), int(page) - int(margins)) // _EMU_PER_TWIP


class _TableText:
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


def _column_widths(words: Sequence[float], lines: Sequence[float], total: int) -> list[int]:
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


def _table_properties(properties: Any, title: str, *, borders: bool) -> None:
    """A caption (the table's alt text) and, where the document has no grid style,
    single borders on every cell."""
    if borders:
        element = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element.append(
                OxmlElement(
                    f"w:{side}",
                    {_W_VAL: "single", qn("w:sz"): "4", qn("w:space"): "0", _W_COLOR: "auto"},
                )
            )
        properties.insert_element_before(element, *_AFTER_TABLE_BORDERS)
    caption = OxmlElement("w:tblCaption", {_W_VAL: title[:_CORE_PROPERTY_LIMIT]})
    properties.insert_element_before(caption, *_AFTER_TABLE_CAPTION)


def _fill(value: Value) -> str | None:
    return RAG_COLOURS[value] if isinstance(value, Rag) else None


def _sub(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    child = parent.makeelement(tag, attributes or {})
    parent.append(child)
    return child


def _row(
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
            _sub(cell_properties, _SHD, {_W_VAL: "clear", _W_COLOR: "auto", _W_FILL: fill})
        for text in paragraphs or [""]:
            p = _sub(tc, _P)
            paragraph_properties = _sub(p, _PPR)
            _sub(paragraph_properties, _SPACING, {_W_BEFORE: "0", _W_AFTER: "0"})
            if right[index]:
                _sub(paragraph_properties, _JC, {_W_VAL: "right"})
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
                    t.set(_XML_SPACE, "preserve")


_EMPTY, _PLAIN, _SPACED = 0, 1, 2
"""What a cell of a prototype row holds: no text, or a line of text without (or with)
spaces at its ends."""
_PLACEHOLDERS = {_EMPTY: [], _PLAIN: ["x"], _SPACED: [" x "]}
_MAX_PROTOTYPES = 256
"""Prototype rows kept per table at most (a shape is the kind and shading of every
cell: a table has a handful)."""


class _BodyRows:
    """Makes the body rows of one table.

    Rows of a table mostly differ only in their text: which cells are empty, which are
    shaded, and the words. So a row is a copy of a prototype ``w:tr`` of the same
    shape (made once, by :func:`_row`), with its texts put into the copy's ``w:t``
    elements: lxml copies the elements in C, in about a tenth of the time of making
    them one by one. A row with a cell of several paragraphs, a line break or a tab
    is made by :func:`_row` itself, and so is every row of a new shape once a table
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
        return _row(self._table, cells, self._widths, self._right, fills=fills)


# --- the whole document --------------------------------------------------------------


def _places(report: Report) -> list[str]:
    """How warnings name each section: ``section 'status'``, and for a section that
    occurs more than once, which one (``section 'deltaker' (2 of 3)``)."""
    counts = Counter(section.key for section in report.sections)
    seen: Counter[str] = Counter()
    places = []
    for section in report.sections:
        seen[section.key] += 1
        place = f"section {section.key!r}"
        if counts[section.key] > 1:
            place += f" ({seen[section.key]} of {counts[section.key]})"
        places.append(place)
    return places


def render(report: Report, options: ExportOptions) -> bytes:
    """``report`` as the bytes of a .docx file, appended to ``options.base`` if given."""
    document = _open(options.base)
    _set_language(document, LANGUAGE_TAGS[report.language])
    title = clean(report.title, "report title")
    _set_properties(document, report, title, fresh=options.base is None)
    writer = _Writer(document, report, fresh=options.base is None)
    writer.title(title)
    for section, where in zip(report.sections, _places(report), strict=True):
        writer.section(section, where)
    writer.page_numbers()
    options.customise_docx(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
