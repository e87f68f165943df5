"""Applying a filled workbook to a programme: what changes, what stays, and what is
refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from omstilling.fillin import (
    DimensionFilling,
    EventFilling,
    Filling,
    MeasureFilling,
    MilestoneFilling,
    StatusFilling,
    WorkbookError,
    apply_filling,
    apply_fillings,
    event_id,
)
from omstilling.model import (
    DimensionStatus,
    EconomicEffect,
    Event,
    EventKind,
    Measure,
    Milestone,
    Money,
    Organisation,
    PartialDate,
    Participant,
    Period,
    Programme,
    Rag,
    StatusEntry,
    Subproject,
)

H1 = Period.parse("2004-H1")
H2 = Period.parse("2004-H2")


def _kr(amount: int) -> Money:
    return Money(Decimal(amount))


def _programme(**fields: object) -> Programme:
    base: dict[str, object] = {
        "id": "p",
        "name": "P",
        "owner": "dep",
        "organisations": (
            Organisation(id="dep", name="Departementet"),
            Organisation(id="molde", name="Molde kommune"),
            Organisation(id="bomlo", name="Bømlo kommune"),
        ),
        "participants": (Participant(organisation="molde"), Participant(organisation="bomlo")),
        "subprojects": (Subproject(id="s-molde", name="Oppvekst", participant="molde"),),
        "milestones": (
            Milestone(id="m1", title="Ny plan", participant="molde"),
            Milestone(id="m2", title="Ny turnus", subproject="s-molde"),
            Milestone(id="b1", title="Bømlos", participant="bomlo"),
        ),
        "measures": (
            Measure(id="t1", title="Lokaler", participant="molde"),
            Measure(id="b1", title="Bømlos", participant="bomlo"),
        ),
    }
    base.update(fields)
    return Programme(**base)  # type: ignore[arg-type]  # fields vary per test


def _filling(**fields: object) -> Filling:
    base: dict[str, object] = {"programme": "p", "participant": "molde", "period": H1}
    base.update(fields)
    return Filling(**base)  # type: ignore[arg-type]  # fields vary per test


# --- what is refused ---------------------------------------------------------------------


def test_a_filling_for_another_programme_is_refused() -> None:
    with pytest.raises(ValueError, match="the filling is for the programme 'q', not 'p'"):
        apply_filling(_programme(), _filling(programme="q"))


def test_milestones_and_measures_of_others_are_refused_and_named() -> None:
    filling = _filling(
        milestones=(
            MilestoneFilling(id="m1"),
            MilestoneFilling(id="b1"),
            MilestoneFilling(id="gone"),
        ),
        measures=(MeasureFilling(id="t1"), MeasureFilling(id="b1")),
    )
    with pytest.raises(ValueError, match=r"^not milestones or measures of 'molde': b1, gone, b1$"):
        apply_filling(_programme(), filling)


def test_a_subproject_s_milestone_is_the_participant_s_to_report() -> None:
    filling = _filling(milestones=(MilestoneFilling(id="m2", done=True),))
    merged = apply_filling(_programme(), filling)
    assert [m.done for m in merged.milestones] == [False, True, False]


def test_a_filling_that_would_make_the_programme_invalid_is_refused() -> None:
    status = StatusFilling(
        dimensions=(
            DimensionFilling(dimension="progress", rag=Rag.GREEN),
            DimensionFilling(dimension="mood", rag=Rag.RED),
        )
    )
    with pytest.raises(ValueError, match="unknown status dimension 'mood'"):
        apply_filling(_programme(), _filling(status=status))


# --- the status entry --------------------------------------------------------------------


def test_a_first_report_adds_a_status_entry_with_everything_filled_in() -> None:
    status = StatusFilling(
        reported_on=PartialDate(2004, 6, 20),
        overall=Rag.AMBER,
        dimensions=(
            DimensionFilling(dimension="risk", rag=Rag.RED, comment="Turnover"),
            DimensionFilling(dimension="progress", rag=Rag.GREEN),
            DimensionFilling(dimension="economy", comment="Not assessed yet"),
        ),
        narrative="Godt i gang.",
        steering_group_meetings=3,
        next_steps=("Ny plan",),
        risks=("Sykefravær",),
    )
    earlier = StatusEntry(period=Period.parse("2003-H2"), participant="molde", overall=Rag.RED)
    merged = apply_filling(_programme(status_entries=(earlier,)), _filling(status=status))
    assert merged.status_entries == (
        earlier,
        StatusEntry(
            period=H1,
            participant="molde",
            reported_on=PartialDate(2004, 6, 20),
            overall=Rag.AMBER,
            # in the programme's order of dimensions; one without a RAG is left out
            dimensions=(
                DimensionStatus(dimension="progress", rag=Rag.GREEN),
                DimensionStatus(dimension="risk", rag=Rag.RED, comment="Turnover"),
            ),
            narrative="Godt i gang.",
            steering_group_meetings=3,
            next_steps=("Ny plan",),
            risks=("Sykefravær",),
        ),
    )


def test_a_new_report_replaces_the_entry_in_its_place_keeping_what_it_did_not_ask() -> None:
    existing = StatusEntry(
        period=H1,
        participant="molde",
        source="Rapport juni 2004",
        overall=Rag.RED,
        dimensions=(
            DimensionStatus(dimension="progress", rag=Rag.RED),
            DimensionStatus(dimension="economy", rag=Rag.AMBER, comment="Kutt"),
            DimensionStatus(dimension="quality", rag=Rag.GREEN),
        ),
        narrative="Tregt.",
        next_steps=("Gammelt steg",),
    )
    other = StatusEntry(period=H1, participant="bomlo", overall=Rag.GREEN)
    status = StatusFilling(
        overall=Rag.GREEN,
        dimensions=(
            DimensionFilling(dimension="quality", rag=Rag.AMBER),
            DimensionFilling(dimension="progress"),  # asked, and emptied
        ),
    )
    merged = apply_filling(_programme(status_entries=(existing, other)), _filling(status=status))
    assert merged.status_entries == (
        StatusEntry(
            period=H1,
            participant="molde",
            source="Rapport juni 2004",
            overall=Rag.GREEN,
            dimensions=(
                DimensionStatus(dimension="economy", rag=Rag.AMBER, comment="Kutt"),
                DimensionStatus(dimension="quality", rag=Rag.AMBER),
            ),
        ),
        other,
    )


def test_an_empty_status_sheet_leaves_the_status_as_it_was() -> None:
    existing = StatusEntry(period=H1, participant="molde", overall=Rag.RED, narrative="Tregt.")
    programme = _programme(status_entries=(existing,))
    empty = StatusFilling(dimensions=(DimensionFilling(dimension="progress"),))
    assert apply_filling(programme, _filling(status=empty)).status_entries == (existing,)
    assert apply_filling(_programme(), _filling(status=empty)).status_entries == ()


# --- milestones and measures --------------------------------------------------------------


def test_a_milestone_s_report_is_merged_and_the_others_stay() -> None:
    programme = _programme(
        milestones=(
            Milestone(
                id="m1",
                title="Ny plan",
                participant="molde",
                estimated_finish=PartialDate(2004, 5),
                report_status_text="Gammel tekst",
                note="Viktig",
            ),
            Milestone(id="m2", title="Ny turnus", participant="molde", report_status_text="Ok"),
        )
    )
    filling = _filling(
        milestones=(
            MilestoneFilling(
                id="m1",
                report_date=PartialDate(2004, 6, 20),
                report_status_text="Ferdig",
                done=True,
                done_on=PartialDate(2004, 6, 1),
            ),
        )
    )
    merged = apply_filling(programme, filling)
    assert merged.milestones == (
        Milestone(
            id="m1",
            title="Ny plan",
            participant="molde",
            estimated_finish=PartialDate(2004, 5),
            report_date=PartialDate(2004, 6, 20),
            report_status_text="Ferdig",
            done=True,
            done_on=PartialDate(2004, 6, 1),
            note="Viktig",
        ),
        programme.milestones[1],
    )


def _measure(*effects: EconomicEffect) -> Programme:
    return _programme(
        measures=(
            Measure(id="t1", title="Lokaler", participant="molde", economic_effects=effects),
            Measure(
                id="t2",
                title="Innkjøp",
                participant="molde",
                economic_effects=(EconomicEffect(period=H1, realised=_kr(9)),),
            ),
        )
    )


def _realised(programme: Programme, amount: Money | None) -> Programme:
    return apply_filling(programme, _filling(measures=(MeasureFilling(id="t1", realised=amount),)))


def test_savings_realised_are_added_for_the_period_and_other_measures_stay() -> None:
    before = EconomicEffect(period=Period.parse("2003-H2"), realised=_kr(50))
    merged = _realised(_measure(before), _kr(100))
    assert merged.measures[0].economic_effects == (
        before,
        EconomicEffect(period=H1, realised=_kr(100)),
    )
    assert merged.measures[1] == _measure().measures[1]


def test_savings_realised_replace_those_of_the_period_keeping_its_target() -> None:
    effects = (
        EconomicEffect(period=H1, target=_kr(300), realised=_kr(100)),
        EconomicEffect(period=H2, target=_kr(400)),
    )
    merged = _realised(_measure(*effects), _kr(250))
    assert merged.measures[0].economic_effects == (
        EconomicEffect(period=H1, target=_kr(300), realised=_kr(250)),
        EconomicEffect(period=H2, target=_kr(400)),
    )


def test_no_savings_reported_clears_the_period_s_and_drops_an_emptied_effect() -> None:
    later = EconomicEffect(period=H2, realised=_kr(7))
    emptied = _realised(_measure(EconomicEffect(period=H1, realised=_kr(100)), later), None)
    assert emptied.measures[0].economic_effects == (later,)
    targeted = _realised(_measure(EconomicEffect(period=H1, target=_kr(1), realised=_kr(2))), None)
    assert targeted.measures[0].economic_effects == (EconomicEffect(period=H1, target=_kr(1)),)
    noted = _realised(_measure(EconomicEffect(period=H1, realised=_kr(2), note="Anslag")), None)
    assert noted.measures[0].economic_effects == (EconomicEffect(period=H1, note="Anslag"),)
    nothing = _realised(_measure(later), None)
    assert nothing.measures[0].economic_effects == (later,)


# --- events ------------------------------------------------------------------------------


def test_reported_events_are_added_with_ids_numbered_from_one() -> None:
    kept = Event(id="besok", kind=EventKind.VISIT, title="Besøk", participants=("molde",))
    filling = _filling(
        events=(
            EventFilling(
                kind=EventKind.SEMINAR,
                title="Temadag",
                start=PartialDate(2004, 3, 1),
                end=PartialDate(2004, 3, 2),
                place="Molde",
                description="Om turnus",
            ),
            EventFilling(kind=EventKind.MEETING, title="Møte"),
        )
    )
    merged = apply_filling(_programme(events=(kept,)), filling)
    assert merged.events == (
        kept,
        Event(
            id=event_id("molde", H1, 1),
            kind=EventKind.SEMINAR,
            title="Temadag",
            start=PartialDate(2004, 3, 1),
            end=PartialDate(2004, 3, 2),
            place="Molde",
            description="Om turnus",
            period=H1,
            participants=("molde",),
        ),
        Event(
            id=event_id("molde", H1, 2),
            kind=EventKind.MEETING,
            title="Møte",
            period=H1,
            participants=("molde",),
        ),
    )


def test_events_of_an_earlier_import_for_the_same_period_are_replaced_not_others() -> None:
    first = _filling(events=(EventFilling(kind=EventKind.MEETING, title="A"),))
    other_period = _filling(period=H2, events=(EventFilling(kind=EventKind.MEETING, title="H2"),))
    other = _filling(
        participant="bomlo", events=(EventFilling(kind=EventKind.MEETING, title="Bømlo"),)
    )
    programme = apply_fillings(_programme(), [first, other_period, other])
    again = _filling(events=(EventFilling(kind=EventKind.VISIT, title="B"),))
    assert [e.title for e in apply_filling(programme, again).events] == ["H2", "Bømlo", "B"]


# --- once, twice, many -------------------------------------------------------------------


def test_applying_a_filling_twice_gives_what_applying_it_once_gives() -> None:
    filling = _filling(
        status=StatusFilling(overall=Rag.GREEN),
        milestones=(MilestoneFilling(id="m1", done=True, done_on=PartialDate(2004, 2)),),
        measures=(MeasureFilling(id="t1", realised=_kr(10)),),
        events=(EventFilling(kind=EventKind.MEETING, title="Møte"),),
    )
    once = apply_filling(_programme(), filling)
    assert once != _programme()
    assert apply_filling(once, filling) == once


def test_fillings_are_applied_in_turn() -> None:
    fillings = [
        _filling(status=StatusFilling(overall=Rag.GREEN)),
        _filling(participant="bomlo", status=StatusFilling(overall=Rag.RED)),
        _filling(period=H2, status=StatusFilling(overall=Rag.AMBER)),
    ]
    merged = apply_fillings(_programme(), fillings)
    assert [(e.participant, str(e.period), e.overall) for e in merged.status_entries] == [
        ("molde", "2004-H1", Rag.GREEN),
        ("bomlo", "2004-H1", Rag.RED),
        ("molde", "2004-H2", Rag.AMBER),
    ]
    assert apply_fillings(_programme(), []) == _programme()


def test_two_fillings_for_the_same_participant_and_period_are_refused() -> None:
    fillings = [
        _filling(source="a.xlsx", status=StatusFilling(overall=Rag.GREEN)),
        _filling(source="b.xlsx", participant="bomlo"),
        _filling(source="c.xlsx", status=StatusFilling(overall=Rag.RED)),
        _filling(source="d.xlsx"),
    ]
    with pytest.raises(WorkbookError) as caught:
        apply_fillings(_programme(), fillings)
    assert [(p.source, p.path, p.message) for p in caught.value.problems] == [
        ("c.xlsx", "", "is for 'molde' and 2004-H1 too, like a.xlsx; import one of them"),
        ("d.xlsx", "", "is for 'molde' and 2004-H1 too, like a.xlsx; import one of them"),
    ]
