"""Building ``stifinneren.status`` from the domain model.

The computed texts (the participant headings, "STATUS PR. AUGUST 2004", "KRDs besøk
våren 2004", "19.–20. april 2004 på Gardermoen") are bokmål, as the seed is; the
schema's labels also have nynorsk and English.
"""

from __future__ import annotations

import datetime as dt

from omstilling.errors import FieldError
from omstilling.formatting import format_value
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    Document,
    DocumentKind,
    Event,
    EventKind,
    Language,
    Organisation,
    PartialDate,
    Period,
    PeriodKind,
    Programme,
    Role,
    RoleAssignment,
    StatusEntry,
)
from omstilling.report import FieldType, Report, Section, Value
from omstilling.templates.common import bodies_of, case_reference, event_in, owner_name

from ._schema import DIMENSIONS, SCHEMA

__all__ = ["build"]

_NOT_REPORTED = "Ikke rapportert"


# --- words ---------------------------------------------------------------------------


def _date(value: PartialDate) -> str:
    """``value`` in bokmål: "19. april 2004", "august 2004", "2004"."""
    return format_value(value, FieldType.DATE, Language.NB)


def _period_words(period: Period, *, year: bool = True) -> str:
    """``period`` in bokmål: "1. halvår 2004", or "1. halvår" without the year."""
    text = format_value(period, FieldType.PERIOD, Language.NB)
    if year or period.kind is PeriodKind.YEAR:
        return text
    return text.removesuffix(f" {period.year}")


def _date_range(start: PartialDate | None, end: PartialDate | None) -> str | None:
    """A start and an end as the seed writes them: "19.–20. april 2004"."""
    if start is None:
        return None
    first = _date(start)
    if end is None or end == start:
        return first
    last = _date(end)
    if start.year == end.year and start.month is not None:
        if start.month == end.month and start.day is not None and end.day is not None:
            return f"{start.day}.–{last}"
        first = first.removesuffix(f" {start.year}")
    return f"{first}–{last}"


def _short_title(name: str) -> str:
    """The programme's name before its subtitle, in capitals: "STIFINNEREN"."""
    for separator in (" – ", " - ", ": "):
        head = name.split(separator, 1)[0]
        if head.strip() and head != name:
            return head.strip().upper()
    return name.strip().upper() or name


def _genitive(name: str) -> str:
    """ "KRD" → "KRDs"; names ending in s, x or z take an apostrophe."""
    return f"{name}'" if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"


# --- what the programme holds --------------------------------------------------------


class _Lookup:
    """The programme's organisations, people and bodies by id."""

    def __init__(self, programme: Programme) -> None:
        self.organisations: dict[str, Organisation] = {o.id: o for o in programme.organisations}
        self.people = {p.id: p for p in programme.people}
        self.bodies = {b.id: b.name for b in programme.bodies}

    def name(self, organisation: str) -> str:
        """An organisation's name, or its id if the programme does not know it."""
        found = self.organisations.get(organisation)
        return found.name if found is not None else organisation

    def heading(self, organisation: str) -> str:
        """A participant as the seed heads it: "Bydel Alna, Oslo kommune"."""
        found = self.organisations.get(organisation)
        if found is None:
            return organisation
        if found.parent is not None and found.parent in self.organisations:
            parent = self.organisations[found.parent].name
            if parent not in found.name:
                return f"{found.name}, {parent}"
        return found.name

    def with_short_name(self, organisation: str) -> str:
        """ "Norsk institutt for by- og regionforskning (NIBR)"."""
        found = self.organisations.get(organisation)
        if found is None:
            return organisation
        if found.short_name and found.short_name != found.name:
            return f"{found.name} ({found.short_name})"
        return found.name

    def short(self, organisation: str) -> str:
        """An organisation's short name ("KRD"), else its name; a body's name (the
        owner may be one)."""
        found = self.organisations.get(organisation)
        if found is None:
            return self.bodies.get(organisation, organisation)
        return found.short_name or found.name

    def person(self, person: str) -> str:
        """ "Kjelrun Espedal, KØ": a person's name and title."""
        found = self.people.get(person)
        if found is None:
            return person
        return f"{found.name}, {found.title}" if found.title else found.name


def _status_document(programme: Programme, period: Period) -> Document | None:
    """The programme's status report for ``period``: the earliest report document dated
    after the period's end and no later than the end of the next period."""
    found = [
        d
        for d in programme.documents
        if d.kind is DocumentKind.REPORT
        and d.date is not None
        and period.end() < d.date.first_day() <= _next_end(period)
    ]
    return min(found, key=lambda d: d.date or PartialDate(1000)) if found else None


