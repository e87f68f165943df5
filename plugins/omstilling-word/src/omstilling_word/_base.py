"""Opening the document: python-docx's template on A4 paper, or a municipality's own
base document (a .docx, or a .dotx template opened as a document).

Imported only when a report is exported (python-docx is heavy).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_document
from docx.document import Document
from docx.shared import Mm

__all__ = ["open_base"]

_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _as_document_package(base: bytes) -> bytes:
    """``base`` with a Word template's (.dotx) main part relabelled as a document's, so
    python-docx opens it; any other file unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(base)) as source:
            types = source.read("[Content_Types].xml").decode("utf-8")
            if not any(t in types for t in _TEMPLATE_TYPES):
                return base
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        for template_type in _TEMPLATE_TYPES:
                            types = types.replace(template_type, _DOCUMENT_TYPE)
                        data = types.encode("utf-8")
                    target.writestr(item, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return base  # python-docx says what is wrong with it


def open_base(base: bytes | None) -> Document:
    """The document to write the report into: ``base`` opened, or without one
    python-docx's template on A4 paper with 2.5 cm margins."""
    if base is None:
        document = open_document()
        section = document.sections[0]  # python-docx's template is US Letter
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
        return document
    return open_document(io.BytesIO(_as_document_package(base)))
