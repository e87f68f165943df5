"""A smoke run of the import benchmark at a tiny size, so it cannot rot. Timing is never
asserted: only that each path is measured and printed, ours with its ratio and target."""

from __future__ import annotations

import re

import pytest
from benchmarks import bench_import


def test_bench_import_prints_the_ratio_to_calamine(capsys: pytest.CaptureFixture[str]) -> None:
    bench_import.main(["--rows", "30", "--repeat", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("workbook: 30 milestone rows")
    ours, calamine, openpyxl = lines[2:]
    assert ours.startswith("import (check + read + cells)")
    assert re.search(r"\d+\.\d+ +\d+\.\d+x +<= 2\.0x +\d+\.\d$", ours), ours
    assert calamine.startswith("raw calamine read")
    assert openpyxl.startswith("raw openpyxl read-only read")
