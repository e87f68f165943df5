"""Export a milestone table of 1k, 4k and 16k rows to .docx and .xlsx, against raw
baselines doing the same work in the same run:

- .docx: python-docx's document with the table rows appended as ``w:tr`` elements
  built directly (the fastest way python-docx allows);
- .xlsx: openpyxl's write-only mode writing the same cells, with the same date and
  money formats.

Prints the time per row of each, the ratio, and the peak memory of our path.

    python -m benchmarks.bench_export
    python -m benchmarks.bench_export --rows 200 500
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from omstilling.hookspecs import BuildRequest, Exporter, ExportOptions
from omstilling.model import PartialDate
from omstilling.plugins import PluginError, load_plugins
from omstilling.report import Report
from omstilling.templates.plans import MILESTONE_FORMAT

from .national import national_programme


def _report(rows: int) -> Report:
    programme = national_programme(participants=1, subprojects=max(1, rows // 10), milestones=10)
    milestones = programme.milestones[:rows]
    programme = attrs.evolve(programme, milestones=tuple(milestones))
    return MILESTONE_FORMAT.build(programme, BuildRequest())


def _raw_docx(report: Report) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    rows = report.sections_for("milestones")[0].rows
    columns = report.schema.section("milestones").columns
    table = document.add_table(rows=1, cols=len(columns))
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell.text = column.label.nb
    tbl = table._tbl
    for row in rows:
        tr = OxmlElement("w:tr")
        for column in columns:
            tc = OxmlElement("w:tc")
            p = OxmlElement("w:p")
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = str(row.get(column.key, ""))
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            p.append(r)
            tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _raw_xlsx(report: Report) -> bytes:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Milepæler")
    columns = report.schema.section("milestones").columns
    sheet.append([c.label.nb for c in columns])
    for row in report.sections_for("milestones")[0].rows:
        cells = []
        for column in columns:
            value: Any = row.get(column.key)
            if isinstance(value, PartialDate):
                day = dt.datetime(value.year, value.month or 1, value.day or 1)
                cell = WriteOnlyCell(sheet, day)
                cell.number_format = "dd.mm.yyyy"
            elif isinstance(value, Decimal | int | bool):
                cell = WriteOnlyCell(sheet, float(value))
            elif value is None:
                cell = WriteOnlyCell(sheet, None)
            else:
                cell = WriteOnlyCell(sheet, str(value))
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _row(suffix: str, exporter: Exporter, baseline: Callable[[Report], bytes], rows: int) -> str:
    report = _report(rows)
    options = ExportOptions()
    ours = _time(lambda: exporter.export(report, options))
    raw = _time(lambda: baseline(report))
    peak = _peak_mb(lambda: exporter.export(report, options))
    n = len(report.sections_for("milestones")[0].rows)
    per_row, raw_per_row = 1000 * ours / n, 1000 * raw / n
    return f"{suffix:6} {n:6d} {per_row:12.3f} {raw_per_row:11.3f} {ours / raw:6.2f}x {peak:9.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 4000, 16000])
    args = parser.parse_args(argv)
    plugins = load_plugins()
    baselines = {".docx": _raw_docx, ".xlsx": _raw_xlsx}
    header = ("file", "rows", "ours ms/row", "raw ms/row", "ratio", "peak MiB")
    print("{:6} {:>6} {:>12} {:>11} {:>7} {:>9}".format(*header))
    for suffix, baseline in baselines.items():
        try:
            exporter = plugins.exporter(suffix)
        except PluginError as exc:
            print(f"{suffix:6} skipped: {exc}")
            continue
        for rows in args.rows:
            print(_row(suffix, exporter, baseline, rows), flush=True)


if __name__ == "__main__":
    main()
