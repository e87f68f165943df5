"""The 5×5 risk matrix of a report's table (:attr:`~omstilling.report.ChartKind.RISK_MATRIX`),
the same in every exporter: which row goes in which cell, the colour of each cell,
the ids of a crowded cell shortened to what fits, and the alt text.

A cell's colour follows its level, probability times consequence (1 to 25), in three
bands:

========  ======  ======
level     colour  risk
========  ======  ======
1 – 4     green   low
5 – 10    yellow  medium
12 – 25   red     high
========  ======  ======

The bands are this library's own division of the 5×5 matrix, not taken from a
published guide.

The colours are :class:`~omstilling.model.Rag` statuses, so exporters fill cells
with the colours and words they use for status everywhere else.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .formatting import RAG_LABELS, format_value
from .model import SCORE_SCALE, Rag
from .report import ChartKind, Report, SectionSchema, Value

__all__ = [
    "LEVEL_BANDS",
    "SCORES",
    "RiskMatrix",
    "cell_lines",
    "level_rag",
    "matrix_description",
    "risk_matrix",
]

LEVEL_BANDS: tuple[tuple[int, int, Rag], ...] = (
    (1, 4, Rag.GREEN),
    (5, 10, Rag.AMBER),
    (12, 25, Rag.RED),
)
"""The levels (probability times consequence) of each colour, lowest first."""

SCORES = tuple(range(SCORE_SCALE[0], SCORE_SCALE[1] + 1))
"""The steps of the scale, lowest first."""


def level_rag(level: int) -> Rag:
    """The colour of a risk of ``level`` (probability times consequence)."""
    for _low, high, rag in LEVEL_BANDS:
        if level <= high:
            return rag
    return Rag.RED


@attrs.frozen(kw_only=True)
class RiskMatrix:
    """The cells of a risk matrix: each row's label in the cell of its probability
    (across) and consequence (up), in the order of the rows.

    ``probability`` and ``consequence`` are the headings of the two score columns,
    in the report's language.
    """

    probability: str
    consequence: str
    cells: Mapping[tuple[int, int], tuple[str, ...]]
    """Labels by ``(probability, consequence)``; an empty cell has no key."""

    def at(self, probability: int, consequence: int) -> tuple[str, ...]:
        """The labels placed in the cell of ``probability`` and ``consequence``."""
        return self.cells.get((probability, consequence), ())

    @property
    def placed(self) -> tuple[str, ...]:
        """Every label placed, the highest level's cells first."""
        return tuple(label for cell in self.ordered() for label in self.cells[cell])

    def ordered(self) -> list[tuple[int, int]]:
        """The cells that hold labels, the highest level first (then the higher
        consequence)."""
        return sorted(self.cells, key=lambda pc: (-pc[0] * pc[1], -pc[1], -pc[0]))


def _score(value: Value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value in SCORES else None


def risk_matrix(
    report: Report, schema: SectionSchema, rows: Sequence[Mapping[str, Value]]
) -> RiskMatrix | None:
    """The matrix of ``rows`` of a section whose chart is a risk matrix: each row
    with a label and both scores on the scale placed in its cell. ``None`` if the
    section has no such chart or no row is placed."""
    chart = schema.chart
    if chart is None or chart.kind is not ChartKind.RISK_MATRIX or len(chart.values) < 2:
        return None
    columns = {c.key: c for c in schema.columns}
    label_column = columns[chart.label]
    probability_key, consequence_key = chart.values[:2]
    cells: dict[tuple[int, int], list[str]] = {}
    for row in rows:
        label = row.get(chart.label)
        probability = _score(row.get(probability_key))
        consequence = _score(row.get(consequence_key))
        if label is None or probability is None or consequence is None:
            continue
        text = " ".join(format_value(label, label_column.type, report.language).split())
        if text:
            cells.setdefault((probability, consequence), []).append(text)
    if not cells:
        return None
    return RiskMatrix(
        probability=report.label(columns[probability_key].label),
        consequence=report.label(columns[consequence_key].label),
        cells={cell: tuple(labels) for cell, labels in cells.items()},
    )


def _joined(labels: Sequence[str]) -> str:
    return ", ".join(labels)


def _with_more(line: list[str], more: int, width: int) -> str:
    """``line`` ended by how many labels did not fit ("R7, R8 +3"), dropping its
    own last labels where the count would not fit beside them."""
    while line and len(f"{_joined(line)} +{more}") > width:
        line = line[:-1]
        more += 1
    return f"{_joined(line)} +{more}" if line else f"+{more}"


def cell_lines(labels: Sequence[str], width: int, lines: int) -> list[str]:
    """``labels`` written into a cell of at most ``lines`` lines of ``width``
    characters: "R1, R2" on a line, a label longer than a line cut with "…", and
    where they do not all fit, the last line says how many more ("R9 +3")."""
    width = max(width, 4)
    cut = [label if len(label) <= width else label[: width - 1] + "…" for label in labels]
    found: list[str] = []
    line: list[str] = []
    for index, label in enumerate(cut):
        if len(_joined([*line, label])) <= width:
            line.append(label)
            continue
        if len(found) >= lines - 1:
            return [*found, _with_more(line, len(cut) - index, width)]
        found.append(_joined(line))
        line = [label]
    return [*found, _joined(line)] if line else found


def matrix_description(report: Report, matrix: RiskMatrix, lead: str) -> str:
    """The alt text of ``matrix``: ``lead``, then every cell that holds labels, the
    highest level first, with its scores, colour and every label in it
    ("Sannsynlighet 4, konsekvens 5 (rød): R1, R3.")."""
    parts = [lead.rstrip(". ") + "."]
    for probability, consequence in matrix.ordered():
        colour = report.label(RAG_LABELS[level_rag(probability * consequence)]).lower()
        labels = ", ".join(matrix.at(probability, consequence))
        parts.append(
            f"{matrix.probability} {probability}, {matrix.consequence.lower()} {consequence} "
            f"({colour}): {labels}."
        )
    return " ".join(parts)
