"""Hammerfest kommune's project plan "Sjumilssteget" for omstilling.

- ``hammerfest.prosjektplan``: the project plan in nynorsk with the plan's own headings
  in the plan's order: Bakgrunn, Mandat, Mål, Målgruppe, Organisering,
  Suksessfaktorar, Tiltak/tidsramme/ansvar (the progress plan), Milepælsplan,
  Økonomi, Lenker. Reads back: :func:`parse` merges the progress plan and the
  milestone plan into the programme.
- ``hammerfest.milepaelsplan``: the milestone plan alone, read back the same way.
- the importer ``hammerfest.tabeller`` reads the plan's two tab-separated tables
  (``.tsv``, the plan's own text) into a report of the project plan;
  :func:`read_tables` and :func:`read_tables_xlsx` read them straight into model
  objects.
"""

from __future__ import annotations

from typing import Any

from omstilling.hookspecs import Importer, ImportRequest, ReportFormat, hookimpl
from omstilling.model import Programme
from omstilling.report import Report

from ._build import build_milepaelsplan, build_prosjektplan, parse_plans
from ._dates import norwegian_date
from ._docx import customise
from ._schema import (
    MILEPAELSPLAN,
    MILEPAELSPLAN_ID,
    MILESTONE_HEADINGS,
    PROGRESS_HEADINGS,
    PROSJEKTPLAN,
    PROSJEKTPLAN_ID,
)
from ._tables import Tables, read_report, read_tables, read_tables_xlsx, read_text, read_xlsx

__all__ = [
    "FORMAT",
    "IMPORTER",
    "MILEPAELSPLAN",
    "MILEPAELSPLAN_ID",
    "MILESTONE_FORMAT",
    "MILESTONE_HEADINGS",
    "PROGRESS_HEADINGS",
    "PROSJEKTPLAN",
    "PROSJEKTPLAN_ID",
    "Tables",
    "build",
    "build_milestone_plan",
    "customise_docx",
    "importers",
    "norwegian_date",
    "parse",
    "read",
    "read_tables",
    "read_tables_xlsx",
    "read_text",
    "read_xlsx",
    "report_formats",
]

build = build_prosjektplan
"""``build(programme, request)``: the ``hammerfest.prosjektplan`` report."""

build_milestone_plan = build_milepaelsplan
"""``build_milestone_plan(programme, request)``: the ``hammerfest.milepaelsplan`` report."""


def parse(report: Report, programme: Programme) -> Programme:
    """``programme`` with the report's progress plan (no., activity, time, responsible,
    done, comments) and milestone plan (estimated start and finish, milestone, report
    date, report status text, done) merged in: progress rows by position, milestones
    by title where the titles are the programme's, else by position. Raises
    :class:`ValueError` where the rows do not fit the programme."""
    return parse_plans(report, programme)


def read(data: bytes, request: ImportRequest) -> Report:
    """The plan's tab-separated tables in ``data`` as a report to :func:`parse`."""
    return read_report(data, request)


FORMAT = ReportFormat(
    id=PROSJEKTPLAN_ID,
    schema=PROSJEKTPLAN,
    build=build,
    parse=parse,
    description=(
        "Hammerfest: prosjektplan (Sjumilssteget), nynorsk: bakgrunn, mandat, mål, "
        "organisering, suksessfaktorar, fremdriftsplan, milepælsplan, økonomi"
    ),
)
MILESTONE_FORMAT = ReportFormat(
    id=MILEPAELSPLAN_ID,
    schema=MILEPAELSPLAN,
    build=build_milestone_plan,
    parse=parse,
    description="Hammerfest: milepælsplan (Sjumilssteget)",
)
IMPORTER = Importer(
    id="hammerfest.tabeller",
    suffixes=(".tsv",),
    media_type="text/tab-separated-values",
    read=read,
    description="Hammerfest: fremdriftsplan and milepælsplan pasted as tab-separated text",
)


@hookimpl
def report_formats() -> list[ReportFormat]:
    """Register ``hammerfest.prosjektplan`` and ``hammerfest.milepaelsplan``."""
    return [FORMAT, MILESTONE_FORMAT]


@hookimpl
def importers() -> list[Importer]:
    """Register the importer of the plan's tab-separated tables."""
    return [IMPORTER]


@hookimpl(optionalhook=True)
def customise_docx(document: Any, report: Report) -> None:
    """Give the plan's Word document the original's table headers (other reports are left
    alone). The Word plugin declares this hook; without it installed, it is never
    called."""
    customise(document, report)
