"""The example programmes carry the facts of the seed documents they come from."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from omstilling.lint import lint
from omstilling.model import (
    DecisionKind,
    EventKind,
    GoalKind,
    LessonKind,
    Money,
    OfficeKind,
    OrganisationKind,
    PartialDate,
    Period,
    Programme,
    Rag,
)


def test_every_example_is_there(examples: dict[str, Programme]) -> None:
    assert sorted(examples) == [
        "alna-2006",
        "flesberg-rollag",
        "hammerfest-sjumilssteget",
        "kongsvinger-omstilling-2012",
        "nye-asker-2020",
        "stifinneren-2004",
    ]


def test_stifinneren(examples: dict[str, Programme]) -> None:
    p = examples["stifinneren-2004"]
    assert p.organisation(p.owner).kind is OrganisationKind.STATE
    names = [p.organisation(x.organisation).name for x in p.participants]
    assert len(names) == 8
    assert any("Alna" in n for n in names)
    alna = p.organisation("alna")
    assert alna.kind is OrganisationKind.CITY_DISTRICT
    assert alna.parent is not None
    assert "Oslo" in p.organisation(alna.parent).name
    assert alna.organisation_number == "970534644"
    # one half-yearly status per participant, with the participant's narrative
    h1 = Period.parse("2004-H1")
    for participant in p.participants:
        entry = p.status_for(participant.organisation, h1)
        assert entry is not None
        assert entry.narrative
    vadso = p.status_for("vadso", h1)
    assert vadso is not None
    assert vadso.steering_group_meetings == 6
    assert "godt i gang" in (vadso.narrative or "")
    molde = p.status_for("molde", h1)
    assert molde is not None
    assert [d.rag for d in molde.dimensions] == [Rag.AMBER]
    # the ministry's visits: one per participant, with focus topics and people
    visits = [e for e in p.events if e.kind is EventKind.VISIT]
    assert sorted(v for e in visits for v in e.participants) == sorted(
        x.organisation for x in p.participants
    )
    assert all(e.focus and e.people for e in visits)
    people = {x.id: x.name for x in p.people}
    assert "Kjelrun Espedal" in people.values()
    # two joint gatherings in spring 2004
    gatherings = {
        e.place: (e.start, e.end)
        for e in p.events
        if e.kind is EventKind.JOINT_GATHERING and e.start is not None
    }
    assert gatherings == {
        "Gardermoen": (PartialDate(2004, 4, 19), PartialDate(2004, 4, 20)),
        "Klækken": (PartialDate(2004, 6, 15), PartialDate(2004, 6, 16)),
    }
    # the evaluation and its dated deliverables
    assert p.evaluation is not None
    evaluators = [p.organisation(e) for e in p.evaluation.evaluators]
    assert any("Rogalandsforskning" in o.name for o in evaluators)
    assert any(o.short_name == "NIBR" for o in evaluators)
    dues = {d.due for d in p.evaluation.deliverables}
    assert PartialDate(2004, 10, 1) in dues
    assert PartialDate(2005) in dues
    # project leaders changed in four municipalities: two leaders each
    leaders = Counter(r.organisation for r in p.roles if r.role.value == "project-leader")
    assert {org for org, count in leaders.items() if count >= 2} == {
        "molde",
        "tingvoll",
        "bomlo",
        "porsgrunn",
    }
    # Porsgrunn's 80 million
    targets = [
        e.target for m in p.measures for e in m.economic_effects if m.participant == "porsgrunn"
    ]
    assert Money(Decimal(80_000_000)) in targets


def test_kongsvinger(examples: dict[str, Programme]) -> None:
    p = examples["kongsvinger-omstilling-2012"]
    areas = {a.id: a for a in p.project_areas}
    assert len(areas) == 4
    effect_goals = [g for g in p.goals if g.kind is GoalKind.EFFECT]
    assert sorted(g.area or "" for g in effect_goals) == sorted(areas)
    assert len(p.subprojects) == 22
    per_area = {a: [s.code for s in p.subprojects if s.area == a] for a in areas}
    assert sorted(len(codes) for codes in per_area.values()) == [5, 5, 6, 6]
    assert all(codes == [str(i) for i in range(1, len(codes) + 1)] for codes in per_area.values())
    # the council decision KST-sak 139/12, items a) to j)
    kst = next(
        d for d in p.decisions if d.case is not None and d.case.meeting_case == "KST-sak 139/12"
    )
    assert kst.kind is DecisionKind.POLITICAL
    assert kst.date == PartialDate(2012, 12, 13)
    assert [i.label for i in kst.items] == list("abcdefghij")
    assert [i.label for i in kst.items if i.kind is DecisionKind.NOTED] == ["i", "j"]
    assert "800.000" in kst.items[1].text
    # the delegated decision: case 12/1728, archive code K1-034, decisions per area
    delegated = next(d for d in p.decisions if d.kind is DecisionKind.DELEGATED)
    assert delegated.case is not None
    assert delegated.case.case_number == "2012/1728"
    assert delegated.case.archive_code == "K1-034"
    groups = {g: [i.label for i in delegated.items if i.group == g] for g in delegated.groups}
    assert [len(labels) for labels in groups.values()] == [7, 5, 7, 7, 6]
    samfunn = next(labels for g, labels in groups.items() if g and "Samfunn" in g)
    assert samfunn == [str(n) for n in range(8, 15)]
    item_14 = next(i for i in delegated.items if i.label == "14")
    assert [s.label for s in item_14.subitems] == ["a", "b", "c"]
    # the steering group's recommendation, with Fagforbundet's dissent on the economy
    dissents = [x for d in p.decisions for x in d.dissents]
    assert len(dissents) == 1
    assert "Fagforbundet" in dissents[0].by + (dissents[0].role or "")
    assert "økonomi" in dissents[0].concerning
    # the 11 prioritised measures, the 15 % admin cut = 10 positions, 35 MNOK
    prioritised = sorted((m for m in p.measures if m.priority), key=lambda m: m.priority or 0)
    assert [m.priority for m in prioritised] == list(range(1, 12))
    assert prioritised[0].title.startswith("Etablering av felles forvaltningsteam")
    staffing = [m.staffing_effect for m in p.measures if m.staffing_effect]
    assert [(s.positions, s.share_percent) for s in staffing] == [(Decimal(10), Decimal(15))]
    targets = {i.target for i in p.indicators}
    assert Decimal(35_000_000) in targets
    goal = next(g for g in p.goals if g.indicator is not None)
    assert "35 millioner" in goal.text
    people = {x.name for x in p.people}
    assert {"Lars Gillund", "Torleif Lindahl"} <= people


def test_hammerfest(examples: dict[str, Programme]) -> None:
    p = examples["hammerfest-sjumilssteget"]
    assert p.language.value == "nn"
    assert (p.mandate and "tverrfagleg" in p.mandate.lower()) or "tverrfaglig" in (p.mandate or "")
    main = [g for g in p.goals if g.kind is GoalKind.MAIN]
    assert [g.text for g in main] == [
        "Sikre at Hammerfest kommune arbeider i samsvar med Barnekonvensjonen."
    ]
    assert sorted(g.phase or "" for g in p.goals if g.kind is GoalKind.WORK) == ["fase-1", "fase-2"]
    assert len(p.success_factors) == 7
    numbered = [a for a in p.activities if a.number]
    assert [a.number for a in numbered] == [str(n) for n in range(1, 15)]
    assert all(a.done for a in numbered)
    assert numbered[1].time == "20. desember 2013"
    assert numbered[1].due == PartialDate(2013, 12, 20)
    assert numbered[13].time == "april/mai 2014"
    assert len(p.milestones) == 12
    assert p.milestones[0].estimated_start == PartialDate(2013, 12, 1)
    assert p.milestones[0].estimated_finish == PartialDate(2013, 12, 13)
    assert p.milestones[0].title.startswith("Utforming av detaljert prosjektplan")
    # the source's own slip (finish before start) is kept, and warned about
    last = p.milestones[-1]
    assert (last.estimated_start, last.estimated_finish) == (
        PartialDate(2014, 5, 31),
        PartialDate(2014, 4, 30),
    )
    assert [w.path for w in lint(p)] == ["milestones[11].estimated_finish"]
    focus_areas = [a for a in p.project_areas if a.kind.value == "focus-area"]
    assert len(focus_areas) == 13
    assert {lesson.kind for lesson in p.lessons} == set(LessonKind)
    coordinator = next(x for x in p.people if x.name == "Grethe Nissen")
    assert coordinator.email == "grethe.nissen@hammerfest.kommune.no"


def test_alna(examples: dict[str, Programme]) -> None:
    p = examples["alna-2006"]
    alna = p.organisation(p.owner)
    assert alna.kind is OrganisationKind.CITY_DISTRICT
    assert alna.organisation_number == "970534644"
    assert alna.parent is not None
    assert p.organisation(alna.parent).municipality_number() == "0301"
    economy = next(i for i in p.indicators if i.unit == "NOK" and len(i.values) >= 2)
    actual = {str(v.period): v.actual for v in economy.values}
    assert actual["2004"] == Decimal(-28_000_000)
    assert actual["2005"] == Decimal(9_500_000)
    assert economy.higher_is_better is True
    letter = next(d for d in p.documents if d.our_ref is not None)
    assert letter.date == PartialDate(2006, 9, 9)
    assert letter.our_ref is not None
    assert letter.our_ref.case_number == "2006/696-2"
    assert letter.our_ref.archive_code == "032.0"
    assert letter.their_ref is not None
    assert letter.their_ref.case_number == "2006/2037"
    assert letter.case_officer is not None
    assert any(x.name == "Erik Kjeldstadli" for x in p.people)


def test_flesberg_rollag(examples: dict[str, Programme]) -> None:
    p = examples["flesberg-rollag"]
    service = p.organisation(p.owner)
    assert service.kind is OrganisationKind.INTER_MUNICIPAL
    shares = {m.organisation: m.cost_share for m in service.members}
    assert shares == {"flesberg": Decimal(60), "rollag": Decimal(40)}
    assert service.host == "flesberg"
    offices = {(o.kind, o.municipality, o.days_open_per_week) for o in service.offices}
    assert offices == {(OfficeKind.MAIN, "flesberg", 5), (OfficeKind.BRANCH, "rollag", 3)}
    assert sorted(x.organisation for x in p.participants) == ["flesberg", "rollag"]
    assert any("forsøk" in basis.lower() for basis in p.legal_basis)
    assert any(x.name == "Widar Stoltz" for x in p.people)
    assert any(m.estimated_finish == PartialDate(2001, 3, 1) for m in p.milestones)


def test_examples_round_trip_exactly(examples: dict[str, Programme]) -> None:
    from omstilling.files import dumps, loads

    for programme in examples.values():
        assert loads(dumps(programme)) == programme
        assert loads(dumps(programme, "json"), "json") == programme
