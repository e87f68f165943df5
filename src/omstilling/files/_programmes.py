"""Programme files: plain data, YAML and JSON text, files on disk."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)

from .._messages import _
from ..errors import Problem, ProgrammeFileError
from ..model import Programme
from ._atomic import atomic_write
from ._converter import _problems_from, _type_name, get_converter, problem_budget
from ._edit import edit_text
from ._lock import programme_lock
from ._migrations import SCHEMA_VERSION, migrate
from ._text import (
    Format,
    _read_text,
    dump_yaml,
    format_for,
    out_of_memory,
    parse,
    paused_gc,
    read_document,
)


def to_data(programme: Programme) -> dict[str, Any]:
    """The plain data of ``programme``, with ``schema_version`` first.

    .. versionadded:: 0.1
    """
    data = get_converter().unstructure(programme)
    return {"schema_version": SCHEMA_VERSION, **data}


def from_data(data: object, *, source: str = "<data>") -> Programme:
    """The programme in ``data`` (as read from a YAML or JSON file), migrated from
    any earlier version and checked in full.

    Raises :class:`ProgrammeFileError` listing every problem with its path.

    .. versionadded:: 0.1
    """
    if data is None:
        raise ProgrammeFileError(source, [Problem("", _("the file is empty"))])
    if not isinstance(data, Mapping):
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "",
                    _("expected a mapping of programme fields, got {got}").format(
                        got=_type_name(data)
                    ),
                )
            ],
        )
    current = migrate(data, source=source)
    with problem_budget() as budget:
        try:
            return get_converter().structure(current, Programme)
        except (ClassValidationError, IterableValidationError, ValueError, TypeError) as exc:
            problems = _problems_from(exc)
            raise ProgrammeFileError(source, problems, more=budget.dropped) from None
        except MemoryError:  # what was built is gone with the converter's frames
            raise ProgrammeFileError(source, [out_of_memory()]) from None


def loads(text: str, fmt: Format = "yaml", *, source: str = "<string>") -> Programme:
    """The programme in ``text``, a YAML or JSON document.

    .. versionadded:: 0.1
    """
    with paused_gc():  # once for the parse and the check: see paused_gc
        return from_data(parse(text, fmt, source), source=source)


def dumps(programme: Programme, fmt: Format = "yaml") -> str:
    """``programme`` as a YAML or JSON document.

    .. versionadded:: 0.1
    """
    data = to_data(programme)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(data)


def _current(data: object) -> object:
    """The data of a programme file of an earlier version as the current version,
    keys where they were."""
    if not isinstance(data, Mapping) or data.get("schema_version") == SCHEMA_VERSION:
        return data
    return {"schema_version": SCHEMA_VERSION, **migrate(data)}


def dumps_over(programme: Programme, text: str, fmt: Format = "yaml") -> str:
    """``programme`` written over ``text``, an existing YAML or JSON document: only the
    values, items and keys that differ change, and the document's comments, key
    order, quoting, flow style and blank lines stay; new items follow the style of
    their neighbours. A document that cannot be edited safely (one that does not
    parse, for one) is replaced by :func:`dumps`'s.

    .. versionadded:: 0.2
    """
    return edit_text(
        text,
        to_data(programme),
        fmt,
        normalise=lambda data: to_data(from_data(data)),
        upgrade=_current,
    )


def load(path: str | os.PathLike[str]) -> Programme:
    """Read the programme file at ``path`` (YAML or JSON, by suffix).

    Raises :class:`~omstilling.errors.ProgrammeFileError` for a missing, unreadable
    or invalid file; its lines name the file and the path to every bad field.

    .. versionadded:: 0.1
    """
    with paused_gc():  # once for the parse and the check: see paused_gc
        data, source = read_document(path)
        programme = from_data(data, source=source)
        del data  # freed before the collector runs again
    return programme


def save(programme: Programme, path: str | os.PathLike[str]) -> None:
    """Write ``programme`` to ``path`` (YAML or JSON, by suffix), atomically.

    An existing file is locked meanwhile (:func:`programme_lock`), as an import
    locks it. To change a file without undoing what an import writes between your
    ``load`` and your ``save``, hold its lock around both (it may be taken again
    inside)::

        with programme_lock("plan.yaml"):
            programme = load("plan.yaml")
            save(programme.with_milestone("m07", done=True), "plan.yaml")

    Over an existing file, only what changed is written: the file's comments, key
    order, quoting, flow style and blank lines stay (see :func:`dumps_over`).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       An existing file keeps its comments and layout.
    """
    fmt = format_for(path)
    if not os.path.lexists(path):  # a new file: nothing is read, so nothing is locked
        atomic_write(path, dumps(programme, fmt).encode("utf-8"))
        return
    with programme_lock(path):  # the file read is the file replaced
        try:
            existing: str | None = _read_text(path)
        except (OSError, UnicodeDecodeError, ProgrammeFileError):
            existing = None  # a new file, or one not worth keeping
        text = dumps(programme, fmt) if existing is None else dumps_over(programme, existing, fmt)
        atomic_write(path, text.encode("utf-8"))


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem that keeps the programme file at ``path`` from loading, each
    with its path and code; an empty list if the file is valid. (For what is allowed
    but suspicious, see :func:`omstilling.lint.lint`.)

    .. versionadded:: 0.1
    """
    try:
        load(path)
    except ProgrammeFileError as exc:
        return list(exc.problems)
    return []
