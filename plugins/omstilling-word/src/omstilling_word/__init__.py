"""Word (.docx) export for omstilling reports.

A plugin like any third party's: installed, it registers the exporter ``docx`` through
the ``omstilling`` entry-point group (``word = "omstilling_word"``).

The documents are made to be read by everyone (universal design): real heading
styles, so the navigation pane works; tables whose header row repeats on every page;
the document language set; statuses as colour *and* word; timelines as pictures with
alt text; page numbers in the footer. A municipality's own .docx (letterhead, styles)
can be the base the report is appended to.

The plugin declares a hook of its own, ``customise_docx(document, report)``
(:class:`omstilling_word.hooks.WordSpecs`): other plugins implement it to change
every document just before it is saved.

Importing this module is light: python-docx and lxml are imported only when a report
is exported, matplotlib only when it has a timeline to draw.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterable

from omstilling.hookspecs import Exporter, ExportOptions, hookimpl
from omstilling.report import Report

from .hooks import WordSpecs

__all__ = ["MEDIA_TYPE", "exporters", "hookspecs", "to_docx"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
"""The media type of .docx files."""


def to_docx(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as the bytes of a Word document (.docx).

    - ``options.base``: a .docx (or .dotx) whose content, styles, headers and footers
      are kept; the report is appended after its content. Without it, python-docx's
      default template on A4 paper.
    - A title block (:func:`omstilling.presentation.title_block`): the report type
      in the "Title" style (Heading 1 where the base has none), the programme and
      period under it, then issue date, owner and case reference; each section under
      "Heading {level}" (styles the base lacks are added), kept with what follows.
    - Fields and columns with no value anywhere in the report left out unless marked
      always shown (:mod:`omstilling.presentation`); key figures as a compact table.
    - One orientation for the whole document: landscape only where some table
      cannot fit across a portrait page.
    - Fields as label/value paragraphs; long text as paragraphs; lists as bullets;
      tables with a bold header row that repeats on every page; statuses (RAG) as
      shading and word; a timeline picture with alt text after the table of a section
      whose schema has a ``timeline``; section notes in italics.
    - The document language (nb-NO, nn-NO or en-GB) in the styles' default run
      properties and in the core properties; title, subject and author (the owner)
      in the core properties; "Side X" (or "Page X") in the footer.
    - Characters XML cannot hold are replaced, with an
      :class:`~omstilling.formatting.ExportWarning` naming where.
    - Every installed plugin's ``customise_docx(document, report)`` hook is called
      just before saving, through ``options.call``.

    .. versionadded:: 0.1
    """
    from ._document import render

    return render(report, options if options is not None else ExportOptions())


@hookimpl
def exporters() -> Iterable[Exporter]:
    """Register the Word exporter, ``docx``."""
    return [
        Exporter(
            id="docx",
            suffix=".docx",
            media_type=MEDIA_TYPE,
            export=to_docx,
            description="Word document: headings, repeating table headers, timelines",
            base_suffixes=(".dotx",),
        )
    ]


@hookimpl
def hookspecs() -> Iterable[type]:
    """Declare the Word plugin's hook, ``customise_docx(document, report)``."""
    return [WordSpecs]
