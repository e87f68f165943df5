"""The risk matrix (:attr:`~omstilling.report.ChartKind.RISK_MATRIX`) in Markdown: a
small table, consequence 5 to 1 down, probability 1 to 5 across, the ids of the
risks in their cells, each escaped like any other text of the report.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..report import Report, SectionSchema, Value
from ..riskmatrix import SCORES, risk_matrix

__all__ = ["matrix_lines"]


def matrix_lines(
    report: Report,
    schema: SectionSchema,
    rows: Sequence[Mapping[str, Value]],
    cell: Callable[[str], str],
) -> list[str]:
    """The lines of the matrix of ``rows`` (none where no row has both scores): its
    title in bold, then the table, each text made safe by ``cell``."""
    matrix = risk_matrix(report, schema, rows)
    if matrix is None or schema.chart is None:
        return []
    corner = f"{matrix.consequence} / {matrix.probability}"
    lines = []
    if schema.chart.title is not None:
        lines += [f"**{cell(report.label(schema.chart.title))}**", ""]
    lines += [
        "| " + " | ".join([cell(corner), *(str(p) for p in SCORES)]) + " |",
        "|" + "|".join(" --- " for _ in range(len(SCORES) + 1)) + "|",
    ]
    for consequence in reversed(SCORES):
        cells = [cell(", ".join(matrix.at(p, consequence))) for p in SCORES]
        lines.append("| " + " | ".join([str(consequence), *cells]) + " |")
    return [*lines, ""]
