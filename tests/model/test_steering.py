"""The rules of the risk register, deviations, benefits, the programme's economy and
decision follow-up, as each object checks them when it is made; and the cost key."""

from __future__ import annotations

import itertools
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.model import (
    SCORE_SCALE,
    BudgetKind,
    BudgetLine,
    DecisionItem,
    Deviation,
    FollowUp,
    FollowUpStatus,
    Membership,
    Money,
    Organisation,
    OrganisationKind,
    Period,
    Risk,
    RiskAssessment,
    RiskStatus,
    cost_shares,
)
from omstilling.testing import strategies as ost

T1, T2, T3 = (Period.parse(f"2024-T{n}") for n in (1, 2, 3))


@pytest.mark.parametrize("score", [0, 6, -1, 25])
def test_a_score_off_the_scale_is_refused(score: int) -> None:
    with pytest.raises(ValueError, match=f"must be a score from 1 to 5: {score}"):
        RiskAssessment(period=T1, probability=score, consequence=3)
    with pytest.raises(ValueError, match=f"must be a score from 1 to 5: {score}"):
        Risk(id="r", title="R", probability=3, consequence=score)


def test_the_scale_is_prosjektveiviserens_five_steps() -> None:
    assert SCORE_SCALE == (1, 5)
    assert RiskAssessment(period=T1, probability=5, consequence=5).level == 25


def test_a_risk_has_both_scores_or_neither() -> None:
    with pytest.raises(ValueError, match="both a probability and a consequence"):
        Risk(id="r", title="R", probability=3)
    assert Risk(id="r", title="R").scores() is None


def test_a_risk_is_assessed_once_per_period() -> None:
    twice = (
        RiskAssessment(period=T1, probability=1, consequence=1),
        RiskAssessment(period=T1, probability=2, consequence=2),
    )
    with pytest.raises(ValueError, match="assessed twice for the same period"):
        Risk(id="r", title="R", assessments=twice)


def test_a_risk_s_scores_and_status_follow_its_assessments() -> None:
    risk = Risk(
        id="r",
        title="R",
        probability=2,
        consequence=2,
        identified=T1,
        assessments=(
            RiskAssessment(period=T3, probability=1, consequence=1, status=RiskStatus.CLOSED),
            RiskAssessment(period=T2, probability=4, consequence=5),
        ),
    )
    assert [risk.scores(p) for p in (Period.parse("2023"), T1, T2, T3)] == [
        None,
        (2, 2),
        (4, 5),
        (1, 1),
    ]
    assert [risk.open_in(p) for p in (Period.parse("2023-T3"), T1, T2, T3)] == [
        False,
        True,
        True,
        False,
    ]


def test_a_deviation_is_never_closed_before_it_was_reported() -> None:
    with pytest.raises(ValueError, match=r"closed \(2024-T1\) before it was reported \(2024-T2\)"):
        Deviation(id="v", title="V", reported_in=T2, closed_in=T1)
    same = Deviation(id="v", title="V", reported_in=T2, closed_in=T2)
    assert [same.open_in(p) for p in (T1, T2, T3)] == [False, False, False]
    still = Deviation(id="v", title="V", reported_in=T1, closed_in=T3)
    assert [still.open_in(p) for p in (T1, T2, T3)] == [True, True, False]


@given(ost.deviations())
def test_drawn_deviations_are_closed_in_or_after_the_period_reported(deviation: Deviation) -> None:
    assert deviation.closed_in is None or not deviation.closed_in < deviation.reported_in


def test_only_a_grant_has_a_grantor() -> None:
    for kind in (BudgetKind.OPERATIONS, BudgetKind.ONE_OFF):
        with pytest.raises(ValueError, match="only a grant has a grantor"):
            BudgetLine(period=T1, kind=kind, grantor="fylkesmannen")
    grant = BudgetLine(period=T1, kind=BudgetKind.GRANT, grantor="fylkesmannen")
    assert grant.grantor == "fylkesmannen"


def test_budget_and_actual_are_in_one_currency() -> None:
    with pytest.raises(ValueError, match="different currencies: NOK and EUR"):
        BudgetLine(
            period=T1,
            kind=BudgetKind.OPERATIONS,
            budget=Money(Decimal(1)),
            actual=Money(Decimal(1), "EUR"),
        )


