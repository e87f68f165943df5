"""What changed for a participant since the period before, whose milestones and
measures are whose, which events fall in a period, and the sums and names the
reports show."""

from __future__ import annotations

from decimal import Decimal

import pytest

from omstilling.model import (
    Change,
    ChangeKind,
    DimensionStatus,
    EconomicEffect,
    Event,
    EventKind,
    Language,
    Measure,
    Milestone,
    Money,
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
    Subproject,
    changes_since,
    event_in,
    holder,
    measures_of,
    milestones_of,
    owner_of,
    rag_of,
    total,
)
from omstilling.templates.status import changes

H1 = Period.parse("2004-H1")
H2 = Period.parse("2004-H2")
EARLIER = Period.parse("2003-H2")


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
        "subprojects": (
            Subproject(id="s-molde", name="Oppvekst", participant="molde"),
            Subproject(id="s-bomlo", name="Helse", participant="bomlo"),
        ),
    }
    base.update(fields)
    return Programme(**base)  # type: ignore[arg-type]  # fields vary per test


def _entry(
    period: Period,
    overall: Rag | None,
    participant: str = "molde",
    **dimensions: Rag,
) -> StatusEntry:
    return StatusEntry(
        period=period,
        participant=participant,
        overall=overall,
        dimensions=tuple(DimensionStatus(dimension=d, rag=r) for d, r in dimensions.items()),
    )


def _milestone(**fields: object) -> Milestone:
    base: dict[str, object] = {"id": "m1", "title": "Ny plan", "participant": "molde"}
    base.update(fields)
    return Milestone(**base)  # type: ignore[arg-type]  # fields vary per test


def _kr(amount: int) -> Money:
    return Money(Decimal(amount))


# --- status moves ----------------------------------------------------------------------


def test_a_moved_status_is_listed_overall_first_then_each_dimension_in_order() -> None:
    programme = _programme(
        status_entries=(
            _entry(EARLIER, Rag.AMBER, progress=Rag.AMBER, economy=Rag.GREEN, risk=Rag.RED),
            _entry(H1, Rag.GREEN, progress=Rag.GREEN, economy=Rag.GREEN, risk=Rag.AMBER),
        )
    )
    assert changes_since(programme, "molde", H1) == [
        Change(kind=ChangeKind.STATUS, item="overall", before=Rag.AMBER, after=Rag.GREEN),
        Change(kind=ChangeKind.STATUS, item="progress", before=Rag.AMBER, after=Rag.GREEN),
        Change(kind=ChangeKind.STATUS, item="risk", before=Rag.RED, after=Rag.AMBER),
    ]


def test_a_status_unchanged_or_missing_on_either_side_is_not_a_change() -> None:
    programme = _programme(
        status_entries=(
            _entry(EARLIER, None, progress=Rag.AMBER, quality=Rag.RED),
            _entry(H1, Rag.GREEN, economy=Rag.RED, quality=Rag.RED),
        )
    )
    assert changes_since(programme, "molde", H1) == []


def test_without_a_report_for_the_period_before_no_status_moved() -> None:
    first = _programme(status_entries=(_entry(H1, Rag.GREEN),))
    assert changes_since(first, "molde", H1) == []
    not_yet = _programme(status_entries=(_entry(EARLIER, Rag.GREEN),))
    assert changes_since(not_yet, "molde", H1) == []


def test_the_status_compared_is_the_participant_s_own() -> None:
    programme = _programme(
        status_entries=(
            _entry(EARLIER, Rag.RED, participant="bomlo"),
            _entry(H1, Rag.GREEN, participant="bomlo"),
            _entry(EARLIER, Rag.GREEN),
            _entry(H1, Rag.GREEN),
        )
    )
    assert changes_since(programme, "molde", H1) == []
    assert [c.item for c in changes_since(programme, "bomlo", H1)] == ["overall"]


# --- milestones ------------------------------------------------------------------------


def test_a_milestone_reached_in_the_period_is_listed_with_its_day() -> None:
    done_on = PartialDate(2004, 3, 15)
    programme = _programme(milestones=(_milestone(done=True, done_on=done_on),))
    assert changes_since(programme, "molde", H1) == [
        Change(kind=ChangeKind.DONE, item="Ny plan", after=done_on, subject="m1")
    ]
    assert changes_since(programme, "molde", H2) == []


