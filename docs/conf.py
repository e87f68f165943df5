"""Sphinx configuration for the omstilling documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sphinx.application import Sphinx

from omstilling import __version__

project = "omstilling"
author = "The omstilling developers"
copyright = "2026, the omstilling developers"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = f"omstilling {release}"
language = "en"


def _problem_codes(app: Sphinx, docname: str, source: list[str]) -> None:
    """Fill the ``.. problem-codes::`` placeholder of errors.rst with the table of
    :data:`omstilling.errors.CODES`, so the page cannot drift from the code."""
    if docname != "errors":
        return
    from omstilling.errors import CODES

    rows = [f"   * - ``{code}``\n     - {meaning}" for code, meaning in CODES.items()]
    table = (
        ".. list-table::\n   :header-rows: 1\n   :widths: 20 80\n\n"
        "   * - code\n     - what it means\n" + "\n".join(rows) + "\n"
    )
    source[0] = source[0].replace(".. problem-codes::\n", table)


def setup(app: Sphinx) -> None:
    app.connect("source-read", _problem_codes)
