"""The distributions as users get them: every package built from this repository,
installed from its wheel (not editable, not from the tree) into a fresh environment,
renders Word and Excel files through the extras ``omstilling[word,excel]``; with only
``omstilling`` installed the missing exporter's message names the extra to install;
every sdist and wheel carries the licence; all are released at one version, the
plugins bounded to the core they are tested with, and no development tool is in
published metadata (they are PEP 735 dependency groups, which ``dev.py`` installs)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import urllib.error
import urllib.request
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.version import Version

from omstilling.builtin import register_builtins
from omstilling.plugins import LoadFailure, PluginError, Plugins, _manager

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = [ROOT, *sorted(p.parent for p in ROOT.glob("plugins/omstilling-*/pyproject.toml"))]
"""The core and every plugin released with it: each directory builds one sdist and
one wheel."""

URLS = {"Homepage", "Documentation", "Source", "Changelog", "Issues"}
DEVELOPMENT_TOOLS = {"mypy", "ruff", "sphinx", "mutmut", "build", "hatchling", "pip"}


def _project(directory: Path) -> dict[str, Any]:
    with (directory / "pyproject.toml").open("rb") as file:
        data: dict[str, Any] = tomllib.load(file)
    return data


CORE = _project(ROOT)["project"]
VERSION = Version(CORE["version"])


def _name(requirement: str) -> str:
    return Requirement(requirement).name.lower().replace("_", "-")


# --- the metadata, read from the pyproject files ---------------------------------------


@pytest.mark.parametrize("directory", PROJECTS, ids=lambda p: p.name)
def test_every_distribution_has_the_version_licence_and_urls(directory: Path) -> None:
    project = _project(directory)["project"]
    assert Version(project["version"]) == VERSION, "released together, at one version"
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (directory / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert set(project["urls"]) >= URLS
    assert all(url.startswith("https://") for url in project["urls"].values())
    (backend,) = [Requirement(r) for r in _project(directory)["build-system"]["requires"]]
    assert backend.name == "hatchling"
    assert not backend.specifier.contains("1.26"), "license-files needs hatchling 1.27"


@pytest.mark.parametrize("directory", PROJECTS[1:], ids=lambda p: p.name)
def test_plugins_require_the_core_they_are_released_with(directory: Path) -> None:
    (core,) = [
        Requirement(r)
        for r in _project(directory)["project"]["dependencies"]
        if _name(r) == "omstilling"
    ]
    assert core.specifier.contains(VERSION, prereleases=True)
    assert core.specifier.contains(f"{VERSION.major}.{VERSION.minor}.5")
    assert not core.specifier.contains(f"{VERSION.major}.{VERSION.minor + 1}.0")
    assert not core.specifier.contains(f"{VERSION.major}.{VERSION.minor - 1}.9")


def test_the_extras_install_every_shipped_plugin_of_this_version() -> None:
    extras: dict[str, list[str]] = CORE["optional-dependencies"]
    named = {extra: {_name(r) for r in requirements} for extra, requirements in extras.items()}
    assert named["word"] == {"omstilling-word"}
    assert named["excel"] == {"omstilling-excel"}
    assert named["pdf"] == {"omstilling-pdf"}
    assert named["formats"] == {
        "omstilling-kongsvinger",
        "omstilling-stifinneren",
        "omstilling-hammerfest",
    }
    assert Requirement(extras["all"][0]).extras == {"word", "excel", "pdf", "formats"}
    shipped = {p.name for p in PROJECTS[1:]}
    assert named["word"] | named["excel"] | named["pdf"] | named["formats"] == shipped
    for extra in ("word", "excel", "pdf", "formats"):
        for requirement in extras[extra]:
            assert Requirement(requirement).specifier.contains(VERSION, prereleases=True)


def test_no_development_tool_is_published() -> None:
    published = [*CORE["dependencies"]]
    for requirements in CORE["optional-dependencies"].values():
        published += requirements
    assert not {_name(r) for r in published} & DEVELOPMENT_TOOLS
    assert "dev" not in CORE["optional-dependencies"]
    assert set(CORE["optional-dependencies"]) == {
        "word",
        "excel",
        "pdf",
        "formats",
        "all",
        "testing",
    }
    for directory in PROJECTS[1:]:
        assert "optional-dependencies" not in _project(directory)["project"], directory.name


# --- dev.py reads the dependency groups itself (pip before 25.1 cannot) ------------------


def _dev_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("omstilling_dev_script", ROOT / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_installs_every_tool_through_the_included_groups() -> None:
    group_requirements: Callable[[Path, str], list[str]] = _dev_module().group_requirements
    names = {_name(r) for r in group_requirements(ROOT / "pyproject.toml", "dev")}
    assert names >= DEVELOPMENT_TOOLS | {"pytest", "hypothesis", "xlsxwriter", "jsonschema"}


def test_dev_refuses_an_unknown_or_circular_group(tmp_path: Path) -> None:
    group_requirements: Callable[[Path, str], list[str]] = _dev_module().group_requirements
    project = tmp_path / "pyproject.toml"
    project.write_text(
        "[dependency-groups]\n"
        'a = ["attrs", { include-group = "b" }]\n'
        'b = ["click", { include-group = "a" }]\n'
        'c = ["attrs", { include-group = "d" }]\n'
        'd = ["click>=8"]\n',
        encoding="utf-8",
    )
    assert group_requirements(project, "c") == ["attrs", "click>=8"]
    with pytest.raises(SystemExit, match=r"pyproject\.toml: dependency group 'a' includes itself"):
        group_requirements(project, "a")
    with pytest.raises(SystemExit, match=r"no dependency group 'dev' \(there are: a, b, c, d\)"):
        group_requirements(project, "dev")


# --- the message when an exporter or a format is not installed ---------------------------


def _builtins_only(monkeypatch: pytest.MonkeyPatch, *, installed: bool = False) -> Plugins:
    """The built-in plugins alone, as after ``pip install omstilling``."""
    monkeypatch.setattr(_manager, "_installed", lambda distribution: installed)
    plugins = Plugins()
    register_builtins(plugins)
    return plugins


@pytest.mark.parametrize(
    ("suffix", "hint"),
    [
        (".docx", "install omstilling-word (pip install 'omstilling[word]')"),
        (".DOCX", "install omstilling-word (pip install 'omstilling[word]')"),
        (".xlsx", "install omstilling-excel (pip install 'omstilling[excel]')"),
    ],
)
def test_a_missing_exporter_names_the_package_and_the_extra(
    monkeypatch: pytest.MonkeyPatch, suffix: str, hint: str
) -> None:
    plugins = _builtins_only(monkeypatch)
    with pytest.raises(PluginError) as raised:
        plugins.exporter(suffix)
    assert str(raised.value) == f"no exporter for {suffix!r} files (installed: .json, .md): {hint}"


def test_a_missing_base_exporter_and_format_name_theirs(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = _builtins_only(monkeypatch)
    with pytest.raises(PluginError, match=r"\.dotx' files .*: install omstilling-word \(pip"):
        plugins.exporter_for_base(".DOTX")
    with pytest.raises(PluginError) as raised:
        plugins.format("kongsvinger.vedtak")
    assert str(raised.value).endswith(
        ": install omstilling-kongsvinger (pip install 'omstilling[formats]')"
    )


def test_no_install_hint_for_an_installed_or_failed_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed = _builtins_only(monkeypatch, installed=True)
    with pytest.raises(PluginError) as raised:
        installed.exporter(".docx")
    assert "pip install" not in str(raised.value)
    failed = _builtins_only(monkeypatch)
    failed.failures.append(
        LoadFailure(name="word", distribution="omstilling-word", version=None, error="boom")
    )
    with pytest.raises(PluginError) as raised:
        failed.exporter(".docx")
    assert "pip install" not in str(raised.value)
    assert str(raised.value).endswith("1 plugin(s) failed to load: word (see omstilling plugins)")


@given(suffix=st.text(min_size=1, max_size=8).map(lambda s: "." + s))
def test_only_the_shipped_suffixes_get_an_install_hint(suffix: str) -> None:
    plugins = Plugins()
    register_builtins(plugins)
    message = ""
    with mock.patch.object(_manager, "_installed", return_value=False):
        try:
            plugins.exporter(suffix)
        except PluginError as error:
            message = str(error)
    if suffix.lower() in {".json", ".md"}:
        assert message == ""
    elif suffix.lower() in {".docx", ".xlsx"}:
        assert message.endswith("')")
        assert "pip install 'omstilling[" in message
    else:
        assert "pip install" not in message


# --- built, installed from the wheels, used -----------------------------------------------


def _no_index() -> str | None:
    """Why the package index cannot be reached (the wheels' own dependencies, such as
    openpyxl and python-docx, come from it), or None if it can."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/")
    request = urllib.request.Request(f"{index}/pip/", method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=15):
            return None
    except urllib.error.HTTPError:
        return None  # it answered
    except (OSError, ValueError) as error:
        return f"{index}: {error}"


