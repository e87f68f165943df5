"""Every error omstilling raises on purpose, in one family, with its problems as data.

Each error is an :class:`OmstillingError` and carries :attr:`~OmstillingError.problems`:
one :class:`Problem` per thing that is wrong, with where (``path``), what
(``message``) and a stable ``code`` a program can act on::

    from omstilling import load
    from omstilling.errors import OmstillingError

    try:
        programme = load("plan.yaml")
    except OmstillingError as error:
        for problem in error.problems:
            print(problem.source, problem.path, problem.code, problem.message)

``str(error)`` is the same problems as the command line prints them, one line each:
``plan.yaml: milestones[0].estimated_finish: not a date: '2014-13-31'``.

The codes (:data:`CODES`) are part of the API: a code is never renamed or given
another meaning; new ones may be added.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs

from ._messages import ngettext

__all__ = [
    "CODES",
    "MAX_PROBLEMS",
    "ArgumentError",
    "FieldError",
    "ImportFailed",
    "InvalidProgramme",
    "NotInProgramme",
    "OmstillingError",
    "PluginError",
    "Problem",
    "ProgrammeFileError",
    "RenderError",
    "WorkbookError",
    "describe",
]

CODES: dict[str, str] = {
    "invalid": "a value the model does not accept (the message says why)",
    "missing": "a required field or value is missing",
    "unknown-key": "a key the file format does not have (a typo, most often)",
    "type": "a value of the wrong type: text where a number belongs, say",
    "reference": "an id that refers to nothing in the programme",
    "duplicate": "an id used twice where it must be unique",
    "cycle": "a chain of parents that leads back to where it started",
    "syntax": "a file that is not well-formed YAML, JSON or XML",
    "version": "a file of an unknown, missing or newer format version",
    "file": "a file that cannot be read or written (missing, no permission, not UTF-8)",
    "argument": "an argument that is not valid: a period, a language, a participant",
    "report": "a report that cannot be built, exported or read back",
    "plugin": "a plugin that fails, clashes with another, or is not installed",
    "workbook": "a cell of a fill-in workbook that cannot be imported",
    "unsafe": "a file refused before it was read: too large, encrypted, a bomb",
    "conflict": "a file changed by someone else meanwhile, or one not to be overwritten",
    "binding": "a fill-in workbook not bound to this programme office, participant and "
    "period (its metadata changed, its token missing or another's), or a missing key",
    "more": "stands for the problems past the first MAX_PROBLEMS (100) of a file, which are "
    "counted, not listed",
    "document": "a rendered document that breaks a rule of the document checker "
    "(omstilling.testing.documents): a broken word, a near-empty page, a missing title",
    "environment": "a program the operation needs is not installed: LibreOffice or poppler "
    "(the message says what to install)",
}
"""Every problem code, with what it means."""

MAX_PROBLEMS = 100
"""How many problems a :class:`ProgrammeFileError` lists one by one; the rest are
counted in one last problem of code ``more``: ``… and 999900 more problems``."""


def _not_text(field: str, value: object) -> FieldError:
    return FieldError(field, f"expected text, got {type(value).__name__}", "type")


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(attribute.name, value)


def _optional_text(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _not_text(attribute.name, value)


def _optional_position(_: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (type(value) is not int or value < 1):
        raise FieldError(
            attribute.name, f"expected a whole number from 1, got {value!r:.40}", "type"
        )


@attrs.frozen
class Problem:
    """One thing that is wrong, and where.

    ``path`` is the place inside the input: ``subprojects[3].area`` in a programme,
    ``Status!C7`` in a workbook, empty for the input as a whole. ``source`` is the
    file (or other input) it is in, where known. ``code`` is one of :data:`CODES`.
    ``line`` and ``column`` (from 1) are where in the file's text the problem is, where
    known: a file that is not well formed; else ``None``.

    .. versionadded:: 0.1
    .. versionadded:: 0.2 ``line`` and ``column``.
    """

    path: str = attrs.field(validator=_text)
    message: str = attrs.field(validator=_text)
    code: str = attrs.field(default="invalid", validator=_text)
    source: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    line: int | None = attrs.field(default=None, kw_only=True, validator=_optional_position)
    column: int | None = attrs.field(default=None, kw_only=True, validator=_optional_position)

    def __str__(self) -> str:
        where = [part for part in (self.source, self.path) if part]
        return ": ".join([*where, self.message])

    def in_source(self, source: str) -> Problem:
        """This problem, said to be in ``source`` (unless it names its source)."""
        return self if self.source else attrs.evolve(self, source=source)


class OmstillingError(Exception):
    """The base of every error omstilling raises on purpose.

    ``problems`` lists everything found wrong, not only the first thing;
    :meth:`lines` gives them one line each, as the command line prints them.
    ``exit_status`` is what the command line exits with for it.

    .. versionadded:: 0.1
    """

    code: ClassVar[str] = "invalid"
    """The code of the problems made from a plain message."""

    exit_status: ClassVar[int] = 1

    def __init__(self, problems: str | Iterable[Problem], *, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems, self.code)]
        found = tuple(problems)
        if source:
            found = tuple(problem.in_source(source) for problem in found)
        self.problems: tuple[Problem, ...] = found
        self.source = source
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, each starting with the file it is in."""
        return [str(problem) for problem in self.problems]

    def __reduce__(self) -> tuple[object, ...]:
        # errors cross process boundaries (the batch's workers): keep their data
        return (_rebuild, (type(self), self.problems, self.source, self.__dict__))


