"""The plugin template installs from its own directory like any third-party package,
shows up in ``omstilling plugins --json``, and its own tests pass with the public kit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

TEMPLATE = EXAMPLES / "plugin-template"


def _env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def test_template_installs_and_its_tests_pass(tmp_path: Path) -> None:
    target = tmp_path / "site"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(TEMPLATE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    assert (target / "omstilling_eksempel" / "__init__.py").exists()

    listed = subprocess.run(
        [sys.executable, "-m", "omstilling", "plugins", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(target),
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    plugins = {p["name"]: p for p in json.loads(listed.stdout)["plugins"]}
    assert plugins["eksempel"]["distribution"] == "omstilling-eksempel"
    assert plugins["eksempel"]["version"] == "0.1.0"
    assert plugins["eksempel"]["formats"] == ["eksempel.milepaeler"]
    assert json.loads(listed.stdout)["failures"] == []

    rendered = subprocess.run(
        [
            sys.executable,
            "-m",
            "omstilling",
            "render",
            str(EXAMPLES / "hammerfest-sjumilssteget.yaml"),
            "--format",
            "eksempel.milepaeler",
            "-o",
            str(tmp_path / "m.md"),
        ],
        capture_output=True,
        text=True,
        env=_env(target),
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "| Politisk behandling av analysen ferdig | 30\\. april 2014 | Nei |" in (
        tmp_path / "m.md"
    ).read_text(encoding="utf-8")

    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(TEMPLATE / "tests"),
            "--rootdir",
            str(TEMPLATE),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(target),
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import omstilling_eksempel; print(omstilling_eksempel.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(target),
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)  # the installed copy, not the source
