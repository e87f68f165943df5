"""Measures with their economic and staffing effect, and indicators with values per
period."""

from __future__ import annotations

from decimal import Decimal

import attrs

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
    target: Money | None = None
    realised: Money | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StaffingEffect:
    """The effect of a measure on staffing: positions (stillinger), FTE (årsverk), or a
    share of a staff group ("15 % of the administration").

    Reductions are positive numbers.

    .. versionadded:: 0.1
    """

    positions: Decimal | None = attrs.field(default=None, validator=check_finite)
    fte: Decimal | None = attrs.field(default=None, validator=check_finite)
    share_percent: Decimal | None = attrs.field(default=None, validator=check_finite)
    note: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Measure:
    """A tiltak: what will be done, by whom, with what economic and staffing effect.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    description: str | None = None
    area: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    phase: str | None = attrs.field(default=None, validator=check_optional_id)
    priority: int | None = attrs.field(default=None, validator=check_positive)
    responsible: str | None = None
    status: WorkStatus | None = None
    economic_effects: tuple[EconomicEffect, ...] = ()
    staffing_effect: StaffingEffect | None = None
    decisions: tuple[str, ...] = attrs.field(default=(), validator=check_ids)

    def __attrs_post_init__(self) -> None:
        periods = [effect.period for effect in self.economic_effects]
        if len(set(periods)) != len(periods):
            msg = "an economic effect is given twice for the same period"
            raise ValueError(msg)
        currencies = {
            money.currency
            for effect in self.economic_effects
            for money in (effect.target, effect.realised)
            if money is not None
        }
        if len(currencies) > 1:
            msg = f"economic effects mix currencies: {', '.join(sorted(currencies))}"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class IndicatorValue:
    """An indicator's target and actual value in one period (IATI's result period).

    .. versionadded:: 0.1
    """

    period: Period
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    actual: Decimal | None = attrs.field(default=None, validator=check_finite)
    note: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Indicator:
    """Something measured over time, with a baseline, a target and values per period.

    ``unit`` is free text ("NOK", "%", "årsverk"); for money use "NOK". A positive
    number is good when ``higher_is_better`` is true.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    unit: str | None = None
    description: str | None = None
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    higher_is_better: bool | None = None
    baseline: Decimal | None = attrs.field(default=None, validator=check_finite)
    baseline_period: Period | None = None
    target: Decimal | None = attrs.field(default=None, validator=check_finite)
    target_period: Period | None = None
    values: tuple[IndicatorValue, ...] = ()

    def __attrs_post_init__(self) -> None:
        periods = [value.period for value in self.values]
        if len(set(periods)) != len(periods):
            msg = "a value is given twice for the same period"
            raise ValueError(msg)
