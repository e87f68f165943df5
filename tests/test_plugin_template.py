"""``omstilling new-plugin``: the package it writes installs from its own directory like
any third-party package, shows up in ``omstilling plugins --json`` and passes its
own tests with the public kit; examples/plugin-template is exactly what it writes
for the name "eksempel"; and bad names and occupied directories are refused."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.cli import main
from omstilling.cycle import core_requirement, new_plugin, plugin_files, plugin_name
from omstilling.errors import ArgumentError
from omstilling.hookspecs import ReportFormat

from .conftest import EXAMPLES

TEMPLATE = EXAMPLES / "plugin-template"
NAMES = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
_LEFT_OUT = {"__pycache__", ".hypothesis", ".pytest_cache", "build", "dist"}


def _run(
    *args: str, env: dict[str, str] | None = None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


def _on_path(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop(  # the generated tests set it themselves; `omstilling plugins` must not need it
        "OMSTILLING_STRICT_PLUGINS", None
    )
    return env


def _files_in(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not _LEFT_OUT & set(path.relative_to(directory).parts)
    }


def test_a_new_plugin_installs_is_listed_and_passes_its_own_tests(tmp_path: Path) -> None:
    """The acceptance test: ``omstilling new-plugin testkommune -o DIR``, ``pip install
    DIR``, ``pytest DIR``, ``omstilling plugins --json``. pip installs into a
    directory of this test's own (``--target``, put on PYTHONPATH), so the project's
    environment is left as it was; the dependencies are the project's own."""
    package = tmp_path / "omstilling-testkommune"
    made = _run("-m", "omstilling", "new-plugin", "testkommune", "-o", str(package), cwd=tmp_path)
    assert made.returncode == 0, made.stderr

    target = tmp_path / "site"
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    installed = _run(
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--disable-pip-version-check",
        *isolation,
        "--target",
        str(target),
        str(package),
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    assert (target / "omstilling_testkommune" / "__init__.py").exists()
    [dist_info] = target.glob("omstilling_testkommune-0.1.0.dist-info")
    assert any(dist_info.rglob("LICENSE"))
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    [core] = [
        line
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist: omstilling") and "extra ==" not in line
    ]
    assert set(core.removeprefix("Requires-Dist: omstilling").split(",")) == set(
        core_requirement().split(",")
    )
    assert "Requires-Dist: attrs" in metadata
    assert "License-Expression: MIT" in metadata

    listed = _run("-m", "omstilling", "plugins", "--json", env=_on_path(target), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    payload = json.loads(listed.stdout)
    plugins = {p["name"]: p for p in payload["plugins"]}
    assert plugins["testkommune"]["distribution"] == "omstilling-testkommune"
    assert plugins["testkommune"]["version"] == "0.1.0"
    assert plugins["testkommune"]["formats"] == ["testkommune.milepaeler"]
    assert payload["failures"] == []

    rendered = _run(
        "-m",
        "omstilling",
        "render",
        str(EXAMPLES / "hammerfest-sjumilssteget.yaml"),
        "--format",
        "testkommune.milepaeler",
        "-o",
        str(tmp_path / "m.md"),
        env=_on_path(target),
        cwd=tmp_path,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "| Politisk behandling av analysen ferdig | 30\\. april 2014 | Nei |" in (
        tmp_path / "m.md"
    ).read_text(encoding="utf-8")

    # its own tests, unchanged (fewer examples than its default, to keep this quick)
    tests = _run(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-profile=quick",
        str(package),
        env=_on_path(target),
        cwd=tmp_path,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout
    where = _run(
        "-c",
        "import omstilling_testkommune; print(omstilling_testkommune.__file__)",
        env=_on_path(target),
        cwd=tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)  # the installed copy


def test_the_template_is_what_the_generator_writes(tmp_path: Path) -> None:
    """examples/plugin-template is ``omstilling new-plugin eksempel``, byte for byte
    (after a new omstilling version: write it again, and review the difference)."""
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "eksempel", "-o", str(tmp_path / "eksempel")])
    assert exited.value.code == 0
    assert _files_in(tmp_path / "eksempel") == _files_in(TEMPLATE)
    assert {k: v.encode() for k, v in plugin_files("eksempel").items()} == _files_in(TEMPLATE)


@given(NAMES)
def test_any_plugin_name_makes_a_package_that_fits_together(name: str) -> None:
    files = plugin_files(name)
    package = "omstilling_" + name.replace("-", "_")
    assert package.isidentifier()
    project = tomllib.loads(files["pyproject.toml"])
    assert project["project"]["name"] == f"omstilling-{name}"
    assert project["project"]["entry-points"]["omstilling"] == {name: package}
    [packages] = project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert f"{packages}/__init__.py" in files
    assert packages == f"src/{package}"
    assert project["project"]["dependencies"][0] == f"omstilling{core_requirement()}"
    assert "LICENSE" in files
    assert "MIT License" in files["LICENSE"]
    for path, text in files.items():
        assert "{{" not in text, path
        if path.endswith(".py"):
            ast.parse(text, path)
    tests = files[f"tests/test_{name.replace('-', '_')}.py"]
    assert f"import {package}\n" in tests
    module: dict[str, object] = {"__name__": package}
    exec(compile(files[f"src/{package}/__init__.py"], package, "exec"), module)
    report_format = module["FORMAT"]
    assert isinstance(report_format, ReportFormat)  # its id is one a plugin may register
    assert report_format.id == f"{name}.milepaeler"


@given(st.text(max_size=12))
def test_only_lower_case_words_joined_by_hyphens_name_a_plugin(name: str) -> None:
    fits = re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name) is not None
    if fits:
        assert plugin_name(name) == name
    else:
        with pytest.raises(ArgumentError, match="not a plugin name") as refused:
            plugin_name(name)
        assert refused.value.exit_status == 2


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Test",
        "test_kommune",
        "1kommune",
        "-kommune",
        "kommune-",
        "nord--fron",
        "bø",
        "a b",
        "x" * 41,
        "../kommune",
    ],
)
def test_a_name_that_cannot_name_a_plugin_is_refused(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "-o", str(tmp_path / "p"), "--", name])
    assert exited.value.code == 2
    assert f"new-plugin: not a plugin name: {name!r}" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_it_writes_omstilling_name_here_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "omstilling-nord-fron").mkdir()  # an empty directory is taken
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "nord-fron"])
    assert exited.value.code == 0
    assert (tmp_path / "omstilling-nord-fron/src/omstilling_nord_fron/__init__.py").exists()
    assert (tmp_path / "omstilling-nord-fron/tests/test_nord_fron.py").exists()
    assert "omstilling plugins" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["omstilling-nord-fron"]  # nothing left


