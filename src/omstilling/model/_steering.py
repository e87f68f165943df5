"""What a programme office steers by besides its plans: the risk register, deviations
and the benefits the programme is to realise.

The words follow Norwegian public project practice as Digitaliseringsdirektoratet's
Prosjektveiviseren describes it: a risk (risiko) is scored for probability
(sannsynlighet) and consequence (konsekvens) on a scale of 1 to 5; a deviation (avvik)
is reported with its cause, consequence and corrective action; a benefit (gevinst)
has an owner in the line organisation and is measured by an indicator, also after
the programme has ended (gevinstrealisering).
"""

from __future__ import annotations

import enum

import attrs

from .._messages import _
from ._time import PartialDate, Period, latest_as_of
from ._typed import typed_fields
from ._values import check_id, check_ids, check_optional_id, check_text, field_validator

__all__ = [
    "SCORE_SCALE",
    "Benefit",
    "BenefitKind",
    "Deviation",
    "DeviationKind",
    "MitigationAction",
    "Risk",
    "RiskAssessment",
    "RiskStatus",
]

SCORE_SCALE = (1, 5)
"""The lowest and highest score of a risk's probability and consequence.

The scale is Prosjektveiviseren's five steps. Probability: 1 very unlikely, 2
unlikely, 3 possible, 4 likely, 5 very likely. Consequence: 1 insignificant, 2
small, 3 moderate, 4 serious, 5 critical. A risk's level is probability times
consequence, 1 to 25.

.. versionadded:: 0.2
"""


@field_validator
def _check_score(_obj: object, attribute: attrs.Attribute[int], value: int | None) -> None:
    low, high = SCORE_SCALE
    if value is not None and not low <= value <= high:
        msg = _("must be a score from {low} to {high}: {value}").format(
            low=low, high=high, value=value
        )
        raise ValueError(msg)


class RiskStatus(enum.StrEnum):
    """Whether a risk is still followed.

    .. versionadded:: 0.2
    """

    OPEN = "open"
    """Åpen: followed and reported on."""
    CLOSED = "closed"
    """Lukket: passed, or no longer relevant."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RiskAssessment:
    """A risk's scores as assessed in one period, so that its trend shows.

    .. versionadded:: 0.2
    """

    period: Period
    """The period the assessment was made in."""
    probability: int = attrs.field(validator=_check_score)
    """Sannsynlighet, on the scale of :data:`SCORE_SCALE`."""
    consequence: int = attrs.field(validator=_check_score)
    """Konsekvens, on the scale of :data:`SCORE_SCALE`."""
    status: RiskStatus = RiskStatus.OPEN
    """Whether the risk was still open at the assessment."""
    note: str | None = None
    """What changed, in the assessor's words."""

    @property
    def level(self) -> int:
        """Probability times consequence, 1 to 25."""
        return self.probability * self.consequence


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MitigationAction:
    """Something done to make a risk less likely or less harmful (risikoreduserende tiltak).

    .. versionadded:: 0.2
    """

    action: str = attrs.field(validator=check_text)
    """What will be done."""
    responsible: str | None = None
    """Who is responsible, as the register writes it: a name, a role or a unit."""
    deadline: PartialDate | None = None
    """When it is to be done (frist)."""
    done: bool = False
    """Whether it has been done."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Risk:
    """An entry of the risk register (risikoregister).

    ``probability`` and ``consequence`` are the risk's scores when it was entered, or
    as last assessed where the register keeps no history; ``assessments`` holds the
    scores of each period after. :meth:`assessment` gives the scores that held in a
    period.

    .. versionadded:: 0.2
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    """The risk in a few words."""
    description: str | None = None
    """The risk in more words."""
    cause: str | None = None
    """Årsak: what could make it happen."""
    effect: str | None = None
    """Konsekvens in words: what happens if it does."""
    probability: int | None = attrs.field(default=None, validator=_check_score)
    """Sannsynlighet, on the scale of :data:`SCORE_SCALE`."""
    consequence: int | None = attrs.field(default=None, validator=_check_score)
    """Konsekvens, on the scale of :data:`SCORE_SCALE`."""
    owner: str | None = None
    """Risikoeier, as the register writes it: a name, a role or a unit."""
    actions: tuple[MitigationAction, ...] = ()
    """What is done about it."""
    status: RiskStatus = RiskStatus.OPEN
    """Whether it is still followed."""
    identified: Period | None = None
    """The period it was first entered in."""
    closed_in: Period | None = None
    """The period it was closed in, where the register says; only a closed risk has
    one."""
    assessments: tuple[RiskAssessment, ...] = ()
    """Its scores per period, in any order; one per period."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant whose risk it is."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject whose risk it is."""

    def __attrs_post_init__(self) -> None:
        periods = [a.period for a in self.assessments]
        if len(set(periods)) != len(periods):
            msg = _("a risk is assessed twice for the same period")
            raise ValueError(msg)
        if (self.probability is None) != (self.consequence is None):
            msg = _("a risk has both a probability and a consequence score, or neither")
            raise ValueError(msg)
        if self.closed_in is not None and self.status is not RiskStatus.CLOSED:
            msg = _("only a closed risk has a period it was closed in")
            raise ValueError(msg)
        if (
            self.closed_in is not None
            and self.identified is not None
            and self.closed_in < self.identified
        ):
            msg = _("closed ({closed}) before it was identified ({identified})").format(
                closed=self.closed_in, identified=self.identified
            )
            raise ValueError(msg)

    def scores(self, period: Period | None = None) -> tuple[int, int] | None:
        """Probability and consequence as they stood in ``period`` (now, without one):
        those of the latest assessment made by then, else the risk's own scores
        (unless it was not yet entered by then, :meth:`entered_by`), else ``None``."""
        latest = latest_as_of(self.assessments, period)
        if latest is not None:
            return latest.probability, latest.consequence
        if self.probability is None or self.consequence is None:
            return None
        if not self.entered_by(period):
            return None
        return self.probability, self.consequence

    def entered_by(self, period: Period | None = None) -> bool:
        """Whether the risk had been entered in the register by the end of ``period``:
        the period it was identified in has begun by then (always, without
        ``period`` or without the period it was identified in).

        .. versionadded:: 0.2
        """
        return period is None or self.identified is None or self.identified.start() <= period.end()

    def open_in(self, period: Period | None = None) -> bool:
        """Whether the risk was followed in ``period`` (now, without one).

        Not before the period it was identified in, nor from the one it was closed in.
        Otherwise as its latest assessment by then says; a risk closed with no period
        given counts as closed after the period of its last assessment (or always,
        without assessments); one never assessed by then is open if it is open now
        or was assessed or closed later.
        """
        if period is None:
            return self.status is RiskStatus.OPEN
        if not self.entered_by(period):
            return False
        if self.closed_in is not None and self.closed_in.start() <= period.end():
            return False
        latest = latest_as_of(self.assessments, period)
        if latest is None:
            later = any(a.period.start() > period.end() for a in self.assessments)
            return self.status is RiskStatus.OPEN or self.closed_in is not None or later
        if latest.status is RiskStatus.CLOSED:
            return False
        if self.status is RiskStatus.OPEN or self.closed_in is not None:
            return True
        # closed, and not said when: open up to its last assessment, closed after
        last = latest_as_of(self.assessments)
        return latest != last or latest.period.end() >= period.start()


