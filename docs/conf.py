"""Sphinx configuration for the omstilling documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

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
