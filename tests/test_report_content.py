"""What the common templates put in a report, and how the Markdown and Excel
exporters show it: a title block with the owner and case reference, names and not
ids, no duplicated or empty headings, periods in words, complete content (the
measure overview's targets, the project plan's participants and subprojects, the
final report's deviations as of a day), and fields and columns with no value left
out."""

from __future__ import annotations

import io
import re
import warnings
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from omstilling.builtin.markdown import to_markdown
from omstilling.cli import cli
from omstilling.formatting import ExportWarning
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    Body,
    BodyKind,
    CaseReference,
    Decision,
    DecisionKind,
    EconomicEffect,
    Language,
    Measure,
    Money,
    Organisation,
    PartialDate,
    Period,
    Programme,
    Role,
    RoleAssignment,
    StaffingEffect,
)
from omstilling.presentation import shown_columns
from omstilling.report import Column, FieldType, Labels, Report, ReportSchema, Section
from omstilling.report import SectionSchema as Schema
from omstilling.templates import TEMPLATES
from omstilling.templates.common import case_reference, make_report, owner_name
from omstilling.templates.measures import programme_target

from .conftest import EXAMPLES

OURS = (
    "milestone-plan",
    "progress-plan",
    "decision-register",
    "measure-overview",
    "project-plan",
    "final-report",
)
KONGSVINGER = "kongsvinger-omstilling-2012"


def _build(template: str, programme: Programme, request: BuildRequest | None = None) -> Report:
    found = next(t for t in TEMPLATES if t.id == template)
    return found.build(programme, request or BuildRequest())


def _markdown(report: Report) -> str:
    return to_markdown(report).decode("utf-8")


def _workbook(report: Report) -> openpyxl.Workbook:
    from omstilling_excel import to_xlsx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)  # long titles cut to 31 characters
        return openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))


# --- the title block --------------------------------------------------------------------


@pytest.mark.parametrize("template", OURS)
def test_every_template_names_the_owner_and_the_case(
    examples: dict[str, Programme], template: str
) -> None:
    report = _build(template, examples[KONGSVINGER])
    assert (report.owner, report.reference) == ("Kongsvinger kommune", "2012/1728")
    text = _markdown(report)
    kind = report.label(report.schema.title)
    assert text.startswith(f"# {kind}\n\n**Omstilling 2012**\n\n")
    assert "Kongsvinger kommune  \nSaksnr. 2012/1728\n" in text
    overview = _workbook(report).worksheets[0]
    assert [overview.cell(row, 1).value for row in range(1, 5)] == [
        kind,
        "Omstilling 2012",
        "Kongsvinger kommune",
        "Saksnr. 2012/1728",
    ]


@pytest.mark.parametrize("template", OURS)
def test_no_case_reference_where_the_programme_has_none(
    examples: dict[str, Programme], template: str
) -> None:
    report = _build(template, examples["hammerfest-sjumilssteget"])
    assert report.owner == "Hammerfest kommune"
    assert report.reference is None
    assert "Saksnr." not in _markdown(report)


def test_the_workbook_properties_come_from_the_title_block(
    examples: dict[str, Programme],
) -> None:
    report = _build("measure-overview", examples[KONGSVINGER])
    properties = _workbook(report).properties
    assert properties.title == "Tiltaksoversikt – Omstilling 2012"
    assert properties.creator == "Kongsvinger kommune"
    assert properties.language == "nb-NO"


def _decision(number: int, case: CaseReference | None) -> Decision:
    return Decision(
        id=f"d{number}", title="Vedtak", body="b", kind=DecisionKind.POLITICAL, case=case
    )


_CASES = st.one_of(
    st.none(),
    st.builds(
        lambda year, sequence: CaseReference(case_year=year, case_sequence=sequence),
        st.integers(2000, 2030),
        st.integers(1, 3),
    ),
    st.builds(
        lambda number: CaseReference(meeting_case_number=number, meeting_case_year=2012),
        st.integers(1, 200),
    ),
)


