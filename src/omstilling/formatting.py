"""Report values as people read them, in bokmål, nynorsk or English.

Norwegian conventions: ``1 234 500 kr`` (a no-break space groups thousands, decimals
only where there are øre), ``13. desember 2012``, ``januar 2014``, ``1. halvår 2004``.
Babel supplies the number and month names.

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import babel

from .model import Language, Money, PartialDate, Period, PeriodKind, Rag
from .report import FieldType, Labels, Value

__all__ = [
    "RAG_COLOURS",
    "RAG_LABELS",
    "ExportWarning",
    "format_amount",
    "format_value",
    "locale_of",
    "text",
    "xml_safe",
]


class ExportWarning(UserWarning):
    """Something an exporter changed so the file opens: a character XML cannot hold,
    a sheet name Excel does not allow, a cell cut to Excel's length limit.

    .. versionadded:: 0.1
    """


# XML 1.0 allows tab, newline, carriage return and U+0020 up; not the other C0
# controls, not lone surrogates, not U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str, *, where: str = "") -> str:
    """``value`` with every character XML 1.0 cannot hold replaced by U+FFFD (�),
    with an :class:`ExportWarning` naming ``where`` if any was. The one sanitiser for
    Word and Excel.

    .. versionadded:: 0.1
    """
    cleaned, count = _XML_ILLEGAL.subn("\ufffd", value)
    if count:
        place = f" in {where}" if where else ""
        warnings.warn(
            f"replaced {count} character(s) that Word and Excel files cannot hold{place}",
            ExportWarning,
            stacklevel=2,
        )
    return cleaned


RAG_COLOURS: dict[Rag, str] = {
    Rag.GREEN: "C6EFCE",
    Rag.AMBER: "FFEB9C",
    Rag.RED: "FFC7CE",
    Rag.NOT_ASSESSED: "EDEDED",
}
"""Fill colours (RGB hex) for RAG statuses: light enough for black text, and never
used without the status in words."""

_LOCALES = {Language.NB: "nb_NO", Language.NN: "nn_NO", Language.EN: "en_GB"}

RAG_LABELS: dict[Rag, Labels] = {
    Rag.GREEN: Labels("Grønn", "Grøn", "Green"),
    Rag.AMBER: Labels("Gul", "Gul", "Amber"),
    Rag.RED: Labels("Rød", "Raud", "Red"),
    Rag.NOT_ASSESSED: Labels("Ikke vurdert", "Ikkje vurdert", "Not assessed"),
}
"""The words for each RAG status: reports show the word with the colour, never the
colour alone."""

_PERIOD_WORDS = {
    PeriodKind.HALF: Labels("halvår", "halvår", "half"),
    PeriodKind.TERTIAL: Labels("tertial", "tertial", "tertial"),
    PeriodKind.QUARTER: Labels("kvartal", "kvartal", "quarter"),
}
_YES_NO = (Labels("Ja", "Ja", "Yes"), Labels("Nei", "Nei", "No"))
_ORDINALS_EN = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


def locale_of(language: Language) -> str:
    """The Babel locale of ``language``."""
    return _LOCALES[language]


def text(labels: Labels, language: Language) -> str:
    """``labels`` in ``language``."""
    return labels.get(language)


@functools.cache
def _babel_locale(language: Language) -> babel.Locale:
    """Babel's locale object, parsed once (Babel parses a locale name on every call)."""
    import babel

    return babel.Locale.parse(locale_of(language))


# A report repeats the same amounts and dates many times; formatting is pure, so each
# distinct value is formatted once per process.
def _number(value: Decimal | int, language: Language, *, places: bool) -> str:
    """Every digit of ``value``, grouped the language's way; with ``places``, at least
    two decimals (øre)."""
    # keyed by the written form: Decimal("1.50") == Decimal("1.5"), but they print apart
    return _number_of(str(value), isinstance(value, int), language, places)


@functools.lru_cache(maxsize=16384)
def _number_of(written: str, whole: bool, language: Language, places: bool) -> str:
    from babel.numbers import format_decimal

    value = int(written) if whole else Decimal(written)

    pattern = "#,##0.00" if places else "#,##0.###"
    with decimal.localcontext() as context:
        context.prec = 100  # the model allows up to 1E+30 and down to 1E-30
        return str(
            format_decimal(
                value, format=pattern, locale=_babel_locale(language), decimal_quantization=False
            )
        )


def _money(value: Money, language: Language) -> str:
    return format_amount(value.amount, value.currency, language)


def format_amount(amount: Decimal, currency: str = "NOK", language: Language = Language.NB) -> str:
    """An amount of money as a report writes it, kept on one line ("3 500 000 kr").

    Unlike :class:`~omstilling.model.Money`, ``amount`` may be beyond the model's
    bounds, such as a sum of many amounts.

    >>> format_amount(Decimal(3500000))
    '3\xa0500\xa0000\xa0kr'

    .. versionadded:: 0.2
    """
    whole = amount == amount.to_integral_value()
    number = _number(amount, language, places=not whole)
    if currency == "NOK":
        return f"{number}\u00a0kr" if language is not Language.EN else f"NOK\u00a0{number}"
    return f"{number}\u00a0{currency}"


@functools.lru_cache(maxsize=16384)
def _date(value: PartialDate, language: Language) -> str:
    from babel.dates import format_date

    locale = _babel_locale(language)
    if value.month is None:
        return str(value.year)
    day = dt.date(value.year, value.month, value.day or 1)
    if value.day is None:
        return str(format_date(day, format="LLLL y", locale=locale))
    if language is Language.EN:
        return str(format_date(day, format="d MMMM y", locale=locale))
    return str(format_date(day, format="d. MMMM y", locale=locale))


def _period(value: Period, language: Language) -> str:
    if value.kind is PeriodKind.YEAR:
        return str(value.year)
    word = _PERIOD_WORDS[value.kind].get(language)
    if language is Language.EN:
        return f"{_ORDINALS_EN[value.number]} {word} {value.year}"
    return f"{value.number}. {word} {value.year}"


def format_value(value: Value, field_type: FieldType, language: Language = Language.NB) -> str:
    """``value`` of a field of ``field_type`` as text in ``language`` ("" for ``None``).

    >>> format_value(Money(Decimal(1234500)), FieldType.MONEY)
    '1\\xa0234\\xa0500\\xa0kr'
    """
    if value is None:
        return ""
    if isinstance(value, Money):
        return _money(value, language)
    if isinstance(value, PartialDate):
        return _date(value, language)
    if isinstance(value, Period):
        return _period(value, language)
    if isinstance(value, Rag):
        return RAG_LABELS[value].get(language)
    if isinstance(value, bool):
        return (_YES_NO[0] if value else _YES_NO[1]).get(language)
    if isinstance(value, Decimal | int):
        return _number(value, language, places=False)
    if isinstance(value, tuple):
        return "; ".join(value)
    return value
