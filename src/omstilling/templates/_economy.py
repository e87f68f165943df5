"""The programme's economy in the status and final reports: budget and actual per
kind (drift, engangskostnader, tilskudd by grantor) with the totals per currency,
the lines themselves with their notes, and where a line is an inter-municipal
cooperation's, each member's share by the cooperation's cost key
(:func:`~omstilling.model.cost_shares`): Flesberg 60 %, Rollag 40 %.

Five sections, each with its schema here:

- ``economy``: budget and actual per kind (a grant per grantor), then the sum of the
  costs and of the grants, a row per currency where the lines are in several: in the
  status report for its period, in the final report over the whole programme;
- ``economy_to_date``: in the status report, the same for the programme to date,
  where that is more than the period;
- ``economy_lines``: in the status report, the lines of the period, with what they
  are for and their notes (a note that every line has is said once, under the table);
- ``economy_beyond``: in the status report, the lines whose period runs beyond the
  report's (a year's budget in a half-year's report), each with its own period;
- ``cost_shares``: each member's share by a cooperation's cost key: in the status
  report of every line of those two tables, and where there are several lines of
  costs in the period, their sum; in the final report, per kind over the whole
  programme.

Each table has few columns, so that it reads across a portrait page.

A line is *in the period* where its period lies within the report's. A line whose
period overlaps the report's but runs beyond it is not the period's budget: a
municipality budgets by the year and reports by the tertial or half-year, and the
lines do not say how a year's money falls within it (one-off costs and grants seldom
fall evenly), so such a line is neither counted in the period's sums nor split pro
rata, but shown apart with its own period. Its actual shows only once its period has
ended by the report's end: a year's actual is never shown in a report on an earlier
part of that year. A line counts *to date* where its period has ended by the report's
period's end. A programme without an economy gets none of these sections.

An organisation is named so that no two in a table read alike: by its name where that
is its own, else by its short name, else by its name and municipality number ("Asker
kommune (0220)" before the merger, "Nye Asker" after).

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Context, Decimal

import attrs

from ..formatting import format_amount
from ..model import (
    BudgetKind,
    BudgetLine,
    Language,
    Money,
    Organisation,
    Period,
    Programme,
    cost_shares,
)
from ..report import Column, Labels, Section, SectionSchema, Value
from ..report import FieldType as T
from .common import L, col

__all__ = [
    "BUDGET_KIND",
    "COST_SHARES",
    "ECONOMY",
    "ECONOMY_BEYOND",
    "ECONOMY_LINES",
    "ECONOMY_SCHEMAS",
    "ECONOMY_TO_DATE",
    "FINAL_ECONOMY_SCHEMAS",
    "economy_in",
    "economy_over",
]

BUDGET_KIND: dict[BudgetKind, Labels] = {
    BudgetKind.OPERATIONS: L("Drift", "Drift", "Operations"),
    BudgetKind.ONE_OFF: L("Engangskostnader", "Eingongskostnader", "One-off costs"),
    BudgetKind.GRANT: L("Tilskudd", "Tilskot", "Grants"),
}
"""The words for the kinds of budget line."""

_GRANT_FROM = L("Tilskudd fra", "Tilskot frå", "Grant from")
_TOTAL_COSTS = L("Sum kostnader", "Sum kostnader", "Total costs")
_TOTAL_GRANTS = L("Sum tilskudd", "Sum tilskot", "Total grants")
_IN_ALL = L("I alt", "I alt", "In all")
_NONE_IN_PERIOD = L(
    "Ingen budsjett eller regnskap for perioden.",
    "Ingen budsjett eller rekneskap for perioden.",
    "No budget or actual for the period.",
)
_ONLY_BEYOND = L(
    "Ingen linjer gjelder denne perioden alene; linjene for lengre perioder står under.",
    "Ingen liner gjeld denne perioden åleine; linene for lengre periodar står under.",
    "No lines are for this period alone; the lines for longer periods follow.",
)
_BEYOND_NOTE = L(
    "Linjene gjelder en lengre periode enn rapporten og er ikke regnet med i tallene "
    "for perioden. Regnskapet vises når linjens periode er omme.",
    "Linene gjeld ein lengre periode enn rapporten og er ikkje rekna med i tala for "
    "perioden. Rekneskapen blir vist når perioden til lina er omme.",
    "These lines are for longer periods than the report's and are not counted in the "
    "period's figures. The actual shows once a line's period has ended.",
)
_TO_DATE_NOTE = L(
    "Linjer for perioder som ikke er omme, er ikke med.",
    "Liner for periodar som ikkje er omme, er ikkje med.",
    "Lines for periods not yet ended are not included.",
)

_EXACT = Context(prec=100)
_COSTS = (BudgetKind.OPERATIONS, BudgetKind.ONE_OFF)


def _money(key: str, nb: str, nn: str, en: str) -> tuple[Column, Column]:
    """A sum's column, and the column of the same name that holds it written out
    where money cannot: beyond ±1E+30 (``{key}_text``)."""
    return col(key, T.MONEY, nb, nn, en), col(f"{key}_text", T.TEXT, nb, nn, en)


_ITEM = col("item", T.TEXT, "Gjelder", "Gjeld", "Concerning", required=True)
_SUMS = (
    _ITEM,
    *_money("budget", "Budsjett", "Budsjett", "Budget"),
    *_money("actual", "Regnskap", "Rekneskap", "Actual"),
)

ECONOMY = SectionSchema(key="economy", title=L("Økonomi", "Økonomi", "Economy"), columns=_SUMS)
"""Budget and actual per kind: in the status report for its period, in the final
report over the whole programme. For a grant, the budget is what was applied for or
granted, the actual what was received."""

ECONOMY_TO_DATE = SectionSchema(
    key="economy_to_date",
    title=L("Hittil i programmet", "Hittil i programmet", "The programme to date"),
    level=2,
    columns=_SUMS,
)
"""The status report's budget and actual per kind for the programme to date."""

