"""Start-up stays light: importing omstilling or asking for help loads none of the
heavy libraries (python-docx, openpyxl, matplotlib, hypothesis)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

HEAVY = ("docx", "openpyxl", "matplotlib", "hypothesis", "lxml")


def _imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return modules


@pytest.mark.parametrize(
    "args",
    [("-c", "import omstilling"), ("-m", "omstilling", "--help"), ("-m", "omstilling", "plugins")],
)
def test_no_heavy_imports(args: tuple[str, ...]) -> None:
    imported = _imported(*args)
    assert "omstilling" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
