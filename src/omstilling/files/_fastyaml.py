"""The fast path for plain YAML documents: yaml-rs, a YAML 1.2 parser written in
Rust, given only documents that a check of the text, without parsing it, finds it
reads exactly as the safe path of :mod:`omstilling.files._text` does (YAML 1.2's
core schema, unique keys, the same errors or none) and that cannot reach that
path's limits on depth and size."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable

__all__ = ["FAST_MAX_INDENT", "NOT_FAST", "fast_loads", "parse_fast", "plain_enough"]

FAST_MAX_INDENT = 40
"""How far a line of a YAML document may be indented, dashes of nested block lists
included, for the fast parser to read it: block nesting is then at most
``2 * FAST_MAX_INDENT + 3`` levels deep, well within the safe path's limit of 100."""

# What sends a document to the safe path, found without parsing it. Each pattern
# starts with a literal character, so a search of a national file takes milliseconds.
# Found where it is only text (a "?" at the end of a sentence), it costs speed only.
_INDICATORS = "&*!?[{%\ufeff"
_INDICATOR = re.compile(
    # an anchor or an alias: its name is anything but YAML's own white space and line
    # breaks (a no-break space is part of a name, though Python's \s counts it)
    r"[&*](?<![^\s].)[^ \t\r\n]"
    r"|!(?<![^\s]!)"  # a tag
    r"|\?(?<![^\s].)(?:\s|\Z)"  # a complex key
    r"|[\[{](?<![^\s].)(?![\]}])"  # a flow collection that is not empty
    r"|[\[{][\]}][ \t]*:"  # an empty one as a key
    r"|%(?<![^\n]%)"  # a directive
    r"|\ufeff"  # a byte order mark
)
# numbers the fast parser reads where YAML 1.2's core schema reads text (1_000,
# 0b101, 0X1F, +0x1F, -0o17, .iNf): one pattern for each first character, since an
# alternation of patterns that start differently is searched character by character
_NOT_CORE_NUMBERS = tuple(
    re.compile(pattern)
    for pattern in (
        r"_(?:[0-9.]|(?<![^-+0-9.\s]_))",
        # 0x1_F; 0b, 0B, 0O and 0X after a sign or a space; 0o and 0x after a sign
        r"0[xXoObB](?:[0-9a-fA-F_]*_|(?<=[bBOX])(?<![^-+\s]0.)|(?<=[ox])(?<![^-+]0.))",
        r"\.[iInN](?<![^-+\s]\..)",
    )
)
# what a line may not start with, one pattern for the first line and one for the
# others: an empty key (": x"), a tab in its indentation, which libyaml refuses and
# yaml-rs reads, or more indentation than FAST_MAX_INDENT
_LINE_START = rf"(?:[ \t-]*:(?:\s|\Z)|[ :-]*\t|[ \t:-]{{{FAST_MAX_INDENT + 1}}})"
_FIRST_LINE = re.compile(_LINE_START)
_NEXT_LINE = re.compile(rf"\n{_LINE_START}")
_DOCUMENT_MARKER = re.compile(r"\n(?:---|\.\.\.)")
# what YAML does not allow in a document, or reads as a line break where the fast
# parser does not: control characters, NEL, LS, PS, non-characters and surrogates.
# Looked for in the text's bytes, with bytes.translate: a regular expression of
# characters looks at each character in turn, several times slower.
_CONTROLS = frozenset([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_LATIN1_ALLOWED = bytes(b for b in range(256) if b not in _CONTROLS and not 0x80 <= b < 0xA0)
_UTF8_ALLOWED = bytes(b for b in range(256) if b not in _CONTROLS)
# in UTF-8: C1 controls (NEL among them), LS and PS, U+FFFE and U+FFFF
_UTF8_NOT_ALLOWED = (
    (b"\xc2", re.compile(b"\xc2[\x80-\x9f]")),
    (b"\xe2\x80", re.compile(b"\xe2\x80[\xa8\xa9]")),
    (b"\xef\xbf", re.compile(b"\xef\xbf[\xbe\xbf]")),
)


def plain_enough(text: str, max_nodes: int) -> bool:
    """Whether the fast parser reads ``text`` as the safe path does: no anchors,
    aliases, tags, directives, documents markers, complex keys or non-empty flow
    collections, no numbers outside the core schema, no control characters, little
    indentation, and at most ``max_nodes`` values (each value of a document of
    this shape is a key or a value of a key, counted by its ``:``, an item of a
    list, counted by its ``-``, or the document itself)."""
    if 2 * text.count(":") + text.count("-") + 1 > max_nodes:
        return False
    if any(char in text for char in _INDICATORS) and _INDICATOR.search(text):
        return False
    if text.startswith(("---", "...")) or _DOCUMENT_MARKER.search(text):
        return False
    if any(pattern.search(text) for pattern in _NOT_CORE_NUMBERS):
        return False
    if _FIRST_LINE.match(text) or _NEXT_LINE.search(text) or _long_digits(text):
        return False
    if "\r" in text and _LONE_CR.search(text):  # line breaks the patterns do not see
        return False
    if ("|" in text or ">" in text) and (_block_scalar_at_end(text) or _TOP_BLOCK.match(text)):
        return False
    return _only_allowed(text)


def _only_allowed(text: str) -> bool:
    """Whether ``text`` has only characters YAML allows in a document and reads as
    the fast parser does (see ``_CONTROLS`` and ``_UTF8_NOT_ALLOWED``)."""
    try:
        data = text.encode("latin-1")  # one byte a character, the common case
    except UnicodeEncodeError:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a surrogate
            return False
        if data.translate(None, _UTF8_ALLOWED):
            return False
        return not any(lead in data and found.search(data) for lead, found in _UTF8_NOT_ALLOWED)
    return not data.translate(None, _LATIN1_ALLOWED)


_LONE_CR = re.compile(r"\r(?!\n)")
# a document that is one block scalar, whose lines libyaml wants indented
_TOP_BLOCK = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*[|>]")
_BLOCK_HEADER = re.compile(r"(?:\A|\s)[|>][-+0-9]*(?:\s+#.*)?\Z")


def _block_scalar_at_end(text: str) -> bool:
    """Whether ``text`` may end in a block scalar (``|``, ``>``) that is empty or has
    no line break after its last line: there yaml-rs adds a line break libyaml does
    not."""
    if not text.endswith("\n"):
        return True
    last = text.rstrip().rpartition("\n")[2]
    return _BLOCK_HEADER.search(last) is not None


def _long_digits(text: str) -> bool:
    """Whether ``text`` has more digits in a row than Python reads as a number
    (:func:`sys.get_int_max_str_digits`), which the safe path refuses and the fast
    parser does not. Such a run covers one of the places looked at, ``limit`` apart."""
    limit = sys.get_int_max_str_digits()
    if limit == 0:
        return False
    for place in range(0, len(text), limit):
        if "0" <= text[place] <= "9":
            before = text[max(0, place - limit) : place]
            after = text[place : place + limit + 1]
            run = len(before) - len(before.rstrip("0123456789"))
            if run + len(after) - len(after.lstrip("0123456789")) > limit:
                return True
    return False


@functools.cache
def fast_loads() -> Callable[[str], object] | None:
    """The fast parser (yaml-rs, YAML 1.2 in Rust), set to refuse duplicate keys
    and to leave dates as text; ``None`` if it is not installed."""
    try:
        import yaml_rs
    except ImportError:
        return None
    return functools.partial(
        yaml_rs.loads, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
    )


def parse_fast(text: str, max_nodes: int) -> object:
    """The data of ``text`` as the fast parser reads it, or :data:`NOT_FAST` for a
    document it is not given (see :func:`plain_enough`) or does not read."""
    fast = fast_loads()
    if fast is None or not plain_enough(text, max_nodes):
        return NOT_FAST
    try:
        return fast(text)
    except MemoryError:
        raise
    except BaseException as exc:  # a Rust panic is a BaseException
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        return NOT_FAST  # the safe path says what is wrong, and where


NOT_FAST = object()
"""What :func:`parse_fast` returns for a document it does not read."""
