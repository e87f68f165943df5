"""What is loaded and what failed: the records of plugins, their registrations and
their failures, and the listing of them."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pluggy

from ..errors import describe as _describe
from ..hookspecs import Exporter, Importer
from ._limits import _TimeUp


@attrs.frozen(kw_only=True)
class LoadFailure:
    """A plugin that could not be loaded, and why.

    .. versionadded:: 0.1
    """

    name: str
    distribution: str | None
    version: str | None
    error: str
    detail: str = ""
    """The traceback, where there is one."""


@attrs.frozen(kw_only=True)
class PluginInfo:
    """What an installed plugin is and what it registers.

    .. versionadded:: 0.1
    """

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    formats: tuple[str, ...]
    exporters: tuple[str, ...]
    importers: tuple[str, ...]


@attrs.frozen
class _Registered:
    plugin: str
    item: Any


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)).rstrip()


def _error(exc: BaseException) -> str:
    """What went wrong, on one line: all of what pluggy says about a hook
    implementation that does not fit its specification."""
    if isinstance(exc, pluggy.PluginValidationError):
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return f"{type(exc).__name__}: {'; '.join(lines)}"
    if isinstance(exc, _TimeUp):
        return str(exc)
    return _describe(exc)


def _clash(what: str, value: str, entries: list[_Registered]) -> str:
    plugins = sorted(entry.plugin for entry in entries)
    named = ", ".join(repr(p) for p in plugins[:-1]) + f" and {plugins[-1]!r}"
    return f"{what} {value!r} is registered by {len(plugins)} plugins: {named}"


def _label(item: Any) -> str:
    if isinstance(item, Exporter):
        return f"{item.id} ({item.suffix})"
    if isinstance(item, Importer):
        return f"{item.id} ({', '.join(item.suffixes)})"
    return str(item.id)


def _by(entries: Iterable[_Registered], key: Callable[[Any], str]) -> dict[str, list[_Registered]]:
    found: dict[str, list[_Registered]] = {}
    for entry in entries:
        found.setdefault(key(entry.item), []).append(entry)
    return dict(sorted(found.items()))


def _info(
    manager: pluggy.PluginManager,
    registered: Mapping[str, list[_Registered]],
    distributions: Mapping[str, tuple[str | None, str | None]],
) -> list[PluginInfo]:
    """Every plugin in ``manager``: name, distribution, version, hooks and
    registrations."""
    result = []
    for name, plugin in sorted(manager.list_name_plugin()):
        hooks = sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])
        mine = {
            hook: tuple(_label(e.item) for e in entries if e.plugin == name)
            for hook, entries in registered.items()
        }
        distribution, version = distributions.get(name, (None, None))
        result.append(
            PluginInfo(
                name=name,
                distribution=distribution,
                version=version,
                hooks=tuple(hooks),
                formats=mine["report_formats"],
                exporters=mine["exporters"],
                importers=mine["importers"],
            )
        )
    return result


def _conflicts(registered: Mapping[str, list[_Registered]]) -> list[str]:
    """Every id (or suffix) registered by more than one plugin, each as a message
    naming all of them."""
    problems = []
    for hook, key, what in (
        ("report_formats", lambda f: f.id, "report format"),
        ("exporters", lambda e: e.id, "exporter"),
        ("exporters", lambda e: e.suffix, "exporter for"),
        ("importers", lambda i: i.id, "importer"),
    ):
        problems += [
            _clash(what, value, entries)
            for value, entries in _by(registered[hook], key).items()
            if len(entries) > 1
        ]
    return problems
