"""The Markdown exporter, for publishing on the web: nothing in a report's text
becomes markup.

The document follows the presentation rules every exporter follows
(:mod:`omstilling.presentation`): it opens with the title block, leaves out fields
and columns with no value anywhere in the report and sections with nothing to
show, prints narrative sections as running text (no label where it repeats the
heading) and key figures as a compact list.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..formatting import format_value
from ..hookspecs import Exporter, ExportOptions, hookimpl
from ..presentation import shown, title_block
from ..report import Column, FieldType, Presentation, Report, Section, Value
from ._md_matrix import matrix_lines

__all__ = ["exporters", "to_markdown"]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")
"""What makes inline markup anywhere in a line (emphasis, code, links, HTML, tables),
and what starts a heading, block quote, code fence or HTML block at its start."""

_BLOCK_START = re.compile(r"[-+=](?=[-+=\s]|$)|[0-9]+[.)](?=\s|$)")
"""What else makes a line markup where it starts it: a list item (``-``, ``+``,
``1.``, ``1)``), a thematic break (``---``), a setext heading's underline (``===``,
``---``)."""


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as CommonMark sees them (a line ends at LF, CR or CR LF),
    each without whitespace at either end; U+0000, which CommonMark shows as U+FFFD,
    is U+FFFD."""
    text = text.replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n")]


def _escape_line(line: str) -> str:
    """One line of text, without a line break or whitespace at its start, that
    Markdown shows as it is, wherever in a line it stands: no markup, no HTML."""
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", line.replace("&", "&amp;"))
    start = _BLOCK_START.match(line)
    if start is None:
        return line
    mark = start.end() - 1
    return f"{line[:mark]}\\{line[mark:]}"


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell: line breaks are ``<br>``."""
    return "<br>".join(_escape_line(line) for line in _lines(text))


def _value(report: Report, column: Column, value: Value) -> str:
    return format_value(value, column.type, report.language)


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Whitespace but the no-break spaces, which keep an amount ("3 500 000 kr") or a
date on one line."""


def _line(text: str) -> str:
    """Text made safe for one line (a heading, a label): all whitespace, line breaks
    too, is one space; no-break spaces stay."""
    text = _BREAKING_SPACE.sub(" ", text.replace("\x00", "\ufffd")).strip()
    return _escape_line(text)


def _paragraphs(text: str) -> list[str]:
    """Text made safe as paragraphs: blank lines separate them, line breaks inside
    one are kept. Every line is escaped as the start of a line, and none is indented,
    so that no line makes markup of itself or of the one before (a setext heading's
    underline, a list, indented code)."""
    found: list[str] = []
    paragraph: list[str] = []
    for line in [*_lines(text), ""]:
        if line:
            paragraph.append(_escape_line(line))
        elif paragraph:
            found += ["  \n".join(paragraph), ""]
            paragraph = []
    return found


def _fields(report: Report, columns: tuple[Column, ...], values: Mapping[str, Value]) -> list[str]:
    lines: list[str] = []
    for column in columns:
        value = values.get(column.key)
        if value is None:
            continue
        label = _line(report.label(column.label))
        if column.type is FieldType.PARAGRAPHS and isinstance(value, str):
            lines += [f"**{label}**", "", *_paragraphs(value)]
        elif column.type is FieldType.TEXT_LIST and isinstance(value, tuple):
            lines += [f"**{label}**", "", *(f"- {_line(item)}" for item in value), ""]
        else:
            lines += [f"**{label}:** {_line(_value(report, column, value))}", ""]
    return lines


def _narrative(
    report: Report, columns: tuple[Column, ...], values: Mapping[str, Value], heading: str
) -> list[str]:
    """Running text: each field's paragraphs under its label, with no label where
    it would repeat the heading ("Mandat" under "Mandat")."""
    lines: list[str] = []
    for column in columns:
        value = values.get(column.key)
        if value is None:
            continue
        label = _line(report.label(column.label))
        if label.casefold() != heading.casefold():
            lines += [f"**{label}**", ""]
        if isinstance(value, str):
            lines += _paragraphs(value)
        elif isinstance(value, tuple):
            lines += [*(f"- {_line(item)}" for item in value), ""]
        else:
            lines += [_line(_value(report, column, value)), ""]
    return lines


def _key_figures(
    report: Report, columns: tuple[Column, ...], values: Mapping[str, Value]
) -> list[str]:
    """A compact list of figures: "- Antall tiltak: **12**"."""
    lines = [
        f"- {_line(report.label(c.label))}: **{_line(_value(report, c, values[c.key]))}**"
        for c in columns
        if values.get(c.key) is not None
    ]
    return [*lines, ""] if lines else []


def _table(report: Report, columns: tuple[Column, ...], section: Section) -> list[str]:
    if not columns or not section.rows:
        return []
    lines = [
        "| " + " | ".join(_cell(report.label(c.label)) for c in columns) + " |",
        "|" + "|".join(" --- " for _ in columns) + "|",
    ]
    for row in section.rows:
        cells = (_cell(_value(report, c, row.get(c.key))) for c in columns)
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _title_block(report: Report) -> list[str]:
    block = title_block(report)
    lines = [f"# {_line(block.title)}", "", f"**{_line(block.subtitle)}**", ""]
    if block.lines:
        lines += ["  \n".join(_line(line) for line in block.lines), ""]
    return lines


def to_markdown(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as Markdown (GitHub's flavour, for tables), UTF-8. Every text is
    escaped, so nothing in a report becomes markup or HTML.

    .. versionadded:: 0.1
    """
    lines = _title_block(report)
    seen = shown(report)
    for section in report.sections:
        schema = report.schema.section(section.key)
        fields, columns = seen[section.key].fields, seen[section.key].columns
        note = _line(section.note or "")
        has_values = any(section.values.get(c.key) is not None for c in fields)
        if not (has_values or (columns and section.rows) or note):
            continue  # a heading with nothing under it
        # a blank title is none: the schema's title stands
        title = _line(section.title or "") or _line(report.label(schema.title))
        lines += [f"{'#' * (schema.level + 1)} {title}", ""]
        if schema.description is not None:
            lines += _paragraphs(report.label(schema.description))
        presentation = schema.shown_as
        if presentation is Presentation.NARRATIVE:
            lines += _narrative(report, fields, section.values, title)
        elif presentation is Presentation.KEY_FIGURES:
            lines += _key_figures(report, fields, section.values)
        else:
            lines += _fields(report, fields, section.values)
        if schema.chart is not None and columns and section.rows:
            lines += matrix_lines(report, schema, section.rows, _cell)
        lines += _table(report, columns, section)
        if note:
            lines += [f"*{note}*", ""]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


@hookimpl
def exporters() -> Iterable[Exporter]:
    """Markdown, for publishing on the web."""
    return [
        Exporter(
            id="markdown",
            suffix=".md",
            media_type="text/markdown; charset=utf-8",
            export=to_markdown,
            description="Markdown (GitHub flavour)",
        ),
    ]
