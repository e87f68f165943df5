"""The Word exporter: what a reader, a screen reader and Word's navigation pane find in
the document, read back with python-docx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from decimal import Decimal
from importlib import metadata
from typing import Any

import attrs
import docx
import omstilling_word
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from omstilling_word import _tables, to_docx
from word_samples import (
    MILESTONES,
    SCHEMA,
    alt_texts,
    body_items,
    headings,
    reopen,
    sample_report,
)

from omstilling.formatting import RAG_COLOURS, ExportWarning, format_value
from omstilling.hookspecs import ExportOptions
from omstilling.model import Language, Money, Rag
from omstilling.report import Column, FieldType, Labels, Report, Section, SectionSchema
from omstilling.testing import check_plugin

HEAVY = ("docx", "lxml", "matplotlib")


@pytest.fixture(scope="module")
def sample() -> Any:
    """The sample report in bokmål, exported and opened again."""
    return reopen(to_docx(sample_report()))


def _table_after(document: Any, heading: str) -> Any:
    items = body_items(document)
    for index, item in enumerate(items):
        if item.tag == qn("w:p") and Paragraph(item, document).text == heading:
            following = items[index + 1 :]
            return next(docx.table.Table(t, document) for t in following if t.tag == qn("w:tbl"))
    raise AssertionError(f"no heading {heading!r}")


# --- registration ----------------------------------------------------------------------


def test_the_plugin_registers_the_docx_exporter() -> None:
    plugins = check_plugin(omstilling_word, "word")
    [exporter] = omstilling_word.exporters()
    assert (exporter.id, exporter.suffix) == ("docx", ".docx")
    assert exporter.media_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert exporter.export is to_docx
    assert plugins.exporter(".docx").export is to_docx


def test_the_entry_point_names_the_package() -> None:
    points = metadata.entry_points(group="omstilling")
    assert {p.name: p.value for p in points}["word"] == "omstilling_word"


def test_importing_the_plugin_stays_light() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import omstilling_word"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "omstilling_word" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


_NO_TIMELINE = """
import sys
from omstilling.report import Column, FieldType, Labels, Report, ReportSchema, Section
from omstilling.report import SectionSchema
from omstilling_word import to_docx

