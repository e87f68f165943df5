"""The reader's cage: every incoming workbook is parsed in a child process with hard
limits, so that whatever the parser does (a Rust abort included) ends as one message
naming the file, and the programme file is left alone."""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from omstilling import fillin
from omstilling.cycle import import_files
from omstilling.errors import ImportFailed
from omstilling.files import load
from omstilling.fillin import Limits, binding_key
from omstilling.fillin import _cage as cage_module
from omstilling.fillin._cage import Cage, CageError

from . import _hostile as hostile

POSIX = os.name == "posix"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("office")
    plan = hostile.office(folder)
    return plan, hostile.filled(plan)


@pytest.fixture
def plan(base: tuple[Path, bytes], tmp_path: Path) -> Path:
    source, _ = base
    for name in (source.name, f".{source.name}.key"):
        shutil.copy(source.with_name(name), tmp_path / name)
    return tmp_path / source.name


def _refused(plan: Path, workbook: Path, limits: Limits) -> list[str]:
    """Import ``workbook`` into ``plan`` with ``limits``: refused, nothing written."""
    original = plan.read_bytes()
    with pytest.raises(ImportFailed) as refused:
        import_files(plan, [workbook], limits=limits)
    assert plan.read_bytes() == original
    assert not list(plan.parent.glob(f"{plan.name}.~*~"))
    lines = refused.value.lines()
    assert all(line.startswith(f"{workbook}: ") for line in lines), lines
    return lines


@pytest.mark.skipif(not POSIX, reason="the address space is limited on POSIX only")
def test_a_reader_that_aborts_is_one_message_and_changes_nothing(
    base: tuple[Path, bytes], plan: Path
) -> None:
    # With the pre-read check of the table's size out of the way, calamine makes room
    # for 4,000,000,000 shared texts (96 GB), fails to get it, and Rust aborts.
    _, data = base
    workbook = plan.parent / "count.xlsx"
    workbook.write_bytes(hostile.declared_shared_count(data))
    lines = _refused(plan, workbook, Limits(max_text_bytes=2**62))
    assert len(lines) == 1, lines
    assert lines[0].startswith(
        f"{workbook}: could not be read safely: the reader stopped (signal 6, SIGABRT)"
    ), lines


@pytest.mark.skipif(not POSIX, reason="signals are POSIX")
def test_a_reader_that_dies_is_one_message_and_the_next_workbook_gets_a_new_one(
    base: tuple[Path, bytes], tmp_path: Path
) -> None:
    plan, data = base
    programme = load(plan)
    workbook = tmp_path / "molde.xlsx"
    workbook.write_bytes(data)
    with Cage(Limits()) as cage:
        opened = cage.open(workbook)
        first = cage._process
        assert first is not None
        os.kill(first.pid, signal.SIGKILL)
        with pytest.raises(CageError, match=r"the reader stopped \(signal 9, SIGKILL\)"):
            opened.read("Status", 300, 4, strict=False)
        again = cage.open(workbook)
        assert cage._process is not first
        assert again.read("Status", 300, 4, strict=False).rows
    filling = fillin.read_workbook(workbook, programme, key=binding_key(plan))
    assert filling.participant == "molde"


@pytest.mark.skipif(not POSIX, reason="processor time is limited on POSIX only")
def test_a_reader_that_runs_too_long_is_stopped_by_its_processor_time() -> None:
    spin = (
        "from omstilling.fillin._cage import _allow_seconds\n"
        "_allow_seconds(1)\n"
        "while True:\n"
        "    pass\n"
    )
    result = subprocess.run([sys.executable, "-c", spin], timeout=60, check=False)
    assert result.returncode == -signal.SIGXCPU


