"""From a programme to Kongsvinger's case document.

Which decision is *the case*: the programme's delegated or administrative decision
(the rådmann's "delegert sak"), else its political one, else any; of several, the
latest. Its case reference fills the header, its note is the assessment
("Vurdering"), its preamble and grouped items are the decision ("Vedtak"). Every
other decision is quoted in "Saksopplysninger", in date order, with its items (the
council's KST-sak 139/12 with a) to j)), as the seed quotes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from omstilling.formatting import format_value
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    BodyKind,
    CaseReference,
    Decision,
    DecisionItem,
    DecisionKind,
    GoalKind,
    Language,
    Measure,
    PartialDate,
    Programme,
    Role,
    RoleAssignment,
    Subproject,
)
from omstilling.report import FieldType, Labels, Report, Section, Value
from omstilling.templates.common import ROLE, bodies_of, case_reference, holder, owner_name

from ._schema import SCHEMA

__all__ = ["build", "case_decision", "case_number", "item_label"]

_CASE_KIND = {
    DecisionKind.DELEGATED: Labels("Delegert sak", "Delegert sak", "Delegated case"),
    DecisionKind.ADMINISTRATIVE: Labels(
        "Administrativ sak", "Administrativ sak", "Administrative case"
    ),
}
_SAKSFRAMLEGG = Labels("Saksframlegg", "Saksframlegg", "Case document")
_RANK = {DecisionKind.DELEGATED: 2, DecisionKind.ADMINISTRATIVE: 2, DecisionKind.POLITICAL: 1}
"""How much a decision's kind makes it the case the document is about."""

_WORDS = {
    "referred": Labels("ref. i", "ref. i", "reported to"),
    "mandate": Labels("Mandat for", "Mandat for", "Mandate of"),
    "organisation": Labels(
        "Organisering av prosjekt", "Organisering av prosjekt", "Organisation of the project"
    ),
    "also": Labels("involverer også", "involverer også", "also involves"),
    "and": Labels("og", "og", "and"),
    "no_area": Labels("Uten prosjektområde", "Utan prosjektområde", "No project area"),
    "items": Labels("punkt", "punkt", "items"),
    "positions": Labels("stillinger", "stillingar", "positions"),
    "fte": Labels("årsverk", "årsverk", "FTEs"),
    "savings": Labels("innsparing", "innsparing", "savings"),
}
_CASE_ROLES = {Role.CASE_OFFICER, Role.CASE_RESPONSIBLE}
"""Roles in the case's header, not in the project's organisation."""
_PROJECT_BODIES = {BodyKind.STEERING_GROUP, BodyKind.PROJECT_GROUP, BodyKind.WORKING_GROUP}


# --- small pieces ----------------------------------------------------------------------


def _day(date: PartialDate | None) -> dt.date:
    return date.first_day() if date is not None else dt.date.min


def _in_date_order(decisions: Iterable[Decision]) -> list[Decision]:
    """Dated decisions by date, then the undated ones, each in programme order."""
    return sorted(decisions, key=lambda d: (d.date is None, _day(d.date)))


def case_decision(decisions: Sequence[Decision]) -> Decision | None:
    """The decision a case document is about: delegated or administrative before
    political before the rest, then the latest date, then the last in the programme."""
    if not decisions:
        return None
    ranked = max(
        enumerate(decisions),
        key=lambda pair: (_RANK.get(pair[1].kind, 0), _day(pair[1].date), pair[0]),
    )
    return ranked[1]


def case_number(case: CaseReference) -> str | None:
    """The archive case number as Kongsvinger writes it, with a two-digit year:
    ``12/1728`` (``12/1728-3`` for document 3)."""
    if case.case_year is None or case.case_sequence is None:
        return None
    number = f"{case.case_year % 100:02d}/{case.case_sequence}"
    if case.document_number is not None:
        number += f"-{case.document_number}"
    return number


def _meeting_or_case(case: CaseReference | None) -> str | None:
    """What a decision is cited by: its meeting case (``KST-sak 139/12``), else its
    archive case, else the reference as written."""
    if case is None:
        return None
    return case.meeting_case or case_number(case) or case.raw


