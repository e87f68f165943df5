"""Atomic file writes: a failed write never leaves a partial file or clobbers a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or
    all of ``data``, never a mix.

    The bytes go to a temporary file in the target's directory, are flushed to disk,
    and the temporary file then replaces the target. On any error the temporary file
    is removed and the target is left as it was.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        try:
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
