"""Plain data compared and matched for edits: equality that tells ``1`` from
``True``, and which list items and keys of two versions are the same."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import Any

__all__ = ["_Unsafe", "key_plan", "pairs", "same_data"]


class _Unsafe(Exception):
    """The text cannot be edited safely in place; it is written whole instead."""


def same_data(a: object, b: object) -> bool:
    """Whether ``a`` and ``b`` are equal plain data of the same types (``1`` is not
    ``True`` and not ``1.0``)."""
    if a is b:
        return True
    if type(a) is not type(b) or a != b:  # most differences are found here, at C speed
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return all(
            type(v) is type(b[k]) if type(v) in _SCALARS else same_data(v, b[k])
            for k, v in a.items()
        )
    if isinstance(a, list):
        assert isinstance(b, list)
        return all(
            type(x) is type(y) if type(x) in _SCALARS else same_data(x, y)
            for x, y in zip(a, b, strict=True)
        )
    return True


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _identity(item: object) -> object:
    """What makes a list item the same item in two versions: its ``id`` if it has
    one, otherwise all of it."""
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            return ("id", ident)
    return ("value", json.dumps(item, sort_keys=True, ensure_ascii=False, default=str))


def pairs(old: list[Any], new: list[Any]) -> Iterator[tuple[int | None, int | None]]:
    """The items of ``old`` and ``new`` paired by identity, in order: ``(i, j)`` for
    an item kept (and perhaps changed), ``(i, None)`` for one removed, ``(None, j)``
    for one added."""
    matcher = difflib.SequenceMatcher(
        None, [_identity(x) for x in old], [_identity(x) for x in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        common = min(i2 - i1, j2 - j1)
        yield from zip(range(i1, i1 + common), range(j1, j1 + common), strict=True)
        yield from ((i, None) for i in range(i1 + common, i2))
        yield from ((None, j) for j in range(j1 + common, j2))


def key_plan(old: list[str], new: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """How the keys ``old`` (in the file's order) become ``new`` (in the data's
    order): renamed (a removed key gives its place to an added one), removed, added."""
    new_set, old_set = set(new), set(old)
    removed = [k for k in old if k not in new_set]
    added = [k for k in new if k not in old_set]
    common = min(len(removed), len(added))
    renamed = dict(zip(removed[:common], added[:common], strict=True))
    return renamed, removed[common:], added[common:]
