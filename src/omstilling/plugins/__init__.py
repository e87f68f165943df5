"""Finding, loading and using plugins.

:func:`load_plugins` builds a fresh :class:`Plugins` each time it is called (there is
no global manager made at import). It loads the ``omstilling`` entry points one at a
time; a plugin that fails to import, implements a hook that does not exist, or
registers an invalid object is recorded as a :class:`LoadFailure` with its
distribution, version and error, and every other plugin keeps working. With
``OMSTILLING_STRICT_PLUGINS=1`` (or ``strict=True``) the first failure is raised
instead.

A plugin is contained however it misbehaves: an exception of any kind but
:class:`KeyboardInterrupt` (a :class:`BaseException` of its own, :class:`SystemExit`)
is its failure; a plugin that takes longer than ``OMSTILLING_PLUGIN_TIMEOUT`` seconds
(:data:`DEFAULT_TIMEOUT` by default) to load, or to return from a call of one of its
hooks, is stopped (:class:`Plugins`, ``timeout``); what it prints while it loads goes
to standard error, so that standard output stays the command's own.

Plugins may declare hooks of their own
(:meth:`~omstilling.hookspecs.Specs.hookspecs`). Since the entry points load in the
order of their names, a plugin may implement such a hook before the plugin that
declares it is loaded: whether every implemented hook exists is checked once all are
loaded (:meth:`Plugins.loading`).

``OMSTILLING_PLUGINS=a,b`` loads only the named plugins; ``OMSTILLING_DISABLE_PLUGINS=c``
loads all but those.

.. versionadded:: 0.1
"""

from __future__ import annotations

from ..errors import PluginError
from . import _settings
from ._info import LoadFailure, PluginInfo
from ._loading import load_plugins
from ._manager import Plugins

__all__ = [
    "BLOCK_ENV",
    "DEFAULT_TIMEOUT",
    "ENTRY_POINT_GROUP",
    "ONLY_ENV",
    "STRICT_ENV",
    "TIMEOUT_ENV",
    "LoadFailure",
    "PluginError",
    "PluginInfo",
    "Plugins",
    "load_plugins",
]

ENTRY_POINT_GROUP = _settings.ENTRY_POINT_GROUP
"""The entry-point group plugins register in."""

STRICT_ENV = _settings.STRICT_ENV
"""Set to ``1`` to make a plugin that fails to load an error instead of a warning."""

ONLY_ENV = _settings.ONLY_ENV
"""A comma-separated allow-list of plugin names: load only these."""

BLOCK_ENV = _settings.BLOCK_ENV
"""A comma-separated block-list of plugin names: load all but these."""

TIMEOUT_ENV = _settings.TIMEOUT_ENV
"""The seconds a plugin may take to load, and to return from each call of one of its
hooks (:data:`DEFAULT_TIMEOUT` if unset; ``0`` for no limit)."""

DEFAULT_TIMEOUT = _settings.DEFAULT_TIMEOUT
"""The time limit of a plugin's loading and of each call of its hooks, in seconds."""
