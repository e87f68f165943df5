"""Fill-in workbooks for a period, one per participant, named and written without
ever overwriting a workbook that may already have been filled in.

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path

import attrs

from .._messages import _
from ..errors import OmstillingError, Problem
from ..files import atomic_write, load
from ..fillin import binding_key, make_workbook
from ..formatting import ExportWarning
from ..model import Language, Period, Programme
from ._args import language_of, participants_of, period_of

__all__ = [
    "WorkbookItem",
    "make_workbooks",
    "workbook_name",
    "workbook_targets",
    "write_workbooks",
]


def workbook_name(programme: Programme, period: Period, participant: str) -> str:
    """The name of a participant's fill-in workbook in a directory of several:
    ``{programme}-{period}-{participant}.xlsx``, e.g. ``stifinneren-2004-H2-molde.xlsx``.

    .. versionadded:: 0.1
    """
    return f"{programme.id}-{period}-{participant}.xlsx"


def workbook_targets(
    programme: Programme,
    period: Period | str,
    output: str | os.PathLike[str],
    participants: Iterable[str] | None = None,
) -> dict[str, Path]:
    """Where each participant's workbook goes: with exactly one participant asked
    for, ``output`` is the workbook; otherwise ``output`` is a directory and each
    workbook is named by :func:`workbook_name`. Every participant when none are
    given.

    Raises :class:`~omstilling.errors.NotInProgramme` for a participant the
    programme does not have, and an :class:`~omstilling.errors.OmstillingError` if
    the programme has no participants or ``output`` is a file where a directory is
    needed.

    .. versionadded:: 0.1
    """
    wanted = period_of(period)
    assert wanted is not None
    asked = tuple(dict.fromkeys(participants or ()))
    chosen = participants_of(programme, asked)
    if not chosen:
        raise OmstillingError(_("the programme has no participants to ask"))
    if len(asked) == 1:
        return {chosen[0]: Path(output)}
    directory = Path(output)
    if directory.exists() and not directory.is_dir():
        raise OmstillingError(
            [Problem("", _("not a directory (several workbooks go into one)"), "file")],
            source=str(output),
        )
    return {p: directory / workbook_name(programme, wanted, p) for p in chosen}


@attrs.frozen(kw_only=True)
class WorkbookItem:
    """One workbook of :func:`write_workbooks` and how it went: ``error`` is ``None``
    if it was written; ``warnings`` are what the writer warned of, each once.

    .. versionadded:: 0.1
    """

    participant: str
    path: Path
    error: str | None = None
    warnings: tuple[str, ...] = ()


def write_workbooks(
    programme: Programme,
    period: Period | str,
    output: str | os.PathLike[str],
    *,
    key: bytes,
    participants: Iterable[str] | None = None,
    language: Language | str | None = None,
    force: bool = False,
) -> list[WorkbookItem]:
    """Make the fill-in workbook of each participant (see :func:`workbook_targets`)
    for ``period`` and write it, bound with ``key`` to the participant and period:
    the programme office's key, ``binding_key(programme_file, create=True)`` (see
    :func:`omstilling.fillin.binding_key`), which the import checks the workbooks
    with.

    An existing file is never overwritten without ``force``: it may be a filled-in
    one. If any exists, nothing is written and an
    :class:`~omstilling.errors.OmstillingError` of code ``conflict`` names each. A
    workbook that cannot be made or written is recorded in its item; the others are
    still written.

    .. versionadded:: 0.1
    """
    wanted = period_of(period)
    assert wanted is not None
    chosen_language = language_of(language)
    targets = workbook_targets(programme, wanted, output, participants)
    existing = [path for path in targets.values() if path.exists()]
    if existing and not force:
        raise OmstillingError(
            Problem(
                "", _("exists already; not overwritten (use --force)"), "conflict", source=str(path)
            )
            for path in existing
        )
    items = []
    for participant, target in targets.items():
        error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportWarning)
            try:
                data = make_workbook(
                    programme, participant, wanted, key=key, language=chosen_language
                )
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(target, data)
            except ValueError as exc:
                error = f"{exc}; not written"
            except OSError as exc:
                error = exc.strerror or str(exc)
        messages = tuple(dict.fromkeys(str(w.message) for w in caught))
        items.append(
            WorkbookItem(participant=participant, path=target, error=error, warnings=messages)
        )
    return items


def make_workbooks(
    programme_file: str | os.PathLike[str],
    period: Period | str,
    output: str | os.PathLike[str],
    *,
    participants: Iterable[str] | None = None,
    language: Language | str | None = None,
    force: bool = False,
) -> list[WorkbookItem]:
    """What ``omstilling workbooks`` does: load the programme file, check the period,
    participants and ``output``, then write each participant's workbook (see
    :func:`write_workbooks`) bound with the programme file's key, which is made on
    first use (see :func:`omstilling.fillin.binding_key`) and never before the
    arguments are known to be good.

    .. versionadded:: 0.1
    """
    programme = load(programme_file)
    workbook_targets(programme, period, output, participants)
    return write_workbooks(
        programme,
        period,
        output,
        key=binding_key(programme_file, create=True),
        participants=participants,
        language=language,
        force=force,
    )
