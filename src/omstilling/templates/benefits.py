"""``benefits-plan`` (gevinstrealiseringsplan), as Prosjektveiviseren describes it:
per benefit (gevinst) its kind, owner in the line organisation (gevinsteier), the
indicator it is measured by with unit, baseline (nullpunktsmåling) and target, the
latest measurement, and the measures and subprojects that bring it about; a chart
of how far each benefit has come; and every measurement per period, also those
after the programme's end (benefits are realised after it).

Benefits are measured in different units (kroner, per cent, days), so the chart does
not put their numbers side by side: it shows each benefit's *realisation*, how far
its latest measurement has come from the baseline towards the target, in per cent of
the way (100 is the target reached). A benefit without a baseline or a target, or
not yet measured, is left out of the chart and shown in the tables: without a
baseline there is no way to measure from.

With a period, only the measurements up to the end of that period count.

.. versionadded:: 0.2
"""

from __future__ import annotations

from decimal import Context, Decimal

from ..hookspecs import BuildRequest, ReportFormat
from ..model import (
    MAX_EXPONENT,
    Benefit,
    BenefitKind,
    Indicator,
    IndicatorValue,
    Period,
    Programme,
    latest_as_of,
)
from ..report import (
    Chart,
    ChartKind,
    Labels,
    Presentation,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)
from ..report import FieldType as T
from .common import L, col, language_of, make_report, organisation_name

BENEFIT_KIND: dict[BenefitKind, Labels] = {
    BenefitKind.ECONOMIC: L("Økonomisk", "Økonomisk", "Economic"),
    BenefitKind.QUALITY: L("Kvalitet", "Kvalitet", "Quality"),
    BenefitKind.TIME: L("Tid", "Tid", "Time"),
    BenefitKind.OTHER: L("Annet", "Anna", "Other"),
}
"""The words for the kinds of benefit."""

