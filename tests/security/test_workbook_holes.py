"""Holes an attack found in the reading of fill-in workbooks, each closed and kept
closed: a hostile workbook given to ``omstilling import`` (in a child whose address
space is limited to 4 GiB) ends with exit status 1, one line per problem naming the
file (never a traceback or a Rust backtrace), the command line and its reader under
200 MB, and the programme file byte-identical, with no backup written."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from . import _hostile as hostile

PEAK_MB = 200
"""The most memory the command line (or its reader) may use to refuse a workbook."""

CRASH_SIGNS = ("Traceback", "panicked", "backtrace", "PanicException", "memory allocation")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The office's folder (programme file and key) and Molde's filled workbook."""
    folder = tmp_path_factory.mktemp("office")
    plan = hostile.office(folder)
    return plan, hostile.filled(plan)


@pytest.fixture
def plan(base: tuple[Path, bytes], tmp_path: Path) -> Path:
    """A fresh copy of the programme file, with its key beside it."""
    source, _ = base
    for name in (source.name, f".{source.name}.key"):
        shutil.copy(source.with_name(name), tmp_path / name)
    return tmp_path / source.name


def assert_refused(plan: Path, workbook: Path, *expected: str) -> list[str]:
    """Import ``workbook`` into ``plan`` and check that it is refused cleanly."""
    original = plan.read_bytes()
    result = hostile.run_capped("import", workbook, "--into", plan)
    text = result.stderr
    assert not any(sign in text for sign in CRASH_SIGNS), text[:3000]
    assert result.returncode == 1, (result.returncode, text[:3000])
    lines = text.splitlines()
    problems, closing, _peak = lines[:-2], lines[-2], lines[-1]
    assert problems, lines
    assert all(line.startswith(f"{workbook}: ") for line in problems), problems
    assert all(len(line) < 400 for line in problems), max(problems, key=len)[:600]
    assert closing == f"{plan}: not changed", lines
    for message in expected:
        assert any(message in line for line in problems), (message, problems)
    assert hostile.peak_mb(result) < PEAK_MB, f"peak memory {hostile.peak_mb(result)} MB"
    assert plan.read_bytes() == original
    assert not list(plan.parent.glob(f"{plan.name}.~*~")), "a backup was written"
    return problems


def _write(plan: Path, name: str, data: bytes) -> Path:
    path = plan.parent / name
    path.write_bytes(data)
    return path


# --- a: positions in lower case -----------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        # calamine would allocate the grid up to XFD1048576: 512 GiB, and abort
        ("xfd1048576", "Status!XFD1048576: is outside the form"),
        # was silently imported
        ("xfd8", "Status!XFD8: is outside the form"),
        ("xFd1048576", "Status!XFD1048576: is outside the form"),
    ],
)
def test_a_position_in_lower_case_is_refused(
    base: tuple[Path, bytes], plan: Path, position: str, expected: str
) -> None:
    _, data = base
    workbook = _write(plan, "lower.xlsx", hostile.lower_case_cell(data, position))
    assert_refused(plan, workbook, expected)


# --- b: two sheets of one name ------------------------------------------------------------


@pytest.mark.parametrize("twin", ["Status", "STATUS", "status"])
def test_a_second_sheet_of_the_same_name_is_refused(
    base: tuple[Path, bytes], plan: Path, twin: str
) -> None:
    _, data = base
    workbook = _write(plan, "twin.xlsx", hostile.hidden_twin(data, twin))
    names = "'Status'" if twin == "Status" else f"{twin!r} and 'Status'"
    assert_refused(plan, workbook, f"the workbook has two sheets named {names}")


# --- c: one shared string used by many cells -----------------------------------------------


LONGEST = "a cell holds at most 32,767 characters"
COUNTED = "at most 64 MB of text is read from a workbook"


@pytest.mark.parametrize(
    ("length", "cells", "expected"),
    [
        # the attack: a text of 1,044,480 characters (no cell may hold that many) …
        (1024 * 1024 - 4096, 150, f"hold a text of 1,044,480 characters; {LONGEST}"),
        (1024 * 1024 - 4096, 3000, f"hold a text of 1,044,480 characters; {LONGEST}"),
        # … and one a cell may hold, used 3,000 times: 96 MB of text
        (32_000, 3000, "Hendelser: the cells hold 92 MB of text or more"),
    ],
)
def test_a_shared_string_used_by_many_cells_is_counted_as_used(
    base: tuple[Path, bytes], plan: Path, length: int, cells: int, expected: str
) -> None:
    _, data = base
    flood = hostile.shared_string_flood(data, cells, length=length)
    workbook = _write(plan, "flood.xlsx", flood)
    assert workbook.stat().st_size < 40_000  # a small file (the form itself is most of it)
    problems = assert_refused(plan, workbook, expected)
    if length < 32_767:
        assert any(COUNTED in line for line in problems), problems


