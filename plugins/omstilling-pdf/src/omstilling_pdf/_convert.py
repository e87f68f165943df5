"""A Word document converted to PDF by LibreOffice headless, in a directory (and with
a user profile) of its own that is removed afterwards."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from omstilling._office import convert as run_libreoffice
from omstilling._office import find_soffice
from omstilling.errors import RenderError

from . import EXPORT_FILTER, TIMEOUT

__all__ = ["INSTALL", "convert", "soffice"]

INSTALL = (
    "writing PDF needs LibreOffice: install it (Debian/Ubuntu: apt-get install "
    "libreoffice-writer-nogui; macOS: brew install --cask libreoffice; Windows: "
    "https://www.libreoffice.org/download/) so that 'soffice' is on the PATH"
)


def soffice() -> str:
    """The LibreOffice program on the ``PATH``; :class:`RenderError` saying what to
    install if there is none."""
    found = find_soffice()
    if found is None:
        raise RenderError(INSTALL)
    return found


def _timeout() -> float:
    text = os.environ.get("OMSTILLING_PDF_TIMEOUT", "")
    try:
        return float(text) if text else TIMEOUT
    except ValueError:
        raise RenderError(f"OMSTILLING_PDF_TIMEOUT is not a number of seconds: {text!r}") from None


def convert(docx: bytes) -> bytes:
    """The PDF LibreOffice makes of the Word document ``docx``."""
    program, timeout = soffice(), _timeout()
    with tempfile.TemporaryDirectory(prefix="omstilling-pdf-") as work:
        source = Path(work, "report.docx")
        source.write_bytes(docx)
        # stopped with every process it started when it takes too long
        try:
            run = run_libreoffice(
                program,
                [source],
                to=EXPORT_FILTER,
                outdir=Path(work),
                profile=Path(work, "profile"),
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"LibreOffice took longer than {timeout:g} s to write the PDF and was "
                "stopped (OMSTILLING_PDF_TIMEOUT sets the limit)"
            ) from None
        pdf = source.with_suffix(".pdf")
        # LibreOffice exits 0 even when it could not convert: the file tells
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = " ".join((run.stderr or run.stdout).split())[:300]
            raise RenderError(f"LibreOffice could not convert the report to PDF: {said}")
        return pdf.read_bytes()