@given(st.lists(_CASES, max_size=5))
def test_the_case_reference_is_the_one_archive_case_all_name(
    cases: list[CaseReference | None],
) -> None:
    programme = Programme(
        id="p",
        name="P",
        owner="o",
        organisations=(Organisation(id="o", name="Eier kommune"),),
        bodies=(Body(id="b", name="Kommunestyret", kind=BodyKind.COUNCIL),),
        decisions=tuple(_decision(n, c) for n, c in enumerate(cases)),
    )
    archive = {f"{c.case_year}/{c.case_sequence}" for c in cases if c is not None and c.case_year}
    expected = archive.pop() if len(archive) == 1 else None
    assert case_reference(programme) == expected
    assert owner_name(programme) == "Eier kommune"
    report = make_report(
        ReportSchema(id="x", title=Labels("X"), sections=()), programme, BuildRequest(), ()
    )
    assert (report.owner, report.reference) == ("Eier kommune", expected)


# --- names, not ids ------------------------------------------------------------------------


@pytest.mark.parametrize("template", OURS)
def test_no_ids_where_names_exist(examples: dict[str, Programme], template: str) -> None:
    for programme in examples.values():
        report = _build(template, programme)
        text = _markdown(report)
        workbook = _workbook(report)
        shown = [
            str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value
        ]
        for milestone in programme.milestones:
            assert f"| {milestone.id} |" not in text
            assert milestone.id not in shown
        assert programme.id not in text
        assert programme.id not in shown


def test_the_milestone_id_is_kept_for_reading_back(examples: dict[str, Programme]) -> None:
    programme = examples["hammerfest-sjumilssteget"]
    report = _build("milestone-plan", programme)
    (table,) = report.sections_for("milestones")
    assert [row["id"] for row in table.rows] == [m.id for m in programme.milestones]
    assert "id" not in {c.key for c in shown_columns(report.schema.section("milestones"), [table])}


def test_decision_sheets_are_named_after_the_decision(examples: dict[str, Programme]) -> None:
    names = _workbook(_build("decision-register", examples[KONGSVINGER])).sheetnames
    assert names[0] == "Oversikt"
    assert "KST 139-12 – Vedtakspunkter" in names
    assert "Sak 769-12 – Vedtak oppvekst" in names
    assert not any(name.startswith(("Oversikt (", "Vedtakspunkter (")) for name in names)


# --- a report, not a form ------------------------------------------------------------------


def test_the_project_plan_reads_as_a_report(examples: dict[str, Programme]) -> None:
    report = _build("project-plan", examples[KONGSVINGER])
    text = _markdown(report)
    assert "## Bakgrunn\n\nKommunestyret vedtok" in text  # no "Bakgrunn" label under it
    assert "## Mandat\n\nVi skal utvikle" in text
    assert "Suksessfaktorer" not in text  # nothing to say: no heading
    assert report.sections_for("success_factors") == ()
    subprojects = report.sections_for("subprojects")[0].rows
    assert len(subprojects) == len(examples[KONGSVINGER].subprojects) == 22
    assert "| Delprosjekt |" in text


def test_the_project_plan_lists_the_participants(examples: dict[str, Programme]) -> None:
    programme = examples["stifinneren-2004"]
    report = _build("project-plan", programme)
    names = [row["name"] for row in report.sections_for("participants")[0].rows]
    assert names[:2] == ["Vadsø kommune", "Molde kommune"]
    assert len(names) == len(programme.participants)
    assert "| Vadsø kommune |" in _markdown(report)


def test_role_periods_are_in_words(examples: dict[str, Programme]) -> None:
    for programme in examples.values():
        rows = [
            row
            for s in _build("project-plan", programme).sections_for("organisation")
            for row in s.rows
        ]
        for row in rows:
            assert not re.search(r"\d{4}-\d{2}", str(row.get("period") or "")), row
    programme = examples["hammerfest-sjumilssteget"].replace(
        roles=(
            RoleAssignment(
                role=Role.COORDINATOR,
                holder="Koordinator",
                start=PartialDate(2017, 1),
                end=PartialDate(2018, 2),
            ),
            RoleAssignment(role=Role.MEMBER, holder="Medlem", end=PartialDate(2018, 2)),
        )
    )
    roles = _build("project-plan", programme).sections_for("organisation")[0].rows
    assert [row["period"] for row in roles] == ["januar 2017–februar 2018", "til februar 2018"]


