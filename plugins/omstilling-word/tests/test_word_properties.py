"""Every report exports to a .docx that opens again, whatever its schema and text."""

from __future__ import annotations

import warnings
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st
from omstilling_word import to_docx
from word_samples import SCHEMA, alt_texts, headings, reopen

from omstilling.formatting import ExportWarning
from omstilling.presentation import shown_columns
from omstilling.report import Presentation, Report
from omstilling.testing import strategies

# Characters XML 1.0 cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF) mixed
# into ordinary text; the strategies' own text leaves most of them out.
_BAD = st.sampled_from(["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\uffff"])
_NASTY = st.lists(st.one_of(_BAD, strategies.texts(max_size=5)), min_size=1, max_size=5).map(
    "".join
)


def _check(report: Report) -> Any:
    """Export ``report``, open the file again and check its outline; the document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        data = to_docx(report)
    document = reopen(data)
    assert len(headings(document)) == 1 + len(report.sections)
    # a table for every section with rows and a column shown (one with a value
    # somewhere in the report), a figure table for every key-figure section with a value
    sections_with_tables = [
        s
        for s in report.sections
        if s.rows and shown_columns(report.schema.section(s.key), report.sections_for(s.key))
    ]
    figures = [
        s
        for s in report.sections
        if report.schema.section(s.key).shown_as is Presentation.KEY_FIGURES
        and any(v not in (None, (), "") for v in s.values.values())
    ]
    assert len(document.tables) == len(sections_with_tables) + len(figures)
    assert document.core_properties.language in {"nb-NO", "nn-NO", "en-GB"}
    return document


@given(strategies.reports())
def test_every_report_exports_to_a_docx_that_opens(report: Report) -> None:
    _check(report)


@given(strategies.reports(), _NASTY, _NASTY)
def test_text_xml_cannot_hold_never_breaks_the_file(report: Report, nasty: str, more: str) -> None:
    sections = tuple(
        attrs.evolve(
            section,
            note=nasty,
            rows=tuple(
                {key: (more if type(value) is str else value) for key, value in row.items()}
                for row in section.rows
            ),
        )
        for section in report.sections
    )
    _check(attrs.evolve(report, title=f"Rapport {nasty}{more}", sections=sections))


@given(strategies.reports(SCHEMA))
def test_every_timeline_draws_or_is_left_out(report: Report) -> None:
    document = _check(report)
    dated = [
        row
        for section in report.sections_for("milepaeler")
        for row in section.rows
        if row.get("start") is not None or row.get("frist") is not None
    ]
    assert len(alt_texts(document)) == (1 if dated else 0)
