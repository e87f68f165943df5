"""The language of messages: problems, import errors and the command line's own words.

Messages are written in English in the code and translated, through gettext
catalogues kept with Babel (``src/omstilling/locale``), into the *message language*
active when they are made: Norwegian bokmål (``nb``), nynorsk (``nn``) or English
(``en``, the default)::

    import omstilling

    with omstilling.message_language("nb"):
        problems = omstilling.validate("plan.yaml")  # "ikke en dato: …"

The language is held in a :class:`contextvars.ContextVar`, so threads and asyncio
tasks each have their own. The command line chooses it from ``--lang`` or from the
locale (:func:`language_from_environment`); an import of a fill-in workbook speaks
the workbook's language unless a language was chosen.

Marking a message in the code: ``_("not a date: {value}").format(value=...)``, with
named placeholders, so that a translation may put them where its grammar wants them;
``N_`` marks a message kept in a constant and translated with ``_`` where it is used.

.. versionadded:: 0.2
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
import os
from collections.abc import Iterator, Mapping
from importlib import resources

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "active_language",
    "default_language",
    "language_from_environment",
    "language_of",
    "message_language",
    "ngettext",
    "prefer_language",
    "set_message_language",
]

LANGUAGES = ("nb", "nn", "en")
"""The message languages: Norwegian bokmål, Norwegian nynorsk, English."""

DOMAIN = "omstilling"
"""The gettext domain of the catalogues."""

_SOURCE = "en"
"""The language messages are written in, in the code."""

_UNSET, _DEFAULT, _CHOSEN = 0, 1, 2
"""How the active language came to be: nobody chose one (English: what a library
caller gets); a default was given (:func:`default_language`: the command line's,
from the locale), which what is read may replace (an imported workbook's language,
:func:`prefer_language`); or one was chosen (``--lang``, :func:`set_message_language`,
:func:`message_language`), which nothing replaces."""

_ACTIVE: contextvars.ContextVar[tuple[str, int]] = contextvars.ContextVar(
    "omstilling_message_language", default=(_SOURCE, _UNSET)
)


def language_of(name: str | None) -> str | None:
    """The message language a language or locale name stands for: ``nb_NO.UTF-8``,
    ``no_NO`` and ``nb`` are ``nb``, ``nn_NO`` is ``nn``, any other (``en_US``,
    ``C``, ``de``) is ``en``; ``None`` for ``None`` or an empty name.

    .. versionadded:: 0.2
    """
    if not name:
        return None
    # language[_territory][.codeset][@modifier], as POSIX names a locale
    language = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if language in ("nb", "no"):
        return "nb"
    return "nn" if language == "nn" else _SOURCE


_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the locale's message language is read from, first found first: the order
GNU gettext (and Python's :func:`gettext.find`) reads them in."""


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The message language the locale asks for (``environ``: default
    :data:`os.environ`): the first of the variables ``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set, as :func:`gettext.find` reads them.
    ``LANG=nb_NO.UTF-8`` gives ``nb``, ``en_US.UTF-8`` ``en``. ``None`` where the
    locale names no language (none set, or the C or POSIX locale, where gettext
    translates nothing): messages are in English then.

    .. versionadded:: 0.2
    """
    environ = os.environ if environ is None else environ
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            # LANGUAGE is a list of preferences (nn:nb:en); the first one counts
            first = value.split(":")[0]
            if first.split(".")[0] in ("C", "POSIX"):
                return None
            return language_of(first)
    return None


def _checked(language: str) -> str:
    if language not in LANGUAGES:
        msg = f"not a message language ({', '.join(LANGUAGES)}): {language!r}"
        raise ValueError(msg)
    return language


def active_language() -> str:
    """The message language of the current context: ``nb``, ``nn`` or ``en``.

    .. versionadded:: 0.2
    """
    return _ACTIVE.get()[0]


def set_message_language(language: str) -> None:
    """Make ``language`` (``nb``, ``nn`` or ``en``) the message language of the
    current context (thread, asyncio task) from now on. :func:`message_language`
    does the same for a ``with`` block only.

    Raises :class:`ValueError` for another language.

    .. versionadded:: 0.2
    """
    _ACTIVE.set((_checked(language), _CHOSEN))


@contextlib.contextmanager
def message_language(language: str) -> Iterator[None]:
    """Within the block, messages are made in ``language`` (``nb``, ``nn`` or
    ``en``); afterwards, in the language before.

    .. versionadded:: 0.2
    """
    token = _ACTIVE.set((_checked(language), _CHOSEN))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def prefer_language(language: str | None) -> contextvars.Token[tuple[str, int]] | None:
    """Speak ``language`` from now on if the active language is only a default
    (see :func:`default_language`): what the import of a fill-in workbook does with
    the workbook's language. A language chosen is kept, and so is English where
    nobody gave a language. Gives the token to reset the language with (``None`` if
    nothing changed).

    .. versionadded:: 0.2
    """
    found = language_of(language) if language else None
    if found is None or _ACTIVE.get()[1] != _DEFAULT:
        return None
    return _ACTIVE.set((found, _DEFAULT))


@contextlib.contextmanager
def default_language(language: str | None) -> Iterator[None]:
    """Within the block, speak ``language`` unless a language was chosen, and let
    what is read replace it (:func:`prefer_language`): the command line's language,
    from the locale. An import of a fill-in workbook within the block speaks the
    workbook's language. ``None`` changes nothing (English, unless chosen).

    .. versionadded:: 0.2
    """
    found = language_of(language)
    level = _ACTIVE.get()[1]
    token = _ACTIVE.set((found, _DEFAULT)) if found and level != _CHOSEN else None
    try:
        yield
    finally:
        if token is not None:
            _ACTIVE.reset(token)


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language``, read from its ``.po`` file by Babel and
    compiled in memory: no compiled ``.mo`` file is kept (see docs/languages.rst)."""
    if language == _SOURCE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = resources.files(__package__ or "omstilling").joinpath(
        "locale", language, "LC_MESSAGES", f"{DOMAIN}.po"
    )
    with po.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """``message`` in the active message language (itself in English, or where the
    catalogue has no translation)."""
    language = _ACTIVE.get()[0]
    if language == _SOURCE:
        return message
    return _translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the active message language."""
    language = _ACTIVE.get()[0]
    if language == _SOURCE:
        return singular if n == 1 else plural
    return _translations(language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it: for a message kept
    in a constant and given to :func:`_` where it is used."""
    return message