def _title_block(programme: Programme, period: Period | None, look: _Lookup) -> Section:
    """ "STATUS PR. AUGUST 2004", with "Behandlet i ledermøte 6. september 2004." as
    its note where a decision considered the status report."""
    if period is None:
        return Section(key="status", title="STATUS")
    document = _status_document(programme, period)
    as_of = PartialDate(period.end().year, period.end().month)
    if document is not None and document.date is not None:
        as_of = PartialDate(document.date.year, document.date.month)
    note = None
    if document is not None:
        for decision in programme.decisions:
            if document.id in decision.documents:
                if decision.text and decision.text.strip():
                    note = decision.text.strip()
                else:
                    body = bodies_of(programme, decision, Language.NB)
                    when = f" {_date(decision.date)}" if decision.date is not None else ""
                    note = f"Behandlet i {body}{when}."
                break
    return Section(key="status", title=f"STATUS PR. {_date(as_of).upper()}", note=note)


def _reporting_practice(programme: Programme, look: _Lookup) -> tuple[str, ...] | None:
    """The participants' reporting practices, each once; where not all share it,
    with the participants that have it."""
    practices: dict[str, list[str]] = {}
    for participant in programme.participants:
        if participant.reporting_practice and participant.reporting_practice.strip():
            practice = participant.reporting_practice.strip()
            practices.setdefault(practice, []).append(look.heading(participant.organisation))
    everyone = len(programme.participants)
    items = [
        practice if len(names) == everyone else f"{', '.join(names)}: {practice}"
        for practice, names in practices.items()
    ]
    return tuple(items) or None


def _leaders(programme: Programme, organisation: str) -> tuple[RoleAssignment, ...]:
    """The participant's project leaders, in the order the programme lists them."""
    return tuple(
        role
        for role in programme.roles
        if role.role is Role.PROJECT_LEADER
        and role.organisation == organisation
        and role.subproject is None
    )


def _leader_text(role: RoleAssignment, look: _Lookup) -> str:
    """ "Ny prosjektleder i Molde kommune (fra mars 2004) – Ansatt etter ekstern utlysning"."""
    person = look.people.get(role.person or "")
    if person is not None and role.holder:
        text = f"{person.name} ({role.holder})"
    else:
        text = person.name if person is not None else (role.holder or role.person or "")
    dates = []
    if role.start is not None:
        dates.append(f"fra {_date(role.start)}")
    if role.end is not None:
        dates.append(f"til {_date(role.end)}")
    if dates:
        text += f" ({' '.join(dates)})"
    if role.note and role.note.strip():
        text += f" – {role.note.strip()}"
    return text


def _dimensions(entry: StatusEntry | None) -> dict[str, Value]:
    """The summary table's RAG columns, and the other dimensions as words. A
    dimension the participant gave no status for stays empty (six columns of "Ikke
    vurdert" turn the table to landscape and say less than the empty cells)."""
    values: dict[str, Value] = dict.fromkeys(DIMENSIONS)
    other: list[str] = []
    if entry is not None:
        for dimension in entry.dimensions:
            if dimension.dimension in DIMENSIONS:
                values[dimension.dimension] = dimension.rag
            else:
                rag = format_value(dimension.rag, FieldType.RAG, Language.NB)
                other.append(f"{dimension.dimension}: {rag}")
        values["samlet"] = entry.overall
    values["andre"] = tuple(other) or None
    return values


def _visit_section(event: Event, programme: Programme, look: _Lookup) -> Section:
    """KRD's visit: "KRDs besøk våren 2004", its focus and who took part from KRD."""
    when = event.when or _date_range(event.start, event.end)
    title = f"{_genitive(look.short(programme.owner))} besøk"
    if when and when.strip():
        title += f" {when.strip()}"
    owner_people = [
        p
        for p in event.people
        if p in look.people and look.people[p].organisation == programme.owner
    ]
    others = [p for p in event.people if p not in owner_people]
    return Section(
        key="besok",
        title=title,
        values={
            "fokus": event.focus or None,
            "fra_krd": tuple(look.person(p) for p in owner_people) or None,
            "andre": tuple(look.person(p) for p in others) or None,
            "om_besoket": event.description,
        },
    )


def _gathering_section(event: Event, programme: Programme, look: _Lookup) -> Section:
    """A joint gathering, headed as the seed opens its paragraph: "19.–20. april 2004
    på Gardermoen"."""
    when = _date_range(event.start, event.end) or event.when
    if when and event.place:
        title = f"{when} på {event.place}"
    elif when:
        title = f"{event.title} ({when})"
    else:
        title = event.title
    contributors = tuple(
        look.with_short_name(o) for o in event.organisations if o != programme.owner
    )
    return Section(
        key="samling",
        title=title,
        values={
            "samling": event.title,
            "tidspunkt": when,
            "sted": event.place,
            "malgruppe": event.audience,
            "tema": event.focus or None,
            "bidrag": contributors or None,
            "beskrivelse": event.description,
        },
    )


