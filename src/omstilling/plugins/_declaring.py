"""The hooks a plugin declares, implements and registers through, checked against
the hooks already declared."""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any

import pluggy

from ..hookspecs import PROJECT_NAME, Exporter, Importer, ReportFormat
from ._limits import _TimeLimit

_REGISTRATION_HOOKS: dict[str, type] = {
    "report_formats": ReportFormat,
    "exporters": Exporter,
    "importers": Importer,
}

_Declared = tuple[type | types.ModuleType, list[str]]
"""A class or module of hook specifications and the names of its hooks."""

_DECLARING_HOOK = "hookspecs"
_CORE = ""
"""Who declares the hooks of :class:`~omstilling.hookspecs.Specs`: omstilling, not a
plugin (no plugin's name is empty)."""


def _callers(manager: pluggy.PluginManager) -> list[pluggy.HookCaller]:
    return [
        caller
        for name, caller in vars(manager.hook).items()
        if not name.startswith("_") and isinstance(caller, pluggy.HookCaller)
    ]


def _unknown_hook(hook: str) -> str:
    return f"unknown hook {hook!r}: no loaded plugin declares it (is the name misspelt?)"


def _declared_hooks(
    manager: pluggy.PluginManager,
    plugin: object,
    name: str,
    known: Mapping[str, str],
    timeout: float | None,
) -> list[_Declared]:
    """The hook specifications ``plugin`` declares, each with its hooks' names;
    raises for one that declares no hook or a hook declared already (``known``: who
    declares each hook declared so far)."""
    declared: list[_Declared] = []
    mine: set[str] = set()
    for impl in getattr(manager.hook, _DECLARING_HOOK).get_hookimpls():
        if impl.plugin is not plugin:
            continue
        with _TimeLimit(timeout, f"hook {_DECLARING_HOOK}"):
            namespaces = list(impl.function() or ())
        for namespace in namespaces:
            if not isinstance(namespace, type | types.ModuleType):
                msg = (
                    f"hook {_DECLARING_HOOK} returned {type(namespace).__name__} "
                    f"{namespace!r:.80}, not a class or module"
                )
                raise TypeError(msg)
            names = [n for n in dir(namespace) if _is_spec(manager, namespace, n)]
            if not names:
                msg = (
                    f"hook {_DECLARING_HOOK} returned {namespace!r:.80}, which declares "
                    "no hook (no function marked hookspec)"
                )
                raise TypeError(msg)
            for hook in names:
                owner = name if hook in mine else known.get(hook)
                if owner is not None:
                    by = "omstilling" if owner == _CORE else f"plugin {owner!r}"
                    msg = f"it declares the hook {hook!r}, which {by} declares already"
                    raise ValueError(msg)
            mine.update(names)
            declared.append((namespace, names))
    return declared


def _is_spec(manager: pluggy.PluginManager, namespace: type | types.ModuleType, name: str) -> bool:
    return manager.parse_hookspec_opts(namespace, name) is not None


def _misfits(
    manager: pluggy.PluginManager, declared: list[_Declared]
) -> dict[str, pluggy.PluginValidationError]:
    """The registered plugins whose implementations of the hooks about to be
    declared do not fit them (taking arguments the specification does not give,
    say), by name, each with what pluggy says is wrong."""
    names = [hook for _, hooks in declared for hook in hooks]
    holders = {
        impl.plugin_name
        for hook in names
        if isinstance(caller := getattr(manager.hook, hook, None), pluggy.HookCaller)
        for impl in caller.get_hookimpls()
    }
    if not holders:
        return {}
    trial = pluggy.PluginManager(PROJECT_NAME)
    for namespace, _ in declared:
        trial.add_hookspecs(namespace)
    misfits = {}
    for holder in sorted(holders):
        try:
            trial.register(manager.get_plugin(holder), name=holder)
        except pluggy.PluginValidationError as exc:
            misfits[holder] = exc
    return misfits


def _unknown_hooks(
    manager: pluggy.PluginManager, plugin: object, declared: list[_Declared]
) -> list[str]:
    """The hooks ``plugin`` implements that no plugin declares, nor it itself."""
    own = {hook for _, hooks in declared for hook in hooks}
    return sorted(
        caller.name
        for caller in manager.get_hookcallers(plugin) or []
        if not caller.has_spec()
        and caller.name not in own
        and any(i.plugin is plugin and not i.optionalhook for i in caller.get_hookimpls())
    )


def _call_registration(
    manager: pluggy.PluginManager, plugin: object, hook: str, kind: type, timeout: float | None
) -> list[Any]:
    items: list[Any] = []
    for impl in getattr(manager.hook, hook).get_hookimpls():
        if impl.plugin is not plugin:
            continue
        with _TimeLimit(timeout, f"hook {hook}"):
            result = impl.function()
            found = [] if result is None else list(result)
        for item in found:
            if not isinstance(item, kind):
                msg = (
                    f"hook {hook} returned {type(item).__name__} {item!r:.80}, "
                    f"not a {kind.__name__}"
                )
                raise TypeError(msg)
            items.append(item)
    return items