def test_final_report_deviations_are_as_of_the_periods_end(
    examples: dict[str, Programme],
) -> None:
    programme = examples["hammerfest-sjumilssteget"]
    report = _build("final-report", programme, BuildRequest(period=Period.parse("2014-H1")))
    (deviations,) = report.sections_for("deviations")
    assert deviations.title == "Avvik per 30. juni 2014"
    assert "## Avvik per 30. juni 2014" in _markdown(report)
    done_later = programme.with_milestone(
        programme.milestones[0].id, done=True, done_on="2014-09-01"
    )
    late = _build("final-report", done_later, BuildRequest(period=Period.parse("2014-H1")))
    titles = [row["milestone"] for row in late.sections_for("deviations")[0].rows]
    assert programme.milestones[0].title in titles  # not reached by 30 June
    english = _build(
        "final-report",
        programme,
        BuildRequest(period=Period.parse("2014-H1"), language=Language.EN),
    )
    assert english.sections_for("deviations")[0].title == "Deviations as of 30 June 2014"


def test_final_report_without_a_period_speaks_of_one_day_throughout(
    examples: dict[str, Programme],
) -> None:
    # Alna reported status up to 2006; its programme runs to 2007
    programme = examples["alna-2006"]
    report = _build("final-report", programme)
    (figures,) = report.sections_for("key_figures")
    (deviations,) = report.sections_for("deviations")
    (summary,) = report.sections_for("summary")
    assert deviations.title == "Avvik per 31. desember 2006"  # the key figures' period
    assert figures.value("milestones_coming") == len(deviations.rows) == 3
    reached = summary.value("milestones_done")
    assert isinstance(reached, int)
    assert reached + len(deviations.rows) == len(programme.milestones)
    text = _markdown(report)
    assert "**Milepæler nådd hittil:** 1" in text  # not the period's "Milepæler nådd"
    # reached after that day: still a deviation, and not counted as reached
    open_one = next(m for m in programme.milestones if not m.done)
    later = programme.with_milestone(open_one.id, done=True, done_on="2007-03-01")
    report = _build("final-report", later)
    assert report.sections_for("summary")[0].value("milestones_done") == reached
    titles = [row["milestone"] for row in report.sections_for("deviations")[0].rows]
    assert open_one.title in titles


def test_final_report_opens_with_the_summary_page(examples: dict[str, Programme]) -> None:
    report = _build("final-report", examples["stifinneren-2004"])
    assert [s.key for s in report.sections][:2] == ["key_figures", "status_overview"]


# --- content complete: the measure overview ----------------------------------------------


def test_measure_overview_sets_the_programmes_target_by_the_sum_of_the_measures(
    examples: dict[str, Programme],
) -> None:
    programme = examples[KONGSVINGER]
    assert programme_target(programme) == Money(35_000_000)
    report = _build("measure-overview", programme)
    totals = report.sections_for("totals")[0]
    assert totals.value("programme_target") == Money(35_000_000)
    assert totals.value("target") == Money(800_000)
    assert totals.value("uncovered") == Money(34_200_000)
    text = _markdown(report)
    assert "- Programmets mål for innsparing: **35\xa0000\xa0000\xa0kr**" in text
    assert "- Sum av tiltakenes mål for innsparing: **800\xa0000\xa0kr**" in text


def test_measure_overview_claims_no_shortfall_it_cannot_compute(
    examples: dict[str, Programme],
) -> None:
    programme = examples[KONGSVINGER]
    euros = Measure(
        id="eur-tiltak",
        title="Tiltak i euro",
        economic_effects=(EconomicEffect(period=Period.parse("2013"), target=Money(1000, "EUR")),),
    )
    report = _build("measure-overview", programme.adding("measures", euros))
    totals = report.sections_for("totals")[0]
    assert totals.value("uncovered") is None  # 800 000 kr and 1 000 EUR against 35 mill. kr
    assert totals.value("target") is None
    assert totals.value("target_text") == "800\xa0000\xa0kr + 1\xa0000\xa0EUR"
    text = _markdown(report)
    assert "Differanse mot programmets mål" not in text
    assert "- Sum av tiltakenes mål for innsparing: **800\xa0000\xa0kr + 1\xa0000\xa0EUR**" in text


