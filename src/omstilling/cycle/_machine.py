"""What the command line prints with ``--json``: problems, warnings and summaries as
plain data with stable keys.

.. versionadded:: 0.2
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem
from ..files import get_converter
from ..formatting import format_value
from ..model import Language, Money
from ..report import FieldType
from ..summary import Summary

__all__ = ["problem_data", "summary_data", "summary_lines"]

_PLACE = re.compile(r"\(line (?P<line>[0-9]+), column (?P<column>[0-9]+)\)")


def problem_data(problem: Problem, source: str | None = None) -> dict[str, Any]:
    """``problem`` as plain data: ``file`` (its source, else ``source``), ``path``
    (inside the file, ``""`` for the file as a whole), ``message``, ``code`` (see
    :data:`~omstilling.errors.CODES`), and ``line`` and ``column`` where the message
    names them (a file that is not well formed), else ``None``.

    .. versionadded:: 0.2
    """
    place = _PLACE.search(problem.message)
    return {
        "file": problem.source or source,
        "path": problem.path,
        "message": problem.message,
        "code": problem.code,
        "line": int(place["line"]) if place else None,
        "column": int(place["column"]) if place else None,
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
        savings = f", target {_money(s.savings_target)}"
    if s.savings_realised is not None:
        savings += f", realised {_money(s.savings_realised)}"
    periods = ", ".join(str(p) for p in s.status_periods) or "none"
    return [
        f"{name}: {s.name} ({s.id})",
        f"  owner:         {s.owner}",
        f"  participants:  {s.participants}",
        f"  areas:         {s.project_areas}",
        f"  subprojects:   {s.subprojects}",
        f"  milestones:    {s.milestones} ({s.milestones_done} done)",
        f"  activities:    {s.activities}",
        f"  decisions:     {s.decisions} ({s.decision_items} items)",
        f"  measures:      {s.measures}{savings}",
        f"  indicators:    {s.indicators}",
        f"  events:        {s.events}",
        f"  status for:    {periods}",
        f"  people:        {s.people}",
        f"  documents:     {s.documents}",
    ]
