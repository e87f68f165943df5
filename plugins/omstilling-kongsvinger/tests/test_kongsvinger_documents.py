"""The example programme rendered to Word and Excel with ``omstilling.cycle.render``,
read back with python-docx and openpyxl: the seed's headings, column headings, case
numbers, key numbers and the council's items a) to j) in the seed's order."""

from __future__ import annotations

import itertools
from pathlib import Path

import omstilling_excel
import omstilling_kongsvinger
import omstilling_word
import pytest

from omstilling.builtin import register_builtins
from omstilling.cycle import render
from omstilling.files import load
from omstilling.formatting import ExportWarning
from omstilling.plugins import Plugins

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "kongsvinger-omstilling-2012.yaml"

GROUPS = [
    "Vedtak samhandling",
    "Vedtak oppvekst",
    "Vedtak helse og omsorg",
    "Vedtak Samfunn",
    "Vedtak stab/støtte/ledelse/organisering",
]
HEADINGS = [
    "Organisasjonsendringer - administrasjon 2012 - Omstillingsprosjektet",
    "Saksopplysninger",
    "Mandat for Omstilling 2012",
    "Organisering av prosjekt Omstilling 2012",
    "Prosjektområder og delprosjekter",
    "Omstillingsprosjektet - videre arbeid (KST-sak 139/12)",
    "Vurdering",
    "Prioriterte omstillingstiltak",
    "Vedtak",
    *GROUPS,
]
"""The headings, in the seed's order (the council's decision is quoted in
"Saksopplysninger", the prioritised measures are in "Vurdering", as in the seed)."""

KST_ITEMS = [
    "a) Kongsvinger kommunens barnehagegaranti avvikles og 4 kommunale barnehageavdelinger",
    "b) Åpningstidene i barnehagene opprettholdes. Den forutsatte besparelsen på 800.000",
    "c) Pilotprosjekt velferdsteknologi iverksettes",
    "d) Ny driftsmodell for Rådhus-Teatret iverksettes",
    "e) Kommunestyret ber rådmannen legge frem en sak om Etablering av bofellesskap",
    "f) Kommunestyret ber rådmannen legge frem en sak om Opprettelse av heldøgnsboliger",
    "g) Kommunestyret ber rådmannen legge frem en sak om fremtidig bruk av Kongsvinger",
    "h) Kommunestyret ber rådmannen legge frem en sak om eierstrategi for eiendomsmassen",
    "i) Rådmannens anbefalinger knyttet til ledelse / styringsmodell innen oppvekst",
    "j) Rådmannens anbefaling knyttet til innsatsteam / oppsøkende team tas til orientering",
]
IN_ORDER = [
    # the case header: the brief's field order (the transcript's text extraction puts
    # the "Skal behandles i" table before "Saksansv.", the Word file puts it after)
    "Kongsvinger kommune – Delegert sak",
    "Organisasjonsendringer - administrasjon 2012 - Omstillingsprosjektet",
    "Saksansv.: Torleif Lindahl",
    "Arkiv: K1-034",
    "Arkivsaknr.: 12/1728",
    "Utvalg",
    "Møtedato",
    "Saksnr",
    # (no "Saksbehandler": the example names none, and an empty column is left out)
    "Rådmannen, ref. i Formannskapet",
    "11. desember 2012",
    "769/12",
    # Saksopplysninger
    "Saksopplysninger",
    "Kommunestyret vedtok i forbindelse med budsjettet for 2012",
    "22 delprosjekter",
    "Mandat for Omstilling 2012",
    "Vi skal utvikle en fremtidsrettet og effektiv organisasjon",
    "35 millioner",
    "Organisering av prosjekt Omstilling 2012",
    "Styringsgruppe",
    "Prosjektleder",
    "Lars Gillund",
    "Prosjektområder",
    "Effektmål",
    "Delprosjekter",
    "Oppvekst",
    "1. Vurdering for læring",
    "Helse og omsorg",
    "5. Rushåndtering (involverer også Samfunn og Oppvekst)",
    "Samfunn",
    "Stab, støtte, ledelse og konsernfunksjoner",
    "disens",
    "KST-sak 139/12",
    "Videre arbeid med omstillingsprosjektet følges opp",
    "a)",
    "b)",
    "800.000",
    *(f"{letter})" for letter in "cdefghij"),
    # Vurdering
    "Vurdering",
    "15 %",
    "10 stillinger",
    "Prioriterte omstillingstiltak",
    "Etablering av felles forvaltningsteam ift HO, oppvekst og bolig",
    "Optimal lokalisering, med utgangspunkt i kommunens eid og leid eiendomsmasse",
    # Vedtak
    "Vedtak",
    "Rådmannen vil med bakgrunn i styringsgruppas beslutninger",
    "Vedtak samhandling",
    "Det etableres strategiske forum",
    "Vedtak oppvekst",
    "Vedtak helse og omsorg",
    "Vedtak Samfunn",
    "a) Det nedsettet et strategisk forum",
    "Vedtak stab/støtte/ledelse/organisering",
    "redusert med 15%",
]


