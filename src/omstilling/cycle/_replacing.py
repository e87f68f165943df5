"""Replacing a programme file the cycle has read: the change as a diff, the previous
version kept, and the file written only if no one changed it meanwhile. What
``import`` and ``migrate`` share."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

from .._messages import _
from ..files import atomic_write

__all__ = ["backup_path", "replace_file", "text_diff"]


def backup_path(path: Path) -> Path:
    """The first free numbered backup name: ``plan.yaml.~1~``, ``plan.yaml.~2~`` …"""
    number = 1
    while (candidate := path.with_name(f"{path.name}.~{number}~")).exists():
        number += 1
    return candidate


def text_diff(before: str, after: str, path: Path, *, after_what: str) -> str:
    """The change from ``before`` to ``after``, the texts of ``path``, as a unified
    diff whose second file is named ``PATH (after the AFTER_WHAT)``."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path} (now)",
            tofile=f"{path} (after the {after_what})",
        )
    )


def replace_file(
    path: Path,
    original: bytes,
    after: str,
    *,
    keep_previous: bool,
    refused: Callable[[str], Exception],
    changed_meanwhile: str,
) -> Path | None:
    """Replace ``path``, which held ``original`` when it was read, by ``after``,
    atomically; return where the previous version was kept (``NAME.~N~``, unless
    ``keep_previous`` is false). Raises ``refused(message)`` if the file is
    read-only, if the previous version cannot be kept, or (with the message
    ``changed_meanwhile``) if the file no longer holds ``original``."""
    if not os.access(path, os.W_OK):
        raise refused(_("the file is read-only; not changed"))
    backup = None
    if keep_previous:
        backup = backup_path(path)
        try:
            atomic_write(backup, original)
        except OSError as exc:
            raise refused(
                _("cannot keep the previous version as {backup}: {error}").format(
                    backup=backup, error=exc.strerror or exc
                )
            ) from None
    if path.read_bytes() != original:
        raise refused(changed_meanwhile)
    atomic_write(path, after.encode("utf-8"))
    return backup
