"""Shared test set-up: paths to the examples. The hypothesis profiles are set up for
every test session in the repository's root ``conftest.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from omstilling.files import load
from omstilling.model import Programme

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

THREE_ERRORS = """\
schema_version: 2
id: x
name: X
owner: o
organisations: [{id: o, name: O}]
milestones:
- {id: m1, title: Ferdig, estimated_finish: '31.13.2014'}
- {id: m2, title: Ferdig, done: kanskje}
subprojects:
- {id: s1, name: S, colour: red}
"""
"""A programme file with three different errors, and the lines they give."""
THREE_ERROR_LINES = [
    "subprojects[0].colour: unknown key",
    "milestones[0].estimated_finish: not a date: '31.13.2014'",
    "milestones[1].done: expected true or false, got text: 'kanskje'",
]


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in the C locale, whatever the shell's: the command line's
    messages, in this process and in subprocesses, are in English. A test that wants
    another language sets the variables itself (``monkeypatch.setenv``, or the ``env``
    of a subprocess)."""
    for variable in ("LANGUAGE", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def examples() -> dict[str, Programme]:
    """Every example programme, loaded once, by file stem."""
    return {path.stem: load(path) for path in sorted(EXAMPLES.glob("*.yaml"))}
