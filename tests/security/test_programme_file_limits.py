"""Programme files from elsewhere cannot make reading them unbounded: a small YAML
file cannot stand for a large one through its aliases, only regular files of at most
MAX_FILE_BYTES are read, and a file with millions of problems lists the first 100 and
counts the rest, in bounded memory.

The command line runs in a child whose address space is limited to 1 GiB (or less);
each hostile file must end in exit status 1 and a clear message, never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from omstilling.errors import ProgrammeFileError
from omstilling.files import load, loads, validate

from ..conftest import ROOT
from ._hostile import GIB, run_capped

HEAD = "schema_version: 2\nid: x\nname: X\nowner: o\norganisations: [{id: o, name: O}]\n"
"""A valid programme, to put a hostile part under."""

MAX_PROBLEMS = 100
"""How many problems are listed (omstilling.errors.MAX_PROBLEMS)."""

MAX_FILE_BYTES = 256 * 2**20
"""The largest file read (omstilling.files.MAX_FILE_BYTES)."""

JSON_HEAD = {
    "schema_version": 2,
    "id": "x",
    "name": "X",
    "owner": "o",
    "organisations": [{"id": "o", "name": "O"}],
}


def _lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The messages of a capped run: its standard error but the last line (the peak)."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines, result
    assert lines[-1].startswith("peak "), lines[-5:]
    return lines[:-1]


# --- alias bombs ----------------------------------------------------------------------


def _values_bomb() -> str:
    """40 KB: 1,000 measures, each aliasing one list of 1,000 values of the wrong type
    (a million problems, under the limit of 20 million values)."""
    values = ",".join(["[]"] * 1000)
    measures = [f"- {{id: m0, title: t, decisions: &a [{values}]}}\n"]
    measures += [f"- {{id: m{i}, title: t, decisions: *a}}\n" for i in range(1, 1000)]
    return HEAD + "measures:\n" + "".join(measures)


def _titles_bomb() -> str:
    """609 KB: one title of 100 KB, aliased by 20,000 milestones (2 GB of text)."""
    title = "x" * 100_000
    milestones = [f"- {{id: m0, title: &t {title}}}\n"]
    milestones += [f"- {{id: m{i}, title: *t}}\n" for i in range(1, 20_000)]
    return HEAD + "milestones:\n" + "".join(milestones)


def test_an_alias_bomb_of_a_million_problems_lists_100_of_them(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_values_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 45_000
    result = run_capped("validate", bomb, memory=GIB, timeout=300)
    assert result.returncode == 1
    lines = _lines(result)
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == (
        f"{bomb}: measures[0].decisions[0]: expected text (quote it in YAML), got a list: []"
    )
    assert lines[-1] == f"{bomb}: … and {1_000_000 - MAX_PROBLEMS} more problems"

    problems = validate(bomb)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].code == "more"
    assert problems[-1].message == f"… and {1_000_000 - MAX_PROBLEMS} more problems"


def test_an_alias_bomb_of_text_is_refused_before_it_is_built(tmp_path: Path) -> None:
    bomb = tmp_path / "titles.yaml"
    bomb.write_text(_titles_bomb(), encoding="utf-8")
    assert 600_000 < bomb.stat().st_size < 620_000
    (problem,) = validate(bomb)
    assert problem.code == "unsafe"
    assert "characters once its aliases are expanded" in problem.message

    out = tmp_path / "plan.md"
    result = run_capped(
        "render", bomb, "--template", "milestone-plan", "-o", out, memory=GIB, timeout=300
    )
    assert result.returncode == 1
    (line,) = _lines(result)
    assert line.startswith(f"{bomb}: stands for more than ")
    assert "characters once its aliases are expanded" in line
    assert not out.exists()


def test_aliases_within_the_limit_still_load() -> None:
    # a long text used a few times, as a file may well do
    text = "x" * 10_000
    milestones = [f"- {{id: m0, title: &t {text}}}\n"]
    milestones += [f"- {{id: m{i}, title: *t}}\n" for i in range(1, 100)]
    programme = loads(HEAD + "milestones:\n" + "".join(milestones))
    assert len(programme.milestones) == 100
    assert programme.milestones[-1].title == text


# --- what is read ---------------------------------------------------------------------


def _lessons(path: Path, items: int) -> None:
    """A JSON programme whose lessons are ``items`` texts of 48 letters: each of the
    wrong type (a lesson is a mapping)."""
    with path.open("w", encoding="utf-8") as file:
        file.write(json.dumps(JSON_HEAD)[:-1] + ', "lessons": [')
        item = '"' + "l" * 48 + '"'
        chunk = ",".join([item] * 10_000)
        for index in range(items // 10_000):
            file.write(("," if index else "") + chunk)
        file.write("]}")


def test_a_100_mb_file_of_wrong_items_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "lessons.json"
    _lessons(big, 1_900_000)
    assert big.stat().st_size > 95_000_000
    result = run_capped("validate", big, memory=GIB, timeout=600)
    assert result.returncode == 1
    lines = _lines(result)
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0].startswith(f"{big}: lessons[0]: expected a mapping of Lesson fields")
    assert lines[-1] == f"{big}: … and {1_900_000 - MAX_PROBLEMS} more problems"


def test_a_document_the_memory_cannot_hold_is_one_line(tmp_path: Path) -> None:
    # 30 MB of empty lists, well within the limits, takes some 600 MB to hold
    lists = tmp_path / "lists.json"
    with lists.open("w", encoding="utf-8") as file:
        file.write(json.dumps(JSON_HEAD)[:-1] + ', "lessons": [')
        file.write(",".join(["[]"] * 10_000_000))
        file.write("]}")
    result = run_capped("validate", lists, memory=GIB // 2, timeout=300)
    assert result.returncode == 1
    assert _lines(result) == [f"{lists}: holds more than the memory available can"]


def test_a_link_to_a_device_is_not_read(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = run_capped("validate", zero, memory=GIB, timeout=120)
    assert result.returncode == 1
    assert _lines(result) == [f"{zero}: is a character device, not a regular file: not read"]
    with pytest.raises(ProgrammeFileError) as caught:
        load(zero)
    assert [p.code for p in caught.value.problems] == ["unsafe"]


def test_a_fifo_without_a_writer_is_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    # a reader that waits for a writer is killed at the timeout, and the test fails
    result = subprocess.run(
        [sys.executable, "-m", "omstilling", "validate", str(fifo)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{fifo}: is a FIFO (named pipe), not a regular file: not read"
    ]


def test_a_socket_is_not_read() -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        path = Path(folder) / "s.json"
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(str(path))
            (problem,) = validate(path)
        finally:
            server.close()
    assert (problem.code, problem.message) == (
        "unsafe",
        "is a socket, not a regular file: not read",
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:  # sparse: takes no room on disk
        file.truncate(MAX_FILE_BYTES + 1)
    result = run_capped("validate", huge, memory=GIB // 2, timeout=120)
    assert result.returncode == 1
    assert _lines(result) == [f"{huge}: larger than 268,435,456 bytes (256 MiB): 268,435,457 bytes"]
    assert int(result.stderr.splitlines()[-1].split()[1]) < 200_000  # kB: never read


def test_a_directory_is_still_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    (problem,) = validate(folder)
    assert (problem.code, problem.message) == ("file", "is a directory, not a file")


# --- the cap on problems --------------------------------------------------------------


def test_problems_past_the_cap_are_counted_in_one_more() -> None:
    text = HEAD + "milestones:\n" + "".join(f"- {{id: m{i}, title: ''}}\n" for i in range(250))
    with pytest.raises(ProgrammeFileError) as caught:
        loads(text, source="plan.yaml")
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert [p.path for p in problems[:2]] == ["milestones[0].title", "milestones[1].title"]
    assert str(problems[-1]) == "plan.yaml: … and 150 more problems"
    assert caught.value.lines()[-1] == "plan.yaml: … and 150 more problems"
    # the count survives being wrapped again, as errors are when they are passed on
    again = ProgrammeFileError("other.yaml", caught.value.problems)
    assert again.problems == caught.value.problems


def test_a_report_file_with_millions_of_problems_lists_100(tmp_path: Path) -> None:
    from omstilling.cycle import build_report
    from omstilling.files import dumps_report, load_report

    programme = load(ROOT / "examples" / "stifinneren-2004.yaml")
    report = build_report(programme, "milestone-plan")
    data = json.loads(dumps_report(report))
    section = next(s for s in data["sections"] if s.get("rows"))
    section["rows"] = [{"title": ["x"] * 1000}] * 1000  # a list where text belongs
    bad = tmp_path / "report.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProgrammeFileError) as caught:
        load_report(bad)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].path == f"sections[{data['sections'].index(section)}].rows[0].title"
    # in each row: the title, and every other required column missing (the title is
    # not also said to be missing)
    columns = report.schema.section(section["key"]).columns
    per_row = 1 + sum(1 for c in columns if c.required and c.key != "title")
    assert problems[-1].message == f"… and {1000 * per_row - MAX_PROBLEMS} more problems"


def test_the_limits_are_the_documented_ones() -> None:
    from omstilling.errors import MAX_PROBLEMS as max_problems
    from omstilling.files import EXPANSION_ALLOWANCE, EXPANSION_FACTOR
    from omstilling.files import MAX_FILE_BYTES as max_file_bytes

    assert (max_problems, max_file_bytes) == (MAX_PROBLEMS, MAX_FILE_BYTES)
    assert (EXPANSION_FACTOR, EXPANSION_ALLOWANCE) == (4, 16 * 2**20)
