"""A plugin that misbehaves is named and contained: an exception of its own that is
not an :class:`Exception`, an endless loop at import, in a registration hook or in a
hook called while rendering, and printing while it loads neither stop nor hang
``omstilling plugins``, ``render`` or ``batch``, nor spoil ``plugins --json``."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import threading
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import omstilling.plugins
from omstilling.builtin import register_builtins
from omstilling.cycle import build_report
from omstilling.errors import RenderError
from omstilling.files import load
from omstilling.hookspecs import ReportFormat, hookimpl
from omstilling.plugins import PluginError, Plugins, load_plugins
from omstilling.report import Report

from ..conftest import EXAMPLES
from ..plugin_helpers import good_plugin, make_distribution, run_omstilling

STIFINNEREN = EXAMPLES / "stifinneren-2004.yaml"

LIMIT = {"OMSTILLING_PLUGIN_TIMEOUT": "1"}
"""A time limit of one second, for tests that wait for it."""

HANG = 60
"""Seconds after which a command counts as hanging: the test fails instead of the
test run hanging."""

TOO_LONG = (
    "did not finish within 1 s (the time limit for plugins; OMSTILLING_PLUGIN_TIMEOUT sets it)"
)

BOOM_AT_IMPORT = """
class Boom(BaseException):
    pass


raise Boom("kaboom")
"""

LOOP_AT_IMPORT = """
while True:
    pass
"""

LOOP_IN_REPORT_FORMATS = """
from omstilling.hookspecs import hookimpl


@hookimpl
def report_formats():
    while True:
        try:
            pass
        except Exception:
            pass
"""

LOOP_IN_ADJUST_REPORT = """
from omstilling.hookspecs import hookimpl


@hookimpl
def adjust_report(report, format_id):
    while True:
        pass
"""

PRINTS = """
from omstilling.hookspecs import hookimpl

print("Hei fra pratsom!")


@hookimpl
def report_formats():
    print("report_formats, her")
    return []
