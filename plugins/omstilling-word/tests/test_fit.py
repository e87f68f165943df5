"""Tables that fit the page: column widths from the text, fixed layout, header rows
repeated, rows kept on one page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from omstilling_word import to_docx
from omstilling_word._fit import PADDING, TableText, column_widths, fits_portrait, text_width
from word_samples import SCHEMA, reopen, sample_report

from omstilling.formatting import format_value
from omstilling.model import Language, Money
from omstilling.model import PartialDate as D
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    Section,
    SectionSchema,
    Value,
)

PORTRAIT = 9070
"""The text width of an A4 portrait page with 2.5 cm margins, in twips."""


@st.composite
def _bounds(draw: st.DrawFn) -> tuple[list[int], list[int], int]:
    count = draw(st.integers(1, 12))
    minimum = draw(st.lists(st.integers(1, 5000), min_size=count, max_size=count))
    preferred = draw(st.lists(st.integers(0, 20000), min_size=count, max_size=count))
    total = draw(st.integers(count, 30000))
    return minimum, preferred, total


@given(_bounds())
def test_widths_add_up_to_the_text_width(bounds: tuple[list[int], list[int], int]) -> None:
    minimum, preferred, total = bounds
    widths = column_widths(minimum, preferred, total)
    assert len(widths) == len(minimum)
    assert sum(widths) == total
    assert all(w >= 0 for w in widths)


@given(_bounds())
def test_every_column_gets_its_minimum_when_the_page_allows(
    bounds: tuple[list[int], list[int], int],
) -> None:
    minimum, preferred, total = bounds
    widths = column_widths(minimum, preferred, total)
    if sum(minimum) <= total:
        assert all(w >= m for w, m in zip(widths, minimum, strict=True))
    if sum(max(m, p) for m, p in zip(minimum, preferred, strict=True)) <= total:
        assert all(w >= max(m, p) for w, m, p in zip(widths, minimum, preferred, strict=True))


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=1)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_AMOUNTS = st.decimals(min_value=-(10**12), max_value=10**12, places=2).map(Money)


def _table(texts: list[list[str]], amounts: list[Money], language: Language) -> TableText:
    columns = (
        *(
            Column(key=f"tekst{i}", type=FieldType.TEXT, label=Labels(f"Kolonne{i}"))
            for i in range(len(texts))
        ),
        Column(key="belop", type=FieldType.MONEY, label=Labels("Beløp")),
    )
    rows = max(len(amounts), *(len(t) for t in texts))
    body = [
        [
            *([column[n]] if n < len(column) else [] for column in texts),
            [format_value(amounts[n], FieldType.MONEY, language)] if n < len(amounts) else [],
        ]
        for n in range(rows)
    ]
    headers = [[c.label.nb] for c in columns]
    return TableText(columns, headers, body)


def _ems_to_twips(ems: float, size: float = 11.0) -> float:
    return ems * size * 20 + PADDING


@given(
    st.lists(st.lists(_TEXTS, min_size=1, max_size=8), min_size=1, max_size=6),
    st.lists(_AMOUNTS, min_size=1, max_size=8),
    st.sampled_from(list(Language)),
    st.integers(3000, 16000),
)
def test_no_word_and_no_amount_is_given_less_than_its_width(
    texts: list[list[str]], amounts: list[Money], language: Language, total: int
) -> None:
    table = _table(texts, amounts, language)
    fit = table.fit(total)
    assert sum(fit.widths) == total
    words = [max(text_width(w) for t in column for w in t.split(" ")) for column in texts]
    amount = max(text_width(format_value(a, FieldType.MONEY, language)) for a in amounts)
    size = 11 * fit.body_scale  # a smaller font before broken words
    needed = [_ems_to_twips(ems, size) for ems in [*words, amount]]
    headers = [
        _ems_to_twips(text_width(h, bold=True), 11 * fit.header_scale) for [h] in table.headers
    ]
    if not fit.broken:  # every word and every header word has its width
        assert all(w >= n for w, n in zip(fit.widths, needed, strict=True))
        assert all(w >= h for w, h in zip(fit.widths, headers, strict=True))
    if _ems_to_twips(amount, size) + PADDING * len(texts) <= total:  # amounts never break
        assert fit.widths[-1] >= _ems_to_twips(amount, size)
    assert fits_portrait(table, PORTRAIT) == (sum(table.narrowest) <= PORTRAIT)


def test_an_amount_is_one_unbreakable_token() -> None:
    amount = format_value(Money(Decimal(3500000)), FieldType.MONEY, Language.NB)
    assert amount == "3\u00a0500\u00a0000\u00a0kr"
    table = _table([["kort"]], [Money(Decimal(3500000))], Language.NB)
    assert table.whole[-1] == table.words[-1] == text_width(amount)


def test_small_headers_before_broken_words() -> None:
    """Headers that do not fit in full size are set smaller before anything else."""
    keys = [f"k{i}" for i in range(4)]
    columns = tuple(
        Column(key=k, type=FieldType.INTEGER, label=Labels("Rapporteringsdato")) for k in keys
    )
    table = TableText(columns, [[c.label.nb] for c in columns], [[["12"]] * 4])
    assert table.fit(PORTRAIT * 2).header_scale == 1
    fit = table.fit(PORTRAIT)
    assert fit.header_scale < 1
    assert not fit.broken


# --- in the document ------------------------------------------------------------------


def _status_table(document: Any) -> Any:
    return document.tables[0]._tbl


def test_the_layout_is_fixed_with_widths_in_twips_on_grid_and_cells() -> None:
    document = reopen(to_docx(sample_report()))
    for table in document.tables:
        tbl = table._tbl
        layout = tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None
        assert layout.get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.iter(qn("w:gridCol"))]
        for tr in tbl.iter(qn("w:tr")):
            cells = [int(w.get(qn("w:w"))) for w in tr.iter(qn("w:tcW"))]
            assert cells == grid
            assert {w.get(qn("w:type")) for w in tr.iter(qn("w:tcW"))} == {"dxa"}


def test_header_repeats_and_rows_do_not_split() -> None:
    document = reopen(to_docx(sample_report()))
    rows = list(document.tables[-1]._tbl.iter(qn("w:tr")))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for tr in rows[1:])


def test_a_row_taller_than_a_page_may_split() -> None:
    long = " ".join(["Lang kommentar som fyller mange linjer i cellen."] * 200)
    subprojects = (
        {"navn": "Kort", "kommentar": "Kort."},
        {"navn": "Lang", "kommentar": long},
    )
    document = reopen(to_docx(sample_report(subprojects=subprojects)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Delprosjekt")
    rows = list(table._tbl.iter(qn("w:tr")))
    split = [tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None for tr in rows]
    assert split == [False, False, True]


def _dated(days: int) -> Any:
    columns = (
        Column(key="tittel", type=FieldType.TEXT, label=Labels("Milepæl")),
        *(
            Column(key=f"dato{i}", type=FieldType.DATE, label=Labels(f"Dato {i}"))
            for i in range(days)
        ),
    )
    section = SectionSchema(key="datoer", title=Labels("Datoer"), columns=columns)
    schema = attrs.evolve(SCHEMA, sections=(section,))
    row: dict[str, Value] = {"tittel": "Ny kommune"}
    row.update({f"dato{i}": D(2013, 12, 1) for i in range(days)})
    sections = (Section(key="datoer", rows=(row,)),)
    report = Report(schema=schema, title="Datoer", programme="prove", sections=sections)
    return reopen(to_docx(report))


def test_dates_stay_whole_where_the_page_allows() -> None:
    texts = [c.text for r in _dated(2).tables[0].rows for c in r.cells]
    assert texts[-1] == "1.\u00a0desember\u00a02013"
    # eight dates do not fit whole across a page: they may break at their spaces
    texts = [c.text for r in _dated(8).tables[0].rows for c in r.cells]
    assert texts[-1] == "1.\u00a0desember 2013"  # if broken, before the year


def test_a_compound_header_is_not_broken() -> None:
    """A narrow column of numbers under a long compound header gets the header's width."""
    column = Column(key="antall", type=FieldType.INTEGER, label=Labels("Rapporteringsdato"))
    section = attrs.evolve(SCHEMA.sections[1], columns=(*SCHEMA.sections[1].columns, column))
    schema = attrs.evolve(SCHEMA, sections=(SCHEMA.sections[0], section, SCHEMA.sections[2]))
    report = sample_report(schema=schema)
    rows = tuple({**row, "antall": 3} for row in report.sections[1].rows)
    report = report.with_sections(
        (report.sections[0], Section(key="delprosjekter", rows=rows), report.sections[2])
    )
    document = reopen(to_docx(report))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Delprosjekt")
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    sizes = table._tbl.xpath("./w:tr[1]//w:rPr/w:sz/@w:val")
    size = int(sizes[0]) / 2 if sizes else 11.0  # a smaller header where need be
    assert widths[-1] >= _ems_to_twips(text_width("Rapporteringsdato", bold=True), size)
