"""The time limit on plugin code: how long a plugin may take to load, and to return
from a call of one of its hooks."""

from __future__ import annotations

import math
import os
import signal
import threading
import types
from typing import Any

from ..errors import PluginError
from ._settings import DEFAULT_TIMEOUT, TIMEOUT_ENV

_PASS_THROUGH = (KeyboardInterrupt, GeneratorExit)
"""What a plugin may raise that is not its failure: the user's interrupt, and the
closing of a generator."""


class _TimeUp(BaseException):
    """Raised in a plugin's code when it runs past its time limit: not an
    :class:`Exception`, so that the plugin's own ``except Exception`` lets it pass."""


_CAN_LIMIT = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


class _TimeLimit:
    """Stops the code in a ``with`` block after ``seconds`` by raising :class:`_TimeUp`
    in it, through a real-time timer (``SIGALRM``): this stops a loop of Python code,
    and a wait such as :func:`time.sleep`, but not a long call into compiled code.

    There is a limit only where signals can be used: on POSIX systems, in the main
    thread, while no other timer of the process is set and no signal handler of a
    compiled library for ``SIGALRM`` is installed. Inside a limit, another is none:
    the outer one stands. The previous handler is restored when the block ends. The
    timer fires once; its handler restores the previous handler itself, so that
    nothing of the limit is left behind, whenever it fires.
    """

    running = False
    """Whether a limit is running (in the main thread)."""

    __slots__ = ("armed", "previous", "seconds", "what")

    def __init__(self, seconds: float | None, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.armed = False
        self.previous: Any = None

    def __enter__(self) -> None:
        if (
            not self.seconds
            or not _CAN_LIMIT
            or _TimeLimit.running
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        previous = signal.getsignal(signal.SIGALRM)
        if previous is None or signal.getitimer(signal.ITIMER_REAL)[0]:
            return  # someone else's handler or timer: no limit rather than a broken one
        self.previous = previous
        signal.signal(signal.SIGALRM, self._alarm)
        _TimeLimit.running = self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def _restore(self) -> None:
        signal.signal(signal.SIGALRM, self.previous)
        _TimeLimit.running = False

    def _alarm(self, signum: int, frame: types.FrameType | None) -> None:
        if not self.armed:  # the block has ended meanwhile
            return
        self.armed = False
        self._restore()
        raise _TimeUp(
            f"{self.what} did not finish within {self.seconds:g} s "
            f"(the time limit for plugins; {TIMEOUT_ENV} sets it)"
        )

    def __exit__(self, *exc_info: object) -> None:
        if self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            self._restore()


def _seconds(value: float | str | None, what: str) -> float | None:
    """A time limit in seconds, ``None`` for none (``None`` or 0); a
    :class:`PluginError` for anything else than a number of seconds."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        msg = f"{what} is a number of seconds, 0 for no limit, not {value!r}"
        raise PluginError(msg)
    return seconds or None


def _env_timeout() -> float | None:
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    return _seconds(value, TIMEOUT_ENV) if value else DEFAULT_TIMEOUT
