"""The workbook of a report made by hand, read back with openpyxl: sheets, headers,
typed cells, number formats, frozen panes, filters, status colours, widths."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs
import pytest
from excel_samples import MEASURES, SCHEMA, cells, export, sample_report
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, ExportWarning
from omstilling.hookspecs import ExportOptions
from omstilling.model import Language, Money, PartialDate, Rag
from omstilling.report import Report, Section, Value

SHEETS = ["Oversikt", "Tiltak", "Spydeberg", "Askim-Eidsberg – (fase 2)"]


def _sample(language: Language = Language.NB) -> dict[str, Worksheet]:
    with pytest.warns(ExportWarning, match=r"Askim/Eidsberg: \[fase 2\]"):
        workbook = export(sample_report(language))
    return {sheet.title: sheet for sheet in workbook.worksheets}


def _with_rows(rows: Sequence[Mapping[str, Value]], language: Language = Language.NB) -> Report:
    """A report with only the measures table, holding ``rows``."""
    return Report(
        schema=SCHEMA,
        language=language,
        title="Tiltak",
        programme="p",
        sections=(Section(key="measures", rows=tuple(rows)),),
    )


def _by_label(sheet: Worksheet) -> dict[object, object]:
    return {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2) if row[0].value}


def test_sheets_overview_first_then_one_per_table() -> None:
    sheets = _sample()
    assert list(sheets) == SHEETS


def test_english_names_and_words() -> None:
    sheets = _sample(Language.EN)
    assert list(sheets)[:2] == ["Overview", "Measures"]
    overview = _by_label(sheets["Overview"])
    assert sheets["Overview"]["A1"].value == "Status report"
    assert sheets["Overview"]["A2"].value.endswith(" – 1st half 2014")
    assert sheets["Overview"]["A3"].value == "Issued: 20 August 2014"
    assert overview["On track"] == "No"
    assert overview["Overall status"] == "Amber"
    formats = {
        row[0].value: row[1].number_format for row in sheets["Overview"].iter_rows(max_col=2)
    }
    assert formats["Budget"] == '"NOK "#,##0'


def test_workbook_properties() -> None:
    with pytest.warns(ExportWarning):
        workbook = export(sample_report(Language.NN))
    assert workbook.properties.title == (
        "Statusrapport – Statusrapport for Indre Østfold-omstillingen"
    )
    assert workbook.properties.subject == "1. halvår 2014"
    assert workbook.properties.language == "nn-NO"
    assert workbook.properties.creator is None  # no owner: no author, not the library


def test_the_owner_is_the_creator_and_stands_in_the_title_block() -> None:
    report = attrs.evolve(sample_report(), owner="Indre Østfold kommune", reference="2014/77")
    with pytest.warns(ExportWarning):
        workbook = export(report)
    assert workbook.properties.creator == "Indre Østfold kommune"
    assert workbook.properties.lastModifiedBy == "Indre Østfold kommune"
    overview = workbook["Oversikt"]
    assert [overview.cell(row, 1).value for row in range(1, 6)] == [
        "Statusrapport",
        "Statusrapport for Indre Østfold-omstillingen – 1. halvår 2014",
        "Utgitt: 20. august 2014",
        "Indre Østfold kommune",
        "Saksnr. 2014/77",
    ]


def test_overview_holds_the_title_block_and_fields() -> None:
    sheet = _sample()["Oversikt"]
    assert sheet["A1"].value == "Statusrapport"
    assert sheet["A1"].font.b
    assert sheet["A2"].value == "Statusrapport for Indre Østfold-omstillingen – 1. halvår 2014"
    assert sheet["A2"].font.b
    assert sheet["A3"].value == "Utgitt: 20. august 2014"
    values = _by_label(sheet)
    assert "Program" not in values  # no ids: the programme is named in the title block
    assert values["Halvår"] == "1. halvår 2004"
    assert values["Samlet status"] == "Gul"
    assert values["Budsjett"] == 42_000_000
    assert values["Startet"] == dt.datetime(2013, 9, 1)
    assert values["Årsverk"] == 1234
    assert values["Andel"] == pytest.approx(0.375)
    assert values["I rute"] == "Nei"
    assert values["Tema"] == "IKT; Økonomi; Personal"
    assert values["Vurdering"] == "Arbeidet går etter planen.\n\nIKT-prosjektet er forsinket."
    assert values["Merknad"] == "Tallene er foreløpige."
    headings = [row[0].value for row in sheet.iter_rows(max_col=1) if row[0].font.b]
    assert headings[2:] == ["Sammendrag", "Tiltak", "Spydeberg", "Askim/Eidsberg: [fase 2]"]


def test_overview_number_formats() -> None:
    sheet = _sample()["Oversikt"]
    formats = {row[0].value: row[1].number_format for row in sheet.iter_rows(max_col=2)}
    assert formats["Budsjett"] == '#,##0 "kr"'
    assert formats["Startet"] == "[$-414]mmmm yyyy"
    assert formats["Årsverk"] == "#,##0"
    assert formats["Andel"] == "#,##0.000"


def test_overview_links_to_table_sheets() -> None:
    sheet = _sample()["Oversikt"]
    links = {
        row[1].value: row[1].hyperlink.location
        for row in sheet.iter_rows(max_col=2)
        if row[1].hyperlink is not None
    }
    assert links == {
        "Tiltak": "'Tiltak'!A1",
        "Spydeberg": "'Spydeberg'!A1",
        "Askim-Eidsberg – (fase 2)": "'Askim-Eidsberg – (fase 2)'!A1",
    }


def test_table_header_frozen_filtered() -> None:
    sheet = _sample()["Tiltak"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Tiltak", "Kostnad", "Frist", "Status", "Ferdig"]
    for cell in sheet[1]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E5"
    assert sheet.print_title_rows == "$1:$1"


def test_table_cells_are_typed() -> None:
    sheet = _sample()["Tiltak"]
    cost, due = sheet["B2"], sheet["C2"]
    assert cost.value == 1_250_000
    assert cost.data_type == "n"
    # one amount in the column has øre, so the whole column shows them
    assert cost.number_format == '#,##0.00 "kr"'
    assert sheet["B3"].value == pytest.approx(35_000_000.5)
    assert sheet["B4"].number_format == '#,##0.00 "EUR"'
    assert due.value == dt.datetime(2014, 3, 31)
    assert due.is_date
    assert due.number_format == "dd.mm.yyyy"
    assert sheet["C3"].value == dt.datetime(2015, 6, 1)
    assert sheet["C3"].number_format == "[$-414]mmmm yyyy"
    assert sheet["C4"].value == dt.datetime(2016, 1, 1)
    assert sheet["C4"].number_format == "yyyy"
    assert [sheet[f"D{r}"].value for r in range(2, 6)] == ["Grønn", "Gul", "Rød", "Ikke vurdert"]
    assert [sheet[f"E{r}"].value for r in range(2, 6)] == ["Ja", "Nei", None, None]


def test_whole_amounts_show_no_ore() -> None:
    rows: list[dict[str, Value]] = [
        {"name": "A", "cost": Money(Decimal(1000))},
        {"name": "B", "cost": Money(Decimal(5))},
    ]
    sheet = export(_with_rows(rows)).worksheets[1]
    assert [sheet["B2"].value, sheet["B3"].value] == [1000, 5]
    assert sheet["B2"].number_format == '#,##0 "kr"'


def test_english_dates() -> None:
    rows = ({"due": PartialDate(2014, 3, 31)}, {"due": PartialDate(2014, 3)})
    sheet = export(_with_rows(rows, Language.EN)).worksheets[1]
    assert sheet["A1"].value == "Due"  # the only column with a value
    assert sheet["A2"].number_format == "[$-809]d mmm yyyy"
    assert sheet["A3"].number_format == "[$-809]mmmm yyyy"


def test_formula_text_stays_text() -> None:
    cell = _sample()["Tiltak"]["A4"]
    assert cell.value == MEASURES[2]["name"]
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "#N/A", "#DIV/0!", "=", "1"])
def test_texts_that_look_like_formulas_or_errors(text: str) -> None:
    sheet = export(_with_rows(({"name": text},))).worksheets[1]
    assert sheet["A2"].value == text
    assert sheet["A2"].data_type == "s"


def test_status_colours_by_conditional_formatting() -> None:
    sheet = _sample()["Tiltak"]
    formats = list(sheet.conditional_formatting)
    assert [str(f.sqref) for f in formats] == ["D2:D5"]
    rules = {rule.formula[0]: rule for rule in formats[0].rules}
    for rag, colour in RAG_COLOURS.items():
        rule = rules['"' + RAG_LABELS[rag].nb + '"']
        assert rule.type == "cellIs"
        assert rule.operator == "equal"
        assert rule.dxf.fill.bgColor.rgb.endswith(colour)
    # the word carries the status; no cell is coloured by hand
    assert all(sheet[f"D{r}"].fill.fill_type is None for r in range(2, 6))


def test_status_colours_in_the_overview() -> None:
    sheet = _sample()["Oversikt"]
    (formatting,) = list(sheet.conditional_formatting)
    status = next(row[1] for row in sheet.iter_rows(max_col=2) if row[0].value == "Samlet status")
    assert str(formatting.sqref) == status.coordinate
    assert len(formatting.rules) == len(Rag)


def test_column_widths_fit_the_content() -> None:
    sheet = _sample()["Tiltak"]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["A"] == len(str(MEASURES[2]["name"])) + 2
    assert widths["D"] == len("Ikke vurdert") + 2
    assert widths["E"] == 8  # "Ja", "Nei": the least width
    assert widths["B"] >= len("35 000 000,50 kr")


def test_long_text_wraps_in_a_bounded_column() -> None:
    long = "ord " * 100
    sheet = export(_with_rows(({"name": long, "cost": Money(Decimal(5))},))).worksheets[1]
    assert sheet.column_dimensions["A"].width == 60
    assert sheet["A2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height > 15
    assert sheet["B2"].alignment.vertical == "top"  # the amount stands by the first line


def _empty_workbook() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize("base", [False, True], ids=["write-only", "normal"])
def test_texts_in_a_tall_row_read_from_the_top_and_the_rest_are_plain(base: bool) -> None:
    rows: tuple[dict[str, Value], ...] = (
        {"name": "ord " * 40, "status": Rag.GREEN, "done": True},
        {"name": "Kort", "status": Rag.RED, "done": False},
    )
    options = ExportOptions(base=_empty_workbook() if base else None)
    sheet = export(_with_rows(rows), options).worksheets[-1]
    assert sheet.title == "Tiltak"
    # the columns with no value (cost, due) are left out
    assert [c.value for c in sheet[1]] == ["Tiltak", "Status", "Ferdig"]
    assert [sheet[f"{c}2"].alignment.vertical for c in "ABC"] == ["top"] * 3
    assert [sheet[f"{c}2"].alignment.wrap_text for c in "ABC"] == [True, None, None]
    assert [sheet[f"{c}3"].value for c in "ABC"] == ["Kort", "Rød", "Nei"]
    assert [sheet[f"{c}3"].data_type for c in "ABC"] == ["s"] * 3
    assert not any(sheet[f"{c}3"].has_style for c in "ABC")  # plain text cells


def test_an_empty_table_gets_no_sheet_and_no_heading() -> None:
    workbook = export(_with_rows(()))
    assert workbook.sheetnames == ["Oversikt"]
    assert "Tiltak" not in [row[0].value for row in workbook["Oversikt"].iter_rows(min_row=3)]


def test_columns_empty_everywhere_are_left_out_unless_always_shown() -> None:
    rows: tuple[dict[str, Value], ...] = ({"name": "A", "status": Rag.RED},)
    sheet = export(_with_rows(rows)).worksheets[1]
    assert [c.value for c in sheet[1]] == ["Tiltak", "Status"]
    assert sheet.auto_filter.ref == "A1:B2"
    assert [str(f.sqref) for f in sheet.conditional_formatting] == ["B2"]
    measures = SCHEMA.section("measures")
    kept = attrs.evolve(
        measures,
        columns=tuple(attrs.evolve(c, always_shown=c.key == "due") for c in measures.columns),
    )
    schema = attrs.evolve(SCHEMA, sections=(kept,))
    report = Report(
        schema=schema, title="Tiltak", programme="p", sections=(Section(key="measures", rows=rows),)
    )
    sheet = export(report).worksheets[1]
    assert [c.value for c in sheet[1]] == ["Tiltak", "Frist", "Status"]


def test_text_beyond_the_cell_limit_is_cut() -> None:
    with pytest.warns(ExportWarning, match="Excel's limit"):
        sheet = export(_with_rows(({"name": "x" * 40_000},))).worksheets[1]
    value = sheet["A2"].value
    assert len(value) == 32_767
    assert value.endswith("…")


def test_the_limit_counts_as_excel_does() -> None:
    emoji = "\U0001f600" * 20_000  # 40,000 UTF-16 code units
    with pytest.warns(ExportWarning, match="Excel's limit"):
        sheet = export(_with_rows(({"name": emoji},))).worksheets[1]
    value = sheet["A2"].value
    assert len(value.encode("utf-16-le")) // 2 <= 32_767
    assert value.startswith("\U0001f600" * 16_000)


def test_numbers_excel_cannot_hold_become_text() -> None:
    rows = ({"cost": Money(Decimal("1234567890123456789.25"))},)
    with pytest.warns(ExportWarning, match="more significant digits"):
        sheet = export(_with_rows(rows)).worksheets[1]
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "1\xa0234\xa0567\xa0890\xa0123\xa0456\xa0789,25\xa0kr"


def test_characters_xml_cannot_hold_are_replaced() -> None:
    with pytest.warns(ExportWarning, match=r"'Tiltak'!A2"):
        sheet = export(_with_rows(({"name": "a\x00b\x1fc"},))).worksheets[1]
    assert sheet["A2"].value == "a\ufffdb\ufffdc"


def test_too_many_rows_for_a_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    from omstilling_excel import _workbook

    monkeypatch.setattr(_workbook, "MAX_ROWS", 3)
    with pytest.raises(ValueError, match="an Excel sheet holds 2 below its header"):
        export(_with_rows(({"name": "a"}, {"name": "b"}, {"name": "c"})))


def test_no_formula_anywhere() -> None:
    with pytest.warns(ExportWarning):
        workbook = export(sample_report())
    assert {cell.data_type for cell in cells(workbook)} <= {"s", "n", "d"}


def test_report_without_sections() -> None:
    report = attrs.evolve(sample_report(), sections=())
    workbook = export(report)
    assert workbook.sheetnames == ["Oversikt"]


def test_one_section_object_twice_gets_two_sheets_and_two_links() -> None:
    section = Section(key="participants", title="Lier", rows=({"what": "Møte"},))
    report = Report(schema=SCHEMA, title="Deltakere", programme="p", sections=(section, section))
    with pytest.warns(ExportWarning, match="'Lier \\(2\\)'"):
        workbook = export(report)
    assert workbook.sheetnames == ["Oversikt", "Lier", "Lier (2)"]
    links = [c.hyperlink.location for c in workbook["Oversikt"]["B"] if c.hyperlink]
    assert links == ["'Lier'!A1", "'Lier (2)'!A1"]


def test_dates_before_1900_are_written_as_text_with_a_warning() -> None:
    from omstilling.model import PartialDate

    report = _with_rows(
        ({"name": "Gammelt vedtak", "due": PartialDate(1837, 1, 14)},
         {"name": "Nytt", "due": PartialDate(2014, 1, 14)}),
    )  # fmt: skip
    with pytest.warns(ExportWarning, match="1837-01-14 is before 1900"):
        workbook = export(report)
    values = [c.value for c in cells(workbook) if c.column_letter == "B" and c.row > 1]
    assert "14. januar 1837" in values
    assert any(isinstance(v, dt.datetime) and v.year == 2014 for v in values)