@pytest.mark.skipif(not POSIX, reason="signals are POSIX")
def test_the_message_says_when_the_processor_time_ran_out(
    base: tuple[Path, bytes], tmp_path: Path
) -> None:
    _, data = base
    workbook = tmp_path / "molde.xlsx"
    workbook.write_bytes(data)
    with Cage(Limits(max_reader_seconds=7)) as cage:
        opened = cage.open(workbook)
        assert cage._process is not None
        os.kill(cage._process.pid, signal.SIGXCPU)
        with pytest.raises(CageError) as stopped:
            opened.read("Status", 300, 4, strict=False)
    assert str(stopped.value) == (
        "could not be read safely: the reader stopped (signal 24, SIGXCPU): it used more "
        "than 7 s of processor time"
    )


def test_a_reader_that_takes_too_long_on_the_clock_is_stopped(
    base: tuple[Path, bytes], plan: Path
) -> None:
    _, data = base
    workbook = plan.parent / "molde.xlsx"
    workbook.write_bytes(data)
    lines = _refused(plan, workbook, Limits(max_reader_seconds=0))
    assert lines == [
        f"{workbook}: could not be read safely: the reader took longer than 0 s and was stopped"
    ]


def test_what_a_reader_sends_back_is_limited(base: tuple[Path, bytes], plan: Path) -> None:
    _, data = base
    workbook = plan.parent / "molde.xlsx"
    workbook.write_bytes(data)
    lines = _refused(plan, workbook, Limits(max_reply_bytes=2000))
    assert lines == [
        f"{workbook}: could not be read safely: the reader sent back more than 2,000 bytes"
    ]


class _Call:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.getcwd, ())


@pytest.mark.parametrize(
    "reply",
    [
        pickle.dumps(_Call()),
        pickle.dumps(("opened", [Path("Status")])),
        pickle.dumps(("sheet", {}, [[dt.date(2004, 9, 15)]], None)),
    ],
    ids=["a call", "a class", "a date as such"],
)
def test_a_reply_is_plain_data_or_refused(reply: bytes) -> None:
    with pytest.raises(pickle.UnpicklingError):
        cage_module._PlainUnpickler(io.BytesIO(reply)).load()


@pytest.mark.parametrize(
    "rows",
    ["rows", [["a"], "b"], [["a", (9, 1)]], [["a", (0, "2024-01-01")]], [[b"bytes"]]],
)
def test_rows_hold_only_what_the_reader_sends(rows: object) -> None:
    with pytest.raises(ValueError, match=r"^(rows|row|value)$"):
        cage_module._unpack(rows)


def test_dates_times_and_durations_come_back_as_they_were() -> None:
    rows: list[list[Any]] = [
        ["a", 1.5, True, "", dt.date(2004, 9, 15)],
        [dt.datetime(2004, 9, 15, 8, 30), dt.time(8, 30), dt.timedelta(days=1, seconds=5)],
    ]
    expected = [list(row) for row in rows]
    sent = pickle.dumps(cage_module._pack(rows))
    back = cage_module._unpack(cage_module._PlainUnpickler(io.BytesIO(sent)).load())
    assert back == expected


def test_one_reader_process_serves_every_workbook_of_an_import(
    base: tuple[Path, bytes], plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbooks = []
    for participant in ("molde", "bomlo", "vadso"):
        workbook = plan.parent / f"{participant}.xlsx"
        workbook.write_bytes(hostile.filled(plan, participant))
        workbooks.append(workbook)
    started: list[object] = []
    popen = subprocess.Popen

    def counting(*args: Any, **kwargs: Any) -> Any:
        started.append(args)
        return popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting)
    result = import_files(plan, workbooks)
    assert [f.participant for f in result.fillings] == ["molde", "bomlo", "vadso"]
    assert len(started) == 1


def test_the_cage_reads_what_the_process_itself_reads(base: tuple[Path, bytes]) -> None:
    plan, data = base
    programme = load(plan)
    key = binding_key(plan)
    caged = fillin.read_workbook(data, programme, key=key)
    uncaged = fillin.read_workbook(data, programme, key=key, cage=False)
    assert caged == uncaged
    assert attrs.asdict(caged.status) == attrs.asdict(uncaged.status)
