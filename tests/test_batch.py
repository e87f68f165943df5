"""``omstilling batch`` and :mod:`omstilling.batch`: one report per participant, in
parallel, with every failure collected and reported at the end."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result

from omstilling.cli import cli
from omstilling.cycle import BatchItem, output_name, render_batch
from omstilling.errors import ArgumentError
from omstilling.model import Programme

from .conftest import EXAMPLES, THREE_ERROR_LINES, THREE_ERRORS

STIFINNEREN = EXAMPLES / "stifinneren-2004.yaml"


def _batch(*args: str) -> Result:
    # catch_exceptions=False: an exception the command does not handle fails the test
    return CliRunner().invoke(
        cli,
        ["batch", str(STIFINNEREN), "--template", "status", "--period", "2004-H1", *args],
        catch_exceptions=False,
    )


def _docx_text(path: Path) -> tuple[str, str]:
    import docx

    document = docx.Document(str(path))
    return document.core_properties.title, "\n".join(p.text for p in document.paragraphs)


def _xlsx_cells(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    try:
        return [
            [sheet.title, *row]
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _names(programme: Programme) -> dict[str, str]:
    names = {o.id: o.name for o in programme.organisations}
    return {p.organisation: names[p.organisation] for p in programme.participants}


def test_one_file_per_participant_and_suffix_each_naming_its_participant(
    tmp_path: Path, examples: dict[str, Programme]
) -> None:
    programme = examples["stifinneren-2004"]
    names = _names(programme)
    assert len(names) == 8
    out = tmp_path / "new" / "dir"
    result = _batch("-o", str(out), "--suffix", ".docx", "--suffix", ".xlsx", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{out}: 16 files written"]
    expected = {
        f"stifinneren-2004-H1-{participant}-status{suffix}"
        for participant in names
        for suffix in (".docx", ".xlsx")
    }
    assert {path.name for path in out.iterdir()} == expected
    for participant, name in names.items():
        stem = out / f"stifinneren-2004-H1-{participant}-status"
        title, text = _docx_text(stem.with_suffix(".docx"))
        assert title == f"Statusrapport – {programme.name}: {name}"
        assert name in text
        cells = _xlsx_cells(stem.with_suffix(".xlsx"))
        # the title block names the participant (no ids)
        assert ["Oversikt", f"{programme.name}: {name} – 1. halvår 2004"] in cells
        assert any(name in row for row in cells)


def test_one_and_two_workers_write_the_same_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    args = ["--suffix", ".xlsx", "--suffix", "md"]
    assert _batch("-o", str(one), "--jobs", "1", *args).exit_code == 0
    assert _batch("-o", str(two), "--jobs", "2", *args).exit_code == 0
    files = sorted(path.name for path in one.iterdir())
    assert len(files) == 16
    assert files == sorted(path.name for path in two.iterdir())
    for name in files:
        if name.endswith(".md"):
            assert (one / name).read_text("utf-8") == (two / name).read_text("utf-8")
        else:
            assert _xlsx_cells(one / name) == _xlsx_cells(two / name)


def test_a_failing_participant_does_not_stop_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _batch(
        "-o", str(out), "--suffix", ".docx", "--suffix", ".xlsx", "--jobs", "2",
        "--participant", "molde", "--participant", "nope", "--participant", "vadso",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "stifinneren-2004-H1-molde-status.docx",
        "stifinneren-2004-H1-molde-status.xlsx",
        "stifinneren-2004-H1-vadso-status.docx",
        "stifinneren-2004-H1-vadso-status.xlsx",
    ]
    message = "'stifinneren' has no participant 'nope' (it has: vadso, molde, tingvoll,"
    failures = [line for line in result.stderr.splitlines() if message in line]
    assert [line.split(": ", 1)[0] for line in failures] == [
        str(out / "stifinneren-2004-H1-nope-status.docx"),
        str(out / "stifinneren-2004-H1-nope-status.xlsx"),
    ]
    assert result.stdout.splitlines() == [f"{out}: 4 files written, 2 failed"]


def test_a_bad_programme_file_gives_the_lines_render_gives(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(THREE_ERRORS, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    batch = runner.invoke(
        cli,
        ["batch", str(bad), "--template", "status", "--period", "2004-H1", "-o", str(out)],
        catch_exceptions=False,
    )
    render = runner.invoke(
        cli,
        ["render", str(bad), "--template", "status", "--period", "2004-H1", "-o", "x.docx"],
        catch_exceptions=False,
    )
    assert batch.exit_code == render.exit_code == 1
    assert batch.stderr.splitlines() == [f"{bad}: {line}" for line in THREE_ERROR_LINES]
    assert batch.stderr == render.stderr
    assert batch.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["--period", "2004-H7"], "not a period (2005, 2004-H1, 2012-T2, 2024-Q3): '2004-H7'", 2),
        (["--template", "no-such"], "no report format 'no-such' (installed: ", 2),
        (["--suffix", ".odt"], "no exporter for '.odt' files (installed: ", 1),
    ],
)
def test_what_would_fail_every_file_is_one_line_and_no_work(
    tmp_path: Path, args: list[str], message: str, status: int
) -> None:
    out = tmp_path / "out"
    command = ["batch", str(STIFINNEREN), "-o", str(out), "--template", "status"]
    command += ["--period", "2004-H1"]
    result = CliRunner().invoke(cli, [*command, *args], catch_exceptions=False)
    assert result.exit_code == status  # a bad argument is a usage error
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{STIFINNEREN}: {message}")
    assert not out.exists()


def test_a_base_document_for_the_files_of_its_type(tmp_path: Path) -> None:
    import docx

    base = tmp_path / "brevhode.docx"
    document = docx.Document()
    document.add_paragraph("Brevhode for kommunen")
    document.save(str(base))
    out = tmp_path / "out"
    result = _batch(
        "-o", str(out), "--suffix", ".docx", "--suffix", ".xlsx", "--base", str(base),
        "--participant", "molde", "--jobs", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    _, text = _docx_text(out / "stifinneren-2004-H1-molde-status.docx")
    assert text.startswith("Brevhode for kommunen\n")
    molde = "Stifinneren – modernisering for velferd: Molde kommune – 1. halvår 2004"
    assert ["Oversikt", molde] in _xlsx_cells(out / "stifinneren-2004-H1-molde-status.xlsx")

    # a base for a type of file not asked for is a mistake, not silently unused
    result = _batch("-o", str(out), "--suffix", ".xlsx", "--base", str(base))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{STIFINNEREN}: a base document for .docx files, but no .docx file is asked for"
    ]


def test_progress_is_reported_in_this_process_for_every_file(
    tmp_path: Path, examples: dict[str, Programme]
) -> None:
    programme = examples["stifinneren-2004"]
    # a character Word and Excel cannot hold: an export warning, collected per file
    entries = tuple(
        attrs.evolve(e, narrative="Godt i gang\x01") if e.participant == "molde" else e
        for e in programme.status_entries
    )
    programme = attrs.evolve(programme, status_entries=entries)
    seen: list[BatchItem] = []
    result = render_batch(
        programme,
        "status",
        tmp_path,
        period="2004-H1",
        suffixes=(".md", ".docx"),
        participants=["vadso", "molde", "vadso", "nope"],
        jobs=2,
        progress=seen.append,
    )
    assert result.workers == 2
    assert [(item.participant, item.suffix) for item in result.items] == [
        ("vadso", ".md"),
        ("vadso", ".docx"),
        ("molde", ".md"),
        ("molde", ".docx"),
        ("nope", ".md"),
        ("nope", ".docx"),
    ]
    assert sorted(seen, key=result.items.index) == list(result.items)
    assert result.written == tuple(
        tmp_path / output_name(programme, "2004-H1", participant, "status", suffix)
        for participant in ("vadso", "molde")
        for suffix in (".md", ".docx")
    )
    assert all(path.exists() for path in result.written)
    assert not result.ok
    assert [item.path.name for item in result.failures] == [
        "stifinneren-2004-H1-nope-status.md",
        "stifinneren-2004-H1-nope-status.docx",
    ]
    assert all(item.error and "no participant 'nope'" in item.error for item in result.failures)
    warned = {item.path.name: item.warnings for item in result.items if item.warnings}
    assert list(warned) == ["stifinneren-2004-H1-molde-status.docx"]
    assert "cannot hold" in warned["stifinneren-2004-H1-molde-status.docx"][0]


def test_one_job_runs_here_and_bad_arguments_are_refused(
    tmp_path: Path, examples: dict[str, Programme]
) -> None:
    programme = examples["stifinneren-2004"]
    result = render_batch(
        programme, "status", tmp_path, period="2004-H1", participants=["alna"], jobs=1
    )
    assert result.workers == 1
    assert result.ok
    assert result.written == (tmp_path / "stifinneren-2004-H1-alna-status.docx",)
    with pytest.raises(ArgumentError, match="jobs must be at least 1, not 0"):
        render_batch(programme, "status", tmp_path, period="2004-H1", jobs=0)
    with pytest.raises(ArgumentError, match="not a language"):
        render_batch(programme, "status", tmp_path, period="2004-H1", language="sv")
