"""The example programme rendered to Word and Excel, and read back with python-docx
and openpyxl: the seed's headings, column headings, rows and order."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from hammerfest_samples import HEADER_LINE, MILESTONE_HEADER, PROGRESS_HEADER, example

from omstilling.cycle import render
from omstilling.formatting import ExportWarning, format_value
from omstilling.model import Language, PartialDate
from omstilling.report import FieldType

HEADINGS = [
    "Bakgrunn",
    "Mandat",
    "Mål",
    "Målgruppe",
    "Organisering",
    "Suksessfaktorar",
    "Tiltak, tidsramme og ansvar",
    "Milepælsplan",
    "Økonomi",
]


def _date(date: PartialDate | None) -> str:
    return format_value(date, FieldType.DATE, Language.NN)


def _cells(row: Any) -> list[str]:
    """The texts of a python-docx table row's cells."""
    # dates are kept whole on their line with no-break spaces
    return [cell.text.replace("\u00a0", " ").strip() for cell in row.cells]


def test_the_word_document_has_the_seeds_structure(tmp_path: Path) -> None:
    from docx import Document

    programme = example()
    render(programme, "hammerfest.prosjektplan", tmp_path / "plan.docx")
    document = Document(str(tmp_path / "plan.docx"))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and (p.style.name or "").startswith("Heading")
    ]
    assert [h for h in headings if h in HEADINGS] == HEADINGS
    texts = [p.text for p in document.paragraphs]
    # the title block: the kind of plan, then the plan's own title
    assert texts[0] == "Prosjektplan"
    assert texts[1].startswith("Sjumilssteget – Hammerfest kommune")
    assert HEADER_LINE in texts
    assert "Fase 1: Gjennomføre analyse og utforme en rapport om situasjonen." in texts

    tables = {tuple(_cells(t.rows[0])): t for t in document.tables}
    progress = tables[PROGRESS_HEADER]
    rows = [_cells(row) for row in progress.rows[1:]]
    assert len(rows) == 14 + 2
    for row, activity in zip(rows[:14], programme.activities[:14], strict=True):
        assert row == [
            activity.number,
            activity.activity,
            activity.time,
            activity.responsible,
            "Ja",
            "",
        ]
    assert rows[14] == ["Fase 2", "Arbeid med innsatsområdene", "", "", "", ""]
    assert rows[15] == ["", "Planlegges", "mai/juni", "koordinator/ styringsgruppe", "", ""]

    milestones = tables[MILESTONE_HEADER]
    rows = [_cells(row) for row in milestones.rows[1:]]
    assert len(rows) == 12
    for row, milestone in zip(rows, programme.milestones, strict=True):
        start, finish = _date(milestone.estimated_start), _date(milestone.estimated_finish)
        assert row == [start, finish, milestone.title, "", "", ""]
    assert rows[0][:2] == ["1. desember 2013", "13. desember 2013"]
    assert rows[-1][:2] == ["31. mai 2014", "30. april 2014"]


def test_the_milestone_plan_alone_in_word(tmp_path: Path) -> None:
    from docx import Document

    render(example(), "hammerfest.milepaelsplan", tmp_path / "plan.docx")
    document = Document(str(tmp_path / "plan.docx"))
    assert HEADER_LINE in [p.text for p in document.paragraphs]
    assert [tuple(_cells(t.rows[0])) for t in document.tables] == [MILESTONE_HEADER]


def test_the_excel_workbook_renders_and_reopens(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)  # a renamed sheet is expected
        render(example(), "hammerfest.prosjektplan", tmp_path / "plan.xlsx")
    workbook = load_workbook(tmp_path / "plan.xlsx", read_only=True)
    try:
        values = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
    finally:
        workbook.close()
    for heading in (*MILESTONE_HEADER, *PROGRESS_HEADER[2:], "Fase 1", "Kartlegging og analyse"):
        assert heading in values
    assert "Politisk behandling av analysen ferdig" in values
    assert "Planlegges" in values


def test_the_excel_export_reads_back_into_the_same_plans(tmp_path: Path) -> None:
    import omstilling_hammerfest as hammerfest

    programme = example()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        render(programme, "hammerfest.prosjektplan", tmp_path / "plan.xlsx")
    activities, milestones = hammerfest.read_tables_xlsx((tmp_path / "plan.xlsx").read_bytes())
    assert activities == programme.activities
    read = [(m.title, m.estimated_start, m.estimated_finish, m.done) for m in milestones]
    assert read == [
        (m.title, m.estimated_start, m.estimated_finish, m.done) for m in programme.milestones
    ]
