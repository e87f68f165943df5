"""Sheet names Excel accepts: at most 31 characters, none of ``[]:*?/\\``, no
apostrophe first or last, unique ignoring case, not "History"; a warning whenever a
wanted name had to change."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from excel_samples import SCHEMA, assert_valid, export
from hypothesis import given
from hypothesis import strategies as st
from omstilling_excel._names import SheetNames
from openpyxl import load_workbook

from omstilling.cycle import build_report, export_report
from omstilling.files import load
from omstilling.formatting import ExportWarning
from omstilling.report import Report, Section


def _names(*wanted: str) -> list[str]:
    names = SheetNames()
    return [names.add(w, "Ark") for w in wanted]


def test_a_good_name_is_kept_without_warning() -> None:
    assert _names("Lier", "Røyken og Hurum") == ["Lier", "Røyken og Hurum"]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("Kommunene Lier, Røyken og Hurum sammen", "Kommunene Lier, Røyken og Hurum"),
        ("Askim/Eidsberg: [fase 2]", "Askim-Eidsberg – (fase 2)"),
        ("Hva? Hvor*", "Hva- Hvor-"),
        ("C:\\mappe", "C--mappe"),
        ("'Lier'", "Lier"),
        ("''Lier", "Lier"),
        ("  Lier \n og\tHurum  ", "Lier og Hurum"),
        ("History", "History (2)"),
        ("HISTORY", "HISTORY (2)"),
        ("'", "Ark"),
        ("   ", "Ark"),
        ("a\x00b", "a\ufffdb"),
        ("\U0001f600" * 20, "\U0001f600" * 15),
    ],
)
def test_names_are_made_valid_with_a_warning(wanted: str, expected: str) -> None:
    with pytest.warns(ExportWarning) as record:
        assert _names(wanted) == [expected]
    assert f"the sheet is called {expected!r}" in str(record[-1].message)


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("Fase 1: Analyse", "Fase 1 – Analyse"),
        ("Møte kl. 12:30", "Møte kl. 12-30"),
        ("KST-sak 139/12: Vedtakspunkter", "KST-sak 139-12 – Vedtakspunkter"),
        ("stab/støtte", "stab-støtte"),
    ],
)
def test_slashes_and_colons_are_replaced_quietly(wanted: str, expected: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _names(wanted) == [expected]


def test_duplicates_ignoring_case_are_numbered() -> None:
    with pytest.warns(ExportWarning) as record:
        names = _names("Lier", "lier", "LIER", "Lier (2)")
    assert names == ["Lier", "lier (2)", "LIER (3)", "Lier (2) (2)"]
    assert len(record) == 3
    assert str(record[0].message) == (
        "the sheet name 'lier' is taken (ignoring case): the sheet is called 'lier (2)'"
    )
    assert_valid(names)


@pytest.mark.parametrize(
    ("wanted", "reason"),
    [
        ("x" * 40, "is longer than 31 characters"),
        ("History", "is reserved by Excel"),
        ("Fase [1]", "has characters sheet names cannot have ([]:*?/\\)"),
        ("'Lier'", "starts or ends with an apostrophe"),
        ("Lier\nHurum", "has line breaks, tabs or extra spaces"),
        ("", "is empty"),
        ("a\x00", "has characters XML cannot hold"),
    ],
)
def test_the_warning_says_why(wanted: str, reason: str) -> None:
    with pytest.warns(ExportWarning) as record:
        _names(wanted)
    assert f"{wanted!r} {reason}: the sheet is called" in str(record[-1].message)


def test_numbered_names_stay_within_31_characters() -> None:
    long = "Interkommunalt samarbeid om barnevern"
    with pytest.warns(ExportWarning):
        names = _names(long, long, long)
    assert names == [
        "Interkommunalt samarbeid om bar",
        "Interkommunalt samarbeid om (2)",
        "Interkommunalt samarbeid om (3)",
    ]
    assert_valid(names)


def test_names_taken_by_a_base_workbook() -> None:
    names = SheetNames(["Forside", "OVERSIKT"])
    with pytest.warns(ExportWarning):
        assert names.add("Oversikt", "Ark") == "Oversikt (2)"
    assert names.add("Forsiden", "Ark") == "Forsiden"


@given(st.lists(st.text(max_size=40), max_size=12))
def test_any_texts_give_valid_unique_names(wanted: list[str]) -> None:
    names = SheetNames()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        given_names = [names.add(w, "Ark") for w in wanted]
    assert_valid(given_names)


def test_table_sheets_get_valid_names_in_the_workbook() -> None:
    titles = ["Lier", "LIER", "History", "x" * 40, "'Hurum'", "Røyken: [alt]"]
    report = Report(
        schema=SCHEMA,
        title="Deltakere",
        programme="p",
        sections=tuple(
            Section(key="participants", title=t, rows=({"what": "Møte"},)) for t in titles
        ),
    )
    with pytest.warns(ExportWarning):
        workbook = export(report)
    assert workbook.sheetnames == [
        "Oversikt",
        "Lier",
        "LIER (2)",
        "History (2)",
        "x" * 31,
        "Hurum",
        "Røyken – (alt)",
    ]
    assert_valid(workbook.sheetnames)


def test_hundreds_of_tables_of_one_title() -> None:
    """A sheet per table even for hundreds of them: unique names, no file handle per
    sheet held open (the workbook switches out of write-only mode)."""
    sections = tuple(
        Section(key="participants", title="Deltaker", rows=({"what": f"rad {n}"},))
        for n in range(300)
    )
    report = Report(schema=SCHEMA, title="Mange", programme="p", sections=sections)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        workbook = export(report)
    names = workbook.sheetnames
    assert len(names) == 1 + 300
    assert names[1:4] == ["Deltaker", "Deltaker (2)", "Deltaker (3)"]
    assert names[-1] == "Deltaker (300)"
    assert_valid(names)
    assert workbook[names[-1]]["A2"].value == "rad 299"


def test_a_status_roll_up_names_each_participant_s_sheets_without_numbering() -> None:
    """Every participant's comments get a sheet named for the participant, not
    "Status og kommentarer (2)" … "(8)" with a warning each."""
    example = Path(__file__).parents[3] / "examples" / "stifinneren-2004.yaml"
    programme = load(example)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = build_report(programme, "status", period="2004-H1")
        data = export_report(report, ".xlsx")
    assert not [w for w in caught if "is taken" in str(w.message)]
    names = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert "Status i Molde kommune" in names
    assert not [n for n in names if n.endswith(")")]
