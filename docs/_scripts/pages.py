"""Pictures of the first two pages of every template's Word document, for the docs.

Run as a script (``python docs/_scripts/pages.py``), or at a docs build with
``OMSTILLING_DOCS_PAGES=1``: every template is rendered in bokmål from an example
programme, converted to PDF in one LibreOffice run and pages 1 and 2 drawn as small
PNG files with poppler's ``pdftoppm``, into ``docs/_pages`` (not kept in git).

As a Sphinx extension it adds the directive ``omstilling-pages``: the pictures where
they have been made, else a note saying how to make them (so the docs build without
LibreOffice, and without warnings).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
PAGES = DOCS / "_pages"
PAGE_COUNT = 2
WIDTH = 420
"""Pixels across a page picture."""

EXAMPLES = {
    "decision-register": "kongsvinger-omstilling-2012",
    "measure-overview": "kongsvinger-omstilling-2012",
    "milestone-plan": "hammerfest-sjumilssteget",
    "progress-plan": "hammerfest-sjumilssteget",
    "project-plan": "hammerfest-sjumilssteget",
    "risk-register": "nye-asker-2020",
    "benefits-plan": "nye-asker-2020",
    "decision-follow-up": "nye-asker-2020",
}
"""The example each template is shown with (the others: Stifinneren's)."""
DEFAULT_EXAMPLE = "stifinneren-2004"


def example_of(template: str) -> str:
    """The example programme (file stem) ``template`` is shown with."""
    return EXAMPLES.get(template, DEFAULT_EXAMPLE)


def make_pages(out: Path = PAGES) -> list[Path]:
    """Render, convert and draw every template's first pages into ``out``; returns the
    pictures made."""
    from omstilling.cycle import latest_status_period, period_choices, render
    from omstilling.files import load
    from omstilling.plugins import load_plugins
    from omstilling.templates import TEMPLATES
    from omstilling.testing.documents import convert_to_pdf

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("poppler's pdftoppm is needed: apt-get install poppler-utils")
    plugins = load_plugins()
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="omstilling-pages-") as work:
        documents = []
        for template in TEMPLATES:
            programme = load(ROOT / "examples" / f"{example_of(template.id)}.yaml")
            period = None
            if template.needs_period:
                latest = latest_status_period(programme)
                period = str(latest) if latest else period_choices(programme).split(", ")[0]
            path = Path(work, f"{template.id}.docx")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                render(programme, template.id, path, period=period, language="nb", plugins=plugins)
            documents.append(path)
        pdfs = convert_to_pdf(documents, work)
        for document in documents:
            pdf = pdfs[document]
            if pdf is None:
                raise SystemExit(f"LibreOffice could not convert {document.name}")
            for page in range(1, PAGE_COUNT + 1):
                target = out / f"{document.stem}-{page}"
                command = [pdftoppm, "-png", "-singlefile", "-f", str(page), "-l", str(page)]
                command += ["-scale-to", str(WIDTH), str(pdf), str(target)]
                subprocess.run(command, check=True, capture_output=True, timeout=120)
                if target.with_suffix(".png").exists():
                    made.append(target.with_suffix(".png"))
    return made


# ---- the Sphinx extension ----


def _directive() -> Any:
    from docutils import nodes
    from docutils.parsers.rst import Directive

    from omstilling.templates import TEMPLATES

    class Pages(Directive):
        """The page pictures, or how to make them."""

        def run(self) -> list[nodes.Node]:
            found = [t for t in TEMPLATES if (PAGES / f"{t.id}-1.png").exists()]
            if not found:
                note = nodes.note()
                note += nodes.paragraph(
                    text="The page pictures are made at the docs build where LibreOffice "
                    "and poppler are installed: OMSTILLING_DOCS_PAGES=1 sphinx-build docs "
                    "OUT (or python docs/_scripts/pages.py, then build the docs)."
                )
                return [note]
            result: list[nodes.Node] = []
            for template in found:
                title = template.schema.title.nb
                result.append(nodes.rubric(text=f"{title} ({template.id})"))
                result.append(
                    nodes.paragraph(
                        text=f"Rendered in bokmål from examples/{example_of(template.id)}.yaml."
                    )
                )
                for page in range(1, PAGE_COUNT + 1):
                    picture = PAGES / f"{template.id}-{page}.png"
                    if picture.exists():
                        result.append(
                            nodes.image(
                                uri=f"/_pages/{picture.name}",
                                alt=f"Page {page} of the {template.id} report",
                                width=f"{WIDTH // 2}px",
                            )
                        )
            return result

    return Pages


def _build_pages(app: Any) -> None:
    if os.environ.get("OMSTILLING_DOCS_PAGES") == "1":
        made = make_pages()
        print(f"page pictures: {len(made)} made in {PAGES}")


def setup(app: Any) -> dict[str, Any]:
    """Register the directive ``omstilling-pages`` and make the pictures at
    ``builder-inited`` when ``OMSTILLING_DOCS_PAGES=1``."""
    app.add_directive("omstilling-pages", _directive())
    app.connect("builder-inited", _build_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    pictures = make_pages(Path(sys.argv[1]) if len(sys.argv) > 1 else PAGES)
    print(f"{len(pictures)} page pictures in {pictures[0].parent if pictures else PAGES}")
