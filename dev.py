#!/usr/bin/env python3
"""Set up the development environment; run the example, the tests or the benchmarks.

    python3 dev.py example   # set up, validate the examples, render a status report
    python3 dev.py test      # set up, then run ruff, mypy, the docs build and pytest
    python3 dev.py bench     # set up, then run every benchmark (a few minutes)
    python3 dev.py mutants   # set up, then mutation-test the decision logic (long)

Needs only Python 3.11+ (with venv and pip) and this repository. The environment
lives in ``.venv`` and is set up again whenever ``pyproject.toml`` changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import venv
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*command: str | Path) -> int:
    """Run ``command`` in the repository and return its exit status."""
    print("$", " ".join(str(part) for part in command), flush=True)
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def group_requirements(project: Path, group: str, seen: tuple[str, ...] = ()) -> list[str]:
    """The requirements of the dependency group ``group`` (PEP 735) of the ``project``
    file, with the groups it includes; pip before 25.1 has no ``--group``, so they are
    read here and passed to pip as requirements."""
    groups: Mapping[str, list[str | dict[str, str]]]
    groups = tomllib.loads(project.read_text(encoding="utf-8")).get("dependency-groups", {})
    if group not in groups:
        sys.exit(f"{project}: no dependency group {group!r} (there are: {', '.join(groups)})")
    if group in seen:
        sys.exit(f"{project}: dependency group {group!r} includes itself")
    found: list[str] = []
    for item in groups[group]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict) and isinstance(item.get("include-group"), str):
            found += group_requirements(project, item["include-group"], (*seen, group))
        else:
            sys.exit(f"{project}: dependency group {group!r}: not a requirement: {item!r}")
    return found


def _name(requirement: str) -> str:
    """The normalised project name a requirement string starts with."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else requirement


def setup() -> None:
    """Create ``.venv`` and install the project and the plugins in ``plugins/``
    (editable) with the core's ``dev`` dependency group and every plugin's groups."""
    if sys.version_info < (3, 11):
        sys.exit(f"omstilling needs Python 3.11 or newer, not {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".omstilling-setup"
    projects = [ROOT / "pyproject.toml", *sorted(ROOT.glob("plugins/*/pyproject.toml"))]
    digest = hashlib.sha256()
    for project in projects:
        digest.update(project.read_bytes())
    wanted = digest.hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    # the plugins in plugins/ install like a third party's: each its own package
    editables = [".", *(str(p.parent.relative_to(ROOT)) for p in projects[1:])]
    local = {
        _name(tomllib.loads(p.read_text(encoding="utf-8"))["project"]["name"]) for p in projects
    }
    wanted_groups = [(projects[0], "dev")]
    for plugin in projects[1:]:
        groups = tomllib.loads(plugin.read_text(encoding="utf-8")).get("dependency-groups", {})
        wanted_groups += [(plugin, name) for name in groups]
    requirements: list[str] = []
    for project, group in wanted_groups:
        for requirement in group_requirements(project, group):
            # the projects here are installed from here, editable, never from an index
            if _name(requirement) not in local and requirement not in requirements:
                requirements.append(requirement)
    command: list[str | Path] = [PYTHON, "-m", "pip", "install", "--quiet"]
    for editable in editables:
        command += ["--editable", editable]
    command += requirements
    if run(*command) != 0:
        sys.exit("setting up the environment failed (see pip's messages above)")
    stamp.write_text(wanted)


def example() -> int:
    """Validate every example programme, then render the Stifinneren programme's
    status for the first half of 2004 to Word and Excel in ``out/``."""
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "examples").glob("*.yaml"))
    status = run(BIN / "omstilling", "validate", *files)
    (ROOT / "out").mkdir(exist_ok=True)
    for suffix in ("docx", "xlsx"):
        status = status or run(
            BIN / "omstilling",
            "render",
            "examples/stifinneren-2004.yaml",
            "--template",
            "status",
            "--period",
            "2004-H1",
            "-o",
            f"out/stifinneren-2004-H1-status.{suffix}",
        )
    return status


def test(pytest_args: Sequence[str]) -> int:
    """Run every check; the exit status is non-zero if any of them failed."""
    checks: list[tuple[str | Path, ...]] = [
        (BIN / "ruff", "check", "."),
        (BIN / "ruff", "format", "--check", "."),
        (BIN / "mypy",),
        # the root conftest.py apart: its module name is the plugin template's too
        (BIN / "mypy", "conftest.py"),
        (
            BIN / "sphinx-build",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "docs",
            "docs/_build/html",
        ),
        (PYTHON, "-m", "pytest", *pytest_args),
    ]
    failed = [" ".join(str(p) for p in check[:2]) for check in checks if run(*check) != 0]
    if failed:
        print("failed: " + "; ".join(failed), flush=True)
        return 1
    return 0


