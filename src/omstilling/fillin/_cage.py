"""The reader's cage: workbooks from outside are opened and parsed in a child process
with hard limits, so that whatever a parser does with a hostile file (exhausts
memory, loops, aborts: a Rust panic included) ends that child only, and becomes one
clear message naming the file.

The child (``python -I -c …``, this module's :func:`serve`) checks and parses the
workbook: the zip and its XML (:mod:`._safety`), then python-calamine. It sends back
plain data only (the scans and the cells' values: lists, text, numbers, dates as
tuples), read here by an unpickler that refuses everything else. The programme, the
binding key and every check against them stay in this process.

On POSIX the child is limited with :mod:`resource`: address space
(:attr:`Limits.max_memory_bytes`), processor time per workbook
(:attr:`Limits.max_reader_seconds`), no core files, and 1 MiB of output to files.
Elsewhere (Windows) it runs without those limits, still in a process of its own, and
the clock is the only limit (four times :attr:`Limits.max_reader_seconds`). What it
sends back is limited everywhere (:attr:`Limits.max_reply_bytes`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from types import TracebackType
from typing import IO, Any, cast

import attrs

from .._messages import _, active_language, set_message_language
from ..errors import describe
from ._safety import ArchiveError, Limits
from ._sheets import Cell, LocalWorkbook, SheetRead, open_workbook
from ._xmlscan import SheetScan

__all__ = ["Cage", "CagedWorkbook", "borrow_cage", "serve", "shared_cage"]

_BOOT = """\
import importlib.util, pickle, sys, types
sys.path[:] = pickle.load(sys.stdin.buffer)
# the reader needs three modules of omstilling.fillin, not the package's public face
# (the model, the writers): an empty package in its place keeps them out
spec = importlib.util.find_spec("omstilling.fillin")
package = types.ModuleType(spec.name)
package.__path__ = list(spec.submodule_search_locations)
package.__spec__ = spec
sys.modules[spec.name] = package
from omstilling.fillin._cage import serve
serve()
"""
"""What the child runs: the parent's import path first (``-I`` leaves out the working
folder and the environment's), then :func:`serve`."""

_OUTPUT_BYTES = 1024 * 1024
"""The most the child may write to a file (its error output is one)."""
_WALL_FACTOR = 4
"""How many times its processor time a workbook may take on the clock."""
_TAIL_CHARS = 160
"""How much of the child's last words a message quotes."""

_DATE, _DATETIME, _TIME, _TIMEDELTA = range(4)
_PLAIN = frozenset({str, float, int, bool, type(None)})
_PACKED = _PLAIN | {tuple}


class CageError(ArchiveError):
    """The workbook could not be read safely: the reader stopped or misbehaved."""


# --- the parent's side ------------------------------------------------------------------


