"""Upgrading a programme file of an earlier ``schema_version`` in place, keeping its
comments and layout, with the previous version kept.

.. versionadded:: 0.2
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from .._messages import _
from ..errors import OmstillingError, Problem, ProgrammeFileError
from ..files import SCHEMA_VERSION, LockWait, format_for, from_data, programme_lock
from ..files import migrate as migrate_data
from ..files._edit import edit_text
from ..files._text import _read_text, parse
from ._replacing import replace_file, text_diff

__all__ = ["MigrationResult", "migrate_file"]


@attrs.frozen(kw_only=True)
class MigrationResult:
    """What :func:`migrate_file` did.

    .. versionadded:: 0.2
    """

    path: Path
    """The programme file."""
    from_version: int
    """The ``schema_version`` the file had."""
    to_version: int
    """The ``schema_version`` it has now (or would have, after a dry run)."""
    diff: str
    """The change as a unified diff of the file's text (empty if the file is
    current already)."""
    written: bool
    """Whether the file was replaced."""
    backup: Path | None = None
    """Where the previous version was kept, if the file was replaced."""

    @property
    def changed(self) -> bool:
        """Whether the file is (or would be) upgraded."""
        return self.from_version != self.to_version


def migrate_file(
    programme_file: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    keep_previous: bool = True,
    lock_timeout: float | None = None,
    on_wait: Callable[[LockWait], None] | None = None,
) -> MigrationResult:
    """Upgrade the programme file ``programme_file`` from an earlier
    ``schema_version`` to :data:`~omstilling.files.SCHEMA_VERSION`, in place.

    Only what the migrations change is written: the file's comments, key order,
    quoting, flow style and blank lines stay (a renamed key keeps its place). A
    file at the current version is left untouched. With ``dry_run`` nothing is
    written and :attr:`MigrationResult.diff` shows what would change; otherwise the
    previous version is kept next to the file as ``NAME.~N~`` (unless
    ``keep_previous`` is false), and the file is locked while it is read and
    written (:func:`omstilling.files.programme_lock`, with ``lock_timeout`` and
    ``on_wait``).

    Raises :class:`~omstilling.errors.ProgrammeFileError` for a file that cannot
    be read or does not load once upgraded (nothing is written then), and
    :class:`~omstilling.errors.OmstillingError` (code ``conflict``) if it cannot be
    replaced.

    .. versionadded:: 0.2
    """
    path = Path(programme_file)
    if dry_run:
        return _migrate(path, dry_run=True, keep_previous=keep_previous)
    with programme_lock(path, timeout=lock_timeout, on_wait=on_wait):
        return _migrate(path, dry_run=False, keep_previous=keep_previous)


def _read(path: Path) -> str:
    source = os.fspath(path)
    try:
        format_for(path)
        return _read_text(path)
    except ValueError as exc:  # an unknown suffix, or not UTF-8
        message = (
            _("not UTF-8 text (byte {byte})").format(byte=exc.start)
            if isinstance(exc, UnicodeDecodeError)
            else str(exc).split(": ", 1)[-1]
        )
        raise ProgrammeFileError(source, [Problem("", message, "file")]) from None
    except FileNotFoundError:
        raise ProgrammeFileError(source, [Problem("", _("no such file"), "file")]) from None
    except OSError as exc:
        raise ProgrammeFileError(source, [Problem("", exc.strerror or str(exc), "file")]) from None


def _migrate(path: Path, *, dry_run: bool, keep_previous: bool) -> MigrationResult:
    source = os.fspath(path)
    text = _read(path)
    fmt = format_for(path)
    data = parse(text, fmt, source)
    from_data(data, source=source)  # every problem of the file, before anything is done
    assert isinstance(data, dict)  # from_data refuses anything else
    version = int(data["schema_version"])  # from_data checked it
    result = MigrationResult(
        path=path, from_version=version, to_version=SCHEMA_VERSION, diff="", written=False
    )
    if not result.changed:
        return result
    current = {"schema_version": SCHEMA_VERSION, **migrate_data(data, source=source)}
    after = edit_text(text, current, fmt)
    diff = text_diff(text, after, path, after_what="migration")
    result = attrs.evolve(result, diff=diff)
    if dry_run:
        return result

    def refused(message: str) -> OmstillingError:
        return OmstillingError([Problem("", message, "conflict")], source=source)

    if _read(path) != text:
        raise refused(_("the file was changed by someone else meanwhile; migrate again"))
    backup = replace_file(
        path,
        path.read_bytes(),
        after,
        keep_previous=keep_previous,
        refused=refused,
        changed_meanwhile="the file was changed by someone else meanwhile; migrate again",
    )
    return attrs.evolve(result, written=True, backup=backup)
