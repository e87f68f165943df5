"""Every common template builds, exports and reads back programmes at the edges of
what the model allows: the largest and smallest whole numbers, money and decimals at
±1E+30 and at 1E-30, long texts, dates in the years 1000 and 9999. And a number out
of bounds is refused when the file is read, with its path, not when it is exported.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omstilling.cycle import build_report, export_report
from omstilling.errors import ProgrammeFileError
from omstilling.files import load, loads_report, validate
from omstilling.hookspecs import ReportFormat
from omstilling.model import (
    EconomicEffect,
    Measure,
    Money,
    PartialDate,
    Period,
    PeriodKind,
    Programme,
)
from omstilling.plugins import load_plugins
from omstilling.templates import TEMPLATES
from omstilling.testing import strategies as ost

from ._hostile import GIB, run_capped

MAX_INTEGER = 10**9
"""The largest whole number the model allows (omstilling.model.MAX_INTEGER)."""

LONG_TEXT = "Ærlig øre å " * 200
"""A long text (2,400 characters), within reason for a title or a note."""

MAX_MONEY = Decimal("9" * 31 + ".99")
"""The largest amount of money: 31 digits before the point, two after."""
MIN_MONEY = Decimal("-" + "9" * 31 + ".99")  # not -MAX_MONEY: a Decimal's minus rounds

MAX_DECIMAL = Decimal("9" * 31 + "." + "9" * 30)
"""The largest decimal with the most digits: 31 before the point, 30 after."""
SMALLEST_DECIMAL = Decimal("-" + "9" * 31 + "." + "9" * 30)

NEAREST = Decimal("1E-30")
"""The decimal nearest to zero but zero."""

_INTS = (MAX_INTEGER, 9999, 2999, 31, 12, 7, 4, 3, 2, 1, 0, 1000, 1900)
_DECIMALS = (MAX_DECIMAL, SMALLEST_DECIMAL, NEAREST, Decimal("-1E-30"), Decimal(100), Decimal(0))
_DATES = (
    PartialDate(9999, 12, 31),
    PartialDate(1000, 1, 1),
    PartialDate(9999),
    PartialDate(1000, 1),
)
_PERIODS = (
    Period(9999, PeriodKind.QUARTER, 4),
    Period(1000, PeriodKind.HALF, 1),
    Period(9999),
    Period(1000),
)


def _candidates(value: object) -> tuple[object, ...]:
    """The extreme values a field holding ``value`` may be given (a field refuses the
    ones out of its own bounds)."""
    if isinstance(value, bool):
        return ()
    if isinstance(value, int):
        return _INTS
    if isinstance(value, Money):
        return tuple(
            Money(amount, value.currency) for amount in (MAX_MONEY, MIN_MONEY, Decimal("0.01"))
        )
    if isinstance(value, Decimal):
        return _DECIMALS
    if isinstance(value, PartialDate):
        return _DATES
    if isinstance(value, Period):
        return _PERIODS
    if isinstance(value, str) and not hasattr(value, "value"):  # not an enum member
        return (LONG_TEXT,)
    return ()


def _extreme(data: st.DataObject, value: Any) -> Any:
    """``value`` with each of its fields, through and through, now and then at an
    extreme its own checks allow."""
    if isinstance(value, tuple):
        return tuple(_extreme(data, item) for item in value)
    if not attrs.has(type(value)) or isinstance(value, Money | PartialDate | Period):
        return value
    for field in attrs.fields(type(value)):
        old = getattr(value, field.name)
        new = _extreme(data, old)
        candidates = _candidates(old)
        extreme = bool(candidates) and data.draw(st.booleans())
        if extreme:
            new = data.draw(st.sampled_from(candidates))
        if new is old:
            continue
        try:
            value = attrs.evolve(value, **{field.name: new})
        except (ValueError, TypeError):  # out of this field's bounds: as it was
            continue
    return value


@functools.cache
def _suffixes() -> tuple[str, ...]:
    """The exporters to try: Markdown and JSON always, Word and Excel where installed."""
    plugins = load_plugins()
    found = []
    for suffix in (".md", ".json", ".docx", ".xlsx"):
        try:
            plugins.exporter(suffix)
        except Exception:  # not installed here
            continue
        found.append(suffix)
    return tuple(found)


def _participant(programme: Programme, template: ReportFormat) -> str | None:
    if template.needs_participant and programme.participants:
        return programme.participants[0].organisation
    return None


# Excel shows no date before 1900: the exporter writes it as text, and warns
@pytest.mark.filterwarnings("ignore::omstilling.formatting.ExportWarning")
@pytest.mark.parametrize("template", TEMPLATES, ids=[t.id for t in TEMPLATES])
# each example writes a Word and an Excel file of the report: a fixed budget, in CI too
@settings(max_examples=25)
@given(programme=ost.programmes(max_items=2), data=st.data())
def test_every_template_exports_the_extremes(
    template: ReportFormat, programme: Programme, data: st.DataObject
) -> None:
    programme = _extreme(data, programme)
    reported = tuple(entry.period for entry in programme.status_entries)
    period = data.draw(st.sampled_from(_PERIODS + reported), label="period")
    plugins = load_plugins()
    report = build_report(
        programme,
        template.id,
        period=period,
        participant=_participant(programme, template),
        plugins=plugins,
    )
    for suffix in _suffixes():
        exported = export_report(report, suffix, plugins=plugins)
        assert exported
        if suffix == ".json":
            assert loads_report(exported.decode("utf-8")) == report


_HEAD = {
    "schema_version": 2,
    "id": "x",
    "name": "X",
    "owner": "o",
    "organisations": [{"id": "o", "name": "O"}],
}


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"measures": [{"id": "m", "title": "M", "priority": 10**99}]}, "measures[0].priority"),
        ({"phases": [{"id": "f", "name": "F", "number": MAX_INTEGER + 1}]}, "phases[0].number"),
        (
            {"events": [{"id": "e", "kind": "meeting", "title": "E", "count": 10**12}]},
            "events[0].count",
        ),
        (
            {
                "measures": [
                    {
                        "id": "m",
                        "title": "M",
                        "staffing_effect": {"positions": "1." + "0" * 40 + "1"},
                    }
                ]
            },
            "measures[0].staffing_effect.positions",
        ),
    ],
)
def test_a_number_out_of_bounds_is_refused_with_its_path(
    tmp_path: Path, data: dict[str, Any], path: str
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({**_HEAD, **data}), encoding="utf-8")
    problems = validate(plan)
    assert [problem.path for problem in problems] == [path]
    assert all(len(str(problem)) < 200 for problem in problems)


def test_a_measure_priority_of_100_digits_is_refused_before_any_export(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    measures = [{"id": "m", "title": "M", "priority": 10**99}]
    plan.write_text(json.dumps({**_HEAD, "measures": measures}), encoding="utf-8")
    result = run_capped(
        "render", plan, "--template", "measure-overview", "-o", tmp_path / "m.md", memory=GIB
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()[:-1]  # the last line is the child's peak memory
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{plan}: measures[0].priority: must be at most 1,000,000,000")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m.md").exists()
    with pytest.raises(ProgrammeFileError):
        load(plan)


def test_money_adds_up_exactly() -> None:
    large = Money(Decimal("1" + "0" * 30))
    assert (large + Money(Decimal("0.01"))).amount == Decimal("1" + "0" * 30 + ".01")


def test_totals_beyond_what_money_holds_are_left_out(examples: dict[str, Programme]) -> None:
    programme = examples["stifinneren-2004"]
    effect = EconomicEffect(period=Period(2005), target=Money(MAX_MONEY))
    measures = [Measure(id=f"m{n}", title="Tiltak", economic_effects=(effect,)) for n in range(2)]
    report = build_report(programme.replace(measures=measures), "measure-overview")
    (totals,) = report.sections_for("totals")
    assert totals.value("target") is None  # 2E+31: more than money holds
    (rows,) = report.sections_for("measures")
    assert [row["target"] for row in rows.rows] == [Money(MAX_MONEY)] * 2
    assert export_report(report, ".md")


def test_the_status_of_the_first_period_there_is(examples: dict[str, Programme]) -> None:
    report = build_report(
        examples["stifinneren-2004"], "status", period=Period(1000, PeriodKind.HALF, 1)
    )
    assert export_report(report, ".md")


def test_a_summary_beyond_what_money_holds_has_no_total(examples: dict[str, Programme]) -> None:
    from omstilling.summary import summarise

    effect = EconomicEffect(period=Period(2005), target=Money(MAX_MONEY))
    measures = [Measure(id=f"m{n}", title="T", economic_effects=(effect,)) for n in range(2)]
    summary = summarise(examples["stifinneren-2004"].replace(measures=measures))
    assert summary.savings_target is None
