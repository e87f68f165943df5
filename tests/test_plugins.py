"""Loading plugins: failures are recorded and never fatal, duplicates are errors
naming both plugins, hooks do what their specifications say."""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Generator
from pathlib import Path
from typing import cast

import attrs
import pytest

from omstilling.builtin import DEFAULT_PLUGINS, register_builtins
from omstilling.cycle import build_report, export_report
from omstilling.errors import RenderError
from omstilling.files import loads_report
from omstilling.hookspecs import (
    Exporter,
    ExportOptions,
    Importer,
    ImportRequest,
    ReportFormat,
    hookimpl,
    hookspec,
)
from omstilling.model import Programme
from omstilling.plugins import PluginError, Plugins, load_plugins
from omstilling.report import Report
from omstilling.templates import TEMPLATES

from .conftest import EXAMPLES
from .plugin_helpers import good_plugin, make_distribution, run_omstilling


def _module(name: str, **functions: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in functions.items():
        setattr(module, key, value)
    return module


def _plugins(*modules: types.ModuleType, strict: bool = False) -> Plugins:
    plugins = Plugins(strict=strict)
    register_builtins(plugins)
    for module in modules:
        plugins.register(module, module.__name__)
    return plugins


# --- through real entry points, in a subprocess --------------------------------------


def test_broken_plugin_next_to_good_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "god-plugin", "god_plugin", "god.liste")
    make_distribution(site, "odelagt-plugin", "odelagt_plugin", "raise RuntimeError('boom')\n")

    listed = run_omstilling(site, "plugins")
    assert listed.returncode == 0, listed.stderr
    assert "god_plugin: god-plugin 1.0" in listed.stdout
    assert (
        "odelagt_plugin: FAILED to load (odelagt-plugin 1.0): RuntimeError: boom" in listed.stdout
    )

    as_json = json.loads(run_omstilling(site, "plugins", "--json").stdout)
    (failure,) = as_json["failures"]
    assert {k: failure[k] for k in ("name", "distribution", "version", "error")} == {
        "name": "odelagt_plugin",
        "distribution": "odelagt-plugin",
        "version": "1.0",
        "error": "RuntimeError: boom",
    }
    assert failure["detail"].startswith("Traceback")
    assert "odelagt_plugin.py" in failure["detail"]
    god = next(p for p in as_json["plugins"] if p["name"] == "god_plugin")
    assert god["formats"] == ["god.liste"]
    assert god["hooks"] == ["report_formats"]

    out = tmp_path / "liste.md"
    rendered = run_omstilling(
        site,
        "render",
        str(EXAMPLES / "kongsvinger-omstilling-2012.yaml"),
        "--format",
        "god.liste",
        "-o",
        str(out),
    )
    assert rendered.returncode == 0, rendered.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Liste\n\n**Omstilling 2012**\n")
    assert "| Vurdering for læring |" in text

    strict = run_omstilling(site, "plugins", env={"OMSTILLING_STRICT_PLUGINS": "1"})
    assert strict.returncode == 1
    assert "odelagt_plugin" in strict.stderr
    assert "boom" in strict.stderr
    assert "Traceback" not in strict.stderr


def test_duplicate_format_ids_name_both_plugins(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "forste-plugin", "forste", "felles.status")
    good_plugin(site, "andre-plugin", "andre", "felles.status")
    listed = run_omstilling(site, "plugins")
    assert listed.returncode == 1
    assert (
        "error: report format 'felles.status' is registered by 2 plugins: 'andre' and 'forste'"
        in listed.stderr
    )
    out = tmp_path / "x.md"
    rendered = run_omstilling(
        site,
        "render",
        str(EXAMPLES / "alna-2006.yaml"),
        "--format",
        "felles.status",
        "-o",
        str(out),
    )
    assert rendered.returncode == 1
    assert "'andre' and 'forste'" in rendered.stderr
    assert not out.exists()
    # the clash concerns one id: every other format still renders
    other = run_omstilling(
        site, "render", str(EXAMPLES / "alna-2006.yaml"), "--template", "measure-overview",
        "-o", str(out),
    )  # fmt: skip
    assert other.returncode == 0, other.stderr


