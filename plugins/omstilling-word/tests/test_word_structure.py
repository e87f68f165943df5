"""The Word document's structure: the title block and core properties in every
language, what is left out (empty fields and columns), how key figures and running
text read, and one page orientation per document over every template and example."""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from omstilling_word import to_docx
from word_samples import headings, reopen, sample_report

from omstilling.cli import cli
from omstilling.cycle import build_report, latest_status_period
from omstilling.files import load
from omstilling.formatting import RAG_COLOURS, ExportWarning
from omstilling.model import Language, PartialDate, Period, Rag
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Presentation,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TEMPLATES = (
    "status",
    "milestone-plan",
    "progress-plan",
    "decision-register",
    "measure-overview",
    "project-plan",
    "final-report",
)
PERIODS = {
    # examples without status of their own: the status report for a period they have
    ("flesberg-rollag", "status"): "2001-H2",
    ("kongsvinger-omstilling-2012", "status"): "2012-H2",
}
"""The period of each case that needs one and has no status of its own (elsewhere:
the latest period the programme has status for, as the command line chooses)."""


def _style(paragraph: Any) -> str:
    style = paragraph.style
    return str(style.name) if style is not None and style.name is not None else ""


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def _owned(language: Language = Language.NB, **changes: Any) -> Report:
    return attrs.evolve(
        sample_report(language), owner="Flesberg kommune", reference="14/233", **changes
    )


# --- the title block -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "tag", "kind", "when", "lines"),
    [
        (
            Language.NB,
            "nb-NO",
            "Statusrapport",
            "1. tertial 2014",
            ["Utgitt: 15. mai 2014", "Flesberg kommune", "Saksnr. 14/233"],
        ),
        (
            Language.NN,
            "nn-NO",
            "Statusrapport",
            "1. tertial 2014",
            ["Utgjeven: 15. mai 2014", "Flesberg kommune", "Saksnr. 14/233"],
        ),
        (
            Language.EN,
            "en-GB",
            "Status report",
            "1st four-month period 2014",
            ["Issued: 15 May 2014", "Flesberg kommune", "Case no. 14/233"],
        ),
    ],
)
def test_the_title_block_and_core_properties_in_each_language(
    language: Language, tag: str, kind: str, when: str, lines: list[str]
) -> None:
    document = reopen(to_docx(_owned(language)))
    paragraphs = document.paragraphs
    programme = "Statusrapport Flesberg og Rollag"
    assert [_style(p) for p in paragraphs[:2]] == ["Title", "Subtitle"]
    assert paragraphs[0].text == kind
    # the period's words are the formatter's; the programme and the dash are ours
    assert paragraphs[1].text.startswith(f"{programme} – ")
    subject = paragraphs[1].text.removeprefix(f"{programme} – ")
    if language is not Language.EN:
        assert subject == when
    assert _texts(document)[2:5] == lines
    # the title block stays together and with what follows it
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[:4])
    properties = document.core_properties
    assert properties.title == f"{kind} – {programme}"
    assert properties.subject == subject
    assert properties.author == properties.last_modified_by == "Flesberg kommune"
    assert properties.language == tag
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language_element = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language_element.get(qn("w:val")) == tag
    # no style spells out another language for Latin text
    others = {e.get(qn("w:val")) for e in document.styles.element.iter(qn("w:lang"))}
    assert others <= {tag, None}


def test_a_report_without_a_period_is_per_its_issue_date() -> None:
    document = reopen(to_docx(_owned(period=None)))
    assert document.paragraphs[1].text == "Statusrapport Flesberg og Rollag – per 15. mai 2014"
    assert document.core_properties.subject == "per 15. mai 2014"


def test_without_an_owner_the_author_is_not_the_library() -> None:
    document = reopen(to_docx(sample_report()))
    properties = document.core_properties
    assert properties.author == properties.last_modified_by == ""
    assert "omstilling" not in {properties.author, properties.last_modified_by}
    assert _texts(document)[2] == "Utgitt: 15. mai 2014"
    assert headings(document)[1][1] == document.paragraphs[3].text


# --- what is left out ------------------------------------------------------------------