ECONOMY_LINES = SectionSchema(
    key="economy_lines",
    title=L("Budsjett og regnskap", "Budsjett og rekneskap", "Budget and actual"),
    level=2,
    columns=(
        col("period", T.PERIOD, "Periode", "Periode", "Period"),
        col("kind", T.TEXT, "Type", "Type", "Kind", required=True),
        col("description", T.PARAGRAPHS, "Gjelder", "Gjeld", "Concerning"),
        col("organisation", T.TEXT, "Organisasjon", "Organisasjon", "Organisation"),
        col("participant", T.TEXT, "Rapportert av", "Rapportert av", "Reported by"),
        col("budget", T.MONEY, "Budsjett", "Budsjett", "Budget"),
        col("actual", T.MONEY, "Regnskap", "Rekneskap", "Actual"),
        col("note", T.PARAGRAPHS, "Merknad", "Merknad", "Note"),
    ),
)
"""The lines of the economy; the period only where it is not the report's, the
organisation only where it is not the programme's owner."""

ECONOMY_BEYOND = attrs.evolve(
    ECONOMY_LINES,
    key="economy_beyond",
    title=L(
        "Budsjett og regnskap for lengre perioder",
        "Budsjett og rekneskap for lengre periodar",
        "Budget and actual for longer periods",
    ),
    description=_BEYOND_NOTE,
)
"""The status report's lines whose period runs beyond the report's, each with its
period; the actual only where that period has ended by the report's end.

.. versionadded:: 0.2
"""

COST_SHARES = SectionSchema(
    key="cost_shares",
    title=L(
        "Fordeling etter kostnadsnøkkel", "Fordeling etter kostnadsnøkkel", "Shares by cost key"
    ),
    level=2,
    columns=(
        col("item", T.TEXT, "Gjelder", "Gjeld", "Concerning", required=True),
        col("period", T.PERIOD, "Periode", "Periode", "Period"),
        col("organisation", T.TEXT, "Samarbeid", "Samarbeid", "Cooperation"),
        col("member", T.TEXT, "Medlem", "Medlem", "Member", required=True),
        col("share", T.DECIMAL, "Andel (%)", "Del (%)", "Share (%)", required=True),
        *_money("budget", "Budsjett", "Budsjett", "Budget"),
        *_money("actual", "Regnskap", "Rekneskap", "Actual"),
    ),
)
"""Each member's share of a cooperation's lines by its cost key; the cooperation only
where the lines are of several, the period only where it is not the report's."""

ECONOMY_SCHEMAS = (ECONOMY, ECONOMY_TO_DATE, ECONOMY_LINES, ECONOMY_BEYOND, COST_SHARES)
"""The status report's economy sections, in order."""

FINAL_ECONOMY_SCHEMAS = (ECONOMY, COST_SHARES)
"""The final report's economy sections, in order."""


def _overlaps(line: BudgetLine, period: Period) -> bool:
    return line.period.start() <= period.end() and line.period.end() >= period.start()


def _within(line: BudgetLine, period: Period) -> bool:
    return period.start() <= line.period.start() and line.period.end() <= period.end()


