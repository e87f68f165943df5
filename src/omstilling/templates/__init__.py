"""The common report templates, registered by omstilling's built-in plugin:

- ``status``: half-yearly/tertial status of the programme (a roll-up over every
  participant) or of one participant;
- ``milestone-plan`` and ``progress-plan``;
- ``decision-register`` and its ``decision-follow-up`` view;
- ``measure-overview``;
- ``benefits-plan``;
- ``project-plan`` and ``final-report``;
- ``risk-register``.

A municipality's format is usually a variant of one of these
(:meth:`omstilling.report.ReportSchema.variant`).

.. versionadded:: 0.1
"""

from __future__ import annotations

from ..hookspecs import ReportFormat
from . import benefits, decisions, follow_up, measures, plans, project, risks, status

__all__ = ["TEMPLATES"]

TEMPLATES: tuple[ReportFormat, ...] = (
    status.FORMAT,
    plans.MILESTONE_FORMAT,
    plans.PROGRESS_FORMAT,
    decisions.FORMAT,
    follow_up.FORMAT,
    measures.FORMAT,
    benefits.FORMAT,
    project.PROJECT_PLAN_FORMAT,
    project.FINAL_REPORT_FORMAT,
    risks.FORMAT,
)
"""Every common template, as report formats."""
