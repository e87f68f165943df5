"""Sphinx configuration for the omstilling documentation."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "_scripts"))

from sphinx.application import Sphinx

from omstilling import __version__

project = "omstilling"
author = "The omstilling developers"
copyright = "2026, the omstilling developers"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "sphinx_click",  # cli.rst: every command and option, from the click commands
    "model_reference",  # docs/_ext: model-reference.rst, from the attrs classes
    "pages",  # docs/_scripts: page pictures (OMSTILLING_DOCS_PAGES=1 makes them)
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}

# intersphinx: links to the documentation of Python and the libraries the API speaks
# of. The inventories (objects.inv) are fetched from the projects' sites when the docs
# are built; none is kept in this repository (an inventory copied here would have no
# provenance and would go stale). A build without network must still pass with -W,
# and intersphinx warns when it cannot fetch an inventory, so each site is asked
# first (in parallel, at most INTERSPHINX_PROBE_SECONDS): a project whose inventory
# cannot be reached is left out of the mapping and printed as such, and its names
# appear as plain text instead of links. OMSTILLING_DOCS_OFFLINE=1 leaves every
# project out without asking; OMSTILLING_DOCS_OFFLINE=0 keeps them all, so a release
# build fails (-W) when a link target cannot be fetched.
INTERSPHINX_PROJECTS = {
    "python": "https://docs.python.org/3",
    "attrs": "https://www.attrs.org/en/stable",
    "cattrs": "https://catt.rs/en/stable",
    "click": "https://click.palletsprojects.com/en/stable",
    "hypothesis": "https://hypothesis.readthedocs.io/en/latest",
    "pluggy": "https://pluggy.readthedocs.io/en/stable",
    "openpyxl": "https://openpyxl.readthedocs.io/en/stable",
    "docx": "https://python-docx.readthedocs.io/en/latest",
}
INTERSPHINX_PROBE_SECONDS = 5.0


def _reachable(url: str) -> bool:
    """Whether the inventory of the documentation at ``url`` can be fetched now."""
    import http.client
    import urllib.request

    # GET, not HEAD: some documentation hosts refuse HEAD; the body is not read. A
    # reply that is not HTTP (http.client.HTTPException) leaves the site out too.
    try:
        with urllib.request.urlopen(f"{url}/objects.inv", timeout=INTERSPHINX_PROBE_SECONDS):
            return True
    except (OSError, ValueError, http.client.HTTPException):
        return False


def _intersphinx_mapping() -> dict[str, tuple[str, str | None]]:
    from concurrent.futures import ThreadPoolExecutor

    offline = os.environ.get("OMSTILLING_DOCS_OFFLINE", "")
    if offline == "1":
        return {}
    projects = INTERSPHINX_PROJECTS
    if offline != "0":
        with ThreadPoolExecutor(len(projects)) as pool:
            reachable = dict(zip(projects, pool.map(_reachable, projects.values()), strict=True))
        left_out = [name for name, ok in reachable.items() if not ok]
        if left_out:
            print(f"intersphinx: no links to {', '.join(left_out)} (inventory not reachable)")
        projects = {name: url for name, url in projects.items() if reachable[name]}
    return {name: (url, None) for name, url in projects.items()}


intersphinx_mapping = _intersphinx_mapping()
intersphinx_timeout = INTERSPHINX_PROBE_SECONDS
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = f"omstilling {release}"
language = "en"
# quotes and ellipses typeset, but not dashes: the commands' help (cli.rst) names
# options as --period, which must not become an en dash
smartquotes_action = "qe"


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
