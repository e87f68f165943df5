"""The plugin as omstilling sees it: registration, the ``plugins`` command, import
cost; and what a municipality brings: a base workbook and the plugin's customise_xlsx
hook."""

from __future__ import annotations

import gc
import importlib.metadata
import io
import json
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import omstilling_excel
import pytest
from excel_samples import export, reopen, sample_report
from omstilling_excel.hooks import ExcelSpecs
from openpyxl import Workbook
from openpyxl.styles import Font

from omstilling.builtin import register_builtins
from omstilling.cycle import export_report
from omstilling.errors import RenderError
from omstilling.formatting import ExportWarning
from omstilling.hookspecs import ExportOptions, hookimpl
from omstilling.plugins import Plugins
from omstilling.report import Report
from omstilling.testing import check_plugin

HEAVY = ("openpyxl", "lxml", "defusedxml", "et_xmlfile")


def test_plugin_registers_the_xlsx_exporter() -> None:
    plugins = check_plugin(omstilling_excel, "excel")
    exporter = plugins.exporter(".xlsx")
    assert exporter.id == "xlsx"
    assert exporter.export is omstilling_excel.to_xlsx
    assert exporter.media_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_listed_by_the_plugins_command() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "omstilling", "plugins", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    output = json.loads(listed.stdout)
    plugins = {plugin["name"]: plugin for plugin in output["plugins"]}
    assert plugins["excel"]["distribution"] == "omstilling-excel"
    assert plugins["excel"]["version"] == importlib.metadata.version("omstilling-excel")
    assert plugins["excel"]["exporters"] == ["xlsx (.xlsx)"]
    assert not [f for f in output["failures"] if f["name"] == "excel"]


def test_importing_the_plugin_loads_no_office_library() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import omstilling_excel"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "omstilling_excel" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


# --- base workbooks ------------------------------------------------------------------


def _base() -> bytes:
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "Forside"
    cover["A1"] = "Rollag kommune"
    cover["A1"].font = Font(name="Georgia", size=20, bold=True)
    workbook.create_sheet("Oversikt")
    workbook.properties.creator = "Rollag kommune"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_report_sheets_follow_the_base_workbooks_own() -> None:
    with pytest.warns(ExportWarning) as record:
        workbook = export(sample_report(), ExportOptions(base=_base()))
    assert workbook.sheetnames == [
        "Forside",
        "Oversikt",
        "Oversikt (2)",
        "Tiltak",
        "Spydeberg",
        "Askim-Eidsberg – (fase 2)",
    ]
    assert any("'Oversikt (2)'" in str(w.message) for w in record)
    cover = workbook["Forside"]
    assert cover["A1"].value == "Rollag kommune"
    assert cover["A1"].font.name == "Georgia"
    tiltak = workbook["Tiltak"]
    assert tiltak.freeze_panes == "A2"
    assert tiltak.auto_filter.ref == "A1:E5"
    assert tiltak["B2"].number_format == '#,##0.00 "kr"'
    assert tiltak["A4"].data_type == "s"
    assert workbook.properties.creator == "Rollag kommune"  # the base's author stays
    links = [c.hyperlink.location for c in workbook["Oversikt (2)"]["B"] if c.hyperlink]
    assert "'Tiltak'!A1" in links


