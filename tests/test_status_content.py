"""What the status report says: the summary page's figures, every dimension comment,
every kind of event in the period, and each kind of change since the period before,
in names, never ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from omstilling.cli import cli
from omstilling.errors import FieldError
from omstilling.files import save
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
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
    Programme,
    Rag,
    StatusEntry,
    Subproject,
)
from omstilling.report import Report, Value
from omstilling.templates._summary import (
    SUMMARY_SCHEMAS,
    latest_period,
    summary_sections,
)
from omstilling.templates.status import FORMAT, SCHEMA
from omstilling.testing import strategies as ost

H1 = Period.parse("2019-H1")
H2 = Period.parse("2018-H2")
RISK = "Leverandøren av lønnssystemet kan ikke levere før høsten 2019"


def _programme(**fields: object) -> Programme:
    base: dict[str, object] = {
        "id": "nye-kommune",
        "name": "Nye kommune",
        "owner": "fellesnemnda",
        "organisations": (
            Organisation(id="fellesnemnda", name="Fellesnemnda"),
            Organisation(id="a", name="A kommune"),
            Organisation(id="b", name="B kommune"),
        ),
        "participants": (Participant(organisation="a"), Participant(organisation="b")),
    }
    base.update(fields)
    return Programme(**base)  # type: ignore[arg-type]  # the fields vary per test


def _build(
    programme: Programme,
    period: Period = H1,
    participant: str | None = None,
    language: Language | None = None,
) -> Report:
    return FORMAT.build(
        programme, BuildRequest(period=period, participant=participant, language=language)
    )


def _rows(report: Report, key: str) -> list[Mapping[str, Value]]:
    return [row for section in report.sections_for(key) for row in section.rows]


def _changes(report: Report) -> list[tuple[Value, ...]]:
    return [
        tuple(row.get(k) for k in ("participant", "kind", "item", "before", "after"))
        for row in _rows(report, "changes")
    ]


# --- dimension comments ------------------------------------------------------------


COMMENTED = _programme(
    status_dimensions=("progress", "economy", "risk", "morale"),
    status_entries=(
        StatusEntry(
            period=H1,
            participant="a",
            overall=Rag.AMBER,
            dimensions=(
                DimensionStatus(dimension="progress", rag=Rag.GREEN),
                DimensionStatus(dimension="risk", rag=Rag.RED, comment=RISK),
                DimensionStatus(dimension="morale", rag=Rag.AMBER, comment="Mange vakanser."),
            ),
        ),
    ),
)


def test_a_dimension_comment_stands_next_to_its_status() -> None:
    report = _build(COMMENTED)
    keys = [s.key for s in report.sections]
    assert keys[keys.index("participant") + 1] == "dimensions"
    assert [dict(row) for row in _rows(report, "dimensions")] == [
        {"dimension": "Framdrift", "status": Rag.GREEN},
        {"dimension": "Risiko", "status": Rag.RED, "comment": RISK},
        {"dimension": "morale", "status": Rag.AMBER, "comment": "Mange vakanser."},
    ]
    english = _build(COMMENTED, language=Language.EN)
    assert [row.get("dimension") for row in _rows(english, "dimensions")][:2] == [
        "Progress",
        "Risk",
    ]


def test_a_dimension_comment_reaches_the_rendered_report(tmp_path: Path) -> None:
    source = tmp_path / "nye.yaml"
    save(COMMENTED, source)
    target = tmp_path / "status.md"
    result = CliRunner().invoke(
        cli,
        ["render", str(source), "--template", "status", "--period", "2019-H1", "-o", str(target)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    risk = next(line for line in text.splitlines() if RISK in line)
    assert "Risiko" in risk
    assert "Rød" in risk


@pytest.mark.parametrize("language", list(Language))
def test_not_reported_is_said_in_the_same_words_throughout(language: Language) -> None:
    from omstilling.templates import _summary, status

    assert not hasattr(status, "_NOT_REPORTED")  # one definition, the summary page's
    words = _summary.NOT_REPORTED.get(language)
    report = _build(COMMENTED, language=language)  # B did not report for H1
    (row,) = [r for r in _rows(report, "status_overview") if r["participant"] == "B kommune"]
    assert row["note"] == words
    missing = [s.value("missing") for s in report.sections if s.value("missing") is not None]
    assert missing == [words]


def test_a_dimension_of_the_programme_s_own_is_in_words_in_the_overview() -> None:
    (row,) = [r for r in _rows(_build(COMMENTED), "status_overview") if r.get("overall")]
    assert row.get("risk") is Rag.RED
    assert row.get("other") == ("morale: Gul",)
    figures = _build(COMMENTED).sections_for("key_figures")[0]
    assert [r.get("dimension") for r in figures.rows] == ["Samlet", "Framdrift", "Risiko", "morale"]


# --- changes since the previous period ---------------------------------------------


def _milestone(id: str, **fields: object) -> Milestone:
    return Milestone(id=id, title=f"Milepæl {id.upper()}", **fields)  # type: ignore[arg-type]  # fields vary


def test_a_programme_level_milestone_that_is_late_is_a_change() -> None:
    programme = _programme(
        milestones=(_milestone("p1", estimated_finish=PartialDate(2019, 3)),),
    )
    assert _changes(_build(programme)) == [
        ("Hele programmet", "Milepæl forsinket", "Milepæl P1", "mars 2019", None)
    ]
    # of one participant, the programme's own milestones are not that participant's
    assert _build(programme, participant="a").sections_for("changes") == ()


def test_a_milestone_reached_after_the_period_was_late_in_it() -> None:
    programme = _programme(
        milestones=(
            _milestone(
                "p1",
                participant="a",
                estimated_finish=PartialDate(2019, 5),
                done=True,
                done_on=PartialDate(2019, 9, 2),
                report_status_text="Vedtatt i september",
            ),
        ),
    )
    assert _changes(_build(programme)) == [
        ("A kommune", "Milepæl forsinket", "Milepæl P1", "mai 2019", "Vedtatt i september")
    ]
    assert _changes(_build(programme, Period.parse("2019-H2"))) == [
        ("A kommune", "Milepæl nådd for sent", "Milepæl P1", "mai 2019", "2. september 2019")
    ]


def test_a_completion_reported_a_period_late_is_a_change() -> None:
    programme = _programme(
        subprojects=(Subproject(id="s1", name="Lønn", participant="b"),),
        milestones=(
            _milestone(
                "m1",
                subproject="s1",
                estimated_finish=PartialDate(2018, 12),
                done=True,
                done_on=PartialDate(2018, 12, 14),
                report_date=PartialDate(2019, 2, 1),
            ),
        ),
    )
    assert _changes(_build(programme)) == [
        (
            "B kommune",
            "Milepæl nådd, meldt sent",
            "Milepæl M1",
            "desember 2018",
            "14. desember 2018",
        )
    ]
    # in the period it was reached in, it was reached
    assert [row[1] for row in _changes(_build(programme, H2))] == ["Milepæl nådd"]


def test_realised_savings_stand_next_to_their_target() -> None:
    programme = _programme(
        measures=(
            Measure(
                id="innkjop",
                title="Felles innkjøp",
                participant="a",
                economic_effects=(
                    EconomicEffect(
                        period=Period.parse("2019"),
                        target=Money.parse("800000"),
                        realised=Money.parse("650000"),
                    ),
                    EconomicEffect(period=H1, realised=Money.parse("100000")),
                ),
            ),
            Measure(
                id="felles",
                title="Felles IKT",
                economic_effects=(
                    EconomicEffect(
                        period=H1, target=Money.parse("50000"), realised=Money.parse("60000")
                    ),
                ),
            ),
        ),
    )
    assert _changes(_build(programme)) == [
        ("A kommune", "Gevinst realisert", "Felles innkjøp", None, "100\u00a0000\u00a0kr"),
        (
            "Hele programmet",
            "Gevinst realisert",
            "Felles IKT",
            "mål 50\u00a0000\u00a0kr",
            "60\u00a0000\u00a0kr",
        ),
    ]
    # the year's effect is realised in the half-year it ends in
    assert _changes(_build(programme, Period.parse("2019-H2"))) == [
        (
            "A kommune",
            "Gevinst realisert",
            "Felles innkjøp",
            "mål 800\u00a0000\u00a0kr",
            "650\u00a0000\u00a0kr",
        )
    ]


def test_meetings_in_the_period_are_changes() -> None:
    programme = _programme(
        events=(
            Event(
                id="g",
                kind=EventKind.MEETING,
                title="Gruppemøter",
                period=H1,
                count=7,
                participants=("a",),
            ),
            Event(
                id="f",
                kind=EventKind.MEETING,
                title="Fellesnemnda",
                start=PartialDate(2019, 4, 3),
            ),
            Event(
                id="later", kind=EventKind.MEETING, title="Senere", start=PartialDate(2019, 8, 1)
            ),
        ),
    )
    assert _changes(_build(programme)) == [
        ("A kommune", "Møte", "Gruppemøter (7 ganger)", None, None),
        ("Hele programmet", "Møte", "Fellesnemnda", None, "3. april 2019"),
    ]
    assert _changes(_build(programme, language=Language.EN))[0][:3] == (
        "A kommune",
        "Meeting",
        "Gruppemøter (7 times)",
    )


def test_the_stifinneren_changes_name_the_programme_and_its_meetings(
    examples: dict[str, Programme],
) -> None:
    report = _build(examples["stifinneren-2004"], Period.parse("2004-H1"))
    changes = _changes(report)
    kinds = Counter((row[0], row[1]) for row in changes)
    assert kinds[("Hele programmet", "Milepæl nådd")] >= 1
    assert kinds[("Tingvoll kommune", "Møte")] == 1
    assert kinds[("Bydel Alna", "Møte")] == 1


# --- every event kind of the period ------------------------------------------------


def test_every_kind_of_event_in_the_period_reaches_the_report() -> None:
    def event(id: str, kind: EventKind, participants: tuple[str, ...] = ("a",)) -> Event:
        return Event(
            id=id,
            kind=kind,
            title=f"Hendelse {id}",
            start=PartialDate(2019, 3, 1),
            participants=participants,
        )

    programme = _programme(
        events=(
            event("visit", EventKind.VISIT),
            event("meeting", EventKind.MEETING),
            event("seminar", EventKind.SEMINAR),
            event("other", EventKind.OTHER),
            event("gathering", EventKind.JOINT_GATHERING),
            event("programme-seminar", EventKind.SEMINAR, ()),
        ),
    )
    report = _build(programme)
    (events,) = report.sections_for("events")
    assert events.title == "Besøk og møter i A kommune"
    assert [(row.get("kind"), row.get("title")) for row in events.rows] == [
        ("Besøk", "Hendelse visit"),
        ("Møte", "Hendelse meeting"),
        ("Seminar", "Hendelse seminar"),
        ("Annet", "Hendelse other"),
    ]
    assert [(row.get("kind"), row.get("title")) for row in _rows(report, "joint_activities")] == [
        ("Samling", "Hendelse gathering"),
        ("Seminar", "Hendelse programme-seminar"),
    ]


# --- names, not ids ----------------------------------------------------------------


def _texts(report: Report) -> list[str]:
    found: list[str] = []
    for section in report.sections:
        values = [*section.values.values(), *(v for row in section.rows for v in row.values())]
        for value in values:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, tuple):
                found += [str(v) for v in value]
        if section.title:
            found.append(section.title)
    return found


@pytest.mark.parametrize(
    ("example", "period"),
    [
        ("stifinneren-2004", "2004-H1"),
        ("alna-2006", "2006"),
        ("kongsvinger-omstilling-2012", "2013-H1"),
        ("hammerfest-sjumilssteget", "2014-H1"),
        ("flesberg-rollag", "2017-H1"),
    ],
)
def test_the_status_names_things_and_never_shows_an_id(
    examples: dict[str, Programme], example: str, period: str
) -> None:
    programme = examples[example]
    report = _build(programme, Period.parse(period))
    names = {o.name for o in programme.organisations} | {m.title for m in programme.milestones}
    ids = {programme.id}
    ids |= {o.id for o in programme.organisations} | {m.id for m in programme.milestones}
    ids |= {p.id for p in programme.people} | {m.id for m in programme.measures}
    shown = _texts(report)
    assert [text for text in shown if text in ids - names] == []
    assert "programme" not in {c.key for c in SCHEMA.section("introduction").fields}
    assert "period" not in {c.key for c in SCHEMA.section("introduction").fields}


# --- the summary page --------------------------------------------------------------


def test_the_summary_opens_the_status_report(examples: dict[str, Programme]) -> None:
    report = _build(examples["kongsvinger-omstilling-2012"], Period.parse("2013-H1"))
    assert [s.key for s in SCHEMA.sections][:3] == [s.key for s in SUMMARY_SCHEMAS]
    keys = [s.key for s in report.sections]
    assert keys[0] == "key_figures"
    assert "savings" in keys
    assert keys.index("savings") < keys.index("introduction")
    figures = report.sections_for("key_figures")[0]
    assert figures.value("savings_target") is not None
    (savings,) = report.sections_for("savings")
    assert [row.get("period") for row in savings.rows] == sorted(
        {
            e.period
            for m in examples["kongsvinger-omstilling-2012"].measures
            for e in m.economic_effects
        }
    )


def test_the_latest_period_is_the_last_any_participant_reported_for(
    examples: dict[str, Programme],
) -> None:
    assert latest_period(examples["stifinneren-2004"]) == Period.parse("2004-H1")
    assert latest_period(examples["stifinneren-2004"], ["nobody"]) is None
    assert latest_period(COMMENTED) == H1


def _late(milestone: Milestone, period: Period) -> bool:
    """Due by the period's end and not reached by then (written out again)."""
    finish = milestone.estimated_finish
    if finish is None:
        return False
    reached = milestone.done and (
        milestone.done_on is None or milestone.done_on.first_day() <= period.end()
    )
    return not reached and finish.last_day() <= period.end()


