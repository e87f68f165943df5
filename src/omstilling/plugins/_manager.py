"""Finding, loading and using plugins.

:func:`load_plugins` builds a fresh :class:`Plugins` each time it is called (there is
no global manager made at import). It loads the ``omstilling`` entry points one at a
time; a plugin that fails to import, implements a hook that does not exist, or
registers an invalid object is recorded as a :class:`LoadFailure` with its
distribution, version and error, and every other plugin keeps working. With
``OMSTILLING_STRICT_PLUGINS=1`` (or ``strict=True``) the first failure is raised
instead.

``OMSTILLING_PLUGINS=a,b`` loads only the named plugins; ``OMSTILLING_DISABLE_PLUGINS=c``
loads all but those.

.. versionadded:: 0.1
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import metadata
from typing import Any, TypeVar

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .errors import describe as _describe
from .hookspecs import PROJECT_NAME, Exporter, ExportOptions, Importer, ReportFormat
from .report import Report

__all__ = [
    "BLOCK_ENV",
    "ENTRY_POINT_GROUP",
    "ONLY_ENV",
    "STRICT_ENV",
    "LoadFailure",
    "PluginError",
    "PluginInfo",
    "Plugins",
    "load_plugins",
]

ENTRY_POINT_GROUP = PROJECT_NAME
"""The entry-point group plugins register in."""

STRICT_ENV = "OMSTILLING_STRICT_PLUGINS"
"""Set to ``1`` to make a plugin that fails to load an error instead of a warning."""

ONLY_ENV = "OMSTILLING_PLUGINS"
"""A comma-separated allow-list of plugin names: load only these."""

BLOCK_ENV = "OMSTILLING_DISABLE_PLUGINS"
"""A comma-separated block-list of plugin names: load all but these."""

_REGISTRATION_HOOKS: dict[str, type] = {
    "report_formats": ReportFormat,
    "exporters": Exporter,
    "importers": Importer,
}

T = TypeVar("T")

RESERVED_PREFIX = "omstilling."
"""Plugin names starting with this are only omstilling's own (its built-in plugins)."""


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


def _env_list(name: str) -> frozenset[str] | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)).rstrip()


