"""The common report templates, registered by omstilling's built-in plugin:

- ``status``: half-yearly/tertial status of the programme (a roll-up over every
  participant) or of one participant;
- ``milestone-plan`` and ``progress-plan``;
- ``decision-register``;
- ``measure-overview``;
- ``project-plan`` and ``final-report``.

A municipality's format is usually a variant of one of these
(:meth:`omstilling.report.ReportSchema.variant`).

.. versionadded:: 0.1
"""

from __future__ import annotations

from ..hookspecs import ReportFormat
from . import decisions, measures, plans, project, status

__all__ = ["TEMPLATES"]

TEMPLATES: tuple[ReportFormat, ...] = (
    status.FORMAT,
    plans.MILESTONE_FORMAT,
    plans.PROGRESS_FORMAT,
    decisions.FORMAT,
    measures.FORMAT,
    project.PROJECT_PLAN_FORMAT,
    project.FINAL_REPORT_FORMAT,
)
"""Every common template, as report formats."""
