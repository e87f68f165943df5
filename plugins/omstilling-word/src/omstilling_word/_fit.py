"""Column widths fitted to a table's text, as Word and LibreOffice then keep them.

Every column gets at least the width of its longest unbreakable token (a word, an
amount with its no-break spaces, a date), so no word and no amount is broken across
lines; what the page has beyond that goes to the columns whose typical text (the 80th
percentile of their cells) is longer than that. Text is measured with the advance
widths of DejaVu Sans (``_metrics``): wider than Calibri and Arial, and what
LibreOffice stands in for them where they are missing.

Header compounds ("Rapporteringsdato") are not broken either: a header's longest word
counts for its column's minimum. Where that makes the table too wide for the page, the
header row is set in a smaller font (:data:`SMALL_HEADER`) before anything else gives:
a soft hyphen would need to know where a Norwegian compound may be split, and the
reader loses less to a smaller header than to "Rapporterings-|dato". Next, dates and
statuses may break at their spaces ("30. september | 2014"), then the whole table is
set smaller (:data:`SMALL_BODY`); only then are words of text columns broken, the
longest first and as few as may be.

Light on purpose (no python-docx): the properties tests import it alone.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from omstilling.report import Column, FieldType

from ._metrics import BOLD, FIRST, REGULAR

__all__ = [
    "NUMERIC",
    "SMALL_HEADER",
    "TableFit",
    "TableText",
    "column_widths",
    "fits_portrait",
    "keep_together",
    "text_width",
]

NUMERIC = {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY}
WHOLE = {*NUMERIC, FieldType.RAG, FieldType.PERIOD, FieldType.BOOLEAN, FieldType.DATE}
"""Types whose values read badly broken ("Ikke | vurdert", "30. september | 2014"):
kept whole (spaces made no-break) wherever the page allows."""
_ALWAYS_WHOLE = NUMERIC
"""Types never broken: amounts and numbers (their spaces are no-break already)."""

SMALL_HEADER = 0.8
"""The header row's font size relative to the body's where the headers' longest
words would not fit otherwise."""
SMALL_BODY = 0.82
"""The body's font size relative to the document's (9 pt for 11 pt) in a table too
wide for the page otherwise."""
_LEVELS = (
    (True, 1.0, 1.0),
    (True, SMALL_HEADER, 1.0),
    (False, SMALL_HEADER, 1.0),
    (False, SMALL_HEADER * SMALL_BODY, SMALL_BODY),
)
"""What gives, in turn, until the table fits: (dates and statuses whole, the header's
and the body's font size relative to the document's)."""
_KEPT_TOKENS = 64
"""Distinct token widths kept per column, for breaking the fewest words."""
_HEADER_BOLD = True
PADDING = 240
"""A cell's left and right margins (108 twips each in "Table Grid") and its borders,
in twips."""
_SAFETY = 1.04
"""Measured widths are rounded up by this much: kerning, hinting and rounding in
the layout engines."""
_TYPICAL = 0.8
"""The percentile of a column's cell widths taken as its typical width."""
_AVERAGE_EM = {True: 0.64, False: 0.58}
"""The average advance of a character (digits, letters) for estimating line widths,
in ems."""
NO_BREAK = "\u00a0"

_BREAKS = re.compile(r"[ \t\n]+|(?<=[-/–])(?=\w)")
"""Where a line may break: at spaces (not at no-break spaces) and after a hyphen or a
slash followed by a letter ("Helse-/omsorg"), but not in "-3" or "1/2"."""


_DAY = re.compile(r"(?<!\S)(\d{1,2}\.?) (?=\w)")
"""A day or an ordinal before a word: "1. desember 2013", "1. halvår 2004"."""


def keep_together(text: str) -> str:
    """``text`` with the space after a day number made no-break, so a date that
    must break does so before its year ("1. desember | 2013"), never after "1."."""
    return _DAY.sub("\\1" + NO_BREAK, text) if " " in text else text


