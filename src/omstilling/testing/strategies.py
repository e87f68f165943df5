"""Hypothesis strategies for every type of the domain model.

Every strategy generates valid objects: ids follow :data:`omstilling.model.ID_PATTERN`,
dates are real dates (also partial ones), money is exact, and :func:`programmes`
generates programmes whose references all resolve. Use them in your own tests::

    from hypothesis import given
    from omstilling.testing import strategies as ost

    @given(ost.programmes())
    def test_my_export_never_fails(programme):
        my_export(programme)

.. versionadded:: 0.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ..model import Period, Programme
from ._fillin import fillings as _fillings
from ._st_base import ids, texts
from ._st_decisions import decisions, indicators, measures
from ._st_events import documents, events, status_entries
from ._st_organisation import bodies, organisations, people
from ._st_plans import activities, goals, milestones, subprojects
from ._st_programmes import programmes
from ._st_reports import report_schemas, reports
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
    "bodies",
    "case_references",
    "date_ranges",
    "decimals",
    "decisions",
    "documents",
    "events",
    "fillings",
    "goals",
    "ids",
    "indicators",
    "measures",
    "milestones",
    "money",
    "organisation_numbers",
    "organisations",
    "partial_dates",
    "people",
    "periods",
    "programmes",
    "report_schemas",
    "reports",
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
    return _fillings(programme, participant, period)
