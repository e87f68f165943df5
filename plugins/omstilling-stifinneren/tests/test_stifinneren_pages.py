"""Stifinneren's half-yearly status report, rendered to Word from the example programme
and read page by page as PDF by the kit's document checker: the report type on page
1, no word or amount broken across lines, no near-empty middle page, alt text on
every picture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from omstilling.cycle import render
from omstilling.files import load
from omstilling.report import Report
from omstilling.testing import assert_documents

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "stifinneren-2004.yaml"


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed, so the documents were NOT "
    "checked page by page (apt-get install libreoffice-writer-nogui poppler-utils)",
)
def test_the_documents_read_well(tmp_path: Path) -> None:
    programme = load(EXAMPLE)
    reports: dict[Path, Report] = {}
    for format_id in ["stifinneren.status"]:
        path = tmp_path / f"{format_id}.docx"
        reports[path] = render(programme, format_id, path, period="2004-H1")
    assert_documents(reports)
