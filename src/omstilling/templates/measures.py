"""``measure-overview``: the measures (tiltak) by priority, with their area,
responsible, status, target and realised savings per period with totals, and
staffing effect."""

from __future__ import annotations

from decimal import Context, Decimal

from ..hookspecs import BuildRequest, ReportFormat
from ..model import Money, Programme
from ..report import FieldType as T
from ..report import Report, ReportSchema, Section, SectionSchema
from .common import WORK_STATUS, L, col, language_of, total

SCHEMA = ReportSchema(
    id="measure-overview",
    title=L("Tiltaksoversikt", "Tiltaksoversikt", "Measures"),
    sections=(
        SectionSchema(
            key="totals",
            title=L("Samlet effekt", "Samla effekt", "Total effect"),
            fields=(
                col(
                    "measures",
                    T.INTEGER,
                    "Antall tiltak",
                    "Tal på tiltak",
                    "Measures",
                    required=True,
                ),
                col(
                    "target", T.MONEY, "Mål for innsparing", "Mål for innsparing", "Target savings"
                ),
                col(
                    "realised",
                    T.MONEY,
                    "Realisert innsparing",
                    "Realisert innsparing",
                    "Realised savings",
                ),
                col("positions", T.DECIMAL, "Stillinger", "Stillingar", "Positions"),
            ),
        ),
        SectionSchema(
            key="measures",
            title=L("Tiltak", "Tiltak", "Measures"),
            columns=(
                col("priority", T.INTEGER, "Prioritet", "Prioritet", "Priority"),
                col("title", T.TEXT, "Tiltak", "Tiltak", "Measure", required=True),
                col("area", T.TEXT, "Område", "Område", "Area"),
                col("responsible", T.TEXT, "Ansvar", "Ansvar", "Responsible"),
                col("status", T.TEXT, "Status", "Status", "Status"),
                col(
                    "target", T.MONEY, "Mål for innsparing", "Mål for innsparing", "Target savings"
                ),
                col("realised", T.MONEY, "Realisert", "Realisert", "Realised"),
                col("positions", T.DECIMAL, "Stillinger", "Stillingar", "Positions"),
                col("share_percent", T.DECIMAL, "Andel (%)", "Del (%)", "Share (%)"),
            ),
        ),
        SectionSchema(
            key="effects",
            title=L(
                "Økonomisk effekt per periode",
                "Økonomisk effekt per periode",
                "Economic effect per period",
            ),
            columns=(
                col("measure", T.TEXT, "Tiltak", "Tiltak", "Measure", required=True),
                col("period", T.PERIOD, "Periode", "Periode", "Period", required=True),
                col("target", T.MONEY, "Mål", "Mål", "Target"),
                col("realised", T.MONEY, "Realisert", "Realisert", "Realised"),
                col("note", T.TEXT, "Merknad", "Merknad", "Note"),
            ),
        ),
    ),
)


_EXACT = Context(prec=100)
"""Sums without rounding: the model's decimals have at most 61 digits."""


def build(programme: Programme, request: BuildRequest) -> Report:
    """Every measure (of ``request.participant``, if given), prioritised ones first."""
    language = language_of(programme, request)
    areas = {a.id: a.name for a in programme.project_areas}
    measures = sorted(
        (
            m
            for m in programme.measures
            if request.participant is None or m.participant == request.participant
        ),
        key=lambda m: (m.priority is None, m.priority or 0),
    )
    rows = []
    effects = []
    targets: list[Money | None] = []
    realised: list[Money | None] = []
    positions = Decimal(0)
    for measure in measures:
        target = total(e.target for e in measure.economic_effects)
        done = total(e.realised for e in measure.economic_effects)
        targets.append(target)
        realised.append(done)
        staffing = measure.staffing_effect
        if staffing is not None and staffing.positions is not None:
            positions = _EXACT.add(positions, staffing.positions)
        rows.append(
            {
                "priority": measure.priority,
                "title": measure.title,
                "area": areas.get(measure.area or ""),
                "responsible": measure.responsible,
                "status": WORK_STATUS[measure.status].get(language) if measure.status else None,
                "target": target,
                "realised": done,
                "positions": staffing.positions if staffing else None,
                "share_percent": staffing.share_percent if staffing else None,
            }
        )
        effects += [
            {
                "measure": measure.title,
                "period": e.period,
                "target": e.target,
                "realised": e.realised,
                "note": e.note,
            }
            for e in sorted(measure.economic_effects, key=lambda e: e.period)
        ]
    sections = [
        Section(
            key="totals",
            values={
                "measures": len(measures),
                "target": total(targets),
                "realised": total(realised),
                "positions": positions or None,
            },
        ),
        Section(key="measures", rows=tuple(rows)),
    ]
    if effects:
        sections.append(Section(key="effects", rows=tuple(effects)))
    return Report(
        schema=SCHEMA,
        language=language,
        title=programme.name,
        programme=programme.id,
        participant=request.participant,
        period=request.period,
        sections=tuple(sections),
    )


FORMAT = ReportFormat(
    id="measure-overview",
    schema=SCHEMA,
    build=build,
    description="Measures with priority, status, savings per period with totals, positions",
)

__all__ = ["FORMAT", "SCHEMA", "build"]