def item_label(label: str) -> str:
    """An item's label as the document writes it: ``1.`` for numbers, ``a)`` for
    letters, unchanged where it already ends in punctuation."""
    label = label.strip()
    if not label or label[-1] in ".):":
        return label
    return f"{label}." if label.isdigit() else f"{label})"


def _joined(names: Sequence[str], language: Language) -> str:
    """``A``, ``A og B``, ``A, B og C``."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_WORDS['and'].get(language)} {names[-1]}"


# --- the header ------------------------------------------------------------------------


def _holders(programme: Programme, role: Role) -> list[str]:
    return [holder(programme, r) for r in programme.roles if r.role is role]


def _header(programme: Programme, case: Decision | None, language: Language) -> Section:
    """The case title, "Saksansv.", "Arkiv", "Arkivsaknr." and the "Skal behandles i"
    row; the programme's name and the case-responsible alone where there is no case."""
    responsible = ", ".join(_holders(programme, Role.CASE_RESPONSIBLE)) or None
    if case is None:
        return Section(key="sak", title=programme.name, values={"saksansvarlig": responsible})
    officers = _holders(programme, Role.CASE_OFFICER)
    people = {p.id: p.name for p in programme.people}
    for document in programme.documents:
        officer = people.get(document.case_officer or "")
        if document.id in case.documents and officer and officer not in officers:
            officers.append(officer)
    bodies = {b.id: b.name for b in programme.bodies}
    body = bodies_of(programme, case, language)
    if case.referred_to is not None:
        body += f", {_WORDS['referred'].get(language)} {bodies[case.referred_to]}"
    reference = case.case
    return Section(
        key="sak",
        title=case.title,
        values={
            "saksansvarlig": responsible,
            "arkiv": reference.archive_code if reference else None,
            "arkivsaknr": case_number(reference) if reference else None,
        },
        rows=(
            {
                "utvalg": body,
                "motedato": case.referred_on or case.date,
                "saksnr": reference.meeting_case if reference else None,
                "saksbehandler": ", ".join(officers) or None,
            },
        ),
    )


# --- saksopplysninger --------------------------------------------------------------------


def _mandate(programme: Programme, language: Language) -> Section | None:
    main_goals = tuple(g.text for g in programme.goals if g.kind is GoalKind.MAIN)
    if programme.mandate is None and not main_goals:
        return None
    return Section(
        key="mandat",
        title=f"{_WORDS['mandate'].get(language)} {programme.name}",
        values={
            "mandat": programme.mandate,
            # the "Vi skal …" statements are the mandate; goals stand in where it is missing
            "hovedmal": main_goals if programme.mandate is None else None,
        },
    )


def _member(
    programme: Programme, role: RoleAssignment, language: Language, *, with_role: bool
) -> str:
    """The holder, the role where it is not plain membership, and the period."""
    text = holder(programme, role)
    if with_role and role.role is not Role.MEMBER:
        text += f" ({ROLE[role.role].get(language).lower()})"
    if role.start is not None or role.end is not None:
        start = format_value(role.start, FieldType.DATE, language)
        end = format_value(role.end, FieldType.DATE, language)
        text += f" ({start}–{end})"
    return text


def _organisation(programme: Programme, language: Language) -> Section | None:
    """The steering group and the other project bodies with their members (or their
    description, where no member is named), then the project's own roles (project
    leader, owner, coordinator) by role."""
    rows: list[dict[str, Value]] = []
    for body in programme.bodies:
        members = tuple(
            _member(programme, r, language, with_role=True)
            for r in programme.roles
            if r.body == body.id
        )
        if members:
            rows.append({"funksjon": body.name, "hvem": members})
        elif body.kind in _PROJECT_BODIES:
            # "Rådmann, kommunalsjefer (oppvekst, helse/omsorg, samfunn), …"
            described = (body.description,) if body.description else None
            rows.append({"funksjon": body.name, "hvem": described})
    by_role: dict[Role, list[str]] = {}
    for role in programme.roles:
        if role.body is None and role.subproject is None and role.role not in _CASE_ROLES:
            member = _member(programme, role, language, with_role=False)
            by_role.setdefault(role.role, []).append(member)
    for kind, holders in by_role.items():  # "Prosjektleder: Lars Gillund"
        rows.append({"funksjon": ROLE[kind].get(language), "hvem": tuple(holders)})
    if not rows:
        return None
    return Section(
        key="organisering",
        title=f"{_WORDS['organisation'].get(language)} {programme.name}",
        rows=tuple(rows),
    )


