"""Fixtures and conformance checks for plugin authors."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from ..builtin import DEFAULT_PLUGINS, register_builtins
from ..errors import OmstillingError, Problem
from ..hookspecs import BuildRequest, Exporter, ExportOptions, Importer, ImportRequest, ReportFormat
from ..model import Programme
from ..plugins import Plugins
from ..report import Report

__all__ = [
    "PluginCheckError",
    "check_export_round_trip",
    "check_format_round_trip",
    "check_parse_round_trip",
    "check_plugin",
    "plugin_manager",
    "register_plugin",
]


class PluginCheckError(OmstillingError, AssertionError):
    """A plugin that does not conform, with every problem found (an
    :class:`AssertionError` too, so that test runners report it as a failure).

    .. versionadded:: 0.1
    """

    code = "plugin"

    def __init__(self, problems: list[str]) -> None:
        super().__init__([Problem("", problem, "plugin") for problem in problems])


@pytest.fixture
def plugin_manager() -> Plugins:
    """A fresh, strict :class:`~omstilling.plugins.Plugins` with only omstilling's
    built-in plugin registered: no other installed plugin can change the test.

    .. versionadded:: 0.1
    """
    plugins = Plugins(strict=True)
    register_builtins(plugins)
    return plugins


@pytest.fixture
def register_plugin(plugin_manager: Plugins) -> Callable[..., Plugins]:
    """A function that registers a plugin in :func:`plugin_manager` for this test
    only: ``register_plugin(my_plugin)``.

    .. versionadded:: 0.1
    """

    def register(plugin: object, name: str | None = None) -> Plugins:
        plugin_manager.register(plugin, name)
        return plugin_manager

    return register


def check_plugin(plugin: object, name: str | None = None) -> Plugins:
    """Check that ``plugin`` registers cleanly next to the built-in plugin: its hooks
    exist, every object it registers is valid, and none of its ids clash.

    Returns the :class:`~omstilling.plugins.Plugins` it was registered in; raises
    :class:`PluginCheckError` listing every problem.

    .. versionadded:: 0.1
    """
    plugins = Plugins(strict=False)
    register_builtins(plugins)
    plugins.register(plugin, name)
    problems = [f"{f.name}: {f.error}" for f in plugins.failures]
    problems += plugins.conflicts()
    if not problems:
        for info in plugins.info():
            if info.name not in DEFAULT_PLUGINS and not info.hooks:
                problems.append(f"{info.name}: implements no omstilling hook")
    if problems:
        raise PluginCheckError(problems)
    return plugins


def check_format_round_trip(
    report_format: ReportFormat,
    programme: Programme,
    request: BuildRequest | None = None,
) -> Report:
    """Check that what ``report_format`` reports survives being read back.

    Builds the report of ``programme``; if the format can ``parse``, merges the
    report into the programme and builds again, and the two reports must be equal.
    Returns the report. Raises :class:`PluginCheckError` on any difference.

    .. versionadded:: 0.1
    """
    request = request or BuildRequest()
    if report_format.needs_period and request.period is None:
        raise PluginCheckError([f"{report_format.id}: the format needs a request with a period"])
    if report_format.needs_participant and request.participant is None:
        raise PluginCheckError(
            [f"{report_format.id}: the format needs a request with a participant"]
        )
    report = report_format.build(programme, request)
    problems = []
    if not isinstance(report, Report):
        raise PluginCheckError([f"{report_format.id}: build returned {type(report).__name__}"])
    if report.schema != report_format.schema:
        problems.append(f"{report_format.id}: the report's schema is not the format's schema")
    if report_format.parse is not None:
        merged = report_format.parse(report, programme)
        again = report_format.build(merged, request)
        if again != report:
            problems.append(
                f"{report_format.id}: build → parse → build changed the report:\n"
                f"  first:  {report!r:.500}\n  second: {again!r:.500}"
            )
    if problems:
        raise PluginCheckError(problems)
    return report


def check_parse_round_trip(
    report_format: ReportFormat,
    programme: Programme,
    filled: Report,
    request: BuildRequest | None = None,
) -> Programme:
    """Check that ``report_format`` reads a filled-in report back: parsing ``filled``
    into ``programme`` and building again must give ``filled`` exactly.

    ``filled`` is a report of the format whose values were changed, as a participant
    fills it in (draw the changes with hypothesis). Returns the merged programme;
    raises :class:`PluginCheckError` if the format cannot parse or loses a change.

    .. versionadded:: 0.1
    """
    if report_format.parse is None:
        raise PluginCheckError([f"{report_format.id}: the format cannot parse reports"])
    merged = report_format.parse(filled, programme)
    again = report_format.build(merged, request or BuildRequest(period=filled.period))
    if again != filled:
        lost = [
            f"{section.key}: {section!r:.300}"
            for section, other in zip(filled.sections, again.sections, strict=False)
            if section != other
        ]
        raise PluginCheckError(
            [f"{report_format.id}: parse → build lost what was filled in:", *lost]
        )
    return merged


def check_export_round_trip(
    report: Report,
    exporter: Exporter,
    importer: Importer,
    options: ExportOptions | None = None,
) -> Report:
    """Check that ``importer`` reads back exactly the report ``exporter`` wrote.

    Returns the report read back; raises :class:`PluginCheckError` if it differs.

    .. versionadded:: 0.1
    """
    data = exporter.export(report, options or ExportOptions())
    back = importer.read(data, ImportRequest(source=f"<{exporter.id}>", schema=report.schema))
    if back != report:
        differences = [
            field.name
            for field in attrs.fields(Report)
            if getattr(back, field.name) != getattr(report, field.name)
        ]
        raise PluginCheckError(
            [f"{exporter.id} → {importer.id}: the report changed in {', '.join(differences)}"]
        )
    return back
