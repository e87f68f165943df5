"""Charts of a table section (its schema's :class:`~omstilling.report.Chart`), drawn
with matplotlib, and how a picture stands in the document.

- A RAG heat map: a row per participant, a column per dimension, each cell coloured
  *and* worded by its status ("Rød"), never colour alone.
- Target against realised per period: grouped bars, the amounts on the axis written
  the Norwegian way ("3 500 000 kr").
- A 5×5 risk matrix, with the risks' ids in their cells (:mod:`._matrix`).

Every picture has alt text that states its data in words, and its caption stands
above it, kept on its page. Drawn like the timeline: a bare
:class:`~matplotlib.figure.Figure` on the Agg canvas, no pyplot.
Imported only when a report is exported (matplotlib is heavy).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from omstilling.formatting import RAG_COLOURS, RAG_LABELS, format_amount, format_value
from omstilling.model import Language, Money, Rag
from omstilling.report import Chart, ChartKind, Column, FieldType, Report, SectionSchema, Value

from ._words import NOT_REPORTED, TOTAL, clean, heatmap_description, target_description

__all__ = [
    "DPI",
    "MAX_LABEL",
    "WIDTH_INCHES",
    "Picture",
    "chart_picture",
    "heatmap_figure",
    "literal",
    "one_line",
    "png_of",
    "target_figure",
]

DPI = 150
"""Sharp on paper and on screen; a page-wide picture stays under about 100 KB."""
WIDTH_INCHES = 6.3
"""A figure's usual width: the text width of an A4 page with 2.5 cm margins."""

_NOT_REPORTED_COLOUR = "#FFFFFF"
_TARGET_COLOUR = "#A6A6A6"
_ACTUAL_COLOUR = "#2F5597"
MAX_LABEL = 40
"""The most characters a label beside or below a picture has (a longer one is cut)."""
_CELL_INCHES = 1.0
"""A heat map cell's width at most."""
_GROUP_INCHES = 0.9
"""The width of a period's pair of bars at most."""
_MAX_HEIGHT_INCHES = 8.5


@attrs.frozen
class Picture:
    """A drawn picture: PNG bytes, its size in inches and its alt text."""

    png: bytes
    width_inches: float
    height_inches: float
    alt_text: str


def png_of(chart: Figure) -> bytes:
    """``chart`` as PNG bytes at :data:`DPI`, cropped to what is drawn."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Labels in scripts DejaVu Sans lacks draw as boxes; the table has the text.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        warnings.filterwarnings("ignore", message="Matplotlib currently does not support")
        chart.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def picture_of(png: bytes, alt_text: str) -> Picture:
    """``png`` with its size (read from the PNG header's IHDR chunk) and alt text."""
    width = int.from_bytes(png[16:20], "big") / DPI
    height = int.from_bytes(png[20:24], "big") / DPI
    return Picture(png=png, width_inches=width, height_inches=height, alt_text=alt_text)


def literal(text: str) -> str:
    """``text`` as matplotlib shows it literally: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def one_line(text: str) -> str:
    """``text`` on one line (white space as single spaces), cut with "…" to
    :data:`MAX_LABEL` characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _row_label(column: Column, value: Value, language: Language, where: str) -> str:
    return clean(format_value(value, column.type, language), where) if value is not None else ""


# --- RAG heat map --------------------------------------------------------------------


@attrs.frozen
class HeatMap:
    """The cells of a heat map: row labels, column labels and a status (or ``None``:
    not reported) per cell, row by row."""

    rows: list[str]
    columns: list[str]
    cells: list[list[Rag | None]]


def heatmap_data(
    report: Report, schema: SectionSchema, chart: Chart, rows: Sequence[Mapping[str, Value]]
) -> HeatMap | None:
    """The heat map of ``rows``: the chart's value columns that hold a status in some
    row; ``None`` if none does."""
    columns = {c.key: c for c in schema.columns}
    keys = [k for k in chart.values if any(isinstance(r.get(k), Rag) for r in rows)]
    if not keys:
        return None
    label = columns[chart.label]
    where = f"section {schema.key!r}, chart"
    return HeatMap(
        rows=[
            _row_label(label, row.get(chart.label), report.language, f"{where}, row {n}")
            for n, row in enumerate(rows, start=1)
        ],
        columns=[clean(report.label(columns[k].label), f"{where}, column {k!r}") for k in keys],
        cells=[[_rag(row.get(k)) for k in keys] for row in rows],
    )


def _rag(value: Value) -> Rag | None:
    return value if isinstance(value, Rag) else None


def heatmap_figure(report: Report, data: HeatMap, width: float = WIDTH_INCHES) -> Figure:
    """The heat map: a cell per row and column, filled with the status's colour and
    the status's word written in it."""
    count, across = len(data.rows), len(data.columns)
    per_row = min(0.3, (_MAX_HEIGHT_INCHES - 1.0) / max(1, count))
    height = max(1.2, 0.9 + per_row * count)
    font = min(7.0, per_row * 72 * 0.5)
    # cells about an inch wide at most, beside the row labels
    labels = max((len(one_line(r)) for r in data.rows), default=0) * max(4.0, font) * 0.6 / 72
    width = min(width, labels + 0.3 + _CELL_INCHES * across)
    chart = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(chart)
    axes = chart.add_subplot()
    boxes, colours = [], []
    for y, statuses in enumerate(data.cells):
        for x, status in enumerate(statuses):
            boxes.append(Rectangle((x, y), 1, 1))
            colours.append("#" + RAG_COLOURS[status] if status else _NOT_REPORTED_COLOUR)
            word = report.label(RAG_LABELS[status] if status else NOT_REPORTED)
            axes.text(x + 0.5, y + 0.5, literal(word), ha="center", va="center", fontsize=font)
    axes.add_collection(
        PatchCollection(boxes, facecolors=colours, edgecolors="#7F7F7F", linewidths=0.5)
    )
    axes.set_xlim(0, across)
    axes.set_ylim(count, 0)  # the first row on top
    axes.xaxis.tick_top()
    axes.set_xticks(
        [x + 0.5 for x in range(across)],
        labels=[literal(one_line(c)) for c in data.columns],
        fontsize=7,
        rotation=30 if across > 5 else 0,
        ha="left" if across > 5 else "center",
    )
    axes.set_yticks(
        [y + 0.5 for y in range(count)],
        labels=[literal(one_line(r)) for r in data.rows],
        fontsize=max(4.0, font),
    )
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    return chart


def heatmap_description_of(report: Report, data: HeatMap, lead: str) -> str:
    """The alt text of the heat map of ``data``: every red and amber cell by name,
    the other statuses too where few."""
    labels: dict[object, str] = {
        status: report.label(RAG_LABELS[status] if status else NOT_REPORTED)
        for status in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_ASSESSED, None)
    }
    return heatmap_description(
        report.language,
        lead=lead,
        rows=data.rows,
        columns=data.columns,
        cells=data.cells,
        labels=labels,
    )


