"""omstilling: Norwegian public-sector transformation programmes as structured data,
and the reports made from them.

The things most scripts need are here, at the top::

    from omstilling import load, render, save, validate

    programme = load("examples/kongsvinger-omstilling-2012.yaml")
    render(programme, "decision-register", "vedtak.docx")
    save(programme.with_milestone(programme.milestones[0].id, done=True), "plan.yaml")
    validate("plan.yaml")  # [] when the file is valid, else its problems

They are imported when first used, so ``import omstilling`` stays fast. The rest
lives in modules named by their job:

- :mod:`omstilling.model`: the domain model (attrs, immutable, validated);
- :mod:`omstilling.files`: programme and report files, migrations, JSON Schema;
- :mod:`omstilling.errors`: the one error family, with problems as data;
- :mod:`omstilling.report`: report schemas and reports;
- :mod:`omstilling.cycle`: render, publish, fill-in workbooks, import;
- :mod:`omstilling.hookspecs`, :mod:`omstilling.plugins`: writing and loading plugins;
- :mod:`omstilling.testing`: hypothesis strategies and the plugin author's kit.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._messages import message_language, set_message_language
    from .cycle import (
        build_report,
        export_report,
        import_files,
        publish,
        render,
        render_batch,
        write_report,
    )
    from .errors import OmstillingError, Problem
    from .files import dumps, json_schema, load, loads, save, validate
    from .lint import lint
    from .model import Programme
    from .summary import summarise

_API = {
    "OmstillingError": "errors",
    "Problem": "errors",
    "Programme": "model",
    "build_report": "cycle",
    "dumps": "files",
    "export_report": "cycle",
    "import_files": "cycle",
    "json_schema": "files",
    "lint": "lint",
    "load": "files",
    "loads": "files",
    "message_language": "_messages",
    "publish": "cycle",
    "render": "cycle",
    "render_batch": "cycle",
    "save": "files",
    "set_message_language": "_messages",
    "summarise": "summary",
    "validate": "files",
    "write_report": "cycle",
}
"""Each name of the public API, and the module it lives in."""

__all__ = [
    "OmstillingError",
    "Problem",
    "Programme",
    "__version__",
    "build_report",
    "dumps",
    "export_report",
    "import_files",
    "json_schema",
    "lint",
    "load",
    "loads",
    "message_language",
    "publish",
    "render",
    "render_batch",
    "save",
    "set_message_language",
    "summarise",
    "validate",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        msg = f"module 'omstilling' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