def _rebuild(
    cls: type[OmstillingError],
    problems: Sequence[Problem],
    source: str | None,
    state: dict[str, object],
) -> OmstillingError:
    error = cls.__new__(cls)
    Exception.__init__(error, "\n".join(str(p) for p in problems))
    error.__dict__.update(state)
    return error


class FieldError(OmstillingError, ValueError):
    """A value that a field of a model object does not accept.

    ``field`` names the field and ``message`` says what is wrong; ``str()`` gives
    both: ``"id: not an id …"``. Loading a file adds the field to the path of the
    problem it reports.

    .. versionadded:: 0.1
    """

    def __init__(self, field: str, message: str, code: str = "invalid") -> None:
        self.field = field
        self.message = message
        super().__init__([Problem(field, message, code)])


class InvalidProgramme(OmstillingError, ValueError):
    """A programme whose references do not resolve or whose ids are not unique.

    ``problems`` lists every violation found, not just the first.

    .. versionadded:: 0.1
    """

    code = "reference"

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)

    def __str__(self) -> str:
        return "; ".join(self.lines())


@attrs.frozen
class _More(Problem):
    """The problems past :data:`MAX_PROBLEMS`, counted."""

    count: int = attrs.field(default=0, kw_only=True)


def _capped(problems: Iterable[Problem], more: int) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` of ``problems``, then one problem counting the
    rest and ``more``; an iterator is consumed one problem at a time."""
    kept: list[Problem] = []
    source = None
    for problem in problems:
        if isinstance(problem, _More):  # problems counted before: counted again
            more += problem.count
            source = source or problem.source
        elif len(kept) < MAX_PROBLEMS:
            kept.append(problem)
        else:
            more += 1
    if more:
        message = ngettext("… and {count} more problem", "… and {count} more problems", more)
        kept.append(_More("", message.format(count=more), "more", count=more, source=source))
    return kept


class ProgrammeFileError(OmstillingError):
    """A programme file (or report file) that cannot be read, with every problem found.

    ``str()`` of the error is one line per problem, each starting with the file:
    ``examples/x.yaml: subprojects[3].area: unknown project area 'helse'``.

    The first :data:`MAX_PROBLEMS` problems are listed; the rest are counted in one
    last problem of code ``more`` (``… and 999900 more problems``), as are ``more``
    problems found but not given one by one. ``problems`` may be an iterator: it is
    read one problem at a time, and only what is listed is kept.

    .. versionadded:: 0.1
    """

    def __init__(self, source: str, problems: Iterable[Problem], *, more: int = 0) -> None:
        super().__init__(_capped(problems, more), source=source)


class ArgumentError(OmstillingError, ValueError):
    """An argument that is not valid: a period or a language that is not one.
    ``argument`` names it (``"period"``); the command line exits 2 for it, as for any
    other wrong command line.

    .. versionadded:: 0.1
    """

    code = "argument"
    exit_status = 2

    def __init__(self, message: str, *, argument: str = "") -> None:
        self.argument = argument
        super().__init__([Problem("", message, "argument")])


class NotInProgramme(OmstillingError):
    """An id given as an argument (a participant, say) that the programme does not
    have; the message names the ones it has.

    .. versionadded:: 0.1
    """

    code = "reference"


class RenderError(OmstillingError):
    """A report that cannot be built or exported, with a message saying why.

    .. versionadded:: 0.1
    """

    code = "report"


class PluginError(OmstillingError):
    """A plugin problem that makes an operation impossible: two plugins registering
    the same id, an unknown format, a plugin failing in strict mode.

    .. versionadded:: 0.1
    """

    code = "plugin"


class ImportFailed(OmstillingError):
    """Files that cannot be imported into a programme (workbooks, report files, a
    plugin's files): every problem of every file; the programme file is unchanged.

    .. versionadded:: 0.1
    """


class WorkbookError(ImportFailed):
    """A workbook (or several) cannot be imported; :attr:`problems` lists every reason,
    each naming file, sheet and cell.

    .. versionadded:: 0.1
    """

    code = "workbook"


def describe(exc: BaseException) -> str:
    """A one-line description of an unexpected exception (a plugin's bug, say): its
    type and the first line of its message, never a traceback.

    .. versionadded:: 0.1
    """
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
