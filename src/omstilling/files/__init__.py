"""Programme files: the one cattrs converter, YAML and JSON, versions and migrations,
the published JSON Schema, and errors that name the path to the bad field.

A programme file is a mapping with ``schema_version`` and the fields of
:class:`~omstilling.model.Programme`::

    schema_version: 2
    id: sjumilssteget
    name: Sjumilssteget
    owner: hammerfest
    ...

Loading checks every value and reports every problem at once, one line each::

    examples/x.yaml: milestones[0].estimated_finish: not a date: '31.13.2014'

Saving writes a temporary file beside the target and replaces the target only when
the new file is complete, so a failed save never leaves a half-written programme.
"""

from __future__ import annotations

from ..errors import ProgrammeFileError
from ._atomic import atomic_write
from ._converter import get_converter
from ._migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from ._programmes import dumps, from_data, load, loads, save, to_data, validate
from ._reports import (
    REPORT_FORMAT_VERSION,
    dumps_report,
    is_report_file,
    load_any,
    load_report,
    loads_report,
    report_from_data,
    report_to_data,
)
from ._schema import json_schema
from ._text import Format, format_for

__all__ = [
    "MIGRATIONS",
    "REPORT_FORMAT_VERSION",
    "SCHEMA_VERSION",
    "Format",
    "ProgrammeFileError",
    "atomic_write",
    "dumps",
    "dumps_report",
    "format_for",
    "from_data",
    "get_converter",
    "is_report_file",
    "json_schema",
    "load",
    "load_any",
    "load_report",
    "loads",
    "loads_report",
    "migrate",
    "report_from_data",
    "report_to_data",
    "save",
    "to_data",
    "validate",
]
