import pytest

from omstilling.model import (
    Body,
    BodyKind,
    CaseReference,
    Decision,
    DecisionItem,
    DecisionKind,
    Dissent,
    InvalidProgramme,
    Measure,
    Milestone,
    Organisation,
    Participant,
    Period,
    Problem,
    Programme,
    ProjectArea,
    Role,
    RoleAssignment,
    StatusEntry,
    Subproject,
)


def _programme(**fields: object) -> Programme:
    base: dict[str, object] = {
        "id": "p",
        "name": "P",
        "owner": "kommune",
        "organisations": (Organisation(id="kommune", name="Kommunen"),),
    }
    base.update(fields)
    return Programme(**base)  # type: ignore[arg-type]  # fields vary per test


def test_every_broken_reference_is_listed_with_its_path() -> None:
    with pytest.raises(InvalidProgramme) as caught:
        _programme(
            owner="nobody",
            project_areas=(ProjectArea(id="oppvekst", name="Oppvekst"),),
            subprojects=(
                Subproject(id="s1", name="Vurdering for læring", area="oppvekst"),
                Subproject(id="s2", name="Samarbeid", area="helse"),
            ),
            milestones=(Milestone(id="m1", title="Ferdig", subproject="s3"),),
            measures=(Measure(id="t1", title="Tiltak", decisions=("vedtak",)),),
        )
    assert caught.value.problems == (
        Problem("owner", "unknown organisation or body 'nobody'", "reference"),
        Problem("subprojects[1].area", "unknown project area 'helse'", "reference"),
        Problem("milestones[0].subproject", "unknown subproject 's3'", "reference"),
        Problem("measures[0].decisions[0]", "unknown decision 'vedtak'", "reference"),
    )


def test_duplicate_ids_are_listed() -> None:
    with pytest.raises(InvalidProgramme) as caught:
        _programme(
            subprojects=(
                Subproject(id="s1", name="A"),
                Subproject(id="s2", name="B"),
                Subproject(id="s1", name="C"),
            )
        )
    assert caught.value.problems == (
        Problem("subprojects[2]", "id 's1' is used twice", "duplicate"),
    )


def test_status_entries_are_unique_per_participant_and_period() -> None:
    entry = StatusEntry(period=Period.parse("2004-H1"), participant="kommune")
    with pytest.raises(InvalidProgramme, match="status_entries\\[1\\]"):
        _programme(
            participants=(Participant(organisation="kommune"),),
            status_entries=(entry, entry),
        )


def test_status_entry_dimension_must_be_declared() -> None:
    from omstilling.model import DimensionStatus, Rag

    entry = StatusEntry(
        period=Period.parse("2004-H1"),
        participant="kommune",
        dimensions=(DimensionStatus(dimension="mood", rag=Rag.GREEN),),
    )
    with pytest.raises(InvalidProgramme, match="unknown status dimension 'mood'"):
        _programme(participants=(Participant(organisation="kommune"),), status_entries=(entry,))


def test_decision_references_resolve() -> None:
    decision = Decision(
        id="kst-139-12",
        title="Omstilling 2012",
        body="kst",
        kind=DecisionKind.POLITICAL,
        items=(DecisionItem(label="a", text="…", measures=("t1",)),),
        dissents=(Dissent(by="Fagforbundet", concerning="økonomi", organisation="fagforbundet"),),
    )
    with pytest.raises(InvalidProgramme) as caught:
        _programme(decisions=(decision,))
    assert [p.path for p in caught.value.problems] == [
        "decisions[0].body",
        "decisions[0].items[0].measures[0]",
        "decisions[0].dissents[0].organisation",
    ]
    ok = _programme(
        decisions=(decision,),
        bodies=(Body(id="kst", name="Kommunestyret", kind=BodyKind.COUNCIL),),
        measures=(Measure(id="t1", title="Tiltak"),),
        organisations=(
            Organisation(id="kommune", name="Kommunen"),
            Organisation(id="fagforbundet", name="Fagforbundet"),
        ),
    )
    assert ok.decisions[0].items[0].measures == ("t1",)


