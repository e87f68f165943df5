"""The programme office's half-year cycle through the command line: fill-in workbooks
out (`omstilling workbooks`), filled in, imported back (`omstilling import`), the
programme status rendered with what changed, and published reports frozen
(`omstilling publish`). Bad and hostile workbooks leave the programme file
byte-identical."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omstilling import fillin
from omstilling.files import load, save
from omstilling.fillin import Filling
from omstilling.formatting import ExportWarning
from omstilling.model import Money, PartialDate, Period, Programme, Rag
from omstilling.testing import fill_workbook, strategies

from .conftest import EXAMPLES, ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
H2 = Period.parse("2004-H2")
KEY = bytes(range(32))
"""The binding key of workbooks made and read through the library, not the command line."""


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "omstilling", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def _workbook_of(programme: Programme, participant: str, period: Period) -> bytes:
    """``make_workbook``, for programmes drawn wide: a text the workbook shows (a
    title) may hold a character no workbook can, which is replaced with a warning
    (tested in tests/test_report.py); what is filled in is what these
    properties are about."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        return fillin.make_workbook(programme, participant, period, key=KEY)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A programme office's folder with the Stifinneren programme file in it."""
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", tmp_path / "stifinneren.yaml")
    return tmp_path


def _filling(programme: Programme, participant: str, **status: Any) -> Filling:
    dimensions = tuple(
        fillin.DimensionFilling(dimension=d, rag=status.pop(d, None))
        for d in programme.status_dimensions
    )
    return Filling(
        programme=programme.id,
        participant=participant,
        period=H2,
        status=fillin.StatusFilling(dimensions=dimensions, **status),
        milestones=tuple(
            fillin.MilestoneFilling(id=m.id) for m in fillin.milestones_of(programme, participant)
        ),
        measures=tuple(
            fillin.MeasureFilling(id=m.id) for m in fillin.measures_of(programme, participant)
        ),
    )


def _fill(path: Path, filling: Filling) -> None:
    path.write_bytes(fill_workbook(path.read_bytes(), filling))


