"""From a programme to a report file: build, adjust, export, write.

These are the calls behind ``omstilling render``, for tools that import the library::

    from omstilling import load, render

    render(load("examples/stifinneren-2004.yaml"), "status", "status.docx", period="2004-H1")

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .._messages import _
from ..errors import OmstillingError, PluginError, RenderError, describe
from ..files import atomic_write
from ..hookspecs import BuildRequest
from ..model import Language, Period, Programme
from ..plugins import Plugins, load_plugins
from ..report import Report
from ._args import language_of, participant_of, period_choices, period_of
from ._output import check_output

__all__ = ["build_report", "export_report", "render", "write_report"]


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

    Raises :class:`~omstilling.errors.RenderError` for an unknown format or a
    missing period or participant the format needs, and
    :class:`~omstilling.errors.ArgumentError` for a period or language that is not
    one, or a participant the programme does not have.

    .. versionadded:: 0.1
    """
    plugins = plugins or load_plugins()
    try:
        report_format = plugins.format(format_id)
    except PluginError as exc:
        raise RenderError(str(exc)) from None
    request = BuildRequest(
        period=period_of(period),
        participant=participant_of(programme, participant),
        language=language_of(language),
    )
    if report_format.needs_period and request.period is None:
        choices = period_choices(programme)
        hint = (
            _("--period, one of {choices}").format(choices=choices)
            if choices
            else "--period (2005, 2004-H1, 2012-T2)"
        )
        msg = _("the format {format} needs a period: give {hint}")
        raise RenderError(msg.format(format=repr(format_id), hint=hint))
    if report_format.needs_participant and request.participant is None:
        msg = _("the format {format} needs a participant (--participant ID)")
        raise RenderError(msg.format(format=repr(format_id)))
    plugin = plugins.format_plugin(format_id)
    try:
        report = report_format.build(programme, request)
    except Exception as exc:  # a plugin's fault: reported with its name, never a traceback
        raise RenderError(
            f"the format {format_id!r} (plugin {plugin!r}) could not build the report: "
            f"{describe(exc)}"
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
    except PluginError as exc:  # a hook the exporter called failed: it names its plugin
        raise RenderError(str(exc)) from exc
    except OmstillingError:  # the exporter's own word on what is wrong: said as it is
        raise
    except Exception as exc:  # a plugin's fault: reported with its name, never a traceback
        raise RenderError(
            f"the {exporter.id} exporter (plugin {plugin!r}) failed: {describe(exc)}"
        ) from exc
    if not isinstance(data, bytes):
        raise RenderError(
            f"the {exporter.id} exporter (plugin {plugin!r}) returned "
            f"{type(data).__name__}, not bytes"
        )
    return data


def write_report(
    report: Report,
    output: str | os.PathLike[str],
    *,
    base: bytes | None = None,
    plugins: Plugins | None = None,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Export ``report`` to ``output``, whose suffix picks the exporter, atomically:
    if anything fails, ``output`` is left as it was.

    ``output`` is never one of ``inputs`` (the files the report is made from), and
    without ``force`` never a programme file or a published report: see
    :func:`check_output`.

    .. versionadded:: 0.1
    """
    check_output(output, inputs=inputs, force=force)
    data = export_report(report, Path(output).suffix, base=base, plugins=plugins)
    atomic_write(output, data)


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
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Report:
    """Build the report and write it to ``output``, whose suffix picks the exporter.

    The file is written atomically: if anything fails, ``output`` is left as it was.
    ``output`` is never one of ``inputs`` (the programme file, a base document), and
    without ``force`` never a programme file or a published report: see
    :func:`check_output`. Returns the report that was written.

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
    write_report(report, output, base=base, plugins=plugins, force=force, inputs=inputs)
    return report
