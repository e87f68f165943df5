"""The 5×5 risk matrix picture (:attr:`~omstilling.report.ChartKind.RISK_MATRIX`):
probability across, consequence up, each cell filled green, yellow or red by its
level (:mod:`omstilling.riskmatrix`) and holding the ids of the risks placed in it,
wrapped to the cell, a crowded cell ending with how many more ("r7 +3"). The alt
text names every cell that holds risks with every id in it, so nothing the picture
cuts is lost. Imported only when a report with a matrix is exported (matplotlib).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from omstilling.formatting import RAG_COLOURS
from omstilling.report import Report, SectionSchema, Value
from omstilling.riskmatrix import (
    SCORES,
    RiskMatrix,
    cell_lines,
    level_rag,
    matrix_description,
    risk_matrix,
)

from ._charts import DPI, Picture, literal, picture_of, png_of
from ._words import clean

__all__ = ["FONT_POINTS", "LINES", "matrix_figure", "matrix_picture"]

FONT_POINTS = 8.0
"""The ids' size: legible on paper."""
LINES = 3
"""The most lines of ids a cell holds."""
_CELL_INCHES = (0.95, 0.5)
"""A cell's width and height at most."""
_MARGIN_INCHES = 0.75
"""Room beside and below the cells for the axes' numbers and names."""


def _chars_per_line(cell_width: float) -> int:
    """How many characters of the ids' font fit across a cell (a character of
    bold DejaVu Sans is about 0.7 of its size wide), less a little room at the sides."""
    return max(4, int((cell_width - 0.1) * 72 / (FONT_POINTS * 0.7)))


def matrix_figure(report: Report, matrix: RiskMatrix, width: float) -> Figure:
    """The matrix, at most ``width`` inches wide."""
    steps = len(SCORES)
    cell_width = min(_CELL_INCHES[0], (width - _MARGIN_INCHES) / steps)
    cell_height = min(_CELL_INCHES[1], cell_width * 0.6)
    chart = Figure(
        figsize=(cell_width * steps + _MARGIN_INCHES, cell_height * steps + _MARGIN_INCHES * 0.8),
        dpi=DPI,
    )
    FigureCanvasAgg(chart)
    axes = chart.add_subplot()
    across = _chars_per_line(cell_width)
    boxes, colours = [], []
    for x, probability in enumerate(SCORES):
        for y, consequence in enumerate(SCORES):
            boxes.append(Rectangle((x, y), 1, 1))
            colours.append("#" + RAG_COLOURS[level_rag(probability * consequence)])
            labels = matrix.at(probability, consequence)
            if labels:
                text = "\n".join(cell_lines(labels, across, LINES))
                axes.text(
                    x + 0.5,
                    y + 0.5,
                    literal(text),
                    ha="center",
                    va="center",
                    fontsize=FONT_POINTS,
                    fontweight="bold",
                    linespacing=1.15,
                )
    axes.add_collection(
        PatchCollection(boxes, facecolors=colours, edgecolors="#FFFFFF", linewidths=1.5)
    )
    axes.set_xlim(0, steps)
    axes.set_ylim(0, steps)
    ticks = [n + 0.5 for n in range(steps)]
    numbers = [str(score) for score in SCORES]
    axes.set_xticks(ticks, labels=numbers, fontsize=FONT_POINTS)
    axes.set_yticks(ticks, labels=numbers, fontsize=FONT_POINTS)
    axes.set_xlabel(literal(f"{matrix.probability} →"), fontsize=FONT_POINTS + 1)
    axes.set_ylabel(literal(f"{matrix.consequence} →"), fontsize=FONT_POINTS + 1)
    axes.tick_params(length=0)
    axes.set_aspect("auto")
    for side in axes.spines.values():
        side.set_visible(False)
    return chart


def matrix_picture(
    report: Report,
    schema: SectionSchema,
    rows: Sequence[Mapping[str, Value]],
    lead: str,
    width: float,
) -> Picture | None:
    """The matrix of ``rows`` as a picture with its alt text, ``None`` where no row
    has both scores."""
    matrix = risk_matrix(report, schema, rows)
    if matrix is None:
        return None
    where = f"section {schema.key!r}, chart"
    matrix = RiskMatrix(
        probability=clean(matrix.probability, where),
        consequence=clean(matrix.consequence, where),
        cells={
            cell: tuple(clean(label, f"{where}, label") for label in labels)
            for cell, labels in matrix.cells.items()
        },
    )
    text = matrix_description(report, matrix, lead)
    return picture_of(png_of(matrix_figure(report, matrix, width)), text)
