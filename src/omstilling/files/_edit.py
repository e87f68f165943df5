"""Writing a programme over an existing file without rewriting it: the file's
comments, key order, quoting, flow style and blank lines stay, and only the values,
items and keys that differ change.

A YAML file is composed with libyaml, which gives every node its place in the text;
each changed scalar is replaced where it stands, a removed item or key is cut out with
its lines, and a new one is written in the style of its neighbours (indentation, block
or flow). Nothing else of the text is touched. This runs at about the speed of a
load; a round-trip parser that keeps comments (ruamel.yaml) took about eight times as
long on a national programme.

A JSON file is written again with the existing file's indentation and key order.

The result is always read back: if it does not hold exactly the new data, or the
existing text cannot be edited safely (it does not parse, it uses anchors or merge
keys), the whole document is written instead, as :func:`~omstilling.files.dumps` would.

The YAML editing is in :mod:`._edit_yaml`, the matching of items and keys in
:mod:`._edit_data`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import OmstillingError
from ._edit_data import _Unsafe, key_plan, pairs, same_data
from ._edit_yaml import edit_yaml
from ._text import Format, TextFormatError, dump_yaml, parse_json, parse_yaml

__all__ = ["edit_text", "full_text", "same_data"]


def full_text(data: Mapping[str, Any], fmt: Format) -> str:
    """``data`` written as a new document of format ``fmt``."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(dict(data))


def edit_text(
    text: str,
    data: Mapping[str, Any],
    fmt: Format,
    *,
    normalise: Callable[[Any], object] | None = None,
    upgrade: Callable[[Any], object] | None = None,
) -> str:
    """The text of the document ``text`` changed to hold ``data``, keeping all of the
    text that does not hold a changed value; the same text if ``text`` holds ``data``
    already; a new document (:func:`full_text`) if ``text`` cannot be edited safely.

    ``normalise`` turns a document's data into the form ``data`` is in (for a
    programme: load it and write it out again). With it, a value the file writes in
    its own way (``start: 2012`` for ``'2012'``, a default written out like
    ``language: nb``) stays as the file has it unless ``data`` changes it.
    ``upgrade`` turns the data of an older version of the document into the
    current one first (for a programme: its migrations).
    """
    new = dict(data)
    try:
        old = parse_json(text) if fmt == "json" else parse_yaml(text)
    except (TextFormatError, MemoryError):
        return full_text(new, fmt)
    targets: list[object] = []
    if normalise is not None:
        try:
            raw = old if upgrade is None else upgrade(old)
            base = normalise(raw)
        except (ValueError, TypeError, OmstillingError):
            base = None
        if base is not None:
            target = _patch(raw, base, new)
            try:
                kept = same_data(normalise(target), new)
            except (ValueError, TypeError, OmstillingError):
                kept = False
            if kept:
                targets.append(target)
    targets.append(new)
    for target in targets:
        if same_data(old, target):
            return text
        try:
            if fmt == "json":
                assert isinstance(target, dict)
                result = _edit_json(text, old, target)
            else:
                result = edit_yaml(text, old, target)
            back = parse_json(result) if fmt == "json" else parse_yaml(result)
        except (_Unsafe, TextFormatError, RecursionError):
            continue
        if same_data(back, target):
            return result
    return full_text(new, fmt)


def _patch(raw: object, base: object, new: object) -> object:
    """``raw`` (a document's data) with the changes from ``base`` (the same data
    normalised) to ``new`` made in it, and everything else left as ``raw`` has it."""
    if same_data(base, new):
        return raw
    if isinstance(raw, dict) and isinstance(base, dict) and isinstance(new, dict):
        result = {k: v for k, v in raw.items() if not (k in base and k not in new)}
        for key, value in new.items():
            if key in base and key in raw:
                result[key] = _patch(raw[key], base[key], value)
            else:
                result[key] = value
        return result
    if (
        isinstance(raw, list)
        and isinstance(base, list)
        and isinstance(new, list)
        and len(raw) == len(base)
    ):
        items = list(new)
        for i, j in pairs(base, new):
            if i is not None and j is not None:
                items[j] = _patch(raw[i], base[i], new[j])
        return items
    return new


# ---- JSON --------------------------------------------------------------------------


def _ordered(old: object, new: object) -> object:
    """``new`` with its keys in the order of ``old`` where both have them; a renamed
    key keeps its place, a new one follows the key before it in ``new``."""
    if isinstance(old, dict) and isinstance(new, dict):
        renamed, _removed, added = key_plan([str(k) for k in old], [str(k) for k in new])
        keys = [renamed.get(k, k) for k in old if k in new or k in renamed]
        for key in added:
            before = list(new)[: list(new).index(key)]
            place = max((keys.index(k) + 1 for k in before if k in keys), default=0)
            keys.insert(place, key)
        back: dict[Any, Any] = {v: k for k, v in renamed.items()}
        return {k: _ordered(old.get(back.get(k, k)), new[k]) for k in keys}
    if isinstance(old, list) and isinstance(new, list):
        result = list(new)
        for i, j in pairs(old, new):
            if i is not None and j is not None:
                result[j] = _ordered(old[i], new[j])
        return result
    return new


def _edit_json(text: str, old: object, new: dict[str, Any]) -> str:
    indent: str | None = None
    match = re.search(r"\n([ \t]+)\S", text)
    if match:
        indent = match.group(1)
    elif "\n" in text.strip():
        indent = ""
    ascii_only = text.isascii() and "\\u" in text
    separators = (
        (",", ": ") if indent is not None else ((", ", ": ") if ": " in text else (",", ":"))
    )
    result = json.dumps(
        _ordered(old, new), ensure_ascii=ascii_only, indent=indent, separators=separators
    )
    result = result + text[len(text.rstrip()) :] if text.strip() else result + "\n"
    if "\r\n" in text:  # Windows line ends stay, on every line
        result = result.replace("\r\n", "\n").replace("\n", "\r\n")
    return result