SCHEMA = ReportSchema(
    id="benefits-plan",
    title=L("Gevinstrealiseringsplan", "Gevinstrealiseringsplan", "Benefits realisation plan"),
    sections=(
        SectionSchema(
            key="totals",
            title=L("Oppsummering", "Oppsummering", "Summary"),
            presentation=Presentation.KEY_FIGURES,
            fields=(
                col("benefits", T.INTEGER, "Gevinster", "Gevinstar", "Benefits", required=True),
                col("measured", T.INTEGER, "Målt", "Målt", "Measured"),
                col("reached", T.INTEGER, "Mål nådd", "Mål nådd", "Target reached"),
            ),
        ),
        SectionSchema(
            key="realisation",
            title=L("Gevinstrealisering", "Gevinstrealisering", "Benefits realised"),
            description=L(
                "Hvor langt hver gevinst er kommet fra nullpunktet mot målet, i prosent "
                "(100 er målet nådd), etter siste måling. Gevinstene måles i ulike "
                "enheter, så bare andelen sammenlignes. Gevinster uten nullpunkt, mål "
                "eller måling er ikke med her.",
                "Kor langt kvar gevinst har kome frå nullpunktet mot målet, i prosent "
                "(100 er målet nådd), etter siste måling. Gevinstane blir målte i ulike "
                "einingar, så berre delen blir samanlikna. Gevinstar utan nullpunkt, mål "
                "eller måling er ikkje med her.",
                "How far each benefit has come from its baseline towards its target, in per "
                "cent (100 is the target reached), by its latest measurement. The benefits "
                "are measured in different units, so only the share is compared. Benefits "
                "without a baseline, a target or a measurement are not included here.",
            ),
            columns=(
                col("benefit", T.TEXT, "Gevinst", "Gevinst", "Benefit", required=True),
                col("target", T.DECIMAL, "Mål (%)", "Mål (%)", "Target (%)", required=True),
                col(
                    "realised",
                    T.DECIMAL,
                    "Realisert (%)",
                    "Realisert (%)",
                    "Realised (%)",
                    required=True,
                ),
                col("measured_in", T.PERIOD, "Sist målt", "Sist målt", "Last measured"),
            ),
            chart=Chart(
                kind=ChartKind.TARGET_ACTUAL,
                label="benefit",
                values=("target", "realised"),
                title=L(
                    "Gevinstrealisering i prosent av målet",
                    "Gevinstrealisering i prosent av målet",
                    "Benefits realised, per cent of target",
                ),
            ),
        ),
        SectionSchema(
            key="benefit",
            title=L("Gevinst", "Gevinst", "Benefit"),
            repeat=True,
            fields=(
                col("kind", T.TEXT, "Type gevinst", "Type gevinst", "Kind", required=True),
                col("description", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),
                col("owner", T.TEXT, "Gevinsteier", "Gevinsteigar", "Benefit owner"),
                col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant"),
                col("indicator", T.TEXT, "Indikator", "Indikator", "Indicator"),
                col("unit", T.TEXT, "Enhet", "Eining", "Unit"),
                col("baseline", T.DECIMAL, "Nullpunkt", "Nullpunkt", "Baseline"),
                col(
                    "baseline_period",
                    T.PERIOD,
                    "Nullpunkt målt",
                    "Nullpunkt målt",
                    "Baseline measured",
                ),
                col("target", T.DECIMAL, "Mål", "Mål", "Target"),
                col("target_period", T.PERIOD, "Mål innen", "Mål innan", "Target by"),
                col("latest", T.DECIMAL, "Siste måling", "Siste måling", "Latest measurement"),
                col("latest_period", T.PERIOD, "Sist målt", "Sist målt", "Last measured"),
                col("measures", T.TEXT_LIST, "Tiltak", "Tiltak", "Measures"),
                col("subprojects", T.TEXT_LIST, "Delprosjekter", "Delprosjekt", "Subprojects"),
            ),
        ),
        SectionSchema(
            key="measurements",
            title=L("Målinger per periode", "Målingar per periode", "Measurements by period"),
            columns=(
                col("benefit", T.TEXT, "Gevinst", "Gevinst", "Benefit", required=True),
                col("period", T.PERIOD, "Periode", "Periode", "Period", required=True),
                col("target", T.DECIMAL, "Mål", "Mål", "Target"),
                col("actual", T.DECIMAL, "Målt", "Målt", "Measured"),
                col("note", T.TEXT, "Merknad", "Merknad", "Note"),
            ),
        ),
    ),
)

_EXACT = Context(prec=200)
"""Room for the model's decimals (at most 61 digits) divided and rounded."""
_TENTH = Decimal("0.1")


def measurements(indicator: Indicator | None, period: Period | None) -> list[IndicatorValue]:
    """The values of ``indicator`` up to the end of ``period`` (all without one), in
    period order.

    .. versionadded:: 0.2
    """
    if indicator is None:
        return []
    return sorted(
        (v for v in indicator.values if period is None or v.period.start() <= period.end()),
        key=lambda v: v.period,
    )


def latest(indicator: Indicator | None, period: Period | None) -> IndicatorValue | None:
    """The latest measurement of ``indicator`` up to the end of ``period``.

    .. versionadded:: 0.2
    """
    if indicator is None:
        return None
    return latest_as_of((v for v in indicator.values if v.actual is not None), period)


def realisation(indicator: Indicator | None, period: Period | None) -> Decimal | None:
    """How far ``indicator``'s latest measurement up to ``period`` has come from its
    baseline towards its target, in per cent to one decimal; ``None`` without a
    baseline, a target and a measurement (with no baseline there is no way to count
    from: a target of "down to 6" is not 133 % reached at 8), where the target is the
    baseline, or where the share is beyond ±1E+30
    (:data:`~omstilling.model.MAX_EXPONENT`).

    .. versionadded:: 0.2
    """
    found = latest(indicator, period)
    if indicator is None or indicator.target is None or found is None or found.actual is None:
        return None
    baseline = indicator.baseline
    if baseline is None:
        return None
    way = _EXACT.subtract(indicator.target, baseline)
    if way == 0:
        return None
    come = _EXACT.subtract(found.actual, baseline)
    share = _EXACT.quantize(_EXACT.multiply(_EXACT.divide(come, way), Decimal(100)), _TENTH)
    # a share beyond what a number of the model holds tells a reader nothing more
    return share if share.adjusted() <= MAX_EXPONENT else None


