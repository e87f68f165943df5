"""``kongsvinger.vedtak``: Kongsvinger kommune's case document, modelled on the
delegated case "Organisasjonsendringer - administrasjon 2012 - Omstillingsprosjektet"
(delegert sak 769/12, arkivsaknr. 12/1728, arkiv K1-034).

The report follows the case document's layout in bokmål and in its order: the case
title with "Saksansv.", "Arkiv", "Arkivsaknr." and the "Skal behandles i" table
(Utvalg, Møtedato, Saksnr, Saksbehandler); "Saksopplysninger" with the background,
"Mandat for …", "Organisering av prosjekt …", the table of project areas with their
effect goals and numbered subprojects, and the earlier decisions the case quotes
(the council's KST-sak 139/12 with its items a) to j)); "Vurdering" with the
prioritised measures; "Vedtak" with the decision's items numbered within their
groups ("Vedtak samhandling", "Vedtak oppvekst", …).

The format is write-only: it has no ``parse``. A case document is a decision
already made; there is nothing in it to fill in and read back.
"""

from __future__ import annotations

from omstilling.hookspecs import ReportFormat, hookimpl

from ._build import build, case_decision, case_number, item_label
from ._schema import FORMAT_ID, SCHEMA

__all__ = [
    "FORMAT",
    "FORMAT_ID",
    "SCHEMA",
    "build",
    "case_decision",
    "case_number",
    "item_label",
    "report_formats",
]

FORMAT = ReportFormat(
    id=FORMAT_ID,
    schema=SCHEMA,
    build=build,
    description="Kongsvinger kommune's case document: delegert sak with vedtak (sak 12/1728)",
)
"""The format: write-only (no ``parse``), needs neither a period nor a participant."""


@hookimpl
def report_formats() -> list[ReportFormat]:
    """Register ``kongsvinger.vedtak``."""
    return [FORMAT]
