"""The national half-year batch: the status report of every participant of a
357-municipality programme, to .docx and .xlsx, with :func:`omstilling.cycle.render_batch`,
against the same files rendered one after another in this process (``jobs=1``),
measured for a sample of participants in the same run.

    python -m benchmarks.bench_batch                      # 357 participants
    python -m benchmarks.bench_batch --participants 20 --jobs 2 --sample 4

Prints the wall time against the 60 s target, the number of workers, the CPU time
of the worker processes against the wall time (near the number of workers when all
the processors were busy), and the speed-up over ``jobs=1``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from omstilling.cycle import render_batch
from omstilling.model import Programme

from .national import national_programme

TARGET_S = 60.0
"""The target wall time of the national batch on an ordinary 2-core laptop."""

PERIOD = "2024-H1"
SUFFIXES = (".docx", ".xlsx")


def _children_cpu() -> float | None:
    """User + system CPU seconds of the waited-for child processes, where known."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _describe(programme: Programme) -> str:
    return (
        f"{len(programme.participants)} participants, {len(programme.subprojects)} "
        f"subprojects, {len(programme.milestones)} milestones, {len(programme.measures)} "
        f"measures, {len(programme.decisions)} decisions, "
        f"{len(programme.status_entries)} status entries"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--participants", type=int, default=357)
    parser.add_argument("--jobs", type=int, default=None, help="default: one per processor")
    parser.add_argument(
        "--sample", type=int, default=10, help="participants rendered with jobs=1 (baseline)"
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    programme = national_programme(participants=args.participants, decisions=10)
    made = time.perf_counter() - start
    print(f"programme: {_describe(programme)} (generated in {made:.1f} s)", flush=True)
    if hasattr(os, "getloadavg"):  # the machine may be shared: say how busy it was
        print(f"machine: {os.cpu_count()} processors, load average {os.getloadavg()[0]:.2f}")
    everyone = [p.organisation for p in programme.participants]
    sample = everyone[: max(1, min(args.sample, len(everyone)))]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # once untimed, so that neither run pays for importing the exporters' libraries
        render_batch(
            programme, "status", out / "warm", period=PERIOD, suffixes=SUFFIXES,
            participants=sample[:1], jobs=1,
        )  # fmt: skip
        start, cpu_start = time.perf_counter(), time.process_time()
        baseline = render_batch(
            programme, "status", out / "baseline", period=PERIOD, suffixes=SUFFIXES,
            participants=sample, jobs=1,
        )  # fmt: skip
        baseline_s = time.perf_counter() - start
        baseline_cpu = time.process_time() - cpu_start
        per_file = baseline_s / len(baseline.items)
        print(
            f"baseline (jobs=1, in this process): {len(sample)} participants, "
            f"{len(baseline.items)} files in {baseline_s:.2f} s = {1000 * per_file:.1f} ms/file "
            f"(CPU {baseline_cpu:.2f} s)",
            flush=True,
        )

        cpu_before = _children_cpu()
        start = time.perf_counter()
        result = render_batch(
            programme, "status", out / "batch", period=PERIOD, suffixes=SUFFIXES, jobs=args.jobs
        )
        wall = time.perf_counter() - start
        cpu_after = _children_cpu()

    files = len(result.items)
    verdict = "met" if wall <= TARGET_S else "MISSED"
    print(
        f"batch: {files} files ({len(everyone)} participants x {', '.join(SUFFIXES)}), "
        f"{result.workers} workers, wall {wall:.1f} s (target {TARGET_S:.0f} s: {verdict})"
    )
    if cpu_before is None or cpu_after is None or result.workers == 1:
        print("children CPU: not measured (no worker processes, or no getrusage here)")
    else:
        cpu = cpu_after - cpu_before
        print(
            f"children CPU: {cpu:.1f} s = {cpu / wall:.2f}x the wall time "
            f"(at most {result.workers:.2f}x with {result.workers} workers); "
            f"{1000 * cpu / files:.1f} ms CPU/file, jobs=1 "
            f"{1000 * baseline_cpu / len(baseline.items):.1f}"
        )
    estimate = per_file * files
    print(
        f"speed-up: {estimate / wall:.2f}x over jobs=1 "
        f"({estimate:.1f} s estimated for {files} files in this process)"
    )
    for item in (*baseline.failures, *result.failures):
        print(f"FAILED {item.path.name}: {item.error}")


if __name__ == "__main__":
    main()
