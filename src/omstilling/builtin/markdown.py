"""The Markdown exporter, for publishing on the web: nothing in a report's text
becomes markup.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..formatting import format_value
from ..hookspecs import Exporter, ExportOptions, hookimpl
from ..report import Column, FieldType, Report, Value

__all__ = ["exporters", "to_markdown"]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def _escape(text: str) -> str:
    """Plain text that Markdown shows as it is: no markup, no HTML, no headings."""
    text = text.replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # a line that starts like a list, quote or numbered item stays text
    text = re.sub(r"(?m)^(\s*)([-+>])(?=\s)", r"\1\\\2", text)
    return re.sub(r"(?m)^(\s*\d+)([.)])(?=\s)", r"\1\\\2", text)


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return _escape(text).replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _value(report: Report, column: Column, value: Value) -> str:
    return format_value(value, column.type, report.language)


def _line(text: str) -> str:
    """Text made safe for one line (a heading, a label)."""
    return " ".join(_escape(text).split())


def _paragraphs(text: str) -> list[str]:
    """Text made safe as paragraphs: blank lines separate them, line breaks inside
    one are kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return [
        line
        for p in paragraphs
        if p
        for line in ("  \n".join(_escape(x) for x in p.split("\n")), "")
    ]


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


def to_markdown(report: Report, options: ExportOptions | None = None) -> bytes:
    """``report`` as Markdown (GitHub's flavour, for tables), UTF-8. Every text is
    escaped, so nothing in a report becomes markup or HTML.

    .. versionadded:: 0.1
    """
    lines = [f"# {_line(report.title)}", ""]
    for section in report.sections:
        schema = report.schema.section(section.key)
        title = section.title or report.label(schema.title)
        lines += [f"{'#' * (schema.level + 1)} {_line(title)}", ""]
        if schema.description is not None:
            lines += _paragraphs(report.label(schema.description))
        lines += _fields(report, schema.fields, section.values)
        if schema.columns and section.rows:
            lines.append(
                "| " + " | ".join(_cell(report.label(c.label)) for c in schema.columns) + " |"
            )
            lines.append("|" + "|".join(" --- " for _ in schema.columns) + "|")
            for row in section.rows:
                cells = (_cell(_value(report, c, row.get(c.key))) for c in schema.columns)
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        if section.note:
            lines += [f"*{_line(section.note)}*", ""]
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
