"""Every reference a programme holds is checked, and every repeated id: each problem
names the path of the item at fault, what it refers to, and the kind of problem."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from omstilling.model import (
    Activity,
    Benefit,
    Body,
    BodyKind,
    BudgetKind,
    BudgetLine,
    Decision,
    DecisionItem,
    DecisionKind,
    Deliverable,
    Deviation,
    DimensionStatus,
    Dissent,
    Document,
    Evaluation,
    Event,
    EventKind,
    FollowUp,
    FollowUpStatus,
    Goal,
    GoalKind,
    Indicator,
    InvalidProgramme,
    Measure,
    Membership,
    Milestone,
    Office,
    Organisation,
    OrganisationKind,
    PartialDate,
    Participant,
    Period,
    Person,
    Phase,
    Programme,
    ProjectArea,
    Rag,
    Risk,
    Role,
    RoleAssignment,
    Stakeholder,
    StatusEntry,
    Subproject,
)

EVALUATION = Evaluation(evaluators=("dep",), deliverables=(Deliverable(id="l1", title="Rapport"),))

FULL = Programme(
    id="p",
    name="P",
    owner="dep",
    organisations=(
        Organisation(id="dep", name="Departementet", predecessors=("bomlo",)),
        Organisation(
            id="molde",
            name="Romsdal IKS",
            kind=OrganisationKind.INTER_MUNICIPAL,
            parent="dep",
            members=(Membership(organisation="bomlo"), Membership(organisation="dep")),
            offices=(Office(name="Servicetorget", municipality="molde"),),
        ),
        Organisation(
            id="bomlo", name="Bømlo kommune", successor="dep", successor_from=PartialDate(2020)
        ),
    ),
    people=(Person(id="kari", name="Kari Nordmann", organisation="molde"),),
    participants=(Participant(organisation="molde"), Participant(organisation="bomlo")),
    stakeholders=(Stakeholder(organisation="dep"),),
    bodies=(
        Body(id="styre", name="Styringsgruppa", kind=BodyKind.COUNCIL, organisation="molde"),
        Body(id="nemnd", name="Fellesnemnda", kind=BodyKind.COUNCIL),
    ),
    roles=(
        RoleAssignment(
            role=Role.PROJECT_LEADER,
            person="kari",
            organisation="molde",
            body="styre",
            subproject="s1",
        ),
    ),
    phases=(Phase(id="f1", name="Fase 1"),),
    project_areas=(
        ProjectArea(id="a1", name="Oppvekst", phase="f1"),
        ProjectArea(id="a2", name="Helse"),
    ),
    goals=(
        Goal(id="g1", kind=GoalKind.EFFECT, text="Bedre", area="a1", phase="f1", indicator="i1"),
    ),
    indicators=(Indicator(id="i1", name="Sykefravær", participant="molde"),),
    subprojects=(
        Subproject(
            id="s1",
            name="Vurdering",
            area="a1",
            other_areas=("a2",),
            participant="molde",
            leader="kari",
            group="styre",
            effect_goal="g1",
        ),
        Subproject(id="s2", name="Arbeidsgruppe", parent="s1"),
    ),
    milestones=(
        Milestone(id="m1", title="Plan", subproject="s1", participant="molde", phase="f1"),
    ),
    activities=(Activity(id="x1", activity="Kartlegging", phase="f1", subproject="s1"),),
    decisions=(
        Decision(
            id="d1",
            title="Vedtak",
            body="styre",
            joint_bodies=("nemnd",),
            kind=DecisionKind.POLITICAL,
            referred_to="styre",
            participant="molde",
            documents=("doc1",),
            items=(
                DecisionItem(
                    label="a",
                    text="Vedtas",
                    measures=("t1",),
                    milestones=("m1",),
                    participant="molde",
                    responsible="Rådmannen",
                    due=PartialDate(2005),
                    follow_up=(
                        FollowUp(period=Period.parse("2004-H2"), status=FollowUpStatus.DONE),
                    ),
                ),
            ),
            dissents=(
                Dissent(by="Kari", concerning="økonomi", person="kari", organisation="bomlo"),
            ),
        ),
    ),
    measures=(
        Measure(
            id="t1",
            title="Tiltak",
            area="a1",
            subproject="s1",
            participant="molde",
            phase="f1",
            decisions=("d1",),
        ),
    ),
    events=(
        Event(
            id="e1",
            kind=EventKind.VISIT,
            title="Besøk",
            participants=("molde",),
            organisations=("dep",),
            people=("kari",),
        ),
    ),
    status_entries=(
        StatusEntry(
            period=Period.parse("2004-H1"),
            participant="molde",
            subproject="s1",
            dimensions=(DimensionStatus(dimension="risk", rag=Rag.GREEN),),
        ),
    ),
    risks=(Risk(id="r1", title="Risiko", participant="molde", subproject="s1"),),
    deviations=(
        Deviation(
            id="v1",
            title="Avvik",
            reported_in=Period.parse("2004-H1"),
            participant="molde",
            subproject="s1",
            milestone="m1",
        ),
    ),
    benefits=(
        Benefit(
            id="b1",
            title="Gevinst",
            indicator="i1",
            measures=("t1",),
            subprojects=("s1",),
            participant="molde",
        ),
    ),
    economy=(
        BudgetLine(
            period=Period.parse("2004"),
            kind=BudgetKind.GRANT,
            organisation="molde",
            participant="molde",
            grantor="dep",
        ),
    ),
    evaluation=Evaluation(
        evaluators=("dep",), deliverables=(Deliverable(id="l1", title="Rapport"),)
    ),
    documents=(
        Document(
            id="doc1",
            title="Brev",
            author="dep",
            recipient="molde",
            copies_to=("bomlo",),
            signed_by="kari",
            case_officer="kari",
        ),
    ),
)
"""A programme with one of everything, each reference filled in and resolving."""


def _problems(change: Callable[[], Programme]) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidProgramme) as caught:
        change()
    return [(p.path, p.message, p.code) for p in caught.value.problems]


def _item(collection: str, index: int, **changes: Any) -> dict[str, Any]:
    """The fields of a programme like :data:`FULL` with ``changes`` made to one item."""
    items = list(getattr(FULL, collection))
    items[index] = attrs.evolve(items[index], **changes)
    return {collection: tuple(items)}


def _nested(collection: str, field: str, index: int = 0, **changes: Any) -> dict[str, Any]:
    """Changes to the first element of the tuple ``field`` of a collection's item."""
    inner = getattr(getattr(FULL, collection)[index], field)
    changed = (attrs.evolve(inner[0], **changes), *inner[1:])
    return _item(collection, index, **{field: changed})


