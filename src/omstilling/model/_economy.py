"""The programme's own money: its budget and costs per period, one-off costs and
grants, and each member's share of a cooperation's costs by its cost key."""

from __future__ import annotations

import enum
from decimal import Decimal, localcontext

import attrs

from .._messages import _
from ._organisation import Organisation
from ._time import Period
from ._typed import typed_fields
from ._values import Money, check_optional_id

__all__ = ["BudgetKind", "BudgetLine", "cost_shares"]


class BudgetKind(enum.StrEnum):
    """What a line of the programme's economy is.

    .. versionadded:: 0.2
    """

    OPERATIONS = "operations"
    """Drift: the programme's running costs (project staff, meetings, premises)."""
    ONE_OFF = "one-off"
    """Engangskostnader: one-off costs (systems, moving, severance, consultants)."""
    GRANT = "grant"
    """Tilskudd: money received from a grantor (a state grant, a county's grant)."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BudgetLine:
    """One line of the programme's economy: what was budgeted for a period and kind,
    and what was spent (or, for a grant, received).

    ``organisation`` is whose budget the line is. Where it is an inter-municipal
    cooperation with cost shares, each member bears its share
    (:func:`cost_shares`): Flesberg and Rollag 60/40.

    .. versionadded:: 0.2
    """

    period: Period
    """The period the amounts are for."""
    kind: BudgetKind
    """What the line is."""
    description: str | None = None
    """What the money is for, as the budget writes it."""
    budget: Money | None = None
    """The amount budgeted (for a grant: applied for or granted)."""
    actual: Money | None = None
    """The amount spent (for a grant: received) by the end of the period."""
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    """Whose budget it is; a cooperation's costs are split by its members' shares."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that reports it."""
    grantor: str | None = attrs.field(default=None, validator=check_optional_id)
    """For a grant: the organisation that gives it (Fylkesmannen, KMD)."""
    note: str | None = None
    """Any remark (where the amount comes from, what it includes)."""
    id: str | None = attrs.field(default=None, validator=check_optional_id)
    """An id for the line, where something needs to find it again: a participant's
    fill-in workbook gives each line it adds one.

    .. versionadded:: 0.2
    """

    def __attrs_post_init__(self) -> None:
        if self.grantor is not None and self.kind is not BudgetKind.GRANT:
            msg = _("only a grant has a grantor")
            raise ValueError(msg)
        if (
            self.budget is not None
            and self.actual is not None
            and self.budget.currency != self.actual.currency
        ):
            msg = _("budget and actual amount are in different currencies: {a} and {b}").format(
                a=self.budget.currency, b=self.actual.currency
            )
            raise ValueError(msg)


_CENT = Decimal("0.01")


def cost_shares(organisation: Organisation, amount: Money) -> list[tuple[str, Money]]:
    """Each member's share of ``amount`` by ``organisation``'s cost key, in the order
    of its members: ``[("flesberg", 600 000 kr), ("rollag", 400 000 kr)]`` for a 60/40
    cooperation's 1 000 000 kr. Empty where the organisation has no members with a
    cost share.

    Shares are whole øre, each within one øre of its exact share and of the amount's
    sign, and they sum to ``amount`` exactly: each member gets its exact share cut to
    the øre, and the øre left over go one each to the members whose shares were cut
    the most (the largest remainder method), the first member first on a tie.

    .. versionadded:: 0.2
    """
    shares = [(m.organisation, m.cost_share) for m in organisation.members if m.cost_share]
    total = sum((share for _member, share in shares), Decimal(0))
    if not shares or total == 0:
        return []
    sign = -1 if amount.amount < 0 else 1
    with localcontext(prec=80):  # amounts up to 1E+30, to the øre: exact here
        cents = abs(amount.amount) / _CENT
        exact = [cents * share / total for _member, share in shares]
        whole = [int(part) for part in exact]  # cut towards zero
        left = int(cents) - sum(whole)
        by_remainder = sorted(range(len(shares)), key=lambda i: (whole[i] - exact[i], i))
        for index in by_remainder[:left]:
            whole[index] += 1
        return [
            (member, Money(sign * part * _CENT, amount.currency))
            for (member, _share), part in zip(shares, whole, strict=True)
        ]
