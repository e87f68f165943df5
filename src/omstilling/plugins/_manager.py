"""The loaded plugins: loading and registering them, and what they register."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from typing import Any

import pluggy

from .. import hookspecs
from ..errors import PluginError
from ..hookspecs import PROJECT_NAME, Exporter, ExportOptions, Importer, ReportFormat
from ..report import Report
from ._calling import _call_one, _in_call_order
from ._declaring import (
    _CORE,
    _REGISTRATION_HOOKS,
    _call_registration,
    _callers,
    _declared_hooks,
    _is_spec,
    _misfits,
    _unknown_hook,
    _unknown_hooks,
)
from ._info import (
    LoadFailure,
    PluginInfo,
    _by,
    _clash,
    _conflicts,
    _error,
    _info,
    _Registered,
    _trace,
)
from ._limits import _PASS_THROUGH, _seconds, _TimeLimit, _TimeUp
from ._settings import DEFAULT_TIMEOUT, ENTRY_POINT_GROUP

RESERVED_PREFIX = "omstilling."
"""Plugin names starting with this are only omstilling's own (its built-in plugins)."""

_SHIPPED_EXPORTERS: Mapping[str, tuple[str, str]] = {
    ".docx": ("omstilling-word", "word"),
    ".xlsx": ("omstilling-excel", "excel"),
    ".pdf": ("omstilling-pdf", "pdf"),
}
"""The distribution released with omstilling that exports files of a suffix, and the
extra of ``omstilling`` that installs it."""

_SHIPPED_BASES: Mapping[str, tuple[str, str]] = {
    **_SHIPPED_EXPORTERS,
    ".dotx": ("omstilling-word", "word"),
}
"""The same for the base documents (templates) an exporter builds on."""

_SHIPPED_FORMATS: Mapping[str, tuple[str, str]] = {
    "kongsvinger.": ("omstilling-kongsvinger", "formats"),
    "stifinneren.": ("omstilling-stifinneren", "formats"),
    "hammerfest.": ("omstilling-hammerfest", "formats"),
}
"""The same for the report formats released with omstilling, by id prefix."""


def _installed(distribution: str) -> bool:
    """Whether the distribution called ``distribution`` is installed."""
    try:
        metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def _install_hint(shipped: tuple[str, str] | None, failures: Iterable[LoadFailure]) -> str:
    """``": install omstilling-word (pip install 'omstilling[word]')"`` for a
    distribution that is not installed; nothing for one that is (it failed to load, or
    does not register what was asked for: installing it again would not help)."""
    if shipped is None:
        return ""
    distribution, extra = shipped
    if any(f.distribution == distribution for f in failures) or _installed(distribution):
        return ""
    return f": install {distribution} (pip install 'omstilling[{extra}]')"


