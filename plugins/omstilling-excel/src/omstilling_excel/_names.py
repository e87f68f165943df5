"""Sheet names Excel accepts, made from any text.

Excel's rules (openpyxl enforces almost none of them): at most 31 characters, none
of ``[ ] : * ? / \\``, no apostrophe first or last, not blank, not ``History`` (Excel
keeps that name for its change tracking), and unique in the workbook ignoring case.

A slash and a colon are common in the names of things a report holds ("KST-sak
139/12", "Fase 1: Analyse"): they become a hyphen and a dash ("139-12", "Fase 1 –
Analyse") without a warning, since the name still reads the same. Every other
change is warned about.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

from omstilling.formatting import ExportWarning, xml_safe

__all__ = ["MAX_SHEET_NAME", "SheetNames", "sheet_reference"]

MAX_SHEET_NAME = 31
"""Excel's limit, counted in UTF-16 code units as Excel counts."""

_RESERVED = frozenset({"history"})
_FORBIDDEN = str.maketrans({"[": "(", "]": ")", ":": "-", "*": "-", "?": "-", "/": "-", "\\": "-"})
_FORBIDDEN_CHARACTERS = "[]:*?/\\"
_QUIET_CHARACTERS = ":/"
"""Replaced without a warning: the name reads the same with a hyphen or a dash."""
_SPACE_RE = re.compile(r"\s+")
_COLON_RE = re.compile(r"\s*:\s+")


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """``text`` cut to at most ``units`` UTF-16 code units, never inside a character."""
    if _utf16_length(text) <= units:
        return text
    return text.encode("utf-16-le")[: units * 2].decode("utf-16-le", errors="ignore")


def _tidy(name: str) -> str:
    """Strip what may not stand first or last: spaces and apostrophes."""
    return name.strip().strip("'").strip()


def sheet_reference(name: str) -> str:
    """``name`` quoted for a reference or a hyperlink: ``'Lier og Røyken'``."""
    return "'" + name.replace("'", "''") + "'"


class SheetNames:
    """Hands out valid, unique sheet names, warning (:class:`ExportWarning`) each time
    a wanted name had to change.

    ``taken`` are the names already in the workbook (a base workbook's own sheets).
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(_RESERVED)
        self._counters: dict[str, int] = {}
        self._taken.update(name.casefold() for name in taken)

    def add(self, wanted: str, fallback: str) -> str:
        """A new sheet name as close to ``wanted`` as Excel allows; ``fallback`` (a
        fixed, valid word such as "Ark") stands in where nothing of ``wanted`` is left.
        """
        reasons: list[str] = []
        base = xml_safe(wanted, where=f"the sheet name {wanted!r}")
        if base != wanted:
            reasons.append("has characters XML cannot hold")
        if any(c in base for c in _FORBIDDEN_CHARACTERS):
            if any(c in base for c in _FORBIDDEN_CHARACTERS if c not in _QUIET_CHARACTERS):
                reasons.append("has characters sheet names cannot have ([]:*?/\\)")
            base = _COLON_RE.sub(" – ", base)  # "Fase 1: Analyse" → "Fase 1 – Analyse"
            base = base.translate(_FORBIDDEN)
        spaced = _SPACE_RE.sub(" ", base).strip()
        if spaced != base:
            reasons.append("has line breaks, tabs or extra spaces")
        if _tidy(spaced) != spaced:
            reasons.append("starts or ends with an apostrophe")
        base = _tidy(spaced)
        if _utf16_length(base) > MAX_SHEET_NAME:
            reasons.append(f"is longer than {MAX_SHEET_NAME} characters")
            base = _tidy(_cut(base, MAX_SHEET_NAME))
        if not base:
            reasons.append("is empty")
            base = fallback
        name = base
        # counting on from the last number given to this name keeps many sheets of
        # one title linear, not quadratic
        number = self._counters.get(base.casefold(), 1)
        renumbered = False
        while name.casefold() in self._taken:
            renumbered = True
            number += 1
            suffix = f" ({number})"
            name = _tidy(_cut(base, MAX_SHEET_NAME - len(suffix))) + suffix
        if renumbered:
            reserved = base.casefold() in _RESERVED
            reasons.append("is reserved by Excel" if reserved else "is taken (ignoring case)")
        self._taken.add(name.casefold())
        self._counters[base.casefold()] = number
        if reasons:
            warnings.warn(
                f"the sheet name {wanted!r} {' and '.join(reasons)}: the sheet is called {name!r}",
                ExportWarning,
                stacklevel=2,
            )
        return name
