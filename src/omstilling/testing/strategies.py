"""Hypothesis strategies for every type of the domain model.

Every strategy generates valid objects: ids follow :data:`omstilling.model.ID_PATTERN`,
dates are real dates (also partial ones), money is exact, and :func:`programmes`
generates programmes whose references all resolve. Use them in your own tests::

    from hypothesis import given
    from omstilling.testing import strategies as ost

    @given(ost.programmes())
    def test_my_export_never_fails(programme):
        my_export(programme)

By default the strategies are *wide*: they draw everything the model accepts, so
that a conversion that loses something is caught. Optional text may be empty or
blank, text may hold control characters (NUL, tab, carriage return), æøå and any
other Unicode a UTF-8 file can hold; dates run from year 1000 to 9999; amounts and
decimals from 1E-30 to ±1E+30; whole numbers up to
:data:`~omstilling.model.MAX_INTEGER`; collections may be empty. Every strategy
takes ``realistic=True`` for readable values instead (Norwegian text, dates from
1990 to 2040, amounts below 10**12); parts drawn inside a realistic strategy are
realistic too.

Importing this module registers a strategy for every model type with
:func:`hypothesis.strategies.register_type_strategy`, so ``st.from_type(Milestone)``
and ``st.builds`` with model-typed arguments work.

Needs hypothesis, not pytest.

.. versionadded:: 0.1
.. versionchanged:: 0.2
   Wide values by default, ``realistic``, :func:`optional_texts`,
   :func:`filled_reports`, field overrides in :func:`programmes`, and the
   strategies registered for ``st.from_type``; :func:`risks`, :func:`deviations`,
   :func:`benefits` and :func:`budget_lines`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from .. import model
from ..errors import CODES, Problem
from ..model import Period, Programme
from ._st_base import ids, optional_texts, texts
from ._st_decisions import decisions, indicators, measures
from ._st_events import documents, events, status_entries
from ._st_organisation import bodies, organisations, people
from ._st_parts import PART_STRATEGIES
from ._st_plans import activities, goals, milestones, subprojects
from ._st_programmes import programmes
from ._st_reports import filled_reports, report_schemas, reports
from ._st_steering import STEERING_STRATEGIES, benefits, budget_lines, deviations, risks
from ._st_values import (
    case_references,
    date_ranges,
    decimals,
    money,
    organisation_numbers,
    partial_dates,
    periods,
)

if TYPE_CHECKING:
    from ..fillin import Filling

__all__ = [
    "activities",
    "benefits",
    "bodies",
    "budget_lines",
    "case_references",
    "date_ranges",
    "decimals",
    "decisions",
    "deviations",
    "documents",
    "events",
    "filled_reports",
    "fillings",
    "goals",
    "ids",
    "indicators",
    "measures",
    "milestones",
    "money",
    "optional_texts",
    "organisation_numbers",
    "organisations",
    "partial_dates",
    "people",
    "periods",
    "programmes",
    "report_schemas",
    "reports",
    "risks",
    "status_entries",
    "subprojects",
    "texts",
]


def fillings(programme: Programme, participant: str, period: Period) -> st.SearchStrategy[Filling]:
    """Valid fillings of the fill-in workbook for ``participant`` and ``period`` of
    ``programme`` (see :mod:`omstilling.fillin`): every input cell empty or holding a
    value of its kind. Write one into a workbook with
    :func:`omstilling.testing.fill_workbook`.

    .. versionadded:: 0.1
    """
    from ._fillin import fillings as _fillings

    return _fillings(programme, participant, period)


def _problems() -> st.SearchStrategy[Problem]:
    return st.builds(
        Problem,
        st.text(),
        texts(),
        st.sampled_from(sorted(CODES)),
        source=st.none() | texts(),
    )


def _decisions_by_anyone() -> st.SearchStrategy[model.Decision]:
    return st.lists(ids(), min_size=1, max_size=2, unique=True).flatmap(
        lambda bodies: decisions(bodies=bodies)
    )


_TOP_LEVEL: dict[type, Any] = {
    model.PartialDate: partial_dates,
    model.Period: periods,
    model.DateRange: date_ranges,
    model.Money: money,
    model.CaseReference: case_references,
    model.Organisation: organisations,
    model.Person: people,
    model.Body: bodies,
    model.Goal: goals,
    model.Subproject: subprojects,
    model.Milestone: milestones,
    model.Activity: activities,
    model.Decision: _decisions_by_anyone,
    model.Measure: measures,
    model.Indicator: indicators,
    model.Event: events,
    model.StatusEntry: status_entries,
    model.Document: documents,
    model.Programme: programmes,
    Problem: _problems,
    **PART_STRATEGIES,
    **STEERING_STRATEGIES,
}


def _register() -> None:
    """Register a strategy for every attrs class of :mod:`omstilling.model`, each
    built when first asked for. (Enums need none: hypothesis samples their members.)"""
    for cls, make in _TOP_LEVEL.items():
        st.register_type_strategy(cls, _resolver(make))


def _resolver(make: Any) -> Any:
    def resolve(_: type) -> st.SearchStrategy[Any]:
        strategy: st.SearchStrategy[Any] = make()
        return strategy

    return resolve


_register()