_COLUMNS = (
    Column(key="navn", type=FieldType.TEXT, label=Labels("Navn")),
    Column(key="tom", type=FieldType.TEXT, label=Labels("Alltid tom")),
    Column(key="vist", type=FieldType.TEXT, label=Labels("Vist"), always_shown=True),
    Column(key="sen", type=FieldType.TEXT, label=Labels("Bare i andre")),
)
_TABLES = ReportSchema(
    id="tabeller",
    title=Labels("Oversikt"),
    sections=(
        SectionSchema(
            key="del",
            title=Labels("Del"),
            repeat=True,
            fields=(
                Column(key="leder", type=FieldType.TEXT, label=Labels("Leder")),
                Column(key="merknad", type=FieldType.TEXT, label=Labels("Merknad")),
            ),
            columns=_COLUMNS,
        ),
    ),
)


def _header_rows(document: Any) -> list[list[str]]:
    return [[c.text for c in table.rows[0].cells] for table in document.tables]


def test_columns_with_no_value_anywhere_are_left_out_unless_always_shown() -> None:
    first = Section(key="del", title="Første", rows=({"navn": "a"}, {"navn": "b", "tom": ""}))
    second = Section(key="del", title="Andre", rows=({"navn": "c", "sen": "x"},))
    report = Report(schema=_TABLES, title="P", programme="p", sections=(first, second))
    document = reopen(to_docx(report))
    # a column with a value in one section's table is shown in every table of its kind
    assert _header_rows(document) == [["Navn", "Vist", "Bare i andre"]] * 2
    assert [c.text for c in document.tables[1].rows[1].cells] == ["c", "", "x"]


def test_fields_without_a_value_are_left_out() -> None:
    section = Section(key="del", values={"leder": "Kari", "merknad": None}, rows=({"navn": "a"},))
    report = Report(schema=_TABLES, title="P", programme="p", sections=(section,))
    texts = _texts(reopen(to_docx(report)))
    assert "Leder: Kari" in texts
    assert not any(t.startswith("Merknad") for t in texts)


