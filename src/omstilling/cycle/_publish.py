"""Publishing a report: build it now and freeze it, with its publication date, as a
report file that can be rendered later exactly as it was published.

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..errors import ArgumentError, OmstillingError, Problem
from ..files import atomic_write, dumps_report
from ..model import Language, PartialDate, Period, Programme
from ..plugins import Plugins
from ..report import Report
from ._output import check_output
from ._render import build_report

__all__ = ["publication_day", "publish"]


def publication_day(value: PartialDate | dt.date | str | None = None) -> PartialDate:
    """``value`` as the day a report is published (``"2004-08-31"``); today for
    ``None``. Raises :class:`~omstilling.errors.ArgumentError` for text that is not a
    date.

    .. versionadded:: 0.1
    """
    if value is None:
        return PartialDate.from_date(dt.date.today())
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise ArgumentError(str(exc), argument="published") from None


def publish(
    programme: Programme,
    format_id: str,
    output: str | os.PathLike[str],
    *,
    period: Period | str | None = None,
    participant: str | None = None,
    language: Language | str | None = None,
    published: PartialDate | dt.date | str | None = None,
    force: bool = False,
    plugins: Plugins | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Report:
    """Build the report ``format_id`` of ``programme`` and store it, with its
    publication date (default: today), as the JSON report file ``output``.

    A published report is never overwritten unless ``force`` is given: the file is
    created in one step that fails if it exists (of two publishes to one file at
    the same time, exactly one wins), and an existing one is refused with an
    :class:`~omstilling.errors.OmstillingError` of code ``conflict``; so is one of
    ``inputs`` (the programme file), even with ``force``. A later edit of the
    programme does not change what was published. Returns the report.

    .. versionadded:: 0.1
    """
    target = Path(output)
    if target.suffix.lower() != ".json":
        raise ArgumentError("a published report is stored as .json", argument="output")
    day = publication_day(published)
    exists = OmstillingError(
        [
            Problem(
                "",
                "exists already; a published report is not overwritten (use --force)",
                "conflict",
            )
        ],
        source=str(output),
    )
    try:
        check_output(target, inputs=inputs, force=True)
    except OmstillingError as exc:
        raise OmstillingError(exc.problems, source=str(output)) from None
    if target.exists() and not force:
        raise exists
    report = build_report(
        programme,
        format_id,
        period=period,
        participant=participant,
        language=language,
        plugins=plugins,
    )
    report = attrs.evolve(report, published=day)
    try:
        atomic_write(target, dumps_report(report).encode("utf-8"), exclusive=not force)
    except FileExistsError:
        raise exists from None
    return report
