"""One report per participant: a whole programme's reports for a period, in parallel.

These are the calls behind ``omstilling batch``::

    from omstilling import load
    from omstilling.cycle import render_batch

    result = render_batch(
        load("examples/stifinneren-2004.yaml"),
        "status",
        "out",
        period="2004-H1",
        suffixes=(".docx", ".xlsx"),
    )
    for item in result.failures:
        print(f"{item.path}: {item.error}")

Every file is written by :func:`omstilling.cycle.render`, so atomically, and is named
``{programme}-{period}-{participant}-{format}{suffix}``. The files are shared out to a
pool of worker processes (:class:`concurrent.futures.ProcessPoolExecutor`), one per
processor by default. Each worker gets the programme and loads the plugins once, when
it starts, and is then given the files a few at a time. A file that fails does not
stop the others: its error is collected, and :func:`render_batch` returns every
file's outcome.

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

import attrs

from .._messages import active_language, set_message_language
from ..errors import ArgumentError, OmstillingError, PluginError, RenderError, describe
from ..formatting import ExportWarning
from ..model import Language, Period, Programme
from ..plugins import Plugins, load_plugins
from ._args import language_of, period_of
from ._render import render

__all__ = ["BatchItem", "BatchResult", "base_documents", "output_name", "render_batch"]

_CHUNKS_PER_WORKER = 4
"""How many chunks each worker gets at least, so that the work evens out."""

_MAX_CHUNK = 16
"""The most files in one chunk, so that progress is reported often enough."""


@attrs.frozen(kw_only=True)
class BatchItem:
    """One file of a batch and how it went.

    ``error`` is ``None`` if the file was written, else the reason it was not (one
    line, no traceback). ``warnings`` are the exporter's warnings
    (:class:`~omstilling.formatting.ExportWarning`) for the file, each once.

    .. versionadded:: 0.1
    """

    participant: str
    suffix: str
    path: Path
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the file was written."""
        return self.error is None


@attrs.frozen(kw_only=True)
class BatchResult:
    """The outcome of :func:`render_batch`: every file, in the order they were asked
    for (participant by participant, suffix by suffix), and how many worker processes
    did the work (``1``: in this process).

    .. versionadded:: 0.1
    """

    items: tuple[BatchItem, ...]
    workers: int

    @property
    def written(self) -> tuple[Path, ...]:
        """The files that were written."""
        return tuple(item.path for item in self.items if item.ok)

    @property
    def failures(self) -> tuple[BatchItem, ...]:
        """The files that could not be written, each with its error."""
        return tuple(item for item in self.items if not item.ok)

    @property
    def ok(self) -> bool:
        """Whether every file was written."""
        return all(item.ok for item in self.items)


@attrs.frozen(kw_only=True)
class _Job:
    """What every file of a batch shares; sent to each worker once."""

    programme: Programme
    format_id: str
    period: Period
    language: Language | None
    bases: Mapping[str, bytes]
    directory: Path
    force: bool = False
    inputs: tuple[str, ...] = ()


def base_documents(
    paths: Iterable[str | os.PathLike[str]], plugins: Plugins | None = None
) -> dict[str, bytes]:
    """Read base documents (:attr:`~omstilling.hookspecs.ExportOptions.base`) and key
    each by the suffix of the files built on it, as :func:`render_batch` takes them:
    a ``.dotx`` is a base for ``.docx`` files where the Word exporter says so.

    Raises :class:`~omstilling.errors.ArgumentError` for two bases of one type or a
    base no exporter takes, and :class:`OSError` for a file that cannot be read.

    .. versionadded:: 0.1
    """
    paths = list(paths)
    if not paths:
        return {}
    plugins = plugins or load_plugins()
    found: dict[str, bytes] = {}
    for path in paths:
        try:
            suffix = plugins.exporter_for_base(Path(path).suffix).suffix
        except PluginError as exc:
            raise ArgumentError("; ".join(exc.lines()), argument="base") from None
        if suffix in found:
            raise ArgumentError(f"two base documents for {suffix} files", argument="base")
        found[suffix] = Path(path).read_bytes()
    return found


def output_name(
    programme: Programme, period: Period | str, participant: str, format_id: str, suffix: str
) -> str:
    """The name of a batch's file: ``{programme}-{period}-{participant}-{format}{suffix}``,
    e.g. ``stifinneren-2004-H1-molde-status.docx``.

    .. versionadded:: 0.1
    """
    return f"{programme.id}-{period}-{participant}-{format_id}{suffix}"


def _one(job: _Job, plugins: Plugins, participant: str, suffix: str) -> BatchItem:
    """Render one file; never raises for a problem of this file alone."""
    path = job.directory / output_name(
        job.programme, job.period, participant, job.format_id, suffix
    )
    error: str | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExportWarning)
        try:
            render(
                job.programme,
                job.format_id,
                path,
                period=job.period,
                participant=participant,
                language=job.language,
                base=job.bases.get(suffix),
                plugins=plugins,
                force=job.force,
                inputs=job.inputs,
            )
        except OmstillingError as exc:
            error = "; ".join(exc.lines())
        except OSError as exc:
            error = exc.strerror or str(exc)
        except Exception as exc:  # one file's bug must not stop the batch
            error = describe(exc)
    messages = tuple(dict.fromkeys(str(w.message) for w in caught))
    return BatchItem(
        participant=participant, suffix=suffix, path=path, error=error, warnings=messages
    )