def build(programme: Programme, request: BuildRequest) -> Report:
    """The programme's status for ``request.period`` in the shape of KRD's
    "Stifinneren – status pr. august 2004" (of one participant if the request names
    one)."""
    period = request.period
    look = _Lookup(programme)
    participants = [
        p
        for p in programme.participants
        if request.participant is None or p.organisation == request.participant
    ]
    entries = {
        p.organisation: programme.status_for(p.organisation, period) if period else None
        for p in participants
    }
    missing = _NOT_REPORTED if period is None else f"{_NOT_REPORTED} for {_period_words(period)}"
    sections: list[Section] = [_title_block(programme, period, look)]

    stakeholders = tuple(
        f"{look.name(s.organisation)}: {s.role.strip()}"
        if s.role and s.role.strip()
        else look.name(s.organisation)
        for s in programme.stakeholders
    )
    sections.append(
        Section(
            key="innledning",
            values={
                "om_programmet": programme.description or programme.background,
                "rapporteringspraksis": _reporting_practice(programme, look),
                "periode": period,
                "deltakere": len(participants),
                "rapportert": sum(1 for e in entries.values() if e is not None),
                "samarbeid": stakeholders or None,
            },
        )
    )

    sections.append(
        Section(
            key="kommuner",
            note=None if participants else "Programmet har ingen deltakerkommuner.",
        )
    )
    for participant in participants:
        organisation = participant.organisation
        entry = entries[organisation]
        leaders = _leaders(programme, organisation)
        values: dict[str, Value] = {
            "merknad": None if entry is not None else missing,
            "lokalt_navn": participant.local_name,
            "skifte_av_prosjektleder": len(leaders) > 1 if leaders else None,
            "prosjektledelse": tuple(_leader_text(r, look) for r in leaders) or None,
        }
        if entry is not None:
            values.update(
                status=entry.narrative,
                styringsgruppemoter=entry.steering_group_meetings,
                videre_arbeid=entry.next_steps or None,
                risiko=entry.risks or None,
                grunnlag=entry.source,
                rapportert=entry.reported_on,
            )
        sections.append(
            Section(key="kommune", title=f"{look.heading(organisation)}:", values=values)
        )
        sections.extend(
            _visit_section(e, programme, look)
            for e in programme.events
            if e.kind is EventKind.VISIT and organisation in e.participants and event_in(e, period)
        )

    gatherings = [
        e for e in programme.events if e.kind is EventKind.JOINT_GATHERING and event_in(e, period)
    ]
    felles = "Felles aktiviteter"
    if period is not None:
        felles += f" {_period_words(period, year=False)}"
    sections.append(
        Section(
            key="felles",
            title=felles,
            values={"fellessamlinger": len(gatherings)},
            note=None if gatherings else "Ingen fellessamlinger i perioden.",
        )
    )
    sections.extend(_gathering_section(e, programme, look) for e in gatherings)

    evaluation = programme.evaluation
    if evaluation is None:
        sections.append(Section(key="evaluering", note="Programmet har ingen evaluering."))
    else:
        sections.append(
            Section(
                key="evaluering",
                values={
                    "evaluatorer": tuple(look.with_short_name(e) for e in evaluation.evaluators)
                    or None,
                    "status": evaluation.status,
                    "formal": evaluation.purpose,
                },
                rows=tuple(
                    {
                        "leveranse": d.title,
                        "frist": d.due,
                        "frist_tekst": d.due_text,
                        "levert": d.delivered,
                    }
                    for d in evaluation.deliverables
                ),
            )
        )

    sections.append(
        Section(
            key="oversikt",
            rows=tuple(
                {
                    "deltaker": look.heading(p.organisation),
                    "rapportert": entries[p.organisation] is not None,
                    **_dimensions(entries[p.organisation]),
                    "merknad": None if entries[p.organisation] is not None else missing,
                }
                for p in participants
            ),
        )
    )

    title = _short_title(programme.name)
    if request.participant is not None:
        title = f"{title}: {look.heading(request.participant)}"
    return Report(
        schema=SCHEMA,
        language=request.language or Language.NB,
        title=title,
        programme=programme.id,
        participant=request.participant,
        period=period,
        owner=owner_name(programme),
        reference=case_reference(programme),
        sections=tuple(sections),
    )


def _next_end(period: Period) -> dt.date:
    """The last day of the period after ``period`` (of the year 9999 after its last)."""
    try:
        return period.next().end()
    except FieldError:
        return dt.date.max
