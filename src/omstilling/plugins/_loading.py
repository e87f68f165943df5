"""Loading every installed plugin, as the environment says."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ._limits import _env_timeout
from ._manager import Plugins
from ._settings import BLOCK_ENV, ONLY_ENV, STRICT_ENV


def _env_list(name: str) -> frozenset[str] | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _own_version() -> str | None:
    from .._version import __version__

    return __version__


def load_plugins(
    *,
    strict: bool | None = None,
    only: Sequence[str] | None = None,
    block: Sequence[str] | None = None,
    timeout: float | None = None,
) -> Plugins:
    """Load every installed plugin and return them.

    ``strict``, ``only`` and ``block`` default to the environment variables
    :data:`STRICT_ENV`, :data:`ONLY_ENV` and :data:`BLOCK_ENV`; ``timeout`` (seconds,
    0 for no limit; see :class:`Plugins`) to :data:`TIMEOUT_ENV`, else
    :data:`DEFAULT_TIMEOUT`. Raises :class:`PluginError` for a time limit that is not
    a number of seconds.

    .. versionadded:: 0.1
    """
    if strict is None:
        strict = os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "on"}
    plugins = Plugins(strict=strict, timeout=_env_timeout() if timeout is None else timeout)
    # omstilling's own plugins, registered like pytest's and llm's built-ins
    from ..builtin import register_builtins

    register_builtins(plugins, _own_version())
    plugins.load_entry_points(
        only=only if only is not None else _env_list(ONLY_ENV),
        block=block if block is not None else (_env_list(BLOCK_ENV) or ()),
    )
    return plugins
