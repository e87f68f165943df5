"""Fake installed distributions with entry points, for testing plugin loading the
way it happens for real: importlib.metadata finds them on sys.path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import ROOT

GOOD_PLUGIN = """
from omstilling.hookspecs import ReportFormat, hookimpl
from omstilling.report import Column, FieldType, Labels, Report, ReportSchema
from omstilling.report import Section, SectionSchema

SCHEMA = ReportSchema(
    id="god.liste",
    title=Labels("Liste"),
    sections=(
        SectionSchema(
            key="delprosjekter",
            title=Labels("Delprosjekter"),
            columns=(Column(key="navn", type=FieldType.TEXT, label=Labels("Navn")),),
        ),
    ),
)


def build(programme, request):
    rows = tuple({"navn": s.name} for s in programme.subprojects)
    return Report(
        schema=SCHEMA,
        title=programme.name,
        programme=programme.id,
        sections=(Section(key="delprosjekter", rows=rows),),
    )


@hookimpl
def report_formats():
    return [ReportFormat(id="FORMAT_ID", schema=SCHEMA, build=build)]
"""


def make_distribution(
    site: Path,
    distribution: str,
    module: str,
    source: str,
    *,
    entry_point: str | None = None,
    version: str = "1.0",
) -> None:
    """Write ``module`` and a dist-info for ``distribution`` with an ``omstilling``
    entry point into ``site``."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{distribution.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[omstilling]\n{entry_point or module} = {module}\n", encoding="utf-8"
    )


def good_plugin(site: Path, distribution: str, module: str, format_id: str) -> None:
    make_distribution(site, distribution, module, GOOD_PLUGIN.replace("FORMAT_ID", format_id))


def run_omstilling(
    site: Path, *args: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m omstilling ARGS`` with ``site`` on the path (and stop it after
    ``timeout`` seconds: :class:`subprocess.TimeoutExpired`)."""
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(site), environment.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-m", "omstilling", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
        timeout=timeout,
    )
