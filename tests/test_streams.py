"""``-`` for standard input and output, and ``--json`` for machines: validate,
summary, render and schema; errors always on standard error."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from omstilling.cli import cli
from omstilling.errors import ProgrammeFileError
from omstilling.files import _streams, dumps, json_schema, load, load_source, read_source
from omstilling.model import Programme
from omstilling.testing.strategies import programmes

from .conftest import EXAMPLES, ROOT, THREE_ERROR_LINES, THREE_ERRORS

ALNA = EXAMPLES / "alna-2006.yaml"


def _invoke(*args: str, stdin: str | bytes | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin)


# -- standard input ----------------------------------------------------------------------


def test_cat_example_into_validate_dash_exits_0() -> None:
    # the acceptance test, through a real pipe: cat examples/alna-2006.yaml | omstilling validate -
    result = subprocess.run(
        [sys.executable, "-m", "omstilling", "validate", "-"],
        input=ALNA.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == ["<stdin>: valid"]
    assert result.stderr == b""


def test_json_on_standard_input_is_told_by_its_first_character() -> None:
    text = dumps(load(ALNA), "json")
    assert text.startswith("{")
    result = _invoke("validate", "-", stdin="\n  " + text)
    assert result.exit_code == 0, result.output
    assert result.stdout == "<stdin>: valid\n"


def test_format_json_reads_standard_input_as_json() -> None:
    # flow-style YAML starts with "{" too: --format says what it is
    result = _invoke("validate", "--format", "yaml", "-", stdin="{schema_version: 2}\n")
    assert "not valid JSON" not in result.stderr
    result = _invoke("validate", "--format", "json", "-", stdin="schema_version: 2\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>: not valid JSON")


def test_problems_on_standard_input_name_stdin_on_standard_error() -> None:
    result = _invoke("validate", "-", stdin=THREE_ERRORS)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(THREE_ERROR_LINES)
    for line in THREE_ERROR_LINES:
        path = line.split(": ", 1)[0]
        assert any(got.startswith(f"<stdin>: {path}: ") for got in lines), (path, lines)


def test_standard_input_is_bounded_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_streams, "MAX_FILE_BYTES", 100)
    with pytest.raises(ProgrammeFileError) as caught:
        read_source("-", stdin=io.BytesIO(b"a: b\n" * 100))
    (problem,) = caught.value.problems
    assert (problem.source, problem.code) == ("<stdin>", "unsafe")
    assert "larger than 100 bytes" in problem.message
    with pytest.raises(ProgrammeFileError, match="not UTF-8 text"):
        read_source("-", stdin=io.BytesIO(b"name: \xff\n"))


@given(programmes(), st.sampled_from(["yaml", "json"]), st.booleans())
def test_standard_input_reads_what_a_file_holds(programme: Programme, fmt: Any, told: bool) -> None:
    data = dumps(programme, fmt).encode("utf-8")
    read = load_source("-", fmt=fmt if told else None, stdin=io.BytesIO(data))
    assert read == programme


def test_a_backup_is_read_in_the_format_of_its_name(tmp_path: Path) -> None:
    backup = tmp_path / "plan.json.~3~"
    backup.write_text(dumps(load(ALNA), "json"), encoding="utf-8")
    assert load_source(backup) == load(ALNA)
    result = _invoke("validate", str(backup))
    assert result.exit_code == 0, result.output
    odd = tmp_path / "plan.txt.~1~"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match=r"unknown file type '\.txt'"):
        load_source(odd)


def test_a_missing_backup_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeFileError, match="no such file"):
        load_source(tmp_path / "missing.yaml.~1~")


# -- --json ------------------------------------------------------------------------------


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = _invoke("validate", "--json", str(ALNA), str(bad))
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert list(payload) == ["valid", "files"]
    assert payload["valid"] is False
    good, broken = payload["files"]
    assert good == {"file": str(ALNA), "valid": True, "problems": [], "warnings": []}
    assert broken["valid"] is False
    (problem,) = broken["problems"]
    assert list(problem) == ["file", "path", "message", "code", "line", "column"]
    assert problem["file"] == str(bad)
    assert problem["code"] == "syntax"
    assert isinstance(problem["line"], int)
    assert isinstance(problem["column"], int)
    # errors on standard error too, as lines
    assert result.stderr.startswith(f"{bad}: not valid YAML")


def test_validate_json_lists_warnings() -> None:
    example = EXAMPLES / "hammerfest-sjumilssteget.yaml"
    result = _invoke("validate", "--json", "--strict", str(example))
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["valid"] is False
    assert [w["path"] for w in entry["warnings"]] == ["milestones[11].estimated_finish"]
    assert "warning" in result.stderr


def test_summary_json() -> None:
    result = _invoke("summary", "--json", "-", stdin=ALNA.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["file"] == "<stdin>"
    assert entry["problems"] == []
    summary = entry["summary"]
    assert summary["id"] == "alna-omstilling-2004-2007"
    assert summary["milestones"] == 4
    assert summary["status_periods"] == ["2006"]


def test_summary_json_of_a_bad_file(tmp_path: Path) -> None:
    result = _invoke("summary", "--json", str(tmp_path / "none.yaml"))
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["summary"] is None
    assert entry["problems"][0]["message"] == "no such file"
    assert "no such file" in result.stderr


def test_summary_text_is_unchanged() -> None:
    result = _invoke("summary", str(ALNA), str(ALNA))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{ALNA}: Omstillingen i Bydel Alna 2004–2007 (alna-omstilling-2004-2007)"
    assert lines.count("") == 1
    assert "  milestones:    4 (1 done)" in lines


# -- standard output -----------------------------------------------------------------------


def test_render_to_standard_output_from_standard_input() -> None:
    result = _invoke(
        "render", "-", "--template", "milestone-plan", "-o", "-", stdin=ALNA.read_bytes()
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Milepælsplan\n\n**Omstillingen i Bydel Alna 2004–2007**")
    assert "written" not in result.output


def test_render_binary_to_a_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "omstilling",
            "render",
            str(ALNA),
            "--template",
            "milestone-plan",
            "-o",
            "-",
            "--to",
            "xlsx",
        ],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK")


class _Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


def test_binary_is_never_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("omstilling.cli._reports._binary_stdout", lambda: terminal)
    args = ["render", str(ALNA), "--template", "milestone-plan", "-o", "-", "--to", ".docx"]
    result = _invoke(*args)
    assert result.exit_code == 2
    assert "not written to a terminal" in result.stderr
    assert terminal.getvalue() == b""
    result = _invoke(*args[:-1], ".md")
    assert result.exit_code == 0, result.output
    assert terminal.getvalue().startswith(b"# ")


def test_to_is_only_for_standard_output(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = _invoke(
        "render", str(ALNA), "--template", "milestone-plan", "-o", str(out), "--to", "md"
    )
    assert result.exit_code == 2
    assert not out.exists()


def test_schema_to_standard_output() -> None:
    result = _invoke("schema", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert not Path("-").exists()


@pytest.mark.parametrize("command", ["validate", "summary"])
def test_standard_input_given_twice_is_a_usage_error(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "-", "-"], input="id: x\n")
    assert result.exit_code == 2
    assert "standard input (-) can be read only once" in result.output