def test_the_full_programme_is_valid() -> None:
    assert attrs.evolve(FULL) == FULL


BROKEN: list[tuple[dict[str, Any], str, str]] = [
    ({"owner": "x"}, "owner", "organisation or body"),
    (_item("organisations", 1, parent="x"), "organisations[1].parent", "organisation"),
    (
        _item("organisations", 0, predecessors=("bomlo", "x")),
        "organisations[0].predecessors[1]",
        "organisation",
    ),
    (_item("organisations", 1, successor="x"), "organisations[1].successor", "organisation"),
    (
        _nested("organisations", "members", 1, organisation="x"),
        "organisations[1].members[0].organisation",
        "organisation",
    ),
    (
        _nested("organisations", "offices", 1, municipality="x"),
        "organisations[1].offices[0].municipality",
        "organisation",
    ),
    (_item("people", 0, organisation="x"), "people[0].organisation", "organisation"),
    (_item("participants", 1, organisation="x"), "participants[1].organisation", "organisation"),
    (_item("stakeholders", 0, organisation="x"), "stakeholders[0].organisation", "organisation"),
    (_item("bodies", 0, organisation="x"), "bodies[0].organisation", "organisation"),
    (_item("roles", 0, person="x"), "roles[0].person", "person"),
    (_item("roles", 0, organisation="x"), "roles[0].organisation", "organisation"),
    (_item("roles", 0, body="x"), "roles[0].body", "body"),
    (_item("roles", 0, subproject="x"), "roles[0].subproject", "subproject"),
    (_item("project_areas", 0, phase="x"), "project_areas[0].phase", "phase"),
    (_item("goals", 0, area="x"), "goals[0].area", "project area"),
    (_item("goals", 0, phase="x"), "goals[0].phase", "phase"),
    (_item("goals", 0, indicator="x"), "goals[0].indicator", "indicator"),
    (_item("subprojects", 0, area="x"), "subprojects[0].area", "project area"),
    (
        _item("subprojects", 0, other_areas=("a1", "x")),
        "subprojects[0].other_areas[1]",
        "project area",
    ),
    (_item("subprojects", 0, participant="dep"), "subprojects[0].participant", "participant"),
    (_item("subprojects", 0, leader="x"), "subprojects[0].leader", "person"),
    (_item("subprojects", 0, group="x"), "subprojects[0].group", "body"),
    (_item("subprojects", 0, effect_goal="x"), "subprojects[0].effect_goal", "goal"),
    (_item("subprojects", 1, parent="x"), "subprojects[1].parent", "subproject"),
    (_item("milestones", 0, subproject="x"), "milestones[0].subproject", "subproject"),
    (_item("milestones", 0, participant="dep"), "milestones[0].participant", "participant"),
    (_item("milestones", 0, phase="x"), "milestones[0].phase", "phase"),
    (_item("activities", 0, phase="x"), "activities[0].phase", "phase"),
    (_item("activities", 0, subproject="x"), "activities[0].subproject", "subproject"),
    (_item("decisions", 0, body="x"), "decisions[0].body", "body"),
    (_item("decisions", 0, joint_bodies=("x",)), "decisions[0].joint_bodies[0]", "body"),
    (_item("decisions", 0, referred_to="x"), "decisions[0].referred_to", "body"),
    (_item("decisions", 0, participant="dep"), "decisions[0].participant", "participant"),
    (_item("decisions", 0, documents=("x",)), "decisions[0].documents[0]", "document"),
    (
        _nested("decisions", "items", measures=("t1", "x")),
        "decisions[0].items[0].measures[1]",
        "measure",
    ),
    (
        _nested("decisions", "items", milestones=("x",)),
        "decisions[0].items[0].milestones[0]",
        "milestone",
    ),
    (
        _nested("decisions", "items", participant="dep"),
        "decisions[0].items[0].participant",
        "participant",
    ),
    (_nested("decisions", "dissents", person="x"), "decisions[0].dissents[0].person", "person"),
    (
        _nested("decisions", "dissents", organisation="x"),
        "decisions[0].dissents[0].organisation",
        "organisation",
    ),
    (_item("measures", 0, area="x"), "measures[0].area", "project area"),
    (_item("measures", 0, subproject="x"), "measures[0].subproject", "subproject"),
    (_item("measures", 0, participant="dep"), "measures[0].participant", "participant"),
    (_item("measures", 0, phase="x"), "measures[0].phase", "phase"),
    (_item("measures", 0, decisions=("x",)), "measures[0].decisions[0]", "decision"),
    (_item("indicators", 0, participant="dep"), "indicators[0].participant", "participant"),
    (_item("events", 0, participants=("dep",)), "events[0].participants[0]", "participant"),
    (_item("events", 0, organisations=("x",)), "events[0].organisations[0]", "organisation"),
    (_item("events", 0, people=("x",)), "events[0].people[0]", "person"),
    (
        _item("status_entries", 0, participant="dep"),
        "status_entries[0].participant",
        "participant",
    ),
    (_item("status_entries", 0, subproject="x"), "status_entries[0].subproject", "subproject"),
    (
        _nested("status_entries", "dimensions", dimension="x"),
        "status_entries[0].dimensions[0].dimension",
        "status dimension",
    ),
    (
        {"evaluation": attrs.evolve(EVALUATION, evaluators=("dep", "x"))},
        "evaluation.evaluators[1]",
        "organisation",
    ),
    (_item("documents", 0, author="x"), "documents[0].author", "organisation or person"),
    (_item("documents", 0, recipient="x"), "documents[0].recipient", "organisation"),
    (_item("documents", 0, copies_to=("x",)), "documents[0].copies_to[0]", "organisation"),
    (_item("documents", 0, signed_by="x"), "documents[0].signed_by", "person"),
    (_item("documents", 0, case_officer="x"), "documents[0].case_officer", "person"),
    (_item("risks", 0, participant="dep"), "risks[0].participant", "participant"),
    (_item("risks", 0, subproject="x"), "risks[0].subproject", "subproject"),
    (_item("deviations", 0, participant="dep"), "deviations[0].participant", "participant"),
    (_item("deviations", 0, subproject="x"), "deviations[0].subproject", "subproject"),
    (_item("deviations", 0, milestone="x"), "deviations[0].milestone", "milestone"),
    (_item("benefits", 0, indicator="x"), "benefits[0].indicator", "indicator"),
    (_item("benefits", 0, measures=("t1", "x")), "benefits[0].measures[1]", "measure"),
    (_item("benefits", 0, subprojects=("x",)), "benefits[0].subprojects[0]", "subproject"),
    (_item("benefits", 0, participant="dep"), "benefits[0].participant", "participant"),
    (_item("economy", 0, organisation="x"), "economy[0].organisation", "organisation"),
    (_item("economy", 0, participant="dep"), "economy[0].participant", "participant"),
    (_item("economy", 0, grantor="x"), "economy[0].grantor", "organisation"),
]


