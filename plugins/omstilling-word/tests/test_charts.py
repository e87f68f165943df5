"""Pictures: the RAG heat map, target against realised, and the timeline; each with
alt text that gives its data in words, its caption above it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import numpy
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection, PolyCollection
from omstilling_word import _charts, _timeline, to_docx
from word_samples import MILESTONES, SCHEMA, alt_texts, body_items, reopen, sample_report

from omstilling.model import Language, Money, PartialDate, Period, Rag
from omstilling.report import (
    Chart,
    ChartKind,
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)

D = PartialDate
DIMENSIONS = ("samlet", "okonomi", "risiko")

HEATMAP = SectionSchema(
    key="status",
    title=Labels("Status per deltaker", "Status per deltakar", "Status by participant"),
    columns=(
        Column(key="deltaker", type=FieldType.TEXT, label=Labels("Deltaker")),
        Column(key="samlet", type=FieldType.RAG, label=Labels("Samlet", "Samla", "Overall")),
        Column(key="okonomi", type=FieldType.RAG, label=Labels("Økonomi", "Økonomi", "Finance")),
        Column(key="risiko", type=FieldType.RAG, label=Labels("Risiko", "Risiko", "Risk")),
    ),
    chart=Chart(
        kind=ChartKind.RAG_HEATMAP,
        label="deltaker",
        values=DIMENSIONS,
        title=Labels("Statuskart", "Statuskart", "Status map"),
    ),
)
SAVINGS = SectionSchema(
    key="innsparing",
    title=Labels("Innsparing per periode"),
    columns=(
        Column(key="periode", type=FieldType.PERIOD, label=Labels("Periode")),
        Column(key="mal", type=FieldType.MONEY, label=Labels("Mål", "Mål", "Target")),
        Column(key="realisert", type=FieldType.MONEY, label=Labels("Realisert")),
    ),
    chart=Chart(kind=ChartKind.TARGET_ACTUAL, label="periode", values=("mal", "realisert")),
)
CHARTS = ReportSchema(id="diagram", title=Labels("Statusrapport"), sections=(HEATMAP, SAVINGS))


def _report(
    statuses: list[tuple[str, list[Rag | None]]],
    savings: tuple[dict[str, Any], ...] = (),
    language: Language = Language.NB,
) -> Report:
    rows = tuple(
        {"deltaker": name, **{k: v for k, v in zip(DIMENSIONS, cells, strict=True) if v}}
        for name, cells in statuses
    )
    return Report(
        schema=CHARTS,
        language=language,
        title="Prøveprogrammet",
        programme="prove",
        sections=(Section(key="status", rows=rows), Section(key="innsparing", rows=savings)),
    )


STATUSES: list[tuple[str, list[Rag | None]]] = [
    ("Alvdal", [Rag.GREEN, Rag.RED, Rag.AMBER]),
    ("Tynset", [Rag.RED, Rag.GREEN, None]),
    ("Folldal", [None, None, None]),
]
SAVED: tuple[dict[str, Value], ...] = (
    {"periode": Period.parse("2013"), "mal": Money(Decimal(2_000_000))},
    {
        "periode": Period.parse("2014"),
        "mal": Money(Decimal(3_500_000)),
        "realisert": Money(Decimal(1_250_000)),
    },
)


def test_the_heat_map_stands_before_its_table_with_caption_and_alt_text() -> None:
    document = reopen(to_docx(_report(STATUSES, SAVED)))
    items = body_items(document)
    pictures = [i for i, item in enumerate(items) if item.xpath(".//wp:docPr")]
    tables = [i for i, item in enumerate(items) if item.tag == qn("w:tbl")]
    assert pictures[0] < tables[0] < pictures[1] < tables[1]  # each chart before its table
    caption = items[pictures[0] - 1]
    assert caption.xpath("string(.)") == "Statuskart"
    assert caption.xpath("./w:pPr/w:keepNext")  # kept with its picture
    [properties] = items[pictures[0]].xpath(".//wp:docPr")
    assert properties.get("title") == "Statuskart"
    text = properties.get("descr")
    assert text.startswith("Statuskart: 3 rader og 3 kolonner (Samlet, Økonomi, Risiko).")
    assert " Rød: Alvdal – Økonomi, Tynset – Samlet." in text
    assert " Gul: Alvdal – Risiko." in text
    assert " Ikke rapportert: Tynset – Risiko, Folldal – Samlet, Folldal – Økonomi," in text


def test_the_heat_map_writes_the_word_in_every_cell() -> None:
    report = _report(STATUSES, language=Language.NN)
    assert HEATMAP.chart is not None
    data = _charts.heatmap_data(report, HEATMAP, HEATMAP.chart, report.sections[0].rows)
    assert data is not None
    figure = _charts.heatmap_figure(report, data)
    words = [t.get_text() for t in figure.axes[0].texts]
    assert words == ["Grøn", "Raud", "Gul", "Raud", "Grøn"] + ["Ikkje rapportert"] * 4


_RAGS = st.sampled_from([Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NOT_ASSESSED, None])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=12),
            st.lists(_RAGS, min_size=3, max_size=3),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda row: row[0],
    ),
    st.sampled_from(list(Language)),
)
def test_the_alt_text_names_every_red_cell(
    statuses: list[tuple[str, list[Rag | None]]], language: Language
) -> None:
    report = _report(statuses, language=language)
    schema = HEATMAP
    assert schema.chart is not None
    data = _charts.heatmap_data(report, schema, schema.chart, report.sections[0].rows)
    if not any(isinstance(cell, Rag) for _, cells in statuses for cell in cells):
        assert data is None
        return
    assert data is not None
    red = report.label(Labels("Rød", "Raud", "Red"))
    names = [c.label.get(language) for c in HEATMAP.columns[1:]]
    text = _charts.heatmap_description_of(report, data, "Kart")
    listed = text.split(f" {red}: ")[1].split(".")[0] if f" {red}: " in text else ""
    for name, cells in statuses:
        for dimension, cell in zip(names, cells, strict=True):
            if cell is Rag.RED:
                assert f"{name} – {dimension}" in listed.split(", ")


def test_target_against_realised_in_words_and_norwegian_amounts() -> None:
    report = _report(STATUSES, SAVED)
    [_, text] = alt_texts(reopen(to_docx(report)))
    assert text == (
        "Diagram for Innsparing per periode: 2013: Mål 2\u00a0000\u00a0000\u00a0kr,"
        " Realisert ingen. 2014: Mål 3\u00a0500\u00a0000\u00a0kr, Realisert"
        " 1\u00a0250\u00a0000\u00a0kr. Totalt: Mål 5\u00a0500\u00a0000\u00a0kr, Realisert"
        " 1\u00a0250\u00a0000\u00a0kr."
    )
    assert SAVINGS.chart is not None
    bars = _charts.bars_data(report, SAVINGS, SAVINGS.chart, SAVED)
    assert bars is not None
    figure = _charts.target_figure(report, bars)
    formatter = figure.axes[0].yaxis.get_major_formatter()
    assert formatter(1_500_000, 0) == "1\u00a0500\u00a0000\u00a0kr"
    assert len(figure.axes[0].patches) == 4  # two bars per period


def test_no_chart_without_data() -> None:
    report = _report([("Alvdal", [None, None, None])])
    document = reopen(to_docx(report))
    assert alt_texts(document) == []


# --- the timeline ---------------------------------------------------------------------


def _bars(report: Report) -> list[_timeline.Bar]:
    timeline = report.schema.sections[-1].timeline
    assert timeline is not None
    drawn, _ = _timeline.bars(report, timeline, report.sections[-1].rows, "test")
    return drawn


def test_finish_only_milestones_are_diamonds() -> None:
    finishes = tuple({**m, "start": None} for m in MILESTONES)
    report = sample_report(milestones=finishes)
    drawn = _bars(report)
    assert len(drawn) == len(MILESTONES)
    assert all(bar.point for bar in drawn)
    figure = _timeline.figure(report, drawn, grouped=False, legend=True)
    [axes] = figure.axes
    diamonds = [c for c in axes.collections if isinstance(c, PathCollection)]
    assert sum(len(numpy.asarray(c.get_offsets())) for c in diamonds) == len(MILESTONES)
    boxes = [c for c in axes.collections if isinstance(c, PolyCollection)]
    assert sum(len(c.get_paths()) for c in boxes) == 0
    [text] = alt_texts(reopen(to_docx(report)))
    for milestone in MILESTONES:
        assert f" {milestone['tittel']}: " in text


@given(st.integers(0, 5), st.integers(0, 5))
@settings(max_examples=20, deadline=None)
def test_every_dated_milestone_is_in_the_alt_text(finish_only: int, both: int) -> None:
    rows = tuple(
        {"tittel": f"Punkt {i}", "frist": D(2014, 1 + i), "ferdig": False}
        for i in range(finish_only)
    ) + tuple(
        {"tittel": f"Strekk {i}", "start": D(2013, 1 + i), "frist": D(2014, 6), "ferdig": True}
        for i in range(both)
    )
    report = sample_report(milestones=rows)
    texts = alt_texts(reopen(to_docx(report)))
    if not rows:
        assert texts == []
        return
    [text] = texts
    assert text.count(": ") == len(rows) + 1
    assert all(f" {row['tittel']}: " in text for row in rows)


def test_two_subprojects_with_the_same_beginning_get_two_lanes() -> None:
    prefix = "Delprosjekt for digitalisering av tjenes"  # 40 characters
    assert len(prefix) == 40
    assert SCHEMA.sections[2].timeline is not None
    timeline = attrs.evolve(SCHEMA.sections[2].timeline, group="gruppe")
    schema = attrs.evolve(
        SCHEMA,
        sections=(*SCHEMA.sections[:2], attrs.evolve(SCHEMA.sections[2], timeline=timeline)),
    )
    rows = (
        {"tittel": "A", "gruppe": prefix + "er i helse", "start": D(2014, 1), "frist": D(2014, 2)},
        {"tittel": "B", "gruppe": prefix + "er i skole", "start": D(2014, 1), "frist": D(2014, 2)},
    )
    report = sample_report(schema=schema, milestones=rows)
    drawn = _bars(report)
    assert len({bar.lane for bar in drawn}) == 2
    labels = _timeline.lane_labels([bar.lane for bar in drawn])
    assert len(set(labels.values())) == 2
    assert all(len(label) <= 40 for label in labels.values())
    figure = _timeline.figure(report, drawn, grouped=True, legend=False)
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len([t for t in ticks if t]) == 2
    [text] = alt_texts(reopen(to_docx(report)))
    assert " i 2 grupper" in text


def _legend(figure: Any) -> list[str]:
    legend = figure.axes[0].get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def test_the_legend_names_the_diamond_where_the_picture_has_one() -> None:
    both = tuple(m for m in MILESTONES if m["start"] is not None)
    for language, name in (
        (Language.NB, "Milepæl (én dato)"),
        (Language.NN, "Milepæl (éin dato)"),
        (Language.EN, "Milestone (one date)"),
    ):
        report = sample_report(language=language)
        drawn = _bars(report)
        assert any(bar.point for bar in drawn)
        figure = _timeline.figure(report, drawn, grouped=False, legend=True)
        labels = _legend(figure)
        assert len(labels) == 3
        assert labels[-1] == name
    report = sample_report(milestones=both)
    drawn = _bars(report)
    assert not any(bar.point for bar in drawn)
    assert _legend(_timeline.figure(report, drawn, grouped=False, legend=True)) == [
        "Ikke ferdig",
        "Ferdig",
    ]


def test_one_lane_without_a_group_has_no_name() -> None:
    assert SCHEMA.sections[2].timeline is not None
    timeline = attrs.evolve(SCHEMA.sections[2].timeline, group="gruppe")
    schema = attrs.evolve(
        SCHEMA,
        sections=(*SCHEMA.sections[:2], attrs.evolve(SCHEMA.sections[2], timeline=timeline)),
    )
    rows = tuple({"tittel": f"Punkt {i}", "frist": D(2014, 1 + i)} for i in range(3))
    for language in Language:
        report = sample_report(schema=schema, milestones=rows, language=language)
        drawn = _bars(report)
        figure = _timeline.figure(report, drawn, grouped=True, legend=False)
        ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert ticks
        assert not any(ticks)
    # beside a named group, rows without one are still a lane of their own, named
    named = (*rows, {"tittel": "Annet", "gruppe": "Helse", "frist": D(2014, 6)})
    report = sample_report(schema=schema, milestones=named)
    figure = _timeline.figure(report, _bars(report), grouped=True, legend=False)
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "Uten gruppe" in ticks
    assert "Helse" in ticks


def test_the_timeline_caption_stands_above_the_picture() -> None:
    assert SCHEMA.sections[2].timeline is not None
    timeline = attrs.evolve(SCHEMA.sections[2].timeline, title=Labels("Tidslinje"))
    schema = attrs.evolve(
        SCHEMA,
        sections=(*SCHEMA.sections[:2], attrs.evolve(SCHEMA.sections[2], timeline=timeline)),
    )
    items = body_items(reopen(to_docx(sample_report(schema=schema))))
    [picture] = [i for i, item in enumerate(items) if item.xpath(".//wp:docPr")]
    caption = items[picture - 1]
    assert caption.xpath("string(.)") == "Tidslinje"
    assert caption.xpath("./w:pPr/w:keepNext")
    assert items[picture].xpath(".//wp:docPr/@title") == ["Tidslinje"]