@pytest.mark.parametrize(
    ("done_on", "period", "listed"),
    [
        (PartialDate(2004, 1, 1), H1, True),  # the period's first day
        (PartialDate(2004, 6, 30), H1, True),  # its last day
        (PartialDate(2003, 12, 31), H1, False),
        (PartialDate(2004, 7, 1), H1, False),
        (PartialDate(2004, 6), H1, True),  # June: its first day is in the period
        (PartialDate(2004), H1, True),  # 2004 may mean its first day
        (PartialDate(2004), H2, False),
    ],
)
def test_a_milestone_counts_as_reached_in_the_period_its_done_date_starts_in(
    done_on: PartialDate, period: Period, listed: bool
) -> None:
    programme = _programme(milestones=(_milestone(done=True, done_on=done_on),))
    found = [c.kind for c in changes_since(programme, "molde", period)]
    assert found == ([ChangeKind.DONE] if listed else [])


def test_a_milestone_done_without_a_date_is_neither_reached_nor_slipped() -> None:
    programme = _programme(
        milestones=(_milestone(done=True, estimated_finish=PartialDate(2004, 5)),)
    )
    assert changes_since(programme, "molde", H1) == []


def test_a_milestone_due_in_the_period_and_not_reached_is_listed_as_slipped() -> None:
    finish = PartialDate(2004, 5, 31)
    programme = _programme(
        milestones=(
            _milestone(estimated_finish=finish, report_status_text="Venter på vedtak"),
            _milestone(id="m2", title="Ny turnus", estimated_finish=PartialDate(2004, 3)),
        )
    )
    assert changes_since(programme, "molde", H1) == [
        Change(
            kind=ChangeKind.SLIPPED,
            item="Ny plan",
            before=finish,
            after="Venter på vedtak",
            subject="m1",
        ),
        Change(
            kind=ChangeKind.SLIPPED, item="Ny turnus", before=PartialDate(2004, 3), subject="m2"
        ),
    ]


@pytest.mark.parametrize(
    ("finish", "period", "slipped"),
    [
        (PartialDate(2004, 1, 1), H1, True),  # the period's first day
        (PartialDate(2004, 6, 30), H1, True),  # its last day
        (PartialDate(2003, 12, 31), H1, False),  # due before: slipped in the period before
        (PartialDate(2004, 7, 1), H1, False),  # not due yet
        (PartialDate(2004, 6), H1, True),  # June: due by its last day
        (PartialDate(2004), H1, False),  # 2004 may mean its last day: not due yet in H1
        (PartialDate(2004), H2, True),
    ],
)
def test_a_milestone_is_due_in_the_period_its_finish_date_ends_in(
    finish: PartialDate, period: Period, slipped: bool
) -> None:
    programme = _programme(milestones=(_milestone(estimated_finish=finish),))
    found = [c.kind for c in changes_since(programme, "molde", period)]
    assert found == ([ChangeKind.SLIPPED] if slipped else [])


def test_a_milestone_reached_is_not_slipped_and_one_without_finish_never_slips() -> None:
    programme = _programme(
        milestones=(
            _milestone(
                done=True, done_on=PartialDate(2003, 11), estimated_finish=PartialDate(2004, 2)
            ),
            _milestone(id="m2", title="Uten dato"),
        )
    )
    assert changes_since(programme, "molde", H1) == []


# --- savings ---------------------------------------------------------------------------


def test_savings_realised_in_the_period_are_listed_and_others_not() -> None:
    programme = _programme(
        measures=(
            Measure(
                id="t1",
                title="Færre lokaler",
                participant="molde",
                economic_effects=(
                    EconomicEffect(period=EARLIER, realised=_kr(100_000)),
                    EconomicEffect(period=H1, target=_kr(300_000), realised=_kr(250_000)),
                    EconomicEffect(period=Period(2004), realised=_kr(900_000)),
                ),
            ),
            Measure(
                id="t2",
                title="Felles innkjøp",
                participant="molde",
                economic_effects=(EconomicEffect(period=H1, target=_kr(50_000)),),
            ),
        )
    )
    assert changes_since(programme, "molde", H1) == [
        Change(
            kind=ChangeKind.REALISED,
            item="Færre lokaler",
            before=_kr(300_000),  # the target, next to what was realised
            after=_kr(250_000),
            subject="t1",
        )
    ]
    # the year's effect is realised in the half-year it ends in
    assert [c.after for c in changes_since(programme, "molde", H2)] == [_kr(900_000)]


# --- whose milestones and measures -------------------------------------------------------


