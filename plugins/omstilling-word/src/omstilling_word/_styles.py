"""The document's styles, language and core properties.

Imported only when a report is exported (python-docx is heavy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import BaseStyle, ParagraphStyle

from omstilling.presentation import title_block
from omstilling.report import Report

from ._words import LANGUAGE_TAGS, clean
from ._xml import CORE_PROPERTY_LIMIT, W_VAL

__all__ = ["Styles", "set_language", "set_properties"]

_HEADING_SIZES = {1: 16, 2: 13, 3: 12, 4: 11}

# What may follow an element in its parent, for inserting it in schema order.
_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_LANGUAGE = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


# --- styles --------------------------------------------------------------------------


class Styles:
    """The styles the report uses, found in the document by name (Word keeps English
    names of built-in styles even in a Norwegian Word), with fallbacks for a base
    document that lacks them. Heading styles are added when missing, so the navigation
    pane always works."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._by_name: dict[str, BaseStyle] = {}
        self._by_id: dict[str, BaseStyle] = {}
        for style in document.styles:
            if style.name is not None:
                self._by_name.setdefault(style.name.lower(), style)
            self._by_id.setdefault(style.style_id, style)
        self._headings: dict[int, ParagraphStyle] = {}

    def find(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
        """The style called ``name`` (or with that id without spaces) of ``kind``, or
        ``None``."""
        for style in (
            self._by_name.get(name.lower()),
            self._by_id.get(name.replace(" ", "")),
        ):
            if style is not None and style.type == kind:
                return style
        return None

    def heading(self, level: int) -> ParagraphStyle:
        """The style "Heading ``level``", added to the document if it lacks it."""
        if level not in self._headings:
            style = self.find(f"Heading {level}")
            self._headings[level] = style if style is not None else self._add_heading(level)
        return self._headings[level]

    def _add_heading(self, level: int) -> ParagraphStyle:
        name = f"Heading {level}"
        if name.lower() in self._by_name or name.replace(" ", "") in self._by_id:
            # taken by a style of another type: a style of our own, with the outline
            # level that puts it in the navigation pane all the same
            name = f"Heading {level} (omstilling)"
        style: ParagraphStyle = self._document.styles.add_style(
            name, WD_STYLE_TYPE.PARAGRAPH, builtin=name == f"Heading {level}"
        )
        normal = self.find("Normal")
        if normal is not None:
            style.base_style = normal
            style.next_paragraph_style = normal
        style.quick_style = True
        style.font.bold = True
        style.font.size = Pt(_HEADING_SIZES[level])
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(4)
        outline = OxmlElement("w:outlineLvl", {W_VAL: str(level - 1)})
        style.element.get_or_add_pPr().insert_element_before(outline, *_AFTER_OUTLINE_LEVEL)
        self._by_name[style.name.lower() if style.name else ""] = style
        return style

    @property
    def title(self) -> ParagraphStyle:
        """The style "Title", or "Heading 1" where the document has no title style."""
        style = self.find("Title")
        return style if style is not None else self.heading(1)


# --- language and properties ---------------------------------------------------------


def _child(parent: Any, tag: str, successors: Iterable[str] = ()) -> Any:
    """``parent``'s first ``tag`` child, added in schema order if it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *successors)
    return found


def set_language(document: Document, tag: str) -> None:
    """Make ``tag`` the language of the document's text: the default run properties
    in the styles part, the styles that spelt out the old default, and the theme
    fonts' language in the settings."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = _child(defaults, "w:rPrDefault", ("w:pPrDefault",))
    run_properties = _child(run_defaults, "w:rPr")
    language = _child(run_properties, "w:lang", _AFTER_LANGUAGE)
    old = language.get(W_VAL)
    language.set(W_VAL, tag)
    if old is not None:
        for element in styles.iter(qn("w:lang")):
            if element.get(W_VAL) == old:
                element.set(W_VAL, tag)
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(W_VAL, tag)


def _core_text(text: str, where: str) -> str:
    text = " ".join(clean(text, where).split())
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


def set_properties(document: Document, report: Report, *, fresh: bool) -> None:
    """The core properties (File > Info; Word's accessibility checker asks for the
    title) from the report's title block: title "<report type> – <programme>",
    subject the period (or the date it speaks of), author and last editor the owner,
    language the report's."""
    properties = document.core_properties
    block = title_block(report)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    title = f"{block.title} – {report.title}" if block.title != report.title else block.title
    properties.title = _core_text(title, "report title")
    properties.subject = _core_text(block.when or block.title, "report period")
    properties.language = LANGUAGE_TAGS[report.language]
    properties.modified = now
    if fresh:
        properties.created = now
        properties.revision = 1
    owner = _core_text(report.owner, "report owner") if report.owner else None
    if owner:
        properties.author = properties.last_modified_by = owner
    else:
        # no owner: the base's author stays; python-docx's own name never does
        if fresh or properties.author == "python-docx":
            properties.author = ""
        properties.last_modified_by = properties.author
