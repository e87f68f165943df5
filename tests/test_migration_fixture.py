"""A programme file of the previous schema version (2), kept as a fixture: it loads
under the current version to the same programme, ``omstilling migrate`` rewrites
only its ``schema_version`` line, and a file of a version newer than this release's
is refused without being touched."""

from __future__ import annotations

import difflib
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from omstilling.cli import main
from omstilling.cycle import migrate_file
from omstilling.errors import ProgrammeFileError
from omstilling.files import SCHEMA_VERSION, from_data, load, loads, to_data

FIXTURE = Path(__file__).parent / "fixtures" / "flesberg-rollag-v2.yaml"
VERSION_LINE = "schema_version: 2\n"


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def version_two(tmp_path: Path) -> Path:
    path = tmp_path / "flesberg-rollag.yaml"
    shutil.copy(FIXTURE, path)
    return path


def _as_current(text: str) -> str:
    return text.replace(VERSION_LINE, f"schema_version: {SCHEMA_VERSION}\n", 1)


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_the_fixture_is_a_version_2_file_of_the_release_before() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert SCHEMA_VERSION == 3
    assert VERSION_LINE in text.splitlines(keepends=True)


def test_a_version_2_file_loads_as_the_same_programme_under_version_3() -> None:
    programme = load(FIXTURE)
    assert programme == loads(_as_current(FIXTURE.read_text(encoding="utf-8")), "yaml")
    # what the file says is read as it says it
    cooperation = programme.organisation("sosial-barnevern-flesberg-rollag")
    assert [(m.organisation, m.cost_share) for m in cooperation.members] == [
        ("flesberg", Decimal(60)),
        ("rollag", Decimal(40)),
    ]
    assert programme.decisions[0].items == programme.decisions[1].items  # one anchor
    assert len(programme.decisions[0].items) == 3
    # and nothing of what version 3 adds is made up
    assert (programme.risks, programme.deviations, programme.benefits, programme.economy) == (
        (),
        (),
        (),
        (),
    )
    assert all(not d.joint_bodies for d in programme.decisions)
    assert all(not (o.predecessors or o.successor) for o in programme.organisations)
    assert all(i.follow_up == () and i.due is None for d in programme.decisions for i in d.items)


def test_the_migrated_programme_is_written_as_the_current_version() -> None:
    programme = load(FIXTURE)
    data = to_data(programme)
    assert data["schema_version"] == SCHEMA_VERSION
    assert from_data(data) == programme


def test_migrate_rewrites_only_the_schema_version_line(version_two: Path) -> None:
    before = version_two.read_text(encoding="utf-8")
    result = migrate_file(version_two)
    assert (result.from_version, result.to_version, result.written) == (2, SCHEMA_VERSION, True)
    after = version_two.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-schema_version: 2",
        f"+schema_version: {SCHEMA_VERSION}",
    ]
    assert after == _as_current(before)
    assert result.backup is not None
    assert result.backup.read_text(encoding="utf-8") == before
    assert load(version_two) == load(FIXTURE)


def test_migrate_on_the_command_line_shows_and_makes_the_one_change(
    version_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = version_two.read_bytes()
    code, out, err = _run(capsys, "migrate", version_two, "--dry-run")
    assert code == 0, err
    assert [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"] == [
        "-schema_version: 2",
        f"+schema_version: {SCHEMA_VERSION}",
    ]
    assert version_two.read_bytes() == before

    code, out, err = _run(capsys, "migrate", version_two)
    assert code == 0, err
    assert f"upgraded from schema version 2 to {SCHEMA_VERSION}" in out
    code, out, _ = _run(capsys, "migrate", version_two)
    assert out == f"{version_two}: already at schema version {SCHEMA_VERSION}; not changed\n"


@pytest.fixture
def version_four(tmp_path: Path) -> Path:
    path = tmp_path / "newer.yaml"
    text = FIXTURE.read_text(encoding="utf-8").replace(VERSION_LINE, "schema_version: 4\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


NEWER = f"schema_version: version 4 is newer than this release reads ({SCHEMA_VERSION})"


def test_a_version_4_file_is_refused_as_newer(version_four: Path) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        load(version_four)
    assert [(p.path, p.code) for p in caught.value.problems] == [("schema_version", "version")]
    assert NEWER in str(caught.value)
    assert "upgrade omstilling" in str(caught.value)


@pytest.mark.parametrize("command", [["migrate"], ["migrate", "--dry-run"], ["validate"]])
def test_a_version_4_file_is_refused_on_the_command_line_and_left_as_it_is(
    version_four: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = version_four.read_bytes()
    code, _, err = _run(capsys, *command, version_four)
    assert code != 0
    assert NEWER in err
    assert "Traceback" not in err
    assert version_four.read_bytes() == before
    assert [p.name for p in version_four.parent.iterdir() if not p.name.startswith(".")] == [
        "newer.yaml"
    ]
