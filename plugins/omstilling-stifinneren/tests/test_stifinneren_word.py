"""The example programme rendered to Word and Excel with ``omstilling.cycle.render``,
read back with python-docx and openpyxl: the seed's headings and facts in the seed's
order."""

from __future__ import annotations

import warnings
from pathlib import Path

import omstilling_excel
import omstilling_stifinneren
import omstilling_word
from hypothesis import given

from omstilling.builtin import register_builtins
from omstilling.cycle import export_report, render
from omstilling.files import load
from omstilling.formatting import ExportWarning
from omstilling.hookspecs import BuildRequest
from omstilling.model import Period, Programme
from omstilling.plugins import Plugins
from omstilling.testing import strategies as ost

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "stifinneren-2004.yaml"

PARTICIPANTS = [
    "Vadsø kommune:",
    "Molde kommune:",
    "Tingvoll kommune:",
    "Herøy kommune:",
    "Sogndal kommune:",
    "Bømlo kommune:",
    "Porsgrunn kommune:",
    "Bydel Alna, Oslo kommune:",
]
SUMMARY_COLUMNS = [
    "Deltakerkommune",
    "Rapportert",
    "Samlet",
    "Framdrift",
    "Økonomi",
    "Kvalitet",
    "Risiko",
    "Andre forhold",
    "Merknad",
]


def _plugins() -> Plugins:
    """Only the built-in plugin, Word, Excel and this one: no other installed plugin
    can change the test."""
    plugins = Plugins(strict=True)
    register_builtins(plugins)
    plugins.register(omstilling_word, "word")
    plugins.register(omstilling_excel, "excel")
    plugins.register(omstilling_stifinneren, "stifinneren")
    return plugins


def _docx(tmp_path: Path, period: str) -> list[tuple[str, str]]:
    """The example rendered to .docx for ``period``: every paragraph of the body and of
    its tables, in document order, as (style name, text)."""
    from docx import Document

    output = tmp_path / "status.docx"
    render(load(EXAMPLE), "stifinneren.status", output, period=period, plugins=_plugins())
    document = Document(str(output))
    found: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: its cells row by row
            for row in block.rows:
                for cell in row.cells:
                    found.append(("cell", cell.text))
        else:
            found.append((block.style.name if block.style is not None else "", block.text))
    # dates and amounts are kept whole on their line with no-break spaces
    return [(style, text.replace("\u00a0", " ")) for style, text in found]


def _in_order(found: list[tuple[str, str]], wanted: list[str]) -> None:
    """Each text of ``wanted`` occurs in a paragraph at or after the one the text before
    it was found in."""
    position = 0
    for text in wanted:
        for index in range(position, len(found)):
            if text in found[index][1]:
                position = index
                break
        else:
            before = found[position][1][:60] if found else ""
            raise AssertionError(f"{text!r} not found after {before!r}")