@pytest.mark.parametrize(("changes", "path", "what"), BROKEN, ids=[case[1] for case in BROKEN])
def test_every_broken_reference_is_named_by_its_path_and_what_it_refers_to(
    changes: dict[str, Any], path: str, what: str
) -> None:
    value = "dep" if what == "participant" else "x"
    assert _problems(lambda: attrs.evolve(FULL, **changes)) == [
        (path, f"unknown {what} {value!r}", "reference")
    ]


def _twice(collection: str) -> dict[str, Any]:
    items = getattr(FULL, collection)
    return {collection: (*items, items[0])}


REPEATED: list[tuple[dict[str, Any], str, str]] = [
    (
        {"status_dimensions": (*FULL.status_dimensions, "risk")},
        "status_dimensions[4]",
        "dimension 'risk'",
    ),
    (_twice("organisations"), "organisations[3]", "id 'dep'"),
    (_twice("people"), "people[1]", "id 'kari'"),
    (_twice("participants"), "participants[2]", "participant 'molde'"),
    (_twice("stakeholders"), "stakeholders[1]", "stakeholder 'dep'"),
    (_twice("bodies"), "bodies[2]", "id 'styre'"),
    (_twice("phases"), "phases[1]", "id 'f1'"),
    (_twice("project_areas"), "project_areas[2]", "id 'a1'"),
    (_twice("goals"), "goals[1]", "id 'g1'"),
    (_twice("subprojects"), "subprojects[2]", "id 's1'"),
    (_twice("milestones"), "milestones[1]", "id 'm1'"),
    (_twice("activities"), "activities[1]", "id 'x1'"),
    (_twice("decisions"), "decisions[1]", "id 'd1'"),
    (_twice("measures"), "measures[1]", "id 't1'"),
    (_twice("indicators"), "indicators[1]", "id 'i1'"),
    (_twice("events"), "events[1]", "id 'e1'"),
    (
        _twice("status_entries"),
        "status_entries[1]",
        "status for (participant, subproject, period) ('molde', 's1', '2004-H1')",
    ),
    (_twice("documents"), "documents[1]", "id 'doc1'"),
    (_twice("risks"), "risks[1]", "id 'r1'"),
    (_twice("deviations"), "deviations[1]", "id 'v1'"),
    (_twice("benefits"), "benefits[1]", "id 'b1'"),
    (
        {
            "evaluation": attrs.evolve(
                EVALUATION,
                deliverables=(
                    Deliverable(id="l1", title="A"),
                    Deliverable(id="l2", title="B"),
                    Deliverable(id="l1", title="C"),
                ),
            )
        },
        "evaluation.deliverables[2]",
        "id 'l1'",
    ),
]


