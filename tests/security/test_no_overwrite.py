"""No command writes over a file it reads (the programme file, a report file it
renders, a base document), and none writes over a programme file or a published
report unless told to with ``--force``: through the command line and the API."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from omstilling.cli import cli
from omstilling.cycle import output_name, publish, render, render_batch
from omstilling.errors import OmstillingError
from omstilling.files import load, save
from omstilling.model import Period, Programme

from ..conftest import EXAMPLES, ROOT

H1 = Period.parse("2004-H1")
TEMPLATE = ("--template", "milestone-plan")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The Stifinneren programme as a JSON programme file."""
    path = tmp_path / "plan.json"
    save(load(EXAMPLES / "stifinneren-2004.yaml"), path)
    return path


@pytest.fixture
def programme(plan: Path) -> Programme:
    return load(plan)


def document_kind(path: Path) -> str:
    """What ``path`` holds: a programme, a report or a published report."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if "report_format" in data:
        return "published report" if data.get("published") else "report"
    return "programme" if "schema_version" in data else "other"


def _invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def _published(plan: Path, name: str = "pub.json") -> Path:
    out = plan.with_name(name)
    result = _invoke("publish", plan, "--template", "milestone-plan", "-o", out)
    assert result.exit_code == 0, result.output
    return out


# --- the command line -----------------------------------------------------------------


def test_render_does_not_replace_its_programme_file_end_to_end(plan: Path) -> None:
    before = plan.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "omstilling", "render", str(plan), "-o", str(plan), *TEMPLATE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{plan}: is the file the report is made from: never overwritten"
    ]
    assert plan.read_bytes() == before
    assert document_kind(plan) == "programme"


def test_not_even_with_force_over_what_it_reads(plan: Path) -> None:
    before = plan.read_bytes()
    link = plan.with_name("link.json")
    link.symlink_to(plan.name)
    for output in (plan, link):
        result = _invoke("render", plan, "--template", "milestone-plan", "-o", output, "--force")
        assert result.exit_code == 1
        assert "the report is made from: never overwritten" in result.output
    assert plan.read_bytes() == before


def test_render_does_not_replace_a_published_report(plan: Path) -> None:
    pub = _published(plan)
    before = pub.read_bytes()
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", pub)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{pub}: is a published report: not overwritten (use --force)"
    ]
    assert pub.read_bytes() == before
    # rendering the published report itself into its own file: never
    result = _invoke("render", pub, "-o", pub, "--force")
    assert result.exit_code == 1
    assert pub.read_bytes() == before
    # with --force, it is replaced
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", pub, "--force")
    assert result.exit_code == 0, result.output
    assert document_kind(pub) == "report"


def test_render_does_not_replace_another_programme_file(plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    shutil.copy(EXAMPLES / "alna-2006.yaml", other)
    before = other.read_bytes()
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", other)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{other}: is a programme file: not overwritten (use --force)"
    ]
    assert other.read_bytes() == before
    other_json = tmp_path / "other.json"
    save(load(other), other_json)
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", other_json)
    assert result.exit_code == 1
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", other_json, "--force")
    assert result.exit_code == 0, result.output
    assert document_kind(other_json) == "report"


def test_render_replaces_its_own_earlier_reports_and_other_files(
    plan: Path, tmp_path: Path
) -> None:
    for name, content in (("out.json", None), ("out.md", "# old\n"), ("broken.json", "{")):
        out = tmp_path / name
        if content is not None:
            out.write_text(content, encoding="utf-8")
        for _ in range(2):  # the second time over the first one's report
            result = _invoke("render", plan, "--template", "milestone-plan", "-o", out)
            assert result.exit_code == 0, result.output
        assert out.read_bytes() != (content or "").encode()


def test_render_does_not_replace_its_base_document(plan: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.docx"
    result = _invoke("render", plan, "--template", "milestone-plan", "-o", base)
    assert result.exit_code == 0, result.output
    before = base.read_bytes()
    result = _invoke(
        "render", plan, "--template", "milestone-plan", "--base", base, "-o", base, "--force"
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{base}: is the file the report is made from: never overwritten"
    ]
    assert base.read_bytes() == before


def test_publish_with_force_does_not_replace_its_programme_file(plan: Path) -> None:
    before = plan.read_bytes()
    result = _invoke("publish", plan, "--template", "milestone-plan", "-o", plan, "--force")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{plan}: is the file the report is made from: never overwritten"
    ]
    assert plan.read_bytes() == before


def test_batch_does_not_replace_programme_files_or_published_reports(
    plan: Path, programme: Programme, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first, second, third = (p.organisation for p in programme.participants[:3])

    def name(participant: str) -> Path:
        return out / output_name(programme, H1, participant, "status", ".json")

    # a programme file, a published report, and the programme file itself where the
    # batch writes three of its files
    shutil.copy(plan, name(first))
    pub = _published(plan)
    shutil.move(pub, name(second))
    shutil.move(plan, name(third))
    source = name(third)
    before = {path: path.read_bytes() for path in (name(first), name(second), source)}
    args: list[str | Path] = ["batch", source, "--template", "status", "--period", "2004-H1"]
    args += ["-o", out]
    result = _invoke(*args, "--suffix", ".json", "-j", "1")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{name(first)}: is a programme file: not overwritten (use --force)" in lines
    assert f"{name(second)}: is a published report: not overwritten (use --force)" in lines
    assert f"{source}: is the file the report is made from: never overwritten" in lines
    assert {path: path.read_bytes() for path in before} == before

    result = _invoke(*args, "--suffix", ".json", "-j", "1", "--force")
    assert result.exit_code == 1
    assert f"{source}: is the file the report is made from: never overwritten" in (
        result.output.splitlines()
    )
    assert source.read_bytes() == before[source]
    assert document_kind(name(first)) == document_kind(name(second)) == "report"


# --- the API --------------------------------------------------------------------------


def test_the_api_refuses_the_same_files(plan: Path, programme: Programme, tmp_path: Path) -> None:
    from omstilling.cycle import check_output

    with pytest.raises(OmstillingError) as caught:
        render(programme, "milestone-plan", plan)
    assert [(p.code, p.message) for p in caught.value.problems] == [
        ("conflict", "is a programme file: not overwritten (use --force)")
    ]
    with pytest.raises(OmstillingError) as caught:
        render(programme, "milestone-plan", plan, force=True, inputs=[plan])
    assert caught.value.problems[0].code == "conflict"
    assert document_kind(plan) == "programme"

    pub = tmp_path / "pub.json"
    publish(programme, "milestone-plan", pub, published="2004-08-31")
    with pytest.raises(OmstillingError) as caught:
        check_output(pub)
    assert caught.value.problems[0].message.startswith("is a published report")
    check_output(pub, force=True)
    check_output(tmp_path / "new.json")
    with pytest.raises(OmstillingError):
        publish(programme, "milestone-plan", plan, force=True, inputs=[plan])
    assert document_kind(plan) == "programme"

    render(programme, "milestone-plan", plan, force=True)  # told to: replaced
    assert document_kind(plan) == "report"


def test_render_batch_takes_force_and_inputs(
    plan: Path, programme: Programme, tmp_path: Path
) -> None:
    participant = programme.participants[0].organisation
    target = tmp_path / output_name(programme, H1, participant, "status", ".json")
    shutil.copy(plan, target)

    def batch(*, force: bool = False, inputs: tuple[Path, ...] = ()) -> list[str | None]:
        result = render_batch(
            programme,
            "status",
            tmp_path,
            period=H1,
            suffixes=(".json",),
            participants=[participant],
            jobs=1,
            force=force,
            inputs=inputs,
        )
        return [item.error for item in result.items]

    assert batch() == ["is a programme file: not overwritten (use --force)"]
    assert batch(inputs=(target,), force=True) == [
        "is the file the report is made from: never overwritten"
    ]
    assert batch(force=True) == [None]
    assert json.loads(target.read_text(encoding="utf-8"))["report_format"] == 1


def test_document_kind_tells_programmes_and_reports_apart(plan: Path, tmp_path: Path) -> None:
    from omstilling.files import document_kind as kind

    pub = _published(plan)
    report = tmp_path / "report.json"
    assert _invoke("render", plan, *TEMPLATE, "-o", report).exit_code == 0
    (tmp_path / "other.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert kind(plan) == "programme"
    assert kind(EXAMPLES / "alna-2006.yaml") == "programme"
    assert kind(pub) == "published report"
    assert kind(report) == "report"
    assert kind(tmp_path / "other.json") is None
    assert kind(tmp_path / "broken.json") is None
    assert kind(tmp_path / "missing.json") is None