def test_the_stifinneren_half_year_end_to_end(office: Path) -> None:
    programme_file = office / "stifinneren.yaml"
    original = programme_file.read_bytes()
    programme = load(programme_file)

    made = _run("workbooks", programme_file, "--period", "2004-H2", "-o", office / "ut")
    assert made.returncode == 0, made.stderr
    workbooks = sorted((office / "ut").glob("*.xlsx"))
    assert len(workbooks) == 8

    # seven participants report; Sogndal does not
    returned = []
    for path in workbooks:
        participant = path.stem.rsplit("-", 1)[1]
        if participant == "sogndal":
            continue
        status: dict[str, Any] = {"overall": Rag.GREEN, "progress": Rag.GREEN}
        if participant == "bomlo":
            status = {"overall": Rag.AMBER, "progress": Rag.RED, "narrative": "Forsinket."}
        filling = _filling(programme, participant, **status)
        if participant == "porsgrunn":
            filling = attrs.evolve(
                filling,
                measures=tuple(
                    attrs.evolve(m, realised=Money.parse("250000"))
                    if m.id == "porsgrunn-virksomhetslederskole"
                    else m
                    for m in filling.measures
                ),
            )
        _fill(path, filling)
        returned.append(path)

    imported = _run("import", *returned, "--into", programme_file, "--period", "2004-H2")
    assert imported.returncode == 0, imported.stderr
    assert f"{programme_file}: updated; previous version kept as {programme_file}.~1~" in (
        imported.stdout
    )
    assert (office / "stifinneren.yaml.~1~").read_bytes() == original
    after = load(programme_file)
    assert {e.participant for e in after.status_entries if e.period == H2} == {
        "vadso", "molde", "tingvoll", "heroy", "bomlo", "porsgrunn", "alna"
    }  # fmt: skip

    # the same workbooks again: nothing changes, not a byte
    imported_bytes = programme_file.read_bytes()
    again = _run("import", *returned, "--into", programme_file)
    assert again.returncode == 0, again.stderr
    assert f"{programme_file}: no changes" in again.stdout
    assert programme_file.read_bytes() == imported_bytes
    assert not (office / "stifinneren.yaml.~2~").exists()

    rendered = _run(
        "render", programme_file, "--template", "status", "--period", "2004-H2",
        "-o", office / "status.md",
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    text = (office / "status.md").read_text(encoding="utf-8")
    figures = text[text.index("## Nøkkeltall") :].split("\n## ")[0]
    assert "7" in next(line for line in figures.splitlines() if "Har rapportert" in line)
    not_reported = figures[figures.index("Ikke rapportert") :]
    assert "Sogndal kommune" in not_reported
    assert "Molde kommune" not in not_reported
    changes = text[text.index("## Endringer siden forrige periode") :].split("\n## ")[0]
    # Molde's progress was amber in the first half and is green now; Bømlo's was amber
    # and is red; Porsgrunn realised savings
    assert "| Molde kommune | Status endret | Framdrift | Gul | Grønn |" in changes
    assert "| Bømlo kommune | Status endret | Framdrift | Gul | Rød |" in changes
    assert (
        "| Porsgrunn kommune | Gevinst realisert | Egen virksomhetslederskole |  "
        "| 250\u00a0000\u00a0kr |" in changes
    )
    assert "Sogndal" not in changes
    summary = text[text.index("## Status per deltaker") :].split("\n## ")[0]
    sogndal = next(line for line in summary.splitlines() if "| Sogndal kommune |" in line)
    assert "Ikke rapportert" in sogndal

    docx = _run(
        "render", programme_file, "--template", "status", "--period", "2004-H2",
        "-o", office / "status.docx",
    )  # fmt: skip
    assert docx.returncode == 0, docx.stderr
    assert (office / "status.docx").stat().st_size > 5000


def test_dry_run_shows_the_change_and_writes_nothing(office: Path) -> None:
    programme_file = office / "stifinneren.yaml"
    original = programme_file.read_bytes()
    programme = load(programme_file)
    workbook = office / "molde.xlsx"
    assert _run("workbooks", programme_file, "--period", "2004-H2", "--participant", "molde",
                "-o", workbook).returncode == 0  # fmt: skip
    _fill(workbook, _filling(programme, "molde", overall=Rag.RED, narrative="Krevende høst."))
    result = _run("import", workbook, "--into", programme_file, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "+    narrative: Krevende høst.\n" in result.stdout
    assert "would change (dry run; nothing written)" in result.stdout
    assert programme_file.read_bytes() == original
    assert list(office.glob("*.~*~")) == []


def test_template_edge_cases_are_messages(office: Path) -> None:
    early = _run("workbooks", office / "stifinneren.yaml", "--period", "1000-H1",
                 "--participant", "molde", "-o", office / "early.xlsx")  # fmt: skip
    assert early.returncode == 0, early.stderr
    twice = _run("workbooks", office / "stifinneren.yaml", "--period", "2004-H2",
                 "--participant", "molde", "--participant", "molde",
                 "-o", office / "m.xlsx")  # fmt: skip
    assert twice.returncode == 0, twice.stderr
    assert (office / "m.xlsx").is_file()
    none = _run("workbooks", EXAMPLES / "kongsvinger-omstilling-2012.yaml", "--period", "2012-T2",
                "-o", office / "k")  # fmt: skip
    assert none.returncode == 1
    assert none.stderr.endswith("the programme has no participants to ask\n")


def test_templates_never_overwrite_a_file(office: Path) -> None:
    target = office / "molde.xlsx"
    target.write_bytes(b"a filled-in workbook")
    result = _run("workbooks", office / "stifinneren.yaml", "--period", "2004-H2",
                  "--participant", "molde", "-o", target)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == f"{target}: exists already; not overwritten (use --force)\n"
    assert target.read_bytes() == b"a filled-in workbook"
    unknown = _run("workbooks", office / "stifinneren.yaml", "--period", "2004-H2",
                   "--participant", "oslo", "-o", office / "oslo.xlsx")  # fmt: skip
    assert unknown.returncode == 1
    assert "'stifinneren' has no participant 'oslo' (it has: vadso, molde," in unknown.stderr


# --- bad fillings: a message naming sheet and cell, exit 1, the file byte-identical ---


def _set(sheet: str, cell: str, value: object) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet][cell] = value

    return change


def _delete_row(sheet: str, row: int) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet].delete_rows(row)

    return change


def _rename(sheet: str, name: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet].title = name

    return change


BAD_FILLINGS: dict[str, tuple[Callable[[Any], None], str]] = {
    "text in a date cell": (
        _set("Status", "C5", "snart"),
        "Status!C5: expected a date (15.09.2004), found the text 'snart'",
    ),
    "unknown status": (
        _set("Status", "C6", "Blå"),
        "Status!C6: unknown choice 'Blå'; choose one of Grønn, Gul, Rød, Ikke vurdert",
    ),
    "a row deleted": (
        _delete_row("Status", 7),
        "Status!A7: the row of question 'dimension.progress' is missing; rows must not be deleted",
    ),
    "a sheet renamed": (
        _rename("Status", "Vår status"),
        "Status: the sheet 'Status' is missing; was it renamed or deleted?",
    ),
    "a formula": (
        _set("Status", "C15", "=2+2"),
        "Status!C15: holds a formula; write the value itself (formulas are not read)",
    ),
    "a workbook's period changed": (
        _set("_omstilling", "B6", "2005-H1"),
        "_omstilling!B6: the workbook says it is for the period 2005-H1, but it was bound to "
        "2004-H2: its hidden metadata was changed or its token copied from another workbook; "
        "it is refused",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILLINGS))