def test_an_unreachable_index_is_told_not_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    # nothing listens on the discard port: the connection is refused at once
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple/")
    reason = _no_index()
    assert reason is not None
    assert reason.startswith("http://127.0.0.1:9/simple: ")


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def _build(dist: Path) -> None:
    """Every sdist, and every wheel built from its sdist, as ``python -m build`` does (in
    this environment, which has the build backend: no download per package)."""
    for directory in PROJECTS:
        _ok(_run([sys.executable, "-m", "build", "--no-isolation", "-o", dist, directory], ROOT))


def _check_licences(dist: Path) -> None:
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    assert len(wheels) == len(sdists) == len(PROJECTS)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            (info,) = {n.split("/")[0] for n in names if ".dist-info/" in n}
            assert f"{info}/licenses/LICENSE" in names, wheel.name
            metadata = archive.read(f"{info}/METADATA").decode()
        assert "License-Expression: MIT" in metadata, wheel.name
        assert "Project-URL: Source, https://" in metadata, wheel.name
        assert "Requires-Dist: mypy" not in metadata
        assert "Requires-Dist: ruff" not in metadata, wheel.name
    for sdist in sdists:
        with tarfile.open(sdist) as archive:
            top = sdist.name.removesuffix(".tar.gz")
            assert f"{top}/LICENSE" in archive.getnames(), sdist.name
            assert not [n for n in archive.getnames() if n.startswith(f"{top}/plugins/")]


