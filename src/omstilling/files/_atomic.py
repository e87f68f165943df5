"""Atomic file writes: a failed write never leaves a partial file or clobbers a good one."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: str | os.PathLike[str], data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or
    all of ``data``, never a mix.

    With ``exclusive``, ``path`` must not exist: the complete file is linked into
    place in one step that fails with :class:`FileExistsError` if another process
    made the file first (of two exclusive writers, exactly one wins).

    The bytes go to a temporary file in the target's directory, are flushed to disk,
    and the temporary file then replaces the target (through a symbolic link, the
    file it points to). A new file gets the permissions the umask gives; a replaced
    one keeps its own. On any error the temporary file is removed and the target is
    left as it was.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        try:
            if exclusive:
                os.link(tmp, target)
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
        except PermissionError as exc:
            msg = (
                f"{target}: cannot replace the file ({exc.strerror}); "
                "is it open in another program?"
            )
            raise PermissionError(exc.errno, msg) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Flush the directory entry of a replaced file to disk, where the system can."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
