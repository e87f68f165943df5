"""The plugins inside omstilling: the common templates, the Markdown and JSON
exporters and the JSON importer, one small module each.

They are registered through the same plugin manager and hooks as every other
plugin, each under its module's name (``omstilling.builtin.markdown`` …), the way
pytest and llm register their own built-ins; the Word, Excel and municipality
plugins in ``plugins/`` load through the ``omstilling`` entry-point group like a
third party's. The names starting with ``omstilling.`` are reserved.

.. versionadded:: 0.1
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..plugins import Plugins

__all__ = ["DEFAULT_PLUGINS", "register_builtins"]

DEFAULT_PLUGINS = (
    "omstilling.builtin.templates",
    "omstilling.builtin.markdown",
    "omstilling.builtin.json",
)
"""The built-in plugins, by module; each is registered under its module's name."""


def register_builtins(plugins: Plugins, version: str | None = None) -> None:
    """Register every module of :data:`DEFAULT_PLUGINS` with ``plugins``."""
    for name in DEFAULT_PLUGINS:
        plugins.register(
            importlib.import_module(name), name, distribution="omstilling", version=version
        )
