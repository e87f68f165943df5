"""The command line, end to end: the real ``omstilling`` entry point in a subprocess
for the example programmes, click's runner for the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from omstilling import __version__
from omstilling.cli import cli
from omstilling.files import json_schema

from .conftest import EXAMPLES, ROOT, THREE_ERROR_LINES, THREE_ERRORS


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "omstilling", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_validate_all_examples_end_to_end() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in EXAMPLES.glob("*.yaml"))
    result = _run("validate", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{f}: valid" for f in files]
    # the one warning of the examples: seed 002's last milestone
    assert result.stderr.splitlines() == [
        "examples/hammerfest-sjumilssteget.yaml: warning: milestones[11].estimated_finish: "
        "estimated to finish (2014-04-30) before it starts (2014-05-31)"
    ]
    assert "Traceback" not in result.stderr


def test_strict_validation_fails_on_warnings() -> None:
    result = _run("validate", "--strict", "examples/hammerfest-sjumilssteget.yaml")
    assert result.returncode == 1
    assert "valid" not in result.stdout


def test_summary_end_to_end() -> None:
    result = _run("summary", "examples/kongsvinger-omstilling-2012.yaml")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    name = "examples/kongsvinger-omstilling-2012.yaml"
    assert lines[0] == f"{name}: Omstilling 2012 (kongsvinger-omstilling-2012)"
    assert "  subprojects:   22" in lines
    assert "  decisions:     4 (42 items)" in lines


def test_three_errors_three_lines_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(THREE_ERRORS, encoding="utf-8")
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"{path}: {line}" for line in THREE_ERROR_LINES]
    assert path.read_text(encoding="utf-8") == THREE_ERRORS


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.yaml", None, "no such file"),
        ("broken.yaml", "a: [\n  b: c\n", "not valid YAML"),
        ("list.yaml", "- 1\n- 2\n", "expected a mapping of programme fields, got a list"),
        ("notes.txt", "hello", "unknown file type '.txt'"),
        ("folder.yaml", "<dir>", "is a directory"),
    ],
)
def test_bad_files_give_one_line_and_no_traceback(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content == "<dir>":
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = _run("validate", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: ")
    assert message in lines[0]


def test_good_and_bad_files_together(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(EXAMPLES / "alna-2006.yaml"), str(bad)])
    assert result.exit_code == 1
    assert "alna-2006.yaml: valid" in result.stdout
    assert f"{bad}: id: required, but missing" in result.stderr


def test_usage_errors_exit_2() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["validate"]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"omstilling, version {__version__}"


def test_schema_to_stdout_and_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    out = tmp_path / "programme.schema.json"
    result = runner.invoke(cli, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json_schema()


def test_schema_to_unwritable_place_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.json"
    result = _run("schema", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{target}: No such file or directory"]


def test_render_prints_export_warnings_once_each(tmp_path: Path) -> None:
    out = tmp_path / "vedtak.xlsx"
    result = _run(
        "render", "examples/kongsvinger-omstilling-2012.yaml", "--template", "decision-register",
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert (
        f"{out}: warning: the sheet name 'Sak 769/12: Vedtak stab/støtte/ledelse/organisering' "
        "is longer than 31 characters: the sheet is called 'Sak 769-12 – Vedtak stab-støtte'"
    ) in warnings
    assert len(warnings) == len(set(warnings))
    assert all(line.startswith(f"{out}: warning: ") for line in warnings)