def test_word_has_the_seeds_headings_and_facts_in_order(tmp_path: Path) -> None:
    found = _docx(tmp_path, "2004-H1")
    headings = [text for style, text in found if style.startswith(("Heading", "Title"))]
    # the title block: the kind of report as the title, the seed's "STIFINNEREN" and
    # the period under it
    assert found[:2] == [
        ("Title", "Stifinneren – status"),
        ("Subtitle", "STIFINNEREN – 1. halvår 2004"),
    ]
    seed_headings = [
        "STATUS PR. AUGUST 2004",
        "Innledning",
        "Status i den enkelte Stifinnerkommune",
        *PARTICIPANTS,
        "Felles aktiviteter 1. halvår",
        "Evaluering av Stifinnerprogrammet",
        "Oversikt over deltakerkommunene",
    ]
    assert [h for h in headings if h in seed_headings] == seed_headings
    _in_order(
        found,
        [
            "STIFINNEREN",
            "STATUS PR. AUGUST 2004",
            "Behandlet i ledermøte 6. september 2004.",
            "Innledning",
            "Status i den enkelte Stifinnerkommune",
            "Vadsø kommune:",
            "Møter i styringsgruppen i perioden: 6",
            "KRDs besøk våren 2004",
            "Kjelrun Espedal, KØ",
            "Molde kommune:",
            "Skifte av prosjektleder: Ja",
            "Fredrik Rivenes, KSA",
            "Tingvoll kommune:",
            "Tage Båtsvik, KSA",
            "Herøy kommune:",
            "Helle Sekkeseter, KJ",
            "Sogndal kommune:",
            "Odd Vegsund, KSA",
            "Bømlo kommune:",
            "Tage Båtsvik, KSA",
            "Porsgrunn kommune:",
            "80 mill.",
            "Nina S. Andresen, KØ",
            "Bydel Alna, Oslo kommune:",
            "Kristin Morken, KSA",
            "Felles aktiviteter 1. halvår",
            "19.–20. april",
            "Gardermoen",
            "15.–16. juni",
            "Klækken",
            "Evaluering av Stifinnerprogrammet",
            "Rogalandsforskning",
            "Norsk institutt for by- og regionforskning (NIBR)",
            "Nåsituasjonsbeskrivelse",
            "1. oktober",
            "Oversikt over deltakerkommunene",
            # the columns with a value for some participant in this period
            "Deltakerkommune",
            "Rapportert",
            "Framdrift",
            "Vadsø kommune",
            "Grønn",
            "Bydel Alna, Oslo kommune",
        ],
    )
    # 6 meetings stands in Vadsø's section, before Molde's heading
    vadso = [t for _, t in found].index("Vadsø kommune:")
    molde = [t for _, t in found].index("Molde kommune:")
    assert any("Møter i styringsgruppen i perioden: 6" in t for _, t in found[vadso:molde])


def test_word_flags_every_participant_when_nobody_reported(tmp_path: Path) -> None:
    found = _docx(tmp_path, "2004-H2")
    texts = [t for _, t in found]
    flag = "Ikke rapportert for 2. halvår 2004"
    starts = [texts.index(p) for p in PARTICIPANTS]
    ends = [*starts[1:], texts.index("Felles aktiviteter 2. halvår")]
    for name, start, end in zip(PARTICIPANTS, starts, ends, strict=True):
        assert f"Merknad: {flag}" in texts[start:end], name
    summary = texts.index("Oversikt over deltakerkommunene")
    cells = texts[summary + 1 :]
    # nobody reported: only the columns with a value for some participant are shown
    columns = ["Deltakerkommune", "Rapportert", "Merknad"]
    width = len(columns)
    assert cells[:width] == columns
    rows = [cells[i : i + width] for i in range(width, len(cells), width)]
    assert [row[0] for row in rows] == [p.removesuffix(":") for p in PARTICIPANTS]
    for row in rows:
        assert row[1] == "Nei"
        assert row[-1] == flag


def test_excel_renders_and_reopens(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    output = tmp_path / "status.xlsx"
    with warnings.catch_warnings():
        # "Evaluering av Stifinnerprogrammet" is longer than a sheet name may be
        warnings.simplefilter("ignore", ExportWarning)
        render(load(EXAMPLE), "stifinneren.status", output, period="2004-H1", plugins=_plugins())
    workbook = load_workbook(output)
    assert workbook.sheetnames[-1] == "Oversikt over deltakerkommunene"
    sheet = workbook["Oversikt over deltakerkommunene"]
    rows = list(sheet.iter_rows(values_only=True))
    # the columns no participant has a value in (all but progress in 2004) are left out
    assert list(rows[0]) == ["Deltakerkommune", "Rapportert", "Framdrift"]
    assert [row[0] for row in rows[1:]] == [p.removesuffix(":") for p in PARTICIPANTS]
    assert {row[2] for row in rows[1:]} == {"Grønn", "Gul"}
    overview = [str(v) for row in workbook["Oversikt"].iter_rows(values_only=True) for v in row]
    assert "STIFINNEREN – 1. halvår 2004" in overview


PLUGINS = _plugins()


@given(ost.programmes(), ost.periods(min_year=2000, max_year=2010))
def test_any_programme_exports_to_word(programme: Programme, period: Period) -> None:
    report = omstilling_stifinneren.FORMAT.build(programme, BuildRequest(period=period))
    with warnings.catch_warnings():
        # drawn text may hold characters a .docx cannot: the exporter replaces them
        warnings.simplefilter("ignore", ExportWarning)
        data = export_report(report, ".docx", plugins=PLUGINS)
    assert data.startswith(b"PK")
