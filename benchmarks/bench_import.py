"""Import of a filled fill-in workbook of 100,000 milestone rows, against a raw read of
the same workbook by python-calamine (the reader the import uses) and by openpyxl's
read-only mode (the alternative it was measured against), in the same run.

Our path is everything ``omstilling import`` does to read a workbook: the zip and XML
checks, the formula scan, the read, and checking every cell into a filling. The raw
baselines only read the cells.

    python -m benchmarks.bench_import               # 100,000 rows
    python -m benchmarks.bench_import --rows 2000

Prints each time, the ratio next to its target, and the peak Python-side memory
(tracemalloc; calamine's own Rust allocations are not seen by it).
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from omstilling import fillin
from omstilling.model import PartialDate, Programme

from .national import national_programme

TARGET = 2.0
"""Our import against calamine's raw read of the same workbook."""


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def filled_programme(rows: int) -> Programme:
    """One participant with ``rows`` milestones, each already reported on, so the
    workbook made for it is a filled one."""
    programme = national_programme(
        participants=1, subprojects=max(1, rows // 10), milestones=10, measures=5
    )
    reported = tuple(
        attrs.evolve(
            m,
            report_date=PartialDate(2024, 12, 1 + n % 28),
            report_status_text=f"Status {n}",
            done=n % 3 == 0,
            done_on=PartialDate(2024, 11, 1 + n % 28) if n % 3 == 0 else None,
        )
        for n, m in enumerate(programme.milestones[:rows])
    )
    return attrs.evolve(programme, milestones=reported)


def _raw_calamine(path: Path, sheets: list[str]) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    workbook = CalamineWorkbook.from_path(str(path))
    for name in sheets:
        for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False):
            cells += len(row)
    return cells


def _raw_openpyxl(path: Path, sheets: list[str]) -> int:
    from openpyxl import load_workbook

    cells = 0
    workbook = load_workbook(path, read_only=True, data_only=True)
    for name in sheets:
        for row in workbook[name].iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return cells


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--skip-openpyxl", action="store_true", help="Leave out openpyxl's (slow) read."
    )
    args = parser.parse_args(argv)

    programme = filled_programme(args.rows)
    participant = programme.participants[0].organisation
    period = programme.status_entries[-1].period
    key = secrets.token_bytes(fillin.KEY_BYTES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "filled.xlsx"
        start = time.perf_counter()
        path.write_bytes(fillin.make_workbook(programme, participant, period, key=key))
        made = time.perf_counter() - start
        sheets = [*(s.nb for s in fillin.SHEETS.values()), "_omstilling"]

        filling = fillin.read_workbook(path, programme, key=key)
        assert len(filling.milestones) == args.rows

        ours = _best(lambda: fillin.read_workbook(path, programme, key=key), args.repeat)
        calamine = _best(lambda: _raw_calamine(path, sheets), args.repeat)
        peak = _peak_mb(lambda: fillin.read_workbook(path, programme, key=key))
        openpyxl = None if args.skip_openpyxl else _best(lambda: _raw_openpyxl(path, sheets), 1)
        size = path.stat().st_size / 2**20

    print(f"workbook: {args.rows} milestone rows, {size:.1f} MB (made in {made:.1f} s)")
    print(f"{'path':32} {'time s':>8} {'ratio':>7} {'target':>7} {'peak MB':>8}")
    print(f"{'import (check + read + cells)':32} {ours:8.3f} {ours / calamine:6.2f}x "
          f"{'<= ' + str(TARGET) + 'x':>7} {peak:8.1f}")  # fmt: skip
    print(f"{'raw calamine read':32} {calamine:8.3f} {1.0:6.2f}x {'':>7} {'':>8}")
    if openpyxl is not None:
        print(f"{'raw openpyxl read-only read':32} {openpyxl:8.3f} "
              f"{openpyxl / calamine:6.2f}x {'':>7} {'':>8}")  # fmt: skip


if __name__ == "__main__":
    main()
