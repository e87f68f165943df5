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
Commands that read a programme file and write it back hold its lock
(:func:`programme_lock`) from the reading to the writing, so that two of them at once
take turns.

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
from ._lock import (
    DEFAULT_LOCK_TIMEOUT,
    LOCK_TIMEOUT_ENV,
    WAIT_NOTICE,
    LockError,
    LockWait,
    lock_file,
    lock_timeout,
    programme_lock,
)
from ._migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from ._programmes import dumps, dumps_over, from_data, load, loads, save, to_data, validate
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
from ._schema import SCHEMA_FILE, SCHEMA_ID, json_schema, schema_text
from ._streams import STDIN, STDIN_NAME, format_of, load_any_source, load_source, read_source
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
    "DEFAULT_LOCK_TIMEOUT",
    "EXPANSION_ALLOWANCE",
    "EXPANSION_FACTOR",
    "LOCK_TIMEOUT_ENV",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MIGRATIONS",
    "REPORT_FORMAT_VERSION",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "STDIN",
    "STDIN_NAME",
    "WAIT_NOTICE",
    "DocumentKind",
    "Format",
    "LockError",
    "LockWait",
    "ProgrammeFileError",
    "atomic_write",
    "document_kind",
    "dumps",
    "dumps_over",
    "dumps_report",
    "format_for",
    "format_of",
    "from_data",
    "get_converter",
    "is_report_file",
    "json_schema",
    "load",
    "load_any",
    "load_any_source",
    "load_report",
    "load_source",
    "loads",
    "loads_report",
    "lock_file",
    "lock_timeout",
    "migrate",
    "programme_lock",
    "read_source",
    "report_from_data",
    "report_to_data",
    "save",
    "schema_text",
    "to_data",
    "validate",
]
