"""Measures with their economic and staffing effect, and indicators with values per
period."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .._messages import _
from ._plans import WorkStatus
from ._time import Period
from ._typed import typed_fields
from ._values import (
    Money,
    check_finite,
    check_id,
    check_ids,
    check_optional_id,
    check_positive,
    check_text,
)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class EconomicEffect:
    """Target and realised savings of a measure in one period.

    .. versionadded:: 0.1
    """

    period: Period
    """The period the amounts are for."""
    target: Money | None = None
    """The saving aimed at (innsparing)."""
    realised: Money | None = None
    """The saving achieved."""
    note: str | None = None
    """Any remark."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StaffingEffect:
    """The effect of a measure on staffing: positions (stillinger), FTE (årsverk), or a
    share of a staff group ("15 % of the administration").

    Reductions are positive numbers.

    .. versionadded:: 0.1
    """

    positions: Decimal | None = attrs.field(default=None, validator=check_finite)
    """Positions (stillinger) reduced; negative for positions added."""
    fte: Decimal | None = attrs.field(default=None, validator=check_finite)
    """Full-time equivalents (årsverk) reduced; negative for added."""
    share_percent: Decimal | None = attrs.field(default=None, validator=check_finite)
    """The share of a staff group, in per cent."""
    note: str | None = None
    """What the numbers are of, in words ("15 % of the administration")."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Measure:
    """A tiltak: what will be done, by whom, with what economic and staffing effect.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    """What will be done."""
    description: str | None = None
    """The measure in more words."""
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    """The project area or focus area it belongs to."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject it belongs to."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that carries it out."""
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    """The phase it belongs to."""
    priority: int | None = attrs.field(default=None, validator=check_positive)
    """Its priority, 1 the highest."""
    responsible: str | None = None
    """Who is responsible, as the source writes it: a name, a role or a unit."""
    status: WorkStatus | None = None
    """Where the measure stands."""
    economic_effects: tuple[EconomicEffect, ...] = ()
    """Targeted and realised savings, per period."""
    staffing_effect: StaffingEffect | None = None
    """The effect on staffing (stillinger, årsverk)."""
    decisions: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The decisions the measure follows from or follows up."""

    def __attrs_post_init__(self) -> None:
        periods = [effect.period for effect in self.economic_effects]
        if len(set(periods)) != len(periods):
            msg = _("an economic effect is given twice for the same period")
            raise ValueError(msg)
        currencies = {
            money.currency
            for effect in self.economic_effects
            for money in (effect.target, effect.realised)
            if money is not None
        }
        if len(currencies) > 1:
            msg = _("economic effects mix currencies: {currencies}").format(
                currencies=", ".join(sorted(currencies))
            )
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class IndicatorValue:
    """An indicator's target and actual value in one period (IATI's result period).

    .. versionadded:: 0.1
    """

    period: Period
    """The period the values are for."""
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    """The value aimed at in the period."""
    actual: Decimal | None = attrs.field(default=None, validator=check_finite)
    """The value measured."""
    note: str | None = None
    """Any remark."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Indicator:
    """Something measured over time, with a baseline, a target and values per period.

    ``unit`` is free text ("NOK", "%", "årsverk"); for money use "NOK". A positive
    number is good when ``higher_is_better`` is true.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The indicator's id."""
    name: str = attrs.field(validator=check_text)
    """What is measured ("Sykefravær", "Netto driftsresultat")."""
    unit: str | None = None
    description: str | None = None
    """How it is measured, and from what source."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant it is measured for, if one."""
    higher_is_better: bool | None = None
    baseline: Decimal | None = attrs.field(default=None, validator=check_finite)
    """The value at the start (nullpunktsmåling)."""
    baseline_period: Period | None = None
    """The period of the baseline."""
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    """The value aimed at."""
    target_period: Period | None = None
    """When the target is to be reached."""
    values: tuple[IndicatorValue, ...] = ()
    """The target and actual value per period."""

    def __attrs_post_init__(self) -> None:
        periods = [value.period for value in self.values]
        if len(set(periods)) != len(periods):
            msg = _("a value is given twice for the same period")
            raise ValueError(msg)