@pytest.mark.parametrize(("changes", "path", "what"), REPEATED, ids=[case[1] for case in REPEATED])
def test_every_repeated_id_is_named_at_its_repeat(
    changes: dict[str, Any], path: str, what: str
) -> None:
    assert _problems(lambda: attrs.evolve(FULL, **changes)) == [
        (path, f"{what} is used twice", "duplicate")
    ]


def test_an_id_used_three_times_is_named_at_each_repeat_and_only_there() -> None:
    milestone = FULL.milestones[0]
    other = attrs.evolve(milestone, id="m2")
    assert _problems(
        lambda: attrs.evolve(FULL, milestones=(milestone, other, milestone, other, milestone))
    ) == [
        ("milestones[2]", "id 'm1' is used twice", "duplicate"),
        ("milestones[3]", "id 'm2' is used twice", "duplicate"),
        ("milestones[4]", "id 'm1' is used twice", "duplicate"),
    ]


def test_problems_come_in_the_order_of_the_programme_every_one_of_them() -> None:
    changes = {
        **_item("milestones", 0, phase="x", participant="dep"),
        **_item("documents", 0, author="x", copies_to=("bomlo", "y", "z")),
        **_nested("decisions", "items", measures=("x",), milestones=("y",)),
    }
    assert _problems(lambda: attrs.evolve(FULL, **changes)) == [
        ("milestones[0].participant", "unknown participant 'dep'", "reference"),
        ("milestones[0].phase", "unknown phase 'x'", "reference"),
        ("decisions[0].items[0].measures[0]", "unknown measure 'x'", "reference"),
        ("decisions[0].items[0].milestones[0]", "unknown milestone 'y'", "reference"),
        ("documents[0].author", "unknown organisation or person 'x'", "reference"),
        ("documents[0].copies_to[1]", "unknown organisation 'y'", "reference"),
        ("documents[0].copies_to[2]", "unknown organisation 'z'", "reference"),
    ]


