"""The names and defaults that loading plugins goes by: the entry-point group, the
environment variables and the time limit. Each is documented where it is public, in
:mod:`omstilling.plugins`."""

from __future__ import annotations

from ..hookspecs import PROJECT_NAME

ENTRY_POINT_GROUP = PROJECT_NAME
STRICT_ENV = "OMSTILLING_STRICT_PLUGINS"
ONLY_ENV = "OMSTILLING_PLUGINS"
BLOCK_ENV = "OMSTILLING_DISABLE_PLUGINS"
TIMEOUT_ENV = "OMSTILLING_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 10.0
