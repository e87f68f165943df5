"""Write-only or normal mode: the time and peak memory of one 100,000-row table of 8
typed columns, exported without a base workbook (write-only mode) and with an empty
one (normal mode), each in a fresh process so the peaks do not mix.

    python plugins/omstilling-excel/benchmarks/bench_modes.py [rows]

Prints seconds, peak resident memory (all of it, and what the export added to the
report already in memory) and the ratio of the times.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
from decimal import Decimal

from omstilling.hookspecs import ExportOptions
from omstilling.model import Money, PartialDate, Rag
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)

TYPES = (
    FieldType.TEXT,
    FieldType.TEXT,
    FieldType.INTEGER,
    FieldType.DECIMAL,
    FieldType.MONEY,
    FieldType.DATE,
    FieldType.RAG,
    FieldType.BOOLEAN,
)
RAGS = tuple(Rag)


def report(rows: int) -> Report:
    """One table of ``rows`` rows, a value of every column's type in every cell."""
    columns = tuple(
        Column(key=f"c{i}", type=t, label=Labels(f"Kolonne {i}")) for i, t in enumerate(TYPES)
    )
    schema = ReportSchema(
        id="bench",
        title=Labels("Benk"),
        sections=(SectionSchema(key="t", title=Labels("Tabell"), columns=columns),),
    )
    table: tuple[dict[str, Value], ...] = tuple(
        {
            "c0": f"Tiltak nummer {i}",
            "c1": f"=tekst {i}" if i % 50 == 0 else f"tekst {i}",
            "c2": i,
            "c3": Decimal(i) / 8,
            "c4": Money(Decimal(i * 1000) + Decimal("0.5")),
            "c5": PartialDate(2014, 1 + i % 12, 1 + i % 28),
            "c6": RAGS[i % 4],
            "c7": i % 2 == 0,
        }
        for i in range(rows)
    )
    return Report(
        schema=schema, title="Benk", programme="benk", sections=(Section(key="t", rows=table),)
    )


def _empty_workbook() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def run(mode: str, rows: int) -> dict[str, float]:
    """Export once in ``mode`` ("write-only" or "normal") in this process."""
    from omstilling_excel import to_xlsx

    data = report(rows)
    options = ExportOptions(base=_empty_workbook() if mode == "normal" else None)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    size = len(to_xlsx(data, options))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "export_mb": peak - before, "bytes": size}


def _child(mode: str, rows: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(rows)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(f"the {mode} run failed:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Run both modes in fresh processes, alternately, three times each, and print
    the best run of each (the machine is shared: the best is the least disturbed)."""
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(run(sys.argv[2], int(sys.argv[3]))))
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs: dict[str, list[dict[str, float]]] = {"write-only": [], "normal": []}
    for _ in range(3):
        for mode, results in runs.items():
            results.append(_child(mode, rows))
    best = {mode: min(results, key=lambda r: r["seconds"]) for mode, results in runs.items()}
    for mode, r in best.items():
        times = ", ".join(f"{x['seconds']:.1f}" for x in runs[mode])
        print(
            f"{mode:>10}: {r['seconds']:6.2f} s (runs: {times}), peak {r['peak_mb']:4.0f} MB, "
            f"of which the export {r['export_mb']:4.0f} MB ({rows:,} rows x 8 columns)"
        )
    ratio = best["normal"]["seconds"] / best["write-only"]["seconds"]
    print(f"normal / write-only: {ratio:.2f}x the time")


if __name__ == "__main__":
    main()
