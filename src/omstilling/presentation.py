"""The presentation rules every exporter follows, so that a municipality's format
gets them for free: which fields and columns a reader sees, and the title block.

A field or column with no value anywhere in the report is left out unless its
schema marks it :attr:`~omstilling.report.Column.always_shown`; one marked
:attr:`~omstilling.report.Column.hidden` (an id kept for reading back) is always
left out. The title block
names the kind of report first, then the programme, the period (or "per" the issue
date), the issue date, the owner and the case reference.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from .formatting import format_value
from .model import Language
from .report import Column, FieldType, Report, Section, SectionSchema

__all__ = ["Shown", "TitleBlock", "shown", "shown_columns", "shown_fields", "title_block"]


_EMPTY = (None, (), "")
"""What stands for no value: nothing, an empty list, an empty text."""


def _used(column: Column, values: Iterable[object]) -> bool:
    if column.hidden:
        return False
    return column.always_shown or column.required or any(v not in _EMPTY for v in values)


def shown_columns(schema: SectionSchema, sections: Sequence[Section]) -> tuple[Column, ...]:
    """The table columns of ``schema`` a reader sees over ``sections`` (all the
    sections made from it): those with a value in some row, and those marked always
    shown or required.

    .. versionadded:: 0.2
    """
    return tuple(
        c for c in schema.columns if _used(c, (row.get(c.key) for s in sections for row in s.rows))
    )


def shown_fields(schema: SectionSchema, sections: Sequence[Section]) -> tuple[Column, ...]:
    """The single fields of ``schema`` a reader sees over ``sections``: those with a
    value in some section, and those marked always shown or required.

    .. versionadded:: 0.2
    """
    return tuple(c for c in schema.fields if _used(c, (s.values.get(c.key) for s in sections)))


@attrs.frozen
class Shown:
    """The fields and the table columns of one kind of section a reader sees.

    .. versionadded:: 0.2
    """

    fields: tuple[Column, ...]
    columns: tuple[Column, ...]


def shown(report: Report) -> dict[str, Shown]:
    """What a reader sees of every kind of section in ``report``, by section key,
    each over all the sections made from it (:func:`shown_fields`,
    :func:`shown_columns`). Exporters ask this once per report.

    .. versionadded:: 0.2
    """
    alike: dict[str, list[Section]] = {}
    for section in report.sections:
        alike.setdefault(section.key, []).append(section)
    found = {}
    for key, sections in alike.items():
        schema = report.schema.section(key)
        found[key] = Shown(shown_fields(schema, sections), shown_columns(schema, sections))
    return found


_PER = {Language.NB: "per", Language.NN: "per", Language.EN: "as of"}
_ISSUED = {Language.NB: "Utgitt", Language.NN: "Utgjeven", Language.EN: "Issued"}
_REFERENCE = {Language.NB: "Saksnr.", Language.NN: "Saksnr.", Language.EN: "Case no."}


@attrs.frozen(kw_only=True)
class TitleBlock:
    """What opens a rendered report, in the report's language.

    ``title`` is the kind of report ("Statusrapport"); ``subtitle`` the programme
    and the period or date it speaks of; ``lines`` the issue date, owner and case
    reference, each only where the report has one; ``when`` the period or date
    alone (a document's subject), empty where the report has neither.

    .. versionadded:: 0.2
    """

    title: str
    subtitle: str
    lines: tuple[str, ...] = ()
    when: str = ""


def title_block(report: Report) -> TitleBlock:
    """The title block of ``report``.

    .. versionadded:: 0.2
    """
    language = report.language
    when = ""
    if report.period is not None:
        when = format_value(report.period, FieldType.PERIOD, language)
    elif report.published is not None:
        when = f"{_PER[language]} {format_value(report.published, FieldType.DATE, language)}"
    subtitle = f"{report.title} – {when}" if when else report.title
    lines: list[str] = []
    if report.published is not None:
        lines.append(
            f"{_ISSUED[language]}: {format_value(report.published, FieldType.DATE, language)}"
        )
    if report.owner:
        lines.append(report.owner)
    if report.reference:
        lines.append(f"{_REFERENCE[language]} {report.reference}")
    return TitleBlock(
        title=report.label(report.schema.title),
        subtitle=subtitle,
        lines=tuple(lines),
        when=when,
    )