def test_measure_overview_sums_beyond_what_money_holds(examples: dict[str, Programme]) -> None:
    programme = examples[KONGSVINGER]
    big = Money(Decimal("9E+30"))
    huge = tuple(
        Measure(
            id=f"stort-{n}",
            title=f"Stort tiltak {n}",
            economic_effects=(EconomicEffect(period=Period.parse("2013"), target=big),),
        )
        for n in range(2)
    )
    report = _build("measure-overview", programme.adding("measures", *huge))
    totals = report.sections_for("totals")[0]
    assert totals.value("target") is None
    total_target = totals.value("target_text")
    assert isinstance(total_target, str)
    assert total_target.startswith("18\xa0000\xa0000\xa0000")
    assert total_target.endswith("800\xa0000\xa0kr")  # exact: the 800 000 kr are kept
    assert totals.value("uncovered") is None  # far beyond the programme's target


def test_measure_overview_shows_participants_and_fte(examples: dict[str, Programme]) -> None:
    programme = examples["stifinneren-2004"]
    measure = programme.measures[0]
    programme = programme.with_item(
        "measures",
        measure.id,
        staffing_effect=StaffingEffect(
            positions=Decimal(4), fte=Decimal("3.5"), note="Naturlig avgang"
        ),
    )
    report = _build("measure-overview", programme)
    row = next(r for r in report.sections_for("measures")[0].rows if r["title"] == measure.title)
    assert row["participant"] == "Porsgrunn kommune"
    text = _markdown(report)
    assert "| Deltaker |" in text
    assert "| Årsverk |" in text
    assert "- Årsverk: **3,5**" in text
    assert "- Stillinger: **4**" in text


def test_measure_overview_end_to_end(tmp_path: Path) -> None:
    output = tmp_path / "tiltak.md"
    source = EXAMPLES / f"{KONGSVINGER}.yaml"
    result = CliRunner().invoke(
        cli, ["render", str(source), "--template", "measure-overview", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Tiltaksoversikt\n\n**Omstilling 2012**")
    assert "Programmets mål for innsparing: **35\xa0000\xa0000\xa0kr**" in text
    assert "Mål for innsparing: 800" not in text


# --- fields and columns with no value are left out -----------------------------------------

_NAME = Column(key="name", type=FieldType.TEXT, label=Labels("Navn"))
_KIND = Column(key="kind", type=FieldType.TEXT, label=Labels("Type"))
_NOTE = Column(key="note", type=FieldType.TEXT, label=Labels("Merknad"))
_TEXT = Column(key="text", type=FieldType.PARAGRAPHS, label=Labels("Omtale"))


def _report(*, always: bool, kinds: list[str | None]) -> Report:
    note = attrs.evolve(_NOTE, always_shown=always)
    schema = ReportSchema(
        id="x",
        title=Labels("Oversikt"),
        sections=(
            Schema(key="form", title=Labels("Skjema"), fields=(_KIND, note)),
            Schema(key="rows", title=Labels("Rader"), columns=(_NAME, _KIND, note)),
        ),
    )
    return Report(
        schema=schema,
        title="Programmet",
        programme="p",
        sections=(
            Section(key="form", values={"kind": kinds[0] if kinds else None}),
            Section(key="rows", rows=tuple({"name": "a", "kind": k} for k in kinds)),
        ),
    )


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["Tiltak", "Vedtak"])), min_size=1, max_size=4)
)
def test_empty_columns_are_left_out_in_markdown_and_excel(kinds: list[str | None]) -> None:
    for always in (False, True):
        report = _report(always=always, kinds=kinds)
        text = _markdown(report)
        header = text[text.index("| Navn") :].split("\n")[0]
        assert ("Type" in header) == any(k is not None for k in kinds)
        assert ("Merknad" in header) == always
        sheet = _workbook(report)["Rader"]
        headers = [c.value for c in sheet[1]]
        assert ("Type" in headers) == any(k is not None for k in kinds)
        assert ("Merknad" in headers) == always
        if kinds[0] is None and not always:
            assert "Skjema" not in text  # a heading with nothing under it