# --- target against realised ---------------------------------------------------------


@attrs.frozen
class Bars:
    """The pairs of a target-against-realised chart: a label per period, the two
    series' names and amounts (``None``: none given), and whether they are money."""

    labels: list[str]
    names: tuple[str, str]
    target: list[Decimal | None]
    actual: list[Decimal | None]
    money: Money | None
    """An amount in the series' currency (to write the axis), if they are money."""


def _amount(value: Value) -> Decimal | None:
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    return None


def bars_data(
    report: Report, schema: SectionSchema, chart: Chart, rows: Sequence[Mapping[str, Value]]
) -> Bars | None:
    """The bars of ``rows``; ``None`` without a target and an actual column, or
    without an amount in any row."""
    if len(chart.values) < 2:
        return None
    columns = {c.key: c for c in schema.columns}
    target_key, actual_key = chart.values[:2]
    target = [_amount(row.get(target_key)) for row in rows]
    actual = [_amount(row.get(actual_key)) for row in rows]
    if all(v is None for v in (*target, *actual)):
        return None
    money = next(
        (
            row.get(k)
            for row in rows
            for k in (target_key, actual_key)
            if isinstance(row.get(k), Money)
        ),
        None,
    )
    where = f"section {schema.key!r}, chart"
    label = columns[chart.label]
    return Bars(
        labels=[
            _row_label(label, row.get(chart.label), report.language, f"{where}, row {n}")
            for n, row in enumerate(rows, start=1)
        ],
        names=(
            clean(report.label(columns[target_key].label), where),
            clean(report.label(columns[actual_key].label), where),
        ),
        target=target,
        actual=actual,
        money=money if isinstance(money, Money) else None,
    )


def amount_text(amount: Decimal, bars: Bars, language: Language) -> str:
    """``amount`` written as the report writes it ("3 500 000 kr")."""
    if bars.money is not None:
        return format_amount(amount, bars.money.currency, language)
    return format_value(amount, FieldType.DECIMAL, language)


