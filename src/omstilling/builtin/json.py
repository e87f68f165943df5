"""JSON report files: the exporter that writes a report with its schema, losslessly,
and the importer that reads such a file back.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterable

from ..files import dumps_report, loads_report
from ..hookspecs import Exporter, ExportOptions, Importer, ImportRequest, hookimpl
from ..report import Report

__all__ = ["exporters", "importers", "to_json"]


def to_json(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as a JSON report file: the report and its schema, losslessly.

    .. versionadded:: 0.1
    """
    return dumps_report(report, "json").encode("utf-8")


def _read_json(data: bytes, request: ImportRequest) -> Report:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start})"
        raise ValueError(msg) from None
    report = loads_report(text, "json", source=request.source)
    if request.schema is not None and report.schema.id != request.schema.id:
        msg = f"a report of schema {report.schema.id!r}, not {request.schema.id!r}"
        raise ValueError(msg)
    return report


@hookimpl
def exporters() -> Iterable[Exporter]:
    """JSON, for diffs, archives and reading back."""
    return [
        Exporter(
            id="json",
            suffix=".json",
            media_type="application/json",
            export=to_json,
            description="JSON report file, lossless",
        ),
    ]


@hookimpl
def importers() -> Iterable[Importer]:
    """JSON report files, as :func:`to_json` writes them."""
    return [
        Importer(
            id="json",
            suffixes=(".json",),
            media_type="application/json",
            read=_read_json,
            description="JSON report file",
        )
    ]
