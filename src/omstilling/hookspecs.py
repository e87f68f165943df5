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

Every hook returns typed, frozen registration objects (:class:`ReportFormat`,
:class:`Exporter`, :class:`Importer`), never dictionaries. The plugins shipped with
omstilling (its built-in exporters, Word, Excel, the municipality formats) are
registered the same way.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pluggy

from .model import Language, Period, Programme
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
            "an id is lower-case words of a-z, 0-9, '-' and '_', "
            f"joined by dots ('kongsvinger.vedtak'): {value!r}"
        )
        raise ValueError(msg)


@field_validator
def _check_suffix(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _SUFFIX_RE.match(value):
        msg = f"a suffix is a dot and lower-case letters or digits ('.docx'): {value!r}"
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


@attrs.frozen(kw_only=True)
class BuildRequest:
    """What to build a report for: a period, a participant (for reports of one
    participant) and a language (the format's own if ``None``).

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

    ``id`` is lower-case words joined by dots: ``status``, ``kongsvinger.vedtak``.

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


@attrs.frozen(kw_only=True)
class ExportOptions:
    """How to export: a base document (a municipality's own .docx or .xlsx with its
    letterhead and styles) and the customisation hooks of the installed plugins.

    Exporters call ``customise_docx(document, report)`` on their python-docx
    ``Document`` and ``customise_xlsx(workbook, report)`` on their openpyxl
    ``Workbook`` just before saving.

    .. versionadded:: 0.1
    """

    base: bytes | None = None
    customise_docx: Callable[[Any, Report], None] = lambda document, report: None
    customise_xlsx: Callable[[Any, Report], None] = lambda workbook, report: None


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
    besides ``suffix`` itself: a Word exporter may take a template, ``(".dotx",)``.

    .. versionadded:: 0.1
    """


@attrs.frozen(kw_only=True)
class ImportRequest:
    """What an importer is asked to read: the file's name (for messages) and the
    schema the report is expected to have, if known.

    .. versionadded:: 0.1
    """

    source: str
    schema: ReportSchema | None = None


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
        section, reword a title, leave out what must not be published.

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
    def customise_docx(self, document: Any, report: Report) -> None:
        """Customise a Word document in place before it is saved: a logo in the
        header, the municipality's styles, a footer.

        :param document: the python-docx ``Document`` being exported.
        :param report: the report it renders.
        :returns: nothing; change ``document`` in place.

        Not ``firstresult``: every plugin's customisation is applied.

        Example::

            @hookimpl
            def customise_docx(document, report):
                document.sections[0].header.paragraphs[0].text = "Flesberg kommune"

        .. versionadded:: 0.1
        """
        raise NotImplementedError

    @hookspec
    def customise_xlsx(self, workbook: Any, report: Report) -> None:
        """Customise an Excel workbook in place before it is saved.

        :param workbook: the openpyxl ``Workbook`` being exported.
        :param report: the report it renders.
        :returns: nothing; change ``workbook`` in place.

        Not ``firstresult``: every plugin's customisation is applied.

        Example::

            @hookimpl
            def customise_xlsx(workbook, report):
                workbook.properties.creator = "Rollag kommune"

        .. versionadded:: 0.1
        """
        raise NotImplementedError
