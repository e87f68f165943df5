"""Fill-in workbooks are bound to the programme office, participant and period they
were made for: a workbook whose hidden metadata was edited to report as someone else,
or whose binding token was swapped or removed, is refused, and the programme file is
left byte-identical."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from omstilling import fillin
from omstilling.cli import cli
from omstilling.files import load
from omstilling.fillin import BindingError, WorkbookError
from omstilling.model import Period, Rag
from omstilling.testing import fill_workbook

from ..conftest import EXAMPLES, ROOT
from ..test_cycle import SOFFICE, _fill, _filling, _resave_with_libreoffice, _run

H2 = Period.parse("2004-H2")
CHANGED = "its hidden metadata was changed or its token copied from another workbook"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A programme office's folder with the Stifinneren programme file in it."""
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", tmp_path / "plan.yaml")
    return tmp_path


def _cli(*args: object) -> Result:
    # catch_exceptions=False: an exception the command does not handle fails the test
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _template(
    office: Path, participant: str, *, plan: str = "plan.yaml", period: str = "2004-H2"
) -> Path:
    """``participant``'s workbook, made with ``omstilling workbooks``."""
    target = office / f"{Path(plan).stem}-{period}-{participant}.xlsx"
    made = _cli("workbooks", office / plan, "--period", period,
                "--participant", participant, "-o", target)  # fmt: skip
    assert made.exit_code == 0, made.stderr
    return target


def _filled(office: Path, participant: str, overall: Rag, *, plan: str = "plan.yaml") -> Path:
    path = _template(office, participant, plan=plan)
    _fill(path, _filling(load(office / plan), participant, overall=overall))
    return path


