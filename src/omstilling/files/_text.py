"""Reading YAML and JSON text into plain data, safely.

- YAML is read with the safe loader, without YAML's implicit timestamps: a date stays
  the text it was, so the model reports a bad one (``2014-02-30``) with its path.
- Duplicate keys are errors, not "the last one wins".
- Nesting deeper than :data:`MAX_DEPTH`, and alias expansion beyond :data:`MAX_NODES`
  values or beyond :data:`EXPANSION_FACTOR` times the document's own characters plus
  :data:`EXPANSION_ALLOWANCE`, are refused before the document is built, so neither a
  deep ``[[[[…`` nor a "billion laughs" file can exhaust the stack or the memory, and a
  small file cannot stand for a large one.
- Only regular files are read, and none larger than :data:`MAX_FILE_BYTES`: a FIFO, a
  device (``/dev/zero``) or a socket is refused before it is opened, and the read
  itself stops past the limit.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Literal

from .._messages import N_, _
from ..errors import OmstillingError, Problem, ProgrammeFileError
from ._fastyaml import NOT_FAST, parse_fast

__all__ = [
    "EXPANSION_ALLOWANCE",
    "EXPANSION_FACTOR",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Format",
    "TextFormatError",
    "dump_yaml",
    "format_for",
    "parse",
    "parse_json",
    "parse_yaml",
    "read_document",
]

Format = Literal["yaml", "json"]
"""The text formats a programme file can be written in."""

MAX_DEPTH = 100
"""How deeply collections may nest in a programme file (the model needs about 6)."""

MAX_NODES = 20_000_000
"""How many values a YAML document may hold once its aliases are expanded."""

EXPANSION_FACTOR = 4
"""How many times its own characters a YAML document may stand for once its aliases
are expanded (plus :data:`EXPANSION_ALLOWANCE`). What is counted is every value once
per place it appears in: a text its characters plus one, a list or mapping one. A
document without aliases stands for at most about twice its own size."""

EXPANSION_ALLOWANCE = 16 * 2**20
"""The characters a YAML document may stand for beyond :data:`EXPANSION_FACTOR` times
its own, so that a small file can use an anchor for a long text a few times."""

MAX_FILE_BYTES = 256 * 2**20
"""The largest programme or report file read, in bytes (256 MiB): about ten times a
national programme of 357 participants (27 MiB of JSON)."""


class TextFormatError(OmstillingError, ValueError):
    """Text that is not a well-formed document; the message says where, and ``line``
    and ``column`` (from 1) are that place, where known (else ``None``)."""

    code = "syntax"

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)

    def problem(self) -> Problem:
        """The problem this is, placed at its line and column."""
        return Problem("", str(self), self.code, line=self.line, column=self.column)


class _TooLarge(TextFormatError):
    """A document that stands for more than it may."""

    code = "unsafe"


def _yaml() -> Any:
    import yaml

    return yaml


# YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#103-core-schema): the plain
# scalars that are not text. Everything else is text: yes/no/on/off, dates, 1_000,
# 0b101, 017 is the number 17 (not octal 15), 12:30 (not a number of seconds).
_CORE_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_NULL = re.compile(r"~|null|Null|NULL|")
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_CORE_TAG = "tag:yaml.org,2002:"


def _core_resolvers() -> dict[str | None, list[tuple[str, Any]]]:
    """PyYAML's implicit resolvers (first character: tags and patterns) for the core
    schema; the patterns match whole values only."""
    kinds = [
        ("bool", _CORE_BOOL, "tTfF"),
        ("null", _CORE_NULL, ["~", "n", "N", ""]),
        ("int", _CORE_INT, "-+0123456789"),
        ("float", _CORE_FLOAT, "-+.0123456789"),
    ]
    resolvers: dict[str | None, list[tuple[str, Any]]] = {}
    for kind, pattern, firsts in kinds:
        whole = re.compile(rf"(?:{pattern.pattern})\Z")
        for first in firsts:
            resolvers.setdefault(first, []).append((_CORE_TAG + kind, whole))
    return resolvers


def _not_a(kind: str, node: Any) -> Exception:
    yaml = _yaml()
    error: Exception = yaml.constructor.ConstructorError(
        None,
        None,
        _("not {kind}: {value}").format(kind=kind, value=repr(node.value[:60])),
        node.start_mark,
    )
    return error


def _core_int(loader: Any, node: Any) -> int:
    value = loader.construct_scalar(node)
    if not _CORE_INT.fullmatch(value):
        raise _not_a(_("a whole number"), node)
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value)


def _core_float(loader: Any, node: Any) -> float:
    value = loader.construct_scalar(node)
    if not _CORE_FLOAT.fullmatch(value):
        raise _not_a(_("a number"), node)
    if value[-3:] in {"inf", "Inf", "INF"}:
        return -math.inf if value.startswith("-") else math.inf
    return math.nan if value[-3:] in {"nan", "NaN", "NAN"} else float(value)


def _core_bool(loader: Any, node: Any) -> bool:
    value = loader.construct_scalar(node)
    if not _CORE_BOOL.fullmatch(value):
        raise _not_a(_("true or false"), node)
    return value in {"true", "True", "TRUE"}


def _core_null(loader: Any, node: Any) -> None:
    if not _CORE_NULL.fullmatch(loader.construct_scalar(node)):
        raise _not_a("null", node)


@functools.cache
def _loader() -> Any:
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    constructors = {
        _CORE_TAG + "str": base.yaml_constructors[_CORE_TAG + "str"],
        _CORE_TAG + "seq": base.yaml_constructors[_CORE_TAG + "seq"],
        _CORE_TAG + "map": base.yaml_constructors[_CORE_TAG + "map"],
        _CORE_TAG + "int": _core_int,
        _CORE_TAG + "float": _core_float,
        _CORE_TAG + "bool": _core_bool,
        _CORE_TAG + "null": _core_null,
        None: base.yaml_constructors[None],  # any other tag: "could not determine a constructor"
    }

    class Loader(base):  # type: ignore[misc,valid-type]  # a class made at run time
        """The safe loader with YAML 1.2's core schema (whatever a ``%YAML``
        directive says), its tags only, no merge keys, and unique keys."""

        yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, Any]]]] = (
            _core_resolvers()
        )
        yaml_constructors: ClassVar[dict[str | None, Any]] = constructors

        def flatten_mapping(self, node: Any) -> None:
            """No merge keys (``<<``): YAML 1.2 has none, it is a key like any other."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: the base class reports it
                    break
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        _("duplicate key {key}").format(key=repr(key)),
                        key_node.start_mark,
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return Loader


