"""Soft checks: things in a valid programme that are probably mistakes.

A programme that breaks a rule of the model cannot be constructed at all; these
checks find what is allowed but suspicious, such as a milestone that is estimated
to finish before it starts. Real plans contain such slips (the last milestone of
Hammerfest's project plan does), so they are warnings, not errors.
"""

from __future__ import annotations

from ._messages import _
from .model import Problem, Programme
from .model._time import ends_before_start

__all__ = ["lint"]


def lint(programme: Programme) -> list[Problem]:
    """Warnings about ``programme``, each with the path of the field it concerns.

    .. versionadded:: 0.1
    """
    warnings: list[Problem] = []
    for index, milestone in enumerate(programme.milestones):
        start, finish = milestone.estimated_start, milestone.estimated_finish
        if ends_before_start(start, finish):
            warnings.append(
                Problem(
                    f"milestones[{index}].estimated_finish",
                    _("estimated to finish ({finish}) before it starts ({start})").format(
                        finish=finish, start=start
                    ),
                )
            )
    period = programme.period
    if period is not None:
        for index, entry in enumerate(programme.status_entries):
            if not (period.contains(entry.period.start()) or period.contains(entry.period.end())):
                warnings.append(
                    Problem(
                        f"status_entries[{index}].period",
                        _("{period} lies outside the programme's period").format(
                            period=entry.period
                        ),
                    )
                )
    reported = {entry.participant for entry in programme.status_entries}
    if programme.status_entries:
        for index, participant in enumerate(programme.participants):
            if participant.organisation not in reported:
                message = _("has never reported a status")
                warnings.append(Problem(f"participants[{index}]", message))
    return warnings
