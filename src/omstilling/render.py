"""From a programme to a report file: build, adjust, export, write.

These are the calls behind ``omstilling render``, for tools that import the library::

    from omstilling.render import render
    from omstilling.serialize import load

    render(load("examples/stifinneren-2004.yaml"), "status", "status.docx", period="2004-H1")

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
from pathlib import Path

from ._atomic import atomic_write
from .hookspecs import BuildRequest
from .model import Language, Period, Programme
from .plugins import PluginError, Plugins, load_plugins
from .report import Report

__all__ = ["RenderError", "build_report", "export_report", "render"]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class RenderError(Exception):
    """A report that cannot be built or exported, with a message saying why.

    .. versionadded:: 0.1
    """


def _period(value: Period | str | None) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    try:
        return Period.parse(str(value))
    except ValueError as exc:
        raise RenderError(str(exc)) from None


def _language(value: Language | str | None) -> Language | None:
    if value is None or isinstance(value, Language):
        return value
    try:
        return Language(str(value).lower())
    except ValueError:
        choices = ", ".join(language.value for language in Language)
        raise RenderError(f"not a language ({choices}): {value!r}") from None


def build_report(
    programme: Programme,
    format_id: str,
    *,
    period: Period | str | None = None,
    participant: str | None = None,
    language: Language | str | None = None,
    plugins: Plugins | None = None,
) -> Report:
    """Build the report of format ``format_id`` for ``programme``, adjusted by the
    installed plugins.

    Raises :class:`RenderError` for an unknown format, a missing period or
    participant the format needs, or a participant the programme does not have.

    .. versionadded:: 0.1
    """
    plugins = plugins or load_plugins()
    try:
        report_format = plugins.format(format_id)
    except PluginError as exc:
        raise RenderError(str(exc)) from None
    request = BuildRequest(
        period=_period(period),
        participant=participant,
        language=_language(language),
    )
    if report_format.needs_period and request.period is None:
        raise RenderError(f"the format {format_id!r} needs a period (--period 2004-H1)")
    if report_format.needs_participant and request.participant is None:
        raise RenderError(f"the format {format_id!r} needs a participant (--participant ID)")
    if participant is not None and participant not in {
        p.organisation for p in programme.participants
    }:
        known = ", ".join(p.organisation for p in programme.participants) or "none"
        raise RenderError(f"{programme.id!r} has no participant {participant!r} (it has: {known})")
    plugin = plugins.format_plugin(format_id)
    try:
        report = report_format.build(programme, request)
    except Exception as exc:  # a plugin's fault: reported with its name, never a traceback
        raise RenderError(
            f"the format {format_id!r} (plugin {plugin!r}) could not build the report: "
            f"{_describe(exc)}"
        ) from exc
    if not isinstance(report, Report) or report.schema.id != report_format.schema.id:
        raise RenderError(
            f"the format {format_id!r} (plugin {plugin!r}) built "
            f"{type(report).__name__}, not a report of schema {report_format.schema.id!r}"
        )
    try:
        return plugins.adjust(report, format_id)
    except PluginError as exc:
        raise RenderError(str(exc)) from exc


def export_report(
    report: Report,
    suffix: str,
    *,
    base: bytes | None = None,
    plugins: Plugins | None = None,
) -> bytes:
    """``report`` as the bytes of a file of type ``suffix`` (``".docx"``, ``".md"``).

    .. versionadded:: 0.1
    """
    plugins = plugins or load_plugins()
    try:
        exporter = plugins.exporter(suffix)
    except PluginError as exc:
        raise RenderError(str(exc)) from None
    plugin = plugins.exporter_plugin(exporter)
    try:
        data = exporter.export(report, plugins.export_options(base))
    except Exception as exc:  # a plugin's fault: reported with its name, never a traceback
        raise RenderError(
            f"the {exporter.id} exporter (plugin {plugin!r}) failed: {_describe(exc)}"
        ) from exc
    if not isinstance(data, bytes):
        raise RenderError(
            f"the {exporter.id} exporter (plugin {plugin!r}) returned "
            f"{type(data).__name__}, not bytes"
        )
    return data


def render(
    programme: Programme,
    format_id: str,
    output: str | os.PathLike[str],
    *,
    period: Period | str | None = None,
    participant: str | None = None,
    language: Language | str | None = None,
    base: bytes | None = None,
    plugins: Plugins | None = None,
) -> Report:
    """Build the report and write it to ``output``, whose suffix picks the exporter.

    The file is written atomically: if anything fails, ``output`` is left as it was.
    Returns the report that was written.

    .. versionadded:: 0.1
    """
    plugins = plugins or load_plugins()
    report = build_report(
        programme,
        format_id,
        period=period,
        participant=participant,
        language=language,
        plugins=plugins,
    )
    data = export_report(report, Path(output).suffix, base=base, plugins=plugins)
    atomic_write(output, data)
    return report