def _subproject_line(subproject: Subproject, areas: dict[str, str], language: Language) -> str:
    """``1. Vurdering for læring``; ``5. Rushåndtering (involverer også Samfunn og
    Oppvekst)`` for one that reaches into other areas."""
    text = subproject.name
    if subproject.code:
        text = f"{item_label(subproject.code)} {text}"
    if subproject.other_areas:
        others = _joined([areas[a] for a in subproject.other_areas], language)
        text += f" ({_WORDS['also'].get(language)} {others})"
    return text


def _areas(
    programme: Programme, subprojects: Sequence[Subproject], language: Language
) -> Section | None:
    """A row per project area: its effect goals and its numbered subprojects; the
    subprojects of no area last."""
    areas = {a.id: a.name for a in programme.project_areas}
    goals = {g.id: g for g in programme.goals}
    rows: list[dict[str, Value]] = []
    keys: list[str | None] = [a.id for a in programme.project_areas]
    if any(s.area is None for s in subprojects):
        keys.append(None)
    for key in keys:
        own = [s for s in subprojects if s.area == key]
        texts = [
            g.text
            for g in programme.goals
            if key is not None and g.kind is GoalKind.EFFECT and g.area == key
        ]
        for subproject in own:
            goal = goals.get(subproject.effect_goal or "")
            if goal is not None and goal.text not in texts:
                texts.append(goal.text)
        rows.append(
            {
                "omrade": areas[key] if key is not None else _WORDS["no_area"].get(language),
                "effektmal": "\n\n".join(texts) or None,
                "delprosjekter": tuple(_subproject_line(s, areas, language) for s in own) or None,
            }
        )
    if not rows:
        return None
    return Section(key="prosjektomrader", rows=tuple(rows))


def _dissents(programme: Programme, decision: Decision, language: Language) -> tuple[str, ...]:
    """``Fagforbundets representant (Hovedtillitsvalgt for Fagforbundet, Fagforbundet):
    Fagforbundet tok disens …``, and the items it concerns, if it names them."""
    names = {o.id: o.name for o in programme.organisations}
    texts = []
    for dissent in decision.dissents:
        who = [w for w in (dissent.role, names.get(dissent.organisation or "")) if w]
        text = dissent.by + (f" ({', '.join(who)})" if who else "") + f": {dissent.concerning}"
        if dissent.items:
            text += f" ({_WORDS['items'].get(language)} {', '.join(dissent.items)})"
        texts.append(text)
    return tuple(texts)


def _item_rows(items: Iterable[DecisionItem], *, grouped: bool) -> tuple[dict[str, Value], ...]:
    """One row per item; its lettered sub-items as paragraphs under its text."""
    rows: list[dict[str, Value]] = []
    for item in items:
        label = item_label(item.label)
        if grouped and item.group:
            label = f"{item.group}, {label}"
        paragraphs = [item.text, *(f"{item_label(s.label)} {s.text}" for s in item.subitems)]
        rows.append({"punkt": label, "tekst": "\n\n".join(paragraphs)})
    return tuple(rows)


def _consideration(programme: Programme, decision: Decision, language: Language) -> Section:
    """An earlier decision quoted in the case: who, when, which case, its text and
    items, dissent."""
    return Section(
        key="behandling",
        title=decision.title,
        values={
            "organ": bodies_of(programme, decision, language),
            "dato": decision.date,
            "saksnr": _meeting_or_case(decision.case),
            "tekst": decision.text,
            "dissens": _dissents(programme, decision, language) or None,
            "merknad": decision.note,
        },
        rows=_item_rows(decision.items, grouped=True),
    )


