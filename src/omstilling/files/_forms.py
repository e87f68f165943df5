"""The written forms of values in programme files, one regular expression each.

The converter reads a text value only if it matches its form here, and the JSON
Schema publishes the same expressions, so that a file is schema-valid exactly when it
loads. Every expression is written in the common part of Python's ``re`` and
ECMA-262 (the regex dialect of JSON Schema): ASCII classes (``[0-9]``, never ``\\d``),
no ``.``, anchors ``^`` and ``$`` only at the ends. Python's ``$`` also matches before
a final newline, so the converter matches them with :meth:`re.Pattern.fullmatch`.
"""

from __future__ import annotations

import re
from typing import Final

from ..model import MAX_EXPONENT, MAX_INTEGER

_SEP = "[ \\u00a0\\u202f]"  # a space, a no-break space or a narrow no-break space

_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)

DATE: Final = f"^(?:{_YEAR}(?:-(?:{_MONTH}|{_MONTH_DAY}))?|{_LEAP_YEAR}-02-29)$"
"""A date, a month or a year: ``2014-01-20``, ``2014-01``, ``2014`` (years 1000 to
9999, days that exist: ``2016-02-29`` but not ``2014-02-29``)."""

PERIOD: Final = f"^{_YEAR}(?:-(?:H[12]|T[1-3]|Q[1-4]))?$"
"""A reporting period: ``2005``, ``2004-H1``, ``2012-T2``, ``2024-Q3``."""

_M = MAX_EXPONENT
_FRACTION = f"[0-9]{{0,{_M}}}0*"  # at most 30 decimals, besides trailing zeros

DECIMAL: Final = f"^[+-]?(?:(?:0*[1-9][0-9]{{0,{_M}}}|0+)(?:\\.{_FRACTION})?|\\.[0-9]{{1,{_M}}}0*)$"
"""A decimal number written out in full, with a point: ``33.5``, ``-2``, ``0.125``;
within ±1E+31 and with at most 30 decimals (:data:`omstilling.model.MAX_EXPONENT`).
No exponent (``1e3``), no spaces, no comma."""

PERCENTAGE: Final = (
    f"^(?:\\+?(?:(?:0*[0-9]{{1,2}}(?:\\.{_FRACTION})?|\\.[0-9]{{1,{_M}}}0*)|0*100(?:\\.0*)?)"
    "|-(?:0+(?:\\.0*)?|\\.0+))$"
)
"""A percentage from 0 to 100 written as :data:`DECIMAL` is: ``60``, ``33.3``."""

_AMOUNT_INTEGER = (
    f"(?:0*[1-9][0-9]{{0,{_M}}}|0+"
    f"|[1-9][0-9]{{0,2}}(?:{_SEP}[0-9]{{3}}){{1,9}}|[1-9](?:{_SEP}[0-9]{{3}}){{10}})"
)

MONEY: Final = f"^[+-]?{_AMOUNT_INTEGER}(?:[.,][0-9]{{1,2}})?(?:{_SEP}(?:[A-Za-z]{{3}}|[Kk][Rr]))?$"
"""An amount of money as text: whole kroner, or kroner and øre after a point or a
comma (at most two decimals), thousands optionally grouped by single spaces, and
optionally a space and ``kr`` or a three-letter currency code: ``35000000``,
``"35 000 000 kr"``, ``"800000,50"``, ``"1200.50 EUR"``. Within ±1E+31."""

_SPACE = (
    "\\t-\\r\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
)
VISIBLE: Final = f"[^{_SPACE}]"
"""Text with something in it besides white space (what :meth:`str.isspace` calls
white space), for names and titles that must not be empty."""

MUNICIPALITY_NUMBER: Final = "^[0-9]{4}$"
"""A kommunenummer: four digits."""

ORGANISATION_NUMBER: Final = "^[0-9]{9}$"
"""The form of an organisation number: nine digits (the mod-11 check digit is
checked when the file is loaded; JSON Schema cannot say it)."""

NUMBER_LIMIT: Final = 10 ** (MAX_EXPONENT + 1)
"""Numbers lie strictly between ``-NUMBER_LIMIT`` and ``NUMBER_LIMIT``."""

SMALLEST_FRACTION: Final = 1e-14
"""The smallest size of a number with a fraction written as a YAML or JSON number
(not text) other than zero: such a number has at most 17 significant digits, so from
here up it never needs more than 30 decimals. Smaller ones are written as text."""

WHOLE_LIMIT: Final = MAX_INTEGER
"""The largest whole number (priorities, counts, numbers)."""

DATE_RE = re.compile(DATE)
PERIOD_RE = re.compile(PERIOD)
DECIMAL_RE = re.compile(DECIMAL)
MONEY_RE = re.compile(MONEY)
