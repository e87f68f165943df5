"""Sample reports for the Word exporter's tests, and helpers to read a .docx back.

(Named uniquely rather than ``conftest.py``: these tests run in one session with
omstilling's own and other plugins' tests.)
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
from docx.document import Document
from docx.oxml.ns import qn

from omstilling.model import Language, Money, PartialDate, Period, Rag
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Timeline,
)

D = PartialDate

SCHEMA = ReportSchema(
    id="prove",
    title=Labels("Statusrapport", "Statusrapport", "Status report"),
    sections=(
        SectionSchema(
            key="om",
            title=Labels("Om programmet", "Om programmet", "About the programme"),
            description=Labels("Kort om programmet."),
            fields=(
                Column(key="leder", type=FieldType.TEXT, label=Labels("Programleder")),
                Column(key="budsjett", type=FieldType.MONEY, label=Labels("Budsjett")),
                Column(key="status", type=FieldType.RAG, label=Labels("Samlet status")),
                Column(key="bakgrunn", type=FieldType.PARAGRAPHS, label=Labels("Bakgrunn")),
                Column(key="fokus", type=FieldType.TEXT_LIST, label=Labels("Fokusområder")),
            ),
        ),
        SectionSchema(
            key="delprosjekter",
            title=Labels("Status per delprosjekt", "Status per delprosjekt", "Subprojects"),
            level=2,
            columns=(
                Column(key="navn", type=FieldType.TEXT, label=Labels("Delprosjekt")),
                Column(key="status", type=FieldType.RAG, label=Labels("Status")),
                Column(key="forbruk", type=FieldType.MONEY, label=Labels("Forbruk")),
                Column(key="kommentar", type=FieldType.PARAGRAPHS, label=Labels("Kommentar")),
            ),
        ),
        SectionSchema(
            key="milepaeler",
            title=Labels("Milepælsplan", "Milepælsplan", "Milestones"),
            level=2,
            columns=(
                Column(key="tittel", type=FieldType.TEXT, label=Labels("Milepæl")),
                Column(key="gruppe", type=FieldType.TEXT, label=Labels("Delprosjekt")),
                Column(key="start", type=FieldType.DATE, label=Labels("Start")),
                Column(key="frist", type=FieldType.DATE, label=Labels("Frist")),
                Column(key="ferdig", type=FieldType.BOOLEAN, label=Labels("Ferdig")),
            ),
            timeline=Timeline(label="tittel", start="start", finish="frist", done="ferdig"),
        ),
    ),
)
"""A form, a table with statuses and a table drawn as a timeline."""


def _milestone(
    title: str, group: str | None, start: PartialDate | None, finish: PartialDate, done: bool
) -> dict[str, Any]:
    return {"tittel": title, "gruppe": group, "start": start, "frist": finish, "ferdig": done}


MILESTONES: tuple[dict[str, Any], ...] = (
    _milestone("Forprosjekt", "Styring", D(2013, 12, 1), D(2014, 1, 31), True),
    _milestone("Kartlegging", "Helse", D(2014, 1), D(2014, 2), True),
    _milestone("Brukerundersøkelse", "Helse", D(2014, 2, 10), D(2014, 3, 20), False),
    _milestone("Politisk behandling", "Styring", D(2014, 4, 30), D(2014, 4, 30), False),
    _milestone("Ny organisering", None, D(2014, 3, 1), D(2014, 5, 31), False),
    _milestone("Uten startdato", "Oppvekst", None, D(2014, 5, 1), False),
)
"""Five milestones with both dates from 1 December 2013 to 31 May 2014, two of them
done, and one without a start date."""

SUBPROJECTS: tuple[dict[str, Any], ...] = (
    {
        "navn": "Helse",
        "status": Rag.GREEN,
        "forbruk": Money(Decimal("350000.50")),
        "kommentar": "Går etter planen.",
    },
    {
        "navn": "Oppvekst",
        "status": Rag.RED,
        "forbruk": Money(Decimal(820000)),
        "kommentar": "Forsinket.\n\nNy frist i juni.",
    },
    {"navn": "Styring", "status": Rag.NOT_ASSESSED},
    {"navn": "Digitalisering", "status": Rag.AMBER, "forbruk": Money(Decimal(99000))},
)
"""Four subprojects, one of each status."""


def sample_report(
    language: Language = Language.NB,
    *,
    schema: ReportSchema = SCHEMA,
    milestones: tuple[dict[str, Any], ...] = MILESTONES,
    subprojects: tuple[dict[str, Any], ...] = SUBPROJECTS,
) -> Report:
    """The sample report: one section of each kind."""
    return Report(
        schema=schema,
        language=language,
        title="Statusrapport Flesberg og Rollag",
        programme="flesberg-rollag",
        period=Period.parse("2014-T1"),
        published=D(2014, 5, 15),
        sections=(
            Section(
                key="om",
                values={
                    "leder": "Kari Nordmann",
                    "budsjett": Money(Decimal(1234500)),
                    "status": Rag.AMBER,
                    "bakgrunn": "Første avsnitt.\n\nAndre avsnitt.",
                    "fokus": ("Helse og omsorg", "Oppvekst"),
                },
                note="Tallene er foreløpige.",
            ),
            Section(key="delprosjekter", rows=subprojects),
            Section(key="milepaeler", rows=milestones),
        ),
    )


def reopen(data: bytes) -> Document:
    """The .docx ``data`` opened with python-docx."""
    return docx.Document(io.BytesIO(data))


def headings(document: Document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in a title or heading style."""
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None
        and p.style.name is not None
        and (p.style.name == "Title" or p.style.name.startswith("Heading"))
    ]


def body_items(document: Document) -> list[Any]:
    """The body's paragraphs and tables in document order (lxml elements)."""
    return [child for child in document.element.body if child.tag in {qn("w:p"), qn("w:tbl")}]


def alt_texts(document: Document) -> list[str]:
    """The alt text (``descr``) of every picture in the body."""
    return [str(d.get("descr")) for d in document.element.body.xpath(".//wp:docPr")]
