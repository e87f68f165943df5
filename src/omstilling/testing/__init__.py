"""The plugin author's kit: pytest fixtures, conformance checks and hypothesis
strategies, shipped with the library so a municipality tests its plugin the way
omstilling tests its own.

Use it from your plugin's tests (``conftest.py``)::

    pytest_plugins = ["omstilling.testing"]

and then::

    from hypothesis import given
    from omstilling.testing import check_format_round_trip, check_plugin, strategies

    import my_plugin

    def test_plugin_registers_valid_objects():
        check_plugin(my_plugin)

    @given(strategies.programmes())
    def test_my_format_reads_back_what_it_writes(programme):
        check_format_round_trip(my_plugin.FORMAT, programme)

Needs hypothesis (``pip install omstilling[testing]``); the fixtures
:func:`plugin_manager` and :func:`register_plugin` need pytest too, and are there
only where pytest is installed. Importing this package (or
:mod:`omstilling.testing.strategies`) registers the strategies for
``st.from_type``.

.. versionadded:: 0.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import strategies
from ._fillin import fill_workbook
from ._kit import (
    PluginCheckError,
    check_export_round_trip,
    check_format_round_trip,
    check_parse_round_trip,
    check_plugin,
)

if TYPE_CHECKING:
    from .documents import DocumentCheckError, Finding, assert_documents, check_documents

try:
    from ._fixtures import plugin_manager, register_plugin
except ImportError as exc:  # the strategies and checks work without pytest
    if "pytest" not in str(exc):
        raise

__all__ = [
    "DocumentCheckError",
    "Finding",
    "PluginCheckError",
    "assert_documents",
    "check_documents",
    "check_export_round_trip",
    "check_format_round_trip",
    "check_parse_round_trip",
    "check_plugin",
    "fill_workbook",
    "plugin_manager",
    "register_plugin",
    "strategies",
]


_DOCUMENTS = ("DocumentCheckError", "Finding", "assert_documents", "check_documents")


def __getattr__(name: str) -> object:
    # the document checker is imported when first asked for, so that
    # ``python -m omstilling.testing.documents`` runs it as a fresh module
    if name in _DOCUMENTS:
        from . import documents

        return getattr(documents, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
