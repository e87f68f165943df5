"""Filling in a fill-in workbook's steering sheets from code (risks, deviations,
economy, decision follow-up), and hypothesis strategies for what they say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from ..fillin import (
    ActualFilling,
    BudgetLineFilling,
    ClosingFilling,
    DeviationFilling,
    Filling,
    FollowUpFilling,
    NewRiskFilling,
    RiskFilling,
)
from ..fillin import _layout as layout
from ..fillin import _steering_layout as steer
from ..model import (
    BudgetKind,
    DeviationKind,
    FollowUpStatus,
    Language,
    Money,
    Period,
    Programme,
    RiskStatus,
)

__all__ = ["fill_steering", "steering_fillings"]

Put = Callable[[Any, str, object], None]


def _word(value: object, language: Language) -> object:
    """A choice as the drop-down list shows it; anything else as it is."""
    if isinstance(value, RiskStatus):
        return steer.RISK_STATUS[value].get(language)
    if isinstance(value, DeviationKind):
        return steer.DEVIATION_KIND[value].get(language)
    if isinstance(value, BudgetKind):
        return steer.BUDGET_KIND[value].get(language)
    if isinstance(value, FollowUpStatus):
        return steer.FOLLOW_UP_STATUS[value].get(language)
    return value


def fill_steering(wb: Any, sheets: dict[str, str], filling: Filling, put: Put) -> None:
    """Set the input cells of the steering sheets of ``wb`` to what ``filling`` says;
    those it leaves empty are cleared. ``put`` writes one cell as a person would."""
    if "risks" not in sheets:
        return
    meta = wb[layout.META_SHEET]
    keys: dict[str, list[str]] = {}
    for kind, which, key in meta.iter_rows(min_col=1, max_col=3, values_only=True):
        if kind == "row":
            keys.setdefault(str(which), []).append(str(key))
    language = Language(next(v for k, v, _x in meta.iter_rows(max_col=3, values_only=True)
                             if k == "language"))  # fmt: skip

    def put_word(ws: Any, cell: str, value: object) -> None:
        put(ws, cell, _word(value, language))

    first = layout.HEADER_ROW + 1
    # risks: the rows of open risks, then the guidance row, then the new ones
    ws = wb[sheets["risks"]]
    shown = keys.get("risks", [])
    assessed = {r.id: r for r in filling.risks}
    for row, key in enumerate(shown, start=first):
        given = assessed.get(key)
        for column, value in zip(
            "FGJK",
            (None, None, None, None)
            if given is None
            else (given.probability, given.consequence, given.status, given.comment),
            strict=True,
        ):
            put_word(ws, f"{column}{row}", value)
    note = first + len(shown)
    added = {r.number: r for r in filling.new_risks}
    for number in range(1, steer.NEW_RISK_ROWS + 1):
        new = added.get(number)
        values: tuple[object, ...] = (None,) * 8
        if new is not None:
            values = (new.title, new.description, new.cause, new.effect, new.probability,
                      new.consequence, new.owner, new.action)  # fmt: skip
        for column, cell in zip("BCDEFGHI", values, strict=True):
            put(ws, f"{column}{note + number}", cell)
    # deviations
    ws = wb[sheets["deviations"]]
    shown = keys.get("deviations", [])
    closings = {c.id: c.closed for c in filling.closings}
    for row, key in enumerate(shown, start=first):
        put(ws, f"I{row}", closings.get(key))
    note = first + len(shown)
    deviations = {d.number: d for d in filling.deviations}
    for number in range(1, steer.NEW_DEVIATION_ROWS + 1):
        found = deviations.get(number)
        values = (None,) * 7
        if found is not None:
            values = (found.title, found.kind, found.cause, found.consequence,
                      found.corrective_action, found.responsible, found.closed or None)  # fmt: skip
        for column, cell in zip("BCDEFGI", values, strict=True):
            put_word(ws, f"{column}{note + number}", cell)
    # economy
    ws = wb[sheets["economy"]]
    shown = keys.get("economy", [])
    actuals = {a.key: a.actual for a in filling.actuals}
    for row, key in enumerate(shown, start=first):
        put(ws, f"E{row}", actuals.get(key))
    note = first + len(shown)
    lines = {b.number: b for b in filling.budget_lines}
    for number in range(1, steer.NEW_BUDGET_ROWS + 1):
        line = lines.get(number)
        values = (None,) * 4
        if line is not None:
            values = (line.kind, line.description, line.budget, line.actual)
        for column, cell in zip("BCDE", values, strict=True):
            put_word(ws, f"{column}{note + number}", cell)
    # decision follow-up
    ws = wb[sheets["follow-up"]]
    follow_ups = {f.key: f for f in filling.follow_ups}
    for row, key in enumerate(keys.get("follow-up", []), start=first):
        follow_up = follow_ups.get(key)
        put_word(ws, f"G{row}", None if follow_up is None else follow_up.status)
        put(ws, f"H{row}", None if follow_up is None else follow_up.comment)


@st.composite
def steering_fillings(
    draw: st.DrawFn,
    programme: Programme,
    participant: str,
    period: Period,
    texts: st.SearchStrategy[str],
    amounts: Callable[[str], st.SearchStrategy[Money]],
) -> dict[str, Any]:
    """What the steering sheets of the workbook for ``participant`` and ``period`` may
    say, as :class:`~omstilling.fillin.Filling`'s fields."""
    maybe = st.none().__or__
    scores = st.integers(1, 5)
    risks = []
    for risk in steer.shown_risks(programme, participant, period):
        if draw(st.booleans()):
            risks.append(
                RiskFilling(
                    id=risk.id,
                    probability=draw(scores),
                    consequence=draw(scores),
                    status=draw(st.sampled_from(list(RiskStatus))),
                    comment=draw(maybe(texts)),
                )
            )
    new_risks = []
    for number in draw(st.sets(st.integers(1, steer.NEW_RISK_ROWS), max_size=3)):
        both = draw(maybe(st.tuples(scores, scores)))
        new_risks.append(
            NewRiskFilling(
                number=number,
                title=draw(texts),
                description=draw(maybe(texts)),
                cause=draw(maybe(texts)),
                effect=draw(maybe(texts)),
                probability=None if both is None else both[0],
                consequence=None if both is None else both[1],
                owner=draw(maybe(texts)),
                action=draw(maybe(texts)),
            )
        )
    closings = [
        ClosingFilling(id=d.id, closed=closed)
        for d in steer.shown_deviations(programme, participant, period)
        if (closed := draw(maybe(st.booleans()))) is not None
    ]
    deviations = [
        DeviationFilling(
            number=number,
            title=draw(texts),
            kind=draw(maybe(st.sampled_from(list(DeviationKind)))),
            cause=draw(maybe(texts)),
            consequence=draw(maybe(texts)),
            corrective_action=draw(maybe(texts)),
            responsible=draw(maybe(texts)),
            closed=draw(st.booleans()),
        )
        for number in draw(st.sets(st.integers(1, steer.NEW_DEVIATION_ROWS), max_size=2))
    ]
    currency = steer.budget_currency(programme, participant, period)
    shown = steer.shown_lines(programme, participant, period)
    actuals = [
        ActualFilling(key=key, actual=actual)
        for line, key in zip(shown, steer.line_keys(shown), strict=True)
        if (actual := draw(maybe(amounts(steer.line_currency(line, currency))))) is not None
    ]
    lines = [
        BudgetLineFilling(
            number=number,
            kind=draw(st.sampled_from(list(BudgetKind))),
            description=draw(maybe(texts)),
            budget=draw(maybe(amounts(currency))),
            actual=draw(maybe(amounts(currency))),
        )
        for number in draw(st.sets(st.integers(1, steer.NEW_BUDGET_ROWS), max_size=2))
    ]
    follow_ups = [
        FollowUpFilling(key=steer.item_key(d, i), status=status, comment=draw(maybe(texts)))
        for d, i in steer.followed_items(programme, participant)
        if (status := draw(maybe(st.sampled_from(list(FollowUpStatus))))) is not None
    ]
    return {
        "risks": tuple(risks),
        "new_risks": tuple(sorted(new_risks, key=lambda r: r.number)),
        "closings": tuple(closings),
        "deviations": tuple(sorted(deviations, key=lambda d: d.number)),
        "actuals": tuple(actuals),
        "budget_lines": tuple(sorted(lines, key=lambda b: b.number)),
        "follow_ups": tuple(follow_ups),
    }
