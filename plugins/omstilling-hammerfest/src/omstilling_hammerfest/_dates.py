"""Norwegian dates as the plan writes them: "01.12.2013", "20. desember 2013",
"Januar 2014", "april/mai 2014", "mai/juni" (no year: no date)."""

from __future__ import annotations

import datetime as dt
import re

from omstilling.model import PartialDate

__all__ = ["MONTHS", "due_of", "norwegian_date"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jan"),
            ("februar", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("desember", "des"),
        ),
        start=1,
    )
    for name in names
}
"""Month names in bokmål and nynorsk (they are the same) and their abbreviations."""

_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")
_MONTHS_YEAR = re.compile(r"^([a-zæøå]+(?:\s*[/–-]\s*[a-zæøå]+)*)\.?\s+(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")
_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def norwegian_date(text: str | dt.date | None) -> PartialDate | None:
    """The date ``text`` stands for, or ``None`` where it gives none ("mai/juni",
    "Planlegges", "").

    A span of months ("april/mai 2014") stands for its last month: the activity is
    due by then. A :class:`datetime.date` (an Excel cell) is taken as it is.
    Raises :class:`ValueError` for a day or month that does not exist ("31.02.2014").
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return PartialDate.from_date(text.date())
    if isinstance(text, dt.date):
        return PartialDate.from_date(text)
    words = " ".join(text.split()).lower()
    if not words:
        return None
    if match := _NUMERIC.match(words):
        day, month, year = (int(part) for part in match.groups())
        return PartialDate(year, month, day)
    if match := _DAY_MONTH_YEAR.match(words):
        named = MONTHS.get(match.group(2))
        if named is not None:
            return PartialDate(int(match.group(3)), named, int(match.group(1)))
    if match := _MONTHS_YEAR.match(words):
        names = re.split(r"\s*[/–-]\s*", match.group(1))
        if all(name in MONTHS for name in names):
            return PartialDate(int(match.group(2)), MONTHS[names[-1]])
    if _YEAR.match(words) or _ISO.match(words):
        return PartialDate.parse(words)
    return None


def due_of(time: str | None) -> PartialDate | None:
    """The date a progress plan's Tid ("april/mai 2014") stands for, ``None`` where it
    stands for none or names a day that does not exist: Tid is free text."""
    try:
        return norwegian_date(time)
    except ValueError:
        return None
