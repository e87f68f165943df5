"""The PDF plugin: registered like a third party's, and ``omstilling render … -o x.pdf``
writes a tagged PDF (PDF/UA flag, title and language from the Word document) where
LibreOffice is installed, and fails with one line saying what to install where it is
not, leaving the output as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import omstilling_pdf
import pytest
from omstilling_pdf._convert import INSTALL

from omstilling.plugins import load_plugins
from omstilling.testing import check_plugin

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "stifinneren-2004.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdfinfo") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed, so no PDF was made or "
    "checked (CI installs them; locally: apt-get install libreoffice-writer-nogui "
    "poppler-utils)",
)


def _render(output: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, "-m", "omstilling", "render", str(EXAMPLE)]
    command += ["--template", "status", "--period", "2004-H1", "-o", str(output)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_the_plugin_registers_the_pdf_exporter() -> None:
    plugins = check_plugin(omstilling_pdf, "pdf")
    exporter = plugins.exporter(".pdf")
    assert exporter.id == "pdf"
    assert exporter.media_type == "application/pdf"
    assert load_plugins().exporter_for_base(".dotx").id == "docx", "the Word exporter's alone"


@needs_libreoffice
def test_render_writes_a_tagged_pdf_with_title_and_language(tmp_path: Path) -> None:
    output = tmp_path / "s.pdf"
    result = _render(output)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(
        ["pdfinfo", str(output)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert "Stifinneren" in fields["Title"]
    assert int(fields["Pages"]) > 1
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(output)], capture_output=True, text=True, check=True
    ).stdout
    assert "pdfuaid:part>1<" in meta.replace(" ", "")
    assert b"/Lang(nb-NO)" in output.read_bytes()
    assert not list(tmp_path.glob("*.docx")), "no Word document left behind"


def test_without_libreoffice_one_line_and_exit_1(tmp_path: Path) -> None:
    output = tmp_path / "s.pdf"
    output.write_bytes(b"the user's earlier file")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = _render(output, path=str(empty))
    assert result.returncode == 1
    # the plugin's own message, said as it is: not as a fault of the plugin
    assert result.stderr == f"{output}: {INSTALL}\n"
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert output.read_bytes() == b"the user's earlier file"


def test_a_timeout_that_is_not_a_number_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from omstilling_pdf._convert import convert

    from omstilling.errors import RenderError

    monkeypatch.setenv("OMSTILLING_PDF_TIMEOUT", "soon")
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice")
    with pytest.raises(RenderError, match="OMSTILLING_PDF_TIMEOUT is not a number"):
        convert(b"")