def _begun(line: BudgetLine, period: Period | None) -> bool:
    return period is None or line.period.start() <= period.end()


def _ended(line: BudgetLine, period: Period | None) -> bool:
    return period is None or line.period.end() <= period.end()


def _as_of(line: BudgetLine, period: Period | None) -> BudgetLine:
    """``line`` as known by the end of ``period``: without its actual where its own
    period has not ended by then (a year's actual is not known in its first half)."""
    if line.actual is None or _ended(line, period):
        return line
    return attrs.evolve(line, actual=None)


def _name(programme: Programme, organisation: str | None) -> str | None:
    """The organisation's name where no other organisation of the programme has it,
    else its short name where that is its own, else its name with its (first)
    municipality number or organisation number: the old and the new Asker kommune
    read "Asker kommune (0220)" and "Nye Asker". Its id where the programme does not
    know it."""
    if organisation is None:
        return None
    try:
        found = programme.organisation(organisation)
    except KeyError:
        return organisation
    others = [o for o in programme.organisations if o.id != found.id]
    if all(o.name != found.name for o in others):
        return found.name
    taken = {n for o in others for n in (o.name, o.short_name) if n}
    if found.short_name and found.short_name not in taken:
        return found.short_name
    numbers = [n.number for n in found.municipality_numbers]
    tag = numbers[0] if numbers else found.organisation_number or found.id
    return f"{found.name} ({tag})"


def _sums(amounts: Iterable[Money | None]) -> dict[str, Decimal]:
    """The exact sum of ``amounts`` per currency; it may be beyond what money holds."""
    sums: dict[str, Decimal] = {}
    for amount in amounts:
        if amount is not None:
            sums[amount.currency] = _EXACT.add(sums.get(amount.currency, Decimal(0)), amount.amount)
    return sums


def _cell(
    key: str, sums: dict[str, Decimal], currency: str, language: Language
) -> dict[str, Value]:
    """The sum in ``currency`` as money in ``key``, or written out in ``{key}_text``
    where it is beyond what money holds; nothing where there is none."""
    if currency not in sums:
        return {}
    amount = sums[currency]
    try:
        return {key: Money(amount, currency)}
    except ValueError:  # beyond ±1E+30
        return {f"{key}_text": format_amount(amount, currency, language)}


def _currencies(lines: Iterable[BudgetLine]) -> list[str]:
    """The currencies of ``lines``, in the order they come."""
    found: dict[str, None] = {}
    for line in lines:
        for amount in (line.budget, line.actual):
            if amount is not None:
                found.setdefault(amount.currency, None)
    return list(found)


_Test = Callable[[BudgetLine], bool]


def _kind_is(kind: BudgetKind) -> _Test:
    return lambda line: line.kind is kind


def _grant_from(grantor: str | None) -> _Test:
    return lambda line: line.kind is BudgetKind.GRANT and line.grantor == grantor


def _groups(
    programme: Programme, lines: Sequence[BudgetLine], language: Language
) -> list[tuple[str, _Test]]:
    """The rows of the ``economy`` section for ``lines``, each in words and with the
    test of its lines: each kind of cost, their sum where there are both, each grant
    by grantor and their sum where there are several grantors."""
    groups: list[tuple[str, _Test]] = []
    kinds = {line.kind for line in lines}
    costs = [kind for kind in _COSTS if kind in kinds]
    groups += [(BUDGET_KIND[kind].get(language), _kind_is(kind)) for kind in costs]
    if len(costs) > 1:
        groups.append((_TOTAL_COSTS.get(language), lambda line: line.kind in _COSTS))
    grantors = list(dict.fromkeys(x.grantor for x in lines if x.kind is BudgetKind.GRANT))
    for grantor in grantors:
        name = _name(programme, grantor)
        words = BUDGET_KIND[BudgetKind.GRANT].get(language)
        if name is not None:
            words = f"{_GRANT_FROM.get(language)} {name}"
        groups.append((words, _grant_from(grantor)))
    if len(grantors) > 1:
        groups.append((_TOTAL_GRANTS.get(language), _kind_is(BudgetKind.GRANT)))
    return groups


