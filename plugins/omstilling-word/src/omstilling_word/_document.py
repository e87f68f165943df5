"""Building the Word document with python-docx: the report's parts written in order
into the document ``_base`` opens, with the styles of ``_styles`` and the tables of
``_tables``.

Imported only when a report is exported: python-docx (and lxml under it) is heavy;
matplotlib only when a timeline is drawn.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Inches, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, format_value
from omstilling.hookspecs import ExportOptions
from omstilling.model import Rag
from omstilling.report import Column, FieldType, Report, Section, SectionSchema, Value

from ._base import open_base
from ._styles import Styles, set_language, set_properties
from ._tables import (
    NUMERIC,
    BodyRows,
    TableText,
    cell_fill,
    column_widths,
    section_text_width,
    table_properties,
    table_row,
)
from ._words import LANGUAGE_TAGS, PAGE, PERIOD, PUBLISHED, TIMELINE_OF, clean
from ._xml import EMU_PER_TWIP, W_COLOR, W_FILL, W_VAL, XML_SPACE

__all__ = ["render"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

# What may follow a run's shading in its properties, for inserting it in schema order.
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


# --- text ----------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """``text`` split into paragraphs on blank lines."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text.strip()) if part.strip()]


def _shade(run: Run, fill: str) -> None:
    shading = OxmlElement("w:shd", {W_VAL: "clear", W_COLOR: "auto", W_FILL: fill})
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
        self.styles = Styles(document)
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
        return section_text_width(self.last)

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
    ) -> TableText | None:
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
        return TableText(columns, headers, body)

    def table(self, text: TableText, rows: Sequence[Mapping[str, Value]], title: str) -> None:
        """The table: a bold header row that repeats on every page, columns fitted to
        the text, numbers to the right, statuses shaded."""
        columns = text.columns
        widths = column_widths(text.words, text.lines, self.text_width)
        right = [c.type in NUMERIC for c in columns]
        tbl_element = CT_Tbl.new_tbl(0, len(columns), Emu(self.text_width * EMU_PER_TWIP))
        self.end.addprevious(tbl_element)
        table = Table(tbl_element, self.document._body)
        grid_style = self.styles.find("Table Grid", WD_STYLE_TYPE.TABLE)
        if grid_style is not None:
            table.style = grid_style
        tbl = table._tbl
        table_properties(tbl.tblPr, title, borders=grid_style is None)
        for grid_column, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = Emu(width * EMU_PER_TWIP)
        tbl.append(table_row(tbl, text.headers, widths, right, header=True))
        body = BodyRows(tbl, widths, right)
        keys = [c.key for c in columns]
        for row, texts in zip(rows, text.body, strict=True):
            tbl.append(body.row(texts, [cell_fill(row.get(key)) for key in keys]))

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
        return (min(int(width), int(height)) - int(margins)) // EMU_PER_TWIP

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
        width = min(self.text_width * EMU_PER_TWIP, int(Inches(picture.width_inches)))
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
    instruction = OxmlElement("w:instrText", {XML_SPACE: "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {field_char: "separate"}))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {field_char: "end"}))


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
    document = open_base(options.base)
    set_language(document, LANGUAGE_TAGS[report.language])
    title = clean(report.title, "report title")
    set_properties(document, report, title, fresh=options.base is None)
    writer = _Writer(document, report, fresh=options.base is None)
    writer.title(title)
    for section, where in zip(report.sections, _places(report), strict=True):
        writer.section(section, where)
    writer.page_numbers()
    options.call("customise_docx", document=document, report=report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