class DeviationKind(enum.StrEnum):
    """What a deviation departs from.

    .. versionadded:: 0.2
    """

    SCHEDULE = "schedule"
    """Tid: a date in the plan will not hold."""
    COST = "cost"
    """Kostnad: the budget will not hold."""
    QUALITY = "quality"
    """Kvalitet: what is delivered falls short."""
    SCOPE = "scope"
    """Omfang: more or less is to be delivered than planned."""
    OTHER = "other"
    """Anything else."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Deviation:
    """A deviation (avvik) from the plan, as a status report gives it: what, its cause
    and consequence, and what is done to correct it.

    .. versionadded:: 0.2
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    """What deviates from the plan."""
    kind: DeviationKind | None = None
    """What it departs from."""
    cause: str | None = None
    """Årsak."""
    consequence: str | None = None
    """Konsekvens."""
    corrective_action: str | None = None
    """Korrigerende tiltak."""
    responsible: str | None = None
    """Who follows it up, as the report writes it: a name, a role or a unit."""
    reported_in: Period
    """The period it was first reported in."""
    closed_in: Period | None = None
    """The period it was closed in; open while ``None``."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that reported it."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject it concerns."""
    milestone: str | None = attrs.field(default=None, validator=check_optional_id)
    """The milestone it concerns."""
    note: str | None = None
    """Anything else worth knowing, such as where the entry comes from."""

    def __attrs_post_init__(self) -> None:
        if self.closed_in is not None and self.closed_in < self.reported_in:
            msg = _("closed ({closed}) before it was reported ({reported})").format(
                closed=self.closed_in, reported=self.reported_in
            )
            raise ValueError(msg)

    def open_in(self, period: Period) -> bool:
        """Whether the deviation had been reported and was not yet closed in ``period``."""
        if self.reported_in.start() > period.end():
            return False
        return self.closed_in is None or self.closed_in.start() > period.end()


class BenefitKind(enum.StrEnum):
    """What a benefit brings.

    .. versionadded:: 0.2
    """

    ECONOMIC = "economic"
    """Økonomisk: money saved or earned."""
    QUALITY = "quality"
    """Kvalitet: better services."""
    TIME = "time"
    """Tid: time saved, for staff or for the public."""
    OTHER = "other"
    """Anything else."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Benefit:
    """A benefit (gevinst) the programme is to realise, as a benefits realisation plan
    (gevinstrealiseringsplan) gives it.

    Its numbers are those of the :class:`Indicator` it names: unit, baseline and when
    it was measured, target and by when, and a measurement per period, also after the
    programme's end.

    .. versionadded:: 0.2
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    """The benefit in a few words."""
    kind: BenefitKind = BenefitKind.OTHER
    """What it brings."""
    description: str | None = None
    """The benefit in more words."""
    owner: str | None = None
    """Gevinsteier: the role in the line organisation that realises it."""
    indicator: str | None = attrs.field(default=None, validator=check_optional_id)
    """The indicator it is measured by."""
    measures: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The measures that bring it about."""
    subprojects: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The subprojects that bring it about."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that realises it."""
