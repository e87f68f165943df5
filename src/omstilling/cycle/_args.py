"""The reporting cycle's arguments, checked and converted in one place: a period, a
language, the participants. Each function takes what a user types (or the model's
own value) and raises :class:`~omstilling.errors.ArgumentError` naming the argument."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ArgumentError, NotInProgramme
from ..model import Language, Period, Programme

__all__ = ["language_of", "participant_of", "participants_of", "period_of"]


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
        raise ArgumentError(f"not a language ({choices}): {value!r}", argument="lang") from None


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
            f"{programme.id!r} has no participant {', '.join(map(repr, unknown))} "
            f"(it has: {', '.join(known) or 'none'})"
        )
    return chosen or tuple(known)