def test_a_bad_filling_names_sheet_and_cell_and_changes_nothing(office: Path, case: str) -> None:
    from openpyxl import load_workbook

    change, message = BAD_FILLINGS[case]
    programme_file = office / "stifinneren.yaml"
    original = programme_file.read_bytes()
    programme = load(programme_file)
    good, bad = office / "vadso.xlsx", office / "molde.xlsx"
    key = fillin.binding_key(programme_file, create=True)
    for path, participant in ((good, "vadso"), (bad, "molde")):
        path.write_bytes(fillin.make_workbook(programme, participant, H2, key=key))
        _fill(path, _filling(programme, participant, overall=Rag.GREEN))
    wb = load_workbook(bad)
    change(wb)
    wb.save(bad)

    result = _run("import", good, bad, "--into", programme_file, "--period", "2004-H2")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{bad}: {message}", f"{programme_file}: not changed"]
    assert "Traceback" not in result.stderr
    assert programme_file.read_bytes() == original
    assert list(office.glob("*.~*~")) == []


# --- hostile workbooks: refused in bounded memory --------------------------------------


def _zip_bomb(path: Path, unpacked_mb: int) -> None:
    """A workbook-looking zip whose sheet unpacks to ``unpacked_mb`` MB of zeros."""
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(chunk)


def _entity_bomb(path: Path, programme: Programme, key: bytes) -> None:
    """A real workbook whose status sheet is a billion-laughs XML document."""
    lol = [b'<!ENTITY lol0 "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%d;" % (n - 1) for _ in range(10)))
        for n in range(1, 10)
    ]
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz ['
        + b"".join(lol)
        + b"]><worksheet>&lol9;</worksheet>"
    )
    data = fillin.make_workbook(programme, "molde", H2, key=key)
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = bomb if item.filename == "xl/worksheets/sheet2.xml" else source.read(item)
            target.writestr(item.filename, content)


# The child's own peak: VmHWM belongs to the child's address space, whereas ru_maxrss
# carries over the forking test process's peak across exec on Linux.
_MEASURE_PEAK = """
import sys
from omstilling.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(f"peak {peak}", file=sys.stderr)
sys.exit(code)
"""


def _far_cell(path: Path, programme: Programme, key: bytes, part: str, rows: str) -> None:
    """A real workbook whose sheet ``part`` has ``rows`` (XML) added: a tiny file that a
    reader building the whole grid would need gigabytes for."""
    data = fillin.make_workbook(programme, "molde", H2, key=key)
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                content = content.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            target.writestr(item.filename, content)


BOMBS = [
    "zip bomb",
    "zip bomb by ratio",
    "XML entity bomb",
    "a cell far away",
    "a stuffed metadata sheet",
]