column = Column(key="a", type=FieldType.TEXT, label=Labels("A"))
section = SectionSchema(key="s", title=Labels("S"), columns=(column,))
schema = ReportSchema(id="t", title=Labels("T"), sections=(section,))
rows = ({"a": "x"},)
to_docx(Report(schema=schema, title="T", programme="p", sections=(Section(key="s", rows=rows),)))
print(sorted(set(sys.modules) & {"docx", "matplotlib"}))
"""


def test_matplotlib_is_imported_for_a_timeline_only() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _NO_TIMELINE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['docx']"


# --- headings, title, language ---------------------------------------------------------


def test_title_and_sections_have_real_heading_styles(sample: Any) -> None:
    assert headings(sample) == [
        ("Title", "Statusrapport"),
        ("Heading 1", "Om programmet"),
        ("Heading 2", "Status per delprosjekt"),
        ("Heading 2", "Milepælsplan"),
    ]


def test_the_programme_period_and_issue_date_stand_under_the_title(sample: Any) -> None:
    subtitle = sample.paragraphs[1]
    assert subtitle.style.name == "Subtitle"
    assert subtitle.text == "Statusrapport Flesberg og Rollag – 1. tertial 2014"
    assert sample.paragraphs[2].text == "Utgitt: 15. mai 2014"


@pytest.mark.parametrize(
    ("language", "tag", "page", "heading"),
    [
        (Language.NB, "nb-NO", "Side ", "Om programmet"),
        (Language.NN, "nn-NO", "Side ", "Om programmet"),
        (Language.EN, "en-GB", "Page ", "About the programme"),
    ],
)
def test_the_document_language_and_page_numbers(
    language: Language, tag: str, page: str, heading: str
) -> None:
    document = reopen(to_docx(sample_report(language)))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == (
        tag
    )
    assert document.core_properties.language == tag
    assert document.core_properties.title.endswith(" – Statusrapport Flesberg og Rollag")
    assert headings(document)[1] == ("Heading 1", heading)

    footer = document.sections[0].footer
    assert footer.paragraphs[-1].text == f"{page}1"
    assert [t.text for t in footer._element.iter(qn("w:instrText"))] == [" PAGE "]
    kinds = [c.get(qn("w:fldCharType")) for c in footer._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_no_base_means_a4_paper() -> None:
    section = reopen(to_docx(sample_report())).sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# --- fields ----------------------------------------------------------------------------


def test_fields_are_label_and_value_paragraphs(sample: Any) -> None:
    texts = [p.text for p in sample.paragraphs]
    start = texts.index("Om programmet")
    assert texts[start + 1 : start + 12] == [
        "Kort om programmet.",
        "Programleder: Kari Nordmann",
        f"Budsjett: {format_value(Money(1234500), FieldType.MONEY)}",
        "Samlet status: \u00a0Gul\u00a0",
        "Bakgrunn",
        "Første avsnitt.",
        "Andre avsnitt.",
        "Fokusområder",
        "Helse og omsorg",
        "Oppvekst",
        "Tallene er foreløpige.",
    ]
    paragraphs = sample.paragraphs
    assert paragraphs[start + 2].runs[0].bold
    assert [paragraphs[start + i].style.name for i in (9, 10)] == ["List Bullet"] * 2
    assert paragraphs[start + 11].runs[0].italic


def test_a_rag_field_is_a_shaded_word(sample: Any) -> None:
    paragraph = next(p for p in sample.paragraphs if p.text.startswith("Samlet status"))
    run = paragraph.runs[-1]
    assert run.text.strip() == "Gul"
    shading = run._r.rPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == RAG_COLOURS[Rag.AMBER]


# --- tables ----------------------------------------------------------------------------


def test_the_header_row_repeats_on_every_page_and_is_bold(sample: Any) -> None:
    table = _table_after(sample, "Status per delprosjekt")
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    header_runs = [run for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs]
    assert [r.text for r in header_runs] == ["Delprosjekt", "Status", "Forbruk", "Kommentar"]
    assert all(r.bold for r in header_runs)
    assert table.style.name == "Table Grid"
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Status per delprosjekt"


def test_cells_hold_formatted_values(sample: Any) -> None:
    table = _table_after(sample, "Status per delprosjekt")
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert len(cells) == 5
    assert cells[1] == ["Helse", "Grønn", "350\u00a0000,50\u00a0kr", "Går etter planen."]
    assert cells[2][3] == "Forsinket.\nNy frist i juni."  # two paragraphs
    assert cells[3] == ["Styring", "Ikke\u00a0vurdert", "", ""]  # kept on one line
    money = table.rows[1].cells[2].paragraphs[0]
    assert money.alignment == WD_ALIGN_PARAGRAPH.RIGHT  # numbers to the right


def _rows_of_every_shape() -> tuple[dict[str, Any], ...]:
    """Subprojects whose cells are empty, shaded, plain, with spaces at their ends, tabs,
    line breaks and several paragraphs, most shapes many times over."""
    names = ["Helse {}", " innrykk {}", "mellomrom {} ", "fane\t{}", "linje\n{}", ""]
    comments = [None, "Én linje.", "To\n\navsnitt.", "  "]
    rags: list[Rag | None] = [*Rag, None]
    rows = []
    for i in range(60):
        row: dict[str, Any] = {
            "navn": names[i % len(names)].format(i) or None,
            "status": rags[i % len(rags)],
            "forbruk": Money(Decimal(1000 * i)) if i % 4 else None,
            "kommentar": comments[i % len(comments)],
        }
        rows.append({key: value for key, value in row.items() if value is not None})
    return tuple(rows)


def test_rows_copied_from_prototypes_are_the_rows_built_element_by_element(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = sample_report(subprojects=_rows_of_every_shape())
    copied = [table._tbl.xml for table in reopen(to_docx(report)).tables]
    monkeypatch.setattr(_tables, "_MAX_PROTOTYPES", 0)  # every row built by hand
    built = [table._tbl.xml for table in reopen(to_docx(report)).tables]
    assert copied == built
    table = reopen(to_docx(report)).tables[0]
    assert len(table.rows) == 61
    assert table.rows[2].cells[0].text == " innrykk 1"
    assert table.rows[5].cells[0].text == "linje\n4"


def test_rag_cells_are_shaded_and_say_the_status(sample: Any) -> None:
    table = _table_after(sample, "Status per delprosjekt")
    found = []
    for row in table.rows[1:]:
        cell = row.cells[1]
        shading = cell._tc.tcPr.find(qn("w:shd"))
        found.append((cell.text, shading.get(qn("w:fill"))))
    assert found == [
        ("Grønn", RAG_COLOURS[Rag.GREEN]),
        ("Rød", RAG_COLOURS[Rag.RED]),
        ("Ikke\u00a0vurdert", RAG_COLOURS[Rag.NOT_ASSESSED]),
        ("Gul", RAG_COLOURS[Rag.AMBER]),
    ]
    assert table.rows[1].cells[0]._tc.tcPr.find(qn("w:shd")) is None


def test_column_widths_fill_the_text_width(sample: Any) -> None:
    table = _table_after(sample, "Status per delprosjekt")
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    section = sample.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert sum(widths) == text_width
    assert all(w > 0 for w in widths)


def _wide_report() -> Report:
    """The sample report with a twelve-column table that cannot fit a portrait page."""
    keys = [f"kolonne{i}" for i in range(12)]
    columns = tuple(
        Column(key=k, type=FieldType.TEXT, label=Labels(f"Overskrift{i}"))
        for i, k in enumerate(keys)
    )
    wide = SectionSchema(key="bred", title=Labels("Bred tabell"), columns=columns)
    schema = attrs.evolve(SCHEMA, sections=(*SCHEMA.sections, wide))
    report = sample_report(schema=schema)
    rows = (dict.fromkeys(keys, "verdi"),)
    sections = (*report.sections[:2], Section(key="bred", rows=rows), report.sections[2])
    return report.with_sections(sections)


def test_a_table_too_wide_for_portrait_turns_the_whole_document() -> None:
    document = reopen(to_docx(_wide_report()))
    [section] = document.sections  # one orientation, no page breaks of its own
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.page_width > section.page_height
    widths = [int(c.get(qn("w:w"))) for c in document.tables[1]._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert len(widths) == 12
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    assert sum(widths) == (section.page_width - margins) // 635


def test_a_document_whose_tables_fit_stays_portrait(sample: Any) -> None:
    assert [s.orientation for s in sample.sections] == [WD_ORIENT.PORTRAIT]


def test_an_empty_table_section_has_a_heading_and_no_table() -> None:
    report = sample_report()
    report = report.with_sections((Section(key="delprosjekter"),))
    document = reopen(to_docx(report))
    assert headings(document)[1] == ("Heading 2", "Status per delprosjekt")
    assert document.tables == []


# --- timelines -------------------------------------------------------------------------


def test_the_timeline_follows_its_table_with_alt_text(sample: Any) -> None:
    items = body_items(sample)
    tables = [i for i, item in enumerate(items) if item.tag == qn("w:tbl")]
    pictures = [i for i, item in enumerate(items) if item.xpath(".//wp:docPr")]
    assert len(tables) == 2
    assert pictures == [tables[1] + 1]
    assert alt_texts(sample) == [
        "Tidslinje for Milepælsplan: 6 oppføringer fra 1. desember 2013 til 31. mai 2014,"
        " 2 av dem ferdige. Forprosjekt: 1. desember 2013 – 31. januar 2014 (ferdig)."
        " Kartlegging: januar 2014 – februar 2014 (ferdig)."
        " Brukerundersøkelse: 10. februar 2014 – 20. mars 2014."
        " Politisk behandling: 30. april 2014. Ny organisering: 1. mars 2014 – 31. mai 2014."
        " Uten startdato: 1. mai 2014."
    ]
    [shape] = sample.inline_shapes
    assert shape.width <= sample.sections[0].page_width - 2 * sample.sections[0].left_margin
    image = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert sample.part.related_parts[image].content_type == "image/png"


def test_timeline_alt_text_in_english_with_groups() -> None:
    assert SCHEMA.sections[2].timeline is not None
    timeline = attrs.evolve(SCHEMA.sections[2].timeline, group="gruppe")
    section = attrs.evolve(SCHEMA.sections[2], timeline=timeline)
    schema = attrs.evolve(SCHEMA, sections=(*SCHEMA.sections[:2], section))
    document = reopen(to_docx(sample_report(Language.EN, schema=schema)))
    [text] = alt_texts(document)
    assert text.startswith(
        "Timeline of Milestones: 6 entries from 1 December 2013 to 31 May 2014 in 4 groups,"
        " 2 of them done. Forprosjekt: 1 December 2013 – 31 January 2014 (done)."
    )
    assert text.endswith(" Uten startdato: 1 May 2014.")


def test_no_timeline_without_rows_that_have_a_date() -> None:
    undated = tuple({**m, "start": None, "frist": None} for m in MILESTONES)
    document = reopen(to_docx(sample_report(milestones=undated)))
    assert len(document.tables) == 2
    assert alt_texts(document) == []


def test_a_timeline_of_many_rows_is_one_picture() -> None:
    many = tuple({**MILESTONES[0], "tittel": f"Milepæl {i}"} for i in range(300))
    document = reopen(to_docx(sample_report(milestones=many)))
    [text] = alt_texts(document)
    assert text.startswith("Tidslinje for Milepælsplan: 300 oppføringer fra")


# --- text XML cannot hold --------------------------------------------------------------


def test_control_characters_and_lone_surrogates_are_replaced_with_a_warning() -> None:
    report = sample_report()
    rows = ({"navn": "Hel\x00se\x0b", "status": Rag.GREEN, "kommentar": "a\ud800b\uffff"},)
    sections = (
        attrs.evolve(report.sections[0], note="Merk\x1f"),
        Section(key="delprosjekter", title="Del\x07prosjekter", rows=rows),
    )
    report = attrs.evolve(report, title="Flesberg\x01Rollag", sections=sections)
    with pytest.warns(ExportWarning) as warned:
        data = to_docx(report)
    messages = [str(w.message) for w in warned]
    assert any("section 'delprosjekter', row 1, column 'navn'" in m for m in messages)
    assert any("section 'delprosjekter', row 1, column 'kommentar'" in m for m in messages)
    assert any("report title" in m for m in messages)
    document = reopen(data)
    assert document.paragraphs[1].text.startswith("Flesberg\ufffdRollag – ")
    assert document.core_properties.title == "Statusrapport – Flesberg\ufffdRollag"
    assert headings(document)[2] == ("Heading 2", "Del\ufffdprosjekter")
    cells = [c.text for c in document.tables[0].rows[1].cells]
    # no row has a "Forbruk": the column is left out
    assert cells == ["Hel\ufffdse\ufffd", "Grønn", "a\ufffdb\ufffd"]


def test_a_very_long_title_fits_the_core_properties() -> None:
    title = "Statusrapport " * 50
    document = reopen(to_docx(attrs.evolve(sample_report(), title=title)))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert document.paragraphs[1].text == f"{title} – 1. tertial 2014"


# --- base documents and customisation --------------------------------------------------


def _base(*, drop_styles: tuple[str, ...] = ()) -> bytes:
    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "Flesberg kommune"
    base.add_paragraph("Til kommunestyret")
    for name in drop_styles:
        base.styles[name].delete()
    buffer = io.BytesIO()
    base.save(buffer)
    return buffer.getvalue()


def test_a_base_documents_header_and_content_survive() -> None:
    data = to_docx(sample_report(), ExportOptions(base=_base()))
    document = reopen(data)
    assert document.sections[0].header.paragraphs[0].text == "Flesberg kommune"
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Til kommunestyret", "Statusrapport"]
    assert headings(document)[0] == ("Title", "Statusrapport")
    assert document.core_properties.language == "nb-NO"


def test_a_base_without_title_and_heading_styles_gets_working_headings() -> None:
    base = _base(drop_styles=("Title", "Heading 1", "Heading 2", "Table Grid", "List Bullet"))
    document = reopen(to_docx(sample_report(), ExportOptions(base=base)))
    assert headings(document) == [
        ("Heading 1", "Statusrapport"),
        ("Heading 1", "Om programmet"),
        ("Heading 2", "Status per delprosjekt"),
        ("Heading 2", "Milepælsplan"),
    ]
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        assert style.type == WD_STYLE_TYPE.PARAGRAPH
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)  # the navigation pane
    table = document.tables[0]
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    assert "• Oppvekst" in [p.text.replace("\u00a0", " ") for p in document.paragraphs]


def test_a_base_with_its_own_page_number_gets_no_second_one() -> None:
    base = docx.Document()
    footer = base.sections[0].footer.paragraphs[0]
    footer.add_run("Flesberg kommune – side ")
    omstilling_word._document._page_field(footer)  # the same field Word writes
    buffer = io.BytesIO()
    base.save(buffer)
    document = reopen(to_docx(sample_report(), ExportOptions(base=buffer.getvalue())))
    footer_element = document.sections[0].footer._element
    assert len(list(footer_element.iter(qn("w:instrText")))) == 1
    assert document.sections[0].footer.paragraphs[0].text == "Flesberg kommune – side 1"


def test_a_word_template_can_be_the_base() -> None:
    source = io.BytesIO(_base())
    template = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    document = reopen(to_docx(sample_report(), ExportOptions(base=template.getvalue())))
    assert document.sections[0].header.paragraphs[0].text == "Flesberg kommune"


def test_timeline_of_dates_at_the_ends_of_the_calendar() -> None:
    """The model allows years 1000 to 9999; the timeline's axis must not run past them."""
    from omstilling.hookspecs import BuildRequest
    from omstilling.model import Milestone, Organisation, PartialDate, Programme
    from omstilling.templates.plans import MILESTONE_FORMAT

    programme = Programme(
        id="p",
        name="P",
        owner="o",
        organisations=(Organisation(id="o", name="O"),),
        milestones=(
            Milestone(
                id="a",
                title="A",
                estimated_start=PartialDate(9999, 6, 1),
                estimated_finish=PartialDate(9999, 9, 1),
            ),
            Milestone(
                id="b",
                title="B",
                estimated_start=PartialDate(1000),
                estimated_finish=PartialDate(9999),
            ),
        ),
    )
    report = MILESTONE_FORMAT.build(programme, BuildRequest())
    data = to_docx(report)
    import docx

    document = docx.Document(io.BytesIO(data))
    assert document.inline_shapes  # the timeline was drawn
