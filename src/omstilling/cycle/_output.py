"""What a command may write over: never a file it reads, and without ``force`` never
a programme file or a published report.

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .._messages import _
from ..errors import OmstillingError, Problem
from ..files import document_kind

__all__ = ["check_output"]

_DOCUMENTS = frozenset({".json", ".yaml", ".yml"})


def _refused(message: str) -> OmstillingError:
    return OmstillingError([Problem("", message, "conflict")])


def _same(output: Path, source: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(output, source)
    except OSError:  # the source is gone, or cannot be looked at: not the output
        return False


def check_output(
    output: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
) -> None:
    """Refuse to write ``output`` over a file it must not replace, with an
    :class:`~omstilling.errors.OmstillingError` of code ``conflict`` (its message
    says what the file is; the caller names it):

    - one of ``inputs``, the files what is written is made from (the programme file,
      a report file, a base document), also through another name (a link): never,
      not even with ``force``;
    - without ``force``, a programme file or a published report (see
      :func:`omstilling.files.document_kind`; only an existing ``.json``, ``.yaml``
      or ``.yml`` file is read to tell).

    A file that does not exist yet, or any other file, may be written.

    .. versionadded:: 0.1
    """
    target = Path(output)
    if not target.exists():
        return
    for source in inputs:
        if _same(target, source):
            name = os.fspath(source)
            message = (
                _("is the file the report is made from: never overwritten")
                if name == os.fspath(output)
                else _(
                    "is the same file as {name}, which the report is made from: never overwritten"
                ).format(name=name)
            )
            raise _refused(message)
    if force or target.suffix.lower() not in _DOCUMENTS:
        return
    kind = document_kind(target)
    if kind == "programme":
        raise _refused(_("is a programme file: not overwritten (use --force)"))
    if kind == "published report":
        raise _refused(_("is a published report: not overwritten (use --force)"))
