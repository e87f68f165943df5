"""The house, floor by floor: each module imports only from its own floor or the ones
below, and no modules import each other in a loop.

The floors (docs/api.rst shows the same picture)::

    0 errors, _version, _messages, _office
    1 model
    2 report, presentation, riskmatrix, files, formatting, hookspecs, lint, summary
    3 templates
    4 plugins, builtin, fillin
    5 cycle
    6 cli
    7 testing                    the kit, on top of everything but the CLI
    8 omstilling, __main__       the public face
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "omstilling"

FLOORS = {
    "_version": 0,
    "_messages": 0,
    "_office": 0,
    "errors": 0,
    "model": 1,
    "report": 2,
    "files": 2,
    "formatting": 2,
    "hookspecs": 2,
    "lint": 2,
    "summary": 2,
    "presentation": 2,
    "riskmatrix": 2,
    "templates": 3,
    "plugins": 4,
    "builtin": 4,
    "fillin": 4,
    "cycle": 5,
    "cli": 6,
    "testing": 7,
    "": 8,
    "__main__": 8,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def floor(module: str) -> int:
    """The floor of ``module`` (``omstilling.model._time`` is on the model's)."""
    parts = module.split(".")
    return FLOORS[parts[1] if len(parts) > 1 else ""]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The omstilling modules an import statement in ``module`` names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        prefix = node.module or ""
        if node.level:
            # the package the module is in (a package's __init__ is in itself)
            base = module.split(".")
            if MODULES[module].name != "__init__.py":
                base = base[:-1]
            base = base[: len(base) - node.level + 1]
            prefix = ".".join([*base, *([prefix] if prefix else [])])
        # `from package import module` imports the module; `from module import name`
        # the module the name is in
        names = [
            f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in MODULES else prefix
            for alias in node.names
        ]
    yield from (name for name in dict.fromkeys(names) if name in MODULES)


def imports(module: str) -> Iterator[tuple[str, int, bool]]:
    """Every omstilling module ``module`` imports: (name, line, runs at import time).
    Imports inside functions and under ``TYPE_CHECKING`` do not run at import time."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))

    def walk(nodes: list[ast.stmt], eager: bool) -> Iterator[tuple[str, int, bool]]:
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(module, node):
                    yield target, node.lineno, eager
            elif isinstance(node, ast.If):
                inner = eager and not _is_type_checking(node)
                yield from walk(node.body, inner)
                yield from walk(node.orelse, eager)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from walk(node.body, False)
            elif isinstance(node, ast.ClassDef):
                yield from walk(node.body, eager)
            elif isinstance(node, ast.Try):
                for block in (node.body, node.orelse, node.finalbody):
                    yield from walk(block, eager)
                for handler in node.handlers:
                    yield from walk(handler.body, eager)
            elif isinstance(node, ast.With):
                yield from walk(node.body, eager)

    yield from walk(tree.body, True)


def test_every_module_has_a_floor() -> None:
    assert [m for m in MODULES if m.split(".")[1:2] and m.split(".")[1] not in FLOORS] == []


def test_no_module_imports_from_a_floor_above_its_own() -> None:
    upward = [
        f"{MODULES[module].relative_to(SRC)}:{line}: {module} (floor {floor(module)}) "
        f"imports {target} (floor {floor(target)})"
        for module in MODULES
        for target, line, _eager in imports(module)
        if floor(target) > floor(module)
    ]
    assert upward == []


def _cycle() -> list[str] | None:
    graph = {m: sorted({t for t, _, eager in imports(m) if eager and t != m}) for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in graph[module]:
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in graph:
        if module not in state and (found := visit(module)):
            return found
    return None


MAX_LINES = 600
"""No source file is longer: a bigger one is several rooms (DESIGN.md, "Layout")."""


@pytest.mark.parametrize(
    "path",
    [
        *sorted((SRC / PACKAGE).rglob("*.py")),
        *sorted((SRC.parent / "plugins").glob("*/src/**/*.py")),
    ],
    ids=lambda p: str(p.relative_to(SRC.parent)),
)
def test_no_source_file_is_longer_than_a_room(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines (at most {MAX_LINES})"


def test_no_import_loops() -> None:
    assert _cycle() is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..model import Programme\n", ["omstilling.model"]),
        ("from . import _values\n", ["omstilling.model._values"]),
        ("from omstilling.errors import Problem\n", ["omstilling.errors"]),
        ("def f():\n    from ..cli import main\n", ["omstilling.cli"]),
    ],
)
def test_the_import_reader_resolves_relative_imports(
    source: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a module of the model package, read from a stand-in file
    fake = tmp_path / "_probe.py"
    fake.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "omstilling.model._probe", fake)
    assert [t for t, _, _ in imports("omstilling.model._probe")] == expected


def test_the_checks_would_notice_a_loop_and_an_upward_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop = tmp_path / "_loop.py"
    loop.write_text("from ..cli import main\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "omstilling.model._loop", loop)
    assert floor("omstilling.cli") > floor("omstilling.model._loop")
    assert ("omstilling.cli", 1, True) in list(imports("omstilling.model._loop"))
    back = tmp_path / "_back.py"
    back.write_text("from .model import _loop\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "omstilling.errors", back)
    monkeypatch.setitem(MODULES, "omstilling.model._loop", loop)
    loop.write_text("from ..errors import Problem\n", encoding="utf-8")
    assert _cycle() is not None
