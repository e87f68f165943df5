"""Smoke runs of the benchmark scripts at a tiny size, so they cannot rot. Timing is
never asserted: only that every row is measured and printed with its ratio."""

from __future__ import annotations

import re

import pytest
from benchmarks import bench_files
from benchmarks.national import national_programme

from omstilling.serialize import dumps, loads


def test_national_generator_is_valid_and_deterministic() -> None:
    programme = national_programme(participants=3, subprojects=2, milestones=2, measures=1)
    assert len(programme.participants) == 3
    assert len(programme.milestones) == 3 * 2 * 2
    assert len(programme.status_entries) == 3 * 4
    assert programme == national_programme(participants=3, subprojects=2, milestones=2, measures=1)
    assert loads(dumps(programme, "json"), "json") == programme


def test_bench_files_prints_every_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    bench_files.main(["--participants", "2", "--repeat", "1"])
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if re.search(r"\d+\.\d+x\s+\d+\.\d$", line)]
    assert [row.split("  ")[0] for row in rows] == [
        "load JSON (parse + check)",
        "save JSON",
        "load YAML (parse + check)",
        "save YAML",
    ]


def test_bench_export_prints_every_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import bench_export

    bench_export.main(["--rows", "20", "40"])
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        (".docx", "20"),
        (".docx", "40"),
        (".xlsx", "20"),
        (".xlsx", "40"),
    ]
    assert all(row[4].endswith("x") for row in rows)
