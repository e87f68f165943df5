"""``stifinneren.status``: the ministry's (KRD) half-yearly programme status, modelled
on "Stifinneren – status pr. august 2004".

The report follows the original's structure in bokmål and in its order: the title
block ("STIFINNEREN", "STATUS PR. AUGUST 2004", "Behandlet i ledermøte …"),
"Innledning", "Status i den enkelte Stifinnerkommune" with a section per participant
("Vadsø kommune:", …, "Bydel Alna, Oslo kommune:") and KRD's visits under each,
"Felles aktiviteter 1. halvår" with a section per joint gathering, "Evaluering av
Stifinnerprogrammet", and last a summary table of every participant's status.

The format is write-only: it has no ``parse``.
"""

from __future__ import annotations

from omstilling.hookspecs import ReportFormat, hookimpl

from ._build import build
from ._schema import FORMAT_ID, SCHEMA

__all__ = ["FORMAT", "FORMAT_ID", "SCHEMA", "build", "report_formats"]

FORMAT = ReportFormat(
    id=FORMAT_ID,
    schema=SCHEMA,
    build=build,
    description="KRD's half-yearly Stifinneren status (status pr. august 2004)",
    needs_period=True,
)
"""The format: needs a period; write-only."""


@hookimpl
def report_formats() -> list[ReportFormat]:
    """Register ``stifinneren.status``."""
    return [FORMAT]