class Plugins:
    """The loaded plugins, what they register, and what failed to load.

    Build one with :func:`load_plugins`; tests and the plugin author's kit start from
    an empty one and :meth:`register` plugins themselves.

    .. versionadded:: 0.1
    """

    def __init__(self, *, strict: bool = False) -> None:
        self.manager = pluggy.PluginManager(PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs.Specs)
        self.strict = strict
        self.failures: list[LoadFailure] = []
        self._distributions: dict[str, tuple[str | None, str | None]] = {}
        self._registered: dict[str, list[_Registered]] = {hook: [] for hook in _REGISTRATION_HOOKS}

    # --- loading ---------------------------------------------------------------------

    def register(
        self,
        plugin: object,
        name: str | None = None,
        *,
        distribution: str | None = None,
        version: str | None = None,
    ) -> bool:
        """Register ``plugin`` (a module or object with hook implementations).

        Returns whether it was registered. A plugin that implements an unknown hook or
        registers an invalid object is not: it is recorded in :attr:`failures` (or, in
        strict mode, raises :class:`PluginError`).
        """
        name = name or getattr(plugin, "__name__", None) or repr(plugin)
        if name.startswith(RESERVED_PREFIX) and distribution not in (None, "omstilling"):
            return self._fail(
                name, distribution, version, f"the plugin name {name!r} is reserved for omstilling"
            )
        if self.manager.has_plugin(name):
            first = self._distributions.get(name, (None, None))[0] or "?"
            return self._fail(
                name,
                distribution,
                version,
                f"another plugin of that name is loaded already (from {first})",
            )
        try:
            self.manager.register(plugin, name=name)
        except (Exception, SystemExit) as exc:  # a plugin's own fault: recorded, never fatal
            return self._fail(name, distribution, version, _describe(exc), _trace(exc))
        try:
            self.manager.check_pending()
            registered = {
                hook: self._call_registration(plugin, hook, kind)
                for hook, kind in _REGISTRATION_HOOKS.items()
            }
        except (Exception, SystemExit) as exc:  # a plugin's own fault: recorded, never fatal
            self.manager.unregister(plugin)
            return self._fail(name, distribution, version, _describe(exc), _trace(exc))
        for hook, items in registered.items():
            self._registered[hook].extend(_Registered(name, item) for item in items)
        self._distributions[name] = (distribution, version)
        return True

    def _call_registration(self, plugin: object, hook: str, kind: type) -> list[Any]:
        items: list[Any] = []
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            if impl.plugin is not plugin:
                continue
            result = impl.function()
            if result is None:
                continue
            for item in result:
                if not isinstance(item, kind):
                    msg = (
                        f"hook {hook} returned {type(item).__name__} {item!r:.80}, "
                        f"not a {kind.__name__}"
                    )
                    raise TypeError(msg)
                items.append(item)
        return items

    def _fail(
        self,
        name: str,
        distribution: str | None,
        version: str | None,
        error: str,
        detail: str = "",
    ) -> bool:
        failure = LoadFailure(
            name=name, distribution=distribution, version=version, error=error, detail=detail
        )
        if self.strict:
            raise PluginError(f"plugin {name!r} ({distribution or '?'}) failed to load: {error}")
        self.failures.append(failure)
        return False

    def load_entry_points(
        self, *, only: Iterable[str] | None = None, block: Iterable[str] = ()
    ) -> None:
        """Load the plugins of the ``omstilling`` entry-point group, one at a time."""
        allowed = None if only is None else frozenset(only)
        blocked = frozenset(block)
        points = metadata.entry_points(group=ENTRY_POINT_GROUP)
        for point in sorted(points, key=lambda p: (p.name, p.value)):
            if (allowed is not None and point.name not in allowed) or point.name in blocked:
                continue
            dist = getattr(point, "dist", None)
            distribution = dist.name if dist is not None else None
            version = dist.version if dist is not None else None
            try:
                plugin = point.load()
            except (Exception, SystemExit) as exc:  # a plugin's own fault: recorded, never fatal
                self._fail(point.name, distribution, version, _describe(exc), _trace(exc))
                continue
            self.register(plugin, point.name, distribution=distribution, version=version)

    # --- what is registered ----------------------------------------------------------

    def _by(self, hook: str, key: Callable[[Any], str]) -> dict[str, list[_Registered]]:
        found: dict[str, list[_Registered]] = {}
        for entry in self._registered[hook]:
            found.setdefault(key(entry.item), []).append(entry)
        return dict(sorted(found.items()))

    def _one(self, hook: str, key: Callable[[Any], str], value: str, what: str) -> Any:
        entries = self._by(hook, key).get(value, [])
        if len(entries) > 1:
            raise PluginError(_clash(what, value, entries))
        if not entries:
            raise KeyError(value)
        return entries[0].item

    def _unambiguous(self, hook: str, key: Callable[[Any], str]) -> dict[str, Any]:
        return {
            value: entries[0].item
            for value, entries in self._by(hook, key).items()
            if len(entries) == 1
        }

    def formats(self) -> Mapping[str, ReportFormat]:
        """Every report format by id; an id two plugins register is left out (see
        :meth:`conflicts`)."""
        return self._unambiguous("report_formats", lambda f: f.id)

    def exporters(self) -> Mapping[str, Exporter]:
        """Every exporter by suffix; a suffix two plugins export is left out."""
        return self._unambiguous("exporters", lambda e: e.suffix)

    def importers(self) -> Mapping[str, Importer]:
        """Every importer by id; an id two plugins register is left out."""
        return self._unambiguous("importers", lambda i: i.id)

    def _missing(self, message: str, known: Iterable[str]) -> PluginError:
        names = ", ".join(known) or "none"
        text = f"{message} (installed: {names})"
        if self.failures:
            failed = ", ".join(f.name for f in self.failures)
            count = len(self.failures)
            text += f"; {count} plugin(s) failed to load: {failed} (see omstilling plugins)"
        return PluginError(text)

    def format(self, format_id: str) -> ReportFormat:
        """The report format ``format_id``. Raises :class:`PluginError` if none is
        installed (naming the ones that are) or if two plugins register it (naming
        both)."""
        try:
            found: ReportFormat = self._one(
                "report_formats", lambda f: f.id, format_id, "report format"
            )
        except KeyError:
            raise self._missing(f"no report format {format_id!r}", self.formats()) from None
        return found

    def format_plugin(self, format_id: str) -> str:
        """The name of the plugin that registers ``format_id``."""
        return next(e.plugin for e in self._registered["report_formats"] if e.item.id == format_id)

    def exporter(self, suffix: str) -> Exporter:
        """The exporter for file names ending in ``suffix`` (``".docx"``)."""
        try:
            found: Exporter = self._one(
                "exporters", lambda e: e.suffix, suffix.lower(), "exporter for"
            )
        except KeyError:
            raise self._missing(f"no exporter for {suffix!r} files", self.exporters()) from None
        return found

    def exporter_for_base(self, suffix: str) -> Exporter:
        """The exporter that takes a base document of type ``suffix``: the one for
        ``suffix`` itself, else the one that names it among its
        :attr:`~omstilling.hookspecs.Exporter.base_suffixes` (a ``.dotx`` for the Word
        exporter)."""
        suffix = suffix.lower()
        if suffix in self.exporters():
            return self.exporter(suffix)
        takers = [e for e in self.exporters().values() if suffix in e.base_suffixes]
        if len(takers) == 1:
            return takers[0]
        raise self._missing(f"no exporter builds on {suffix!r} files", self.exporters())

    def exporter_plugin(self, exporter: Exporter) -> str:
        """The name of the plugin that registers ``exporter``."""
        return next(e.plugin for e in self._registered["exporters"] if e.item is exporter)

    def importer(self, suffix: str) -> Importer:
        """The importer for file names ending in ``suffix``."""
        matches = [
            entry
            for entry in self._registered["importers"]
            if suffix.lower() in entry.item.suffixes
        ]
        if len(matches) > 1:
            raise PluginError(_clash("importer for", suffix, matches))
        if not matches:
            raise self._missing(f"no importer reads {suffix!r} files", self.importers())
        found: Importer = matches[0].item
        return found

    def importer_plugin(self, importer: Importer) -> str:
        """The name of the plugin that registers ``importer``."""
        return next(e.plugin for e in self._registered["importers"] if e.item is importer)

    def info(self) -> list[PluginInfo]:
        """Every loaded plugin: name, distribution, version, hooks and registrations."""
        result = []
        for name, plugin in sorted(self.manager.list_name_plugin()):
            hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or [])
            mine = {
                hook: tuple(_label(e.item) for e in entries if e.plugin == name)
                for hook, entries in self._registered.items()
            }
            distribution, version = self._distributions.get(name, (None, None))
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

    def conflicts(self) -> list[str]:
        """Every id (or suffix) registered by more than one plugin, each as a
        message naming all of them."""
        problems = []
        for hook, key, what in (
            ("report_formats", lambda f: f.id, "report format"),
            ("exporters", lambda e: e.id, "exporter"),
            ("exporters", lambda e: e.suffix, "exporter for"),
            ("importers", lambda i: i.id, "importer"),
        ):
            problems += [
                _clash(what, value, entries)
                for value, entries in self._by(hook, key).items()
                if len(entries) > 1
            ]
        return problems

    # --- using them ------------------------------------------------------------------

    def adjust(self, report: Report, format_id: str) -> Report:
        """``report`` with every plugin's :meth:`~omstilling.hookspecs.Specs.adjust_report`
        applied in turn."""
        for impl in reversed(self.manager.hook.adjust_report.get_hookimpls()):
            if impl.wrapper or impl.hookwrapper:
                msg = f"plugin {impl.plugin_name!r}: adjust_report cannot be a hook wrapper"
                raise PluginError(msg)
            arguments = {"report": report, "format_id": format_id}
            try:
                adjusted = impl.function(**{k: arguments[k] for k in impl.argnames})
            except Exception as exc:  # a plugin's fault: named, never a traceback
                msg = f"plugin {impl.plugin_name!r}: adjust_report failed: {_describe(exc)}"
                raise PluginError(msg) from exc
            if adjusted is not None:
                if not isinstance(adjusted, Report):
                    msg = (
                        f"plugin {impl.plugin_name!r}: adjust_report returned "
                        f"{type(adjusted).__name__}, not a Report"
                    )
                    raise PluginError(msg)
                report = adjusted
        return report

    def export_options(self, base: bytes | None = None) -> ExportOptions:
        """Options for an exporter: ``base`` and the plugins' customisation hooks."""
        hook = self.manager.hook
        return ExportOptions(
            base=base,
            customise_docx=lambda document, report: hook.customise_docx(
                document=document, report=report
            ),
            customise_xlsx=lambda workbook, report: hook.customise_xlsx(
                workbook=workbook, report=report
            ),
        )


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


def _own_version() -> str | None:
    from . import __version__

    return __version__


def load_plugins(
    *,
    strict: bool | None = None,
    only: Sequence[str] | None = None,
    block: Sequence[str] | None = None,
) -> Plugins:
    """Load every installed plugin and return them.

    ``strict``, ``only`` and ``block`` default to the environment variables
    :data:`STRICT_ENV`, :data:`ONLY_ENV` and :data:`BLOCK_ENV`.

    .. versionadded:: 0.1
    """
    if strict is None:
        strict = os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "on"}
    plugins = Plugins(strict=strict)
    # omstilling's own plugins, registered like pytest's and llm's built-ins
    from .builtin import register_builtins

    register_builtins(plugins, _own_version())
    plugins.load_entry_points(
        only=only if only is not None else _env_list(ONLY_ENV),
        block=block if block is not None else (_env_list(BLOCK_ENV) or ()),
    )
    return plugins
