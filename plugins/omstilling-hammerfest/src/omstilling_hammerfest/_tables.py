"""Reading the plan's two tables, "Fremdriftsplan" and "Milepælsplan", as the
municipality pastes them (tab-separated text) or keeps them in Excel (one
sheet per table, the seed's header rows).

A table is found by its header row, not by where it stands:

- the progress plan's header row is the first phase's row followed by the seed's
  headings: ``Fase 1 | Kartlegging og analyse | Tid | Ansvar | Utført | Kommentarer``
  (or ``Nr. | Aktivitet | Tid | …`` as the Excel export of the format writes it); a
  later row ``Fase 2 | Arbeid med innsatsområdene`` (nothing else) starts a phase;
- the milestone plan's header row is ``Antatt start-tidspunkt | Antatt ferdig
  tidspunkt | Milepæler | Rapport dato | Rapporttekst status | Utført``, with the line
  ``Prosjektnavn: Sjumilssteget Koordinator: Grethe Nissen`` somewhere above it.

Each table ends at the first blank row. "ok" (or "Ja") in Utført is done, "Nei" not
done, blank unknown (an activity) or not done (a milestone).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from omstilling.hookspecs import ImportRequest
from omstilling.model import Activity, Language, Milestone
from omstilling.report import Report, Section, Value, as_bool, as_date, as_text

from ._dates import due_of, norwegian_date
from ._schema import (
    MILEPAELSPLAN,
    MILEPAELSPLAN_ID,
    MILESTONE_HEADINGS,
    PROGRESS_HEADINGS,
    PROSJEKTPLAN,
)

__all__ = [
    "Tables",
    "read_report",
    "read_tables",
    "read_tables_xlsx",
    "read_text",
    "read_xlsx",
    "slug",
]

_PHASE = re.compile(r"^fase\s*(\d+)$", re.IGNORECASE)
_HEADER_LINE = re.compile(r"Prosjektnavn:\s*(.*?)\s*(?:Koordinator:\s*(.*?))?\s*$")
_NUMBER_ACTIVITY = ("Nr.", "Aktivitet")
"""The first two headings of the progress plan as omstilling's Excel export writes them."""
_DONE = {"ok", "ja", "x", "utført", "yes", "true", "done"}
_NOT_DONE = {"nei", "ikkje", "ikke", "no", "false"}

Row = tuple[str, Sequence[object]]
"""A row of cells and where it stands ("line 41", "sheet 'Milepælsplan', row 3")."""


