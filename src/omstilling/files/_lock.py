"""Locking a programme file for the whole of a read-modify-write, so that two
programs changing the same file (two imports at once, say) take turns instead of
one losing the other's change.

The lock is an operating-system lock (``flock`` on POSIX, ``LockFileEx`` on Windows,
through :mod:`filelock`) on a hidden file beside the programme file:
``plan.yaml`` → ``.plan.yaml.lock``. The system releases it when the program
ends, however it ends, so a crashed import never leaves the file locked. The lock
file itself stays behind and is harmless: it holds nothing, is never read, and may
be deleted whenever no command is running.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import filelock

from .._messages import _
from ..errors import ArgumentError, OmstillingError, Problem

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "LOCK_TIMEOUT_ENV",
    "WAIT_NOTICE",
    "LockError",
    "LockWait",
    "lock_file",
    "lock_timeout",
    "programme_lock",
]

LOCK_TIMEOUT_ENV = "OMSTILLING_LOCK_TIMEOUT"
"""The environment variable that sets how many seconds a command waits for a
programme file that another command holds locked (``0`` for no limit).

.. versionadded:: 0.2
"""

DEFAULT_LOCK_TIMEOUT = 60.0
"""How many seconds a command waits for a locked programme file when neither the
caller nor :data:`LOCK_TIMEOUT_ENV` says otherwise.

.. versionadded:: 0.2
"""

WAIT_NOTICE = 1.5
"""After how many seconds of waiting for a lock the waiter is told, once.

.. versionadded:: 0.2
"""


class LockError(OmstillingError):
    """A programme file could not be locked: another program held it longer than
    the time limit (code ``conflict``), or the lock file cannot be made, in a
    read-only folder for instance (code ``file``). Nothing was read or changed.

    .. versionadded:: 0.2
    """

    code = "conflict"


@attrs.frozen(kw_only=True)
class LockWait:
    """What a program waiting for a locked programme file is told after
    :data:`WAIT_NOTICE` seconds: ``str()`` of it is the line to show.

    .. versionadded:: 0.2
    """

    path: Path
    """The programme file."""
    lock_file: Path
    """The file the lock is held on."""
    timeout: float | None
    """The seconds the waiter waits in all before it gives up; ``None`` for no limit."""

    def __str__(self) -> str:
        limit = (
            _("giving up after {seconds} s").format(seconds=f"{self.timeout:g}")
            if self.timeout
            else _("waiting without limit")
        )
        return _("waiting for {file}, locked by another import or save ({limit}) …").format(
            file=self.path, limit=limit
        )


def lock_file(path: str | os.PathLike[str]) -> Path:
    """The file that ``path`` is locked through: beside the file (beside the file a
    symbolic link points to), hidden, named after it: ``plan.yaml`` →
    ``.plan.yaml.lock``. Two names for one file share one lock.

    .. versionadded:: 0.2
    """
    target = Path(path).resolve()
    return target.with_name(f".{target.name}.lock")


def lock_timeout(timeout: float | None = None) -> float | None:
    """The time limit of a wait for a lock, in seconds, ``None`` for none: ``timeout``
    if given, else :data:`LOCK_TIMEOUT_ENV` if set, else
    :data:`DEFAULT_LOCK_TIMEOUT`. ``0`` means no limit.

    Raises :class:`~omstilling.errors.ArgumentError` for anything else than a
    number of seconds (not negative, not infinite).

    .. versionadded:: 0.2
    """
    value: float | str
    what = "the lock timeout"
    if timeout is not None:
        value = timeout
    else:
        # float() takes the spaces around a number; str.strip() would also take
        # control characters (such as U+001F) that are not part of any number
        setting = os.environ.get(LOCK_TIMEOUT_ENV, "")
        if not setting.strip():
            return DEFAULT_LOCK_TIMEOUT
        value, what = setting, LOCK_TIMEOUT_ENV
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        msg = _("{what} is a number of seconds, 0 for no limit, not {value}")
        raise ArgumentError(msg.format(what=what, value=repr(value)))
    return seconds or None


_held = threading.local()
"""The lock files this thread holds, each with how many times it entered it."""


def _holding() -> dict[Path, int]:
    counts: dict[Path, int] | None = getattr(_held, "counts", None)
    if counts is None:
        counts = _held.counts = {}
    return counts


def _mode(path: Path) -> int:
    """The permissions a new lock file gets: those of the programme file (without
    execute bits), so that whoever may write the programme may take the lock;
    the umask's where there is no programme file yet."""
    try:
        return path.stat().st_mode & 0o666
    except OSError:
        return -1


@contextlib.contextmanager
def programme_lock(
    path: str | os.PathLike[str],
    *,
    timeout: float | None = None,
    on_wait: Callable[[LockWait], None] | None = None,
) -> Iterator[Path]:
    """Hold the lock of the programme file ``path`` for the ``with`` block: read the
    file, change it and write it inside the block, and no other program that locks
    the file (every omstilling command that reads and then writes it) comes between.

    If another program holds the lock, wait for it; after :data:`WAIT_NOTICE`
    seconds ``on_wait`` is called once with a :class:`LockWait` (the command line
    prints it). ``timeout`` is the limit of the wait in seconds (``0`` for none;
    default: :func:`lock_timeout`). The lock is released when the block ends, also
    by an exception, and by the operating system if the program dies. A thread that
    holds the lock may enter it again (a save inside an import), and gets it at once.

    Gives the lock file. Raises :class:`LockError` if the wait times out (code
    ``conflict``) or the lock file cannot be made (code ``file``: a folder that does
    not exist or is not writable), and
    :class:`~omstilling.errors.ArgumentError` for a bad ``timeout`` or
    :data:`LOCK_TIMEOUT_ENV`.

    .. versionadded:: 0.2
    """
    limit = lock_timeout(timeout)
    programme = Path(path)
    lock_path = lock_file(programme)
    holding = _holding()
    if lock_path in holding:
        holding[lock_path] += 1
        try:
            yield lock_path
        finally:
            holding[lock_path] -= 1
        return
    source = os.fspath(path)
    if not lock_path.parent.is_dir():
        message = _("cannot lock the file: the folder {folder} does not exist").format(
            folder=lock_path.parent
        )
        raise LockError([Problem("", message, "file")], source=source)
    lock = filelock.FileLock(lock_path, mode=_mode(programme))
    started = time.monotonic()
    try:
        try:
            lock.acquire(timeout=WAIT_NOTICE if limit is None else min(limit, WAIT_NOTICE))
        except filelock.Timeout:
            if limit is not None and limit <= WAIT_NOTICE:
                raise
            if on_wait is not None:
                on_wait(LockWait(path=programme, lock_file=lock_path, timeout=limit))
            rest = -1.0 if limit is None else max(limit - (time.monotonic() - started), 0.0)
            lock.acquire(timeout=rest)
    except filelock.Timeout:
        waited = time.monotonic() - started if limit is None else limit
        message = _(
            "locked by another import or save for more than {seconds} s (through "
            "{lock}); not read or changed. Try again when it has finished, "
            "or wait longer with {variable}=SECONDS"
        ).format(seconds=f"{waited:g}", lock=lock_path.name, variable=LOCK_TIMEOUT_ENV)
        raise LockError([Problem("", message, "conflict")], source=source) from None
    except OSError as exc:
        message = _("cannot lock the file: cannot open {lock}: {error}").format(
            lock=lock_path, error=exc.strerror or exc
        )
        raise LockError([Problem("", message, "file")], source=source) from None
    holding[lock_path] = 1
    try:
        yield lock_path
    finally:
        del holding[lock_path]
        lock.release()
