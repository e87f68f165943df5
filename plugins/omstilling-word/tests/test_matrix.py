"""The risk matrix picture: every id in its cell, a crowded cell cut to what fits
with how many more, and alt text that names every id whatever the picture cuts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from omstilling_word import to_docx
from omstilling_word._matrix import LINES, matrix_figure, matrix_picture
from word_samples import alt_texts, reopen

from omstilling.report import Report, Section, Value
from omstilling.riskmatrix import risk_matrix
from omstilling.templates.risks import SCHEMA

SECTION = SCHEMA.section("register")


def _report(rows: list[dict[str, Value]]) -> Report:
    return Report(
        schema=SCHEMA,
        title="Omstilling i Nordby",
        programme="nordby",
        sections=(Section(key="register", rows=tuple(rows)),),
    )


def _row(label: str, probability: int, consequence: int) -> dict[str, Value]:
    return {"id": label, "title": "Risiko", "probability": probability, "consequence": consequence}


def _texts(report: Report) -> dict[tuple[float, float], str]:
    matrix = risk_matrix(report, SECTION, report.sections[0].rows)
    assert matrix is not None
    figure = matrix_figure(report, matrix, 6.3)
    (axes,) = figure.axes
    return {(t.get_position()[0], t.get_position()[1]): t.get_text() for t in axes.texts}


def test_each_id_stands_in_its_cell() -> None:
    report = _report([_row("r1", 4, 5), _row("r2", 2, 1), _row("r3", 4, 5)])
    # probability across (x), consequence up (y), cells one wide from 0
    assert _texts(report) == {(3.5, 4.5): "r1, r3", (1.5, 0.5): "r2"}


def test_a_crowded_cell_ends_with_how_many_more() -> None:
    report = _report([_row(f"r{n}", 3, 3) for n in range(1, 41)])
    (text,) = _texts(report).values()
    lines = text.split("\n")
    assert len(lines) == LINES
    shown = [label for line in lines for label in line.split(" +")[0].split(", ")]
    assert shown == [f"r{n}" for n in range(1, len(shown) + 1)]
    assert lines[-1].endswith(f" +{40 - len(shown)}")


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9]{0,12}", fullmatch=True),
            st.integers(1, 5),
            st.integers(1, 5),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda t: t[0],
    )
)
def test_the_alt_text_names_every_id(rows: list[tuple[str, int, int]]) -> None:
    report = _report([_row(*row) for row in rows])
    picture = matrix_picture(report, SECTION, report.sections[0].rows, "Risikomatrise", 6.3)
    assert picture is not None
    assert picture.width_inches <= 6.3
    for label, probability, consequence in rows:
        cell = f"Sannsynlighet {probability}, konsekvens {consequence} "
        assert cell in picture.alt_text
        part = picture.alt_text.split(cell, 1)[1].split(".", 1)[0]
        assert label in part.split(": ", 1)[1].split(", ")


def test_the_document_holds_the_picture_with_its_alt_text() -> None:
    document = reopen(to_docx(_report([_row("r1", 5, 5)])))
    (alt,) = alt_texts(document)
    assert alt == "Risikomatrise. Sannsynlighet 5, konsekvens 5 (rød): r1."


def test_no_picture_without_scores() -> None:
    report = _report([{"id": "r1", "title": "Uten vurdering"}])
    assert matrix_picture(report, SECTION, report.sections[0].rows, "x", 6.3) is None
