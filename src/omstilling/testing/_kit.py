"""Fixtures and conformance checks for plugin authors."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

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
]


class PluginCheckError(OmstillingError, AssertionError):
    """A plugin that does not conform, with every problem found (an
    :class:`AssertionError` too, so that test runners report it as a failure).

    .. versionadded:: 0.1
    """

    code = "plugin"

    def __init__(self, problems: list[str]) -> None:
        super().__init__([Problem("", problem, "plugin") for problem in problems])


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
            problems.append(f"{report_format.id}: build → parse → build changed the report:")
            problems += _differences(report, again, "built", "built again")
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
        lost = _differences(filled, again, "filled in", "read back")
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
        raise PluginCheckError(
            [
                f"{exporter.id} → {importer.id}: the report read back differs:",
                *_differences(report, back, "written", "read back"),
            ]
        )
    return back


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:100]}… ({len(text)} characters)"


def _mapping_differences(
    at: str, first: Mapping[str, object], second: Mapping[str, object], was: str, now: str
) -> list[str]:
    return [
        f"  {at}.{key}: {was} {_show(first.get(key))}, {now} {_show(second.get(key))}"
        for key in dict.fromkeys([*first, *second])
        if first.get(key) != second.get(key)
    ]


def _differences(first: Report, second: Report, was: str, now: str) -> list[str]:
    """Each field that differs between two reports, by its path:
    ``sections[1] (milestones).rows[0].report_date: filled in 2014-05, read back None``."""
    lines = [
        f"  {field.name}: {was} {_show(getattr(first, field.name))}, "
        f"{now} {_show(getattr(second, field.name))}"
        for field in attrs.fields(Report)
        if field.name != "sections" and getattr(first, field.name) != getattr(second, field.name)
    ]
    if len(first.sections) != len(second.sections):
        lines.append(
            f"  sections: {was} {len(first.sections)} "
            f"({', '.join(s.key for s in first.sections)}), {now} {len(second.sections)} "
            f"({', '.join(s.key for s in second.sections)})"
        )
    for index, (one, other) in enumerate(zip(first.sections, second.sections, strict=False)):
        at = f"sections[{index}] ({one.key})"
        for name in ("key", "title", "note"):
            if getattr(one, name) != getattr(other, name):
                lines.append(
                    f"  {at}.{name}: {was} {_show(getattr(one, name))}, "
                    f"{now} {_show(getattr(other, name))}"
                )
        lines += _mapping_differences(f"{at}.values", one.values, other.values, was, now)
        if len(one.rows) != len(other.rows):
            lines.append(f"  {at}.rows: {was} {len(one.rows)} rows, {now} {len(other.rows)}")
        for row_index, (row, other_row) in enumerate(zip(one.rows, other.rows, strict=False)):
            lines += _mapping_differences(f"{at}.rows[{row_index}]", row, other_row, was, now)
    return lines
