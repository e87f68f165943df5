"""The reporting cycle's arguments, checked and converted in one place: a period, a
language, the participants, a report format. Each function takes what a user types
(or the model's own value) and raises :class:`~omstilling.errors.ArgumentError`
naming the argument."""

from __future__ import annotations

from collections.abc import Iterable

from .._messages import _
from ..errors import ArgumentError, FieldError, NotInProgramme, PluginError
from ..hookspecs import ReportFormat
from ..model import Language, Period, PeriodKind, Programme
from ..plugins import Plugins

__all__ = [
    "format_of",
    "language_of",
    "latest_status_period",
    "participant_of",
    "participants_of",
    "period_choices",
    "period_of",
]

_SHOWN_PERIODS = 6
"""How many periods :func:`period_choices` names before it stops with "…"."""


def period_of(value: Period | str | None) -> Period | None:
    """``value`` as a :class:`~omstilling.model.Period` (``"2004-H1"``, ``"2012-T2"``,
    ``"2005"``), ``None`` for ``None``.

    .. versionadded:: 0.1
    """
    if value is None or isinstance(value, Period):
        return value
    try:
        return Period.parse(str(value))
    except ValueError as exc:
        raise ArgumentError(str(exc), argument="period") from None


def language_of(value: Language | str | None) -> Language | None:
    """``value`` as a :class:`~omstilling.model.Language` (``"nb"``, ``"nn"``,
    ``"en"``, in any case), ``None`` for ``None``.

    .. versionadded:: 0.1
    """
    if value is None or isinstance(value, Language):
        return value
    try:
        return Language(str(value).lower())
    except ValueError:
        choices = ", ".join(language.value for language in Language)
        msg = _("not a language ({choices}): {value}").format(choices=choices, value=repr(value))
        raise ArgumentError(msg, argument="lang") from None


def _known(programme: Programme) -> list[str]:
    return [participant.organisation for participant in programme.participants]


def participant_of(programme: Programme, participant: str | None) -> str | None:
    """``participant`` if ``programme`` has it (``None`` for ``None``).

    .. versionadded:: 0.1
    """
    if participant is None:
        return None
    return participants_of(programme, [participant])[0]


def participants_of(programme: Programme, wanted: Iterable[str] | None = None) -> tuple[str, ...]:
    """The participants ``wanted`` (each once, in the order given), or every
    participant of ``programme`` if ``wanted`` is ``None`` or empty. Raises
    :class:`~omstilling.errors.ArgumentError` naming those the programme does not
    have, and the ones it does (:class:`~omstilling.errors.NotInProgramme`).

    .. versionadded:: 0.1
    """
    known = _known(programme)
    chosen = tuple(dict.fromkeys(wanted or ()))
    unknown = [p for p in chosen if p not in set(known)]
    if unknown:
        raise NotInProgramme(
            _("{programme} has no participant {unknown} (it has: {known})").format(
                programme=repr(programme.id),
                unknown=", ".join(map(repr, unknown)),
                known=", ".join(known) or _("none"),
            )
        )
    return chosen or tuple(known)


def format_of(plugins: Plugins, format_id: str, *, argument: str = "format") -> ReportFormat:
    """The report format ``format_id`` of ``plugins``. Raises
    :class:`~omstilling.errors.ArgumentError` naming ``argument`` (``"template"``,
    ``"format"``) and the installed ids if no plugin registers it, and
    :class:`~omstilling.errors.PluginError` if two plugins do.

    .. versionadded:: 0.2
    """
    try:
        return plugins.format(format_id)
    except PluginError as exc:
        if any(format_id in info.formats for info in plugins.info()):
            raise  # registered, but by two plugins: not the user's mistake
        raise ArgumentError(str(exc), argument=argument) from None


def latest_status_period(programme: Programme) -> Period | None:
    """The latest period ``programme`` has a status entry for, ``None`` if it has none.

    .. versionadded:: 0.2
    """
    return max((entry.period for entry in programme.status_entries), default=None)


def period_choices(programme: Programme) -> str:
    """The periods a report of ``programme`` could be for, as a user reads them: the
    periods it has status for, else the periods of its cadence (half-years if it has
    none) from its start to its end, at most six and then "…" (a programme from
    2004 on: ``"2004-H1, 2004-H2, 2005-H1, 2005-H2, 2006-H1, 2006-H2, …"``); ``""``
    if it has neither status nor a start.

    .. versionadded:: 0.2
    """
    with_status = sorted({entry.period for entry in programme.status_entries})
    if with_status:
        return ", ".join(map(str, with_status))
    start = programme.period.start if programme.period is not None else None
    if start is None:
        return ""
    kind = programme.cadence.period_kind if programme.cadence is not None else PeriodKind.HALF
    first_day = start.first_day()
    period = Period(first_day.year, kind, 1 + (first_day.month - 1) * kind.parts // 12)
    end = programme.period.end if programme.period is not None else None
    last_day = end.last_day() if end is not None else None
    shown: list[str] = []
    while len(shown) < _SHOWN_PERIODS and (last_day is None or period.start() <= last_day):
        shown.append(str(period))
        try:
            period = period.next()
        except FieldError:  # the year 9999 has no successor
            return ", ".join(shown)
    if last_day is None or period.start() <= last_day:
        shown.append("…")
    return ", ".join(shown)