def _benefit_values(
    programme: Programme, benefit: Benefit, indicator: Indicator | None, request: BuildRequest
) -> dict[str, Value]:
    language = language_of(programme, request)
    measures = {m.id: m.title for m in programme.measures}
    subprojects = {s.id: s.name for s in programme.subprojects}
    found = latest(indicator, request.period)
    values: dict[str, Value] = {
        "kind": BENEFIT_KIND[benefit.kind].get(language),
        "description": benefit.description,
        "owner": benefit.owner,
        "participant": organisation_name(programme, benefit.participant),
        "measures": tuple(measures.get(m, m) for m in benefit.measures) or None,
        "subprojects": tuple(subprojects.get(s, s) for s in benefit.subprojects) or None,
    }
    if indicator is not None:
        values.update(
            indicator=indicator.name,
            unit=indicator.unit,
            baseline=indicator.baseline,
            baseline_period=indicator.baseline_period,
            target=indicator.target,
            target_period=indicator.target_period,
            latest=found.actual if found else None,
            latest_period=found.period if found else None,
        )
    return values


def build(programme: Programme, request: BuildRequest) -> Report:
    """Every benefit (of ``request.participant``, if given), in the programme's
    order, with the measurements up to ``request.period`` (all without one)."""
    indicators = {i.id: i for i in programme.indicators}
    benefits = [
        b
        for b in programme.benefits
        if request.participant is None or b.participant == request.participant
    ]
    realised: list[dict[str, Value]] = []
    reached = 0
    details: list[Section] = []
    rows: list[dict[str, Value]] = []
    for benefit in benefits:
        indicator = indicators.get(benefit.indicator or "")
        details.append(
            Section(
                key="benefit",
                title=benefit.title,
                values=_benefit_values(programme, benefit, indicator, request),
            )
        )
        share = realisation(indicator, request.period)
        if share is not None:
            reached += share >= 100
            found = latest(indicator, request.period)
            realised.append(
                {
                    "benefit": benefit.title,
                    "target": Decimal(100),
                    "realised": share,
                    "measured_in": found.period if found else None,
                }
            )
        # the unit beside the name, not in a narrow column of its own
        unit = indicator.unit if indicator else None
        named = f"{benefit.title} ({unit})" if unit else benefit.title
        rows.extend(
            {
                "benefit": named,
                "period": value.period,
                "target": value.target,
                "actual": value.actual,
                "note": value.note,
            }
            for value in measurements(indicator, request.period)
        )
    measured = sum(1 for b in benefits if latest(indicators.get(b.indicator or ""), request.period))
    sections = [
        Section(
            key="totals",
            values={
                "benefits": len(benefits),
                "measured": measured,
                "reached": reached,
            },
        )
    ]
    if realised:
        sections.append(Section(key="realisation", rows=tuple(realised)))
    sections.extend(details)
    if rows:
        sections.append(Section(key="measurements", rows=tuple(rows)))
    return make_report(SCHEMA, programme, request, sections, participant=request.participant)


FORMAT = ReportFormat(
    id="benefits-plan",
    schema=SCHEMA,
    build=build,
    description=(
        "Benefits realisation plan: each benefit's owner, indicator, baseline, target and "
        "measurements per period, and how far each has come towards its target"
    ),
)

__all__ = ["BENEFIT_KIND", "FORMAT", "SCHEMA", "build", "latest", "measurements", "realisation"]
