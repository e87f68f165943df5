"""Building the Word document with python-docx: the report's parts written in order
into the document ``_base`` opens, with the styles of ``_styles`` and the tables of
``_tables``.

Imported only when a report is exported: python-docx (and lxml under it) is heavy;
matplotlib only when a timeline is drawn.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, format_value
from omstilling.hookspecs import ExportOptions
from omstilling.model import Rag
from omstilling.presentation import shown, title_block
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Presentation,
    Report,
    Section,
    SectionSchema,
    Value,
)

from ._base import open_base
from ._fit import PADDING, text_width
from ._styles import Styles, set_language, set_properties
from ._tables import (
    NUMERIC,
    TableText,
    add_table,
    body_font_size,
    cell_fill,
    fits_portrait,
    section_text_width,
    table_properties,
    table_row,
)
from ._words import CHART_OF, LANGUAGE_TAGS, PAGE, TIMELINE_OF, clean
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


_FIGURE_LABEL = Column(key="label", type=FieldType.TEXT, label=Labels("Label"))
_FIGURE_VALUE = Column(key="value", type=FieldType.TEXT, label=Labels("Value"))
"""The two columns of a key-figure table, for fitting their widths to the text."""

_NOT_WORD = re.compile(r"\W+")
_NO_VALUE: tuple[Value, ...] = (None, (), "")
"""What stands for no value in a field."""


# --- text ----------------------------------------------------------------------------


def _same_words(label: str, heading: str) -> bool:
    """Whether ``label`` says what ``heading`` says ("Bakgrunn" under "Bakgrunn:")."""
    words = _NOT_WORD.sub(" ", label).strip().casefold()
    return bool(words) and words == _NOT_WORD.sub(" ", heading).strip().casefold()


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

    def __init__(self, document: Document, report: Report) -> None:
        self.document = document
        self.report = report
        self.styles = Styles(document)
        self.bullet = self.styles.find("List Bullet")
        self.size = body_font_size(document)
        self._shown = shown(report)
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

    def title_block(self) -> None:
        """The report type as the title; the programme and the period (or "per" the
        date) under it; then the issue date, the owner and the case reference."""
        block = title_block(self.report)
        title = self.paragraph(clean(block.title, "report type"), self.styles.title)
        title.paragraph_format.keep_with_next = True
        subtitle_style = self.styles.find("Subtitle")
        subtitle = self.paragraph(style=subtitle_style)
        subtitle.paragraph_format.keep_with_next = bool(block.lines)
        run = subtitle.add_run(clean(block.subtitle, "report title"))
        if subtitle_style is None:
            run.italic = True
        for number, line in enumerate(block.lines, start=1):
            paragraph = self.paragraph(clean(line, "title block"))
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = number < len(block.lines)
        if block.lines:
            paragraph.paragraph_format.space_after = Pt(12)

    def section(self, section: Section, where: str, table: TableText | None) -> None:
        """A section of the report: heading, description, fields (or key figures),
        table, timeline, note."""
        report = self.report
        schema = report.schema.section(section.key)
        title = clean(section.title or report.label(schema.title), f"{where}, title")
        heading = self.paragraph(title, self.styles.heading(schema.level))
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        if schema.description is not None:
            description = report.label(schema.description)
            for text in _paragraphs(clean(description, f"{where}, description")):
                self.paragraph(text).paragraph_format.keep_with_next = True
        fields = self._shown[schema.key].fields
        shown_as = schema.shown_as
        if shown_as is Presentation.KEY_FIGURES and fields:
            self.figures(fields, section.values, title, where)
        else:
            narrative = shown_as is Presentation.NARRATIVE
            self.fields(fields, section.values, where, heading=title, narrative=narrative)
        if table is not None:
            if schema.chart is not None:
                self.chart(schema, section.rows, title, where)
            self.table(table, section.rows, title)
            if schema.timeline is not None:
                self.timeline(schema, section.rows, title, where)
        if section.note:
            paragraph = self.paragraph()
            paragraph.add_run(clean(section.note, f"{where}, note")).italic = True

    def fields(
        self,
        columns: Sequence[Column],
        values: Mapping[str, Value],
        where: str,
        *,
        heading: str = "",
        narrative: bool = False,
    ) -> None:
        """A section's fields with a value as "Label: value" paragraphs; long text as
        paragraphs and lists as bullets under a bold label. No label where it would
        repeat the heading, nor in running text (``narrative``) of a single field."""
        report = self.report
        present = [c for c in columns if values.get(c.key) not in _NO_VALUE]
        for column in present:
            value = values[column.key]
            at = f"{where}, field {column.key!r}"
            label = clean(report.label(column.label), f"{at}, label")
            untitled = _same_words(label, heading) or (narrative and len(present) == 1)
            text_type = column.type is FieldType.PARAGRAPHS or (
                narrative and column.type is FieldType.TEXT
            )
            if text_type and isinstance(value, str):
                if not untitled:
                    self.label(label)
                for text in _paragraphs(clean(value, at)):
                    self.paragraph(text)
            elif column.type is FieldType.TEXT_LIST and isinstance(value, tuple):
                if not untitled:
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

    def figures(
        self, columns: Sequence[Column], values: Mapping[str, Value], title: str, where: str
    ) -> None:
        """Key figures as a compact table of two columns, label and value (a status
        as shading and word), kept on one page."""
        report = self.report
        lines: list[tuple[Column, str, list[str], str | None]] = []
        for column in columns:
            value = values.get(column.key)
            if value in _NO_VALUE:
                continue
            at = f"{where}, field {column.key!r}"
            label = clean(report.label(column.label), f"{at}, label")
            lines.append((column, label, self.cell_texts(column, value, at), cell_fill(value)))
        if not lines:
            return
        body = [[[label], texts] for _, label, texts, _ in lines]
        # as wide as the longest label and value on one line (ems at the body's size
        # in twips, with a tenth to spare), where the page allows
        widths = [
            math.ceil(max(text_width(t) for row in body for t in row[i]) * self.size * 22) + PADDING
            for i in (0, 1)
        ]
        if sum(widths) > self.text_width:
            pair = (_FIGURE_LABEL, _FIGURE_VALUE)
            widths = TableText(pair, [[""], [""]], body, size=self.size).fit(self.text_width).widths
        tbl = self.new_table(widths, title)
        for number, (column, label, texts, fill) in enumerate(lines, start=1):
            right = [False, column.type in NUMERIC]
            tr = table_row(tbl, [[label], texts], widths, right, fills=[None, fill])
            if number < len(lines):
                for properties in tr.iter(qn("w:pPr")):
                    properties.insert(0, OxmlElement("w:keepNext"))
            tbl.append(tr)
        self.paragraph().paragraph_format.space_after = Pt(0)

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
        columns = self._shown[schema.key].columns
        if not columns:
            return None
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
        return TableText(columns, headers, body, size=self.size)

    def table(self, text: TableText, rows: Sequence[Mapping[str, Value]], title: str) -> None:
        """The table: a bold header row that repeats on every page, columns fitted to
        the text, numbers to the right, statuses shaded."""
        grid_style = self.styles.find("Table Grid", WD_STYLE_TYPE.TABLE)
        add_table(
            self.end, self.document._body, text, rows, title, section=self.last, style=grid_style
        )

    def new_table(self, widths: Sequence[int], title: str) -> Any:
        """An empty ``w:tbl`` at the end of the document with columns of ``widths``
        (twips), in the grid style where the document has one, captioned ``title``."""
        total = sum(widths)
        tbl_element = CT_Tbl.new_tbl(0, len(widths), Emu(total * EMU_PER_TWIP))
        self.end.addprevious(tbl_element)
        table = Table(tbl_element, self.document._body)
        grid_style = self.styles.find("Table Grid", WD_STYLE_TYPE.TABLE)
        if grid_style is not None:
            table.style = grid_style
        tbl = table._tbl
        table_properties(tbl.tblPr, title, borders=grid_style is None)
        for grid_column, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = Emu(width * EMU_PER_TWIP)
        return tbl

    @property
    def landscape(self) -> bool:
        """Whether the last section's pages are wider than tall."""
        section = self.last
        return (section.page_width or Mm(210)) > (section.page_height or Mm(297))

    def fits_portrait(self, text: TableText) -> bool:
        """Whether ``text`` fits across a portrait page without breaking words."""
        return fits_portrait(text, self.portrait_width)

    @property
    def portrait_width(self) -> int:
        """The text width of the last section's pages turned to portrait, in twips."""
        section = self.last
        width, height = section.page_width or Mm(210), section.page_height or Mm(297)
        margins = (section.left_margin or Mm(25)) + (section.right_margin or Mm(25))
        return (min(int(width), int(height)) - int(margins)) // EMU_PER_TWIP

    def orient_all(self, *, landscape: bool) -> None:
        """Turn every page of the document to ``landscape`` or to portrait: one
        orientation for the whole document."""
        for section in self.document.sections:
            self.orient(section, landscape=landscape)

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
        caption above it), unless no row has a date."""
        report = self.report
        timeline = schema.timeline
        caption = None
        if timeline is not None and timeline.title is not None:
            caption = clean(report.label(timeline.title), f"{where}, timeline title")
        lead = caption or f"{report.label(TIMELINE_OF)} {title}"
        from . import _charts, _timeline  # matplotlib: imported for the first picture only

        picture = _timeline.picture(report, schema, rows, lead, where, self.text_width / 1440)
        if picture is not None:
            self.picture(_charts, picture, caption, where)

    def chart(
        self, schema: SectionSchema, rows: Sequence[Mapping[str, Value]], title: str, where: str
    ) -> None:
        """The chart of the section's table (before the table), with its title as a
        caption above it and alt text that gives its data in words."""
        report = self.report
        chart = schema.chart
        if chart is None:
            return
        caption = None
        if chart.title is not None:
            caption = clean(report.label(chart.title), f"{where}, chart title")
        lead = caption or f"{report.label(CHART_OF)} {title}"
        from . import _charts  # matplotlib: imported for the first picture only

        picture = _charts.chart_picture(report, schema, rows, lead, self.text_width / 1440)
        if picture is not None:
            self.picture(_charts, picture, caption, where, heading=title)

    def picture(
        self, charts: Any, picture: Any, caption: str | None, where: str, heading: str = ""
    ) -> None:
        """``picture`` across the text width at most, its caption above it (unless
        the same as the ``heading`` above that)."""
        charts.place_picture(
            self.paragraph,
            picture,
            caption=caption,
            caption_style=self.styles.find("Caption"),
            text_width=self.text_width * EMU_PER_TWIP,
            where=where,
            heading=heading,
        )

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
    """``report`` as the bytes of a .docx file, appended to ``options.base`` if given.

    The whole document takes one orientation: landscape only where some table
    cannot fit across a portrait page at all."""
    document = open_base(options.base)
    set_language(document, LANGUAGE_TAGS[report.language])
    set_properties(document, report, fresh=options.base is None)
    writer = _Writer(document, report)
    places = _places(report)
    tables = [
        writer.table_text(report.schema.section(section.key), section.rows, where)
        if section.rows
        else None
        for section, where in zip(report.sections, places, strict=True)
    ]
    wide = any(table is not None and not writer.fits_portrait(table) for table in tables)
    if wide != writer.landscape:
        writer.orient_all(landscape=wide)
    writer.title_block()
    for section, where, table in zip(report.sections, places, tables, strict=True):
        writer.section(section, where, table)
    writer.page_numbers()
    options.call("customise_docx", document=document, report=report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