@given(
    st.lists(
        st.fixed_dictionaries(
            {"navn": st.sampled_from(["a", "b"]), "sen": st.sampled_from([None, "x", ""])}
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_column_is_shown_exactly_when_some_row_has_a_value(rows: list[dict[str, Any]]) -> None:
    report = Report(
        schema=_TABLES, title="P", programme="p", sections=(Section(key="del", rows=tuple(rows)),)
    )
    header = _header_rows(reopen(to_docx(report)))[0]
    assert ("Bare i andre" in header) == any(row["sen"] for row in rows)
    assert "Alltid tom" not in header
    assert "Vist" in header


# --- running text and key figures -----------------------------------------------------


def _one_section(schema: SectionSchema, values: dict[str, Any]) -> Any:
    report = Report(
        schema=ReportSchema(id="x", title=Labels("Rapport"), sections=(schema,)),
        title="P",
        programme="p",
        sections=(Section(key=schema.key, values=values),),
    )
    return reopen(to_docx(report))


def test_a_field_that_repeats_its_heading_has_no_label() -> None:
    schema = SectionSchema(
        key="bakgrunn",
        title=Labels("Bakgrunn"),
        fields=(
            Column(key="bakgrunn", type=FieldType.PARAGRAPHS, label=Labels("Bakgrunn:")),
            Column(key="mandat", type=FieldType.PARAGRAPHS, label=Labels("Mandat")),
        ),
    )
    texts = _texts(_one_section(schema, {"bakgrunn": "Først.\n\nSå.", "mandat": "Gjør."}))
    start = texts.index("Bakgrunn")
    assert texts[start + 1 :] == ["Først.", "Så.", "Mandat", "Gjør."]


def test_a_narrative_section_of_one_field_reads_as_running_text() -> None:
    schema = SectionSchema(
        key="status",
        title=Labels("Status i perioden"),
        presentation=Presentation.NARRATIVE,
        fields=(
            Column(key="tekst", type=FieldType.TEXT, label=Labels("Kommentar")),
            Column(key="risiko", type=FieldType.TEXT, label=Labels("Risiko")),
        ),
    )
    texts = _texts(_one_section(schema, {"tekst": "Alt går bra.\n\nNesten."}))
    assert texts[texts.index("Status i perioden") + 1 :] == ["Alt går bra.", "Nesten."]


def test_key_figures_are_a_compact_table_with_statuses_as_colour_and_word() -> None:
    schema = SectionSchema(
        key="nokkeltall",
        title=Labels("Nøkkeltall"),
        presentation=Presentation.KEY_FIGURES,
        fields=(
            Column(key="deltakere", type=FieldType.INTEGER, label=Labels("Deltakere")),
            Column(key="rapportert", type=FieldType.INTEGER, label=Labels("Har rapportert")),
            Column(key="tom", type=FieldType.INTEGER, label=Labels("Tom")),
            Column(key="samlet", type=FieldType.RAG, label=Labels("Samlet status")),
        ),
    )
    values = {"deltakere": 8, "rapportert": 7, "tom": None, "samlet": Rag.RED}
    document = _one_section(schema, values)
    [table] = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [["Deltakere", "8"], ["Har rapportert", "7"], ["Samlet status", "Rød"]]
    status = table.rows[2].cells[1]._tc
    assert status.tcPr.find(qn("w:shd")).get(qn("w:fill")) == RAG_COLOURS[Rag.RED]
    # kept on one page: every row but the last keeps with the next
    keeps = [bool(row._tr.xpath(".//w:keepNext")) for row in table.rows]
    assert keeps == [True, True, False]
    # compact: narrower than the page
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    section = document.sections[0]
    assert sum(widths) < (section.page_width - section.left_margin - section.right_margin) // 635
    assert not any(t.startswith("Deltakere:") for t in _texts(document))


# --- every template over every example -------------------------------------------------


@functools.cache
def _rendered(example: str, template: str, language: Language = Language.NB) -> bytes:
    programme = load(EXAMPLES / f"{example}.yaml")
    period: Period | str | None = PERIODS.get((example, template))
    if period is None and template == "status":  # as the command line does
        period = latest_status_period(programme)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        report = build_report(programme, template, period=period, language=language)
        return to_docx(report)


_CASES = [(e.stem, t) for e in sorted(EXAMPLES.glob("*.yaml")) for t in TEMPLATES]


@pytest.mark.parametrize(("example", "template"), _CASES)
def test_every_document_has_one_orientation_and_opens_with_its_report_type(
    example: str, template: str
) -> None:
    document = reopen(_rendered(example, template))
    sizes = document.element.body.xpath(".//w:sectPr/w:pgSz")
    orientations = {size.get(qn("w:orient"), "portrait") for size in sizes}
    assert len(orientations) == 1, orientations
    # no page break of its own anywhere: the pages follow the text
    assert len(sizes) == 1
    assert not document.element.body.xpath(".//w:br[@w:type='page']")
    [width, height] = (int(sizes[0].get(qn(f"w:{side}"))) for side in ("w", "h"))
    assert (width > height) == (orientations == {"landscape"})
    # the title block: the report type first, in the Title style
    assert headings(document)[0][0] == "Title"
    assert document.paragraphs[0].text == document.core_properties.title.split(" – ")[0]
    # tables stand where they belong: no line that only points at one
    assert not [t for t in _texts(document) if t.startswith(("Tabell:", "Table:"))]
    # every heading keeps with what follows it
    headed = [(p, p.style) for p in document.paragraphs if _style(p).startswith("Heading")]
    assert all(
        p.paragraph_format.keep_with_next or (s is not None and s.paragraph_format.keep_with_next)
        for p, s in headed
    )


@pytest.mark.parametrize("language", [Language.NN, Language.EN])
def test_the_status_report_in_nynorsk_and_english(language: Language) -> None:
    document = reopen(_rendered("stifinneren-2004", "status", language))
    title = {Language.NN: "Statusrapport", Language.EN: "Status report"}[language]
    assert document.paragraphs[0].text == title
    assert (
        document.core_properties.language == {Language.NN: "nn-NO", Language.EN: "en-GB"}[language]
    )


def test_the_command_line_renders_the_title_block(tmp_path: Path) -> None:
    output = tmp_path / "plan.docx"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(EXAMPLES / "kongsvinger-omstilling-2012.yaml"),
            "--template",
            "milestone-plan",
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 0, result.output
    document = reopen(output.read_bytes())
    assert [p.text for p in document.paragraphs[:2]] == ["Milepælsplan", "Omstilling 2012"]
    assert document.core_properties.title == "Milepælsplan – Omstilling 2012"
    assert document.core_properties.author == "Kongsvinger kommune"


def test_a_published_date_in_the_title_block_survives_a_rare_calendar_day() -> None:
    report = _owned(period=None, published=PartialDate(2016, 2, 29))
    assert reopen(to_docx(report)).paragraphs[1].text.endswith("per 29. februar 2016")