def _check_shape(text: str, loader: Any) -> None:
    """Refuse documents nested too deeply or too large once aliases are expanded,
    reading only the event stream (which nests nothing)."""
    yaml = _yaml()
    limit = EXPANSION_FACTOR * len(text) + EXPANSION_ALLOWANCE
    depth = 0
    sizes: dict[str, tuple[int, int]] = {}
    # one entry per open collection: [anchor, values so far, characters of the texts]
    top: list[Any] = [None, 0, 0]
    stack: list[list[Any]] = [top]
    scalar, start, end, alias = (
        yaml.ScalarEvent,
        yaml.CollectionStartEvent,
        yaml.CollectionEndEvent,
        yaml.AliasEvent,
    )
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, scalar):  # the most common event first
            top[1] += 1
            top[2] += len(event.value)
            if event.anchor is not None:
                sizes[event.anchor] = (1, len(event.value))
            continue  # no more than the text itself holds: checked below, at the end
        if isinstance(event, start):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                msg = _("nested more than {limit} levels deep").format(limit=MAX_DEPTH) + _at(mark)
                raise TextFormatError(msg, **_place(mark))
            top = [event.anchor, 1, 0]
            stack.append(top)
            continue
        if isinstance(event, end):
            depth -= 1
            anchor, values, chars = stack.pop()
            if anchor is not None:
                sizes[anchor] = (values, chars)
        elif isinstance(event, alias):
            values, chars = sizes.get(event.anchor, (1, 0))
        else:
            continue
        top = stack[-1]
        top[1] += values
        top[2] += chars
        if top[1] > MAX_NODES:
            msg = _("holds more than {limit} values once its aliases are expanded").format(
                limit=f"{MAX_NODES:,}"
            )
            raise _TooLarge(msg)
        if top[1] + top[2] > limit:
            msg = _(
                "stands for more than {limit} characters once its aliases are expanded "
                "({factor} times its own {size}, plus {allowance})"
            ).format(
                limit=f"{limit:,}",
                factor=EXPANSION_FACTOR,
                size=f"{len(text):,}",
                allowance=f"{EXPANSION_ALLOWANCE:,}",
            )
            raise _TooLarge(msg)


def _mark(exc: Any) -> Any:
    return getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)


def _where(exc: Any) -> str:
    mark = _mark(exc)
    if mark is None:
        return ""
    return _at(mark)


def _place(mark: Any) -> dict[str, int | None]:
    """The ``line`` and ``column`` (from 1) of ``mark``, for a :class:`TextFormatError`."""
    if mark is None:
        return {"line": None, "column": None}
    return {"line": mark.line + 1, "column": mark.column + 1}