"""


def _render(
    site: Path, out: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = ["render", str(STIFINNEREN), "--template", "status", "--period", "2004-H1"]
    return run_omstilling(site, *command, "-o", str(out), env=env, timeout=HANG)


def _batch(
    site: Path, out: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = ["batch", str(STIFINNEREN), "--template", "status", "--period", "2004-H1"]
    # two worker processes, which load the plugins too
    options = ["--suffix", ".md", "--jobs", "2", "-o", str(out)]
    return run_omstilling(site, *command, *options, env=env, timeout=HANG)


def _plugins_json(site: Path, env: dict[str, str] | None = None) -> dict[str, list[dict[str, str]]]:
    listed = run_omstilling(site, "plugins", "--json", env=env, timeout=HANG)
    assert listed.returncode == 0, listed.stderr
    loaded: dict[str, list[dict[str, str]]] = json.loads(listed.stdout)
    return loaded


# --- a BaseException of its own --------------------------------------------------------


def test_a_base_exception_at_import_is_only_a_failure(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "god-plugin", "god_plugin", "god.liste")
    make_distribution(site, "boom-plugin", "boom_plugin", BOOM_AT_IMPORT)

    listed = run_omstilling(site, "plugins", timeout=HANG)
    assert listed.returncode == 0, listed.stderr
    assert "boom_plugin: FAILED to load (boom-plugin 1.0): Boom: kaboom" in listed.stdout
    assert "god_plugin: god-plugin 1.0" in listed.stdout
    assert "Traceback" not in listed.stderr

    (failure,) = _plugins_json(site)["failures"]
    assert (failure["name"], failure["error"]) == ("boom_plugin", "Boom: kaboom")
    assert "boom_plugin.py" in failure["detail"]

    rendered = _render(site, tmp_path / "status.md")
    assert rendered.returncode == 0, rendered.stderr
    assert "Traceback" not in rendered.stderr
    batch = _batch(site, tmp_path / "batch")
    assert batch.returncode == 0, batch.stderr
    assert "Traceback" not in batch.stderr
    assert batch.stdout.endswith("8 files written\n")


def test_an_interrupt_at_import_still_interrupts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_distribution(site, "avbrudd-plugin", "avbrudd_plugin", "raise KeyboardInterrupt\n")
    listed = run_omstilling(site, "plugins", timeout=HANG)
    assert (listed.returncode, listed.stdout, listed.stderr) == (1, "", "\nAborted!\n")


def _module(name: str, **functions: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in functions.items():
        setattr(module, key, value)
    return module


class Boom(BaseException):
    """Not an Exception, nor SystemExit, nor KeyboardInterrupt."""


def test_a_base_exception_in_a_hook_is_the_plugins_failure() -> None:
    @hookimpl
    def report_formats() -> list[ReportFormat]:
        raise Boom("registrering")

    @hookimpl
    def adjust_report(report: Report) -> Report:
        raise Boom("justering")

    @hookimpl
    def adjust_exits(report: Report) -> Report:
        raise SystemExit(3)

    plugins = Plugins()
    register_builtins(plugins)
    assert not plugins.register(_module("feil_format", report_formats=report_formats))
    assert [(f.name, f.error) for f in plugins.failures] == [("feil_format", "Boom: registrering")]
    assert not plugins.manager.has_plugin("feil_format")

    programme = load(STIFINNEREN)
    plugins.register(_module("feil_justering", adjust_report=adjust_report))
    with pytest.raises(RenderError, match=r"^plugin 'feil_justering': adjust_report failed: Boom"):
        build_report(programme, "decision-register", plugins=plugins)
    plugins.manager.unregister(name="feil_justering")
    plugins.register(_module("avslutter", adjust_report=adjust_exits))
    with pytest.raises(RenderError, match=r"^plugin 'avslutter': adjust_report failed: SystemExit"):
        build_report(programme, "decision-register", plugins=plugins)


def test_an_interrupt_in_a_hook_still_interrupts() -> None:
    @hookimpl
    def adjust_report(report: Report) -> Report:
        raise KeyboardInterrupt

    plugins = Plugins()
    register_builtins(plugins)
    plugins.register(_module("avbryter", adjust_report=adjust_report))
    with pytest.raises(KeyboardInterrupt):
        build_report(load(STIFINNEREN), "decision-register", plugins=plugins)


# --- endless loops ---------------------------------------------------------------------


def test_a_plugin_that_loops_while_it_loads_is_stopped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "god-plugin", "god_plugin", "god.liste")
    make_distribution(site, "evig-import", "evig_import", LOOP_AT_IMPORT)
    make_distribution(site, "evig-format", "evig_format", LOOP_IN_REPORT_FORMATS)

    listed = run_omstilling(site, "plugins", env=LIMIT, timeout=HANG)
    assert listed.returncode == 0, listed.stderr
    assert (
        f"evig_format: FAILED to load (evig-format 1.0): hook report_formats {TOO_LONG}"
        in listed.stdout
    )
    assert f"evig_import: FAILED to load (evig-import 1.0): importing it {TOO_LONG}" in (
        listed.stdout
    )
    assert "god_plugin: god-plugin 1.0" in listed.stdout

    failures = _plugins_json(site, env=LIMIT)["failures"]
    assert [f["name"] for f in failures] == ["evig_format", "evig_import"]
    assert "evig_import.py" in failures[1]["detail"]  # where it was when it was stopped

    rendered = _render(site, tmp_path / "status.md", env=LIMIT)
    assert rendered.returncode == 0, rendered.stderr
    batch = _batch(site, tmp_path / "batch", env=LIMIT)
    assert batch.returncode == 0, batch.stderr
    assert batch.stdout.endswith("8 files written\n")


def test_a_hook_that_loops_while_rendering_is_stopped_and_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_distribution(site, "evig-justering", "evig_justering", LOOP_IN_ADJUST_REPORT)

    listed = run_omstilling(site, "plugins", env=LIMIT, timeout=HANG)
    assert listed.returncode == 0, listed.stderr
    assert "evig_justering: evig-justering 1.0" in listed.stdout

    out = tmp_path / "status.md"
    rendered = _render(site, out, env=LIMIT)
    assert rendered.returncode == 1
    assert rendered.stderr == f"{out}: plugin 'evig_justering': adjust_report {TOO_LONG}\n"
    assert not out.exists()

    batch = _batch(site, tmp_path / "batch", env=LIMIT)
    assert batch.returncode == 1
    failed = [line for line in batch.stderr.splitlines() if "evig_justering" in line]
    assert len(failed) == 8
    named = f"plugin 'evig_justering': adjust_report {TOO_LONG}"
    assert all(line.endswith(named) for line in failed)
    assert batch.stdout.endswith("0 files written, 8 failed\n")


_entered: list[Report] = []


@hookimpl
def _loop_adjusting(report: Report) -> Report:
    _entered.append(report)
    while True:
        # a plugin's own catch-all does not keep it running
        with contextlib.suppress(Exception):
            time.sleep(0.01)


@hookimpl
def _slow_adjusting(report: Report) -> None:
    time.sleep(0.3)


def _adjusting(function: object, timeout: float | None) -> Plugins:
    plugins = Plugins(timeout=timeout)
    register_builtins(plugins)
    plugins.register(_module("justerer", adjust_report=function))
    return plugins


@pytest.fixture
def report() -> Report:
    plugins = Plugins()
    register_builtins(plugins)
    return build_report(load(STIFINNEREN), "decision-register", plugins=plugins)


@pytest.fixture
def alarm() -> Iterator[list[int]]:
    """A SIGALRM handler of the test's own, which records the signals it gets."""
    received: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: received.append(signum))
    yield received
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_a_hook_call_has_a_time_limit(report: Report, alarm: list[int]) -> None:
    plugins = _adjusting(_loop_adjusting, 0.2)
    started = time.monotonic()
    with pytest.raises(PluginError) as raised:
        plugins.adjust(report, "decision-register")
    assert time.monotonic() - started < 5
    stopped = (
        "plugin 'justerer': adjust_report did not finish within 0.2 s "
        "(the time limit for plugins; OMSTILLING_PLUGIN_TIMEOUT sets it)"
    )
    assert str(raised.value) == stopped
    # a plugin stopped once is not called again: a batch does not wait for it per file
    assert _entered == [report]
    with pytest.raises(PluginError) as again:
        plugins.call("adjust_report", report=report, format_id="status")
    assert str(again.value) == stopped
    assert _entered == [report]
    # the previous handler is back, and no timer is left running
    assert signal.getsignal(signal.SIGALRM) is not None
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    signal.raise_signal(signal.SIGALRM)
    assert alarm == [signal.SIGALRM]
    # a hook that returns in time is not stopped, and the limit is gone after it
    assert _adjusting(_slow_adjusting, 5).adjust(report, "decision-register") is report
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_limit_where_signals_cannot_be_used(report: Report, alarm: list[int]) -> None:
    slow = _adjusting(_slow_adjusting, 0.05)
    # another thread than the main one: no limit
    results: list[Report] = []
    thread = threading.Thread(target=lambda: results.append(slow.adjust(report, "x")))
    thread.start()
    thread.join()
    assert results == [report]
    # a timer of the program's own is running: it stands, and no limit is added
    signal.setitimer(signal.ITIMER_REAL, 30)
    assert slow.adjust(report, "x") is report
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 20
    assert alarm == []
    # no limit asked for
    assert _adjusting(_slow_adjusting, 0).adjust(report, "x") is report
    assert _adjusting(_slow_adjusting, None).adjust(report, "x") is report


