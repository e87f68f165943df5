"""What a plugin can give omstilling: the hook specifications and the typed objects
the registration hooks return.

A plugin is a module (or any object) with functions marked :data:`hookimpl`, made
known through the ``omstilling`` entry-point group::

    # pyproject.toml of your plugin
    [project.entry-points.omstilling]
    flesberg = "omstilling_flesberg"

    # omstilling_flesberg.py
    from omstilling.hookspecs import ReportFormat, hookimpl

    @hookimpl
    def report_formats():
        return [ReportFormat(id="flesberg.status", schema=..., build=...)]

Every registration hook returns typed, frozen registration objects
(:class:`ReportFormat`, :class:`Exporter`, :class:`Importer`), never dictionaries. The
plugins shipped with omstilling (its built-in exporters and the plugins of its
repository) are registered the same way.

omstilling declares no hook about any file type. A plugin declares hooks of its own
for other plugins to implement (:meth:`Specs.hookspecs`), as pytest plugins add
hooks: an exporter's hook to customise the files it writes, which the exporter calls
through :attr:`ExportOptions.call`.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pluggy

from .model import Language, Period, Programme
from .model._typed import typed_fields
from .model._values import check_text, field_validator
from .report import Report, ReportSchema

__all__ = [
    "PROJECT_NAME",
    "BuildRequest",
    "ExportOptions",
    "Exporter",
    "ImportRequest",
    "Importer",
    "ReportFormat",
    "Specs",
    "hookimpl",
    "hookspec",
]

PROJECT_NAME = "omstilling"
"""The pluggy project name, and the entry-point group plugins are found in."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a hook specification (used by :class:`Specs`)."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a plugin's implementation of a hook: ``@hookimpl def report_formats(): ...``."""

_FORMAT_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")
_SUFFIX_RE = re.compile(r"^\.[a-z0-9]+$")


@field_validator
def _check_format_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _FORMAT_ID_RE.match(value):
        msg = (
            "an id is lower-case names of a-z, 0-9, '-' and '_', "
            f"joined by dots ('kongsvinger.vedtak'): {value!r}"
        )
        raise ValueError(msg)


