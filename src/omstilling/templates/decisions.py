"""``decision-register``: every decision by body and case, with its items (a) to j),
or numbered within groups such as "Vedtak oppvekst"), what follows each item up, and
dissents — the way Kongsvinger's case 12/1728 and KST-sak 139/12 give them."""

from __future__ import annotations

from ..formatting import format_value
from ..hookspecs import BuildRequest, ReportFormat
from ..model import Decision, Language, Programme
from ..report import FieldType as T
from ..report import Report, ReportSchema, Section, SectionSchema, Value
from ._structure import bodies_of, joined
from .common import BODY_KIND, DECISION_KIND, L, col, language_of, make_report

SCHEMA = ReportSchema(
    id="decision-register",
    title=L("Vedtaksregister", "Vedtaksregister", "Decision register"),
    sections=(
        SectionSchema(
            key="overview",
            title=L("Oversikt over vedtakene", "Oversikt over vedtaka", "Decisions at a glance"),
            columns=(
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("body", T.TEXT, "Organ", "Organ", "Body", required=True),
                col("case", T.TEXT, "Sak", "Sak", "Case"),
                col("title", T.TEXT, "Tittel", "Tittel", "Title", required=True),
                col("kind", T.TEXT, "Type", "Type", "Kind", required=True),
                col("items", T.INTEGER, "Vedtakspunkter", "Vedtakspunkt", "Items", required=True),
                col("dissent", T.BOOLEAN, "Dissens", "Dissens", "Dissent"),
            ),
        ),
        SectionSchema(
            key="decision",
            title=L("Vedtak", "Vedtak", "Decision"),
            repeat=True,
            fields=(
                col("body", T.TEXT, "Organ", "Organ", "Body", required=True),
                col("body_kind", T.TEXT, "Type organ", "Type organ", "Kind of body"),
                col(
                    "kind", T.TEXT, "Type vedtak", "Type vedtak", "Kind of decision", required=True
                ),
                col("date", T.DATE, "Dato", "Dato", "Date"),
                col("meeting_case", T.TEXT, "Saksnr. i møte", "Saksnr. i møte", "Meeting case"),
                col("case_number", T.TEXT, "Arkivsaksnr.", "Arkivsaksnr.", "Archive case"),
                col("archive_code", T.TEXT, "Arkivkode", "Arkivkode", "Archive code"),
                col("case_raw", T.TEXT, "Saksreferanse", "Saksreferanse", "Case reference"),
                col("referred_to", T.TEXT, "Referert i", "Referert i", "Reported to"),
                col("referred_on", T.DATE, "Referert", "Referert", "Reported on"),
                col("text", T.PARAGRAPHS, "Vedtak", "Vedtak", "Decision"),
                col("note", T.PARAGRAPHS, "Merknad", "Merknad", "Note"),
            ),
        ),
        SectionSchema(
            key="items",
            title=L("Vedtakspunkter", "Vedtakspunkt", "Items"),
            level=2,
            repeat=True,
            columns=(
                col("label", T.TEXT, "Punkt", "Punkt", "Item", required=True),
                col("text", T.PARAGRAPHS, "Tekst", "Tekst", "Text", required=True),
                col("kind", T.TEXT, "Type", "Type", "Kind"),
                col("subitems", T.TEXT_LIST, "Underpunkter", "Underpunkt", "Sub-items"),
                col("follow_up", T.TEXT_LIST, "Oppfølging", "Oppfølging", "Followed up by"),
            ),
        ),
        SectionSchema(
            key="dissents",
            title=L("Dissens", "Dissens", "Dissent"),
            level=2,
            repeat=True,
            columns=(
                col("by", T.TEXT, "Hvem", "Kven", "By", required=True),
                col("role", T.TEXT, "Rolle", "Rolle", "Role"),
                col("organisation", T.TEXT, "Organisasjon", "Organisasjon", "Organisation"),
                col("concerning", T.PARAGRAPHS, "Gjelder", "Gjeld", "Concerning", required=True),
                col("items", T.TEXT_LIST, "Punkter", "Punkt", "Items"),
            ),
        ),
    ),
)


_CASE = {Language.NB: "Sak", Language.NN: "Sak", Language.EN: "Case"}


