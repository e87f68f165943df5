"""The status roll-up: who reported, how each status moved, what changed, and each
participant's own section with its visits; the programme's joint activities and
evaluation."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    Deliverable,
    DimensionStatus,
    Evaluation,
    Event,
    EventKind,
    Language,
    Milestone,
    Organisation,
    PartialDate,
    Participant,
    Period,
    Person,
    Programme,
    Rag,
    Role,
    RoleAssignment,
    StatusEntry,
)
from omstilling.report import Report, Value
from omstilling.templates.status import FORMAT

H1 = Period.parse("2004-H1")
EARLIER = Period.parse("2003-H2")
PARTICIPANTS = ("molde", "bomlo", "vadso", "alna", "heroy", "sogndal")


def _entry(participant: str, period: Period, overall: Rag | None, **fields: object) -> StatusEntry:
    return StatusEntry(period=period, participant=participant, overall=overall, **fields)  # type: ignore[arg-type]  # fields vary per test


PROGRAMME = Programme(
    id="stifinneren",
    name="Stifinneren",
    owner="dep",
    description="Modernisering.",
    status_dimensions=("progress", "economy", "quality", "risk", "morale"),
    organisations=(
        Organisation(id="dep", name="Departementet"),
        Organisation(id="molde", name="Molde kommune"),
        Organisation(id="bomlo", name="Bømlo kommune"),
        Organisation(id="vadso", name="Vadsø kommune"),
        Organisation(id="alna", name="Bydel Alna"),
        Organisation(id="heroy", name="Herøy kommune"),
        Organisation(id="sogndal", name="Sogndal kommune"),
    ),
    people=(Person(id="kari", name="Kari Nordmann"), Person(id="ola", name="Ola Nordmann")),
    participants=tuple(Participant(organisation=p) for p in PARTICIPANTS),
    roles=(
        RoleAssignment(role=Role.PROJECT_LEADER, person="kari", organisation="molde", note="50 %"),
        RoleAssignment(role=Role.PROJECT_LEADER, holder="Rådmann", organisation="molde"),
        RoleAssignment(role=Role.PROJECT_OWNER, person="ola", organisation="molde"),
        RoleAssignment(role=Role.PROJECT_LEADER, person="ola", organisation="bomlo"),
    ),
    milestones=(
        Milestone(
            id="m1", title="Ny plan", participant="molde", estimated_finish=PartialDate(2004, 5)
        ),
    ),
    status_entries=(
        _entry("molde", EARLIER, Rag.RED),
        _entry(
            "molde",
            H1,
            Rag.AMBER,
            source="Rapport juni",
            reported_on=PartialDate(2004, 6, 20),
            dimensions=(
                DimensionStatus(dimension="risk", rag=Rag.GREEN),
                DimensionStatus(dimension="morale", rag=Rag.RED),
                DimensionStatus(dimension="progress", rag=Rag.AMBER),
            ),
            narrative="Godt i gang.",
            steering_group_meetings=4,
            next_steps=("Ny turnus",),
            risks=("Sykefravær",),
        ),
        _entry("bomlo", EARLIER, Rag.GREEN),
        _entry("bomlo", H1, Rag.RED),
        _entry("vadso", EARLIER, Rag.GREEN),
        _entry("vadso", H1, Rag.GREEN),
        _entry("alna", EARLIER, Rag.NOT_ASSESSED),
        _entry("alna", H1, Rag.AMBER),
        _entry("heroy", H1, Rag.GREEN),
    ),
    events=(
        Event(
            id="v1",
            kind=EventKind.VISIT,
            title="Besøk fra departementet",
            start=PartialDate(2004, 3, 2),
            when="mars",
            participants=("molde",),
            people=("kari", "ola"),
            focus=("Turnus",),
        ),
        Event(
            id="v2",
            kind=EventKind.VISIT,
            title="Senere",
            start=PartialDate(2004, 9, 1),
            participants=("molde",),
        ),
        Event(
            id="v3",
            kind=EventKind.VISIT,
            title="Bømlo",
            start=PartialDate(2004, 2, 1),
            participants=("bomlo",),
        ),
        Event(
            id="m1",
            kind=EventKind.MEETING,
            title="Møte",
            start=PartialDate(2004, 2, 1),
            participants=("molde",),
        ),
        Event(
            id="j1",
            kind=EventKind.JOINT_GATHERING,
            title="Samling",
            start=PartialDate(2004, 4, 1),
            end=PartialDate(2004, 4, 2),
            place="Gardermoen",
            audience="Prosjektledere",
            focus=("Gevinster",),
            description="To dager.",
        ),
        Event(
            id="j2",
            kind=EventKind.JOINT_GATHERING,
            title="Dagsamling",
            start=PartialDate(2004, 5, 5),
            end=PartialDate(2004, 5, 5),
        ),
        Event(
            id="j3", kind=EventKind.JOINT_GATHERING, title="Høst", start=PartialDate(2004, 10, 1)
        ),
    ),
    evaluation=Evaluation(
        evaluators=("dep",),
        purpose="Lære.",
        status="I gang.",
        deliverables=(
            Deliverable(
                id="l1",
                title="Nåsituasjon",
                due=PartialDate(2004, 6),
                due_text="juni",
                delivered=PartialDate(2004, 6, 15),
            ),
        ),
    ),
)


def _build(
    period: Period | None = H1, participant: str | None = None, language: Language | None = None
) -> Report:
    return FORMAT.build(
        PROGRAMME, BuildRequest(period=period, participant=participant, language=language)
    )


def _rows(report: Report, key: str) -> list[Mapping[str, Value]]:
    return [row for section in report.sections_for(key) for row in section.rows]


def test_the_key_figures_count_who_reported_and_name_who_did_not() -> None:
    report = _build()
    figures = report.sections_for("key_figures")[0]
    assert dict(figures.values) == {
        "participants": 6,
        "reported": 5,
        "not_reported": ("Sogndal kommune",),
        "milestones_done": 0,
        "milestones_late": 1,
        "milestones_coming": 0,
    }
    introduction = report.sections_for("introduction")[0]
    assert dict(introduction.values) == {"description": "Modernisering."}


def test_the_summary_has_each_participant_s_status_and_how_it_moved() -> None:
    summary = _rows(_build(), "status_overview")
    assert [(row.get("participant"), row.get("overall"), row.get("change")) for row in summary] == [
        ("Molde kommune", Rag.AMBER, "Bedre"),
        ("Bømlo kommune", Rag.RED, "Dårligere"),
        ("Vadsø kommune", Rag.GREEN, "Uendret"),
        ("Bydel Alna", Rag.AMBER, "Endret"),
        ("Herøy kommune", Rag.GREEN, "Første rapport"),
        ("Sogndal kommune", None, None),
    ]
    assert [row.get("note") for row in summary] == [None] * 5 + ["Ikke rapportert"]
    molde = summary[0]
    assert [molde.get(key) for key in ("progress", "economy", "quality", "risk", "other")] == [
        Rag.AMBER,
        None,
        None,
        Rag.GREEN,
        ("morale: Rød",),
    ]
    assert summary[1].get("other") is None


@pytest.mark.parametrize(
    ("language", "words", "missing"),
    [
        (
            Language.NN,
            ["Betre", "Dårlegare", "Uendra", "Endra", "Første rapport"],
            "Ikkje rapportert",
        ),
        (Language.EN, ["Better", "Worse", "Unchanged", "Changed", "First report"], "Not reported"),
    ],
)
def test_the_summary_speaks_the_language_asked_for(
    language: Language, words: list[str], missing: str
) -> None:
    report = _build(language=language)
    assert report.language is language
    summary = _rows(report, "status_overview")
    assert [row.get("change") for row in summary[:5]] == words
    assert summary[5].get("note") == missing
    assert report.sections_for("participant")[5].value("missing") == missing


def test_the_changes_section_lists_every_participant_s_changes() -> None:
    changes = _rows(_build(), "changes")
    assert [(row.get("participant"), row.get("kind"), row.get("item")) for row in changes] == [
        ("Molde kommune", "Status endret", "Samlet"),
        ("Molde kommune", "Milepæl forsinket", "Ny plan"),
        ("Molde kommune", "Møte", "Møte"),
        ("Bømlo kommune", "Status endret", "Samlet"),
        ("Bydel Alna", "Status endret", "Samlet"),
    ]
    assert _build(period=Period.parse("2005-H1")).sections_for("changes") == ()


def test_each_participant_has_its_own_section_with_its_report() -> None:
    sections = _build().sections_for("participant")
    assert [s.title for s in sections] == [
        "Molde kommune",
        "Bømlo kommune",
        "Vadsø kommune",
        "Bydel Alna",
        "Herøy kommune",
        "Sogndal kommune",
    ]
    assert dict(sections[0].values) == {
        "source": "Rapport juni",
        "reported_on": PartialDate(2004, 6, 20),
        "overall": Rag.AMBER,
        "narrative": "Godt i gang.",
        "steering_group_meetings": 4,
        "leaders": ("Kari Nordmann – 50 %", "Rådmann"),
        "next_steps": ("Ny turnus",),
        "risks": ("Sykefravær",),
    }
    assert dict(sections[1].values) == {"overall": Rag.RED, "leaders": ("Ola Nordmann",)}
    assert dict(sections[5].values) == {"missing": "Ikke rapportert"}


def test_visits_and_meetings_in_the_period_follow_the_participant_they_were_to() -> None:
    report = _build()
    keys = [s.key for s in report.sections]
    molde = keys.index("participant")
    assert keys[molde + 1 : molde + 3] == ["dimensions", "events"]
    events = report.sections_for("events")
    assert [s.title for s in events] == ["Besøk og møter i Molde kommune", "Besøk i Bømlo kommune"]
    assert [dict(row) for row in events[0].rows] == [
        {
            "kind": "Besøk",
            "when": "mars",
            "date": PartialDate(2004, 3, 2),
            "title": "Besøk fra departementet",
            "focus": ("Turnus",),
            "people": ("Kari Nordmann", "Ola Nordmann"),
        },
        {"kind": "Møte", "date": PartialDate(2004, 2, 1), "title": "Møte"},
    ]
    assert [dict(row) for row in events[1].rows] == [
        {"kind": "Besøk", "date": PartialDate(2004, 2, 1), "title": "Bømlo"}
    ]
    english = _build(language=Language.EN).sections_for("events")
    assert [s.title for s in english] == [
        "Visits and meetings in Molde kommune",
        "Visits to Bømlo kommune",
    ]
    nynorsk = _build(language=Language.NN).sections_for("events")
    assert nynorsk[0].title == "Besøk og møte i Molde kommune"


def test_joint_activities_and_the_evaluation_close_the_programme_s_status() -> None:
    report = _build()
    assert [dict(row) for row in _rows(report, "joint_activities")] == [
        {
            "kind": "Samling",
            "start": PartialDate(2004, 4, 1),
            "end": PartialDate(2004, 4, 2),
            "title": "Samling",
            "place": "Gardermoen",
            "audience": "Prosjektledere",
            "focus": ("Gevinster",),
            "description": "To dager.",
        },
        {"kind": "Samling", "start": PartialDate(2004, 5, 5), "title": "Dagsamling"},
    ]
    evaluation = report.sections_for("evaluation")[0]
    assert dict(evaluation.values) == {
        "evaluators": ("Departementet",),
        "purpose": "Lære.",
        "status": "I gang.",
    }
    assert [dict(row) for row in evaluation.rows] == [
        {
            "title": "Nåsituasjon",
            "due": PartialDate(2004, 6),
            "due_text": "juni",
            "delivered": PartialDate(2004, 6, 15),
        }
    ]
    assert report.title == "Stifinneren"
    assert report.participant is None
    assert report.period == H1
    assert report.language is Language.NB
    assert report.programme == "stifinneren"


def test_the_status_of_one_participant_is_that_participant_s_alone() -> None:
    report = _build(participant="bomlo")
    assert report.title == "Stifinneren: Bømlo kommune"
    assert report.participant == "bomlo"
    assert [s.key for s in report.sections] == [
        "key_figures",
        "status_overview",
        "introduction",
        "changes",
        "participant",
        "events",
    ]
    assert report.sections_for("key_figures")[0].value("participants") == 1
    assert [row.get("participant") for row in _rows(report, "changes")] == ["Bømlo kommune"]


def test_without_a_period_nobody_is_counted_as_not_reported_and_nothing_changed() -> None:
    report = _build(period=None)
    figures = report.sections_for("key_figures")[0]
    assert figures.value("reported") is None
    assert figures.value("not_reported") is None
    assert report.sections_for("status_overview") == ()
    assert report.sections_for("changes") == ()
    assert len(report.sections_for("events")) == 2
    assert len(_rows(report, "joint_activities")) == 3


def test_a_participant_not_in_the_programme_gets_a_report_of_nobody_under_its_own_id() -> None:
    report = _build(participant="ukjent")
    assert report.title == "Stifinneren: ukjent"
    assert report.sections_for("participant") == ()
    assert [s.key for s in report.sections] == ["introduction"]
