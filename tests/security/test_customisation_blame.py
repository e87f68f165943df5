"""An exception in a plugin's customisation of a Word or Excel document is blamed on
that plugin, not on the exporter that called it: ``omstilling render`` names the
plugin and the hook, with exit status 1, no traceback and no file written."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import EXAMPLES
from ..plugin_helpers import make_distribution, run_omstilling

STIFINNEREN = EXAMPLES / "stifinneren-2004.yaml"

FLESBERG = """
from omstilling.hookspecs import hookimpl


@hookimpl
def customise_docx(document):
    document.sections[0].header.paragraphs[7].text = "Flesberg kommune"


@hookimpl
def customise_xlsx(workbook):
    raise RuntimeError("the municipality's plugin is broken")
"""
"""A municipality's plugin whose customisation of both kinds of document fails."""


@pytest.mark.parametrize(
    ("suffix", "exporter", "failure"),
    [
        (".docx", "word", "customise_docx failed: IndexError: list index out of range"),
        (".xlsx", "excel", "customise_xlsx failed: RuntimeError: the municipality's plugin"),
    ],
)
def test_a_failing_customisation_is_blamed_on_its_plugin(
    tmp_path: Path, suffix: str, exporter: str, failure: str
) -> None:
    site = tmp_path / "site"
    make_distribution(site, "flesberg-plugin", "flesberg", FLESBERG)
    out = tmp_path / f"status{suffix}"
    rendered = run_omstilling(
        site, "render", str(STIFINNEREN), "--template", "status", "--period", "2004-H1",
        "-o", str(out), timeout=120,
    )  # fmt: skip
    assert rendered.returncode == 1, rendered.stderr
    assert "Traceback" not in rendered.stderr
    (line,) = rendered.stderr.splitlines()
    assert line.startswith(f"{out}: plugin 'flesberg': {failure}"), line
    message = line.removeprefix(f"{out}: ")
    assert exporter not in message, line
    assert "exporter" not in message, line
    assert not out.exists()