def _at(mark: Any) -> str:
    """`` (line 3, column 7)``: where ``mark`` is, said to a person."""
    return " " + _("(line {line}, column {column})").format(
        line=mark.line + 1, column=mark.column + 1
    )


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "integer string conversion" in text:
        return _("a number has more digits than can be read")
    return text.splitlines()[0][:200] if text else type(exc).__name__


def parse_yaml(text: str) -> object:
    """The plain data of the YAML document ``text``, read with YAML 1.2's core schema.

    A plain document (see :func:`~omstilling.files._fastyaml.plain_enough`) is read
    by the fast parser when it is installed; any other, and any the fast parser
    refuses, by the safe path, which says what is wrong and where.

    Raises :class:`TextFormatError` for anything that is not a well-formed document.
    """
    data = parse_fast(text, MAX_NODES)
    return _parse_safe(text) if data is NOT_FAST else data


def _parse_safe(text: str) -> object:
    """The data of ``text`` by PyYAML's event stream, checked for its shape first."""
    yaml = _yaml()
    loader = _loader()
    try:
        _check_shape(text, loader)
        return yaml.load(text, Loader=loader)
    except TextFormatError:
        raise
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if problem == "exceeded maximum nesting depth":
            # recent libyaml (0.2.6, in PyYAML 6.0.4) refuses 1000 levels while
            # scanning ahead, before the events reach MAX_DEPTH: the same message
            # either way, placed where libyaml stopped
            msg = _("nested more than {limit} levels deep").format(limit=MAX_DEPTH) + _where(exc)
        else:
            msg = _("not valid YAML: {problem}").format(problem=problem) + _where(exc)
        raise TextFormatError(msg, **_place(_mark(exc))) from None
    except (ValueError, OverflowError, RecursionError) as exc:
        msg = _("not valid YAML: {problem}").format(problem=_reason(exc))
        raise TextFormatError(msg) from None


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):  # no key twice: the common case, without a loop
        return result
    result = {}
    for key, value in pairs:
        if key in result:
            msg = _("duplicate key {key}").format(key=repr(key))
            raise TextFormatError(msg)
        result[key] = value
    return result


def parse_json(text: str) -> object:
    """The plain data of the JSON document ``text``.

    Raises :class:`TextFormatError` for anything that is not a well-formed document.
    """
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except TextFormatError as exc:
        msg = _("not valid JSON: {problem}").format(problem=exc)
        raise TextFormatError(msg) from None
    except json.JSONDecodeError as exc:
        msg = _("not valid JSON: {problem} (line {line}, column {column})").format(
            problem=exc.msg, line=exc.lineno, column=exc.colno
        )
        raise TextFormatError(msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        msg = _("not valid JSON: nested too deeply")
        raise TextFormatError(msg) from None
    except ValueError as exc:
        msg = _("not valid JSON: {problem}").format(problem=_reason(exc))
        raise TextFormatError(msg) from None


@functools.cache
def _dumper() -> Any:
    yaml = _yaml()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    resolvers: dict[str | None, list[tuple[str, Any]]] = {
        first: list(found) for first, found in base.yaml_implicit_resolvers.items()
    }
    for first, found in _core_resolvers().items():
        resolvers.setdefault(first, []).extend(found)

    class Dumper(base):  # type: ignore[misc,valid-type]  # a class made at run time
        """The safe dumper, quoting every text that YAML 1.2's core schema or YAML 1.1
        would read as something else ('08', '1e3', 'yes', '2014-01-20')."""

        yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, Any]]]] = resolvers

    return Dumper


def dump_yaml(data: object) -> str:
    """``data`` as a YAML document: block style, keys in order, Unicode as is; text
    that a YAML 1.2 or 1.1 reader would take for a number, a date, true/false or
    null is quoted."""
    yaml = _yaml()
    text: str = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)
    return text