def test_a_participant_s_milestones_and_measures_are_its_own_and_its_subprojects() -> None:
    programme = _programme(
        milestones=(
            _milestone(id="own"),
            _milestone(id="sub", participant=None, subproject="s-molde"),
            _milestone(id="lent", participant="bomlo", subproject="s-molde"),
            _milestone(id="other", participant=None, subproject="s-bomlo"),
            _milestone(id="nobody", participant=None),
        ),
        measures=(
            Measure(id="own", title="A", participant="molde"),
            Measure(id="sub", title="B", subproject="s-molde"),
            Measure(id="lent", title="C", participant="bomlo", subproject="s-molde"),
            Measure(id="other", title="D", subproject="s-bomlo"),
            Measure(id="nobody", title="E"),
        ),
    )
    assert [m.id for m in milestones_of(programme, "molde")] == ["own", "sub"]
    assert [m.id for m in measures_of(programme, "molde")] == ["own", "sub"]
    assert [m.id for m in milestones_of(programme, "bomlo")] == ["lent", "other"]
    assert [m.id for m in measures_of(programme, "bomlo")] == ["lent", "other"]
    owner = owner_of(programme)
    assert [owner(m) for m in programme.milestones] == ["molde", "molde", "bomlo", "bomlo", None]
    assert [owner(m) for m in programme.measures] == ["molde", "molde", "bomlo", "bomlo", None]


def test_changes_of_a_participant_include_its_subprojects_milestones_only() -> None:
    finish = PartialDate(2004, 4)
    programme = _programme(
        milestones=(
            _milestone(id="sub", participant=None, subproject="s-molde", estimated_finish=finish),
            _milestone(id="other", title="Annen", participant="bomlo", estimated_finish=finish),
        ),
        measures=(
            Measure(
                id="t1",
                title="Tiltak",
                subproject="s-molde",
                economic_effects=(EconomicEffect(period=H1, realised=_kr(1)),),
            ),
        ),
    )
    assert [(c.kind, c.item) for c in changes_since(programme, "molde", H1)] == [
        (ChangeKind.SLIPPED, "Ny plan"),
        (ChangeKind.REALISED, "Tiltak"),
    ]


def test_milestones_and_measures_passed_in_are_the_ones_looked_at() -> None:
    programme = _programme(
        milestones=(_milestone(estimated_finish=PartialDate(2004, 4)),),
        measures=(
            Measure(
                id="t1",
                title="Tiltak",
                participant="molde",
                economic_effects=(EconomicEffect(period=H1, realised=_kr(1)),),
            ),
        ),
    )
    assert changes_since(programme, "molde", H1, milestones=(), measures=()) == []


# --- events in a period -----------------------------------------------------------------


def _event(**fields: object) -> Event:
    return Event(id="e", kind=EventKind.VISIT, title="Besøk", **fields)  # type: ignore[arg-type]  # fields vary per test


@pytest.mark.parametrize(
    ("event", "period", "inside"),
    [
        (_event(period=H1), H1, True),
        (_event(period=Period.parse("2004-Q1")), H1, True),
        (_event(period=Period.parse("2004-Q2")), H1, True),  # ends with the half-year
        (_event(period=Period.parse("2004-Q3")), H1, False),
        (_event(period=Period.parse("2004-T2")), H1, False),  # May to August: runs past it
        (_event(period=Period(2004)), H1, False),  # the whole year is more than H1
        (_event(period=H1), Period(2004), True),
        (_event(period=H1, start=PartialDate(2004, 9)), H1, True),  # the period decides
        (_event(start=PartialDate(2004, 1, 1)), H1, True),
        (_event(start=PartialDate(2004, 6, 30)), H1, True),
        (_event(start=PartialDate(2004, 7, 1)), H1, False),
        (_event(start=PartialDate(2003, 12, 31)), H1, False),
        (_event(start=PartialDate(2004)), H1, True),  # starts on 1 January at the earliest
        (_event(when="en gang i vår"), H1, False),
        (_event(), H1, False),
    ],
)
def test_an_event_belongs_to_a_period_it_lies_within(
    event: Event, period: Period, inside: bool
) -> None:
    assert event_in(event, period) is inside


def test_without_a_period_every_event_belongs() -> None:
    assert event_in(_event(), None) is True
    assert event_in(_event(period=Period(1990)), None) is True


# --- sums, names and RAG look-ups --------------------------------------------------------


def test_total_adds_amounts_of_one_currency_and_skips_the_missing() -> None:
    assert total([_kr(100), None, _kr(250)]) == _kr(350)
    assert total([None, _kr(7)]) == _kr(7)
    assert total([_kr(1), _kr(2), _kr(3)]) == _kr(6)
    assert total([]) is None
    assert total([None, None]) is None


def test_total_of_mixed_currencies_is_none_rather_than_a_wrong_sum() -> None:
    euros = Money(Decimal(5), "EUR")
    assert total([_kr(100), euros]) is None
    assert total([euros, None, euros]) == Money(Decimal(10), "EUR")


def test_a_role_is_held_by_the_person_with_the_position_or_by_the_position() -> None:
    programme = _programme(people=(Person(id="kari", name="Kari Nordmann"),))
    both = RoleAssignment(role=Role.PROJECT_LEADER, person="kari", holder="Rådmann")
    assert holder(programme, both) == "Kari Nordmann (Rådmann)"
    person = RoleAssignment(role=Role.PROJECT_LEADER, person="kari")
    assert holder(programme, person) == "Kari Nordmann"
    position = RoleAssignment(role=Role.PROJECT_LEADER, holder="Rådmann")
    assert holder(programme, position) == "Rådmann"
    stranger = RoleAssignment(role=Role.PROJECT_LEADER, person="ola")
    assert holder(programme, stranger) == ""