def _due_next(milestone: Milestone, period: Period) -> bool:
    finish = milestone.estimated_finish
    if finish is None or _late(milestone, period):
        return False
    if milestone.done and (
        milestone.done_on is None or milestone.done_on.first_day() <= period.end()
    ):
        return False
    try:
        following = period.next()
    except FieldError:  # no period after the year 9999
        return False
    return following.start() <= finish.last_day() <= following.end()


@settings(deadline=None)
@given(ost.programmes(realistic=True, max_items=4), st.data())
def test_the_summary_s_figures_are_the_programme_s(
    programme: Programme, data: st.DataObject
) -> None:
    # periods something happened in: reported, or a milestone reached or due (and the
    # half-years before and after, for milestones due next and late)
    candidates = {e.period for e in programme.status_entries}
    for milestone in programme.milestones:
        for day in (milestone.done_on, milestone.estimated_finish):
            if day is not None:
                last = day.last_day()
                half = Period.parse(f"{last.year}-H{1 if last.month <= 6 else 2}")
                candidates.add(half)
                if 1990 < last.year < 2040:
                    candidates |= {half.previous(), half.next()}
    period = data.draw(
        st.sampled_from(sorted(candidates)) if candidates else ost.periods(realistic=True)
    )
    sections = {s.key: s for s in summary_sections(programme, period, Language.NB)}
    participants = [p.organisation for p in programme.participants]
    figures = sections.get("key_figures")
    entries = {p: programme.status_for(p, period) for p in participants}
    if participants:
        assert figures is not None
        assert figures.value("participants") == len(participants)
        assert figures.value("reported") == sum(1 for e in entries.values() if e is not None)
        # each dimension's counts add up to the participants, and agree with the entries
        for row in figures.rows:
            keys = ("green", "amber", "red", "not_assessed", "not_reported")
            counts = [row.get(k) or 0 for k in keys]
            assert all(isinstance(n, int) for n in counts)
            assert sum(n for n in counts if isinstance(n, int)) == len(participants)
        reds = Counter(
            d.dimension
            for e in entries.values()
            if e is not None
            for d in e.dimensions
            if d.rag is Rag.RED
        )
        by_dimension = {row.get("dimension"): row for row in figures.rows}
        for dimension, count in reds.items():
            word = {"progress": "Framdrift", "economy": "Økonomi", "quality": "Kvalitet"}.get(
                dimension, "Risiko" if dimension == "risk" else dimension
            )
            assert by_dimension[word].get("red") == count
        overview = sections["status_overview"]
        assert len(overview.rows) == len(participants)
        assert [row.get("overall") for row in overview.rows] == [
            e.overall if e is not None else None for e in entries.values()
        ]
    milestones = programme.milestones
    if milestones:
        assert figures is not None
        done = [
            m
            for m in milestones
            if m.done_on is not None and period.contains(m.done_on.first_day())
        ]
        assert figures.value("milestones_done") == len(done)
        assert figures.value("milestones_late") == sum(1 for m in milestones if _late(m, period))
        assert figures.value("milestones_coming") == sum(
            1 for m in milestones if _due_next(m, period)
        )
    # the savings table holds every period of every effect, with their sums
    effects = [e for m in programme.measures for e in m.economic_effects]
    rows = {row["period"]: row for row in sections["savings"].rows} if "savings" in sections else {}
    for effect_period in {e.period for e in effects}:
        alike = [e for e in effects if e.period == effect_period]
        targets = [e.target for e in alike if e.target is not None]
        if targets and len({t.currency for t in targets}) == 1 and effect_period in rows:
            total = rows[effect_period].get("target")
            assert isinstance(total, Money)
            assert total.amount == sum((t.amount for t in targets), Decimal(0))
    assert all(row.get("target") or row.get("realised") for row in rows.values())


def test_without_a_period_the_summary_counts_what_is_done(examples: dict[str, Programme]) -> None:
    programme = examples["hammerfest-sjumilssteget"]
    sections = {s.key: s for s in summary_sections(programme, None, Language.NB)}
    assert "status_overview" not in sections
    figures = sections["key_figures"]
    assert figures.value("milestones_done") == sum(1 for m in programme.milestones if m.done)
    assert figures.value("reported") is None
