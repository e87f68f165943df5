"""The common report templates (:mod:`omstilling.templates`) as a plugin.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterable

from ..hookspecs import ReportFormat, hookimpl

__all__ = ["report_formats"]


@hookimpl
def report_formats() -> Iterable[ReportFormat]:
    """The common templates (:mod:`omstilling.templates`)."""
    from ..templates import TEMPLATES

    return TEMPLATES