def test_rag_of_reads_overall_and_each_dimension() -> None:
    entry = _entry(H1, Rag.AMBER, progress=Rag.GREEN, risk=Rag.RED)
    assert rag_of(entry, "overall") is Rag.AMBER
    assert rag_of(entry, "progress") is Rag.GREEN
    assert rag_of(entry, "risk") is Rag.RED
    assert rag_of(entry, "economy") is None
    assert rag_of(None, "overall") is None


# --- the changes in words -----------------------------------------------------------------


def _eventful() -> Programme:
    return _programme(
        status_dimensions=("progress", "economy", "quality", "risk", "morale"),
        status_entries=(
            _entry(EARLIER, Rag.AMBER, progress=Rag.AMBER, morale=Rag.RED),
            _entry(H1, Rag.GREEN, progress=Rag.RED, morale=Rag.GREEN),
        ),
        milestones=(
            _milestone(id="m1", title="Ny plan", done=True, done_on=PartialDate(2004, 5, 3)),
            _milestone(
                id="m2",
                title="Ny turnus",
                estimated_finish=PartialDate(2004, 5),
                report_status_text="Utsatt til høsten",
            ),
            _milestone(id="m3", title="Nytt system", estimated_finish=PartialDate(2004, 6, 1)),
        ),
        measures=(
            Measure(
                id="t1",
                title="Færre lokaler",
                participant="molde",
                economic_effects=(EconomicEffect(period=H1, realised=_kr(250_000)),),
            ),
        ),
    )


def test_the_changes_section_words_each_change_in_bokmal() -> None:
    rows = changes(_eventful(), "molde", H1, Language.NB)
    kr = "250\u00a0000\u00a0kr"
    assert [tuple(row.values()) for row in rows] == [
        ("Molde kommune", "Status endret", "Samlet", "Gul", "Grønn"),
        ("Molde kommune", "Status endret", "Framdrift", "Gul", "Rød"),
        ("Molde kommune", "Status endret", "morale", "Rød", "Grønn"),
        ("Molde kommune", "Milepæl nådd", "Ny plan", None, "3. mai 2004"),
        ("Molde kommune", "Milepæl forsinket", "Ny turnus", "mai 2004", "Utsatt til høsten"),
        ("Molde kommune", "Milepæl forsinket", "Nytt system", "1. juni 2004", None),
        ("Molde kommune", "Gevinst realisert", "Færre lokaler", None, kr),
    ]
    assert all(list(row) == ["participant", "kind", "item", "before", "after"] for row in rows)


def test_the_changes_section_words_each_change_in_nynorsk_and_english() -> None:
    nynorsk = changes(_eventful(), "molde", H1, Language.NN)
    assert [(row["kind"], row["item"], row["before"]) for row in nynorsk[:2]] == [
        ("Status endra", "Samla", "Gul"),
        ("Status endra", "Framdrift", "Gul"),
    ]
    assert [row["kind"] for row in nynorsk[3:]] == [
        "Milepæl nådd",
        "Milepæl forseinka",
        "Milepæl forseinka",
        "Gevinst realisert",
    ]
    english = changes(_eventful(), "molde", H1, Language.EN)
    assert [(row["kind"], row["item"], row["after"]) for row in english] == [
        ("Status moved", "Overall", "Green"),
        ("Status moved", "Progress", "Red"),
        ("Status moved", "morale", "Green"),
        ("Milestone reached", "Ny plan", "3 May 2004"),
        ("Milestone slipped", "Ny turnus", "Utsatt til høsten"),
        ("Milestone slipped", "Nytt system", None),
        ("Savings realised", "Færre lokaler", "NOK\u00a0250,000"),
    ]
    assert english[4]["before"] == "May 2004"
    assert [row["before"] for row in english[:3]] == ["Amber", "Amber", "Red"]
    assert [row["before"] for row in nynorsk[:3]] == ["Gul", "Gul", "Raud"]


def test_a_participant_without_an_organisation_entry_is_named_by_its_id() -> None:
    programme = _programme(milestones=(_milestone(estimated_finish=PartialDate(2004, 2)),))
    named = changes(programme, "molde", H1, Language.NB)
    assert [row["participant"] for row in named] == ["Molde kommune"]
    unnamed = changes(programme, "tingvoll", H1, Language.NB, milestones=programme.milestones)
    assert [row["participant"] for row in unnamed] == ["tingvoll"]
