"""``measure-overview``: the measures (tiltak) by priority, with their participant,
area, responsible, status, target and realised savings per period, and their
effect on staffing (positions, FTE, share); above them the programme's own savings
target next to the sum of the measures' targets."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Context, Decimal

from ..formatting import format_amount
from ..hookspecs import BuildRequest, ReportFormat
from ..model import GoalKind, Indicator, Language, Measure, Money, Programme
from ..report import Column, Presentation, Report, ReportSchema, Section, SectionSchema, Value
from ..report import FieldType as T
from .common import WORK_STATUS, L, col, language_of, make_report, organisation_name, total


def _money_or_text(key: str, nb: str, nn: str, en: str) -> tuple[Column, Column]:
    """A sum's field, and the field of the same name that holds it written out
    where money cannot: in several currencies, or beyond ±1E+30 (``{key}_text``)."""
    return col(key, T.MONEY, nb, nn, en), col(f"{key}_text", T.TEXT, nb, nn, en)


SCHEMA = ReportSchema(
    id="measure-overview",
    title=L("Tiltaksoversikt", "Tiltaksoversikt", "Measures"),
    sections=(
        SectionSchema(
            key="totals",
            title=L("Samlet effekt", "Samla effekt", "Total effect"),
            presentation=Presentation.KEY_FIGURES,
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
                    "programme_target",
                    T.MONEY,
                    "Programmets mål for innsparing",
                    "Programmet sitt mål for innsparing",
                    "The programme's savings target",
                ),
                *_money_or_text(
                    "target",
                    "Sum av tiltakenes mål for innsparing",
                    "Sum av innsparingsmåla for tiltaka",
                    "Sum of the measures' savings targets",
                ),
                *_money_or_text(
                    "uncovered",
                    "Differanse mot programmets mål",
                    "Skilnad mot målet for programmet",
                    "Short of the programme's target",
                ),
                *_money_or_text(
                    "realised",
                    "Realisert innsparing",
                    "Realisert innsparing",
                    "Realised savings",
                ),
                col("positions", T.DECIMAL, "Stillinger", "Stillingar", "Positions"),
                col("fte", T.DECIMAL, "Årsverk", "Årsverk", "Full-time equivalents"),
            ),
        ),
        SectionSchema(
            key="measures",
            title=L("Tiltak", "Tiltak", "Measures"),
            columns=(
                col("priority", T.INTEGER, "Prioritet", "Prioritet", "Priority"),
                col("title", T.TEXT, "Tiltak", "Tiltak", "Measure", required=True),
                col("participant", T.TEXT, "Deltaker", "Deltakar", "Participant"),
                col("area", T.TEXT, "Område", "Område", "Area"),
                col("responsible", T.TEXT, "Ansvar", "Ansvar", "Responsible"),
                col("status", T.TEXT, "Status", "Status", "Status"),
                col(
                    "target", T.MONEY, "Mål for innsparing", "Mål for innsparing", "Target savings"
                ),
                col("realised", T.MONEY, "Realisert", "Realisert", "Realised"),
                col("positions", T.DECIMAL, "Stillinger", "Stillingar", "Positions"),
                col("fte", T.DECIMAL, "Årsverk", "Årsverk", "FTE"),
                col("share_percent", T.DECIMAL, "Andel (%)", "Del (%)", "Share (%)"),
                col(
                    "staffing_note",
                    T.TEXT,
                    "Merknad om bemanning",
                    "Merknad om bemanning",
                    "Staffing note",
                ),
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

_MONEY_UNITS = frozenset({"nok", "kr", "kroner"})


def _money_unit(indicator: Indicator) -> str | None:
    """The currency of an indicator measured in money ("NOK", "kr", "EUR"), if it is."""
    unit = (indicator.unit or "").strip()
    if unit.casefold() in _MONEY_UNITS:
        return "NOK"
    return unit if len(unit) == 3 and unit.isalpha() and unit.isupper() else None


def programme_target(programme: Programme, participant: str | None = None) -> Money | None:
    """The programme's own savings target: the targets of the indicators in money
    that its main goals (else its effect goals) are measured by, for ``participant``
    or, if ``None``, for the programme as a whole (Kongsvinger's "redusere
    driftsutgiftene med ca 35 millioner"). ``None`` where no goal has one.

    .. versionadded:: 0.2
    """
    indicators = {i.id: i for i in programme.indicators if i.participant == participant}
    for kind in (GoalKind.MAIN, GoalKind.EFFECT):
        targets = []
        for goal_indicator in dict.fromkeys(
            g.indicator for g in programme.goals if g.kind is kind and g.indicator
        ):
            indicator = indicators.get(goal_indicator or "")
            if indicator is None or indicator.target is None:
                continue
            currency = _money_unit(indicator)
            if currency is not None:
                try:
                    targets.append(Money(indicator.target, currency))
                except ValueError:  # a target Money cannot hold (fractions of øre)
                    continue
        found = total(targets)
        if found is not None:
            return found
    return None


def _sum(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    result = Decimal(0)
    for value in values:
        result = _EXACT.add(result, value)
    return result


def _sums(amounts: Iterable[Money | None]) -> dict[str, Decimal]:
    """The exact sum of ``amounts`` per currency, in the order the currencies come;
    a sum may be beyond what :class:`~omstilling.model.Money` holds."""
    sums: dict[str, Decimal] = {}
    for amount in amounts:
        if amount is not None:
            sums[amount.currency] = _EXACT.add(sums.get(amount.currency, Decimal(0)), amount.amount)
    return sums


def _amount(amount: Decimal, currency: str, language: Language) -> Money | str:
    """``amount`` as money, or as text where it is beyond what money holds."""
    try:
        return Money(amount, currency)
    except ValueError:  # beyond ±1E+30
        return format_amount(amount, currency, language)


def _sum_value(sums: dict[str, Decimal], language: Language) -> Money | str | None:
    """The sum of amounts as a report shows it: one amount, or one per currency."""
    if len(sums) == 1:
        ((currency, amount),) = sums.items()
        return _amount(amount, currency, language)
    if sums:
        return " + ".join(format_amount(a, c, language) for c, a in sums.items())
    return None


def _shown(key: str, value: Money | str | None) -> dict[str, Value]:
    """``value`` in field ``key`` if it is money, else in ``{key}_text``."""
    return {key: value} if not isinstance(value, str) else {f"{key}_text": value}


def _uncovered(
    target: Money | None, covered: dict[str, Decimal], language: Language
) -> Money | str | None:
    """How far the measures' targets (``covered``, per currency; none is nothing)
    fall short of the programme's ``target``, if they do and that can be told: not
    where a measure's target is in another currency."""
    if target is None or set(covered) - {target.currency}:
        return None
    short = _EXACT.subtract(target.amount, covered.get(target.currency, Decimal(0)))
    return _amount(short, target.currency, language) if short > 0 else None


def _row(programme: Programme, measure: Measure, named: dict[str, Value]) -> dict[str, Value]:
    """A measure's row; ``named`` holds what is named in the report's language."""
    staffing = measure.staffing_effect
    return {
        **named,
        "priority": measure.priority,
        "title": measure.title,
        "participant": organisation_name(programme, measure.participant),
        "responsible": measure.responsible,
        "target": total(e.target for e in measure.economic_effects),
        "realised": total(e.realised for e in measure.economic_effects),
        "positions": staffing.positions if staffing else None,
        "fte": staffing.fte if staffing else None,
        "share_percent": staffing.share_percent if staffing else None,
        "staffing_note": staffing.note if staffing else None,
    }


def build(programme: Programme, request: BuildRequest) -> Report:
    """Every measure (of ``request.participant``, if given), prioritised ones first,
    after the totals: the programme's target, the sum of the measures' targets,
    what they leave uncovered, what is realised, and the staffing effect."""
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
    rows = [
        _row(
            programme,
            measure,
            {
                "area": areas.get(measure.area or ""),
                "status": WORK_STATUS[measure.status].get(language) if measure.status else None,
            },
        )
        for measure in measures
    ]
    effects: list[dict[str, Value]] = [
        {
            "measure": measure.title,
            "period": e.period,
            "target": e.target,
            "realised": e.realised,
            "note": e.note,
        }
        for measure in measures
        for e in sorted(measure.economic_effects, key=lambda e: e.period)
    ]
    staffing = [m.staffing_effect for m in measures if m.staffing_effect is not None]
    targets = _sums(e.target for m in measures for e in m.economic_effects)
    realised = _sums(e.realised for m in measures for e in m.economic_effects)
    overall = programme_target(programme, request.participant)
    sections = [
        Section(
            key="totals",
            values={
                "measures": len(measures),
                "programme_target": overall,
                **_shown("target", _sum_value(targets, language)),
                **_shown("uncovered", _uncovered(overall, targets, language)),
                **_shown("realised", _sum_value(realised, language)),
                "positions": _sum([s.positions for s in staffing if s.positions is not None]),
                "fte": _sum([s.fte for s in staffing if s.fte is not None]),
            },
        ),
    ]
    if rows:
        sections.append(Section(key="measures", rows=tuple(rows)))
    if effects:
        sections.append(Section(key="effects", rows=tuple(effects)))
    return make_report(SCHEMA, programme, request, sections, participant=request.participant)


FORMAT = ReportFormat(
    id="measure-overview",
    schema=SCHEMA,
    build=build,
    description=(
        "Measures with participant, priority, status, savings per period, staffing effect, "
        "and the programme's target next to their sum"
    ),
)

__all__ = ["FORMAT", "SCHEMA", "build", "programme_target"]