def test_decision_item_labels_are_unique_within_a_group() -> None:
    Decision(
        id="d",
        title="T",
        body="b",
        kind=DecisionKind.DELEGATED,
        items=(
            DecisionItem(label="1", text="a", group="Vedtak oppvekst"),
            DecisionItem(label="1", text="b", group="Vedtak samhandling"),
        ),
    )
    with pytest.raises(ValueError, match="item label '1' is used twice in group 'Vedtak oppvekst'"):
        Decision(
            id="d",
            title="T",
            body="b",
            kind=DecisionKind.DELEGATED,
            items=(
                DecisionItem(label="1", text="a", group="Vedtak oppvekst"),
                DecisionItem(label="1", text="b", group="Vedtak oppvekst"),
            ),
        )


def test_role_needs_a_holder() -> None:
    with pytest.raises(ValueError, match="person or a holder"):
        RoleAssignment(role=Role.PROJECT_LEADER)


@pytest.mark.parametrize(
    ("text", "year", "sequence", "document"),
    [
        ("12/1728", 2012, 1728, None),
        ("2012/1728-3", 2012, 1728, 3),
        ("200600696-2", 2006, 696, 2),
        ("200602037", 2006, 2037, None),
    ],
)
def test_case_numbers_parse(text: str, year: int, sequence: int, document: int | None) -> None:
    case = CaseReference.parse_case_number(text)
    assert (case.case_year, case.case_sequence, case.document_number) == (year, sequence, document)
    assert case.raw == text


def test_meeting_case_parses_and_prints() -> None:
    case = CaseReference.parse_meeting_case("KST-sak 139/12")
    assert (case.meeting_body, case.meeting_case_number, case.meeting_case_year) == (
        "KST",
        139,
        2012,
    )
    assert case.meeting_case == "KST-sak 139/12"
    assert CaseReference.parse_case_number("12/1728").case_number == "2012/1728"


def test_case_reference_needs_content() -> None:
    with pytest.raises(ValueError, match="needs a case number"):
        CaseReference()
    with pytest.raises(ValueError, match="go together"):
        CaseReference(case_year=2012)


def test_partial_end_dates_are_compared_by_the_days_they_may_mean() -> None:
    from omstilling.model import Event, EventKind, PartialDate

    event = Event(
        id="e",
        kind=EventKind.JOINT_GATHERING,
        title="Fellessamling",
        start=PartialDate(2004, 4, 19),
        end=PartialDate(2004),
    )
    assert event.end == PartialDate(2004)
    role = RoleAssignment(
        role=Role.PROJECT_LEADER,
        holder="Rådmannen",
        start=PartialDate(2004, 3, 1),
        end=PartialDate(2004, 3),
    )
    assert role.end == PartialDate(2004, 3)
    with pytest.raises(ValueError, match="before it starts"):
        Event(
            id="e",
            kind=EventKind.VISIT,
            title="Besøk",
            start=PartialDate(2004, 5),
            end=PartialDate(2004, 4, 30),
        )


def test_dissent_names_only_items_the_decision_has() -> None:
    items = (DecisionItem(label="a", text="…"), DecisionItem(label="b", text="…"))
    Decision(
        id="d",
        title="T",
        body="b",
        kind=DecisionKind.POLITICAL,
        items=items,
        dissents=(Dissent(by="X", concerning="a", items=("a",)),),
    )
    with pytest.raises(ValueError, match="items the decision does not have: c"):
        Decision(
            id="d",
            title="T",
            body="b",
            kind=DecisionKind.POLITICAL,
            items=items,
            dissents=(Dissent(by="X", concerning="c", items=("c",)),),
        )


def test_parent_cycles_are_refused() -> None:
    with pytest.raises(InvalidProgramme, match="parents form a cycle"):
        _programme(
            organisations=(
                Organisation(id="kommune", name="Kommunen"),
                Organisation(id="a", name="A", parent="b"),
                Organisation(id="b", name="B", parent="a"),
            )
        )


def test_field_errors_name_their_field() -> None:
    from omstilling.model import FieldError

    with pytest.raises(FieldError) as caught:
        Subproject(id="Bad Id", name="S")
    assert (caught.value.field, str(caught.value)) == (
        "id",
        "id: " + caught.value.message,
    )