def _economy_rows(
    programme: Programme, lines: Sequence[BudgetLine], language: Language
) -> tuple[dict[str, Value], ...]:
    """Budget and actual of ``lines`` per kind (and grantor), a row per currency."""
    rows: list[dict[str, Value]] = []
    for currency in _currencies(lines):
        in_currency = [x for x in lines if currency in _currencies([x])]
        for item, test in _groups(programme, in_currency, language):
            mine = [x for x in in_currency if test(x)]
            row: dict[str, Value] = {"item": item}
            row |= _cell("budget", _sums(x.budget for x in mine), currency, language)
            row |= _cell("actual", _sums(x.actual for x in mine), currency, language)
            if len(row) > 1:
                rows.append(row)
    return tuple(rows)


def _line_item(line: BudgetLine, language: Language) -> str:
    return line.description or BUDGET_KIND[line.kind].get(language)


def _lines(
    programme: Programme,
    lines: Sequence[BudgetLine],
    period: Period | None,
    language: Language,
    *,
    beyond: bool = False,
) -> Section:
    """The ``economy_lines`` section, or with ``beyond`` the ``economy_beyond`` one;
    a note every line has is the section's note."""
    common = _common_note(lines)
    rows = tuple(
        {
            "period": None if line.period == period else line.period,
            "kind": BUDGET_KIND[line.kind].get(language),
            "description": line.description,
            # whose budget it is, where it is not the programme owner's
            "organisation": None
            if line.organisation == programme.owner
            else _name(programme, line.organisation),
            "participant": _name(programme, line.participant),
            "budget": line.budget,
            "actual": line.actual,
            "note": None if common else line.note,
        }
        for line in lines
    )
    key = ECONOMY_BEYOND.key if beyond else ECONOMY_LINES.key
    return Section(key=key, rows=rows, note=common)


_Part = tuple[Money | None, Money | None]


def _cooperations(
    programme: Programme, lines: Sequence[BudgetLine]
) -> list[tuple[Organisation, list[BudgetLine]]]:
    """The cooperations with a cost key that ``lines`` are the budgets of, each with
    its lines, in the order they come."""
    found: dict[str, tuple[Organisation, list[BudgetLine]]] = {}
    for line in lines:
        if line.organisation is None:
            continue
        try:
            organisation = programme.organisation(line.organisation)
        except KeyError:
            continue
        if any(m.cost_share for m in organisation.members):
            found.setdefault(organisation.id, (organisation, []))[1].append(line)
    return list(found.values())


def _parts(organisation: Organisation, line: BudgetLine) -> dict[str, _Part]:
    """Each member's share of ``line``'s budget and actual, by member id."""
    budget = dict(cost_shares(organisation, line.budget)) if line.budget else {}
    actual = dict(cost_shares(organisation, line.actual)) if line.actual else {}
    return {
        m.organisation: (budget.get(m.organisation), actual.get(m.organisation))
        for m in organisation.members
        if m.cost_share
    }


def _member_rows(
    programme: Programme,
    organisation: Organisation,
    parts: Sequence[dict[str, _Part]],
    common: dict[str, Value],
    language: Language,
) -> list[dict[str, Value]]:
    """A row per member (and currency) with the sum of its ``parts``."""
    rows: list[dict[str, Value]] = []
    for member in organisation.members:
        if not member.cost_share:
            continue
        mine = [part[member.organisation] for part in parts]
        budgets = _sums(b for b, _a in mine)
        actuals = _sums(a for _b, a in mine)
        for currency in dict.fromkeys([*budgets, *actuals]):
            row: dict[str, Value] = {
                **common,
                "member": _name(programme, member.organisation),
                "share": member.cost_share,
            }
            row |= _cell("budget", budgets, currency, language)
            row |= _cell("actual", actuals, currency, language)
            rows.append(row)
    return rows


def _share_rows(
    programme: Programme,
    lines: Sequence[BudgetLine],
    period: Period | None,
    language: Language,
    beyond: Sequence[BudgetLine] = (),
) -> tuple[dict[str, Value], ...]:
    """Each member's share of each line of a cooperation with a cost key, and where a
    cooperation has several lines of costs in the period, what each member bears of
    them in all; then its share of each line ``beyond`` the period, with its period
    and in no sum."""
    within = {id(x) for x in lines}
    cooperations = _cooperations(programme, [*lines, *beyond])
    several = len(cooperations) > 1
    rows: list[dict[str, Value]] = []
    for organisation, mine in cooperations:
        named = _name(programme, organisation.id) if several else None
        for line in mine:
            common: dict[str, Value] = {
                "item": _line_item(line, language),
                "period": None if line.period == period else line.period,
                "organisation": named,
            }
            rows += _member_rows(
                programme, organisation, [_parts(organisation, line)], common, language
            )
        costs = [_parts(organisation, x) for x in mine if x.kind in _COSTS and id(x) in within]
        if len(costs) > 1:
            common = {"item": _TOTAL_COSTS.get(language), "organisation": named}
            rows += _member_rows(programme, organisation, costs, common, language)
    return tuple(rows)