def test_plugin_names_are_unique_and_omstillings_own_are_reserved(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "forste-plugin", "forste", "forste.liste")
    make_distribution(site, "andre-plugin", "andre", "x = 1\n", entry_point="forste")
    make_distribution(
        site, "aaa-evil", "evil", "x = 1\n", entry_point="omstilling.builtin.markdown"
    )
    loaded = json.loads(run_omstilling(site, "plugins", "--json").stdout)
    errors = {(f["name"], f["distribution"]): f["error"] for f in loaded["failures"]}
    assert errors[("omstilling.builtin.markdown", "aaa-evil")] == (
        "the plugin name 'omstilling.builtin.markdown' is reserved for omstilling"
    )
    # one of the two distributions naming their plugin "forste" loads; the other fails
    (clash,) = [(d, e) for (n, d), e in errors.items() if n == "forste"]
    other = {"forste-plugin": "andre-plugin", "andre-plugin": "forste-plugin"}[clash[0]]
    assert clash[1] == f"another plugin of that name is loaded already (from {other})"
    markdown = next(p for p in loaded["plugins"] if p["name"] == "omstilling.builtin.markdown")
    assert markdown["distribution"] == "omstilling"
    assert markdown["exporters"] == ["markdown (.md)"]


def test_a_plugin_that_exits_at_import_is_only_a_failure(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_distribution(site, "argparse-plugin", "argparse_plugin", "raise SystemExit(2)\n")
    listed = run_omstilling(site, "plugins")
    assert listed.returncode == 0
    assert "argparse_plugin: FAILED to load (argparse-plugin 1.0): SystemExit: 2" in listed.stdout


def test_allow_and_block_lists(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good_plugin(site, "forste-plugin", "forste", "forste.liste")
    good_plugin(site, "andre-plugin", "andre", "andre.liste")
    only = json.loads(
        run_omstilling(site, "plugins", "--json", env={"OMSTILLING_PLUGINS": "andre"}).stdout
    )
    assert [p["name"] for p in only["plugins"]] == ["andre", *sorted(DEFAULT_PLUGINS)]
    blocked = json.loads(
        run_omstilling(
            site, "plugins", "--json", env={"OMSTILLING_DISABLE_PLUGINS": "andre"}
        ).stdout
    )
    names = {p["name"] for p in blocked["plugins"]}
    assert {*DEFAULT_PLUGINS, "forste"} <= names
    assert "andre" not in names


# --- the manager in process ----------------------------------------------------------


def test_misspelt_hook_is_a_load_failure() -> None:
    @hookimpl
    def report_format() -> list[ReportFormat]:  # one letter short of report_formats
        return []

    plugins = _plugins(_module("stavefeil", report_format=report_format))
    assert [f.name for f in plugins.failures] == ["stavefeil"]
    assert "report_format" in plugins.failures[0].error
    assert [i.name for i in plugins.info()] == sorted(DEFAULT_PLUGINS)
    with pytest.raises(PluginError, match="stavefeil"):
        _plugins(_module("stavefeil", report_format=report_format), strict=True)


def test_invalid_registration_is_a_load_failure() -> None:
    @hookimpl
    def report_formats() -> list[object]:
        return [{"id": "dict.format"}]

    plugins = _plugins(_module("ordbok", report_formats=report_formats))
    assert plugins.failures[0].name == "ordbok"
    assert "returned dict" in plugins.failures[0].error
    assert "not a ReportFormat" in plugins.failures[0].error
    assert set(plugins.formats()) == {t.id for t in TEMPLATES}


def test_registration_objects_are_validated() -> None:
    with pytest.raises(ValueError, match="suffix"):
        Exporter(id="x", suffix="docx", media_type="a/b", export=lambda r, o: b"")
    with pytest.raises(ValueError, match="joined by dots"):
        ReportFormat(id="Kongsvinger Vedtak", schema=None, build=print)  # type: ignore[arg-type]  # the fault under test
    with pytest.raises(ValueError, match="callable"):
        Importer(id="x", suffixes=(".x",), media_type="a/b", read="not a function")  # type: ignore[arg-type]  # the fault under test


def test_load_plugins_always_has_the_built_in_plugins() -> None:
    plugins = load_plugins(only=[])
    info = plugins.info()
    assert [(i.name, i.distribution) for i in info] == [
        (name, "omstilling") for name in sorted(DEFAULT_PLUGINS)
    ]
    assert set(plugins.exporters()) >= {".md", ".json"}
    assert "status" in plugins.formats()


def test_unknown_format_and_suffix_messages() -> None:
    plugins = _plugins()
    with pytest.raises(
        PluginError,
        match=r"no report format 'nope' \(installed: benefits-plan, decision-follow-up, decision-",
    ):
        plugins.format("nope")
    with pytest.raises(
        PluginError, match=r"no exporter for '\.pdf' files \(installed: \.json, \.md\)"
    ):
        plugins.exporter(".pdf")


def test_failing_plugins_are_named_not_tracebacks(programme: Programme) -> None:
    from omstilling.errors import RenderError

    def broken_build(programme: Programme, request: object) -> Report:
        raise KeyError("x")

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [attrs.evolve(_list_format(), build=broken_build)]

    @hookimpl
    def exporters() -> list[Exporter]:
        def broken(report: Report, options: ExportOptions) -> bytes:
            raise RuntimeError("disk on fire")

        def text(report: Report, options: ExportOptions) -> bytes:
            return "not bytes"  # type: ignore[return-value]  # the fault under test

        return [
            Exporter(id="brann", suffix=".brann", media_type="a/b", export=broken),
            Exporter(id="tekst", suffix=".tekst", media_type="a/b", export=text),
        ]

    @hookimpl
    def adjust_report(report: Report) -> Report:
        raise AttributeError("no such thing")

    plugins = _plugins(_module("feil", report_formats=report_formats, exporters=exporters))
    with pytest.raises(
        RenderError,
        match=r"'test.liste' \(plugin 'feil'\) could not build the report: KeyError: 'x'",
    ):
        build_report(programme, "test.liste", plugins=plugins)
    report = build_report(programme, "measure-overview", plugins=plugins)
    with pytest.raises(
        RenderError,
        match=r"the brann exporter \(plugin 'feil'\) failed: RuntimeError: disk on fire",
    ):
        export_report(report, ".brann", plugins=plugins)
    with pytest.raises(RenderError, match=r"returned str, not bytes"):
        export_report(report, ".tekst", plugins=plugins)
    plugins.register(_module("justering", adjust_report=adjust_report), "justering")
    with pytest.raises(
        RenderError, match=r"plugin 'justering': adjust_report failed: AttributeError"
    ):
        build_report(programme, "measure-overview", plugins=plugins)


# --- one test per hook ---------------------------------------------------------------

_FORMAT_SOURCE: dict[str, object] = {}


def _list_format() -> ReportFormat:
    namespace: dict[str, object] = {}
    from .plugin_helpers import GOOD_PLUGIN

    exec(GOOD_PLUGIN.replace("FORMAT_ID", "test.liste"), namespace)
    hook = cast(Callable[[], list[ReportFormat]], namespace["report_formats"])
    return hook()[0]


@pytest.fixture
def programme(examples: dict[str, Programme]) -> Programme:
    return examples["kongsvinger-omstilling-2012"]


def test_hook_report_formats(programme: Programme) -> None:
    fmt = _list_format()

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [fmt]

    plugins = _plugins(_module("liste", report_formats=report_formats))
    assert plugins.formats()["test.liste"] is fmt
    assert plugins.format_plugin("test.liste") == "liste"
    report = build_report(programme, "test.liste", plugins=plugins)
    assert len(report.sections[0].rows) == 22


def test_hook_exporters(programme: Programme) -> None:
    def to_text(report: Report, options: ExportOptions) -> bytes:
        return report.title.encode()

    @hookimpl
    def exporters() -> list[Exporter]:
        return [Exporter(id="tekst", suffix=".txt", media_type="text/plain", export=to_text)]

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [_list_format()]

    plugins = _plugins(_module("tekst", exporters=exporters, report_formats=report_formats))
    report = build_report(programme, "test.liste", plugins=plugins)
    assert export_report(report, ".txt", plugins=plugins) == b"Omstilling 2012"


def test_hook_importers(programme: Programme) -> None:
    def read_upper(data: bytes, request: ImportRequest) -> Report:
        return loads_report(data.decode().lower(), source=request.source)

    @hookimpl
    def importers() -> list[Importer]:
        return [Importer(id="stor", suffixes=(".stor",), media_type="text/plain", read=read_upper)]

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [_list_format()]

    plugins = _plugins(_module("stor", importers=importers, report_formats=report_formats))
    report = attrs.evolve(
        build_report(programme, "test.liste", plugins=plugins), title="x", programme="p"
    )
    data = export_report(report, ".json", plugins=plugins).upper()
    importer = plugins.importer(".stor")
    assert importer.read(data, ImportRequest(source="x.stor")).title == "x"


def test_hook_adjust_report(programme: Programme) -> None:
    calls: list[str] = []

    @hookimpl
    def adjust_report(report: Report, format_id: str) -> Report:
        calls.append(format_id)
        return attrs.evolve(report, title=report.title + " (utkast)")

    @hookimpl
    def adjust_report_second(report: Report) -> Report:  # takes fewer arguments than the spec
        return attrs.evolve(report, title=report.title + " – bearbeidet")

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [_list_format()]

    first = _module("forste", adjust_report=adjust_report, report_formats=report_formats)
    second = _module("andre", adjust_report=adjust_report_second)
    plugins = _plugins(first, second)
    report = build_report(programme, "test.liste", plugins=plugins)
    # pluggy's call order: the plugin registered last adjusts first
    assert report.title == "Omstilling 2012 – bearbeidet (utkast)"
    assert calls == ["test.liste"]


class _CardSpecs:
    """The hooks of a plugin that writes cards: a hook no other plugin knows."""

    @hookspec
    def customise_card(self, card: list[str], report: Report) -> None:
        """Change a card just before it is saved."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def card_colour(self, report: Report) -> str | None:
        """The colour of the cards; the first plugin's answer counts."""
        raise NotImplementedError


@hookimpl
def _declare_cards() -> list[type]:
    return [_CardSpecs]


def _card_plugin(name: str = "kort") -> types.ModuleType:
    return _module(name, hookspecs=_declare_cards)


def test_hook_hookspecs() -> None:
    @hookimpl
    def customise_card(card: list[str]) -> None:  # takes fewer arguments than the spec
        card.append("Flesberg kommune")

    @hookimpl
    def card_colour() -> str:
        return "blå"

    @hookimpl(trylast=True)
    def card_colour_last() -> str:
        return "grå"

    plugins = _plugins(
        _card_plugin(),
        _module("flesberg", customise_card=customise_card, card_colour=card_colour),
        _module("rollag", card_colour=card_colour_last),
    )
    assert plugins.failures == []
    card: list[str] = []
    assert plugins.call("customise_card", card=card, report=None) == []
    assert card == ["Flesberg kommune"]
    plugins.export_options().call("customise_card", card=card, report=None)
    assert card == ["Flesberg kommune", "Flesberg kommune"]
    assert plugins.call("card_colour", report=None) == ["blå"]  # firstresult
    assert plugins.call("nobody_implements_this") == []
    assert ExportOptions().call("customise_card", card=card, report=None) == []
    (kort,) = [i for i in plugins.info() if i.name == "kort"]
    assert kort.hooks == ("hookspecs",)


def test_a_hook_may_be_implemented_before_the_plugin_declaring_it_loads() -> None:
    @hookimpl
    def customise_card(card: list[str], report: object) -> None:
        card.append("Flesberg kommune")

    plugins = _plugins()
    with plugins.loading():  # as entry points load: sorted by name, not by need
        plugins.register(_module("flesberg", customise_card=customise_card), "flesberg")
        plugins.register(_card_plugin(), "kort")
    assert plugins.failures == []
    card: list[str] = []
    plugins.call("customise_card", card=card, report=None)
    assert card == ["Flesberg kommune"]
    # outside a loading block, a plugin is checked on its own at once
    alone = _plugins(_module("flesberg", customise_card=customise_card))
    assert [(f.name, f.error) for f in alone.failures] == [
        (
            "flesberg",
            "unknown hook 'customise_card': no loaded plugin declares it (is the name misspelt?)",
        )
    ]


def test_a_hook_nobody_declares_fails_its_plugin_once_all_are_loaded() -> None:
    @hookimpl
    def customise_card(card: list[str]) -> None:
        raise AssertionError("never called")

    @hookimpl(optionalhook=True)
    def customise_card_if_any(card: list[str]) -> None:
        card.append("valgfri")

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [_list_format()]

    plugins = _plugins()
    with plugins.loading():
        plugins.register(
            _module("flesberg", customise_card=customise_card, report_formats=report_formats)
        )
        plugins.register(_module("valgfri", customise_card=customise_card_if_any))
    assert [f.name for f in plugins.failures] == ["flesberg"]
    assert "unknown hook 'customise_card'" in plugins.failures[0].error
    assert "test.liste" not in plugins.formats()  # what it registered is gone with it
    assert "flesberg" not in {i.name for i in plugins.info()}
    # an optional implementation waits for a plugin to declare the hook
    plugins.register(_card_plugin())
    card: list[str] = []
    plugins.call("customise_card", card=card, report=None)
    assert card == ["valgfri"]
    strict = Plugins(strict=True)
    unknown = r"'flesberg'.*unknown hook 'customise_card'"
    with pytest.raises(PluginError, match=unknown), strict.loading():  # raised as it ends
        strict.register(_module("flesberg", customise_card=customise_card))


def test_an_implementation_that_does_not_fit_fails_its_own_plugin() -> None:
    @hookimpl
    def customise_card(page: object, report: object) -> None:  # "page": not in the spec
        raise AssertionError("never called")

    @hookimpl
    def report_formats() -> list[ReportFormat]:
        return [_list_format()]

    misfit = _module("aaa", customise_card=customise_card, report_formats=report_formats)
    plugins = _plugins()
    with plugins.loading():
        plugins.register(misfit)
        plugins.register(_card_plugin())
    assert [f.name for f in plugins.failures] == ["aaa"]
    error = plugins.failures[0].error
    assert "Argument(s) {'page'}" in error
    assert "(declared by plugin 'kort')" in error
    assert "test.liste" not in plugins.formats()
    assert {"kort"} <= {i.name for i in plugins.info()}
    # registered after the declaration, pluggy refuses it at once
    after = _plugins(_card_plugin(), misfit)
    assert [f.name for f in after.failures] == ["aaa"]
    assert "Argument(s) {'page'}" in after.failures[0].error


def test_declaring_a_hook_that_exists_is_a_load_failure() -> None:
    class Clash:
        @hookspec
        def adjust_report(self, report: Report) -> None:
            """omstilling's own."""

    class Nothing:
        def customise_card(self) -> None:
            """Not marked as a hook."""

    def declaring(*namespaces: object) -> object:
        return hookimpl(lambda: list(namespaces))

    plugins = _plugins(
        _card_plugin(),
        _module("igjen", hookspecs=declaring(_CardSpecs)),
        _module("kjerne", hookspecs=declaring(Clash)),
        _module("tom", hookspecs=declaring(Nothing)),
        _module("tekst", hookspecs=declaring("customise_card")),
    )
    errors = {f.name: f.error for f in plugins.failures}
    assert errors == {
        "igjen": "ValueError: it declares the hook 'card_colour', which plugin 'kort' "
        "declares already",
        "kjerne": "ValueError: it declares the hook 'adjust_report', which omstilling "
        "declares already",
        "tom": f"TypeError: hook hookspecs returned {Nothing!r:.80}, which declares no hook "
        "(no function marked hookspec)",
        "tekst": "TypeError: hook hookspecs returned str 'customise_card', not a class or module",
    }


def test_a_failing_hook_implementation_is_named(programme: Programme) -> None:
    @hookimpl
    def exporters() -> list[Exporter]:
        def to_card(report: Report, options: ExportOptions) -> bytes:
            card = [report.title]
            options.call("customise_card", card=card, report=report)
            return "\n".join(card).encode()

        return [Exporter(id="kort", suffix=".kort", media_type="text/plain", export=to_card)]

    @hookimpl
    def customise_card(card: list[str]) -> None:
        raise KeyError("logo")

    plugins = _plugins(
        _module("kort", hookspecs=_declare_cards, exporters=exporters),
        _module("flesberg", customise_card=customise_card),
    )
    report = build_report(programme, "measure-overview", plugins=plugins)
    with pytest.raises(PluginError, match=r"^plugin 'flesberg': customise_card failed: KeyError"):
        plugins.call("customise_card", card=[], report=report)
    with pytest.raises(
        RenderError, match=r"^plugin 'flesberg': customise_card failed: KeyError: 'logo'$"
    ):
        export_report(report, ".kort", plugins=plugins)

    @hookimpl(wrapper=True)
    def wrapping(card: list[str]) -> Generator[None, None, None]:
        yield

    plugins.register(_module("omslag", customise_card=wrapping))
    with pytest.raises(
        PluginError, match="plugin 'omslag': customise_card cannot be a hook wrapper"
    ):
        plugins.call("customise_card", card=[], report=report)


def test_every_hook_has_a_test() -> None:
    from omstilling.hookspecs import Specs

    hooks = sorted(name for name in vars(Specs) if not name.startswith("_"))
    tests = {name for name in globals() if name.startswith("test_hook_")}
    assert sorted(f"test_hook_{hook}" for hook in hooks) == sorted(tests)


def test_a_failing_export_leaves_the_existing_file_as_it_was(
    programme: Programme, tmp_path: Path
) -> None:
    from omstilling.cycle import render
    from omstilling.errors import RenderError

    @hookimpl
    def exporters() -> list[Exporter]:
        def broken(report: Report, options: ExportOptions) -> bytes:
            raise RuntimeError("half way")

        return [Exporter(id="brann", suffix=".brann", media_type="a/b", export=broken)]

    plugins = _plugins(_module("feil", exporters=exporters))
    target = tmp_path / "rapport.brann"
    target.write_bytes(b"the good report sent last month")
    with pytest.raises(RenderError, match="half way"):
        render(programme, "measure-overview", target, plugins=plugins)
    assert target.read_bytes() == b"the good report sent last month"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.brann"]


def test_render_refuses_bad_options_with_argument_errors(programme: Programme) -> None:
    from omstilling.errors import ArgumentError

    plugins = _plugins()
    with pytest.raises(ArgumentError, match="not a language"):
        build_report(programme, "measure-overview", language="de", plugins=plugins)
    with pytest.raises(ArgumentError, match="not a period"):
        build_report(programme, "status", period="2004-H3", plugins=plugins)
    report = build_report(programme, "measure-overview", language="NN", plugins=plugins)
    assert report.language.value == "nn"