@pytest.mark.parametrize("bomb", BOMBS)
def test_bombs_are_refused_in_bounded_memory(office: Path, bomb: str) -> None:
    programme_file = office / "stifinneren.yaml"
    original = programme_file.read_bytes()
    key = fillin.binding_key(programme_file, create=True)
    path = office / "bomb.xlsx"
    if bomb == "zip bomb":
        _zip_bomb(path, 600)
        expected = "the workbook unpacks to 600 MB; at most 300 MB are read (is it a zip bomb?)"
    elif bomb == "zip bomb by ratio":
        _zip_bomb(path, 50)
        expected = "the part xl/worksheets/sheet1.xml unpacks"
    elif bomb == "XML entity bomb":
        _entity_bomb(path, load(programme_file), key)
        expected = "the part xl/worksheets/sheet2.xml declares a document type or entities"
    elif bomb == "a cell far away":
        far = '<row r="5000"><c r="XFD5000" t="inlineStr"><is><t>x</t></is></c></row>'
        _far_cell(path, load(programme_file), key, "xl/worksheets/sheet2.xml", far)
        expected = "Status!XFD5000: is outside the form"
    else:
        stuffing = "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>row</t></is></c></row>'
            for n in range(300, 250_300)
        )
        # the hidden metadata sheet is the last of the ten
        _far_cell(path, load(programme_file), key, "xl/worksheets/sheet10.xml", stuffing)
        expected = "the workbook's hidden metadata has been changed; make a new one"
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE_PEAK, "import", str(path), "--into", str(programme_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stderr.splitlines()
    assert result.returncode == 1, result.stderr
    assert lines[0].startswith(f"{path}: {expected}"), lines
    assert lines[-2] == f"{programme_file}: not changed", lines
    peak_kb = int(lines[-1].removeprefix("peak "))
    assert peak_kb < 200 * 1024, f"peak memory {peak_kb // 1024} MB"
    assert programme_file.read_bytes() == original


# --- frozen (published) reports ---------------------------------------------------------


def test_a_published_report_does_not_change_when_the_programme_does(office: Path) -> None:
    programme_file = office / "stifinneren.yaml"
    frozen = office / "status-2004-H1.json"
    published = _run("publish", programme_file, "--template", "status", "--period", "2004-H1",
                     "--published", "2004-08-31", "-o", frozen)  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert published.stdout == f"{frozen}: published 2004-08-31\n"
    first = _run("render", frozen, "-o", office / "first.md")
    assert first.returncode == 0, first.stderr

    # the programme is edited afterwards
    save(attrs.evolve(load(programme_file), name="Omdøpt"), programme_file)
    live = _run("render", programme_file, "--template", "status", "--period", "2004-H1",
                "-o", office / "live.md")  # fmt: skip
    assert live.returncode == 0, live.stderr
    assert "Omdøpt" in (office / "live.md").read_text(encoding="utf-8")

    second = _run("render", frozen, "-o", office / "second.md")
    assert second.returncode == 0, second.stderr
    assert (office / "second.md").read_bytes() == (office / "first.md").read_bytes()
    assert "Omdøpt" not in (office / "second.md").read_text(encoding="utf-8")

    again = _run("publish", programme_file, "--template", "status", "--period", "2004-H1",
                 "-o", frozen)  # fmt: skip
    assert again.returncode == 1
    assert "a published report is not overwritten" in again.stderr
    mixed = _run("render", frozen, "--period", "2004-H2", "-o", office / "x.md")
    assert mixed.returncode == 2


# --- LibreOffice as the participant's spreadsheet program -------------------------------


def _resave_with_libreoffice(folder: Path, workbooks: list[Path]) -> list[Path]:
    """``workbooks`` opened and saved again as .xlsx by LibreOffice, in one call (its
    start is what takes time), into ``folder``/out: the re-saved files, in order."""
    assert SOFFICE is not None
    out = folder / "out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["timeout", "-k", "10", "300", SOFFICE, f"-env:UserInstallation=file://{folder}/profile",
         "--headless", "--convert-to", "xlsx", "--outdir", str(out), *map(str, workbooks)],
        capture_output=True,
        check=False,
    )  # fmt: skip
    return [out / path.name for path in workbooks]


@st.composite
def _cases(draw: st.DrawFn) -> list[tuple[Programme, Filling]]:
    """One generated programme and fillings of up to six of its participants' workbooks."""
    programme = draw(strategies.programmes().filter(lambda p: bool(p.participants)))
    cases = []
    for participant in draw(
        st.lists(
            st.sampled_from([p.organisation for p in programme.participants]),
            min_size=1,
            max_size=6,
        )
    ):
        period = draw(strategies.periods())
        cases.append((programme, draw(strategies.fillings(programme, participant, period))))
    return cases


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LOUD SKIP: LibreOffice is not installed, so workbooks re-saved by an office suite "
    "were NOT checked (CI installs it; locally: apt-get install libreoffice-calc-nogui)",
)
@settings(max_examples=6)
@given(cases=_cases())
def test_the_round_trip_holds_after_libreoffice_saves_the_workbook(
    cases: list[tuple[Programme, Filling]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("resaved")
    for number, (programme, filling) in enumerate(cases):
        data = _workbook_of(programme, filling.participant, filling.period)
        (folder / f"w{number}.xlsx").write_bytes(fill_workbook(data, filling))
    workbooks = [folder / f"w{number}.xlsx" for number in range(len(cases))]
    for (programme, filling), sent, resaved in zip(
        cases, workbooks, _resave_with_libreoffice(folder, workbooks), strict=True
    ):
        assert resaved.exists(), "LibreOffice did not save the workbook"
        assert resaved.read_bytes() != sent.read_bytes()
        read = fillin.read_workbook(resaved, programme, name="resaved.xlsx", key=KEY)
        assert read == attrs.evolve(filling, source="resaved.xlsx")
        merged = fillin.apply_filling(programme, read)
        assert merged == fillin.apply_filling(programme, filling)


def test_partial_dates_survive_as_text(examples: dict[str, Programme]) -> None:
    programme = examples["stifinneren-2004"]
    data = fillin.make_workbook(programme, "molde", H2, key=KEY)
    filling = attrs.evolve(
        _filling(programme, "molde"),
        status=fillin.StatusFilling(reported_on=PartialDate(2004, 12)),
    )
    read = fillin.read_workbook(fill_workbook(data, filling), programme, key=KEY)
    assert read.status.reported_on == PartialDate(2004, 12)
