"""The formats, with omstilling's public kit: registration, build → parse → build over
any programme, and a filled-in plan read back."""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import omstilling_hammerfest as hammerfest
import pytest
from hammerfest_samples import example
from hypothesis import given
from hypothesis import strategies as st

from omstilling.hookspecs import BuildRequest
from omstilling.model import Language, PartialDate, Programme
from omstilling.report import Report, Value
from omstilling.testing import (
    check_format_round_trip,
    check_parse_round_trip,
    check_plugin,
    strategies,
)


def test_the_plugin_registers_cleanly() -> None:
    plugins = check_plugin(hammerfest, "hammerfest")
    assert plugins.format("hammerfest.prosjektplan") is hammerfest.FORMAT
    assert plugins.format("hammerfest.milepaelsplan") is hammerfest.MILESTONE_FORMAT
    assert plugins.importer(".tsv") is hammerfest.IMPORTER


def test_the_sections_are_the_seeds_in_the_seeds_order() -> None:
    titles = [s.title.get(Language.NN) for s in hammerfest.PROSJEKTPLAN.sections]
    assert titles == [
        "Bakgrunn",
        "Mandat",
        "Mål",
        "Målgruppe",
        "Organisering",
        "Organ og grupper",
        "Suksessfaktorar",
        "Tiltak, tidsramme og ansvar",
        "Milepælsplan",
        "Økonomi",
        "Lenker",
    ]
    assert hammerfest.PROSJEKTPLAN.based_on == "project-plan"
    assert hammerfest.MILEPAELSPLAN.based_on == "milestone-plan"


def test_the_example_reads_back_unchanged() -> None:
    programme = example()
    report = check_format_round_trip(hammerfest.FORMAT, programme)
    assert report.language is Language.NN
    assert report.title == "Sjumilssteget – Hammerfest kommune"
    assert hammerfest.parse(report, programme) == programme
    check_format_round_trip(hammerfest.MILESTONE_FORMAT, programme)


@given(strategies.programmes())
def test_the_project_plan_survives_parse(programme: Programme) -> None:
    report = check_format_round_trip(hammerfest.FORMAT, programme)
    progress = report.sections_for("progress")[0].rows
    assert len(progress) == len(programme.activities) + len(programme.phases)
    assert len(report.sections_for("milestones")[0].rows) == len(programme.milestones)


@given(strategies.programmes())
def test_the_milestone_plan_survives_parse(programme: Programme) -> None:
    check_format_round_trip(hammerfest.MILESTONE_FORMAT, programme)


def _phase_rows(programme: Programme) -> set[int]:
    """Where the progress plan has a phase's row: after the activities of no phase,
    each phase's row is followed by its activities."""
    at = sum(1 for a in programme.activities if a.phase is None)
    found = set()
    for phase in programme.phases:
        found.add(at)
        at += 1 + sum(1 for a in programme.activities if a.phase == phase.id)
    return found


_DATES = st.none() | strategies.partial_dates()
_TEXTS = st.none() | strategies.texts()


@st.composite
def filled_in(draw: st.DrawFn, *, milestones_only: bool = False) -> tuple[Programme, Report]:
    """A programme and its plan as Hammerfest fills it in: done flags, dates, report
    dates and status texts, times, responsibles and comments changed."""
    programme = draw(strategies.programmes())
    report_format = hammerfest.MILESTONE_FORMAT if milestones_only else hammerfest.FORMAT
    report = report_format.build(programme, BuildRequest())
    phases = _phase_rows(programme)
    sections = []
    for section in report.sections:
        rows: list[dict[str, Value]] = []
        for index, row in enumerate(section.rows):
            new = dict(row)
            if section.key == "progress" and index not in phases:
                new["time"] = draw(_TEXTS)
                new["responsible"] = draw(_TEXTS)
                new["done"] = draw(st.sampled_from([True, False, None]))
                new["comments"] = draw(_TEXTS)
            elif section.key == "milestones":
                new["estimated_start"] = draw(_DATES)
                new["estimated_finish"] = draw(_DATES)
                new["report_date"] = draw(_DATES)
                new["report_status_text"] = draw(_TEXTS)
                new["done"] = draw(st.sampled_from([True, None]))  # blank is not done
            rows.append(new)
        sections.append(attrs.evolve(section, rows=tuple(rows)))
    return programme, report.with_sections(tuple(sections))


@given(filled_in())
def test_a_filled_in_project_plan_reads_back(case: tuple[Programme, Report]) -> None:
    programme, filled = case
    merged = check_parse_round_trip(hammerfest.FORMAT, programme, filled)
    rows = filled.sections_for("milestones")[0].rows
    for milestone, row in zip(merged.milestones, rows, strict=True):
        assert milestone.done is bool(row.get("done"))
        assert milestone.report_status_text == row.get("report_status_text")


@given(filled_in(milestones_only=True))
def test_a_filled_in_milestone_plan_reads_back(case: tuple[Programme, Report]) -> None:
    programme, filled = case
    check_parse_round_trip(hammerfest.MILESTONE_FORMAT, programme, filled)


def _with_rows(report: Report, key: str, rows: tuple[Mapping[str, Value], ...]) -> Report:
    return report.with_sections(
        tuple(attrs.evolve(s, rows=rows) if s.key == key else s for s in report.sections)
    )


def test_milestones_are_matched_by_title_when_the_plan_is_sorted() -> None:
    programme = example()
    report = hammerfest.FORMAT.build(programme, BuildRequest())
    rows = report.sections_for("milestones")[0].rows
    last = {**rows[-1], "done": True, "report_status_text": "Handsama i kommunestyret"}
    merged = hammerfest.parse(_with_rows(report, "milestones", (last, *rows[:-1])), programme)
    assert merged.milestones[-1].done
    assert merged.milestones[-1].report_status_text == "Handsama i kommunestyret"
    assert merged.milestones[:-1] == programme.milestones[:-1]


def test_a_changed_time_gives_a_new_due_date() -> None:
    programme = example()
    report = hammerfest.FORMAT.build(programme, BuildRequest())
    rows: list[Mapping[str, Value]] = list(report.sections_for("progress")[0].rows)
    rows[-1] = {**rows[-1], "time": "mai/juni 2014", "done": True, "comments": "Starta"}
    merged = hammerfest.parse(_with_rows(report, "progress", tuple(rows)), programme)
    planlegges = merged.activities[-1]
    assert (planlegges.time, planlegges.due) == ("mai/juni 2014", PartialDate(2014, 6))
    assert (planlegges.done, planlegges.comments) == (True, "Starta")


def test_rows_that_do_not_fit_the_programme_are_refused() -> None:
    programme = example()
    report = hammerfest.FORMAT.build(programme, BuildRequest())
    progress = report.sections_for("progress")[0].rows
    milestones = report.sections_for("milestones")[0].rows
    with pytest.raises(ValueError, match="progress plan has 16 rows"):
        hammerfest.parse(_with_rows(report, "progress", progress[1:]), programme)
    with pytest.raises(ValueError, match="row 1: expected the row of phase"):
        hammerfest.parse(_with_rows(report, "progress", (progress[1], *progress[1:])), programme)
    with pytest.raises(ValueError, match="milestone plan has 11 rows"):
        hammerfest.parse(_with_rows(report, "milestones", milestones[:-1]), programme)
