"""What the command line prints with ``--json``: problems, warnings and summaries as
plain data with stable keys.

.. versionadded:: 0.2
"""

from __future__ import annotations

from typing import Any

from .._messages import _
from ..errors import Problem
from ..files import get_converter
from ..formatting import format_value
from ..model import Language, Money
from ..report import FieldType
from ..summary import Summary

__all__ = ["problem_data", "summary_data", "summary_lines"]


def problem_data(problem: Problem, source: str | None = None) -> dict[str, Any]:
    """``problem`` as plain data: ``file`` (its source, else ``source``), ``path``
    (inside the file, ``""`` for the file as a whole), ``message``, ``code`` (see
    :data:`~omstilling.errors.CODES`), and ``line`` and ``column`` where the problem
    has them (a file that is not well formed), else ``None``.

    .. versionadded:: 0.2
    """
    return {
        "file": problem.source or source,
        "path": problem.path,
        "message": problem.message,
        "code": problem.code,
        "line": problem.line,
        "column": problem.column,
    }


def summary_data(summary: Summary) -> dict[str, Any]:
    """``summary`` as plain data: its fields by name, amounts and periods written as
    a programme file writes them (``"35000000 NOK"``, ``"2004-H1"``), ``None`` for
    what is not there.

    .. versionadded:: 0.2
    """
    data: dict[str, Any] = get_converter().unstructure(summary)
    return data


def _money(amount: Money) -> str:
    # as the English report templates write amounts, with spaces a terminal shows
    # plainly: "NOK 35,000,000"
    return format_value(amount, FieldType.MONEY, Language.EN).replace("\u00a0", " ")


def summary_lines(name: str, summary: Summary) -> list[str]:
    """``summary`` of the file ``name`` as the lines ``omstilling summary`` prints.

    .. versionadded:: 0.2
    """
    s = summary
    savings = ""
    if s.savings_target is not None:
        savings = ", " + _("target {amount}").format(amount=_money(s.savings_target))
    if s.savings_realised is not None:
        savings += ", " + _("realised {amount}").format(amount=_money(s.savings_realised))
    periods = ", ".join(str(p) for p in s.status_periods) or _("none")
    rows = [
        (_("owner"), s.owner),
        (_("participants"), s.participants),
        (_("areas"), s.project_areas),
        (_("subprojects"), s.subprojects),
        (
            _("milestones"),
            _("{count} ({done} done)").format(count=s.milestones, done=s.milestones_done),
        ),
        (_("activities"), s.activities),
        (
            _("decisions"),
            _("{count} ({items} items)").format(count=s.decisions, items=s.decision_items),
        ),
        (_("measures"), f"{s.measures}{savings}"),
        (_("indicators"), s.indicators),
        (_("events"), s.events),
        (_("status for"), periods),
        (_("people"), s.people),
        (_("documents"), s.documents),
    ]
    width = max(14, *(len(label) + 1 for label, _value in rows))
    return [
        f"{name}: {s.name} ({s.id})",
        *(f"  {label + ':':<{width + 1}}{value}" for label, value in rows),
    ]
