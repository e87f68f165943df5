"""The risk matrix as a sheet of cells: a 5×5 grid before the table it is drawn
from, each cell filled by its level and holding its ids; text that looks like a
formula stays text."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from omstilling_excel import to_xlsx
from openpyxl import load_workbook

from omstilling.formatting import RAG_COLOURS
from omstilling.report import Report, Section, Value
from omstilling.riskmatrix import level_rag
from omstilling.templates.risks import SCHEMA


def _report(rows: list[dict[str, Value]]) -> Report:
    return Report(
        schema=SCHEMA,
        title="Omstilling i Nordby",
        programme="nordby",
        sections=(Section(key="register", rows=tuple(rows)),),
    )


def _row(label: str, probability: int, consequence: int) -> dict[str, Value]:
    return {"id": label, "title": "Risiko", "probability": probability, "consequence": consequence}


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True),
            st.integers(1, 5),
            st.integers(1, 5),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda t: t[0],
    )
)
def test_every_id_in_its_cell_every_cell_coloured(rows: list[tuple[str, int, int]]) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(_report([_row(*r) for r in rows]))))
    assert workbook.sheetnames == ["Oversikt", "Risikomatrise", "Åpne risikoer"]
    grid = workbook["Risikomatrise"]
    for probability in range(1, 6):
        for consequence in range(1, 6):
            cell = grid.cell(4 + 5 - consequence, 1 + probability)
            expected = [label for label, p, c in rows if (p, c) == (probability, consequence)]
            value = cell.value
            found = value.replace("\n", ", ").split(", ") if isinstance(value, str) else []
            assert found == expected
            colour = RAG_COLOURS[level_rag(probability * consequence)]
            assert cell.fill.start_color.rgb.endswith(colour)


def test_a_label_like_a_formula_stays_text() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(_report([_row("=1+1", 1, 1)]))))
    cell = workbook["Risikomatrise"]["B8"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_no_matrix_sheet_without_scores() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(_report([{"id": "r1", "title": "t"}]))))
    assert "Risikomatrise" not in workbook.sheetnames
