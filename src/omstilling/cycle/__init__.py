"""The reporting cycle as library functions: render a report, render one per
participant, publish, make fill-in workbooks, import what comes back, and say what
changed between two versions of a programme (:func:`diff_programmes`).

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

from ._args import (
    format_of,
    language_of,
    latest_status_period,
    participant_of,
    participants_of,
    period_choices,
    period_of,
)
from ._batch import BatchItem, BatchResult, base_documents, output_name, render_batch
from ._diff import Difference, diff_programmes
from ._importing import FILLIN_SUFFIXES, ImportedReport, ImportResult, import_files, read_back
from ._machine import problem_data, summary_data, summary_lines
from ._migrating import MigrationResult, migrate_file
from ._new_plugin import NewPlugin, core_requirement, new_plugin, plugin_files, plugin_name
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
    "Difference",
    "ImportResult",
    "ImportedReport",
    "MigrationResult",
    "NewPlugin",
    "WorkbookItem",
    "base_documents",
    "build_report",
    "check_output",
    "core_requirement",
    "diff_programmes",
    "export_report",
    "format_of",
    "import_files",
    "language_of",
    "latest_status_period",
    "make_workbooks",
    "migrate_file",
    "new_plugin",
    "output_name",
    "participant_of",
    "participants_of",
    "period_choices",
    "period_of",
    "plugin_files",
    "plugin_name",
    "problem_data",
    "publication_day",
    "publish",
    "read_back",
    "render",
    "render_batch",
    "summary_data",
    "summary_lines",
    "workbook_name",
    "workbook_targets",
    "write_report",
    "write_workbooks",
]