@field_validator
def _check_suffix(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _SUFFIX_RE.match(value):
        msg = f"a suffix is a dot and lower-case letters or digits ('.csv'): {value!r}"
        raise ValueError(msg)


@field_validator
def _check_suffixes(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        msg = "an importer reads at least one suffix"
        raise ValueError(msg)
    for suffix in value:
        _check_suffix(_, attribute, suffix)


@field_validator
def _check_base_suffixes(
    _: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for suffix in value:
        _check_suffix(_, attribute, suffix)


@field_validator
def _check_callable(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not callable(value):
        msg = f"must be callable, not {type(value).__name__}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BuildRequest:
    """What to build a report for: a period, a participant (for reports of one
    participant) and a language (the format's own if ``None``).

    Its fields take what the model's take (see :mod:`omstilling.model`): a
    :class:`~omstilling.model.Period` or its text (``"2004-H1"``), a
    :class:`~omstilling.model.Language` or its value (``"nn"``); anything else raises
    :class:`~omstilling.errors.FieldError`.

    .. versionadded:: 0.1
    """

    period: Period | None = None
    participant: str | None = None
    language: Language | None = None


@attrs.frozen(kw_only=True)
class ReportFormat:
    """A report format: a report schema and the conversions between it and the
    domain model.

    - ``build(programme, request)`` makes the :class:`~omstilling.report.Report`;
    - ``parse(report, programme)``, where the format can be read back, returns the
      programme with what the report says merged into it.

    ``id`` is lower-case names joined by dots: ``status``, ``kongsvinger.vedtak``.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_format_id)
    schema: ReportSchema = attrs.field(validator=attrs.validators.instance_of(ReportSchema))
    build: Callable[[Programme, BuildRequest], Report] = attrs.field(validator=_check_callable)
    parse: Callable[[Report, Programme], Programme] | None = attrs.field(
        default=None, validator=_check_callable
    )
    description: str = ""
    needs_period: bool = False
    needs_participant: bool = False


def _no_hooks(hook: str, /, **arguments: Any) -> list[Any]:
    return []


@attrs.frozen(kw_only=True)
class ExportOptions:
    """How to export: a base document (a municipality's own file of the exporter's
    type, with its letterhead and styles) and the way to the installed plugins' hooks.

    .. versionadded:: 0.1
    """

    base: bytes | None = None
    call: Callable[..., list[Any]] = attrs.field(default=_no_hooks, validator=_check_callable)
    """``call(hook, **arguments)``: call every installed plugin's implementation of
    the hook named ``hook`` with the arguments it takes, in pluggy's call order, and
    return their results (``None`` left out). An exporter calls the hooks its own
    plugin declares (:meth:`Specs.hookspecs`) this way, to let other plugins
    customise the file just before it is saved. An exception in an implementation
    is raised as a :class:`~omstilling.errors.PluginError` naming the plugin it came
    from. :meth:`~omstilling.plugins.Plugins.export_options` fills it in; the default
    calls nothing.

    .. versionadded:: 0.1
    """


@attrs.frozen(kw_only=True)
class Exporter:
    """Renders a report to the bytes of one file type.

    ``export(report, options)`` must not reach into the domain model: the report is
    all it gets.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_format_id)
    suffix: str = attrs.field(validator=_check_suffix)
    media_type: str = attrs.field(validator=check_text)
    export: Callable[[Report, ExportOptions], bytes] = attrs.field(validator=_check_callable)
    description: str = ""
    base_suffixes: tuple[str, ...] = attrs.field(default=(), validator=_check_base_suffixes)
    """The other kinds of file a base document (:attr:`ExportOptions.base`) may be,
    besides ``suffix`` itself: a template of the exporter's file type, say.

    .. versionadded:: 0.1
    """


@attrs.frozen(kw_only=True)
class ImportRequest:
    """What an importer is asked to read: the file's name (for messages), the schema
    the report is expected to have and the programme it is read into, if known.

    .. versionadded:: 0.1
    """

    source: str
    schema: ReportSchema | None = None
    programme: str | None = None
    """The id of the programme the file is read into, where known: an importer of
    files that do not name their programme gives its reports this id.

    .. versionadded:: 0.1
    """


@attrs.frozen(kw_only=True)
class Importer:
    """Reads a filled-in file back into a report.

    ``read(data, request)`` raises :class:`ValueError` (or
    :class:`~omstilling.files.ProgrammeFileError`) with a message naming the
    place in the file for anything it cannot read.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_format_id)
    suffixes: tuple[str, ...] = attrs.field(validator=_check_suffixes)
    media_type: str = attrs.field(validator=check_text)
    read: Callable[[bytes, ImportRequest], Report] = attrs.field(validator=_check_callable)
    description: str = ""


class Specs:
    """The hooks. Each is called on every plugin that implements it; none is
    ``firstresult``. A plugin implements any subset, and may leave out arguments it
    does not use.

    .. versionadded:: 0.1
    """

    @hookspec
    def report_formats(self) -> Iterable[ReportFormat]:
        """Register report formats.

        :returns: the plugin's :class:`ReportFormat` objects. Their ids must be
            unique across all installed plugins.

        Not ``firstresult``: the formats of all plugins are collected.

        Example::

            @hookimpl
            def report_formats():
                return [ReportFormat(id="flesberg.status", schema=SCHEMA, build=build)]

        .. versionadded:: 0.1
        """
        raise NotImplementedError

    @hookspec
    def exporters(self) -> Iterable[Exporter]:
        """Register exporters: one file type each.

        :returns: the plugin's :class:`Exporter` objects. Ids and suffixes must be
            unique across all installed plugins.

        Not ``firstresult``: the exporters of all plugins are collected.

        Example::

            @hookimpl
            def exporters():
                return [Exporter(id="csv", suffix=".csv", media_type="text/csv", export=to_csv)]

        .. versionadded:: 0.1
        """
        raise NotImplementedError

    @hookspec
    def importers(self) -> Iterable[Importer]:
        """Register importers that read filled-in files back into reports.

        :returns: the plugin's :class:`Importer` objects. Ids must be unique across
            all installed plugins.

        Not ``firstresult``: the importers of all plugins are collected.

        Example::

            @hookimpl
            def importers():
                return [
                    Importer(id="csv", suffixes=(".csv",), media_type="text/csv", read=read_csv)
                ]

        .. versionadded:: 0.1
        """
        raise NotImplementedError

    @hookspec
    def adjust_report(self, report: Report, format_id: str) -> Report | None:
        """Adjust a report after it is built and before it is exported: add a
        section, change a title, leave out what must not be published.

        :param report: the report as built (and as adjusted by the plugins before).
        :param format_id: the id of the format that built it.
        :returns: the adjusted report, or ``None`` to leave it as it is.

        Not ``firstresult``: every plugin's adjustment is applied in turn, each to
        the result of the one before, in pluggy's call order (the plugin registered
        last first; ``tryfirst`` and ``trylast`` are respected).

        Example::

            @hookimpl
            def adjust_report(report, format_id):
                if format_id == "status":
                    return attrs.evolve(report, title=report.title + " (utkast)")

        .. versionadded:: 0.1
        """
        raise NotImplementedError

    @hookspec
    def hookspecs(self) -> Iterable[object]:
        """Declare hooks of the plugin's own, for other plugins to implement: an
        exporter's hook that lets them customise the files it writes, say.

        :returns: classes (or modules) whose functions are marked :data:`hookspec`,
            as :class:`Specs` is. No hook may be one that omstilling or another
            plugin declares already.

        Not ``firstresult``: the hooks of all plugins are declared. The declaring
        plugin calls its hooks itself, with
        :meth:`~omstilling.plugins.Plugins.call` or, in an exporter,
        :attr:`ExportOptions.call`; an exception in an implementation is reported
        with the name of the plugin it came from.

        Plugins load in any order: an implementation registered before the hook is
        declared is checked against it then. A plugin that implements a hook no
        loaded plugin declares fails to load (the name may be misspelt), unless the
        implementation is marked ``@hookimpl(optionalhook=True)``: then it is used
        when the declaring plugin is installed and ignored when it is not.

        Example::

            class FlesbergSpecs:
                @hookspec
                def customise_page(self, page, report):
                    # a page of Flesberg's exporter, just before it is saved
                    ...

            @hookimpl
            def hookspecs():
                return [FlesbergSpecs]

            # in another plugin
            @hookimpl(optionalhook=True)
            def customise_page(page, report):
                page.footer = "Flesberg kommune"

        .. versionadded:: 0.1
        """
        raise NotImplementedError
