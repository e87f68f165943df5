"""Smoke runs of the batch and start-up benchmarks at a tiny size, so they cannot rot.
Timing is never asserted: only that every measurement is printed with its ratio and
its target."""

from __future__ import annotations

import re

import pytest
from benchmarks import bench_batch, bench_startup

NUMBER = r"\d+\.\d+"


def test_bench_batch_prints_every_ratio_and_target(capsys: pytest.CaptureFixture[str]) -> None:
    bench_batch.main(["--participants", "3", "--jobs", "2", "--sample", "2"])
    lines = capsys.readouterr().out.splitlines()
    patterns = [
        r"programme: 3 participants, 60 subprojects, 600 milestones, 15 measures, "
        r"30 decisions, 12 status entries \(generated in \d+\.\d s\)",
        rf"machine: \d+ processors, load average {NUMBER}",
        rf"baseline \(jobs=1, in this process\): 2 participants, 4 files in {NUMBER} s = "
        rf"{NUMBER} ms/file \(CPU {NUMBER} s\)",
        r"batch: 6 files \(3 participants x \.docx, \.xlsx\), 2 workers, "
        rf"wall {NUMBER} s \(target 60 s: (met|MISSED)\)",
        rf"children CPU: {NUMBER} s = {NUMBER}x the wall time \(at most 2\.00x with 2 workers\); "
        rf"{NUMBER} ms CPU/file, jobs=1 {NUMBER}",
        rf"speed-up: {NUMBER}x over jobs=1 \({NUMBER} s estimated for 6 files in this process\)",
    ]
    assert len(lines) == len(patterns), lines  # no FAILED lines
    for pattern, line in zip(patterns, lines, strict=True):
        assert re.fullmatch(pattern, line), (pattern, line)


def test_bench_startup_prints_every_ratio_and_target(capsys: pytest.CaptureFixture[str]) -> None:
    bench_startup.main(["--repeat", "1", "--imports"])
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        rf"bare interpreter \(python -c pass\): {NUMBER} ms \(best of 1\)", lines[0]
    )
    assert re.fullmatch(
        rf"import omstilling: {NUMBER} ms, [+-]{NUMBER} ms over bare = {NUMBER}x "
        r"\(target \+100 ms: (met|MISSED)\)",
        lines[1],
    )
    assert re.fullmatch(
        rf"omstilling --help: {NUMBER} ms, [+-]{NUMBER} ms over bare = {NUMBER}x "
        r"\(target 300 ms total: (met|MISSED)\)",
        lines[2],
    )
    assert lines[3] == "slowest imports of --help (cumulative, python -X importtime):"
    imports = lines[4:]
    assert 0 < len(imports) <= 15
    assert all(re.fullmatch(rf"\s+{NUMBER} ms \s*[\w.]+", line) for line in imports), imports
    assert any(line.strip().endswith(" omstilling") for line in imports)