@given(ost.budget_lines(organisations=["a", "b"], cooperations=["c"]))
def test_drawn_budget_lines_keep_the_rules(line: BudgetLine) -> None:
    assert line.grantor is None or line.kind is BudgetKind.GRANT
    assert line.organisation in (None, "a", "b", "c")
    if line.budget is not None and line.actual is not None:
        assert line.budget.currency == line.actual.currency


def test_a_decision_item_is_followed_up_once_per_period() -> None:
    with pytest.raises(ValueError, match="given twice for the same period"):
        DecisionItem(
            label="a",
            text="A",
            follow_up=(
                FollowUp(period=T1, status=FollowUpStatus.NOT_STARTED),
                FollowUp(period=T1, status=FollowUpStatus.DONE),
            ),
        )
    item = DecisionItem(
        label="a",
        text="A",
        follow_up=(
            FollowUp(period=T3, status=FollowUpStatus.DONE),
            FollowUp(period=T1, status=FollowUpStatus.IN_PROGRESS),
        ),
    )
    assert [f and f.status for f in (item.follow_up_in(p) for p in (T1, T2, T3))] == [
        FollowUpStatus.IN_PROGRESS,
        FollowUpStatus.IN_PROGRESS,
        FollowUpStatus.DONE,
    ]
    assert item.follow_up_in(Period.parse("2023")) is None


# --- the cost key ---------------------------------------------------------------------


def _cooperation(*shares: Decimal | None) -> Organisation:
    return Organisation(
        id="iks",
        name="IKS",
        kind=OrganisationKind.INTER_MUNICIPAL,
        members=tuple(
            Membership(organisation=f"m{index}", cost_share=share)
            for index, share in enumerate(shares)
        ),
    )


def test_flesberg_and_rollag_share_60_40() -> None:
    iks = _cooperation(Decimal(60), Decimal(40))
    assert cost_shares(iks, Money.parse("1 000 000 kr")) == [
        ("m0", Money.parse("600 000 kr")),
        ("m1", Money.parse("400 000 kr")),
    ]
    assert cost_shares(_cooperation(None, None), Money.parse("100 kr")) == []


@st.composite
def _shares(draw: st.DrawFn) -> list[Decimal]:
    count = draw(st.integers(2, 5))
    cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *cuts, 10000]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(bounds)]


@given(_shares(), ost.money())
def test_the_shares_sum_to_the_amount_and_each_is_its_share_to_the_ore(
    shares: list[Decimal], amount: Money
) -> None:
    found = cost_shares(_cooperation(*shares), amount)  # the shares sum to 100
    assert [member for member, _ in found] == [
        f"m{index}" for index, share in enumerate(shares) if share
    ]
    assert {part.currency for _, part in found} == {amount.currency}
    # every share, the last too, is within one øre of its exact share, and never of
    # the other sign than the amount; amounts reach 1E+30, so the sums here need more
    # than the default 28 digits
    kept = [share for share in shares if share]
    with localcontext(prec=80):
        assert sum(part.amount for _, part in found) == amount.amount
        for (_member, part), share in zip(found, kept, strict=True):
            assert abs(part.amount - amount.amount * share / 100) < Decimal("0.01")
            assert part.amount * amount.amount >= 0
            assert part.amount == part.amount.quantize(Decimal("0.01"))


def test_a_tiny_amount_is_never_shared_out_below_zero() -> None:
    """0.02 kr by 33.33/33.33/33.33/0.01: two members get an øre, none gets less than
    nothing (the last member taking what remains would get -0.01 kr)."""
    iks = _cooperation(*(Decimal(s) for s in ("33.33", "33.33", "33.33", "0.01")))
    parts = [part.amount for _member, part in cost_shares(iks, Money(Decimal("0.02")))]
    assert parts == [Decimal("0.01"), Decimal("0.01"), Decimal("0.00"), Decimal("0.00")]


def test_a_risk_closed_without_a_period_is_open_up_to_its_last_assessment() -> None:
    assessed = tuple(RiskAssessment(period=p, probability=2, consequence=2) for p in (T1, T3))
    risk = Risk(id="r", title="R", status=RiskStatus.CLOSED, assessments=assessed)
    # still assessed (open) later, so followed in between; closed after the last
    assert [risk.open_in(p) for p in (T1, T2, T3)] == [True, True, True]
    assert not risk.open_in(Period.parse("2025-T1"))
    assert not risk.open_in()