def test_the_time_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMSTILLING_PLUGIN_TIMEOUT", raising=False)
    assert load_plugins().timeout == omstilling.plugins.DEFAULT_TIMEOUT == 10
    assert load_plugins(timeout=2.5).timeout == 2.5
    assert load_plugins(timeout=0).timeout is None
    monkeypatch.setenv("OMSTILLING_PLUGIN_TIMEOUT", "3")
    assert load_plugins().timeout == 3
    assert load_plugins(timeout=1).timeout == 1
    monkeypatch.setenv("OMSTILLING_PLUGIN_TIMEOUT", "0")
    assert load_plugins().timeout is None
    for wrong in ("ti", "-1", "inf", "nan"):
        monkeypatch.setenv("OMSTILLING_PLUGIN_TIMEOUT", wrong)
        with pytest.raises(PluginError, match=r"^OMSTILLING_PLUGIN_TIMEOUT is a number of seconds"):
            load_plugins()
    with pytest.raises(PluginError, match=r"^timeout is a number of seconds"):
        Plugins(timeout=-1)


# --- printing --------------------------------------------------------------------------


def test_what_a_plugin_prints_while_it_loads_goes_to_standard_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "god-plugin", "god_plugin", "god.liste")
    make_distribution(site, "pratsom-plugin", "pratsom", PRINTS)

    listed = run_omstilling(site, "plugins", "--json", timeout=HANG)
    assert listed.returncode == 0, listed.stderr
    loaded = json.loads(listed.stdout)
    assert "pratsom" in [p["name"] for p in loaded["plugins"]]
    assert listed.stderr == "Hei fra pratsom!\nreport_formats, her\n"

    listed = run_omstilling(site, "plugins", timeout=HANG)
    assert "Hei fra" not in listed.stdout
    assert "pratsom: pratsom-plugin 1.0" in listed.stdout