def _share_sums(
    programme: Programme, lines: Sequence[BudgetLine], language: Language
) -> tuple[dict[str, Value], ...]:
    """What each member of a cooperation with a cost key bears of its lines per kind
    (a grant per grantor), with the sums of the costs and of the grants."""
    cooperations = _cooperations(programme, lines)
    several = len(cooperations) > 1
    rows: list[dict[str, Value]] = []
    for organisation, mine in cooperations:
        named = _name(programme, organisation.id) if several else None
        for item, test in _groups(programme, mine, language):
            parts = [_parts(organisation, x) for x in mine if test(x)]
            common: dict[str, Value] = {"item": item, "organisation": named}
            rows += _member_rows(programme, organisation, parts, common, language)
    return tuple(rows)


def _common_note(lines: Sequence[BudgetLine]) -> str | None:
    """The note every one of ``lines`` has, if they all have the same."""
    notes = {line.note for line in lines}
    return notes.pop() if len(notes) == 1 else None


def _concerns(programme: Programme, line: BudgetLine, participant: str) -> bool:
    """Whether ``line`` is ``participant``'s: it reports it, it is its own, or it is a
    cooperation's that ``participant`` bears a share of."""
    if participant in (line.participant, line.organisation):
        return True
    cooperations = _cooperations(programme, [line])
    return any(
        m.organisation == participant and m.cost_share
        for organisation, _lines in cooperations
        for m in organisation.members
    )


def economy_in(
    programme: Programme,
    period: Period | None,
    language: Language,
    *,
    participant: str | None = None,
) -> list[Section]:
    """The status report's economy sections (:data:`ECONOMY_SCHEMAS`) for ``period``:
    per kind for the period and to date, the lines in the period, those that run
    beyond it with their own period, and the members' shares of both; of
    ``participant``'s lines if one is given: those it reports, its own, and those of a
    cooperation it bears a share of. Without a period, the programme's whole economy.
    None where the programme has no line begun by the period's end."""
    lines = sorted(
        (
            _as_of(x, period)
            for x in programme.economy
            if participant is None or _concerns(programme, x, participant)
        ),
        key=lambda x: x.period,
    )
    if not any(_begun(x, period) for x in lines):
        return []
    if period is None:
        now, beyond, so_far = lines, [], lines
    else:
        now = [x for x in lines if _within(x, period)]
        beyond = [x for x in lines if _overlaps(x, period) and not _within(x, period)]
        so_far = [x for x in lines if _ended(x, period)]
    rows = _economy_rows(programme, now, language)
    note = None
    if not rows:
        note = (_ONLY_BEYOND if beyond else _NONE_IN_PERIOD).get(language)
    sections = [Section(key=ECONOMY.key, rows=rows, note=note)]
    to_date = _economy_rows(programme, so_far, language)
    if to_date and len(now) < len(so_far):
        running = any(not _ended(x, period) for x in lines if _begun(x, period))
        sections.append(
            Section(
                key=ECONOMY_TO_DATE.key,
                rows=to_date,
                note=_TO_DATE_NOTE.get(language) if running else None,
            )
        )
    if now:
        sections.append(_lines(programme, now, period, language))
    if beyond:
        sections.append(_lines(programme, beyond, period, language, beyond=True))
    shares = _share_rows(programme, now, period, language, beyond)
    if shares:
        sections.append(Section(key=COST_SHARES.key, rows=shares))
    return sections


def economy_over(programme: Programme, period: Period | None, language: Language) -> list[Section]:
    """The final report's economy sections (:data:`FINAL_ECONOMY_SCHEMAS`): budget
    and actual per kind over the whole programme, as of the end of ``period``
    (``None``: every line; a line's actual only where its period has ended by then),
    and what each member of a cooperation bears of them per kind. A note every line
    has is said under the table. None where the programme has no economy."""
    lines = sorted(
        (_as_of(x, period) for x in programme.economy if _begun(x, period)),
        key=lambda x: x.period,
    )
    if not lines:
        return []
    rows = _economy_rows(programme, lines, language)
    sections = [Section(key=ECONOMY.key, rows=rows, note=_common_note(lines))]
    shares = _share_sums(programme, lines, language)
    if shares:
        sections.append(Section(key=COST_SHARES.key, rows=shares))
    return sections