def test_a_template_base_gives_a_workbook() -> None:
    template = Workbook()
    template.template = True
    out = io.BytesIO()
    template.save(out)
    with pytest.warns(ExportWarning):
        data = omstilling_excel.to_xlsx(sample_report(), ExportOptions(base=out.getvalue()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "spreadsheetml.sheet.main+xml" in types
    assert "template.main+xml" not in types


def test_a_base_that_is_not_a_workbook() -> None:
    with pytest.raises(ValueError, match=r"not an \.xlsx file"):
        omstilling_excel.to_xlsx(sample_report(), ExportOptions(base=b"PK not really"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hei")
    with pytest.raises(ValueError, match="the base workbook cannot be read"):
        omstilling_excel.to_xlsx(sample_report(), ExportOptions(base=out.getvalue()))


def test_a_base_that_unpacks_to_too_much(monkeypatch: pytest.MonkeyPatch) -> None:
    from omstilling_excel import _workbook

    monkeypatch.setattr(_workbook, "MAX_BASE_SIZE", 1000)
    with pytest.raises(ValueError, match="unpacks to"):
        omstilling_excel.to_xlsx(sample_report(), ExportOptions(base=_base()))


BOMB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
"""


def test_a_base_with_an_entity_bomb_is_refused() -> None:
    """openpyxl reads worksheets with defusedxml when it is installed (a dependency
    of the plugin), which refuses entity declarations outright. (Its other parts it
    parses with lxml without resolving entities.)"""
    source = zipfile.ZipFile(io.BytesIO(_base()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if text.startswith("<?xml"):
                    text = text[text.index("?>") + 2 :]
                data = (BOMB + text).encode()
            archive.writestr(entry, data)
    with pytest.raises(ValueError, match="the base workbook cannot be read"):
        omstilling_excel.to_xlsx(sample_report(), ExportOptions(base=out.getvalue()))


# --- customise_xlsx ------------------------------------------------------------------


def _plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in hooks.items():
        setattr(module, key, value)
    return module


def _plugins(*others: types.ModuleType, excel: bool = True) -> Plugins:
    """The built-in plugins, ``others`` and then the Excel plugin, registered as entry
    points are: in one go, in the order of their names ("excel" after "ekstra")."""
    plugins = Plugins()
    register_builtins(plugins)
    with plugins.loading():
        for plugin in others:
            plugins.register(plugin, plugin.__name__)
        if excel:
            plugins.register(omstilling_excel, "excel")
    return plugins


def test_the_excel_plugin_declares_the_hook() -> None:
    assert list(omstilling_excel.hookspecs()) == [ExcelSpecs]
    plugins = _plugins()
    assert plugins.failures == []
    assert plugins.manager.hook.customise_xlsx.spec is not None


def test_customise_xlsx_is_called_once_before_saving() -> None:
    calls: list[tuple[Any, Report]] = []

    @hookimpl
    def customise_xlsx(workbook: Any, report: Report) -> None:
        calls.append((workbook, report))
        assert workbook.write_only
        assert workbook.sheetnames[:2] == ["Oversikt", "Tiltak"]
        workbook.properties.creator = "Rollag kommune"
        workbook["Tiltak"].oddFooter.left.text = "Unntatt offentlighet"
        extra = workbook.create_sheet("Kontakt")
        extra.append(["Postmottak", "postmottak@rollag.kommune.no"])

    plugins = _plugins(_plugin("rollag", customise_xlsx=customise_xlsx))
    assert plugins.failures == []
    report = sample_report()
    with pytest.warns(ExportWarning):
        workbook = reopen(export_report(report, ".xlsx", plugins=plugins))
    assert len(calls) == 1
    assert calls[0][1] is report
    assert workbook.properties.creator == "Rollag kommune"
    footer = workbook["Tiltak"].oddFooter
    assert footer is not None
    assert footer.left.text == "Unntatt offentlighet"
    assert workbook["Kontakt"]["B1"].value == "postmottak@rollag.kommune.no"


def test_customise_xlsx_with_a_base_may_change_cells() -> None:
    @hookimpl
    def customise_xlsx(workbook: Any) -> None:  # takes fewer arguments than the spec
        assert not workbook.write_only
        workbook["Tiltak"]["A2"].font = Font(name="Georgia", italic=True)

    plugins = _plugins(_plugin("rollag", customise_xlsx=customise_xlsx))
    with pytest.warns(ExportWarning):
        workbook = export(sample_report(), plugins.export_options(_base()))
    assert workbook["Tiltak"]["A2"].font.name == "Georgia"


def test_a_failing_customisation_names_its_plugin_and_leaves_nothing_behind() -> None:
    @hookimpl
    def customise_xlsx(workbook: Any) -> None:
        msg = "the municipality's plugin is broken"
        raise RuntimeError(msg)

    plugins = _plugins(_plugin("rollag", customise_xlsx=customise_xlsx))
    with pytest.warns(ExportWarning), pytest.raises(RenderError) as raised:
        export_report(sample_report(), ".xlsx", plugins=plugins)
    assert str(raised.value) == (
        "plugin 'rollag': customise_xlsx failed: RuntimeError: the municipality's plugin is broken"
    )
    gc.collect()  # an abandoned write-only sheet would complain here


def test_without_the_excel_plugin_customise_xlsx_is_an_unknown_hook() -> None:
    """Without the Excel plugin nothing declares ``customise_xlsx``: a plugin that
    implements it fails to load, unless the implementation is marked optional."""

    def customise_xlsx(workbook: Any) -> None:
        raise AssertionError("never called")

    required = _plugin("rollag", customise_xlsx=hookimpl(customise_xlsx))
    plugins = _plugins(required, excel=False)
    assert [f.name for f in plugins.failures] == ["rollag"]
    assert "unknown hook 'customise_xlsx'" in plugins.failures[0].error
    optional = _plugin("rollag", customise_xlsx=hookimpl(optionalhook=True)(customise_xlsx))
    plugins = _plugins(optional, excel=False)
    assert plugins.failures == []
    assert "rollag" in {info.name for info in plugins.info()}


def test_the_same_report_exports_twice() -> None:
    report = sample_report()
    with pytest.warns(ExportWarning):
        first = reopen(omstilling_excel.to_xlsx(report))
    with pytest.warns(ExportWarning):
        second = reopen(omstilling_excel.to_xlsx(report))
    assert first.sheetnames == second.sheetnames


# --- a real spreadsheet application ---------------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LOUD SKIP: LibreOffice is not installed: the .xlsx was NOT opened in an office suite",
)
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    source = tmp_path / "status.xlsx"
    with pytest.warns(ExportWarning):
        source.write_bytes(omstilling_excel.to_xlsx(sample_report()))
    result = subprocess.run(
        [
            "timeout",
            "-k",
            "5",
            "120",
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--infilter=Calc MS Excel 2007 XML",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    pdf = tmp_path / "status.pdf"
    # soffice exits 0 even when it could not load the file: the PDF is the proof
    assert pdf.exists(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
        assert int(pages.split()[1]) >= 4  # the overview and three table sheets