def test_a_second_broken_item_is_named_at_its_own_index() -> None:
    milestones = (
        FULL.milestones[0],
        Milestone(id="m2", title="B", phase="x"),
        Milestone(id="m3", title="C", subproject="y"),
    )
    assert _problems(lambda: attrs.evolve(FULL, milestones=milestones)) == [
        ("milestones[1].phase", "unknown phase 'x'", "reference"),
        ("milestones[2].subproject", "unknown subproject 'y'", "reference"),
    ]


def test_a_programme_without_an_evaluation_needs_no_evaluators() -> None:
    assert attrs.evolve(FULL, evaluation=None).evaluation is None


# --- parents -----------------------------------------------------------------------------


def _organisations(*parents: tuple[str, str | None]) -> tuple[Organisation, ...]:
    return tuple(Organisation(id=id, name=id.upper(), parent=parent) for id, parent in parents)


def _cycles(*parents: tuple[str, str | None]) -> list[tuple[str, str, str]]:
    organisations = (*FULL.organisations, *_organisations(*parents))
    try:
        attrs.evolve(FULL, organisations=organisations)
    except InvalidProgramme as caught:
        return [(p.path, p.message, p.code) for p in caught.problems]
    return []


def _cycle(index: int) -> tuple[str, str, str]:
    return (f"organisations[{index}].parent", "parents form a cycle", "cycle")


def test_a_chain_of_parents_that_ends_is_no_cycle() -> None:
    assert _cycles(("a", "b"), ("b", "c"), ("c", "dep"), ("d", "a")) == []


def test_every_organisation_in_a_cycle_or_leading_into_one_is_named() -> None:
    # FULL has three organisations: these are 3, 4, 5 and 6
    assert _cycles(("a", "b"), ("b", "c"), ("c", "a"), ("d", "b")) == [
        _cycle(3),
        _cycle(4),
        _cycle(5),
        _cycle(6),
    ]
    assert _cycles(("d", "a"), ("a", "b"), ("b", "a"), ("e", "dep")) == [
        _cycle(3),
        _cycle(4),
        _cycle(5),
    ]


def test_a_parent_that_is_unknown_ends_the_chain_and_is_reported_as_such() -> None:
    assert _cycles(("a", "b"), ("b", "x")) == [
        ("organisations[4].parent", "unknown organisation 'x'", "reference")
    ]


def test_a_repeated_id_follows_each_item_s_own_parent() -> None:
    # the first x leads back to itself through y; the second names no parent
    assert _cycles(("x", "y"), ("y", "x"), ("x", None)) == [
        ("organisations[5]", "id 'x' is used twice", "duplicate"),
        _cycle(3),
    ]
    # the chain from the first x ends at dep: only the repeat is wrong
    assert _cycles(("x", "y"), ("y", "dep"), ("x", "y")) == [
        ("organisations[5]", "id 'x' is used twice", "duplicate")
    ]
    # the first x's parent is unknown: reported as such, and no cycle
    assert _cycles(("x", "zz"), ("x", None)) == [
        ("organisations[4]", "id 'x' is used twice", "duplicate"),
        ("organisations[3].parent", "unknown organisation 'zz'", "reference"),
    ]
    # the second x leads into the cycle of a and b; the first x names no parent
    assert _cycles(("x", None), ("a", "b"), ("b", "a"), ("x", "a")) == [
        ("organisations[6]", "id 'x' is used twice", "duplicate"),
        _cycle(4),
        _cycle(5),
        _cycle(6),
    ]