def target_figure(report: Report, data: Bars, width: float = WIDTH_INCHES) -> Figure:
    """Grouped bars: the target (grey, hatched) and what was realised (blue) side by
    side per period, the amounts on the axis written in the report's language."""
    language = report.language
    count = len(data.labels)
    width = min(width, 1.6 + _GROUP_INCHES * count)
    chart = Figure(figsize=(width, 2.8), dpi=DPI)
    FigureCanvasAgg(chart)
    axes = chart.add_subplot()
    positions = list(range(count))
    thickness = 0.38
    target = [float(v) if v is not None else 0.0 for v in data.target]
    actual = [float(v) if v is not None else 0.0 for v in data.actual]
    axes.bar(
        [p - thickness / 2 for p in positions],
        target,
        thickness,
        color=_TARGET_COLOUR,
        hatch="///",
        edgecolor="#595959",
        linewidth=0.4,
        label=literal(data.names[0]),
    )
    axes.bar(
        [p + thickness / 2 for p in positions],
        actual,
        thickness,
        color=_ACTUAL_COLOUR,
        label=literal(data.names[1]),
    )
    axes.set_xticks(
        positions,
        labels=[literal(one_line(label)) for label in data.labels],
        fontsize=7,
        rotation=30 if count > 6 else 0,
        ha="right" if count > 6 else "center",
    )
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6))

    def tick(value: float, position: int | None = None) -> str:
        return amount_text(Decimal(round(value)), data, language)

    axes.yaxis.set_major_formatter(FuncFormatter(tick))
    axes.tick_params(axis="y", labelsize=7)
    axes.grid(axis="y", linewidth=0.4, alpha=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(
        handles=[
            Patch(facecolor=_TARGET_COLOUR, hatch="///", edgecolor="#595959", label=data.names[0]),
            Patch(facecolor=_ACTUAL_COLOUR, label=data.names[1]),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 if count <= 6 else -0.25),
        ncol=2,
        frameon=False,
        fontsize=7,
    )
    return chart


# --- the pictures of a section -------------------------------------------------------


def chart_picture(
    report: Report,
    schema: SectionSchema,
    rows: Sequence[Mapping[str, Value]],
    lead: str,
    width: float = WIDTH_INCHES,
) -> Picture | None:
    """The chart of a table section's ``rows`` as its schema says, or ``None`` if
    there is nothing to draw. ``lead`` (the chart's title) starts its alt text;
    ``width`` is the text width of the page in inches."""
    chart = schema.chart
    if chart is None or not rows:
        return None
    width = min(width, 10.0)
    language = report.language
    if chart.kind is ChartKind.RAG_HEATMAP:
        data = heatmap_data(report, schema, chart, rows)
        if data is None:
            return None
        text = heatmap_description_of(report, data, lead)
        return picture_of(png_of(heatmap_figure(report, data, width)), text)
    if chart.kind is ChartKind.TARGET_ACTUAL:
        bars = bars_data(report, schema, chart, rows)
        if bars is None:
            return None

        def written(amount: Decimal | None) -> str | None:
            return amount_text(amount, bars, language) if amount is not None else None

        totals = [
            sum(given, Decimal(0)) if (given := [v for v in series if v is not None]) else None
            for series in (bars.target, bars.actual)
        ]
        text = target_description(
            language,
            lead=lead,
            names=bars.names,
            entries=[
                (label, written(t), written(a))
                for label, t, a in zip(bars.labels, bars.target, bars.actual, strict=True)
            ],
            totals=(written(totals[0]), written(totals[1])),
            total=report.label(TOTAL),
        )
        return picture_of(png_of(target_figure(report, bars, width)), text)
    if chart.kind is ChartKind.RISK_MATRIX:
        from ._matrix import matrix_picture

        return matrix_picture(report, schema, rows, lead, width)
    return None


def place_picture(
    paragraph: Callable[..., Any],
    picture: Picture,
    *,
    caption: str | None,
    caption_style: Any,
    text_width: int,
    where: str,
    heading: str = "",
) -> None:
    """``picture`` in a paragraph of its own made by ``paragraph(text, style)``, at
    most ``text_width`` (EMU) wide, with its alt text (``descr``) and title (the
    caption); the caption, where given and not the same as the section's ``heading``
    just above, stands above it, kept on its page."""
    from docx.shared import Emu, Inches, Pt

    if caption is not None and caption != heading:
        above = paragraph(caption, caption_style)
        above.paragraph_format.keep_with_next = True
        above.paragraph_format.space_before = Pt(6)
    width = min(text_width, int(Inches(picture.width_inches)))
    holder = paragraph("", None)
    if caption is None or caption == heading:
        holder.paragraph_format.space_before = Pt(6)
    shape = holder.add_run().add_picture(io.BytesIO(picture.png), width=Emu(width))
    properties = shape._inline.docPr
    properties.set("descr", clean(picture.alt_text, f"{where}, picture"))
    if caption is not None:
        properties.set("title", caption[:255])
