"""The Word and Excel files of the seed programmes, read back with python-docx and
openpyxl: the seeds' headings, table rows and key numbers are in them."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from omstilling.cycle import render
from omstilling.formatting import ExportWarning
from omstilling.model import Programme


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path


def _render(
    programme: Programme,
    template: str,
    path: Path,
    *,
    period: str | None = None,
    language: str | None = None,
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)  # sheet names changed for Excel
        render(programme, template, path, period=period, language=language)
    return path


def _docx_text(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    import docx

    document = docx.Document(str(path))
    headings = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return headings, tables


def test_stifinneren_status_in_word(examples: dict[str, Programme], out: Path) -> None:
    path = _render(examples["stifinneren-2004"], "status", out / "status.docx", period="2004-H1")
    paragraphs, tables = _docx_text(path)
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings[:3] == ["Nøkkeltall", "Status per deltaker", "Innsparing per periode"]
    for name in ("Vadsø kommune", "Molde kommune", "Porsgrunn kommune", "Bydel Alna"):
        assert name in headings
    assert "Felles aktiviteter" in headings
    assert "Evaluering" in headings
    summary = next(t for t in tables if t[0][0] == "Deltaker")
    assert len(summary) == 1 + 8
    progress = summary[0].index("Framdrift")
    assert [row[progress] for row in summary[1:3]] == ["Grønn", "Gul"]
    text = "\n".join(p for _, p in paragraphs)
    assert "Møter i styringsgruppen: 6" in text
    events = [t for t in tables if t[0][0] == "Type" and "Deltok" in t[0]]
    assert len(events) == 8
    assert "Kjelrun Espedal" in events[0][1][events[0][0].index("Deltok")]


def test_kongsvinger_decision_register_in_word(examples: dict[str, Programme], out: Path) -> None:
    path = _render(examples["kongsvinger-omstilling-2012"], "decision-register", out / "v.docx")
    paragraphs, tables = _docx_text(path)
    text = "\n".join(p for _, p in paragraphs)
    assert "KST-sak 139/12" in text
    assert "Arkivsaksnr.: 2012/1728" in text
    assert "Arkivkode: K1-034" in text
    items = [t for t in tables if t[0][:2] == ["Punkt", "Tekst"]]
    labels = [[row[0] for row in table[1:]] for table in items]
    assert list("abcdefghij") in labels
    assert [str(n) for n in range(8, 15)] in labels  # Vedtak Samfunn 8-14
    dissent = next(t for t in tables if t[0][0] == "Hvem")
    assert "økonomi" in dissent[1][3]


def test_hammerfest_milestone_plan_in_excel(examples: dict[str, Programme], out: Path) -> None:
    import openpyxl

    # the seed's own headings are bokmål (the programme file says nynorsk)
    path = _render(
        examples["hammerfest-sjumilssteget"], "milestone-plan", out / "m.xlsx", language="nb"
    )
    workbook = openpyxl.load_workbook(path)
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("Milepæl"))
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    # the milestone's id is kept for reading back, not shown; empty columns are left out
    assert header[:3] == ["Antatt start-tidspunkt", "Antatt ferdig tidspunkt", "Milepæler"]
    assert "Id" not in header
    assert "Utført" in header
    body = [row for row in rows[1:] if any(row)]
    assert len(body) == 12
    assert body[0][0] == dt.datetime(2013, 12, 1)
    assert body[0][2] == "Utforming av detaljert prosjektplan for analysearbeidet er ferdig"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None


def test_kongsvinger_measures_in_excel(examples: dict[str, Programme], out: Path) -> None:
    import openpyxl

    path = _render(examples["kongsvinger-omstilling-2012"], "measure-overview", out / "t.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("Tiltak"))
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    priorities = [row[0] for row in rows[1:12]]
    assert priorities == list(range(1, 12))
    column = list(rows[0]).index("Mål for innsparing")
    targets = [row[column] for row in rows[1:] if row[column] is not None]
    assert targets == [800000]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 800000)
    assert "kr" in cell.number_format
