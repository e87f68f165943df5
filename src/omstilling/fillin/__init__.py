"""The reporting cycle's fill-in workbooks: made for each participant and period,
filled in (in Excel or LibreOffice Calc), read back and merged into the programme.

.. code-block:: python

    from omstilling import fillin, files

    programme = files.load("stifinneren-2004.yaml")
    key = fillin.binding_key("stifinneren-2004.yaml", create=True)
    data = fillin.make_workbook(programme, "molde", "2004-H2", key=key)
    ...  # the participant fills it in
    filling = fillin.read_workbook("molde-2004-H2.xlsx", programme, period="2004-H2", key=key)
    programme = fillin.apply_filling(programme, filling)

Reading treats the workbook as untrusted input: see :class:`Limits`. The key binds
each workbook to the participant and period it was made for: see :func:`binding_key`.

.. versionadded:: 0.1
"""

from __future__ import annotations

from ._apply import apply_filling, apply_fillings
from ._binding import KEY_BYTES, BindingError, binding_key, key_file
from ._layout import SHEETS, event_id, measures_of, milestones_of
from ._read import read_workbook
from ._safety import Limits
from ._steering_apply import steering_summary
from ._steering_layout import NEW_BUDGET_ROWS, NEW_DEVIATION_ROWS, NEW_RISK_ROWS, STEERING_SHEETS
from ._types import (
    FILLIN_FORMAT,
    FILLIN_VERSION,
    ActualFilling,
    BudgetLineFilling,
    CellProblem,
    ClosingFilling,
    DeviationFilling,
    DimensionFilling,
    EventFilling,
    Filling,
    FollowUpFilling,
    MeasureFilling,
    MilestoneFilling,
    NewRiskFilling,
    RiskFilling,
    StatusFilling,
    WorkbookError,
)
from ._write import make_workbook

__all__ = [
    "FILLIN_FORMAT",
    "FILLIN_VERSION",
    "KEY_BYTES",
    "NEW_BUDGET_ROWS",
    "NEW_DEVIATION_ROWS",
    "NEW_RISK_ROWS",
    "SHEETS",
    "STEERING_SHEETS",
    "ActualFilling",
    "BindingError",
    "BudgetLineFilling",
    "CellProblem",
    "ClosingFilling",
    "DeviationFilling",
    "DimensionFilling",
    "EventFilling",
    "Filling",
    "FollowUpFilling",
    "Limits",
    "MeasureFilling",
    "MilestoneFilling",
    "NewRiskFilling",
    "RiskFilling",
    "StatusFilling",
    "WorkbookError",
    "apply_filling",
    "apply_fillings",
    "binding_key",
    "event_id",
    "key_file",
    "make_workbook",
    "measures_of",
    "milestones_of",
    "read_workbook",
    "steering_summary",
]
