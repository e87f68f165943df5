"""PDF export for omstilling reports: the Word document, converted by LibreOffice.

A plugin like any third party's: installed, it registers the exporter ``pdf`` through
the ``omstilling`` entry-point group (``pdf = "omstilling_pdf"``), so
``omstilling render … -o status.pdf`` and the batch write PDF files.

The report is rendered by the Word exporter (:func:`omstilling_word.to_docx`, with
every installed plugin's ``customise_docx`` hook and the base document, if one is
given) and converted by LibreOffice headless to a tagged PDF with the PDF/UA flag;
its title and language are the Word document's. LibreOffice is not a Python package:
where ``soffice`` is not on the ``PATH`` the export fails with one line saying what to
install.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Iterable

from omstilling.hookspecs import Exporter, ExportOptions, hookimpl
from omstilling.report import Report

__all__ = ["EXPORT_FILTER", "MEDIA_TYPE", "TIMEOUT", "exporters", "to_pdf"]

MEDIA_TYPE = "application/pdf"
"""The media type of PDF files."""

EXPORT_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
"""LibreOffice's ``--convert-to`` argument: Writer's PDF export, tagged (the
document's structure for screen readers), with the PDF/UA flag."""

TIMEOUT = 300.0
"""Seconds LibreOffice may take for one document (environment variable
``OMSTILLING_PDF_TIMEOUT`` overrides it) before it is stopped."""


def to_pdf(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as the bytes of a tagged PDF (PDF/UA flag, title and language set).

    ``options`` are the Word exporter's: ``options.base`` is a .docx (or .dotx) the
    report is appended to (a municipality's letterhead), and the installed plugins'
    ``customise_docx`` hooks are called through ``options.call``.

    Raises :class:`~omstilling.errors.RenderError` where LibreOffice is not installed,
    fails or takes longer than :data:`TIMEOUT` seconds; no file it made is left behind.

    .. versionadded:: 0.2
    """
    from omstilling_word import to_docx

    from ._convert import convert

    return convert(to_docx(report, options if options is not None else ExportOptions()))


@hookimpl
def exporters() -> Iterable[Exporter]:
    """Register the PDF exporter, ``pdf``."""
    return [
        Exporter(
            id="pdf",
            suffix=".pdf",
            media_type=MEDIA_TYPE,
            export=to_pdf,
            description="PDF (tagged, PDF/UA flag) converted from the Word document by LibreOffice",
            # no base_suffixes: a .docx or .dotx base stays the Word exporter's in a
            # batch; omstilling render passes its --base to this exporter as it is
        )
    ]