def short_reference(decision: Decision, language: Language, body: str | None = None) -> str | None:
    """A decision named in a few words, for a heading or a sheet name: its meeting
    case ("KST 139/12", "Sak 769/12"), else its archive case ("Sak 2012/1728"),
    else its date, else ``body`` (the name of the body that made it).

    .. versionadded:: 0.2
    """
    case = decision.case
    if case is not None and case.meeting_case_number is not None:
        number = f"{case.meeting_case_number}/{(case.meeting_case_year or 0) % 100:02d}"
        return f"{case.meeting_body or _CASE[language]} {number}"
    if case is not None and case.case_number is not None:
        return f"{_CASE[language]} {case.case_number}"
    if decision.date is not None:
        return format_value(decision.date, T.DATE, language)
    return body


def build(programme: Programme, request: BuildRequest) -> Report:
    """Every decision (of ``request.participant``, if given), in date order, each
    with its items grouped as the decision groups them, and its dissents."""
    language = language_of(programme, request)
    bodies = {b.id: b for b in programme.bodies}
    names = {o.id: o.name for o in programme.organisations}
    measures = {m.id: m.title for m in programme.measures}
    milestones = {m.id: m.title for m in programme.milestones}
    decisions = sorted(
        (
            d
            for d in programme.decisions
            if request.participant is None or d.participant == request.participant
        ),
        key=lambda d: (d.date is None, d.date.first_day() if d.date else None),
    )
    overview = []
    sections: list[Section] = []
    for decision in decisions:
        body = bodies[decision.body]
        # a decision made in the same words by several bodies names them all
        made_by = bodies_of(programme, decision, language)
        kinds = dict.fromkeys(BODY_KIND[bodies[b].kind].get(language) for b in decision.bodies)
        case = decision.case
        overview.append(
            {
                "date": decision.date,
                "body": made_by,
                "case": (case.meeting_case or case.case_number or case.raw) if case else None,
                "title": decision.title,
                "kind": DECISION_KIND[decision.kind].get(language),
                "items": len(decision.items),
                "dissent": True if decision.dissents else None,
            }
        )
        values: dict[str, Value] = {
            "body": made_by,
            "body_kind": joined(list(kinds), language),
            "kind": DECISION_KIND[decision.kind].get(language),
            "date": decision.date,
            "text": decision.text,
            "note": decision.note,
            "referred_to": bodies[decision.referred_to].name if decision.referred_to else None,
            "referred_on": decision.referred_on,
        }
        if case is not None:
            values.update(
                meeting_case=case.meeting_case,
                case_number=case.case_number,
                archive_code=case.archive_code,
                # the text as written only where it was not understood
                case_raw=None if case.meeting_case or case.case_number else case.raw,
            )
        sections.append(Section(key="decision", title=decision.title, values=values))
        reference = short_reference(decision, language, body.name)
        for group in decision.groups:
            items = [i for i in decision.items if i.group == group]
            heading = group or SCHEMA.section("items").title.get(language)
            sections.append(
                Section(
                    key="items",
                    title=f"{reference}: {heading}" if reference else group,
                    rows=tuple(
                        {
                            "label": item.label,
                            "text": item.text,
                            "kind": DECISION_KIND[item.kind].get(language) if item.kind else None,
                            "subitems": tuple(f"{s.label}) {s.text}" for s in item.subitems)
                            or None,
                            "follow_up": tuple(
                                [measures[m] for m in item.measures]
                                + [milestones[m] for m in item.milestones]
                            )
                            or None,
                        }
                        for item in items
                    ),
                )
            )
        if decision.dissents:
            heading = SCHEMA.section("dissents").title.get(language)
            sections.append(
                Section(
                    key="dissents",
                    title=f"{reference}: {heading}" if reference else None,
                    rows=tuple(
                        {
                            "by": d.by,
                            "role": d.role,
                            "organisation": names.get(d.organisation or "") or None,
                            "concerning": d.concerning,
                            "items": d.items or None,
                        }
                        for d in decision.dissents
                    ),
                )
            )
    return make_report(
        SCHEMA,
        programme,
        request,
        (Section(key="overview", rows=tuple(overview)), *sections),
        participant=request.participant,
    )


FORMAT = ReportFormat(
    id="decision-register",
    schema=SCHEMA,
    build=build,
    description="Decision register: by body and case, items, follow-up and dissent",
)

__all__ = ["FORMAT", "SCHEMA", "build", "short_reference"]
