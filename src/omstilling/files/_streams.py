"""Programme and report files named the way the command line names them: ``-`` for
standard input, and backups (``plan.yaml.~1~``) read in the format of the name
before ``.~N~``.

Standard input is read with the same limits as a file (at most
:data:`~omstilling.files.MAX_FILE_BYTES`, UTF-8) and named ``<stdin>`` in messages.
Its format is YAML unless ``fmt`` says ``"json"`` or the text starts with ``{``.

.. versionadded:: 0.2
"""

from __future__ import annotations

import os
import re
import sys
from typing import BinaryIO

from .._messages import _
from ..errors import Problem, ProgrammeFileError
from ..model import Programme
from ..report import Report
from ._programmes import from_data
from ._reports import is_report_data, report_from_data
from ._text import MAX_FILE_BYTES, Format, _read_text, format_for, parse, read_document

__all__ = ["STDIN", "STDIN_NAME", "format_of", "load_any_source", "load_source", "read_source"]

STDIN = "-"
"""The name that stands for standard input (or output)."""

STDIN_NAME = "<stdin>"
"""What messages call standard input."""

_BACKUP = re.compile(r"^(?P<name>.+)\.~[0-9]+~$")


def format_of(name: str | os.PathLike[str]) -> Format:
    """The format of the file ``name`` by its suffix, a backup's (``plan.yaml.~3~``)
    by the name before ``.~3~``. Raises :class:`ValueError` for another suffix.

    .. versionadded:: 0.2
    """
    text = os.fspath(name)
    backup = _BACKUP.match(text)
    return format_for(backup["name"] if backup else text)


def _sniffed(text: str) -> Format:
    return "json" if text.lstrip().startswith("{") else "yaml"


def _read_stream(stream: BinaryIO, fmt: Format | None) -> tuple[object, str]:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        message = _("larger than {limit} bytes ({mib} MiB)").format(
            limit=f"{MAX_FILE_BYTES:,}", mib=MAX_FILE_BYTES // 2**20
        )
        raise ProgrammeFileError(STDIN_NAME, [Problem("", message, "unsafe")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {byte})").format(byte=exc.start)
        raise ProgrammeFileError(STDIN_NAME, [Problem("", message, "file")]) from None
    return parse(text, fmt or _sniffed(text), STDIN_NAME), STDIN_NAME


def _read_file(path: str, fmt: Format) -> tuple[object, str]:
    try:
        text = _read_text(path)
    except FileNotFoundError:
        raise ProgrammeFileError(path, [Problem("", _("no such file"), "file")]) from None
    except IsADirectoryError:
        message = _("is a directory, not a file")
        raise ProgrammeFileError(path, [Problem("", message, "file")]) from None
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {byte})").format(byte=exc.start)
        raise ProgrammeFileError(path, [Problem("", message, "file")]) from None
    except OSError as exc:
        message = exc.strerror or str(exc)
        raise ProgrammeFileError(path, [Problem("", message, "file")]) from None
    return parse(text, fmt, path), path


def read_source(
    name: str | os.PathLike[str],
    *,
    fmt: Format | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[object, str]:
    """The data of the YAML or JSON document ``name`` names, and the name to give it
    in messages: ``-`` is standard input (or ``stdin``, a binary stream), read as
    ``fmt`` or, without it, as JSON if it starts with ``{`` and as YAML otherwise; a
    file is read as ``fmt`` or by its suffix (a backup's by the name before
    ``.~N~``). Raises :class:`~omstilling.errors.ProgrammeFileError` as
    :func:`~omstilling.files.load` does.

    .. versionadded:: 0.2
    """
    text = os.fspath(name)
    if text == STDIN:
        return _read_stream(stdin if stdin is not None else sys.stdin.buffer, fmt)
    if fmt is None and not _BACKUP.match(text):
        return read_document(text)
    if fmt is None:
        try:
            fmt = format_of(text)
        except ValueError as exc:
            message = str(exc).split(": ", 1)[1]
            raise ProgrammeFileError(text, [Problem("", message, "file")]) from None
    return _read_file(text, fmt)


def load_source(
    name: str | os.PathLike[str],
    *,
    fmt: Format | None = None,
    stdin: BinaryIO | None = None,
) -> Programme:
    """The programme in the file ``name`` names (see :func:`read_source`): ``-``
    reads standard input.

    .. versionadded:: 0.2
    """
    data, source = read_source(name, fmt=fmt, stdin=stdin)
    return from_data(data, source=source)


def load_any_source(
    name: str | os.PathLike[str],
    *,
    fmt: Format | None = None,
    stdin: BinaryIO | None = None,
) -> Programme | Report:
    """The programme or report in the file ``name`` names (see :func:`read_source`
    and :func:`~omstilling.files.load_any`).

    .. versionadded:: 0.2
    """
    data, source = read_source(name, fmt=fmt, stdin=stdin)
    if is_report_data(data):
        return report_from_data(data, source=source)
    return from_data(data, source=source)
