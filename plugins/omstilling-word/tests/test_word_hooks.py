"""The Word plugin's own hook, ``customise_docx``: declared by the plugin, implemented
by others, called on every document just before it is saved."""

from __future__ import annotations

import types
from importlib import metadata
from typing import Any

import docx
import omstilling_word
import pytest
from omstilling_word.hooks import WordSpecs
from word_samples import reopen, sample_report

from omstilling.builtin import register_builtins
from omstilling.cycle import export_report
from omstilling.errors import PluginError, RenderError
from omstilling.hookspecs import ReportFormat, hookimpl
from omstilling.plugins import Plugins, load_plugins
from omstilling.report import Report
from omstilling.templates import TEMPLATES


def _plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in hooks.items():
        setattr(module, key, value)
    return module


def _plugins(*others: types.ModuleType, word: bool = True) -> Plugins:
    """The built-in plugins, ``others`` and then the Word plugin, registered as entry
    points are: in one go, in the order of their names ("flesberg" before "word")."""
    plugins = Plugins()
    register_builtins(plugins)
    with plugins.loading():
        for plugin in others:
            plugins.register(plugin, plugin.__name__)
        if word:
            plugins.register(omstilling_word, "word")
    return plugins


def test_the_word_plugin_declares_the_hook() -> None:
    assert list(omstilling_word.hookspecs()) == [WordSpecs]
    plugins = _plugins()
    assert plugins.failures == []
    assert plugins.manager.hook.customise_docx.spec is not None
    (word,) = [info for info in plugins.info() if info.name == "word"]
    assert word.hooks == ("exporters", "hookspecs")


def test_a_plugin_implementing_customise_docx_changes_the_document() -> None:
    calls: list[tuple[Any, Report]] = []

    @hookimpl
    def customise_docx(document: Any, report: Report) -> None:
        calls.append((document, report))
        document.add_paragraph("Lagt til av kommunens tillegg")

    @hookimpl
    def customise_docx_first(document: Any) -> None:  # takes fewer arguments than the spec
        document.add_paragraph("Først")

    plugins = _plugins(
        _plugin("flesberg", customise_docx=customise_docx),
        _plugin("rollag", customise_docx=customise_docx_first),  # registered last: called first
    )
    assert plugins.failures == []
    report = sample_report()
    data = export_report(report, ".docx", plugins=plugins)
    [(document, called_with)] = calls
    assert isinstance(document, docx.document.Document)
    assert called_with is report
    texts = [paragraph.text for paragraph in reopen(data).paragraphs]
    assert texts[-2:] == ["Først", "Lagt til av kommunens tillegg"]


def test_an_exception_in_customise_docx_names_the_faulty_plugin() -> None:
    @hookimpl
    def customise_docx(document: Any) -> None:
        document.sections[0].header.paragraphs[7].text = "Flesberg kommune"

    plugins = _plugins(_plugin("flesberg", customise_docx=customise_docx))
    report = sample_report()
    with pytest.raises(RenderError) as raised:
        export_report(report, ".docx", plugins=plugins)
    assert str(raised.value) == (
        "plugin 'flesberg': customise_docx failed: IndexError: list index out of range"
    )
    assert "word" not in str(raised.value)
    with pytest.raises(PluginError, match=r"^plugin 'flesberg': customise_docx failed"):
        omstilling_word.to_docx(report, plugins.export_options())


def test_without_the_word_plugin_customise_docx_is_an_unknown_hook() -> None:
    """Without the Word plugin, nothing declares ``customise_docx``: a plugin that
    implements it fails to load, as a misspelt hook does, unless it marks the
    implementation optional; then it loads and the implementation is ignored."""

    @hookimpl
    def customise_docx(document: Any) -> None:
        raise AssertionError("never called")

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [TEMPLATES[0]]

    plugins = _plugins(
        _plugin("flesberg", customise_docx=customise_docx, report_formats=report_formats),
        word=False,
    )
    assert [(f.name, f.error) for f in plugins.failures] == [
        (
            "flesberg",
            "unknown hook 'customise_docx': no loaded plugin declares it (is the name misspelt?)",
        )
    ]
    optional = hookimpl(optionalhook=True)(customise_docx)
    plugins = _plugins(_plugin("flesberg", customise_docx=optional), word=False)
    assert plugins.failures == []
    assert "flesberg" in {info.name for info in plugins.info()}
    assert plugins.call("customise_docx", document=None, report=None) == []  # nobody declares it
    assert ".docx" not in plugins.exporters()


def test_an_implementation_registered_before_word_that_does_not_fit_fails_alone() -> None:
    @hookimpl
    def customise_docx(doc: Any, report: Report) -> None:  # "doc": not in the spec
        raise AssertionError("never called")

    plugins = _plugins(_plugin("flesberg", customise_docx=customise_docx))
    assert [f.name for f in plugins.failures] == ["flesberg"]
    assert "Argument(s) {'doc'}" in plugins.failures[0].error
    assert "(declared by plugin 'word')" in plugins.failures[0].error
    assert plugins.exporter(".docx").export is omstilling_word.to_docx
    assert export_report(sample_report(), ".docx", plugins=plugins).startswith(b"PK")


def test_the_installed_plugins_load_in_name_order_without_failures() -> None:
    names = sorted(point.name for point in metadata.entry_points(group="omstilling"))
    assert names.index("hammerfest") < names.index("word")  # implementer before declarer
    plugins = load_plugins(only=["hammerfest", "word"], strict=True)
    assert plugins.failures == []
    hooks = {info.name: info.hooks for info in plugins.info()}
    assert "customise_docx" in hooks["hammerfest"]
    implementers = [i.plugin_name for i in plugins.manager.hook.customise_docx.get_hookimpls()]
    assert implementers == ["hammerfest"]
