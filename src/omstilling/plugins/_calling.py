"""Calling hooks: each implementation on its own, within the time limit, with what
goes wrong named by its plugin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pluggy

from ..errors import PluginError
from ..errors import describe as _describe
from ._limits import _PASS_THROUGH, _TimeLimit, _TimeUp


def _in_call_order(caller: pluggy.HookCaller) -> list[pluggy.HookImpl]:
    """The implementations of a hook in pluggy's call order; none may be a wrapper,
    since each is called on its own."""
    impls = list(reversed(caller.get_hookimpls()))
    for impl in impls:
        if impl.wrapper or impl.hookwrapper:
            msg = f"plugin {impl.plugin_name!r}: {caller.name} cannot be a hook wrapper"
            raise PluginError(msg)
    return impls


def _call_one(
    impl: pluggy.HookImpl, hook: str, arguments: Mapping[str, Any], timeout: float | None
) -> Any:
    """Call one implementation with the arguments it takes, within ``timeout``
    seconds; what goes wrong is reported with the name of its plugin."""
    missing = [name for name in impl.argnames if name not in arguments]
    if missing:
        msg = (
            f"plugin {impl.plugin_name!r}: {hook} takes {', '.join(map(repr, missing))}, "
            "which the hook does not give"
        )
        raise PluginError(msg)
    try:
        with _TimeLimit(timeout, f"plugin {impl.plugin_name!r}: {hook}"):
            return impl.function(**{name: arguments[name] for name in impl.argnames})
    except _TimeUp as exc:
        raise PluginError(str(exc)) from exc
    except _PASS_THROUGH:
        raise
    except BaseException as exc:  # a plugin's fault, of any kind: named, never a traceback
        msg = f"plugin {impl.plugin_name!r}: {hook} failed: {_describe(exc)}"
        raise PluginError(msg) from exc