def _plugins() -> Plugins:
    """Only the built-in plugin, Word, Excel and this one: no other installed plugin
    can change the test."""
    plugins = Plugins(strict=True)
    register_builtins(plugins)
    plugins.register(omstilling_word, "word")
    plugins.register(omstilling_excel, "excel")
    plugins.register(omstilling_kongsvinger, "kongsvinger")
    return plugins


def _docx(tmp_path: Path) -> list[tuple[str, str]]:
    """The example rendered to .docx: every paragraph of the body and every table
    cell, in document order, as (style name, text)."""
    from docx import Document

    output = tmp_path / "sak.docx"
    render(load(EXAMPLE), "kongsvinger.vedtak", output, plugins=_plugins())
    document = Document(str(output))
    found: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: its cells row by row
            for row in block.rows:
                found.extend(("cell", cell.text) for cell in row.cells)
        else:
            found.append((block.style.name if block.style is not None else "", block.text))
    # dates and amounts are kept whole on their line with no-break spaces
    return [(style, text.replace("\u00a0", " ")) for style, text in found]


def _in_order(texts: list[str], wanted: list[str]) -> None:
    """Each of ``wanted`` occurs in the text, after the place the one before it was
    found."""
    text = "\n".join(texts)
    position = 0
    for marker in wanted:
        found = text.find(marker, position)
        assert found >= 0, f"{marker!r} not found after {text[max(0, position - 80) : position]!r}"
        position = found + len(marker)


def test_the_word_file_has_the_seeds_headings_in_order(tmp_path: Path) -> None:
    found = _docx(tmp_path)
    headings = [text for style, text in found if style.startswith("Heading")]
    _in_order(headings, HEADINGS)
    assert [h for h in headings if h.startswith("Vedtak ")] == GROUPS
    # the title block: the kind of document, then the issuer's own title
    title = [text for style, text in found if style == "Title"]
    assert title == ["Saksframlegg"]
    assert found[1] == ("Subtitle", "Kongsvinger kommune – Delegert sak")


def test_the_word_file_has_the_seeds_facts_in_order(tmp_path: Path) -> None:
    found = _docx(tmp_path)
    texts = [text for _, text in found]
    _in_order(texts, IN_ORDER)
    cells = [text for style, text in found if style == "cell"]
    _in_order(cells, ["Prosjektområder", "Effektmål", "Delprosjekter"])
    _in_order(cells, ["Utvalg", "Møtedato", "Saksnr"])
    # the council's items a) to j), verbatim and in their order, each in its own row
    items = [f"{label} {text}" for label, text in itertools.pairwise(cells)]
    _in_order(items, KST_ITEMS)
    assert sum(1 for c in cells if len(c) == 2 and c.endswith(")")) == 10
    # the prioritised list 1. to 11.: numbers in the first column, by priority
    ranked = cells[cells.index("Nr.") + 3 :][::3][:11]
    assert ranked == [str(n) for n in range(1, 12)]


def test_the_excel_file_opens_with_openpyxl(tmp_path: Path) -> None:
    import openpyxl

    output = tmp_path / "sak.xlsx"
    # titles longer than Excel's 31 characters and the "/" of a group heading give
    # other sheet names, with a warning each
    with pytest.warns(ExportWarning, match="sheet name"):
        render(load(EXAMPLE), "kongsvinger.vedtak", output, plugins=_plugins())
    workbook = openpyxl.load_workbook(output)
    names = workbook.sheetnames
    assert names[0] == "Oversikt"
    assert "Vedtak samhandling" in names
    assert "Prioriterte omstillingstiltak" in names
    overview = [row for row in workbook["Oversikt"].iter_rows(values_only=True) if any(row)]
    assert overview[0][0] == "Saksframlegg"  # the title block: the kind of document first
    assert str(overview[1][0]).startswith("Kongsvinger kommune – Delegert sak")
    assert ("Kongsvinger kommune", None) in overview  # the owner
    assert ("Saksnr. 2012/1728", None) in overview
    assert ("Arkivsaknr.", "12/1728") in overview
    assert ("Arkiv", "K1-034") in overview
    ranked = list(workbook["Prioriterte omstillingstiltak"].iter_rows(values_only=True))
    assert ranked[0] == ("Nr.", "Tiltak", "Effekt")
    assert [row[0] for row in ranked[1:]] == list(range(1, 12))
    kst = next(
        workbook[name]
        for name in names
        if any(row[0] == "j)" for row in workbook[name].iter_rows(values_only=True))
    )
    labels = [row[0] for row in kst.iter_rows(min_row=2, values_only=True)]
    assert labels == [f"{c})" for c in "abcdefghij"]
    assert "800.000" in str(kst["B3"].value)
