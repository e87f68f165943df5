"""A smoke run of the plugin's benchmark of its two modes at a tiny size, so it cannot
rot. Timing is never asserted: only that both modes are measured and compared."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_modes.py"


def test_bench_modes_measures_both_modes_and_prints_the_ratio() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "40"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    pattern = r"^ *{}: +\d+\.\d+ s .*peak +\d+ MB, of which the export +\d+ MB \(40 rows x 8"
    assert re.match(pattern.format("write-only"), lines[0]), lines[0]
    assert re.match(pattern.format("normal"), lines[1]), lines[1]
    assert re.match(r"^normal / write-only: \d+\.\d+x the time$", lines[2]), lines[2]
