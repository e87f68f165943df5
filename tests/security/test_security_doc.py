"""The security page lists every limit on workbooks with its default, as
:class:`omstilling.fillin.Limits` has it."""

from __future__ import annotations

import re

import attrs

from omstilling.fillin import Limits

from ..conftest import ROOT

_MIB = 1024 * 1024


def _shown(name: str, value: int) -> str:
    """A default as the page writes it: bytes in MiB, other numbers with commas."""
    if name.endswith("_bytes") and value % _MIB == 0:
        return f"{value // _MIB} MiB"
    return f"{value:,}"


def test_every_limit_is_documented_with_its_default() -> None:
    page = (ROOT / "docs" / "security.rst").read_text(encoding="utf-8")
    documented = dict(
        re.findall(r":attr:`~omstilling\.fillin\.Limits\.(\w+)`\n\s+- ([^\n]+)\n", page)
    )
    defaults = Limits()
    expected = {
        field.name: _shown(field.name, getattr(defaults, field.name))
        for field in attrs.fields(Limits)
    }
    assert documented == expected
