"""What every command of ``omstilling`` does alike: a wrong command line exits 2,
``-o/--output`` is a file or the directory several files go to, a report without
``--period`` is for the latest period with status, deprecated names still work
and say so, and ``--template``/``--format`` complete the installed ids."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import attrs
import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from omstilling.builtin import register_builtins
from omstilling.cli import cli
from omstilling.cli._common import _complete_formats
from omstilling.cycle import (
    build_report,
    format_of,
    latest_status_period,
    period_choices,
    summary_lines,
)
from omstilling.errors import ArgumentError, PluginError, RenderError
from omstilling.files import load
from omstilling.formatting import format_value
from omstilling.hookspecs import ReportFormat, hookimpl
from omstilling.model import (
    Cadence,
    DateRange,
    Language,
    Money,
    PartialDate,
    Period,
    PeriodKind,
    Programme,
    StatusEntry,
)
from omstilling.plugins import Plugins, load_plugins
from omstilling.report import FieldType
from omstilling.summary import summarise
from omstilling.templates import TEMPLATES

from .conftest import EXAMPLES, ROOT

STIFINNEREN = EXAMPLES / "stifinneren-2004.yaml"
FLESBERG = EXAMPLES / "flesberg-rollag.yaml"  # no status for any period


def _cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    # catch_exceptions=False: an exception the command does not handle fails the test
    return CliRunner().invoke(
        cli, [str(a) for a in args], catch_exceptions=False, env=env, prog_name="omstilling"
    )


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A programme office: a copy of Stifinneren to write beside."""
    shutil.copy(STIFINNEREN, tmp_path / "stifinneren.yaml")
    return tmp_path


def _commands(office: Path) -> dict[str, list[str | Path]]:
    """Every command that takes a --period, with what it needs besides, and
    ``{option}`` standing for where the option under test goes."""
    plan = office / "stifinneren.yaml"
    report = ["--template", "status"]
    return {
        "render": ["render", plan, *report, "-o", office / "x.md"],
        "publish": ["publish", plan, *report, "-o", office / "x.json"],
        "batch": ["batch", plan, *report, "-o", office / "out"],
        "workbooks": ["workbooks", plan, "-o", office / "ut"],
        "template": ["template", plan, "-o", office / "ut"],
        "import": ["import", office / "molde.xlsx", "--into", plan],
    }


def _nothing_written(office: Path) -> None:
    assert sorted(p.name for p in office.iterdir()) == ["stifinneren.yaml"]


# --- usage errors exit 2 in every command ---


@pytest.mark.parametrize(
    "command", ["render", "publish", "batch", "workbooks", "template", "import"]
)
def test_a_bad_period_exits_2_in_every_command(office: Path, command: str) -> None:
    result = _cli(*_commands(office)[command], "--period", "2004-X1")
    assert result.exit_code == 2, result.output
    assert "not a period (2005, 2004-H1, 2012-T2, 2024-Q3): '2004-X1'" in result.stderr
    _nothing_written(office)