def _installed_from(python: Path, cwd: Path) -> dict[str, Any]:
    """Where each omstilling distribution in the environment of ``python`` was installed
    from (PEP 610), and the file the package ``omstilling`` is imported from."""
    script = (
        "import importlib.metadata as m, json, omstilling\n"
        "found = {d.metadata['Name']: json.loads(d.read_text('direct_url.json') or 'null')\n"
        "         for d in m.distributions() if d.metadata['Name'].startswith('omstilling')}\n"
        "print(json.dumps({'from': found, 'file': omstilling.__file__}))\n"
    )
    found: dict[str, Any] = json.loads(_ok(_run([python, "-c", script], cwd)).stdout)
    return found


@pytest.mark.slow
def test_wheels_install_into_a_fresh_environment_and_render(tmp_path: Path) -> None:
    unreachable = _no_index()
    if unreachable:
        pytest.skip(f"NO NETWORK to the package index, the wheels' dependencies: {unreachable}")
    began = time.perf_counter()
    dist, work, environment = tmp_path / "dist", tmp_path / "work", tmp_path / "env"
    _build(dist)
    built = time.perf_counter()
    _check_licences(dist)

    # our names only from the wheels just built, whatever an index holds; the
    # dependencies from the index
    constraints = tmp_path / "constraints.txt"
    wheels = {_name(w.name.split("-")[0]): w for w in dist.glob("*.whl")}
    constraints.write_text("".join(f"{n} @ {w.as_uri()}\n" for n, w in wheels.items()))
    # a fresh environment without pip: this environment's pip installs into it
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet"]
    pip += ["--disable-pip-version-check", "-c", constraints]
    work.mkdir()
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", work)
    render: list[str | Path] = [
        environment / "bin" / "omstilling",
        "render",
        "stifinneren-2004.yaml",
    ]
    render += ["--template", "status", "--period", "2004-H1", "-o"]

    # only omstilling: Word is refused, naming what to install
    _ok(_run([*pip, "omstilling"], work))
    alone = _run([*render, "status.docx"], work)
    assert alone.returncode == 1, alone
    assert "pip install 'omstilling[word]'" in alone.stderr
    assert "install omstilling-word" in alone.stderr
    assert "Traceback" not in alone.stderr
    assert not (work / "status.docx").exists()

    # with the extras: Word and Excel
    _ok(_run([*pip, "omstilling[word,excel]"], work))
    for suffix, part in (("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")):
        _ok(_run([*render, f"status.{suffix}"], work))
        with zipfile.ZipFile(work / f"status.{suffix}") as document:
            assert part in document.namelist()

    # all the shipped plugins load from their wheels
    _ok(_run([*pip, "omstilling[all]"], work))
    listed = json.loads(
        _ok(_run([environment / "bin" / "omstilling", "plugins", "--json"], work)).stdout
    )
    assert listed["failures"] == []
    assert {p["distribution"] for p in listed["plugins"]} == set(wheels)
    where = _installed_from(python, work)
    assert Path(where["file"]).is_relative_to(environment), where["file"]
    assert {name: url["url"] for name, url in where["from"].items()} == {
        name: wheel.as_uri() for name, wheel in wheels.items()
    }
    assert not any(url.get("dir_info") for url in where["from"].values())
    print(
        f"built {len(PROJECTS) * 2} distributions in {built - began:.0f} s; installed "
        f"and rendered in {time.perf_counter() - built:.0f} s"
    )
