"""The common templates build every example programme, and what they build carries
the seeds' content."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.builtin.markdown import to_markdown
from omstilling.files import dumps_report, loads_report
from omstilling.hookspecs import BuildRequest
from omstilling.model import Language, Money, Period, Programme
from omstilling.report import Report, as_texts
from omstilling.templates import TEMPLATES
from omstilling.testing import PluginCheckError, check_format_round_trip, check_parse_round_trip
from omstilling.testing import strategies as ost

H1_2004 = BuildRequest(period=Period.parse("2004-H1"))


def _build(template: str, programme: Programme, request: BuildRequest = H1_2004) -> Report:
    return next(t for t in TEMPLATES if t.id == template).build(programme, request)


@pytest.mark.parametrize("template", [t.id for t in TEMPLATES])
def test_every_template_builds_every_example(examples: dict[str, Programme], template: str) -> None:
    for programme in examples.values():
        report = _build(template, programme)
        assert report.schema.id == template
        assert loads_report(dumps_report(report)) == report
        kind = report.label(report.schema.title)
        assert to_markdown(report).startswith(f"# {kind}\n\n**{programme.name}".encode())


def test_status_roll_up_of_stifinneren(examples: dict[str, Programme]) -> None:
    report = _build("status", examples["stifinneren-2004"])
    participants = report.sections_for("participant")
    assert [s.title for s in participants] == [
        "Vadsø kommune",
        "Molde kommune",
        "Tingvoll kommune",
        "Herøy kommune",
        "Sogndal kommune",
        "Bømlo kommune",
        "Porsgrunn kommune",
        "Bydel Alna",
    ]
    assert participants[0].value("steering_group_meetings") == 6
    assert "godt i gang" in str(participants[0].value("narrative"))
    figures = report.sections_for("key_figures")[0]
    assert (figures.value("participants"), figures.value("reported")) == (8, 8)
    overview = report.sections_for("status_overview")[0]
    assert [row.get("note") for row in overview.rows] == [None] * 8
    visits = [s for s in report.sections_for("events") if s.title and "Besøk" in s.title]
    assert len(visits) == 8
    joint = report.sections_for("joint_activities")[0]
    assert [row.get("place") for row in joint.rows] == ["Gardermoen", "Klækken"]
    evaluation = report.sections_for("evaluation")[0]
    assert str(evaluation.rows[0].get("title")).startswith("Nåsituasjonsbeskrivelse")


def test_status_flags_participants_that_have_not_reported(examples: dict[str, Programme]) -> None:
    report = _build(
        "status", examples["stifinneren-2004"], BuildRequest(period=Period.parse("2004-H2"))
    )
    overview = report.sections_for("status_overview")[0]
    assert [row.get("note") for row in overview.rows] == ["Ikke rapportert"] * 8
    assert all(s.value("missing") == "Ikke rapportert" for s in report.sections_for("participant"))
    nynorsk = _build(
        "status",
        examples["stifinneren-2004"],
        BuildRequest(period=Period.parse("2004-H2"), language=Language.NN),
    )
    assert nynorsk.sections_for("status_overview")[0].rows[0].get("note") == "Ikkje rapportert"


def test_status_of_one_participant(examples: dict[str, Programme]) -> None:
    report = _build(
        "status",
        examples["stifinneren-2004"],
        BuildRequest(period=Period.parse("2004-H1"), participant="molde"),
    )
    assert report.title == "Stifinneren – modernisering for velferd: Molde kommune"
    assert [s.title for s in report.sections_for("participant")] == ["Molde kommune"]
    assert report.sections_for("joint_activities") == ()


def test_decision_register_of_kongsvinger(examples: dict[str, Programme]) -> None:
    report = _build("decision-register", examples["kongsvinger-omstilling-2012"])
    overview = report.sections_for("overview")[0].rows
    assert [row.get("case") for row in overview if row.get("case")] == ["769/12", "KST-sak 139/12"]
    items = report.sections_for("items")
    kst = next(s for s in items if [r["label"] for r in s.rows] == list("abcdefghij"))
    assert kst.rows[8].get("kind") == "Tatt til orientering"
    groups = [s.title for s in items if s.title]
    assert groups == [
        "Sak 769/12: Vedtak samhandling",
        "Sak 769/12: Vedtak oppvekst",
        "Sak 769/12: Vedtak helse og omsorg",
        "Sak 769/12: Vedtak Samfunn",
        "Sak 769/12: Vedtak stab/støtte/ledelse/organisering",
        "KST 139/12: Vedtakspunkter",
    ]
    dissent = report.sections_for("dissents")[0].rows[0]
    assert "økonomi" in str(dissent["concerning"])
    delegated = next(s for s in report.sections_for("decision") if s.value("case_number"))
    assert delegated.value("case_number") == "2012/1728"
    assert delegated.value("archive_code") == "K1-034"


def test_measure_overview_of_kongsvinger(examples: dict[str, Programme]) -> None:
    report = _build("measure-overview", examples["kongsvinger-omstilling-2012"])
    rows = report.sections_for("measures")[0].rows
    assert [row.get("priority") for row in rows][:11] == list(range(1, 12))
    totals = report.sections_for("totals")[0]
    assert totals.value("measures") == 12
    assert totals.value("positions") == 10
    assert totals.value("target") == Money.parse("800000")
    assert "800\u00a0000\u00a0kr" in to_markdown(report).decode()


def test_plans_of_hammerfest(examples: dict[str, Programme]) -> None:
    programme = examples["hammerfest-sjumilssteget"]
    milestones = _build("milestone-plan", programme)
    schema = milestones.schema.section("milestones")
    assert [c.label.nb for c in schema.columns][1:7] == [
        "Antatt start-tidspunkt",
        "Antatt ferdig tidspunkt",
        "Milepæler",
        "Rapport dato",
        "Rapporttekst status",
        "Utført",
    ]
    assert len(milestones.sections_for("milestones")[0].rows) == 12
    assert milestones.sections_for("project")[0].value("leaders") == ("Grethe Nissen",)
    progress = _build("progress-plan", programme)
    phases = progress.sections_for("phase")
    assert [len(p.rows) for p in phases] == [14, 1]
    assert phases[0].title == "Fase 1: Kartlegging og analyse"
    assert phases[0].rows[13].get("time") == "april/mai 2014"


def test_project_plan_and_final_report(examples: dict[str, Programme]) -> None:
    plan = _build("project-plan", examples["hammerfest-sjumilssteget"])
    goals = plan.sections_for("goals")[0].rows
    assert (
        goals[0]["text"] == "Sikre at Hammerfest kommune arbeider i samsvar med Barnekonvensjonen."
    )
    assert len(as_texts(plan.sections_for("success_factors")[0].value("factors"))) == 7
    final = _build("final-report", examples["kongsvinger-omstilling-2012"])
    assert len(final.sections_for("subprojects")[0].rows) == 22
    attainment = final.sections_for("goal_attainment")[0].rows
    assert any(row.get("target") == 35_000_000 for row in attainment)


@given(ost.programmes())
def test_milestone_plan_reads_back_what_it_writes(programme: Programme) -> None:
    milestone_plan = next(t for t in TEMPLATES if t.id == "milestone-plan")
    check_format_round_trip(milestone_plan, programme)


@given(ost.programmes(), st.data())
def test_milestone_plan_reads_back_a_filled_in_plan(
    programme: Programme, data: st.DataObject
) -> None:
    milestone_plan = next(t for t in TEMPLATES if t.id == "milestone-plan")
    report = milestone_plan.build(programme, BuildRequest())
    (section,) = report.sections_for("milestones")
    rows = tuple(
        {
            **row,
            "done": data.draw(st.booleans()),
            "estimated_finish": data.draw(st.none() | ost.partial_dates()),
            "report_date": data.draw(st.none() | ost.partial_dates()),
            "report_status_text": data.draw(st.none() | ost.texts()),
        }
        for row in section.rows
    )
    filled = report.with_sections(
        tuple(attrs.evolve(s, rows=rows) if s.key == "milestones" else s for s in report.sections)
    )
    merged = check_parse_round_trip(milestone_plan, programme, filled)
    assert [m.done for m in merged.milestones] == [row["done"] for row in rows]


def test_a_parse_that_ignores_the_report_is_caught(examples: dict[str, Programme]) -> None:
    milestone_plan = next(t for t in TEMPLATES if t.id == "milestone-plan")
    lazy = attrs.evolve(milestone_plan, parse=lambda report, programme: programme)
    programme = examples["hammerfest-sjumilssteget"]
    report = milestone_plan.build(programme, BuildRequest())
    (section,) = report.sections_for("milestones")
    filled = report.with_sections(
        (
            report.sections[0],
            attrs.evolve(section, rows=tuple({**r, "done": True} for r in section.rows)),
        )
    )
    with pytest.raises(PluginCheckError, match="lost what was filled in"):
        check_parse_round_trip(lazy, programme, filled)


@given(ost.programmes(), ost.periods())
def test_every_template_builds_any_programme(programme: Programme, period: Period) -> None:
    for template in TEMPLATES:
        report = template.build(programme, BuildRequest(period=period))
        assert report.schema == template.schema
