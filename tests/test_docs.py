"""The public API is documented where it is defined."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

PUBLIC_MODULES = [
    "omstilling.model",
    "omstilling.files",
    "omstilling.lint",
    "omstilling.summary",
    "omstilling.report",
    "omstilling.formatting",
    "omstilling.riskmatrix",
    "omstilling",
    "omstilling.errors",
    "omstilling.cycle",
    "omstilling.fillin",
    "omstilling.hookspecs",
    "omstilling.plugins",
    "omstilling.builtin",
    "omstilling.builtin.markdown",
    "omstilling.builtin.json",
    "omstilling.builtin.templates",
    "omstilling.testing",
    "omstilling.testing.strategies",
    "omstilling.templates.common",
]
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_its_own_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__doc__, module_name
    undocumented = []
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        own = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
        if not own or not own.strip():
            undocumented.append(name)
    assert undocumented == []


@pytest.mark.parametrize(
    "module_name",
    [
        "omstilling.model",
        "omstilling.files",
        "omstilling.summary",
        "omstilling.report",
        "omstilling.hookspecs",
        "omstilling.plugins",
        "omstilling.errors",
        "omstilling.cycle",
    ],
)
def test_public_classes_say_when_they_were_added(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [
        name
        for name in module.__all__
        if inspect.isclass(getattr(module, name))
        and ".. versionadded::" not in (getattr(module, name).__doc__ or "")
    ]
    assert missing == []


def test_every_public_module_is_in_the_docs() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.rst"))
    for module_name in PUBLIC_MODULES:
        assert f".. automodule:: {module_name}" in text, module_name


def _hook_signatures() -> dict[str, str]:
    from omstilling.hookspecs import Specs

    found = {}
    for name, function in vars(Specs).items():
        if name.startswith("_"):
            continue
        parameters = [p for p in inspect.signature(function).parameters if p != "self"]
        found[name] = f"{name}({', '.join(parameters)})"
    return found


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    text = (DOCS / "hooks.rst").read_text(encoding="utf-8")
    documented = re.findall(r"^``(\w+\([^`]*\))``\n~+$", text, flags=re.MULTILINE)
    assert sorted(documented) == sorted(_hook_signatures().values())


def test_every_hook_docstring_names_its_version_and_firstresult() -> None:
    from omstilling.hookspecs import Specs

    for name in _hook_signatures():
        doc = getattr(Specs, name).__doc__ or ""
        assert ".. versionadded::" in doc, name
        assert "firstresult" in doc, name
        assert "Example::" in doc, name