def test_a_bad_period_exits_2_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = subprocess.run(
        [sys.executable, "-m", "omstilling", "render", str(STIFINNEREN.relative_to(ROOT)),
         "--template", "status", "--period", "2004-X1", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "examples/stifinneren-2004.yaml: not a period (2005, 2004-H1, 2012-T2, 2024-Q3): "
        "'2004-X1'\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["render", "publish", "batch", "workbooks", "template"])
def test_a_bad_language_exits_2_in_every_command(office: Path, command: str) -> None:
    result = _cli(*_commands(office)[command], "--period", "2004-H1", "--lang", "sv")
    assert result.exit_code == 2
    assert "'sv' is not one of 'nb', 'nn', 'en'" in result.stderr
    _nothing_written(office)


def test_a_bad_language_exits_2_in_diff() -> None:
    result = _cli("diff", STIFINNEREN, STIFINNEREN, "--lang", "sv")
    assert result.exit_code == 2


@pytest.mark.parametrize("option", ["--template", "--format"])
@pytest.mark.parametrize("command", ["render", "publish", "batch"])
def test_an_unknown_template_or_format_exits_2(office: Path, command: str, option: str) -> None:
    args = [a for a in _commands(office)[command] if a not in {"--template", "status"}]
    result = _cli(*args, option, "no-such", "--period", "2004-H1")
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    plan = office / "stifinneren.yaml"
    installed = "benefits-plan, decision-follow-up, decision-register, "
    assert line.startswith(f"{plan}: no report format 'no-such' (installed: {installed}")
    assert "status" in line
    _nothing_written(office)


def test_format_of_tells_a_mistyped_id_from_a_clash() -> None:
    plugins = Plugins()
    register_builtins(plugins)
    assert format_of(plugins, "status").id == "status"
    with pytest.raises(ArgumentError, match=r"^no report format 'statsu' \(installed: ") as caught:
        format_of(plugins, "statsu", argument="template")
    assert caught.value.argument == "template"
    assert caught.value.exit_status == 2

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [next(t for t in TEMPLATES if t.id == "status")]

    plugins.register(types.SimpleNamespace(report_formats=report_formats), "kopi")
    # registered twice: the installation's fault, not the command line's (exit 1)
    with pytest.raises(PluginError, match="'status' is registered by 2 plugins") as clash:
        format_of(plugins, "status")
    assert not isinstance(clash.value, ArgumentError)


def test_a_missing_exporter_is_not_a_usage_error(office: Path) -> None:
    # an id the user mistyped is a usage error; a type nothing installed writes is not
    result = _cli("render", office / "stifinneren.yaml", "--template", "status", "-o",
                  office / "x.odt", "--period", "2004-H1")  # fmt: skip
    assert result.exit_code == 1
    assert "no exporter for '.odt' files" in result.stderr


# --- -o/--output: a file, or the directory several files go to ---


def test_batch_writes_into_its_output(office: Path) -> None:
    out = office / "out"
    result = _cli("batch", office / "stifinneren.yaml", "--template", "status",
                  "--period", "2004-H1", "--output", out, "--participant", "molde",
                  "--suffix", ".md")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["stifinneren-2004-H1-molde-status.md"]
    assert "deprecated" not in result.stderr


def test_batch_output_dir_still_works_and_says_it_is_deprecated(office: Path) -> None:
    out = office / "out"
    result = _cli("batch", office / "stifinneren.yaml", "--template", "status",
                  "--period", "2004-H1", "--output-dir", out, "--participant", "molde",
                  "--suffix", ".md")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["stifinneren-2004-H1-molde-status.md"]
    assert result.stderr.splitlines()[0] == "warning: --output-dir is deprecated: use -o/--output"
    assert "--output-dir" not in _cli("batch", "--help").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Missing option '-o' / '--output'."),
        (["-o", "a", "--output-dir", "b"], "give -o/--output only (--output-dir is its old name)"),
    ],
)
def test_batch_output_usage_errors(office: Path, args: list[str], message: str) -> None:
    result = _cli("batch", office / "stifinneren.yaml", "--template", "status", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    _nothing_written(office)


@pytest.mark.parametrize("command", ["render", "publish", "batch", "workbooks", "schema"])
def test_every_command_that_writes_calls_it_output(command: str) -> None:
    [option] = [p for p in _command(command).params if "-o" in p.opts]
    assert option.opts == ["-o", "--output"]
    assert option.name == "output"


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


# --- workbooks, once called template ---


def test_workbooks_makes_fill_in_workbooks(office: Path) -> None:
    out = office / "molde.xlsx"
    result = _cli("workbooks", office / "stifinneren.yaml", "--period", "2004-H2",
                  "--participant", "molde", "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: written\n"
    assert result.stderr == ""
    assert out.read_bytes()[:2] == b"PK"


def test_template_still_works_and_says_once_it_is_deprecated(office: Path) -> None:
    out = office / "molde.xlsx"
    result = _cli("template", office / "stifinneren.yaml", "--period", "2004-H2",
                  "--participant", "molde", "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: written\n"
    assert result.stderr == (
        "warning: `omstilling template` is deprecated: use `omstilling workbooks` "
        "(the same arguments)\n"
    )
    assert out.is_file()


def test_the_help_lists_workbooks_and_not_template() -> None:
    commands = [line.split()[0] for line in _cli("--help").stdout.split("Commands:")[1].splitlines()
                if line.strip()]  # fmt: skip
    assert "workbooks" in commands
    assert "template" not in commands
    assert _command("template").params == _command("workbooks").params


# --- a report without --period: the latest period with status ---


def test_render_without_period_uses_the_latest_period_with_status(office: Path) -> None:
    plan = office / "stifinneren.yaml"
    result = _cli("render", plan, "--template", "status", "-o", office / "x.md")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{plan}: no --period given: using 2004-H1, the latest period with status\n"
    )
    given_ = _cli("render", plan, "--template", "status", "--period", "2004-H1", "-o",
                  office / "y.md")  # fmt: skip
    assert given_.stderr == ""
    assert (office / "x.md").read_text("utf-8") == (office / "y.md").read_text("utf-8")


def test_publish_and_batch_without_period_too(office: Path) -> None:
    plan = office / "stifinneren.yaml"
    published = _cli("publish", plan, "--template", "status", "-o", office / "x.json")
    assert published.exit_code == 0, published.output
    assert "using 2004-H1, the latest period with status" in published.stderr
    batch = _cli("batch", plan, "--template", "decision-register", "-o", office / "out",
                 "--participant", "molde", "--suffix", ".md")  # fmt: skip
    assert batch.exit_code == 0, batch.output
    assert "using 2004-H1, the latest period with status" in batch.stderr
    assert [p.name for p in (office / "out").iterdir()] == [
        "stifinneren-2004-H1-molde-decision-register.md"
    ]


def test_a_report_that_needs_no_period_gets_none(office: Path) -> None:
    result = _cli("render", office / "stifinneren.yaml", "--template", "decision-register",
                  "-o", office / "x.md")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["render", "publish", "batch"])
def test_without_status_the_periods_it_could_use_are_listed(tmp_path: Path, command: str) -> None:
    plan = tmp_path / "flesberg.yaml"
    shutil.copy(FLESBERG, plan)
    out = tmp_path / ("out" if command == "batch" else "x.json")
    result = _cli(command, plan, "--template", "status", "-o", out)
    assert result.exit_code == 2, result.output
    needs = "the format 'status' needs a period" if command != "batch" else (
        "a batch names its files by their period"
    )  # fmt: skip
    assert result.stderr == (
        f"{plan}: {needs}, and 'samorganisering-sosial-barnevern' has status for none: "
        "give --period (one of 2000-H1, 2000-H2, 2001-H1, 2001-H2, 2002-H1, 2002-H2, …)\n"
    )
    assert not out.exists()


def test_the_library_names_the_periods_too() -> None:
    programme = load(FLESBERG)
    with pytest.raises(RenderError, match=r"needs a period: give --period, one of 2000-H1, "):
        build_report(programme, "status")


@given(
    start=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9990, 12, 31)),
    days=st.none() | st.integers(min_value=0, max_value=4000),
    cadence=st.none() | st.sampled_from(Cadence),
)
def test_period_choices_run_from_the_start_in_the_cadence(
    start: dt.date, days: int | None, cadence: Cadence | None
) -> None:
    end = None if days is None else PartialDate.from_date(start + dt.timedelta(days=days))
    programme = _plain().replace(
        status_entries=(),
        period=DateRange(start=PartialDate.from_date(start), end=end),
        cadence=cadence,
    )
    shown = period_choices(programme).split(", ")
    more = shown[-1] == "…"
    periods = [Period.parse(text) for text in shown[: -1 if more else None]]
    kind = cadence.period_kind if cadence is not None else PeriodKind.HALF
    assert periods[0].contains(start)
    assert all(p.kind is kind for p in periods)
    assert all(b == a.next() for a, b in itertools.pairwise(periods))
    assert len(periods) <= 6
    last = None if end is None else end.last_day()
    assert all(last is None or p.start() <= last for p in periods)
    assert more == (last is None or periods[-1].next().start() <= last)


