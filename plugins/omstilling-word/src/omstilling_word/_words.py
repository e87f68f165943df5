"""The words the Word exporter adds to a report, and the one way text enters a document.

Light on purpose: no python-docx or matplotlib here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from omstilling.formatting import xml_safe
from omstilling.model import Language
from omstilling.report import Labels

LANGUAGE_TAGS: dict[Language, str] = {
    Language.NB: "nb-NO",
    Language.NN: "nn-NO",
    Language.EN: "en-GB",
}
"""The BCP 47 tag Word and LibreOffice use for each report language."""

PAGE = Labels("Side", "Side", "Page")
PERIOD = Labels("Periode", "Periode", "Period")
PUBLISHED = Labels("Publisert", "Publisert", "Published")
DONE = Labels("Ferdig", "Ferdig", "Done")
NOT_DONE = Labels("Ikke ferdig", "Ikkje ferdig", "Not done")
NO_GROUP = Labels("Uten gruppe", "Utan gruppe", "No group")
TIMELINE_OF = Labels("Tidslinje for", "Tidsline for", "Timeline of")
CHART_OF = Labels("Diagram for", "Diagram for", "Chart of")
NOT_REPORTED = Labels("Ikke rapportert", "Ikkje rapportert", "Not reported")
TOTAL = Labels("Totalt", "Totalt", "Total")


def clean(text: str, where: str) -> str:
    """``text`` as it may stand in a Word document: line ends made ``\\n`` (python-docx
    turns them into line breaks) and every character XML cannot hold replaced, with an
    :class:`~omstilling.formatting.ExportWarning` naming ``where``."""
    return xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"), where=where)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


_MAX_LISTED = 60
"""Entries a timeline's alt text lists at most; the table holds them all."""


def timeline_description(
    language: Language,
    *,
    lead: str,
    count: int,
    first: str,
    last: str,
    groups: int | None,
    done: int | None,
    skipped: int,
    entries: Sequence[tuple[str, str, bool | None]] = (),
) -> str:
    """The alt text of a timeline picture: what it shows in a sentence, then each
    entry with its dates.

    ``lead`` names the picture ("Tidslinje for Milepælsplan", or the timeline's own
    title); ``first`` and ``last`` are formatted dates; ``groups`` is the number of lanes when
    bars are grouped, ``done`` the number of done bars when the timeline knows, and
    ``skipped`` the rows left out for want of any date. ``entries`` are the label,
    the dates as text and whether done (``None``: not known) of each entry.
    """
    if language is Language.EN:
        text = f"{lead}: {_plural(count, 'entry', 'entries')} from {first} to {last}"
        if groups is not None:
            text += f" in {_plural(groups, 'group', 'groups')}"
        if done is not None:
            text += f", {done} of them done"
        text += "."
        if skipped:
            text += (
                f" {_plural(skipped, 'row', 'rows')} without a date"
                f" {'is' if skipped == 1 else 'are'} not shown."
            )
        return text + _entries(entries, "done", "and {} more, listed in the table")
    nn = language is Language.NN
    entries_word = _plural(count, "oppføring", "oppføringar" if nn else "oppføringer")
    text = f"{lead}: {entries_word} {'frå' if nn else 'fra'} {first} til {last}"
    if groups is not None:
        text += f" i {_plural(groups, 'gruppe', 'grupper')}"
    if done is not None:
        text += f", {done} av {'dei' if nn else 'dem'} {'ferdig' if done == 1 else 'ferdige'}"
    text += "."
    if skipped:
        rows = _plural(skipped, "rad", "rader")
        if nn:
            text += f" {rows} utan dato er ikkje med."
        else:
            text += f" {rows} uten dato er ikke med."
    more = "og {} til, som står i tabellen"
    return text + _entries(entries, "ferdig", more)


def _entries(entries: Sequence[tuple[str, str, bool | None]], done: str, more: str) -> str:
    """The entries of a timeline in one sentence each: "Label: dates (done)."."""
    parts = []
    for label, when, finished in entries[:_MAX_LISTED]:
        mark = f" ({done})" if finished else ""
        parts.append(f" {label}: {when}{mark}." if label else f" {when}{mark}.")
    if len(entries) > _MAX_LISTED:
        parts.append(" " + more.format(len(entries) - _MAX_LISTED).capitalize() + ".")
    return "".join(parts)


_CELLS = {
    Language.NB: ("rad", "rader", "kolonne", "kolonner", "celle", "celler", "og", "ingen"),
    Language.NN: ("rad", "rader", "kolonne", "kolonnar", "celle", "celler", "og", "ingen"),
    Language.EN: ("row", "rows", "column", "columns", "cell", "cells", "and", "none"),
}
_LISTED_CELLS = 12
"""Cells of a status other than red and amber listed by name at most (else counted)."""


def heatmap_description(
    language: Language,
    *,
    lead: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[object]],
    labels: Mapping[object, str],
) -> str:
    """The alt text of a RAG heat map: its size and columns, then per status (in the
    order of ``labels``: red first) the cells that have it ("Alvdal – Økonomi"), or
    for a status of many cells other than red and amber, how many."""
    row, rows_word, column, columns_word, cell, cells_word, and_word, _ = _CELLS[language]
    text = (
        f"{lead}: {_plural(len(rows), row, rows_word)} {and_word} "
        f"{_plural(len(columns), column, columns_word)} ({', '.join(columns)})."
    )
    urgent = list(labels)[:2]
    for status, word in labels.items():
        found = [
            f"{rows[y] or y + 1} – {columns[x]}"
            for y, statuses in enumerate(cells)
            for x, value in enumerate(statuses)
            if value == status
        ]
        if not found:
            continue
        if status in urgent or len(found) <= _LISTED_CELLS:
            text += f" {word}: {', '.join(found)}."
        else:
            text += f" {word}: {_plural(len(found), cell, cells_word)}."
    return text


def target_description(
    language: Language,
    *,
    lead: str,
    names: tuple[str, str],
    entries: Sequence[tuple[str, str | None, str | None]],
    totals: tuple[str | None, str | None],
    total: str,
) -> str:
    """The alt text of a target-against-actual chart: each period's two amounts
    (written as the report writes them), then the totals."""
    none = _CELLS[language][-1]
    parts = [f"{lead}:"]
    for label, target, actual in entries[:_MAX_LISTED]:
        parts.append(f"{label}: {names[0]} {target or none}, {names[1]} {actual or none}.")
    if len(entries) > _MAX_LISTED:
        parts.append(f"(+{len(entries) - _MAX_LISTED})")
    parts.append(f"{total}: {names[0]} {totals[0] or none}, {names[1]} {totals[1] or none}.")
    return " ".join(parts)