def slug(text: str) -> str:
    """``text`` as an id: "Søke Fylkesmannen" → "soke-fylkesmannen" (at most 48
    characters)."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].strip("-")


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return " ".join(str(cell).split())


def _cells(cells: Sequence[object], count: int) -> list[object]:
    return [*cells[:count], *([None] * (count - len(cells)))]


def _blank(cells: Sequence[object]) -> bool:
    return all(_text(cell) == "" for cell in cells)


def _done(cell: object, where: str) -> bool | None:
    if isinstance(cell, bool):
        return cell
    word = _text(cell).lower()
    if not word:
        return None
    if word in _DONE:
        return True
    if word in _NOT_DONE:
        return False
    msg = f"{where}, Utført: not 'ok' or blank: {word!r}"
    raise ValueError(msg)


def _date(cell: object, where: str, column: str) -> Value:
    try:
        if isinstance(cell, dt.date):
            return norwegian_date(cell)
        text = _text(cell)
        found = norwegian_date(text)
    except ValueError as exc:
        msg = f"{where}, {column}: {exc}"
        raise ValueError(msg) from None
    if found is None and text:
        msg = f"{where}, {column}: not a date: {text!r}"
        raise ValueError(msg)
    return found


def _or_none(text: str) -> str | None:
    return text or None


@attrs.frozen
class Tables:
    """The two tables as read, as rows of the ``hammerfest.prosjektplan`` report
    (a phase is a row of its own: ``{"number": "Fase 2", "activity": "Arbeid med
    innsatsområdene"}``). ``None`` for a table that was not found."""

    progress: tuple[dict[str, Value], ...] | None
    milestones: tuple[dict[str, Value], ...] | None
    name: str | None = None
    coordinator: str | None = None


def _progress(rows: Sequence[Row], start: int) -> tuple[dict[str, Value], ...]:
    found: list[dict[str, Value]] = []
    header = _cells(rows[start][1], 2)
    if _PHASE.match(_text(header[0])):  # the seed's header: the first phase's row
        found.append({"number": _text(header[0]), "activity": _text(header[1]) or None})
    for where, cells in rows[start + 1 :]:
        if _blank(cells):
            break
        number, activity, time, responsible, done, comments = _cells(cells, 6)
        if _PHASE.match(_text(number)) and _blank(cells[2:]):
            found.append({"number": _text(number), "activity": _text(activity) or None})
            continue
        if not _text(activity):
            msg = f"{where}: an activity row without an activity"
            raise ValueError(msg)
        found.append(
            {
                "number": _or_none(_text(number)),
                "activity": _text(activity),
                "time": _or_none(_text(time)),
                "responsible": _or_none(_text(responsible)),
                "done": _done(done, where),
                "comments": _or_none(_text(comments)),
            }
        )
    return tuple(found)


def _milestones(rows: Sequence[Row], start: int) -> tuple[dict[str, Value], ...]:
    found: list[dict[str, Value]] = []
    for where, cells in rows[start + 1 :]:
        if _blank(cells):
            break
        start_, finish, title, report_date, status, done = _cells(cells, 6)
        if not _text(title):
            msg = f"{where}: a milestone row without a milestone"
            raise ValueError(msg)
        found.append(
            {
                "estimated_start": _date(start_, where, MILESTONE_HEADINGS[0]),
                "estimated_finish": _date(finish, where, MILESTONE_HEADINGS[1]),
                "title": _text(title),
                "report_date": _date(report_date, where, MILESTONE_HEADINGS[3]),
                "report_status_text": _or_none(_text(status)),
                "done": True if _done(done, where) else None,
            }
        )
    return tuple(found)


def _read(rows: Sequence[Row]) -> Tables:
    texts = [[_text(cell) for cell in cells] for _, cells in rows]
    progress_at = next(
        (
            i
            for i, cells in enumerate(texts)
            if tuple(_cells(cells, 6)[2:]) == PROGRESS_HEADINGS
            and (_PHASE.match(cells[0]) or tuple(cells[:2]) == _NUMBER_ACTIVITY)
        ),
        None,
    )
    milestones_at = next(
        (i for i, cells in enumerate(texts) if tuple(cells[:6]) == MILESTONE_HEADINGS), None
    )
    if progress_at is None and milestones_at is None:
        msg = (
            "found neither the Fremdriftsplan (header 'Fase 1 … Tid Ansvar Utført "
            "Kommentarer') nor the Milepælsplan (header 'Antatt start-tidspunkt … Utført')"
        )
        raise ValueError(msg)
    name = coordinator = None
    if milestones_at is not None:
        for cells in reversed(texts[:milestones_at]):
            match = next((m for c in cells if (m := _HEADER_LINE.search(c))), None)
            if match is not None:
                name, coordinator = _or_none(match.group(1)), match.group(2) or None
                break
    return Tables(
        progress=None if progress_at is None else _progress(rows, progress_at),
        milestones=None if milestones_at is None else _milestones(rows, milestones_at),
        name=name,
        coordinator=coordinator,
    )


def read_text(text: str) -> Tables:
    """The tables in tab-separated ``text`` (the seed's own text will do)."""
    return _read([(f"line {n}", line.split("\t")) for n, line in enumerate(text.splitlines(), 1)])


def read_xlsx(data: bytes) -> Tables:
    """The tables in an Excel workbook, each on a sheet of its own (or one below the
    other, a blank row between), read with openpyxl in read-only mode."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows: list[Row] = []
        for sheet in workbook.worksheets:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((f"sheet {sheet.title!r}, row {number}", cells))
            rows.append((f"end of sheet {sheet.title!r}", ()))
    finally:
        workbook.close()
    return _read(rows)


def _unique(wanted: str, taken: set[str]) -> str:
    found, counter = wanted, 2
    while found in taken:
        found = f"{wanted[:60]}-{counter}"
        counter += 1
    taken.add(found)
    return found


def _activities(rows: Iterable[dict[str, Value]]) -> tuple[Activity, ...]:
    activities, taken = [], set[str]()
    phase: str | None = None
    for row in rows:
        number = as_text(row.get("number"))
        match = _PHASE.match(number or "")
        if match is not None and set(row) <= {"number", "activity"}:  # a phase's row
            phase = f"fase-{int(match.group(1))}"
            continue
        activity = as_text(row.get("activity")) or ""
        local = f"{int(number):02d}" if number and number.isdigit() else slug(activity)
        time = as_text(row.get("time"))
        activities.append(
            Activity(
                id=_unique(f"{phase or 'aktivitet'}-{local or 'x'}", taken),
                activity=activity,
                number=number,
                phase=phase,
                time=time,
                due=due_of(time),
                responsible=as_text(row.get("responsible")),
                done=as_bool(row.get("done")),
                comments=as_text(row.get("comments")),
            )
        )
    return tuple(activities)


def _milestone_objects(
    rows: Iterable[dict[str, Value]], coordinator: str | None, phase: str | None
) -> tuple[Milestone, ...]:
    milestones, taken = [], set[str]()
    for number, row in enumerate(rows, start=1):
        title = as_text(row.get("title")) or ""
        milestones.append(
            Milestone(
                id=_unique(f"ms-{number:02d}-{slug(title)}".strip("-"), taken),
                title=title,
                phase=phase,
                responsible=f"Koordinator: {coordinator}" if coordinator else None,
                estimated_start=as_date(row.get("estimated_start")),
                estimated_finish=as_date(row.get("estimated_finish")),
                report_date=as_date(row.get("report_date")),
                report_status_text=as_text(row.get("report_status_text")),
                done=bool(as_bool(row.get("done"))),
            )
        )
    return tuple(milestones)


def _objects(
    tables: Tables, phase: str | None
) -> tuple[tuple[Activity, ...], tuple[Milestone, ...]]:
    return (
        _activities(tables.progress or ()),
        _milestone_objects(tables.milestones or (), tables.coordinator, phase),
    )


def read_tables(
    text: str, *, milestone_phase: str | None = None
) -> tuple[tuple[Activity, ...], tuple[Milestone, ...]]:
    """The activities of the "Fremdriftsplan" and the milestones of the
    "Milepælsplan" in tab-separated ``text``, as model objects.

    Ids are made from the rows: an activity's from its phase and number
    (``fase-1-01``) or, without a number, its text (``fase-2-planlegges``); its phase
    is ``fase-N``. A milestone's id is its row number and title (``ms-01-utforming-…``),
    its ``responsible`` the header line's coordinator ("Koordinator: Grethe Nissen"),
    its phase ``milestone_phase`` (the plan does not say). ``due`` is the date the Tid
    column stands for ("april/mai 2014" is May 2014; "mai/juni" is none). A table
    that is not in the text gives no objects; neither is a :class:`ValueError`.
    """
    return _objects(read_text(text), milestone_phase)


def read_tables_xlsx(
    data: bytes, *, milestone_phase: str | None = None
) -> tuple[tuple[Activity, ...], tuple[Milestone, ...]]:
    """:func:`read_tables` for the two tables in an Excel workbook."""
    return _objects(read_xlsx(data), milestone_phase)


def read_report(data: bytes, request: ImportRequest) -> Report:
    """The tables of a tab-separated file as a report of ``hammerfest.prosjektplan``
    (or of ``hammerfest.milepaelsplan`` where the request asks for that schema) with
    only the sections found, for :func:`omstilling_hammerfest.parse` to merge."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    tables = read_text(text)
    milestones_only = request.schema is not None and request.schema.id == MILEPAELSPLAN_ID
    sections = []
    if tables.progress is not None and not milestones_only:
        sections.append(Section(key="progress", rows=tables.progress))
    if tables.milestones is not None:
        sections.append(
            Section(
                key="milestones",
                values={"name": tables.name, "coordinator": tables.coordinator},
                rows=tables.milestones,
            )
        )
    if not sections:
        msg = f"{request.source}: no Milepælsplan table found"
        raise ValueError(msg)
    name = tables.name or request.source.strip() or "Prosjektplan"
    return Report(
        schema=MILEPAELSPLAN if milestones_only else PROSJEKTPLAN,
        language=Language.NN,
        title=name,
        programme=request.programme or slug(name) or "hammerfest",
        sections=tuple(sections),
    )
