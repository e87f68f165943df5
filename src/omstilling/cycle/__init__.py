"""The reporting cycle as library functions: render a report, render one per
participant, publish, make fill-in workbooks, import what comes back.

These are the calls behind the command line; each takes the programme and the
arguments a user gives (periods and languages as text or as model values) and
raises an :class:`~omstilling.errors.OmstillingError` with its problems for
anything that goes wrong::

    from omstilling import load
    from omstilling.cycle import import_files, render

    render(load("plan.yaml"), "status", "status.docx", period="2004-H1")
    result = import_files("plan.yaml", ["molde.xlsx", "plan.json"], dry_run=True)
    print(result.diff)

.. versionadded:: 0.1
"""

from __future__ import annotations

from ._args import language_of, participant_of, participants_of, period_of
from ._batch import BatchItem, BatchResult, base_documents, output_name, render_batch
from ._importing import FILLIN_SUFFIXES, ImportedReport, ImportResult, import_files, read_back
from ._output import check_output
from ._publish import publication_day, publish
from ._render import build_report, export_report, render, write_report
from ._workbooks import (
    WorkbookItem,
    make_workbooks,
    workbook_name,
    workbook_targets,
    write_workbooks,
)

__all__ = [
    "FILLIN_SUFFIXES",
    "BatchItem",
    "BatchResult",
    "ImportResult",
    "ImportedReport",
    "WorkbookItem",
    "base_documents",
    "build_report",
    "check_output",
    "export_report",
    "import_files",
    "language_of",
    "make_workbooks",
    "output_name",
    "participant_of",
    "participants_of",
    "period_of",
    "publication_day",
    "publish",
    "read_back",
    "render",
    "render_batch",
    "workbook_name",
    "workbook_targets",
    "write_report",
    "write_workbooks",
]