def _edit_meta(path: Path, change: Callable[[Any], None]) -> None:
    """Change the hidden metadata sheet, as anyone with openpyxl can."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    change(wb["_omstilling"])
    wb.save(path)


def _set(cell: str, value: object) -> Callable[[Any], None]:
    def change(ws: Any) -> None:
        ws[cell] = value

    return change


def _set_all(**cells: object) -> Callable[[Any], None]:
    def change(ws: Any) -> None:
        for cell, value in cells.items():
            ws[cell] = value

    return change


def _token(path: Path) -> str:
    from openpyxl import load_workbook

    value = load_workbook(path)["_omstilling"]["B8"].value
    assert isinstance(value, str)
    assert value.startswith("hmac-sha256:")
    return value


def _overall(plan: Path, participant: str) -> Rag | None:
    entry = load(plan).status_for(participant, H2)
    return None if entry is None else entry.overall


def _refused(office: Path, *workbooks: Path, period: str | None = None) -> list[str]:
    """The lines of an import that is refused; the programme file is unchanged."""
    plan = office / "plan.yaml"
    before = plan.read_bytes()
    result = _cli("import", *workbooks, "--into", plan, *(["--period", period] if period else []))
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before
    assert list(office.glob("*.~*~")) == []
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{plan}: not changed"
    return lines[:-1]


# --- the attack: Molde reports as Vadsø -------------------------------------------------


def test_molde_cannot_report_as_vadso(office: Path) -> None:
    """Through the command line, in a process of its own, as the attack was found."""
    plan = office / "plan.yaml"
    vadso = _filled(office, "vadso", Rag.RED)
    imported = _run("import", vadso, "--into", plan)
    assert imported.returncode == 0, imported.stderr
    assert _overall(plan, "vadso") is Rag.RED
    before = plan.read_bytes()

    molde = _filled(office, "molde", Rag.GREEN)
    _edit_meta(molde, _set("B5", "vadso"))  # the participant the workbook says it is for
    attack = _run("import", molde, "--into", plan)

    assert attack.returncode == 1, attack.stdout
    assert attack.stderr.splitlines() == [
        f"{molde}: _omstilling!B5: the workbook says it is for 'vadso', but it was bound "
        f"to 'molde': {CHANGED}; it is refused",
        f"{plan}: not changed",
    ]
    assert plan.read_bytes() == before
    assert _overall(plan, "vadso") is Rag.RED


# --- every other way to pass a workbook off as another ----------------------------------


EDITS: dict[str, tuple[Callable[[Any], None], str]] = {
    "period changed": (
        _set("B6", "2005-H1"),
        "_omstilling!B6: the workbook says it is for the period 2005-H1, but it was bound to "
        f"2004-H2: {CHANGED}; it is refused",
    ),
    "participant changed to one the programme does not have": (
        _set("B5", "oslo"),
        "_omstilling!B5: the workbook says it is for 'oslo', but it was bound to 'molde': "
        f"{CHANGED}; it is refused",
    ),
    "participant and period changed": (
        _set_all(B5="vadso", B6="2005-H1"),
        "_omstilling!B8: the workbook's binding token does not match what its hidden "
        "metadata says it is for (programme 'stifinneren', participant 'vadso', period "
        f"2005-H1): {CHANGED}; it is refused",
    ),
    "token removed": (
        lambda ws: ws.delete_rows(8),
        "_omstilling: the workbook carries no binding token, so whom it was made for cannot "
        "be checked; it is refused: make a new one with `omstilling workbooks`",
    ),
    "token emptied": (
        _set("B8", None),
        "_omstilling!B8: the workbook's binding token is damaged; it is refused: make a new "
        "one with `omstilling workbooks`",
    ),
    "token made up": (
        _set("B8", "hmac-sha256:00000000:" + "0" * 64),
        "_omstilling!B8: the workbook was bound with another key than this programme "
        "file's: it was made by another programme office or for another programme file, or "
        "the key was replaced after it was made; it is refused: make a new one with "
        "`omstilling workbooks`",
    ),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_an_edited_binding_is_refused(office: Path, case: str) -> None:
    change, message = EDITS[case]
    molde = _filled(office, "molde", Rag.GREEN)
    _edit_meta(molde, change)
    assert _refused(office, molde) == [f"{molde}: {message}"]


def test_tokens_swapped_between_two_participants_workbooks_are_refused(office: Path) -> None:
    molde = _filled(office, "molde", Rag.GREEN)
    vadso = _filled(office, "vadso", Rag.RED)
    molde_token, vadso_token = _token(molde), _token(vadso)
    assert molde_token != vadso_token
    _edit_meta(molde, _set("B8", vadso_token))
    _edit_meta(vadso, _set("B8", molde_token))
    assert _refused(office, molde, vadso) == [
        f"{molde}: _omstilling!B5: the workbook says it is for 'molde', but it was bound to "
        f"'vadso': {CHANGED}; it is refused",
        f"{vadso}: _omstilling!B5: the workbook says it is for 'vadso', but it was bound to "
        f"'molde': {CHANGED}; it is refused",
    ]


def test_a_workbook_edited_to_be_another_programmes_is_refused(office: Path) -> None:
    # another programme of the same office, with molde as a participant too
    text = (office / "plan.yaml").read_text(encoding="utf-8")
    (office / "other.yaml").write_text(
        text.replace("\nid: stifinneren\n", "\nid: annet\n", 1), encoding="utf-8"
    )
    workbook = _filled(office, "molde", Rag.GREEN, plan="other.yaml")
    _edit_meta(workbook, _set("B4", "stifinneren"))
    _template(office, "vadso")  # plan.yaml gets its key
    assert _refused(office, workbook) == [
        f"{workbook}: _omstilling!B8: the workbook was bound with another key than this "
        "programme file's: it was made by another programme office or for another "
        "programme file, or the key was replaced after it was made; it is refused: make a "
        "new one with `omstilling workbooks`"
    ]
    # even where both programme files have one key, the token names its programme
    shutil.copy(fillin.key_file(office / "other.yaml"), fillin.key_file(office / "plan.yaml"))
    assert _refused(office, workbook) == [
        f"{workbook}: _omstilling!B8: the workbook's binding token does not match what its "
        "hidden metadata says it is for (programme 'stifinneren', participant 'molde', "
        f"period 2004-H2): {CHANGED}; it is refused"
    ]


def test_a_genuine_workbook_of_another_period_is_named_as_such(office: Path) -> None:
    workbook = _template(office, "molde", period="2005-H1")
    assert _refused(office, workbook, period="2004-H2") == [
        f"{workbook}: the workbook is for the period 2005-H1, not 2004-H2"
    ]


# --- the key ------------------------------------------------------------------------------


def test_the_key_is_made_once_beside_the_programme_file_for_its_owner_only(
    office: Path,
) -> None:
    key_file = office / ".plan.yaml.key"
    assert fillin.key_file(office / "plan.yaml") == key_file
    nobody = _cli("workbooks", office / "plan.yaml", "--period", "2004-H2",
                  "--participant", "oslo", "-o", office / "oslo.xlsx")  # fmt: skip
    assert nobody.exit_code == 1
    assert not key_file.exists()  # no key without a workbook to bind
    _template(office, "molde")
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = fillin.binding_key(office / "plan.yaml")
    assert len(key) == fillin.KEY_BYTES == 32
    assert key.hex() in key_file.read_text(encoding="ascii")
    _template(office, "vadso")
    assert fillin.binding_key(office / "plan.yaml", create=True) == key
    assert [p.name for p in office.iterdir() if p.name.startswith(".")] == [key_file.name]


def test_a_missing_key_refuses_the_import(office: Path) -> None:
    molde = _filled(office, "molde", Rag.GREEN)
    key_file = fillin.key_file(office / "plan.yaml")
    key_file.unlink()
    assert _refused(office, molde) == [
        f"{key_file}: the key that workbooks for {office / 'plan.yaml'} are checked with is "
        "missing; restore it from a backup, or make new workbooks with `omstilling workbooks` "
        "and send them out again (the workbooks sent out before cannot be imported with a "
        "new key)"
    ]
    with pytest.raises(BindingError, match="is missing"):
        fillin.binding_key(office / "plan.yaml")


def test_a_new_key_invalidates_the_workbooks_sent_out_before(office: Path) -> None:
    molde = _filled(office, "molde", Rag.GREEN)
    fillin.key_file(office / "plan.yaml").unlink()
    _template(office, "vadso")  # a new key
    (line,) = _refused(office, molde)
    assert line.startswith(f"{molde}: _omstilling!B8: the workbook was bound with another key")


def test_a_damaged_key_file_is_refused(office: Path) -> None:
    fillin.key_file(office / "plan.yaml").write_text("# a key\nnot hex\n", encoding="ascii")
    made = _cli("workbooks", office / "plan.yaml", "--period", "2004-H2",
                "--participant", "molde", "-o", office / "molde.xlsx")  # fmt: skip
    assert made.exit_code == 1
    assert made.stderr.startswith(
        f"{fillin.key_file(office / 'plan.yaml')}: not a binding key (expected one line of 64 "
        "hexadecimal digits)"
    )
    assert not (office / "molde.xlsx").exists()


def test_threads_making_the_key_at_once_get_one_key(office: Path) -> None:
    keys: list[bytes] = []
    start = threading.Barrier(8)

    def make() -> None:
        start.wait()
        keys.append(fillin.binding_key(office / "plan.yaml", create=True))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8
    assert len(set(keys)) == 1
    assert [p.name for p in office.iterdir() if p.name.startswith(".")] == [".plan.yaml.key"]


def test_two_template_runs_at_once_make_one_key(office: Path) -> None:
    def template(participant: str) -> subprocess.Popen[bytes]:
        args = ["workbooks", office / "plan.yaml", "--period", "2004-H2",
                "--participant", participant, "-o", office / f"{participant}.xlsx"]  # fmt: skip
        return subprocess.Popen(
            [sys.executable, "-m", "omstilling", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )

    runs = [template("molde"), template("vadso")]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    plan = office / "plan.yaml"
    programme = load(plan)
    for participant in ("molde", "vadso"):
        _fill(office / f"{participant}.xlsx", _filling(programme, participant))
    result = _cli("import", office / "molde.xlsx", office / "vadso.xlsx", "--into", plan)
    assert result.exit_code == 0, result.stderr


# --- the library ---------------------------------------------------------------------------


def test_the_library_binds_and_checks_with_the_key_it_is_given(office: Path) -> None:
    programme = load(office / "plan.yaml")
    key = bytes(range(32))
    filling = _filling(programme, "molde", overall=Rag.GREEN)
    bound = fill_workbook(fillin.make_workbook(programme, "molde", H2, key=key), filling)
    assert fillin.read_workbook(bound, programme, key=key).status.overall is Rag.GREEN
    with pytest.raises(WorkbookError, match="bound with another key"):
        fillin.read_workbook(bound, programme, key=bytes(32))
    unbound = fill_workbook(fillin.make_workbook(programme, "molde", H2, key=None), filling)
    with pytest.raises(WorkbookError, match="carries no binding token") as caught:
        fillin.read_workbook(unbound, programme, key=key)
    assert [p.code for p in caught.value.problems] == ["binding"]
    # without a key nothing is checked: for workbooks whose origin is known otherwise
    assert fillin.read_workbook(unbound, programme, key=None).participant == "molde"
    with pytest.raises(ValueError, match="at least 16 bytes"):
        fillin.make_workbook(programme, "molde", H2, key=b"")
    with pytest.raises(ValueError, match="at least 16 bytes"):
        fillin.read_workbook(bound, programme, key=b"short")


# --- LibreOffice keeps the binding ------------------------------------------------------


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LOUD SKIP: LibreOffice is not installed, so the binding of a workbook re-saved "
    "by an office suite was NOT checked (CI installs it)",
)
def test_a_workbook_resaved_by_libreoffice_keeps_its_binding(office: Path) -> None:
    plan = office / "plan.yaml"
    honest = _filled(office, "vadso", Rag.RED)
    forged = _filled(office, "molde", Rag.GREEN)
    _edit_meta(forged, _set("B5", "vadso"))
    honest_again, forged_again = _resave_with_libreoffice(office, [honest, forged])
    assert honest_again.read_bytes() != honest.read_bytes()

    assert _refused(office, forged_again) == [
        f"{forged_again}: _omstilling!B5: the workbook says it is for 'vadso', but it was "
        f"bound to 'molde': {CHANGED}; it is refused"
    ]
    result = _cli("import", honest_again, "--into", plan)
    assert result.exit_code == 0, result.stderr
    assert _overall(plan, "vadso") is Rag.RED