def benchmarks() -> dict[str, list[str | Path]]:
    """Every benchmark by name, with the command that runs it: each
    ``benchmarks/bench_*.py`` as a module, and each plugin's ``benchmarks/bench_*.py``
    as a script."""
    found: dict[str, list[str | Path]] = {}
    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        found[path.stem] = [PYTHON, "-m", f"benchmarks.{path.stem}"]
    for path in sorted(ROOT.glob("plugins/*/benchmarks/bench_*.py")):
        found[f"{path.parent.parent.name}/{path.stem}"] = [PYTHON, path.relative_to(ROOT)]
    return found


DEFAULT_BENCH_ARGS: dict[str, list[str]] = {
    "bench_files": ["--repeat", "1"],
    "bench_export": ["--repeat", "2"],
    "bench_import": ["--repeat", "2"],
}
"""What the full run passes to each benchmark, to finish in under 10 minutes; one
named on the command line runs with its own defaults (more repeats)."""

ONLY_WHEN_NAMED = {"omstilling-excel/bench_modes"}
"""Benchmarks left out of the full run (a plugin's own comparison of its modes)."""


def bench(names: Sequence[str]) -> int:
    """Run the benchmarks called ``names`` (default: all) one after another, each in a
    fresh process, printing their output; non-zero if any of them failed."""
    known = benchmarks()
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"no benchmark {', '.join(unknown)} (there are: {', '.join(known)})")
        return 2
    failed = []
    began = time.perf_counter()
    for name, command in known.items():
        if names and name not in names:
            continue
        if not names and name in ONLY_WHEN_NAMED:
            continue
        extra = [] if names else DEFAULT_BENCH_ARGS.get(name, [])
        print(f"\n== {name}", flush=True)
        start = time.perf_counter()
        if run(*command, *extra) != 0:
            failed.append(name)
        print(f"== {name}: {time.perf_counter() - start:.0f} s", flush=True)
    print(f"\nall benchmarks: {time.perf_counter() - began:.0f} s", flush=True)
    if failed:
        print("failed: " + "; ".join(failed), flush=True)
        return 1
    return 0


MUTATED = {
    "integrity": "omstilling.model._integrity",
    "queries": "omstilling.model._queries",
    "status": "omstilling.templates.status",
    "apply": "omstilling.fillin._apply",
    "migrations": "omstilling.files._migrations",
    "time": "omstilling.model._time",
}
"""The decision logic that ``mutants`` mutates, by short name, in the order it runs
them (``[tool.mutmut]`` in ``pyproject.toml`` says which tests each mutant meets)."""

MUTANT_STATUS: dict[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
}
MUTANT_STATUS |= dict.fromkeys((36, 24, -24, 152, 255), "timeout")
MUTANT_STATUS |= {34: "skipped", 37: "caught by type check", None: "not checked"}
"""mutmut's verdict on a mutant by the exit code it records (others: "suspicious")."""


def mutants(names: Sequence[str]) -> int:
    """Mutation-test the modules called ``names`` (default: all of :data:`MUTATED`),
    one mutmut run each, then print each module's counts and surviving mutants
    (``mutmut show NAME`` shows one)."""
    unknown = [name for name in names if name not in MUTATED]
    if unknown:
        print(f"no module {', '.join(unknown)} (there are: {', '.join(MUTATED)})")
        return 2
    chosen = [name for name in MUTATED if not names or name in names]
    # few examples per property test, the same every run
    os.environ.setdefault("HYPOTHESIS_PROFILE", "dev")
    failed = [n for n in chosen if run(BIN / "mutmut", "run", f"{MUTATED[n]}.*") != 0]
    verdicts: dict[str, int | None] = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        verdicts |= json.loads(meta.read_text())["exit_code_by_key"]
    for name in chosen:
        prefix = MUTATED[name] + "."
        mine = {
            k: MUTANT_STATUS.get(v, "suspicious")
            for k, v in verdicts.items()
            if k.startswith(prefix)
        }
        counts = {s: list(mine.values()).count(s) for s in sorted(set(mine.values()))}
        print(f"\n== {name} ({MUTATED[name]}): {len(mine)} mutants", flush=True)
        print("   " + ", ".join(f"{count} {status}" for status, count in counts.items()))
        for key, status in sorted(mine.items()):
            if status not in ("killed", "caught by type check"):
                print(f"   {status}: {key}")
    if failed:
        print("mutmut failed for: " + "; ".join(failed), flush=True)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=["setup", "example", "test", "bench", "mutants"])
    parser.add_argument(
        "args",
        nargs="*",
        help="extra arguments for pytest (test); the benchmarks to run (bench, default: "
        "all); the modules to mutate (mutants, default: all)",
    )
    args = parser.parse_args(argv)
    setup()
    if args.task == "example":
        return example()
    if args.task == "test":
        return test(args.args)
    if args.task == "bench":
        return bench(args.args)
    if args.task == "mutants":
        return mutants(args.args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
