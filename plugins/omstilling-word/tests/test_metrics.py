"""The character widths the tables are fitted with are those of the fonts matplotlib
ships, as ``scripts/font_metrics.py`` reads them (the table is written by that script)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from omstilling_word import _metrics

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "font_metrics.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("font_metrics", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("constant", "font"), [("REGULAR", "DejaVuSans.ttf"), ("BOLD", "DejaVuSans-Bold.ttf")]
)
def test_the_width_table_matches_the_font(constant: str, font: str) -> None:
    pytest.importorskip("fontTools")
    widths = _script()._widths(font)
    assert list(getattr(_metrics, constant)) == widths
    assert _metrics.FIRST == _script().FIRST