# --- vurdering and vedtak ----------------------------------------------------------------


def _effect(measure: Measure, language: Language) -> str | None:
    """``10 stillinger (15 %)``, ``innsparing 800 000 kr``: what the measure does to
    staffing and budget."""
    parts = []
    staffing = measure.staffing_effect
    if staffing is not None:
        counts = [
            f"{format_value(amount, FieldType.DECIMAL, language)} {_WORDS[word].get(language)}"
            for amount, word in ((staffing.positions, "positions"), (staffing.fte, "fte"))
            if amount is not None
        ]
        share = staffing.share_percent
        if share is not None:
            percent = f"{format_value(share, FieldType.DECIMAL, language)}\u00a0%"
            counts = [f"{counts[0]} ({percent})", *counts[1:]] if counts else [percent]
        parts += counts
    targets = [e.target for e in measure.economic_effects if e.target is not None]
    if targets:
        total = targets[0]
        for target in targets[1:]:
            total = total + target
        amount = format_value(total, FieldType.MONEY, language)
        parts.append(f"{_WORDS['savings'].get(language)} {amount}")
    return ", ".join(parts) or None


def _priorities(measures: Sequence[Measure], language: Language) -> Section | None:
    ranked = sorted((m for m in measures if m.priority is not None), key=lambda m: m.priority or 0)
    if not ranked:
        return None
    return Section(
        key="tiltak",
        rows=tuple(
            {"nr": m.priority, "tiltak": m.title, "effekt": _effect(m, language)} for m in ranked
        ),
    )


def _decision(programme: Programme, case: Decision | None, language: Language) -> list[Section]:
    if case is None:
        return [Section(key="vedtak")]
    sections = [
        Section(
            key="vedtak",
            values={
                "innledning": case.text,
                "dissens": _dissents(programme, case, language) or None,
            },
        )
    ]
    for group in case.groups:
        items = [i for i in case.items if i.group == group]
        sections.append(
            Section(key="vedtakspunkter", title=group, rows=_item_rows(items, grouped=False))
        )
    return sections


# --- the report ----------------------------------------------------------------------------


def build(programme: Programme, request: BuildRequest) -> Report:
    """Kongsvinger's case document for ``programme`` (of ``request.participant``'s
    decisions, subprojects and measures only, if given), in bokmål unless the
    request asks for another language."""
    language = request.language or Language.NB

    def mine(participant: str | None) -> bool:
        return request.participant is None or participant == request.participant

    decisions = [d for d in programme.decisions if mine(d.participant)]
    subprojects = [s for s in programme.subprojects if mine(s.participant)]
    measures = [m for m in programme.measures if mine(m.participant)]
    case = case_decision(decisions)
    issuer = (
        programme.organisation(request.participant).name
        if request.participant
        else owner_name(programme) or programme.owner
    )
    kind = _CASE_KIND.get(case.kind, _SAKSFRAMLEGG) if case is not None else _SAKSFRAMLEGG

    sections: list[Section | None] = [
        _header(programme, case, language),
        Section(
            key="saksopplysninger",
            values={"bakgrunn": programme.background, "prosjektet": programme.description},
        ),
        _mandate(programme, language),
        _organisation(programme, language),
        _areas(programme, subprojects, language),
        *(
            _consideration(programme, d, language)
            for d in _in_date_order(decisions)
            if d is not case
        ),
        Section(key="vurdering", values={"vurdering": case.note if case else None}),
        _priorities(measures, language),
        *_decision(programme, case, language),
    ]
    return Report(
        schema=SCHEMA,
        language=language,
        title=f"{issuer} – {kind.get(language)}",
        programme=programme.id,
        participant=request.participant,
        period=request.period,
        owner=owner_name(programme),
        reference=case_reference(programme),
        sections=tuple(s for s in sections if s is not None),
    )