_SOME_PERIODS = [Period.parse(p) for p in ("2004", "2004-H1", "2004-H2", "2005-T1", "2003-Q4")]


@given(st.lists(st.sampled_from(_SOME_PERIODS), unique=True))
def test_the_latest_status_period_and_the_choices_with_status(periods: list[Period]) -> None:
    entries = tuple(StatusEntry(period=p, participant="molde") for p in periods)
    programme = _plain().replace(status_entries=entries)
    assert latest_status_period(programme) == (max(periods) if periods else None)
    if periods:
        assert period_choices(programme) == ", ".join(str(p) for p in sorted(set(periods)))


def _plain() -> Programme:
    return _STIFINNEREN.replace(status_entries=())


_STIFINNEREN = load(STIFINNEREN)


# --- shell completion ---


def test_template_and_format_complete_the_installed_ids() -> None:
    installed = sorted(load_plugins().formats())
    for option in ("--template", "--format"):
        [param] = [p for p in _command("render").params if option in p.opts]
        offered = [item.value for item in param.shell_complete(click.Context(cli), "st")]
        assert offered == [i for i in installed if i.startswith("st")]
        assert "status" in offered
        assert "stifinneren.status" in offered
    assert [i.value for i in _complete_formats(click.Context(cli), param, "")] == installed
    assert _complete_formats(click.Context(cli), param, "zzz") == []


def test_completion_through_the_shell_protocol() -> None:
    env = {"_OMSTILLING_COMPLETE": "bash_complete", "COMP_WORDS": "omstilling batch x --format kon",
           "COMP_CWORD": "4"}  # fmt: skip
    result = _cli(env=env)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["plain,kongsvinger.vedtak"]


def test_a_broken_plugin_set_completes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSTILLING_PLUGIN_TIMEOUT", "not a number")
    [param] = [p for p in _command("render").params if "--template" in p.opts]
    assert _complete_formats(click.Context(cli), param, "st") == []


# --- amounts through Babel ---


@given(st.decimals(min_value=0, max_value=Decimal("1e15"), places=2))
def test_summary_amounts_are_written_as_the_english_reports_write_them(amount: Decimal) -> None:
    money = Money(amount)
    summary = summarise(_STIFINNEREN)
    lines = summary_lines("x.yaml", attrs.evolve(summary, savings_target=money))
    [measures] = [line for line in lines if line.startswith("  measures:")]
    written = format_value(money, FieldType.MONEY, Language.EN).replace("\u00a0", " ")
    assert measures.endswith(f", target {written}")
    assert written.startswith("NOK ")


def test_summary_of_an_example() -> None:
    result = _cli("summary", STIFINNEREN)
    assert "  measures:      6, target NOK 80,000,000" in result.stdout.splitlines()
