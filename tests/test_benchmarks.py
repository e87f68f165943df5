"""Smoke runs of the benchmark scripts at a tiny size, so they cannot rot. Timing is
never asserted: only that every row is measured and printed with its ratio."""

from __future__ import annotations

import importlib.util
import re

import pytest
from benchmarks import bench_files
from benchmarks.national import national_programme

from omstilling.files import dumps, loads


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
    rows = [line for line in lines if re.search(r"\d+\.\d+x\s+\S+\s+\d+\.\d\s+\d+\.\d$", line)]
    orjson = importlib.util.find_spec("orjson") is not None
    libyaml = importlib.util.find_spec("yaml._yaml") is not None
    yaml_rs = importlib.util.find_spec("yaml_rs") is not None
    expected = [
        ("load JSON (parse + check)", "json.loads", "<=3x"),
        *([("load JSON (parse + check)", "orjson.loads", "<=3x")] if orjson else []),
        ("save JSON", "json.dumps", "-"),
        *([("save JSON", "orjson.dumps", "-")] if orjson else []),
        *([("load YAML (parse + check)", "yaml_rs.loads", "<=3x")] if yaml_rs else []),
        ("load YAML (parse + check)", f"yaml {'C' if libyaml else ''}SafeLoader", "<=3x"),
        ("save YAML", f"yaml {'C' if libyaml else ''}SafeDumper", "-"),
    ]
    columns = [re.split(r"\s{2,}", row.strip()) for row in rows]
    assert [(c[0], c[1], c[5]) for c in columns] == expected
    verdicts = [line for line in lines if re.match(r"  load (JSON|YAML) .*: (target|peak)", line)]
    assert [line.split(":")[0].strip() for line in verdicts] == [
        "load JSON (parse + check)",
        "load JSON (parse + check)",
        "load YAML (parse + check)",
        "load YAML (parse + check)",
    ]
    assert all(line.endswith((", met", ", missed")) for line in verdicts)
    assert "against yaml_rs.loads, the fastest" in verdicts[2] or not yaml_rs


def test_bench_export_prints_every_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import bench_export

    bench_export.main(["--rows", "40", "--docx-rows", "20", "40", "--repeat", "1"])
    lines = capsys.readouterr().out.splitlines()
    # file, rows, ours ms/row, baseline, its ms/row, ratio, target..., ours MiB, its MiB
    rows = [line.split() for line in lines if re.match(r"\.(docx|xlsx) .* \d+\.\d\dx ", line)]
    expected = [
        (".docx", "20", "lxml-direct"),
        (".docx", "40", "lxml-direct"),
        (".xlsx", "40", "openpyxl-write-only"),
    ]
    if importlib.util.find_spec("xlsxwriter") is not None:
        expected.append((".xlsx", "40", "XlsxWriter-constant_memory"))
    assert [(row[0], row[1], row[3]) for row in rows] == expected
    for row in rows:
        assert float(row[2]) > 0
        assert float(row[4]) > 0
        assert float(row[5].removesuffix("x")) > 0
        assert float(row[-1]) >= 0
        assert float(row[-2]) >= 0
    assert all(row[-3] in {"met", "MISSED"} for row in rows[:3])  # not timing: the words
    assert all(row[-3] == "fastest" for row in rows[3:])
    assert any(line.strip().startswith("ms/row at 40 rows / at 20") for line in lines)
