"""The Word document made as the seed looks: the first phase's row as the first two
cells of the progress plan's header, and the milestone plan's header line
"Prosjektnavn: Sjumilssteget Koordinator: Grethe Nissen" on one line.

Works on the python-docx ``Document`` the Word exporter hands to ``customise_docx``;
python-docx itself is not imported.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from omstilling.report import Report, as_text

from ._schema import MILEPAELSPLAN_ID, PROGRESS_COLUMNS, PROSJEKTPLAN_ID

__all__ = ["customise"]

_PHASE = re.compile(r"^fase\s*\d+$", re.IGNORECASE)


def _cell_text(cell: Any) -> str:
    return str(cell.text).strip()


def _lift_first_phase(document: Any, report: Report) -> None:
    """Put the first phase's row ("Fase 1", "Kartlegging og analyse") in the progress
    plan's header in place of "Nr." and "Aktivitet", where the table starts with it."""
    sections = report.sections_for("progress")
    if not sections or not sections[0].rows:
        return
    first = sections[0].rows[0]
    number, activity = as_text(first.get("number")), as_text(first.get("activity"))
    if set(first) != {"number", "activity"} or not _PHASE.match(number or ""):
        return
    labels = [report.label(c.label) for c in PROGRESS_COLUMNS]
    phase_cells = [number, activity, *([""] * (len(labels) - 2))]
    for table in document.tables:
        rows = table.rows
        if len(rows) < 2 or [_cell_text(c) for c in rows[0].cells] != labels:
            continue
        if [_cell_text(c) for c in rows[1].cells] != phase_cells:
            continue
        for cell, text in zip(rows[0].cells[:2], phase_cells[:2], strict=True):
            runs = cell.paragraphs[0].runs
            # the column was fitted to the phase's cell, not to a bold heading
            runs[0].text, runs[0].bold = text, False
            for run in runs[1:]:
                run._r.getparent().remove(run._r)
        row = rows[1]._tr
        row.getparent().remove(row)
        return


def _one_header_line(document: Any, report: Report) -> None:
    """Join "Prosjektnavn: …" and "Koordinator: …" into the seed's one line."""
    sections = report.sections_for("milestones")
    if not sections:
        return
    values = sections[0].values
    name, coordinator = as_text(values.get("name")), as_text(values.get("coordinator"))
    if name is None or coordinator is None:
        return
    schema = report.schema.section("milestones")
    first = f"{report.label(schema.field('name').label)}: {name}"
    second = f"{report.label(schema.field('coordinator').label)}: {coordinator}"
    paragraphs = document.paragraphs
    for paragraph, following in itertools.pairwise(paragraphs):
        if paragraph.text != first or following.text != second:
            continue
        if paragraph._p.getnext() is not following._p:
            continue
        paragraph.add_run(" ")
        for run in list(following._p.r_lst):
            paragraph._p.append(run)
        following._p.getparent().remove(following._p)
        return


def customise(document: Any, report: Report) -> None:
    """Make a ``hammerfest.prosjektplan`` (or ``hammerfest.milepaelsplan``) document
    look as the seed's plan; leave every other report's document alone."""
    if report.schema.id == PROSJEKTPLAN_ID:
        _lift_first_phase(document, report)
    if report.schema.id in (PROSJEKTPLAN_ID, MILEPAELSPLAN_ID):
        _one_header_line(document, report)