# A worker process's share of the batch, set once by _start_worker.
_worker: tuple[_Job, Plugins] | None = None


def _start_worker(job: _Job, language: str = "en") -> None:
    """The pool's initializer: keep the job and load the plugins, once per worker,
    whose messages are in ``language`` (the batch's)."""
    global _worker  # the one piece of state a worker process keeps
    set_message_language(language)
    _worker = (job, load_plugins())


def _run_chunk(tasks: Sequence[tuple[str, str]]) -> list[BatchItem]:
    """Render a chunk of (participant, suffix) files in a worker."""
    assert _worker is not None, "the worker was not started by _start_worker"
    job, plugins = _worker
    return [_one(job, plugins, participant, suffix) for participant, suffix in tasks]


def _chunks(tasks: Sequence[tuple[str, str]], workers: int) -> list[Sequence[tuple[str, str]]]:
    size = max(1, min(_MAX_CHUNK, len(tasks) // (workers * _CHUNKS_PER_WORKER)))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _check(
    plugins: Plugins,
    format_id: str,
    period: Period | str,
    language: Language | str | None,
    suffixes: Sequence[str],
    bases: Mapping[str, bytes],
) -> tuple[Period, Language | None]:
    """Raise :class:`RenderError` for what would make every file fail."""
    try:
        plugins.format(format_id)
        for suffix in suffixes:
            plugins.exporter(suffix)
    except PluginError as exc:
        raise RenderError(str(exc)) from None
    for suffix in bases:
        if suffix not in suffixes:
            msg = f"a base document for {suffix} files, but no {suffix} file is asked for"
            raise RenderError(msg)
    checked_period = period_of(period)
    assert checked_period is not None
    return checked_period, language_of(language)


def render_batch(
    programme: Programme,
    format_id: str,
    output_dir: str | os.PathLike[str],
    *,
    period: Period | str,
    suffixes: Sequence[str] = (".docx",),
    participants: Iterable[str] | None = None,
    language: Language | str | None = None,
    bases: Mapping[str, bytes] | None = None,
    jobs: int | None = None,
    progress: Callable[[BatchItem], object] | None = None,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> BatchResult:
    """Render the report ``format_id`` for ``period`` of each participant of
    ``programme`` (or of each of ``participants``), once per suffix in ``suffixes``,
    into ``output_dir`` (made if missing); see :func:`output_name` for the file names.

    ``bases`` maps a suffix to the base document its files are built on (see
    :class:`~omstilling.hookspecs.ExportOptions`). ``jobs`` is the number of worker
    processes, :func:`os.cpu_count` by default; with ``jobs=1`` (or a single file)
    everything runs in this process. ``progress`` is called in this process with
    each file's :class:`BatchItem` as soon as the file is done.

    A file is never written over one of ``inputs`` (the programme file, the base
    documents), and without ``force`` never over a programme file or a published
    report: such a file fails (see :func:`~omstilling.cycle.check_output`).

    A file that fails (an unknown participant, an exporter's error, a full disk) is
    recorded in the result with its error, and the others are still written. What
    would make every file fail is raised before any work starts, as
    :class:`~omstilling.errors.RenderError` (an unknown format or suffix, a base for
    a suffix not asked for) or :class:`~omstilling.errors.ArgumentError` (a bad
    period or language, ``jobs`` less than 1). :class:`OSError` if ``output_dir``
    cannot be made.

    .. versionadded:: 0.1
    """
    if jobs is not None and jobs < 1:
        raise ArgumentError(f"jobs must be at least 1, not {jobs}", argument="jobs")
    suffixes = tuple(dict.fromkeys(suffixes))
    bases = dict(bases or {})
    plugins = load_plugins()
    checked_period, checked_language = _check(plugins, format_id, period, language, suffixes, bases)
    # an unknown participant fails its own files, not the batch
    wanted = (
        [p.organisation for p in programme.participants]
        if participants is None
        else list(dict.fromkeys(participants))
    )
    directory = Path(output_dir)
    directory.mkdir(parents=True, exist_ok=True)
    job = _Job(
        programme=programme,
        format_id=format_id,
        period=checked_period,
        language=checked_language,
        bases=bases,
        directory=directory,
        force=force,
        inputs=tuple(os.fspath(path) for path in inputs),
    )
    tasks = [(participant, suffix) for participant in wanted for suffix in suffixes]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    done: dict[tuple[str, str], BatchItem] = {}

    def finish(item: BatchItem) -> None:
        done[item.participant, item.suffix] = item
        if progress is not None:
            progress(item)

    if workers <= 1:
        for participant, suffix in tasks:
            finish(_one(job, plugins, participant, suffix))
        return BatchResult(items=tuple(done[task] for task in tasks), workers=1)

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(job, active_language())
    )
    try:
        pending: dict[Future[list[BatchItem]], Sequence[tuple[str, str]]] = {
            pool.submit(_run_chunk, chunk): chunk for chunk in _chunks(tasks, workers)
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = pending.pop(future)
                try:
                    items = future.result()
                except Exception as exc:  # the worker died: the chunk's files failed
                    error = f"the worker process failed: {type(exc).__name__}: {exc}"
                    items = [
                        BatchItem(
                            participant=participant,
                            suffix=suffix,
                            path=directory
                            / output_name(
                                programme, checked_period, participant, format_id, suffix
                            ),
                            error=error,
                        )
                        for participant, suffix in chunk
                    ]
                for item in items:
                    finish(item)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return BatchResult(items=tuple(done[task] for task in tasks), workers=workers)