# --- d: one huge cell in a workbook within every other limit --------------------------------


@pytest.fixture(scope="module")
def huge_workbooks(
    base: tuple[Path, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[bool, Path]:
    """Molde's workbook with 250 MiB of text in the narrative: inline and shared."""
    _, data = base
    folder = tmp_path_factory.mktemp("huge")
    made = {}
    for shared in (False, True):
        made[shared] = folder / f"huge-{'shared' if shared else 'inline'}.xlsx"
        made[shared].write_bytes(hostile.huge_text_cell(data, 250, shared=shared))
    return made


@pytest.mark.parametrize(
    ("shared", "expected"),
    [
        (False, "Status!C15: holds more than 1 MB of text; a cell holds at most 32,767"),
        (True, "hold a text of more than 1 MB; a cell holds at most 32,767 characters"),
    ],
    ids=["inline", "shared"],
)
def test_a_huge_cell_is_refused(
    huge_workbooks: dict[bool, Path], plan: Path, shared: bool, expected: str
) -> None:
    workbook = huge_workbooks[shared]
    size = workbook.stat().st_size
    assert 5_000_000 < size < 20_000_000, size  # within the file size and packing limits
    local = plan.parent / workbook.name
    shutil.copy(workbook, local)
    assert_refused(plan, local, expected)


# --- e: where a sheet's relationship points -------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # relative to xl/, as the packaging conventions have it: xl/xl/worksheets/…
        ("xl/worksheets/sheet2.xml", "the sheet 'Status' points to 'xl/worksheets/sheet2.xml'"),
        ("worksheets\\sheet2.xml", "the sheet 'Status' points to 'worksheets\\\\sheet2.xml'"),
        ("xl\\worksheets\\sheet2.xml", "the sheet 'Status' points to 'xl\\\\worksheets"),
        ("/xl/worksheets/sheet99.xml", "the sheet 'Status' points to '/xl/worksheets/sheet99"),
        (None, "the sheet 'Status' points nowhere"),
    ],
)
def test_a_sheet_pointing_elsewhere_is_refused(
    base: tuple[Path, bytes], plan: Path, target: str | None, expected: str
) -> None:
    _, data = base
    workbook = _write(plan, "target.xlsx", hostile.retarget(data, "Status", target))
    assert_refused(plan, workbook, expected)


@pytest.mark.parametrize("target", ["worksheets/sheet2.xml", "/xl/worksheets/sheet2.xml"])
def test_a_sheet_pointing_right_in_either_way_is_read(
    base: tuple[Path, bytes], plan: Path, target: str
) -> None:
    _, data = base
    workbook = _write(plan, "target.xlsx", hostile.retarget(data, "Status", target))
    result = hostile.run_capped("import", workbook, "--into", plan)
    assert result.returncode == 0, result.stderr
    assert f"{plan}: updated" in result.stdout


# --- f: a table of shared texts that says it is huge --------------------------------------


def test_a_shared_text_table_that_says_it_is_huge_is_refused(
    base: tuple[Path, bytes], plan: Path
) -> None:
    # calamine makes room for uniqueCount texts before reading one: 96 GB, and aborts
    _, data = base
    workbook = _write(plan, "count.xlsx", hostile.declared_shared_count(data))
    assert_refused(plan, workbook, "say they are 4,000,000,000; a workbook may hold 2,796,202")


# --- g: a participant's workbook edited to report as another ------------------------------


def _as(data: bytes, participant: str) -> bytes:
    """``data`` with the participant its hidden metadata names changed, as anyone with
    openpyxl can (the binding token is left as it was)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    book["_omstilling"]["B5"] = participant
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_molde_reporting_as_vadso_is_refused(base: tuple[Path, bytes], plan: Path) -> None:
    _, data = base
    workbook = _write(plan, "vadso.xlsx", _as(data, "vadso"))
    assert_refused(plan, workbook, "_omstilling!B5: the workbook says it is for 'vadso', but")


# --- the messages never repeat a long value ------------------------------------------------


def test_a_message_quotes_at_most_a_little_of_a_value(base: tuple[Path, bytes], plan: Path) -> None:
    _, data = base
    # 60 cells of 30,000 characters each: within every limit, wrong in every cell
    flood = hostile.shared_string_flood(data, 60, length=30_000)
    workbook = _write(plan, "long.xlsx", flood)
    problems = assert_refused(plan, workbook, "Hendelser!A5: unknown choice 'AAAA")
    assert len(problems) >= 30
    assert all(line.count("A" * 61) == 0 for line in problems), problems[0]
