"""A report made by hand (a fields section, a table with money, dates and statuses,
and a repeated table section, one per participant) and helpers to read an export
back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

from omstilling_excel import to_xlsx
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell

from omstilling.hookspecs import ExportOptions
from omstilling.model import Language, Money, PartialDate, Period, PeriodKind, Rag
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)


def _column(key: str, field_type: FieldType, nb: str, en: str) -> Column:
    return Column(key=key, type=field_type, label=Labels(nb, None, en))


SCHEMA = ReportSchema(
    id="status-test",
    title=Labels("Statusrapport", None, "Status report"),
    sections=(
        SectionSchema(
            key="summary",
            title=Labels("Sammendrag", None, "Summary"),
            description=Labels("Hvordan det går med omstillingen.", None, "How it goes."),
            fields=(
                _column("status", FieldType.RAG, "Samlet status", "Overall status"),
                _column("budget", FieldType.MONEY, "Budsjett", "Budget"),
                _column("started", FieldType.DATE, "Startet", "Started"),
                _column("staff", FieldType.INTEGER, "Årsverk", "Full-time equivalents"),
                _column("share", FieldType.DECIMAL, "Andel", "Share"),
                _column("on_track", FieldType.BOOLEAN, "I rute", "On track"),
                _column("period", FieldType.PERIOD, "Halvår", "Half-year"),
                _column("topics", FieldType.TEXT_LIST, "Tema", "Topics"),
                _column("text", FieldType.PARAGRAPHS, "Vurdering", "Assessment"),
            ),
        ),
        SectionSchema(
            key="measures",
            title=Labels("Tiltak", None, "Measures"),
            columns=(
                _column("name", FieldType.TEXT, "Tiltak", "Measure"),
                _column("cost", FieldType.MONEY, "Kostnad", "Cost"),
                _column("due", FieldType.DATE, "Frist", "Due"),
                _column("status", FieldType.RAG, "Status", "Status"),
                _column("done", FieldType.BOOLEAN, "Ferdig", "Done"),
            ),
        ),
        SectionSchema(
            key="participants",
            title=Labels("Deltakere", None, "Participants"),
            repeat=True,
            level=2,
            columns=(
                _column("what", FieldType.TEXT, "Hva", "What"),
                _column("when", FieldType.DATE, "Når", "When"),
                _column("count", FieldType.INTEGER, "Antall", "Count"),
            ),
        ),
    ),
)

MEASURES: tuple[dict[str, Value], ...] = (
    {
        "name": "Felles sentralbord",
        "cost": Money(Decimal("1250000")),
        "due": PartialDate(2014, 3, 31),
        "status": Rag.GREEN,
        "done": True,
    },
    {
        "name": "Ny IKT-plattform for alle tre kommunene",
        "cost": Money(Decimal("35000000.50")),
        "due": PartialDate(2015, 6),
        "status": Rag.AMBER,
        "done": False,
    },
    {
        "name": '=HYPERLINK("http://example.invalid";"Klikk")',
        "cost": Money(Decimal("1200"), "EUR"),
        "due": PartialDate(2016),
        "status": Rag.RED,
    },
    {"name": "Vurdering av lokalisering", "status": Rag.NOT_ASSESSED},
)


def sample_report(language: Language = Language.NB) -> Report:
    """The hand-made report, in ``language``."""
    return Report(
        schema=SCHEMA,
        language=language,
        title="Statusrapport for Indre Østfold-omstillingen",
        programme="indre-ostfold",
        period=Period(2014, PeriodKind.HALF, 1),
        published=PartialDate(2014, 8, 20),
        sections=(
            Section(
                key="summary",
                values={
                    "status": Rag.AMBER,
                    "budget": Money(Decimal("42000000")),
                    "started": PartialDate(2013, 9),
                    "staff": 1234,
                    "share": Decimal("0.375"),
                    "on_track": False,
                    "period": Period(2004, PeriodKind.HALF, 1),
                    "topics": ("IKT", "Økonomi", "Personal"),
                    "text": "Arbeidet går etter planen.\n\nIKT-prosjektet er forsinket.",
                },
                note="Tallene er foreløpige.",
            ),
            Section(key="measures", rows=MEASURES),
            Section(
                key="participants",
                title="Spydeberg",
                rows=({"what": "Møte", "when": PartialDate(2014, 2, 3), "count": 12},),
            ),
            Section(
                key="participants",
                title="Askim/Eidsberg: [fase 2]",
                rows=({"what": "Seminar", "when": PartialDate(2014, 5), "count": 40},),
            ),
        ),
    )


def reopen(data: bytes) -> Workbook:
    """The workbook in ``data``, read back with openpyxl."""
    return load_workbook(io.BytesIO(data))


def export(report: Report, options: ExportOptions | None = None) -> Workbook:
    """``report`` exported and read back."""
    return reopen(to_xlsx(report, options))


def cells(workbook: Workbook) -> Iterator[Cell]:
    """Every cell of every sheet that holds something."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, Cell) and cell.value is not None:
                    yield cell


FORBIDDEN = frozenset("[]:*?/\\")


def assert_valid(names: list[str]) -> None:
    """Every name is one Excel opens, and no two are the same ignoring case."""
    for name in names:
        assert name.strip()
        assert len(name.encode("utf-16-le")) // 2 <= 31, name
        assert not FORBIDDEN & set(name), name
        assert not name.startswith("'")
        assert not name.endswith("'")
        assert name.casefold() != "history"
    assert len({name.casefold() for name in names}) == len(names)
