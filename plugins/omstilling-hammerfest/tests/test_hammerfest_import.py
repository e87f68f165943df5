"""Reading the seed's two tables: from the seed's tab-separated text, from an Excel
workbook, and through the registered importer into the project plan."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import omstilling_hammerfest as hammerfest
import pytest
from hammerfest_samples import (
    HEADER_LINE,
    MILESTONE_HEADER,
    PROGRESS_HEADER,
    SEED,
    example,
    seed_table,
    seed_text,
)

from omstilling.hookspecs import ImportRequest
from omstilling.model import Activity, Milestone, PartialDate

SHARED_SEED = Path("/work/shared/seeds/002_8452a9bc478f8450.txt")


def _without_ids(milestones: tuple[Milestone, ...]) -> list[Milestone]:
    return [attrs.evolve(m, id="x") for m in milestones]


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the seed collection is not here")
def test_the_copy_is_the_seed() -> None:
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_the_seed_tables_are_what_the_tests_think() -> None:
    progress, milestones = seed_table("Fremdriftsplan"), seed_table("Milepælsplan")
    assert tuple(progress[0]) == PROGRESS_HEADER
    assert len(progress) == 1 + 14 + 2
    assert HEADER_LINE in milestones[0]
    assert tuple(milestones[1]) == MILESTONE_HEADER
    assert len(milestones) == 2 + 12


def test_the_seed_text_gives_the_example_programme() -> None:
    programme = example()
    activities, milestones = hammerfest.read_tables(seed_text(), milestone_phase="fase-1")
    # the activities' ids can be made from the rows (fase-1-01 … fase-2-planlegges)
    assert activities == programme.activities
    assert len(activities) == 15
    assert activities[-1] == Activity(
        id="fase-2-planlegges",
        activity="Planlegges",
        phase="fase-2",
        time="mai/juni",
        responsible="koordinator/ styringsgruppe",
    )
    assert [a.due for a in activities[:2]] == [PartialDate(2013, 12), PartialDate(2013, 12, 20)]
    assert activities[13].due == PartialDate(2014, 5)  # "april/mai 2014"
    # the milestones' ids are the example's own words: everything else is the same
    assert _without_ids(milestones) == _without_ids(programme.milestones)
    last = milestones[-1]
    assert (last.estimated_start, last.estimated_finish) == (
        PartialDate(2014, 5, 31),
        PartialDate(2014, 4, 30),  # finishes before it starts, as in the seed
    )
    assert all(m.responsible == "Koordinator: Grethe Nissen" for m in milestones)
    assert not any(m.done for m in milestones)


def test_the_seed_text_read_in_and_merged_gives_the_example() -> None:
    programme = example()
    report = hammerfest.IMPORTER.read(
        SEED.read_bytes(), ImportRequest(source=SEED.name, schema=hammerfest.PROSJEKTPLAN)
    )
    assert report.schema == hammerfest.PROSJEKTPLAN
    assert report.title == "Sjumilssteget"
    assert [s.key for s in report.sections] == ["progress", "milestones"]
    assert hammerfest.parse(report, programme) == programme


def test_what_hammerfest_fills_in_is_merged() -> None:
    lines = seed_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("31.05.2014\t"))
    lines[at] = (
        "31.05.2014\t30.04.2014\tPolitisk behandling av analysen ferdig"
        "\t18.06.2014\tVedteke i kommunestyret\tok"
    )
    at = next(i for i, line in enumerate(lines) if line.startswith("\tPlanlegges\t"))
    lines[at] = (
        "\tPlanlegges\tjuni 2014\tkoordinator/ styringsgruppe\tok\tSøknad om skjønnsmidlar sendt"
    )
    data = "\n".join(lines).encode("utf-8")
    report = hammerfest.read(data, ImportRequest(source="plan.tsv"))
    merged = hammerfest.parse(report, example())
    last = merged.milestones[-1]
    assert last.done
    assert last.report_date == PartialDate(2014, 6, 18)
    assert last.report_status_text == "Vedteke i kommunestyret"
    planlegges = merged.activities[-1]
    assert (planlegges.time, planlegges.due, planlegges.done) == (
        "juni 2014",
        PartialDate(2014, 6),
        True,
    )
    assert planlegges.comments == "Søknad om skjønnsmidlar sendt"
    assert merged.activities[:-1] == example().activities[:-1]


def test_the_milestone_plan_alone_is_read_for_its_schema() -> None:
    request = ImportRequest(source="plan.tsv", schema=hammerfest.MILEPAELSPLAN)
    report = hammerfest.read(SEED.read_bytes(), request)
    assert report.schema == hammerfest.MILEPAELSPLAN
    assert hammerfest.MILESTONE_FORMAT.parse is not None
    assert hammerfest.MILESTONE_FORMAT.parse(report, example()) == example()


def _workbook() -> bytes:
    """The seed's two tables in an Excel workbook, a sheet each, rows as in the seed."""
    from openpyxl import Workbook

    workbook = Workbook()
    progress = workbook.active
    assert progress is not None
    progress.title = "Fremdriftsplan"
    for row in seed_table("Fremdriftsplan"):
        progress.append([int(c) if c.isdigit() else (c or None) for c in row])
    milestones = workbook.create_sheet("Milepælsplan")
    for row in seed_table("Milepælsplan"):
        milestones.append([c or None for c in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_tables_in_excel_give_the_same_objects() -> None:
    from_text = hammerfest.read_tables(seed_text(), milestone_phase="fase-1")
    from_excel = hammerfest.read_tables_xlsx(_workbook(), milestone_phase="fase-1")
    assert from_excel == from_text
    activities, milestones = from_excel
    assert activities == example().activities
    assert _without_ids(milestones) == _without_ids(example().milestones)


def test_excel_dates_and_flags_are_read() -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([HEADER_LINE])
    sheet.append(list(MILESTONE_HEADER))
    sheet.append(
        [dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 14), "Forslag", "20.03.2014", "Ferdig", "ok"]
    )
    out = io.BytesIO()
    workbook.save(out)
    tables = hammerfest.read_xlsx(out.getvalue())
    assert tables.progress is None
    assert (tables.name, tables.coordinator) == ("Sjumilssteget", "Grethe Nissen")
    assert tables.milestones == (
        {
            "estimated_start": PartialDate(2014, 3, 1),
            "estimated_finish": PartialDate(2014, 3, 14),
            "title": "Forslag",
            "report_date": PartialDate(2014, 3, 20),
            "report_status_text": "Ferdig",
            "done": True,
        },
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("01.12.2013", PartialDate(2013, 12, 1)),
        ("20. desember 2013", PartialDate(2013, 12, 20)),
        ("Desember 2013", PartialDate(2013, 12)),
        ("Januar 2014", PartialDate(2014, 1)),
        ("april/mai 2014", PartialDate(2014, 5)),
        ("mai/juni", None),
        ("Planlegges", None),
        ("2014", PartialDate(2014)),
        ("", None),
    ],
)
def test_norwegian_dates(text: str, date: PartialDate | None) -> None:
    assert hammerfest.norwegian_date(text) == date


def test_what_cannot_be_read_is_named() -> None:
    with pytest.raises(ValueError, match="found neither the Fremdriftsplan"):
        hammerfest.read_tables("Bakgrunn\n\nMandat\n")
    bad = seed_text().replace("20.03.2014\t20.03.2014", "20.03.2014\t31.02.2014")
    with pytest.raises(ValueError, match=r"line \d+, Antatt ferdig tidspunkt"):
        hammerfest.read_tables(bad)
    bad = seed_text().replace("Mars 2014\tKoordinator\tok", "Mars 2014\tKoordinator\tkanskje", 1)
    with pytest.raises(ValueError, match=r"line \d+, Utført: not 'ok' or blank: 'kanskje'"):
        hammerfest.read_tables(bad)
