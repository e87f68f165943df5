"""Every template renders every example programme to .docx and .xlsx, and LibreOffice
(as a user's office suite) opens every file: each converts to a PDF.

LibreOffice is installed by CI (.ci/run). Where it is missing these tests skip with
a message saying the files were NOT checked in an office suite."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from omstilling.cycle import render
from omstilling.formatting import ExportWarning
from omstilling.model import Programme
from omstilling.plugins import Plugins, load_plugins
from omstilling.templates import TEMPLATES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return load_plugins()


# The Excel exporter warns (ExportWarning) each time it must change a sheet name to one
# Excel accepts ("Fase 1: Kartlegging" has a colon); its own tests check those warnings.
# Here they are expected, and every other warning is still an error.
@pytest.fixture(scope="module")
def rendered(
    examples: dict[str, Programme], plugins: Plugins, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    out = tmp_path_factory.mktemp("office")
    files = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        for name, programme in examples.items():
            for template in TEMPLATES:
                for suffix in (".docx", ".xlsx"):
                    path = out / f"{name}.{template.id}{suffix}"
                    render(programme, template.id, path, period="2004-H1", plugins=plugins)
                    files.append(path)
    return files


def test_every_template_renders_every_example_to_word_and_excel(
    rendered: list[Path], examples: dict[str, Programme]
) -> None:
    assert len(rendered) == len(examples) * len(TEMPLATES) * 2
    assert all(path.stat().st_size > 1000 for path in rendered)


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LOUD SKIP: LibreOffice is not installed, so the .docx and .xlsx files were NOT "
    "checked in an office suite (CI installs it; locally: apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui)",
)
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_libreoffice_opens_every_file(rendered: list[Path], tmp_path: Path, suffix: str) -> None:
    assert SOFFICE is not None
    files = [p for p in rendered if p.suffix == suffix]
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            "timeout",
            "-k",
            "10",
            "600",
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    missing = [p.name for p in files if not (tmp_path / f"{p.stem}.pdf").exists()]
    assert missing == [], result.stdout + result.stderr
    assert all((tmp_path / f"{p.stem}.pdf").stat().st_size > 500 for p in files)
