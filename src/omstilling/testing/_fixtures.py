"""The pytest fixtures of the kit: a plugin manager with only the built-in plugin,
and a way to register a plugin in it for one test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ..builtin import register_builtins
from ..plugins import Plugins

__all__ = ["plugin_manager", "register_plugin"]


@pytest.fixture
def plugin_manager() -> Plugins:
    """A fresh, strict :class:`~omstilling.plugins.Plugins` with only omstilling's
    built-in plugin registered: no other installed plugin can change the test.

    .. versionadded:: 0.1
    """
    plugins = Plugins(strict=True)
    register_builtins(plugins)
    return plugins


@pytest.fixture
def register_plugin(plugin_manager: Plugins) -> Callable[..., Plugins]:
    """A function that registers a plugin in :func:`plugin_manager` for this test
    only: ``register_plugin(my_plugin)``.

    .. versionadded:: 0.1
    """

    def register(plugin: object, name: str | None = None) -> Plugins:
        plugin_manager.register(plugin, name)
        return plugin_manager

    return register