def text_width(text: str, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in ems of its font size."""
    table = BOLD if bold else REGULAR
    total = 0
    for character in text:
        index = ord(character) - FIRST
        if 0 <= index < len(table):
            total += table[index]
        elif unicodedata.east_asian_width(character) in "WF":
            total += 1000
        elif unicodedata.combining(character):
            continue
        else:
            total += 700
    return total / 1000


def _twips(ems: float, size: float) -> int:
    """``ems`` of text at ``size`` points as a cell width in twips (margins included)."""
    return math.ceil(ems * size * 20 * _SAFETY) + PADDING


@attrs.frozen
class TableFit:
    """How a table is laid out: its column widths in twips (adding up to the text
    width), the header row's font size relative to the body's, and whether dates and
    statuses are kept whole (their spaces made no-break)."""

    widths: list[int]
    header_scale: float
    whole: bool
    broken: bool
    """Whether some word had to be given less than its width."""
    body_scale: float = 1.0
    """The body's font size relative to the document's, where smaller."""


class TableText:
    """The text of a table's cells (a list of paragraphs each), measured.

    Per column: the widest unbreakable token of the body kept whole (``whole``) and
    broken at spaces (``words``), the header's widest word, and the typical width of
    a cell; all in ems. ``size`` is the body text's font size in points.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        headers: list[list[str]],
        body: list[list[list[str]]],
        *,
        size: float = 11.0,
    ) -> None:
        self.columns = columns
        self.headers = headers
        self.body = body
        self.size = size
        count = len(columns)
        self.whole: list[float] = [0.0] * count
        self.words: list[float] = [0.0] * count
        self.header_words: list[float] = []
        self.typical: list[float] = [0.0] * count
        self.tokens: list[list[float]] = []
        """The widths of each column's widest distinct tokens, widest first."""
        self.longest: list[int] = [0] * len(body)
        """The length of each row's longest cell, in characters (a quick bound on how
        tall it can be)."""
        for header in headers:
            self.header_words.append(_widest_token(header, bold=_HEADER_BOLD))
        for index, column in enumerate(columns):
            kept = column.type in WHOLE
            tokens: set[str] = set()
            wholes: set[str] = set()
            lengths: list[int] = []
            for number, row in enumerate(body):
                length = 0
                for paragraph in row[index]:
                    length += len(paragraph)
                    if kept:
                        wholes.update(paragraph.split("\n"))
                        paragraph = keep_together(paragraph)
                    tokens.update(_BREAKS.split(paragraph))
                lengths.append(length)
                if length > self.longest[number]:
                    self.longest[number] = length
            measured = sorted({text_width(t) for t in tokens}, reverse=True)[:_KEPT_TOKENS]
            self.tokens.append(measured)
            words = measured[0] if measured else 0.0
            self.words[index] = words
            self.whole[index] = max([words, *map(text_width, wholes)])
            lengths.sort()
            typical = lengths[int(_TYPICAL * (len(lengths) - 1))] if lengths else 0
            self.typical[index] = typical * _AVERAGE_EM[column.type in NUMERIC]

    def minimum(self, *, whole: bool, header_scale: float, body_scale: float = 1.0) -> list[int]:
        """Each column's narrowest width in twips at which no word breaks: the widest
        token of its body (``whole``: dates and statuses kept whole) at ``body_scale``
        times the body's size, and of its header at ``header_scale`` times."""
        body = self.size * body_scale
        return [
            max(
                _twips(self.whole[i] if whole or t in _ALWAYS_WHOLE else self.words[i], body),
                _twips(self.header_words[i], self.size * header_scale),
            )
            for i, t in enumerate(c.type for c in self.columns)
        ]

    @property
    def narrowest(self) -> list[int]:
        """The narrowest widths at which no word breaks in the body's font size, in
        twips (small headers, dates broken at their spaces): a table wider than these
        wants a wider page."""
        return self.minimum(whole=False, header_scale=SMALL_HEADER)

    def preferred(self, minimum: Sequence[int], body_scale: float = 1.0) -> list[int]:
        """Each column's typical width in twips, at least ``minimum``."""
        size = self.size * body_scale
        return [max(low, _twips(ems, size)) for low, ems in zip(minimum, self.typical, strict=True)]

    def fit(self, total: int) -> TableFit:
        """The layout of this table across ``total`` twips: the first of the
        :data:`_LEVELS` at which no word breaks; else, in the smallest font, the
        fewest and longest words of text columns broken (never amounts)."""
        for whole, header, body in _LEVELS:
            minimum = self.minimum(whole=whole, header_scale=header, body_scale=body)
            if sum(minimum) <= total:
                widths = column_widths(minimum, self.preferred(minimum, body), total)
                return TableFit(widths, header, whole, broken=False, body_scale=body)
        _, header, body = _LEVELS[-1]
        minimum = self.minimum(whole=False, header_scale=header, body_scale=body)
        size = self.size * body
        floors = [
            low
            if column.type in _ALWAYS_WHOLE
            else _twips(self.header_words[i], self.size * header)
            for i, (low, column) in enumerate(zip(minimum, self.columns, strict=True))
        ]
        steps = [[_twips(ems, size) for ems in widths] for widths in self.tokens]
        while sum(minimum) > total:  # the widest word that may break, breaks
            candidates = [i for i, low in enumerate(minimum) if low > floors[i]]
            if not candidates:
                break
            i = max(candidates, key=lambda n: minimum[n])
            lower = [w for w in steps[i] if w < minimum[i]]
            minimum[i] = max(floors[i], lower[0] if lower else PADDING)
        fixed = sum(
            low for low, c in zip(minimum, self.columns, strict=True) if c.type in _ALWAYS_WHOLE
        )
        flexible = sum(minimum) - fixed
        if sum(minimum) > total and fixed < total and flexible:  # headers too, amounts not
            room = total - fixed
            minimum = [
                low if c.type in _ALWAYS_WHOLE else max(1, low * room // flexible)
                for low, c in zip(minimum, self.columns, strict=True)
            ]
        widths = column_widths(minimum, self.preferred(minimum, body), total)
        return TableFit(widths, header, whole=False, broken=True, body_scale=body)

    def tall_rows(self, widths: Sequence[int], height: int, scale: float = 1.0) -> set[int]:
        """The rows (by index) estimated taller than ``height`` twips at ``widths``
        (the body at ``scale`` times its size): those are let to break across pages."""
        size = self.size * scale
        line = size * 20 * 1.2
        most = height / line  # lines on a page; a cell has at most a line a character
        tall = set()
        for number, longest in enumerate(self.longest):
            if longest < most:
                continue
            lines = 0
            for index, cell in enumerate(self.body[number]):
                room = max(1.0, (widths[index] - PADDING) / (size * 20))
                count = sum(
                    math.ceil(len(text) * _AVERAGE_EM[False] / room) or 1
                    for paragraph in cell
                    for text in paragraph.split("\n")
                )
                lines = max(lines, count)
            if lines * line > height:
                tall.add(number)
        return tall


def _widest_token(paragraphs: Iterable[str], *, bold: bool) -> float:
    return max(
        (text_width(token, bold=bold) for p in paragraphs for token in _BREAKS.split(p)),
        default=0.0,
    )


def column_widths(minimum: Sequence[int], preferred: Sequence[int], total: int) -> list[int]:
    """Column widths in twips adding up to ``total``, as a web browser lays out a
    table: every column at least its ``minimum`` where they all fit; the room beyond
    the minimums shared in proportion to how much wider each column would like to be
    (``preferred``), and once every column has its preferred width, in proportion to
    it. Where the minimums do not fit, in proportion to them."""
    count = len(minimum)
    if count == 0:
        return []
    low = [max(1, m) for m in minimum]
    want = [max(p, m) for p, m in zip(preferred, low, strict=True)]
    if sum(low) > total:
        shares = [total * m / sum(low) for m in low]
        base = [0] * count
    elif sum(want) <= total:
        spare = total - sum(want)
        shares = [spare * w / sum(want) for w in want]
        base = want
    else:
        spare = total - sum(low)
        stretch = [w - m for w, m in zip(want, low, strict=True)]
        shares = [spare * s / sum(stretch) for s in stretch]
        base = low
    widths = [b + int(s) for b, s in zip(base, shares, strict=True)]
    # the twips lost to rounding go to the columns that lost the most
    order = sorted(range(count), key=lambda i: int(shares[i]) - shares[i])
    for i in order[: total - sum(widths)]:
        widths[i] += 1
    return widths


def fits_portrait(text: TableText, portrait_width: int) -> bool:
    """Whether ``text`` fits across ``portrait_width`` twips without breaking a word
    (headers in the smaller font, dates broken at their spaces where need be): a
    document holding a table that does not is better laid out in landscape.

    .. versionadded:: 0.2
    """
    return sum(text.narrowest) <= portrait_width