class Cage:
    """A child process that opens and reads workbooks for this one, under ``limits``.

    It starts at the first :meth:`open` and serves one workbook after another; if it
    stops (or misbehaves) on one, that workbook gets a :class:`CageError` and the next
    :meth:`open` starts a new one. Not for use from several threads at once.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._deadline = 0.0
        self._budget = 0
        self._timed_out = False

    def __enter__(self) -> Cage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def open(self, source: str | os.PathLike[str] | bytes) -> CagedWorkbook:
        """Open the workbook ``source`` (a path or the file's bytes) in the child.
        Raises :class:`ArchiveError` if it cannot be read (:class:`CageError` if
        the reader stopped)."""
        if self._process is None or self._process.poll() is not None:
            self._start()
        self._deadline = time.monotonic() + _WALL_FACTOR * self.limits.max_reader_seconds
        self._budget = self.limits.max_reply_bytes
        what = source if isinstance(source, bytes) else os.path.abspath(source)
        reply = self._ask(("open", what, active_language()))
        names = reply[1] if reply[0] == "opened" and len(reply) == 2 else None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise self._broken(_unexpected())
        return CagedWorkbook(self, names)

    def read(self, name: str, cap: int, width: int, *, strict: bool) -> SheetRead:
        reply = self._ask(("sheet", name, cap, width, strict, active_language()))
        try:
            kind, fields, rows, error = reply
            if kind != "sheet" or not (error is None or isinstance(error, str)):
                raise ValueError(kind)
            return SheetRead(SheetScan(**fields), _unpack(rows), error)
        except (TypeError, ValueError):
            raise self._broken(_unexpected()) from None

    def close(self) -> None:
        """Stop the child (it ends by itself when its input closes)."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with contextlib.suppress(OSError):
                if process.stdout is not None:
                    process.stdout.close()
        if self._errors is not None:
            self._errors.close()
            self._errors = None

    # --- the exchange

    def _start(self) -> None:
        self.close()
        if not sys.executable:
            raise CageError(
                _(
                    "could not be read safely: no Python program to start the reader with "
                    "(sys.executable is empty)"
                )
            )
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            env={**os.environ, "RUST_BACKTRACE": "0"},
        )
        self._timed_out = False
        self._deadline = time.monotonic() + _WALL_FACTOR * self.limits.max_reader_seconds
        self._send(list(sys.path))
        self._send(("limits", attrs.asdict(self.limits)))

    def _send(self, message: object) -> None:
        assert self._process is not None
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            self._process.stdin.flush()
        except OSError:  # the child has stopped: _receive tells why
            pass

    def _ask(self, request: tuple[object, ...]) -> tuple[Any, ...]:
        """Send ``request`` and wait for the reply, within the workbook's time and
        the size it may send back."""
        self._send(request)
        process = self._process
        assert process is not None
        assert process.stdout is not None
        watchdog = threading.Timer(max(0.0, self._deadline - time.monotonic()), self._time_out)
        watchdog.daemon = True
        watchdog.start()
        try:
            header = _read_exactly(process.stdout, 8)
            if header is None:
                raise self._stopped()
            size = int.from_bytes(header, "little")
            if size > self._budget:
                self._kill()
                raise self._broken(
                    _("could not be read safely: the reader sent back more than {size}").format(
                        size=_size(self.limits.max_reply_bytes)
                    )
                )
            self._budget -= size
            payload = _read_exactly(process.stdout, size)
            if payload is None:
                raise self._stopped()
        finally:
            watchdog.cancel()
        try:
            reply = _PlainUnpickler(io.BytesIO(payload)).load()
        except Exception:
            raise self._broken(_unexpected()) from None
        if not isinstance(reply, tuple) or not reply:
            raise self._broken(_unexpected())
        if reply[0] == "refused" and len(reply) == 2 and isinstance(reply[1], str):
            raise ArchiveError(reply[1])
        if reply[0] == "failed" and len(reply) == 2 and isinstance(reply[1], str):
            raise self._broken(reply[1])
        return reply

    def _time_out(self) -> None:
        self._timed_out = True
        self._kill()

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.kill()

    def _broken(self, message: str) -> CageError:
        """The child misbehaved (``message`` says how): stop it; the next workbook gets
        a new one."""
        self._kill()
        self.close()
        return CageError(message)

    def _stopped(self) -> CageError:
        """The child stopped: say how, and what it said last."""
        process = self._process
        assert process is not None
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._kill()
            code = process.wait()
        last = self._last_words()
        self.close()
        if self._timed_out:
            seconds = _WALL_FACTOR * self.limits.max_reader_seconds
            return CageError(
                _(
                    "could not be read safely: the reader took longer than {seconds} s and was "
                    "stopped"
                ).format(seconds=seconds)
            )
        if code < 0:
            number = -code
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = "unknown"
            how = _("signal {number}, {name}").format(number=number, name=name)
            if name == "SIGXCPU":
                last = _("it used more than {seconds} s of processor time").format(
                    seconds=self.limits.max_reader_seconds
                )
        else:
            how = _("exit status {code}").format(code=code)
        if last:
            stopped = _("could not be read safely: the reader stopped ({how}): {last}")
        else:
            stopped = _("could not be read safely: the reader stopped ({how})")
        return CageError(stopped.format(how=how, last=last))

    def _last_words(self) -> str:
        """The last line the child wrote to its error output, cut short."""
        if self._errors is None:
            return ""
        try:
            self._errors.seek(0, io.SEEK_END)
            size = self._errors.tell()
            self._errors.seek(max(0, size - 4096))
            tail = self._errors.read().decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [line.strip() for line in tail.splitlines() if line.strip()]
        if not lines:
            return ""
        text = "".join(c if c.isprintable() else " " for c in lines[-1])
        return text if len(text) <= _TAIL_CHARS else text[: _TAIL_CHARS - 1] + "…"


class CagedWorkbook:
    """A workbook opened in a :class:`Cage`."""

    def __init__(self, cage: Cage, names: list[str]) -> None:
        self._cage = cage
        self._names = names

    @property
    def sheet_names(self) -> list[str]:
        return self._names

    def read(self, name: str, cap: int, width: int, *, strict: bool) -> SheetRead:
        return self._cage.read(name, cap, width, strict=strict)


_SHARED: ContextVar[Cage | None] = ContextVar("omstilling_shared_cage", default=None)


@contextlib.contextmanager
def shared_cage(limits: Limits) -> Iterator[Cage]:
    """One cage for every workbook read with ``limits`` inside the ``with`` block: the
    child starts once, at the first workbook, instead of once for each."""
    with Cage(limits) as cage:
        token = _SHARED.set(cage)
        try:
            yield cage
        finally:
            _SHARED.reset(token)


@contextlib.contextmanager
def borrow_cage(limits: Limits) -> Iterator[Cage]:
    """The shared cage (:func:`shared_cage`) if there is one for ``limits``, else a
    cage of its own, stopped afterwards."""
    shared = _SHARED.get()
    if shared is not None and shared.limits == limits:
        yield shared
        return
    with Cage(limits) as cage:
        yield cage