class Plugins:
    """The loaded plugins, what they register, and what failed to load.

    Build one with :func:`load_plugins`; tests and the plugin author's kit start from
    an empty one and :meth:`register` plugins themselves.

    ``timeout`` is the seconds a plugin may take to load (to be imported, and to be
    registered: its registration hooks), and to return from each call of one of its
    hooks (:meth:`adjust`, :meth:`call`); ``None`` or 0 for no limit. A plugin that
    takes longer is stopped: it fails to load, or the call raises
    :class:`PluginError` naming it and the limit. The limit holds only in the main
    thread on POSIX systems (see :data:`TIMEOUT_ENV`); elsewhere there is none.

    .. versionadded:: 0.1
    """

    def __init__(self, *, strict: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.timeout = _seconds(timeout, "timeout")
        self.manager = pluggy.PluginManager(PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs.Specs)
        self.strict = strict
        self.failures: list[LoadFailure] = []
        self._distributions: dict[str, tuple[str | None, str | None]] = {}
        self._registered: dict[str, list[_Registered]] = {hook: [] for hook in _REGISTRATION_HOOKS}
        self._declared = dict.fromkeys(
            (
                name
                for name in dir(hookspecs.Specs)
                if _is_spec(self.manager, hookspecs.Specs, name)
            ),
            _CORE,
        )
        self._loading = 0
        self._stopped: dict[str, str] = {}
        """Plugins stopped at their time limit in a hook call, each with why."""

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
        strict mode, raises :class:`PluginError`). Inside :meth:`loading`, unknown
        hooks are looked for when the block ends instead.

        A plugin that declares hooks (:meth:`~omstilling.hookspecs.Specs.hookspecs`)
        has them checked against the implementations registered before it: a plugin
        whose implementation does not fit is unregistered and recorded as failed, not
        the declaring one.
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
            with _TimeLimit(self.timeout, "registering it"):
                self.manager.register(plugin, name=name)
        except _PASS_THROUGH:
            raise
        except BaseException as exc:  # a plugin's own fault, of any kind: recorded, never fatal
            if self.manager.get_plugin(name) is plugin:  # pluggy keeps what it registered
                self.manager.unregister(name=name)
            return self._fail(name, distribution, version, _error(exc), _trace(exc))
        try:
            registered = {
                hook: _call_registration(self.manager, plugin, hook, kind, self.timeout)
                for hook, kind in _REGISTRATION_HOOKS.items()
            }
            declared = _declared_hooks(self.manager, plugin, name, self._declared, self.timeout)
            misfits = _misfits(self.manager, declared)
            if name in misfits:
                raise misfits[name]
        except _PASS_THROUGH:
            raise
        except BaseException as exc:  # a plugin's own fault, of any kind: recorded, never fatal
            self.manager.unregister(plugin)
            return self._fail(name, distribution, version, _error(exc), _trace(exc))
        unknown = [] if self._loading else _unknown_hooks(self.manager, plugin, declared)
        if unknown:
            self.manager.unregister(plugin)
            return self._fail(name, distribution, version, _unknown_hook(unknown[0]))
        for hook, items in registered.items():
            self._registered[hook].extend(_Registered(name, item) for item in items)
        self._distributions[name] = (distribution, version)
        for other, problem in sorted(misfits.items()):
            error = f"{_error(problem)} (declared by plugin {name!r})"
            self._withdraw(other, error, _trace(problem))
        for namespace, names in declared:
            self.manager.add_hookspecs(namespace)
            self._declared.update(dict.fromkeys(names, name))
        return True

    @contextlib.contextmanager
    def loading(self) -> Iterator[Plugins]:
        """Register several plugins in any order: a plugin may implement a hook that a
        plugin registered after it declares. When the block ends, every plugin that
        implements a hook no registered plugin declares fails (:meth:`check_pending`).
        :meth:`load_entry_points` loads in such a block.

        .. versionadded:: 0.1
        """
        self._loading += 1
        try:
            yield self
        finally:
            self._loading -= 1
        if not self._loading:
            self.check_pending()

    def check_pending(self) -> None:
        """Unregister, and record as failed, every plugin that implements a hook no
        registered plugin declares (but for implementations marked
        ``@hookimpl(optionalhook=True)``, which wait for a plugin to declare it).

        .. versionadded:: 0.1
        """
        unknown: dict[str, str] = {}
        for caller in _callers(self.manager):
            if caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if not impl.optionalhook:
                    unknown.setdefault(impl.plugin_name, caller.name)
        for name, hook in sorted(unknown.items()):
            self._withdraw(name, _unknown_hook(hook))

    def _withdraw(self, name: str, error: str, detail: str = "") -> None:
        """Unregister the plugin ``name``, forget what it registered, and record it as
        failed."""
        self.manager.unregister(name=name)
        distribution, version = self._distributions.pop(name, (None, None))
        for entries in self._registered.values():
            entries[:] = [entry for entry in entries if entry.plugin != name]
        self._fail(name, distribution, version, error, detail)

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
        """Load the plugins of the ``omstilling`` entry-point group, one at a time.

        What they print meanwhile goes to standard error."""
        allowed = None if only is None else frozenset(only)
        blocked = frozenset(block)
        points = metadata.entry_points(group=ENTRY_POINT_GROUP)
        with self.loading(), contextlib.redirect_stdout(sys.stderr):
            for point in sorted(points, key=lambda p: (p.name, p.value)):
                if (allowed is not None and point.name not in allowed) or point.name in blocked:
                    continue
                dist = getattr(point, "dist", None)
                distribution = dist.name if dist is not None else None
                version = dist.version if dist is not None else None
                try:
                    with _TimeLimit(self.timeout, "importing it"):
                        plugin = point.load()
                except _PASS_THROUGH:
                    raise
                except BaseException as exc:  # a plugin's own fault, of any kind: never fatal
                    self._fail(point.name, distribution, version, _error(exc), _trace(exc))
                    continue
                self.register(plugin, point.name, distribution=distribution, version=version)

    # --- what is registered ----------------------------------------------------------

    def _by(self, hook: str, key: Callable[[Any], str]) -> dict[str, list[_Registered]]:
        return _by(self._registered[hook], key)

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

    def _missing(
        self, message: str, known: Iterable[str], shipped: tuple[str, str] | None = None
    ) -> PluginError:
        names = ", ".join(known) or "none"
        text = f"{message} (installed: {names}){_install_hint(shipped, self.failures)}"
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
            shipped = next(
                (d for prefix, d in _SHIPPED_FORMATS.items() if format_id.startswith(prefix)),
                None,
            )
            raise self._missing(
                f"no report format {format_id!r}", self.formats(), shipped
            ) from None
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
            raise self._missing(
                f"no exporter for {suffix!r} files",
                self.exporters(),
                _SHIPPED_EXPORTERS.get(suffix.lower()),
            ) from None
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
        raise self._missing(
            f"no exporter builds on {suffix!r} files",
            self.exporters(),
            _SHIPPED_BASES.get(suffix),
        )

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
        return _info(self.manager, self._registered, self._distributions)

    def conflicts(self) -> list[str]:
        """Every id (or suffix) registered by more than one plugin, each as a
        message naming all of them."""
        return _conflicts(self._registered)

    # --- using them ------------------------------------------------------------------

    def adjust(self, report: Report, format_id: str) -> Report:
        """``report`` with every plugin's :meth:`~omstilling.hookspecs.Specs.adjust_report`
        applied in turn."""
        for impl in _in_call_order(self.manager.hook.adjust_report):
            arguments = {"report": report, "format_id": format_id}
            adjusted = self._call_one(impl, "adjust_report", arguments)
            if adjusted is not None:
                if not isinstance(adjusted, Report):
                    msg = (
                        f"plugin {impl.plugin_name!r}: adjust_report returned "
                        f"{type(adjusted).__name__}, not a Report"
                    )
                    raise PluginError(msg)
                report = adjusted
        return report

    def call(self, hook: str, /, **arguments: Any) -> list[Any]:
        """Call every plugin's implementation of the hook named ``hook`` with the
        ``arguments`` it takes, one at a time in pluggy's call order (the plugin
        registered last first; ``tryfirst`` and ``trylast`` are respected), and return
        their results that are not ``None`` (only the first for a ``firstresult``
        hook). This is how a plugin calls the hooks it declares
        (:meth:`~omstilling.hookspecs.Specs.hookspecs`).

        Raises :class:`PluginError` naming the plugin whose implementation raised, or
        takes an argument not given, or is a hook wrapper, or did not return within
        the time limit (:class:`Plugins`; such a plugin is not called again: every
        later call of its hooks raises at once). A hook that nobody
        implements, or that no loaded plugin declares (its optional implementations
        wait for one), returns ``[]``.

        .. versionadded:: 0.1
        """
        caller = getattr(self.manager.hook, hook, None) if not hook.startswith("_") else None
        if not isinstance(caller, pluggy.HookCaller) or caller.spec is None:
            return []
        first = bool(caller.spec.opts.get("firstresult"))
        results = []
        for impl in _in_call_order(caller):
            result = self._call_one(impl, hook, arguments)
            if result is not None:
                results.append(result)
                if first:
                    break
        return results

    def export_options(self, base: bytes | None = None) -> ExportOptions:
        """Options for an exporter: ``base``, and :meth:`call` for the hooks its
        plugin declares."""
        return ExportOptions(base=base, call=self.call)

    def _call_one(self, impl: pluggy.HookImpl, hook: str, arguments: Mapping[str, Any]) -> Any:
        """Call one implementation within the time limit; a plugin stopped at it once
        is not called again (a batch would wait for it once per file)."""
        stopped = self._stopped.get(impl.plugin_name)
        if stopped is not None:
            raise PluginError(stopped)
        try:
            return _call_one(impl, hook, arguments, self.timeout)
        except PluginError as exc:
            if isinstance(exc.__cause__, _TimeUp):
                self._stopped[impl.plugin_name] = str(exc)
            raise
