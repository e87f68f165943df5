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

Reading is bounded: only regular files of at most :data:`MAX_FILE_BYTES` are read,
YAML nested at most :data:`MAX_DEPTH` deep and standing for at most
:data:`MAX_NODES` values and :data:`EXPANSION_FACTOR` times its own size (plus
:data:`EXPANSION_ALLOWANCE`) once its aliases are expanded; a file with more than
:data:`~omstilling.errors.MAX_PROBLEMS` problems lists that many and counts the rest.
"""

from __future__ import annotations

from ..errors import ProgrammeFileError
from ._atomic import atomic_write
from ._converter import get_converter
from ._migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from ._programmes import dumps, from_data, load, loads, save, to_data, validate
from ._reports import (
    REPORT_FORMAT_VERSION,
    DocumentKind,
    document_kind,
    dumps_report,
    is_report_file,
    load_any,
    load_report,
    loads_report,
    report_from_data,
    report_to_data,
)
from ._schema import json_schema
from ._text import (
    EXPANSION_ALLOWANCE,
    EXPANSION_FACTOR,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    Format,
    format_for,
)

__all__ = [
    "EXPANSION_ALLOWANCE",
    "EXPANSION_FACTOR",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MIGRATIONS",
    "REPORT_FORMAT_VERSION",
    "SCHEMA_VERSION",
    "DocumentKind",
    "Format",
    "ProgrammeFileError",
    "atomic_write",
    "document_kind",
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