def format_for(path: str | os.PathLike[str]) -> Format:
    """The format a file's suffix names: ``.json`` is JSON, ``.yaml``/``.yml`` YAML.

    .. versionadded:: 0.1
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    msg = _("unknown file type {suffix} (use .yaml, .yml or .json)").format(suffix=repr(suffix))
    msg = f"{os.fspath(path)}: {msg}"
    raise ValueError(msg)


OUT_OF_MEMORY = Problem("", N_("holds more than the memory available can"), "unsafe")
"""The problem of a document within the limits whose values the memory cannot hold;
made before it is needed, in English: :func:`out_of_memory` gives it translated."""


def out_of_memory() -> Problem:
    """:data:`OUT_OF_MEMORY` in the message language: what is raised once the memory
    that ran out is free again."""
    return Problem(OUT_OF_MEMORY.path, _(OUT_OF_MEMORY.message), OUT_OF_MEMORY.code)


def _too_large(size: str) -> str:
    return _("larger than {limit} bytes ({mib} MiB): {size}").format(
        limit=f"{MAX_FILE_BYTES:,}", mib=MAX_FILE_BYTES // 2**20, size=size
    )


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Within the block, Python's cyclic garbage collector does not run. Reading a
    large file makes millions of objects and no cycles; the collector, started every
    few hundred new objects, would look through them again and again (a sixth of the
    time of loading a national programme). Objects no longer used are still freed at
    once, and anything else when the block ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse(text: str, fmt: Format, source: str) -> object:
    """The data in ``text``, a YAML or JSON document; a document that is not well
    formed, or longer than :data:`MAX_FILE_BYTES` characters, raises
    :class:`~omstilling.errors.ProgrammeFileError` saying where."""
    if len(text) > MAX_FILE_BYTES:
        too_large = _too_large(_("{count} characters").format(count=f"{len(text):,}"))
        raise ProgrammeFileError(source, [Problem("", too_large, "unsafe")])
    try:
        with paused_gc():
            return parse_json(text) if fmt == "json" else parse_yaml(text)
    except TextFormatError as exc:
        raise ProgrammeFileError(source, [exc.problem()]) from None
    except MemoryError:  # what was built is gone with the parser's frames
        raise ProgrammeFileError(source, [out_of_memory()]) from None


_KINDS = (
    (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def _not_regular(mode: int) -> Problem | None:
    """Why a file of ``mode`` is not read: ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Problem("", _("is a directory, not a file"), "file")
    kind = next((name for test, name in _KINDS if test(mode)), N_("a special file"))
    return Problem("", _("is {kind}, not a regular file: not read").format(kind=_(kind)), "unsafe")


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path``, at most :data:`MAX_FILE_BYTES`.

    The kind and size of the file are checked before it is opened (following
    symbolic links), and again on the open file, which is opened without waiting
    for a writer: a FIFO put in its place meanwhile is refused too, not waited on.
    """
    refused = _not_regular(os.stat(path).st_mode)
    if refused is not None:
        raise ProgrammeFileError(os.fspath(path), [refused])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as file:
        info = os.fstat(file.fileno())
        refused = _not_regular(info.st_mode)
        if refused is None and info.st_size > MAX_FILE_BYTES:
            size = _("{count} bytes").format(count=f"{info.st_size:,}")
            refused = Problem("", _too_large(size), "unsafe")
        if refused is not None:
            raise ProgrammeFileError(os.fspath(path), [refused])
        # no more than the file holds, so that a small file takes a small buffer; and
        # no more than the limit, if it grows meanwhile
        data = file.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += file.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:
        too_large = _too_large(_("more than {count} bytes").format(count=f"{MAX_FILE_BYTES:,}"))
        raise ProgrammeFileError(os.fspath(path), [Problem("", too_large, "unsafe")])
    return data


def _read_text(path: str | os.PathLike[str]) -> str:
    """The text of the UTF-8 file at ``path`` (see :func:`_read_bytes`)."""
    return _read_bytes(path).decode("utf-8-sig")


def read_document(path: str | os.PathLike[str]) -> tuple[object, str]:
    """The data of the YAML or JSON file at ``path`` (by suffix), and the name to give
    it in messages. Raises :class:`~omstilling.errors.ProgrammeFileError` for a file
    that is missing, unreadable, not UTF-8 or not well formed, and for one that is
    not a regular file (a FIFO, a device) or is larger than :data:`MAX_FILE_BYTES`."""
    source = os.fspath(path)
    try:
        fmt = format_for(path)
    except ValueError as exc:
        raise ProgrammeFileError(
            source, [Problem("", str(exc).split(": ", 1)[1], "file")]
        ) from None
    try:
        text = _read_text(path)
    except FileNotFoundError:
        raise ProgrammeFileError(source, [Problem("", _("no such file"), "file")]) from None
    except IsADirectoryError:
        raise ProgrammeFileError(
            source, [Problem("", _("is a directory, not a file"), "file")]
        ) from None
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {byte})").format(byte=exc.start)
        raise ProgrammeFileError(source, [Problem("", message, "file")]) from None
    except OSError as exc:
        raise ProgrammeFileError(source, [Problem("", exc.strerror or str(exc), "file")]) from None
    return parse(text, fmt, source), source
