"""The way back: ``omstilling import`` of files other than fill-in workbooks. A report
file whose format can be read back goes through that format's ``parse``; any other
file through the importer plugin for its suffix (Hammerfest's ``.tsv`` tables)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from omstilling.cli import cli
from omstilling.cycle import import_files, read_back
from omstilling.errors import ImportFailed, OmstillingError
from omstilling.files import load

from .conftest import EXAMPLES, ROOT

HAMMERFEST = EXAMPLES / "hammerfest-sjumilssteget.yaml"
SEED_TABLES = ROOT / "plugins" / "omstilling-hammerfest" / "tests" / "hammerfest_seed_002.txt"


def _omstilling(*args: object) -> Result:
    # catch_exceptions=False: an exception the command does not handle fails the test
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan.yaml"
    shutil.copyfile(HAMMERFEST, target)
    return target


def _milestone_plan_with_new_text(plan: Path, text: str) -> tuple[Path, str]:
    """The milestone plan rendered to a report file, one milestone's status text
    changed in it as a programme office would; the milestone's id."""
    report = plan.with_name("milepaelsplan.json")
    assert _omstilling("render", plan, "--template", "milestone-plan", "-o", report).exit_code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    (table,) = [s for s in data["sections"] if s.get("rows")]
    row = table["rows"][2]
    row["report_status_text"] = text
    report.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return report, row["id"]


def test_a_report_file_is_read_back_into_the_programme(plan: Path) -> None:
    report, milestone = _milestone_plan_with_new_text(plan, "Vedteke i formannskapet 12.05.")
    before = load(plan)
    result = _omstilling("import", report, "--into", plan)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{report}: read back as milestone-plan",
        f"{plan}: updated; previous version kept as {plan}.~1~",
    ]
    after = load(plan)
    changed = {m.id: m.report_status_text for m in after.milestones if m not in before.milestones}
    assert changed == {milestone: "Vedteke i formannskapet 12.05."}
    assert Path(f"{plan}.~1~").read_bytes() == HAMMERFEST.read_bytes()


def test_a_dry_run_of_a_report_file_shows_the_change_and_writes_nothing(plan: Path) -> None:
    report, _ = _milestone_plan_with_new_text(plan, "Utsett til hausten")
    original = plan.read_bytes()
    result = _omstilling("import", report, "--into", plan, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "+    report_status_text: Utsett til hausten\n" in result.stdout
    assert result.stdout.endswith(f"{plan}: would change (dry run; nothing written)\n")
    assert plan.read_bytes() == original
    assert sorted(p.name for p in plan.parent.iterdir()) == ["milepaelsplan.json", "plan.yaml"]


def test_importing_the_same_report_file_twice_changes_nothing_more(plan: Path) -> None:
    report, _ = _milestone_plan_with_new_text(plan, "Ferdig")
    assert _omstilling("import", report, "--into", plan).exit_code == 0
    once = plan.read_bytes()
    again = _omstilling("import", report, "--into", plan)
    assert again.exit_code == 0
    assert again.stdout.endswith(f"{plan}: no changes\n")
    assert plan.read_bytes() == once


def test_hammerfests_tables_are_read_by_its_importer(plan: Path) -> None:
    lines = SEED_TABLES.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("31.05.2014\t"))
    lines[at] = (
        "31.05.2014\t30.04.2014\tPolitisk behandling av analysen ferdig"
        "\t18.06.2014\tVedteke i kommunestyret\tok"
    )
    tables = plan.with_name("plan.tsv")
    tables.write_text("\n".join(lines), encoding="utf-8")
    result = _omstilling("import", tables, "--into", plan, "--no-backup")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{tables}: read back as hammerfest.prosjektplan"
    last = load(plan).milestones[-1]
    assert (last.title, last.done, last.report_status_text) == (
        "Politisk behandling av analysen ferdig",
        True,
        "Vedteke i kommunestyret",
    )
    assert load(plan).milestones[:-1] == load(HAMMERFEST).milestones[:-1]


def test_a_format_that_cannot_be_read_back_is_refused_and_nothing_changes(plan: Path) -> None:
    status = plan.with_name("status.json")
    made = _omstilling("render", plan, "--template", "decision-register", "-o", status)
    assert made.exit_code == 0, made.stderr
    original = plan.read_bytes()
    result = _omstilling("import", status, "--into", plan)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{status}: the format decision-register cannot be read back (it has no parse)",
        f"{plan}: not changed",
    ]
    assert "Traceback" not in result.output
    assert plan.read_bytes() == original
    # nothing written: no backup, no temporary file (the lock file is empty and stays)
    assert sorted(p.name for p in plan.parent.iterdir()) == [
        ".plan.yaml.lock", "plan.yaml", "status.json"
    ]  # fmt: skip


def test_files_no_importer_reads_are_named(plan: Path) -> None:
    notes = plan.with_name("notater.txt")
    notes.write_text("fritekst", encoding="utf-8")
    result = _omstilling("import", notes, "--into", plan)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{notes}: no importer reads '.txt' files (installed: ")
    assert result.stderr.endswith(f"{plan}: not changed\n")


def test_a_report_of_another_programme_or_period_is_refused(plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "alna.json"
    made = _omstilling(
        "render", EXAMPLES / "alna-2006.yaml", "--template", "milestone-plan", "-o", other
    )
    assert made.exit_code == 0, made.stderr
    with pytest.raises(OmstillingError) as caught:
        read_back(other, load(plan))
    (problem,) = caught.value.problems
    assert (problem.source, problem.code) == (str(other), "conflict")
    assert problem.message == (
        "is a report of programme 'alna-omstilling-2004-2007', not of 'hammerfest-sjumilssteget'"
    )
    status = tmp_path / "status.json"
    made = _omstilling("render", plan, "--template", "milestone-plan", "-o", status)
    assert made.exit_code == 0, made.stderr
    assert read_back(status, load(plan), period="2014-H1").format_id == "milestone-plan"


def test_every_problem_of_every_file_is_listed_at_once(plan: Path) -> None:
    report, _ = _milestone_plan_with_new_text(plan, "Ny tekst")
    broken = plan.with_name("broken.json")
    broken.write_text("{ not json", encoding="utf-8")
    notes = plan.with_name("notater.txt")
    notes.write_text("x", encoding="utf-8")
    original = plan.read_bytes()
    with pytest.raises(ImportFailed) as caught:
        import_files(plan, [report, broken, notes])
    assert [p.source for p in caught.value.problems] == [str(broken), str(notes)]
    assert [p.code for p in caught.value.problems] == ["syntax", "plugin"]
    assert plan.read_bytes() == original