def _size(count: int) -> str:
    if count < 2**20:
        return _("{count} bytes").format(count=f"{count:,}")
    return f"{count / 2**20:,.0f} MB"


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    """``size`` bytes from ``stream``, or ``None`` if it ends first."""
    parts: list[bytes] = []
    left = size
    while left:
        part = stream.read(min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data only: lists, tuples, dicts, text, numbers. Whatever names a
    class or function is refused, so a reply can never make this process run code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _pack(rows: list[list[Cell]] | None) -> list[list[Cell]] | None:
    """``rows`` with every date, time and duration as a tuple of plain values."""
    if rows is None:
        return None
    tags: dict[object, object] = {}  # the same days recur: one tuple each, pickled once

    def tag(value: object) -> object:
        found = tags.get(value)
        if found is None:
            found = tags[value] = _tag(value)
        return found

    for number, row in enumerate(rows):
        if not _PLAIN.issuperset(map(type, row)):
            rows[number] = [v if type(v) in _PLAIN else tag(v) for v in row]
    return rows


def _tag(value: object) -> object:
    if type(value) is dt.date:
        return (_DATE, value.toordinal())
    if isinstance(value, dt.datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, dt.time):
        return (_TIME, value.isoformat())
    if isinstance(value, dt.timedelta):
        return (_TIMEDELTA, value.days, value.seconds, value.microseconds)
    if isinstance(value, dt.date):
        return (_DATE, value.toordinal())
    return str(value)


def _unpack(rows: object) -> list[list[Cell]] | None:
    """The rows :func:`_pack` made, with their dates and times back; raises
    :class:`ValueError` for anything :func:`_pack` does not make."""
    if rows is None:
        return None
    if type(rows) is not list:
        raise ValueError("rows")
    restored: dict[tuple[object, ...], object] = {}  # the same days recur in a sheet
    for number, row in enumerate(rows):
        if type(row) is not list:
            raise ValueError("row")
        kinds = set(map(type, row))
        if _PLAIN.issuperset(kinds):
            continue
        if not _PACKED.issuperset(kinds):
            raise ValueError("value")
        rows[number] = [v if type(v) is not tuple else _restore(v, restored) for v in row]
    return rows


def _restore(value: tuple[object, ...], restored: dict[tuple[object, ...], object]) -> object:
    found = restored.get(value)
    if found is None:
        found = restored[value] = _restored(value)
    return found


def _restored(value: tuple[object, ...]) -> object:
    kind, first = value[0], value[1] if len(value) > 1 else None
    if kind == _DATE and len(value) == 2 and type(first) is int:
        return dt.date.fromordinal(first)
    if kind == _DATETIME and len(value) == 2 and type(first) is str:
        return dt.datetime.fromisoformat(first)
    if kind == _TIME and len(value) == 2 and type(first) is str:
        return dt.time.fromisoformat(first)
    if kind == _TIMEDELTA and len(value) == 4 and all(type(v) is int for v in value):
        days_, seconds, microseconds = (cast(int, v) for v in value[1:])
        return dt.timedelta(days=days_, seconds=seconds, microseconds=microseconds)
    raise ValueError("value")


# --- the child's side ------------------------------------------------------------------


def serve() -> None:
    """Serve the parent's requests until its input ends: run in the child only."""
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else written to standard output goes with the errors
    _kind, fields = pickle.load(requests)
    limits = Limits(**fields)
    _confine(limits)
    workbook: LocalWorkbook | None = None
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        workbook, reply = _answer(request, workbook, limits)
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            workbook = None
            reply = ("failed", _out_of_memory(limits))
            data = pickle.dumps(reply)
        replies.write(len(data).to_bytes(8, "little"))
        replies.write(data)
        replies.flush()


def _answer(
    request: tuple[Any, ...], workbook: LocalWorkbook | None, limits: Limits
) -> tuple[LocalWorkbook | None, tuple[object, ...]]:
    try:
        # the parent's message language, the last item of each request
        set_message_language(request[-1])
        if request[0] == "open":
            workbook = None  # the last one's memory goes first
            _allow_seconds(limits.max_reader_seconds)
            workbook = open_workbook(request[1], limits)
            return workbook, ("opened", workbook.sheet_names)
        _kind, name, cap, width, strict, _language = request
        assert workbook is not None
        read = workbook.read(name, cap, width, strict=strict)
        return workbook, ("sheet", attrs.asdict(read.scan), _pack(read.rows), read.error)
    except ArchiveError as exc:
        return workbook, ("refused", str(exc))
    except MemoryError:
        return None, ("failed", _out_of_memory(limits))
    except BaseException as exc:  # a parser's failure, a Rust panic included
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        failed = _("could not be read safely: the reader failed ({reason})")
        return None, ("failed", failed.format(reason=describe(exc)))


def _unexpected() -> str:
    return _("could not be read safely: the reader sent back something unexpected")


def _out_of_memory(limits: Limits) -> str:
    return _("could not be read safely: the reader ran out of memory (it may use {size})").format(
        size=_size(limits.max_memory_bytes)
    )


def _confine(limits: Limits) -> None:
    """Limit this process: its address space, no core files, little output to files."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no limits but the clock
        return
    for which, value in (
        (resource.RLIMIT_AS, limits.max_memory_bytes),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, _OUTPUT_BYTES),
    ):
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def _allow_seconds(seconds: int) -> None:
    """Let this process use ``seconds`` more of processor time (then SIGXCPU ends it)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime) + seconds + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