def test_a_directory_in_use_is_refused_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "kommune", "-o", str(target)])
    assert exited.value.code == 1
    assert f"{target}: is not empty" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]

    (target / "README.md").write_text("old", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "kommune", "-o", str(target), "--force"])
    assert exited.value.code == 0
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"  # left alone
    assert _files_in(target) == {
        "notes.txt": b"mine",
        **{k: v.encode() for k, v in plugin_files("kommune").items()},
    }


def test_a_file_in_the_way_is_refused_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p").write_text("a file", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["new-plugin", "kommune", "-o", str(tmp_path / "p"), "--force"])
    assert exited.value.code == 1
    assert "exists and is not a directory" in capsys.readouterr().err
    assert (tmp_path / "p").read_text(encoding="utf-8") == "a file"


def test_a_failed_run_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omstilling.cycle import _new_plugin

    def fail(directory: Path, files: dict[str, str]) -> None:
        (directory / "LICENSE").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_new_plugin, "_write_all", fail)
    with pytest.raises(OSError, match="No space"):
        new_plugin("kommune", tmp_path / "p")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("version", "bound"),
    [
        ("0.1.0.dev0", ">=0.1.0.dev0,<0.2"),
        ("0.2.3", ">=0.2.3,<0.3"),
        ("1.4", ">=1.4,<2"),
        ("unknown", ""),
    ],
)
def test_the_core_version_bound(version: str, bound: str) -> None:
    assert core_requirement(version) == bound
